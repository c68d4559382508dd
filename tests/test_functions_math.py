"""Math & Trig functions of math_more.py (and SUBTOTAL/AGGREGATE of math_subtotal.py).

Expected values are the examples of each function's Excel help page (URL per group,
https://support.microsoft.com/en-us/office/<function>-function-...), or closed forms
computed here with Python's math module, independently of the code under test.
"""
from __future__ import annotations

import math

import pytest

from sheetsolver.values import DIV0, NUM, VALUE

from _function_cases import Shown, documented_examples, registered_test

MS = "https://support.microsoft.com/en-us/office/"


# (formula, expected); a float compares to within half a unit of its last written digit
# (the precision the help page shows), closed forms computed here to rel 1e-12.
CASES = [
    # acos-function: ACOS(-0.5) = 2.094395102 (2*pi/3); DEGREES(ACOS(-0.5)) = 120
    ("=ACOS(-0.5)", 2 * math.pi / 3), ("=ACOS(-0.5)*180/PI()", 120.0), ("=ACOS(2)", NUM),
    # acosh-function: ACOSH(1) = 0, ACOSH(10) = 2.9932228
    ("=ACOSH(1)", 0.0), ("=ACOSH(10)", Shown("2.9932228")), ("=ACOSH(0.5)", NUM),
    # acot-function: ACOT(2) = 0.4636
    ("=ACOT(2)", math.atan(0.5)),
    # acoth-function: ACOTH(6) = 0.168
    ("=ACOTH(6)", 0.5 * math.log(7 / 5)), ("=ACOTH(0.5)", NUM),
    # asin-function: ASIN(-0.5) = -0.523598776 (-pi/6)
    ("=ASIN(-0.5)", -math.pi / 6), ("=ASIN(-1.5)", NUM),
    # asinh-function: ASINH(-2.5) = -1.647231146, ASINH(10) = 2.99822295
    ("=ASINH(-2.5)", Shown("-1.647231146")), ("=ASINH(10)", Shown("2.99822295")),
    # atan-function: ATAN(1) = 0.785398163 (pi/4)
    ("=ATAN(1)", math.pi / 4),
    # atan2-function: ATAN2(1, 1) = 0.785398163, ATAN2(-1, -1) = -2.35619449 (-3pi/4)
    ("=ATAN2(1,1)", math.pi / 4), ("=ATAN2(-1,-1)", -3 * math.pi / 4), ("=ATAN2(0,0)", DIV0),
    # atanh-function: ATANH(0.76159416) = 1.00000, ATANH(-0.1) = -0.100335348
    ("=ATANH(0.76159416)", Shown("1.00000")), ("=ATANH(-0.1)", Shown("-0.100335348")),
    ("=ATANH(1)", NUM),
    # cosh-function: COSH(4) = 27.308233, COSH(EXP(1)) = 7.6101251
    ("=COSH(4)", Shown("27.308233")), ("=COSH(EXP(1))", Shown("7.6101251")), ("=COSH(1000)", NUM),
    # cot-function: COT(30) = -0.156, COT(A1) with A1 = 45 -> 0.617
    ("=COT(30)", 1 / math.tan(30)), ("=COT(45)", 1 / math.tan(45)), ("=COT(0)", DIV0),
    ("=COT(2^27)", NUM),
    # coth-function: COTH(2) = 1.037
    ("=COTH(2)", 1 / math.tanh(2)), ("=COTH(0)", DIV0),
    # csc-function: CSC(15) = 1.538
    ("=CSC(15)", 1 / math.sin(15)), ("=CSC(0)", DIV0),
    # csch-function: CSCH(1.5) = 0.4696
    ("=CSCH(1.5)", 1 / math.sinh(1.5)), ("=CSCH(0)", DIV0), ("=CSCH(800)", 0.0),
    # sec-function: SEC(45) = 1.90359, SEC(30) = 6.48292
    ("=SEC(45)", Shown("1.90359")), ("=SEC(30)", Shown("6.48292")), ("=SEC(2^27)", NUM),
    # sech-function: SECH(45) = 5.73e-20
    ("=SECH(45)", 1 / math.cosh(45)), ("=SECH(800)", 0.0), ("=COTH(800)", 1.0),
    # sinh-function: 2.868*SINH(0.0342*1.03) = 0.1010491
    ("=2.868*SINH(0.0342*1.03)", Shown("0.1010491")),
    # tanh-function: TANH(-2) = -0.96402758, TANH(0) = 0, TANH(0.5) = 0.462117157
    ("=TANH(-2)", Shown("-0.96402758")), ("=TANH(0)", 0.0), ("=TANH(0.5)", Shown("0.462117157")),
    # degrees-function: DEGREES(PI()) = 180; radians-function: RADIANS(270) = 4.712389
    ("=DEGREES(PI())", 180.0), ("=RADIANS(270)", 3 * math.pi / 2), ("=DEGREES(\"x\")", VALUE),
    # sqrtpi-function: SQRTPI(1) = 1.772454, SQRTPI(2) = 2.506628
    ("=SQRTPI(1)", math.sqrt(math.pi)), ("=SQRTPI(2)", math.sqrt(2 * math.pi)),
    ("=SQRTPI(-1)", NUM),
    # ceiling-function examples
    ("=CEILING(2.5,1)", 3.0), ("=CEILING(-2.5,-2)", -4.0), ("=CEILING(-2.5,2)", -2.0),
    ("=CEILING(1.5,0.1)", 1.5), ("=CEILING(0.234,0.01)", 0.24), ("=CEILING(2.5,-2)", NUM),
    # floor-function examples
    ("=FLOOR(3.7,2)", 2.0), ("=FLOOR(-2.5,-2)", -2.0), ("=FLOOR(2.5,-2)", NUM),
    ("=FLOOR(1.58,0.1)", 1.5), ("=FLOOR(0.234,0.01)", 0.23), ("=FLOOR(-2.5,2)", -4.0),
    ("=FLOOR(3,0)", DIV0),
    # ceiling-math-function examples
    ("=CEILING.MATH(24.3,5)", 25.0), ("=CEILING.MATH(6.7)", 7.0),
    ("=CEILING.MATH(-8.1,2)", -8.0), ("=CEILING.MATH(-5.5,2,-1)", -6.0),
    ("=CEILING.MATH(\"a\")", VALUE),
    # floor-math-function examples
    ("=FLOOR.MATH(24.3,5)", 20.0), ("=FLOOR.MATH(6.7)", 6.0), ("=FLOOR.MATH(-8.1,2)", -10.0),
    ("=FLOOR.MATH(-5.5,2,-1)", -4.0),
    # ceiling-precise-function examples
    ("=CEILING.PRECISE(4.3)", 5.0), ("=CEILING.PRECISE(-4.3)", -4.0),
    ("=CEILING.PRECISE(4.3,2)", 6.0), ("=CEILING.PRECISE(4.3,-2)", 6.0),
    ("=CEILING.PRECISE(-4.3,2)", -4.0), ("=CEILING.PRECISE(-4.3,-2)", -4.0),
    # iso-ceiling-function examples
    ("=ISO.CEILING(4.3)", 5.0), ("=ISO.CEILING(-4.3)", -4.0), ("=ISO.CEILING(4.3,2)", 6.0),
    ("=ISO.CEILING(4.3,-2)", 6.0), ("=ISO.CEILING(-4.3,2)", -4.0),
    ("=ISO.CEILING(-4.3,-2)", -4.0),
    # floor-precise-function examples
    ("=FLOOR.PRECISE(-3.2,-1)", -4.0), ("=FLOOR.PRECISE(3.2,1)", 3.0),
    ("=FLOOR.PRECISE(-3.2,1)", -4.0), ("=FLOOR.PRECISE(3.2,-1)", 3.0),
    ("=FLOOR.PRECISE(3.2)", 3.0),
    # mround-function examples
    ("=MROUND(10,3)", 9.0), ("=MROUND(-10,-3)", -9.0), ("=MROUND(1.3,0.2)", 1.4),
    ("=MROUND(5,-2)", NUM),
    # even-function / odd-function examples
    ("=EVEN(1.5)", 2.0), ("=EVEN(3)", 4.0), ("=EVEN(2)", 2.0), ("=EVEN(-1)", -2.0),
    ("=EVEN(\"x\")", VALUE),
    ("=ODD(1.5)", 3.0), ("=ODD(3)", 3.0), ("=ODD(2)", 3.0), ("=ODD(-1)", -1.0),
    ("=ODD(-2)", -3.0), ("=ODD(0)", 1.0),
    # trunc-function examples
    ("=TRUNC(8.9)", 8.0), ("=TRUNC(-8.9)", -8.0), ("=TRUNC(0.45)", 0.0),
    ("=TRUNC(1234.567,-2)", 1200.0), ("=TRUNC(2.675,2)", 2.67),
    # quotient-function examples
    ("=QUOTIENT(5,2)", 2.0), ("=QUOTIENT(4.5,3.1)", 1.0), ("=QUOTIENT(-10,3)", -3.0),
    ("=QUOTIENT(1,0)", DIV0),
    # fact-function examples
    ("=FACT(5)", 120.0), ("=FACT(1.9)", 1.0), ("=FACT(0)", 1.0), ("=FACT(-1)", NUM),
    ("=FACT(1)", 1.0), ("=FACT(171)", NUM),
    # factdouble-function examples
    ("=FACTDOUBLE(6)", 48.0), ("=FACTDOUBLE(7)", 105.0), ("=FACTDOUBLE(-2)", NUM),
    # combin-function: COMBIN(8,2) = 28; combina-function: COMBINA(4,3) = 20, (10,3) = 220
    ("=COMBIN(8,2)", 28.0), ("=COMBIN(2,8)", NUM), ("=COMBIN(-1,0)", NUM),
    ("=COMBINA(4,3)", 20.0), ("=COMBINA(10,3)", 220.0), ("=COMBINA(-1,2)", NUM),
    # gcd-function examples
    ("=GCD(5,2)", 1.0), ("=GCD(24,36)", 12.0), ("=GCD(7,1)", 1.0), ("=GCD(5,0)", 5.0),
    ("=GCD(5,-1)", NUM),
    # lcm-function examples
    ("=LCM(5,2)", 10.0), ("=LCM(24,36)", 72.0), ("=LCM(-1,2)", NUM),
    # multinomial-function: MULTINOMIAL(2,3,4) = 1260
    ("=MULTINOMIAL(2,3,4)", 1260.0), ("=MULTINOMIAL(-1,2)", NUM),
    # product-function: with A2:A4 = 5, 15, 30 (see CELLS below)
    ("=PRODUCT(5,15,30)", 2250.0), ("=PRODUCT(\"x\",2)", VALUE), ("=PRODUCT(\"3\",2)", 6.0),
    # seriessum-function: x = PI()/4, coefficients 1, -1/2!, 1/4!, -1/6! -> 0.70710321
    ("=SERIESSUM(PI()/4,0,2,{1,-0.5,0.041666667,-0.001388889})", Shown("0.70710321")),
    ("=SERIESSUM(2,1,1,{1,\"a\"})", VALUE),
    # base-function examples
    ("=BASE(7,2)", "111"), ("=BASE(100,16)", "64"), ("=BASE(15,2,10)", "0000001111"),
    ("=BASE(-1,2)", NUM), ("=BASE(7,37)", NUM), ("=BASE(0,2)", "0"),
    # decimal-function examples
    ("=DECIMAL(\"FF\",16)", 255.0), ("=DECIMAL(111,2)", 7.0), ("=DECIMAL(\"zap\",36)", 45745.0),
    ("=DECIMAL(\"12\",2)", NUM), ("=DECIMAL(\"1\",37)", NUM),
    # roman-function examples (499 in each form)
    ("=ROMAN(499,0)", "CDXCIX"), ("=ROMAN(499,1)", "LDVLIV"), ("=ROMAN(499,2)", "XDIX"),
    ("=ROMAN(499,3)", "VDIV"), ("=ROMAN(499,4)", "ID"), ("=ROMAN(2013,0)", "MMXIII"),
    ("=ROMAN(499,TRUE)", "CDXCIX"), ("=ROMAN(499,FALSE)", "ID"), ("=ROMAN(1999)", "MCMXCIX"),
    ("=ROMAN(4000)", VALUE), ("=ROMAN(-1)", VALUE), ("=ROMAN(0)", ""),
    # arabic-function examples
    ("=ARABIC(\"LVII\")", 57.0), ("=ARABIC(\"mcmxii\")", 1912.0), ("=ARABIC(\"\")", 0.0),
    ("=ARABIC(\"-MMXI\")", -2011.0), ("=ARABIC(\"ABC\")", VALUE),
    # mdeterm-function examples
    ("=MDETERM({1,3,8,5;1,3,6,1;1,1,1,0;7,3,10,2})", 88.0),
    ("=MDETERM({3,6,1;1,1,0;3,10,2})", 1.0),
    ("=MDETERM({3,6;1,1})", -3.0), ("=MDETERM({1,3,8,5;1,3,6,1})", VALUE),
    # minverse-function examples (read back with INDEX)
    ("=INDEX(MINVERSE({4,-1;2,0}),1,2)", 0.5), ("=INDEX(MINVERSE({4,-1;2,0}),2,1)", -1.0),
    ("=INDEX(MINVERSE({4,-1;2,0}),2,2)", 2.0), ("=INDEX(MINVERSE({4,-1;2,0}),1,1)", 0.0),
    ("=INDEX(MINVERSE({1,2,1;3,4,-1;0,2,0}),1,3)", -0.75),
    ("=INDEX(MINVERSE({1,2,1;3,4,-1;0,2,0}),3,1)", 0.75),
    ("=MINVERSE({1,2;2,4})", NUM), ("=MINVERSE({1,2,3})", VALUE),
    # munit-function: MUNIT(3) is the 3x3 identity
    ("=INDEX(MUNIT(3),2,2)", 1.0), ("=INDEX(MUNIT(3),2,3)", 0.0), ("=SUM(MUNIT(3))", 3.0),
    ("=MUNIT(0)", VALUE),
]


