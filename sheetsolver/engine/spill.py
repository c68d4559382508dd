"""Dynamic arrays: a formula whose result is an array spills from its anchor cell.

In files saved by Excel 365 a dynamic-array formula is an array formula whose cell
carries dynamic-array metadata (``cm``, see the reader). Its range is not fixed: each
recalculation the result's size decides the spill range. A spill onto a cell that
holds something (a constant, another formula, another spill) is blocked: the anchor
shows ``#SPILL!``. When the range grows onto cells the plan did not know belonged
to the formula, the engine re-plans (as it does when OFFSET points somewhere new).

``A1#`` (``_xlfn.ANCHORARRAY(A1)`` in files) is the anchor's current spill range.
"""
from __future__ import annotations

import numpy as np

from ..formula.refs import MAX_COL, MAX_ROW, Area
from ..values import ExcelError
from .batch import BLANK, ERROR, NUMBER, V, error
from .functions.base import FUNCTIONS, register
from .grid import RefV
from .group import Group

SPILL = ExcelError("#SPILL!")

# Functions whose result size depends on values, not only on their arguments' shapes:
# a dynamic array using one is evaluated on its own (a batch pads every result to the
# largest, which would hide a smaller spill).
SIZED_BY_VALUES = {
    "FILTER", "SORT", "SORTBY", "UNIQUE", "SEQUENCE", "RANDARRAY", "TAKE", "DROP", "EXPAND",
    "CHOOSECOLS", "CHOOSEROWS", "HSTACK", "VSTACK", "TOCOL", "TOROW", "WRAPROWS", "WRAPCOLS",
    "TEXTSPLIT", "ANCHORARRAY", "MUNIT", "OFFSET", "INDIRECT", "INDEX", "MAKEARRAY", "MAP",
    "BYROW", "BYCOL", "SCAN", "REDUCE", "GROUPBY", "PIVOTBY", "TRIMRANGE", "REGEXEXTRACT",
}


def sized_by_values(tree) -> bool:
    """Can this formula's result change size when only values change? Functions
    defined on scalars (``lift.excel``) may return a list of any size, so they count."""
    from ..formula import ast as A
    from ..formula.transform import walk
    for n in walk(tree):
        if isinstance(n, A.Func):
            fn = FUNCTIONS.get(n.name)
            if n.name in SIZED_BY_VALUES or (fn is not None and
                                             fn.impl.__module__.endswith(".lift")):
                return True
    return False


class SpillGroup(Group):
    """Dynamic-array formulas of one shape whose ranges have one size. While the
    results keep that size they are written as one array operation; when the size
    changes each formula spills (or is blocked) on its own and the engine re-plans."""

    def __init__(self, engine, units):
        super().__init__(engine, units)
        self.engine = engine
        self._alone = None

    def evaluate(self):
        ctx = self.ctx
        out = self.root.forward(ctx)
        out = self.root_deref(out, ctx, False)
        if out.kind is not None and (out.kind == BLANK).any():
            blank = out.kind == BLANK     # an empty cell of the result shows 0
            out = V(np.where(blank, 0.0, out.num),
                    np.where(blank, NUMBER, out.kind).astype(np.int8), out.obj)
        self.out_shape = out.num.shape
        if out.num.shape[1:] == (self.h, self.w):     # same size: the ranges stay
            shape = self.wflat.shape
            if out.num.shape != shape:
                out = V(np.broadcast_to(out.num, shape),
                        None if out.kind is None else np.broadcast_to(out.kind, shape),
                        None if out.obj is None else np.broadcast_to(out.obj, shape))
            self.grid.write(self.wflat, out)
            return
        if len(self.units) > 1:
            # a batched result is padded to the largest size: evaluate each one alone
            if self._alone is None:
                self._alone = [SpillGroup(self.engine, [u]) for u in self.units]
            for grp in self._alone:
                grp.level = self.level
                grp.evaluate()
            return
        moved, grown = False, False
        for k, u in enumerate(self.units):
            old = u.array
            grown |= self._spill(u, _element(out, k))
            moved |= u.array != old
        if moved:
            self.engine.spill_moved(grown)

    def _spill(self, u, out: V) -> bool:
        """Place one formula's result from its anchor (#SPILL! when blocked); True when
        its range grew."""
        _, H, W = out.num.shape
        new = Area(u.sheet, u.row, u.col, u.row + H - 1, u.col + W - 1)
        if new.r2 > MAX_ROW or new.c2 > MAX_COL or self._blocked(u, new):
            out, new = error(SPILL), Area(u.sheet, u.row, u.col, u.row, u.col)
        g = self.grid
        old = u.array
        for r, c in old.cells():
            if not new.contains(r, c):
                g.set(r, c, None)
        u.array = new
        grown = any(not old.contains(r, c) for r, c in new.cells())
        if new.r2 > g.maxr or new.c2 > g.maxc:
            return True              # the engine grows the sheet, re-plans and runs again
        rr = np.arange(new.r1, new.r2 + 1).reshape(1, -1, 1)
        cc = np.arange(new.c1, new.c2 + 1).reshape(1, 1, -1)
        flat = rr * g.num.shape[1] + cc
        if out.num.shape != flat.shape:
            out = V(np.broadcast_to(out.num, flat.shape),
                    None if out.kind is None else np.broadcast_to(out.kind, flat.shape),
                    None if out.obj is None else np.broadcast_to(out.obj, flat.shape))
        g.write(flat, out)
        return grown

    def _blocked(self, u, new: Area) -> bool:
        """Does the new range cover a cell that is not this formula's and not empty?"""
        g = self.grid
        eng = self.engine
        r2, c2 = min(new.r2, g.maxr), min(new.c2, g.maxc)
        ids = eng.ugrid[u.sheet][new.r1:r2 + 1, new.c1:c2 + 1]
        if ((ids >= 0) & (ids != u.uid)).any():
            return True
        kinds = g.kind[new.r1:r2 + 1, new.c1:c2 + 1]
        if ((ids < 0) & (kinds != BLANK)).any():
            return True
        return any(s == u.sheet and new.contains(r, c) for s, r, c in eng._other_formula_cells())


def _element(v: V, k: int) -> V:
    """Batch element k of a group's result (element 0 when it is shared)."""
    k = min(k, v.num.shape[0] - 1)
    return V(v.num[k:k + 1], None if v.kind is None else v.kind[k:k + 1],
             None if v.obj is None else v.obj[k:k + 1])


@register("ANCHORARRAY", modes=("ref",), min_args=1, max_args=1, returns_ref=True)
def _anchorarray(ctx, ref):
    """``A1#``: the current spill range of the dynamic array anchored at A1."""
    if not isinstance(ref, RefV) or ref.batched:
        return error(ExcelError("#REF!"))
    eng = ctx.engine
    r, c = int(ref.r), int(ref.c)
    g = ref.grid
    if r > g.maxr or c > g.maxc:
        return error(ExcelError("#REF!"))
    uid = int(eng.ugrid[g.name][r, c])
    u = eng.units[uid] if uid >= 0 else None
    if u is None or not u.dynamic or (u.row, u.col) != (r, c):
        return error(ExcelError("#REF!"))
    if g.kind[r, c] == ERROR and g.obj[r, c] == SPILL:
        return error(SPILL)
    a = u.array
    return RefV(g, a.r1, a.c1, a.height, a.width)
