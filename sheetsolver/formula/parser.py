"""Formula text -> syntax tree (``ast``), for a given host cell.

A hand-written tokenizer and precedence-climbing parser following Excel's
operator precedence: ``:`` > unary ``-``/``+`` > ``%`` > ``^`` > ``* /`` > ``+ -``
> ``&`` > comparisons. Note Excel's rule that ``-2^2`` is 4 (negation binds
tighter than ``^``). Function-name prefixes that Excel writes into files
(``_xlfn.``, ``_xlws.``, ``_xlpm.``) are removed so ``_xlfn.SINGLE`` is ``SINGLE``.
"""
from __future__ import annotations

import re

from . import ast as A
from .refs import MAX_COL, MAX_ROW, col_to_index


class FormulaSyntaxError(ValueError):
    pass


ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
          "#SPILL!", "#CALC!")

_TOKEN = re.compile(r"""
  (?P<ws>\s+)
 |(?P<string>"(?:[^"]|"")*")
 |(?P<sheet>(?:'(?:[^']|'')+'|\[\d+\][A-Za-z0-9_.]+|[A-Za-z_\u00c0-\uffff][A-Za-z0-9_.\u00c0-\uffff]*)!)
 |(?P<error>\#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!))
 |(?P<area>\$?[A-Za-z]{1,3}\$?[0-9]+(?::\$?[A-Za-z]{1,3}\$?[0-9]+)?(?![A-Za-z0-9_(.]))
 |(?P<cols>\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![A-Za-z0-9_(]))
 |(?P<rows>\$?[0-9]+:\$?[0-9]+(?![0-9.]))
 |(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
 |(?P<func>[A-Za-z_\\][A-Za-z0-9_.\\]*(?=\())
 |(?P<name>[A-Za-z_\\\u00c0-\uffff][A-Za-z0-9_.?\\\u00c0-\uffff]*)
 |(?P<op><>|<=|>=|[-+*/^&=<>%:(),;{}@\#])
""", re.X)

_PREFIXES = ("_XLFN._XLWS.", "_XLFN.", "_XLWS.", "_XLPM.")


_REF_END = ("area", "cols", "rows", "name")
_REF_START = ("area", "cols", "rows", "name", "sheet")


def tokenize(text: str):
    """Tokens as (kind, text). A space between two references is Excel's intersection
    operator (``B1:C5 A3:D3``); other whitespace is dropped."""
    pos, out = 0, []
    space = False
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise FormulaSyntaxError(f"cannot read formula at {text[pos:pos + 12]!r}")
        kind = m.lastgroup
        if kind == "ws":
            space = True
        else:
            if space and kind in _REF_START and out and out[-1][0] in _REF_END:
                out.append(("op", " "))
            space = False
            out.append((kind, m.group(kind)))
        pos = m.end()
    out.append(("end", ""))
    return out


def _cell_parts(s: str):
    m = re.fullmatch(r"(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)", s)
    return int(m.group(4)), col_to_index(m.group(2)), bool(m.group(3)), bool(m.group(1))


