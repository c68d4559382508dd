"""Excel tables and structured references, in workbooks written with openpyxl the way Excel
stores them (``[@Price]`` is saved as ``Table1[[#This Row],[Price]]``).

Expected values are hand computations on the small tables below. Syntax and meaning of
each form: https://support.microsoft.com/en-us/office/using-structured-references-with-excel-tables-f5ed2452-2337-4f71-bed3-c8ae6d2b276e
"""
from __future__ import annotations

import pytest

from sheetsolver.values import ExcelError

from _book_values import assert_values

openpyxl = pytest.importorskip("openpyxl")
from openpyxl.workbook.defined_name import DefinedName  # noqa: E402
from openpyxl.worksheet.table import Table  # noqa: E402

THIS = "Table1[[#This Row],[{}]]"


def _book(tmp_path, extra=None, names=None, totals=False):
    """Sheet Data, Table1 at A1:D4 (Item, Price, Qty, Total = Price*Qty per row):
    prices 2, 5, 10 and quantities 3, 4, 1, so totals 6, 20, 10 (36 in all).
    With ``totals`` a totals row (row 5) sums Total with SUBTOTAL(109, ...)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Item", "Price", "Qty", "Total"])
    for item, p, q in [("pen", 2, 3), ("ink", 5, 4), ("pad", 10, 1)]:
        ws.append([item, p, q, f"={THIS.format('Price')}*{THIS.format('Qty')}"])
    ref = "A1:D4"
    if totals:
        ws.append(["Total", None, None, "=SUBTOTAL(109,Table1[Total])"])
        ref = "A1:D5"
    ws.add_table(Table(displayName="Table1", ref=ref, totalsRowCount=1 if totals else None))
    other = wb.create_sheet("Report")
    for ref_, v in (extra or {}).items():
        (other if "!" not in ref_ else ws)[ref_.split("!")[-1]] = v
    for n, text in (names or {}).items():
        wb.defined_names[n] = DefinedName(n, attr_text=text)
    path = tmp_path / "tables.xlsx"
    wb.save(path)
    from sheetsolver.book import Book
    book = Book.open(path)
    book.recalc()
    return book


def test_this_row_calculated_column(tmp_path):
    book = _book(tmp_path)
    assert [book.value("Data", f"D{r}") for r in (2, 3, 4)] == [6, 20, 10]


def test_column_and_table_references_from_another_sheet(tmp_path):
    book = _book(tmp_path, {
        "A1": "=SUM(Table1[Total])",              # 6 + 20 + 10
        "A2": "=SUM(Table1[[Price]:[Qty]])",      # 2+5+10 + 3+4+1
        "A3": "=ROWS(Table1)",                    # data body: 3 rows
        "A4": "=COLUMNS(Table1)",
        "A5": "=COUNTA(Table1[#All])",            # 4 headers + 12 data cells
        "A6": "=Table1[[#Headers],[Price]]",
        "A7": "=AVERAGE(table1[price])",          # names are case-insensitive
        "A8": "=SUM(Table1[[#Data],[Qty]])",
        "A9": "=ROWS(Table1[[#Headers],[#Data],[Price]])",
        "A10": '="Table1[Price]"',                # text, not a reference
        "A11": "=INDEX(Table1[Item],2)",
        "A12": "=VLOOKUP(\"pad\",Table1,2,FALSE)",
    })
    assert_values(book, "Report", {
        "A1": 36, "A2": 25, "A3": 3, "A4": 4, "A5": 16, "A6": "Price",
        "A7": pytest.approx(17 / 3), "A8": 8, "A9": 4, "A10": "Table1[Price]",
        "A11": "ink", "A12": 10})


def test_errors_for_missing_parts(tmp_path):
    book = _book(tmp_path, {
        "A1": "=SUM(Table1[#Totals])",     # no totals row: #REF!
        "A2": "=SUM(Table1[Colour])",      # no such column: #REF!
    })
    assert_values(book, "Report", {"A1": ExcelError("#REF!"), "A2": ExcelError("#REF!")})


def test_this_row_outside_the_table_is_value_error(tmp_path):
    # row 7 of Data is below the table: implicit intersection fails, #VALUE!
    book = _book(tmp_path, {"Data!F7": "=" + THIS.format("Price"),
                            "Data!F3": "=" + THIS.format("Price") + "+1"})
    assert book.value("Data", "F7") is ExcelError("#VALUE!")
    assert book.value("Data", "F3") == 6     # row 3: price 5


def test_totals_row(tmp_path):
    book = _book(tmp_path, {
        "A1": "=Table1[[#Totals],[Total]]",
        "A2": "=ROWS(Table1[#All])",          # header + 3 data + totals
        "A3": "=ROWS(Table1[[#Data],[#Totals],[Qty]])",
        "A4": "=SUM(Table1[Total])",          # the data body only: totals row excluded
        "Data!C5": "=SUBTOTAL(109,[Qty])",    # inside the table the name may be left out
    }, totals=True)
    assert_values(book, "Report", {"Data!C5": 8, "Data!D5": 36,
                                   "A1": 36, "A2": 5, "A3": 4, "A4": 36})


def test_at_shorthand_and_defined_name_over_a_column(tmp_path):
    # Table1[@Price] as a user may write it; a name holding a structured reference
    book = _book(tmp_path, {"Data!E2": "=Table1[@Price]*10", "Data!E4": "=Table1[@Qty]",
                            "A1": "=SUM(Prices)"},
                 names={"Prices": "Table1[Price]"})
    assert_values(book, "Data", {"E2": 20, "E4": 1, "Report!A1": 17})


def test_column_names_with_spaces_and_escapes(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws.append(["Unit Price", "Qty#", "Line"])
    ws.append([1.5, 4, "=Costs[[#This Row],[Unit Price]]*Costs[[#This Row],[Qty'#]]"])
    ws.append([2.5, 2, "=Costs[[#This Row],[Unit Price]]*Costs[[#This Row],[Qty'#]]"])
    ws.add_table(Table(displayName="Costs", ref="A1:C3"))
    ws["E1"] = "=SUM(Costs[Line])"
    ws["E2"] = "=SUM(Costs[[Unit Price]])"
    path = tmp_path / "esc.xlsx"
    wb.save(path)
    from sheetsolver.book import Book
    book = Book.open(path)
    book.recalc()
    assert_values(book, "S", {"C2": 6, "C3": 5, "E1": 11, "E2": 4})


def test_rewriter_text():
    """The text the parser sees, for each form (Table1 at Data!A1:D4, no totals row)."""
    from sheetsolver.formula.workbook_refs import RefRewriter
    from sheetsolver.package.tables import Table as T
    t = T("Table1", "Data", 1, 1, 4, 4, 1, 0, ("Item", "Price", "Qty", "Total"))
    rw = RefRewriter([t], ["Data"])
    assert rw("SUM(Table1[Price])") == "SUM(Data!$B$2:$B$4)"
    assert rw("Table1[[#This Row],[Price]]", "Data", 3, 4) == "Data!$B3"
    assert rw("[@[Price]:[Qty]]", "Data", 3, 4) == "Data!$B3:$C3"
    assert rw("Table1[#All]") == "Data!$A$1:$D$4"
    assert rw("Table1[#Headers]") == "Data!$A$1:$D$1"
    assert rw("Table1") == "Data!$A$2:$D$4"
    assert rw("Table1[]") == "Data!$A$2:$D$4"
    assert rw('"Table1[Price]"&Table1x') == '"Table1[Price]"&Table1x'
    assert rw("Other[Price]+[Qty]", "Data", 3, 4) == "Other[Price]+Data!$C$2:$C$4"
    no_header = T("T2", "My Sheet", 10, 2, 12, 3, 0, 1, ("a", "b"))
    rw = RefRewriter([no_header], ["My Sheet"])
    assert rw("T2[#Headers]") == "#REF!"
    assert rw("T2[b]") == "'My Sheet'!$C$10:$C$11"
    assert rw("T2[[#Totals],[a]]") == "'My Sheet'!$B$12"
    assert rw("T2[[#This Row],[a]]") == "#REF!"     # no formula row (a defined name)


@pytest.mark.parametrize("text", [
    '"a[b]"&"Table1"', "{\"x[1]\",2;3,4}", "'it''s'!A1+'a:b c'!B2", "IFERROR(#N/A,#REF!)",
    "1E+3*A1#", "@A1:A3", "_xlfn.LET(_xlpm.x,1,_xlpm.x+1)", "Sheet1!A1:Sheet1!B2",
    "SUM(A:A,1:1)", "[2]Missing!A1", "Unknown[a]",
])
def test_rewriter_leaves_other_text_alone(text):
    from sheetsolver.formula.workbook_refs import RefRewriter
    from sheetsolver.package.tables import Table as T
    rw = RefRewriter([T("Table1", "S", 1, 1, 3, 2, 1, 0, ("a", "b"))], ["S", "Sheet1", "T"])
    assert rw(text, "S", 10, 10) == text