# all CASES in one workbook (one recalculation), a test per case
results, test_documented_examples = documented_examples(CASES, "math")


def test_product_of_a_range_and_its_gradient(evaluate, make_book):
    # product-function: A2:A4 = 5, 15, 30; PRODUCT(A2:A4) = 2250, PRODUCT(A2:A4, 2) = 4500
    get = evaluate({"A2": 5, "A3": 15, "A4": 30, "A5": "text",
                    "B1": "=PRODUCT(A2:A4)", "B2": "=PRODUCT(A2:A4,2)", "B3": "=A2*A3*A4",
                    "B4": "=PRODUCT(A2:A5)"})
    assert get("B1") == 2250.0 and get("B2") == 4500.0 and get("B3") == 2250.0
    assert get("B4") == 2250.0          # text in a reference is skipped, as SUM does
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": {"A1": 2.0, "A2": 3.0, "A3": 0.0, "A4": 7.0,
                                      "B1": "=PRODUCT(A1:A2,A4,A1)", "B2": "=PRODUCT(A1:A4)"}},
                               name="pg.xlsx"))
    book.recalc()
    eng = book.engine
    area = eng.area("S!A1:A4")
    # d/dA1 of A1*A2*A4*A1 = 2*A1*A2*A4 = 84; d/dA2 = A1^2*A4 = 28; d/dA4 = A1^2*A2 = 12
    g = eng.gradient(("S", 1, 2), [area])
    assert [float(x) for x in g.ravel()] == pytest.approx([84.0, 28.0, 0.0, 12.0])
    # with a zero among the factors the partial of that cell is the product of the others
    g = eng.gradient(("S", 2, 2), [area])
    assert [float(x) for x in g.ravel()] == pytest.approx([0.0, 0.0, 42.0, 0.0])


