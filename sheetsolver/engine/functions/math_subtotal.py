"""SUBTOTAL and AGGREGATE: one of eleven (nineteen) aggregates over references, skipping
cells that are themselves SUBTOTAL or AGGREGATE formulas (Excel's "nested subtotals").

Both take their ranges as references (``'ref'`` mode) so they can see which cells hold
such formulas (the engine's unit grid) and which rows are hidden (subtotal_rows.py):
SUBTOTAL always leaves out rows a filter hid, 101-111 all hidden rows; AGGREGATE's
options 1, 3, 5 and 7 leave out hidden rows. SUM, AVERAGE, MAX, MIN and PRODUCT carry gradients to the cells they count.
"""
from __future__ import annotations

import math
import statistics

import numpy as np

from ...formula import ast as A
from ...rules import to_number
from ...values import DIV0, NA, NUM, VALUE, ExcelError
from ..batch import element, stack_scalars
from ..grid import RefV
from .base import register
from .subtotal_rows import hidden_rows

_MS = "https://support.microsoft.com/en-us/excel/functions/"


# --- the aggregates, on a list of numbers ----------------------------------------
def _avg(xs):
    return sum(xs) / len(xs) if xs else DIV0


def _var(xs, ddof):
    if len(xs) <= ddof:
        return DIV0
    m = sum(xs) / len(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - ddof)


def _sqrt(v):
    return v if isinstance(v, ExcelError) else math.sqrt(v)


def _mode(xs):
    counts = {}
    for x in xs:
        counts[x] = counts.get(x, 0) + 1
    best = max(counts.values(), default=0)
    if best < 2:
        return NA
    return next(x for x in xs if counts[x] == best)   # the first of the most frequent


def _kth(xs, k, largest):
    if k is None:
        return VALUE
    k = math.ceil(k) if k % 1 else int(k)
    if not xs or k < 1 or k > len(xs):
        return NUM
    s = sorted(xs, reverse=largest)
    return s[k - 1]


def _pct_inc(xs, p):
    if p is None:
        return VALUE
    if not xs or p < 0 or p > 1:
        return NUM
    return float(np.percentile(np.array(xs), p * 100, method="linear"))


def _pct_exc(xs, p):
    if p is None:
        return VALUE
    n = len(xs)
    if not xs or p <= 0 or p >= 1:
        return NUM
    rank = p * (n + 1)
    if rank < 1 or rank > n:
        return NUM
    s = sorted(xs)
    lo = int(math.floor(rank))
    frac = rank - lo
    if lo >= n:
        return s[-1]
    return s[lo - 1] + frac * (s[lo] - s[lo - 1])


def _quart(f, lo, hi):
    def q(xs, k):
        if k is None:
            return VALUE
        k = int(math.trunc(k))
        if k < lo or k > hi:
            return NUM
        return f(xs, k / 4)
    return q


# number -> (name, takes k, function of (numbers, k), counts what)
_FUNCS = {
    1: ("AVERAGE", lambda xs, k: _avg(xs)),
    2: ("COUNT", lambda xs, k: float(len(xs))),
    3: ("COUNTA", None),
    4: ("MAX", lambda xs, k: max(xs) if xs else 0.0),
    5: ("MIN", lambda xs, k: min(xs) if xs else 0.0),
    6: ("PRODUCT", lambda xs, k: math.prod(xs) if xs else 0.0),
    7: ("STDEV.S", lambda xs, k: _sqrt(_var(xs, 1))),
    8: ("STDEV.P", lambda xs, k: _sqrt(_var(xs, 0))),
    9: ("SUM", lambda xs, k: float(sum(xs))),
    10: ("VAR.S", lambda xs, k: _var(xs, 1)),
    11: ("VAR.P", lambda xs, k: _var(xs, 0)),
    12: ("MEDIAN", lambda xs, k: statistics.median(xs) if xs else NUM),
    13: ("MODE.SNGL", lambda xs, k: _mode(xs)),
    14: ("LARGE", lambda xs, k: _kth(xs, k, True)),
    15: ("SMALL", lambda xs, k: _kth(xs, k, False)),
    16: ("PERCENTILE.INC", _pct_inc),
    17: ("QUARTILE.INC", _quart(_pct_inc, 0, 4)),
    18: ("PERCENTILE.EXC", _pct_exc),
    19: ("QUARTILE.EXC", _quart(_pct_exc, 1, 3)),
}


# --- reading the arguments ---------------------------------------------------------
def _calls_subtotal(tree) -> bool:
    if isinstance(tree, A.Func):
        return tree.name in ("SUBTOTAL", "AGGREGATE") or any(_calls_subtotal(a)
                                                             for a in tree.args)
    if isinstance(tree, A.Unary):
        return _calls_subtotal(tree.operand)
    if isinstance(tree, A.Binary):
        return _calls_subtotal(tree.left) or _calls_subtotal(tree.right)
    return False


