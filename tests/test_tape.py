"""Recurrences on a tape (engine/tape.py) and parsing once per R1C1 form
(formula/parse_cache.py): values against hand computations and closed forms, the
plan's shape (few tapes, code per formula shape), and the exact fallback."""
from __future__ import annotations

import math

import pytest

from sheetsolver.book import Book
from sheetsolver.engine.tape import Tape
from sheetsolver.formula import ast as A
from sheetsolver.formula.parse_cache import parse_at, r1c1_key
from sheetsolver.formula.parser import parse
from sheetsolver.values import DIV0

N = 61      # rows of each recurrence (60 steps; 60 all-absolute cells fit MAX_SAME)


def _gd_sheet(lr: float, start: float):
    """Gradient descent on (x-3)^2 one row per step, as the graddesc tabs do:
    A: step number, B: x, C: gradient 2(x-3), D: a pass counter that wraps at 5 (IF),
    E: SQRT(SUM(...)) over the block (not tape-able: a range)."""
    cells = {"G1": lr, "B1": start, "A1": 0, "D1": 0}
    for r in range(2, N + 1):
        cells[f"A{r}"] = f"=A{r - 1}+1"
        cells[f"C{r}"] = f"=2*(B{r - 1}-3)"
        cells[f"B{r}"] = f"=B{r - 1}-$G$1*C{r}"
        cells[f"D{r}"] = f"=IF(D{r - 1}+1>=5,0,D{r - 1}+1)"
        cells[f"F{r}"] = f"=data!$A$1*1"          # all-absolute: one value in every cell
    for k in range(1, 4):
        cells[f"E{k}"] = f"=SQRT(SUM(C{2 + 20 * (k - 1)}:C{1 + 20 * k}))"
    return cells


def _book(make_book):
    return Book.open(make_book({"data": {"A1": 7.0},
                                "gd": _gd_sheet(0.1, 10.0),
                                "gd2": _gd_sheet(0.25, 8.0)}))


def test_recurrence_values_match_the_closed_form(make_book):
    book = _book(make_book)
    book.recalc()
    # x_n = 3 + (x0 - 3) * (1 - 2 lr)^n  (hand: x - lr*2(x-3) = 3 + (x-3)(1-2lr))
    for sheet, lr, x0 in (("gd", 0.1, 10.0), ("gd2", 0.25, 8.0)):
        for n in (1, 2, 50, N - 1):
            expected = 3 + (x0 - 3) * (1 - 2 * lr) ** n
            assert book.value(sheet, f"B{n + 1}") == pytest.approx(expected, rel=1e-12, abs=1e-12)
            assert book.value(sheet, f"A{n + 1}") == n
            assert book.value(sheet, f"D{n + 1}") == n % 5            # 1,2,3,4,0,1,...
            assert book.value(sheet, f"F{n + 1}") == 7.0
        # E_k = sqrt(sum of the gradients 2(x_n - 3) for n = 20(k-1) .. 20k-1), a
        # geometric series (the three cells run as one batch, each over its own range)
        q = 1 - 2 * lr
        # (x_n - 3 is computed as a difference near 3: rounding error ulp(3)/(x_n - 3),
        # so the blocks where x_n - 3 is still large enough: all three for lr 0.1)
        for k in ((1, 2, 3) if lr == 0.1 else (1, 2)):
            total = 2 * (x0 - 3) * q ** (20 * (k - 1)) * (1 - q ** 20) / (1 - q)
            assert book.value(sheet, f"E{k}") == pytest.approx(math.sqrt(total), rel=1e-9)


def test_recurrence_runs_on_one_tape_per_sheet_with_code_per_shape(make_book):
    book = _book(make_book)
    eng = book.engine
    tapes = [s for s in eng.steps if isinstance(s, Tape)]
    # the two sheets do not depend on each other: one tape each (a change to one
    # sheet's inputs reruns only its tape)
    assert len(tapes) == 2, [type(s).__name__ for s in eng.steps]
    assert sorted({u.sheet for g in t.groups for u in g.units}.pop() for t in tapes) == ["gd", "gd2"]
    # 5 filled-down columns per sheet: 5 formula shapes each, not 300 cells
    assert [t.n_shapes for t in tapes] == [5, 5]
    # every row repeats one pattern: the rows become one block of code run in a loop
    book.recalc()
    assert all(t.n_blocks <= 3 for t in tapes), [t.n_blocks for t in tapes]
    assert all(len(t.tape) <= 3 for t in tapes)
    # the only other steps: the three SQRT(SUM()) cells of each sheet, one batch per sheet
    others = [s for s in eng.steps if not isinstance(s, Tape)]
    assert [(type(s).__name__, len(s.units)) for s in others] == [("SpreadGroup", 3)] * 2


