"""Excel's bond and security functions (category Financial): coupon schedule (COUPDAYBS,
COUPDAYS, COUPDAYSNC, COUPNCD, COUPNUM, COUPPCD), coupon bonds (PRICE, YIELD, DURATION,
MDURATION, ACCRINT), securities paying at maturity (ACCRINTM, PRICEMAT, YIELDMAT),
discounted securities (DISC, PRICEDISC, YIELDDISC, INTRATE, RECEIVED) and Treasury
bills (TBILLPRICE, TBILLYIELD, TBILLEQ).

Day counts come from :mod:`daycount` (bases 0-4); the formulas are the ones on Excel's
help pages. Dates are truncated to whole days; a frequency other than 1, 2, 4, a
basis outside 0-4 or settlement >= maturity is #NUM!.
"""
from __future__ import annotations

import functools
import math

from ...values import NUM, ExcelError
from . import daycount as dc
from .financial import partials
from .lift import excel

FIN = "Financial"


def _help(name: str) -> str:
    """The function's page on Excel's help site."""
    return f"https://support.microsoft.com/en-us/excel/functions/{name}-function"


class _Bad(Exception):
    """An argument Excel rejects; carries the error value."""

    def __init__(self, err):
        self.err = err


def _date(x) -> int:
    if x < 0 or x > dc.MAX_SERIAL:
        raise _Bad(NUM)
    return int(math.floor(x))


def _basis(b) -> int:
    if b not in dc.BASES:
        raise _Bad(NUM)
    return b


def _freq(f) -> int:
    if f not in (1, 2, 4):
        raise _Bad(NUM)
    return f


def _guard(fn):
    """Turn _Bad into its Excel error (lift.py turns ValueError into #NUM!)."""
    @functools.wraps(fn)
    def wrapped(*args):
        try:
            return fn(*args)
        except _Bad as e:
            return e.err
    return wrapped


def _security(name: str, spec: str, smooth, min_args=None):
    """Register a guarded security function as Excel's ``name``, differentiated by
    central differences in the arguments ``smooth`` (None: no derivative)."""
    def register(fn):
        guarded = _guard(fn)
        deriv = None if smooth is None else partials(
            fn.__name__, spec, smooth, {fn.__name__: guarded})
        excel(name, spec, deriv=deriv, min_args=min_args, category=FIN,
              help=_help(name.lower()))(guarded)
        return guarded
    return register


def _period_length(lo, hi, f, b):
    """A (quasi-)coupon period's normal length in days: its actual days under basis 1,
    else 365 or 360 days over the frequency."""
    return float(hi - lo) if b == 1 else (365.0 if b == 3 else 360.0) / f


def _portion(a, z, lo, hi, f, b):
    """The part a..z of the (quasi-)coupon period lo..hi, in periods: its days over the
    period's normal length, but exactly 1 for the whole period, whatever the basis makes
    of its days (30/360's 31 Aug .. 29 Feb, Actual/360's 365-day year). Excel's ACCRINT
    (Microsoft's DAX example: 116.944444) and ODDFPRICE at basis 2 (IronCalc's
    Excel-checked 131.483767047) count whole periods so."""
    if (a, z) == (lo, hi):
        return 1.0
    return _days(a, z, b) / _period_length(lo, hi, f, b)


def _quasi_coupons(anchor, f):
    """k -> the k-th (quasi-)coupon date counted from ``anchor`` (negative k: before
    it), keeping the end of the month when the anchor is one."""
    step = 12 // f
    y, mo, d = dc.serial_to_ymd(anchor)
    eom = dc.is_month_end(y, mo, d)
    return lambda k: dc.add_months(anchor, k * step, end_of_month=eom) if k else anchor


def _newton_yield(price_at, target, y):
    """The yield where ``price_at(yield)`` equals ``target``: Newton's method with
    central-difference slopes from ``y``; #NUM! on a flat slope or no convergence."""
    for _ in range(100):
        p = price_at(y) - target
        h = 1e-7
        d = (price_at(y + h) - price_at(y - h)) / (2 * h)
        if d == 0:
            return NUM
        step = p / d
        y -= step
        if abs(step) < 1e-12:
            return y
    return NUM


