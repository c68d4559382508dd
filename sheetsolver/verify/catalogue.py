"""Catalogue of known reasons why an application's value differs from Excel's.

Each :class:`Cause` recognises the cells it explains (``match(ctx, key)``) and says
why in one sentence. ``stage`` 1 causes hold whatever the cell's precedents are (the
application dropped the cell, or cannot parse its formula); stage 2 causes are only
tried on cells that are not already explained as downstream of a stage-1 cause.
Sources: LibreOffice 7.4 behaviour measured on the fast.ai course workbooks, the
Excel function reference (SUMXMY2 "pairs with an empty cell are ignored").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..formula import ast as A
from ..formula.transform import walk
from ..values import ExcelError

VOLATILE_REASON = ("volatile function (RAND, RANDBETWEEN, NOW, ...): the application draws "
                   "new values on load; Excel's cached values are from its last recalculation")
DOWNSTREAM = "downstream"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Cause:
    id: str
    title: str
    reason: str
    stage: int
    match: Callable  # (ctx, (sheet, row, col)) -> bool


def _in_areas(areas, sheet, r, c) -> bool:
    return any(a.r1 <= r <= a.r2 and a.c1 <= c <= a.c2 for a in areas.get(sheet, ()))


def _pivot_layout(ctx, key) -> bool:
    s, r, c = key
    return _in_areas(ctx.app.pivots, s, r, c) or _in_areas(ctx.pivots, s, r, c)


def _unknown_function(ctx, key) -> bool:
    v = ctx.app.values.get(key)
    text = ctx.formula(key) or ""
    return v is ExcelError("#NAME?") and "_xlfn." in text.lower()


_SUMX = {"SUMXMY2", "SUMX2MY2", "SUMX2PY2"}


def _sumx_over_blanks(ctx, key) -> bool:
    tree = ctx.unit_tree(key)
    if tree is None:
        return False
    for node in walk(tree):
        if isinstance(node, A.Func) and node.name.upper() in _SUMX:
            for arg in node.args:
                if isinstance(arg, A.Ref) and not arg.bad and ctx.has_blank(arg):
                    return True
    return False


def _array_with(name):
    pat = re.compile(r"\b" + name + r"\s*\(", re.I)

    def match(ctx, key) -> bool:
        return ctx.is_array(key) and bool(pat.search(ctx.formula(key) or ""))
    return match


def _mmult_cse(ctx, key) -> bool:
    return ctx.app.values.get(key) is ExcelError("#VALUE!") and _array_with("MMULT")(ctx, key)


CAUSES = [
    Cause("pivot-layout", "pivot table re-laid out by the application",
          "LibreOffice rebuilds pivot tables on load with its own layout (here one column "
          "wider than Excel's: it adds a data column beside the row labels, and its own header "
          "texts) and overwrites the cells it now covers", 1, _pivot_layout),
    Cause("unknown-function", "function unknown to the application",
          "the formula uses a function saved with the _xlfn. prefix (here _xlfn.SINGLE, the "
          "@ implicit-intersection operator of dynamic-array Excel) that LibreOffice 7.4 does "
          "not know, so it shows #NAME?", 1, _unknown_function),
    Cause("sumxmy2-blanks", "SUMXMY2/SUMX2MY2/SUMX2PY2 over blanks",
          "Excel skips the pairs in which either cell is blank or text; LibreOffice does not "
          "skip pairs with a blank (it counts the blank as 0)", 2, _sumx_over_blanks),
    Cause("mmult-cse", "CSE MMULT returns #VALUE!",
          "LibreOffice returns #VALUE! for this array (CSE) MMULT, e.g. over the one-hot block; "
          "both applications give #VALUE! when a cell of either matrix is blank or text, so "
          "no upstream cell was found that the application blanked", 2, _mmult_cse),
    Cause("offset-array", "OFFSET inside an array formula",
          "LibreOffice evaluates OFFSET returning a range inside an array formula differently "
          "from Excel (no upstream cell the application changed explains it)", 2,
          _array_with("OFFSET")),
]

BY_ID = {c.id: c for c in CAUSES}


def blank_or_text(rows) -> bool:
    """True when any value of a 2-D list of cell values is blank (None) or text."""
    return any(v is None or isinstance(v, str) for row in rows for v in row)
