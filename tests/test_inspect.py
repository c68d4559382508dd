"""``sheetsolver inspect``: what is in a workbook, before anything is computed."""
from __future__ import annotations

from sheetsolver.cli import main

from conftest import fastai_book


def run(capsys, *args):
    code = main(["inspect", *map(str, args)])
    return code, capsys.readouterr().out


def test_collab_2019_counts_models_and_ref_flags(capsys):
    code, out = run(capsys, fastai_book("collab_filter-2019.xlsx"))
    assert code == 0
    assert "5 sheets, no macros" in out
    assert "movielens_1hot: 10,206 cells, 7,138 formulas (7,054 shared, 2 array formulas " \
           "covering 2,060 cells)" in out
    assert "functions: IF 6,180, MATCH 412, SUMPRODUCT 206, MMULT 2, SQRT 1, AVERAGE 1" in out
    assert ("Solver model: min dotprod!$V$41 by changing dotprod!$H$19:$V$23,"
            "dotprod!$B$25:$F$39; 0 constraints; GRG Nonlinear") in out
    assert out.count("<- objective is #REF!") == 2
    assert "defined names: 108 (108 solver_*)" in out
    assert "all functions are supported" in out


def test_graddesc_lists_macros_per_sheet_and_names(capsys):
    code, out = run(capsys, fastai_book("graddesc-2019.xlsm"))
    assert code == 0
    assert "macros (xl/vbaProject.bin)" in out
    for tab in ("basic", "momentum", "rmsprop", "adam", "adam_ann"):
        assert f"macros of {tab}: onestep, somesteps, reset" in out
    assert "gradtarget [momentum] = momentum!#REF!  <- #REF!" in out
    assert "functions: RANDBETWEEN 29" in out


def test_unsupported_functions_are_listed(capsys, make_book):
    code, out = run(capsys, make_book({"S": {"A1": "=FOO(1)+BAR(2)", "A2": "=FOO(3)"}}))
    assert code == 0
    assert "UNSUPPORTED functions: FOO (2), BAR (1)" in out or \
           "UNSUPPORTED functions: BAR (1), FOO (2)" in out