def _sheet_name(tok: str) -> str:
    s = tok[:-1]
    if s.startswith("'"):
        s = s[1:-1].replace("''", "'")
    if s.startswith("["):
        raise FormulaSyntaxError(f"external workbook references are not supported: {tok}")
    return s


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks = tokenize(text)
        self.i = 0
        self.functions: set[str] = set()

    def peek(self, k=0):
        return self.toks[self.i + k]

    def take(self):
        t = self.toks[self.i]
        self.i += 1
        return t

    def expect(self, value):
        k, v = self.take()
        if v != value:
            raise FormulaSyntaxError(f"expected {value!r} but found {v or 'end of formula'!r}")

    # precedence climbing -------------------------------------------------
    _BIN = {"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3,
            "*": 4, "/": 4, "^": 5}

    def expr(self, min_prec=1):
        left = self.unary()
        while True:
            k, v = self.peek()
            prec = self._BIN.get(v) if k == "op" else None
            if prec is None or prec < min_prec:
                return left
            self.take()
            right = self.expr(prec + 1)  # all Excel binary operators are left-associative
            left = A.Binary(v, left, right)

    def unary(self):
        k, v = self.peek()
        if k == "op" and v in "-+":
            self.take()
            return A.Unary(v, self.unary())
        if k == "op" and v == "@":
            self.take()
            return A.Func("SINGLE", (self.unary(),))
        node = self.postfix()
        return node

    def postfix(self):
        node = self.range_expr()
        while self.peek() == ("op", "%"):
            self.take()
            node = A.Unary("%", node)
        return node

    def range_expr(self):
        node = self.range_part()
        while self.peek() == ("op", " "):    # intersection binds looser than ':'
            self.take()
            node = A.Binary(" ", node, self.range_part())
        return node

    def range_part(self):
        node = self.spill(self.primary())
        while self.peek() == ("op", ":"):
            self.take()
            node = A.Binary(":", node, self.spill(self.primary()))
        return node

    def spill(self, node):
        """``A1#``: the spill range of the dynamic array anchored at A1 (ANCHORARRAY)."""
        if self.peek() == ("op", "#"):
            self.take()
            return A.Func("ANCHORARRAY", (node,))
        return node

    def invocations(self, node):
        """``LAMBDA(x, x+1)(2)``: a call of a computed function (``_INVOKE``)."""
        while self.peek() == ("op", "("):
            self.take()
            node = A.Func("_INVOKE", (node,) + self.arguments("LAMBDA"))
        return node

    def primary(self):
        k, v = self.take()
        if k == "number":
            return A.Number(float(v))
        if k == "string":
            return A.String(v[1:-1].replace('""', '"'))
        if k == "error":
            return A.ErrorLit(v)
        if k == "sheet":
            sheet = _sheet_name(v)
            k2, v2 = self.take()
            if k2 == "error" and v2 == "#REF!":
                return A.Ref(sheet, 0, 0, 0, 0, bad=True)
            if k2 in ("area", "cols", "rows"):
                return self._ref(sheet, k2, v2)
            if k2 == "name":
                return A.Name(v2, sheet)
            raise FormulaSyntaxError(f"expected a reference after {v}")
        if k in ("area", "cols", "rows"):
            return self._ref(None, k, v)
        if k == "func":
            return self.invocations(self.call(v))
        if k == "name":
            up = v.upper()
            if up in ("TRUE", "FALSE"):
                return A.Bool(up == "TRUE")
            if up.startswith("_XLPM."):   # a LET/LAMBDA parameter name
                v = v[6:]
            return A.Name(v)
        if k == "op" and v == "(":
            node = self.expr()
            if self.peek() == ("op", ","):  # union inside parentheses: (A1:A2,B1:B2)
                items = [node]
                while self.peek() == ("op", ","):
                    self.take()
                    items.append(self.expr())
                node = A.Func("UNION", tuple(items))
            self.expect(")")
            return self.invocations(node)
        if k == "op" and v == "{":
            return self.array()
        raise FormulaSyntaxError(f"unexpected {v or 'end of formula'!r}")

    def _ref(self, sheet, kind, text):
        if kind == "area":
            a, _, b = text.partition(":")
            r1, c1, ar1, ac1 = _cell_parts(a)
            if b:
                r2, c2, ar2, ac2 = _cell_parts(b)
            else:
                r2, c2, ar2, ac2 = r1, c1, ar1, ac1
            return A.Ref(sheet, r1, c1, r2, c2, ar1, ac1, ar2, ac2, is_area=bool(b))
        if kind == "cols":
            a, b = text.split(":")
            c1, c2 = col_to_index(a.lstrip("$")), col_to_index(b.lstrip("$"))
            return A.Ref(sheet, 1, c1, MAX_ROW, c2, True, a.startswith("$"), True,
                         b.startswith("$"), is_area=True)
        a, b = text.split(":")
        r1, r2 = int(a.lstrip("$")), int(b.lstrip("$"))
        return A.Ref(sheet, r1, 1, r2, MAX_COL, a.startswith("$"), True, b.startswith("$"), True,
                     is_area=True)

    def call(self, raw):
        name = raw.upper()
        for p in _PREFIXES:
            if name.startswith(p):
                name = name[len(p):]
                break
        self.functions.add(name)
        self.expect("(")
        return A.Func(name, self.arguments(name))

    def arguments(self, name):
        """Arguments after an opening parenthesis, up to and including the ')'."""
        args = []
        if self.peek() == ("op", ")"):
            self.take()
            return ()
        while True:
            if self.peek()[1] in (",", ")") and self.peek()[0] == "op":
                args.append(A.Missing())
            else:
                args.append(self.expr())
            k, v = self.take()
            if v == ")":
                return tuple(args)
            if v != ",":
                raise FormulaSyntaxError(f"expected ',' or ')' in {name}( but found {v or 'end'!r}")

    def array(self):
        rows, row = [], []
        while True:
            k, v = self.peek()
            sign = 1.0
            if (k, v) == ("op", "-"):
                self.take()
                sign = -1.0
                k, v = self.peek()
            self.take()
            if k == "number":
                row.append(A.Number(sign * float(v)))
            elif k == "string":
                row.append(A.String(v[1:-1].replace('""', '"')))
            elif k == "name" and v.upper() in ("TRUE", "FALSE"):
                row.append(A.Bool(v.upper() == "TRUE"))
            elif k == "error":
                row.append(A.ErrorLit(v))
            else:
                raise FormulaSyntaxError(f"unexpected {v!r} in array constant")
            k, v = self.take()
            if v == ",":
                continue
            if v == ";":
                rows.append(tuple(row))
                row = []
                continue
            if v == "}":
                rows.append(tuple(row))
                return A.ArrayLit(tuple(rows))
            raise FormulaSyntaxError(f"unexpected {v!r} in array constant")


def parse(text: str) -> A.Formula:
    """Parse formula text (without the leading '=') into a :class:`ast.Formula`."""
    if text.startswith("="):
        text = text[1:]
    p = _Parser(text)
    tree = p.expr()
    if p.peek()[0] != "end":
        raise FormulaSyntaxError(f"unexpected {p.peek()[1]!r} after the end of the formula")
    return A.Formula(text, tree, p.functions)
