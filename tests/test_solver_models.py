"""Solver models written by the tests (openpyxl, sheet-scoped solver_* names):
a product-mix LP solved with HiGHS, its integer variant, a constrained nonlinear
model (SLSQP), a nonlinear model marked Simplex LP (rejected like Excel does), the
Answer Report sheet and a small generated dotprod-style workbook."""
from __future__ import annotations

import zipfile

import numpy as np
import pytest

openpyxl = pytest.importorskip("openpyxl")
from openpyxl.workbook.defined_name import DefinedName  # noqa: E402

from sheetsolver.book import Book  # noqa: E402
from sheetsolver.cli import main  # noqa: E402
from sheetsolver.solver import read_model, solve  # noqa: E402
from sheetsolver.solver import result as R  # noqa: E402
from sheetsolver.solver.synthetic import numpy_dotprod, write_dotprod_workbook  # noqa: E402


def write_model(path, cells: dict, names: dict, sheet="plan", other_sheet=True):
    """A workbook whose sheet ``sheet`` holds ``cells`` and the Solver ``names``
    (scoped to that sheet; a first sheet before it makes localSheetId = 1)."""
    wb = openpyxl.Workbook()
    ws0 = wb.active
    if other_sheet:
        ws0.title = "notes"
        ws0["A1"] = "model on the next sheet"
        ws = wb.create_sheet(sheet)
    else:
        ws0.title = sheet
        ws = ws0
    for ref, v in cells.items():
        ws[ref] = v
    base = {"solver_neg": "1", "solver_eng": "1", "solver_typ": "2", "solver_num": "0",
            "solver_cvg": "0.0001", "solver_pre": "0.000001", "solver_msl": "2",
            "solver_itr": "2147483647", "solver_tim": "2147483647", "solver_val": "0"}
    base.update(names)
    for k, v in base.items():
        ws.defined_names[k] = DefinedName(k, attr_text=v, hidden=True)
    wb.save(path)
    return path


def product_mix(path, eng="2", extra=None):
    """max 3x + 5y  s.t.  x <= 4, 2y <= 12, 3x + 2y <= 18, x, y >= 0  ->  (2, 6), 36."""
    cells = {"A1": "x", "A2": "y", "B1": 0, "B2": 0, "A4": "profit", "B4": "=3*B1+5*B2",
             "D1": "=B1", "D2": "=2*B2", "D3": "=3*B1+2*B2", "E1": 4, "E2": 12, "E3": 18}
    names = {"solver_opt": "plan!$B$4", "solver_typ": "1", "solver_adj": "plan!$B$1:$B$2",
             "solver_eng": eng, "solver_num": "1", "solver_lhs1": "plan!$D$1:$D$3",
             "solver_rel1": "1", "solver_rhs1": "plan!$E$1:$E$3"}
    names.update(extra or {})
    return write_model(path, cells, names)


def test_model_is_read_from_sheet_scoped_names(tmp_path):
    book = Book.open(product_mix(tmp_path / "mix.xlsx"))
    m = read_model(book.wb, "plan")
    assert m.usable and m.sense == "max" and m.engine == 2 and m.nonneg
    assert [a.a1() for a in m.variables] == ["plan!B1:B2"]
    assert m.objective.a1() == "plan!B4"
    (c,) = m.constraints
    assert (c.lhs.a1(), c.rel, c.rhs.a1()) == ("plan!D1:D3", "<=", "plan!E1:E3")
    assert read_model(book.wb, "notes").problems   # no model on the other sheet


def test_product_mix_lp_with_highs(tmp_path):
    book = Book.open(product_mix(tmp_path / "mix.xlsx"))
    res = solve(book, "plan")
    assert res.method == "highs" and res.status == R.FOUND and res.success
    assert res.message == ("Solver found a solution. All Constraints and optimality "
                           "conditions are satisfied.")
    np.testing.assert_allclose(res.x, [2.0, 6.0], atol=1e-9)
    assert res.fun == pytest.approx(36.0)
    assert book.value("plan", "D3") == pytest.approx(18.0)      # dependents recomputed
    binding = {c["cell"]: c["status"] for c in res.constraints}
    assert binding == {"plan!D1": "Not Binding", "plan!D2": "Binding", "plan!D3": "Binding"}
    assert {c["cell"]: c["slack"] for c in res.constraints}["plan!D1"] == pytest.approx(2.0)


