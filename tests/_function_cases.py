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


def run_cases(cases, path):
    """Write each case's formula into column B of one sheet, recalculate once, and
    return the values in order."""
    import openpyxl

    from sheetsolver.book import Book
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for i, (f, _) in enumerate(cases, start=1):
        ws[f"B{i}"] = f
    wb.save(path)
    book = Book.open(path)
    book.recalc()
    return [book.value("S", f"B{i}") for i in range(1, len(cases) + 1)]


def check(got, want, formula):
    if isinstance(want, ComplexText):
        assert isinstance(got, str), (formula, got)
        for g, w in zip(ComplexText.parts(got), ComplexText.parts(want)):
            assert abs(g - w) <= want.rel * abs(w), (formula, got, want)
        return
    if isinstance(want, float):
        assert isinstance(got, float) and not isinstance(got, bool), (formula, got)
        tol = want.tol if isinstance(want, Shown) else 1e-12 * abs(want) + 1e-15
        assert abs(got - want) <= tol, (formula, got, want)
    else:
        assert type(got) is type(want) and got == want, (formula, got, want)
