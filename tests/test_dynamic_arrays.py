"""Dynamic arrays: spilling from the anchor over the result's size, #SPILL!, A1#,
LET/LAMBDA, and function-name prefixes. Expected values are hand computations of
Excel's documented rules (https://support.microsoft.com/en-us/office/dynamic-array-
formulas-and-spilled-array-behavior-205c6b06-03ba-4151-89a1-87a7eb36e531)."""
from __future__ import annotations

import pytest

from sheetsolver.book import Book
from sheetsolver.formula.parser import parse
from sheetsolver.values import ExcelError

from _raw_book import write_book


def _book(tmp_path, extra=None, n=3, name="d.xlsx"):
    cells = {
        "A1": n,
        # the dynamic formula as Excel 365 writes it: array formula + cm, cached spill
        "B1": {"f": "_xlfn.SEQUENCE(A1)", "t": "array", "fref": "B1:B3", "cm": 1, "v": 1},
        "B2": 2, "B3": 3,
        "C1": {"f": "SUM(_xlfn.ANCHORARRAY(B1))", "v": 6},
        "D4": {"f": "B4*10", "v": 0},
        "E1": {"f": "ROWS(_xlfn.ANCHORARRAY(B1))", "v": 3},
    }
    cells.update(extra or {})
    return Book.open(write_book(tmp_path / name, {"S": cells}, dynamic=True))


def _resized(tmp_path, n):
    """The book with A1 (the SEQUENCE's length) set to ``n``, recalculated."""
    book = _book(tmp_path)
    book.engine.set_value("S", "A1", n)
    book.recalc()
    return book


def _assert_spill(book, column_b, total, area):
    """B1 down holds ``column_b``, C1 (the SUM over B1#) is ``total``, the spill is ``area``."""
    assert [book.value("S", f"B{r}") for r in range(1, len(column_b) + 1)] == column_b
    assert book.value("S", "C1") == total
    assert book.engine.spills()[0][1].a1() == area


def test_spill_matches_the_cached_range(tmp_path):
    book = _book(tmp_path)
    book.recalc()
    _assert_spill(book, [1.0, 2.0, 3.0], 6.0, "S!B1:B3")
    assert book.value("S", "E1") == 3.0


def test_spill_grows_and_dependents_follow(tmp_path):
    book = _resized(tmp_path, 5)
    _assert_spill(book, [1.0, 2.0, 3.0, 4.0, 5.0], 15.0, "S!B1:B5")     # C1: 1+2+3+4+5
    assert book.value("S", "E1") == 5.0
    assert book.value("S", "D4") == 40.0          # B4 was outside the first spill range


def test_spill_shrinks_and_frees_cells(tmp_path):
    _assert_spill(_resized(tmp_path, 2), [1.0, 2.0, None], 3.0, "S!B1:B2")


def test_spill_past_the_used_range(tmp_path):
    book = _resized(tmp_path, 300)
    assert book.value("S", "B300") == 300.0
    assert book.value("S", "C1") == 300 * 301 / 2


def test_blocked_spill_is_spill_error(tmp_path):
    book = _book(tmp_path, {"B5": "x"})
    book.recalc()
    assert book.value("S", "B3") == 3.0           # 3 rows fit above B5
    book.engine.set_value("S", "A1", 5)
    book.recalc()
    assert book.value("S", "B1") == ExcelError("#SPILL!")
    assert book.value("S", "B2") is None and book.value("S", "B3") is None
    assert isinstance(book.value("S", "C1"), ExcelError)
    book.engine.set_value("S", "B5", None)        # unblock: it spills again
    book.recalc()
    assert book.value("S", "B5") == 5.0 and book.value("S", "C1") == 15.0


def test_spill_blocked_by_another_formula(tmp_path):
    book = _book(tmp_path, {"B4": {"f": "A1+1", "v": 4}})
    book.engine.set_value("S", "A1", 4)
    book.recalc()
    assert book.value("S", "B1") == ExcelError("#SPILL!")
    assert book.value("S", "B4") == 5.0


def test_row_result_spills_right_and_scalar_result_is_one_cell(tmp_path):
    book = _book(tmp_path, {"G1": {"f": "_xlfn.SEQUENCE(1,3)", "t": "array", "fref": "G1", "cm": 1,
                                   "v": 1},
                            "G3": {"f": "_xlfn.SEQUENCE(0)", "t": "array", "fref": "G3", "cm": 1,
                                   "v": "#CALC!"}})
    book.recalc()
    assert [book.value("S", c + "1") for c in "GHI"] == [1.0, 2.0, 3.0]
    assert book.value("S", "G3") == ExcelError("#CALC!")


