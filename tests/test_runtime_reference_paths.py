"""Cells a formula reads beyond its written references: SUMIF/AVERAGEIF's widened sum
range and OFFSET. Smart recalculation, gradient paths, ``recalc_from`` and a solve must
see them (found in review: each of these gave stale values, and a solve reported a
wrong optimum as success). Expected values by hand."""
from __future__ import annotations

import numpy as np
import pytest

from sheetsolver.book import Book


def _sumif_book(make_book):
    """B2:B100 = 2*D1 (B1 = 0); E1 = SUMIF(A1:A100,">0",B1) adds B1:B100 (Excel widens
    the sum range to the range's size): E1 = 99 * 2 * D1; AVERAGEIF likewise / 100."""
    cells = {"D1": 1.0, "B1": 0.0, "E1": '=SUMIF(A1:A100,">0",B1)',
             "F1": '=AVERAGEIF(A1:A100,">0",B1)'}
    for i in range(1, 101):
        cells[f"A{i}"] = 1
        if i > 1:
            cells[f"B{i}"] = "=2*$D$1"
    return Book.open(make_book({"S": cells}))


def test_smart_recalculation_reaches_a_widened_sum_range(make_book):
    book = _sumif_book(make_book)
    book.recalc()
    assert book.value("S", "E1") == 198.0
    book.engine.set_value("S", "D1", 2.0)
    book.recalc()
    assert book.value("S", "E1") == 396.0
    assert book.value("S", "F1") == pytest.approx(3.96)


def test_gradient_and_partial_recalc_through_a_widened_sum_range(make_book):
    book = _sumif_book(make_book)
    eng = book.engine
    book.recalc()
    d1 = [eng.area("S!D1")]
    assert eng.gradient(("S", 1, 5), d1) == pytest.approx([198.0])
    eng.write_variables(d1, np.array([3.0]))
    eng.recalc_from(d1, [("S", 1, 5)])
    assert eng.cell("S", 1, 5) == 594.0


def test_running_sumif_whose_range_grows_down_the_column(make_book):
    """=SUMIF(A$1:A1,">0",B$1) filled down: row k adds B1:Bk (the range grows as the
    formula is copied, so the compiler leaves the widening to run time)."""
    cells = {f"A{k}": 1 for k in range(1, 5)}
    cells.update({f"B{k}": float(k) for k in range(1, 5)})
    cells.update({f"C{k}": f'=SUMIF(A$1:A{k},">0",B$1)' for k in range(1, 5)})
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    assert [book.value("S", f"C{k}") for k in range(1, 5)] == [1.0, 3.0, 6.0, 10.0]
    book.engine.set_value("S", "B3", 30.0)
    book.recalc()
    assert [book.value("S", f"C{k}") for k in range(1, 5)] == [1.0, 3.0, 33.0, 37.0]


def _offset_book(make_book, solver=False):
    """B1:B3 = (A1-1)^2, (A2-2)^2*1, (A3-3)^2+0 (three shapes); D1 = SUM(OFFSET(B1,0,0,3,1))."""
    cells = {"A1": 0.0, "A2": 0.0, "A3": 0.0, "B1": "=(A1-1)^2", "B2": "=(A2-2)^2*1",
             "B3": "=(A3-3)^2+0", "D1": "=SUM(OFFSET(B1,0,0,3,1))"}
    names = {"solver_opt": "S!$D$1", "solver_adj": "S!$A$1:$A$3", "solver_typ": "2",
             "solver_eng": "1", "solver_num": "0"} if solver else None
    return Book.open(make_book({"S": cells}, names=names))


def test_gradient_path_through_offset(make_book):
    book = _offset_book(make_book)
    eng = book.engine
    book.recalc()
    a = [eng.area("S!A1:A3")]
    eng.write_variables(a, np.array([3.0, 5.0, 7.0]))
    g = eng.gradient(("S", 1, 4), a)
    assert eng.cell("S", 1, 4) == 4.0 + 9.0 + 16.0
    assert g == pytest.approx([4.0, 6.0, 8.0])        # 2 (A - k)
    eng.write_variables(a, np.array([2.0, 2.0, 2.0]))
    eng.recalc_from(a, [("S", 1, 4)])
    assert eng.cell("S", 1, 4) == 1.0 + 0.0 + 1.0


def test_solve_through_offset_finds_the_optimum(make_book):
    from sheetsolver.solver import solve
    book = _offset_book(make_book, solver=True)
    res = solve(book, "S")
    assert res.success
    assert [book.value("S", f"A{k}") for k in (1, 2, 3)] == pytest.approx([1, 2, 3], abs=1e-5)
    assert book.value("S", "D1") == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("formula, expected", [
    # whole column written with relative rows (as non-Excel writers do): its ends never move
    ("SUM(B1:B1048576)+0*A1", [21.0, 21.0, 21.0]),
    # SUMIF adds B1:B3 (top-left B1, the range's size) in every copy, by hand 1+2+3
    ('SUMIF(A1:A3,">0",B1:B1048576)', [6.0, 6.0, 6.0]),
])
def test_shared_formula_over_a_whole_column_written_relative(tmp_path, formula, expected):
    """Found in review: the copies of a shared formula moved such a column down a row each."""
    from test_compile_forms import column_block, shared_book
    cells = {f"A{r}": 1.0 for r in range(1, 7)}
    cells.update({f"B{r}": float(r) for r in range(1, 7)})
    cells.update(column_block("F", formula, 3))
    book = Book.open(shared_book(tmp_path / "s.xlsx", cells))
    book.recalc(full=True)
    assert [book.value("S", f"F{r}") for r in (1, 2, 3)] == expected
