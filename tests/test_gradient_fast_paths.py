"""The solver's per-evaluation fast paths (issue #14 point 4) give what the general paths
give: bit-exact selection, rectangle writes and gradient adds, a constant IF condition
converted once and re-read when a constant cell changes, no gradient computed for an
argument that cannot depend on the variables. Expected values are hand derivatives or
numpy's own np.where, never this code's output.
"""
from __future__ import annotations

import numpy as np
import pytest

from sheetsolver.book import Book
from sheetsolver.engine.batch import NUMBER, TEXT, V
from sheetsolver.engine.grid import Grid
from sheetsolver.engine import masked_select
from sheetsolver.engine.masked_select import where, where0


def bits(a):
    return np.ascontiguousarray(a).view(np.int64)


@pytest.mark.parametrize("sc, sa, sb", [
    ((6, 3, 4), (6, 3, 4), (6, 3, 4)),      # same shapes
    ((9, 1, 1), (1, 1, 1), (9, 1, 1)),      # IF(cond, 0, per-cell value)
    ((1, 3, 4), (5, 3, 4), (1, 1, 1)),      # broadcast both ways
    ((4,), (1, 1, 1), (4,)),                # a zero scalar with more dimensions
])
@pytest.mark.parametrize("kept", [False, True])      # a condition noted as selected again
def test_where_is_np_where_bit_for_bit(sc, sa, sb, kept, monkeypatch):
    monkeypatch.setattr(masked_select, "SMALL", 0)     # the bit path even for small arrays
    rng = np.random.default_rng(0)
    cond = rng.random(sc) > 0.5
    if kept:
        masked_select.keep(cond)
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)
    a.flat[0], b.flat[-1] = -0.0, np.nan            # signed zero and NaN kept where taken
    for aa in (a, np.zeros(sa), -np.zeros(sa)):
        for bb in (b, np.zeros(sb), np.full(sb, -np.inf)):
            got, want = where(cond, aa, bb), np.where(cond, aa, bb)
            assert got.shape == want.shape and got.flags.writeable
            assert (bits(got) == bits(want)).all()
    assert (bits(where0(cond, a)) == bits(np.where(cond, a, 0.0))).all()
    assert (bits(where(cond, np.zeros(()), b)) == bits(np.where(cond, 0.0, b))).all()


def test_where_leaves_other_types_to_np_where():
    cond = np.array([True, False])
    out = where(cond, np.array([1, 2]), np.array([3, 4]))      # integers
    assert out.tolist() == [1, 4]


def test_grid_write_by_block_fills_the_rectangle_row_major():
    g = Grid("S", 5, 5)
    vals = np.arange(6.0).reshape(6, 1, 1)        # B2:D3 in row-major order: 0..5
    g.write(None, V(vals), (slice(2, 4), slice(2, 5)))
    assert g.num[2:4, 2:5].tolist() == [[0, 1, 2], [3, 4, 5]]
    assert (g.kind[2:4, 2:5] == NUMBER).all() and g.num[1].sum() == 0
    kind = np.full((6, 1, 1), NUMBER, np.int8)
    kind[4] = TEXT
    obj = np.empty((6, 1, 1), object)
    obj[4] = "x"
    version = g.kinds_version
    g.write(None, V(vals, kind, obj), (slice(2, 4), slice(2, 5)))
    assert g.get(3, 3) == "x" and g.get(3, 4) == 5.0 and g.kinds_version > version


def _book(make_book, cells):
    return Book.open(make_book({"S": cells}))


def test_sumxmy2_gradient_skips_blank_pairs_and_the_constant_range(make_book):
    # f = SUMXMY2(A1:B2, C1:D2) with A2 blank: df/dC = -2 (A - C) on the numeric pairs,
    # 0 where A is blank (Excel skips that pair), by hand
    book = _book(make_book, {"A1": 1, "B1": 5, "B2": 2, "C1": 3, "D1": 4, "C2": 7, "D2": 1,
                             "F1": "=SUMXMY2(A1:B2,C1:D2)"})
    eng = book.engine
    eng.recalc()
    assert eng.value("S", "F1") == (1 - 3) ** 2 + (5 - 4) ** 2 + (2 - 1) ** 2
    g = eng.gradient(("S", 1, 6), [eng.area("S!C1:D2")])
    assert g.tolist() == [-2 * (1 - 3), -2 * (5 - 4), 0.0, -2 * (2 - 1)]


def test_if_gradient_follows_a_constant_condition_after_it_changes(make_book):
    # B1 = IF(A1>0, C1^2, 3*C1); d B1 / d C1 = 2*C1 = 8 while A1 > 0, then 3
    book = _book(make_book, {"A1": 1, "C1": 4, "B1": "=IF(A1>0,C1^2,3*C1)"})
    eng = book.engine
    var = [eng.area("S!C1")]
    for _ in range(2):                             # the second time: the cached condition
        assert eng.gradient(("S", 1, 2), var).tolist() == [8.0]
    eng.set_numbers("S!A1", -1.0)                  # a constant cell changes: re-read
    assert eng.gradient(("S", 1, 2), var).tolist() == [3.0]
    assert eng.value("S", "B1") == 12.0


def test_if_gradient_over_a_block_with_a_constant_branch(make_book):
    # the solver's dotprod shape: IF(rating="", 0, x * w) over a 2 x 2 block, then summed;
    # d/dx = w where the rating is present, else 0 (by hand)
    cells = {"A1": 5, "B2": 3, "D1": 2, "E1": 3, "D2": 4, "E2": 6,
             "G1": 1.5, "H1": -1, "G2": 0.5, "H2": 2}
    for r in (1, 2):
        for c, col in ((7, "G"), (8, "H")):
            src = f"{'AB'[c - 7]}{r}"
            cells[f"{'JK'[c - 7]}{r}"] = f'=IF({src}="",0,{"DE"[c - 7]}{r}*{col}{r})'
    cells["M1"] = "=SUM(J1:K2)"
    book = _book(make_book, cells)
    eng = book.engine
    g = eng.gradient(("S", 1, 13), [eng.area("S!D1:E2")])
    assert g.tolist() == [1.5, 0.0, 0.0, 2.0]
    assert eng.value("S", "M1") == 2 * 1.5 + 6 * 2