def _bond(settlement, maturity, frequency, basis):
    s, m = _date(settlement), _date(maturity)
    f, b = _freq(frequency), _basis(basis)
    if s >= m:
        raise _Bad(NUM)
    return s, m, f, b


def _days(a, z, b):
    """Days from a to z under a basis. Basis 0 counts 30/360 by the NASD rules Excel's
    security functions share with YEARFRAC (a February month-end counts as the 30th
    when both dates are, 31sts as 30ths), so 29-Feb-2024 .. 28-Feb-2025 is 360 days."""
    if b == 0:
        sign = 1 if z >= a else -1
        return sign * round(dc.year_fraction(a, z, 0) * 360)
    return dc.days_between(a, z, b)


def _coupdays(s, m, f, b):
    """E: days in the coupon period holding the settlement."""
    if b == 1:
        pcd, ncd = dc.coupon_dates(s, m, f)
        return float(ncd - pcd)
    return (365.0 if b == 3 else 360.0) / f


def _coupdaybs(s, m, f, b):
    pcd, _ = dc.coupon_dates(s, m, f)
    return float(_days(pcd, s, b))


def _coupdaysnc(s, m, f, b):
    pcd, ncd = dc.coupon_dates(s, m, f)
    if b in (0, 4):
        return _coupdays(s, m, f, b) - _coupdaybs(s, m, f, b)
    return float(ncd - s)


def _coupnum(s, m, f):
    pcd, _ = dc.coupon_dates(s, m, f)
    py, pm, _ = dc.serial_to_ymd(pcd)
    my, mm, _ = dc.serial_to_ymd(m)
    return ((my - py) * 12 + (mm - pm)) // (12 // f)


def _coupon_fn(name, compute, doc):
    @_guard
    def fn(settlement, maturity, frequency, basis=0):
        s, m, f, b = _bond(settlement, maturity, frequency, basis)
        return compute(s, m, f, b)
    fn.__doc__ = doc
    excel(name, "nnii", min_args=3, category=FIN, zero_grad=True,
          help=_help(name.lower()))(fn)


_coupon_fn("COUPDAYS", _coupdays, "Days in the coupon period that holds the settlement.")
_coupon_fn("COUPDAYBS", _coupdaybs, "Days from the coupon period's start to settlement.")
_coupon_fn("COUPDAYSNC", _coupdaysnc, "Days from settlement to the next coupon date.")
_coupon_fn("COUPNCD", lambda s, m, f, b: float(dc.coupon_dates(s, m, f)[1]),
           "The next coupon date after settlement (a serial).")
_coupon_fn("COUPPCD", lambda s, m, f, b: float(dc.coupon_dates(s, m, f)[0]),
           "The coupon date before settlement (a serial).")
_coupon_fn("COUPNUM", lambda s, m, f, b: float(_coupnum(s, m, f)),
           "Coupons payable between settlement and maturity.")


# --- coupon bonds --------------------------------------------------------------------
def _price(s, m, rate, yld, redemption, f, b):
    E = _coupdays(s, m, f, b)
    A = _coupdaybs(s, m, f, b)
    DSC = _coupdaysnc(s, m, f, b)
    N = _coupnum(s, m, f)
    c = 100.0 * rate / f
    if N == 1:
        return (redemption + c) / (1 + DSC / E * yld / f) - A / E * c
    q = 1 + yld / f
    frac = DSC / E
    total = redemption / q ** (N - 1 + frac)
    total += sum(c / q ** (k - 1 + frac) for k in range(1, N + 1))
    return total - c * A / E


@_security("PRICE", "nnnnnii", (2, 3, 4), min_args=6)
def price(settlement, maturity, rate, yld, redemption, frequency, basis=0):
    """Price per 100 face value of a bond paying periodic interest."""
    s, m, f, b = _bond(settlement, maturity, frequency, basis)
    if rate < 0 or yld < 0 or redemption <= 0:
        return NUM
    return _price(s, m, rate, yld, redemption, f, b)