def test_integer_lp_with_milp(tmp_path):
    # max 3x + 5y with 3x + 2y <= 18.5, 2y <= 13, x <= 4, x, y integer -> x=2, y=6 (36)
    path = product_mix(tmp_path / "mip.xlsx", extra={
        "solver_num": "2", "solver_lhs2": "plan!$B$1:$B$2", "solver_rel2": "4",
        "solver_rhs2": "integer"})
    wb = openpyxl.load_workbook(path)
    wb["plan"]["E2"], wb["plan"]["E3"] = 13, 18.5
    wb.save(path)
    res = solve(Book.open(path), "plan")
    assert res.status == R.INTEGER_FOUND
    np.testing.assert_allclose(res.x, [2.0, 6.0], atol=1e-9)
    assert res.fun == pytest.approx(36.0)


def test_same_lp_with_grg_slsqp(tmp_path):
    res = solve(Book.open(product_mix(tmp_path / "mix.xlsx", eng="1")), "plan")
    assert res.method == "SLSQP" and res.success
    np.testing.assert_allclose(res.x, [2.0, 6.0], atol=1e-6)


def test_nonlinear_model_marked_simplex_is_rejected(tmp_path):
    cells = {"B1": 1, "B2": 1, "B4": "=(B1-3)^2+(B2+1)^2"}
    names = {"solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$2", "solver_eng": "2",
             "solver_neg": "2"}
    path = write_model(tmp_path / "nl.xlsx", cells, names)
    book = Book.open(path)
    res = solve(book, "plan")
    assert res.status == R.NOT_LINEAR and not res.success
    assert res.message == ("The linearity conditions required by this LP Solver are not "
                           "satisfied.")
    assert book.value("plan", "B1") == 1.0              # variables left as they were
    res = solve(book, "plan", method="L-BFGS-B")          # GRG finds (3, -1)
    np.testing.assert_allclose(res.x, [3.0, -1.0], atol=1e-5)


def test_value_of_and_bounds_from_constraints(tmp_path):
    # make B4 = x^2 equal 2 with x >= 1 given as a constraint on the variable
    # (x = 0 would be a stationary point of (x^2 - 2)^2, so the bound matters)
    cells = {"B1": 5, "B4": "=B1^2"}
    names = {"solver_opt": "plan!$B$4", "solver_typ": "3", "solver_val": "2",
             "solver_adj": "plan!$B$1", "solver_num": "1", "solver_lhs1": "plan!$B$1",
             "solver_rel1": "3", "solver_rhs1": "1"}
    res = solve(Book.open(write_model(tmp_path / "v.xlsx", cells, names)), "plan")
    assert res.fun == pytest.approx(2.0, rel=1e-6)
    assert res.x[0] == pytest.approx(np.sqrt(2), rel=1e-6)


