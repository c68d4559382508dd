"""Financial functions: time value of money (PV, FV, PMT, RATE, NPV, IRR, ...) and
depreciation (SLN, SYD, DB, DDB, VDB), written as Excel's closed forms.

Sign convention as in Excel: money paid out is negative, money received positive;
``typ`` 0 means payments at the end of each period, 1 at the beginning. The
bond/security functions with day-count bases are in :mod:`securities`.

Gradients (for the solver): NPV, IRR, XNPV, XIRR, FVSCHEDULE, EFFECT, NOMINAL, ISPMT,
SLN analytic (IRR, XIRR and RATE by implicit differentiation of their equation); the
other closed forms by central differences in their smooth arguments (:func:`partials`).
"""
from __future__ import annotations

import math

import numpy as np

from ...rules import is_number
from ...values import DIV0, NUM, VALUE, ExcelError
from ..batch import NUMBER, element
from .base import FUNCTIONS, is_ref
from .lift import excel

FIN = "Financial"


def _help(name: str) -> str:
    """The function's page on Excel's help site."""
    return f"https://support.microsoft.com/en-us/excel/functions/{name}-function"


def _pow(base: float, n: float) -> float:
    return math.pow(base, n)


# --- the annuity identity ------------------------------------------------------------
def _fv(rate, nper, pmt, pv, typ):
    if rate == 0:
        return -(pv + pmt * nper)
    g = _pow(1 + rate, nper)
    return -(pv * g + pmt * (1 + rate * typ) * (g - 1) / rate)


def _pv(rate, nper, pmt, fv, typ):
    if rate == 0:
        return -(fv + pmt * nper)
    g = _pow(1 + rate, nper)
    return -(fv + pmt * (1 + rate * typ) * (g - 1) / rate) / g


def _pmt(rate, nper, pv, fv, typ):
    if nper == 0:
        raise ZeroDivisionError
    if rate == 0:
        return -(pv + fv) / nper
    g = _pow(1 + rate, nper)
    return -(fv + pv * g) * rate / ((1 + rate * typ) * (g - 1))


def _typ(typ):
    return 0.0 if typ == 0 else 1.0   # Excel: any non-zero type is "beginning of period"


def _num_grad(f, xs, h=1e-6):
    """Central differences of a smooth scalar function (partials of the closed forms)."""
    out = []
    for k in range(len(xs)):
        step = h * max(1.0, abs(xs[k]))
        a = list(xs)
        b = list(xs)
        a[k] += step
        b[k] -= step
        try:
            fa, fb = f(*a), f(*b)
            out.append((fa - fb) / (2 * step) if isinstance(fa, float) and
                       isinstance(fb, float) else 0.0)
        except (ArithmeticError, ValueError):
            out.append(0.0)
    return tuple(out)


def partials(fn_name: str, spec: str, smooth: tuple, where=None):
    """A ``deriv`` for lift.py: central differences of the registered Python function
    in the arguments ``smooth`` (0-based); 0 for the others (dates, counts, bases,
    which the function truncates). Integer arguments ("i" in ``spec``) are truncated
    before the call, as lift.py does."""
    def deriv(*xs):
        f = (where or globals())[fn_name]
        args = [int(math.trunc(x)) if k < len(spec) and spec[k] == "i" else x
                for k, x in enumerate(xs)]
        out = [0.0] * len(xs)
        for k in smooth:
            if k >= len(xs):
                continue
            step = 1e-6 * max(1.0, abs(args[k]))
            a, b = list(args), list(args)
            a[k] += step
            b[k] -= step
            try:
                fa, fb = f(*a), f(*b)
            except (ArithmeticError, ValueError):
                continue
            if isinstance(fa, float) and isinstance(fb, float):
                out[k] = (fa - fb) / (2 * step)
        return tuple(out)
    return deriv


def _rate_deriv(nper_, pmt_, pv_, fv_=0.0, typ=0.0, guess=0.1):
    """Implicit differentiation of RATE: F(r, args) = 0, so dr/dx = -F_x / F_r."""
    r = rate(nper_, pmt_, pv_, fv_, typ, guess)
    if not isinstance(r, float):
        return (0.0,) * 6
    t = _typ(typ)

    def F(r, n, p, v, f):
        if abs(r) < 1e-12:
            return v + p * n + f
        g = _pow(1 + r, n)
        return v * g + p * (1 + r * t) * (g - 1) / r + f

    parts = _num_grad(F, [r, nper_, pmt_, pv_, fv_])
    if parts[0] == 0:
        return (0.0,) * 6
    return tuple(-d / parts[0] for d in parts[1:]) + (0.0, 0.0)


