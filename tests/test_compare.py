"""Engine + VBA `onestep` against the NumPy reference, and `sheetsolver compare`.

The reference trajectory is computed here from the file as Excel saved it
(tests' own reader), so the engine run is checked against numbers that owe
nothing to the engine.
"""
from __future__ import annotations


import pytest

import _graddesc
from conftest import FASTAI, needs_fastai
from sheetsolver.book import Book
from sheetsolver.cli import main
from sheetsolver.reference import INPUT_CELLS, TABS, layout, run_passes
from sheetsolver.stepping import EngineHost, compare_tab, load_project, run_macro
from sheetsolver.stepping import compare as compare_mod
from sheetsolver.values import ExcelError, same_value

GRADDESC = FASTAI / "graddesc-2019.xlsm"
FORMULA_CELLS = {"basic": 351, "momentum": 294, "rmsprop": 264, "adam": 325, "adam_ann": 331}

pytestmark = needs_fastai("graddesc-2019.xlsm")


def file_tab(tab: str, path=GRADDESC):
    """(cells, x, y, state) of a tab as saved by Excel (independent reader)."""
    return _graddesc.file_tab(tab, path)


def fresh():
    book = Book.open(GRADDESC)
    book.recalc()
    return book, EngineHost(book), load_project(book)


@pytest.mark.parametrize("n", [1, 5, 50])
@pytest.mark.parametrize("tab", TABS)
def test_onestep_passes_match_reference_in_every_formula_cell(tab, n):
    cells, x, y, state = file_tab(tab)
    ref = run_passes(tab, x, y, state, n, macro="onestep")
    book, host, project = fresh()
    table = run_macro(host, project, tab, "onestep", n, layout=layout)
    formula_refs = [r for r, c in cells.items() if c.formula is not None]
    assert len(formula_refs) == FORMULA_CELLS[tab]
    want = ref.results[n].cells()
    assert sorted(want) == sorted(formula_refs)
    bad = []
    for r in formula_refs:
        got = book.value(tab, r)
        got = got.code if isinstance(got, ExcelError) else got
        if not same_value(got, want[r], rel=1e-9, abs_=1e-12):
            bad.append((r, got, want[r]))
    assert not bad, f"{len(bad)} cells differ after {n} passes, first {bad[:3]}"
    for key, a1 in INPUT_CELLS[tab].items():          # the pasted inputs (and lr, betas)
        assert same_value(book.value(tab, a1), ref.end_state[key]), (key, a1)
    assert list(table.index) == list(range(n + 1))
    assert all(same_value(float(e), w) for e, w in zip(table["error"], ref.errors()))


@pytest.mark.parametrize("tab", TABS)
def test_compare_tab_reports_zero_differences(tab):
    _, host, project = fresh()
    res = compare_tab(host, project, tab, 5)
    assert res.ok and not res.problems
    cols = res.table.set_index("column")
    formula = sum(n for c, n in cols["cells"].items() if c not in ("inputs", "log"))
    assert formula == FORMULA_CELLS[tab]
    assert (res.table["max_rel_diff"] <= 1e-9).all()
    assert cols.loc["inputs", "cells"] == len(INPUT_CELLS[tab])
    if tab == "basic":
        assert cols.loc["log", "cells"] == 10             # 5 saved + 5 new entries
    _, x, y, state = file_tab(tab)
    want = run_passes(tab, x, y, state, 5, macro="onestep").errors()
    assert all(same_value(g, w) for g, w in zip(res.engine_errors, want))


def test_compare_detects_a_difference(monkeypatch):
    real = compare_mod.run_passes

    def skewed(*a, **k):
        run = real(*a, **k)
        run.results[-1].table.iloc[10, 7] *= 1 + 1e-6      # one new_b cell after the last pass
        return run

    monkeypatch.setattr(compare_mod, "run_passes", skewed)
    _, host, project = fresh()
    res = compare_tab(host, project, "momentum", 3)
    assert not res.ok
    row = res.table.set_index("column").loc["H"]
    assert row["beyond_1e-9"] == 1 and row["worst"] == "H14 @ pass 3"
    assert row["max_rel_diff"] == pytest.approx(1e-6, rel=1e-3)
    assert main(["compare", str(GRADDESC), "--passes", "3", "--sheet", "momentum"]) == 1


def test_compare_from_reset(capsys):
    _, host, project = fresh()
    res = compare_tab(host, project, "adam_ann", 5, from_reset=True)
    assert res.ok
    assert res.engine_passes["a"].iloc[0] == 1.0 and res.engine_passes["b"].iloc[0] == 1.0


def test_cli_compare_prints_tables_and_plots(tmp_path, capsys):
    png = tmp_path / "errors.png"
    rc = main(["compare", str(GRADDESC), "--passes", "5", "--plot", str(png)])
    out = capsys.readouterr().out
    assert rc == 0
    for tab in TABS:
        assert f"{tab}: 5 passes of onestep from the file's state: OK" in out
    assert "max_abs_diff" in out and "max_rel_diff" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
