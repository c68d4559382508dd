"""Feasibility first (issue #10 point 1): no success with a violated constraint, an
infeasible start is worse than any feasible point, Excel's outcome messages.

Expected optima are computed here with scipy directly on the same numbers (linprog /
minimize_scalar), or by hand."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize

from sheetsolver.book import Book
from sheetsolver.solver import solve
from sheetsolver.solver import result as R
from test_solver_models import write_model


def blend(path, eng="2"):
    """Feed blend of issue #10, saved with x = y = z = 0 (labels as an analyst writes)."""
    cells = {"A1": "Feed", "B1": "Corn", "C1": "Soy", "D1": "Oats", "F1": "Total",
             "A2": "Amount", "B2": 0, "C2": 0, "D2": 0,
             "A3": "Cost", "B3": 0.30, "C3": 0.90, "D3": 0.50,
             "F3": "=SUMPRODUCT(B3:D3,$B$2:$D$2)",
             "A4": "Protein", "B4": 0.09, "C4": 0.60, "D4": 0.12,
             "F4": "=SUMPRODUCT(B4:D4,$B$2:$D$2)", "G1": "Need", "G4": 22,
             "A5": "Fibre", "B5": 0.02, "C5": 0.06, "D5": 0.10,
             "F5": "=SUMPRODUCT(B5:D5,$B$2:$D$2)", "G5": 5,
             "A6": "Weight", "F6": "=SUM(B2:D2)", "G6": 100}
    names = {"solver_opt": "plan!$F$3", "solver_typ": "2", "solver_adj": "plan!$B$2:$D$2",
             "solver_eng": eng, "solver_num": "2",
             "solver_lhs1": "plan!$F$4:$F$5", "solver_rel1": "3", "solver_rhs1": "plan!$G$4:$G$5",
             "solver_lhs2": "plan!$F$6", "solver_rel2": "2", "solver_rhs2": "plan!$G$6"}
    return write_model(path, cells, names)


def _blend_scipy():
    r = optimize.linprog([0.30, 0.90, 0.50], A_ub=[[-0.09, -0.60, -0.12], [-0.02, -0.06, -0.10]],
                         b_ub=[-22, -5], A_eq=[[1, 1, 1]], b_eq=[100], method="highs")
    return r.fun, r.x


@pytest.mark.parametrize("eng", ["2", "1"])
def test_feed_blend_from_zeros(tmp_path, eng):
    book = Book.open(blend(tmp_path / "blend.xlsx", eng))
    res = solve(book, "plan")
    fun, x = _blend_scipy()
    assert fun == pytest.approx(49.4949, abs=5e-5)            # issue #10's optimum
    assert res.success and res.feasible
    assert res.fun == pytest.approx(fun, rel=1e-6)
    np.testing.assert_allclose(res.x, x, atol=1e-4)
    np.testing.assert_allclose(res.x, [50.51, 23.99, 25.51], atol=6e-3)
    st = {c["name"]: c["status"] for c in res.constraints}
    # all three rows hold with equality (the 3x3 system x+y+z=100, protein=22, fibre=5
    # has the solution (50.505, 23.990, 25.505): linprog's slacks are 0 too)
    assert st == {"Protein Total": "Binding", "Fibre Total": "Binding",
                  "Weight Total": "Binding"}
    assert book.value("plan", "F3") == pytest.approx(fun, rel=1e-6)


def test_infeasible_lp_is_not_success(tmp_path):
    path = blend(tmp_path / "blend.xlsx")
    import openpyxl
    wb = openpyxl.load_workbook(path)
    wb["plan"]["G4"] = 70          # protein 70 from 100 units: at most 60 -> infeasible
    wb.save(path)
    for eng in ("2", "1"):
        wb = openpyxl.load_workbook(path)
        wb["plan"].parent.save(path)
        book = Book.open(path)
        res = solve(book, "plan", method=None if eng == "2" else "SLSQP")
        assert res.status == R.INFEASIBLE and not res.success
        assert res.message == "Solver could not find a feasible solution."


def test_report_rows_from_final_values_before_solving(tmp_path):
    """At the zero start, 0 >= 22 is violated (not "Not Binding") and 0 = 100 does not
    hold (not "Binding")."""
    book = Book.open(blend(tmp_path / "blend.xlsx"))
    res = solve(book, "plan", max_iter=0, method="SLSQP")
    from sheetsolver.solver import checks, read_model
    from sheetsolver.solver.problem import Problem
    p = Problem(book, read_model(book.wb, "plan"))
    p.recalc(np.zeros(3))
    rows = {r.formula: r for r in checks.evaluate(p, p.model)}
    assert rows["$F$4>=$G$4"].status == "Violated" and rows["$F$4>=$G$4"].slack == -22
    assert rows["$F$6=$G$6"].status == "Violated"
    assert res is not None


def curve_fit(path, a0, b0):
    """y = a*exp(b x): SSE objective over data written in the sheet, constraint a >= 3."""
    xs = np.arange(10) / 4.0
    ys = 2.5 * np.exp(0.45 * xs) + np.sin(7 * xs) * 0.6   # deterministic data
    cells = {"A1": "a", "B1": a0, "A2": "b", "B2": b0, "D1": "x", "E1": "y", "F1": "fit"}
    for i, (x, y) in enumerate(zip(xs, ys), start=2):
        cells[f"D{i}"] = float(x)
        cells[f"E{i}"] = float(y)
        cells[f"F{i}"] = f"=$B$1*EXP($B$2*D{i})"
    cells["A4"] = "SSE"
    cells["B4"] = "=SUMXMY2(E2:E11,F2:F11)"
    names = {"solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$2", "solver_num": "1",
             "solver_lhs1": "plan!$B$1", "solver_rel1": "3", "solver_rhs1": "3",
             "solver_neg": "2", "solver_eng": "1"}
    return write_model(path, cells, names), xs, ys


def test_constrained_curve_fit_from_unconstrained_optimum(tmp_path):
    xs = np.arange(10) / 4.0
    ys = 2.5 * np.exp(0.45 * xs) + np.sin(7 * xs) * 0.6

    def sse(p):
        return float(np.sum((ys - p[0] * np.exp(p[1] * xs)) ** 2))
    free = optimize.minimize(sse, [1, 0.1], method="Nelder-Mead",
                             options=dict(xatol=1e-12, fatol=1e-14, maxiter=20000)).x
    assert free[0] < 3                                     # the start breaks a >= 3
    fixed = optimize.minimize_scalar(lambda b: sse([3.0, b]), bounds=(-2, 2), method="bounded",
                                     options=dict(xatol=1e-12))
    path, _, _ = curve_fit(tmp_path / "fit.xlsx", float(free[0]), float(free[1]))
    book = Book.open(path)
    res = solve(book, "plan")
    assert res.initial_fun < fixed.fun                     # the start is better, but infeasible
    assert res.success and res.feasible
    assert res.x[0] == pytest.approx(3.0, abs=1e-7)
    assert res.x[1] == pytest.approx(fixed.x, abs=1e-5)
    assert res.fun == pytest.approx(fixed.fun, rel=1e-7)