def test_trig_gradients(make_book):
    """deriv= of a few functions against closed forms (d/dx tanh = 1 - tanh^2, ...)."""
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": {"A1": 0.3, "B1": "=TANH(A1)", "B2": "=ASIN(A1)",
                                      "B3": "=ATAN2(A1,2)", "B4": "=SINH(A1)"}}, name="tg.xlsx"))
    book.recalc()
    eng = book.engine
    area = eng.area("S!A1:A1")
    x = 0.3
    for row, want in [(1, 1 - math.tanh(x) ** 2), (2, 1 / math.sqrt(1 - x * x)),
                      (3, -2 / (x * x + 4)), (4, math.cosh(x))]:
        g = eng.gradient(("S", row, 2), [area])
        assert float(g.ravel()[0]) == pytest.approx(want, rel=1e-12)


# subtotal-function: A2:A5 = 120, 10, 150, 23; SUBTOTAL(9,A2:A5) = 303, SUBTOTAL(1,A2:A5) = 75.75
# aggregate-function: A1:A11 = #DIV/0!, 72, 30, #NUM!, 31, 96, 32, 81, 33, 53, 34 and
# B1:B11 = 82, 65, 95, 63, 53, 71, 55, 83, 100, 91, 89: AGGREGATE(4,6,A1:A11) = 96,
# AGGREGATE(14,6,A1:A11,3) = 72, AGGREGATE(15,6,A1:A11) = #VALUE!,
# AGGREGATE(12,6,A1:A11,B1:B11) = 68, MAX(A1:A2) = #DIV/0!
def test_subtotal_and_aggregate_examples(evaluate):
    a = ["=1/0", 72, 30, "=SQRT(-1)", 31, 96, 32, 81, 33, 53, 34]
    b = [82, 65, 95, 63, 53, 71, 55, 83, 100, 91, 89]
    cells = {f"A{i}": x for i, x in enumerate(a, 1)}
    cells.update({f"B{i}": x for i, x in enumerate(b, 1)})
    cells.update({"D2": 120, "D3": 10, "D4": 150, "D5": 23,
                  "E1": "=SUBTOTAL(9,D2:D5)", "E2": "=SUBTOTAL(1,D2:D5)",
                  "E3": "=SUBTOTAL(109,D2:D5)", "E4": "=SUBTOTAL(4,D2:D5)",
                  "E5": "=SUBTOTAL(2,D2:D5,A1:A11)", "E6": "=SUBTOTAL(9,A1:A11)",
                  "E7": "=SUBTOTAL(12,D2:D5)",
                  "F1": "=AGGREGATE(4,6,A1:A11)", "F2": "=AGGREGATE(14,6,A1:A11,3)",
                  "F3": "=AGGREGATE(15,6,A1:A11)", "F4": "=AGGREGATE(12,6,A1:A11,B1:B11)",
                  "F5": "=AGGREGATE(4,4,A1:A11)", "F6": "=AGGREGATE(20,6,A1:A11)"})
    get = evaluate(cells)
    assert get("E1") == 303.0 and get("E2") == 75.75 and get("E3") == 303.0
    assert get("E4") == 150.0
    assert get("E5") == 4.0 + 9.0           # COUNT skips the two errors
    assert get("E6") == DIV0                 # SUM meets #DIV/0! first
    assert get("E7") == VALUE                # 12 is not a SUBTOTAL function number
    assert get("F1") == 96.0 and get("F2") == 72.0 and get("F3") == VALUE
    assert get("F4") == 68.0
    assert get("F5") == DIV0                 # option 4 ignores nothing
    assert get("F6") == VALUE


