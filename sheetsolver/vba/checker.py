"""Static check: is every statement reachable from a macro inside the subset?

Why static: a macro must be refused *before* it changes any cell.  The checker
walks the macro and every Sub it calls, infers the object type of each
expression (value, Range, Worksheet, Application) and accepts only the names,
members and argument values listed in the tables below.  The runtime
(:mod:`sheetsolver.vba.runtime`) implements exactly these table entries.
"""
from __future__ import annotations

from dataclasses import dataclass

from sheetsolver.vba import nodes as N

VALUE, RANGE, SHEET, APP, WINDOW = "value", "range", "sheet", "app", "window"

# Excel / VBA constants (lower-case name -> value).
CONSTANTS: dict[str, object] = {
    "true": True, "false": False, "empty": None, "vbnullstring": "",
    "xlcalculationmanual": -4135, "xlcalculationautomatic": -4105,
    "xlcalculationsemiautomatic": 2, "xlmanual": -4135, "xlautomatic": -4105,
    "xlpastevalues": -4163, "xlpastevaluesandnumberformats": 12, "xlpasteall": -4104,
    "xlvalues": -4163, "xlformulas": -4123,   # older spellings (same numbers)
    "xlpasteformulas": -4123, "xlnone": -4142, "xlpastespecialoperationnone": -4142,
    "xldown": -4121, "xlup": -4162, "xltoleft": -4159, "xltoright": -4161,
    "vbokonly": 0, "vbinformation": 64, "vbexclamation": 48, "vbcritical": 16, "vbok": 1,
    "vbcrlf": "\r\n", "vbnewline": "\r\n", "vbtab": "\t", "vbcr": "\r", "vblf": "\n",
}
CALC_MODES = {-4135: "manual", -4105: "automatic", 2: "automatic"}
PASTE_VALUES = {-4163, 12}

# Global names: objects, value functions and statement-only procedures.
GLOBAL_OBJECTS = {"activesheet": SHEET, "me": SHEET, "application": APP, "selection": RANGE,
                  "activecell": RANGE, "activewindow": WINDOW}
GLOBAL_STATEMENTS = {"calculate", "doevents"}
# Properties that may be written but not read (we keep values, not formula text).
WRITE_ONLY = {(RANGE, "formula"), (RANGE, "formular1c1")}
# Statements that print their arguments (no window opens): MsgBox prompt[, buttons[, title]].
PRINT_STATEMENTS = {"msgbox": ("Prompt", "Buttons", "Title")}


@dataclass(frozen=True)
class Sig:
    """A callable member: parameter names (VBA spelling), how many are required,
    and the static type of the result (None: statement only)."""
    params: tuple[str, ...]
    required: int
    result: str | None


_RANGE_FN = Sig(("Cell1", "Cell2"), 1, RANGE)
_CELLS_FN = Sig(("RowIndex", "ColumnIndex"), 2, RANGE)
_SHEETS_FN = Sig(("Index",), 1, SHEET)
_MATH1 = Sig(("Number",), 1, VALUE)
GLOBAL_FUNCS: dict[str, Sig] = {
    "range": _RANGE_FN, "cells": _CELLS_FN, "sheets": _SHEETS_FN, "worksheets": _SHEETS_FN,
    "abs": _MATH1, "sqr": _MATH1, "int": _MATH1, "fix": _MATH1, "exp": _MATH1,
    "log": _MATH1, "cdbl": _MATH1, "round": Sig(("Number", "NumDigitsAfterDecimal"), 1, VALUE),
    "clng": _MATH1, "cint": _MATH1, "sgn": _MATH1,
    "cstr": Sig(("Expression",), 1, VALUE), "len": Sig(("String",), 1, VALUE),
    "msgbox": Sig(("Prompt", "Buttons", "Title"), 1, VALUE),
}
# VBA's declared types we honour on assignment (others: refused); None = Variant.
SCALAR_TYPES = {"integer", "long", "longlong", "byte", "double", "single", "currency",
                "string", "boolean", "variant", "date"}
