"""Compiled formula nodes: forward evaluation of a whole group, and reverse-mode gradients.

A group's formula tree is compiled once into these nodes, bound to the group's host
cells. ``forward(ctx)`` returns a batched value for all n cells at once and keeps it
on the node; ``backward(ctx, g)`` pushes d(objective)/d(node) to its inputs, ending
in the grid-gradient arrays of the cells that were read (micrograd's scheme, with
arrays instead of scalars).
"""
from __future__ import annotations

import numpy as np

from ..values import VALUE
from . import operators as ops
from .batch import ERROR, NUMBER, V, bshape, error
from . import outer_mmult
from .grid import RefV


class NotDifferentiable(Exception):
    """Raised when a gradient is asked through a function with no derivative rule."""


def unbroadcast(g: np.ndarray, shape) -> np.ndarray:
    """Sum a gradient down to ``shape`` (undo numpy broadcasting)."""
    if g.shape == tuple(shape):
        return g
    g = np.broadcast_to(g, bshape(g.shape, shape)) if g.ndim == len(shape) else g
    axes = tuple(i for i, (a, b) in enumerate(zip(g.shape, shape)) if b == 1 and a != 1)
    if axes:
        g = g.sum(axis=axes, keepdims=True)
    return np.broadcast_to(g, shape) if g.shape != tuple(shape) else g


class Ctx:
    """What a group evaluation needs: host cells, array mode, grids, gradient grids."""
    __slots__ = ("n", "rows", "cols", "array", "grads", "engine", "sheet", "refs", "need_args")

    def __init__(self, engine, sheet, rows, cols, array: bool):
        self.engine, self.sheet = engine, sheet
        self.rows, self.cols = rows, cols
        self.n = len(rows)
        self.array = array
        self.grads = None
        self.refs = {}   # dynamic references (OFFSET) of the last run, reused when unchanged
        # during a function's gradient rule: which arguments can depend on the variables
        # (a rule may skip the others; they are not routed anyway)
        self.need_args = None


class Deref:
    """Turn an argument into values, remembering where they came from for gradients."""
    __slots__ = ("grid", "flat", "shape", "block", "compact", "ref")

    def __init__(self):
        self.grid = None
        self.block = None
        self.compact = None     # (flat, its distinct cells, inverse): see push
        self.ref = None         # the reference ``flat`` and ``block`` were made for

    def __call__(self, x, ctx: Ctx, scalar: bool) -> V:
        if not isinstance(x, RefV):
            self.grid = None
            return x
        if scalar and not ctx.array and (x.h > 1 or x.w > 1):
            return self._intersect(x, ctx)
        self.grid = x.grid
        v = x.values()
        v.from_ref = True
        if ctx.grads is not None:
            if x is not self.ref:       # a static reference is the same RefV every run
                self.ref, self.flat, self.block = x, x.flat(), _block_of(x)
            self.shape = v.num.shape
        return v

    def operand(self, child, ctx: Ctx, scalar: bool) -> V:
        """An operator's operand: ``child`` evaluated, then dereferenced as by a call."""
        x = child.forward(ctx)
        if x.__class__ is RefV:
            return self(x, ctx, scalar)
        self.grid = None
        return x

    def _intersect(self, x: RefV, ctx: Ctx) -> V:
        """Implicit intersection: the cell of the range in the formula's own row/column."""
        rows, cols = ctx.rows, ctx.cols
        r0 = np.broadcast_to(np.asarray(x.r), rows.shape)
        c0 = np.broadcast_to(np.asarray(x.c), cols.shape)
        if x.w == 1 and x.h > 1:
            ok = (rows >= r0) & (rows < r0 + x.h)
            r, c = np.where(ok, rows, r0), c0
        elif x.h == 1 and x.w > 1:
            ok = (cols >= c0) & (cols < c0 + x.w)
            r, c = r0, np.where(ok, cols, c0)
        else:
            ok = np.zeros(rows.shape, bool)
            r, c = r0, c0
        one = RefV(x.grid, r, c, 1, 1)
        v = one.values()
        if not ok.all():
            kind = np.ones(v.num.shape, np.int8) if v.kind is None else np.array(v.kind)
            obj = np.empty(v.num.shape, object) if v.obj is None else np.array(v.obj)
            bad = ~ok.reshape(-1, 1, 1)
            kind[bad] = ERROR
            obj[bad] = VALUE
            v = V(v.num, kind, obj)
        self.grid = x.grid
        if ctx.grads is not None:
            self.flat = one.flat()
            self.shape = v.num.shape
            self.block = self.ref = None
        return v

    def push(self, ctx: Ctx, g) -> None:
        if self.grid is None or g is None:
            return
        gg = ctx.grads.get(self.grid.name)
        if gg is None:
            return
        g = unbroadcast(np.asarray(g, float), self.shape)
        if self.block is not None:      # one rectangle: a slice add, no scatter
            gg[self.block] += g.reshape(g.shape[1:])
            return
        flat = self.flat
        if flat.shape == self.shape and gg.size <= 64 * flat.size + 4096:
            # the cells read, each once, and which of them each element is (made once
            # per reference): a sum per cell read, not a bincount over the whole grid
            comp = self.compact
            if comp is None or comp[0] is not flat:
                comp = self.compact = _compaction(flat)
            _, cells, inverse = comp
            g = g.reshape(-1)
            gg.reshape(-1)[cells] += g if inverse is None else \
                np.bincount(inverse, weights=g, minlength=cells.size)
            return
        if flat.shape != self.shape:
            flat = np.broadcast_to(flat, self.shape)
        scatter_add(gg, flat, g)


