"""Parse each formula *shape* once: a cache of parse trees keyed by R1C1 text.

A workbook whose formulas are filled down without being stored as shared formulas
(every cell carries its own text, ``C9+D9*A9``, ``C10+D10*A10``, ...) would otherwise
be parsed cell by cell. :func:`parse_at` turns the text into its R1C1 form with one
scan of the parser's own token pattern (references relative to the host cell become
offsets, everything else stays as written) and, when that form was parsed before,
moves the earlier tree to the new host cell (:func:`transform.shift`) instead of
parsing again. Two texts with one R1C1 form differ only in references that keep
their offsets from the host, so the moved tree is exactly what parsing would give.
"""
from __future__ import annotations

import re

from . import ast as A
from .parser import parse
from .refs import col_to_index, column_index
from .transform import shift

_CACHE: dict = {}          # R1C1 text -> (host row, host col, Formula)
_FIXED: dict = {}          # formula text -> its R1C1 text, for texts without relative parts
MAX_ENTRIES = 100_000


_CELL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)")


def _cell_key(s: str, row: int, col: int) -> str:
    """``$B7`` at host (5, 1) -> ``$B|r2``: absolute parts as written, relative ones as offsets."""
    dc, letters, dr, digits = _CELL.fullmatch(s).groups()
    return (f"${letters.upper()}" if dc else f"c{column_index(letters) - col}") + \
        (f"|${digits}" if dr else f"|r{int(digits) - row}")


def _line_key(s: str, here: int, is_col: bool) -> str:
    """One side of a whole-column (``$A``/``B``) or whole-row (``3``/``$4``) range."""
    if s.startswith("$"):
        return s.upper()
    return f"~{(col_to_index(s) if is_col else int(s)) - here}"


# the parser's token pattern, reduced to what can hold a reference: strings and sheet
# prefixes are kept as written (a sheet named S1 is no cell); the lookbehind keeps
# identifiers (LOG10, x_A1, 1E5) whole, as the tokenizer does by scanning from the left
_REFS = re.compile(r"""
  (?P<string>"(?:[^"]|"")*")
 |(?P<sheet>(?:'(?:[^']|'')+'|(?<![A-Za-z0-9_.\u00c0-\uffff])\[\d+\][A-Za-z0-9_.]+
   |(?<![A-Za-z0-9_.\u00c0-\uffff])[A-Za-z_\u00c0-\uffff][A-Za-z0-9_.\u00c0-\uffff]*)!)
 |(?<![A-Za-z0-9_.$\\\u00c0-\uffff])(?:
   (?P<area>\$?[A-Za-z]{1,3}\$?[0-9]+(?::\$?[A-Za-z]{1,3}\$?[0-9]+)?(?![A-Za-z0-9_(.]))
  |(?P<cols>\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![A-Za-z0-9_(]))
  |(?P<rows>\$?[0-9]+:\$?[0-9]+(?![0-9.])))
""", re.X)


def r1c1_key(text: str, row: int, col: int) -> str:
    """The R1C1 form of ``text`` written in cell (row, col)."""
    return _r1c1(text, row, col)[0]


def _r1c1(text: str, row: int, col: int) -> tuple:
    """(R1C1 form, whether it is the same in every host cell: no relative part)."""
    fixed = True

    def sub(m):
        nonlocal fixed
        kind = m.lastgroup
        v = m.group(0)
        if kind == "area":
            a, _, b = v.partition(":")
            fixed = fixed and v.count("$") == (4 if b else 2)
            return "<" + _cell_key(a, row, col) + (":" + _cell_key(b, row, col) if b else "") + ">"
        if kind in ("cols", "rows"):
            fixed = fixed and v.count("$") == 2
        if kind == "cols":
            a, b = v.split(":")
            return "<C" + _line_key(a, col, True) + ":" + _line_key(b, col, True) + ">"
        if kind == "rows":
            a, b = v.split(":")
            return "<R" + _line_key(a, row, False) + ":" + _line_key(b, row, False) + ">"
        return v
    key = _REFS.sub(sub, text)
    return key, fixed


def _cached(body: str, row: int, col: int) -> tuple:
    """(r0, c0, Formula parsed for cell (r0, c0)) of the R1C1 form of ``body`` at (row, col)."""
    key = _FIXED.get(body)          # texts copied as written (=data!$A$2): no scan
    if key is None:
        key, fixed = _r1c1(body, row, col)
        if fixed:
            _FIXED[body] = key
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) >= MAX_ENTRIES:
            _CACHE.clear()
            _FIXED.clear()
        hit = _CACHE[key] = (row, col, parse(body))
    return hit


def parse_origin(text: str, row: int, col: int) -> tuple:
    """``(tree, r0, c0)``: the tree of ``text`` written in cell (row, col) is ``tree``
    (parsed for cell (r0, c0)) moved to (row, col); parsed once per R1C1 form. The
    reader keeps this origin and moves the tree only when a cell's tree is read."""
    r0, c0, f = _cached(text[1:] if text.startswith("=") else text, row, col)
    return f.tree, r0, c0


def parse_at(text: str, row: int, col: int) -> A.Formula:
    """:func:`parser.parse` of ``text`` written in cell (row, col), parsed once per R1C1 form."""
    body = text[1:] if text.startswith("=") else text
    r0, c0, f = _cached(body, row, col)
    if (r0, c0) == (row, col):
        return A.Formula(body, f.tree, f.functions)
    return A.Formula(body, shift(f.tree, row - r0, col - c0), f.functions)
