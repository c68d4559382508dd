"""Solver models that read iterated circular references or what-if data tables (issue
#14): the engine's reverse mode leaves both out of its gradient path and ``recalc_from``
does not refill tables, so such a model is solved by finite differences over full
recalculations (said in the result), and one that reaches an uncomputable cell through
them is refused naming that cell. Optima are computed by hand in each docstring.

Iterative calculation: https://support.microsoft.com/en-us/office/remove-or-allow-a-circular-reference-8540bd0f-6e97-4483-bcf7-1b49cd50d123
Data tables: https://support.microsoft.com/en-us/office/calculate-multiple-results-by-using-a-data-table-e95e2487-6ca6-4413-ad12-77542a5ea50b
"""
from __future__ import annotations

import zipfile

import numpy as np
import pytest

from sheetsolver.book import Book
from sheetsolver.errors import SheetsolverError
from sheetsolver.solver import solve

from _raw_book import write_book

ITERATE = {"iterate": "1", "iterateCount": "100", "iterateDelta": "0.001"}
BASE = {"solver_typ": "2", "solver_neg": "2", "solver_eng": "1", "solver_num": "0",
        "solver_cvg": "0.0001", "solver_pre": "0.000001", "solver_msl": "2",
        "solver_itr": "2147483647", "solver_tim": "2147483647", "solver_val": "0"}


def write_solver_book(path, sheets: dict, models: dict, calc_pr=None):
    """A raw workbook (cycles, data tables, cached values) with Solver models: ``models``
    is {sheet: {solver_name: text}}, written as hidden names scoped to that sheet."""
    write_book(path, sheets, calc_pr=calc_pr)
    names = "".join(
        f'<definedName name="{k}" localSheetId="{list(sheets).index(s)}" hidden="1">{v}'
        '</definedName>' for s, m in models.items() for k, v in {**BASE, **m}.items())
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    wb = parts["xl/workbook.xml"].decode()
    wb = wb.replace("</sheets>", f"</sheets><definedNames>{names}</definedNames>", 1)
    parts["xl/workbook.xml"] = wb.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


# C1 = B1 + B2 + 0.5*D1 and D1 = 0.2*C1 form a cycle whose fixed point is
# C1 = (B1 + B2)/0.9.
CYCLE = {"A1": "x", "B1": 0, "A2": "y", "B2": 0,
         "C1": {"f": "B1+B2+0.5*D1"}, "D1": {"f": "0.2*C1"},
         "A4": "f", "B4": {"f": "(C1-10)^2+(B2-1)^2"}}


def test_model_through_an_iterated_cycle_gets_right_derivatives(tmp_path):
    """f = ((x+y)/0.9 - 10)^2 + (y-1)^2 is 0 at y = 1, x + y = 9: x = 8. A gradient that
    left the cycle out would see only 2(y-1) and stop at x = 0."""
    path = write_solver_book(tmp_path / "c.xlsx", {"plan": CYCLE},
                             {"plan": {"solver_opt": "plan!$B$4",
                                       "solver_adj": "plan!$B$1:$B$2"}}, ITERATE)
    book = Book.open(path)
    res = solve(book, "plan")
    assert res.success
    np.testing.assert_allclose(res.x, [8, 1], atol=1e-4)
    assert res.fun == pytest.approx(0, abs=1e-7)
    assert res.gradient == "finite differences"
    text = " ".join(res.notes)
    assert "plan!C1" in text and "circular" in text and "finite differences" in text
    assert book.value("plan", "C1") == pytest.approx(10, abs=1e-4)
    # the workbook's own iteration settings are unchanged (they are saved with it)
    assert book.wb.iterate_delta == 0.001 and book.wb.iterate_count == 100


def test_constraint_through_an_iterated_cycle(tmp_path):
    """min (x-20)^2 + y^2 s.t. C1 = (x+y)/0.9 <= 10: x + y <= 9; on the line the
    closest point to (20, 0) is x = 14.5, y = -5.5."""
    cells = dict(CYCLE, B4={"f": "(B1-20)^2+B2^2"})
    path = write_solver_book(tmp_path / "k.xlsx", {"plan": cells}, {"plan": {
        "solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$2", "solver_num": "1",
        "solver_lhs1": "plan!$C$1", "solver_rel1": "1", "solver_rhs1": "10"}}, ITERATE)
    res = solve(Book.open(path), "plan")
    assert res.success and res.feasible
    np.testing.assert_allclose(res.x, [14.5, -5.5], atol=1e-3)


# A one-variable column table B5:B7: the values A5:A7 go into the input cell D1 and the
# formula B4 = (D1 - x)^2 is read for each; E1 sums the table.
TABLE = {"A1": "x", "B1": 0, "D1": 0,
         "B4": {"f": "(D1-B1)^2", "v": 0}, "A5": 1, "A6": 3, "A7": 8,
         "B5": {"t": "dataTable", "fref": "B5:B7", "dt2D": "0", "dtr": "0", "r1": "D1",
                "v": 0},
         "E1": {"f": "SUM(B5:B7)", "v": 0}}


def test_model_through_a_data_table(tmp_path):
    """f(x) = (1-x)^2 + (3-x)^2 + (8-x)^2 is least at the mean x = 4: 9 + 1 + 16 = 26."""
    path = write_solver_book(tmp_path / "t.xlsx", {"plan": TABLE},
                             {"plan": {"solver_opt": "plan!$E$1", "solver_adj": "plan!$B$1"}})
    book = Book.open(path)
    res = solve(book, "plan")
    assert res.success
    assert res.x[0] == pytest.approx(4, abs=1e-4)
    assert res.fun == pytest.approx(26, abs=1e-7)
    assert res.gradient == "finite differences"
    assert any("data table plan!B5:B7" in n for n in res.notes)
    assert book.value("plan", "B6") == pytest.approx(1, abs=1e-3)     # (3-4)^2
    assert book.value("plan", "D1") == 0                               # input restored