def test_aggregate_statistics_by_hand(evaluate):
    # numbers 1, 2, 4, 4, 9 (+ a text cell); hand-computed statistics
    cells = {"A1": 1, "A2": 2, "A3": 4, "A4": 4, "A5": 9, "A6": "x"}
    forms = {1: 4.0, 2: 5.0, 3: 6.0, 4: 9.0, 5: 1.0, 6: 288.0, 9: 20.0, 12: 4.0, 13: 4.0,
             7: math.sqrt(9.5), 8: math.sqrt(7.6), 10: 9.5, 11: 7.6}
    for k, f in enumerate(forms, 1):
        cells[f"C{k}"] = f"=AGGREGATE({f},4,A1:A6)"
    # PERCENTILE.INC(0.25): rank 0.25*4 = 1 -> 2; QUARTILE.INC(3) = 4;
    # PERCENTILE.EXC(0.25): rank 0.25*6 = 1.5 -> 1.5; QUARTILE.EXC(3): rank 4.5 -> 6.5
    extra = {"D1": ("=AGGREGATE(16,4,A1:A6,0.25)", 2.0), "D2": ("=AGGREGATE(17,4,A1:A6,3)", 4.0),
             "D3": ("=AGGREGATE(18,4,A1:A6,0.25)", 1.5), "D4": ("=AGGREGATE(19,4,A1:A6,3)", 6.5),
             "D5": ("=AGGREGATE(15,4,A1:A6,2)", 2.0), "D6": ("=AGGREGATE(19,4,A1:A6,4)", NUM),
             "D7": ("=AGGREGATE(14,4,A1:A6,6)", NUM)}
    cells.update({k: f for k, (f, _) in extra.items()})
    get = evaluate(cells)
    for k, want in enumerate(forms.values(), 1):
        assert get(f"C{k}") == pytest.approx(want, rel=1e-12), k
    for k, (_, want) in extra.items():
        assert get(k) == want, k