def _compaction(flat: np.ndarray) -> tuple:
    """(flat, the distinct grid cells it holds, each element's position among them); the
    cells in flat's order and no inverse when they are all distinct."""
    f = flat.reshape(-1)
    cells, inverse = np.unique(f, return_inverse=True)
    if cells.size == f.size:
        return flat, f, None
    return flat, cells, inverse.reshape(-1)


def _block_of(x: RefV):
    """The grid slices of a single (unbatched) rectangle inside the grid, else None:
    its gradient is then added to a view instead of scattered cell by cell."""
    if x.batched:
        return None
    r, c, g = int(x.r), int(x.c), x.grid
    if r < 1 or c < 1 or r + x.h - 1 > g.maxr + 1 or c + x.w - 1 > g.maxc + 1:
        return None
    return slice(r, r + x.h), slice(c, c + x.w)


def scatter_add(target: np.ndarray, flat: np.ndarray, g: np.ndarray) -> None:
    """target.flat[flat] += g, summing repeated indices (bincount beats np.add.at)."""
    if target.size <= 64 * flat.size + 4096:
        target.reshape(-1)[:] += np.bincount(flat.reshape(-1), weights=g.reshape(-1),
                                             minlength=target.size)
    else:
        np.add.at(target.reshape(-1), flat.reshape(-1), g.reshape(-1))


class Node:
    __slots__ = ("out",)
    needs_grad = False

    def forward(self, ctx):
        raise NotImplementedError

    def backward(self, ctx, g):
        pass


class Const(Node):
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def forward(self, ctx):
        self.out = self.value
        return self.value


class RefNode(Node):
    """A static reference: top-left per host cell precomputed at bind time.
    ``needs_grad`` is set by the compiler when the area can reach a variable cell."""
    __slots__ = ("grid", "r", "c", "h", "w", "ref", "needs_grad")

    def __init__(self, grid, r, c, h, w, needs_grad=False):
        self.grid, self.r, self.c, self.h, self.w = grid, r, c, h, w
        self.ref = RefV(grid, r, c, h, w)
        self.needs_grad = needs_grad

    def forward(self, ctx):
        self.out = self.ref
        return self.ref


class ErrorNode(Const):
    pass


class Unary(Node):
    __slots__ = ("op", "arg", "d", "needs_grad", "scalar")

    def __init__(self, op, arg, in_array=False):
        self.op, self.arg, self.d = op, arg, Deref()
        self.needs_grad = arg.needs_grad
        self.scalar = not in_array  # inside an array argument ranges are not intersected

    def forward(self, ctx):
        x = self.d.operand(self.arg, ctx, self.scalar)
        if self.op == "-":
            out = ops.negate(x)
        elif self.op == "%":
            out = ops.percent(x)
        else:  # unary plus changes nothing
            out = x
        self.out = out
        return out

    def backward(self, ctx, g):
        if not self.needs_grad:
            return
        if self.op == "-":
            g = -g
        elif self.op == "%":
            g = g / 100.0
        _route(self.arg, self.d, ctx, g)


def _route(child: Node, d: Deref, ctx, g):
    """Send gradient g to a child: into the grid if it was a reference, else down the tree."""
    if g is None or not child.needs_grad:
        return
    if d.grid is not None:
        d.push(ctx, g)
    else:
        child.backward(ctx, unbroadcast(np.asarray(g, float), child.out.num.shape))


