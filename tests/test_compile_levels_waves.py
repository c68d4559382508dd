"""compiler.levels: the longest dependency path of each formula, the same whether Kahn's
waves run as array operations (wide) or one unit at a time (narrow). Expected levels are
counted by hand from the formulas."""
import pytest

from sheetsolver.book import Book
from sheetsolver.engine import compiler

CELLS = {"A1": 1.0, "B1": "=A1*2", "B2": "=A1*3", "B3": "=A1*4", "C1": "=B1+B2",
         "D1": "=C1+B3", "E1": "=D1+A1", "F1": "=B1+E1"}
BY_HAND = {"B1": 0, "B2": 0, "B3": 0, "C1": 1, "D1": 2, "E1": 3, "F1": 4}


@pytest.mark.parametrize("wide", [1, 2, 10**9])
def test_levels_are_longest_paths(make_book, monkeypatch, wide):
    monkeypatch.setattr(compiler, "_WIDE", wide)
    eng = Book.open(make_book({"S": CELLS})).engine
    compiler.levels(eng.units)
    got = {u.where.split("!")[1]: u.level for u in eng.units}
    assert got == BY_HAND


@pytest.mark.parametrize("wide", [1, 10**9])
def test_a_cycle_is_found_after_wide_waves(make_book, monkeypatch, wide):
    monkeypatch.setattr(compiler, "_WIDE", wide)
    eng = Book.open(make_book({"S": CELLS})).engine
    u = {x.where: x for x in eng.units}
    u["S!C1"].deps.add(u["S!F1"].uid)          # C1 -> F1 -> E1 -> D1 -> C1
    with pytest.raises(compiler.CircularReference, match="S!C1"):
        compiler.levels(eng.units)
