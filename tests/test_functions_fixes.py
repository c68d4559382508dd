"""Regression tests for function-library bugs found by the cross-checks (F.TEST and GAUSS
accuracy, ROWS/COLUMNS of an error, ...); every expected value is computed here
independently (mpmath at 50 digits, a Taylor series by hand, Excel's help pages)."""
from __future__ import annotations

import math

import mpmath
import pytest

from sheetsolver.values import DIV0, NA


def test_gauss_keeps_its_digits_near_zero(evaluate):
    # GAUSS(z) = P(0 <= Z <= z) = z/sqrt(2 pi) * (1 - z^2/6 + ...): at 1e-10 the series'
    # first term is exact to 1e-21 relative (help page: gauss-function-069f1b4e-...)
    assert evaluate("=GAUSS(1e-10)") == pytest.approx(1e-10 / math.sqrt(2 * math.pi), rel=1e-14)
    assert evaluate("=GAUSS(-1e-8)") == pytest.approx(-1e-8 / math.sqrt(2 * math.pi), rel=1e-14)
    assert evaluate("=GAUSS(2)") == pytest.approx(0.47725, abs=5e-6)   # help page example


def _f_test_exact(x, y):
    """Two-tailed F-test p-value at 50 digits: regularised incomplete beta (mpmath)."""
    mpmath.mp.dps = 50
    x, y = [mpmath.mpf(v) for v in x], [mpmath.mpf(v) for v in y]

    def var(v):
        m = sum(v) / len(v)
        return sum((t - m) ** 2 for t in v) / (len(v) - 1)
    d1, d2 = len(x) - 1, len(y) - 1
    f = var(x) / var(y)
    lower = mpmath.betainc(d1 / mpmath.mpf(2), d2 / mpmath.mpf(2), 0, d1 * f / (d1 * f + d2),
                           regularized=True)
    return float(2 * min(lower, 1 - lower))


def test_f_test_small_p_value_to_full_precision(evaluate):
    x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    y = [100, -50, 80, -120, 30, 150, -90, 60, -10, 200]
    cells = {f"A{i + 1}": v for i, v in enumerate(x)}
    cells.update({f"B{i + 1}": v for i, v in enumerate(y)})
    cells.update({"C1": "=F.TEST(A1:A10,B1:B10)", "C2": "=FTEST(B1:B10,A1:A10)"})
    get = evaluate(cells)
    want = _f_test_exact(x, y)
    assert want < 1e-6
    assert get("C1") == pytest.approx(want, rel=1e-12)
    assert get("C2") == pytest.approx(want, rel=1e-12)
    # help page example (f-test-function-100a59e7-...): 0.64831785
    assert evaluate("=F.TEST({6,7,9,15,21},{20,28,31,38,40})") == pytest.approx(0.64831785,
                                                                               abs=5e-9)


def test_rows_and_columns_of_an_error_are_the_error(evaluate):
    # an error argument propagates (Excel's rule for any function argument that is an
    # error value); an array that merely holds an error still has its size
    get = evaluate({"A1": "=ROWS(NA())", "A2": "=COLUMNS(1/0)", "A3": "=ROWS({1;2;3})",
                    "A4": "=COLUMNS({1,2})", "A5": "=ROWS(B1:B4)", "A6": "=ROWS(#N/A)"})
    assert get("A1") is NA and get("A2") is DIV0 and get("A6") is NA
    assert (get("A3"), get("A4"), get("A5")) == (3.0, 2.0, 4.0)


def _grad(make_book, cells, target, area):
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    eng = book.engine
    return book, eng.gradient(("S",) + target, [eng.area(area)])