def test_plain_formula_keeps_implicit_intersection(tmp_path):
    # not a dynamic-array formula (no cm): Excel before 365 shows the first element
    book = _book(tmp_path, {"G1": {"f": "_xlfn.SEQUENCE(4)", "v": 1}})
    book.recalc()
    assert book.value("S", "G1") == 1.0 and book.value("S", "G2") is None


def test_spill_reference_syntax():
    tree = parse("SUM(A1#)").tree
    assert tree.args[0].name == "ANCHORARRAY"
    assert parse("_xlfn.ANCHORARRAY(A1)").tree == tree.args[0]
    assert parse("_xlfn._xlws.SORT(A1:A3)").tree.name == "SORT"


@pytest.mark.parametrize("formula, expected", [
    # LET help page example: =LET(x, 1, x+1) is 2
    # https://support.microsoft.com/en-us/office/let-function-34842dd8-b92b-4d3f-b325-b8b8f9908999
    ("=_xlfn.LET(_xlpm.x,1,_xlpm.x+1)", 2.0),
    ("=_xlfn.LET(_xlpm.x,2,_xlpm.y,_xlpm.x*3,_xlpm.y-_xlpm.x)", 4.0),
    # LAMBDA help page: =LAMBDA(x, x+122)(1) is 123
    # https://support.microsoft.com/en-us/office/lambda-function-bd212d27-1cd1-4321-a34a-ccbf254b8b67
    ("=_xlfn.LAMBDA(_xlpm.x,_xlpm.x+122)(1)", 123.0),
    ("=_xlfn.LET(_xlpm.sq,_xlfn.LAMBDA(_xlpm.z,_xlpm.z*_xlpm.z),_xlpm.sq(3)+_xlpm.sq(4))", 25.0),
    ("=_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a-_xlpm.b)(10,3)", 7.0),
    ("=_xlfn.LAMBDA(_xlpm.a,_xlpm.a)(1,2)", ExcelError("#VALUE!")),
    ("=_xlfn.LAMBDA(_xlpm.a,_xlpm.a)", ExcelError("#CALC!")),
])
def test_let_and_lambda(evaluate, formula, expected):
    assert evaluate(formula) == expected


def test_let_reads_cells_and_names(evaluate):
    get = evaluate({"A1": 4, "A2": "=_xlfn.LET(_xlpm.r,A1*2,_xlpm.r+Rate)"},
                   names={"Rate": "0.5"})
    assert get("A2") == 8.5


def test_lambda_in_a_defined_name(evaluate):
    # Name Manager: ADDTAX = LAMBDA(p, p*1.25); =ADDTAX(A1)
    get = evaluate({"A1": 8, "A2": "=ADDTAX(A1)"},
                   names={"ADDTAX": "_xlfn.LAMBDA(_xlpm.p,_xlpm.p*1.25)"})
    assert get("A2") == 10.0


def test_saved_file_holds_the_new_spill(tmp_path):
    from sheetsolver.package.reader import load_workbook
    book = _book(tmp_path)
    book.engine.set_value("S", "A1", 4)
    book.recalc()
    out, _ = book.save(str(tmp_path / "o.xlsx"))
    wb = load_workbook(out)
    assert [wb.value(f"S!B{r}") for r in range(1, 5)] == [1.0, 2.0, 3.0, 4.0]
    assert wb.value("S!A1") == 4.0 and wb.value("S!C1") == 10.0


HELPER_CELLS = {"A1": 1, "B1": 2, "C1": 3, "A2": 4, "B2": 5, "C2": 6}


