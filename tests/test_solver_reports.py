"""Sensitivity Report (linear models), the Answer Report's names and statuses, the
printed outcome and SolveResult's repr.

Sensitivity numbers are the textbook's: the Wyndor Glass Co. problem of Hillier &
Lieberman, *Introduction to Operations Research* (max 3x1 + 5x2; x1 <= 4, 2x2 <= 12,
3x1 + 2x2 <= 18): optimum (2, 6), 36; shadow prices 0, 1.5, 1; c1 may range over
[0, 7.5], c2 over [2, inf); b1 over [2, inf), b2 over [6, 18], b3 over [12, 24]. The
duals are also checked against scipy's linprog(method="highs") marginals."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import optimize

from sheetsolver.book import Book
from sheetsolver.cli import main
from sheetsolver.solver import solve
from test_solver_feasibility import blend
from test_solver_models import product_mix


def test_wyndor_sensitivity(tmp_path):
    res = solve(Book.open(product_mix(tmp_path / "w.xlsx")), "plan")
    sens = res.sensitivity
    v = {r["cell"]: r for r in sens["variables"]}
    assert v["plan!B1"]["final"] == pytest.approx(2) and v["plan!B2"]["final"] == pytest.approx(6)
    assert v["plan!B1"]["objective_coefficient"] == 3
    assert v["plan!B1"]["allowable_increase"] == pytest.approx(4.5)
    assert v["plan!B1"]["allowable_decrease"] == pytest.approx(3)
    assert v["plan!B2"]["allowable_increase"] >= 1e30
    assert v["plan!B2"]["allowable_decrease"] == pytest.approx(3)
    assert v["plan!B1"]["reduced_cost"] == 0 and v["plan!B2"]["reduced_cost"] == 0
    c = {r["cell"]: r for r in sens["constraints"]}
    assert [c[k]["shadow_price"] for k in ("plan!D1", "plan!D2", "plan!D3")] == \
        pytest.approx([0, 1.5, 1])
    assert c["plan!D1"]["allowable_increase"] >= 1e30
    assert c["plan!D1"]["allowable_decrease"] == pytest.approx(2)
    assert (c["plan!D2"]["allowable_increase"], c["plan!D2"]["allowable_decrease"]) == \
        pytest.approx((6, 6))
    assert (c["plan!D3"]["allowable_increase"], c["plan!D3"]["allowable_decrease"]) == \
        pytest.approx((6, 6))
    assert c["plan!D3"]["rhs"] == 18 and c["plan!D3"]["final"] == pytest.approx(18)


def test_blend_shadow_prices_match_highs_marginals(tmp_path):
    res = solve(Book.open(blend(tmp_path / "b.xlsx")), "plan")
    r = optimize.linprog([0.30, 0.90, 0.50], A_ub=[[-0.09, -0.60, -0.12],
                                                   [-0.02, -0.06, -0.10]],
                         b_ub=[-22, -5], A_eq=[[1, 1, 1]], b_eq=[100], method="highs")
    c = {row["name"]: row for row in res.sensitivity["constraints"]}
    # d cost / d rhs: -marginal for the negated >= rows, marginal for the = row
    assert c["Protein Total"]["shadow_price"] == pytest.approx(-r.ineqlin.marginals[0], abs=1e-9)
    assert c["Fibre Total"]["shadow_price"] == pytest.approx(-r.ineqlin.marginals[1], abs=1e-9)
    assert c["Weight Total"]["shadow_price"] == pytest.approx(r.eqlin.marginals[0], abs=1e-9)


def test_cli_prints_outcome_first_and_objective_by_label(tmp_path, capsys):
    src = blend(tmp_path / "b.xlsx")
    assert main(["solve", str(src), "-o", str(tmp_path / "o.xlsx"), "--quiet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ("plan: Solver found a solution. All Constraints and optimality "
                      "conditions are satisfied.")
    assert out[1].startswith("  Cost Total (plan!F3): 0 -> 49.494949")
    assert not any("scipy" in line or "Optimization terminated" in line for line in out)
    assert main(["solve", str(src), "-o", str(tmp_path / "o.xlsx"), "--quiet",
                 "--verbose"]) == 0
    assert "method highs" in capsys.readouterr().out


def test_repr_is_short_and_fields_complete(tmp_path):
    res = solve(Book.open(blend(tmp_path / "b.xlsx")), "plan")
    text = repr(res)
    assert len(text.splitlines()) <= 2 and "49.49494949" in text and "status 0" in text
    assert {"x", "fun", "constraints", "sensitivity", "nfev", "detail"} <= set(res.keys())


def test_answer_report_sheet_names_and_violations(tmp_path):
    """Infeasible blend: the report says Violated with a negative slack."""
    import openpyxl
    path = blend(tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["plan"]["G4"] = 70
    wb.save(path)
    out = tmp_path / "o.xlsx"
    assert main(["solve", str(path), "-o", str(out), "--quiet", "--report"]) == 1
    rep = Book.open(out).wb.sheet("Answer Report 1")
    vals = [c.value for c in rep.cells.values()]
    assert "Protein Total" in vals and "Violated" in vals
    assert "Solver could not find a feasible solution." in " ".join(map(str, vals))
    slack = [c["slack"] for c in solve(Book.open(path), "plan").constraints
             if c["status"] == "Violated"]
    assert slack and min(slack) < 0
    assert np.isfinite(min(slack))


def test_limits_report_on_the_unit_disc(tmp_path):
    """min x + y on x^2 + y^2 <= 1: optimum (-1/sqrt2, -1/sqrt2). With y held there, x
    may move while x^2 + 1/2 <= 1: from -1/sqrt2 to +1/sqrt2 (by hand), where the
    objective is 0."""
    from test_solver_models import write_model
    path = write_model(tmp_path / "d.xlsx", {
        "A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "sum", "B3": "=B1+B2",
        "A4": "radius2", "B4": "=B1^2+B2^2"},
        {"solver_opt": "plan!$B$3", "solver_adj": "plan!$B$1:$B$2", "solver_num": "1",
         "solver_lhs1": "plan!$B$4", "solver_rel1": "1", "solver_rhs1": "1",
         "solver_neg": "2"})
    res = solve(Book.open(path), "plan")
    r = 1 / np.sqrt(2)
    lim = {row["name"]: row for row in res.limits}
    assert lim["x"]["lower"] == pytest.approx(-r, abs=1e-5)
    assert lim["x"]["upper"] == pytest.approx(r, abs=1e-5)
    assert lim["x"]["upper_objective"] == pytest.approx(0.0, abs=1e-5)
    assert res.sensitivity is None
