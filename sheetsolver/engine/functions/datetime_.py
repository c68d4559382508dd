"""Date & Time functions on Excel's 1900 date system (serial 1 = 1 Jan 1900, serial 60
= the fictitious 29 Feb 1900). Calendar arithmetic is Python's datetime through
:mod:`.daycount`; text dates are read by :mod:`sheetsolver.rules`."""
from __future__ import annotations

import datetime
import functools
import math
import re

from ... import date_system
from ...rules import _date_value, _time_fraction, to_number
from ...values import NUM, VALUE, ExcelError
from . import daycount as dc
from .lift import excel
from .no_logicals import number_not_logical

_MS = "https://support.microsoft.com/en-us/office/"
_CAT = "Date & Time"


def _date(x: float) -> int:
    """A date argument: truncated to a whole serial; #NUM! (ValueError) outside
    0..31 Dec 9999."""
    if x < 0 or x >= dc.MAX_SERIAL + 1:
        raise ValueError("date out of range")
    return int(math.floor(x))


def _no_logicals(letters: str):
    """Coerce the leading arguments (``n`` a number, ``i`` an integer) as the Analysis
    ToolPak's date functions do: TRUE/FALSE is #VALUE! (Excel's EDATE(TRUE,1),
    WORKDAY(TRUE,FALSE), DAYS(TRUE,1) are #VALUE!, where DATE and YEAR read TRUE as 1)."""
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args):
            out = []
            for letter, a in zip(letters, args):
                v = number_not_logical(a)
                if isinstance(v, ExcelError):
                    return v
                out.append(int(math.trunc(v)) if letter == "i" else v)
            return fn(*out, *args[len(letters):])
        return inner
    return wrap


def _serial(s: int) -> int:
    if s < 0 or s > dc.MAX_SERIAL:
        raise ValueError("date out of range")
    return s


# ---------------------------------------------------------------- building dates

@excel("DATE", "iii", category=_CAT, zero_grad=True,
       help=_MS + "date-function-e36c0c8c-4104-49da-ab83-82328b832349")
def date(year, month, day):
    """Years 0-1899 are added to 1900; months and days overflow into the next (or
    previous) months and years, as Excel rolls them."""
    if year < 0 or year >= 10000:
        return NUM
    if year < 1900:
        year += 1900
    y, m = divmod(year * 12 + (month - 1), 12)
    if y < 1 or y > 9999:
        return NUM
    return float(_serial(dc.ymd_to_serial(y, m + 1, 1) + day - 1))


@excel("TIME", "iii", category=_CAT, zero_grad=True,
       help=_MS + "time-function-9a5aff99-8f7d-4611-845e-747d0b8d5457")
def time(hour, minute, second):
    if max(hour, minute, second) > 32767:
        return NUM
    total = hour * 3600 + minute * 60 + second
    if total < 0:
        return NUM
    return (total % 86400) / 86400.0


_TRAILING_TIME = re.compile(r"^(.*?)\s+(\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d*)?)?\s*(?:[AaPp][Mm])?)$")


def _date_time_text(s: str):
    """(date serial or None, time fraction or None) of a date/time typed as text,
    or None when Excel would not read it."""
    t = _time_fraction(s)
    if t is not None:
        return None, t
    d = _date_value(s)
    if d is not None:
        whole = math.floor(d)
        return whole, (d - whole) if d != whole else None
    m = _TRAILING_TIME.match(s.strip())
    if m:
        d, t = _date_value(m.group(1)), _time_fraction(m.group(2))
        if d is not None and t is not None:
            return d, t
    return None


def _from_text(text, part):
    """``part(date, time)`` of a date/time text (either None where the text has none),
    for DATEVALUE and TIMEVALUE; the argument's error, or #VALUE! for a non-text or a
    text that is neither."""
    if isinstance(text, ExcelError):
        return text
    if not isinstance(text, str):
        return VALUE
    r = _date_time_text(text)
    return VALUE if r is None else part(*r)


@excel("DATEVALUE", "x", category=_CAT, zero_grad=True,
       help=_MS + "datevalue-function-df8b07d4-7761-4a93-bc33-b7471bbff252")
def datevalue(text):
    return _from_text(text, lambda date, _: VALUE if date is None else float(date))


@excel("TIMEVALUE", "x", category=_CAT, zero_grad=True,
       help=_MS + "timevalue-function-0b615c12-33d8-4431-bf3d-f3eb6d186645")
