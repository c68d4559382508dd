"""Gradients of functions of whole ranges (DEVSQ, SLOPE, CORREL, ...) for the Solver.

lift.py's ``deriv=`` differentiates functions of scalars. A function taking ranges
(letters ``N``, ``T``, ``A`` of lift.py) gets its gradient here instead: ``agrad`` is
called with exactly the arguments the function itself receives and returns, per
argument, None (no gradient), a float (scalar argument), a list aligned with the
numbers of an ``N``/``T`` argument, or a 2-D list aligned with an ``A`` grid. This
module routes those partials back to the cells they came from (only cells holding
numbers for ``N``; the non-blank cells for ``T``).

:func:`numeric_agrad` builds ``agrad`` by central differences of the function itself
(O(n) calls: kept for the rarely optimised hypothesis tests). The closed forms of the
list statistics (DEVSQ, SKEW, KURT, PERCENTILE, TRIMMEAN, ...) are at the end; those
of paired data are in stat_pairs.py.
"""
from __future__ import annotations

import math

import numpy as np

from ...values import ExcelError
from ..batch import BLANK, ERROR, NUMBER, element
from .base import is_ref
from .lift import (_SCALAR, _coerce, _grid, _numbers_like_a, _numbers_like_sum, _pick)


def _positions(v, i: int, letter: str, typed: bool):
    """(row, col) of each number an N/T argument passed to the function, in order."""
    n, h, w = v.num.shape
    i = min(i, n - 1)
    if typed:
        x = _numbers_like_sum(v, i, True)
        return [(0, 0)] if isinstance(x, list) and x else []
    if v.kind is None:
        return [(r, c) for r in range(h) for c in range(w)]
    k = v.kind[i]
    keep = (k == NUMBER) if letter == "N" else (k != BLANK) & (k != ERROR)
    return [(r, c) for r in range(h) for c in range(w) if keep[r, c]]


def array_grad(spec: str, agrad):
    """A ``grad(ctx, vals, out, g)`` for the engine from ``agrad`` (see module doc)."""
    letters = spec.rstrip("*")

    def letter(k):
        return letters[k] if k < len(letters) else letters[-1]

    def grad(c, vals, out, g):
        lts = [letter(k) for k in range(len(vals))]
        parts = [np.zeros(v.num.shape) for v in vals]
        gg = np.broadcast_to(g, out.num.shape)
        n, H, W = out.num.shape
        lifted = [k for k, (v, ch) in enumerate(zip(vals, lts))
                  if ch in _SCALAR and not getattr(v, "missing", False)
                  and v.num.shape[1:] != (1, 1)]
        for i in range(n):
            fixed, where = [], []
            for k, (v, ch) in enumerate(zip(vals, lts)):
                vi = min(i, v.num.shape[0] - 1)
                if getattr(v, "missing", False):
                    fixed.append(_coerce(ch, None) if ch in _SCALAR else None)
                    where.append(None)
                elif ch in _SCALAR:
                    fixed.append(None if k in lifted else element(v, vi, 0, 0))
                    where.append(None)
                elif ch == "A":
                    fixed.append(_grid(v, i))
                    where.append(None)
                else:   # N, T
                    typed = not is_ref(v)
                    take = _numbers_like_sum if ch == "N" else _numbers_like_a
                    fixed.append(take(v, i, typed))
                    where.append(_positions(v, i, ch, typed))
            grids = {k: _grid(vals[k], i) for k in lifted}
            for r in range(H if lifted else 1):
                for cc in range(W if lifted else 1):
                    xs = list(fixed)
                    for k, gr in grids.items():
                        xs[k] = _pick(gr, r, cc)
                    call = []
                    for x, ch in zip(xs, lts):
                        y = _coerce(ch, x) if ch in _SCALAR else x
                        if isinstance(y, ExcelError) and ch != "x":
                            break
                        call.append(y)
                    else:
                        try:
                            d = agrad(*call)
                        except (ArithmeticError, ValueError):
                            continue
                        if d is None:
                            continue
                        _scatter(parts, vals, lts, where, lifted, d, i, r, cc, gg[i, r, cc])
        return [None if getattr(v, "missing", False) else p for v, p in zip(vals, parts)]
    return grad


def _scatter(parts, vals, lts, where, lifted, d, i, r, cc, gi):
    for k, dk in enumerate(d[:len(vals)]):
        if dk is None or getattr(vals[k], "missing", False):
            continue
        v = vals[k]
        vi = min(i, v.num.shape[0] - 1)
        ch = lts[k]
        if ch in _SCALAR:
            rr = r if (k in lifted and v.num.shape[1] > 1) else 0
            c2 = cc if (k in lifted and v.num.shape[2] > 1) else 0
            parts[k][vi, rr, c2] += gi * float(dk)
        elif ch == "A":
            arr = np.asarray(dk, float)
            parts[k][vi, :arr.shape[0], :arr.shape[1]] += gi * arr
        elif ch in "NT":
            for (pr, pc), dj in zip(where[k], dk):
                parts[k][vi, pr, pc] += gi * float(dj)


