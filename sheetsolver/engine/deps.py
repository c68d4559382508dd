"""Static dependencies of the formula units: per unit, the ids of the units computing a
cell it references (``Unit.deps``).

The copies of one :class:`~.compiler.Form` (a shared formula, a filled-down column)
reference the form's cells moved by their offsets, so their dependencies are found for
all copies of all forms at once: one table row per (form, reference), one array
element per (copy, reference), one unit-grid lookup per sheet. Only building each
unit's set stays per cell. Units without a form are done one by one (:func:`_deps_of`).
"""
from __future__ import annotations

import itertools
from operator import attrgetter

import numpy as np

from .cycles import reads_own_value

# the dependencies of every unit that has none: one shared immutable empty set (a set
# per unit costs as much as the unit; nothing changes a unit's deps in place)
NO_DEPS = frozenset()
_FORM, _ROW, _COL, _UID = (attrgetter(a) for a in ("form", "row", "col", "uid"))

# columns of the reference table: the copies' slice of the form order, the sheet, the
# corners at the form's cell, which corners move (0/1) and the form's cell
_START, _COUNT, _SHEET, _R1, _C1, _R2, _C2, _MR1, _MC1, _MR2, _MC2, _FROW, _FCOL = range(13)


def static_deps(units, ugrid, grids) -> None:
    """Set each unit's ``deps`` (and ``self_loop`` for a cell reading itself)."""
    n = len(units)
    if not n:
        return
    blocks = _Blocks(ugrid)
    forms = list(map(_FORM, units))
    fid = np.fromiter(map(id, forms), np.int64, n)
    loose = fid == id(None)
    for k in np.flatnonzero(loose).tolist():
        u = units[k]
        _deps_of(u, u.refs, ugrid, grids, blocks)
    pos = np.flatnonzero(~loose)
    if not pos.size:
        return
    order = pos[np.argsort(fid[pos], kind="stable")]    # the copies of each form together
    cut = (np.flatnonzero(fid[order][1:] != fid[order][:-1]) + 1).tolist()
    cells, areas, spans = _reference_tables(forms, order, cut, list(ugrid))
    at = np.fromiter(map(_ROW, units), np.int64, n), np.fromiter(map(_COL, units), np.int64, n)
    limits = np.array([(grids[s].maxr + 1, grids[s].maxc + 1) for s in ugrid], np.int64)
    check = []      # copies that may read their own cell
    if cells:
        pairs = _Pairs(np.array(cells, np.int64), order, at, limits)
        dl = _cell_deps(pairs, spans, ugrid, len(order))
        uids = np.fromiter(map(_UID, units), np.int64, n)
        check += pairs.t[pairs.val == uids[pairs.p]].tolist()
    else:
        dl = [NO_DEPS] * len(order)
    if areas:
        check += _area_deps(_Pairs(np.array(areas, np.int64), order, at, limits), dl, blocks)
    at_pos = [None] * n      # set in the units' own order: their order in memory
    order = order.tolist()
    for p, d in zip(order, dl):
        at_pos[p] = d
    for u, d in zip(units, at_pos):
        if d is not None:
            u.deps = d
    for i in set(check):
        u = units[order[i]]
        if u.uid in dl[i]:
            _own(u, dl[i])


def _reference_tables(forms, order, cut, names) -> tuple:
    """The rows of the reference tables (see the column names above) of the one-cell
    references and of the areas of each form, whose copies are ``order[s:e]`` for the
    slices between the ``cut``s; and per form (s, number of copies, one-cell refs)."""
    sheet_no = {name: k for k, name in enumerate(names)}
    cells, areas, spans = [], [], []
    for s, e in zip([0] + cut, cut + [len(order)]):
        form = forms[order[s]]
        one = []
        for ref, a, b, c, d in form.movers():
            if ref.bad:
                continue
            row = (s, e - s, sheet_no[ref.sheet], ref.r1, ref.c1, ref.r2, ref.c2, a, b, c, d,
                   form.row, form.col)
            if ref.r1 == ref.r2 and ref.c1 == ref.c2 and a == c and b == d:
                one.append(row)
            else:
                areas.append(row)
        cells += one
        spans.append((s, e - s, len(one)))
    return cells, areas, spans


