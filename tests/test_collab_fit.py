"""The fit of the project's built collab workbook: solve and the reference agree.

Issue 15's must-show on workbooks/collab_filter.xlsx: every model cell within 1e-9 relative
of the NumPy reference and the two L-BFGS-B fits (solve: engine + exact gradients; the
reference's own) within 1e-6. That holds because the built tabs minimise the lesson's loss
with weight decay, which has true minima (the unpenalised RMSE of these over-parameterised
tabs has none: factors grow without bound and each run stops at an accident of its path).
Grounding: scipy's L-BFGS-B run directly on the reference objective, central finite
differences; the objective itself is checked by hand in test_reference_collab.py and
against NumPy in test_build.py.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import optimize

from sheetsolver.package.reader import load_workbook
from sheetsolver.reference.collab import collab_tabs, tab_model

BUILT = Path(__file__).resolve().parents[1] / "workbooks" / "collab_filter.xlsx"
TABS = ("dotprod", "bias", "bias_sigmoid", "movielens_1hot", "movielens_emb")


@pytest.fixture(autouse=True)
def _one_blas_thread():
    """L-BFGS-B's small products crawl with OpenBLAS threads on a loaded machine."""
    from sheetsolver.solver.threads import single_threaded_blas
    with single_threaded_blas():
        yield


def _tab(sheet):
    wb = load_workbook(BUILT)
    return tab_model(wb.sheet(sheet), dict(collab_tabs(wb))[sheet])


def _lbfgsb(tab, x0, ftol, gtol):
    return optimize.minimize(tab.fg, x0, jac=True, method="L-BFGS-B",
                             options=dict(maxiter=20000, maxfun=40000, ftol=ftol, gtol=gtol,
                                          maxcor=20))


def test_built_workbook_cells_and_fits_agree():
    from sheetsolver.stepping.collab_compare import compare_collab
    tables, code = compare_collab(BUILT, out=lambda *_: None)
    assert code == 0
    for sheet in TABS:
        t = tables[sheet].set_index("cells")
        assert int(t["beyond_1e-9"].sum()) == 0
        assert {"prediction", "squared error", "objective", "rmse"} <= set(t.index)
    fit = tables["fit"].set_index("sheet")
    assert list(fit.index) == list(TABS)
    assert (fit["verdict"] == "OK").all() and (fit["rel_diff"] <= 1e-6).all()
    # converged, not cut off: far below the 15000-iteration cap either side
    assert (fit["solve_nit"] < 2000).all() and (fit["reference_nit"] < 2000).all()


@pytest.mark.parametrize("sheet", TABS)
def test_penalised_objective_gradient_matches_finite_differences(sheet):
    tab = _tab(sheet)
    assert tab.wd > 0 and tab.layout.loss == "mse"
    x = tab.pack(tab.params)
    f, g = tab.fg(x)
    assert f == pytest.approx(tab.objective())
    for i in np.random.default_rng(1).choice(x.size, 15, replace=False):
        e = np.zeros_like(x)
        e[i] = 1e-6
        fd = (tab.fg(x + e)[0] - tab.fg(x - e)[0]) / 2e-6
        assert g[i] == pytest.approx(fd, rel=1e-6, abs=1e-8), i


@pytest.mark.parametrize("sheet", ["dotprod", "bias"])   # the two that parted before
def test_the_fit_stops_at_a_true_minimum(sheet):
    """With Solver's tolerances (ftol = cvg*1e-5, gtol = pre*1e-2) scipy stops within 1e-6
    of where it stops only once the gradient has vanished (every component <= 1e-9); a
    start moved by 1e-12 relative ends at the same value (paths part, the minimum does not)."""
    tab = _tab(sheet)
    x0 = tab.pack(tab.params)
    loose = _lbfgsb(tab, x0, 1e-9, 1e-8)
    strict = _lbfgsb(tab, x0, 0.0, 1e-9)
    assert strict.message.startswith("CONVERGENCE: NORM OF PROJECTED GRADIENT")
    assert abs(loose.fun - strict.fun) <= 1e-6 * strict.fun
    moved = x0 * (1 + 1e-12 * np.random.default_rng(3).standard_normal(x0.size))
    assert abs(_lbfgsb(tab, moved, 1e-9, 1e-8).fun - loose.fun) <= 1e-6 * loose.fun
