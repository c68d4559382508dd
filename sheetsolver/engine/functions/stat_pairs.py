"""Excel's Statistical functions of two data sets: correlation and covariance, the
simple regression line (SLOPE, INTERCEPT, STEYX, FORECAST), and the hypothesis tests
CHISQ.TEST, F.TEST, T.TEST and Z.TEST (p-values from scipy.special).

Paired functions take the two ranges cell by cell: a different number of cells is
#N/A, and a pair is used only when both cells hold numbers (text, booleans and blanks
in either drop the pair), as Excel does.
"""
from __future__ import annotations

import math

import numpy as np
from ...lazy_modules import lazy_module

sp = lazy_module("scipy.special")  # imported on first use (start-up)

from ...rules import is_number
from ...values import DIV0, NA, ExcelError
from .statistical_base import need, nonzero_sd, stat


def _cells(grid) -> list:
    return [v for row in grid for v in row]


def _error(*grids):
    for g in grids:
        for v in _cells(g):
            if isinstance(v, ExcelError):
                return v
    return None


def _numbers(grid) -> np.ndarray:
    return np.asarray([v for v in _cells(grid) if is_number(v)], float)


def paired(g1, g2):
    """(x, y) arrays of the cell pairs holding two numbers, or an ExcelError."""
    err = _error(g1, g2)
    if err is not None:
        return err
    a, b = _cells(g1), _cells(g2)
    if len(a) != len(b):
        return NA
    keep = [(u, v) for u, v in zip(a, b) if is_number(u) and is_number(v)]
    return (np.asarray([u for u, _ in keep], float), np.asarray([v for _, v in keep], float))


def _with_pairs(fn=None, empty=None):
    """fn(x, y) on the pairs of two ranges; errors of pairing returned as they are, and
    ``empty`` (when given) when no pair holds two numbers."""
    if fn is None:
        return lambda f: _with_pairs(f, empty)

    def wrapped(g1, g2, *rest):
        p = paired(g1, g2)
        if isinstance(p, ExcelError):
            return p
        if empty is not None and p[0].size == 0:
            return empty
        return fn(*p, *rest)
    wrapped.__name__ = fn.__name__
    return wrapped