@excel("FV", "nnnnn", min_args=3, category=FIN,
       deriv=lambda *xs: _num_grad(lambda r, n, p, v=0.0, t=0.0: _fv(r, n, p, v, _typ(t)), xs),
       help=_help("fv"))
def fv(rate, nper, pmt, pv=0.0, typ=0.0):
    """Future value of an investment with constant payments and rate."""
    return _fv(rate, nper, pmt, pv, _typ(typ))


@excel("PV", "nnnnn", min_args=3, category=FIN,
       deriv=lambda *xs: _num_grad(lambda r, n, p, f=0.0, t=0.0: _pv(r, n, p, f, _typ(t)), xs),
       help=_help("pv"))
def pv(rate, nper, pmt, fv=0.0, typ=0.0):
    """Present value of a series of equal payments."""
    return _pv(rate, nper, pmt, fv, _typ(typ))


@excel("PMT", "nnnnn", min_args=3, category=FIN,
       deriv=lambda *xs: _num_grad(lambda r, n, p, f=0.0, t=0.0: _pmt(r, n, p, f, _typ(t)), xs),
       help=_help("pmt"))
def pmt(rate, nper, pv, fv=0.0, typ=0.0):
    """Payment per period of a loan with constant payments and rate."""
    return _pmt(rate, nper, pv, fv, _typ(typ))


def _ipmt(rate, per, nper, pv, fv, typ):
    if per < 1 or per >= nper + 1:
        return NUM
    p = _pmt(rate, nper, pv, fv, typ)
    if typ == 1 and per == 1:
        return 0.0
    ip = _fv(rate, per - 1, p, pv, typ) * rate
    return ip / (1 + rate) if typ == 1 else ip


@excel("IPMT", "nnnnnn", min_args=4, category=FIN, deriv=lambda *xs: _num_grad(ipmt, xs),
       help=_help("ipmt"))
def ipmt(rate, per, nper, pv, fv=0.0, typ=0.0):
    """Interest part of the payment of period ``per``."""
    return _ipmt(rate, per, nper, pv, fv, _typ(typ))


@excel("PPMT", "nnnnnn", min_args=4, category=FIN, deriv=lambda *xs: _num_grad(ppmt, xs),
       help=_help("ppmt"))
def ppmt(rate, per, nper, pv, fv=0.0, typ=0.0):
    """Principal part of the payment of period ``per`` (PMT - IPMT)."""
    t = _typ(typ)
    ip = _ipmt(rate, per, nper, pv, fv, t)
    if isinstance(ip, ExcelError):
        return ip
    return _pmt(rate, nper, pv, fv, t) - ip


@excel("NPER", "nnnnn", min_args=3, category=FIN, deriv=lambda *xs: _num_grad(nper, xs),
       help=_help("nper"))
def nper(rate, pmt, pv, fv=0.0, typ=0.0):
    """Number of periods for an investment to reach ``fv``."""
    t = _typ(typ)
    if rate == 0:
        if pmt == 0:
            raise ZeroDivisionError
        return -(pv + fv) / pmt
    num = pmt * (1 + rate * t) - fv * rate
    den = pmt * (1 + rate * t) + pv * rate
    if den == 0:
        raise ZeroDivisionError
    q = num / den
    if q <= 0 or rate <= -1:
        return NUM
    return math.log(q) / math.log1p(rate)


def _newton(f, df, x0, maxiter=20, tol=1e-7, polish=True):
    """Newton's method as Excel's RATE/IRR use it (a guess, 20 iterations, 1e-7);
    None when it does not converge."""
    x = x0
    for _ in range(maxiter):
        try:
            d = df(x)
            if d == 0 or not math.isfinite(d):
                return None
            step = f(x) / d
        except (ArithmeticError, ValueError):
            return None
        x -= step
        if not math.isfinite(x):
            return None
        if abs(step) < tol:
            if polish:   # a few more steps: the answer to full double precision
                for _ in range(3):
                    try:
                        d = df(x)
                        if d == 0:
                            break
                        s = f(x) / d
                    except (ArithmeticError, ValueError):
                        break
                    if not math.isfinite(s):
                        break
                    x -= s
            return x
    return None