OBJECT_TYPES = {"range": RANGE, "worksheet": SHEET, "object": None}

# (object type, member) -> (result type, settable)
PROPERTIES: dict[tuple[str, str], tuple[str, bool]] = {
    (APP, "calculation"): (VALUE, True), (APP, "screenupdating"): (VALUE, True),
    (APP, "cutcopymode"): (VALUE, True), (APP, "enableevents"): (VALUE, True),
    (APP, "displayalerts"): (VALUE, True), (APP, "activesheet"): (SHEET, False),
    (APP, "selection"): (RANGE, False), (APP, "activecell"): (RANGE, False),
    (APP, "activewindow"): (WINDOW, False), (APP, "statusbar"): (VALUE, True),
    (WINDOW, "scrollrow"): (VALUE, True), (WINDOW, "scrollcolumn"): (VALUE, True),
    (RANGE, "formula"): (VALUE, True), (RANGE, "formular1c1"): (VALUE, True),
    (SHEET, "name"): (VALUE, False),
    (RANGE, "value"): (VALUE, True), (RANGE, "value2"): (VALUE, True),
    (RANGE, "row"): (VALUE, False), (RANGE, "column"): (VALUE, False),
}
# (object type, member) -> signature; result None = statement-only method.
METHODS: dict[tuple[str, str], Sig] = {
    (APP, "range"): _RANGE_FN, (APP, "cells"): _CELLS_FN,
    (APP, "sheets"): _SHEETS_FN, (APP, "worksheets"): _SHEETS_FN,
    (APP, "calculate"): Sig((), 0, None),
    (SHEET, "range"): _RANGE_FN, (SHEET, "cells"): _CELLS_FN,
    (SHEET, "calculate"): Sig((), 0, None), (SHEET, "activate"): Sig((), 0, None),
    (SHEET, "select"): Sig((), 0, None),
    (RANGE, "end"): Sig(("Direction",), 1, RANGE),
    (RANGE, "offset"): Sig(("RowOffset", "ColumnOffset"), 0, RANGE),
    (RANGE, "resize"): Sig(("RowSize", "ColumnSize"), 0, RANGE),
    (RANGE, "cells"): _CELLS_FN,
    (RANGE, "copy"): Sig(("Destination",), 0, None),
    (RANGE, "pastespecial"): Sig(("Paste", "Operation", "SkipBlanks", "Transpose"), 0, None),
    (RANGE, "clear"): Sig((), 0, None), (RANGE, "clearcontents"): Sig((), 0, None),
    (RANGE, "select"): Sig((), 0, None), (RANGE, "activate"): Sig((), 0, None),
    (RANGE, "range"): _RANGE_FN,              # relative: ActiveCell.Offset(1, 0).Range("A1")
    (WINDOW, "smallscroll"): Sig(("Down", "Up", "ToRight", "ToLeft"), 0, None),
    (WINDOW, "largescroll"): Sig(("Down", "Up", "ToRight", "ToLeft"), 0, None),
}


class Refusal(Exception):
    """Internal: a refused construct at ``line`` (converted to MacroRefused)."""

    def __init__(self, line: int, word: str, detail: str = ""):
        super().__init__(word)
        self.line, self.word, self.detail = line, word, detail


def bind_args(sig: Sig, args: list[N.Arg], line: int, word: str) -> dict[str, object]:
    """Map positional/named arguments to lower-case parameter names."""
    names = [p.lower() for p in sig.params]
    bound: dict[str, object] = {}
    for k, arg in enumerate(args):
        if arg.name is None:
            if any(a.name for a in args[:k]):
                raise Refusal(line, word, "positional argument after a named one")
            if k >= len(names):
                raise Refusal(line, word, f"too many arguments (at most {len(names)})")
            key = names[k]
        else:
            key = arg.name.lower()
            if key not in names:
                raise Refusal(line, word, f"unsupported argument '{arg.name}:='")
        if key in bound:
            raise Refusal(line, word, f"argument '{key}' given twice")
        if arg.value is not None:                 # None: omitted positional argument
            bound[key] = arg.value
    missing = [p for p in names[:sig.required] if p not in bound]
    if missing:
        raise Refusal(line, word, f"missing argument '{missing[0]}'")
    return bound