def _cell_deps(pairs, spans, ugrid, count: int) -> list:
    """Per copy (in form order), the set of units its one-cell references read
    (:data:`NO_DEPS` for none): one unit-grid lookup per sheet for all of them
    (``pairs.val``: the unit id each reads, -1 for none)."""
    names = list(ugrid)
    r, c = pairs.corner(_R1, _MR1, 0), pairs.corner(_C1, _MC1, 1)
    inside = (r <= pairs.limit(0)) & (c <= pairs.limit(1))
    val = pairs.val = np.full(r.size, -1, np.int64)
    for k, sel in pairs.by_sheet(inside):
        g = ugrid[names[k]]
        val[sel] = g.ravel().take(r[sel] * g.shape[1] + c[sel])
    t = pairs.t
    has = (np.bincount(t[val >= 0], minlength=count) > 0).tolist()
    dl, o = [], 0
    for s, m, k1 in spans:
        if not k1:
            dl += itertools.repeat(NO_DEPS, m)
            continue
        rows = val[o:o + k1 * m].reshape(k1, m).T.tolist()
        o += k1 * m
        some = has[s:s + m]
        dl += map(set, rows) if all(some) else \
            [set(x) if y else NO_DEPS for x, y in zip(rows, some)]
    neg = np.zeros(count, bool)
    neg[t[val < 0]] = True
    for k in np.flatnonzero(neg).tolist():
        if has[k]:
            dl[k].discard(-1)
    return dl


def _area_deps(pairs, dl, blocks) -> list:
    """Add to ``dl`` the units in the blocks the area references read (a summed-area
    table skips the blocks of constants at once); returns the copies it added to."""
    names = list(blocks.ugrid)
    r1, c1 = pairs.corner(_R1, _MR1, 0), pairs.corner(_C1, _MC1, 1)
    r2 = np.minimum(pairs.corner(_R2, _MR2, 0), pairs.limit(0))
    c2 = np.minimum(pairs.corner(_C2, _MC2, 1), pairs.limit(1))
    some = np.zeros(r1.size, bool)
    for k, sel in pairs.by_sheet():
        some[sel] = blocks.any_units(names[k], r1[sel], c1[sel], r2[sel], c2[sel])
    ks = np.flatnonzero(some)
    added = pairs.t[ks].tolist()
    for i, k, a, b, c, d in zip(added, pairs.sheets()[ks].tolist(), r1[ks].tolist(),
                                c1[ks].tolist(), r2[ks].tolist(), c2[ks].tolist()):
        found = blocks.units(names[k], a, b, c, d, some=True)
        if dl[i] is NO_DEPS:
            dl[i] = set(found)
        else:
            dl[i].update(found)
    return added


