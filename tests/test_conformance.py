"""The engine reproduces Excel's cached value of every formula cell of the real workbooks,
recomputing from the constants with every cached formula value discarded."""
from __future__ import annotations

import pytest

from sheetsolver.book import Book
from sheetsolver.package.reader import load_workbook
from sheetsolver.values import same_value

from conftest import BOOKS, fastai_book


@pytest.mark.parametrize("name", BOOKS)
def test_every_formula_cell_equals_excels_cached_value(name):
    book = Book.open(fastai_book(name))
    eng = book.engine
    cached = {}
    for sheet, r, c in eng.formula_cells():
        cached[(sheet, r, c)] = book.wb.sheet(sheet).cells[(r, c)].value
    volatile = {k for uid in eng.volatile_units() for k in eng.unit_cells(uid)}
    # discard the cached values: poison every non-volatile formula cell before loading
    wb = load_workbook(fastai_book(name))
    poisoned = 0
    for (sheet, r, c) in cached:
        if (sheet, r, c) not in volatile:
            wb.sheet(sheet).cells[(r, c)].value = -12345.0
            poisoned += 1
    eng = Book(wb).engine
    eng.recalc()
    bad = [(k, v, eng.cell(*k)) for k, v in cached.items() if not same_value(v, eng.cell(*k))]
    print(f"{name}: {len(cached):,} formula cells compared ({poisoned:,} recomputed from "
          f"scratch), {len(bad)} differ")
    assert poisoned > 0.9 * len(cached)
    assert bad == []


def test_total_cells_compared_over_18000():
    total = 0
    for name in BOOKS:
        total += sum(1 for _ in Book.open(fastai_book(name)).engine.formula_cells())
    print(f"{total:,} formula cells in the three workbooks (every CSE array cell counted)")
    assert total > 18000


def test_sumxmy2_skips_blank_pairs_like_excel():
    wb = load_workbook(fastai_book("collab_filter-2019.xlsx"))
    wb.sheet("bias").cells[(42, 22)].value = 0.0   # discard the cached value
    book = Book(wb)
    book.recalc()
    assert book.value("bias", "V42") == pytest.approx(0.3194674135586278, rel=1e-12)


def test_volatile_cells_keep_cached_values_unless_refreshed():
    path = fastai_book("graddesc-2019.xlsm")
    book = Book.open(path)
    before = [book.value("data", f"B{r}") for r in range(5, 34)]
    book.recalc()
    assert [book.value("data", f"B{r}") for r in range(5, 34)] == before
    fresh = Book.open(path, refresh_volatile=True, seed=1)
    fresh.recalc()
    xs = [fresh.value("data", f"B{r}") for r in range(5, 34)]
    assert xs != before and all(1 <= x <= 100 and x == int(x) for x in xs)
    # the dependent column follows: C = $C$1 + B * $C$2
    c1, c2 = fresh.value("data", "C1"), fresh.value("data", "C2")
    assert [fresh.value("data", f"C{r}") for r in range(5, 34)] == [c1 + x * c2 for x in xs]
    again = Book.open(path, refresh_volatile=True, seed=1)
    again.recalc()
    assert [again.value("data", f"B{r}") for r in range(5, 34)] == xs