class Binary(Node):
    __slots__ = ("op", "left", "right", "dl", "dr", "a", "b", "needs_grad", "scalar")

    def __init__(self, op, left, right, in_array=False):
        self.op, self.left, self.right = op, left, right
        self.dl, self.dr = Deref(), Deref()
        self.scalar = not in_array
        self.needs_grad = left.needs_grad or right.needs_grad

    def forward(self, ctx):
        a = self.dl.operand(self.left, ctx, self.scalar)
        b = self.dr.operand(self.right, ctx, self.scalar)
        op = self.op
        plain = _PLAIN.get(op)
        if plain is not None and a.kind is None and b.kind is None:
            out = _plain_arith(plain, op, a.num, b.num)
            if out is not None:
                self.a, self.b, self.out = a, b, out
                return out
        if op in ops.ARITH:
            out = ops.arith(op, a, b)
        elif op in ops.COMPARE:
            out = ops.compare(op, a, b)
        elif op == "&":
            out = ops.concat(a, b)
        else:
            out = error(VALUE)
        self.a, self.b, self.out = a, b, out
        return out

    def backward(self, ctx, g):
        if not self.needs_grad or self.op not in ops.ARITH:
            return
        a, b, out = self.a.num, self.b.num, self.out.num
        op = self.op
        # (floating-point warnings are off: Engine.gradient runs under np.errstate)
        if op == "+":
            ga, gb = g, g
        elif op == "-":
            ga, gb = g, -g
        elif op == "*":
            ga, gb = g * b, g * a
        elif op == "/":     # (the divisor's part only when it can depend on the variables)
            ga, gb = g / b, -g * a / (b * b) if self.right.needs_grad else None
        else:  # x^y
            ga = g * b * np.power(a, b - 1)
            gb = g * out * np.log(np.where(a > 0, a, 1.0)) if self.right.needs_grad else None
        if self.left.needs_grad:
            _route(self.left, self.dl, ctx, ga)
        if self.right.needs_grad:
            _route(self.right, self.dr, ctx, gb)


_PLAIN = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}


def _plain_arith(ufunc, op, x, y):
    """``x op y`` of two all-number operands when every result is a finite number (and
    no divisor is 0): the value :func:`operators.arith` gives then, without its checks
    for blanks, text, errors and mismatched array sizes; None otherwise (arith decides)."""
    try:
        out = ufunc(x, y)
    except ValueError:          # shapes that do not broadcast: Excel pads with #N/A
        return None
    if not np.isfinite(out).all() or (op == "/" and not (y != 0).all()):
        return None
    return V(out)


class Call(Node):
    """A function call. Arguments are dereferenced according to the function's
    declared argument modes ('value', 'array', 'ref') before the call."""
    __slots__ = ("fn", "args", "derefs", "vals", "needs_grad", "scalar", "plan", "outer")

    def __init__(self, fn, args, in_array=False):
        self.fn, self.args = fn, args
        self.outer = None if fn.name == "MMULT" else False   # outer_mmult, planned on use
        self.scalar = not in_array
        self.derefs = [Deref() for _ in args]
        self.needs_grad = (any(a.needs_grad for a in args) and not fn.zero_grad) or fn.returns_ref
        # per argument: (node, Deref or None when passed as is, intersect as a scalar?)
        self.plan = []
        for i, (a, d) in enumerate(zip(args, self.derefs)):
            mode = fn.mode(i)
            passthrough = mode == "ref" or not _may_return_ref(a)
            if passthrough:
                d.grid = None
            self.plan.append((a, None if passthrough else d, mode == "value" and not in_array))

    def forward(self, ctx):
        if self.outer is not False:     # MMULT over a block as one product (outer_mmult)
            if self.outer is None:
                self.outer = outer_mmult.plan(self, ctx)
            out = self.outer.forward() if self.outer else None
            if out is not None:
                self.vals = self.out = out
                return out
        vals = []
        for a, d, scalar in self.plan:
            x = a.forward(ctx)
            vals.append(x if d is None else d(x, ctx, scalar))
        self.vals = vals
        out = self.fn.impl(ctx, *vals)
        self.out = out
        return out

    def backward(self, ctx, g):
        if not self.needs_grad:
            return
        if self.fn.grad is None:
            raise NotDifferentiable(self.fn.name)
        if self.vals is self.out:       # evaluated by outer_mmult
            self.outer.backward(ctx.grads, g, self.args[0].needs_grad, self.args[1].needs_grad)
            return
        ctx.need_args = [a.needs_grad for a in self.args]
        grads = self.fn.grad(ctx, self.vals, self.out, g)
        for a, d, ga, v in zip(self.args, self.derefs, grads, self.vals):
            if ga is None or not a.needs_grad:
                continue
            if isinstance(ga, tuple) and ga and ga[0] == "ref":  # gradient routed by the fn
                _, ref_grads = ga
                for (grid, ri, ci), gg in ref_grads:
                    target = ctx.grads.get(grid.name)
                    if target is not None:
                        np.add.at(target, (ri, ci), gg)
                continue
            _route(a, d, ctx, ga)