@_security("YIELD", "nnnnnii", (2, 3, 4), min_args=6)
def yield_(settlement, maturity, rate, pr, redemption, frequency, basis=0):
    """Yield of a bond paying periodic interest (closed form for one coupon left,
    else Newton's method on PRICE)."""
    s, m, f, b = _bond(settlement, maturity, frequency, basis)
    if rate < 0 or pr <= 0 or redemption <= 0:
        return NUM
    if _coupnum(s, m, f) == 1:
        E, A, DSC = _coupdays(s, m, f, b), _coupdaybs(s, m, f, b), _coupdaysnc(s, m, f, b)
        paid = pr / 100 + A / E * rate / f
        return ((redemption / 100 + rate / f) - paid) / paid * f * E / DSC
    return _newton_yield(lambda y: _price(s, m, rate, y, redemption, f, b), pr, 0.05)


def _duration(s, m, coupon, yld, f, b):
    E, DSC = _coupdays(s, m, f, b), _coupdaysnc(s, m, f, b)
    N = _coupnum(s, m, f)
    frac = DSC / E
    q = 1 + yld / f
    c = 100.0 * coupon / f
    num = den = 0.0
    for k in range(1, N + 1):
        cf = c + (100.0 if k == N else 0.0)
        t = k - 1 + frac
        pv = cf / q ** t
        num += t / f * pv
        den += pv
    return num / den


@_security("DURATION", "nnnnii", (2, 3), min_args=5)
def duration(settlement, maturity, coupon, yld, frequency, basis=0):
    """Macaulay duration (years) of a bond with face value 100."""
    s, m, f, b = _bond(settlement, maturity, frequency, basis)
    if coupon < 0 or yld < 0:
        return NUM
    return _duration(s, m, coupon, yld, f, b)


@_security("MDURATION", "nnnnii", (2, 3), min_args=5)
def mduration(settlement, maturity, coupon, yld, frequency, basis=0):
    """Modified duration: Macaulay duration / (1 + yield / frequency)."""
    s, m, f, b = _bond(settlement, maturity, frequency, basis)
    if coupon < 0 or yld < 0:
        return NUM
    return _duration(s, m, coupon, yld, f, b) / (1 + yld / f)


@_security("ACCRINT", "nnnnniix", (3, 4), min_args=6)
def accrint(issue, first_interest, settlement, rate, par, frequency, basis=0,
            calc_method=None):
    """Accrued interest of a security paying periodic interest: the sum over the
    (quasi-)coupon periods from the start of accrual to settlement of the accrued days
    over the period's normal length, times par x rate / frequency. ``calc_method``
    TRUE (default) accrues from issue; FALSE from the last coupon date when the
    settlement is after the first interest date."""
    i, fi, s = _date(issue), _date(first_interest), _date(settlement)
    f, b = _freq(frequency), _basis(basis)
    from ...rules import to_bool
    cm = True if calc_method is None else to_bool(calc_method)
    if isinstance(cm, ExcelError):
        return cm
    if rate <= 0 or par <= 0 or i >= s:
        return NUM
    coupon = _quasi_coupons(fi, f)   # the k-th coupon date from the first interest date

    # the quasi-coupon periods covering [start, settlement]
    k = 0
    while coupon(k) > i:
        k -= 1
    start = i
    if not cm and s > fi:
        j = 0
        while coupon(j + 1) <= s:
            j += 1
        start = coupon(j)
        k = j
    elif not cm and coupon(k + 1) <= s:
        # settlement before the first interest date: FALSE leaves out the odd period
        # holding the issue date (Microsoft's DAX ACCRINT example: 66.944444 where
        # TRUE gives 116.944444)
        k += 1
        start = coupon(k)
    total = 0.0
    while coupon(k) < s:
        lo, hi = coupon(k), coupon(k + 1)
        a, z = max(lo, start), min(hi, s)
        if z > a:
            total += _portion(a, z, lo, hi, f, b)
        k += 1
    return par * rate / f * total


# --- securities paying at maturity and discounted ones -------------------------------
def _frac(a, z, b):
    """Years from a to z under the basis, as Excel's YEARFRAC counts them."""
    return dc.year_fraction(a, z, b)


def _span(settlement, maturity, basis):
    s, m, b = _date(settlement), _date(maturity), _basis(basis)
    if s >= m:
        raise _Bad(NUM)
    return s, m, b


