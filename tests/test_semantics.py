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


def _sheet_s():
    """A new openpyxl workbook, its one sheet "S", and openpyxl's ArrayFormula."""
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.worksheet.formula import ArrayFormula
    wb = openpyxl.Workbook()
    wb.active.title = "S"
    return wb, wb.active, ArrayFormula


def _recalculated(wb, path):
    """``wb`` saved to ``path``, opened and recalculated."""
    wb.save(path)
    book = Book.open(path)
    book.recalc()
    return book


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
    book = _recalculated(wb, tmp_path / "n.xlsx")
    assert book.value("A", "B1") == 10.0
    assert book.value("B", "B1") == 20.0


def test_cse_array_formula_fills_its_range(tmp_path):
    wb, ws, ArrayFormula = _sheet_s()
    for i, row in enumerate([[1, 2], [3, 4]], start=1):
        ws.cell(i, 1, row[0]); ws.cell(i, 2, row[1])
    ws["D1"] = ArrayFormula("D1:E2", "=MMULT(A1:B2,A1:B2)")
    ws["G1"] = ArrayFormula("G1:G3", "=TRANSPOSE(A1:B1)")
    ws["I1"] = ArrayFormula("I1", "=SUM(A1:A2*B1:B2)")
    book = _recalculated(wb, tmp_path / "a.xlsx")
    got = [[book.value("S", f"{c}{r}") for c in "DE"] for r in (1, 2)]
    assert got == [[7.0, 10.0], [15.0, 22.0]]
    assert [book.value("S", f"G{r}") for r in (1, 2, 3)] == [1.0, 2.0, NA]
    assert book.value("S", "I1") == 14.0


def test_mmult_with_a_blank_is_value_error(tmp_path):
    wb, ws, ArrayFormula = _sheet_s()
    ws["A1"], ws["B1"], ws["A2"] = 1, 2, 3     # B2 stays blank
    ws["D1"] = ArrayFormula("D1", "=MMULT(A1:B1,B1:B2)")
    book = _recalculated(wb, tmp_path / "m.xlsx")
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


# --- divergences from Excel found in issue #9, each with Excel's answer ---------------------
# Expected values: Excel's help pages (cited) or hand computation.

def _chain(cells: dict, first_row: int, formulas: list[str], col="H"):
    """Formulas in single cells of different shapes, one per row: a run of >= 4 such
    groups is compiled to straight-line Python (scalar.plan_segments)."""
    for k, f in enumerate(formulas):
        cells[f"{col}{first_row + k}"] = f
    return cells


def test_zero_to_the_zero_is_num_on_every_path(make_book):
    # POWER help page: https://support.microsoft.com/en-us/office/power-function-d3f2908b-56f4-4c3f-895a-07fb519c362a
    cells = {"A1": 0, "B1": 0, "A2": 0, "B2": 0, "A3": 0, "B3": -1}
    for r in (1, 2, 3):
        cells[f"C{r}"] = f"=A{r}^B{r}"            # one group of 3 cells: the array path
    _chain(cells, 1, ["=A1^B1", "=H1+1", "=2*H2", "=H3-1", "=A3^B3", "=POWER(A3,B3)"])
    v = calc(make_book, cells)
    assert v("C1") is NUM and v("C2") is NUM and v("C3") is DIV0
    assert v("H1") is NUM and v("H4") is NUM
    assert v("H5") is DIV0 and v("H6") is DIV0


def test_power_of_zero_to_a_negative_is_div0_in_power_and_caret(make_book):
    v = calc(make_book, {"A1": "=POWER(0,-1)", "A2": "=0^-1", "A3": "=POWER(0,0)",
                         "A4": "=POWER(-8,1/3)", "A5": "=POWER(5,2)"})
    assert (v("A1"), v("A2"), v("A3"), v("A4"), v("A5")) == (DIV0, DIV0, NUM, NUM, 25.0)


def test_countif_tilde_escapes_a_wildcard_like_match(make_book):
    # COUNTIF help page: "~" before * or ? finds the character itself
    v = calc(make_book, {"A1": "a*b", "A2": "axb", "A3": "a~*b",
                         "B1": '=COUNTIF(A1:A3,"a~*b")', "B2": '=MATCH("a~*b",A1:A3,0)',
                         "B3": '=COUNTIF(A1:A3,"a*b")', "B4": '=SUMIF(A1:A3,"a~*b",C1:C3)',
                         "C1": 5, "C2": 7, "C3": 11})
    assert (v("B1"), v("B2"), v("B3"), v("B4")) == (1.0, 1.0, 3.0, 5.0)


