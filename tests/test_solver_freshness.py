"""A solve recomputes a workbook whose formulas were written without values
(:func:`sheetsolver.solver.freshness.ensure_computed`) unless the engine has already
recalculated every formula; either way the formula reads its computed value
(hand computation: A1 = 3, so =A1*2 is 6)."""
from __future__ import annotations

import pytest

from sheetsolver.book import Book
from sheetsolver.solver.freshness import ensure_computed, has_uncached_formulas


def test_uncached_formulas_are_computed_once(make_book):
    book = Book.open(make_book({"S": {"A1": 3.0, "B1": "=A1*2"}}))   # openpyxl: no values
    assert has_uncached_formulas(book.wb)
    assert ensure_computed(book)
    assert book.value("S", "B1") == 6.0
    assert not ensure_computed(book)


def test_no_second_recalculation_after_the_engines_own(make_book):
    book = Book.open(make_book({"S": {"A1": 3.0, "B1": "=A1*2"}}))
    book.recalc()
    assert not ensure_computed(book)     # every formula was just computed
    assert book.value("S", "B1") == 6.0


def _changed_input_model(make_book, tmp_path, how: str):
    """A1 variable (0), B1 constant 1, C1 = B1*10 (does not depend on A1), objective
    D1 = (A1-C1)^2: after B1 is set to 2 the optimum is A1 = C1 = 20 (by hand)."""
    sheet = {"A1": 0.0, "B1": 1.0, "C1": "=B1*10", "D1": "=(A1-C1)^2"}
    names = {"solver_opt": "S!$D$1", "solver_adj": "S!$A$1", "solver_typ": "2",
             "solver_eng": "1", "solver_num": "0"}
    book = Book.open(make_book({"S": sheet}, names=names))
    book.recalc()
    if how == "saved":      # a file with every value cached, opened afresh
        book.save(str(tmp_path / "saved.xlsx"))
        book = Book.open(tmp_path / "saved.xlsx")
        book.wb.calc.pop("fullCalcOnLoad", None)    # (openpyxl's flag: as Excel saves it)
    book.engine.set_value("S", "B1", 2.0)
    return book


@pytest.mark.parametrize("how", ["recalculated", "saved"])
def test_a_solve_reads_inputs_changed_since_the_last_recalculation(make_book, tmp_path, how):
    """Found in review: C1 kept its value from before B1 changed (A1 = 10 reported as the
    optimum) because the solve recomputes only what the variable reaches."""
    from sheetsolver.solver import solve
    book = _changed_input_model(make_book, tmp_path, how)
    res = solve(book, "S")
    assert res.success
    assert book.value("S", "C1") == 20.0
    assert book.value("S", "A1") == pytest.approx(20.0, abs=1e-4)
