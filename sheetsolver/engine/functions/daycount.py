"""Excel's calendar on serial numbers and its day-count bases (0-4).

Shared by the date functions (YEARFRAC, DAYS360, EDATE, ...) and the bond functions
(COUPDAYS, PRICE, ACCRINT, ...), so that Excel's day-count rules live in one place.

Serials are Excel's 1900 date system: serial 1 is 1 Jan 1900, serial 60 is the
fictitious 29 Feb 1900 (Lotus's leap-year bug, kept by Excel), serial 61 is
1 Mar 1900; serial 0 is shown as "0 Jan 1900". Fractions (times of day) are dropped
by the day-count functions, as Excel truncates date arguments.

Bases (the ``basis`` argument of YEARFRAC and the bond functions):

====== =====================  =============================================
basis  name                   days between dates / days in a year
====== =====================  =============================================
0      US (NASD) 30/360       :func:`days360_us` / 360
1      Actual/actual          serial difference / 365 or 366 (see below)
2      Actual/360             serial difference / 360
3      Actual/365             serial difference / 365
4      European 30/360        :func:`days360_eu` / 360
====== =====================  =============================================

YEARFRAC's bases 0 and 1 have Excel-specific details (documented by D. A. Wheeler's
analysis of Excel's YEARFRAC for OpenFormula), implemented in :func:`year_fraction`.
"""
from __future__ import annotations

import calendar
import datetime
import math

from ... import date_system

__all__ = ["serial_to_ymd", "ymd_to_serial", "date_to_serial", "serial_to_date",
           "is_leap", "days_in_month", "is_month_end", "add_months", "days360_us",
           "days360_eu", "days_between", "days_in_year", "year_fraction",
           "coupon_dates", "MAX_SERIAL", "BASES"]

_EPOCH = datetime.date(1899, 12, 31)     # serial 0 ("0 Jan 1900")
MAX_SERIAL = 2958465                     # 31 Dec 9999
BASES = (0, 1, 2, 3, 4)


def is_leap(y: int) -> bool:
    """Leap year in Excel's calendar (1900 counts as leap: the Lotus bug)."""
    return y == 1900 or calendar.isleap(y)


def days_in_month(y: int, m: int) -> int:
    if m == 2:
        return 29 if is_leap(y) else 28
    return calendar.monthrange(y, m)[1]


def serial_to_ymd(serial: float) -> tuple[int, int, int]:
    """(year, month, day) of a serial (its time part dropped); 60 is (1900, 2, 29),
    0 is (1900, 1, 0). Raises ValueError outside 0..31 Dec 9999."""
    s = int(math.floor(serial))
    if s < 0:
        raise ValueError("serial out of range")
    s += date_system.offset()     # 1904 date system: serial 0 is 1 Jan 1904
    if s > MAX_SERIAL:
        raise ValueError("serial out of range")
    if s == 0:
        return 1900, 1, 0
    if s == 60:
        return 1900, 2, 29
    d = _EPOCH + datetime.timedelta(days=s - (1 if s > 60 else 0))
    return d.year, d.month, d.day


def ymd_to_serial(y: int, m: int, d: int) -> int:
    """Serial of a valid calendar date in Excel's 1900 system (29 Feb 1900 is 60)."""
    if (y, m, d) == (1900, 2, 29):
        return 60 - date_system.offset()
    if (y, m, d) == (1900, 1, 0):
        return 0 - date_system.offset()
    days = (datetime.date(y, m, d) - _EPOCH).days
    return days + (1 if days >= 60 else 0) - date_system.offset()


def serial_to_date(serial: float) -> datetime.date:
    """A Python date for a serial >= 1 (the fictitious 29 Feb 1900 maps to 28 Feb)."""
    y, m, d = serial_to_ymd(serial)
    if d == 0:
        raise ValueError("serial 0 is not a calendar date")
    return datetime.date(y, m, min(d, calendar.monthrange(y, m)[1]))


def date_to_serial(d: datetime.date) -> int:
    return ymd_to_serial(d.year, d.month, d.day)


def is_month_end(y: int, m: int, d: int) -> bool:
    return d == days_in_month(y, m)


def add_months(serial: float, months: int, end_of_month: bool = False) -> int:
    """The serial ``months`` months after ``serial`` (EDATE): the day is kept, or the
    month's last day when it does not exist; ``end_of_month`` gives the last day of the
    target month (EOMONTH). Raises ValueError outside Excel's date range."""
    y, m, d = serial_to_ymd(serial)
    if d == 0:                           # serial 0 counts as 31 Dec 1899
        y, m, d = 1899, 12, 31
    k = (y * 12 + (m - 1)) + int(months)
    ty, tm = divmod(k, 12)
    tm += 1
    if (ty, tm) == (1899, 12):
        return 0
    if ty < 1900 or ty > 9999:
        raise ValueError("date out of range")
    last = days_in_month(ty, tm)
    return ymd_to_serial(ty, tm, last if end_of_month else min(d, last))


def days360_us(start: float, end: float) -> int:
    """DAYS360 with method FALSE (US/NASD, as Excel computes it): a start on the last
    day of a month (February included) counts as the 30th; an end on the 31st counts
    as the 30th only when the start is the 30th or 31st."""
    y1, m1, d1 = serial_to_ymd(start)
    y2, m2, d2 = serial_to_ymd(end)
    if m1 == 2 and d1 == days_in_month(y1, 2):
        d1 = 30
    if d2 == 31 and d1 >= 30:
        d2 = 30
    if d1 == 31:
        d1 = 30
    return (y2 - y1) * 360 + (m2 - m1) * 30 + (d2 - d1)


