"""Recalculation after an input change (issue 14): only the plan steps the change reaches
run (engine/dirty.py), recurrences laid out in passes run as repeated blocks of
generated code (engine/tape.py, tape_code.py), and single cells of one structure as
one batch (engine/spread.py). Values against hand computations of the same
arithmetic; the plan's shape where that is the point."""
from __future__ import annotations

import pytest

from sheetsolver.book import Book
from sheetsolver.engine.tape import Tape


def _passes(lrs, rows):
    """Gradient descent on (x-3)^2 in passes of ``rows`` rows, as the graddesc tabs lay
    them out: a start row per pass copying the last row of the previous pass (pass 1
    starts from $B$1), then one update per row with the pass's own learning rate
    ($G$k, one absolute cell per pass) or, when all rates are equal, the shared $G$1."""
    cells = {"B1": 10.0}
    for k, lr in enumerate(lrs, start=1):
        cells[f"G{k}"] = lr
    r = 2
    shared = len(set(lrs)) == 1
    for p in range(len(lrs)):
        cells[f"B{r}"] = "=$B$1" if p == 0 else f"=B{r - 1}"
        r += 1
        for _ in range(rows):
            cells[f"C{r}"] = f"=2*(B{r - 1}-3)"
            cells[f"B{r}"] = f"=B{r - 1}-$G${1 if shared else p + 1}*C{r}"
            r += 1
    return cells, r - 1


def _by_hand(x, lrs, rows):
    out = []
    for lr in lrs:
        for _ in range(rows):
            c = 2 * (x - 3)
            x = x - lr * c
            out.append(x)
    return out


@pytest.mark.parametrize("lrs", [[0.1, 0.2, 0.05, 0.3], [0.1] * 12])
def test_passes_run_as_repeated_blocks_with_the_values_of_the_arithmetic(make_book, lrs):
    rows = 5
    cells, last = _passes(lrs, rows)
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    want = _by_hand(10.0, lrs, rows)
    got = [book.value("S", f"B{r}") for r in range(2, last + 1) if (r - 2) % (rows + 1)]
    assert got == pytest.approx(want, rel=1e-15)
    tape, = [s for s in book.engine.steps if isinstance(s, Tape)]
    if len(set(lrs)) == 1:
        # every pass is the same code: three blocks of code (the first start row, an
        # update row run in a loop, the last update row of a pass with the next start
        # row), at most two calls per pass, not one per cell
        assert tape.n_blocks <= 3 and len(tape.tape) <= 2 * len(lrs) + 1
    book.engine.set_value("S", "B1", 4.0)          # a change after the first recalc
    book.recalc()
    want = _by_hand(4.0, lrs, rows)
    got = [book.value("S", f"B{r}") for r in range(2, last + 1) if (r - 2) % (rows + 1)]
    assert got == pytest.approx(want, rel=1e-15)


def _two_sheets(make_book):
    a, _ = _passes([0.1, 0.2], 6)
    b, _ = _passes([0.25, 0.05], 6)
    return Book.open(make_book({"gd": a, "gd2": b}))


def test_a_change_reruns_only_the_steps_it_reaches(make_book, monkeypatch):
    book = _two_sheets(make_book)
    book.recalc()
    ran = []
    monkeypatch.setattr(Tape, "run", (lambda f: lambda self: ran.append(self) or f(self))(Tape.run))
    book.engine.set_value("gd", "G2", 0.3)         # gd's second pass only
    book.recalc()
    assert {u.sheet for t in ran for g in t.groups for u in g.units} == {"gd"}
    assert book.value("gd", "B15") == pytest.approx(_by_hand(10.0, [0.1, 0.3], 6)[-1], rel=1e-15)
    assert book.value("gd2", "B15") == pytest.approx(_by_hand(10.0, [0.25, 0.05], 6)[-1],
                                                     rel=1e-15)
    ran.clear()
    book.recalc()                                  # nothing changed: nothing to run
    assert ran == []


def test_cells_read_through_offset_and_indirect_always_follow(make_book):
    # B1 reads A2 only through OFFSET's result, B2 through INDIRECT's (no static
    # reference to A2): they must still follow a change of A2 (hand: 1+2, 2*10)
    book = Book.open(make_book({"S": {"A1": 1.0, "A2": 2.0, "A3": 10.0,
                                      "B1": "=SUM(OFFSET(A1,0,0,2,1))",
                                      "B2": '=INDIRECT("A2")*A3', "B3": "=B1+B2"}}))
    book.recalc()
    assert book.value("S", "B3") == 3.0 + 20.0
    book.engine.set_value("S", "A2", 5.0)
    book.recalc()
    assert book.value("S", "B1") == 6.0
    assert book.value("S", "B3") == 6.0 + 50.0


def test_a_partial_update_is_completed_by_the_next_recalc(make_book):
    # recalc_from with targets brings only B1 up to date; the next recalc must bring
    # C1 (which also reads the written cell) up to date too (hand: 3*2, 3+1)
    book = Book.open(make_book({"S": {"A1": 1.0, "B1": "=A1*2", "C1": "=A1+1"}}))
    book.recalc()
    eng = book.engine
    area = eng.area("S!A1")
    eng.write_variables([area], [3.0])
    eng.recalc_from([area], targets=[("S", 1, 2)])
    assert book.value("S", "B1") == 6.0
    book.recalc()
    assert book.value("S", "C1") == 4.0


def test_error_values_still_come_from_the_exact_path_after_a_change(make_book):
    # a tape gives up on 1/0; the groups it holds then compute Excel's #DIV/0!
    # (https://support.microsoft.com/en-us/office/how-to-correct-a-div-0-error-
    # 3a5eb7ba-2bf2-4cc3-bd3f-26b5d8ba7a3e)
    cells = {"A1": 3.0}
    for r in range(2, 12):
        cells[f"A{r}"] = f"=1/(A{r - 1}-1)"
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    assert book.value("S", "A2") == 0.5           # 1/(3-1)
    book.engine.set_value("S", "A1", 1.0)
    book.recalc()
    assert str(book.value("S", "A2")) == "#DIV/0!"
    assert str(book.value("S", "A11")) == "#DIV/0!"
    book.engine.set_value("S", "A1", 3.0)
    book.recalc()
    assert book.value("S", "A3") == -2.0          # 1/(0.5-1)


def test_copies_of_different_cells_run_as_one_batch(make_book):
    # =data!$A$1 down column A and =data!$A$2 down column B (70 cells each: too many for
    # a tape): two formula shapes, one batch, each cell reading its own place
    cells = {f"A{r}": "=data!$A$1" for r in range(1, 71)}
    cells.update({f"B{r}": "=data!$A$2" for r in range(1, 71)})
    book = Book.open(make_book({"data": {"A1": 3.0, "A2": 5.0}, "S": cells}))
    book.recalc()
    batches = [s for s in book.engine.steps if type(s).__name__ == "SpreadGroup"]
    assert [len(s.units) for s in batches] == [140]
    assert {book.value("S", f"A{r}") for r in range(1, 71)} == {3.0}
    assert {book.value("S", f"B{r}") for r in range(1, 71)} == {5.0}
    book.engine.set_value("data", "A2", 0.5)
    book.recalc()
    assert {book.value("S", f"A{r}") for r in range(1, 71)} == {3.0}
    assert {book.value("S", f"B{r}") for r in range(1, 71)} == {0.5}
