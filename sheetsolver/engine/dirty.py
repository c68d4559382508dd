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
from . import sum_range
from .functions import FUNCTIONS


MAX_CACHED = 256         # sets of changed areas remembered with the steps they reach


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
            if len(self._cache) >= MAX_CACHED:     # a macro writing ever other cells
                self._cache.clear()
            hit = self._cache[key] = self._index.reached(engine, key)
        return hit


class _Index:
    """Per plan and step: the rectangles its formulas read (per reference position, the
    box around every cell's reference: conservative), the cells it writes, and whether
    it always runs."""

    def __init__(self, engine, steps):
        self.steps = steps
        flags = {}
        self.reads, self.writes, self.always = [], [], []
        for st in steps:
            if hasattr(st, "run"):      # a tape: plain arithmetic, its cells listed already
                self.always.append(False)
                self.reads.append([(s, rows, cols) for s, (rows, cols, _) in st.inputs.items()])
                self.writes.append([(s, rows, cols) for s, (rows, cols, _) in st.outputs.items()])
                continue
            units = st.units
            self.always.append(any(_always(u, engine.refresh_volatile, flags) for u in units))
            boxes = _read_boxes(units, engine.grids)
            self.reads.append([(s, slice(max(b[0], 0), b[2] + 1), slice(max(b[1], 0), b[3] + 1))
                               for (_, s), b in boxes.items()])
            cells = {}
            for u in units:
                a = u.array
                rr, cc = cells.setdefault(u.sheet, ([], []))
                if a is None:
                    rr.append(u.row)
                    cc.append(u.col)
                else:
                    for r, c in a.cells():
                        rr.append(r)
                        cc.append(c)
            self.writes.append([(s, np.array(r, np.int64), np.array(c, np.int64))
                                for s, (r, c) in cells.items()])

    def reached(self, engine, areas) -> list:
        """The steps whose formulas can depend on ``areas`` (or always run), in plan
        order: a pass over the steps marking what each one writes once it reads a
        marked cell."""
        mask = {name: np.zeros(g.num.shape, bool) for name, g in engine.grids.items()}
        for a in areas:
            mask[a.sheet][a.r1:a.r2 + 1, a.c1:a.c2 + 1] = True
        out = []
        for k, st in enumerate(self.steps):
            if not self.always[k] and not any(_hit(mask[s], rows, cols)
                                              for s, rows, cols in self.reads[k]):
                continue
            out.append(st)
            for s, rows, cols in self.writes[k]:
                m = mask[s]
                m[np.minimum(rows, m.shape[0] - 1), np.minimum(cols, m.shape[1] - 1)] = True
        return out


def _read_boxes(units, grids) -> dict:
    """Per (reference position, sheet): the box around what the units' references read.
    Units that are moved copies of one formula (``Unit.form``) are boxed together from the
    form's references and the spread of their offsets, with no reference built per cell."""
    boxes = {}

    def add(key, r1, c1, r2, c2):
        b = boxes.get(key)
        boxes[key] = (r1, c1, r2, c2) if b is None else \
            (min(b[0], r1), min(b[1], c1), max(b[2], r2), max(b[3], c2))

    copies = {}
    for u in units:
        f = u.form
        if f is not None:
            _, rows, cols = copies.setdefault(id(f), (f, [], []))
            rows.append(u.row)
            cols.append(u.col)
            continue
        for k, n in enumerate(u.refs):
            if not n.bad and n.sheet in grids:
                add((k, n.sheet), n.r1, n.c1, n.r2, n.c2)
    for f, rows, cols in copies.values():
        dr0, dr1 = min(rows) - f.row, max(rows) - f.row
        dc0, dc1 = min(cols) - f.col, max(cols) - f.col
        for k, (n, a, b, c, d) in enumerate(f.movers()):
            if not n.bad and n.sheet in grids:
                add((k, n.sheet), n.r1 + a * dr0, n.c1 + b * dc0, n.r2 + c * dr1,
                    n.c2 + d * dc1)
    return boxes


def _hit(m, rows, cols) -> bool:
    """Whether the cells (index arrays, clipped to the sheet's arrays) or the box
    (slices) hold a marked cell."""
    if isinstance(rows, slice):
        return bool(m[rows, cols].any())
    return bool(m[np.minimum(rows, m.shape[0] - 1), np.minimum(cols, m.shape[1] - 1)].any())


def reads_at_run_time(units) -> bool:
    """Whether any of the units reads cells known only at run time (OFFSET, INDIRECT,
    ``A1:INDEX(...)``) or spills: what it reads is not in its static dependencies."""
    flags = {}
    return any(_always(u, False, flags) for u in units)


def _always(u, refresh_volatile: bool, flags: dict) -> bool:
    if u.dynamic or u.solo:
        return True
    key = (u.key, u.volatile)
    flag = flags.get(key) if u.key is not None else None
    if flag is None:
        flag = _runs_always(u, refresh_volatile)
        if u.key is not None:
            flags[key] = flag
    return flag


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
            if t.name in sum_range.RESIZED and sum_range.written_widens(t.args):
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
