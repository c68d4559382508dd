"""Recurrences planned as recurrences (compiler.Chain, group.Recurrence): a chain of rows
that depend on each other is one plan step whatever its length, run on a tape; its
per-level groups (the exact path for Excel's error values, gradients, dependents) are
built only when needed. Values are checked against hand computations."""
from __future__ import annotations

import math

import pytest

import numpy as np

from sheetsolver.book import Book
from sheetsolver.engine.compiler import _strong_parts
from sheetsolver.engine.group import Recurrence
from sheetsolver.engine.tape import Tape
from sheetsolver.values import DIV0


def _descent(n: int, lr: float = 0.1, x0: float = 10.0) -> dict:
    """Gradient descent on (x-3)^2, one row per step (graddesc's layout): B holds x,
    C the gradient 2(x-3), D the running count of steps, E the squared error."""
    cells = {"G1": lr, "B1": x0, "D1": 0}
    for r in range(2, n + 1):
        cells[f"C{r}"] = f"=2*(B{r - 1}-3)"
        cells[f"B{r}"] = f"=B{r - 1}-$G$1*C{r}"
        cells[f"D{r}"] = f"=D{r - 1}+1"
        cells[f"E{r}"] = f"=(B{r}-3)^2"
    return cells


@pytest.mark.parametrize("rows", [30, 300])
def test_plan_steps_count_shapes_not_cells(make_book, rows):
    # 4 formula shapes (C, B, D, E) on each of two tabs: the plan's steps are a handful
    # per tab whatever the number of rows, and no group per row is built at open
    book = Book.open(make_book({"gd": _descent(rows), "gd2": _descent(rows, 0.25)}))
    eng = book.engine
    assert len(eng.units) == 2 * 4 * (rows - 1)
    assert len(eng.plan) <= 2 * 4
    assert sum(isinstance(st, Recurrence) for st in eng.plan) >= 2
    assert eng._groups is None                      # per-level groups: not built
    assert sum(isinstance(st, Tape) for st in eng.steps) == 2     # one tape per tab
    book.recalc()
    assert eng._groups is None                      # a tape that succeeds needs none
    # x_n = 3 + (x0 - 3)(1 - 2 lr)^n (hand: x - lr*2(x-3) = 3 + (x-3)(1-2lr))
    for sheet, lr in (("gd", 0.1), ("gd2", 0.25)):
        for n in (1, 7, rows - 1):
            x = 3 + 7 * (1 - 2 * lr) ** n
            assert book.value(sheet, f"B{n + 1}") == pytest.approx(x, rel=1e-12)
            assert book.value(sheet, f"D{n + 1}") == n
            if n < 20:      # later x - 3 is below 3's rounding error (ulp(3) = 4.4e-16)
                assert book.value(sheet, f"E{n + 1}") == pytest.approx((x - 3) ** 2, rel=1e-9)


def _halving_chain() -> dict:
    """A{r} = A{r-1} - 1 from A1 = 3 (2, 1, 0, -1, ...); B{r} = B{r-1} + 1/A{r} from
    B1 = 0: the fourth row divides by zero."""
    cells = {"A1": 3, "B1": 0}
    for r in range(2, 11):
        cells[f"A{r}"] = f"=A{r - 1}-1"
        cells[f"B{r}"] = f"=B{r - 1}+1/A{r}"
    return cells


def test_division_by_zero_mid_chain_propagates_down_the_recurrence(make_book):
    book = Book.open(make_book({"S": _halving_chain()}))
    eng = book.engine
    assert any(isinstance(st, Recurrence) for st in eng.plan)
    book.recalc()
    # hand: A = 3, 2, 1, 0, -1, ...; B2 = 1/2, B3 = 1/2 + 1 = 1.5, B4 = 1.5 + 1/0 is
    # #DIV/0! (Excel), and every later row adds to an error: #DIV/0! down the chain
    assert [book.value("S", f"A{r}") for r in range(1, 6)] == [3, 2, 1, 0, -1]
    assert book.value("S", "B2") == 0.5
    assert book.value("S", "B3") == 1.5
    assert all(book.value("S", f"B{r}") == DIV0 for r in range(4, 11))
    # a start where no row is zero: the tape runs the chain again, B10 = 1/19 + ... + 1/11
    eng.set_value("S", "A1", 20.0)
    book.recalc()
    assert book.value("S", "B10") == pytest.approx(sum(1 / k for k in range(11, 20)), rel=1e-12)
    eng.set_value("S", "A1", 5.0)                   # A6 = 0: the error comes back at row 6
    book.recalc()
    assert book.value("S", "B5") == pytest.approx(1 / 4 + 1 / 3 + 1 / 2 + 1, rel=1e-12)
    assert all(book.value("S", f"B{r}") == DIV0 for r in range(6, 11))