def pair_agrad(gfn):
    """agrad (stat_grad.py) of a function of two paired ranges from ``gfn(p, q, *rest)``,
    which returns (d/dp, d/dq, *d/drest) over the kept pairs, or None."""
    def agrad(g1, g2, *rest):
        a, b = _cells(g1), _cells(g2)
        if len(a) != len(b) or _error(g1, g2) is not None:
            return None
        idx = [j for j, (u, v) in enumerate(zip(a, b)) if is_number(u) and is_number(v)]
        if not idx:
            return None
        p = np.asarray([a[j] for j in idx], float)
        q = np.asarray([b[j] for j in idx], float)
        res = gfn(p, q, *rest)
        if res is None:
            return None
        out = []
        for grid, gv in ((g1, res[0]), (g2, res[1])):
            w = len(grid[0])
            gg = [[0.0] * w for _ in grid]
            for t, j in enumerate(idx):
                gg[j // w][j % w] = float(gv[t])
            out.append(gg)
        return (*out, *res[2:])
    return agrad


def _sums(p, q):
    dp, dq = p - p.mean(), q - q.mean()
    return dp, dq, float(dp @ dp), float(dq @ dq), float(dp @ dq)


def _correl_grad(p, q):
    dp, dq, spp, sqq, spq = _sums(p, q)
    if spp == 0 or sqq == 0:
        return None
    r = spq / math.sqrt(spp * sqq)
    root = math.sqrt(spp * sqq)
    return ((dq - r * math.sqrt(sqq / spp) * dp) / root,
            (dp - r * math.sqrt(spp / sqq) * dq) / root, r)


def _slope_grad(y, x):
    """(d m/dy, d m/dx, m) of the least-squares slope m of y on x."""
    dx, dy, sxx, _, sxy = _sums(x, y)
    if sxx == 0:
        return None
    m = sxy / sxx
    return dx / sxx, (dy - 2 * m * dx) / sxx, m


def _intercept_grad(y, x):
    s = _slope_grad(y, x)
    if s is None:
        return None
    gy, gx, m = s
    n = x.size
    return 1 / n - x.mean() * gy, -m / n - x.mean() * gx


def _steyx_grad(y, x):
    n = x.size
    dx, dy, sxx, syy, sxy = _sums(x, y)
    if n < 3 or sxx == 0:
        return None
    m = sxy / sxx
    sse = syy - sxy * m
    if sse <= 0:
        return None
    s = math.sqrt(sse / (n - 2))
    e = dy - m * dx
    return 2 * e / (2 * s * (n - 2)), -2 * m * e / (2 * s * (n - 2))


def _rsq_grad(y, x):
    c = _correl_grad(y, x)
    return None if c is None else (2 * c[2] * c[0], 2 * c[2] * c[1])


def _cov_grad(ddof):
    def g(p, q):
        n = p.size - ddof
        if n <= 0:
            return None
        return (q - q.mean()) / n, (p - p.mean()) / n
    return g


def _forecast_agrad(x0, ys, xs):
    """d FORECAST / d(x, known_y's, known_x's): y = mean(y) + m (x - mean(x))."""
    inner = pair_agrad(lambda y, x: _forecast_parts(x0, y, x))
    res = inner(ys, xs)
    if res is None:
        return None
    gy, gx, m = res
    return (m, gy, gx)


def _forecast_parts(x0, y, x):
    s = _slope_grad(y, x)
    if s is None:
        return None
    gy, gx, m = s
    n = x.size
    return 1 / n + (x0 - x.mean()) * gy, (x0 - x.mean()) * gx - m / n, m


def _first_two(gfn):
    def g(*a):
        res = gfn(*a)
        return None if res is None else res[:2]
    return g


_CORREL_AGRAD = pair_agrad(_first_two(_correl_grad))


def _correl(x, y):
    if x.size == 0:
        return DIV0
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if sxx == 0 or syy == 0:
        return DIV0
    return float(dx @ dy) / math.sqrt(sxx * syy)


# Excel's pages: CORREL and the covariances of no data are #DIV/0!; PEARSON, RSQ,
# SLOPE, INTERCEPT, STEYX and FORECAST of no data are #N/A.
stat("CORREL", "AA", agrad=_CORREL_AGRAD)(_with_pairs(_correl))
stat("PEARSON", "AA", agrad=_CORREL_AGRAD)(_with_pairs(_correl, NA))


@stat("RSQ", "AA", agrad=pair_agrad(_rsq_grad))
@_with_pairs(empty=NA)
def rsq(y, x):
    r = _correl(x, y)
    return r if isinstance(r, ExcelError) else r * r


@stat("COVARIANCE.P", "AA", agrad=pair_agrad(_cov_grad(0)), aliases=("COVAR",))
@_with_pairs
def covariance_p(x, y):
    if x.size == 0:
        return DIV0
    return float(np.mean((x - x.mean()) * (y - y.mean())))


@stat("COVARIANCE.S", "AA", agrad=pair_agrad(_cov_grad(1)))
@_with_pairs
def covariance_s(x, y):
    if x.size < 2:
        return DIV0
    return float(np.sum((x - x.mean()) * (y - y.mean())) / (x.size - 1))


def _line(y, x):
    """(slope, intercept) of the least-squares line, or #DIV/0!."""
    if x.size == 0:
        return DIV0
    dx = x - x.mean()
    sxx = float(dx @ dx)
    if sxx == 0:
        return DIV0
    m = float(dx @ (y - y.mean())) / sxx
    return m, float(y.mean() - m * x.mean())


@stat("SLOPE", "AA", agrad=pair_agrad(_first_two(_slope_grad)))
@_with_pairs(empty=NA)
def slope(y, x):
    line = _line(y, x)
    return line if isinstance(line, ExcelError) else line[0]


@stat("INTERCEPT", "AA", agrad=pair_agrad(_intercept_grad))
@_with_pairs(empty=NA)
def intercept(y, x):
    line = _line(y, x)
    return line if isinstance(line, ExcelError) else line[1]


@stat("STEYX", "AA", agrad=pair_agrad(_steyx_grad))
@_with_pairs(empty=NA)
def steyx(y, x):
    if x.size < 3:
        return DIV0
    line = _line(y, x)
    if isinstance(line, ExcelError):
        return line
    m, b = line
    r = y - (m * x + b)
    return math.sqrt(float(r @ r) / (x.size - 2))


def forecast(x0, ys, xs):
    p = paired(ys, xs)
    if isinstance(p, ExcelError):
        return p
    if p[0].size == 0:
        return NA
    line = _line(*p)
    if isinstance(line, ExcelError):
        return line
    return line[0] * x0 + line[1]


stat("FORECAST.LINEAR", "nAA", aliases=("FORECAST",), agrad=_forecast_agrad)(forecast)


# --- hypothesis tests --------------------------------------------------------------
@stat("CHISQ.TEST", "AA", agrad="numeric", aliases=("CHITEST",))
def chisq_test(actual, expected):
    """p-value of the chi-squared statistic sum((A-E)^2/E); degrees of freedom
    (r-1)(c-1), or n-1 for a single row or column, from ``actual``'s shape. Only a
    different number of data points is #N/A (the help page): a row against a column of
    the same length pairs the cells in order, as Excel does."""
    err = _error(actual, expected)
    if err is not None:
        return err
    r, c = len(actual), len(actual[0])
    if len(expected) * len(expected[0]) != r * c or r * c == 1:
        return NA
    df = (r - 1) * (c - 1) if r > 1 and c > 1 else r * c - 1
    chi = 0.0
    for a, e in zip(_cells(actual), _cells(expected)):
        if not (is_number(a) and is_number(e)):
            continue
        if e == 0:
            return DIV0
        chi += (a - e) ** 2 / e
    return float(sp.chdtrc(df, chi))


@stat("F.TEST", "AA", agrad="numeric", aliases=("FTEST",))
def f_test(a1, a2):
    """Two-tailed p-value that the two variances are not different."""
    err = _error(a1, a2)
    if err is not None:
        return err
    x, y = _numbers(a1), _numbers(a2)
    if x.size < 2 or y.size < 2:
        return DIV0
    vx, vy = x.var(ddof=1), y.var(ddof=1)
    if vx == 0 or vy == 0:
        return DIV0
    f = vx / vy
    lower = float(sp.fdtr(x.size - 1, y.size - 1, f))
    upper = float(sp.fdtrc(x.size - 1, y.size - 1, f))   # not 1-lower: small p keeps digits
    return 2 * min(lower, upper)


@stat("T.TEST", "AAii", aliases=("TTEST",), agrad="numeric")
def t_test(a1, a2, tails, kind):
    """p-value of Student's t-test: kind 1 paired, 2 equal variances, 3 Welch."""
    need(tails in (1, 2) and kind in (1, 2, 3))
    err = _error(a1, a2)
    if err is not None:
        return err
    if kind == 1:
        p = paired(a1, a2)
        if isinstance(p, ExcelError):
            return p
        d = p[0] - p[1]
        sd = nonzero_sd(d, 2)
        if sd is None:
            return DIV0
        t, df = d.mean() / (sd / math.sqrt(d.size)), d.size - 1
    else:
        x, y = _numbers(a1), _numbers(a2)
        nx, ny = x.size, y.size
        if nx < 2 or ny < 2:
            return DIV0
        vx, vy = x.var(ddof=1), y.var(ddof=1)
        if kind == 2:
            df = nx + ny - 2
            pooled = ((nx - 1) * vx + (ny - 1) * vy) / df
            se = math.sqrt(pooled * (1 / nx + 1 / ny))
        else:
            qx, qy = vx / nx, vy / ny
            se = math.sqrt(qx + qy)
            if se == 0:
                return DIV0
            df = (qx + qy) ** 2 / (qx ** 2 / (nx - 1) + qy ** 2 / (ny - 1))
        if se == 0:
            return DIV0
        t = (x.mean() - y.mean()) / se
    return tails * float(sp.stdtr(df, -abs(t)))


@stat("Z.TEST", "Ann", aliases=("ZTEST",), agrad="numeric")
def z_test(array, x0, sigma=None):
    """One-tailed p-value 1 - NORM.S.DIST((mean - x0) / (sigma / sqrt(n)), TRUE)."""
    err = _error(array)
    if err is not None:
        return err
    x = _numbers(array)
    if x.size == 0:
        return NA
    if sigma is None:
        sigma = nonzero_sd(x, 2)
        if sigma is None:
            return DIV0
    need(sigma > 0)   # MS-OI29500 2.1.1076: sigma <= 0 is #NUM!
    return 1 - float(sp.ndtr((x.mean() - x0) / (sigma / math.sqrt(x.size))))