def const_value(expr, line: int, word: str, what: str = "argument"):
    """Value of a constant expression (literal, xl* constant, negation)."""
    if isinstance(expr, N.Num | N.Str):
        return expr.value
    if isinstance(expr, N.Name) and expr.name.lower() in CONSTANTS:
        return CONSTANTS[expr.name.lower()]
    if isinstance(expr, N.Unary) and expr.op in "-+":
        v = const_value(expr.operand, line, word, what)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return -v if expr.op == "-" else v
    raise Refusal(line, word, f"{what} must be a constant")


def check_special_args(key: tuple[str, str], bound: dict, line: int, word: str) -> None:
    """Argument values the runtime cannot honour are refused here."""
    if key == (RANGE, "end"):
        if const_value(bound["direction"], line, word) != CONSTANTS["xldown"]:
            raise Refusal(line, word, "only .End(xlDown) is supported")
    elif key == (RANGE, "copy"):
        if "destination" in bound:
            raise Refusal(line, word, "Copy Destination:= copies formulas; only "
                          "Copy + PasteSpecial Paste:=xlPasteValues is supported")
    elif key == (RANGE, "pastespecial"):
        if "paste" not in bound or const_value(bound["paste"], line, word) not in PASTE_VALUES:
            raise Refusal(line, word, "only PasteSpecial Paste:=xlPasteValues is supported")
        if "operation" in bound and const_value(bound["operation"], line, word) != -4142:
            raise Refusal(line, word, "PasteSpecial Operation:= is not supported")
        for flag in ("skipblanks", "transpose"):
            if flag in bound and const_value(bound[flag], line, word):
                raise Refusal(line, word, f"PasteSpecial {flag.title()}:=True is not supported")


