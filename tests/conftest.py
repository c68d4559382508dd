"""Shared test fixtures: where the real course workbooks are, and a tiny workbook maker."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FASTAI = SHARED / "workbooks" / "fastai"
BOOKS = ["collab_filter-2019.xlsx", "collab_filter-2022.xlsx", "graddesc-2019.xlsm"]


def fastai_book(name: str) -> Path:
    """A real course workbook; skips the test when ../shared/workbooks/fastai/ lacks it."""
    return shared_file(f"workbooks/fastai/{name}")


def needs_fastai(*names: str):
    """Skip mark for a module or test that reads the real course workbooks ``names``
    (all of BOOKS when none are named); same reason as :func:`fastai_book`."""
    missing = [n for n in (names or BOOKS) if not (FASTAI / n).exists()]
    return pytest.mark.skipif(bool(missing), reason=f"real course workbook(s) {', '.join(missing)} "
                              f"absent from {FASTAI} (laid beside the repository on CI and "
                              "developer machines)")


def shared_file(rel: str) -> Path:
    """A file of the shared folder (``data/ml-100k/u.data``); skips the test when absent."""
    p = SHARED / rel
    if not p.exists():
        pytest.skip(f"{p} is absent (../shared/ is laid beside the repository on CI and "
                    "developer machines)")
    return p


@pytest.fixture
def make_book(tmp_path):
    """Write a small .xlsx with openpyxl: make_book({"Sheet1": {"A1": 1, "B1": "=A1+1"}})."""
    openpyxl = pytest.importorskip("openpyxl")

    def make(sheets: dict, names: dict | None = None, name="t.xlsx"):
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for sname, cells in sheets.items():
            ws = wb.create_sheet(sname)
            for ref, v in cells.items():
                ws[ref] = v
        for n, text in (names or {}).items():
            from openpyxl.workbook.defined_name import DefinedName
            wb.defined_names[n] = DefinedName(n, attr_text=text)
        path = tmp_path / name
        wb.save(path)
        return path
    return make


@pytest.fixture
def evaluate(make_book):
    """Evaluate formulas on one sheet "S": evaluate({"A1": 1, "B1": "=A1*2"}) -> a function
    from a cell reference to its recomputed value (Excel's cached values are not used).

    Shortcut: evaluate("=ROUND(2.5,0)") returns that formula's value directly (in S!A1)."""
    from sheetsolver.book import Book
    counter = {"k": 0}

    def run(cells, names=None):
        if isinstance(cells, str):
            counter["k"] += 1
            book = Book.open(make_book({"S": {"A1": cells}}, names, name=f"f{counter['k']}.xlsx"))
            book.recalc()
            return book.value("S", "A1")
        counter["k"] += 1
        book = Book.open(make_book({"S": cells}, names, name=f"f{counter['k']}.xlsx"))
        book.recalc()
        return lambda ref: book.value("S", ref)
    return run


def pytest_sessionstart(session):
    """CI sets SHEETSOLVER_REQUIRE_LIBREOFFICE=1: then a missing LibreOffice fails the
    run instead of letting the cross-application tests skip unnoticed."""
    import os
    if os.environ.get("SHEETSOLVER_REQUIRE_LIBREOFFICE") == "1":
        from sheetsolver.apps import libreoffice
        if libreoffice.find_soffice() is None:
            raise pytest.UsageError("SHEETSOLVER_REQUIRE_LIBREOFFICE=1 but LibreOffice "
                                    "(soffice) is not installed")
