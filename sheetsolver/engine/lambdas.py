"""LAMBDA helper functions: MAP, BYROW, BYCOL, REDUCE, SCAN, MAKEARRAY.

The compiler inlines LET and called LAMBDAs; a helper's LAMBDA is instead compiled
once with its parameters as :class:`Param` nodes, and the helper evaluates the body
once per element, row, column or step with the parameters set (for all cells of a
group at once: a parameter holds one value per cell).
"""
from __future__ import annotations

import numpy as np

from ..values import VALUE, ExcelError
from .batch import NUMBER, V, error
from .grid import RefV
from .nodes import Deref, Node, NotDifferentiable

CALC = ExcelError("#CALC!")
HELPERS = {"MAP", "BYROW", "BYCOL", "REDUCE", "SCAN", "MAKEARRAY"}


class Slot:
    __slots__ = ("value",)

    def __init__(self):
        self.value = None


class Param(Node):
    """A LAMBDA parameter inside a helper's body: the value the helper set."""
    __slots__ = ("slot", "needs_grad")

    def __init__(self, slot):
        self.slot, self.needs_grad = slot, False

    def forward(self, ctx):
        self.out = self.slot.value
        return self.out


def part(v: V, r: int, c: int, h: int = 1, w: int = 1) -> V:
    """Rows r..r+h-1, columns c..c+w-1 of a batched value."""
    sl = (slice(None), slice(r, r + h), slice(c, c + w))
    return V(v.num[sl], None if v.kind is None else v.kind[sl],
             None if v.obj is None else v.obj[sl])


def assemble(cells: list, H: int, W: int) -> V:
    """Batched (m, 1, 1) values laid out row-major into one (n, H, W) value."""
    n = max(x.num.shape[0] for x in cells)
    num = np.zeros((n, H, W))
    kind = np.full((n, H, W), NUMBER, np.int8)
    obj = np.empty((n, H, W), object)
    plain = True
    for k, x in enumerate(cells):
        r, c = divmod(k, W)
        num[:, r, c] = x.num[:, 0, 0]
        if x.kind is not None:
            plain = False
            kind[:, r, c] = x.kind[:, 0, 0]
            obj[:, r, c] = x.obj[:, 0, 0]
    return V(num) if plain else V(num, kind, obj)


class LambdaHelper(Node):
    """``MAP(a, LAMBDA(x, body))`` and friends; ``args`` are the helper's value
    arguments then the body."""
    __slots__ = ("kind", "args", "slots", "derefs", "body_deref", "needs_grad")

    def __init__(self, kind, values, body, slots):
        self.kind, self.args, self.slots = kind, list(values) + [body], slots
        self.derefs = [Deref() for _ in values]
        self.body_deref = Deref()
        self.needs_grad = any(a.needs_grad for a in self.args)

    def _value(self, node, d, ctx):
        x = node.forward(ctx)
        return d(x, ctx, False) if x.__class__ is RefV else x

    def _call(self, ctx, *values) -> V:
        """The body with the parameters set; one value per cell, #CALC! for an array."""
        for s, v in zip(self.slots, values):
            s.value = v
        y = self._value(self.args[-1], self.body_deref, ctx)
        if y.num.shape[1:] != (1, 1):
            return error(CALC)
        return y

    def forward(self, ctx):
        *nodes, _ = self.args
        vals = [self._value(a, d, ctx) for a, d in zip(nodes, self.derefs)]
        k = self.kind
        if k == "MAKEARRAY":
            rows, cols = (_count(v) for v in vals[:2])
            if rows is None or cols is None:
                out = error(VALUE)
            else:
                cells = [self._call(ctx, _num(r + 1), _num(c + 1))
                         for r in range(rows) for c in range(cols)]
                out = assemble(cells, rows, cols)
        elif k in ("REDUCE", "SCAN"):
            init, arr = vals if len(vals) == 2 else (None, vals[0])
            acc = init if init is not None and not init.missing else V(np.zeros((1, 1, 1)))
            _, H, W = arr.num.shape
            steps = []
            for r in range(H):
                for c in range(W):
                    acc = self._call(ctx, acc, part(arr, r, c))
                    steps.append(acc)
            out = acc if k == "REDUCE" else assemble(steps, H, W)
        elif k == "MAP":
            H = max(v.num.shape[1] for v in vals)
            W = max(v.num.shape[2] for v in vals)
            if any(v.num.shape[1:] not in ((H, W), (1, 1)) for v in vals):
                out = error(VALUE)
            else:
                cells = [self._call(ctx, *[part(v, 0 if v.num.shape[1] == 1 else r,
                                                 0 if v.num.shape[2] == 1 else c) for v in vals])
                         for r in range(H) for c in range(W)]
                out = assemble(cells, H, W)
        elif k == "BYROW":
            _, H, W = vals[0].num.shape
            out = assemble([self._call(ctx, part(vals[0], r, 0, 1, W)) for r in range(H)], H, 1)
        else:  # BYCOL
            _, H, W = vals[0].num.shape
            out = assemble([self._call(ctx, part(vals[0], 0, c, H, 1)) for c in range(W)], 1, W)
        self.out = out
        return out

    def backward(self, ctx, g):
        if self.needs_grad:
            raise NotDifferentiable(self.kind)


def _num(x: float) -> V:
    return V(np.full((1, 1, 1), float(x)))


def _count(v: V):
    """A positive whole number of rows/columns (the first cell's), or None."""
    if v.kind is not None and v.kind[0, 0, 0] != NUMBER:
        return None
    x = int(v.num[0, 0, 0])
    return x if x >= 1 else None

