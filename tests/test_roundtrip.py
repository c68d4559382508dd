"""Writing is lossless: only the sheet parts whose values changed are rewritten."""
from __future__ import annotations

import zipfile

import pytest

from sheetsolver.book import Book
from sheetsolver.cli import main
from sheetsolver.package.reader import load_workbook
from sheetsolver.values import same_value

from conftest import BOOKS, fastai_book


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.mark.parametrize("name", BOOKS)
def test_recalc_unchanged_workbook_changes_no_part(name, tmp_path):
    src = fastai_book(name)
    out = tmp_path / ("out" + src.suffix)
    assert main(["recalc", str(src), "-o", str(out)]) == 0
    a, b = parts(src), parts(out)
    assert a.keys() == b.keys()
    assert [n for n in a if a[n] != b[n]] == []


def test_changed_inputs_rewrite_only_that_sheet(tmp_path):
    src = fastai_book("collab_filter-2019.xlsx")
    book = Book.open(src)
    book.engine.set_numbers("dotprod!H19:V23", 0.5)
    book.recalc()
    expected = book.value("dotprod", "V41")
    out, changed = book.save(str(tmp_path / "x.xlsx"))
    a, b = parts(src), parts(out)
    diff = sorted(n for n in a if a[n] != b[n])
    # dotprod plus the sheets whose formulas read dotprod's factors (movielens_*)
    assert "xl/worksheets/sheet1.xml" in diff
    assert all(n.startswith("xl/worksheets/sheet") for n in diff)
    for n in ("xl/pivotCache/pivotCacheDefinition1.xml", "xl/styles.xml", "xl/calcChain.xml",
              "xl/drawings/drawing1.xml", "xl/workbook.xml"):
        assert a[n] == b[n]
    again = load_workbook(out)
    assert again.sheet("dotprod").value("V41") == pytest.approx(expected, rel=1e-15)
    assert again.sheet("dotprod").value("H19") == 0.5
    # formulas are still there
    assert again.sheet("dotprod").cell("V41").formula == "SQRT(SUMXMY2(H2:V16,H25:V39)/COUNT(H2:V16))"
    reloaded = Book.open(out)
    for s, r, c in reloaded.engine.formula_cells():
        assert same_value(reloaded.engine.cell(s, r, c), book.engine.cell(s, r, c))


def test_vba_and_controls_survive(tmp_path):
    src = fastai_book("graddesc-2019.xlsm")
    book = Book.open(src)
    book.engine.set_value("basic", "C1", 2.0)
    book.recalc()
    out, _ = book.save(str(tmp_path / "g.xlsm"))
    a, b = parts(src), parts(out)
    changed = sorted(n for n in a if a[n] != b[n])
    assert changed == ["xl/worksheets/sheet3.xml"]
    assert b["xl/vbaProject.bin"] == a["xl/vbaProject.bin"]


def test_never_overwrites_input_without_in_place(tmp_path):
    import shutil
    src = tmp_path / "book.xlsx"
    shutil.copy(fastai_book("collab_filter-2022.xlsx"), src)
    before = src.read_bytes()
    assert main(["recalc", str(src), "-o", str(src)]) == 2
    assert src.read_bytes() == before
    assert main(["recalc", str(src)]) == 0
    assert (tmp_path / "book.recalc.xlsx").exists()
    assert src.read_bytes() == before
    assert main(["recalc", str(src), "--in-place"]) == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sheetsolver")] == []


def test_recalc_refresh_volatile_with_seed_is_reproducible(tmp_path, capsys):
    src = fastai_book("graddesc-2019.xlsm")
    outs = []
    for k in range(2):
        out = tmp_path / f"r{k}.xlsm"
        assert main(["recalc", str(src), "-o", str(out), "--refresh-volatile", "--seed", "7"]) == 0
        outs.append(load_workbook(out))
    xs = [outs[0].sheet("data").value(f"B{r}") for r in range(5, 34)]
    assert xs == [outs[1].sheet("data").value(f"B{r}") for r in range(5, 34)]
    cached = load_workbook(src)
    assert xs != [cached.sheet("data").value(f"B{r}") for r in range(5, 34)]
    assert "formula cells recomputed" in capsys.readouterr().out
