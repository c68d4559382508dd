"""The per-solve fixed cost (issue 14): the report labels' text index, built in bulk.

Solver names each variable and constraint cell "by searching for the first text cell to
the left and the first text cell above" it (https://www.solver.com/excel-solver-
interpreting-answer-report, Frontline, who write Excel's Solver). The index of a sheet's
text cells is now picked out by C-level iteration; these tests pin the rule with labels
worked out by hand from the layouts below.
"""
from __future__ import annotations

import pytest

from sheetsolver.book import Book
from sheetsolver.solver import labels


@pytest.fixture
def book(make_book):
    path = make_book({"S": {
        "A1": "Food", "B1": "Protein", "C1": "  ", "D1": "Fat",      # C1: blank text
        "A2": "Beef", "B2": 1, "C2": 2, "D2": 3,
        "A3": 7, "B3": 4, "C3": 5, "D3": True,                        # A3: not text
        "A4": "  Fish  ", "B4": "x", "C4": 6,                         # B4: text cell
        "F5": 9,
    }})
    return Book.open(path)


@pytest.mark.parametrize("cell, expected", [
    ((2, 2), "Beef Protein"),        # B2: left A2, above B1
    ((2, 3), "Beef"),                # C2: C1 is only spaces: no column label
    ((2, 4), "Beef Fat"),            # D2
    ((3, 2), "Protein"),             # B3: A3 is a number: no row label
    ((4, 3), "x"),                   # C4: the first text to the left is B4, none above
    ((4, 2), "Fish Protein"),        # B4 itself: left A4 (stripped), above B1
    ((5, 6), ""),                    # F5: nothing to the left or above
    ((1, 1), ""),                    # A1: a label cell has nothing before it
])
def test_label_is_first_text_left_then_first_text_above(book, cell, expected):
    assert labels.label(book, ("S", *cell)) == expected


def test_labels_of_many_cells_match_one_by_one(book):
    cells = [("S", r, c) for r in range(1, 6) for c in range(1, 7)]
    many = labels.labels(book, cells)
    assert many == [labels.label(book, cell) for cell in cells]
    assert many[cells.index(("S", 2, 4))] == "Beef Fat"


def test_text_index_follows_a_new_book_not_a_stale_one(make_book):
    # the index is kept on the sheet object: a book opened again is indexed afresh
    path = make_book({"S": {"A1": "Old", "B1": 1}}, name="a.xlsx")
    assert labels.label(Book.open(path), ("S", 1, 2)) == "Old"
    path = make_book({"S": {"A1": "New", "B1": 1}}, name="b.xlsx")
    assert labels.label(Book.open(path), ("S", 1, 2)) == "New"
