"""``build`` writes filled-down blocks as Excel's shared formulas (issue #14, point 2).

Checked against things the writer did not compute: the XML Excel's file format
specifies (ECMA-376 Part 1, 18.3.1.40 ``f``: ``t="shared"``, ``ref`` on the master,
``si`` on every cell), openpyxl's independent expansion of shared formulas, hand
computed values, and sheetsolver's own reader giving back the very formulas written.
The full-size built workbooks (byte-identical rebuilds, LibreOffice agreeing on every
cell) are checked in tests/test_build.py.
"""
from __future__ import annotations

import zipfile

import pytest

from sheetsolver.book import Book
from sheetsolver.build.shared_formulas import copy_key, shared_blocks
from sheetsolver.build.xlsx import SheetSpec, WorkbookSpec, write_package
from sheetsolver.formula.parser import parse
from sheetsolver.package.reader import load_workbook


def test_copies_share_a_key_and_other_formulas_do_not():
    assert copy_key("A2*2", 2, 2) == copy_key("A3*2", 3, 2) == copy_key("B2*2", 2, 3)
    assert copy_key("$A$1+A2", 2, 2) == copy_key("$A$1+A9", 9, 2)
    assert copy_key("A$1+$A2", 2, 2) == copy_key("B$1+$A3", 3, 3)
    assert copy_key("SUM(A:A)", 1, 2) == copy_key("SUM(B:B)", 1, 3)
    assert copy_key("SUM(1:1)", 1, 2) == copy_key("SUM(2:2)", 2, 2)
    assert copy_key("data!A2", 2, 2) == copy_key("data!A3", 3, 2)
    assert copy_key("A1", 1, 2) != copy_key("A1", 2, 2)           # same text, moved: not a copy
    assert copy_key("$A$1", 1, 2) != copy_key("$A$2", 2, 2)
    assert copy_key("A2*2", 2, 2) != copy_key("A3*3", 3, 2)
    assert copy_key('"A2"&A2', 2, 2) != copy_key('"A3"&A3', 3, 2)   # text is not a reference
    assert copy_key("data!A2", 2, 2) != copy_key("other!A3", 3, 2)
    assert copy_key("A1 @@ §", 1, 1) is None


def test_blocks_are_rectangles_of_copies_with_the_master_first():
    f = {(2, 2): "A2*2", (3, 2): "A3*2", (4, 2): "A4*2",      # B2:C4 filled down and right
         (2, 3): "B2*2", (3, 3): "B3*2", (4, 3): "B4*2",
         (5, 2): "$A$1", (6, 2): "$A$1",                      # B5:B6 one absolute formula
         (7, 2): "B6+1",                                       # alone: written as before
         (1, 5): "A1", (1, 6): "B1", (1, 7): "C1"}             # E1:G1 filled right
    assert shared_blocks(f) == {
        (1, 5): (0, "E1:G1"), (1, 6): (0, None), (1, 7): (0, None),
        (2, 2): (1, "B2:C4"), (2, 3): (1, None), (3, 2): (1, None), (3, 3): (1, None),
        (4, 2): (1, None), (4, 3): (1, None),
        (5, 2): (2, "B5:B6"), (6, 2): (2, None)}


@pytest.fixture
def built(tmp_path):
    """A1:A10 = 1..10; B1:B10 = A*2 (filled down); C1:C10 = running sum of B (each row
    refers to the row above: a recurrence); D1 alone."""
    sh = SheetSpec("S")
    for r in range(1, 11):
        sh.put(r, 1, float(r))
        sh.put(r, 2, f"=A{r}*2")
        sh.put(r, 3, "=B1" if r == 1 else f"=C{r - 1}+B{r}")
    sh.put(1, 4, "=SUM($B$1:B10)")
    path = tmp_path / "shared.xlsx"
    write_package(WorkbookSpec([sh]), path)
    return path, sh


def test_xml_is_excels_shared_formula_form(built):
    path, _ = built
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert '<c r="B1"><f t="shared" ref="B1:B10" si="0">A1*2</f>' in xml
    assert '<c r="B2"><f t="shared" si="0"/>' in xml
    assert '<c r="C2"><f t="shared" ref="C2:C10" si="1">C1+B2</f>' in xml
    assert '<c r="C3"><f t="shared" si="1"/>' in xml
    assert '<c r="C1"><f>B1</f>' in xml and '<c r="D1"><f>SUM($B$1:B10)</f>' in xml
    assert xml.count("<f") == 21        # one <f> per formula cell: B1:B10, C1:C10, D1


def test_our_reader_gets_back_the_formulas_written(built):
    path, sh = built
    wb = load_workbook(path)
    for rc in sh.formula_cells():
        assert wb.sheets[0].cells[rc].tree == parse(sh.cells[rc]).tree, rc


def test_openpyxl_expands_them_to_the_same_formulas(built):
    openpyxl = pytest.importorskip("openpyxl")
    path, sh = built
    ws = openpyxl.load_workbook(path)["S"]
    for (r, c) in sh.formula_cells():
        assert ws.cell(r, c).value == sh.cells[(r, c)], (r, c)


def test_values_computed_from_the_shared_formulas(built):
    path, _ = built
    book = Book.open(path)
    book.recalc()
    # hand computation: B = 2r, C = r(r+1) (running sum of 2, 4, ...), D1 = 2*55
    assert [book.value("S", f"B{r}") for r in range(1, 11)] == [2.0 * r for r in range(1, 11)]
    assert [book.value("S", f"C{r}") for r in range(1, 11)] == [r * (r + 1.0) for r in range(1, 11)]
    assert book.value("S", "D1") == 110.0


def test_writing_twice_is_byte_identical(tmp_path, built):
    path, sh = built
    again = tmp_path / "again.xlsx"
    write_package(WorkbookSpec([sh]), again)
    assert again.read_bytes() == path.read_bytes()