def test_tape_gives_up_on_errors_and_the_array_path_decides(make_book):
    book = Book.open(make_book({"S": {"A1": 1.0, "A2": "=A1*2", "A3": "=A2*2",
                                      "A4": "=1/(A3-4)", "A5": "=A4+1", "A6": "=A5+1"}}))
    book.recalc()
    assert book.value("S", "A3") == 4.0
    assert book.value("S", "A4") == DIV0          # 1/0 is #DIV/0! in Excel
    assert book.value("S", "A6") == DIV0
    book.engine.set_value("S", "A1", 3.0)         # 1/(12-4) = 0.125
    book.recalc()
    assert book.value("S", "A6") == pytest.approx(2.125)
    book.engine.set_value("S", "A1", "text")      # text in arithmetic: #VALUE!
    book.recalc()
    assert str(book.value("S", "A6")) == "#VALUE!"


def test_zero_to_the_zero_is_num_on_the_tape_path(make_book):
    # Excel: =0^0 is #NUM! (https://support.microsoft.com/en-us/office/power-function-
    # d3f2908b-56f4-4c3f-895a-07fb519c362a documents POWER; the ^ operator is the same)
    book = Book.open(make_book({"S": {"A1": 0.0, "B1": 0.0, "C1": "=A1^B1", "C2": "=C1+1",
                                      "C3": "=C2+1", "C4": "=C3+1"}}))
    book.recalc()
    assert str(book.value("S", "C4")) == "#NUM!"
    book.engine.set_value("S", "B1", 2.0)
    book.recalc()
    assert book.value("S", "C4") == 3.0


@pytest.mark.parametrize("text,host,shifted,dr,dc", [
    ("C9+D9*A9", (9, 5), "C10+D10*A10", 1, 0),
    ('SUM($A$1:B3)+"A1"&data!C3', (3, 3), 'SUM($A$1:B4)+"A1"&data!C4', 1, 0),
    ("SUM(A:A)+SUM(3:4)", (5, 2), "SUM(B:B)+SUM(4:5)", 1, 1),
    ("$B7*C$3", (7, 2), "$B8*D$3", 1, 1),
    ("LOG10(A1)+1E5", (1, 1), "LOG10(A2)+1E5", 1, 0),
])
def test_one_r1c1_form_is_parsed_once_and_moved(text, host, shifted, dr, dc):
    r, c = host
    assert r1c1_key(text, r, c) == r1c1_key(shifted, r + dr, c + dc)
    assert parse_at(text, r, c).tree == parse(text).tree
    assert parse_at(shifted, r + dr, c + dc).tree == parse(shifted).tree


def test_texts_that_only_look_alike_are_not_confused():
    # a sheet named like a cell, a string holding a reference, a function named like one
    pairs = [("S1!A1", (1, 1), "S2!A2", (2, 1)), ('"A1"&A1', (1, 1), '"A2"&A2', (2, 1)),
             ("1E5+A1", (1, 1), "1E6+A2", (2, 1))]
    for t1, h1, t2, h2 in pairs:
        assert r1c1_key(t1, *h1) != r1c1_key(t2, *h2)
        assert parse_at(t1, *h1).tree == parse(t1).tree
        assert parse_at(t2, *h2).tree == parse(t2).tree


def test_fast_node_init_keeps_dataclass_behaviour():
    r = A.Ref("s", 1, 2, 1, 2)
    assert r == A.Ref("s", 1, 2, 1, 2, False, False, False, False, False, False)
    assert hash(r) == hash(A.Ref(sheet="s", r1=1, c1=2, r2=1, c2=2))
    assert r.abs_r1 is False and r.bad is False
    with pytest.raises(Exception):
        r.r1 = 5
    assert A.Func("SUM", (r,)) != A.Func("SUM", (A.Ref("s", 1, 2, 1, 3),))


def test_absolute_reference_to_a_cell_computed_in_the_same_row(make_book):
    # A1 = 0, A{r} = A{r-1}+1 (so A{r} = r-1); from row 5 on B{r} = $A$5*$A$5 + A{r}:
    # in row 5 the fused row code computes A5 and then reads it through $A$5
    # (hand: B5 = 4*4 + 4 = 20, B{r} = 16 + r - 1)
    cells = {"A1": 0}
    for r in range(2, 21):
        cells[f"A{r}"] = f"=A{r - 1}+1"
    for r in range(5, 21):
        cells[f"B{r}"] = f"=$A$5*$A$5+A{r}"
    book = Book.open(make_book({"S": cells}))
    assert any(isinstance(s, Tape) for s in book.engine.steps)
    book.recalc()
    assert book.value("S", "B5") == 20.0
    assert [book.value("S", f"B{r}") for r in range(5, 21)] == [16.0 + r - 1 for r in range(5, 21)]