@excel("RATE", "nnnnnn", min_args=3, category=FIN, deriv=_rate_deriv,
       help=_help("rate"))
def rate(nper, pmt, pv, fv=0.0, typ=0.0, guess=0.1):
    """Interest rate per period, by Newton's method from ``guess`` (#NUM! when it does
    not converge within 20 iterations, as Excel documents)."""
    t = _typ(typ)

    def f(r):
        if abs(r) < 1e-12:
            return pv + pmt * nper + fv
        g = _pow(1 + r, nper)
        return pv * g + pmt * (1 + r * t) * (g - 1) / r + fv

    def df(r):
        h = 1e-7 * max(1.0, abs(r))
        return (f(r + h) - f(r - h)) / (2 * h)

    if nper <= 0:
        return NUM
    r = _newton(f, df, guess, maxiter=20)
    if r is None or r <= -1:
        r = _bracketed_root(f, guess)
    return NUM if r is None or r <= -1 else r


def _bracketed_root(f, guess):
    """The root of ``f`` on (-1, 1e3] nearest ``guess``, by Brent's method on the sign
    changes of a grid; None when ``f`` keeps one sign (no rate exists: #NUM!).

    Newton from Excel's default guess 0.1 overshoots below -1 for long annuities (a
    30-year mortgage) where Excel still finds the rate; a bracketing search finds the
    same root without Newton's basin problem."""
    from scipy.optimize import brentq
    grid = sorted(set([-1 + 10.0 ** -k for k in range(1, 13)]
                      + [x / 200.0 for x in range(-180, 201)]
                      + [10.0 ** (k / 4) for k in range(0, 13)] + [guess]))
    vals = []
    for x in grid:
        try:
            y = f(x)
        except (ArithmeticError, ValueError):
            y = math.nan
        vals.append(y if math.isfinite(y) else math.nan)
    roots = []
    for (a, fa), (b, fb) in zip(zip(grid, vals), zip(grid[1:], vals[1:])):
        if math.isnan(fa) or math.isnan(fb):
            continue
        if fa == 0:
            roots.append(a)
        elif fa * fb < 0:
            roots.append(brentq(f, a, b, xtol=1e-15, maxiter=200))
    if not roots:
        return None
    return min(roots, key=lambda x: abs(x - guess))


# --- cash-flow series ----------------------------------------------------------------
def _npv(rate, values, first=1):
    if rate == -1:
        raise ZeroDivisionError
    return sum(v / _pow(1 + rate, i + first) for i, v in enumerate(values))


@excel("NPV", "nN*", min_args=2, category=FIN,
       help=_help("npv"))
def npv(rate, *values):
    """Net present value of cash flows at the ends of periods 1, 2, ..."""
    flat = [x for v in values for x in v]
    return _npv(rate, flat)


def _npv_grad(ctx, vals, out, g):
    """d NPV / d rate and d NPV / d each counted cash flow."""
    n = out.num.shape[0]
    res = [np.zeros((n,) + v.num.shape[1:]) for v in vals]
    for i in range(n):
        r = element(vals[0], min(i, vals[0].num.shape[0] - 1), 0, 0)
        if not is_number(r):
            continue
        k = 1
        gi = g[min(i, g.shape[0] - 1), 0, 0]
        drate = 0.0
        for a, v in enumerate(vals[1:], 1):
            j = min(i, v.num.shape[0] - 1)
            for rr in range(v.num.shape[1]):
                for cc in range(v.num.shape[2]):
                    x = element(v, j, rr, cc)
                    if not is_number(x):
                        if is_ref(v) or not isinstance(x, bool):
                            continue
                        x = float(x)
                    res[a][i, rr, cc] = gi / _pow(1 + r, k)
                    drate += -k * x / _pow(1 + r, k + 1)
                    k += 1
        res[0][i, 0, 0] = gi * drate
    return [x if v.num.shape[0] == n else x.sum(axis=0, keepdims=True)
            for x, v in zip(res, vals)]


FUNCTIONS["NPV"].grad = _npv_grad


