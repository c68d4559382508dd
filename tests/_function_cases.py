"""Shared helpers of the function-library tests: many formulas in one workbook, and
comparison at the precision a help page prints."""
from __future__ import annotations

from decimal import Decimal


class Shown(float):
    """A value as a help page prints it, rounded: it matches to within half a unit of
    its last written digit. Plain floats must match to 1e-12 relative."""

    def __new__(cls, text: str, rel: float | None = None):
        self = super().__new__(cls, float(text))
        self.tol = 0.5 * 10.0 ** Decimal(text).as_tuple().exponent * (1 + 1e-9)
        if rel is not None:   # a documented value Excel computes less exactly than this
            self.tol = rel * abs(float(text))
        return self


class ComplexText(str):
    """A complex result as a help page prints it, where Excel's last digit is not
    exactly rounded: both parts must match to ``rel`` (1e-13)."""
    rel = 1e-13

    @staticmethod
    def parts(s: str):
        import re
        num = r"(?:\d+\.?\d*|\.\d+)(?:E[+-]?\d+)?"
        m = re.fullmatch(f"([+-]?{num})?([+-]{num})?([ij])", s)
        assert m, s
        return float(m.group(1) or 0), float(m.group(2) or 0)


def formula_book(path, cases, column="B", cells=None, arrays=()):
    """Save at ``path`` a workbook of one sheet "S": ``cells`` (reference -> value), each
    case's formula (its first item) in ``column`` at row i for case i, and each
    ``(range, formula, ...)`` of ``arrays`` as an array formula over its range; open it
    and recalculate once."""
    import openpyxl
    from openpyxl.worksheet.formula import ArrayFormula

    from sheetsolver.book import Book
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for ref, v in (cells or {}).items():
        ws[ref] = v
    for i, (f, *_) in enumerate(cases, start=1):
        ws[f"{column}{i}"] = f
    for rng, formula, *_ in arrays:
        ws[rng.split(":")[0]] = ArrayFormula(rng, formula)
    wb.save(path)
    book = Book.open(path)
    book.recalc()
    return book


def run_cases(cases, path):
    """Write each case's formula into column B of one sheet, recalculate once, and
    return the values in order."""
    book = formula_book(path, cases)
    return [book.value("S", f"B{i}") for i in range(1, len(cases) + 1)]


def documented_examples(cases, stem):
    """The ``results`` fixture (every case in one workbook, ``<stem>.xlsx``, recalculated
    once per module) and the ``test_documented_examples`` test (one per case, by
    :func:`check`) of a function-library test module; assign both as module names."""
    import pytest

    @pytest.fixture(scope="module")
    def results(tmp_path_factory):
        return run_cases(cases, tmp_path_factory.mktemp(stem) / f"{stem}.xlsx")

    @pytest.mark.parametrize("k", range(len(cases)), ids=[c[0] for c in cases])
    def test_documented_examples(results, k):
        formula, want = cases[k]
        check(results[k], want, formula)

    return results, test_documented_examples


def check(got, want, formula):
    if isinstance(want, ComplexText):
        assert isinstance(got, str), (formula, got)
        for g, w in zip(ComplexText.parts(got), ComplexText.parts(want)):
            assert abs(g - w) <= want.rel * abs(w), (formula, got, want)
        return
    if type(want) is int:      # a count or a day's serial number: exactly this number
        assert isinstance(got, float) and got == want, (formula, got, want)
        return
    if isinstance(want, float):
        assert isinstance(got, float) and not isinstance(got, bool), (formula, got)
        tol = want.tol if isinstance(want, Shown) else 1e-12 * abs(want) + 1e-15
        assert abs(got - want) <= tol, (formula, got, want)
    else:
        assert type(got) is type(want) and got == want, (formula, got, want)


def check_in_column(evaluate, cells, cases, col):
    """Write each case's formula into column ``col`` (row i for case i) beside ``cells``,
    recalculate with the ``evaluate`` fixture and compare every value (a float to
    1e-12 relative, anything else by ==); returns the getter for further asserts."""
    import pytest
    cells = dict(cells)
    for i, (f, _) in enumerate(cases, start=1):
        cells[f"{col}{i}"] = f
    get = evaluate(cells)
    for i, (f, want) in enumerate(cases, start=1):
        got = get(f"{col}{i}")
        if isinstance(want, float):
            assert got == pytest.approx(want, rel=1e-12), (f, got)
        else:
            assert got == want or got is want, (f, got)
    return get


def check_documented(got, expected, rel: float = 0.0):
    """``expected``: an error as text ("#N/A"), a value as a help page prints it (text:
    within half a unit of its last digit, or ``rel`` of it when that is larger), or a
    number (1e-9 relative)."""
    import pytest
    if isinstance(expected, str) and expected.startswith("#"):
        assert str(got) == expected
    elif isinstance(expected, str):
        decimals = len(expected.split(".")[1]) if "." in expected else 0
        assert isinstance(got, float)
        tol = max(0.5 * 10 ** -decimals, abs(float(expected)) * rel)
        assert got == pytest.approx(float(expected), abs=tol + 1e-12)
    else:
        assert got == pytest.approx(float(expected), rel=1e-9, abs=1e-12)


def assert_registered(name: str, category: str, page: str | None = None):
    """``name`` is registered in ``category`` with its Excel help page,
    https://support.microsoft.com/en-us/excel/functions/<page> (by default the name in
    lower case, dots as dashes, then "-function")."""
    from sheetsolver.engine.functions import FUNCTIONS
    from sheetsolver.engine.functions.lift import CATEGORIES, HELP
    assert name in FUNCTIONS
    assert CATEGORIES[name] == category
    page = page or name.lower().replace(".", "-") + "-function"
    assert HELP[name] == "https://support.microsoft.com/en-us/excel/functions/" + page


def registered_test(names: str, category: str, pages: dict | None = None):
    """A test, one case per name of the space-separated ``names``, that each is registered
    by :func:`assert_registered` in ``category`` (with ``pages``' help page where given);
    assign it as a module's ``test_registered_with_category_and_help_page``."""
    import pytest

    @pytest.mark.parametrize("name", names.split())
    def test_registered_with_category_and_help_page(name):
        assert_registered(name, category, (pages or {}).get(name))
    return test_registered_with_category_and_help_page
