"""A solve recomputes a workbook whose formulas were written without values
(:func:`sheetsolver.solver.freshness.ensure_computed`) unless the engine has already
recalculated every formula; either way the formula reads its computed value
(hand computation: A1 = 3, so =A1*2 is 6)."""
from __future__ import annotations

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