@pytest.mark.parametrize("formula, expected", [
    # MAP: https://support.microsoft.com/en-us/office/map-function-48006093-f97c-47c1-bfcc-749263bb1f01
    ("=SUM(_xlfn.MAP(A1:C2,_xlfn.LAMBDA(_xlpm.a,IF(_xlpm.a>4,_xlpm.a*_xlpm.a,_xlpm.a))))",
     1 + 2 + 3 + 4 + 25 + 36),
    ("=SUM(_xlfn.MAP(A1:C1,A2:C2,_xlfn.LAMBDA(_xlpm.x,_xlpm.y,_xlpm.x*_xlpm.y)))",
     1 * 4 + 2 * 5 + 3 * 6),
    # REDUCE: sum of squares https://support.microsoft.com/en-us/office/reduce-function-42e39910-b345-45f3-84b8-0642b568b7cb
    ("=_xlfn.REDUCE(0,A1:C2,_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a+_xlpm.b^2))", 91.0),
    ("=_xlfn.REDUCE(100,A1:C1,_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a-_xlpm.b))", 94.0),
    # SCAN: running product; its last element
    # https://support.microsoft.com/en-us/office/scan-function-d58dfd11-9969-4439-b2dc-e7062724de29
    ("=INDEX(_xlfn.SCAN(1,A1:C2,_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a*_xlpm.b)),2,3)", 720.0),
    ("=INDEX(_xlfn.SCAN(1,A1:C2,_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a*_xlpm.b)),1,3)", 6.0),
    # BYROW / BYCOL: https://support.microsoft.com/en-us/office/byrow-function-2e04c677-78c8-4e6b-8c10-a4602f2602bb
    ("=INDEX(_xlfn.BYROW(A1:C2,_xlfn.LAMBDA(_xlpm.r,MAX(_xlpm.r))),2,1)", 6.0),
    ("=SUM(_xlfn.BYCOL(A1:C2,_xlfn.LAMBDA(_xlpm.c,SUM(_xlpm.c)^2)))", 25 + 49 + 81),
    ("=_xlfn.BYROW(A1:C2,_xlfn.LAMBDA(_xlpm.r,_xlpm.r))", ExcelError("#CALC!")),
    # MAKEARRAY: https://support.microsoft.com/en-us/office/makearray-function-b80da5ad-b338-4149-a523-5b221da09097
    ("=SUM(_xlfn.MAKEARRAY(3,3,_xlfn.LAMBDA(_xlpm.r,_xlpm.c,_xlpm.r*_xlpm.c)))", 36.0),
    ("=_xlfn.LET(_xlpm.f,_xlfn.LAMBDA(_xlpm.x,_xlpm.x+A1),SUM(_xlfn.MAP(A2:C2,_xlpm.f)))",
     5 + 6 + 7),
    ("=_xlfn.MAP(A1:C2,_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a))", ExcelError("#VALUE!")),
])
def test_lambda_helpers(evaluate, formula, expected):
    get = evaluate(dict(HELPER_CELLS, E1=formula))
    assert get("E1") == expected


def test_helper_result_spills(tmp_path):
    cells = dict(HELPER_CELLS, E1={"f": "_xlfn.MAKEARRAY(2,3,_xlfn.LAMBDA(_xlpm.r,_xlpm.c,"
                                        "_xlpm.r*10+_xlpm.c))", "t": "array", "fref": "E1",
                                   "cm": 1, "v": 11})
    book = Book.open(write_book(tmp_path / "m.xlsx", {"S": cells}, dynamic=True))
    book.recalc()
    assert [[book.value("S", c + str(r)) for c in "EFG"] for r in (1, 2)] == \
        [[11.0, 12.0, 13.0], [21.0, 22.0, 23.0]]


def test_helper_filled_down_column(evaluate):
    # one formula shape over several rows: evaluated as one group
    get = evaluate({"A1": 1, "A2": 2, "A3": 3, "B1": 10, "B2": 20, "B3": 30,
                    **{f"C{r}": f"=_xlfn.REDUCE(0,A{r}:B{r},_xlfn.LAMBDA(_xlpm.a,_xlpm.b,"
                                "_xlpm.a+_xlpm.b))" for r in (1, 2, 3)}})
    assert [get(f"C{r}") for r in (1, 2, 3)] == [11.0, 22.0, 33.0]