def test_nested_subtotals_are_skipped(evaluate):
    # Excel: SUBTOTAL/AGGREGATE ignore cells of their ranges that are SUBTOTAL/AGGREGATE
    # formulas themselves; a plain SUM of the same range counts them.
    get = evaluate({"A1": 1, "A2": 2, "A3": "=SUBTOTAL(9,A1:A2)", "A4": 10,
                    "A5": "=1+AGGREGATE(9,0,A4)",
                    "B1": "=SUBTOTAL(9,A1:A5)", "B2": "=SUM(A1:A5)",
                    "B3": "=AGGREGATE(9,0,A1:A5)", "B4": "=AGGREGATE(9,4,A1:A5)"})
    assert get("A3") == 3.0 and get("A5") == 11.0
    assert get("B1") == 13.0 and get("B3") == 13.0
    assert get("B2") == 27.0 and get("B4") == 27.0


def test_hidden_and_filtered_rows(tmp_path):
    """subtotal-function: 101-111 leave out hidden rows, 1-11 only rows a filter hid;
    aggregate-function: options 1, 3, 5, 7 leave out hidden rows. By hand: A2:A7 hold
    1, 2, 4, 8, 16, 32 with rows 3 and 6 hidden by hand; the AutoFilter A10:A14 (header
    A10) holds 100, 200, 400, 800 with row 12 hidden, i.e. filtered out."""
    openpyxl = pytest.importorskip("openpyxl")
    from sheetsolver.book import Book
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for r, x in zip(range(2, 8), [1, 2, 4, 8, 16, 32]):
        ws[f"A{r}"] = x
    ws["A10"] = "head"
    for r, x in zip(range(11, 15), [100, 200, 400, 800]):
        ws[f"A{r}"] = x
    ws.auto_filter.ref = "A10:A14"
    from openpyxl.worksheet.table import Table
    ws["E20"] = "h"             # a table E20:E24 (its filter): 1, 2, 4, 8, row 22 hidden
    for r, x in zip(range(21, 25), [1, 2, 4, 8]):
        ws[f"E{r}"] = x
    ws.add_table(Table(ref="E20:E24", displayName="T1"))
    for r in (3, 6, 12, 22):    # 2 and 16 hidden by hand; 200 and 2 hidden by filters
        ws.row_dimensions[r].hidden = True
    forms = {"C1": "=SUBTOTAL(9,A2:A7)", "C2": "=SUBTOTAL(109,A2:A7)",
             "C3": "=SUBTOTAL(9,A11:A14)", "C4": "=SUBTOTAL(109,A11:A14)",
             "C5": "=AGGREGATE(9,5,A2:A7)", "C6": "=AGGREGATE(9,4,A2:A7)",
             "C7": "=AGGREGATE(14,7,A2:A7,1)", "C8": "=SUBTOTAL(102,A2:A14)",
             "C9": "=SUBTOTAL(9,E21:E24)"}
    for k, f in forms.items():
        ws[k] = f
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    book = Book.open(path)
    book.recalc()
    got = {k: book.value("S", k) for k in forms}
    assert got == {"C1": 63.0, "C2": 45.0, "C3": 1300.0, "C4": 1300.0, "C5": 45.0,
                   "C6": 63.0, "C7": 32.0, "C8": 7.0, "C9": 13.0}