class ProcChecker:
    """Checks one procedure; ``calls`` collects the Subs it calls (with lines)."""

    def __init__(self, proc: N.Procedure, module: N.Module, resolve_sub, public_var=None,
                 is_module=None):
        self.proc, self.module, self._resolve_sub = proc, module, resolve_sub
        self._public_var = public_var or (lambda name: None)     # name -> owning Module
        self._is_module = is_module or (lambda name: False)
        self.locals: dict[str, str] = {}
        self.calls: list[tuple[N.Procedure, int]] = []
        self._open_loops: list[str] = []
        self._withs: list[str] = []          # types of the open With objects
        self._collect_locals(proc.body)

    def resolve_sub(self, name: str, line: int):
        """The Sub ``name`` refers to, or None; refusals get ``line``."""
        try:
            return self._resolve_sub(name)
        except Refusal as r:
            raise Refusal(line, r.word, r.detail) from None

    # ---- scope ---------------------------------------------------------
    def _collect_locals(self, body: list[N.Stmt]) -> None:
        for stmt in _walk(body):
            if isinstance(stmt, N.DimStmt):
                for n, t in zip(stmt.names, stmt.types or [None] * len(stmt.names)):
                    if t is not None and t not in SCALAR_TYPES and t not in OBJECT_TYPES:
                        raise Refusal(stmt.line, n, f"variables of type {t!r} are not supported")
                    if t in OBJECT_TYPES and OBJECT_TYPES[t] is not None:
                        self.locals[n.lower()] = OBJECT_TYPES[t]
                    else:
                        self.locals.setdefault(n.lower(), VALUE)
            elif isinstance(stmt, N.ConstStmt):
                self.locals[stmt.name.lower()] = VALUE
            elif isinstance(stmt, N.ForStmt):
                self.locals[stmt.var.lower()] = VALUE
            elif isinstance(stmt, N.Assign) and isinstance(stmt.target, N.Name):
                name = stmt.target.name.lower()
                if not stmt.is_set:
                    self.locals.setdefault(name, VALUE)
        # ``Set x = <object>`` makes x an object variable of that type.
        for stmt in _walk(body):
            if isinstance(stmt, N.Assign) and stmt.is_set and isinstance(stmt.target, N.Name):
                try:
                    typ = self.expr(stmt.value, stmt.line)
                except Refusal:
                    typ = VALUE          # reported when the statement is checked
                self.locals[stmt.target.name.lower()] = typ

    def name_type(self, name: str, line: int) -> str:
        key = name.lower()
        if key in self.locals:
            return self.locals[key]
        if key in self.module.constants:        # module-level Const: literals only
            const_value(self.module.constants[key], line, name, "module-level Const value")
            return VALUE
        if key in self.module.variables or key in CONSTANTS:
            return VALUE
        if key in GLOBAL_OBJECTS:
            return GLOBAL_OBJECTS[key]
        owner = self._public_var(key)
        if owner is not None:                         # Public variable/Const of a standard module
            if key in owner.constants:
                const_value(owner.constants[key], line, name, "module-level Const value")
            return VALUE
        raise Refusal(line, name, "unknown name")

    # ---- expressions ---------------------------------------------------
    def expr(self, e, line: int) -> str:
        """Static type of ``e`` in a context that reads it."""
        if isinstance(e, N.Num | N.Str):
            return VALUE
        if isinstance(e, N.Name):
            return self.name_type(e.name, line)
        if isinstance(e, N.WithRef):
            if not self._withs:
                raise Refusal(line, ".", "'.member' outside a With block")
            return self._withs[-1]
        if isinstance(e, N.Unary):
            self.value(e.operand, line)
            return VALUE
        if isinstance(e, N.Binary):
            self.value(e.left, line)
            self.value(e.right, line)
            return VALUE
        if isinstance(e, N.Member):
            typ = self.expr(e.obj, line)
            if (typ, e.name.lower()) in WRITE_ONLY:
                raise Refusal(line, e.name, "reading formulas is not supported (use .Value)")
            if (typ, e.name.lower()) in PROPERTIES:
                return PROPERTIES[(typ, e.name.lower())][0]
            sig = METHODS.get((typ, e.name.lower()))
            if sig is not None and sig.result is not None and sig.required == 0:
                return sig.result       # e.g. ``.Offset`` without arguments
            raise Refusal(line, e.name, f"unknown member of {typ}")
        if isinstance(e, N.CallExpr):
            return self.call_expr(e, line)
        raise Refusal(line, type(e).__name__)

    def value(self, e, line: int) -> None:
        """``e`` is used as a value (a Range reads its default ``.Value``)."""
        typ = self.expr(e, line)
        if typ not in (VALUE, RANGE):
            raise Refusal(line, _describe(e), f"a {typ} object is not a value")

    def call_expr(self, e: N.CallExpr, line: int) -> str:
        func = e.func
        if isinstance(func, N.Name):
            key = func.name.lower()
            if key in self.locals:
                raise Refusal(line, func.name, "arrays are not supported")
            sig = GLOBAL_FUNCS.get(key)
            if sig is None:
                if self.resolve_sub(func.name, line) is not None:
                    raise Refusal(line, func.name, "Subs have no value and take no arguments")
                raise Refusal(line, func.name, "unknown function")
            self._check_args(sig, e.args, line, func.name, None)
            return sig.result
        if isinstance(func, N.Member):
            typ = self.expr(func.obj, line)
            key = (typ, func.name.lower())
            sig = METHODS.get(key)
            if sig is None or sig.result is None:
                raise Refusal(line, func.name, f"unknown method of {typ}")
            self._check_args(sig, e.args, line, func.name, key)
            return sig.result
        raise Refusal(line, _describe(func), "not callable")

    def _check_args(self, sig: Sig, args: list[N.Arg], line: int, word: str, key) -> None:
        bound = bind_args(sig, args, line, word)
        if key is not None:
            check_special_args(key, bound, line, word)
        for value in bound.values():
            self.value(value, line)

    # ---- statements ----------------------------------------------------
    def check_body(self, body: list[N.Stmt]) -> None:
        for stmt in body:
            self.stmt(stmt)

    def stmt(self, s: N.Stmt) -> None:
        check = _CHECK.get(s.__class__)
        if check is None:
            raise Refusal(s.line, type(s).__name__)
        check(self, s)

    def refused(self, s: N.Refused) -> None:
        raise Refusal(s.line, s.word, s.detail)

    def exit_stmt(self, s: N.ExitStmt) -> None:
        if s.kind != "sub" and s.kind not in self._open_loops:
            raise Refusal(s.line, "Exit", f"Exit {s.kind.title()} outside a {s.kind.title()} loop")

    def dim_stmt(self, s: N.DimStmt) -> None:
        """Nothing to check: the locals were collected up front."""

    def print_stmt(self, s: N.PrintStmt) -> None:
        for item in s.items:
            self.value(item, s.line)

    def with_stmt(self, s: N.WithStmt) -> None:
        typ = self.expr(s.obj, s.line)
        if typ == VALUE:
            raise Refusal(s.line, "With", "With needs an object (Range, Worksheet, ...)")
        self._withs.append(typ)
        try:
            self.check_body(s.body)
        finally:
            self._withs.pop()

    def select_stmt(self, s: N.SelectStmt) -> None:
        self.value(s.subject, s.line)
        for tests, body in s.cases:
            for test in tests:
                for e in test[1:]:
                    if not isinstance(e, str):
                        self.value(e, s.line)
            self.check_body(body)
        self.check_body(s.orelse)

    def const_stmt(self, s: N.ConstStmt) -> None:
        self.value(s.value, s.line)

    def if_stmt(self, s: N.IfStmt) -> None:
        for cond, body in s.branches:
            self.value(cond, s.line)
            self.check_body(body)
        self.check_body(s.orelse)

    def for_stmt(self, s: N.ForStmt) -> None:
        for e in (s.start, s.stop, s.step):
            if e is not None:
                self.value(e, s.line)
        self._loop_body("for", s.body)

    def do_stmt(self, s: N.DoStmt) -> None:
        for cond in (s.pre, s.post):
            if cond is not None:
                self.value(cond[1], s.line)
        self._loop_body("do", s.body)

    def _loop_body(self, kind: str, body: list[N.Stmt]) -> None:
        self._open_loops.append(kind)
        try:
            self.check_body(body)
        finally:
            self._open_loops.pop()

    def assign(self, s: N.Assign) -> None:
        t, line = s.target, s.line
        if s.is_set:
            typ = self.expr(s.value, line)          # names e.g. CreateObject first
            if not isinstance(t, N.Name) or self.locals.get(t.name.lower()) not in (RANGE, SHEET):
                raise Refusal(line, "Set", "only 'Set local = <Range or Worksheet>' is supported")
            if typ != self.locals[t.name.lower()]:
                raise Refusal(line, "Set", "object variable assigned two different types")
            return
        if isinstance(t, N.Name):
            key = t.name.lower()
            if self.locals.get(key) == VALUE or key in self.module.variables \
                    or (key not in self.locals and self._public_var(key) is not None):
                self.value(s.value, line)
                return
            if self.locals.get(key) == RANGE:        # default property: x = 1
                self.value(s.value, line)
                return
            raise Refusal(line, t.name, "cannot assign to this name")
        if isinstance(t, N.Member):
            typ = self.expr(t.obj, line)
            prop = PROPERTIES.get((typ, t.name.lower()))
            if prop is None or not prop[1]:
                raise Refusal(line, t.name, f"cannot assign to this member of {typ}")
        elif isinstance(t, N.CallExpr):
            if self.expr(t, line) != RANGE:              # Range("x") = 1
                raise Refusal(line, _describe(t), "cannot assign to this")
        else:
            raise Refusal(line, _describe(t), "cannot assign to this")
        self.value(s.value, line)

    def call_stmt(self, s: N.CallStmt) -> None:
        target, args, line = s.target, s.args, s.line
        if isinstance(target, N.CallExpr) and not args:
            target, args = target.func, target.args       # foo(...) / obj.M(...)
        if isinstance(target, N.Name):
            proc = self.resolve_sub(target.name, line)
            if proc is not None:
                if args:
                    raise Refusal(line, target.name, "calls with arguments are not supported")
                self.calls.append((proc, line, target.name))
                return
            if target.name.lower() in GLOBAL_STATEMENTS and not args:
                return
            if target.name.lower() in PRINT_STATEMENTS:
                self._check_args(Sig(PRINT_STATEMENTS[target.name.lower()], 1, None), args,
                                 line, target.name, None)
                return
            raise Refusal(line, target.name, "unknown statement or Sub")
        if isinstance(target, N.Member) and isinstance(target.obj, N.Name) \
                and target.obj.name.lower() not in self.locals \
                and self._is_module(target.obj.name):           # Module1.helper
            proc = self.resolve_sub(f"{target.obj.name}.{target.name}", line)
            if proc is None:
                raise Refusal(line, target.name, f"no Sub {target.name!r} in module "
                                                 f"{target.obj.name!r}")
            if args:
                raise Refusal(line, target.name, "calls with arguments are not supported")
            self.calls.append((proc, line, f"{target.obj.name}.{target.name}"))
            return
        if isinstance(target, N.Member):
            typ = self.expr(target.obj, line)
            key = (typ, target.name.lower())
            sig = METHODS.get(key)
            if sig is None or sig.result is not None:
                raise Refusal(line, target.name, f"unknown method of {typ}")
            self._check_args(sig, args, line, target.name, key)
            return
        raise Refusal(line, _describe(target), "not a statement")


