"""Gradient evaluations recompute what moves with the variables through functions that
have no gradient (COUNTIF, AND: piecewise constant): the objective's value read after
``Engine.gradient`` / ``Engine.evaluate_path`` is the one a full recalculation gives.

Expected values are hand computations of the formulas at each x (the variable A1):
COUNTIF(A1,">1.5")*10 is 10 when x > 1.5, else 0; d(x*x)/dx = 2x.
"""
from __future__ import annotations

import numpy as np
import pytest

from sheetsolver.book import Book
from sheetsolver.solver import read_model
from sheetsolver.solver.problem import Problem

XS = (1.0, 2.0, 3.0, 1.0)    # crossing the step both ways, with no recalc in between


def _count_step(x):
    return 10.0 if x > 1.5 else 0.0


CASES = {
    # the step in another cell, read by the objective
    "other cell": ({"B1": '=COUNTIF(A1,">1.5")*10', "C1": "=B1+A1*A1"},
                   lambda x: _count_step(x) + x * x, lambda x: 2 * x),
    # the step inside the objective's own formula (a subtree without a gradient)
    "same formula": ({"C1": '=COUNTIF(A1,">1.5")*10+A1*A1'},
                     lambda x: _count_step(x) + x * x, lambda x: 2 * x),
    # a condition of AND: no gradient through it, yet it picks the branch
    "AND condition": ({"C1": "=IF(AND(A1>1.5,A1<2.5),A1*A1,-A1)"},
                      lambda x: x * x if 1.5 < x < 2.5 else -x,
                      lambda x: 2 * x if 1.5 < x < 2.5 else -1.0),
}


def _engine(make_book, cells):
    """The engine of a one-sheet book with A1 = 1 and ``cells``, recalculated, and A1."""
    book = Book.open(make_book({"S": {"A1": 1.0, **cells}}))
    book.recalc()
    return book.engine, [book.engine.area("S!A1")]


@pytest.mark.parametrize("case", sorted(CASES))
def test_gradient_value_follows_piecewise_constant_inputs(make_book, case):
    cells, f, df = CASES[case]
    eng, areas = _engine(make_book, cells)
    for x in XS:
        eng.write_variables(areas, [x])
        g = eng.gradient(("S", 1, 3), areas)
        assert eng.cell("S", 1, 3) == pytest.approx(f(x)), x
        assert g[0] == pytest.approx(df(x)), x


@pytest.mark.parametrize("case", sorted(CASES))
def test_evaluate_path_value_follows_piecewise_constant_inputs(make_book, case):
    cells, f, _ = CASES[case]
    eng, areas = _engine(make_book, cells)
    eng.gradient(("S", 1, 3), areas)        # the path and its cached subtrees exist
    for x in XS:
        eng.write_variables(areas, [x])
        eng.evaluate_path(("S", 1, 3), areas)
        assert eng.cell("S", 1, 3) == pytest.approx(f(x)), x


def test_problem_value_and_value_grad_agree_across_the_step(make_book):
    """The solver's value-only evaluation (used by its escape moves and line searches)
    and its gradient evaluation give the hand-computed objective on both sides."""
    path = make_book({"S": {"A1": 1.0, "B1": '=COUNTIF(A1,">1.5")*10', "C1": "=B1+A1*A1"}},
                     names={"solver_opt": "S!$C$1", "solver_adj": "S!$A$1",
                            "solver_typ": "2", "solver_eng": "1", "solver_num": "0"})
    book = Book.open(path)
    problem = Problem(book, read_model(book.wb, "S"))
    for x in XS:
        expected = _count_step(x) + x * x
        assert problem.value(np.array([x])) == pytest.approx(expected)
        v, g = problem.value_grad(np.array([x]))
        assert v == pytest.approx(expected) and g[0] == pytest.approx(2 * x)


def test_subtree_cached_for_other_variables_is_recomputed(make_book):
    """A subtree cached while it did not depend on the variables (gradient by B1) is
    recomputed once it does (gradient by A1)."""
    eng, areas = _engine(make_book, {"B1": 3.0, "C1": '=COUNTIF(A1,">1.5")*10+B1*B1+A1*A1'})
    assert eng.gradient(("S", 1, 3), [eng.area("S!B1")])[0] == pytest.approx(6.0)
    for x in XS:
        eng.write_variables(areas, [x])
        g = eng.gradient(("S", 1, 3), areas)
        assert eng.cell("S", 1, 3) == pytest.approx(_count_step(x) + x * x + 9.0), x
        assert g[0] == pytest.approx(2 * x)
