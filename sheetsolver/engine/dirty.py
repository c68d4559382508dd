"""Recalculation in proportion to what changed: the plan steps an input change reaches.

The engine notes every constant area written through its public methods (set_value,
set_numbers, write_variables); :meth:`Dirty.steps` then returns only the plan steps
(tapes and groups) holding a formula that can depend on those areas, in plan order,
as Excel's smart recalculation does. The answer is cached per set of changed areas,
so an optimiser or a user changing the same cells again pays one dictionary lookup:
no Python-level work per cell.

Conservative by construction: the first run after a plan, and any run after a change
the engine did not see, is a full one; formulas whose references are computed at run
time (OFFSET, INDIRECT, ``A1:INDEX(...)``), dynamic arrays and (with
``refresh_volatile``) volatile functions always run, and with them whatever reads them.
"""
from __future__ import annotations

import numpy as np

from ..formula import ast as A
from .functions import FUNCTIONS


class Dirty:
    """The changed constant areas since the last recalculation, and the steps they reach."""

    def __init__(self):
        self.changed = None      # None: run everything; else a set of Areas
        self._cache = {}
        self._index = None

    def reset(self) -> None:
        """A new plan (or an unknown change): the next run is a full one."""
        self.changed = None
        self._cache = {}
        self._index = None

    def note(self, area) -> None:
        if self.changed is not None:
            self.changed.add(area)

    def done(self) -> None:
        """A run brought every formula up to date with the inputs."""
        self.changed = set()

    def steps(self, engine, steps) -> list:
        """The steps to run, in plan order."""
        if self.changed is None:
            return steps
        key = frozenset(self.changed)
        hit = self._cache.get(key)
        if hit is None:
            if self._index is None:
                self._index = _Index(engine, steps)
            hit = self._cache[key] = self._index.reached(engine, key)
        return hit


class _Index:
    """Per plan: which step computes each unit, who reads each unit, where each unit's
    references point, and the units that always run."""

    def __init__(self, engine, steps):
        self.steps = steps
        n = len(engine.units)
        self.step_of = np.full(n, -1, np.int64)
        for k, st in enumerate(steps):
            for g in (st.groups if hasattr(st, "run") else (st,)):
                for u in g.units:
                    self.step_of[u.uid] = k
        deps = engine.unit_dependencies()
        self.users = [[] for _ in range(n)]
        for uid, ds in deps.items():
            for d in ds:
                if 0 <= d < n:
                    self.users[d].append(uid)
        rects, shape_flags = [], {}
        self.always = []
        for u in engine.units:
            key = u.key
            flag = shape_flags.get(key) if key is not None else None
            if flag is None:
                flag = _runs_always(u, engine.refresh_volatile)
                if key is not None:
                    shape_flags[key] = flag
            if flag or u.dynamic or u.solo:
                self.always.append(u.uid)
            for ref in u.refs:
                if not ref.bad:
                    rects.append((ref.sheet, ref.r1, ref.c1, ref.r2, ref.c2, u.uid))
        self.rects = {}
        for sheet in {r[0] for r in rects}:
            mine = np.array([r[1:] for r in rects if r[0] == sheet], np.int64)
            self.rects[sheet] = mine

    def reached(self, engine, areas) -> list:
        """The steps whose units can depend on ``areas`` (or always run), in plan order."""
        start = list(self.always)
        for a in areas:
            rc = self.rects.get(a.sheet)
            if rc is None:
                continue
            hit = (rc[:, 0] <= a.r2) & (rc[:, 2] >= a.r1) & (rc[:, 1] <= a.c2) & (rc[:, 3] >= a.c1)
            start.extend(int(x) for x in rc[hit, 4])
        seen = set()
        users = self.users
        while start:
            uid = start.pop()
            if uid in seen:
                continue
            seen.add(uid)
            start.extend(users[uid])
        if not seen:
            return []
        ks = np.unique(self.step_of[np.fromiter(seen, np.int64, len(seen))])
        return [self.steps[int(k)] for k in ks if k >= 0]


def _runs_always(u, refresh_volatile: bool) -> bool:
    """Whether a unit's formula reads cells known only at run time (or is volatile and
    refreshed on every recalculation)."""
    if u.volatile and refresh_volatile:
        return True
    todo = [u.tree]
    while todo:
        t = todo.pop()
        if isinstance(t, A.Func):
            fn = FUNCTIONS.get(t.name)
            if fn is not None and getattr(fn, "returns_ref", False) and t.name not in _STATIC_REF:
                return True
            todo.extend(t.args)
        elif isinstance(t, A.Binary):
            if t.op == ":" and not (isinstance(t.left, A.Ref) and isinstance(t.right, A.Ref)):
                return True
            todo.extend((t.left, t.right))
        elif isinstance(t, A.Unary):
            todo.append(t.operand)
    return False


# functions returning a reference inside ranges they are given (static dependencies)
_STATIC_REF = frozenset(("INDEX", "CHOOSE", "IF", "IFS", "SWITCH", "XLOOKUP", "LOOKUP",
                         "SINGLE", "_xlfn.SINGLE"))