def _irr(values, guess):
    if not any(v > 0 for v in values) or not any(v < 0 for v in values):
        return NUM

    def f(r):
        return sum(v / _pow(1 + r, i) for i, v in enumerate(values))

    def df(r):
        return sum(-i * v / _pow(1 + r, i + 1) for i, v in enumerate(values))

    r = _newton(f, df, guess, maxiter=20, tol=1e-7)
    return NUM if r is None or r <= -1 else r


@excel("IRR", "Nn", min_args=1, category=FIN,
       help=_help("irr"))
def irr(values, guess=0.1):
    """Internal rate of return of periodic cash flows (the rate where NPV is 0)."""
    return _irr(values, guess)


def _irr_grad(ctx, vals, out, g):
    """Implicit differentiation: d irr / d v_i = -(1+r)^-i / (d NPV / d r)."""
    v = vals[0]
    n = out.num.shape[0]
    res = np.zeros((n,) + v.num.shape[1:])
    for i in range(n):
        r = element(out, i, 0, 0)
        if not is_number(r):
            continue
        j = min(i, v.num.shape[0] - 1)
        cells = [(rr, cc) for rr in range(v.num.shape[1]) for cc in range(v.num.shape[2])
                 if v.kind is None or v.kind[j, rr, cc] == NUMBER]
        xs = [v.num[j, rr, cc] for rr, cc in cells]
        dr = sum(-k * x / _pow(1 + r, k + 1) for k, x in enumerate(xs))
        if dr == 0:
            continue
        gi = g[min(i, g.shape[0] - 1), 0, 0]
        for k, (rr, cc) in enumerate(cells):
            res[i, rr, cc] = -gi / _pow(1 + r, k) / dr
    res = res if v.num.shape[0] == n else res.sum(axis=0, keepdims=True)
    return [res] + [None] * (len(vals) - 1)


FUNCTIONS["IRR"].grad = _irr_grad


def _flows_and_dates(values, dates):
    """Numbers of XNPV/XIRR's two arrays, or an error (Excel: #NUM! for a size mismatch
    or a date before the first, #VALUE! for a non-number)."""
    vs = [x for row in values for x in row]
    ds = [x for row in dates for x in row]
    if len(vs) != len(ds):
        return NUM, None
    for x in vs + ds:
        if isinstance(x, ExcelError):
            return x, None
        if not is_number(x):
            return VALUE, None
    ds = [math.trunc(d) for d in ds]
    if any(d < 0 for d in ds) or any(d < ds[0] for d in ds):
        return NUM, None
    return vs, ds


@excel("XNPV", "nAA", category=FIN,
       help=_help("xnpv"))
def xnpv(rate, values, dates):
    """Net present value of cash flows on given dates (actual/365 from the first)."""
    vs, ds = _flows_and_dates(values, dates)
    if ds is None:
        return vs
    if rate <= -1:
        return NUM
    return sum(v / _pow(1 + rate, (d - ds[0]) / 365.0) for v, d in zip(vs, ds))


@excel("XIRR", "AAn", min_args=2, category=FIN,
       help=_help("xirr"))
def xirr(values, dates, guess=0.1):
    """The rate at which XNPV of the cash flows is 0 (Newton from ``guess``)."""
    vs, ds = _flows_and_dates(values, dates)
    if ds is None:
        return vs
    if not any(v > 0 for v in vs) or not any(v < 0 for v in vs):
        return NUM
    ts = [(d - ds[0]) / 365.0 for d in ds]

    def f(r):
        return sum(v / _pow(1 + r, t) for v, t in zip(vs, ts))

    def df(r):
        return sum(-t * v / _pow(1 + r, t + 1) for v, t in zip(vs, ts))

    r = _newton(f, df, guess, maxiter=100, tol=1e-10)
    return NUM if r is None or r <= -1 else r


