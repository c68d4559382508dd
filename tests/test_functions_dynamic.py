"""Dynamic-array functions (SEQUENCE, SORT, SORTBY, UNIQUE, FILTER, RANDARRAY) and the
array shapers (TAKE, DROP, EXPAND, CHOOSECOLS, CHOOSEROWS, HSTACK, VSTACK, TOCOL, TOROW,
WRAPROWS, WRAPCOLS).

Expected arrays are the examples of Excel's help pages
(https://support.microsoft.com/en-us/excel/functions/<name>-function) or written out by
hand. Until the engine spills, each array result is read inside array-consuming
formulas: ROWS(), COLUMNS() and INDEX(f, r, c) for every element."""
from __future__ import annotations

import pytest

from sheetsolver.values import CALC, NA, NUM, VALUE

M = "{1,2,3;4,5,6;7,8,9}"   # the 3x3 array of the TAKE and DROP help pages


def _check_arrays(evaluate, cases, data=None):
    """cases: (formula body without '=', expected 2-D list). One workbook for all."""
    cells = dict(data or {})
    where = []
    k = 0
    for body, want in cases:
        k += 1
        cells[f"Z{k}"] = f"=ROWS({body})"
        k += 1
        cells[f"Z{k}"] = f"=COLUMNS({body})"
        pos = []
        for r, row in enumerate(want):
            for c, _ in enumerate(row):
                k += 1
                cells[f"Z{k}"] = f"=INDEX({body},{r + 1},{c + 1})"
                pos.append((r, c, f"Z{k}"))
        where.append((body, want, f"Z{k - len(pos) - 1}", f"Z{k - len(pos)}", pos))
    get = evaluate(cells)
    for body, want, rows_at, cols_at, pos in where:
        assert (get(rows_at), get(cols_at)) == (len(want), len(want[0])), body
        for r, c, ref in pos:
            got, exp = get(ref), want[r][c]
            if isinstance(exp, float):
                assert got == pytest.approx(exp, rel=1e-12), (body, r, c)
            else:
                assert got == exp or got is exp, (body, r, c, got, exp)


def test_shapers_help_page_examples(evaluate):
    cases = [
        # take-function
        (f"TAKE({M},2)", [[1., 2., 3.], [4., 5., 6.]]),
        (f"TAKE({M},,3)", [[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]]),
        (f"TAKE({M},-2)", [[4., 5., 6.], [7., 8., 9.]]),
        (f"TAKE({M},2,2)", [[1., 2.], [4., 5.]]),
        # drop-function
        (f"DROP({M},2,2)", [[9.]]),
        (f"DROP({M},2)", [[7., 8., 9.]]),
        (f"DROP({M},,2)", [[3.], [6.], [9.]]),
        (f"DROP({M},-2)", [[1., 2., 3.]]),
        # expand-function
        ("EXPAND({1,2;3,4},3,3)", [[1., 2., NA], [3., 4., NA], [NA, NA, NA]]),
        ("EXPAND({1,2;3,4},3,3,\"-\")", [[1., 2., "-"], [3., 4., "-"], ["-", "-", "-"]]),
        # choosecols-function / chooserows-function (negative counts from the end)
        (f"CHOOSECOLS({M},1,3,1)", [[1., 3., 1.], [4., 6., 4.], [7., 9., 7.]]),
        (f"CHOOSECOLS({M},-1)", [[3.], [6.], [9.]]),
        (f"CHOOSEROWS({M},{{3,1}})", [[7., 8., 9.], [1., 2., 3.]]),
        # hstack-function / vstack-function: the shorter array is padded with #N/A
        ("HSTACK({1,2;3,4},{5;6})", [[1., 2., 5.], [3., 4., 6.]]),
        ("HSTACK({1;2},{3})", [[1., 3.], [2., NA]]),
        ("VSTACK({1,2},{3,4;5,6})", [[1., 2.], [3., 4.], [5., 6.]]),
        ("VSTACK({1,2},{3})", [[1., 2.], [3., NA]]),
        # tocol-function / torow-function
        ("TOCOL({1,2;3,4})", [[1.], [2.], [3.], [4.]]),
        ("TOCOL({1,2;3,4},0,TRUE)", [[1.], [3.], [2.], [4.]]),
        ("TOROW({1,2;3,4})", [[1., 2., 3., 4.]]),
        ("TOCOL({1,#N/A;3,4},2)", [[1.], [3.], [4.]]),
        # wraprows-function / wrapcols-function: 7 items by 3
        ("WRAPROWS({\"A\",\"B\",\"C\",\"D\",\"E\",\"F\",\"G\"},3)",
         [["A", "B", "C"], ["D", "E", "F"], ["G", NA, NA]]),
        ("WRAPROWS({\"A\",\"B\",\"C\",\"D\",\"E\",\"F\",\"G\"},3,\"x\")",
         [["A", "B", "C"], ["D", "E", "F"], ["G", "x", "x"]]),
        ("WRAPCOLS({\"A\",\"B\",\"C\",\"D\",\"E\",\"F\",\"G\"},3)",
         [["A", "D", "G"], ["B", "E", NA], ["C", "F", NA]]),
    ]
    _check_arrays(evaluate, cases)


