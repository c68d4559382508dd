"""One NumPy operation for groups of cells that share a formula's structure but not its
reference offsets.

graddesc's per-pass error cells ``=SQRT(SUM(N8:N36))``, ``=SQRT(SUM(N38:N66))``, ... are
one formula each (each pass's block sits at a different distance from its error
cell), so the planner makes them one group per cell and a recalculation pays NumPy's
call overhead for each (likewise ``=data!$A$2``, ``=data!$A$3``, ... copied into every
pass). When such groups follow each other in the plan,
:func:`batch_steps` evaluates those with the same structure (same sheets, same range
sizes, references at any position) as one :class:`SpreadGroup`: the formula is bound
once and every reference gets its own position per cell. Only formulas whose value
does not depend on where the cell sits qualify (arithmetic, comparisons and a few
functions; ranges only inside aggregates), so the batch computes exactly what the
single groups would.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np

from ..formula import ast as A
from ..formula.refs import MAX_COL, MAX_ROW
from .grid import RefV
from .group import Group
from .walk import ref_nodes

_AGGREGATES = frozenset(("SUM", "SUMSQ", "AVERAGE", "COUNT", "MIN", "MAX", "PRODUCT"))
_SCALAR = frozenset(("SQRT", "EXP", "LN", "ABS", "IF"))
_OPS = frozenset(("+", "-", "*", "/", "^", "=", "<>", "<", ">", "<=", ">="))


class _No(Exception):
    pass


def _shape(t, in_aggregate: bool):
    cls = t.__class__
    if cls is A.Number:
        return ("n", t.value)
    if cls is A.Ref:
        if t.bad or t.r2 >= MAX_ROW or t.c2 >= MAX_COL:
            raise _No
        h, w = t.r2 - t.r1 + 1, t.c2 - t.c1 + 1
        if (h, w) != (1, 1) and not in_aggregate:    # implicit intersection: positional
            raise _No
        return ("r", t.sheet, h, w)
    if cls is A.Unary and t.op in ("-", "+", "%"):
        return ("u", t.op, _shape(t.operand, False))
    if cls is A.Binary and t.op in _OPS:
        return ("b", t.op, _shape(t.left, False), _shape(t.right, False))
    if cls is A.Func and (t.name in _AGGREGATES or t.name in _SCALAR):
        agg = t.name in _AGGREGATES
        return ("f", t.name, tuple(_shape(a, agg) for a in t.args))
    raise _No


def spread_key(u):
    """The structure of a unit's formula with reference positions left out, or None when
    the unit cannot join a batch."""
    if u.array is not None or u.volatile or u.solo or u.dynamic or u.self_loop:
        return None
    try:
        return (u.sheet, _shape(u.tree, False))
    except _No:
        return None


class SpreadGroup(Group):
    """Units of one structure, every reference at its own place per cell."""

    def __init__(self, engine, groups):
        super().__init__(engine, [u for g in groups for u in g.units])
        self.level = max(g.level for g in groups)

    def _bind(self):
        super()._bind()
        nodes = list(ref_nodes(self.root))
        units = self.units
        if len(nodes) != len(units[0].refs):
            raise AssertionError("references out of step with the bound formula")
        for k, node in enumerate(nodes):
            refs = [u.refs[k] for u in units]
            if node.grid.name != refs[0].sheet:
                raise AssertionError("references out of step with the bound formula")
            r = np.array([x.r1 for x in refs], np.int64)
            c = np.array([x.c1 for x in refs], np.int64)
            node.r, node.c = r, c
            node.ref = RefV(node.grid, r, c, node.h, node.w)


def batch_steps(engine, steps) -> list:
    """The steps with every run of consecutive groups that qualify regrouped: within a
    run, by dependency level inside the run, then by :func:`spread_key`."""
    out, run = [], []

    def flush():
        if len(run) > 1:
            out.extend(_batch(engine, run))
        else:
            out.extend(run)
        run.clear()

    for st in steps:
        if type(st) is Group and _key(st) is not None:
            run.append(st)
        else:
            flush()
            out.append(st)
    flush()
    return out


def _key(g):
    u = g.units[0]
    key = getattr(u, "spread_key", False)
    if key is False:
        key = u.spread_key = spread_key(u)
    return key


def _batch(engine, run):
    where = {u.uid: k for k, g in enumerate(run) for u in g.units}
    level = [0] * len(run)
    for k, g in enumerate(run):
        for u in g.units:
            for d in u.deps | engine._dynamic.get(u.uid, set()):
                j = where.get(d)
                if j is not None and j != k:
                    level[k] = max(level[k], level[j] + 1)
    batches = defaultdict(list)
    for k, g in enumerate(run):
        batches[(level[k], _key(g))].append(g)
    out = []
    for (_, _), gs in sorted(batches.items(), key=lambda kv: (kv[0][0], where[kv[1][0].units[0].uid])):
        out.append(gs[0] if len(gs) == 1 else SpreadGroup(engine, gs))
    return out
