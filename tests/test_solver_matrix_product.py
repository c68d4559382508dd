"""Per-cell =MMULT(row, column) blocks evaluated as one matrix product during gradient
evaluations (engine/outer_mmult.py, issue #14 point 4): values and gradients equal a
hand-written NumPy computation, and Excel's #VALUE! rule for a blank input still holds.
MMULT: https://support.microsoft.com/en-us/office/mmult-function-40593ed7-a3cd-4b6b-b9a3-e4ad3c7245eb
"""
from __future__ import annotations

import numpy as np
import openpyxl
import pytest

from sheetsolver.book import Book
from sheetsolver.engine import outer_mmult
from sheetsolver.formula.refs import index_to_col
from sheetsolver.solver import read_model
from sheetsolver.solver.problem import Problem
from sheetsolver.solver.synthetic import numpy_dotprod, write_dotprod_workbook


@pytest.fixture
def used(monkeypatch):
    """Counts the evaluations that went through the matrix-product path."""
    calls = {"n": 0}
    real = outer_mmult.OuterMMult.forward

    def counted(self):
        out = real(self)
        calls["n"] += out is not None
        return out
    monkeypatch.setattr(outer_mmult.OuterMMult, "forward", counted)
    return calls


def test_generated_crosstab_gradient_equals_numpy(tmp_path, used):
    path = tmp_path / "g.xlsx"
    _, ratings = write_dotprod_workbook(path, 40, 30, 4, density=0.5, seed=3)
    book = Book.open(path)
    p = Problem(book, read_model(book.wb, "dotprod"))
    fg = numpy_dotprod(ratings)
    for seed in (0, 1):
        x = np.random.default_rng(seed).normal(size=p.n)
        f, g = p.value_grad(x)
        fh, gh = fg(x, 4)
        assert f == pytest.approx(fh, rel=1e-13)
        np.testing.assert_allclose(g, gh, rtol=1e-10, atol=1e-14)
    assert used["n"] == 2


def _scattered(path, blank=False):
    """U (10 x 3) in B2:D11, M (3 x 12) in F13:Q15; =MMULT($B r:$D r, col$13:col$15) only
    in the cells (i, j) of F2:Q11 with (i + j) % 3 != 0, weights in F18:Q27,
    objective SUMPRODUCT(F2:Q11, F18:Q27) in B30."""
    rng = np.random.default_rng(7)
    U, M, W = rng.normal(size=(10, 3)), rng.normal(size=(3, 12)), rng.normal(size=(10, 12))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "s"
    for i in range(10):
        for k in range(3):
            ws.cell(2 + i, 2 + k, float(U[i, k]))
    for k in range(3):
        for j in range(12):
            ws.cell(13 + k, 6 + j, float(M[k, j]))
    mask = np.zeros((10, 12), bool)
    for i in range(10):
        for j in range(12):
            ws.cell(18 + i, 6 + j, float(W[i, j]))
            if (i + j) % 3:
                mask[i, j] = True
                col = index_to_col(6 + j)
                ws.cell(2 + i, 6 + j, f"=MMULT($B{2 + i}:$D{2 + i},{col}$13:{col}$15)")
    if blank:
        ws.cell(13, 7).value = None
    ws["B30"] = "=SUMPRODUCT(F2:Q11,F18:Q27)"
    wb.save(path)
    return U, M, np.where(mask, W, 0.0)


def test_scattered_cells_gradient_equals_numpy(tmp_path, used):
    U, M, Wm = _scattered(tmp_path / "s.xlsx")
    eng = Book.open(tmp_path / "s.xlsx").engine
    areas = [eng.area("s!B2:D11"), eng.area("s!F13:Q15")]
    g = eng.gradient(("s", 30, 2), areas)
    # f = sum(Wm * (U @ M)): df/dU = Wm @ M.T, df/dM = U.T @ Wm
    np.testing.assert_allclose(g[:30], (Wm @ M.T).ravel(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(g[30:], (U.T @ Wm).ravel(), rtol=1e-12, atol=1e-14)
    assert eng.value("s", "B30") == pytest.approx(float((Wm * (U @ M)).sum()), rel=1e-13)
    assert used["n"] >= 1


def test_blank_input_is_value_error_as_in_excel(tmp_path, used):
    """G13 blank: MMULT over column G is #VALUE! (Excel's help page), so is the sum."""
    _scattered(tmp_path / "b.xlsx", blank=True)
    eng = Book.open(tmp_path / "b.xlsx").engine
    eng.gradient(("s", 30, 2), [eng.area("s!B2:D11")])
    assert getattr(eng.value("s", "B30"), "code", None) == "#VALUE!"
    assert getattr(eng.value("s", "G2"), "code", None) == "#VALUE!"
    assert isinstance(eng.value("s", "H2"), float)
    assert used["n"] == 0