def numeric_agrad(fn, spec: str):
    """``agrad`` by central differences of ``fn`` in every number of its N/T/A
    arguments and in its ``n`` arguments (0 where fn is undefined nearby)."""
    letters = spec.rstrip("*")

    def letter(k):
        return letters[k] if k < len(letters) else letters[-1]

    def value(args):
        y = fn(*args)
        return y if isinstance(y, float) else None

    def agrad(*args):
        if value(list(args)) is None:
            return None
        out = []
        for k, a in enumerate(args):
            ch = letter(k)
            if ch == "n" and isinstance(a, float):
                out.append(_diff(value, args, k, None))
            elif ch in "NT" and isinstance(a, list):
                out.append([_diff(value, args, k, j) for j in range(len(a))])
            elif ch == "A" and isinstance(a, list):
                out.append([[_diff(value, args, k, (r, c)) if _is_num(a[r][c]) else 0.0
                             for c in range(len(a[r]))] for r in range(len(a))])
            else:
                out.append(None)
        return tuple(out)
    return agrad


def _is_num(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _diff(value, args, k, j):
    def moved(delta):
        a = list(args)
        if j is None:
            a[k] = a[k] + delta
        elif isinstance(j, tuple):
            grid = [list(row) for row in a[k]]
            grid[j[0]][j[1]] = grid[j[0]][j[1]] + delta
            a[k] = grid
        else:
            xs = list(a[k])
            xs[j] = xs[j] + delta
            a[k] = xs
        return value(a)

    if j is None:
        x0 = args[k]
    elif isinstance(j, tuple):
        x0 = args[k][j[0]][j[1]]
    else:
        x0 = args[k][j]
    h = 1e-6 * max(1.0, abs(x0))
    hi, lo = moved(h), moved(-h)
    if hi is None or lo is None:
        return 0.0
    return (hi - lo) / (2 * h)


# --- closed forms for the list statistics of statistical.py ---------------------
def flat_grad(gfn):
    """agrad of a function of all the numbers of its N/T arguments at once, from
    ``gfn(x)``, the gradient over the flat array x of those numbers."""
    def agrad(*lists):
        x = np.asarray([v for xs in lists for v in xs], dtype=float)
        gx = gfn(x)
        out, k = [], 0
        for xs in lists:
            out.append(gx[k:k + len(xs)].tolist())
            k += len(xs)
        return tuple(out)
    return agrad


def first_extreme(x: np.ndarray, index: int) -> np.ndarray:
    g = np.zeros(x.size)
    if x.size:
        g[index] = 1.0
    return g


def moment_ratio_grad(x: np.ndarray, p: int, ddof: int) -> np.ndarray:
    """Gradient of sum(d^p) / V^(p/2), d = x - mean, V = sum(d^2) / (n - ddof): the
    shape statistics (SKEW, KURT) are constants times this."""
    n = x.size
    d = x - x.mean()
    v = float(d @ d) / (n - ddof)
    sp_ = float(np.sum(d ** p))
    dsum = p * d ** (p - 1) - p / n * np.sum(d ** (p - 1))
    dv = 2 * d / (n - ddof)
    return dsum / v ** (p / 2) - sp_ * (p / 2) * v ** (p / 2 - 1) * dv / v ** p


def kurt_grad(x):
    n = x.size
    return n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * moment_ratio_grad(x, 4, 1)


def skew_grad(x):
    n = x.size
    return n / ((n - 1) * (n - 2)) * moment_ratio_grad(x, 3, 1)


def percentile_grad(exclusive: bool, scale: float = 1.0):
    """agrad of PERCENTILE/QUARTILE: the interpolation weights on the two order
    statistics, and d/dk (for PERCENTILE; QUARTILE's quart is an integer)."""
    def agrad(xs, k):
        x = np.asarray(xs, float)
        order = np.argsort(x, kind="stable")
        srt = x[order]
        n = x.size
        h = (n + 1) * k / scale - 1 if exclusive else (n - 1) * k / scale
        lo = int(math.floor(h))
        g = np.zeros(n)
        if lo + 1 >= n:
            g[order[-1]] = 1.0
            return (g.tolist(), 0.0)
        f = h - lo
        g[order[lo]] += 1 - f
        g[order[lo + 1]] += f
        dk = (n + 1 if exclusive else n - 1) / scale * (srt[lo + 1] - srt[lo])
        return (g.tolist(), dk if scale == 1.0 else None)
    return agrad


def trimmean_grad(xs, percent):
    x = np.asarray(xs, float)
    order = np.argsort(x, kind="stable")
    k = int(math.floor(x.size * percent / 2 + 1e-12))
    g = np.zeros(x.size)
    g[order[k:x.size - k]] = 1.0 / (x.size - 2 * k)
    return (g.tolist(), 0.0)
