"""Union references (A1:A2,B1:B2) where Excel accepts them. Expected values are hand
computations; the forms follow Excel's help pages:
SUM https://support.microsoft.com/en-us/office/sum-function-043e1c7d-7726-4e80-8f32-07b23e057f89
INDEX (reference form, area_num)
https://support.microsoft.com/en-us/office/index-function-a5dcf0dd-996d-40a4-a822-b56b061328bd
AREAS https://support.microsoft.com/en-us/office/areas-function-8392ba32-7a41-43b3-96b0-3695d2ec6152
"""
from __future__ import annotations

import pytest

CELLS = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": "text"}


@pytest.mark.parametrize("formula, expected", [
    ("=SUM((A1:A2,B1:B2))", 10.0),
    ("=SUM((A1:A2,B1:B2),100)", 110.0),
    ("=COUNT((A1:A2,C1))", 2.0),
    ("=AVERAGE((A1,B1:B2))", (1 + 3 + 4) / 3),
    ("=MAX((A1,B1))", 3.0),
    ("=MIN((B2,A2))", 2.0),
    ("=LARGE((A1:A2,B1:B2),2)", 3.0),
    ("=SMALL((B1:B2,A1:A2),1)", 1.0),
    ("=INDEX((A1:A2,B1:B2),2,1,2)", 4.0),
    ("=INDEX((A1:A2,B1:B2),1,1,1)", 1.0),
    ("=INDEX(A1:B2,2,2,1)", 4.0),
    ("=AREAS((A1:A2,B1:B2,C1))", 3.0),
    ("=AREAS(A1:B2)", 1.0),
    ("=SUM(Both)", 10.0),
    # RANK: https://support.microsoft.com/en-us/office/rank-function-6a2fc49d-1831-4a03-9d8c-c279cf99f723
    ("=RANK(3,(A1:A2,B1:B2))", 2.0),
    ("=RANK(3,(A1:A2,B1:B2),1)", 3.0),
])
def test_union(evaluate, formula, expected):
    get = evaluate(dict(CELLS, D1=formula), names={"Both": "S!$A$1:$A$2,S!$B$1:$B$2"})
    assert get("D1") == pytest.approx(expected)


def test_union_area_num_computed(evaluate):
    get = evaluate(dict(CELLS, A3=2, D1="=INDEX((A1:A2,B1:B2),1,1,A3)"))
    assert get("D1") == 3.0


def test_union_is_not_uncomputable(tmp_path, make_book):
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": dict(CELLS, D1="=SUM((A1:A2,B1:B2))")}))
    assert book.engine.uncomputable == {}


# the intersection operator (a space): the cells the areas share
# https://support.microsoft.com/en-us/office/calculation-operators-and-precedence-in-excel-48be406d-4975-4d31-b2b8-7af9e0e2878a
@pytest.mark.parametrize("formula, expected", [
    ("=SUM(A1:B2 B1:B5)", 7.0),           # B1:B2
    ("=A1:A2 A2:B2", 2.0),                # A2
    ("=Col Top", 3.0),                    # named areas B1:B2 and A1:B1 meet at B1
])
def test_intersection(evaluate, formula, expected):
    get = evaluate(dict(CELLS, D1=formula), names={"Col": "S!$B$1:$B$2", "Top": "S!$A$1:$B$1"})
    assert get("D1") == expected


def test_empty_intersection_is_null(evaluate):
    from sheetsolver.values import ExcelError
    assert evaluate(dict(CELLS, D1="=SUM(A1:A2 B1:B2)"))("D1") == ExcelError("#NULL!")


# a range built at run time: A1:INDEX(...) (INDEX returns a reference)
# https://support.microsoft.com/en-us/office/index-function-a5dcf0dd-996d-40a4-a822-b56b061328bd
def test_range_to_index(evaluate):
    get = evaluate({"A1": 1, "A2": 2, "A3": 4, "A4": 8, "B1": 3,
                    "C1": "=SUM(A1:INDEX(A1:A4,B1))",                  # A1:A3
                    "C2": "=SUM(INDEX(A1:A4,2):A4)",                   # A2:A4
                    "C3": "=COUNT(OFFSET(A1,1,0):A3)",                 # A2:A3
                    **{f"D{r}": f"=SUM($A$1:INDEX($A:$A,ROW()))" for r in (1, 2, 3, 4)}})
    assert get("C1") == 7.0 and get("C2") == 14.0 and get("C3") == 2.0
    assert [get(f"D{r}") for r in (1, 2, 3, 4)] == [1.0, 3.0, 7.0, 15.0]   # running sums


def test_range_to_index_follows_inputs(make_book):
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": {"A1": 1, "A2": 2, "A3": 4, "B1": 2,
                                      "C1": "=SUM(A1:INDEX(A1:A3,B1))"}}))
    book.recalc()
    assert book.value("S", "C1") == 3.0
    book.engine.set_value("S", "B1", 3)
    book.recalc()
    assert book.value("S", "C1") == 7.0
    assert book.engine.uncomputable == {}


def test_range_to_index_gradient(make_book):
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": {"A1": 1.0, "A2": 2.0, "A3": 4.0, "B1": 2,
                                      "C1": "=SUM(A1:INDEX(A1:A3,B1))^2"}}))
    book.recalc()
    eng = book.engine
    g = eng.gradient(("S", 1, 3), [eng.area("S!A1:A3")])
    assert list(g) == [6.0, 6.0, 0.0]          # d (A1+A2)^2 = 2*(A1+A2) for A1, A2
