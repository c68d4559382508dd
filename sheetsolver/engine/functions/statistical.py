"""Excel's Statistical functions on lists of numbers: spread and shape (AVEDEV, DEVSQ,
KURT, SKEW, ...), the A-variants (AVERAGEA, MAXA, STDEVA, ...), MODE, percentiles and
ranks, FREQUENCY, PROB, MAXIFS/MINIFS.

Arguments are read the way Excel reads them (lift.py's letters): ``N`` keeps only the
numbers of references and arrays and coerces typed-in values (SUM's rule); ``T`` is the
A-variants' rule (TRUE 1, FALSE and text 0 in references). Paired-data functions are in
stat_pairs.py, regression (LINEST, TREND, ...) in stat_regression.py, distributions in
distributions.py. AVERAGE, COUNT, MIN, MAX, MEDIAN, STDEV(.S/.P), VAR(.S/.P), LARGE,
SMALL and the *IF(S) family are in stats.py.
"""
from __future__ import annotations

import math

import numpy as np

from ...rules import criterion, is_number
from ...values import DIV0, NA, VALUE, ExcelError
from .stat_grad import (first_extreme, flat_grad, kurt_grad, moment_ratio_grad,
                        percentile_grad, skew_grad, trimmean_grad)
from .statistical_base import need, nonzero_sd, stat, stat_variants


def _flat(lists) -> np.ndarray:
    """All numbers of the N/T arguments, in argument order."""
    out = []
    for xs in lists:
        out.extend(xs)
    return np.asarray(out, dtype=float)


def _nonempty(x: np.ndarray) -> np.ndarray:
    need(x.size > 0)
    return x


# --- spread and shape --------------------------------------------------------------
@stat("AVEDEV", "N*", agrad=flat_grad(
    lambda x: (np.sign(x - x.mean()) - np.sign(x - x.mean()).mean()) / x.size))
def avedev(*args):
    x = _nonempty(_flat(args))
    return float(np.mean(np.abs(x - x.mean())))


@stat("DEVSQ", "N*", agrad=flat_grad(lambda x: 2 * (x - x.mean())))
def devsq(*args):
    x = _nonempty(_flat(args))
    return float(np.sum((x - x.mean()) ** 2))


@stat("GEOMEAN", "N*", agrad=flat_grad(
    lambda x: np.exp(np.mean(np.log(x))) / (x.size * x)))
def geomean(*args):
    x = _nonempty(_flat(args))
    need(bool((x > 0).all()))
    return float(np.exp(np.mean(np.log(x))))


@stat("HARMEAN", "N*", agrad=flat_grad(
    lambda x: (x.size / np.sum(1.0 / x)) ** 2 / (x.size * x * x)))
def harmean(*args):
    x = _nonempty(_flat(args))
    need(bool((x > 0).all()))
    return float(x.size / np.sum(1.0 / x))


def _standardised(args, min_n: int, ddof: int = 1):
    """The numbers of the arguments as z-scores (x - mean) / sd, or None (#DIV/0!) with
    fewer than min_n numbers or no spread (KURT, SKEW, SKEW.P)."""
    x = _flat(args)
    s = nonzero_sd(x, min_n, ddof)
    return None if s is None else (x - x.mean()) / s


def _shape_stat(min_n: int, ddof: int, formula):
    """KURT/SKEW-like: ``formula(z, n)`` of the n z-scores of the numbers (sd with
    ``ddof``), #DIV/0! with fewer than min_n numbers or no spread."""
    def fn(*args):
        z = _standardised(args, min_n, ddof)
        return DIV0 if z is None else float(formula(z, z.size))
    return fn