def test_uncomputable_cell_behind_a_cycle_is_refused_other_model_solves(tmp_path):
    """The cycle reads F1 = STOCKHISTORY(...) (cached 7): refused naming plan!F1; the
    model on sheet ok, (x-5)^2, still solves to x = 5."""
    cells = dict(CYCLE, C1={"f": "B1+B2+0.5*D1+F1"},
                 F1={"f": '_xlfn.STOCKHISTORY("MSFT",1)', "v": 7})
    path = write_solver_book(
        tmp_path / "u.xlsx", {"plan": cells, "ok": {"B1": 0, "B4": {"f": "(B1-5)^2"}}},
        {"plan": {"solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$2"},
         "ok": {"solver_opt": "ok!$B$4", "solver_adj": "ok!$B$1"}}, ITERATE)
    book = Book.open(path)
    with pytest.raises(SheetsolverError) as e:
        solve(book, "plan")
    assert "plan!F1" in str(e.value) and "STOCKHISTORY" in str(e.value)
    res = solve(book, "ok")
    assert res.success and res.x[0] == pytest.approx(5, abs=1e-5)
    assert res.gradient == "exact (reverse mode)"


def test_uncomputable_cell_behind_a_data_table_is_refused(tmp_path):
    cells = dict(TABLE, B4={"f": "(D1-B1)^2+G1", "v": 0},
                 G1={"f": '_xlfn.STOCKHISTORY("MSFT",1)', "v": 7})
    path = write_solver_book(tmp_path / "v.xlsx", {"plan": cells},
                             {"plan": {"solver_opt": "plan!$E$1", "solver_adj": "plan!$B$1"}})
    with pytest.raises(SheetsolverError) as e:
        solve(Book.open(path), "plan")
    assert "plan!G1" in str(e.value) and "data table" in str(e.value)


def test_cycle_elsewhere_keeps_exact_gradients(tmp_path):
    """A cycle the model does not read changes nothing: (x-3)^2 by reverse mode."""
    cells = dict(CYCLE, B4={"f": "(B1-3)^2"}, B2=5)
    path = write_solver_book(tmp_path / "e.xlsx", {"plan": cells},
                             {"plan": {"solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1"}},
                             ITERATE)
    res = solve(Book.open(path), "plan")
    assert res.success and res.x[0] == pytest.approx(3, abs=1e-6)
    assert res.gradient == "exact (reverse mode)"


def test_cli_says_how_the_gradient_was_taken(tmp_path, capsys):
    from sheetsolver.cli import main
    path = write_solver_book(tmp_path / "c.xlsx", {"plan": CYCLE},
                             {"plan": {"solver_opt": "plan!$B$4",
                                       "solver_adj": "plan!$B$1:$B$2"}}, ITERATE)
    out = tmp_path / "o.xlsx"
    assert main(["solve", str(path), "-o", str(out), "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "finite differences over full recalculations" in text and "plan!C1" in text
    saved = Book.open(out)
    assert saved.value("plan", "B1") == pytest.approx(8, abs=1e-4)
    assert saved.wb.iterate_delta == 0.001      # the workbook's settings are saved as they were


def test_model_through_a_dynamic_array_spill(tmp_path, monkeypatch):
    """D1 = B1:B2*B1:B2 spills onto D1:D2; f = x^2 + y^2 - 2x - 4y is least at (1, 2),
    f = -5 (by hand): reverse mode passes through the spilled range."""
    import _raw_book
    import test_solver_cycles_tables as here
    monkeypatch.setattr(here, "write_book", lambda path, sheets, calc_pr=None:
                        _raw_book.write_book(path, sheets, calc_pr=calc_pr, dynamic=True))
    cells = {"B1": 0.0, "B2": 0.0,
             "D1": {"f": "B1:B2*B1:B2", "cm": "1", "fref": "D1:D2", "t": "array", "v": 0},
             "B4": {"f": "SUM(D1:D2)-2*B1-4*B2"}}
    path = write_solver_book(tmp_path / "s.xlsx", {"plan": cells}, {"plan": {
        "solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$2"}})
    res = solve(Book.open(path), "plan")
    assert res.success
    np.testing.assert_allclose(res.x, [1, 2], atol=1e-6)
    assert res.fun == pytest.approx(-5, abs=1e-9)


def test_model_through_lambdas(tmp_path):
    """B4 = LAMBDA(a, (a-3)^2)(B1) + SUM(MAP(B2:B3, LAMBDA(a, (a+1)^2))): least at
    x = 3, y = z = -1 (by hand), f = 0. MAP has no derivative rule (finite differences,
    said in the result); an immediately called LAMBDA is differentiated exactly."""
    cells = {"B1": 0, "B2": 0, "B3": 0,
             "B4": {"f": "_xlfn.LAMBDA(_xlpm.a,(_xlpm.a-3)^2)(B1)+SUM(_xlfn.MAP(B2:B3,"
                         "_xlfn.LAMBDA(_xlpm.a,(_xlpm.a+1)^2)))"}}
    path = write_solver_book(tmp_path / "l.xlsx", {"plan": cells}, {"plan": {
        "solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$3"}})
    res = solve(Book.open(path), "plan")
    assert res.success
    np.testing.assert_allclose(res.x, [3, -1, -1], atol=1e-4)
    assert res.gradient == "finite differences"
    assert any("MAP" in n or "LAMBDA" in n for n in res.notes)
