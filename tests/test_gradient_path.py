"""The groups a gradient evaluation runs (``Engine._path``): found by a sweep back from
the objective over big groups, by the walk over the units otherwise; either way the
objective's value and gradient are those of the formulas. Expected values are hand
computations: with x_i = i / 10 in A1:A80 and B_i = x_i^2, SUM of the B cells is
sum x_i^2 and its derivative by x_i is 2 x_i."""
from __future__ import annotations

import numpy as np
import pytest

from sheetsolver.book import Book

N = 80      # 80 cells in one group: the sweep (groups of at least 32 cells on average)


@pytest.mark.parametrize("objective", [
    f"=SUM(B1:B{N})",                        # static references
    f"=SUM(OFFSET(B1,0,0,{N},1))",           # a reference computed at run time
    f"=SUM(B1:B{N // 2})+0*C1",              # half of the group, and a cell off the path
])
def test_gradient_through_a_big_group(make_book, objective):
    cells = {f"A{i}": i / 10 for i in range(1, N + 1)}
    cells.update({f"B{i}": f"=A{i}*A{i}" for i in range(1, N + 1)})
    cells.update({"C1": 5.0, "D1": objective})
    book = Book.open(make_book({"S": cells}))
    eng = book.engine
    book.recalc()
    areas = [eng.area(f"S!A1:A{N}")]
    rng = np.random.default_rng(0)
    for _ in range(2):
        x = rng.random(N)
        eng.write_variables(areas, x)
        g = eng.gradient(("S", 1, 4), areas)
        k = N // 2 if "+0*C1" in objective else N
        assert eng.cell("S", 1, 4) == pytest.approx(float((x[:k] ** 2).sum()))
        assert g == pytest.approx(np.where(np.arange(N) < k, 2 * x, 0.0))
