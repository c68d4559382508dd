"""Plan a workbook's recalculation: formula units, dependencies, levels and groups.

A *unit* is a formula cell or a whole CSE/dynamic array range. Units are ordered by
dependency level (longest path from the constants). Units on one sheet with the
same formula shape (R1C1 form, as a shared formula or a filled-down column has),
the same level and the same range sizes form a *group*, evaluated as one NumPy
operation. Row-by-row recurrences (graddesc) that a tape can run are one plan step
each (:class:`Chain`), however many rows they have; the others are split by level.

Cells that cannot be computed become :class:`Uncomputable` records instead of units;
LET and called LAMBDAs are inlined while names are resolved; union references are
taken apart where Excel accepts them (:func:`union_forms`).
"""
from __future__ import annotations

import itertools
from collections import defaultdict
from operator import attrgetter
import numpy as np

from ..errors import SheetsolverError
from ..formula import ast as A
from ..formula.refs import MAX_COL, MAX_ROW, cell_name
from ..formula.transform import moving_corners, shape, shift
from . import spill  # registers ANCHORARRAY
from .cycles import cycles  # noqa: F401  (used by the engine)
from .deps import NO_DEPS as _NO_DEPS, static_deps  # noqa: F401  (static_deps: engine)
from .resolve import movable, new_cell, resolve_names
from .tape import recurrence_ok, tree_ok, units_ok
from .uncomputable import Uncomputable, tree_problem



class Form:
    """One formula as resolved for its origin cell (row, col) on ``sheet``, with what the
    compiler needs to know about it: worked out once and shared by every unit that is a
    moved copy of it (a shared formula, a filled-down column), so compiling costs in
    proportion to the number of distinct formulas, not of cells."""
    __slots__ = ("sheet", "row", "col", "tree", "refs", "volatile", "problem",
                 "computed_range", "key", "bounds", "solo_dynamic", "tape_ok", "_movers")

    def __init__(self, sheet: str, row: int, col: int, tree):
        self.sheet, self.row, self.col, self.tree = sheet, row, col, tree
        self.refs = []
        self.volatile, self.problem, self.computed_range = tree_problem(tree, self.refs)
        self.key = ((tuple((n.r2 - n.r1, n.c2 - n.c1) for n in self.refs)),
                    shape(tree, row, col))
        self.bounds = _relative_bounds(self.refs)
        self.solo_dynamic = None     # spill.sized_by_values(tree), asked for dynamic arrays
        self.tape_ok = None
        self._movers = None

    def movers(self) -> list:
        """Per reference ``(ref, *moving_corners(ref))``: which of its corners a move shifts."""
        if self._movers is None:
            self._movers = [(n, *moving_corners(n)) for n in self.refs]
        return self._movers

    def moved_refs(self, dr: int, dc: int) -> list:
        """The references moved dr rows down and dc columns right (they stay on the
        sheet: :func:`_fit_box`)."""
        Ref = A.Ref
        return [n if n.bad else Ref(n.sheet, n.r1 + dr * a, n.c1 + dc * b, n.r2 + dr * c,
                                    n.c2 + dc * d, n.abs_r1, n.abs_c1, n.abs_r2, n.abs_c2,
                                    n.is_area, False)
                for n, a, b, c, d in self.movers()]


_FAR = 1 << 40
_LEVEL = attrgetter("level")
_UID, _ROW, _COL, _SHEET = attrgetter("uid"), attrgetter("row"), attrgetter("col"), \
    attrgetter("sheet")


def _relative_bounds(refs) -> tuple:
    """(lowest, highest) row and column that a move shifts, over the references."""
    rows, cols = [], []
    for n in refs:
        if not n.bad:
            a, b, c, d = moving_corners(n)
            rows += [r for r, m in ((n.r1, a), (n.r2, c)) if m]
            cols += [k for k, m in ((n.c1, b), (n.c2, d)) if m]
    return (min(rows, default=_FAR), max(rows, default=-_FAR),
            min(cols, default=_FAR), max(cols, default=-_FAR))


