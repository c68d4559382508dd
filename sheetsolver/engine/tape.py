"""Recurrences as one Python loop over a tape: code per formula shape, not per cell.

A chain of small groups (graddesc's row-by-row updates: every row reads the row
above, so each level holds a cell or two) costs NumPy a few microseconds per group.
A :class:`Tape` runs such a chain over plain floats instead. The cells of the chain
live in one Python list laid out like the sheets (``index = sheet offset + (row -
first row) * W + col``, one width W for every sheet), so a copied formula such as
``C9+D9*A9`` becomes ONE generated function ``v[h] = v[h-7] + v[h-6]*v[h-8]`` of the
host cell's index h, whatever row it sits in. The tape is the list of (function,
host index) in evaluation order; a run is::

    for f, args in tape: f(v, *args)

Code is generated and compiled once per formula shape (the R1C1 key the planner
already computed), so compiling costs in proportion to the number of distinct
shapes, not of cells. Only plain-number arithmetic is handled (+ - * / ^, unary
minus/plus/percent, SQRT EXP LN ABS): when an input is not a number, or a result
leaves the arithmetic (division by zero, domain error, overflow), the run gives up
and the exact vectorised groups compute the chain, which gives Excel's error values.
"""
from __future__ import annotations

import heapq
import math
import re
from operator import itemgetter

import numpy as np

from ..formula import ast as A
from ..rules import compare, power
from ..values import ExcelError

MAX_CELLS = 4           # larger groups: one NumPy operation (the differential tests'
                        # array path relies on groups of 6 staying there)
MAX_SAME = 64           # a group whose references are all absolute holds one value in every
                        # cell (=data!$B$30 on every pass): cheap on a tape at any size
_FUNCS = {"SQRT": "_sqrt", "EXP": "_exp", "LN": "_log", "ABS": "abs", "COS": "_cos",
          "SIN": "_sin", "TAN": "_tan"}
_BINARY = ("+", "-", "*", "/", "^")
_COMPARE = ("=", "<>", "<", ">", "<=", ">=")


def _pow(x: float, y: float) -> float:
    """x^y by rules.power; an Excel error (0^0 is #NUM!, 0^-1 #DIV/0!) leaves the tape."""
    r = power(x, y)
    if isinstance(r, ExcelError):
        raise ArithmeticError(r.code)
    return r


def _np1(f):
    """A NumPy function on one float, as the vectorised path computes it (to the last
    bit); a non-finite result leaves the tape."""
    def g(x: float) -> float:
        r = float(f(x))
        if not math.isfinite(r):
            raise ArithmeticError(f.__name__)
        return r
    return g


def _cmp(op: str, a: float, b: float) -> bool:
    """A comparison of two numbers by rules.compare (to 15 significant digits)."""
    if not (math.isfinite(a) and math.isfinite(b)):
        raise ArithmeticError(op)
    return compare(op, a, b)


def _truth(a: float) -> bool:
    """A number as an IF condition: non-zero is TRUE."""
    if not math.isfinite(a):
        raise ArithmeticError("condition")
    return a != 0


_ENV = {"_sqrt": math.sqrt, "_exp": _np1(np.exp), "_log": math.log, "_pow": _pow,
        "_mpow": math.pow, "abs": abs, "_cos": _np1(np.cos), "_sin": _np1(np.sin),
        "_tan": _np1(np.tan), "_cmp": _cmp, "_truth": _truth}


def tree_ok(tree) -> bool:
    """Whether a (resolved) formula tree is plain arithmetic on single cells and numbers."""
    cls = tree.__class__
    if cls is A.Number:
        return True
    if cls is A.Ref:
        return not tree.bad and tree.r1 == tree.r2 and tree.c1 == tree.c2
    if cls is A.Unary:
        return tree.op in ("-", "+", "%") and tree_ok(tree.operand)
    if cls is A.Binary:
        return tree.op in _BINARY and tree_ok(tree.left) and tree_ok(tree.right)
    if cls is A.Func:
        if tree.name == "IF":
            return len(tree.args) == 3 and _cond_ok(tree.args[0]) and tree_ok(tree.args[1]) \
                and tree_ok(tree.args[2])
        if tree.name == "PI":
            return not tree.args
        return tree.name in _FUNCS and len(tree.args) == 1 and tree_ok(tree.args[0])
    return False