@pytest.mark.parametrize("formula,expected", [
    ('="1_000"+1', VALUE), ('="inf"+1', VALUE), ('="nan"*1', VALUE), ('="1,000"+1', 1001.0),
    ('=" 12 "*2', 24.0), ('="50%"*2', 1.0), ('=VALUE("1_000")', VALUE), ('=VALUE(TRUE)', VALUE),
    ('=VALUE("$1,000")', 1000.0), ('=-"3"', -3.0),
])
def test_text_to_number_is_excels_not_pythons(make_book, formula, expected):
    # VALUE help page: https://support.microsoft.com/en-us/office/value-function-257d0108-07dc-437d-ae1c-bc2d3953d8c2
    v = calc(make_book, {"A1": formula})("A1")
    assert v == expected and type(v) is type(expected)


@pytest.mark.parametrize("formula,expected", [
    ("=ROUND(1.05*(0.0284+0.0046)-0.0284, 4)", 0.0063),   # 0.00625 as Excel shows it
    ("=ROUNDUP(0.1+0.2, 1)", 0.3),                        # 0.30000000000000004 shows as 0.3
    ("=ROUNDDOWN(0.7*3, 1)", 2.1),                        # 2.0999999999999996 shows as 2.1
    ("=ROUND(2.5, 0)", 3.0), ("=ROUND(-1.475, 2)", -1.48),
    # ROUND help page examples: https://support.microsoft.com/en-us/office/round-function-c018c5d8-40fb-4053-90b1-b3e7f61a213c
    ("=ROUND(2.15, 1)", 2.2), ("=ROUND(2.149, 1)", 2.1), ("=ROUND(-1.475, 2)", -1.48),
    ("=ROUND(21.5, -1)", 20.0), ("=ROUND(626.3,-3)", 1000.0), ("=ROUND(1.98,-1)", 0.0),
    ("=ROUND(-50.55,-2)", -100.0),
    # ROUNDUP / ROUNDDOWN help page examples
    ("=ROUNDUP(3.2,0)", 4.0), ("=ROUNDUP(76.9,0)", 77.0), ("=ROUNDUP(3.14159, 3)", 3.142),
    ("=ROUNDUP(-3.14159, 1)", -3.2), ("=ROUNDUP(31415.92654, -2)", 31500.0),
    ("=ROUNDDOWN(3.2, 0)", 3.0), ("=ROUNDDOWN(76.9,0)", 76.0), ("=ROUNDDOWN(3.14159, 3)", 3.141),
    ("=ROUNDDOWN(-3.14159, 1)", -3.1), ("=ROUNDDOWN(31415.92654, -2)", 31400.0),
])
def test_round_rounds_the_value_as_excel_shows_it(make_book, formula, expected):
    v = calc(make_book, {"A1": formula})("A1")
    assert v == pytest.approx(expected, rel=1e-15)


def test_sumif_propagates_an_error_in_the_cells_it_adds(make_book):
    # Q2:Q4 = 1, 3, 5 and S2:S4 = 1, #DIV/0!, 2: the cell next to 3 is added and is an error
    cells = {"Q2": 1, "Q3": 3, "Q4": 5, "S2": 1, "S3": "=1/0", "S4": 2,
             "A1": '=SUMIF(Q2:Q4,">2",S2:S4)', "A2": '=SUMIF(Q2:Q4,"<2",S2:S4)',
             "A3": '=AVERAGEIF(Q2:Q4,">2",S2:S4)', "A4": '=SUMIFS(S2:S4,Q2:Q4,">4")',
             "A5": '=COUNTIF(S2:S4,">0")', "A6": '=SUMIF(S2:S4,">0")'}
    v = calc(make_book, cells)
    # errors only matter in cells that are added; COUNTIF never adds, an error cell
    # in the criteria range just does not match
    assert (v("A1"), v("A2"), v("A3"), v("A4"), v("A5"), v("A6")) == \
        (DIV0, 1.0, DIV0, 2.0, 2.0, 3.0)


