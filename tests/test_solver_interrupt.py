"""Ctrl-C during a solve (issue #11 point 1): not swallowed per sheet; the command prints
one line per model with where it stood, writes nothing and exits 130."""
from __future__ import annotations

import pytest

from sheetsolver.book import Book
from sheetsolver.cli import main
from sheetsolver.solver import SolveInterrupted, solve
from sheetsolver.solver.problem import Problem
from test_solver_models import write_model


def _two_models(path):
    """Sheet plan: min (x-3)^2 + (y+1)^2 (GRG); the same model on a second sheet."""
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName
    write_model(path, {"B1": 0, "B2": 0, "B4": "=(B1-3)^2+(B2+1)^2"},
                {"solver_opt": "plan!$B$4", "solver_adj": "plan!$B$1:$B$2", "solver_neg": "2"})
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("second")
    ws["B1"], ws["B4"] = 0, "=(B1-5)^2"
    for k, v in {"solver_opt": "second!$B$4", "solver_adj": "second!$B$1", "solver_typ": "2",
                 "solver_num": "0", "solver_eng": "1", "solver_neg": "2"}.items():
        ws.defined_names[k] = DefinedName(k, attr_text=v, hidden=True)
    wb.save(path)
    return path


def _interrupt_after(monkeypatch, calls):
    real = Problem.value_grad
    state = {"n": 0}

    def fake(self, x):
        state["n"] += 1
        if state["n"] > calls:
            raise KeyboardInterrupt
        return real(self, x)
    monkeypatch.setattr(Problem, "value_grad", fake)


def test_interrupt_propagates_from_solve(tmp_path, monkeypatch):
    book = Book.open(_two_models(tmp_path / "m.xlsx"))
    _interrupt_after(monkeypatch, 3)
    with pytest.raises(KeyboardInterrupt) as e:
        solve(book, "plan")
    assert isinstance(e.value, SolveInterrupted)
    assert "best feasible objective so far" in str(e.value)
    assert book.value("plan", "B1") == 0.0        # the book is back at the start


def test_cli_ctrl_c_prints_one_line_per_model_and_writes_nothing(tmp_path, monkeypatch,
                                                                   capsys):
    src = _two_models(tmp_path / "m.xlsx")
    out = tmp_path / "out.xlsx"
    _interrupt_after(monkeypatch, 3)
    assert main(["solve", str(src), "-o", str(out), "--quiet"]) == 130
    text = capsys.readouterr()
    lines = text.out.strip().splitlines()
    assert lines[0].startswith("plan: interrupted; best feasible objective so far")
    assert lines[1] == "second: not started"
    assert "Traceback" not in text.out + text.err
    assert "interrupted" in text.err
    assert not out.exists()