def _cond_ok(tree) -> bool:
    if tree.__class__ is A.Binary and tree.op in _COMPARE:
        return tree_ok(tree.left) and tree_ok(tree.right)
    return tree_ok(tree)


def units_ok(units) -> bool:
    """Whether a group's units can go on a tape (checked on the first: one shape)."""
    u0 = units[0]
    if u0.array is not None or u0.volatile or u0.solo:
        return False
    if len(units) > MAX_CELLS and (len(units) > MAX_SAME or
                                   not all(n.abs_r1 and n.abs_c1 for n in u0.refs)):
        return False        # a filled-down column: one NumPy operation is faster
    ok = getattr(u0, "tape_ok", None)
    if ok is None:
        ok = tree_ok(u0.tree)
        for u in units:
            u.tape_ok = ok
    return ok


def group_ok(group) -> bool:
    return units_ok(group.units)


class Tape:
    """A compiled run of small groups: ``run()`` returns False when it had to give up."""

    def __init__(self, engine, groups):
        self.engine = engine
        self.groups = groups
        units = [u for g in groups for u in g.units]
        # the layout: rows first..last of each sheet the run reads or writes
        span = {}
        maxc = 0
        for u in units:
            for key in [(u.sheet, u.row, u.col)] + [(n.sheet, n.r1, n.c1) for n in u.refs]:
                s, r, c = key
                lo_hi = span.get(s)
                span[s] = (r, r) if lo_hi is None else (min(lo_hi[0], r), max(lo_hi[1], r))
                maxc = max(maxc, c)
        self.W = W = maxc + 1
        self.off, size = {}, 0
        for s, (lo, hi) in span.items():
            self.off[s] = (size, lo)
            size += (hi - lo + 1) * W
        self.size = size
        off = self.off

        def index(s, r, c):
            o, lo = off[s]
            return o + (r - lo) * W + c

        shapes = {}      # shape key -> (function, refs passed as arguments, n refs, body)
        entries, outputs, read = [], {}, {}
        for u in _row_order(units, engine):
            key = getattr(u, "key", None)
            hit = shapes.get(key) if key is not None else None
            if hit is None or len(u.refs) != hit[2]:
                hit = self._compile(u, index)
                if key is not None:
                    shapes[key] = hit
            passed = hit[1]
            h = index(u.sheet, u.row, u.col)
            args = (h,) + tuple(index(n.sheet, n.r1, n.c1) for n in (u.refs[k] for k in passed))
            entries.append((hit, args, (u.sheet, u.row)))
            outputs[(u.sheet, u.row, u.col)] = h
            for n in u.refs:
                read[(n.sheet, n.r1, n.c1)] = None
        tape = _fuse_rows(entries)
        self.tape = tape
        self.n_shapes = len(shapes)
        inputs = [k for k in read if k not in outputs]
        self.inputs = _by_sheet(inputs, index)
        self.outputs = _by_sheet(list(outputs), index)
        out_idx = [j for _, _, j in self.outputs.values()]
        self.out_order = np.concatenate(out_idx) if out_idx else np.zeros(0, np.int64)
        flat = self.out_order.tolist()
        self._get = itemgetter(*flat) if len(flat) > 1 else (lambda v: (v[flat[0]],))
        self._clip = {}

    def _compile(self, u, index):
        """Generated code for u's formula shape: relative references as offsets from the
        host index h, absolute ones as constants, mixed ones passed as arguments."""
        h = index(u.sheet, u.row, u.col)
        refs = iter(range(len(u.refs)))
        passed = []

        def expr(node):
            cls = node.__class__
            if cls is A.Number:
                return repr(float(node.value))
            if cls is A.Ref:
                k = next(refs)
                if node.abs_r1 and node.abs_c1:
                    return f"v[{index(node.sheet, node.r1, node.c1)}]"
                if not node.abs_r1 and not node.abs_c1:
                    return f"v[h{index(node.sheet, node.r1, node.c1) - h:+d}]"
                passed.append(k)
                return f"v[a{len(passed) - 1}]"
            if cls is A.Unary:
                inner = expr(node.operand)
                return {"-": f"(-{inner})", "+": inner, "%": f"({inner}/100.0)"}[node.op]
            if cls is A.Binary:
                a, b = expr(node.left), expr(node.right)
                if node.op == "^":
                    right = node.right
                    if right.__class__ is A.Number and right.value > 0:
                        return f"_mpow({a},{b})"     # no Excel error possible but overflow
                    return f"_pow({a},{b})"
                return f"({a}{node.op}{b})"
            if cls is A.Func:
                if node.name == "IF":      # references numbered in tree order
                    c = cond(node.args[0])
                    a = expr(node.args[1])
                    return f"({a} if {c} else {expr(node.args[2])})"
                if node.name == "PI":
                    return repr(math.pi)
                return f"{_FUNCS[node.name]}({expr(node.args[0])})"
            raise TypeError(cls.__name__)

        def cond(node):
            if node.__class__ is A.Binary and node.op in _COMPARE:
                a = expr(node.left)
                return f"_cmp({node.op!r},{a},{expr(node.right)})"
            return f"_truth({expr(node)})"

        body = expr(u.tree)
        if next(refs, None) is not None:
            raise TypeError("references out of step with the tree")
        params = "".join(f", a{i}" for i in range(len(passed)))
        env = dict(_ENV)
        exec(compile(f"def f(v, h{params}):\n    v[h] = {body}\n", "<sheetsolver tape>", "exec"),
             env)
        return env["f"], passed, len(u.refs), body

    def _clipped(self, sheet, g):
        """Input cells on grid g, past-the-used-range ones pointed at its blank sentinel
        row/column (they read as blank, so the tape gives up as every path would)."""
        hit = self._clip.get(sheet)
        if hit is None or hit[0] is not g:
            rows, cols, idx = self.inputs[sheet]
            hit = self._clip[sheet] = (g, np.minimum(rows, g.maxr + 1),
                                       np.minimum(cols, g.maxc + 1), idx.tolist())
        return hit[1], hit[2], hit[3]

    def run(self) -> bool:
        grids = self.engine.grids
        v = [0.0] * self.size
        for sheet in self.inputs:
            g = grids[sheet]
            rows, cols, idx = self._clipped(sheet, g)
            if not (g.kind[rows, cols] == 1).all():
                return False
            for i, x in zip(idx, g.num[rows, cols].tolist()):
                v[i] = x
        try:
            for f, args in self.tape:
                f(v, *args)
        except (ArithmeticError, ValueError, TypeError):
            return False
        out = np.array(self._get(v), float)
        if not np.isfinite(out).all():
            return False
        k = 0
        for sheet, (rows, cols, _) in self.outputs.items():
            g = grids[sheet]
            n = len(rows)
            g.num[rows, cols] = out[k:k + n]
            g.kind[rows, cols] = 1
            k += n
        return True


