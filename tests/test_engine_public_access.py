"""The engine's public cell access (issue 13): what solver, stepping, verify, build and the
commands use instead of the engine's arrays. Expected values are hand computations on a
small workbook written with openpyxl."""
from __future__ import annotations

import numpy as np
import pytest

from sheetsolver.book import Book
from sheetsolver.errors import SheetsolverError
from sheetsolver.formula.refs import Area


@pytest.fixture
def book(make_book):
    b = Book.open(make_book({"S": {"A1": 2, "A2": 3, "B1": "=A1*A2", "B2": "=B1+1",
                                   "C1": "hi", "D1": "=RAND()", "D2": "=D1+B2"}}))
    b.recalc()
    return b


def test_cell_and_cells_read_current_values(book):
    eng = book.engine
    assert eng.cell("S", 1, 2) == 6.0                         # 2 * 3
    assert eng.cell("S", 1, 3) == "hi"
    assert eng.cell("S", 50, 50) is None                      # past the held range: blank
    assert eng.cells("S!A1:C2") == [[2.0, 6.0, "hi"], [3.0, 7.0, None]]
    assert eng.cells(Area("S", 2, 1, 2, 2)) == [[3.0, 7.0]]


def test_set_cell_writes_a_constant_and_refuses_a_formula_cell(book):
    eng = book.engine
    eng.set_cell("S", 1, 1, 5)
    eng.recalc()
    assert eng.cell("S", 2, 2) == 16.0                        # 5 * 3 + 1
    eng.set_cell("S", 200, 1, 1.5)                            # grows the sheet
    assert eng.cell("S", 200, 1) == 1.5
    assert eng.used_range("S").r2 >= 200
    with pytest.raises(SheetsolverError, match="formula"):
        eng.set_cell("S", 1, 2, 0)


def test_write_variables_fills_areas_row_major(book):
    eng = book.engine
    eng.write_variables([Area("S", 1, 1, 2, 1)], np.array([4.0, 0.5]))
    eng.recalc()
    assert eng.cell("S", 1, 2) == 2.0                         # 4 * 0.5


def test_units_formulas_dependencies_and_volatility(book):
    eng = book.engine
    assert eng.unit_at("S", 1, 1) == -1                       # a constant
    b1, b2, d1, d2 = (eng.unit_at("S", r, c) for r, c in ((1, 2), (2, 2), (1, 4), (2, 4)))
    assert min(b1, b2, d1, d2) >= 0
    assert eng.formula_at("S", 1, 1) is None
    assert eng.formula_at("S", 1, 2) is not None
    assert eng.unit_cells(b2) == [("S", 2, 2)]
    deps = eng.unit_dependencies()
    assert deps[b2] == {b1} and deps[d2] == {d1, b2} and deps[b1] == set()
    assert eng.volatile_units() == [d1]


def test_units_in_an_area_and_what_a_unit_reads(book):
    eng = book.engine
    b1, b2 = eng.unit_at("S", 1, 2), eng.unit_at("S", 2, 2)
    assert eng.units_in("S!A1:B2") == {b1, b2}
    assert eng.units_in(Area("S", 1, 1, 3, 1)) == set()      # constants only
    assert eng.units_in(Area("S", 500, 1, 600, 3)) == set()  # past the held range
    assert eng.unit_reads(b1) == [Area("S", 1, 1, 1, 1), Area("S", 2, 1, 2, 1)]   # =A1*A2
    assert eng.unit_reads(eng.unit_at("S", 2, 4)) == [Area("S", 1, 4, 1, 4), Area("S", 2, 2, 2, 2)]