def test_criteria_arrays_lift(make_book):
    # SUMIF help page: SUM(SUMIF(range, {"a","b"}, sum_range)) adds both criteria's sums
    cells = {"A1": "a", "A2": "b", "A3": "a", "A4": "c", "A5": "b",
             "B1": 10, "B2": 20, "B3": 30, "B4": 40, "B5": 100,
             "D1": '=SUM(SUMIF(A1:A5,{"a","b"},B1:B5))',       # 40 + 120
             "D2": '=SUM(COUNTIF(A1:A5,{"a","b"}))',          # 2 + 2
             "D3": '=SUM(SUMIFS(B1:B5,A1:A5,{"a";"c"}))',     # 40 + 40
             "D4": '=SUM(COUNTIFS(A1:A5,{"a","b","c"},B1:B5,">15"))',   # 1 + 2 + 1
             "D5": '=SUM(AVERAGEIF(A1:A5,{"a","b"},B1:B5))',  # 20 + 60
             "D6": '=SUMIF(A1:A5,"b",B1:B5)'}
    v = calc(make_book, cells)
    assert (v("D1"), v("D2"), v("D3"), v("D4"), v("D5"), v("D6")) == \
        (160.0, 4.0, 80.0, 4.0, 80.0, 120.0)


def test_small_and_large_take_each_rows_own_k(make_book):
    # SMALL help page: https://support.microsoft.com/en-us/office/small-function-17da8222-7c82-42b2-961b-14c45384df07
    data = [-5, 2, 7, 3, 10, 4]
    cells = {f"A{i + 1}": x for i, x in enumerate(data)}
    for r in range(1, 7):
        cells[f"B{r}"] = r
        cells[f"C{r}"] = f"=SMALL($A$1:$A$6,B{r})"
        cells[f"D{r}"] = f"=LARGE($A$1:$A$6,B{r})"
    cells.update({"E1": "=SUM(SMALL(A1:A6,{1,2}))", "E2": "=SMALL(A1:A6,7)",
                  "E3": "=LARGE(A1:A6,0)", "F1": True, "F2": "9", "F3": 1, "F4": 8,
                  "E4": "=SMALL(F1:F4,1)", "E5": "=LARGE(F1:F4,2)", "E6": "=SMALL(F1:F4,3)"})
    v = calc(make_book, cells)
    assert [v(f"C{r}") for r in range(1, 7)] == sorted(map(float, data))
    assert [v(f"D{r}") for r in range(1, 7)] == sorted(map(float, data), reverse=True)
    # booleans and text in a range are skipped (help page: "empty cells, logical values,
    # or text in the range are ignored")
    assert (v("E1"), v("E2"), v("E3"), v("E4"), v("E5"), v("E6")) == (-3.0, NUM, NUM, 1.0, 1.0, NUM)


def test_small_help_page_examples(make_book):
    # https://support.microsoft.com/en-us/office/small-function-17da8222-7c82-42b2-961b-14c45384df07
    a = [3, 4, 5, 2, 3, 4, 5, 6, 4, 7]
    b = [1, 4, 8, 3, 7, 12, 54, 8, 23]
    cells = {f"A{i + 1}": x for i, x in enumerate(a)}
    cells.update({f"B{i + 1}": x for i, x in enumerate(b)})
    cells.update({"C1": "=SMALL(A1:A10,4)", "C2": "=SMALL(B1:B9,2)",
                  "C3": "=LARGE(A1:A10,3)", "C4": "=LARGE(A1:A10,7)"})
    v = calc(make_book, cells)
    assert (v("C1"), v("C2"), v("C3"), v("C4")) == (4.0, 3.0, 5.0, 4.0)


@pytest.mark.parametrize("formula,expected", [
    ("=LOG(10,1)", DIV0), ("=LOG(1,1)", DIV0), ("=LOG(0,1)", NUM), ("=LOG(8,2)", 3.0),
    ("=LOG(86,2.7182818)", 4.454347), ("=LOG(-1)", NUM), ("=LOG(10,0)", NUM), ("=LOG(10)", 1.0),
])
def test_log_edge_cases(make_book, formula, expected):
    # LOG help page: https://support.microsoft.com/en-us/office/log-function-4e82f196-1ca9-4747-8fb0-6c4a3abb3280
    v = calc(make_book, {"A1": formula})("A1")
    if isinstance(expected, float):
        assert v == pytest.approx(expected, rel=1e-6)
    else:
        assert v is expected


def test_lookups_propagate_argument_errors(make_book):
    cells = {"A1": 1, "B1": 2, "C1": 3, "A2": "x", "B2": "y", "C2": "z", "E1": "=1/0",
             "F1": '=HLOOKUP(2,A1:C2,2,E1)', "F2": '=HLOOKUP(E1,A1:C2,2)',
             "F3": '=HLOOKUP(2,A1:C2,E1)', "F4": '=VLOOKUP(2,A1:C2,1,E1)',
             "F5": '=HLOOKUP(2,A1:C2,2,FALSE)', "F6": '=HLOOKUP(2,E1,1)',
             "F7": '=HLOOKUP(2,A1:C2,2,"maybe")', "F8": '=HLOOKUP(2,A1:C2,2,"FALSE")'}
    v = calc(make_book, cells)
    assert (v("F1"), v("F2"), v("F3"), v("F4")) == (DIV0, DIV0, DIV0, DIV0)
    assert (v("F5"), v("F6"), v("F7"), v("F8")) == ("y", DIV0, VALUE, "y")


