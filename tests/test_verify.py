"""``sheetsolver verify``: counts and causes on the course workbooks, backends, ranges."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FASTAI, needs_fastai
from sheetsolver.apps import AppResult
from sheetsolver.apps import libreoffice as lo
from sheetsolver.cli import main
from sheetsolver.errors import SheetsolverError
from sheetsolver.values import ExcelError
from sheetsolver.verify import verify
from sheetsolver.verify.ranges import compress

ROOT = Path(__file__).resolve().parents[1]
BOOKS = FASTAI
needs_soffice = pytest.mark.skipif(lo.find_soffice() is None, reason=lo.NOT_INSTALLED)
needs_books = needs_fastai()
NAME = ExcelError("#NAME?")


def test_compress_ranges():
    cells = [("m", r, c) for r in range(3, 209) for c in range(31, 36)]
    cells += [("b", 42, 22), ("b", 2, 2), ("b", 3, 2), ("b", 2, 3), ("b", 3, 3), ("b", 5, 2)]
    assert compress(cells) == "b!B2:C3, b!B5, b!V42, m!AE3:AI208"
    assert compress([("s", r, 1) for r in range(1, 20, 2)], limit=2) == "s!A1, s!A3, +8 more ranges"


def test_excel_backend_unavailable_here(tmp_path):
    if sys.platform.startswith("win") or sys.platform == "darwin":
        pytest.skip("Excel may be available on this platform")
    from sheetsolver.apps import excel
    with pytest.raises(SheetsolverError, match="Excel is not available here"):
        excel.recalculated_values(tmp_path / "x.xlsx")
    assert main(["verify", str(tmp_path / "x.xlsx"), "--with", "excel"]) == 2


@needs_books
def test_catalogue_with_a_simulated_application():
    """No application needed: LibreOffice 7.4's #NAME? on _xlfn.SINGLE, given as data."""
    path = BOOKS / "collab_filter-2022.xlsx"
    from sheetsolver.package.reader import load_workbook
    wb = load_workbook(path)
    values = {(sh.name, r, c): cell.value for sh in wb.sheets for (r, c), cell in sh.cells.items()}
    single = {("bias", r, c) for r in range(26, 41) for c in range(8, 23)}
    for k in single | {("bias", 42, 22)}:
        values[k] = NAME
    ver = verify(path, app=AppResult("FakeOffice", None, values, {}))
    assert ver.differ == 226 and not ver.ok and ver.engine_differ == []
    (root, down) = ver.groups
    assert root.cause.id == "unknown-function" and root.cells == single
    assert down.kind == "downstream" and down.parent is root and down.cells == {("bias", 42, 22)}


@needs_soffice
@needs_books
@pytest.mark.parametrize("name, differ, volatile, causes, code", [
    ("collab_filter-2019.xlsx", 3377, 0, {"pivot-layout", "sumxmy2-blanks"}, 1),
    ("collab_filter-2022.xlsx", 1099, 0, {"pivot-layout", "unknown-function"}, 1),
    ("graddesc-2019.xlsm", 0, 58, set(), 0),
])
def test_verify_course_workbooks(name, differ, volatile, causes, code, capsys):
    ver = verify(BOOKS / name, "libreoffice")
    assert ver.differ == differ
    assert len(ver.volatile) == volatile
    assert ver.engine_differ == []                       # sheetsolver agrees with Excel
    assert {g.cause.id for g in ver.groups if g.kind == "cause"} == causes
    assert all(g.kind != "unknown" for g in ver.groups)  # every difference explained
    explained = set().union(*(g.cells for g in ver.groups)) if ver.groups else set()
    assert len(explained) == differ
    if name == "collab_filter-2019.xlsx":
        sumx = next(g for g in ver.groups if g.cause and g.cause.id == "sumxmy2-blanks")
        assert sumx.cells == {("bias", 42, 22)}
        down = next(g for g in ver.groups if g.kind == "downstream")
        assert {("movielens_1hot", r, c) for r in range(3, 209) for c in range(31, 36)} <= down.cells
    if name == "graddesc-2019.xlsm":
        assert ver.volatile == {("data", r, c) for r in range(5, 34) for c in (2, 3)}


@needs_soffice
@needs_books
def test_verify_cli_exit_status_and_text(capsys):
    assert main(["verify", str(BOOKS / "graddesc-2019.xlsm")]) == 0
    out = capsys.readouterr().out
    assert "volatile: 58 cells data!B5:C33" in out
    assert "sheetsolver's engine agrees with Excel on all 1,623 formula cells" in out


@needs_soffice
@needs_books
def test_recalc_output_opens_in_libreoffice_with_only_catalogued_differences(tmp_path):
    out = tmp_path / "recalc.xlsx"
    subprocess.run([sys.executable, "-m", "sheetsolver", "recalc",
                    str(BOOKS / "collab_filter-2022.xlsx"), "-o", str(out)],
                   check=True, cwd=ROOT, capture_output=True)
    ver = verify(out, "libreoffice")
    assert ver.engine_differ == []
    assert all(g.kind != "unknown" for g in ver.groups)
    assert {g.cause.id for g in ver.groups if g.kind == "cause"} == {"pivot-layout",
                                                                     "unknown-function"}
    assert ver.differ == 1099


@needs_soffice
@needs_books
def test_solve_output_opens_in_libreoffice_with_only_catalogued_differences(tmp_path):
    """A solved workbook: LibreOffice recomputes the new values we wrote, apart from the
    catalogued causes (its pivot-table re-layout and SUMXMY2 over blanks)."""
    out = tmp_path / "solved.xlsx"
    subprocess.run([sys.executable, "-m", "sheetsolver", "solve", "--quiet", "--sheet", "dotprod",
                    "--sheet", "bias", str(BOOKS / "collab_filter-2019.xlsx"), "-o", str(out)],
                   check=True, cwd=ROOT, capture_output=True)
    ver = verify(out, "libreoffice")
    assert all(g.kind != "unknown" for g in ver.groups)
    causes = {g.cause.id for g in ver.groups if g.kind == "cause"}
    assert causes == {"pivot-layout", "sumxmy2-blanks"}, causes
    # the solved objective cells: ours equal what we wrote; dotprod's agrees with LibreOffice
    from sheetsolver.book import Book
    book = Book.open(out)
    v41 = book.value("dotprod", "V41")
    assert v41 < 0.3930155
    book.recalc()
    assert book.value("dotprod", "V41") == pytest.approx(v41, rel=1e-12)
    assert not any(("dotprod", 41, 22) == (s, r, c) for g in ver.groups for s, r, c in g.cells)
