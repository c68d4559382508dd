"""Recursive-descent parser: VBA module source -> :class:`nodes.Module`.

Why lenient: one unsupported line must not hide the rest of the module, and
refusal must name the exact line.  So a statement that does not parse becomes
a :class:`nodes.Refused` node (the checker reports it only if the macro being
run can reach it), and module-level lines we do not understand are recorded in
``Module.refusals`` (which refuse every macro of that module).
"""
from __future__ import annotations

from sheetsolver.vba import nodes as N
from sheetsolver.vba.lexer import EOF, ID, NL, NUM, STR, Token, tokenize

__all__ = ["parse_module"]

# Words that can never be a variable / start an expression.
_RESERVED = {
    "and", "or", "not", "xor", "eqv", "imp", "mod", "is", "like", "then", "else",
    "elseif", "end", "endif", "if", "for", "to", "step", "next", "do", "loop", "while",
    "until", "wend", "sub", "function", "property", "dim", "static", "redim", "as",
    "call", "set", "let", "exit", "const", "each", "in", "new", "private", "public",
    "global", "friend", "with", "select", "case", "goto", "gosub", "on", "resume",
    "declare", "option", "type", "enum", "rem", "byval", "byref", "optional",
    "paramarray", "event", "raiseevent", "implements", "attribute",
}
# Block-closing words; ``end sub`` etc. always stop a block so a broken
# construct cannot swallow the rest of the module.
_HARD_STOPS = {"end sub", "end function", "end property"}
# Block statements by their first word: the _Parser method that parses one (up to and
# including its closing line).
_BLOCK_PARSERS = {"if": "if_stmt", "for": "for_stmt", "do": "do_stmt", "while": "while_stmt",
                  "select": "select_stmt", "with": "with_stmt"}
_BLOCK_WORDS = set(_BLOCK_PARSERS)


class _ParseError(Exception):
    def __init__(self, tok: Token, detail: str = ""):
        super().__init__(detail)
        self.tok = tok
        self.detail = detail


def parse_module(name: str, source: str) -> N.Module:
    """Parse one module's source text (``Attribute`` lines are skipped)."""
    return _Parser(tokenize(source), name).module()