def test_recurrence_across_two_sheets(make_book):
    # S!A{r} = T!A{r-1} + 1 and T!A{r} = 2 * S!A{r}: one cycle of shapes over two sheets
    s, t = {"A1": 1}, {"A1": 1}
    for r in range(2, 8):
        s[f"A{r}"] = f"=T!A{r - 1}+1"
        t[f"A{r}"] = f"=2*S!A{r}"
    book = Book.open(make_book({"S": s, "T": t}))
    assert any(isinstance(st, Recurrence) for st in book.engine.plan)
    book.recalc()
    # hand: t_r = 2 (t_{r-1} + 1) from t_1 = 1: 4, 10, 22, 46, 94, 190
    assert [book.value("T", f"A{r}") for r in range(2, 8)] == [4, 10, 22, 46, 94, 190]
    assert [book.value("S", f"A{r}") for r in range(2, 8)] == [2, 5, 11, 23, 47, 95]


def test_recurrence_through_a_function_a_tape_cannot_run_is_split_by_level(make_book):
    # SUM is not tape arithmetic: the chain is split into one group per row, as before
    cells = {"A1": 1}
    for r in range(2, 9):
        cells[f"A{r}"] = f"=SUM(A{r - 1},A{r - 1})"
    book = Book.open(make_book({"S": cells}))
    assert not any(isinstance(st, Recurrence) for st in book.engine.plan)
    assert len(book.engine.plan) == 7
    book.recalc()
    assert [book.value("S", f"A{r}") for r in range(1, 9)] == [2.0 ** k for k in range(8)]


def test_offset_into_a_recurrence_is_still_checked(make_book):
    # D1 reads the chain only through OFFSET's result (its static reference is A1), so
    # the first plan may run it before the chain: the run-time check re-plans.
    # hand: A{r} = 2^(r-1), D1 = 1 + 2 + ... + 512 = 1023
    cells = {"A1": 1, "D1": "=SUM(OFFSET(A1,0,0,10,1))"}
    for r in range(2, 11):
        cells[f"A{r}"] = f"=A{r - 1}*2"
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    assert book.value("S", "D1") == 1023.0
    book.engine.set_value("S", "A1", 3.0)
    book.recalc()
    assert book.value("S", "D1") == 3069.0


def test_gradient_through_a_recurrence(make_book):
    # d x_n / d x0 = (1 - 2 lr)^n and d x_n / d lr = -2 n (x0 - 3)(1 - 2 lr)^(n-1)
    # (hand, from x_n = 3 + (x0 - 3)(1 - 2 lr)^n)
    rows, lr, x0 = 25, 0.1, 10.0
    book = Book.open(make_book({"gd": _descent(rows, lr, x0)}))
    eng = book.engine
    n = rows - 1
    g = eng.gradient(("gd", rows, 2), [eng.area("gd!B1"), eng.area("gd!G1")])
    assert g[0] == pytest.approx((1 - 2 * lr) ** n, rel=1e-12)
    assert g[1] == pytest.approx(-2 * n * (x0 - 3) * (1 - 2 * lr) ** (n - 1), rel=1e-12)
    eng.recalc()
    assert book.value("gd", f"B{rows}") == pytest.approx(3 + 7 * 0.8 ** n, rel=1e-12)


