"""Iterative calculation (File > Options > Formulas > Enable iterative calculation):
circular references computed by Gauss-Seidel sweeps in sheet order, at most
iterateCount sweeps, stopping when no cell changed by iterateDelta or more.
https://support.microsoft.com/en-us/office/remove-or-allow-a-circular-reference-8540bd0f-6e97-4483-bcf7-1b49cd50d123

Expected values are the sweeps by hand. For A1 = B1+1, B1 = A1*0.5 from blank (0):
sweep k gives A1 = 2 - 2*0.5**k, B1 = A1/2; A1 moves by 0.5**(k-1) in sweep k.
"""
from __future__ import annotations

import pytest

from sheetsolver.book import Book

from _raw_book import write_book

CELLS = {"A1": {"f": "B1+1"}, "B1": {"f": "A1*0.5"}, "C1": {"f": "A1+B1"}, "D1": 10,
         "E1": {"f": "D1*2"}}


def _book(tmp_path, calc, cells=CELLS):
    return Book.open(write_book(tmp_path / "it.xlsx", {"S": cells}, calc_pr=calc))


def test_converges_within_delta(tmp_path):
    book = _book(tmp_path, {"iterate": "1", "iterateCount": "100", "iterateDelta": "0.001"})
    assert book.engine.uncomputable == {}
    book.recalc()
    # sweep 11 is the first whose largest change (0.5**10) is below 0.001
    a1 = 2 - 2 * 0.5 ** 11
    assert book.value("S", "A1") == pytest.approx(a1, abs=1e-15)
    assert book.value("S", "B1") == pytest.approx(a1 / 2, abs=1e-15)
    assert book.value("S", "C1") == pytest.approx(1.5 * a1, abs=1e-15)   # dependent, after
    assert book.value("S", "E1") == 20.0


def test_iteration_count_limits_sweeps(tmp_path):
    book = _book(tmp_path, {"iterate": "1", "iterateCount": "3", "iterateDelta": "0.001"})
    book.recalc()
    assert book.value("S", "A1") == 1.75 and book.value("S", "B1") == 0.875


def test_each_recalc_continues_from_current_values(tmp_path):
    # the classic counter =A1+1 with one iteration: every recalculation adds one
    book = _book(tmp_path, {"iterate": "1", "iterateCount": "1"},
                 {"A1": {"f": "A1+1", "v": 5}, "B1": {"f": "A1*2"}})
    book.recalc()
    assert book.value("S", "A1") == 6.0 and book.value("S", "B1") == 12.0
    book.recalc()
    assert book.value("S", "A1") == 7.0 and book.value("S", "B1") == 14.0


def test_off_by_default_keeps_cached_values(tmp_path):
    cells = dict(CELLS, A1={"f": "B1+1", "v": 1.5}, B1={"f": "A1*0.5", "v": 0.75})
    book = _book(tmp_path, None, cells)
    book.recalc()
    assert book.value("S", "A1") == 1.5 and book.value("S", "C1") == 2.25
    assert set(book.engine.uncomputable) == {"S!A1", "S!B1"}


def test_row_and_column_are_not_self_references(evaluate):
    # ROW/COLUMN look at the reference, not at the cell's value: no circular reference
    get = evaluate({"B2": "=ROW(B2)+COLUMN(B2)*10", "C2": "=B2+1"})
    assert get("B2") == 22.0 and get("C2") == 23.0


def test_self_reference_without_iteration_is_circular(tmp_path):
    book = _book(tmp_path, None, {"A1": {"f": "A1+1", "v": 5}, "B1": {"f": "A1*2", "v": 0}})
    book.recalc()
    assert book.value("S", "A1") == 5.0 and book.value("S", "B1") == 10.0
    assert list(book.engine.uncomputable) == ["S!A1"]


def test_hundred_iterations_of_a_counter(tmp_path):
    # =A1+1 never converges: all iterateCount sweeps run, so it grows by 100 per recalc
    book = _book(tmp_path, {"iterate": "1", "iterateCount": "100", "iterateDelta": "0.001"},
                 {"A1": {"f": "A1+1", "v": 0}})
    book.recalc()
    assert book.value("S", "A1") == 100.0


def test_recalc_from_follows_a_cycle(tmp_path):
    # what an optimiser does: change an input, recompute only its dependents
    from sheetsolver.formula.refs import Area
    cells = {"D1": 1, "A1": {"f": "B1+D1"}, "B1": {"f": "A1*0.5"}, "C1": {"f": "A1+B1"}}
    book = _book(tmp_path, {"iterate": "1", "iterateCount": "200", "iterateDelta": "1e-12"},
                 cells)
    book.recalc()
    assert book.value("S", "A1") == pytest.approx(2.0, abs=1e-11)     # A1 = A1/2 + 1
    book.engine.set_value("S", "D1", 3)
    book.engine.recalc_from([Area("S", 1, 4, 1, 4)])
    assert book.value("S", "A1") == pytest.approx(6.0, abs=1e-11)     # A1 = A1/2 + 3
    assert book.value("S", "C1") == pytest.approx(9.0, abs=1e-11)
