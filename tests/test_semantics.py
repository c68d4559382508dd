"""Excel semantics on small workbooks; expected values are Excel's documented results."""
from __future__ import annotations

import math

import numpy as np
import pytest

from sheetsolver.book import Book
from sheetsolver.formula.refs import parse_area
from sheetsolver.values import DIV0, NA, NUM, REF, VALUE, NAME


def calc(make_book, cells, names=None, sheet="S"):
    book = Book.open(make_book({sheet: cells}, names))
    book.recalc()
    return lambda ref: book.value(sheet, ref)


CASES = [
    # arithmetic with blanks, text, booleans
    ("=Z1", 0.0), ("=Z1+1", 1.0), ("=Z1*5", 0.0), ('="3"+4', 7.0), ('="a"+1', VALUE), ("=TRUE+TRUE", 2.0),
    ("=-2^2", 4.0), ("=2^3^2", 64.0), ("=5%", 0.05), ("=1/0", DIV0), ("=0^-1", DIV0),
    ("=SQRT(-1)", NUM), ("=(-8)^(1/3)", NUM), ("=LN(0)", NUM), ("=10/4", 2.5),
    # comparisons: blank equals "" and 0; text is greater than numbers; case-insensitive
    ('=Z1=""', True), ("=Z1=0", True), ('="abc"="ABC"', True), ('="a">5', True),
    ("=TRUE>1", True), ('=A4<>"TEXT"', False), ('=A1<>""', True), ('=(1/0)=""', DIV0), ('="b"<"a"', False), ("=1<>1", False),
    # & concatenation with numbers in General format
    ('="x"&1.5', "x1.5"), ('=1&2', "12"), ('="a"&TRUE', "aTRUE"),
    # errors propagate, left first
    ("=1/0+NA()", DIV0), ("=NA()+1/0", NA), ("=IFERROR(1/0,7)", 7.0), ("=ISERROR(1/0)", True),
    ("=ISNA(NA())", True), ("=ISBLANK(Z1)", True), ("=ISNUMBER(A1)", True),
    # IF: the branch not taken does not matter; missing branches
    ("=IF(1,2,1/0)", 2.0), ("=IF(0,1/0,3)", 3.0), ("=IF(0,1)", False), ('=IF("x",1,2)', VALUE),
    # aggregates: references skip text/blank/booleans, typed-in scalars are coerced
    ("=SUM(A1:A4)", 6.0), ('=SUM("2",TRUE)', 3.0), ("=COUNT(A1:A4)", 3.0),
    ("=COUNTA(A1:A4)", 4.0), ("=COUNTBLANK(A1:A5)", 1.0), ("=AVERAGE(A1:A4)", 2.0),
    ("=AVERAGE(Z1:Z3)", DIV0), ("=MIN(A1:A4)", 1.0), ("=MAX(A1:A4,10)", 10.0),
    ("=MAX(Z1:Z3)", 0.0), ("=SUMSQ(A1:A3)", 14.0), ("=SUMPRODUCT(A1:A3,B1:B3)", 32.0),
    ("=SUMXMY2(A1:A3,B1:B3)", 27.0), ("=SUMX2MY2(A1:A3,B1:B3)", -63.0),
    ("=SUMX2PY2(A1:A3,B1:B3)", 91.0), ("=SUMXMY2(A1:A4,B1:B4)", 27.0),
    ("=SUM(A1:A3,#REF!)", REF), ("=SUMPRODUCT(A1:A3-B1:B3)", -9.0),
    ('=SUMPRODUCT((A1:A4<>"")*(B1:B4-A1:B4))', VALUE),
    ('=SUMPRODUCT((A1:A3>1)*(B1:B3-A1:A3)^2)', 18.0), ("=SUMXMY2(A1:A3*2,B1:B3)", 5.0),
    ("=MMULT(TRANSPOSE(A1:A3),B1:B3)", 32.0),
    # math
    ("=ROUND(2.675,2)", 2.68), ("=ROUND(-2.5,0)", -3.0), ("=ROUND(1234,-2)", 1200.0),
    ("=INT(-2.5)", -3.0), ("=MOD(-3,2)", 1.0), ("=MOD(3,-2)", -1.0), ("=MOD(1,0)", DIV0),
    ("=ABS(-3)", 3.0), ("=POWER(2,10)", 1024.0), ("=LOG(8,2)", 3.0), ("=LOG10(1000)", 3.0),
    ("=LOG(100)", 2.0), ("=EXP(0)", 1.0), ("=COS(PI())", -1.0), ("=SIN(0)", 0.0), ("=PI()", math.pi),
    # logic
    ("=AND(1,TRUE)", True), ("=OR(0,FALSE)", False), ("=NOT(0)", True), ("=AND(Z1:Z2)", VALUE),
    # lookups
    ("=MATCH(2.5,A1:A3)", 2.0), ("=MATCH(0,A1:A3)", NA), ('=MATCH("B*",C1:C3,0)', 2.0),
    ('=MATCH("bob",C1:C3,0)', 2.0), ('=MATCH("bz",C1:C3)', 2.0), ('=MATCH("a",C1:C3)', NA), ("=INDEX(A1:B3,2,2)", 5.0), ("=INDEX(A1:A3,3)", 3.0),
    ("=INDEX(A1:B3,4,1)", REF), ("=VLOOKUP(2,A1:B3,2,FALSE)", 5.0),
    ("=VLOOKUP(2.9,A1:B3,2)", 5.0), ("=VLOOKUP(2,A1:B3,3,FALSE)", REF), ("=VLOOKUP(9,A1:B3,2,FALSE)", NA),
    ("=HLOOKUP(2,A1:C1,1,FALSE)", NA), ('=SUMIF(A1:A3,">1",B1:B3)', 11.0),
    ('=COUNTIF(C1:C3,"b*")', 1.0), ('=AVERAGEIF(A1:A3,"<>2")', 2.0),
    ("=SUM(OFFSET(A1,1,0,2,1))", 5.0), ("=OFFSET(A1,2,1)", 6.0), ("=OFFSET(A1,-1,0)", REF),
    ("=ROWS(A1:B3)*10+COLUMNS(A1:B3)", 32.0), ("=CHOOSE(2,10,20,30)", 20.0),
    # conditional sums and counts with several criteria, order statistics, spread
    ('=SUMIFS(B1:B3,A1:A3,">1",C1:C3,"<>carol")', 5.0), ('=COUNTIFS(A1:A3,">=1",B1:B3,"<6")', 2.0),
    ('=AVERAGEIFS(B1:B3,A1:A3,">5")', DIV0), ('=SUMIF(A1:A4,"text",B1:B4)', 7.0),
    ("=MEDIAN(A1:A4,10)", 2.5), ("=STDEV.S(A1:A3)", 1.0), ("=STDEV(A1:A3)", 1.0),
    ("=VAR.P(A1:A3)", 2.0 / 3.0), ("=STDEV.S(A1)", DIV0), ("=LARGE(B1:B4,2)", 6.0),
    ("=SMALL(A1:A4,1)", 1.0), ("=LARGE(A1:A3,4)", NUM), ("=ROUNDUP(2.121,2)", 2.13),
    ("=ROUNDDOWN(-2.129,2)", -2.12), ("=IFS(A1>5,1,A2=2,2,TRUE,3)", 2.0), ("=IFS(A1>5,1)", NA),
    # names
    ("=rate*2", 0.2), ("=undefined_name+1", NAME),
    # text
    ('=LEN("hello")', 5.0), ('=UPPER("ab")', "AB"), ('=LEFT("hello",2)', "he"),
    ('=MID("hello",2,3)', "ell"), ('=CONCATENATE("a",1,TRUE)', "a1TRUE"),
]

