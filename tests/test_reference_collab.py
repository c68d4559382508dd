"""sheetsolver.reference.collab: the collab tabs' NumPy models, their gradients, and compare.

Grounding: hand computations, central finite differences, and the values Excel itself
cached in fast.ai's course workbooks (the reference computes them from the inputs only).
"""
from __future__ import annotations

import numpy as np
import pytest

from sheetsolver.reference.collab import (CrosstabTab, ObservationTab, Params, collab_tabs,
                                          loss_and_grad, predict, tab_model)
from sheetsolver.reference.collab_layout import (COURSE_BIAS_2019, COURSE_BIAS_2022,
                                                 COURSE_DOTPROD, COURSE_EMB_2019, COURSE_EMB_2022,
                                                 COURSE_ONEHOT_2019, built_crosstab)
from tests.conftest import fastai_book


def _params(rng, nu=4, nm=5, k=3, bias=True):
    return Params(rng.normal(size=(nu, k)), rng.normal(size=(nm, k)),
                  rng.normal(size=nu) if bias else None, rng.normal(size=nm) if bias else None)


def test_prediction_by_hand():
    p = Params(np.array([[1.0, 2.0]]), np.array([[3.0, -1.0]]), np.array([0.5]), np.array([0.25]))
    u = m = np.array([0])
    assert predict(p, u, m, "dot")[0][0] == 1.0                      # 1*3 + 2*(-1)
    assert predict(p, u, m, "bias")[0][0] == 1.75                    # + 0.5 + 0.25
    # 0 + 5.5 * sigmoid(1.75) = 5.5 / (1 + e^-1.75) = 4.7307... (hand: e^-1.75 = 0.173774)
    assert predict(p, u, m, "sigmoid", (0.0, 5.5))[0][0] == pytest.approx(5.5 / 1.173774, rel=1e-6)
    # rmse of one rating 3 against 1.75: |3 - 1.75|
    v, _ = loss_and_grad(p, u, m, np.array([3.0]), "bias")
    assert v == pytest.approx(1.25)


@pytest.mark.parametrize("kind", ["dot", "bias", "sigmoid"])
@pytest.mark.parametrize("loss,wd", [("rmse", 0.0), ("mse", 0.0), ("mse", 0.05)])
def test_gradient_matches_finite_differences(kind, loss, wd):
    rng = np.random.default_rng(7)
    p = _params(rng, bias=kind != "dot")
    u = rng.integers(0, 4, 30)
    m = rng.integers(0, 5, 30)
    r = rng.uniform(0.5, 5, 30)
    yr = (0.0, 5.5)
    _, g = loss_and_grad(p, u, m, r, kind, yr, loss=loss, wd=wd)
    h = 1e-6
    for name in ("user", "movie", "user_bias", "movie_bias"):
        a = getattr(p, name)
        if a is None:
            continue
        ga = getattr(g, name)
        for idx in np.ndindex(a.shape):
            old = a[idx]
            a[idx] = old + h
            fp = loss_and_grad(p, u, m, r, kind, yr, loss=loss, wd=wd, want_grad=False)[0]
            a[idx] = old - h
            fm = loss_and_grad(p, u, m, r, kind, yr, loss=loss, wd=wd, want_grad=False)[0]
            a[idx] = old
            assert ga[idx] == pytest.approx((fp - fm) / (2 * h), rel=1e-5, abs=1e-8), (name, idx)


def test_tab_gradient_in_sheet_order_matches_finite_differences():
    """fg packs the Solver's variable areas (movie factors k x movies, as on the sheet)."""
    book = fastai_book("collab_filter-2022.xlsx")
    from sheetsolver.package.reader import load_workbook
    wb = load_workbook(book)
    for sheet, lay in collab_tabs(wb):
        tab = tab_model(wb.sheet(sheet), lay)
        x = tab.pack(tab.params)
        assert tab.fg(x)[0] == pytest.approx(tab.objective())
        _, g = tab.fg(x)
        rng = np.random.default_rng(0)
        for i in rng.choice(x.size, 12, replace=False):
            e = np.zeros_like(x)
            e[i] = 1e-6
            fd = (tab.fg(x + e)[0] - tab.fg(x - e)[0]) / 2e-6
            assert g[i] == pytest.approx(fd, rel=1e-5, abs=1e-9), (sheet, i)