class Unit:
    """A formula cell or a whole array range: what is evaluated.

    A unit made from a :class:`Form` (``form``) holds no tree of its own until one is
    asked for: :attr:`tree` and :attr:`refs` are the form's moved to this cell."""
    __slots__ = ("uid", "sheet", "row", "col", "_tree", "array", "volatile", "deps",
                 "level", "_refs", "dynamic", "self_loop", "solo", "key", "tape_ok", "form",
                 "__dict__")

    def __init__(self, uid: int, sheet: str, row: int, col: int, tree, array=None,
                 volatile: bool = False, deps=None, level: int = 0, refs=None,
                 dynamic: bool = False, self_loop: bool = False, solo: bool = False,
                 key=None, tape_ok=None, form: Form | None = None):
        self.uid, self.sheet, self.row, self.col = uid, sheet, row, col
        self._tree, self.array, self.volatile = tree, array, volatile
        self.deps = set() if deps is None else deps
        self.level = level
        self._refs = refs            # the tree's references, collected once
        self.dynamic = dynamic       # a dynamic-array formula: spills over its result's size
        self.self_loop = self_loop   # reads its own cell (a one-cell circular reference)
        self.solo = solo             # builds a range at run time (A1:INDEX(...)): never batched
        self.key = key               # the grouping key (sheet, sizes, R1C1 shape): group_units
        self.tape_ok = tape_ok       # plain arithmetic a Tape can run (None: not checked yet)
        self.form = form

    def __repr__(self) -> str:
        return f"Unit({self.uid}, {self.where})"

    @property
    def tree(self):
        t = self._tree
        if t is None:
            f = self.form
            t = self._tree = f.tree if (f.row, f.col) == (self.row, self.col) else \
                shift(f.tree, self.row - f.row, self.col - f.col)
        return t

    @tree.setter
    def tree(self, t) -> None:
        self._tree, self._refs, self.form = t, None, None

    @property
    def refs(self) -> list:
        r = self._refs
        if r is None:
            f = self.form
            if f is None:
                r = []
                tree_problem(self._tree, r)
            elif (f.row, f.col) == (self.row, self.col):
                r = f.refs
            else:
                r = f.moved_refs(self.row - f.row, self.col - f.col)
            self._refs = r
        return r

    @refs.setter
    def refs(self, r) -> None:
        self._refs = r

    def tree_for(self, rows, cols) -> tuple:
        """``(tree, drow, dcol)`` to bind for the units at ``rows``, ``cols`` (arrays) of
        this unit's group (one R1C1 shape): the form's own tree with offsets from the
        form's cell, so that binding a group builds no moved tree. An offset is None
        when zero for all, an int when one for all, else the array."""
        f = self.form
        tree, r0, c0 = (self.tree, self.row, self.col) if f is None or self._tree is not None \
            else (f.tree, f.row, f.col)
        return tree, _offset(rows - r0), _offset(cols - c0)

    @property
    def where(self) -> str:
        return f"{self.sheet}!{cell_name(self.row, self.col)}"

    @property
    def height(self) -> int:
        return self.array.height if self.array is not None else 1

    @property
    def width(self) -> int:
        return self.array.width if self.array is not None else 1


def _offset(d):
    if not d.any():
        return None
    return int(d[0]) if (d == d[0]).all() else d


def collect_units(wb):
    """The formula units of a workbook, and the formula cells it cannot compute
    (list of :class:`Uncomputable`); data tables are neither (see :mod:`datatable`).

    Cells that are moved copies of one formula (the reader's origins) are resolved and
    checked once, as one :class:`Form`; the others (names anchored at the cell, LET, a
    reference moved off the sheet) one by one. The per-cell loop does only what each
    cell needs: its origin's form and fit box are looked up by the origin's identity
    (the reader gives a shared formula's copies one origin object)."""
    units, bad = [], []
    forms = {}      # (id(origin tree), row, col, sheet) -> (origin tree, Form or None, box)
    new = object.__new__
    for sh in wb.sheets:
        name, cells = sh.name, sh.cells
        seen = {}   # id(origin) -> (Form or None, box): the origins stay alive in cells
        for r, c in sorted(cells):      # (keys only: sorting the items costs 8x more)
            cell = cells[(r, c)]
            origin = cell.origin
            hit = seen.get(id(origin))
            if hit is None:
                if origin is None:
                    u = _cell_unit(wb, name, r, c, cell, forms, bad, len(units))
                    if u is not None:
                        units.append(u)
                    continue
                hit = seen[id(origin)] = _origin_form(wb, name, origin, forms)[1:]
            form, (r_lo, r_hi, c_lo, c_hi) = hit
            if r_lo <= r <= r_hi and c_lo <= c <= c_hi:
                # Unit(len(units), name, r, c, None, cell.array, form.volatile, ...,
                # form=form) without the call, which costs as much as the rest per cell
                u = new(Unit)
                (u.uid, u.sheet, u.row, u.col, u._tree, u.array, u.volatile, u.deps, u.level,
                 u._refs, u.dynamic, u.self_loop, u.solo, u.key, u.tape_ok, u.form) = (
                    len(units), name, r, c, None, cell.array, form.volatile, _NO_DEPS, 0,
                    None, False, False, form.computed_range, None, None, form)
            else:
                u = _unit_of_cell(wb, name, r, c, cell, len(units), bad)
                if u is None:
                    continue
            if cell.dynamic and cell.array is not None:
                _spills(u)
            units.append(u)
    return units, bad


