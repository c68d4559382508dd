"""Solver's options and the "degrade, don't refuse" rule, each with a model written as
Excel stores it. Expected values: closed forms, or the option's documented effect."""
from __future__ import annotations

import numpy as np
import pytest

from sheetsolver.book import Book
from sheetsolver.cli import main
from sheetsolver.errors import SheetsolverError
from sheetsolver.solver import checks, read_model, solve
from sheetsolver.solver import result as R
from sheetsolver.solver.problem import Problem
from sheetsolver.solver.synthetic import write_dotprod_workbook
from test_solver_models import write_model

QUAD = {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A4": "f", "B4": "=(B1-3)^2+(B2+1)^2"}


def test_model_depending_on_an_uncomputable_cell_is_refused_naming_it(tmp_path):
    cells = dict(QUAD, D1='=_xlfn.STOCKHISTORY("MSFT",1)', D2="=B1+D1")
    path = write_model(tmp_path / "u.xlsx", cells, {
        "solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$2", "solver_neg": "2",
        "solver_num": "1", "solver_lhs1": "plan!$D$2", "solver_rel1": "1", "solver_rhs1": "10"})
    with pytest.raises(SheetsolverError) as e:
        solve(Book.open(path), "plan")
    assert "plan!D1" in str(e.value) and "STOCKHISTORY" in str(e.value)


def test_uncomputable_cells_elsewhere_do_not_stop_the_model(tmp_path):
    cells = dict(QUAD, F1='=_xlfn.STOCKHISTORY("MSFT",1)', F2="=F1*2")
    path = write_model(tmp_path / "u.xlsx", cells, {
        "solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$2", "solver_neg": "2"})
    res = solve(Book.open(path), "plan")
    assert res.success
    np.testing.assert_allclose(res.x, [3, -1], atol=1e-5)      # closed form


def test_time_limit_stops_with_excels_message(tmp_path):
    path = tmp_path / "gen.xlsx"
    # a 60 x 60 x 8 fit takes hundreds of iterations; a 1 ms limit stops it whatever the
    # machine's speed (the limit is checked at every objective evaluation)
    write_dotprod_workbook(path, 60, 60, 8, density=0.8, seed=2)
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName
    wb = openpyxl.load_workbook(path)
    wb["dotprod"].defined_names["solver_tim"] = DefinedName("solver_tim", attr_text="0.001",
                                                            hidden=True)
    wb.save(path)
    res = solve(Book.open(path), "dotprod")
    assert res.status == R.MAX_TIME
    assert res.message == "Stop chosen when the maximum time limit was reached."
    assert res.fun <= res.initial_fun and res.time < 5


def test_precision_decides_whether_a_constraint_holds(tmp_path):
    """x + y = 1.004 checked at x = y = 0.5: off by 0.004 - holds with solver_pre 0.01,
    not with the default 1e-6."""
    cells = {"B1": 0.5, "B2": 0.5, "B3": "=B1+B2", "B4": "=B1^2"}
    for pre, holds in (("0.01", True), ("0.000001", False)):
        path = write_model(tmp_path / f"p{pre}.xlsx", cells, {
            "solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$2", "solver_num": "1",
            "solver_lhs1": "plan!$B$3", "solver_rel1": "2", "solver_rhs1": "1.004",
            "solver_pre": pre})
        book = Book.open(path)
        p = Problem(book, read_model(book.wb, "plan"))
        p.recalc(np.array([0.5, 0.5]))
        (row,) = checks.evaluate(p, p.model)
        assert row.holds is holds and row.violation == pytest.approx(0.004)


def test_random_seed_makes_evolutionary_repeatable(tmp_path):
    cells = {"A1": "x", "B1": 0, "A2": "f", "B2": "=(B1-2)^2+ABS(B1-1)"}
    names = {"solver_opt": "plan!$B$2", "solver_adj": "plan!$B$1", "solver_eng": "3",
             "solver_rsd": "42", "solver_num": "2", "solver_lhs1": "plan!$B$1",
             "solver_rel1": "1", "solver_rhs1": "5", "solver_lhs2": "plan!$B$1",
             "solver_rel2": "3", "solver_rhs2": "-5", "solver_neg": "2"}
    path = write_model(tmp_path / "e.xlsx", cells, names)
    a = solve(Book.open(path), "plan")
    b = solve(Book.open(path), "plan")
    assert a.x[0] == b.x[0]
    assert a.x[0] == pytest.approx(1.5, abs=1e-4)     # 2(x-2) + 1 = 0 (by hand)


def test_multistart_requires_bounds_unless_switched_off(tmp_path):
    cells = {"A1": "x", "B1": 3.5, "A2": "f", "B2": "=(B1^2-4)^2+B1"}
    base = {"solver_opt": "plan!$B$2", "solver_adj": "plan!$B$1", "solver_msl": "1",
            "solver_neg": "2", "solver_rsd": "3"}
    res = solve(Book.open(write_model(tmp_path / "a.xlsx", cells, base)), "plan")
    assert res.status == R.NEED_BOUNDS
    assert res.message == "All variables must have both upper and lower bounds."
    res = solve(Book.open(write_model(tmp_path / "b.xlsx", cells,
                                      dict(base, solver_rbv="2"))), "plan")
    assert res.success


def test_convergence_option_loosens_the_stop(tmp_path):
    path = tmp_path / "gen.xlsx"
    write_dotprod_workbook(path, 12, 10, 3, density=0.7, seed=1)
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName
    its = {}
    for cvg in ("0.1", "0.00000001"):
        wb = openpyxl.load_workbook(path)
        wb["dotprod"].defined_names["solver_cvg"] = DefinedName("solver_cvg", attr_text=cvg,
                                                                hidden=True)
        wb.save(path)
        its[cvg] = solve(Book.open(path), "dotprod")
    assert its["0.1"].nit < its["0.00000001"].nit
    assert its["0.00000001"].fun <= its["0.1"].fun


def test_cli_solves_other_models_when_one_is_blocked(tmp_path, capsys):
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName
    cells = dict(QUAD, D1='=_xlfn.STOCKHISTORY("MSFT",1)', D4="=B4+D1")
    path = write_model(tmp_path / "two.xlsx", cells, {
        "solver_opt": "plan!$D$4", "solver_adj": "plan!$B$1:$B$2", "solver_neg": "2"})
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("ok")
    ws["B1"], ws["B4"] = 0, "=(B1-5)^2"
    for k, v in {"solver_opt": "ok!$B$4", "solver_adj": "ok!$B$1", "solver_neg": "2"}.items():
        ws.defined_names[k] = DefinedName(k, attr_text=v, hidden=True)
    wb.save(path)
    out = tmp_path / "o.xlsx"
    assert main(["solve", str(path), "-o", str(out), "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "plan: model not usable" in text and "plan!D1" in text
    assert Book.open(out).value("ok", "B1") == pytest.approx(5.0, abs=1e-5)


def test_constraint_on_blank_cells_past_the_used_range(tmp_path):
    """Z100 is blank (0 to Excel): Z100 <= 10 always holds; B1 <= Z100 bounds x at 0."""
    names = {"solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$2", "solver_neg": "2",
             "solver_num": "2", "solver_lhs1": "plan!$Z$100", "solver_rel1": "1",
             "solver_rhs1": "10", "solver_lhs2": "plan!$B$1", "solver_rel2": "1",
             "solver_rhs2": "plan!$Y$90"}
    res = solve(Book.open(write_model(tmp_path / "b.xlsx", QUAD, names)), "plan")
    assert res.success
    np.testing.assert_allclose(res.x, [0, -1], atol=1e-6)    # closed form: x <= 0
    assert res.fun == pytest.approx(9.0, abs=1e-9)


def test_automatic_scaling_large_objective(tmp_path):
    """min 1e7((x-1.2345)^2 + (y-2)^2) s.t. x + y = 3: by hand x = 1.11725, y = 1.88275,
    objective 1e7 * 2 * 0.11725^2 = 274951.25."""
    cells = {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "cost",
             "B3": "=10000000*((B1-1.2345)^2+(B2-2)^2)", "A4": "total", "B4": "=B1+B2"}
    names = {"solver_opt": "plan!$B$3", "solver_adj": "plan!$B$1:$B$2", "solver_num": "1",
             "solver_lhs1": "plan!$B$4", "solver_rel1": "2", "solver_rhs1": "3",
             "solver_scl": "1"}
    res = solve(Book.open(write_model(tmp_path / "s.xlsx", cells, names)), "plan")
    assert res.success and res.method == "SLSQP"
    np.testing.assert_allclose(res.x, [1.11725, 1.88275], atol=1e-6)
    assert res.fun == pytest.approx(274951.25, rel=1e-8)