def timevalue(text):
    # the help page: the result is 0 to 0.99988426, date information is ignored,
    # so "25:00" (a duration of 1 day 1 hour when typed) gives 1:00 AM
    return _from_text(text, lambda _, time: math.fmod(time or 0.0, 1.0))


# ---------------------------------------------------------------- parts of a date

def _ymd(x: float):
    return dc.serial_to_ymd(_date(x))


excel("YEAR", "n", category=_CAT, zero_grad=True,
      help=_MS + "year-function-c64f017a-1354-490d-981f-578e8ec8d3b9")(
    lambda x: float(_ymd(x)[0]))
excel("MONTH", "n", category=_CAT, zero_grad=True,
      help=_MS + "month-function-579a2881-199b-48b2-ab90-ddba0eba86e8")(
    lambda x: float(_ymd(x)[1]))
excel("DAY", "n", category=_CAT, zero_grad=True,
      help=_MS + "day-function-8a7d1cbb-6c7d-4ba1-8aea-25c134d03101")(
    lambda x: float(_ymd(x)[2]))


def _seconds_of_day(x: float) -> int:
    """Seconds since midnight of a serial, rounded to the nearest second as Excel
    shows times (0.99999999 is the next day's 0:00:00)."""
    if x < 0:
        raise ValueError("negative time")
    s = int(math.floor((x - math.floor(x)) * 86400 + 0.5))
    return s % 86400