def test_index_of_a_computed_array_routes_the_gradient(make_book):
    import numpy as np
    a = np.array([[4.0, 7.0], [2.0, 6.0]])
    cells = {"A1": 4.0, "B1": 7.0, "A2": 2.0, "B2": 6.0,
             "D1": "=INDEX(MINVERSE(A1:B2),1,2)",
             "D2": "=INDEX(SORT(A1:A2*3),2)",
             "D3": "=INDEX(A1:B2*A1:B2,2,1)"}
    book, g = _grad(make_book, cells, (1, 4), "S!A1:B2")
    inv = np.linalg.inv(a)
    assert book.value("S", "D1") == pytest.approx(inv[0, 1], rel=1e-12)
    # d(A^-1)_{01} / dA_{kl} = -(A^-1)_{0k} (A^-1)_{l1}  (hand derivation of d inv)
    want = [-inv[0, k] * inv[l, 1] for k in range(2) for l in range(2)]
    assert np.asarray(g) == pytest.approx(want, rel=1e-6)
    _, g2 = _grad(make_book, cells, (2, 4), "S!A1:B2")
    # SORT({12;6}) = {6;12}: the second element is 3*A1
    assert np.asarray(g2) == pytest.approx([3.0, 0.0, 0.0, 0.0])
    book3, g3 = _grad(make_book, cells, (3, 4), "S!A1:B2")
    assert book3.value("S", "D3") == 4.0
    assert np.asarray(g3) == pytest.approx([0.0, 0.0, 4.0, 0.0])   # d(A2^2) = 2*A2


SUMIF_HELP = ("https://support.microsoft.com/en-us/office/"
              "sumif-function-169b8c99-c05c-4483-a712-1697a653039b")


def test_sumif_sum_range_of_another_size_takes_ranges_shape(evaluate):
    """SUMIF's help page (SUMIF_HELP, remarks): the cells added start at sum_range's
    top-left cell and take range's size and shape: SUMIF(A1:A5,"x",B1:B3) adds B1:B5
    where A is "x"; SUMIF(A1:A3,"x",B1:B5) adds only B1:B3. Hand sums below."""
    cells = {"A1": "x", "A2": "y", "A3": "x", "A4": "x", "A5": "y",
             "B1": 1, "B2": 10, "B3": 100, "B4": 1000, "B5": 10000,
             "C1": "=SUMIF(A1:A5,\"x\",B1:B3)",          # B1+B3+B4
             "C2": "=SUMIF(A1:A3,\"x\",B1:B5)",          # B1+B3
             "C3": "=SUMIF(A1:A5,\"x\",B1)",             # B1+B3+B4
             "C4": "=AVERAGEIF(A1:A5,\"x\",B1:B2)",      # (1+100+1000)/3
             "C5": "=SUMIF(A1:A5,\"y\",D1)",             # D2+D5, computed cells below
             "D2": "=B2*2", "D5": "=B5+C2"}
    get = evaluate(cells)
    assert get("C1") == 1101.0
    assert get("C2") == 101.0
    assert get("C3") == 1101.0
    assert get("C4") == pytest.approx(1101.0 / 3, rel=1e-15)
    assert get("C5") == 20.0 + 10101.0


def test_sumif_resized_sum_range_gradient(make_book):
    import numpy as np
    cells = {"A1": "x", "A2": "y", "A3": "x", "B1": 2.0, "B2": 3.0, "B3": 5.0,
             "C1": "=SUMIF(A1:A3,\"x\",B1)*AVERAGEIF(A1:A3,\"x\",B1:B2)"}
    book, g = _grad(make_book, cells, (1, 3), "S!B1:B3")
    # f = (B1+B3) * (B1+B3)/2 = (B1+B3)^2/2: df/dB1 = df/dB3 = B1+B3 = 7, df/dB2 = 0
    assert book.value("S", "C1") == pytest.approx(24.5)
    assert np.asarray(g) == pytest.approx([7.0, 0.0, 7.0])


def test_sumif_resized_sum_range_filled_down(evaluate):
    """The same SUMIF filled down a column (one batched formula group): each copy's sum
    range starts at its own top-left cell (SUMIF_HELP). A1:A4 = x, y, x, y; B = row number."""
    cells = {}
    for r in range(1, 11):
        cells[f"A{r}"] = "x" if r % 2 else "y"
        cells[f"B{r}"] = float(r)
        cells[f"C{r}"] = 10.0 * r
    for r in range(1, 6):
        cells[f"E{r}"] = f'=SUMIF($A$1:$A$4,"x",B{r})'
        cells[f"F{r}"] = f'=AVERAGEIF($A$1:$A$4,"y",B{r}:C{r})'
    get = evaluate(cells)
    for r in range(1, 6):
        assert get(f"E{r}") == r + (r + 2)                 # rows 1 and 3 of B r..r+3
        assert get(f"F{r}") == ((r + 1) + (r + 3)) / 2     # rows 2 and 4
