"""Solver models with an empty "Set Objective" box (issue 10): Excel's Solver then looks
for any point meeting the constraints. The workbooks are written as Excel stores such a
model: no solver_opt name (or an empty one), solver_adj and the constraints.

Grounding: the 4x4 Sudoku's unique solution is worked out by hand below (and checked
by brute force over every 4x4 grid inside the test); the linear system's solution is
numpy.linalg.solve's; x + y >= 5 with x + y <= 3 has no solution by inspection."""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("openpyxl")
sys.path.insert(0, str(Path(__file__).parent / "solver_corpus"))

from corpus_workbook import write  # noqa: E402

from sheetsolver.book import Book  # noqa: E402
from sheetsolver.cli import main  # noqa: E402
from sheetsolver.errors import SheetsolverError  # noqa: E402
from sheetsolver.solver import read_model, solve  # noqa: E402
from sheetsolver.solver.report import report_rows  # noqa: E402

FOUND = "Solver found a solution. All Constraints and optimality conditions are satisfied."
INFEASIBLE = "Solver could not find a feasible solution."
ENGINES = {"grg": "1", "simplex": "2", "evolutionary": "3"}

# 4x4 Sudoku, givens B2=1, E2=4, C5=3, D5=2. By hand: row 5 (_ 3 2 _) ends in {1, 4} and
# column B already has 1, so B5=4, E5=1; column C has 3 (C5), so row 2 reads 1 2 3 4;
# box B3:C3 takes {3, 4} with 4 in column B, so 3 4; D3:E3 takes {1, 2} with 1 in
# column E, so 1 2; row 4 is what each column lacks: 2 1 4 3.
SUDOKU = [[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3], [4, 3, 2, 1]]
GIVENS = {"B2": 1, "E2": 4, "C5": 3, "D5": 2}


def _constraints(rows) -> dict:
    """solver_lhsN/relN/rhsN/num for [(lhs, rel code, rhs)]."""
    out = {"solver_num": str(len(rows))}
    for k, (lhs, rel, rhs) in enumerate(rows, 1):
        out.update({f"solver_lhs{k}": lhs, f"solver_rel{k}": rel, f"solver_rhs{k}": rhs})
    return out


def sudoku_book(path, engine="2", opt=None):
    """All 16 cells are variables; rows, columns and boxes AllDifferent; givens as
    ``cell = value``. ``opt`` None: no solver_opt name; "": an empty one."""
    groups = [f"s!$B${r}:$E${r}" for r in range(2, 6)] + \
        [f"s!${c}$2:${c}$5" for c in "BCDE"] + \
        [f"s!${a}${r}:${b}${r + 1}" for r in (2, 4) for a, b in (("B", "C"), ("D", "E"))]
    rows = [(g, "6", "AllDifferent") for g in groups] + \
        [(f"s!${ref[0]}${ref[1]}", "2", str(v)) for ref, v in GIVENS.items()]
    solver = {"solver_adj": "s!$B$2:$E$5", "solver_eng": engine, **_constraints(rows)}
    if opt is not None:
        solver["solver_opt"] = opt
    cells = {f"{c}{r}": 0 for c in "BCDE" for r in range(2, 6)}
    return write(path, {"sheets": {"s": cells}, "sheet": "s", "solver": solver})


def test_sudoku_grid_is_unique_by_brute_force():
    """The hand solution above is the only grid with these givens (independent check)."""
    perms = list(itertools.permutations(range(1, 5)))
    boxes = [[(r, c) for r in (R, R + 1) for c in (C, C + 1)] for R in (0, 2) for C in (0, 2)]
    given = {(int(ref[1]) - 2, "BCDE".index(ref[0])): v for ref, v in GIVENS.items()}
    grids = [g for g in itertools.product(perms, repeat=4)
             if all(len({g[r][c] for r in range(4)}) == 4 for c in range(4))
             and all(len({g[r][c] for r, c in b}) == 4 for b in boxes)
             and all(g[r][c] == v for (r, c), v in given.items())]
    assert [list(map(list, g)) for g in grids] == [SUDOKU]


@pytest.mark.parametrize("engine", ["simplex", "grg"])
@pytest.mark.parametrize("opt", [None, ""], ids=["no-solver_opt", "empty-solver_opt"])
def test_sudoku_all_different(tmp_path, engine, opt):
    book = Book.open(sudoku_book(tmp_path / "sudoku.xlsx", ENGINES[engine], opt))
    res = solve(book, "s")
    assert res.success and res.message == FOUND
    assert res.objective == "(none)" and res.fun is None
    assert np.array_equal(np.reshape(res.x, (4, 4)), SUDOKU)
    assert all(c["holds"] for c in res.constraints)


# 2x + y - z = 8;  -3x - y + 2z = -11;  -2x + y + 2z = -3  (x, y, z free)
A = np.array([[2.0, 1, -1], [-3, -1, 2], [-2, 1, 2]])
B = np.array([8.0, -11, -3])