def test_matrix_gradients(make_book):
    """d det/dA = det * inv(A)^T, and for B = inv(A): d sum(B) / dA_jk =
    -(column sum j of B) * (row sum k of B); by hand for A = [[4, -1], [2, 1]]
    (det 6, B = [[1, 1], [-2, 4]] / 6)."""
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": {"A1": 4.0, "B1": -1.0, "A2": 2.0, "B2": 1.0,
                                      "D1": "=MDETERM(A1:B2)",
                                      "D2": "=SUM(MINVERSE(A1:B2))"}}, name="mg.xlsx"))
    book.recalc()
    eng = book.engine
    assert book.value("S", "D1") == pytest.approx(6.0, rel=1e-12)
    assert book.value("S", "D2") == pytest.approx(4 / 6, rel=1e-12)
    area = eng.area("S!A1:B2")
    # det = a d - b c: partials (d, -c, -b, a) = (1, -2, 1, 4)
    assert [float(x) for x in eng.gradient(("S", 1, 4), [area]).ravel()] == \
        pytest.approx([1.0, -2.0, 1.0, 4.0], rel=1e-12)
    inv = [[1 / 6, 1 / 6], [-2 / 6, 4 / 6]]
    col = [inv[0][j] + inv[1][j] for j in range(2)]
    row = [inv[k][0] + inv[k][1] for k in range(2)]
    want = [-col[j] * row[k] for j in range(2) for k in range(2)]
    assert [float(x) for x in eng.gradient(("S", 2, 4), [area]).ravel()] == \
        pytest.approx(want, rel=1e-12)