excel("HOUR", "n", category=_CAT, zero_grad=True,
      help=_MS + "hour-function-a3afa879-86cb-4339-b1b5-2dd2d7310ac7")(
    lambda x: float(_seconds_of_day(x) // 3600))
excel("MINUTE", "n", category=_CAT, zero_grad=True,
      help=_MS + "minute-function-af728df0-05c4-4b07-9eed-a84801a60589")(
    lambda x: float(_seconds_of_day(x) // 60 % 60))
excel("SECOND", "n", category=_CAT, zero_grad=True,
      help=_MS + "second-function-740d1cfc-553c-4099-b668-80eaa24e8af1")(
    lambda x: float(_seconds_of_day(x) % 60))


def _dow(serial: int) -> int:
    """Day of the week of a serial, 0 = Sunday (Excel counts serial 1 as a Sunday,
    so dates before 1 Mar 1900 keep Excel's, not the true, weekday)."""
    return (serial + date_system.offset() - 1) % 7


# WEEKDAY return types: the day numbered 1 (or 0 for type 3), as a Sunday-based index
_WEEKDAY_FIRST = {1: 0, 2: 1, 3: 1, 11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 16: 6, 17: 0}


@excel("WEEKDAY", "ni", category=_CAT, zero_grad=True,
       help=_MS + "weekday-function-60e44483-2ed1-439f-8bd0-e404c190949a")
def weekday(x, return_type=1):
    if return_type not in _WEEKDAY_FIRST:
        return NUM
    k = (_dow(_date(x)) - _WEEKDAY_FIRST[return_type]) % 7
    return float(k if return_type == 3 else k + 1)


# WEEKNUM return types: the day a week starts on (Sunday-based index); 21 is ISO
_WEEK_START = {1: 0, 2: 1, 11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 16: 6, 17: 0}


@excel("WEEKNUM", "ni", category=_CAT, zero_grad=True,
       help=_MS + "weeknum-function-e5c43a03-b4ab-426c-b411-b18c13c75340")
def weeknum(x, return_type=1):
    s = _date(x)
    if return_type == 21:
        return isoweeknum(s)
    if return_type not in _WEEK_START:
        return NUM
    y = dc.serial_to_ymd(s)[0]
    jan1 = dc.ymd_to_serial(y, 1, 1)
    offset = (_dow(jan1) - _WEEK_START[return_type]) % 7
    return float((s - jan1 + offset) // 7 + 1)


@excel("ISOWEEKNUM", "n", category=_CAT, zero_grad=True,
       help=_MS + "isoweeknum-function-1c2d0afe-d25b-4ab1-8894-8d0520e90e0e")
def isoweeknum(x):
    s = _date(x)
    if date_system.offset():    # 1904 system: no fictitious days to mimic
        return float(dc.serial_to_date(s).isocalendar()[1])
    if s == 0:
        return 52.0     # "0 Jan 1900" is Saturday 31 Dec 1899's week
    return float(dc.serial_to_date(s).isocalendar()[1]) if s > 60 else float(
        _iso_week_early(s))


def _iso_week_early(s: int) -> int:
    """ISO week for Jan-Feb 1900 on Excel's weekdays (serial 1 a Sunday)."""
    # the Monday on or before s, on Excel's weekday count
    monday = s - (_dow(s) - 1) % 7
    # week 1 of 1900 holds the first Thursday: Excel's 1 Jan 1900 is a Sunday, so the
    # first Thursday is serial 5 and week 1 starts on Monday serial 2
    if monday < 2:
        return 52       # the last ISO week of 1899 (whose 1 Jan was a Sunday)
    return (monday - 2) // 7 + 1


# ---------------------------------------------------------------- differences

@excel("DAYS", "xx", category=_CAT, zero_grad=True,
       help=_MS + "days-function-57740535-d549-4395-8728-0f07bff0b9df")
@_no_logicals("nn")
def days(end, start):
    return float(_date(end) - _date(start))


@excel("DAYS360", "xxb", min_args=2, category=_CAT, zero_grad=True,
       help=_MS + "days360-function-b9a509fd-49ef-407e-94df-0cbda5718c2a")
@_no_logicals("nn")
def days360(start, end, european=False):
    a, b = _date(start), _date(end)
    return float(dc.days360_eu(a, b) if european else dc.days360_us(a, b))


@excel("YEARFRAC", "nni", min_args=2, category=_CAT, zero_grad=True,
       help=_MS + "yearfrac-function-3844141e-c76d-4143-82b6-208454ddc6a8")
def yearfrac(start, end, basis=0):
    if basis not in dc.BASES:
        return NUM
    return dc.year_fraction(_date(start), _date(end), basis)


@excel("DATEDIF", "nns", category=_CAT, zero_grad=True,
       help=_MS + "datedif-function-25dba1a4-2812-480b-84dd-8b32a451b35c")
def datedif(start, end, unit):
    a, b = _date(start), _date(end)
    if a > b:
        return NUM
    u = unit.upper()
    if u == "D":
        return float(b - a)
    y1, m1, d1 = dc.serial_to_ymd(a)
    y2, m2, d2 = dc.serial_to_ymd(b)
    months = (y2 - y1) * 12 + (m2 - m1) - (1 if d2 < d1 else 0)
    if u == "M":
        return float(months)
    if u == "Y":
        return float(months // 12)
    if u == "YM":
        return float(months % 12)
    if u == "MD":    # Excel's own rule: may be negative (documented as unreliable)
        if d2 >= d1:
            return float(d2 - d1)
        py, pm = (y2, m2 - 1) if m2 > 1 else (y2 - 1, 12)
        return float(dc.days_in_month(py, pm) + d2 - d1)
    if u == "YD":
        shifted = dc.add_months(a, 12 * (months // 12))
        return float(b - shifted)
    return NUM


# ---------------------------------------------------------------- month arithmetic

@excel("EDATE", "xx", category=_CAT, zero_grad=True,
       help=_MS + "edate-function-3c920eb2-6e66-44e7-a1f5-753ae47ee4f5")
@_no_logicals("ni")
def edate(start, months):
    return float(dc.add_months(_date(start), months))


@excel("EOMONTH", "xi", category=_CAT, zero_grad=True,
       help=_MS + "eomonth-function-7314ffa1-2bc9-4005-9d66-f49db127d628")
@_no_logicals("n")
def eomonth(start, months):
    return float(dc.add_months(_date(start), months, end_of_month=True))


# ---------------------------------------------------------------- now

@excel("TODAY", "", max_args=0, category=_CAT, zero_grad=True, volatile=True,
       help=_MS + "today-function-5eb3078d-a82c-4736-8930-2f51a028fdd9")
def today():
    return float(dc.date_to_serial(datetime.date.today()))


@excel("NOW", "", max_args=0, category=_CAT, zero_grad=True, volatile=True,
       help=_MS + "now-function-3337fd29-145a-4347-b2e6-20c904739c46")
def now():
    t = datetime.datetime.now()
    secs = t.hour * 3600 + t.minute * 60 + t.second + t.microsecond / 1e6
    return dc.date_to_serial(t.date()) + secs / 86400.0


# ---------------------------------------------------------------- working days

# weekend numbers of the .INTL functions -> weekend days as Monday-based indexes
_WEEKENDS = {1: (5, 6), 2: (6, 0), 3: (0, 1), 4: (1, 2), 5: (2, 3), 6: (3, 4), 7: (4, 5),
             11: (6,), 12: (0,), 13: (1,), 14: (2,), 15: (3,), 16: (4,), 17: (5,)}


def _weekend_mask(weekend):
    """Seven booleans, Monday first: True for a weekend day; or an ExcelError.
    A number picks a standard weekend; a string like "0000011" marks days directly."""
    if weekend is None:
        weekend = 1.0
    if isinstance(weekend, ExcelError):
        return weekend
    if isinstance(weekend, str):
        if len(weekend) != 7 or set(weekend) - {"0", "1"}:
            return VALUE
        if weekend == "1111111":
            return VALUE
        return tuple(ch == "1" for ch in weekend)
    k = to_number(weekend)
    if isinstance(k, ExcelError):
        return k
    k = int(math.trunc(k))
    if k not in _WEEKENDS:
        return NUM
    return tuple(d in _WEEKENDS[k] for d in range(7))


def _holidays(values):
    """Holiday serials from a range/array (blanks skipped, text dates read), or an
    ExcelError."""
    out = set()
    for v in values or ():
        if v is None:
            continue
        if isinstance(v, ExcelError):
            return v
        x = to_number(v) if not isinstance(v, bool) else VALUE
        if isinstance(x, ExcelError):
            return VALUE
        if x < 0 or x > dc.MAX_SERIAL:
            return NUM
        out.add(int(math.floor(x)))
    return out


def _monday_index(serial: int) -> int:
    return (_dow(serial) + 6) % 7


def _count_workdays(a: int, b: int, mask, holidays) -> int:
    """Working days in [a, b] (a <= b): whole weeks by arithmetic, the rest counted."""
    n = b - a + 1
    per_week = 7 - sum(mask)
    weeks, rest = divmod(n, 7)
    count = weeks * per_week
    start = _monday_index(a)
    count += sum(1 for k in range(rest) if not mask[(start + k) % 7])
    count -= sum(1 for h in holidays if a <= h <= b and not mask[_monday_index(h)])
    return count


def _networkdays(start, end, mask, holidays):
    a, b = _date(start), _date(end)
    if a <= b:
        return float(_count_workdays(a, b, mask, holidays))
    return -float(_count_workdays(b, a, mask, holidays))


def _workday(start, ndays, mask, holidays):
    s = _date(start)
    if ndays == 0:
        return float(s)
    step = 1 if ndays > 0 else -1
    target = abs(ndays)
    per_week = 7 - sum(mask)

    def worked(d):   # working days strictly after s up to d (or before, going back)
        lo, hi = (s + 1, d) if step > 0 else (d, s - 1)
        return _count_workdays(lo, hi, mask, holidays) if lo <= hi else 0

    # the answer lies within this many days: whole weeks plus one per holiday
    span = (target // per_week + 1) * 7 + 7 * (len(holidays) // per_week + 1)
    lo, hi = 1, span
    while lo < hi:     # the smallest distance with `target` working days
        mid = (lo + hi) // 2
        if worked(s + step * mid) >= target:
            hi = mid
        else:
            lo = mid + 1
    return float(_serial(s + step * lo))


def _working_day_function(core, intl):
    """An Excel function (start, n, [weekend,] [holidays]) running ``core(start, n, mask,
    holidays)`` on the weekend mask (Saturday-Sunday unless ``intl``) and holiday
    serials; an error in either argument is the answer."""
    def fn(start, n, weekend=None, holidays=None):
        if not intl:
            weekend, holidays = 1.0, weekend
        mask, hols = _weekend_mask(weekend), _holidays(holidays)
        for e in (mask, hols):
            if isinstance(e, ExcelError):
                return e
        return core(start, n, mask, hols)
    return fn


for _name, _spec, _core, _page in (
        ("NETWORKDAYS", "xxV", _networkdays,
         "networkdays-function-48e717bf-a7a3-495f-969e-5005e3eb18e7"),
        ("NETWORKDAYS.INTL", "xxxV", _networkdays,
         "networkdays-intl-function-a9b26239-4f20-46a1-9ab8-4e925bfd5e28"),
        ("WORKDAY", "xxV", _workday,
         "workday-function-f764a5b7-05fc-4494-9486-60d494efbf33"),
        ("WORKDAY.INTL", "xxxV", _workday,
         "workday-intl-function-a378391c-9ba7-4678-8a39-39611a9bf81d")):
    excel(_name, _spec, min_args=2, max_args=len(_spec), category=_CAT, zero_grad=True,
          help=_MS + _page)(_no_logicals("nn" if _core is _networkdays else "ni")(
              _working_day_function(_core, _name.endswith(".INTL"))))
