"""The Solver models of the real course workbooks (collab_filter-2019/2022.xlsx).

Expected values are Excel's own: the optimum it saved in dotprod!V41 and bias!V42 of
the 2019 file, and its cached objective values. Gradients are checked against
finite differences through a full engine recalculation (not the solver's code path).
"""
from __future__ import annotations


import numpy as np
import pytest

from conftest import FASTAI, needs_fastai
from sheetsolver.book import Book
from sheetsolver.cli import main
from sheetsolver.errors import SheetsolverError
from sheetsolver.solver import read_model, solve
from sheetsolver.solver.problem import Problem

CF2019 = FASTAI / "collab_filter-2019.xlsx"
CF2022 = FASTAI / "collab_filter-2022.xlsx"
EXCEL_OPTIMUM = {"dotprod": 0.3930155, "bias": 0.3194674}   # dotprod!V41, bias!V42 (2019)

pytestmark = needs_fastai(CF2019.name, CF2022.name)


@pytest.fixture(scope="module")
def book2019():
    return Book.open(CF2019)


@pytest.fixture(scope="module")
def book2022():
    return Book.open(CF2022)


def test_models_read_from_the_2019_file(book2019):
    m = read_model(book2019.wb, "dotprod")
    assert m.usable and m.sense == "min" and m.engine == 1 and not m.nonneg
    assert [a.a1() for a in m.variables] == ["dotprod!H19:V23", "dotprod!B25:F39"]
    assert m.objective.a1() == "dotprod!V41" and m.n == 150
    assert read_model(book2019.wb, "bias").n == 180
    for sheet in ("movielens_1hot", "movielens_emb"):
        m = read_model(book2019.wb, sheet)
        assert not m.usable and "#REF!" in m.problems[0] and "--objective" in m.problems[0]


def _fd4(eng, areas, sheet, cell, x, i, h):
    """4th-order central difference of the cell along x_i, by full recalculation."""
    def f(xi):
        xx = x.copy()
        xx[i] = xi
        k = 0
        for a in areas:
            eng.set_numbers(a, xx[k:k + a.size])
            k += a.size
        eng.recalc()
        return eng.cell(sheet, *cell)
    x0 = x[i]
    return (-f(x0 + 2 * h) + 8 * f(x0 + h) - 8 * f(x0 - h) + f(x0 - 2 * h)) / (12 * h)


@pytest.mark.parametrize("sheet", ["dotprod", "bias"])
def test_gradient_matches_finite_differences_on_every_variable(sheet):
    book = Book.open(CF2019)
    p = Problem(book, read_model(book.wb, sheet), fast=False)
    x = np.random.default_rng(3).random(p.n)
    f, g = p.value_grad(x)
    eng = book.engine
    # the objective read after the gradient call is the fully recalculated value
    p.set_x(x)
    eng.recalc()
    assert f == eng.cell(*p.obj)
    fd = np.array([_fd4(eng, p.areas, p.obj[0], p.obj[1:], x, i, 1e-3) for i in range(p.n)])
    assert np.count_nonzero(g) > 0.9 * p.n
    rel = np.abs(g - fd) / np.maximum(np.abs(fd), 1e-300)
    assert rel[np.abs(fd) > 1e-12].max() < 1e-6
    assert np.abs(g[np.abs(fd) <= 1e-12]).max(initial=0.0) < 1e-12


@pytest.mark.parametrize("sheet", ["dotprod", "bias"])
def test_fast_path_agrees_with_full_recalc(book2019, sheet):
    m = read_model(book2019.wb, sheet)
    fast, full = Problem(book2019, m), Problem(book2019, m, fast=False)
    x = np.random.default_rng(7).random(fast.n)
    assert fast.value(x) == full.value(x)
    fg, gg = fast.value_grad(x), full.value_grad(x)
    assert fg[0] == gg[0] and np.array_equal(fg[1], gg[1])


@pytest.mark.parametrize("sheet", ["dotprod", "bias"])
def test_uniform_starts_reach_excels_optimum_2019(book2019, sheet):
    finals = [solve(book2019, sheet, init="uniform", seed=s).fun for s in range(10)]
    assert np.median(finals) <= EXCEL_OPTIMUM[sheet]


def test_uniform_starts_reach_excels_optimum_2022(book2022):
    finals = [solve(book2022, "dotprod", init="uniform", seed=s).fun for s in range(10)]
    assert np.median(finals) <= 0.3930


@pytest.mark.parametrize("path,sheet", [(CF2019, "dotprod"), (CF2019, "bias"),
                                        (CF2022, "dotprod"), (CF2022, "bias")])
def test_plain_solve_from_saved_state_never_worse(path, sheet):
    book = Book.open(path)
    cached = book.wb.sheet(sheet).cells[(41, 22) if sheet == "dotprod" else (42, 22)].value
    res = solve(book, sheet)
    assert res.initial_fun == pytest.approx(cached, rel=1e-12)   # Excel's cached objective
    assert res.fun <= res.initial_fun
    assert res.success
    if path == CF2022 and sheet == "dotprod":   # saved before Solver ran
        assert res.fun <= 0.3930


def test_ref_models_give_a_clear_message(book2019):
    with pytest.raises(SheetsolverError) as e:
        solve(book2019, "movielens_emb")
    msg = str(e.value)
    assert "movielens_emb" in msg and "#REF!" in msg and "--objective" in msg


@pytest.mark.parametrize("sheet,cell", [("movielens_emb", "Y210"), ("movielens_1hot", "BH210")])
def test_ref_models_solve_with_objective(sheet, cell):
    book = Book.open(CF2019)
    res = solve(book, sheet, objective=cell)
    # same data and model as dotprod: Excel's cached loss there is 0.3930155
    assert res.initial_fun == pytest.approx(0.39301547128657016, rel=1e-12)
    assert res.success and res.fun <= EXCEL_OPTIMUM["dotprod"]
    assert any("hold formulas" in n for n in res.notes)


def test_cli_reports_ref_models_and_solves_the_rest(tmp_path, capsys):
    out = tmp_path / "cf.xlsx"
    assert main(["solve", str(CF2019), "-o", str(out), "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "movielens_1hot: model not usable" in text and "#REF!" in text
    assert text.count("Solver found a solution.") == 2       # dotprod and bias
    solved = Book.open(out)
    v41 = solved.wb.sheet("dotprod").cells[(41, 22)].value
    assert v41 <= EXCEL_OPTIMUM["dotprod"]
    solved.recalc()                                           # saved values are consistent
    assert solved.value("dotprod", "V41") == pytest.approx(v41, rel=1e-12)


def test_cli_ref_model_error_exit_code(tmp_path, capsys):
    rc = main(["solve", str(CF2019), "--sheet", "movielens_emb", "-o", str(tmp_path / "x.xlsx")])
    assert rc == 2
    err = capsys.readouterr()
    assert "#REF!" in err.out + err.err
    rc = main(["solve", str(CF2019), "--sheet", "movielens_emb", "--objective", "Y210",
               "-o", str(tmp_path / "x.xlsx"), "--quiet", "--report"])
    assert rc == 0
    assert "Answer Report 1" in [s.name for s in Book.open(tmp_path / "x.xlsx").wb.sheets]