def test_cli_report_adds_answer_report_sheet(tmp_path, capsys):
    src = product_mix(tmp_path / "mix.xlsx")
    out = tmp_path / "mix.out.xlsx"
    assert main(["solve", str(src), "--report", "-o", str(out), "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "Solver found a solution." in text and "36" in text
    book = Book.open(out)
    assert [s.name for s in book.wb.sheets] == ["notes", "plan", "Answer Report 1",
                                                "Sensitivity Report 1", "Limits Report 1"]
    rep = book.wb.sheet("Answer Report 1")
    vals = {c.value for c in rep.cells.values()}
    assert {"Objective Cell (Max)", "Variable Cells", "Constraints", "Binding",
            "Not Binding", "$D$3"} <= vals
    assert 36.0 in vals and 6.0 in vals
    assert book.value("plan", "B2") == 6.0
    # the model still reads back (its localSheetId kept), every other part is untouched
    assert read_model(book.wb, "plan").usable
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(out) as b:
        changed = {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                   "xl/worksheets/sheet2.xml"}
        for name in a.namelist():
            if name not in changed:
                assert a.read(name) == b.read(name), name
        assert set(b.namelist()) - set(a.namelist()) == {
            "xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml", "xl/worksheets/sheet5.xml"}
    sens = {c.value for c in book.wb.sheet("Sensitivity Report 1").cells.values()}
    assert {"Shadow Price", "Allowable Increase", 1.5} <= sens     # Wyndor: b2's price
    lim = {c.value for c in book.wb.sheet("Limits Report 1").cells.values()}
    assert {"Lower", "Upper", "Limit"} <= lim


def test_cli_default_output_name_and_never_input(tmp_path, capsys):
    src = product_mix(tmp_path / "mix.xlsm")
    assert main(["solve", str(src), "--quiet"]) == 0
    assert (tmp_path / "mix.solved.xlsm").exists()
    assert Book.open(src).value("plan", "B1") == 0.0


def test_generated_dotprod_workbook_matches_numpy_and_solves(tmp_path):
    path = tmp_path / "gen.xlsx"
    users, movies, k = 12, 10, 3
    lay, ratings = write_dotprod_workbook(path, users, movies, k, density=0.7, seed=1)
    book = Book.open(path)
    res0 = solve(book, "dotprod", max_iter=0)   # evaluates the start only
    fg = numpy_dotprod(ratings)
    f_np, _ = fg(res0.initial_x, k)
    assert res0.initial_fun == pytest.approx(f_np, rel=1e-12)
    res = solve(book, "dotprod")
    assert res.success and res.fun < 0.5 * res.initial_fun
    f_final, g_final = fg(res.x, k)
    assert res.fun == pytest.approx(f_final, rel=1e-12)
    assert np.abs(g_final).max() < 1e-3


def test_objective_must_be_a_formula_cell():
    from sheetsolver.book import Book
    from sheetsolver.solver import read_model
    from conftest import fastai_book
    wb = Book.open(fastai_book("collab_filter-2019.xlsx")).wb
    m = read_model(wb, "dotprod", objective="ZZ9999")
    assert any("must contain a formula" in p for p in m.problems)
    m = read_model(wb, "dotprod", objective="nosheet!A1")
    assert any("does not exist" in p for p in m.problems)
    assert read_model(wb, "dotprod").problems == []


def test_nonlinear_portfolio_with_equality_and_inequality(tmp_path):
    """Markowitz: minimise w'Cw s.t. sum(w) = 1, w'mu >= 12%, w >= 0 (GRG -> SLSQP).
    The optimum is the textbook solution, checked against the KKT conditions."""
    cov = [[0.04, 0.006, 0.01], [0.006, 0.09, 0.02], [0.01, 0.02, 0.16]]
    cells = {"B1": 0.3, "C1": 0.3, "D1": 0.4, "B2": 0.08, "C2": 0.12, "D2": 0.15,
             "B9": "=SUMPRODUCT(MMULT(B1:D1,B5:D7),B1:D1)", "B10": "=SUMPRODUCT(B1:D1,B2:D2)",
             "B11": "=SUM(B1:D1)"}
    for i in range(3):
        for j in range(3):
            cells["BCD"[j] + str(5 + i)] = cov[i][j]
    path = write_model(tmp_path / "p.xlsx", cells, {
        "solver_opt": "plan!$B$9", "solver_adj": "plan!$B$1:$D$1", "solver_num": "2",
        "solver_lhs1": "plan!$B$10", "solver_rel1": "3", "solver_rhs1": "0.12",
        "solver_lhs2": "plan!$B$11", "solver_rel2": "2", "solver_rhs2": "1"})
    book = Book.open(path)
    res = solve(book, "plan")
    assert res.success and res.method == "SLSQP"
    w = res.x
    C, mu = np.array(cov), np.array([0.08, 0.12, 0.15])
    assert w.sum() == pytest.approx(1.0, abs=1e-9) and w @ mu == pytest.approx(0.12, abs=1e-9)
    assert (w > 0).all()
    # KKT with both constraints active and w > 0: 2Cw = a*1 + b*mu for some a, b
    A = np.stack([np.ones(3), mu], axis=1)
    coef, *_ = np.linalg.lstsq(A, 2 * C @ w, rcond=None)
    np.testing.assert_allclose(A @ coef, 2 * C @ w, atol=1e-7)
    assert res.fun == pytest.approx(w @ C @ w, rel=1e-12)
    assert res.fun == pytest.approx(0.0443362375, rel=1e-8)