def _nested_mask(ctx, ref: RefV):
    """(n|1, h, w) booleans: which cells of the reference hold SUBTOTAL/AGGREGATE."""
    eng = ctx.engine
    ugrid = getattr(eng, "ugrid", {}).get(ref.grid.name)
    ri, ci = ref.index()
    if ugrid is None:
        return np.zeros(ri.shape, bool)
    ids = ugrid[ri, ci]
    cache = eng.__dict__.setdefault("_subtotal_units", {})
    out = np.zeros(ids.shape, bool)
    for uid in np.unique(ids[ids >= 0]):
        uid = int(uid)
        hit = cache.get(uid)
        if hit is None:
            hit = cache[uid] = _calls_subtotal(eng.units[uid].tree)
        if hit:
            out |= ids == uid
    return out


def _reference_view(ctx, arg: RefV, skip_nested: bool, hide, memo: dict):
    """Values, cell indices, nested-subtotal mask and rows to leave out of a reference,
    gathered once per evaluation (memo) rather than once per batch element."""
    key = (id(arg), skip_nested, hide)
    got = memo.get(key)
    if got is None:
        ri, ci = np.broadcast_arrays(*arg.index())
        rows_out = ()
        if hide is not None:
            every, filtered = hidden_rows(ctx.engine, arg.grid.name)
            rows_out = every if hide == "all" else filtered
        got = memo[key] = (arg.values(), ri, ci,
                           _nested_mask(ctx, arg) if skip_nested else None, rows_out)
    return got


def _cells(ctx, arg, i, skip_nested, hide=None, memo=None):
    """(values, positions) of one argument for batch element i; positions are
    (grid, row, col) for cells of a reference, None for array elements. ``hide``:
    leave out "all" hidden rows, the "filtered" ones, or none (None)."""
    if isinstance(arg, RefV):
        v, ri, ci, skip, rows_out = _reference_view(ctx, arg, skip_nested, hide,
                                                    {} if memo is None else memo)
        j = min(i, v.num.shape[0] - 1)
        jr = min(i, ri.shape[0] - 1)
        vals, pos = [], []
        for r in range(arg.h):
            for c in range(arg.w):
                if skip is not None and skip[min(i, skip.shape[0] - 1), r, c]:
                    continue
                if rows_out and int(ri[jr, r, c]) in rows_out:
                    continue
                vals.append(element(v, j, r, c))
                pos.append((arg.grid, int(ri[jr, r, c]), int(ci[jr, r, c])))
        return vals, pos
    j = min(i, arg.num.shape[0] - 1)
    _, h, w = arg.num.shape
    vals = [element(arg, j, r, c) for r in range(h) for c in range(w)]
    return vals, [None] * len(vals)


def _scalar(arg, i):
    if isinstance(arg, RefV):
        arg = arg.values()
    return element(arg, min(i, arg.num.shape[0] - 1), 0, 0)


def _count_of(arg):
    if isinstance(arg, RefV):
        return np.size(arg.r)
    return arg.num.shape[0]


def _compute(ctx, fnum, refs, i, skip_nested, ignore_errors, k=None, first=1, hide=None,
             memo=None):
    """The aggregate for batch element i, and the positions of the numbers it used."""
    name, f = _FUNCS[fnum]
    xs, used = [], []
    counta = 0
    for ka, arg in enumerate(refs):
        if getattr(arg, "missing", False):
            continue
        vals, pos = _cells(ctx, arg, i, skip_nested, hide, memo)
        for x, p in zip(vals, pos):
            if isinstance(x, ExcelError):
                if ignore_errors:
                    continue
                if name in ("COUNT",):
                    continue
                if name == "COUNTA":
                    counta += 1
                    continue
                return x, None
            if x is None:
                continue
            counta += 1
            if isinstance(x, (int, float)) and not isinstance(x, bool):
                xs.append(float(x))
                used.append((ka + first, p, float(x)))
    if name == "COUNTA":
        return float(counta), None
    return f(xs, k), used


def _batch(*args):
    return max([_count_of(a) for a in args if a is not None and not getattr(a, "missing", False)]
               + [1])


# --- SUBTOTAL ------------------------------------------------------------------------
def _subtotal_num(x):
    """(aggregate 1..11, which hidden rows to leave out) of a function number, or error."""
    x = to_number(x)
    if isinstance(x, ExcelError):
        return x
    k = int(math.trunc(x))
    base = k - 100 if k > 100 else k
    if not 1 <= base <= 11:
        return VALUE
    return base, ("all" if k > 100 else "filtered")