for _name, _agrad, _min_n, _ddof, _formula in [
        # Excel's sample excess kurtosis (the bias-corrected G2)
        ("KURT", flat_grad(kurt_grad), 4, 1,
         lambda z, n: n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * np.sum(z ** 4)
         - 3 * (n - 1) ** 2 / ((n - 2) * (n - 3))),
        # Excel's sample skewness n/((n-1)(n-2)) * sum(z^3), z with the sample sd
        ("SKEW", flat_grad(skew_grad), 3, 1,
         lambda z, n: n / ((n - 1) * (n - 2)) * np.sum(z ** 3)),
        ("SKEW.P", flat_grad(lambda x: moment_ratio_grad(x, 3, 0) / x.size), 3, 0,
         lambda z, n: np.mean(z ** 3))]:
    stat(_name, "N*", agrad=_agrad)(_shape_stat(_min_n, _ddof, _formula))


def _spread(ddof: int, sqrt: bool):
    """STDEV/VAR-like function (sample when ddof=1) and its gradient."""
    def fn(*args):
        x = _flat(args)
        if x.size <= ddof or x.size == 0:
            return DIV0
        v = float(np.var(x, ddof=ddof))
        return math.sqrt(v) if sqrt else v

    def gfn(x):
        dv = 2 * (x - x.mean()) / (x.size - ddof)
        return dv / (2 * math.sqrt(np.var(x, ddof=ddof))) if sqrt else dv
    return fn, flat_grad(gfn)


for _name, _spec, _ddof, _sqrt in [
        ("STDEVP", "N*", 0, True), ("VARP", "N*", 0, False),
        # the A-variants: TRUE 1, FALSE and text 0 in references (lift letter T)
        ("STDEVA", "T*", 1, True), ("STDEVPA", "T*", 0, True),
        ("VARA", "T*", 1, False), ("VARPA", "T*", 0, False)]:
    _fn, _agrad = _spread(_ddof, _sqrt)
    stat(_name, _spec, agrad=_agrad)(_fn)


@stat("AVERAGEA", "T*", agrad=flat_grad(lambda x: np.full(x.size, 1.0 / x.size)))
def averagea(*args):
    x = _flat(args)
    if x.size == 0:
        return DIV0
    return float(x.mean())


@stat("MAXA", "T*", agrad=flat_grad(lambda x: first_extreme(x, int(np.argmax(x)))))
def maxa(*args):
    x = _flat(args)
    return float(x.max()) if x.size else 0.0


@stat("MINA", "T*", agrad=flat_grad(lambda x: first_extreme(x, int(np.argmin(x)))))
def mina(*args):
    x = _flat(args)
    return float(x.min()) if x.size else 0.0


@stat("TRIMMEAN", "Nn", agrad=trimmean_grad)
def trimmean(xs, percent):
    """Mean without floor(n*percent/2) points at each end (Excel rounds the number
    excluded down to a multiple of 2)."""
    need(0 <= percent <= 1)
    x = np.sort(_nonempty(np.asarray(xs, float)))
    k = int(math.floor(x.size * percent / 2 + 1e-12))
    need(x.size - 2 * k > 0)
    return float(x[k:x.size - k].mean())


# --- mode --------------------------------------------------------------------------
def _modes(x: np.ndarray) -> list:
    """Values occurring most often (at least twice), in order of first occurrence."""
    counts: dict = {}
    for v in x.tolist():
        counts[v] = counts.get(v, 0) + 1
    top = max(counts.values(), default=0)
    if top < 2:
        return []
    return [v for v, c in counts.items() if c == top]


@stat("MODE.SNGL", "N*", aliases=("MODE",), zero_grad=True)
def mode_sngl(*args):
    m = _modes(_flat(args))
    return m[0] if m else NA


@stat("MODE.MULT", "N*", zero_grad=True)
def mode_mult(*args):
    m = _modes(_flat(args))
    return [[v] for v in m] if m else NA


# --- percentiles -------------------------------------------------------------------
def _percentile_inc(x: np.ndarray, k: float) -> float:
    x = np.sort(x)
    h = (x.size - 1) * k
    lo = int(math.floor(h))
    if lo + 1 >= x.size:
        return float(x[-1])
    return float(x[lo] + (h - lo) * (x[lo + 1] - x[lo]))