def test_smart_recalculation_reruns_only_the_changed_tab(make_book):
    book = Book.open(make_book({"gd": _descent(40), "gd2": _descent(40, 0.25)}))
    eng = book.engine
    book.recalc()
    eng.set_value("gd2", "B1", 5.0)
    ran = eng.dirty.steps(eng, eng.steps)
    assert [type(st).__name__ for st in ran] == ["Tape"]
    assert {u.sheet for p in ran[0].parts for u in p.units} == {"gd2"}
    book.recalc()
    assert book.value("gd2", "B40") == pytest.approx(3 + 2 * 0.5 ** 39, rel=1e-12)
    assert book.value("gd", "B40") == pytest.approx(3 + 7 * 0.8 ** 39, rel=1e-12)
    assert math.isclose(book.value("gd2", "E40"), (2 * 0.5 ** 39) ** 2, rel_tol=1e-9)


def test_dependents_of_a_recurrence_found_without_binding_its_groups(make_book):
    # A1 feeds both chains, B1 only the B chain (B{r} = B{r-1} + 1/A{r}); cells of each
    # level group are marked together, as for any group
    book = Book.open(make_book({"S": _halving_chain(), "T": {"A1": "=S!B3*2"}}))
    eng = book.engine
    book.recalc()
    moving = eng.moving_cells([eng.area("S!B1")])
    assert [bool(moving["S"][r, 2]) for r in range(1, 11)] == [True] * 10
    assert not moving["S"][2:11, 1].any()                 # A2:A10 do not read B1
    assert moving["T"][1, 1]                              # T!A1 reads B3
    assert all(g.units[0].sheet == "S" or g.units[0].where == "T!A1"
               for g in eng.dependents([eng.area("S!B1")]))
    assert eng.moving_cells([eng.area("S!A1")])["S"][2:11, 1].all()
    # recalc_from runs those groups: B1 = 2 adds 2 to every B before the zero (hand)
    eng.set_value("S", "B1", 2.0)
    eng.recalc_from([eng.area("S!B1")])
    assert book.value("S", "B3") == 3.5
    assert book.value("T", "A1") == 7.0
    assert book.value("S", "B5") == DIV0


def test_strongly_connected_parts_of_a_small_graph():
    # hand: 0 -> 1 -> 2 -> 0 is one cycle, 3 <-> 4 another, 5 -> 5 a loop on its own,
    # 2 -> 3 and 4 -> 6 join parts without making a cycle, 6 and 7 stand alone
    edges = sorted([(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 3), (4, 6), (5, 5)])
    src = np.array([a for a, _ in edges])
    dst = np.array([b for _, b in edges])
    part = _strong_parts(8, src, dst)
    same = {frozenset(k for k in range(8) if part[k] == p) for p in part}
    assert same == {frozenset({0, 1, 2}), frozenset({3, 4}), frozenset({5}), frozenset({6}),
                    frozenset({7})}


def test_parallel_chains_one_step_and_wide_ones_one_numpy_operation_per_level(make_book):
    from sheetsolver.formula.refs import cell_name
    # five chains side by side (A..E, one shape, 5 cells per level): one step on a tape;
    # 70 side by side (a level wider than a tape is worth): one group per level
    narrow, wide = {}, {}
    for c in range(1, 6):
        narrow[cell_name(1, c)] = c
        for r in range(2, 41):
            narrow[cell_name(r, c)] = f"={cell_name(r - 1, c)}+1"
    for c in range(1, 71):
        wide[cell_name(1, c)] = 1
        for r in range(2, 5):
            wide[cell_name(r, c)] = f"={cell_name(r - 1, c)}*2"
    book = Book.open(make_book({"N": narrow, "W": wide}))
    eng = book.engine
    rec = [st for st in eng.plan if isinstance(st, Recurrence)]
    assert [st.sheet for st in rec] == ["N"] and len(rec[0].units) == 5 * 39
    assert sorted(len(st.units) for st in eng.plan if st.sheet == "W") == [70, 70, 70]
    book.recalc()
    # hand: column c starts at c and adds 1 per row, so row r holds c + r - 1; W doubles
    assert [book.value("N", cell_name(40, c)) for c in range(1, 6)] == [c + 39 for c in range(1, 6)]
    assert {book.value("W", cell_name(4, c)) for c in range(1, 71)} == {8.0}