def _origin_form(wb, sheet: str, origin: tuple, forms: dict) -> tuple:
    """(origin tree, :class:`Form` or None, fit box) of an origin, made once."""
    k = (id(origin[0]), origin[1], origin[2], sheet)
    hit = forms.get(k)
    if hit is None:
        form = _form(wb, sheet, *origin)
        hit = forms[k] = (origin[0], form, _fit_box(form))
    return hit


def _cell_unit(wb, sheet: str, r: int, c: int, cell, forms: dict, bad: list, uid: int):
    """The unit of a cell without an origin, or None: a constant, or a formula we cannot
    compute (an :class:`Uncomputable` added)."""
    if not cell.has_tree:
        if cell.problem is not None:
            bad.append(Uncomputable(sheet, r, c, cell.problem, cell.array))
        return None
    _, form, (r_lo, r_hi, c_lo, c_hi) = _origin_form(wb, sheet, (cell.tree, r, c), forms)
    if r_lo <= r <= r_hi and c_lo <= c <= c_hi:
        u = Unit(uid, sheet, r, c, None, cell.array, form.volatile, _NO_DEPS,
                 solo=form.computed_range, form=form)
    else:
        u = _unit_of_cell(wb, sheet, r, c, cell, uid, bad)
    if u is not None and cell.dynamic and cell.array is not None:
        _spills(u)
    return u


def _spills(u: Unit) -> None:
    """Mark a dynamic-array formula's unit (solo when its size depends on values)."""
    u.dynamic = True
    u.solo = u.solo or _sized_by_values(u)


def _fit_box(form: Form | None) -> tuple:
    """(lowest row, highest row, lowest col, highest col) of the cells where a copy of the
    form keeps every reference on the sheet (moved by at most ``bounds``); empty for no
    usable form, or one with a reference that changes size when moved (``SUM(B$1:B1)``,
    a running total: the form's key holds one size per reference). Per cell, a check is
    then two chained comparisons."""
    if form is None or form.problem is not None or \
            any(a != c or b != d for n, a, b, c, d in form.movers() if not n.bad):
        return (1, 0, 1, 0)
    r_lo, r_hi, c_lo, c_hi = form.bounds
    return (1 - r_lo + form.row, MAX_ROW - r_hi + form.row,
            1 - c_lo + form.col, MAX_COL - c_hi + form.col)


def _form(wb, sheet: str, tree, row: int, col: int) -> Form | None:
    """The :class:`Form` of an origin, or None when its copies are resolved one by one."""
    if not movable(tree, wb, sheet):
        return None
    new_cell()
    try:
        return Form(sheet, row, col,
                    resolve_names(tree, wb, sheet, f"{sheet}!{cell_name(row, col)}"))
    except SheetsolverError:
        return None


def _unit_of_cell(wb, sheet: str, r: int, c: int, cell, uid: int, bad: list):
    """One cell's unit resolved on its own, or None (an :class:`Uncomputable` added)."""
    new_cell()
    try:
        tree = resolve_names(cell.tree, wb, sheet, f"{sheet}!{cell_name(r, c)}")
    except SheetsolverError as e:
        bad.append(Uncomputable(sheet, r, c, e.message, cell.array))
        return None
    refs = []
    volatile, problem, computed_range = tree_problem(tree, refs)
    if problem is not None:
        bad.append(Uncomputable(sheet, r, c, problem, cell.array, refs))
        return None
    return Unit(uid, sheet, r, c, tree, cell.array, volatile, refs=refs, solo=computed_range)


def _sized_by_values(u: Unit) -> bool:
    f = u.form
    if f is None:
        return spill.sized_by_values(u.tree)
    if f.solo_dynamic is None:
        f.solo_dynamic = spill.sized_by_values(f.tree)
    return f.solo_dynamic