def test_subtotal_gradient(make_book):
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": {"A1": 1.0, "A2": 2.0, "A3": 3.0, "A4": "t",
                                      "B1": "=SUBTOTAL(9,A1:A4)*2",
                                      "B2": "=AGGREGATE(1,6,A1:A3,A1)",
                                      "B3": "=SUBTOTAL(104,A1:A3)", "B4": "=SUBTOTAL(5,A1:A3)",
                                      "B5": "=SUBTOTAL(6,A1:A3)", "B6": "=SUBTOTAL(7,A1:A3)"}},
                               name="sg.xlsx"))
    book.recalc()
    eng = book.engine
    area = eng.area("S!A1:A3")

    def grad(row):
        return [float(x) for x in eng.gradient(("S", row, 2), [area]).ravel()]
    assert grad(1) == [2.0, 2.0, 2.0]
    assert grad(2) == pytest.approx([0.5, 0.25, 0.25])   # AVERAGE of A1, A2, A3, A1
    assert grad(3) == [0.0, 0.0, 1.0] and grad(4) == [1.0, 0.0, 0.0]   # MAX, MIN
    assert grad(5) == [6.0, 3.0, 2.0]                    # d(A1*A2*A3)
    from sheetsolver.engine.nodes import NotDifferentiable
    with pytest.raises(NotDifferentiable):               # STDEV.S: no gradient defined
        eng.gradient(("S", 6, 2), [area])