def _percentile_exc(x: np.ndarray, k: float) -> float:
    x = np.sort(x)
    h = (x.size + 1) * k
    need(1 <= h <= x.size)
    lo = int(math.floor(h))
    if lo >= x.size:
        return float(x[-1])
    return float(x[lo - 1] + (h - lo) * (x[lo] - x[lo - 1]))


@stat("PERCENTILE.INC", "Nn", aliases=("PERCENTILE",), agrad=percentile_grad(False))
def percentile_inc(xs, k):
    need(0 <= k <= 1)
    return _percentile_inc(_nonempty(np.asarray(xs, float)), k)


@stat("PERCENTILE.EXC", "Nn", agrad=percentile_grad(True))
def percentile_exc(xs, k):
    need(0 < k < 1)
    return _percentile_exc(_nonempty(np.asarray(xs, float)), k)


@stat("QUARTILE.INC", "Ni", aliases=("QUARTILE",), agrad=percentile_grad(False, 4.0))
def quartile_inc(xs, quart):
    need(0 <= quart <= 4)
    return _percentile_inc(_nonempty(np.asarray(xs, float)), quart / 4)


@stat("QUARTILE.EXC", "Ni", agrad=percentile_grad(True, 4.0))
def quartile_exc(xs, quart):
    need(0 < quart < 4)
    return _percentile_exc(_nonempty(np.asarray(xs, float)), quart / 4)


def _truncate(r: float, digits: int) -> float:
    """Round down to ``digits`` decimals (PERCENTRANK), forgiving binary noise."""
    f = 10.0 ** digits
    return math.floor(round(r * f, 6)) / f


def _percentrank(xs, x, significance=3, *, exclusive: bool):
    need(significance >= 1)
    a = np.sort(_nonempty(np.asarray(xs, float)))
    n = a.size
    if x < a[0] or x > a[-1]:
        return NA

    def rank_of(i):   # fractional rank of the i-th smallest value
        return (i + 1) / (n + 1) if exclusive else (i / (n - 1) if n > 1 else 1.0)

    below = int(np.searchsorted(a, x, side="left"))
    if a[below] == x:
        r = rank_of(below)
    else:  # between a[below-1] and a[below]
        lo, hi = a[below - 1], a[below]
        r0, r1 = rank_of(below - 1), rank_of(below)
        r = r0 + (x - lo) / (hi - lo) * (r1 - r0)
    return _truncate(r, significance)


stat_variants(_percentrank, "Nni", [("PERCENTRANK.INC", ("PERCENTRANK",), {"exclusive": False}),
                                    ("PERCENTRANK.EXC", (), {"exclusive": True})],
              zero_grad=True)


# --- ranks -------------------------------------------------------------------------
def _ref_numbers(grid) -> np.ndarray:
    return np.asarray([v for row in grid for v in row if is_number(v)], float)


def _first_error(grid):
    for row in grid:
        for v in row:
            if isinstance(v, ExcelError):
                return v
    return None


def _rank(number, grid, order=0.0, *, average: bool):
    err = _first_error(grid)
    if err is not None:
        return err
    a = _ref_numbers(grid)
    if not (a == number).any():
        return NA
    better = (a > number).sum() if order == 0 else (a < number).sum()
    if not average:
        return float(better + 1)
    ties = int((a == number).sum())
    return float(better + (ties + 1) / 2)


stat_variants(_rank, "nAn", [("RANK.EQ", ("RANK",), {"average": False}),
                            ("RANK.AVG", (), {"average": True})], zero_grad=True)


# --- FREQUENCY, PROB ---------------------------------------------------------------
@stat("FREQUENCY", "AA", zero_grad=True)
def frequency(data, bins):
    """Counts of data per bin (x <= bin, above the next lower bin), in the bins' own
    order, plus the count above the highest bin: a vertical array."""
    err = _first_error(data) or _first_error(bins)
    if err is not None:
        return err
    x = _ref_numbers(data)
    b = _ref_numbers(bins)
    if b.size == 0:
        return [[float(x.size)]]
    order = np.argsort(b, kind="stable")
    sb = b[order]
    pos = np.searchsorted(sb, x, side="left")   # first sorted bin >= value
    counts = np.bincount(pos, minlength=b.size + 1).astype(float)
    out = np.zeros(b.size + 1)
    out[order] = counts[:b.size]
    out[b.size] = counts[b.size]
    return [[float(c)] for c in out]