def _discounted(name, args, doc, formula):
    """Register ``name``(settlement, maturity, x, y, [basis]) of a security paying at
    maturity: #NUM! unless both x and y are positive, else ``formula(x, y, years)``
    with the years from settlement to maturity as YEARFRAC counts them."""
    def fn(settlement, maturity, x, y, basis=0):
        s, m, b = _span(settlement, maturity, basis)
        if x <= 0 or y <= 0:
            return NUM
        return formula(x, y, _frac(s, m, b))
    fn.__name__ = fn.__qualname__ = name.lower()
    fn.__doc__ = f"{doc} Arguments: {args}."
    return _security(name, "nnnni", (2, 3), min_args=4)(fn)


def _received(investment, discount, years):
    d = 1 - discount * years
    return NUM if d <= 0 else investment / d


accrintm = _discounted(
    "ACCRINTM", "issue, settlement, rate, par, [basis]",
    "Accrued interest of a security paying interest at maturity: par x rate x A/D.",
    lambda rate, par, years: par * rate * years)
disc = _discounted(
    "DISC", "settlement, maturity, pr, redemption, [basis]",
    "Discount rate of a security: (redemption - price) / redemption / years.",
    lambda pr, redemption, years: (redemption - pr) / redemption / years)
intrate = _discounted(
    "INTRATE", "settlement, maturity, investment, redemption, [basis]",
    "Interest rate of a fully invested security.",
    lambda investment, redemption, years: (redemption - investment) / investment / years)
received = _discounted(
    "RECEIVED", "settlement, maturity, investment, discount, [basis]",
    "Amount received at maturity for a fully invested security.", _received)
pricedisc = _discounted(
    "PRICEDISC", "settlement, maturity, discount, redemption, [basis]",
    "Price per 100 face value of a discounted security.",
    lambda discount, redemption, years: redemption - discount * redemption * years)
yielddisc = _discounted(
    "YIELDDISC", "settlement, maturity, pr, redemption, [basis]",
    "Annual yield of a discounted security.",
    lambda pr, redemption, years: (redemption / pr - 1) / years)


@_security("PRICEMAT", "nnnnni", (3, 4), min_args=5)
def pricemat(settlement, maturity, issue, rate, yld, basis=0):
    """Price per 100 face value of a security paying interest at maturity."""
    s, m, b = _span(settlement, maturity, basis)
    i = _date(issue)
    if rate < 0 or yld < 0:
        return NUM
    dim, a, dsm = _frac(i, m, b), _frac(i, s, b), _frac(s, m, b)
    return (100 + dim * rate * 100) / (1 + dsm * yld) - a * rate * 100


@_security("YIELDMAT", "nnnnni", (3, 4), min_args=5)
def yieldmat(settlement, maturity, issue, rate, pr, basis=0):
    """Annual yield of a security paying interest at maturity."""
    s, m, b = _span(settlement, maturity, basis)
    i = _date(issue)
    if rate < 0 or pr <= 0:
        return NUM
    dim, a, dsm = _frac(i, m, b), _frac(i, s, b), _frac(s, m, b)
    return ((1 + dim * rate) / (pr / 100 + a * rate) - 1) / dsm


# --- Treasury bills ------------------------------------------------------------------
def _tbill(settlement, maturity):
    s, m = _date(settlement), _date(maturity)
    if s >= m:
        raise _Bad(NUM)
    dsm = m - s
    if dsm > 365 and not (dsm == 366 and dc.add_months(s, 12) == m):
        raise _Bad(NUM)
    return float(dsm)


@_security("TBILLPRICE", "nnn", (2,))
def tbillprice(settlement, maturity, discount):
    """Price per 100 face value of a Treasury bill."""
    dsm = _tbill(settlement, maturity)
    if discount <= 0:
        return NUM
    p = 100 * (1 - discount * dsm / 360)
    return NUM if p <= 0 else p


@_security("TBILLYIELD", "nnn", (2,))
def tbillyield(settlement, maturity, pr):
    """Yield of a Treasury bill."""
    dsm = _tbill(settlement, maturity)
    if pr <= 0:
        return NUM
    return (100 - pr) / pr * 360 / dsm


@_security("TBILLEQ", "nnn", (2,))
def tbilleq(settlement, maturity, discount):
    """Bond-equivalent yield of a Treasury bill (the half-year compounding form past
    182 days)."""
    dsm = _tbill(settlement, maturity)
    if discount <= 0:
        return NUM
    if dsm <= 182:
        return 365 * discount / (360 - discount * dsm)
    p = 100 * (1 - discount * dsm / 360)
    if p <= 0:
        return NUM
    t = dsm / 365
    a = t / 2 - 0.25
    return (-t + math.sqrt(t * t - 4 * a * (1 - 100 / p))) / (2 * a)



