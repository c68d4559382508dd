"""Excel's value rules on Python scalars, in one place.

Scalars are Excel's kinds as Python values: ``None`` (blank), ``float``, ``str``,
``bool`` and :class:`~sheetsolver.values.ExcelError`. Every path that evaluates
formulas (the array engine, the straight-line path, criteria, lookups, the VBA
runtime) takes these rules from here:

- :func:`parse_number`: text to number exactly as Excel's arithmetic reads it.
- :func:`general_text`: a number written in the General format (what ``&`` shows).
- :func:`to_number`, :func:`to_text`, :func:`to_bool`: coercion for a scalar argument.
- :func:`order`: comparison across types (numbers < text < booleans; text without case).
- :func:`compare`: the comparison operators (numbers to 15 significant digits, :func:`shown`).
- :func:`equal`, :func:`same_type`: exact-match equality and type matching of lookups.
- :func:`wildcard`: ``*``, ``?`` and ``~`` patterns of criteria, MATCH, SEARCH, XLOOKUP.
- :func:`criterion`: a COUNTIF/SUMIF criteria value as a predicate.
- :func:`power`, :func:`divide`: arithmetic results with Excel's errors.
- :func:`first_error`: error precedence (the first argument's error wins).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from .values import DIV0, ERROR_CODES, NUM, VALUE, ExcelError

_ERRORS_BY_CODE = {code.upper(): e for code, e in ERROR_CODES.items()}

__all__ = ["parse_number", "general_text", "to_number", "to_text", "to_bool", "order",
           "compare", "shown", "text_key", "same_type", "equal", "wildcard", "text_matches",
           "criterion", "power", "divide", "first_error", "is_number"]


def is_number(x) -> bool:
    """A real number (booleans are not numbers to Excel)."""
    return isinstance(x, (int, float)) and not isinstance(x, bool)


_NUMBER_RX = re.compile(
    r"""^\s*
    (?P<paren>\()?\s*
    (?P<sign>[+-])?\s*
    (?P<cur>\$)?\s*
    (?P<digits>(\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)
    (?P<exp>[eE][+-]?\d+)?\s*
    (?P<pct>%)?\s*
    (?P<close>\))?\s*$""", re.X)
_TIME_RX = re.compile(r"^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2}(?:\.\d*)?))?\s*([AaPp][Mm])?\s*$"
                      r"|^\s*(\d{1,2})()()\s+([AaPp][Mm])\s*$")   # "2 PM": the hour alone
_ISO_DATE_RX = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](.*))?$")
_US_DATE_RX = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2,4})(?:\s+(.*))?$")
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_NAMED_DATE_RX = re.compile(r"^\s*(\d{1,2})[-/ ]([A-Za-z]{3,9})[-/ ,]*(\d{2,4})?\s*$")  # 1/May/2026
_MONTH_FIRST_RX = re.compile(r"^\s*([A-Za-z]{3,9})[- ](\d{1,2}),?[- ]*(\d{2,4})?\s*$")
_MONTH_YEAR_RX = re.compile(r"^\s*([A-Za-z]{3,9})[- ,]+(\d{1,4})\s*$")
_SHORT_US_RX = re.compile(r"^\s*(\d{1,2})/(\d{1,4})\s*$")


def date_serial(y: int, m: int, d: int) -> float | None:
    """Serial number of a date in Excel's 1900 system (with its 29 Feb 1900), or None."""
    import datetime
    if y < 1900 or y > 9999:
        return None
    if (y, m, d) == (1900, 2, 29):
        return 60.0
    try:
        days = (datetime.date(y, m, d) - datetime.date(1899, 12, 31)).days
    except ValueError:
        return None
    from .date_system import offset   # 1904 date system: 1462 days lower
    serial = days + (1 if days >= 60 else 0) - offset()
    return float(serial) if serial >= 0 else None


def _time_fraction(s: str):
    m = _TIME_RX.match(s)
    if not m:
        return None
    g = m.groups()[:4] if m.group(1) else m.groups()[4:]
    h, mi, sec, ampm = int(g[0]), int(g[1] or 0), float(g[2] or 0), g[3]
    if ampm:
        if h > 12 or h == 0:
            return None
        h = h % 12 + (12 if ampm.lower() == "pm" else 0)
    if mi >= 60 or sec >= 60:
        return None
    return (h * 3600 + mi * 60 + sec) / 86400.0


def _year(y: str) -> int:
    v = int(y)
    if len(y) <= 2:
        v += 2000 if v < 30 else 1900
    return v


def _month_year_or_short(s: str):
    """"Feb-2011", "Jan 2011" (the 1st of that month), "Jan-11" (the 11th of this year,
    but "Jan-32" is January 1932), "2/23" (23 Feb this year; "2/2023" is 1 Feb 2023)."""
    import datetime
    this_year = datetime.date.today().year
    m = _MONTH_YEAR_RX.match(s)
    if m and m.group(1)[:3].lower() in _MONTHS:
        month, num = _MONTHS[m.group(1)[:3].lower()], m.group(2)
        if len(num) <= 2 and 1 <= int(num) and date_serial(this_year, month, int(num)):
            return date_serial(this_year, month, int(num))
        return date_serial(_year(num), month, 1)
    m = _SHORT_US_RX.match(s)
    if m:
        a, b = int(m.group(1)), m.group(2)
        if 1 <= a <= 12:
            if len(b) <= 2 and date_serial(this_year, a, int(b)):
                return date_serial(this_year, a, int(b))
            return date_serial(_year(b), a, 1)
    return None


def _date_value(s: str):
    """A date (optionally with a time) typed as text, as Excel's arithmetic reads it."""
    import datetime
    m = _ISO_DATE_RX.match(s)
    if m:
        base = date_serial(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        rest = m.group(4)
    else:
        m = _US_DATE_RX.match(s)
        if m:
            base = date_serial(_year(m.group(3)), int(m.group(1)), int(m.group(2)))
            rest = m.group(4)
        else:
            rest = None
            base = _month_year_or_short(s)
            if base is not None:
                return base
            m = _NAMED_DATE_RX.match(s)
            if m and m.group(2)[:3].lower() in _MONTHS:
                y = _year(m.group(3)) if m.group(3) else datetime.date.today().year
                base = date_serial(y, _MONTHS[m.group(2)[:3].lower()], int(m.group(1)))
            else:
                m = _MONTH_FIRST_RX.match(s)
                if not (m and m.group(1)[:3].lower() in _MONTHS):
                    return None
                y = _year(m.group(3)) if m.group(3) else datetime.date.today().year
                base = date_serial(y, _MONTHS[m.group(1)[:3].lower()], int(m.group(2)))
    if base is None:
        return None
    if rest:
        t = _time_fraction(rest)
        if t is None:
            return None
        return base + t
    return base


@lru_cache(maxsize=4096)
def parse_number(s: str, dates: bool = True):
    """The number Excel reads in text (``"1,000"``, ``" 2.5e3 "``, ``"50%"``, ``"$12"``,
    ``"(3)"``, ``"12:30"``, ``"2020-01-31"``), or None when the text is not a number.
    ``dates=False`` reads only numbers written with digits (no times or dates).

    Python's float() is not used on its own: it accepts ``"1_000"``, ``"inf"`` and
    ``"nan"``, which Excel does not.
    """
    if not s or len(s) > 255:
        return None
    m = _NUMBER_RX.match(s)
    if m:
        if bool(m.group("paren")) != bool(m.group("close")):
            return None
        if m.group("paren") and m.group("sign"):
            return None
        x = float(m.group("digits").replace(",", "") + (m.group("exp") or ""))
        if m.group("pct"):
            x /= 100.0
        if m.group("sign") == "-" or m.group("paren"):
            x = -x
        return x if math.isfinite(x) else None
    if not dates:
        return None
    t = _time_fraction(s)
    if t is not None:
        return t
    return _date_value(s)


def general_text(x: float) -> str:
    """A number as Excel's General format writes it (``&``, TEXT(x, "General"), ...):
    at most 15 significant digits here, 11 characters in a cell is a display matter."""
    if x == 0:
        return "0"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    s = format(x, ".15g")
    if "e" in s:
        mant, exp = s.split("e")
        if "." in mant:
            mant = mant.rstrip("0").rstrip(".")
        e = int(exp)
        if -5 < e < 0:    # Python's .15g goes scientific below 1e-4; Excel a little later
            return format(x, f".{15 - e - 1}f").rstrip("0").rstrip(".")
        return f"{mant}E{'+' if e >= 0 else '-'}{abs(e):02d}"
    return s


def to_number(x):
    """A scalar as a number for arithmetic: blank 0, TRUE 1, numeric text, else #VALUE!."""
    if x is None:
        return 0.0
    if isinstance(x, bool):
        return 1.0 if x else 0.0
    if isinstance(x, (int, float)):
        return float(x)
    if isinstance(x, ExcelError):
        return x
    v = parse_number(x)
    return VALUE if v is None else v


def to_text(x):
    """A scalar as text: numbers in General format, TRUE/FALSE, blank "", errors stay."""
    if x is None:
        return ""
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, (int, float)):
        return general_text(float(x))
    return x


def to_bool(x):
    """A scalar as a logical: numbers non-zero, "TRUE"/"FALSE" text, blank FALSE."""
    if x is None:
        return False
    if isinstance(x, bool):
        return x
    if isinstance(x, (int, float)):
        return x != 0
    if isinstance(x, ExcelError):
        return x
    u = x.strip().upper()
    if u in ("TRUE", "FALSE"):
        return u == "TRUE"
    return VALUE


_RANK = {type(None): 0, float: 1, int: 1, str: 2, bool: 3}


def text_key(s: str) -> str:
    """Text as Excel compares it: without case."""
    return s.lower()


def order(a, b) -> int:
    """-1, 0 or 1: Excel's comparison of two non-error scalars. Numbers < text <
    booleans; text compares without case; a blank takes the other side's type."""
    if a is None:
        a = 0.0 if b is None or is_number(b) else ("" if isinstance(b, str) else False)
    if b is None:
        b = 0.0 if is_number(a) else ("" if isinstance(a, str) else False)
    ra, rb = _RANK.get(type(a), 1), _RANK.get(type(b), 1)
    if ra != rb:
        return -1 if ra < rb else 1
    if ra == 2:
        a, b = text_key(a), text_key(b)
    return -1 if a < b else (1 if a > b else 0)


def shown(x: float) -> float:
    """A number as Excel shows it: rounded to 15 significant digits."""
    return float(format(x, ".15g"))


def compare(op: str, a, b):
    """The comparison operators (``= <> < > <= >=``) on two scalars: TRUE/FALSE, or the
    first operand's error. Never converts types (``"2"=2`` is FALSE). Two numbers are
    compared as Excel shows them, to 15 significant digits: ``=0.1+0.2=0.3`` is TRUE,
    ``=1.2-1.1=0.1`` FALSE (0.0999999999999999)."""
    err = first_error(a, b)
    if err is not None:
        return err
    if is_number(a) and is_number(b):
        a, b = shown(a), shown(b)
    return _apply(op, order(a, b))


def same_type(a, b) -> bool:
    """Are two non-blank scalars of one kind (numbers, text, logicals)? Lookups only
    match and order values of the lookup value's own kind."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    if is_number(a):
        return is_number(b)
    return isinstance(a, str) and isinstance(b, str)


def equal(a, b) -> bool:
    """Exact-match equality of lookups (MATCH 0, VLOOKUP FALSE, XLOOKUP): same type,
    text without case; blank equals nothing but blank."""
    if a is None or b is None:
        return a is None and b is None
    return same_type(a, b) and order(a, b) == 0


@lru_cache(maxsize=1024)
def wildcard(pattern: str):
    """A compiled regex for an Excel wildcard pattern (``*`` any run, ``?`` one
    character, ``~`` escapes the next), matched whole and without case; None when the
    pattern has no wildcard (compare as plain text then)."""
    if not re.search(r"[*?~]", pattern):
        return None
    rx, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "~" and i + 1 < len(pattern) and pattern[i + 1] in "*?~":
            rx.append(re.escape(pattern[i + 1]))
            i += 2
            continue
        rx.append(".*" if ch == "*" else "." if ch == "?" else re.escape(ch))
        i += 1
    return re.compile("^" + "".join(rx) + "$", re.I | re.S)


def text_matches(pattern: str, s: str) -> bool:
    """Does text ``s`` match the wildcard pattern (or equal it, without case)?"""
    rx = wildcard(pattern)
    if rx is None:
        return text_key(s) == text_key(pattern)
    return rx.match(s) is not None


_CRIT_RX = re.compile(r"^(<=|>=|<>|=|<|>)?(.*)$", re.S)


def criterion(crit):
    """A predicate on scalars from a criteria value of COUNTIF/SUMIF/AVERAGEIF(S) and
    the database functions: ``3``, ``">5"``, ``"<>a*"``, ``"="``, ``TRUE``, ...

    Excel's rules (COUNTIF/COUNTIFS help pages): a reference to an empty cell is the
    criterion 0; ``""`` matches empty cells and empty text, ``"="`` only empty cells,
    ``"<>"`` every cell that is not empty; a number (or ``"=5"``) also matches text
    that reads as that number, ``">5"`` only numbers; text compares without case with
    ``*``/``?``/``~`` wildcards for ``=`` and ``<>``; ``"#N/A"`` matches that error.
    """
    if crit is None:
        crit = 0.0
    if isinstance(crit, ExcelError):
        return lambda x: x is crit
    if isinstance(crit, bool):
        return lambda x: isinstance(x, bool) and x == crit
    if is_number(crit):
        c = float(crit)
        return lambda x: (is_number(x) and x == c) or (isinstance(x, str) and
                                                       parse_number(x) == c)
    s = str(crit)
    if s == "":
        return lambda x: x is None or x == ""
    op, rhs = _CRIT_RX.match(s).groups()
    op = op or "="
    num = parse_number(rhs) if rhs.strip() else None
    up = rhs.upper()
    if num is not None:
        def test_num(x):
            if is_number(x):
                return _apply(op, order(float(x), num))
            if isinstance(x, str) and op in ("=", "<>") and parse_number(x) == num:
                return op == "="
            return op == "<>"
        return test_num
    if up in ("TRUE", "FALSE"):
        b = up == "TRUE"
        return lambda x: (isinstance(x, bool) and _apply(op, order(x, b))) or \
            (op == "<>" and not isinstance(x, bool))
    if up in _ERRORS_BY_CODE and op in ("=", "<>"):
        e = _ERRORS_BY_CODE[up]
        return lambda x: (x is e) == (op == "=")
    if rhs == "":
        if op == "=":
            return lambda x: x is None
        if op == "<>":
            return lambda x: x is not None
        return lambda x: False
    if op in ("=", "<>"):
        def test_eq(x):
            hit = isinstance(x, str) and text_matches(rhs, x)
            return hit if op == "=" else not hit
        return test_eq

    def test_text(x):
        if not isinstance(x, str):
            return False
        return _apply(op, order(x, rhs))
    return test_text


def _apply(op: str, d: int) -> bool:
    return {"=": d == 0, "<>": d != 0, "<": d < 0, ">": d > 0, "<=": d <= 0, ">=": d >= 0}[op]


def power(x: float, y: float):
    """x^y with Excel's errors: 0^0 #NUM!, 0^negative #DIV/0!, negative^fraction #NUM!."""
    if x == 0:
        if y == 0:
            return NUM
        if y < 0:
            return DIV0
    try:
        r = math.pow(x, y)
    except (OverflowError, ValueError):
        return NUM
    return r if math.isfinite(r) else NUM


def divide(x: float, y: float):
    if y == 0:
        return DIV0
    r = x / y
    return r if math.isfinite(r) else NUM


def first_error(*xs):
    """The first error among the scalars (Excel's left-to-right precedence), or None."""
    for x in xs:
        if isinstance(x, ExcelError):
            return x
    return None
