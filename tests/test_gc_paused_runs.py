"""Recalculation and gradients run with the cycle collector paused (gc_pause.py): the
first run of a big workbook builds millions of long-lived objects, and a full collection
over the whole open workbook inside it made the first recalc and the first gradient
grow faster than the cell count (graddesc workbooks, 40 -> 160 passes)."""
import gc

from sheetsolver.book import Book
from sheetsolver.engine.engine import Engine


def spy(monkeypatch, name: str) -> list:
    """Whether the collector was on, at each call of Engine.<name>."""
    seen, real = [], getattr(Engine, name)

    def wrapped(self, *args, **kw):
        seen.append(gc.isenabled())
        return real(self, *args, **kw)
    monkeypatch.setattr(Engine, name, wrapped)
    return seen


def test_recalc_and_gradient_run_paused_and_restore_the_collector(make_book, monkeypatch):
    book = Book.open(make_book({"S": {"A1": 3, "B1": "=A1*A1", "C1": "=B1+A1"}}))
    eng = book.engine
    runs, passes = spy(monkeypatch, "_run"), spy(monkeypatch, "_forward_backward")
    book.recalc(full=True)
    grad = eng.gradient(("S", 1, 3), [eng.area("S!A1")])
    assert runs == [False] and passes == [False]
    assert gc.isenabled()
    assert eng.value("S", "C1") == 12.0           # 3*3 + 3
    assert grad.tolist() == [7.0]                  # d(x^2 + x)/dx = 2x + 1 at x = 3


def test_the_collector_stays_off_when_it_was_off(make_book):
    book = Book.open(make_book({"S": {"A1": 2, "B1": "=A1*5"}}))
    gc.disable()
    try:
        book.recalc(full=True)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert book.engine.value("S", "B1") == 10.0