def test_sequence_sort_unique_filter(evaluate):
    data = {"A1": "Region", "B1": "Sales",
            "A2": "East", "B2": 30, "A3": "west", "B3": 10, "A4": "North", "B4": 20,
            "A5": "East", "B5": 40, "A6": "West", "B6": 10,
            "D1": 3, "D2": "b", "D3": True, "D4": 1, "D5": "A"}
    cases = [
        # sequence-function: SEQUENCE(4,5) is 1..20 row by row
        ("SEQUENCE(4,5)", [[float(5 * r + c + 1) for c in range(5)] for r in range(4)]),
        ("SEQUENCE(2,3,10,-2)", [[10., 8., 6.], [4., 2., 0.]]),
        ("SEQUENCE(3)", [[1.], [2.], [3.]]),
        # sort-function: ascending by one column; descending; by column
        ("SORT(B2:B6)", [[10.], [10.], [20.], [30.], [40.]]),
        ("SORT(A2:B6,2,-1)", [["East", 40.], ["East", 30.], ["North", 20.], ["west", 10.],
                              ["West", 10.]]),
        ("SORT({3,1,2},1,1,TRUE)", [[1., 2., 3.]]),
        # numbers < text (without case) < logicals, Excel's sort order
        ("SORT(D1:D5)", [[1.], [3.], ["A"], ["b"], [True]]),
        # two keys: region, then sales descending
        ("SORT(A2:B6,{1,2},{1,-1})", [["East", 40.], ["East", 30.], ["North", 20.],
                                      ["west", 10.], ["West", 10.]]),
        # sortby-function
        ("SORTBY(A2:A6,B2:B6)", [["west"], ["West"], ["North"], ["East"], ["East"]]),
        ("SORTBY(A2:A6,B2:B6,-1)", [["East"], ["East"], ["North"], ["west"], ["West"]]),
        ('SORTBY({"a","b","c"},{3,1,2})', [["b", "c", "a"]]),          # columns by a row
        # unique-function: text without case; exactly_once
        ("UNIQUE(A2:A6)", [["East"], ["west"], ["North"]]),
        ("UNIQUE(A2:A6,FALSE,TRUE)", [["North"]]),
        ("UNIQUE({1,1,2},TRUE)", [[1., 2.]]),
        ("UNIQUE(B2:B6)", [[30.], [10.], [20.], [40.]]),
        # filter-function
        ("FILTER(A2:B6,B2:B6>15)", [["East", 30.], ["North", 20.], ["East", 40.]]),
        ("FILTER(A2:B6,(A2:A6=\"east\")*(B2:B6>35))", [["East", 40.]]),
        ("FILTER(A2:B6,B2:B6>99,\"none\")", [["none"]]),
        ("FILTER({1,2,3},{TRUE,FALSE,TRUE})", [[1., 3.]]),
    ]
    _check_arrays(evaluate, cases, data)


def test_errors(evaluate):
    cases = {
        "A1": "=FILTER({1;2},{FALSE;FALSE})",     # nothing left, no if_empty
        "A2": "=FILTER({1;2;3},{TRUE;FALSE})",     # include of the wrong size
        "A3": "=SEQUENCE(0)",
        "A4": "=SEQUENCE(-1)",
        "A5": "=SORT({1;2},2)",                    # sort_index past the last column
        "A6": "=SORT({1;2},1,0)",                  # sort_order not 1 / -1
        "A7": f"=TAKE({M},0)",
        "A8": f"=DROP({M},3)",
        "A9": "=EXPAND({1,2;3,4},1)",              # smaller than the array
        "A10": f"=CHOOSECOLS({M},4)",
        "A11": f"=CHOOSEROWS({M},0)",
        "A12": "=WRAPROWS({1,2,3},0)",
        "A13": f"=WRAPROWS({M},2)",                # not a vector
        "A14": "=UNIQUE({1;1},FALSE,TRUE)",        # nothing occurs once
        "A15": "=TOCOL({1,2},4)",
        "A16": "=SORTBY({1;2;3},{1;2})",
        "A17": "=FILTER({1;2},{\"a\";TRUE})",
    }
    want = [CALC, VALUE, CALC, VALUE, VALUE, VALUE, CALC, CALC, VALUE, VALUE, VALUE, NUM,
            VALUE, CALC, VALUE, VALUE, VALUE]
    get = evaluate(cases)
    for k, w in enumerate(want, 1):
        assert get(f"A{k}") is w, (cases[f"A{k}"], get(f"A{k}"))


