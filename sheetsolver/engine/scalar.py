"""Straight-line Python for chains of single-cell formulas (the row-by-row recurrences).

NumPy pays a few microseconds per call, which dominates when a group is one cell —
as in graddesc, where every row depends on the row above. Runs of such small groups
are compiled into one generated Python function over plain floats: it reads its
inputs with one gather, computes every cell in order, and writes the results with
one scatter. It handles plain numbers only: when an input is not a number, or
anything goes outside the arithmetic (division by zero, a domain error, overflow),
the run falls back to the exact vectorised path, which gives Excel's error values.
"""
from __future__ import annotations

import math

import numpy as np

from ..rules import power
from ..values import ExcelError
from .nodes import Binary, Call, Const, RefNode, Unary



def _pow(x: float, y: float) -> float:
    """x^y by rules.power; an Excel error (0^0 is #NUM!, 0^-1 #DIV/0!) leaves the fast path."""
    r = power(x, y)
    if isinstance(r, ExcelError):
        raise ArithmeticError(r.code)
    return r


_FUNCS = {"SQRT": "_sqrt", "EXP": "_exp", "LN": "_log", "ABS": "abs"}
_ENV = {"_sqrt": math.sqrt, "_exp": math.exp, "_log": math.log, "_pow": _pow, "abs": abs}
MAX_CELLS = 4


class Unsupported(Exception):
    pass


def scalar_ok(group) -> bool:
    return (not group.is_array and not group.volatile and group.ctx.n <= MAX_CELLS
            and _supported(group.root))


def _supported(node) -> bool:
    if isinstance(node, Const):
        v = node.value
        return v.kind is None and v.num.shape == (1, 1, 1)
    if isinstance(node, RefNode):
        return node.h == 1 and node.w == 1
    if isinstance(node, Unary):
        return node.op in ("-", "+", "%") and _supported(node.arg)
    if isinstance(node, Binary):
        return node.op in ("+", "-", "*", "/", "^") and _supported(node.left) and \
            _supported(node.right)
    if isinstance(node, Call):
        return node.fn.name in _FUNCS and len(node.args) == 1 and _supported(node.args[0])
    return False


class Segment:
    """A compiled run of small groups: ``run()`` returns False when it had to give up."""

    def __init__(self, engine, groups):
        self.groups = groups
        self.engine = engine
        local = {}           # (sheet, r, c) -> variable name, for cells computed in the run
        inputs = []          # (sheet, r, c) read from the grids
        input_var = {}
        lines = []
        outputs = []

        def ref(sheet, r, c):
            key = (sheet, r, c)
            if key in local:
                return local[key]
            if key not in input_var:
                input_var[key] = f"i{len(inputs)}"
                inputs.append(key)
            return input_var[key]

        def expr(node, i):
            if isinstance(node, Const):
                return repr(float(node.value.num[0, 0, 0]))
            if isinstance(node, RefNode):
                r = node.r if np.isscalar(node.r) else node.r[i]
                c = node.c if np.isscalar(node.c) else node.c[i]
                return ref(node.grid.name, int(r), int(c))
            if isinstance(node, Unary):
                inner = expr(node.arg, i)
                return {"-": f"(-{inner})", "+": inner, "%": f"({inner}/100.0)"}[node.op]
            if isinstance(node, Binary):
                a, b = expr(node.left, i), expr(node.right, i)
                if node.op == "^":
                    return f"_pow({a},{b})"
                return f"({a}{node.op}{b})"
            if isinstance(node, Call):
                return f"{_FUNCS[node.fn.name]}({expr(node.args[0], i)})"
            raise Unsupported(type(node).__name__)

        for g in groups:
            for i, u in enumerate(g.units):
                name = f"v{len(outputs)}"
                lines.append(f"    {name} = {expr(g.root, i)}")
                local[(g.sheet, u.row, u.col)] = name
                outputs.append((g.sheet, u.row, u.col))
        src = ["def run(vals):"]
        if inputs:
            src.append("    " + ", ".join(input_var[k] for k in inputs) + ", = vals")
        src += lines
        src.append("    return [" + ", ".join(f"v{k}" for k in range(len(outputs))) + "]")
        env = dict(_ENV)
        exec(compile("\n".join(src), "<sheetsolver scalar segment>", "exec"), env)
        self.fn = env["run"]
        self.inputs = _by_sheet(inputs)
        self.outputs = _by_sheet(outputs)
        self.order_in = [k for k in inputs]
        self.n_out = len(outputs)

    def _clipped(self, sheet, g):
        """Input indices on grid g, past-the-used-range cells pointed at its blank sentinel
        row/column (they read as blank, as on every other path)."""
        cache = self.__dict__.setdefault("_clip", {})
        hit = cache.get(sheet)
        if hit is None or hit[0] is not g:
            rows, cols, _ = self.inputs[sheet]
            hit = cache[sheet] = (g, np.minimum(rows, g.maxr + 1), np.minimum(cols, g.maxc + 1))
        return hit[1], hit[2]

    def run(self) -> bool:
        grids = self.engine.grids
        vals = []
        for sheet in self.inputs:
            g = grids[sheet]
            rows, cols = self._clipped(sheet, g)
            if not (g.kind[rows, cols] == 1).all():
                return False
            vals.append(g.num[rows, cols])
        flat = np.concatenate(vals).tolist() if vals else []
        flat = [flat[k] for k in self._perm()] if vals else flat
        try:
            out = self.fn(flat)
        except (ArithmeticError, ValueError, TypeError):
            return False
        out = np.asarray(out, float)
        if not np.isfinite(out).all():
            return False
        for sheet, (rows, cols, idx) in self.outputs.items():
            g = grids[sheet]
            g.num[rows, cols] = out[idx]
            g.kind[rows, cols] = 1
        return True

    def _perm(self):
        """Input order of the generated function vs the per-sheet gather order."""
        p = getattr(self, "_p", None)
        if p is None:
            pos = {}
            k = 0
            for sheet, (rows, cols, idx) in self.inputs.items():
                for j in idx:
                    pos[j] = k
                    k += 1
            p = self._p = [pos[j] for j in range(len(self.order_in))]
        return p


def _by_sheet(keys):
    out = {}
    for j, (sheet, r, c) in enumerate(keys):
        rows, cols, idx = out.setdefault(sheet, ([], [], []))
        rows.append(r)
        cols.append(c)
        idx.append(j)
    return {s: (np.array(r, np.int64), np.array(c, np.int64), np.array(i, np.int64))
            for s, (r, c, i) in out.items()}


def plan_segments(engine, groups, min_groups: int = 4):
    """Split the ordered groups into steps: a Segment for each run of at least
    ``min_groups`` scalar-compilable groups, the group itself otherwise."""
    steps, run = [], []

    def flush():
        if len(run) >= min_groups:
            steps.append(Segment(engine, list(run)))
        else:
            steps.extend(run)
        run.clear()

    for g in groups:
        if scalar_ok(g):
            run.append(g)
        else:
            flush()
            steps.append(g)
    flush()
    return steps
