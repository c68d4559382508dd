"""SUMIF/AVERAGEIF's sum range, one rule for the compiler and the functions.

Excel adds "the cells of sum_range of range's size and shape starting at sum_range's
upper-left cell" (SUMIF help page: https://support.microsoft.com/office/
sumif-function-169b8c99-c05c-4483-a712-1697a653039b). When both are written as plain
references the compiler widens the sum range once (:func:`widened`), so dependencies,
smart recalculation and gradient paths see every cell the function reads; a range known
only at run time (OFFSET, INDIRECT, ...) is widened by the function itself
(``stats._fit_sum_range``), which reports the cells it reads to the engine.
"""
from __future__ import annotations

from ..formula import ast as A
from ..formula.refs import MAX_COL, MAX_ROW
from ..formula.transform import moving_corners

RESIZED = frozenset(("SUMIF", "AVERAGEIF"))     # (range, criteria, sum_range)


def widened(args: tuple) -> tuple:
    """The arguments of SUMIF/AVERAGEIF with a written sum range that differs in size from
    the written range replaced by the cells Excel adds. Left as they are (the function
    widens at run time) when either is not a plain reference, when the range's size can
    change as the formula is copied (``A$1:A1``), or when the widened range would reach
    the sheet's last row or column (where copies of it cannot move as Excel moves them)."""
    if len(args) < 3:
        return args
    rng, tgt = args[0], args[2]
    if rng.__class__ is not A.Ref or tgt.__class__ is not A.Ref or rng.bad or tgt.bad:
        return args
    h, w = _size(rng)
    if _size(tgt) == (h, w):
        return args
    a, b, c, d = moving_corners(rng)
    r2, c2 = tgt.r1 + h - 1, tgt.c1 + w - 1
    if a != c or b != d or r2 >= MAX_ROW or c2 >= MAX_COL:
        return args
    fixed_r, fixed_c = (not m for m in moving_corners(tgt)[:2])   # as copies move it
    wide = A.Ref(tgt.sheet, tgt.r1, tgt.c1, r2, c2, fixed_r, fixed_c, fixed_r, fixed_c,
                 True, False)
    return args[:2] + (wide,) + tuple(args[3:])


def widens_at_run_time(range_size, sum_size) -> bool:
    """Whether the function widens its sum range when it runs: the sum range is a
    reference (``sum_size`` its (rows, columns), None when not a reference) whose size
    differs from the range's (``range_size``, None when not known before it runs). Such
    a formula reads cells beyond its references, as OFFSET does."""
    return sum_size is not None and (range_size is None or range_size != sum_size)


def written_widens(args: tuple) -> bool:
    """:func:`widens_at_run_time` for a formula's (compiled) arguments: a sum range that a
    function returns (IF, CHOOSE, ...) counts as widened, since its size is not known."""
    return len(args) >= 3 and (args[2].__class__ is A.Func or
                               widens_at_run_time(_size(args[0]), _size(args[2])))


def _size(t):
    """(rows, columns) of a written reference, None for anything else."""
    return (t.r2 - t.r1 + 1, t.c2 - t.c1 + 1) if t.__class__ is A.Ref and not t.bad else None