def system_book(path, engine):
    """The equations as formula cells F2:F4 = rhs (constants in G2:G4), no objective;
    "Make Unconstrained Variables Non-Negative" off (the solution has y < 0)."""
    cells = {"B2": 0, "C2": 0, "D2": 0}
    for i in range(3):
        cells[f"F{i + 2}"] = "=" + "+".join(f"({A[i, j]:g})*{'BCD'[j]}2" for j in range(3))
        cells[f"G{i + 2}"] = float(B[i])
    solver = {"solver_adj": "e!$B$2:$D$2", "solver_eng": engine, "solver_neg": "2",
              **_constraints([("e!$F$2:$F$4", "2", "e!$G$2:$G$4")])}
    return write(path, {"sheets": {"e": cells}, "sheet": "e", "solver": solver})


@pytest.mark.parametrize("engine", ["simplex", "grg"])
def test_linear_system_as_equality_constraints(tmp_path, engine):
    want = np.linalg.solve(A, B)
    res = solve(Book.open(system_book(tmp_path / "eq.xlsx", ENGINES[engine])), "e")
    assert res.success and res.message == FOUND
    np.testing.assert_allclose(res.x, want, atol=1e-5)
    assert res.limits       # no objective: the limits, with no objective value at them
    assert all(r["lower_objective"] is None and r["upper_objective"] is None
                   for r in res.limits)


def bounded_book(path, engine, low, high):
    """x, y in [0, 5] integers; C2 = x + y with C2 >= low and C2 <= high."""
    solver = {"solver_adj": "f!$A$2:$B$2", "solver_eng": engine, **_constraints([
        ("f!$A$2:$B$2", "1", "5"), ("f!$A$2:$B$2", "4", "integer"),
        ("f!$C$2", "3", str(low)), ("f!$C$2", "1", str(high))])}
    cells = {"A2": 0, "B2": 0, "C2": "=A2+B2"}
    return write(path, {"sheets": {"f": cells}, "sheet": "f", "solver": solver})


@pytest.mark.parametrize("engine", list(ENGINES))
def test_feasible_integer_point_under_every_engine(tmp_path, engine):
    """7 <= x + y <= 8 with integers in [0, 5]: any such point solves the model."""
    res = solve(Book.open(bounded_book(tmp_path / "f.xlsx", ENGINES[engine], 7, 8)), "f",
                seed=0)
    assert res.success and res.message == FOUND
    x, y = res.x
    assert x == round(x) and y == round(y) and 0 <= x <= 5 and 0 <= y <= 5
    assert 7 <= x + y <= 8


@pytest.mark.parametrize("engine", list(ENGINES))
def test_infeasible_pair_of_constraints(tmp_path, engine):
    res = solve(Book.open(bounded_book(tmp_path / "i.xlsx", ENGINES[engine], 5, 3)), "f",
                seed=0)
    assert not res.success and res.message == INFEASIBLE


def test_cli_infeasible_exits_non_zero(tmp_path, capsys):
    path = bounded_book(tmp_path / "i.xlsx", "2", 5, 3)
    code = main(["solve", str(path), "-o", str(tmp_path / "out.xlsx"), "--quiet"])
    out = capsys.readouterr().out
    assert code != 0 and INFEASIBLE in out and "Solver found" not in out


def test_cli_feasible_report_and_inspect_show_none(tmp_path, capsys):
    path = sudoku_book(tmp_path / "sudoku.xlsx")
    out = tmp_path / "out.xlsx"
    assert main(["solve", str(path), "-o", str(out), "--quiet", "--report"]) == 0
    printed = capsys.readouterr().out
    assert FOUND in printed and "objective: (none)" in printed
    rep = Book.open(out).wb.sheet("Answer Report 1")
    vals = [c.value for c in rep.cells.values()]
    assert "Objective Cell (Min)" in vals and "(none)" in vals
    solved = Book.open(out)
    assert [[solved.value(f"s!{c}{r}") for c in "BCDE"] for r in range(2, 6)] == SUDOKU
    assert main(["inspect", str(path)]) == 0
    assert "objective (none) by changing s!$B$2:$E$5; 16 constraints" in \
        capsys.readouterr().out


def test_report_rows_without_objective(tmp_path):
    res = solve(Book.open(sudoku_book(tmp_path / "s.xlsx")), "s")
    row = next(r for r in report_rows(res, "s.xlsx") if len(r) > 1 and r[1] == "(none)")
    assert row[3] is None and row[4] is None


def test_neither_objective_nor_constraints_is_one_line_error(tmp_path):
    path = write(tmp_path / "n.xlsx", {"sheets": {"n": {"A1": 0}}, "sheet": "n",
                                        "solver": {"solver_adj": "n!$A$1"}})
    book = Book.open(path)
    assert read_model(book.wb, "n").problems == [
        "no objective cell (solver_opt) and no constraints; pass --objective CELL"]
    with pytest.raises(SheetsolverError) as err:
        solve(book, "n")
    assert "\n" not in str(err.value)