# how ProcChecker.stmt checks each kind of statement
_CHECK = {N.Refused: ProcChecker.refused, N.ExitStmt: ProcChecker.exit_stmt,
          N.DimStmt: ProcChecker.dim_stmt, N.PrintStmt: ProcChecker.print_stmt,
          N.WithStmt: ProcChecker.with_stmt, N.SelectStmt: ProcChecker.select_stmt,
          N.ConstStmt: ProcChecker.const_stmt, N.Assign: ProcChecker.assign,
          N.CallStmt: ProcChecker.call_stmt, N.IfStmt: ProcChecker.if_stmt,
          N.ForStmt: ProcChecker.for_stmt, N.DoStmt: ProcChecker.do_stmt}


def _walk(body: list[N.Stmt]):
    """All statements of a body, nested blocks included."""
    for s in body:
        yield s
        if isinstance(s, N.IfStmt):
            for _, b in s.branches:
                yield from _walk(b)
            yield from _walk(s.orelse)
        elif isinstance(s, N.ForStmt | N.DoStmt | N.WithStmt):
            yield from _walk(s.body)
        elif isinstance(s, N.SelectStmt):
            for _, b in s.cases:
                yield from _walk(b)
            yield from _walk(s.orelse)


def _describe(e) -> str:
    """Short source-like name of an expression for messages."""
    if isinstance(e, N.Name):
        return e.name
    if isinstance(e, N.Member):
        return e.name
    if isinstance(e, N.CallExpr):
        return _describe(e.func)
    return type(e).__name__