def _row_order(units, engine):
    """The units in an evaluation order that goes sheet by sheet, row by row, column by
    column as far as the dependencies allow (Kahn's order, smallest position first), so
    that the rows of a recurrence repeat one pattern the tape can fuse."""
    pos = {u.uid: k for k, u in enumerate(units)}
    sheet_no = {name: k for k, name in enumerate(engine.grids)}
    indeg = [0] * len(units)
    users = [[] for _ in units]
    for k, u in enumerate(units):
        for d in u.deps:
            j = pos.get(d)
            if j is not None and j != k:
                indeg[k] += 1
                users[j].append(k)
    heap = [(sheet_no.get(u.sheet, 0), u.row, u.col, k) for k, u in enumerate(units)
            if indeg[k] == 0]
    heapq.heapify(heap)
    out = []
    while heap:
        k = heapq.heappop(heap)[3]
        out.append(units[k])
        for j in users[k]:
            indeg[j] -= 1
            if indeg[j] == 0:
                u = units[j]
                heapq.heappush(heap, (sheet_no.get(u.sheet, 0), u.row, u.col, j))
    if len(out) != len(units):      # cannot happen for a plan's groups; keep their order
        return units
    return out


_HOST = re.compile(r"v\[h([+-]\d+)?\]")
MAX_FUSED = 64