DATA = {"A1": 1, "A2": 2, "A3": 3, "A4": "text", "B1": 4, "B2": 5, "B3": 6, "B4": 7,
        "C1": "alice", "C2": "Bob", "C3": "carol", "D9": 0.1}


@pytest.mark.parametrize("formula,expected", CASES)
def test_excel_semantics(make_book, formula, expected):
    cells = dict(DATA)
    cells["F1"] = formula
    v = calc(make_book, cells, names={"rate": "S!$D$9"})("F1")
    if isinstance(expected, float):
        assert isinstance(v, float) and not isinstance(v, bool)
        assert v == pytest.approx(expected, rel=1e-12, abs=1e-15)
    else:
        assert v is expected or (v == expected and type(v) is type(expected)), (formula, v)


def test_implicit_intersection_in_plain_formulas(make_book):
    v = calc(make_book, {"A1": 10, "A2": 20, "A3": 30, "C2": "=A1:A3*2", "C5": "=A1:A3*2"})
    assert v("C2") == 40.0       # same row as A2
    assert v("C5") is VALUE      # no intersection


def test_sheet_scoped_name_wins_over_workbook_name(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.workbook.defined_name import DefinedName
    wb = openpyxl.Workbook()
    a = wb.active
    a.title = "A"
    b = wb.create_sheet("B")
    a["A1"], b["A1"] = 1, 2
    a["B1"], b["B1"] = "=x*10", "=x*10"
    wb.defined_names["x"] = DefinedName("x", attr_text="A!$A$1")
    b.defined_names["x"] = DefinedName("x", attr_text="B!$A$1")
    p = tmp_path / "n.xlsx"
    wb.save(p)
    book = Book.open(p)
    book.recalc()
    assert book.value("A", "B1") == 10.0
    assert book.value("B", "B1") == 20.0


def test_cse_array_formula_fills_its_range(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.worksheet.formula import ArrayFormula
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for i, row in enumerate([[1, 2], [3, 4]], start=1):
        ws.cell(i, 1, row[0]); ws.cell(i, 2, row[1])
    ws["D1"] = ArrayFormula("D1:E2", "=MMULT(A1:B2,A1:B2)")
    ws["G1"] = ArrayFormula("G1:G3", "=TRANSPOSE(A1:B1)")
    ws["I1"] = ArrayFormula("I1", "=SUM(A1:A2*B1:B2)")
    p = tmp_path / "a.xlsx"
    wb.save(p)
    book = Book.open(p)
    book.recalc()
    got = [[book.value("S", f"{c}{r}") for c in "DE"] for r in (1, 2)]
    assert got == [[7.0, 10.0], [15.0, 22.0]]
    assert [book.value("S", f"G{r}") for r in (1, 2, 3)] == [1.0, 2.0, NA]
    assert book.value("S", "I1") == 14.0


def test_mmult_with_a_blank_is_value_error(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.worksheet.formula import ArrayFormula
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"], ws["B1"], ws["A2"] = 1, 2, 3     # B2 stays blank
    ws["D1"] = ArrayFormula("D1", "=MMULT(A1:B1,B1:B2)")
    p = tmp_path / "m.xlsx"
    wb.save(p)
    book = Book.open(p)
    book.recalc()
    assert book.value("S", "D1") is VALUE


def test_recurrence_down_a_column(make_book):
    cells = {"A1": 1}
    for r in range(2, 40):
        cells[f"A{r}"] = f"=A{r - 1}*1.5+B{r}"
        cells[f"B{r}"] = r
    v = calc(make_book, cells)
    x = 1.0
    for r in range(2, 40):
        x = x * 1.5 + r
    assert v("A39") == pytest.approx(x, rel=1e-15)


def test_gradient_matches_finite_differences(make_book):
    cells = {"A1": 0.3, "A2": 1.7, "A3": -0.4, "B1": 2.0, "B2": 0.5, "B3": 1.5,
             "C1": "=A1*B1+EXP(A2)/SQRT(B2)", "C2": "=IF(A3<0,A3^2,LN(A3))",
             "C3": "=SUMXMY2(A1:A3,B1:B3)+SUMPRODUCT(A1:A3,B1:B3)",
             "C4": "=MAX(A1:A3)*AVERAGE(C1:C3)-MIN(A1,B3)",
             "C5": '=SUMIF(E1:E2,">0",F1:F2)+SUMIFS(A1:A3,B1:B3,">1")*AVERAGEIF(B1:B3,"<1")',
             "D1": "=SUM(C1:C5)+VLOOKUP(2,E1:F2,2,FALSE)", "E1": 1, "E2": 2,
             "F1": "=A1*3", "F2": "=A2*A3"}
    book = Book.open(make_book({"S": cells}))
    eng = book.engine
    areas = [parse_area("S!A1:A3"), parse_area("S!B1:B3")]
    eng.recalc()
    g = eng.gradient(("S", 1, 4), areas)
    x0 = np.concatenate([eng.values(a).ravel() for a in areas])

    def f(x):
        eng.set_numbers(areas[0], x[:3])
        eng.set_numbers(areas[1], x[3:])
        eng.recalc()
        return eng.value("S", "D1")
    fd = np.array([(f(x0 + h) - f(x0 - h)) / 2e-6 for h in np.eye(6) * 1e-6])
    f(x0)
    np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-8)


def test_writing_past_the_used_range_grows_the_sheet(make_book):
    book = Book.open(make_book({"S": {"A1": 1, "B1": "=SUM(A1:A100)", "C1": "=A50*2"}}))
    book.recalc()
    assert book.value("S", "B1") == 1.0
    book.engine.set_value("S", "A50", 4.0)
    book.engine.set_numbers("S!A60:A61", [1.0, 2.0])
    book.recalc()
    assert book.value("S", "B1") == 8.0
    assert book.value("S", "C1") == 8.0


def test_values_that_stop_being_numbers_are_seen(make_book):
    """References remember that their cells were all numbers; a write must undo that."""
    book = Book.open(make_book({"S": {"A1": 1, "A2": 2, "A3": 3, "B1": "=SUM(A1:A3)",
                                      "C1": "=1/D1", "D1": 1, "E1": "=SUM(C1:C1)*2"}}))
    book.recalc()
    assert (book.value("S", "B1"), book.value("S", "E1")) == (6.0, 2.0)
    book.engine.set_value("S", "A2", "x")
    book.engine.set_value("S", "D1", 0)
    book.recalc()
    assert book.value("S", "B1") == 4.0
    assert book.value("S", "E1") is DIV0
    book.engine.set_value("S", "D1", 4)
    book.recalc()
    assert book.value("S", "E1") == 0.5