def _prob_grad(x_range, prob_range, lower, upper=None):
    """d PROB / d prob_range: 1 where lower <= x <= upper; 0 in x and the limits."""
    hi = lower if upper is None else upper
    xs = [v for row in x_range for v in row]
    w = len(prob_range[0])
    g = [[0.0] * w for _ in prob_range]
    for j, x in enumerate(xs[:len(prob_range) * w]):
        if is_number(x) and lower <= x <= hi and is_number(prob_range[j // w][j % w]):
            g[j // w][j % w] = 1.0
    return (None, g, None, None)


@stat("PROB", "AAnn", agrad=_prob_grad)
def prob(x_range, prob_range, lower, upper=None):
    err = _first_error(x_range) or _first_error(prob_range)
    if err is not None:
        return err
    xs = [v for row in x_range for v in row]
    ps = [v for row in prob_range for v in row]
    if len(xs) != len(ps):
        return NA
    pairs = [(x, p) for x, p in zip(xs, ps) if is_number(x) and is_number(p)]
    # MS-OI29500 2.1.1023: Excel accepts any probability values but #NUM! unless
    # they sum to 1 (the help page's "<= 0 or > 1" rule is not what Excel does)
    p = np.asarray([q for _, q in pairs], float)
    need(abs(p.sum() - 1) < 1e-9)
    hi = lower if upper is None else upper
    return float(sum(q for x, q in pairs if lower <= x <= hi))


# --- MAXIFS, MINIFS ----------------------------------------------------------------
def _ifs_pick(target, pairs, better):
    """(row, col) of the first cell of ``target`` holding the best number where every
    (range, criteria) pair matches (rules.criterion, as SUMIFS); None when no cell
    matches; an ExcelError for mismatched ranges or an error in a matching cell."""
    if len(pairs) % 2:
        return VALUE
    shape = (len(target), len(target[0]))
    keep = np.ones(shape, bool)
    for rng, crit in zip(pairs[0::2], pairs[1::2]):
        if (len(rng), len(rng[0])) != shape:
            return VALUE
        test = criterion(crit)
        keep &= np.array([[test(v) for v in row] for row in rng], bool)
    best = None
    for r, row in enumerate(target):
        for c, v in enumerate(row):
            if not keep[r, c]:
                continue
            if isinstance(v, ExcelError):
                return v
            if is_number(v) and (best is None or better(v, target[best[0]][best[1]])):
                best = (r, c)
    return best


def _ifs(better):
    def fn(target, *pairs):
        """MAXIFS/MINIFS: the max/min of the matching numbers of ``target``; 0 if none."""
        at = _ifs_pick(target, pairs, better)
        if isinstance(at, ExcelError):
            return at
        return 0.0 if at is None else float(target[at[0]][at[1]])

    def agrad(target, *pairs):
        at = _ifs_pick(target, pairs, better)
        if at is None or isinstance(at, ExcelError):
            return None
        g = [[0.0] * len(target[0]) for _ in target]
        g[at[0]][at[1]] = 1.0
        return (g,)
    return fn, agrad


_IFS_SPEC = "A" + "Ax" * 126
_fn, _agrad = _ifs(lambda a, b: a > b)
stat("MAXIFS", _IFS_SPEC, min_args=3, agrad=_agrad)(_fn)
_fn, _agrad = _ifs(lambda a, b: a < b)
stat("MINIFS", _IFS_SPEC, min_args=3, agrad=_agrad)(_fn)


from . import stat_pairs, stat_regression  # noqa: E402,F401  (registration)
