"""`sheetsolver solve` on analysts' models from the command line (issue #10 follow-up):
an infeasible plan ends in Excel's message with a non-zero exit and nothing reported as
success; a model whose constraint lost its cells to a deleted row (#REF!) is one clear
line and exit 2. The models are the corpus's (tests/solver_corpus/realistic_models.py),
whose optima are grounded there; here only the command's outcome is checked."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("openpyxl")
sys.path.insert(0, str(Path(__file__).parent / "solver_corpus"))

import realistic_models  # noqa: E402,F401  (registers the models)
from corpus_models import MODELS  # noqa: E402
from corpus_workbook import write  # noqa: E402

from sheetsolver.cli import main  # noqa: E402
from sheetsolver.solver.sides import RhsFormula, _formula_cells, _tree  # noqa: E402


def _book(tmp_path, id_):
    spec = next(m for m in MODELS if m["id"] == id_)
    return write(tmp_path / f"{id_}.xlsx", spec)


def test_infeasible_plan_exits_non_zero_with_excels_message(tmp_path, capsys):
    path = _book(tmp_path, "real_transport_short_supply")
    code = main(["solve", str(path), "-o", str(tmp_path / "out.xlsx"), "--quiet"])
    out = capsys.readouterr().out
    assert code != 0
    assert "Solver could not find a feasible solution." in out
    assert "Solver found" not in out


def test_ref_error_in_a_constraint_is_one_line_and_exit_2(tmp_path, capsys):
    path = _book(tmp_path, "real_ref_error_constraint")
    out = tmp_path / "out.xlsx"
    assert main(["solve", str(path), "-o", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "#REF!" in err and "constraint 1" in err
    assert not out.exists()


def test_right_side_formula_gradient_by_hand():
    """=2*E2^2/F1-3 at E2 = 3, F1 = 4: value 2*9/4-3 = 1.5, d/dE2 = 4*E2/F1 = 3,
    d/dF1 = -2*E2^2/F1^2 = -1.125 (hand computation)."""
    tree = _tree("=2*$E$2^2/$F$1-3")
    f = RhsFormula("2*$E$2^2/$F$1-3", tree, "m")
    _formula_cells(tree, "m", None, f.cells)
    assert f.cells == [("m", 2, 5), ("m", 1, 6)]
    v, g = f.value_grad([3.0, 4.0])
    assert v == pytest.approx(1.5) and list(g) == pytest.approx([3.0, -1.125])


def test_formulas_without_cached_values_are_computed_before_solving(tmp_path):
    """openpyxl writes no values (and sets fullCalcOnLoad): the VLOOKUP price of the
    analyst model is computed before the solve (else it reads blank), once per book."""
    from types import SimpleNamespace

    from sheetsolver.book import Book
    from sheetsolver.solver.freshness import ensure_computed, has_uncached_formulas
    book = Book.open(_book(tmp_path, "real_analyst_functions_grg"))
    assert has_uncached_formulas(book.wb)
    assert ensure_computed(book) and book.value("m", "B3") == 20.0   # the price list
    assert not ensure_computed(book)                                 # once per book
    saved = tmp_path / "saved.xlsx"
    book.save(str(saved))
    wb = Book.open(saved).wb
    assert wb.calc.get("fullCalcOnLoad") == "1"      # openpyxl asks Excel to compute on load
    wb.calc.pop("fullCalcOnLoad")
    assert not has_uncached_formulas(wb)             # and every formula now has its value
    # XlsxWriter writes 0 for every formula and asks Excel to compute on load
    assert has_uncached_formulas(SimpleNamespace(calc={"fullCalcOnLoad": "1"}, sheets=[]))
    assert not has_uncached_formulas(SimpleNamespace(calc={}, sheets=[]))


def test_numbers_typed_as_formulas_are_numbers():
    """Solver's Constraint box takes "10%" or "=2*3": Excel's values 0.1 and 6."""
    from sheetsolver.solver.sides import right_side
    assert right_side(None, "10%", "m") == pytest.approx(0.1)
    assert right_side(None, "=2*3", "m") == 6.0


def test_objective_on_another_sheet_is_named_with_its_sheet(tmp_path):
    """The portfolio's objective is Risk!B1 (the model lives on Weights): the summary
    and the Answer Report name that cell, not Weights!B1."""
    from sheetsolver.book import Book
    from sheetsolver.solver import solve
    from sheetsolver.solver.report import report_rows
    res = solve(Book.open(_book(tmp_path, "real_portfolio_hidden_inputs")), "Weights",
                init="zeros")
    assert "(Risk!B1)" in res.summary()
    assert [None, "Risk!$B$1"] == report_rows(res, "b.xlsx")[11][:2]


@pytest.mark.parametrize("objective", ["#REF!", "'m'!#REF!", "m!"])
def test_objective_option_that_is_not_a_cell_is_one_line_and_exit_2(tmp_path, capsys, objective):
    path = _book(tmp_path, "real_transport_short_supply")
    out = tmp_path / "out.xlsx"
    assert main(["solve", str(path), "--objective", objective, "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--objective" in err and str(path) in err
    assert not out.exists()