def test_randarray_range_and_shape(make_book):
    """RANDARRAY is volatile: computed afresh with --refresh-volatile (here a seed)."""
    from sheetsolver.book import Book
    cells = {"A1": "=ROWS(RANDARRAY(3,4))", "A2": "=COLUMNS(RANDARRAY(3,4))",
             "A3": "=MIN(RANDARRAY(50,1,5,6))", "A4": "=MAX(RANDARRAY(50,1,5,6))",
             "A5": "=SUMPRODUCT(--(MOD(RANDARRAY(40,1,1,3,TRUE),1)=0))",
             "A6": "=MAX(RANDARRAY(200,1,1,3,TRUE))", "A7": "=MIN(RANDARRAY(200,1,1,3,TRUE))",
             "A8": "=RANDARRAY(2,2,5,1)"}     # min > max
    book = Book.open(make_book({"S": cells}), refresh_volatile=True, seed=1)
    book.recalc()
    get = lambda ref: book.value("S", ref)  # noqa: E731
    assert (get("A1"), get("A2")) == (3, 4)
    assert 5 <= get("A3") <= get("A4") < 6
    assert get("A5") == 40
    assert (get("A6"), get("A7")) == (3, 1)   # 200 draws from {1, 2, 3}
    assert get("A8") is VALUE


def test_array_formula_range(make_book):
    """A CSE array range holding SEQUENCE gets one element per cell."""
    from openpyxl.worksheet.formula import ArrayFormula

    from sheetsolver.book import Book
    path = make_book({"S": {"A1": ArrayFormula("A1:B2", "=SEQUENCE(2,2,5)")}})
    book = Book.open(path)
    book.recalc()
    assert [book.value("S", r) for r in ("A1", "B1", "A2", "B2")] == [5, 6, 7, 8]


def test_gradients_follow_moved_values(make_book):
    """The solver's gradients through functions that rearrange values: by hand, each
    output element's derivative is 1 with respect to the cell it came from."""
    from sheetsolver.book import Book
    cells = {"A1": 1, "A2": 0, "A3": 1, "A4": 0,
             "B1": 3, "B2": 1, "B3": 4, "B4": 2,
             "C1": "=SUMPRODUCT(SORT(B1:B4),{1;0;0;10})",              # min + 10 max
             "C2": "=SUM(FILTER(B1:B4,A1:A4>0))",                       # B1 + B3
             "C3": "=SUMPRODUCT(TAKE(B1:B4,-2),{2;3})",                 # 2 B3 + 3 B4
             "C4": "=SUM(SEQUENCE(3,1,B1,B2))",                         # 3 B1 + 3 B2
             "C5": "=SUMPRODUCT(HSTACK(B1:B2,B3:B4),{1,2;1,2})",       # B1+B2+2B3+2B4
             "C6": "=LOOKUP(2.5,B2:B3*0+{1;2},B2:B3)*5",               # 5 B3
             "C7": "=SUM(UNIQUE(B1:B4))",                               # all distinct
             "C8": "=SUMPRODUCT(SORTBY(B1:B4,A1:A4,-1,B1:B4,1),{1;0;0;0})"}  # B1: A=1, smallest
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    eng = book.engine
    area = eng.area("S!B1:B4")
    want = {1: [0, 1, 10, 0], 2: [1, 0, 1, 0], 3: [0, 0, 2, 3], 4: [3, 3, 0, 0],
            5: [1, 1, 2, 2], 6: [0, 0, 5, 0], 7: [1, 1, 1, 1], 8: [1, 0, 0, 0]}
    values = {1: 1 + 40, 2: 7, 3: 14, 4: 3 * 3 + 3 * 1, 5: 3 + 1 + 8 + 4, 6: 20, 7: 10, 8: 3}
    for row, w in want.items():
        assert book.value("S", f"C{row}") == values[row], row
        g = [float(x) for x in eng.gradient(("S", row, 3), [area])]
        assert g == w, (cells[f"C{row}"], g)