COURSE = {
    "collab_filter-2019.xlsx": {"dotprod": COURSE_DOTPROD, "bias": COURSE_BIAS_2019,
                                "movielens_1hot": COURSE_ONEHOT_2019,
                                "movielens_emb": COURSE_EMB_2019},
    "collab_filter-2022.xlsx": {"dotprod": COURSE_DOTPROD, "bias": COURSE_BIAS_2022,
                                "movielens_emb": COURSE_EMB_2022},
}


@pytest.mark.parametrize("name", sorted(COURSE))
def test_course_tabs_recognised_and_match_excels_cached_values(name):
    """Every mirrored cell equals the value Excel cached in the file (1e-9 relative)."""
    from sheetsolver.package.reader import load_workbook
    wb = load_workbook(fastai_book(name))
    found = dict(collab_tabs(wb))
    assert found == COURSE[name]                       # word_emb is not a collab tab
    checked = 0
    for sheet, lay in found.items():
        sh = wb.sheet(sheet)
        for group, cells in tab_model(sh, lay).cells().items():
            for (r, c), want in cells.items():
                got = sh.cells[(r, c)].value
                assert got == pytest.approx(want, rel=1e-9, abs=1e-12), (sheet, group, r, c)
                checked += 1
    assert checked > 3000


def test_course_rmse_values_from_excel():
    """The objective cells Excel saved: dotprod!V41 = 0.39301547..., bias!V42 = 0.31946741..."""
    from sheetsolver.package.reader import load_workbook
    wb = load_workbook(fastai_book("collab_filter-2019.xlsx"))
    assert CrosstabTab(wb.sheet("dotprod"), COURSE_DOTPROD).objective() == \
        pytest.approx(0.3930154712865702, rel=1e-12)
    assert CrosstabTab(wb.sheet("bias"), COURSE_BIAS_2019).objective() == \
        pytest.approx(0.3194674135586278, rel=1e-12)
    assert ObservationTab(wb.sheet("movielens_emb"), COURSE_EMB_2019).objective() == \
        pytest.approx(0.39301547128657016, rel=1e-12)


def test_recognised_by_structure_not_name(make_book):
    """A renamed copy of the built layout is still recognised; a tab named dotprod
    without the formulas is not."""
    lay = built_crosstab(2, 2, 1, "dot")
    cells = {"A5": 1, "A6": 2, "D4": 10, "E4": 20, "D5": 4, "E6": 2,
             "D9": 0.5, "E9": 1.5, "B12": 2.0, "B13": 1.0,
             "D12": '=IF(D5="",0,$B12*D$9)', "E12": '=IF(E5="",0,$B12*E$9)',
             "D13": '=IF(D6="",0,$B13*D$9)', "E13": '=IF(E6="",0,$B13*E$9)',
             "D16": '=IF(D5="",0,(D5-D12)^2)', "E16": '=IF(E5="",0,(E5-E12)^2)',
             "D17": '=IF(D6="",0,(D6-D13)^2)', "E17": '=IF(E6="",0,(E6-E13)^2)',
             "B3": "=SQRT(SUM($D$16:$E$17)/COUNT($D$5:$E$6))", "D2": 0.1,
             "B2": "=SUM($D$16:$E$17)/COUNT($D$5:$E$6)+$D$2*SUMSQ($B$12:$B$13,$D$9:$E$9)"}
    assert lay.predictions == "D12:E13" and lay.errors == "D16:E17"
    path = make_book({"my factors": cells, "dotprod": {"A1": 1}})
    from sheetsolver.package.reader import load_workbook
    found = collab_tabs(load_workbook(path))
    assert [(s, lay.kind) for s, lay in found] == [("my factors", "dot")]
    tab = tab_model(load_workbook(path).sheet("my factors"), found[0][1])
    # by hand: D5 = 4 rated, pred 2*0.5 = 1, err 9; E6 = 2 rated, pred 1*1.5 = 1.5, err 0.25;
    # objective B2 = mean squared error 4.625 + 0.1 * (2^2 + 1^2 + 0.5^2 + 1.5^2 = 7.5)
    assert tab.objective() == pytest.approx(4.625 + 0.75)
    assert tab.cells()["rmse"] == {(3, 2): pytest.approx(np.sqrt(4.625))}
    assert tab.cells()["prediction"] == {(12, 4): 1.0, (12, 5): 0.0, (13, 4): 0.0, (13, 5): 1.5}