def _dated_grad(implicit: bool):
    """Gradients of XNPV (d/d rate, d/d each value) and XIRR (implicit: d irr / d value
    = -(1+r)^-t / (d XNPV / d r))."""
    from .lift import _grid

    def grad(ctx, vals, out, g):
        n = out.num.shape[0]
        vi = 0 if implicit else 1
        res = [np.zeros((n,) + v.num.shape[1:]) for v in vals]
        for i in range(n):
            grid = _grid(vals[vi], i)
            vs, ds = _flows_and_dates(grid, _grid(vals[vi + 1], i))
            if ds is None:
                continue
            r = element(out if implicit else vals[0], min(i, (out if implicit else vals[0])
                                                          .num.shape[0] - 1), 0, 0)
            if not is_number(r) or r <= -1:
                continue
            ts = [(d - ds[0]) / 365.0 for d in ds]
            d_rate = sum(-t * v / _pow(1 + r, t + 1) for v, t in zip(vs, ts))
            gi = np.broadcast_to(g, out.num.shape)[i, 0, 0]
            w = len(grid[0])
            for k, t in enumerate(ts):
                dv = 1 / _pow(1 + r, t)
                if implicit:
                    dv = -dv / d_rate if d_rate else 0.0
                res[vi][i, k // w, k % w] += gi * dv
            if not implicit:
                res[0][i, 0, 0] += gi * d_rate
        return [x if v.num.shape[0] == n else x.sum(axis=0, keepdims=True)
                for x, v in zip(res, vals)]
    return grad


FUNCTIONS["XNPV"].grad = _dated_grad(False)
FUNCTIONS["XIRR"].grad = _dated_grad(True)


@excel("MIRR", "Nnn", category=FIN,
       help=_help("mirr"))
def mirr(values, finance_rate, reinvest_rate):
    """Modified IRR: negative flows financed at one rate, positive reinvested at another."""
    n = len(values)
    pos = [v if v > 0 else 0.0 for v in values]
    neg = [v if v < 0 else 0.0 for v in values]
    npv_pos = _npv(reinvest_rate, pos)
    npv_neg = _npv(finance_rate, neg)
    if npv_neg == 0 or npv_pos == 0 or n < 2:
        raise ZeroDivisionError
    q = -npv_pos * _pow(1 + reinvest_rate, n) / (npv_neg * (1 + finance_rate))
    return _pow(q, 1.0 / (n - 1)) - 1


def _cum(rate, nper, pv, start, end, typ, part):
    if rate <= 0 or nper <= 0 or pv <= 0 or start < 1 or end < 1 or start > end \
            or typ not in (0, 1) or end > nper:
        return NUM
    total = 0.0
    for per in range(start, end + 1):
        ip = _ipmt(rate, per, nper, pv, 0.0, typ)
        total += ip if part == "i" else _pmt(rate, nper, pv, 0.0, typ) - ip
    return total


@excel("CUMIPMT", "niniii", category=FIN, deriv=partials("cumipmt", "niniii", (0, 2)),
       help=_help("cumipmt"))
def cumipmt(rate, nper, pv, start, end, typ):
    """Interest paid between two periods (inclusive) of a loan."""
    return _cum(rate, nper, pv, start, end, typ, "i")


@excel("CUMPRINC", "niniii", category=FIN,
       deriv=partials("cumprinc", "niniii", (0, 2)),
       help=_help("cumprinc"))
def cumprinc(rate, nper, pv, start, end, typ):
    """Principal paid between two periods (inclusive) of a loan."""
    return _cum(rate, nper, pv, start, end, typ, "p")


@excel("EFFECT", "ni", category=FIN,
       deriv=lambda n, p: (_pow(1 + n / math.trunc(p), math.trunc(p) - 1), 0.0),
       help=_help("effect"))
def effect(nominal, npery):
    """Effective annual rate of a nominal rate compounded ``npery`` times a year."""
    if nominal <= 0 or npery < 1:
        return NUM
    return _pow(1 + nominal / npery, npery) - 1


@excel("NOMINAL", "ni", category=FIN,
       deriv=lambda e, p: (_pow(1 + e, 1.0 / math.trunc(p) - 1), 0.0),
       help=_help("nominal"))
def nominal(effect_rate, npery):
    """Nominal annual rate of an effective rate compounded ``npery`` times a year."""
    if effect_rate <= 0 or npery < 1:
        return NUM
    return npery * (_pow(1 + effect_rate, 1.0 / npery) - 1)


@excel("PDURATION", "nnn", category=FIN, deriv=lambda *xs: _num_grad(pduration, xs),
       help=_help("pduration"))
def pduration(rate, pv, fv):
    """Periods for an investment growing at ``rate`` to reach ``fv``."""
    if rate <= 0 or pv <= 0 or fv <= 0:
        return NUM
    return (math.log(fv) - math.log(pv)) / math.log1p(rate)


@excel("RRI", "nnn", category=FIN, deriv=lambda *xs: _num_grad(rri, xs),
       help=_help("rri"))
def rri(nper, pv, fv):
    """Equivalent interest rate for the growth of ``pv`` to ``fv`` over ``nper``."""
    if nper <= 0 or pv == 0:
        return NUM
    q = fv / pv
    if q < 0:
        return NUM
    return _pow(q, 1.0 / nper) - 1


@excel("ISPMT", "nnnn", category=FIN,
       deriv=lambda r, per, n, v: (v * (per / n - 1), v * r / n, -v * r * per / n ** 2,
                                   r * (per / n - 1)),
       help=_help("ispmt"))
def ispmt(rate, per, nper, pv):
    """Interest of period ``per`` for a loan with even principal payments."""
    if nper == 0:
        raise ZeroDivisionError
    return pv * rate * (per / nper - 1)


@excel("FVSCHEDULE", "nA", category=FIN,
       help=_help("fvschedule"))
def fvschedule(principal, schedule):
    """Future value of ``principal`` after a series of rates (blanks count as 0)."""
    total = principal
    for row in schedule:
        for x in row:
            if isinstance(x, ExcelError):
                return x
            if x is None:
                continue
            if not is_number(x):
                return VALUE
            total *= 1 + x
    return total


def _fvschedule_grad(ctx, vals, out, g):
    """d/d principal = product of (1 + r); d/d r_k = FVSCHEDULE / (1 + r_k)."""
    from .lift import _grid
    n = out.num.shape[0]
    res = [np.zeros((n,) + v.num.shape[1:]) for v in vals]
    for i in range(n):
        total = element(out, i, 0, 0)
        p = element(vals[0], min(i, vals[0].num.shape[0] - 1), 0, 0)
        if not is_number(total) or not is_number(p):
            continue
        gi = np.broadcast_to(g, out.num.shape)[i, 0, 0]
        grid = _grid(vals[1], i)
        factor = 1.0
        for rr, row in enumerate(grid):
            for cc, x in enumerate(row):
                if is_number(x):
                    factor *= 1 + x
                    if 1 + x != 0:
                        res[1][i, rr, cc] += gi * total / (1 + x)
        res[0][i, 0, 0] += gi * factor
    return [x if v.num.shape[0] == n else x.sum(axis=0, keepdims=True)
            for x, v in zip(res, vals)]


FUNCTIONS["FVSCHEDULE"].grad = _fvschedule_grad


def _dollar_scale(fraction):
    if fraction < 0:
        return NUM
    if fraction < 1:
        return DIV0
    return _pow(10, math.ceil(math.log10(fraction)))


def _dollar_convert(price, fraction, rescale):
    """DOLLARDE/DOLLARFR: the whole part of price kept, its fractional part rescaled by
    ``rescale(part, scale)`` between 1/fraction units and decimal ones (scale: the power
    of ten at or above fraction)."""
    scale = _dollar_scale(fraction)
    if isinstance(scale, ExcelError):
        return scale
    whole = math.trunc(price)
    return whole + rescale(price - whole, scale)


@excel("DOLLARDE", "ni", category=FIN,
       help=_help("dollarde"))
def dollarde(fractional_dollar, fraction):
    """A price written as integer.numerator (e.g. 1.02 in 16ths) as a decimal number."""
    return _dollar_convert(fractional_dollar, fraction,
                           lambda part, scale: part * scale / fraction)


@excel("DOLLARFR", "ni", category=FIN,
       help=_help("dollarfr"))
def dollarfr(decimal_dollar, fraction):
    """A decimal price written as integer.numerator in the given fraction."""
    return _dollar_convert(decimal_dollar, fraction,
                           lambda part, scale: part * fraction / scale)


# --- depreciation --------------------------------------------------------------------
@excel("SLN", "nnn", category=FIN,
       deriv=lambda c, s, life: (1 / life, -1 / life, -(c - s) / life ** 2),
       help=_help("sln"))
def sln(cost, salvage, life):
    """Straight-line depreciation for one period."""
    return (cost - salvage) / life


@excel("SYD", "nnnn", category=FIN, deriv=partials("syd", "nnnn", (0, 1)),
       help=_help("syd"))
def syd(cost, salvage, life, per):
    """Sum-of-years'-digits depreciation of period ``per``."""
    if life <= 0 or per <= 0 or per > life:
        return NUM
    return (cost - salvage) * (life - per + 1) * 2 / (life * (life + 1))


@excel("DB", "nnnnn", min_args=4, category=FIN,
       help=_help("db"))
def db(cost, salvage, life, period, month=12.0):
    """Fixed-declining-balance depreciation (rate rounded to three decimals, a partial
    first year of ``month`` months and its remainder after the last year)."""
    month = math.trunc(month)
    period = math.trunc(period)
    if cost < 0 or salvage < 0 or life <= 0 or period <= 0 or month < 1 or month > 12 \
            or period > life + (1 if month < 12 else 0):
        return NUM
    if cost == 0:
        return 0.0
    rate_ = round(1 - _pow(salvage / cost, 1 / life), 3)
    total = cost * rate_ * month / 12
    if period == 1:
        return total
    dep = 0.0
    for p in range(2, period + 1):
        if p == life + 1:
            dep = (cost - total) * rate_ * (12 - month) / 12
        else:
            dep = (cost - total) * rate_
        total += dep
    return dep


def _ddb(cost, salvage, life, period, factor):
    """Double-declining balance of one (possibly fractional) period, closed form."""
    r = factor / life
    if r >= 1:
        r = 1.0
        old = cost if period == 1 else 0.0
    else:
        old = cost * _pow(1 - r, period - 1)
    new = cost * _pow(1 - r, period)
    d = old - salvage if new < salvage else old - new
    return max(d, 0.0)


@excel("DDB", "nnnnn", min_args=4, category=FIN, deriv=partials("ddb", "nnnnn", (0, 1)),
       help=_help("ddb"))
def ddb(cost, salvage, life, period, factor=2.0):
    """Declining-balance depreciation at ``factor`` times the straight-line rate."""
    if cost < 0 or salvage < 0 or life <= 0 or period <= 0 or factor <= 0 or period > life:
        return NUM
    return _ddb(cost, salvage, life, period, factor)


def _vdb_whole(cost, salvage, life, life_left, end, factor):
    """Depreciation from 0 to ``end`` periods (fractional last), switching to straight
    line over the remaining ``life_left`` when that is larger."""
    total = 0.0
    last = math.ceil(end)
    remaining = cost - salvage
    switched = False
    straight = 0.0
    for i in range(1, last + 1):
        if not switched:
            d = _ddb(cost, salvage, life, i, factor)
            straight = remaining / (life_left - (i - 1))
            if straight > d:
                term = straight
                switched = True
            else:
                term = d
                remaining -= d
        else:
            term = straight
        if i == last:
            term *= end + 1 - last
        total += term
    return total


@excel("VDB", "nnnnnnb", min_args=5, category=FIN,
       deriv=partials("vdb", "nnnnnnb", (0, 1)),
       help=_help("vdb"))
def vdb(cost, salvage, life, start, end, factor=2.0, no_switch=False):
    """Declining-balance depreciation between two (fractional) periods, switching to
    straight line when that is larger unless ``no_switch``."""
    if start < 0 or end < start or end > life or cost < 0 or salvage < 0 or factor <= 0 \
            or life <= 0:
        return NUM
    lo, hi = math.floor(start), math.ceil(end)
    if no_switch:
        total = 0.0
        for i in range(lo + 1, hi + 1):
            term = _ddb(cost, salvage, life, i, factor)
            if i == lo + 1:
                term *= min(end, lo + 1) - start
            elif i == hi:
                term *= end + 1 - hi
            total += term
        return total
    part = 0.0
    if start > lo:
        rest = cost - _vdb_whole(cost, salvage, life, life, lo, factor)
        part += (start - lo) * _vdb_whole(rest, salvage, life, life - lo, 1, factor)
    if end < hi:
        rest = cost - _vdb_whole(cost, salvage, life, life, hi - 1, factor)
        part += (hi - end) * _vdb_whole(rest, salvage, life, life - hi + 1, 1, factor)
    rest = cost - _vdb_whole(cost, salvage, life, life, lo, factor)
    return _vdb_whole(rest, salvage, life, life - lo, hi - lo, factor) - part


from . import securities  # noqa: E402,F401  (registers the bond functions)