# --- odd last period -----------------------------------------------------------------
def _odd_last(s, m, last, f, b):
    """Sums over the quasi-coupon periods from the last interest date to maturity:
    (sum DC/NL, sum A/NL, sum DSC/NL) with DC the days of each quasi-period up to
    maturity, A those accrued before settlement and DSC those after it, each over the
    period's normal length NL."""
    coupon = _quasi_coupons(last, f)
    dcnl = anl = dscnl = 0.0
    k = 0
    lo = last
    while lo < m:
        hi = coupon(k + 1)
        nl = _period_length(lo, hi, f, b)
        end = min(hi, m)
        dcnl += _days(lo, end, b) / nl
        if s > lo:
            anl += _days(lo, min(s, end), b) / nl
        if s < end:
            dscnl += _days(max(s, lo), end, b) / nl
        lo = hi
        k += 1
    return dcnl, anl, dscnl


def _odd_last_args(settlement, maturity, last_interest, frequency, basis):
    s, m, li = _date(settlement), _date(maturity), _date(last_interest)
    f, b = _freq(frequency), _basis(basis)
    if not li < s < m:
        raise _Bad(NUM)
    return s, m, li, f, b


@_security("ODDLPRICE", "nnnnnnii", (3, 4, 5), min_args=7)
def oddlprice(settlement, maturity, last_interest, rate, yld, redemption, frequency,
              basis=0):
    """Price per 100 face value of a security with an odd (short or long) last period."""
    s, m, li, f, b = _odd_last_args(settlement, maturity, last_interest, frequency, basis)
    if rate < 0 or yld < 0 or redemption <= 0:
        return NUM
    dcnl, anl, dscnl = _odd_last(s, m, li, f, b)
    c = 100.0 * rate / f
    return (redemption + dcnl * c) / (1 + dscnl * yld / f) - anl * c


@_security("ODDLYIELD", "nnnnnnii", (3, 4, 5), min_args=7)
def oddlyield(settlement, maturity, last_interest, rate, pr, redemption, frequency,
              basis=0):
    """Yield of a security with an odd (short or long) last period."""
    s, m, li, f, b = _odd_last_args(settlement, maturity, last_interest, frequency, basis)
    if rate < 0 or pr <= 0 or redemption <= 0:
        return NUM
    dcnl, anl, dscnl = _odd_last(s, m, li, f, b)
    c = 100.0 * rate / f
    paid = pr + anl * c
    return ((redemption + dcnl * c) - paid) / paid * f / dscnl


# --- French depreciation -------------------------------------------------------------
def _amor_args(cost, purchased, first_period, salvage, period, rate, basis):
    p, fp, b = _date(purchased), _date(first_period), _basis(basis)
    # nothing to depreciate (salvage >= cost) or no first period (fp <= p) is #NUM!, as
    # IronCalc's and ClosedXML's Excel-checked tests have it
    if b == 2 or cost < 0 or salvage < 0 or salvage >= cost or period < 0 or rate <= 0 \
            or fp <= p:
        raise _Bad(NUM)
    return p, fp, b


def _excel_round(x: float) -> float:
    """Round half away from zero to a whole number."""
    return math.floor(abs(x) + 0.5) * (1 if x >= 0 else -1)


@_security("AMORLINC", "nnnnnni", None, min_args=6)
def amorlinc(cost, purchased, first_period, salvage, period, rate, basis=0):
    """Linear depreciation of a period in the French system (a pro-rata first period)."""
    p, fp, b = _amor_args(cost, purchased, first_period, salvage, period, rate, basis)
    per = int(math.trunc(period))
    full = cost * rate
    first = dc.year_fraction(p, fp, b) * rate * cost
    n_full = int((cost - salvage - first) / full) if full else 0
    if per == 0:
        return first
    if per <= n_full:
        return full
    if per == n_full + 1:
        return cost - salvage - full * n_full - first
    return 0.0