def test_compare_course_2022_cells_and_fit(capsys):
    from sheetsolver.stepping.collab_compare import compare_collab
    tables, code = compare_collab(fastai_book("collab_filter-2022.xlsx"))
    assert code == 0
    for sheet in ("dotprod", "bias", "movielens_emb"):
        assert int(tables[sheet]["beyond_1e-9"].sum()) == 0
        assert int(tables[sheet]["n"].sum()) > 200
    fit = tables["fit"].set_index("sheet")
    assert (fit["rel_diff"] <= 1e-6).all()
    assert (fit["verdict"] == "OK").all()


def test_compare_2019_fits_tabs_whose_solver_objective_was_deleted():
    """The 2019 file's movielens tabs keep solver_opt = #REF! (the objective cell was
    deleted in Excel); the fit uses the tab's objective cell, as `solve --objective` does,
    and says so."""
    from sheetsolver.stepping.collab_compare import compare_collab
    tables, code = compare_collab(fastai_book("collab_filter-2019.xlsx"),
                                  ["movielens_emb", "movielens_1hot"])
    assert code == 0
    fit = tables["fit"].set_index("sheet")
    for sheet, cell in (("movielens_emb", "Y210"), ("movielens_1hot", "BH210")):
        assert fit.loc[sheet, "rel_diff"] <= 1e-6
        assert fit.loc[sheet, "verdict"] == \
            f"OK (solver_opt is {sheet}!#REF! in the file; fitted {sheet}!{cell})"
    assert int(tables["movielens_1hot"]["beyond_1e-9"].sum()) == 0
    assert "one-hot" in set(tables["movielens_1hot"]["cells"])


def test_cell_table_flags_a_difference():
    from sheetsolver.stepping.collab_compare import _cell_table

    class Engine(dict):   # the one engine method the table reads
        def cell(self, sheet, r, c):
            return dict.get(self, (sheet, r, c))
    engine = Engine({("S", 1, 1): 1.0, ("S", 1, 2): 2.0 + 1e-6})
    table = _cell_table(engine, "S", {"prediction": {(1, 1): 1.0, (1, 2): 2.0}})
    assert int(table["beyond_1e-9"].sum()) == 1
    assert table["worst"][0].startswith("B1")


def test_compare_cli_exit_code_on_built_book(tmp_path, capsys):
    """The CLI dispatches collab workbooks to the collab comparison (cells OK here)."""
    from sheetsolver.build.collab import collab_workbook
    from sheetsolver.build.compute import write_with_values
    from sheetsolver.build.ratings import Crosstab
    from sheetsolver.stepping.collab_compare import compare_collab
    grid = np.array([[5.0, np.nan, 3.0], [4.0, 2.0, np.nan], [np.nan, 1.0, 4.0]])
    spec, _ = collab_workbook(Crosstab([1, 2, 3], [10, 20, 30], grid, "t", 6), factors=2, seed=1)
    out = tmp_path / "c.xlsx"
    write_with_values(spec, out)
    tables, _ = compare_collab(out, fit=False)
    assert set(tables) == {"dotprod", "bias", "bias_sigmoid", "movielens_1hot", "movielens_emb"}
    for t in tables.values():
        assert int(t["beyond_1e-9"].sum()) == 0
    from sheetsolver.cli import main
    capsys.readouterr()
    code = main(["compare", str(out), "--sheet", "bias_sigmoid"])
    text = capsys.readouterr().out
    assert "bias_sigmoid: built sigmoid (3 users x 3 movies, 2 factors): OK (1e-9 relative)" in text
    fit = text.split("fit: ")[1]
    assert code == (0 if " OK" in fit.splitlines()[-1] else 1)
