"""``compare`` beyond the 2019 file (issue #12): the project's built workbook (every
pass as live formulas, no macros), a 2018-shaped workbook whose tabs are
recognised by layout and macro, and pass numbering shared by table and plot."""
from __future__ import annotations

from pathlib import Path

import pytest

import _graddesc2018 as G
from sheetsolver.cli import main

BUILT = Path(__file__).resolve().parents[1] / "workbooks" / "graddesc.xlsm"


@pytest.fixture(scope="module")
def shape2018(tmp_path_factory):
    return G.build(tmp_path_factory.mktemp("c2018"))


def test_built_workbook_every_tab_and_pass_agrees(capsys):
    rc = main(["compare", str(BUILT)])
    out = capsys.readouterr().out
    assert rc == 0, out
    for tab in ("basic", "momentum", "rmsprop", "adam", "adam_ann", "adamw", "sgdr"):
        assert f"{tab}: {tab} layout, 20 passes of 29 rows as live formulas: OK" in out
    assert "summary: 140 per-pass errors of the tabs above: OK" in out
    assert "problem:" not in out


def test_built_workbook_difference_is_reported(monkeypatch):
    import sheetsolver.stepping.built as built
    from sheetsolver.book import Book
    from sheetsolver.stepping import EngineHost

    book = Book.open(BUILT)
    book.recalc()
    host = EngineHost(book)
    t = built.recognise_built(book, "momentum")
    assert (t.kind, t.points, t.passes) == ("momentum", 29, 20)
    table, problems, _ = built.compare_built(host, t)
    assert not problems and int(table["beyond_1e-9"].sum()) == 0
    real = built.run_passes

    def skewed(kind, x, y, state, passes, **kw):
        return real(kind, x, y, {**state, "lr": state["lr"] * (1 + 1e-6)}, passes, **kw)
    monkeypatch.setattr(built, "run_passes", skewed)
    table, _, _ = built.compare_built(host, t)
    rows = table.set_index("name")
    assert rows.loc["new_b", "beyond_1e-9"] > 0 and rows.loc["x", "beyond_1e-9"] == 0
    assert built.recognise_built(book, "data") is None and \
        built.recognise_built(book, "summary") is None


def test_tabs_recognised_by_layout_and_macro_not_name(shape2018, capsys):
    rc = main(["compare", str(shape2018), "--passes", "2", "--from-reset"])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "nesterov: no reference (module nesterov has onestep, but the row formulas" in out
    assert "adam old: refused, macro 'onestep' line 6 in module 'Sheet13' uses name " \
           "'lastslope'" in out
    for line in ("basic SGD [basic layout]: 2 passes", "adam ann [adam_ann layout]: 2 passes",
                 "lr annealing [momentum layout]: 2 passes", "adagrad: 2 passes",
                 "eve: 2 passes", "amsgrad: 2 passes"):
        assert f"{line} of onestep from reset (a = b = 1): OK" in out, line


def test_plot_counts_passes_like_the_table(monkeypatch, tmp_path, capsys):
    from matplotlib.axes import Axes
    xs = []
    real_plot = Axes.plot

    def spy(self, x, *a, **k):
        xs.append(list(x))
        return real_plot(self, x, *a, **k)
    monkeypatch.setattr(Axes, "plot", spy)
    rc = main(["compare", str(G.build(tmp_path)), "--sheet", "adagrad", "--passes", "3",
               "--plot", str(tmp_path / "e.png")])
    out = capsys.readouterr().out
    assert rc == 0 and (tmp_path / "e.png").exists()
    assert "error: pass 0 " in out and " -> pass 3 " in out     # the table's numbering
    assert xs == [[0, 1, 2, 3]]                                   # ... and the plot's
    assert "point k = error after k onesteps" in out