def _fuse_rows(entries):
    """Consecutive cells of one sheet row (no argument-passed references) become one
    generated function of the row's first host index, shared by every row with the same
    pattern: the loop then makes one call per row instead of one per cell."""
    tape, fused = [], {}
    i, n = 0, len(entries)
    while i < n:
        j = i + 1
        if not entries[i][0][1]:
            where = entries[i][2]
            while j < n and j - i < MAX_FUSED and entries[j][2] == where and \
                    not entries[j][0][1]:
                j += 1
        if j - i == 1:
            hit, args, _ = entries[i]
            tape.append((hit[0], args))
            i += 1
            continue
        base = entries[i][1][0]
        key = tuple((id(entries[k][0]), entries[k][1][0] - base) for k in range(i, j))
        fn = fused.get(key)
        if fn is None:
            fn = fused[key] = _fused_function([(entries[k][1][0] - base, entries[k][0][3])
                                               for k in range(i, j)])
        tape.append((fn, (base,)))
        i = j
    return tape


def _local(o: int, prefix: str) -> str:
    return f"{prefix}{o}".replace("-", "_")


def _fused_function(cells):
    """One function ``f(v, b)`` for cells (offset from b, body in terms of h): a cell
    computed above in the row is read from its local, an input read twice or more
    (the row above) is loaded once at the top."""
    counts, done = {}, set()
    for d, body in cells:
        for m in _HOST.finditer(body):
            o = ("r", int(m.group(1) or 0) + d)
            if o[1] not in done:
                counts[o] = counts.get(o, 0) + 1
        done.add(d)
    # (absolute references are read where they stand: in some row the cell they name
    # may be one this function computes, so a copy loaded at the top could be stale)
    lines = ["def f(v, b):"]
    for (kind, o), n in counts.items():
        if n > 1:
            lines.append(f"    {_local(o, 'x')} = v[b{o:+d}]")
    shared = {k for k, n in counts.items() if n > 1}
    done = set()
    for d, body in cells:
        def rel(m, d=d):
            o = int(m.group(1) or 0) + d
            if o in done:
                return _local(o, "t")
            return _local(o, "x") if ("r", o) in shared else f"v[b{o:+d}]"

        expr = _HOST.sub(rel, body)
        lines.append(f"    {_local(d, 't')} = v[b{d:+d}] = {expr}")
        done.add(d)
    env = dict(_ENV)
    exec(compile("\n".join(lines) + "\n", "<sheetsolver tape>", "exec"), env)
    return env["f"]


def _by_sheet(keys, index):
    out = {}
    for s, r, c in keys:
        rows, cols, idx = out.setdefault(s, ([], [], []))
        rows.append(r)
        cols.append(c)
        idx.append(index(s, r, c))
    return {s: (np.array(r, np.int64), np.array(c, np.int64), np.array(i, np.int64))
            for s, (r, c, i) in out.items()}


def plan_tapes(engine, groups, min_groups: int = 4):
    """Split the ordered groups into steps: a Tape for each run of at least
    ``min_groups`` tape-able groups, the group itself otherwise."""
    steps, run = [], []

    def flush():
        if len(run) >= min_groups:
            steps.append(Tape(engine, list(run)))
        else:
            steps.extend(run)
        run.clear()

    for g in groups:
        if group_ok(g):
            run.append(g)
        else:
            flush()
            steps.append(g)
    flush()
    return steps
