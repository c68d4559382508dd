"""Which objectives count as smooth in their variables (engine.path_is_smooth, used by
Solver to skip its random escape from kinks after a converged fit). By construction of
each formula: a kink (ABS, MAX), a branch on the variables (IF(A1>0,...)), a step
(ROUND, COUNTIF) are not smooth; sums, products, powers with constant exponents, the
pair sums and IF on a constant condition are."""
from __future__ import annotations

import pytest

from sheetsolver.book import Book


@pytest.mark.parametrize("formula, expected", [
    ("=(A1-1)^2+(A2-2)^2", True),
    ("=SUMXMY2(A1:A2,C1:C2)+EXP(A1)*SQRT(A2+5)", True),
    ("=SUMPRODUCT(A1:A2,A1:A2)/2-LN(A2+9)", True),
    ('=IF(C1="",0,A1*A2)+SUMSQ(A1:A2)', True),          # the condition reads a constant
    ("=ABS(A1-1)+A2^2", False),
    ("=MAX(A1,A2)^2", False),
    ("=IF(A1>0,A1,-A1)", False),
    ("=ROUND(A1,0)+A2^2", False),
    ('=COUNTIF(A1:A2,">1")*10+A1^2', False),
    ("=A1^A2", False),                                   # a variable exponent
])
def test_path_is_smooth(make_book, formula, expected):
    book = Book.open(make_book({"S": {"A1": 0.5, "A2": 1.5, "C1": 3.0, "C2": 4.0,
                                      "B1": formula}}))
    book.recalc()
    eng = book.engine
    assert eng.path_is_smooth(("S", 1, 2), [eng.area("S!A1:A2")]) is expected


def test_smoothness_through_intermediate_cells(make_book):
    """A kink two cells away from the objective still counts."""
    cells = {"A1": 0.5, "A2": 1.5, "B1": "=A1*2", "B2": "=ABS(B1)", "B3": "=B2+A2^2"}
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    eng = book.engine
    assert eng.path_is_smooth(("S", 3, 2), [eng.area("S!A1:A2")]) is False
    assert eng.path_is_smooth(("S", 1, 2), [eng.area("S!A1:A2")]) is True