def days360_eu(start: float, end: float) -> int:
    """DAYS360 with method TRUE (European 30E/360): any 31st counts as the 30th."""
    y1, m1, d1 = serial_to_ymd(start)
    y2, m2, d2 = serial_to_ymd(end)
    d1, d2 = min(d1, 30), min(d2, 30)
    return (y2 - y1) * 360 + (m2 - m1) * 30 + (d2 - d1)


def days_between(start: float, end: float, basis: int) -> int:
    """Days from ``start`` to ``end`` under a basis (negative when end < start):
    30/360 counts for bases 0 and 4, actual days for 1, 2 and 3. The bond functions'
    accrued-days rule (COUPDAYBS, ACCRINT, ...)."""
    _check_basis(basis)
    if basis == 0:
        return days360_us(start, end)
    if basis == 4:
        return days360_eu(start, end)
    return int(math.floor(end)) - int(math.floor(start))


def days_in_year(basis: int, year: int | None = None) -> int:
    """Days in a year under a basis: 360 (0, 2, 4), 365 (3), actual (1: needs
    ``year``, 366 in leap years)."""
    _check_basis(basis)
    if basis in (0, 2, 4):
        return 360
    if basis == 3:
        return 365
    if year is None:
        raise ValueError("basis 1 needs the year")
    return 366 if is_leap(year) else 365


def _check_basis(basis: int) -> None:
    if basis not in BASES:
        raise ValueError(f"basis {basis} is not 0-4")


def year_fraction(start: float, end: float, basis: int = 0) -> float:
    """YEARFRAC: the fraction of a year between two serials under a basis (always
    >= 0: the dates are swapped when end < start). Raises ValueError for a basis
    outside 0-4 or a serial outside Excel's dates."""
    _check_basis(basis)
    a, b = int(math.floor(start)), int(math.floor(end))
    if a > b:
        a, b = b, a
    if basis == 0:
        return _yearfrac_us(a, b)
    if basis == 1:
        return _yearfrac_actual(a, b)
    if basis == 2:
        return (b - a) / 360.0
    if basis == 3:
        return (b - a) / 365.0
    return days360_eu(a, b) / 360.0


def _yearfrac_us(a: int, b: int) -> float:
    """YEARFRAC basis 0 as Excel computes it (differs from DAYS360 when both dates
    are February month-ends, and keeps an end on the 31st after a start before the
    30th)."""
    y1, m1, d1 = serial_to_ymd(a)
    y2, m2, d2 = serial_to_ymd(b)
    feb_end1 = m1 == 2 and d1 == days_in_month(y1, 2)
    feb_end2 = m2 == 2 and d2 == days_in_month(y2, 2)
    if d1 == 31 and d2 == 31:
        d1 = d2 = 30
    elif d1 == 31:
        d1 = 30
    elif d1 == 30 and d2 == 31:
        d2 = 30
    elif feb_end1 and feb_end2:
        d1 = d2 = 30
    elif feb_end1:
        d1 = 30
    return ((y2 - y1) * 360 + (m2 - m1) * 30 + (d2 - d1)) / 360.0


def _yearfrac_actual(a: int, b: int) -> float:
    """YEARFRAC basis 1: within a year, actual days over 365 or 366 (366 when a
    29 February lies in the span); over more than a year, over the average length of
    the calendar years touched."""
    if a == b:
        return 0.0
    y1, m1, d1 = serial_to_ymd(a)
    y2, m2, d2 = serial_to_ymd(b)
    within_year = y1 == y2 or (y1 + 1 == y2 and (m1, d1) >= (m2, d2))
    if within_year:
        if y1 == y2:
            length = 366 if is_leap(y1) else 365
        else:
            feb29 = (is_leap(y1) and (m1, d1) < (3, 1)) or (is_leap(y2) and (m2, d2) >= (3, 1))
            length = 366 if feb29 or (m2, d2) == (2, 29) else 365
        return (b - a) / length
    years = y2 - y1 + 1
    total = ymd_to_serial(y2 + 1, 1, 1) - ymd_to_serial(y1, 1, 1) if y2 < 9999 else (
        ymd_to_serial(9999, 12, 31) + 1 - ymd_to_serial(y1, 1, 1))
    return (b - a) / (total / years)


def coupon_dates(settlement: float, maturity: float, frequency: int) -> tuple[int, int]:
    """(previous coupon date, next coupon date) around ``settlement`` for a bond
    maturing at ``maturity`` paying ``frequency`` (1, 2 or 4) coupons a year: the
    dates step back from maturity by 12/frequency months, staying on month-ends when
    maturity is a month-end (COUPPCD, COUPNCD). Needs settlement < maturity."""
    if frequency not in (1, 2, 4):
        raise ValueError("frequency must be 1, 2 or 4")
    s, mat = int(math.floor(settlement)), int(math.floor(maturity))
    if s >= mat:
        raise ValueError("settlement must be before maturity")
    step = 12 // frequency
    y, m, d = serial_to_ymd(mat)
    eom = is_month_end(y, m, d)
    # a first guess from the year difference keeps this fast for long bonds
    sy = serial_to_ymd(s)[0]
    k = max(1, ((y - sy - 1) * 12) // step)
    nxt = _coupon_back(y, m, d, eom, (k - 1) * step)
    while True:
        prev = _coupon_back(y, m, d, eom, k * step)
        if prev <= s:
            return prev, nxt
        nxt = prev
        k += 1


def _coupon_back(y: int, m: int, d: int, eom: bool, months: int) -> int:
    k = y * 12 + (m - 1) - months
    ty, tm = divmod(k, 12)
    tm += 1
    last = days_in_month(ty, tm)
    return ymd_to_serial(ty, tm, last if eom else min(d, last))