def _run_subtotal(ctx, fnum, *refs):
    """Per batch element: (result, (function number, used cells) or None)."""
    n = _batch(fnum, *refs)
    res, memo = [], {}
    for i in range(n):
        f = _subtotal_num(_scalar(fnum, i))
        if isinstance(f, ExcelError):
            res.append((f, None))
            continue
        f, hide = f
        y, u = _compute(ctx, f, refs, i, True, False, hide=hide, memo=memo)
        res.append((y, (f, u)))
    return res


def _run_aggregate(ctx, fnum, options, *refs):
    n = _batch(fnum, options, *refs)
    res, memo = [], {}
    for i in range(n):
        f, opt = to_number(_scalar(fnum, i)), to_number(_scalar(options, i))
        err = f if isinstance(f, ExcelError) else opt if isinstance(opt, ExcelError) else None
        if err is None:
            f, opt = int(math.trunc(f)), int(math.trunc(opt))
            if f not in _FUNCS or not 0 <= opt <= 7:
                err = VALUE
        if err is not None:
            res.append((err, None))
            continue
        skip_nested = opt <= 3
        ignore_errors = opt in (2, 3, 6, 7)
        hide = "all" if opt in (1, 3, 5, 7) else None
        if f >= 14:   # array form: AGGREGATE(f, options, array, k)
            if len(refs) < 2 or getattr(refs[1], "missing", False):
                res.append((VALUE, None))
                continue
            k = to_number(_scalar(refs[1], i))
            if isinstance(k, ExcelError):
                res.append((k, None))
                continue
            y, u = _compute(ctx, f, refs[:1], i, skip_nested, ignore_errors, k, first=2,
                            hide=hide, memo=memo)
        else:
            y, u = _compute(ctx, f, refs, i, skip_nested, ignore_errors, first=2, hide=hide,
                            memo=memo)
        res.append((y, (f, u)))
    return res


_DIFFERENTIABLE = (1, 4, 5, 6, 9)


def _partials(f: int, xs: list) -> list:
    """Partial derivatives of aggregate ``f`` with respect to each counted number."""
    n = len(xs)
    if f == 9:
        return [1.0] * n
    if f == 1:
        return [1.0 / n] * n
    if f in (4, 5):
        k = xs.index(max(xs) if f == 4 else min(xs))
        return [1.0 if j == k else 0.0 for j in range(n)]
    pre = np.concatenate([[1.0], np.cumprod(xs)[:-1]])      # PRODUCT: product rule
    suf = np.concatenate([np.cumprod(xs[::-1])[::-1][1:], [1.0]])
    return (pre * suf).tolist()


def _register(name, run, modes, slug, array_args=()):
    def impl(ctx, *args):
        return stack_scalars([y for y, _ in run(ctx, *args)])

    def grad(ctx, vals, out, g):
        """d/dcell for the cells the aggregate counted: SUM 1, AVERAGE 1/count, MAX and
        MIN 1 at the first extreme cell (as MAX/MIN do), PRODUCT the product of the
        others, COUNT and COUNTA 0. Other function numbers are not differentiable."""
        per_arg = [[] for _ in vals]
        for i, (y, item) in enumerate(run(ctx, *vals)):
            if item is None or isinstance(y, ExcelError):
                continue
            f, cells = item
            if f in (2, 3):          # COUNT, COUNTA: piecewise constant, gradient 0
                continue
            if f not in _DIFFERENTIABLE:
                from ..nodes import NotDifferentiable
                raise NotDifferentiable(name)
            if not cells:
                continue
            gi = float(np.asarray(g)[min(i, np.shape(g)[0] - 1)].ravel()[0])
            for (k, p, _), w in zip(cells, _partials(f, [x for _, _, x in cells])):
                if p is not None and w != 0:
                    grid, r, c = p
                    per_arg[k].append(((grid, np.array([r]), np.array([c])),
                                       np.array([gi * w])))
        return [("ref", cells) if cells else None for cells in per_arg]

    register(name, modes=modes, min_args=len(modes), max_args=255, grad=grad,
             note=f"{name}: gradients for SUM, AVERAGE, MAX, MIN (first extreme cell) "
                  "and PRODUCT; other function numbers are not differentiable",
             array_args=array_args, category="Math & Trig", help=f"{_MS}{slug}-function")(impl)


_register("SUBTOTAL", _run_subtotal, ("value", "ref"),
          "subtotal")
# AGGREGATE(14..19, options, array, k): Excel evaluates the array argument as an array
# even outside array formulas (AGGREGATE(14,6,A1:A9/(B1:B9="x"),1) is a common idiom).
_register("AGGREGATE", _run_aggregate, ("value", "value", "ref"), "aggregate", array_args=(2,))