def unit_grid(units, grids, marks=None, order=None) -> dict:
    """Per sheet, an int array giving the unit id that computes each cell (-1: none);
    with ``marks``, the mark of each unit of ``order`` instead of its id (the position
    of its group in the plan). One-cell units are written in one indexing per sheet."""
    out = {name: np.full(g.num.shape, -1, np.int64) for name, g in grids.items()}
    us = units if order is None else order
    n = len(us)
    ms = np.fromiter(map(_UID, units) if marks is None else marks, np.int64, n)
    one = np.ones(n, bool)
    for k, u in enumerate(us):
        if u.array is not None:
            a = u.array
            out[u.sheet][a.r1:a.r2 + 1, a.c1:a.c2 + 1] = ms[k]
            one[k] = False
    sheet_no = {name: k for k, name in enumerate(out)}
    sheets = np.fromiter(map(sheet_no.__getitem__, map(_SHEET, us)), np.int64, n)
    rows = np.fromiter(map(_ROW, us), np.int64, n)
    cols = np.fromiter(map(_COL, us), np.int64, n)
    for name, k in sheet_no.items():
        sel = one & (sheets == k)
        out[name][rows[sel], cols[sel]] = ms[sel]
    return out


class CircularReference(SheetsolverError):
    """Formulas that depend on each other."""


def levels(units, extra=None):
    """Longest-path levels (Kahn). Raises SheetsolverError on a circular reference (the
    engine takes the static ones out first: see :func:`cycles`). Returns the dependency
    edges (:func:`_edges`), for :func:`group_units`."""
    n = len(units)
    edges = src, dst = _edges(units, extra)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    by_src = np.argsort(src, kind="stable")     # the users of unit j: users[ptr[j]:ptr[j + 1]]
    users, ptr = dst[by_src], np.searchsorted(src[by_src], np.arange(n + 1))
    indeg, level, ready, seen = _wide_waves(n, users, ptr, np.bincount(dst, minlength=n))
    users, ptr = users.tolist(), ptr.tolist()
    while ready:       # the narrow waves (a deep chain of recurrences), one unit at a time
        nxt = []
        for i in ready:
            seen += 1
            li = level[i] + 1
            for k in users[ptr[i]:ptr[i + 1]]:
                if level[k] < li:
                    level[k] = li
                indeg[k] -= 1
                if indeg[k] == 0:
                    nxt.append(k)
        ready = nxt
    if seen < n:
        stuck = [units[i].where for i in range(n) if indeg[i] > 0]
        sheet, _, cell = stuck[0].partition("!")
        raise CircularReference("circular reference: " + ", ".join(stuck[:12]) +
                               (f" and {len(stuck) - 12} more cells" if len(stuck) > 12 else "")
                               + " depend on each other", sheet=sheet, cell=cell)
    for u in units:
        u.level = level[u.uid]
    return edges


_WIDE = 256      # a wave of Kahn's algorithm with this many units is done with NumPy


def _wide_waves(n: int, users, ptr, indeg):
    """Kahn's waves done as array operations while they are wide (a shallow graph, such
    as a model's many cells that read only inputs): a unit's level is the wave in which
    its last dependency is done. Returns (indeg, level, ready, seen) as lists for the
    one-by-one loop, which continues from the first narrow wave (the levels it gives
    there are right: every unit done here has a lower level than those it goes on with)."""
    level = np.zeros(n, np.int64)
    ready = np.flatnonzero(indeg == 0)
    seen, wave = 0, 0
    while ready.size >= _WIDE:
        seen += ready.size
        wave += 1
        counts = ptr[ready + 1] - ptr[ready]
        total = int(counts.sum())
        starts = np.repeat(ptr[ready] - (np.cumsum(counts) - counts), counts)
        hit = users[starts + np.arange(total)]
        indeg = indeg - np.bincount(hit, minlength=n)
        done = np.zeros(n, bool)
        done[hit[indeg[hit] == 0]] = True
        ready = np.flatnonzero(done)
        level[ready] = wave
    return indeg.tolist(), level.tolist(), ready.tolist(), seen


def _ref_sizes(u: Unit):
    return tuple((n.r2 - n.r1, n.c2 - n.c1) for n in u.refs)


