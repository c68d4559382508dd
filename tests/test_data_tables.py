"""What-if data tables, as Excel computes them: for each result cell the input
value(s) go into the input cell(s), the workbook is recomputed and the formula cell
read. https://support.microsoft.com/en-us/office/calculate-multiple-results-by-using-a-data-table-e95e2487-6ca6-4413-ad12-77542a5ea50b
Expected values are computed by hand from the formulas below."""
from __future__ import annotations

from sheetsolver.book import Book
from sheetsolver.cli import main

from _raw_book import write_book

CELLS = {
    "A1": 2, "A2": 5,                          # input cells
    "C1": {"f": "A1*A1+A2", "v": 9},           # a formula the tables read
    # one variable, column-oriented: values A5:A7 into A1, formulas B4 and C4
    "B4": {"f": "C1", "v": 9}, "C4": {"f": "A1*10", "v": 20},
    "A5": 1, "A6": 3, "A7": 4,
    "B5": {"t": "dataTable", "fref": "B5:C7", "dt2D": "0", "dtr": "0", "r1": "A1", "v": 0},
    # one variable, row-oriented: values F3:H3 into A2, formula E4
    "E4": {"f": "C1-1", "v": 8}, "F3": 10, "G3": 20, "H3": 30,
    "F4": {"t": "dataTable", "fref": "F4:H4", "dt2D": "0", "dtr": "1", "r1": "A2", "v": 0},
    # two variables: corner E7 = A1-A2; row values F7:G7 into A1 (row input),
    # column values E8:E9 into A2 (column input)
    "E7": {"f": "A1-A2", "v": -3}, "F7": 100, "G7": 200, "E8": 1, "E9": 2,
    "F8": {"t": "dataTable", "fref": "F8:G9", "dt2D": "1", "dtr": "0", "r1": "A1", "r2": "A2",
           "v": 0},
    "J1": {"f": "SUM(B5:C7)", "v": 0},          # reads a table
}


def _book(tmp_path):
    return Book.open(write_book(tmp_path / "dt.xlsx", {"S": CELLS}))


def test_one_variable_column_table(tmp_path):
    book = _book(tmp_path)
    book.recalc()
    # B: A1*A1+5 for A1 = 1, 3, 4; C: A1*10
    assert [book.value("S", f"B{r}") for r in (5, 6, 7)] == [6.0, 14.0, 21.0]
    assert [book.value("S", f"C{r}") for r in (5, 6, 7)] == [10.0, 30.0, 40.0]
    assert book.value("S", "J1") == 6 + 14 + 21 + 10 + 30 + 40


def test_one_variable_row_table(tmp_path):
    book = _book(tmp_path)
    book.recalc()
    # E4 = A1*A1+A2-1 with A1 = 2 and A2 = 10, 20, 30
    assert [book.value("S", c + "4") for c in "FGH"] == [13.0, 23.0, 33.0]


def test_two_variable_table(tmp_path):
    book = _book(tmp_path)
    book.recalc()
    # row value (A1) minus column value (A2)
    assert book.value("S", "F8") == 99.0 and book.value("S", "G8") == 199.0
    assert book.value("S", "F9") == 98.0 and book.value("S", "G9") == 198.0


def test_inputs_and_formulas_restored(tmp_path):
    book = _book(tmp_path)
    book.recalc()
    assert book.value("S", "A1") == 2.0 and book.value("S", "A2") == 5.0
    assert book.value("S", "C1") == 9.0 and book.value("S", "E7") == -3.0


def test_table_follows_its_inputs(tmp_path):
    book = _book(tmp_path)
    book.engine.set_value("S", "A2", 0)
    book.recalc()
    assert [book.value("S", f"B{r}") for r in (5, 6, 7)] == [1.0, 9.0, 16.0]


def test_inspect_lists_tables(tmp_path, capsys):
    p = write_book(tmp_path / "dt.xlsx", {"S": CELLS})
    assert main(["inspect", str(p)]) == 0
    out = capsys.readouterr().out
    assert "data tables: 3" in out
    assert "S!F8:G9 (two-variable, row input A1, column input A2)" in out
