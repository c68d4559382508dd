"""Compiling once per formula (issue 14): copies of one formula (shared formulas, filled-down
columns) are read, resolved and grouped as one Form; what cannot be moved that way
(relative defined names, intersections, references moved off the sheet) is still done
cell by cell. Expected values are hand computations and hand-expanded formula texts
(ECMA-376 Part 1, 18.3.1.40: a shared formula's copies are its master moved by their
offset)."""
from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _raw_book import write_book  # noqa: E402

from sheetsolver.book import Book  # noqa: E402
from sheetsolver.engine.grid import Grid  # noqa: E402
from sheetsolver.formula.parse_cache import parse_origin  # noqa: E402
from sheetsolver.formula.parser import parse  # noqa: E402
from sheetsolver.formula.transform import to_text  # noqa: E402
from sheetsolver.package.model import Cell  # noqa: E402
from sheetsolver.package.zipsafe import _declares  # noqa: E402
from sheetsolver.values import ExcelError  # noqa: E402


def shared_book(path, cells: dict, names: dict | None = None):
    """write_book, then each ``t="shared"`` formula given its column letter as ``si``
    (one shared block per column: a master spec with ``fref``, copies ``{"t": "shared"}``),
    and the defined ``names`` added to the workbook part."""
    write_book(path, {"S": cells})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(r'<c r="([A-Z]+)(\d+)"([^>]*)><f t="shared"',
                   lambda m: f'<c r="{m[1]}{m[2]}"{m[3]}><f t="shared" si="{m[1]}"', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    if names:
        wb = parts["xl/workbook.xml"].decode()
        dn = "".join(f'<definedName name="{k}">{v}</definedName>' for k, v in names.items())
        parts["xl/workbook.xml"] = wb.replace("</sheets>", f"</sheets><definedNames>{dn}"
                                              "</definedNames>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def column_block(col: str, text: str, n: int) -> dict:
    """A shared formula ``text`` in rows 1..n of ``col`` (master in row 1)."""
    out = {f"{col}1": {"f": text, "t": "shared", "fref": f"{col}1:{col}{n}", "v": 0}}
    out.update({f"{col}{r}": {"t": "shared", "v": 0} for r in range(2, n + 1)})
    return out


def test_shared_copies_compile_as_one_form(tmp_path):
    cells = {f"A{r}": float(r) for r in range(1, 6)}
    cells.update(column_block("B", "A1*2+$A$1", 5))
    book = Book.open(shared_book(tmp_path / "s.xlsx", cells))
    book.recalc()
    # by hand: B_r = 2*A_r + A1
    assert [book.value(f"S!B{r}") for r in range(1, 6)] == [3.0, 5.0, 7.0, 9.0, 11.0]
    eng = book.engine
    for r in range(1, 6):   # each copy's tree: the master moved (hand-expanded text)
        assert to_text(eng.formula_at("S", r, 2), "S") == f"A{r}*2+$A$1"
    units = [eng.units[eng.unit_at("S", r, 2)] for r in range(1, 6)]
    assert len({id(u.form) for u in units}) == 1
    assert [[(n.r1, n.c1) for n in u.refs] for u in units] == [[(r, 1), (1, 1)]
                                                                for r in range(1, 6)]
    assert sum(1 for g in eng.groups if g.units[0].col == 2) == 1   # one group, five cells


def test_relative_name_is_resolved_cell_by_cell(tmp_path):
    # "leftcell" as stored from A1: one column left, wrapped (S!XFD1): from B_r it is A_r
    cells = {f"A{r}": float(r) for r in range(1, 4)}
    cells.update(column_block("B", "leftcell*10", 3))
    book = Book.open(shared_book(tmp_path / "n.xlsx", cells, {"leftcell": "S!XFD1"}))
    book.recalc()
    assert [book.value(f"S!B{r}") for r in range(1, 4)] == [10.0, 20.0, 30.0]


def test_absolute_name_keeps_one_form(tmp_path):
    cells = {"A1": 4.0, "A2": 1.0, "A3": 2.0}
    cells.update(column_block("B", "A2+rate", 2))
    book = Book.open(shared_book(tmp_path / "a.xlsx", cells, {"rate": "S!$A$1"}))
    book.recalc()
    assert [book.value("S!B1"), book.value("S!B2")] == [5.0, 6.0]   # 1+4, 2+4
    eng = book.engine
    assert eng.units[eng.unit_at("S", 1, 2)].form is eng.units[eng.unit_at("S", 2, 2)].form


def test_intersection_of_moved_references(tmp_path):
    # E1: A1:A3 A2:C2 is A2; E2 (moved one row): A2:A4 A3:C3 is A3
    cells = {"A1": 1.0, "A2": 2.0, "A3": 3.0, "A4": 4.0}
    cells.update(column_block("E", "A1:A3 A2:C2", 2))
    book = Book.open(shared_book(tmp_path / "i.xlsx", cells))
    book.recalc()
    assert [book.value("S!E1"), book.value("S!E2")] == [2.0, 3.0]


def test_copy_moved_off_the_sheet_is_ref_error(tmp_path):
    # B1 reads XFC1 (16381 columns right); the copy in C1 reads XFD1, the one in D1 would
    # read column 16385, past the last column: #REF! (blank XFC1/XFD1 count as 0)
    cells = {"B1": {"f": "XFC1+1", "t": "shared", "fref": "B1:D1", "v": 0},
             "C1": {"t": "shared", "v": 0}, "D1": {"t": "shared", "v": 0}}
    path = write_book(tmp_path / "o.xlsx", {"S": cells})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b'<f t="shared"', b'<f t="shared" si="0"')
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    book = Book.open(path)
    book.recalc()
    assert book.value("S!B1") == 1.0 and book.value("S!C1") == 1.0
    d1 = book.value("S!D1")
    assert isinstance(d1, ExcelError) and d1.code == "#REF!"


def test_parse_origin_shares_one_tree_per_r1c1_form():
    t1, r1, c1 = parse_origin("=C9+D9*$A$1", 9, 5)
    t2, r2, c2 = parse_origin("=C12+D12*$A$1", 12, 5)
    assert t2 is t1 and (r2, c2) == (r1, c1)
    cell = Cell(12, 5)
    cell.origin = (t2, r2, c2)
    assert cell.has_tree and cell.tree == parse("C12+D12*$A$1").tree
    cell.tree = None                      # clearing the tree clears the origin too
    assert not cell.has_tree and not cell.is_formula


@pytest.mark.parametrize("xml, refused", [
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>', True),
    (b'<?xml version="1.0"?><!doctype x><x/>', True),          # any case
    (b'<x/><!ENTITY a "b">', True),
    (b'<?xml version="1.0"?><!-- a comment --><x><![CDATA[<a>]]></x>', False),
    (b'<x a="1"/>', False),
])
def test_declarations_found_where_they_start(xml, refused):
    assert _declares(xml) is refused


def test_grid_load_sets_every_kind_of_value():
    err = ExcelError("#N/A")
    cells = {(1, 1): Cell(1, 1, 2.5), (1, 2): Cell(1, 2, "txt"), (2, 1): Cell(2, 1, True),
             (2, 2): Cell(2, 2, err), (3, 1): Cell(3, 1, None), (3, 2): Cell(3, 2, -0.0)}
    g = Grid("S", 3, 2)
    g.load(cells)
    assert [g.get(1, 1), g.get(1, 2), g.get(2, 1), g.get(2, 2), g.get(3, 1), g.get(3, 2)] == \
        [2.5, "txt", True, err, None, -0.0]


def brute_force_deps(eng) -> dict:
    """Each unit's dependencies by the definition: the units computing any cell of any
    block its formula references (the references of its own moved tree, clipped to the
    sheet)."""
    from sheetsolver.formula import ast as A
    from sheetsolver.formula.transform import walk
    out = {}
    for u in eng.units:
        deps = set()
        for n in walk(u.tree):
            if n.__class__ is not A.Ref or n.bad:
                continue
            held = eng.used_range(n.sheet)
            for r in range(n.r1, min(n.r2, held.r2 + 1) + 1):
                for c in range(n.c1, min(n.c2, held.c2 + 1) + 1):
                    k = eng.unit_at(n.sheet, r, c)
                    if k >= 0 and k != u.uid:
                        deps.add(k)
        out[u.uid] = deps
    return out


@pytest.mark.parametrize("name", ["collab_filter-2019.xlsx", "graddesc-2019.xlsm"])
def test_dependencies_found_per_form_are_the_definitions(name):
    from conftest import fastai_book
    eng = Book.open(fastai_book(name)).engine
    assert eng.unit_dependencies() == brute_force_deps(eng)


def test_dependencies_of_a_built_workbook():
    eng = Book.open(Path(__file__).resolve().parents[1] / "workbooks" /
                    "collab_filter.xlsx").engine
    assert eng.unit_dependencies() == brute_force_deps(eng)
