"""Compiling per distinct formula, not per cell (issue 14): the dependencies of all copies of
one Form are found together with array operations (engine/deps.py). Each unit's deps must
equal a straightforward per-cell computation written here: the cell's own formula (the reader's
tree moved to the cell), names resolved, and every cell of every reference, clipped to the
sheet's used range, looked up in a (sheet, row, col) -> unit table of the units' cells.
Values are hand computations."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _raw_book import write_book  # noqa: E402
from conftest import BOOKS, fastai_book  # noqa: E402
from test_compile_forms import column_block, shared_book  # noqa: E402

from sheetsolver.book import Book  # noqa: E402
from sheetsolver.engine.compiler import Unit, collect_units  # noqa: E402
from sheetsolver.engine.resolve import new_cell, resolve_names  # noqa: E402
from sheetsolver.formula import ast as A  # noqa: E402
from sheetsolver.formula.transform import walk  # noqa: E402
from sheetsolver.package.reader import load_workbook  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def per_cell_deps(eng) -> dict:
    """where -> set of the wheres of the units computing a cell the formula references."""
    at = {}
    for u in eng.units:
        for r, c in (u.array.cells() if u.array is not None else [(u.row, u.col)]):
            at[(u.sheet, r, c)] = u
    out = {}
    for u in eng.units:
        new_cell()
        tree = resolve_names(eng.wb.sheet(u.sheet).cells[(u.row, u.col)].tree, eng.wb,
                             u.sheet, u.where)
        deps = set()
        for n in walk(tree):
            if isinstance(n, A.Ref) and not n.bad:
                g = eng.grids[n.sheet]
                for r in range(n.r1, min(n.r2, g.maxr) + 1):
                    for c in range(n.c1, min(n.c2, g.maxc) + 1):
                        v = at.get((n.sheet, r, c))
                        if v is not None and v is not u:
                            deps.add(v.where)
        out[u.where] = deps
    return out


def bulk_deps(eng) -> dict:
    return {u.where: {eng.units[d].where for d in u.deps} for u in eng.units}


def assert_same_deps(book) -> None:
    eng = book.engine
    want = per_cell_deps(eng)
    assert want and bulk_deps(eng) == want


def test_every_kind_of_reference(make_book):
    s = {f"A{r}": r for r in range(1, 7)}
    for r in range(1, 7):
        s.update({
            f"B{r}": f"=A{r}*2+$A$1",            # relative and absolute
            f"D{r}": f"=SUM(B:B)-B{r}",           # whole column
            f"E{r}": f"=SUM(B{r}:B{r + 4})",      # reaches past the used range (row 8)
            f"F{r}": f"=T!A{r}+T!$B$2",           # another sheet
            f"G{r}": f"=B{r}*rate",               # an absolute name
            f"H{r}": f"=left+1",                  # a relative name (resolved per cell)
            f"K{r}": f"=K{r + 1}+A{r}",           # reads the next row's copy
            f"L{r}": f"=B{r}*B{r}+$B$1",          # one cell read twice
        })
    s.update({"A8": 0, "I1": "=SUM(B1:B3*2)"})
    t = {f"A{r}": f"=S!B{r}+1" for r in range(1, 7)}
    t["B2"] = 10
    book = Book.open(make_book({"S": s, "T": t}, {"rate": "S!$A$2", "left": "S!XFD1"}))
    eng = book.engine
    b = [eng.units[eng.unit_at("S", r, 2)] for r in range(1, 7)]
    assert len({id(u.form) for u in b}) == 1 and b[0].form is not None   # done in bulk
    assert_same_deps(book)
    book.recalc()
    # by hand: B_r = 2r + 1; SUM(B:B) = 3+5+7+9+11+13 = 48; T!A_r = B_r + 1
    assert [book.value(f"S!B{r}") for r in range(1, 7)] == [3.0, 5.0, 7.0, 9.0, 11.0, 13.0]
    assert book.value("S!D2") == 48.0 - 5.0
    assert book.value("S!E5") == 11.0 + 13.0
    assert book.value("S!F3") == 8.0 + 10.0
    assert book.value("S!G4") == 9.0 * 2.0
    assert book.value("S!H3") == 7.0 * 2.0 + 1.0      # left of H3: G3 = B3 * A2
    assert book.value("S!K6") == 6.0 and book.value("S!K5") == 11.0   # K7 blank
    assert book.value("S!L2") == 5.0 * 5.0 + 3.0


def test_running_total_changes_size_from_copy_to_copy(make_book):
    # C_r = SUM(B$1:B_r): B$1:B1 is one cell in C1, B$1:B6 in C6
    s = {}
    for r in range(1, 7):
        s.update({f"A{r}": r, f"B{r}": f"=A{r}*2", f"C{r}": f"=SUM(B$1:B{r})"})
    book = Book.open(make_book({"S": s}))
    assert_same_deps(book)
    book.recalc()
    # by hand: 2, 2+4, 2+4+6, ... = r(r+1)
    assert [book.value(f"S!C{r}") for r in range(1, 7)] == [2.0, 6.0, 12.0, 20.0, 30.0, 42.0]


def test_shared_formulas_and_array_ranges(tmp_path):
    cells = {f"A{r}": float(r) for r in range(1, 6)}
    cells.update(column_block("B", "A1*2+$A$1", 5))
    cells.update(column_block("C", "B1+SUM($B$1:$B$2)", 5))
    cells.update(column_block("D", "SUM(B1:C1)", 5))
    book = Book.open(shared_book(tmp_path / "s.xlsx", cells))
    assert_same_deps(book)
    book.recalc()
    # by hand: B_r = 2r + 1 (3, 5, 7, 9, 11); C_r = B_r + 8; D_r = 2 B_r + 8
    assert [book.value(f"S!C{r}") for r in range(1, 6)] == [11.0, 13.0, 15.0, 17.0, 19.0]
    assert book.value("S!D5") == 30.0


def test_spills_and_cse_arrays(tmp_path):
    cells = {"A1": 3,
             "B1": {"f": "_xlfn.SEQUENCE(A1)", "t": "array", "fref": "B1:B3", "cm": 1, "v": 1},
             "B2": 2, "B3": 3,
             "C1": {"f": "B1*10", "v": 0}, "C2": {"f": "B2*10", "v": 0},
             "C3": {"f": "B3*10", "v": 0},
             "D1": {"f": "SUM(_xlfn.ANCHORARRAY(B1))", "v": 0},
             "E1": {"f": "C1:C3+1", "t": "array", "fref": "E1:E3", "v": 0},
             "F1": {"f": "E2+E3", "v": 0}}
    book = Book.open(write_book(tmp_path / "d.xlsx", {"S": cells}, dynamic=True))
    assert_same_deps(book)
    book.recalc()
    # by hand: B = 1, 2, 3; C = 10, 20, 30; E = 11, 21, 31
    assert book.value("S!D1") == 6.0 and book.value("S!F1") == 52.0


@pytest.mark.parametrize("name", BOOKS + ["collab_filter.xlsx"])
def test_real_workbooks(name):
    path = ROOT / "workbooks" / name if name == "collab_filter.xlsx" else fastai_book(name)
    if not path.exists():
        pytest.skip(f"{path} not built")
    assert_same_deps(Book.open(path))


def test_units_made_in_bulk_have_every_attribute(make_book):
    # collect_units makes the copies' units without calling Unit(): each must read like one
    # made by the constructor (a slot added to Unit and forgotten there would not)
    path = make_book({"S": {"A1": 1, "A2": 2, "B1": "=A1*2", "B2": "=A2*2"}})
    units, _ = collect_units(load_workbook(path))
    u = units[-1]
    assert (u.sheet, u.row, u.col) == ("S", 2, 2) and u.form is not None
    made = Unit(u.uid, "S", 2, 2, None, None, u.form.volatile, solo=u.form.computed_range,
                form=u.form)
    for name in Unit.__slots__:
        if name != "__dict__":
            assert getattr(u, name) == getattr(made, name), name