def test_filled_down_formulas_are_evaluated_per_row(evaluate):
    """One formula shape over six rows is one batched evaluation; each row by hand."""
    cells = {}
    for i in range(1, 7):
        cells[f"A{i}"] = i
        cells[f"B{i}"] = f"=SUBTOTAL(9,A{i}:A{i + 1})"
        cells[f"C{i}"] = f"=PRODUCT(A{i}:A{i + 1})"
        cells[f"D{i}"] = f"=AGGREGATE(14,6,A{i}:A{i + 2},2)"
        cells[f"E{i}"] = f"=FACT(A{i})"
        cells[f"F{i}"] = f"=MROUND(A{i}*7,3)"
    get = evaluate(cells)
    # A7 and A8 are blank: the last rows see fewer numbers
    assert [get(f"B{i}") for i in range(1, 7)] == [3.0, 5.0, 7.0, 9.0, 11.0, 6.0]
    assert [get(f"C{i}") for i in range(1, 7)] == [2.0, 6.0, 12.0, 20.0, 30.0, 6.0]
    assert [get(f"D{i}") for i in range(1, 7)] == [2.0, 3.0, 4.0, 5.0, 5.0, NUM]
    assert [get(f"E{i}") for i in range(1, 7)] == [1.0, 2.0, 6.0, 24.0, 120.0, 720.0]
    # 7, 14, 21, 28, 35, 42 to the nearest multiple of 3 (halves cannot occur)
    assert [get(f"F{i}") for i in range(1, 7)] == [6.0, 15.0, 21.0, 27.0, 36.0, 42.0]


test_registered_with_category_and_help_page = registered_test(
    "ACOS ACOSH ACOT ACOTH AGGREGATE ARABIC ASIN ASINH ATAN ATAN2 ATANH BASE CEILING "
    "CEILING.MATH CEILING.PRECISE ISO.CEILING COMBIN COMBINA COSH COT COTH CSC CSCH DECIMAL "
    "DEGREES EVEN FACT FACTDOUBLE FLOOR FLOOR.MATH FLOOR.PRECISE GCD LCM MDETERM MINVERSE "
    "MROUND MULTINOMIAL MUNIT ODD PRODUCT QUOTIENT RADIANS ROMAN SEC SECH SERIESSUM SINH "
    "SQRTPI SUBTOTAL TANH TRUNC", "Math & Trig")


def test_aggregate_array_argument_outside_array_formulas(evaluate):
    # AGGREGATE(14..19) takes an array expression in a plain formula: the errors of the
    # division (rows that are not "x") are ignored with option 6. Values by hand:
    # the "x" rows hold 5, 7, 3.
    cells = {}
    for i, (a, b) in enumerate([(5, "x"), (9, "y"), (7, "x"), (3, "x"), (8, "y")], 1):
        cells[f"A{i}"], cells[f"B{i}"] = a, b
    cells.update({"D1": '=AGGREGATE(14,6,A1:A5/(B1:B5="x"),1)',
                  "D2": '=AGGREGATE(15,6,A1:A5/(B1:B5="x"),2)',
                  "D3": '=AGGREGATE(14,4,A1:A5/(B1:B5="x"),1)'})
    get = evaluate(cells)
    assert get("D1") == 7.0 and get("D2") == 5.0 and get("D3") == DIV0