class _Pairs:
    """One element per (copy, reference) of a reference table ``tab`` (rows as built
    by :func:`static_deps`): the copy's index ``t`` in the form order, its unit's
    position ``p``, and the moved references' corners and sheets on demand."""

    def __init__(self, tab, order, at, limits):
        self.tab, self.counts, self.limits, self.val = tab, tab[:, _COUNT], limits, None
        first = np.cumsum(self.counts) - self.counts
        self.t = self.per_ref(tab[:, _START] - first) + np.arange(int(self.counts.sum()))
        self.p = order[self.t]
        self.at = at[0][self.p], at[1][self.p]

    def per_ref(self, x):
        """A value per reference (table row), repeated for each of its copies."""
        return np.repeat(x, self.counts)

    def corner(self, col: int, moves: int, axis: int):
        """A corner coordinate (``col``: _R1, _C1, _R2 or _C2; ``axis`` 0 for a row)
        of each moved reference: where it is at the form's cell, plus the copy's offset
        when the corner moves."""
        tab = self.tab
        home = tab[:, _FROW if axis == 0 else _FCOL]
        return self.per_ref(tab[:, col] - tab[:, moves] * home) + \
            self.per_ref(tab[:, moves]) * self.at[axis]

    def limit(self, axis: int):
        """The sheet's blank row (axis 0) or column past its used range, per pair."""
        return self.per_ref(self.limits[self.tab[:, _SHEET], axis])

    def sheets(self):
        return self.per_ref(self.tab[:, _SHEET])

    def by_sheet(self, mask=None):
        """(sheet number, indices of its pairs [within ``mask``]) per sheet referenced."""
        used = np.flatnonzero(np.bincount(self.tab[:, _SHEET])).tolist()
        if len(used) == 1:
            return [(used[0], np.flatnonzero(mask) if mask is not None else slice(None))]
        sh = self.sheets()
        return [(k, np.flatnonzero(sh == k if mask is None else mask & (sh == k)))
                for k in used]


def _deps_of(u, refs, ugrid, grids, blocks, deps=None) -> None:
    """``u.deps`` from the references it makes."""
    deps = set() if deps is None else deps
    for node in refs:
        if node.bad:
            continue
        g = ugrid[node.sheet]
        grid = grids[node.sheet]
        r1, c1, r2, c2 = node.r1, node.c1, node.r2, node.c2
        r2 = min(r2, grid.maxr + 1)
        c2 = min(c2, grid.maxc + 1)
        if r1 == r2 and c1 == c2:        # one cell: no need for unique()
            uid = int(g[r1, c1])
            if uid >= 0:
                deps.add(uid)
            continue
        deps.update(blocks.units(node.sheet, r1, c1, r2, c2))
    _own(u, deps)


class _Blocks:
    """The unit ids computing cells of a block of a sheet, remembered per block (many
    formulas read one table); a summed-area table of the formula cells answers "none"
    at once for the blocks of constants (a model's inputs)."""

    def __init__(self, ugrid):
        self.ugrid, self.known, self.sums = ugrid, {}, {}

    def any_units(self, sheet: str, r1, c1, r2, c2):
        """Whether each block (arrays of corners, or one) holds a formula cell."""
        s = self.sums.get(sheet)
        if s is None:
            s = self.sums[sheet] = np.pad((self.ugrid[sheet] >= 0).cumsum(0).cumsum(1),
                                          ((1, 0), (1, 0)))
        ok = (r1 <= r2) & (c1 <= c2)
        r1, c1 = np.minimum(r1, r2 + 1), np.minimum(c1, c2 + 1)   # empty blocks count 0
        return ok & (s[r2 + 1, c2 + 1] - s[r1, c2 + 1] - s[r2 + 1, c1] + s[r1, c1] > 0)

    def units(self, sheet: str, r1: int, c1: int, r2: int, c2: int, some=None) -> list:
        """The unit ids in a block; ``some``: :meth:`any_units` of it, when known."""
        if r1 > r2 or c1 > c2:
            return []
        key = (sheet, r1, c1, r2, c2)
        hit = self.known.get(key)
        if hit is None:
            if not (self.any_units(sheet, r1, c1, r2, c2) if some is None else some):
                hit = []
            else:
                block = self.ugrid[sheet][r1:r2 + 1, c1:c2 + 1]
                ids = set((block.ravel() if block.size <= 4096 else np.unique(block)).tolist())
                ids.discard(-1)
                hit = list(ids)
            self.known[key] = hit
        return hit


def _own(u, deps: set) -> None:
    """Set ``u.deps``; a unit reading its own cell is a one-cell circular reference."""
    if u.uid in deps:
        deps.discard(u.uid)
        if u.array is None and reads_own_value(u.tree, u.sheet, u.row, u.col):
            u.self_loop = True
    u.deps = deps
