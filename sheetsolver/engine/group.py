"""A group: cells sharing one formula shape, evaluated (and differentiated) together."""
from __future__ import annotations

import itertools
from operator import attrgetter, itemgetter

import numpy as np

from ..values import NA
from .batch import BLANK, ERROR, NUMBER, V
from .binder import bind
from .nodes import Ctx, Deref, unbroadcast
from .tape import ref_cells


_BOUND = frozenset(("grid", "ctx", "wr", "wc", "wflat", "wblock", "root", "root_deref"))


class Group:
    """Units sharing one formula shape, bound to their host cells.

    A big workbook makes tens of thousands of (mostly one-cell) groups at open, so
    construction sets only what differs per group: the defaults below are class
    attributes, ``offsets_checked`` is made on first use."""
    out_shape = None
    needs_grad = False
    is_array = False
    recurrence = False
    h = w = 1

    def __init__(self, engine, units):
        u0 = units[0]
        self.units = units
        self.sheet = u0.sheet
        self._engine = engine
        self.level = u0.level
        self.volatile = u0.volatile
        a = u0.array
        if a is not None:
            self.is_array = True
            self.h, self.w = a.height, a.width

    def __getattr__(self, name):
        """The bound formula and host-cell arrays are built on first use: the groups a
        Tape runs (most of a recurrence workbook) are bound only if the tape gives up,
        or for gradients. ``offsets_checked``: the OFFSET targets already checked
        against the plan (see Engine.touched)."""
        d = self.__dict__
        if name in _BOUND and "_engine" in d:
            self._bind()
            return d[name]
        if name == "offsets_checked":
            seen = d[name] = {}
            return seen
        raise AttributeError(name)

    def _bind(self):
        engine, units = self._engine, self.units
        u0 = units[0]
        self.grid = engine.grids[u0.sheet]
        rows = np.array([u.row for u in units], np.int64)
        cols = np.array([u.col for u in units], np.int64)
        self.ctx = Ctx(engine, u0.sheet, rows, cols, self.is_array)
        self.wr = rows.reshape(-1, 1, 1) + np.arange(self.h).reshape(1, -1, 1)
        self.wc = cols.reshape(-1, 1, 1) + np.arange(self.w).reshape(1, 1, -1)
        self.wflat = self.wr * self.grid.num.shape[1] + self.wc
        self.wblock = _block(self.wr, self.wc)
        tree, drow, dcol = u0.tree_for(rows, cols)   # no moved tree built per group
        self.root = bind(engine, tree, drow, dcol, u0)
        self.root_deref = Deref()

    def evaluate(self):
        ctx = self.ctx
        out = self.root.forward(ctx)
        out = self.root_deref(out, ctx, not self.is_array)
        if out.kind is not None and (out.kind == BLANK).any():
            # a formula showing an empty cell shows 0 (=A1 with A1 empty is 0 in Excel)
            blank = out.kind == BLANK
            out = V(np.where(blank, 0.0, out.num), np.where(blank, NUMBER, out.kind).astype(np.int8),
                    out.obj)
        self.out_shape = out.num.shape
        n = ctx.n
        if self.is_array:
            out = _fit(out, (n, self.h, self.w))
        else:
            if out.num.shape[1:] != (1, 1):
                out = V(out.num[:, :1, :1], None if out.kind is None else out.kind[:, :1, :1],
                        None if out.obj is None else out.obj[:, :1, :1])
            if out.num.shape[0] != n:
                out = V(np.broadcast_to(out.num, (n, 1, 1)),
                        None if out.kind is None else np.broadcast_to(out.kind, (n, 1, 1)),
                        None if out.obj is None else np.broadcast_to(out.obj, (n, 1, 1)))
        if out.num.shape != self.wflat.shape:
            out = V(np.broadcast_to(out.num, self.wflat.shape),
                    None if out.kind is None else np.broadcast_to(out.kind, self.wflat.shape),
                    None if out.obj is None else np.broadcast_to(out.obj, self.wflat.shape))
        self.grid.write(self.wflat, out, self.wblock)

    def backward(self, grads):
        buf = grads[self.sheet]
        if self.wblock is None:
            gout = buf.take(self.wflat)     # take: several times faster than [wr, wc]
        else:                               # one rectangle: a slice, copied
            gout = np.array(buf[self.wblock]).reshape(self.wflat.shape)
        if not gout.any():
            return
        s = self.out_shape
        if s != gout.shape:
            g = np.zeros(s)
            hh, ww = min(s[1], gout.shape[1]), min(s[2], gout.shape[2])
            if s[0] == gout.shape[0]:
                g[:, :hh, :ww] = gout[:, :hh, :ww]
            else:
                g = unbroadcast(np.broadcast_to(gout[:, :hh, :ww], (gout.shape[0], hh, ww)),
                                (s[0], hh, ww)) if s[1:] == (hh, ww) else g
            gout = g
        if self.root_deref.grid is not None:
            self.root_deref.push(self.ctx, gout)
        elif self.root.needs_grad:
            self.root.backward(self.ctx, gout)


