"""Variable cells that hold formulas are saved as constants (the solution), so that a
later recalculation (ours, or Excel's on opening) keeps the solved values."""
from __future__ import annotations

import zipfile

import pytest

from conftest import fastai_book
from sheetsolver.book import Book
from sheetsolver.cli import main
from test_solver_models import write_model


def test_formula_variable_cells_become_constants(tmp_path):
    # min (x - 7)^2 where x (B1) holds =C1 (a link an analyst left in place)
    src = write_model(tmp_path / "f.xlsx", {"A1": "x", "B1": "=C1", "C1": 1, "A2": "f",
                                            "B2": "=(B1-7)^2"},
                      {"solver_opt": "plan!$B$2", "solver_adj": "plan!$B$1"})
    out = tmp_path / "o.xlsx"
    assert main(["solve", str(src), "-o", str(out), "--quiet"]) == 0
    with zipfile.ZipFile(out) as z:
        xml = z.read("xl/worksheets/sheet2.xml").decode()
    assert "<f>C1</f>" not in xml
    book = Book.open(out)
    assert not book.wb.sheet("plan").cells[(1, 2)].is_formula
    book.recalc()
    assert book.value("plan", "B1") == pytest.approx(7.0, abs=1e-5)
    assert book.value("plan", "B2") == pytest.approx(0.0, abs=1e-9)


def test_movielens_emb_solution_survives_recalculation(tmp_path):
    src = fastai_book("collab_filter-2019.xlsx")
    out = tmp_path / "emb.xlsx"
    assert main(["solve", str(src), "--sheet", "movielens_emb", "--objective", "Y210",
                 "-o", str(out), "--quiet"]) == 0
    book = Book.open(out)
    saved = book.wb.sheet("movielens_emb").cells[(210, 25)].value
    assert saved <= 0.3930155                 # Excel's optimum in dotprod!V41
    assert not book.wb.sheet("movielens_emb").cells[(4, 3)].is_formula   # was =dotprod!B25
    book.recalc()
    assert book.value("movielens_emb", "Y210") == pytest.approx(saved, rel=1e-12)
