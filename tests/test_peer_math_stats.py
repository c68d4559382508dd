"""IronCalc's function tests as a second opinion (issue 9 follow-up): mathematical,
statistical, engineering and database functions.

The cases (tests/peer_cases/math_stats.txt, read by tests/_peer_cases.py) are IronCalc's
unit tests turned into sheets, all in one workbook (a sheet per case, formulas saved as
Excel 365 dynamic arrays so array results spill), recalculated once. Where IronCalc's
expectation is not Excel's, the case expects Excel's value and a difference says why.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from _function_cases import ComplexText
from _peer_cases import peer_tests, read_cases

from sheetsolver.values import DIV0, NUM, VALUE, ExcelError

CASES, DIFFERENCES = read_cases("math_stats.txt")


def shows(got, want: str) -> bool:
    """Does a General-format cell holding ``got`` show ``want``? A number: within half a
    unit of the last digit shown (an integer, or E-notation, to 1e-9 relative)."""
    if isinstance(got, (bool, ExcelError)) or got is None:
        return {True: "TRUE", False: "FALSE", None: ""}.get(got, str(got)) == want
    if isinstance(got, str):   # text, or a complex number whose parts match to 1e-13
        return got == want or (got[-1:] == want[-1:] and re.fullmatch(r"[-+0-9.E]+[ij]", want)
                               and all(abs(g - w) <= 1e-13 * abs(w) for g, w in
                                       zip(ComplexText.parts(got), ComplexText.parts(want))))
    if not re.fullmatch(r"-?[0-9.]+(E[-+][0-9]+)?", want):
        return False
    w = Decimal(want)
    exp = w.as_tuple().exponent
    tol = 1e-9 * max(1.0, abs(float(w))) if exp >= 0 or "E" in want else 0.5 * 10.0 ** exp
    return abs(got - float(w)) <= tol * (1 + 1e-9)


peer_values, test_ironcalc_case, test_differences_are_excels = peer_tests(
    CASES, DIFFERENCES, shows, one_book=True)


def test_functions_have_excel_help_pages():
    """Every function the cases use is registered with its Excel help page."""
    from sheetsolver.engine.functions.lift import HELP
    names = {n for case in CASES for v in case.cells.values()
             for n in re.findall(r"([A-Z][A-Z0-9.]*)\(", v)}
    missing = sorted(n for n in names if not HELP.get(n, "").startswith(
        "https://support.microsoft.com/"))
    assert not missing


# PERCENTOF: IronCalc has it, we lacked it. Its page
# (https://support.microsoft.com/en-us/excel/percentof-function) defines it as
# SUM(data_subset)/SUM(data_all); values by hand.
PERCENTOF_CELLS = {"A1": 1.0, "A2": 2.0, "A3": 3.0, "A4": 4.0, "A5": "text",
                   "B1": "=PERCENTOF(A1:A2,A1:A4)", "B2": "=PERCENTOF(2,4)",
                   "B3": "=PERCENTOF(A1,A6:A7)", "B4": "=PERCENTOF(A1:A4,A1:A5)",
                   "B5": '=PERCENTOF("a",4)'}


def test_percentof_is_sum_over_sum(evaluate):
    get = evaluate(PERCENTOF_CELLS)
    assert [get(f"B{r}") for r in range(1, 6)] == [0.3, 0.5, DIV0, 1.0, VALUE]


def test_percentof_gradient(make_book):
    """d/dA_i of (A1+A2)/(A1+A2+A3+A4) at 1..4: 1/10 - 3/100 for A1, A2; -3/100 for A3, A4."""
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": PERCENTOF_CELLS}, name="pof.xlsx"))
    book.recalc()
    eng = book.engine
    g = eng.gradient(("S", 1, 2), [eng.area("S!A1:A4")])
    assert [float(x) for x in g.ravel()] == pytest.approx([0.07, 0.07, -0.03, -0.03])


def test_found_by_running_ironcalc_side_by_side(evaluate):
    """Formulas where running the ironcalc package beside us showed our bugs. By hand:
    SERIESSUM(-2,1,1,{1,2,3}) = -2 + 2*4 + 3*(-8) = -18; a negative x to a fractional
    power is #NUM! as (-8)^(1/3) is (not a Python complex number); an omitted argument
    of GCD/LCM is a blank, skipped (no crash)."""
    get = evaluate({"A1": "=SERIESSUM(-2,1,1,{1,2,3})", "A2": "=SERIESSUM(-2.5,0.3,1,{1,2,3})",
                    "A3": "=(-8)^(1/3)", "A4": "=LCM(1,,3)", "A5": "=GCD(4,,6)"})
    assert [get(f"A{r}") for r in range(1, 6)] == [-18.0, NUM, NUM, 3.0, 2.0]