def test_hlookup_help_page_examples(make_book):
    # https://support.microsoft.com/en-us/office/hlookup-function-a3034eec-b719-4ba3-bb65-e1ad662ed95f
    cells = {"A1": "Axles", "B1": "Bearings", "C1": "Bolts", "A2": 4, "B2": 4, "C2": 9,
             "A3": 5, "B3": 7, "C3": 10, "A4": 6, "B4": 8, "C4": 11,
             "E1": '=HLOOKUP("Axles",A1:C4,2,TRUE)', "E2": '=HLOOKUP("Bearings",A1:C4,3,FALSE)',
             "E3": '=HLOOKUP("B",A1:C4,3,TRUE)', "E4": '=HLOOKUP("Bolts",A1:C4,4)',
             "E5": '=HLOOKUP(3,{1,2,3;"a","b","c";"d","e","f"},2,TRUE)'}
    v = calc(make_book, cells)
    assert (v("E1"), v("E2"), v("E3"), v("E4"), v("E5")) == (4.0, 7.0, 5.0, 11.0, "c")


def test_reads_past_a_sheets_used_range_are_blank_on_the_straight_line_path(tmp_path):
    """The 2018 graddesc crash: a chain of >= 4 single-cell formula groups reading cells
    past the last used row/column of another sheet (scalar.py IndexError)."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    d = wb.active
    d.title = "Data"
    d["A1"], d["B1"] = 1, 2                 # used range A1:B1
    s = wb.create_sheet("S")
    s["A1"] = "=Data!F1+1"                  # past the last column
    s["A2"] = "=A1*2+Data!B9"               # past the last row
    s["A3"] = "=A2-Data!Z99"
    s["A4"] = "=A3/4"
    s["A5"] = "=A4+Data!A1"
    p = tmp_path / "past.xlsx"
    wb.save(p)
    book = Book.open(p)
    from sheetsolver.engine.scalar import Segment
    assert any(isinstance(st, Segment) for st in book.engine.steps)
    book.recalc()
    assert [book.value("S", f"A{r}") for r in range(1, 6)] == [1.0, 2.0, 2.0, 0.5, 1.5]


@pytest.mark.parametrize("formula,expected", [
    # errors: the first argument's error wins in aggregates (left to right, then row-major)
    ("=SUM(E1:E2,1/0)", NA), ("=SUM(1/0,E1:E2)", DIV0), ("=MAX(E2,E1)", DIV0),
    ("=AVERAGE(E1:E2)", NA), ("=COUNT(E1:E2,1,\"2\",TRUE)", 3.0),
    # booleans and text in references are skipped; typed in, they count
    ("=MAX(G1:G3)", 0.0), ("=MAX(G1:G3,TRUE)", 1.0), ('=MIN(G1:G3,"-2")', -2.0),
    ("=SUM(G1:G3)", 0.0), ("=SUM(G1:G3,\"5\")", 5.0), ('=SUM("x")', VALUE),
    ('=AVERAGE(G1:G3,4)', 4.0), ("=COUNTA(G1:G4)", 3.0), ("=COUNTBLANK(G1:G5)", 2.0),
    # criteria: blanks and empty text
    ('=COUNTIF(G1:G5,"")', 2.0), ('=COUNTIF(G1:G5,"=")', 1.0), ('=COUNTIF(G1:G5,"<>")', 4.0),
    ("=COUNTIF(G1:G5,Z99)", 0.0), ('=COUNTIF(G1:G5,"5")', 1.0), ('=COUNTIF(G1:G5,5)', 1.0),
    ('=COUNTIF(G1:G5,">4")', 0.0), ('=COUNTIF(E1:E2,"#N/A")', 1.0),
    # text functions take their counts as numbers
    ('=LEFT("hello","2")', "he"), ('=LEFT("hello",Z99)', ""), ('=LEFT("hello")', "h"), ('=LEFT("hello",1/0)', DIV0), ('=MID("hello",0,2)', VALUE),
    ('=RIGHT(12345,2)', "45"), ('=LEN(0.1+0.2)', 3.0), ('=TRIM("  a   b ")', "a b"),
    # AND/OR: text and blanks in references are ignored (#VALUE! when no logical is
    # left: https://support.microsoft.com/en-us/office/and-function-5f19b2e8-e1df-4408-897a-ce285a19e9d9)
    ('=OR(G2:G4)', VALUE), ('=AND(G1:G4)', True), ('=AND("a",TRUE)', VALUE),
    ('=AND("TRUE",1)', True), ('=OR("false",0)', False), ('=AND(TRUE,E2)', DIV0),
    # comparisons never convert
    ('=G3=5', False), ('=G1=TRUE', True), ('=G4=""', True), ('=G4=0', True), ('=G5=""', True),
])
def test_more_of_the_same_kind(make_book, formula, expected):
    cells = {"E1": "=NA()", "E2": "=1/0", "G1": True, "G2": "x", "G3": "5", "G5": '=""',
             "A1": formula}
    v = calc(make_book, cells)("A1")
    assert v is expected or (v == expected and type(v) is type(expected)), (formula, v)


def test_every_function_has_a_category_and_an_excel_help_page():
    from sheetsolver.engine.functions import lift
    own = ("ABS EXP LN LOG LOG10 POWER SQRT ROUND ROUNDUP ROUNDDOWN INT MOD SIGN PI SIN COS TAN "
           "SUM SUMSQ SUMPRODUCT SUMXMY2 SUMX2MY2 SUMX2PY2 MMULT TRANSPOSE RAND RANDBETWEEN "
           "AVERAGE COUNT COUNTA COUNTBLANK MIN MAX MEDIAN LARGE SMALL STDEV STDEV.S STDEV.P VAR "
           "VAR.S VAR.P SUMIF SUMIFS COUNTIF COUNTIFS AVERAGEIF AVERAGEIFS MATCH INDEX OFFSET "
           "VLOOKUP HLOOKUP CHOOSE ROW ROWS COLUMN COLUMNS SINGLE IF IFS IFERROR AND OR NOT TRUE "
           "FALSE ISBLANK ISNUMBER ISTEXT ISNONTEXT ISLOGICAL ISERROR ISERR ISNA NA CONCATENATE "
           "LEN LEFT RIGHT MID UPPER LOWER TRIM VALUE").split()
    assert len(own) == 85
    for name in own:
        assert lift.CATEGORIES[name], name
        url = lift.HELP[name]
        assert url.startswith("https://support.microsoft.com/en-us/office/"), name
        slug = name.lower().replace(".", "-")
        assert slug in url or name in ("SINGLE",) or name.startswith("IS"), (name, url)


def test_number_lists_intersect_like_sum_in_plain_formulas(tmp_path):
    """A cell stored without the array flag is a legacy formula: Excel intersects a range
    used where one value is expected, as dynamic-array Excel shows with an inserted '@'
    (support.microsoft.com/en-us/office/implicit-intersection-operator-ce3be07b-0101-4450-
    a24e-c1c999be2b34: "your formulas will continue to calculate the same way"). So ABS(range)
    inside any number list (SUM, AVERAGE, MAX, GEOMEAN, PRODUCT, DEVSQ, ...) is one value:
    the cell in the formula's row, #VALUE! outside the range; as a CSE array formula the
    whole range. Hand values: A1:A3 = 1, 3, 8."""
    wb, ws, ArrayFormula = _sheet_s()
    from openpyxl.utils import get_column_letter
    for r, v in enumerate([1, 3, 8], start=1):
        ws.cell(r, 1, v)
    names = ["SUM", "AVERAGE", "MAX", "GEOMEAN", "PRODUCT", "HARMEAN"]
    for k, f in enumerate(names):
        col = get_column_letter(3 + k)
        ws[f"{col}2"] = f"={f}(ABS(A1:A3)+1)"                     # row 2: A2 = 3
        ws[f"{col}5"] = f"={f}(ABS(A1:A3)+1)"                     # row 5: outside A1:A3
        ws[f"{col}6"] = ArrayFormula(f"{col}6", f"={f}(ABS(A1:A3)+1)")
    book = _recalculated(wb, tmp_path / "ii.xlsx")
    whole = {"SUM": 2 + 4 + 9, "AVERAGE": 15 / 3, "MAX": 9, "GEOMEAN": (2 * 4 * 9) ** (1 / 3),
             "PRODUCT": 72, "HARMEAN": 3 / (1 / 2 + 1 / 4 + 1 / 9)}
    for k, f in enumerate(names):
        col = get_column_letter(3 + k)
        assert book.value("S", f"{col}2") == pytest.approx(4.0), f
        assert book.value("S", f"{col}5") is VALUE, f
        assert book.value("S", f"{col}6") == pytest.approx(whole[f], rel=1e-12), f
