"""Plan a workbook's recalculation: formula units, dependencies, levels and groups.

A *unit* is a formula cell or a whole CSE/dynamic array range. Units are ordered by
dependency level (longest path from the constants). Units on one sheet with the
same formula shape (R1C1 form, as a shared formula or a filled-down column has),
the same level and the same range sizes form a *group*, evaluated as one NumPy
operation. Row-by-row recurrences (graddesc) land on successive levels, so they
come out right.

Cells that cannot be computed become :class:`Uncomputable` records instead of units;
LET and called LAMBDAs are inlined while names are resolved; union references are
taken apart where Excel accepts them (:func:`union_forms`).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..errors import SheetsolverError
from ..formula.refs import cell_name
from ..formula.transform import shape
from . import spill  # registers ANCHORARRAY
from .cycles import cycles, reads_own_value  # noqa: F401  (used by the engine)
from .resolve import new_cell, resolve_names
from .tape import tree_ok, units_ok
from .uncomputable import Uncomputable, tree_problem



@dataclass
class Unit:
    uid: int
    sheet: str
    row: int
    col: int
    tree: object
    array: object = None        # Area for array formulas
    volatile: bool = False
    deps: set = field(default_factory=set)
    level: int = 0
    refs: list = field(default_factory=list)   # the tree's references, collected once
    dynamic: bool = False       # a dynamic-array formula: spills over its result's size
    self_loop: bool = False     # reads its own cell (a one-cell circular reference)
    solo: bool = False          # builds a range at run time (A1:INDEX(...)): never batched
    key: object = None          # the grouping key (sheet, sizes, R1C1 shape), set by group_units
    tape_ok: object = None      # plain arithmetic a Tape can run (None: not checked yet)

    @property
    def where(self) -> str:
        return f"{self.sheet}!{cell_name(self.row, self.col)}"

    @property
    def height(self) -> int:
        return self.array.height if self.array is not None else 1

    @property
    def width(self) -> int:
        return self.array.width if self.array is not None else 1


def collect_units(wb):
    """The formula units of a workbook, and the formula cells it cannot compute
    (list of :class:`Uncomputable`); data tables are neither (see :mod:`datatable`)."""
    units, bad = [], []
    for sh in wb.sheets:
        for (r, c), cell in sorted(sh.cells.items()):
            if cell.tree is None:
                if cell.problem is not None:
                    bad.append(Uncomputable(sh.name, r, c, cell.problem, cell.array))
                continue
            where = f"{sh.name}!{cell_name(r, c)}"
            new_cell()
            try:
                tree = resolve_names(cell.tree, wb, sh.name, where)
            except SheetsolverError as e:
                bad.append(Uncomputable(sh.name, r, c, e.message, cell.array))
                continue
            refs = []
            volatile, problem, computed_range = tree_problem(tree, refs)
            if problem is not None:
                bad.append(Uncomputable(sh.name, r, c, problem, cell.array, refs))
                continue
            u = Unit(len(units), sh.name, r, c, tree, cell.array, volatile, refs=refs)
            if cell.dynamic and cell.array is not None:
                u.dynamic = True
            u.solo = computed_range or (u.dynamic and spill.sized_by_values(tree))
            units.append(u)
    return units, bad


def unit_grid(units, grids) -> dict:
    """Per sheet, an int array giving the unit id that computes each cell (-1: none)."""
    out = {name: np.full(g.num.shape, -1, np.int64) for name, g in grids.items()}
    for u in units:
        if u.array is not None:
            a = u.array
            out[u.sheet][a.r1:a.r2 + 1, a.c1:a.c2 + 1] = u.uid
        else:
            out[u.sheet][u.row, u.col] = u.uid
    return out


def static_deps(units, ugrid, grids) -> None:
    blocks = {}     # (sheet, r1, c1, r2, c2) -> unit ids in it: many formulas read one table
    for u in units:
        deps = set()
        for node in u.refs:
            if not node.bad:
                g = ugrid[node.sheet]
                grid = grids[node.sheet]
                r2 = min(node.r2, grid.maxr + 1)
                c2 = min(node.c2, grid.maxc + 1)
                if node.r1 == r2 and node.c1 == c2:        # one cell: no need for unique()
                    uid = int(g[node.r1, node.c1])
                    if uid >= 0:
                        deps.add(uid)
                    continue
                key = (node.sheet, node.r1, node.c1, r2, c2)
                if key not in blocks:
                    block = g[node.r1:r2 + 1, node.c1:c2 + 1]
                    blocks[key] = [int(i) for i in np.unique(block) if i >= 0] if block.size \
                        else []
                deps.update(blocks[key])
        if u.uid in deps:
            deps.discard(u.uid)
            if u.array is None and reads_own_value(u.tree, u.sheet, u.row, u.col):
                u.self_loop = True
        u.deps = deps


class CircularReference(SheetsolverError):
    """Formulas that depend on each other."""


def levels(units, extra=None) -> None:
    """Longest-path levels (Kahn). Raises SheetsolverError on a circular reference (the
    engine takes the static ones out first: see :func:`cycles`)."""
    n = len(units)
    deps = [set(u.deps) | (extra.get(u.uid, set()) if extra else set()) for u in units]
    for i, d in enumerate(deps):
        d.discard(i)
    users = defaultdict(list)
    indeg = np.zeros(n, np.int64)
    for i, d in enumerate(deps):
        indeg[i] = len(d)
        for j in d:
            users[j].append(i)
    level = np.zeros(n, np.int64)
    ready = [i for i in range(n) if indeg[i] == 0]
    seen = 0
    while ready:
        nxt = []
        for i in ready:
            seen += 1
            for k in users[i]:
                level[k] = max(level[k], level[i] + 1)
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
        u.level = int(level[u.uid])


def _ref_sizes(u: Unit):
    return tuple((n.r2 - n.r1, n.c2 - n.c1) for n in u.refs)


def group_units(units, extra=None) -> list[list[Unit]]:
    """Units that can be evaluated as one array operation, in evaluation order.

    Units with the same shape start as one group. A group whose members depend on each
    other (a recurrence such as ``P2 = O2+1``), or that sits on a cycle of groups, is
    split by dependency level; this repeats until the groups form a DAG, whose
    topological order is the evaluation order.
    """
    classes = defaultdict(list)
    for u in units:
        key = (u.sheet, u.height, u.width, u.array is not None, u.volatile,
               _ref_sizes(u), shape(u.tree, u.row, u.col))
        if u.dynamic:          # spills of one size group together, apart from CSE arrays
            key += ("dynamic",)
        if u.solo:             # a range built at run time may differ in size per cell
            key = ("solo", u.uid)
        u.key = key
        classes[key].append(u)
    groups = list(classes.values())
    for us in groups:              # one check per formula shape, not per cell
        ok = tree_ok(us[0].tree)
        for u in us:
            u.tape_ok = ok
    deps = [u.deps | (extra.get(u.uid, set()) if extra else set()) for u in units]
    for _ in range(len(units) + 1):
        gid = np.empty(len(units), np.int64)
        for k, g in enumerate(groups):
            for u in g:
                gid[u.uid] = k
        edges = defaultdict(set)
        split = set()
        for u in units:
            gu = gid[u.uid]
            for d in deps[u.uid]:
                gd = gid[d]
                if gd == gu:
                    split.add(gu)
                else:
                    edges[gd].add(gu)
        order, stuck = _toposort(len(groups), edges, [units_ok(g) for g in groups])
        split |= stuck
        split = {k for k in split if len({u.level for u in groups[k]}) > 1}
        if not split:
            return [groups[k] for k in order]
        new = []
        for k, g in enumerate(groups):
            if k in split:
                by_level = defaultdict(list)
                for u in g:
                    by_level[u.level].append(u)
                new.extend(by_level[lv] for lv in sorted(by_level))
            else:
                new.append(g)
        groups = new
    raise AssertionError("group planning did not converge")


def _toposort(n, edges, prefer=None):
    """Kahn's order of n nodes; also the set of nodes left on cycles.

    ``prefer``: per node, whether it can run on a tape. Such nodes are taken while any
    is ready, then every other ready node, and so on: the tape-able groups of a
    recurrence come out in as few runs as the dependencies allow (one for graddesc)."""
    indeg = [0] * n
    for a, bs in edges.items():
        for b in bs:
            indeg[b] += 1
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
            for b in edges.get(k, ()):
                indeg[b] -= 1
                if indeg[b] == 0:
                    ready[0 if prefer[b] else 1].append(b)
    stuck = {k for k in range(n) if indeg[k] > 0}
    return order, stuck