def group_units(units, extra=None, edges=None) -> list[list[Unit]]:
    """Units that can be evaluated as one array operation, in evaluation order.

    Units with the same shape start as one group. Groups that depend on each other (a
    recurrence such as ``P2 = O2+1``, a group on itself, or a cycle of groups) and can
    all run on a tape become one :class:`Chain`, a single step however many rows it
    has (as does a tape-able group after one that reads it at several levels). Other
    groups on a cycle of groups are split by dependency level; this repeats until the
    groups form a DAG, whose topological order is the evaluation order. ``edges``:
    :func:`levels`' result, when the dependencies have not changed since.
    """
    by_form = defaultdict(list)     # cheap keys first: one full key per form, not per cell
    for u in units:
        if u.solo:             # a range built at run time may differ in size per cell
            by_form[("solo", u.uid)].append(u)
        elif u.form is not None:
            by_form[(id(u.form), u.volatile, u.dynamic) if u.array is None else
                    (id(u.form), u.height, u.width, True, u.volatile, u.dynamic)].append(u)
        else:
            by_form[("cell", u.uid)].append(u)
    classes = {}
    for k, us in by_form.items():
        u = us[0]
        if k[0] == "solo":
            key = k
        else:
            sizes, form_shape = u.form.key if u.form is not None else \
                (_ref_sizes(u), shape(u.tree, u.row, u.col))
            key = (u.sheet, u.height, u.width, u.array is not None, u.volatile, sizes,
                   form_shape)
            if u.dynamic:      # spills of one size group together, apart from CSE arrays
                key += ("dynamic",)
        ok = tree_ok(u.tree)       # one check per formula shape, not per cell
        for x in us:
            x.key = key
            x.tape_ok = ok
        classes.setdefault(key, []).append(us)
    groups = [parts[0] if len(parts) == 1 else
              sorted((u for us in parts for u in us), key=_UID)
              for parts in classes.values()]
    src, dst = _edges(units, extra) if edges is None else edges
    tape_ok = {}       # id(group) -> (group, units_ok(group)): a group not split keeps it
    for step in range(len(units) + 1):
        gid = _group_ids(groups, len(units))
        gu, gd = gid[dst], gid[src]
        same = gu == gd
        split = set(gu[same].tolist())
        n = len(groups)
        # np.unique's sort by hand: np.unique imports numpy.ma (start-up time)
        pairs = _unique(gd[~same] * n + gu[~same])
        prefer = []        # (the dict holds the group, so its id is not reused)
        for g in groups:
            hit = tape_ok.get(id(g))
            if hit is None:
                hit = tape_ok[id(g)] = (g, type(g) is Chain or units_ok(g))
            prefer.append(hit[1])
        order, stuck = _toposort(n, pairs // n, pairs % n, prefer)
        if step == 0 and (split or stuck):
            merged = _merge_recurrences(groups, split | stuck, _unique(gd * n + gu))
            if merged is not None:
                groups = merged
                continue
        split |= stuck
        split = {k for k in split if type(groups[k]) is not Chain and
                 len(set(map(_LEVEL, groups[k]))) > 1}
        if not split:
            return [groups[k] for k in order]
        new = []
        for k, g in enumerate(groups):
            if k in split:     # one group per level, in level order (the sort is stable)
                g = sorted(g, key=_LEVEL)
                new.extend(list(us) for _, us in itertools.groupby(g, key=_LEVEL))
            else:
                new.append(g)
        groups = new
    raise AssertionError("group planning did not converge")


def _edges(units, extra=None):
    """(dependency, dependent) unit ids of every static and run-time dependency, as arrays."""
    deps = list(map(attrgetter("deps"), units))
    if extra:
        for k, u in enumerate(units):
            if u.uid in extra:
                deps[k] = deps[k] | extra[u.uid]
    lens = np.fromiter(map(len, deps), np.int64, len(deps))
    src = np.fromiter(itertools.chain.from_iterable(deps), np.int64, int(lens.sum()))
    uids = np.fromiter(map(_UID, units), np.int64, len(units))
    return src, np.repeat(uids, lens)


def _toposort(n, src, dst, prefer=None):
    """Kahn's order of n nodes joined by the edges src[i] -> dst[i] (sorted by src, no
    repeats); also the set of nodes left on cycles.

    ``prefer``: per node, whether it can run on a tape. Such nodes are taken while any
    is ready, then every other ready node, and so on: the tape-able groups of a
    recurrence come out in as few runs as the dependencies allow (one for graddesc)."""
    indeg = np.bincount(dst, minlength=n).tolist()
    ptr = np.searchsorted(src, np.arange(n + 1)).tolist()
    targets = dst.tolist()
    prefer = prefer or [False] * n
    ready = ([k for k in range(n) if indeg[k] == 0 and prefer[k]],
             [k for k in range(n) if indeg[k] == 0 and not prefer[k]])
    order = []
    first = True       # what is ready at the start (constants' readers) goes first
    while ready[0] or ready[1]:
        stack = ready[1] if (first and ready[1]) or not ready[0] else ready[0]
        first = False
        while stack:
            k = stack.pop()
            order.append(k)
            for b in targets[ptr[k]:ptr[k + 1]]:
                indeg[b] -= 1
                if indeg[b] == 0:
                    ready[0 if prefer[b] else 1].append(b)
    stuck = {k for k in range(n) if indeg[k] > 0}
    return order, stuck


class Chain(list):
    """The units of a recurrence planned as one step: shape groups that depend on each
    other (in both directions, or a group on itself, as graddesc's row-by-row updates
    do), or one group reading a recurrence at several levels (graddesc's per-row error
    column), that can all run on a tape. ``shapes``: the shape groups. The engine runs
    it as one :class:`~sheetsolver.engine.group.Recurrence`; its split into one group
    per shape and dependency level is made only when something needs it."""
    __slots__ = ("shapes",)


def _group_ids(groups, n_units: int):
    """Per unit id, the position of its group."""
    gid = np.empty(n_units, np.int64)
    gid[np.fromiter(map(_UID, itertools.chain.from_iterable(groups)), np.int64,
                    n_units)] = np.repeat(np.arange(len(groups)), list(map(len, groups)))
    return gid


def _unique(x):
    """Sorted distinct values (np.unique imports numpy.ma: start-up time)."""
    x = np.sort(x)
    return x[np.concatenate(([True], x[1:] != x[:-1]))] if x.size else x


def _merge_recurrences(groups, cyclic, pairs):
    """``groups`` with each strongly connected part of the group graph (``pairs``:
    sorted distinct ``src * n + dst`` of its edges, a group's edges to itself
    included) that lies on a cycle and whose groups all fit a tape merged into one
    :class:`Chain` (at its first group's place), and each group after such a cycle
    that spans levels and fits a tape made a Chain of its own; None when there is
    none. ``cyclic``: the groups on or after a cycle (Kahn's leftovers)."""
    n = len(groups)
    src, dst = pairs // n, pairs % n
    inside = np.zeros(n, bool)
    inside[list(cyclic)] = True
    keep = inside[src] & inside[dst]
    part = _strong_parts(n, src[keep], dst[keep])
    loops = set(src[src == dst].tolist())
    members = defaultdict(list)
    for k in sorted(cyclic):
        members[part[k]].append(k)
    first = {}
    for ks in members.values():
        if len(ks) > 1 or ks[0] in loops:
            fits = all(recurrence_ok(groups[k]) for k in ks)
        else:           # after a recurrence: reads it at several levels (an error column)
            fits = len(set(map(_LEVEL, groups[ks[0]]))) > 1 and recurrence_ok(groups[ks[0]])
        if fits:
            chain = Chain(sorted(itertools.chain.from_iterable(groups[k] for k in ks),
                                 key=_UID))
            chain.shapes = [groups[k] for k in ks]
            for k in ks:
                first[k] = chain if k == ks[0] else None
    if not first:
        return None
    return [g if k not in first else first[k] for k, g in enumerate(groups)
            if first.get(k, g) is not None]


def _strong_parts(n: int, src, dst) -> list:
    """Tarjan's strongly connected components of n nodes joined by the edges src[i] ->
    dst[i] (sorted by src), without recursion: per node, its component's number."""
    ptr = np.searchsorted(src, np.arange(n + 1)).tolist()
    targets = dst.tolist()
    index, low, comp = [-1] * n, [0] * n, [-1] * n
    on_stack = [False] * n
    stack, count, found = [], 0, 0
    for s in range(n):
        if index[s] >= 0 or ptr[s] == ptr[s + 1]:
            if index[s] < 0:        # no edges out: a part of its own
                index[s], comp[s], found = count, found, found + 1
                count += 1
            continue
        index[s] = low[s] = count
        count += 1
        stack.append(s)
        on_stack[s] = True
        work = [[s, ptr[s]]]
        while work:
            top = work[-1]
            v, p = top
            if p < ptr[v + 1]:
                top[1] = p + 1
                w = targets[p]
                if index[w] < 0:
                    index[w] = low[w] = count
                    count += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append([w, ptr[w]])
                elif on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work and low[v] < low[work[-1][0]]:
                low[work[-1][0]] = low[v]
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = found
                    if w == v:
                        break
                found += 1
    return comp
