"""A long recurrence on one tape (engine/tape.py): a run cut into pieces of at most
tape.CHUNK outputs, and an all-absolute copy column longer than a recurrence level may
be wide (tape.MAX_WIDE) staying on the tape; values against hand computations."""
from __future__ import annotations

import pytest

from sheetsolver.book import Book
from sheetsolver.engine import tape
from sheetsolver.engine.tape import Tape

ROWS = 1201     # 1200 steps of 4 tape cells: more outputs than one piece of a run


COLUMNS = {"A": "=A{p}+1", "C": "=2*(B{p}-3)", "B": "=B{p}-$G$1*C{r}",
           "D": "=IF(D{p}+1>=7,0,D{p}+1)", "F": "=data!$A$1"}


def _sheet(lr: float, start: float) -> dict:
    """Gradient descent on (x-3)^2, one row per step (as graddesc's tabs): A a step
    counter, B x, C the gradient 2(x-3), D a counter wrapping at 7, F a copy of data!A1."""
    cells = {"G1": lr, "B1": start, "A1": 0, "D1": 0}
    cells.update({f"{c}{r}": f.format(p=r - 1, r=r)
                  for r in range(2, ROWS + 1) for c, f in COLUMNS.items()})
    return cells


def _check(book, lr: float, x0: float, copy: float):
    q = 1 - 2 * lr          # hand: x - lr*2(x-3) = 3 + (x-3)(1-2lr)
    for n in range(1, ROWS):
        assert book.value("gd", f"A{n + 1}") == n
        assert book.value("gd", f"D{n + 1}") == n % 7
        assert book.value("gd", f"F{n + 1}") == copy
    for n in (1, 2, 3, 50, 100):        # while x - 3 is well above its rounding error
        assert book.value("gd", f"B{n + 1}") == pytest.approx(3 + (x0 - 3) * q ** n,
                                                               rel=1e-12, abs=1e-12)
    assert book.value("gd", f"B{ROWS}") == pytest.approx(3.0, abs=1e-12)


def test_a_long_run_in_pieces_gives_every_value_again_after_a_change(make_book, monkeypatch):
    ran = []
    monkeypatch.setattr(Tape, "run", (lambda run: lambda self: ran.append(run(self)) or ran[-1])(
        Tape.run))
    assert (ROWS - 1) * 4 > tape.CHUNK and ROWS - 1 > tape.MAX_WIDE
    book = Book.open(make_book({"data": {"A1": 7.0}, "gd": _sheet(0.1, 10.0)}))
    eng = book.engine
    book.recalc()
    # the whole sheet is one tape: the 1200 copies of data!$A$1 (one value in every
    # cell) are on it too, not a NumPy group whose cells the tape would read as inputs
    assert [type(s).__name__ for s in eng.steps] == ["Tape"]
    _check(book, 0.1, 10.0, 7.0)
    eng.set_numbers("gd!G1", 0.25)
    eng.set_numbers("gd!B1", 8.0)
    eng.set_numbers("data!A1", -2.5)
    book.recalc()
    assert ran == [True, True]          # the tape computed both, no fallback
    _check(book, 0.25, 8.0, -2.5)


def test_passes_reading_their_own_rate_by_absolute_reference_share_one_code(make_book):
    # 30 passes of 4 rows (graddesc's layout): a pass counter in column A of its first
    # row, then row i steps x (column B) toward data!A{i+1} with the pass's own rate
    # $H$<first row>, an absolute reference that moves with the pass, while the data
    # references are the same in every pass
    passes, rates, data = 30, [0.05 + 0.01 * (k % 7) for k in range(30)], [2.0, 3.5, 4.0]
    cells = {"A1": 0, "B4": 10.0}
    for k in range(passes):
        top = 5 + 4 * k
        cells[f"A{top}"] = f"=A{top - 4}+1"
        cells[f"H{top}"] = rates[k]
        for i in range(1, 4):
            r, prev = top + i, top + i - (2 if i == 1 else 1)
            cells[f"B{r}"] = f"=B{prev}-$H${top}*2*(B{prev}-data!$A${i})"
    book = Book.open(make_book({"data": {f"A{i + 1}": d for i, d in enumerate(data)},
                                "p": cells}))
    book.recalc()
    tapes = [s for s in book.engine.steps if isinstance(s, Tape)]
    # code for the counter's row and for a pass's steps, not one per pass
    assert len(tapes) == 1 and tapes[0].n_blocks <= 3, [t.n_blocks for t in tapes]
    x = 10.0            # hand: the same steps in plain Python
    for k in range(passes):
        assert book.value("p", f"A{5 + 4 * k}") == k + 1
        for i in range(1, 4):
            x = x - rates[k] * 2 * (x - data[i - 1])
            assert book.value("p", f"B{5 + 4 * k + i}") == pytest.approx(x, rel=1e-12)