class _Parser:
    def __init__(self, toks: list[Token], module_name: str):
        self.t = toks
        self.i = 0
        self.mod = N.Module(module_name, {}, set(), {}, [])
        self.depth = 0            # expression nesting, bounded to keep recursion safe
        self.blocks = 0           # If/For/Do nesting, bounded likewise
        self.withs = 0            # open With blocks (a leading '.' is allowed inside)

    # ---- token helpers -------------------------------------------------
    @property
    def tok(self) -> Token:
        return self.t[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.t[min(self.i + k, len(self.t) - 1)]

    def advance(self) -> Token:
        tok = self.t[self.i]
        if tok.kind != EOF:
            self.i += 1
        return tok

    def accept_kw(self, *words: str) -> Token | None:
        if self.tok.is_kw(*words):
            return self.advance()
        return None

    def expect_kw(self, word: str) -> Token:
        if not self.tok.is_kw(word):
            raise _ParseError(self.tok, f"expected '{word}'")
        return self.advance()

    def expect_op(self, op: str) -> Token:
        if not self.tok.is_op(op):
            raise _ParseError(self.tok, f"expected '{op}'")
        return self.advance()

    def ident(self) -> str:
        tok = self.tok
        if tok.kind != ID or tok.value.lower() in _RESERVED:
            raise _ParseError(tok, "expected a name")
        self.advance()
        return tok.value

    def skip_line(self) -> None:
        while self.tok.kind not in (NL, EOF):
            self.advance()

    def skip_separators(self) -> None:
        while self.tok.kind == NL or self.tok.is_op(":"):
            self.advance()

    def at_stmt_end(self) -> bool:
        return self.tok.kind in (NL, EOF) or self.tok.is_op(":") or self.tok.is_kw("else")

    def end_stmt(self) -> None:
        if not self.at_stmt_end():
            raise _ParseError(self.tok, "unexpected text after statement")

    def term_at(self) -> str | None:
        """The block terminator at the current position, e.g. 'end if', or None."""
        tok = self.tok
        if tok.kind != ID:
            return None
        w = tok.value.lower()
        if w == "end" and self.peek().kind == ID:
            return "end " + self.peek().value.lower()
        if w == "endif":
            return "end if"
        if w in ("else", "elseif", "next", "loop", "wend", "case"):
            return w
        return None

    def consume_term(self, term: str) -> None:
        self.advance()
        if term.startswith("end ") and not self.t[self.i - 1].is_kw("endif"):
            self.advance()

    def close_block(self, term: str, message: str) -> None:
        """Consume the block terminator ``term`` ('end with', 'next', ...), else fail."""
        if self.term_at() != term:
            raise _ParseError(self.tok, message)
        self.consume_term(term)

    # ---- module level --------------------------------------------------
    def module(self) -> N.Module:
        while True:
            self.skip_separators()
            tok = self.tok
            if tok.kind == EOF:
                return self.mod
            start = self.i
            try:
                self.module_item()
            except _ParseError as exc:
                self.i = start
                self.refuse_module_line(exc.detail)

    def refuse_module_line(self, detail: str = "") -> None:
        tok = self.tok
        word = tok
        if tok.is_kw("private", "public", "global", "friend", "static") and \
                self.peek().kind == ID:
            word = self.peek()                    # 'Declare', not 'Private'
        self.mod.refusals.append(N.Refused(tok.line, _word(word), detail))
        self.skip_line()

    def module_item(self) -> None:
        tok = self.tok
        if tok.is_kw("option", "attribute"):
            self.skip_line()
            return
        private = False
        public = tok.is_kw("public", "global")
        if tok.is_kw("private", "public", "global", "friend", "static"):
            private = tok.is_kw("private")
            self.advance()
        if self.tok.is_kw("sub", "function", "property"):
            self.procedure(tok.line, private)
        elif self.tok.is_kw("dim", "const") or (tok.is_kw("private", "public", "global")
                                                 and self.tok.kind == ID
                                                 and not self.tok.is_kw(*_RESERVED)):
            if self.tok.is_kw("const"):
                stmt = self.const()
            else:
                stmt = self.declaration(keyword=self.tok.is_kw("dim"))
            self.end_stmt()
            if isinstance(stmt, N.DimStmt):
                self.mod.variables.update(n.lower() for n in stmt.names)
                self.mod.var_types.update(zip((n.lower() for n in stmt.names), stmt.types))
                if public:
                    self.mod.public.update(n.lower() for n in stmt.names)
            else:
                self.mod.constants[stmt.name.lower()] = stmt.value
                if public:
                    self.mod.public.add(stmt.name.lower())
        else:
            raise _ParseError(tok, "")

    def procedure(self, line: int, private: bool) -> None:
        kind = self.advance().value.lower()
        if kind == "property":
            self.accept_kw("get", "let", "set")
        name = self.ident()
        has_params = False
        if self.tok.is_op("("):
            self.advance()
            depth = 1
            while depth and self.tok.kind not in (NL, EOF):
                has_params = has_params or not self.tok.is_op(")")
                depth += self.tok.is_op("(") - self.tok.is_op(")")
                self.advance()
            if depth:
                raise _ParseError(self.tok, "unbalanced parentheses")
        if kind == "function" or kind == "property":
            self.skip_line()          # 'As Type'
        else:
            self.end_stmt()
        body = self.block({f"end {kind}"})
        self.close_block(f"end {kind}", f"{kind} {name!r} has no 'End {kind.title()}'")
        proc = N.Procedure(name, self.mod.name, line, private, body, kind, has_params)
        self.mod.procedures.setdefault(name.lower(), proc)

    # ---- statements ----------------------------------------------------
    def block(self, terms: set[str]) -> list[N.Stmt]:
        """Statements up to (not including) a terminator in ``terms`` or a hard stop."""
        if len(terms - _HARD_STOPS) and self.blocks >= _MAX_BLOCKS:
            raise _ParseError(self.tok, "blocks nested too deeply")
        self.blocks += 1
        try:
            return self._block(terms)
        finally:
            self.blocks -= 1

    def _block(self, terms: set[str]) -> list[N.Stmt]:
        out: list[N.Stmt] = []
        while True:
            self.skip_separators()
            if self.tok.kind == EOF:
                return out
            term = self.term_at()
            if term in terms or term in _HARD_STOPS:
                return out
            if self.tok.is_kw("attribute"):       # hidden procedure attributes
                self.skip_line()
                continue
            out.append(self.statement())

    def statement(self, single_line: bool = False) -> N.Stmt:
        start = self.i
        tok = self.tok
        try:
            if single_line and tok.is_kw(*_BLOCK_WORDS - {"if"}):
                raise _ParseError(tok, "block statement inside a single-line If")
            return self.statement_inner()
        except _ParseError as exc:
            self.i = start
            self.skip_line()
            return N.Refused(tok.line, _word(tok), exc.detail)

    def statement_inner(self) -> N.Stmt:
        tok = self.tok
        line = tok.line
        if tok.is_kw("dim", "static"):
            stmt = self.declaration()
        elif tok.is_kw("const"):
            stmt = self.const()
        elif tok.is_kw(*_BLOCK_WORDS):
            return getattr(self, _BLOCK_PARSERS[tok.value.lower()])()
        elif tok.is_kw("debug") and self.peek().is_op(".") and self.peek(2).is_kw("print"):
            self.advance()
            self.advance()
            self.advance()
            items = []
            while not self.at_stmt_end():
                if self.tok.is_op(";", ","):
                    self.advance()
                    continue
                items.append(self.expr())
            stmt = N.PrintStmt(line, items)
        elif tok.is_kw("exit"):
            self.advance()
            kind = self.accept_kw("sub", "for", "do")
            if kind is None:
                raise _ParseError(self.tok, "only Exit Sub/For/Do are supported")
            stmt = N.ExitStmt(line, kind.value.lower())
        elif tok.is_kw("call"):
            self.advance()
            target = self.postfix()
            stmt = N.CallStmt(line, target, [], explicit_call=True)
        elif tok.is_kw("let", "set"):
            self.advance()
            target = self.postfix()
            self.expect_op("=")
            stmt = N.Assign(line, target, self.expr(), is_set=tok.is_kw("set"))
        elif (tok.kind == ID and tok.value.lower() not in _RESERVED) or \
                (tok.is_op(".") and self.withs and self.peek().kind == ID):
            target = self.postfix()
            if self.tok.is_op("="):
                self.advance()
                stmt = N.Assign(line, target, self.expr())
            elif self.at_stmt_end():
                stmt = N.CallStmt(line, target, [])
            else:
                stmt = N.CallStmt(line, target, self.arg_list(closing=None))
        else:
            raise _ParseError(tok, "")
        self.end_stmt()
        return stmt

    def declaration(self, keyword: bool = True) -> N.DimStmt:
        """``Dim a As T, b`` (``keyword=False``: the Dim was ``Private``/``Public``)."""
        line = self.advance().line if keyword else self.tok.line
        names, types = [], []
        while True:
            name = self.tok.value if self.tok.kind == ID else ""
            names.append(self.ident())
            typ = _SUFFIX_TYPES.get(name[-1:]) if name else None
            if self.tok.is_op(*_SUFFIX_TYPES) and self.peek().kind != ID:
                typ = _SUFFIX_TYPES[self.advance().value]      # Dim n%, s$
            if self.tok.is_op("("):
                raise _ParseError(self.tok, "arrays are not supported")
            if self.accept_kw("as"):
                if self.tok.is_kw("new"):
                    raise _ParseError(self.tok, "'As New' is not supported")
                typ = self.ident_or_type()
                if self.tok.is_op("*"):                          # String * 10
                    raise _ParseError(self.tok, "fixed-length strings are not supported")
            types.append(typ)
            if not self.tok.is_op(","):
                return N.DimStmt(line, names, types)
            self.advance()

    def ident_or_type(self) -> str:
        """A type name such as ``Long``, ``Range`` or ``Excel.Range``; returns the
        last part, lower-case."""
        if self.tok.kind != ID:
            raise _ParseError(self.tok, "expected a type name")
        last = self.advance().value
        while self.tok.is_op(".") and self.peek().kind == ID:
            self.advance()
            last = self.advance().value
        return last.lower()

    def const(self) -> N.ConstStmt:
        line = self.expect_kw("const").line
        name = self.ident()
        if self.accept_kw("as"):
            self.ident_or_type()
        self.expect_op("=")
        return N.ConstStmt(line, name, self.expr())

    def if_stmt(self) -> N.Stmt:
        line = self.expect_kw("if").line
        cond = self.expr()
        self.expect_kw("then")
        if self.tok.kind in (NL, EOF):
            return self.block_if(line, cond)
        body = self.single_line_body()
        orelse: list[N.Stmt] = []
        if self.accept_kw("else"):
            orelse = self.single_line_body()
        if self.tok.kind not in (NL, EOF):
            raise _ParseError(self.tok, "unexpected text in single-line If")
        return N.IfStmt(line, [(cond, body)], orelse)

    def single_line_body(self) -> list[N.Stmt]:
        out = []
        while True:
            while self.tok.is_op(":"):
                self.advance()
            if self.tok.kind in (NL, EOF) or self.tok.is_kw("else"):
                return out
            stmt = self.statement(single_line=True)
            out.append(stmt)
            if isinstance(stmt, N.Refused):
                return out

    def block_if(self, line: int, cond) -> N.IfStmt:
        terms = {"elseif", "else", "end if"}
        branches = [(cond, self.block(terms))]
        orelse: list[N.Stmt] = []
        while True:
            term = self.term_at()
            if term == "elseif":
                self.advance()
                c = self.expr()
                self.expect_kw("then")
                branches.append((c, self.block(terms)))
            elif term == "else":
                self.advance()
                orelse = self.block({"end if"})
                if self.term_at() != "end if":
                    raise _ParseError(self.tok, "If without End If")
            elif term == "end if":
                self.consume_term(term)
                return N.IfStmt(line, branches, orelse)
            else:
                raise _ParseError(self.tok, "If without End If")

    def for_stmt(self) -> N.ForStmt:
        line = self.expect_kw("for").line
        if self.tok.is_kw("each"):
            raise _ParseError(self.tok, "For Each is not supported")
        var = self.ident()
        self.expect_op("=")
        start = self.expr()
        self.expect_kw("to")
        stop = self.expr()
        step = self.expr() if self.accept_kw("step") else None
        body = self.block({"next"})
        self.close_block("next", "For without Next")
        if self.tok.kind == ID and not self.tok.is_kw("else"):
            if self.tok.value.lower() != var.lower():
                raise _ParseError(self.tok, f"'Next {self.tok.value}' does not match 'For {var}'")
            self.advance()
        self.end_stmt()
        return N.ForStmt(line, var, start, stop, step, body)

    def do_stmt(self) -> N.DoStmt:
        line = self.expect_kw("do").line
        pre = self.loop_cond()
        body = self.block({"loop"})
        self.close_block("loop", "Do without Loop")
        post = self.loop_cond()
        if pre and post:
            raise _ParseError(self.tok, "Do loop with two conditions")
        self.end_stmt()
        return N.DoStmt(line, pre, post, body)

    def loop_cond(self):
        kw = self.accept_kw("while", "until")
        return (kw.value.lower(), self.expr()) if kw else None

    def select_stmt(self) -> N.SelectStmt:
        line = self.expect_kw("select").line
        self.expect_kw("case")
        subject = self.expr()
        self.end_stmt()
        self.skip_separators()
        cases: list = []
        orelse: list[N.Stmt] = []
        while True:
            term = self.term_at()
            if term == "end select":
                self.consume_term(term)
                return N.SelectStmt(line, subject, cases, orelse)
            if term != "case":
                raise _ParseError(self.tok, "Select Case without End Select")
            self.advance()
            if self.accept_kw("else"):
                orelse = self.block({"end select", "case"})
                if self.term_at() != "end select":
                    raise _ParseError(self.tok, "Case Else must be the last Case")
                continue
            tests = []
            while True:
                if self.accept_kw("is"):
                    if not self.tok.is_op("=", "<>", "<", ">", "<=", ">="):
                        raise _ParseError(self.tok, "expected a comparison after 'Case Is'")
                    op = self.advance().value
                    tests.append(("is", op, self.concat()))
                elif self.tok.is_op("=", "<>", "<", ">", "<=", ">="):
                    op = self.advance().value                    # 'Case > 5' (editor adds Is)
                    tests.append(("is", op, self.concat()))
                else:
                    lo = self.expr()
                    if self.accept_kw("to"):
                        tests.append(("to", lo, self.expr()))
                    else:
                        tests.append(("eq", lo))
                if not self.tok.is_op(","):
                    break
                self.advance()
            cases.append((tests, self.block({"end select", "case"})))

    def with_stmt(self) -> N.WithStmt:
        line = self.expect_kw("with").line
        obj = self.expr()
        self.end_stmt()
        self.withs += 1
        try:
            body = self.block({"end with"})
        finally:
            self.withs -= 1
        self.close_block("end with", "With without End With")
        self.end_stmt()
        return N.WithStmt(line, obj, body)

    def while_stmt(self) -> N.DoStmt:
        line = self.expect_kw("while").line
        cond = self.expr()
        body = self.block({"wend"})
        self.close_block("wend", "While without Wend")
        self.end_stmt()
        return N.DoStmt(line, ("while", cond), None, body)

    # ---- expressions ---------------------------------------------------
    def arg_list(self, closing: str | None) -> list[N.Arg]:
        """Arguments up to ``closing`` (')') or, for ``closing=None``, statement end."""
        args: list[N.Arg] = []
        if closing and self.tok.is_op(closing):
            return args
        while True:
            name = None
            if self.tok.kind == ID and self.peek().is_op(":="):
                name = self.advance().value
                self.advance()
            if name is None and closing and (self.tok.is_op(",") or self.tok.is_op(closing)):
                args.append(N.Arg(None, None))        # omitted: Offset(, 3)
            else:
                args.append(N.Arg(name, self.expr()))
            if not self.tok.is_op(","):
                return args
            self.advance()

    def expr(self):
        """An expression; nesting is bounded so parser, checker and runtime
        (all recursive) stay far from Python's recursion limit."""
        self.nest(+1)
        try:
            node = self.binary(0)
        finally:
            self.depth -= 1
        if self.depth == 0 and _tree_depth(node) > _MAX_TREE_DEPTH:
            raise _ParseError(self.tok, "expression too long or nested too deeply")
        return node

    def nest(self, k: int) -> None:
        self.depth += k
        if self.depth > _MAX_NESTING:
            raise _ParseError(self.tok, "expression nested too deeply")

    _LEVELS = [("imp",), ("eqv",), ("xor",), ("or",), ("and",)]

    def binary(self, level: int):
        if level == len(self._LEVELS):
            return self.not_expr()
        left = self.binary(level + 1)
        while self.tok.is_kw(*self._LEVELS[level]):
            op = self.advance().value.lower()
            left = N.Binary(op, left, self.binary(level + 1))
        return left

    def not_expr(self):
        if self.accept_kw("not"):
            self.nest(+1)
            try:
                return N.Unary("not", self.not_expr())
            finally:
                self.depth -= 1
        return self.comparison()

    def comparison(self):
        left = self.concat()
        while self.tok.is_op("=", "<>", "<", ">", "<=", ">=") or self.tok.is_kw("is", "like"):
            if self.tok.kind == ID:
                raise _ParseError(self.tok, f"'{self.tok.value}' operator is not supported")
            op = self.advance().value
            left = N.Binary(op, left, self.concat())
        return left

    def _left_assoc(self, sub, ops: tuple[str, ...], kw: bool = False):
        left = sub()
        while (self.tok.is_kw(*ops) if kw else self.tok.is_op(*ops)):
            op = self.advance().value
            left = N.Binary(op.lower(), left, sub())
        return left

    def concat(self):
        return self._left_assoc(self.additive, ("&",))

    def additive(self):
        return self._left_assoc(self.modulo, ("+", "-"))

    def modulo(self):
        return self._left_assoc(self.intdiv, ("mod",), kw=True)

    def intdiv(self):
        return self._left_assoc(self.multiplicative, ("\\",))

    def multiplicative(self):
        return self._left_assoc(self.unary, ("*", "/"))

    def unary(self):
        return self._sign_prefixed(self.unary, self.power)

    def power(self):
        left = self.postfix()
        while self.tok.is_op("^"):
            self.advance()
            left = N.Binary("^", left, self.power_operand())
        return left

    def power_operand(self):
        return self._sign_prefixed(self.power_operand, self.postfix)

    def _sign_prefixed(self, operand, otherwise):
        """``-x`` or ``+x`` with x parsed by ``operand`` (nesting counted), else ``otherwise()``."""
        if self.tok.is_op("-", "+"):
            op = self.advance().value
            self.nest(+1)
            try:
                return N.Unary(op, operand())
            finally:
                self.depth -= 1
        return otherwise()

    def postfix(self):
        tok = self.tok
        if tok.kind == NUM:
            self.advance()
            node = N.Num(tok.value)
        elif tok.kind == STR:
            self.advance()
            node = N.Str(tok.value)
        elif tok.is_op("("):
            self.advance()
            node = self.expr()
            self.expect_op(")")
        elif tok.kind == ID and tok.value.lower() not in _RESERVED:
            self.advance()
            node = N.Name(tok.value)
        elif tok.is_op(".") and self.withs and self.peek().kind == ID:
            node = N.WithRef()                  # '.Value' inside With: the loop adds .Value
        else:
            raise _ParseError(tok, "")
        while True:
            if self.tok.is_op(".") and self.peek().kind == ID:
                self.advance()
                node = N.Member(node, self.advance().value)
            elif self.tok.is_op("(") and isinstance(node, (N.Name, N.Member, N.CallExpr)):
                self.advance()
                args = self.arg_list(closing=")")
                self.expect_op(")")
                node = N.CallExpr(node, args)
            else:
                return node


_SUFFIX_TYPES = {"%": "integer", "&": "long", "!": "single", "#": "double", "$": "string",
                 "@": "currency"}
_MAX_BLOCKS = 30         # nested If/For/Do blocks
_MAX_NESTING = 25        # parentheses / unary operators inside one expression
_MAX_TREE_DEPTH = 120    # operators and member/call links along one path


def _tree_depth(node) -> int:
    """Depth of an expression tree, computed without recursion."""
    best, stack = 0, [(node, 1)]
    while stack:
        n, d = stack.pop()
        best = max(best, d)
        if isinstance(n, N.Binary):
            stack += [(n.left, d + 1), (n.right, d + 1)]
        elif isinstance(n, N.Unary):
            stack.append((n.operand, d + 1))
        elif isinstance(n, N.Member):
            stack.append((n.obj, d + 1))
        elif isinstance(n, N.CallExpr):
            stack.append((n.func, d + 1))
            stack += [(a.value, d + 1) for a in n.args if a.value is not None]
    return best


def _word(tok: Token) -> str:
    """How a refused token is named in messages."""
    if tok.kind == ID:
        return tok.value
    if tok.kind == STR:
        return f'"{tok.value}"'
    if tok.kind in (NL, EOF):
        return "end of line"
    return str(tok.value)