@_security("AMORDEGRC", "nnnnnni", None, min_args=6)
def amordegrc(cost, purchased, first_period, salvage, period, rate, basis=0):
    """Declining depreciation of a period in the French system: the rate times a
    coefficient from the asset's life (1.5, 2 or 2.5), amounts rounded to whole units,
    half the remaining value in the last two periods."""
    p, fp, b = _amor_args(cost, purchased, first_period, salvage, period, rate, basis)
    per = int(math.trunc(period))
    life = 1.0 / rate
    if any(lo < life < lo + 1 for lo in (0, 1, 2, 4)):
        return NUM          # Excel: lives between 0-1, 1-2, 2-3 and 4-5 years are errors
    coeff = 1.0 if life < 3 else 1.5 if life < 5 else 2.0 if life <= 6 else 2.5
    r = rate * coeff
    dep = _excel_round(dc.year_fraction(p, fp, b) * r * cost)
    value = cost - dep
    rest = value - salvage
    for n in range(per):
        dep = _excel_round(r * value)
        rest -= dep
        if rest < 0:
            return _excel_round(value * 0.5) if per - n <= 1 else 0.0
        value -= dep
    return dep


# --- odd first period ----------------------------------------------------------------
def _odd_first_price(s, m, issue, first, rate, yld, redemption, f, b):
    """Price of a bond whose first period (issue .. first coupon) is odd, short or
    long: the cash flows discounted over quasi-coupon periods (the fraction DSC/E
    before the first quasi-coupon date after settlement), less accrued interest."""
    coupon = _quasi_coupons(first, f)

    def back(k):     # the quasi-coupon date k periods before the first coupon
        return coupon(-k)

    c = 100.0 * rate / f
    first_coupon = accrued = 0.0
    k = 0
    n_quasi = None          # whole quasi periods from the one after settlement to `first`
    frac = None
    while True:
        hi, lo = back(k), back(k + 1)
        nl = _period_length(lo, hi, f, b)
        a, z = max(lo, issue), hi
        if z > a:
            first_coupon += _portion(a, z, lo, hi, f, b)
        if s > a and z > a:    # accrued by the days, even over a whole period
            accrued += _days(a, min(s, z), b) / nl
        if lo <= s < hi:
            n_quasi = k
            dsc = nl - _days(lo, s, b) if b in (0, 4) else float(hi - s)
            frac = dsc / nl
        if lo <= issue:
            break
        k += 1
    n = _coupnum(first, m, f) + 1 if first < m else 1    # coupons from `first` on
    q = 1 + yld / f
    price = redemption / q ** (n_quasi + n - 1 + frac)
    price += c * first_coupon / q ** (n_quasi + frac)
    price += sum(c / q ** (n_quasi + j - 1 + frac) for j in range(2, n + 1))
    return price - c * accrued


def _odd_first_args(settlement, maturity, issue, first_coupon, frequency, basis):
    s, m, i, fc = _date(settlement), _date(maturity), _date(issue), _date(first_coupon)
    f, b = _freq(frequency), _basis(basis)
    if not (i < s < fc <= m):
        raise _Bad(NUM)
    return s, m, i, fc, f, b


@_security("ODDFPRICE", "nnnnnnnii", (4, 5, 6), min_args=8)
def oddfprice(settlement, maturity, issue, first_coupon, rate, yld, redemption, frequency,
              basis=0):
    """Price per 100 face value of a security with an odd (short or long) first period."""
    s, m, i, fc, f, b = _odd_first_args(settlement, maturity, issue, first_coupon,
                                        frequency, basis)
    if rate < 0 or yld < 0 or redemption <= 0:
        return NUM
    return _odd_first_price(s, m, i, fc, rate, yld, redemption, f, b)


@_security("ODDFYIELD", "nnnnnnnii", (4, 5, 6), min_args=8)
def oddfyield(settlement, maturity, issue, first_coupon, rate, pr, redemption, frequency,
              basis=0):
    """Yield of a security with an odd first period (Newton's method on ODDFPRICE)."""
    s, m, i, fc, f, b = _odd_first_args(settlement, maturity, issue, first_coupon,
                                        frequency, basis)
    if rate < 0 or pr <= 0 or redemption <= 0:
        return NUM
    return _newton_yield(lambda y: _odd_first_price(s, m, i, fc, rate, y, redemption, f, b),
                         pr, rate if rate > 0 else 0.05)