class Cached(Node):
    """Wraps a subtree that does not depend on the variables of a gradient: during
    gradient evaluations its value is computed once and reused until a constant cell
    changes (the engine's ``const_gen``). Transparent otherwise. ``varies``: the subtree
    can change with the variables of the current gradient (set by
    :func:`cache_constant_subtrees`; a piecewise-constant function of them, such as
    COUNTIF or AND, has no gradient but must still be recomputed)."""
    __slots__ = ("child", "needs_grad", "gen", "varies")

    def __init__(self, child):
        self.child, self.needs_grad, self.gen, self.varies = child, False, -1, False

    def forward(self, ctx):
        if ctx.grads is not None and not self.needs_grad and not self.varies:
            gen = ctx.engine.const_gen
            if self.gen == gen:
                return self.out
            self.gen = gen
        else:
            self.gen = -1
        self.out = self.child.forward(ctx)
        return self.out

    def backward(self, ctx, g):
        if self.needs_grad:
            self.child.backward(ctx, g)


def _may_return_ref(node) -> bool:
    return isinstance(node, (RefNode, RangeNode)) or \
        (isinstance(node, Call) and node.fn.returns_ref)


class RangeNode(Node):
    """``A1:INDEX(A:A,n)``: the smallest area holding both references, built at run time
    (one cell per group: see the compiler's solo units). Gradients flow through the
    reference like OFFSET's: the consumer reads the cells and routes to them."""
    __slots__ = ("left", "right", "needs_grad")

    def __init__(self, left, right):
        self.left, self.right, self.needs_grad = left, right, True

    def forward(self, ctx):
        a, b = self.left.forward(ctx), self.right.forward(ctx)
        if a.__class__ is not RefV or b.__class__ is not RefV:
            out = a if a.__class__ is V and a.kind is not None and (a.kind == ERROR).any() \
                else b if b.__class__ is V and b.kind is not None and (b.kind == ERROR).any() \
                else error(VALUE)
            self.out = out
            return out
        ar, ac, br, bc = (np.asarray(x).ravel() for x in (a.r, a.c, b.r, b.c))
        if a.grid is not b.grid or max(ar.size, ac.size, br.size, bc.size) != 1:
            self.out = error(VALUE)
            return self.out
        ar, ac, br, bc = int(ar[0]), int(ac[0]), int(br[0]), int(bc[0])
        r1, c1 = min(ar, br), min(ac, bc)
        r2 = max(ar + a.h, br + b.h) - 1
        c2 = max(ac + a.w, bc + b.w) - 1
        out = RefV(a.grid, r1, c1, r2 - r1 + 1, c2 - c1 + 1)
        ctx.engine.touched(ctx, out)
        self.out = out
        return out


def number_mask(v: V) -> np.ndarray:
    return np.ones(v.num.shape, bool) if v.kind is None else v.kind == NUMBER


class Union(Node):
    """A union reference ``(A1:A2,B1:B2)`` where one array is wanted (LARGE, SMALL, RANK,
    ...): the areas' values side by side in one row, row-major within each area.
    (SUM-like functions and INDEX/AREAS take unions apart before binding.)"""
    __slots__ = ("items", "derefs", "sizes", "needs_grad")

    def __init__(self, items):
        self.items = items
        self.derefs = [Deref() for _ in items]
        self.needs_grad = any(a.needs_grad for a in items)

    def forward(self, ctx):
        parts = []
        for a, d in zip(self.items, self.derefs):
            x = a.forward(ctx)
            parts.append(d(x, ctx, False) if x.__class__ is RefV else x)
        n = max(p.num.shape[0] for p in parts)
        self.sizes = [p.num.shape for p in parts]
        num = np.concatenate([np.broadcast_to(p.num, (n,) + p.num.shape[1:]).reshape(n, 1, -1)
                              for p in parts], axis=2)
        if all(p.kind is None for p in parts):
            out = V(num)
        else:
            kind = np.concatenate([
                np.broadcast_to(np.full(p.num.shape, NUMBER, np.int8) if p.kind is None
                                else p.kind, (n,) + p.num.shape[1:]).reshape(n, 1, -1)
                for p in parts], axis=2)
            obj = np.concatenate([
                np.broadcast_to(np.empty(p.num.shape, object) if p.obj is None else p.obj,
                                (n,) + p.num.shape[1:]).reshape(n, 1, -1) for p in parts],
                axis=2)
            out = V(num, kind, obj)
        out.from_ref = True
        self.out = out
        return out

    def backward(self, ctx, g):
        if not self.needs_grad:
            return
        g = np.broadcast_to(np.asarray(g, float), self.out.num.shape)
        k = 0
        for a, d, s in zip(self.items, self.derefs, self.sizes):
            size = s[1] * s[2]
            part = g[:, :, k:k + size].reshape(g.shape[0], s[1], s[2])
            k += size
            _route(a, d, ctx, part)