class Recurrence:
    """One plan step for a recurrence (:class:`compiler.Chain`): shape groups whose
    cells depend on each other row after row, as graddesc's updates do. It runs on a
    :class:`~sheetsolver.engine.tape.Tape`; its groups, one per shape and dependency
    level (what the tape falls back to when a value is not a plain number, what
    gradients and :meth:`Engine.dependents` walk), are built on first use, so opening
    a workbook makes no object per row."""
    recurrence = True
    volatile = False
    is_array = False

    def __init__(self, engine, chain, level: int):
        self.units = chain
        self.shapes = chain.shapes
        self.sheet = chain[0].sheet
        self.level = level          # the step's position in the plan
        self._engine = engine
        self._groups = None

    @property
    def groups(self) -> list:
        """The groups in an evaluation order: by level (a unit's dependencies all sit on
        lower levels), then by shape."""
        if self._groups is None:
            parts = []
            for k, us in enumerate(self.shapes):
                us = sorted(us, key=_LEVEL)      # stable: the units stay in uid order
                parts.extend((lv, k, list(g)) for lv, g in itertools.groupby(us, key=_LEVEL))
            parts.sort(key=_FIRST_TWO)
            self._groups = []
            for _, _, us in parts:
                g = Group(self._engine, us)
                g.level = self.level
                self._groups.append(g)
        return self._groups

    def reached(self, dep: dict, out: list) -> None:
        """Append to ``out`` the groups that read a cell marked in ``dep`` (per sheet, a
        boolean grid), in order, marking their cells as they are found (what
        :meth:`Engine.dependents` asks of a group's bound formula, found from the units'
        one-cell references: no group is bound)."""
        for grp in self.groups:
            hit = False
            for u in grp.units:
                for s, r, c, _ in ref_cells(u):
                    m = dep[s]
                    h, w = m.shape
                    if m[r if r < h else h - 1, c if c < w else w - 1]:
                        hit = True
                        break
                if hit:
                    break
            if hit:
                out.append(grp)
                for u in grp.units:
                    dep[u.sheet][u.row, u.col] = True


_LEVEL = attrgetter("level")
_FIRST_TWO = itemgetter(0, 1)


def _block(wr, wc):
    """Row and column slices when the cells written (wr, wc: (n, h, w)) are one
    rectangle in row-major order, so results are stored by slice; else None."""
    r0, r1, c0, c1 = int(wr.min()), int(wr.max()), int(wc.min()), int(wc.max())
    if wr.size != (r1 - r0 + 1) * (c1 - c0 + 1) or wr.size < 2:
        return None
    rows, cols = np.divmod(np.arange(wr.size), c1 - c0 + 1)
    if not ((wr.reshape(-1) == rows + r0).all() and (wc.reshape(-1) == cols + c0).all()):
        return None
    return slice(r0, r1 + 1), slice(c0, c1 + 1)


def _fit(v: V, shape) -> V:
    """An array result placed in an array range: broadcast single rows/columns/values,
    #N/A where the result is smaller than the range (Excel's rule)."""
    n, h, w = shape
    s = v.num.shape
    if s[1:] == (h, w) and s[0] == n:
        return v
    th = h if s[1] in (1, h) else s[1]
    tw = w if s[2] in (1, w) else s[2]
    num = np.zeros(shape)
    kind = np.full(shape, ERROR, np.int8)
    obj = np.empty(shape, object)
    obj.fill(NA)
    hh, ww = min(th, h), min(tw, w)
    src_num = np.broadcast_to(v.num, (n, th, tw))[:, :hh, :ww]
    num[:, :hh, :ww] = src_num
    kind[:, :hh, :ww] = np.broadcast_to(np.ones(s, np.int8) if v.kind is None else v.kind,
                                        (n, th, tw))[:, :hh, :ww]
    if v.obj is not None:
        obj[:, :hh, :ww] = np.broadcast_to(v.obj, (n, th, tw))[:, :hh, :ww]
    if (kind == 1).all():
        return V(num)
    return V(num, kind, obj)