def test_filter_and_sequence_spill(tmp_path):
    from sheetsolver.engine.functions import FUNCTIONS
    if "FILTER" not in FUNCTIONS or "SEQUENCE" not in FUNCTIONS:
        pytest.skip("FILTER/SEQUENCE not registered yet")
    cells = {"A1": 5, "A2": 1, "A3": 7, "A4": 2, "A5": 9,
             "B1": {"f": "_xlfn._xlws.FILTER(A1:A5,A1:A5>4)", "t": "array", "fref": "B1:B3",
                    "cm": 1, "v": 5}, "B2": 7, "B3": 9,
             "C1": {"f": "_xlfn.SEQUENCE(ROWS(_xlfn.ANCHORARRAY(B1)),2)", "t": "array",
                    "fref": "C1:D3", "cm": 1, "v": 1},
             "D2": 4, "C2": 3, "C3": 5, "D3": 6, "D1": 2}
    book = Book.open(write_book(tmp_path / "f.xlsx", {"S": cells}, dynamic=True))
    book.recalc()
    assert [book.value("S", f"B{r}") for r in (1, 2, 3, 4)] == [5.0, 7.0, 9.0, None]
    book.engine.set_value("S", "A2", 8)          # one more value passes the filter
    book.recalc()
    assert [book.value("S", f"B{r}") for r in (1, 2, 3, 4)] == [5.0, 8.0, 7.0, 9.0]
    assert [book.value("S", f"D{r}") for r in (1, 2, 3, 4)] == [2.0, 4.0, 6.0, 8.0]
    book.engine.set_value("S", "A3", 0)
    book.engine.set_value("S", "A5", 0)          # two fewer
    book.recalc()
    assert [book.value("S", f"B{r}") for r in (1, 2, 3)] == [5.0, 8.0, None]
    assert [book.value("S", f"C{r}") for r in (1, 2, 3)] == [1.0, 3.0, None]


def test_spills_of_one_shape_change_size_separately(tmp_path):
    # B1 and C1 hold copies of one formula (grouped while their sizes agree)
    cells = {"B10": 2, "C10": 2,
             "B1": {"f": "_xlfn.SEQUENCE(B$10)", "t": "array", "fref": "B1:B2", "cm": 1, "v": 1},
             "B2": 2,
             "C1": {"f": "_xlfn.SEQUENCE(C$10)", "t": "array", "fref": "C1:C2", "cm": 1, "v": 1},
             "C2": 2,
             "D1": {"f": "SUM(_xlfn.ANCHORARRAY(B1),_xlfn.ANCHORARRAY(C1))", "v": 6}}
    book = Book.open(write_book(tmp_path / "two.xlsx", {"S": cells}, dynamic=True))
    book.recalc()
    assert book.value("S", "D1") == 6.0
    book.engine.set_value("S", "C10", 4)
    book.recalc()
    assert [book.value("S", f"B{r}") for r in (1, 2, 3)] == [1.0, 2.0, None]
    assert [book.value("S", f"C{r}") for r in (1, 2, 3, 4)] == [1.0, 2.0, 3.0, 4.0]
    assert book.value("S", "D1") == 3 + 10


def test_copies_with_different_sizes_are_not_padded(tmp_path):
    # B shrinks while C keeps its size: B's freed cell is blank, not #N/A
    cells = {"B10": 2, "C10": 2,
             "B1": {"f": "_xlfn.SEQUENCE(B$10)", "t": "array", "fref": "B1:B2", "cm": 1, "v": 1},
             "B2": 2,
             "C1": {"f": "_xlfn.SEQUENCE(C$10)", "t": "array", "fref": "C1:C2", "cm": 1, "v": 1},
             "C2": 2}
    book = Book.open(write_book(tmp_path / "pad.xlsx", {"S": cells}, dynamic=True))
    book.engine.set_value("S", "B10", 1)
    book.recalc()
    assert [book.value("S", f"B{r}") for r in (1, 2)] == [1.0, None]
    assert [book.value("S", f"C{r}") for r in (1, 2)] == [1.0, 2.0]


@pytest.mark.parametrize("n, expected_ref, expected", [(5, "B1:B5", [1.0, 2.0, 3.0, 4.0, 5.0]),
                                                       (2, "B1:B2", [1.0, 2.0, None])])
def test_saved_spill_range_follows_the_result(tmp_path, n, expected_ref, expected):
    """Excel stores a dynamic array's current spill range in the anchor's <f ref=...>:
    after a recalculation that resizes the spill, the saved file says the new range and
    reopening reads the new values (cells no longer spilled onto are empty)."""
    import re
    import zipfile
    book = _book(tmp_path)
    book.engine.set_value("S", "A1", n)
    book.recalc()
    out, _ = book.save(str(tmp_path / "out.xlsx"))
    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    anchor = re.search(r'<c r="B1"[^>]*>(.*?)</c>', xml).group(1)
    assert f'ref="{expected_ref}"' in anchor
    again = Book.open(out)
    assert [again.value("S", f"B{r}") for r in range(1, len(expected) + 1)] == expected
