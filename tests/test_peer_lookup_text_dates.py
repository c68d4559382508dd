"""IronCalc's function tests as a second opinion (issue 9 follow-up): lookup and
reference, text, date and time, financial, logical, information and array broadcasting.

The cases (tests/peer_cases/lookup_text_dates.txt, read by tests/_peer_cases.py) are
IronCalc's unit tests turned into sheets, a workbook each (some name other sheets),
with the text each cell shows in Excel: General format, a date format, "$"/"%" formats
as shown, or a tolerance where the Rust test asserts one. Where IronCalc's expectation
is not Excel's, the case expects Excel's and a difference says why.
"""
from __future__ import annotations

import re

from _peer_cases import peer_tests, read_cases

from sheetsolver.rules import general_text
from sheetsolver.values import ExcelError

CASES, DIFFERENCES = read_cases("lookup_text_dates.txt")


def as_date(serial: float) -> str:
    """A serial number of Excel's 1900 date system as m/d/yyyy, Excel's en-US short date
    (the format Excel gives a cell holding =DATE(...)): serial 1 is 1/1/1900 and serial
    60 the 29 Feb 1900 that Excel keeps from Lotus 1-2-3."""
    import datetime
    if serial == 60:
        return "2/29/1900"
    d = datetime.date(1899, 12, 31 if serial < 60 else 30) + datetime.timedelta(int(serial))
    return f"{d.month}/{d.day}/{d.year}"


DATE_TEXT = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")
FORMATTED = re.compile(r"(-?)(\$?)([\d,]*\.?(\d*))(%?)")


def rounded(text: str):
    """(value, half a unit of the last digit) of a number IronCalc's test shows rounded:
    currency ("-$11,135.23") or percent ("9.42%") formatting, or General cut to a column's
    width, 8 or more decimals ("0.604166667"); None for other text (compared exactly)."""
    m = FORMATTED.fullmatch(text)
    if not m or not m.group(3) or not (m.group(2) or m.group(5) or len(m.group(4)) >= 8):
        return None
    scale = 0.01 if m.group(5) else 1.0
    value = float(m.group(3).replace(",", "")) * scale * (-1 if m.group(1) else 1)
    return value, 0.5 * 10.0 ** -len(m.group(4)) * scale * (1 + 1e-9)


def shown(v) -> str:
    """A computed value as the text a General-format cell shows."""
    if v is None:     # an empty cell (a formula's blank result is 0)
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, ExcelError):
        return str(v)
    if isinstance(v, float):
        return general_text(v)
    return v


def shows(got, want) -> bool:
    """Does the cell holding ``got`` show ``want`` (text, or (value, tolerance))?"""
    if isinstance(want, tuple):        # IronCalc's assert!((v - value).abs() < tol)
        value, tol = want
        return isinstance(got, float) and abs(got - value) < tol
    if DATE_TEXT.fullmatch(want) and isinstance(got, float) and got >= 1:
        return as_date(got) == want    # a date-formatted cell
    if isinstance(got, float) and shown(got) != want and rounded(want) is not None:
        value, tol = rounded(want)     # a number as a cell format rounds it for display
        return abs(got - value) <= tol
    return shown(got) == want


peer_values, test_ironcalc_case, test_differences_are_cases = peer_tests(
    CASES, DIFFERENCES, shows, one_book=False)
