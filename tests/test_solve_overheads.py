"""The solver's per-evaluation shortcuts (issue #14 point 4: the 100 x 100 x 10 solve
within 2x of hand-written NumPy) give what the general paths give: SUMXMY2-like
gradients computed without a second select, selections made in place into a temporary,
variable writes planned once per list of areas, reference marks read by slices or flat
indices. Expected values are hand derivatives or numpy's own indexing and np.where.
"""
from __future__ import annotations

import numpy as np
import pytest

from sheetsolver.book import Book
from sheetsolver.engine import masked_select
from sheetsolver.engine.masked_select import where, where0
from sheetsolver.engine.walk import _cells, _marked


def _book(make_book, cells):
    return Book.open(make_book({"S": cells}))


@pytest.mark.parametrize("fn, dx, dy", [
    ("SUMXMY2", lambda x, y: 2 * (x - y), lambda x, y: -2 * (x - y)),
    ("SUMX2MY2", lambda x, y: 2 * x, lambda x, y: -2 * y),
    ("SUMX2PY2", lambda x, y: 2 * x, lambda x, y: 2 * y),
])
def test_pair_function_gradients_are_zero_on_skipped_pairs(make_book, fn, dx, dy):
    # A2 is text and C4 blank: Excel skips those pairs (the function's help pages:
    # https://support.microsoft.com/office/sumxmy2-function-9d144ac1-4d79-43de-b524-e2ecee23b299);
    # the derivatives by hand on the other pairs, 0 on the skipped ones
    a, c = [1.5, None, -2.0, 4.0], [3.0, 7.0, 0.5, None]
    cells = {"A1": a[0], "A2": "x", "A3": a[2], "A4": a[3], "C1": c[0], "C2": c[1],
             "C3": c[2], "E1": f"={fn}(A1:A4,C1:C4)"}
    book = _book(make_book, cells)
    eng = book.engine
    g = eng.gradient(("S", 1, 5), [eng.area("S!A1:A4"), eng.area("S!C1:C4")])
    want_a = [dx(a[0], c[0]), 0.0, dx(a[2], c[2]), 0.0]
    want_c = [dy(a[0], c[0]), 0.0, dy(a[2], c[2]), 0.0]
    assert g.tolist() == want_a + want_c


def test_sumxmy2_gradient_under_an_infinite_slope_keeps_skipped_pairs_zero(make_book):
    # f = SQRT(SUMXMY2(A, C)) with every numeric pair equal: f = 0, d SQRT = 1/(2*0) = inf,
    # so each numeric pair's derivative is inf * 0 = NaN (IEEE), the skipped pair's 0
    cells = {"A1": 2.0, "A3": 5.0, "C1": 2.0, "C2": 9.0, "C3": 5.0,
             "E1": "=SQRT(SUMXMY2(A1:A3,C1:C3))"}
    book = _book(make_book, cells)
    eng = book.engine
    g = eng.gradient(("S", 1, 5), [eng.area("S!C1:C3")])
    assert np.isnan(g[0]) and g[1] == 0.0 and np.isnan(g[2])
    assert eng.value("S", "E1") == 0.0


def test_write_variables_follows_a_new_list_of_areas(make_book):
    book = _book(make_book, {"A1": 0, "B1": 0, "A2": 0, "D1": "=A1+10*B1+100*A2"})
    eng = book.engine
    first, second = [eng.area("S!A1:B1")], [eng.area("S!A1:A2")]
    eng.write_variables(first, np.array([1.0, 2.0]))
    eng.write_variables(second, np.array([3.0, 4.0]))     # A1 = 3, A2 = 4, B1 still 2
    eng.recalc()
    assert eng.value("S", "D1") == 3 + 10 * 2 + 100 * 4
    eng.write_variables(first, np.array([5.0, 6.0]))
    eng.recalc()
    assert eng.value("S", "D1") == 5 + 10 * 6 + 100 * 4


class _Ref:
    def __init__(self, ri, ci):
        self.ri, self.ci = ri, ci

    def index(self):
        return self.ri, self.ci


class _Node:
    def __init__(self, ri, ci):
        self.ref = _Ref(ri, ci)


_RNG = np.random.default_rng(0)


@pytest.mark.parametrize("ri, ci", [
    (np.arange(3, 8).reshape(1, -1, 1), np.arange(2, 6).reshape(1, 1, -1)),       # a block
    (np.minimum(np.arange(17, 25), 19).reshape(1, -1, 1),                         # clipped to
     np.arange(0, 3).reshape(1, 1, -1)),                                          # the sentinel
    (_RNG.integers(0, 19, (30, 1, 1)) + np.arange(2).reshape(1, -1, 1),           # a row per
     np.arange(4, 7).reshape(1, 1, -1)),                                          # cell
    (_RNG.integers(0, 19, (30, 1, 1)),                                            # both vary
     _RNG.integers(0, 14, (30, 1, 1)) + np.arange(2).reshape(1, 1, -1)),
    (np.array([-1, 0]).reshape(1, -1, 1), np.arange(2).reshape(1, 1, -1)),       # numpy's own
])                                                                                # negative rule
def test_reference_marks_are_numpys_two_array_indexing(ri, ci):
    node = _Node(ri, ci)
    rng = np.random.default_rng(1)
    for density in (0.0, 0.02, 0.1, 0.5):
        marks = rng.random((20, 15)) < density
        assert bool(_marked(node, marks).any()) == bool(marks[ri, ci].any())
    got, want = np.zeros((20, 15), bool), np.zeros((20, 15), bool)
    got[_cells(node, got)] = True
    want[ri, ci] = True
    assert (got == want).all()


def test_where_into_a_temporary_is_np_where_bit_for_bit(monkeypatch):
    monkeypatch.setattr(masked_select, "SMALL", 0)
    rng = np.random.default_rng(2)
    cond = rng.random((3, 4, 5)) > 0.4
    a = rng.standard_normal((3, 4, 5))
    a.flat[:3] = (-0.0, np.nan, -np.inf)
    want = np.where(cond, a, 0.0)
    kept = a.copy()
    assert (where0(cond, kept).view(np.int64) == want.view(np.int64)).all()
    assert (kept.view(np.int64) == a.view(np.int64)).all()     # not asked: left alone
    out = where0(cond, kept, into=kept)
    assert np.shares_memory(out, kept)
    assert (out.view(np.int64) == want.view(np.int64)).all()
    b = rng.standard_normal((3, 4, 5))
    both = where(cond, b.copy(), a, into=None)
    assert (both.view(np.int64) == np.where(cond, b, a).view(np.int64)).all()
