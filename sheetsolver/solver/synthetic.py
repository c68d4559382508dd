"""Write a generated dotprod-style collaborative-filtering workbook with its own Solver
model, for scale tests and the benchmark (needs openpyxl, a test dependency).

The layout follows collab_filter's dotprod tab: a ratings crosstab (blank where a
user did not rate a movie), movie factors under it, user factors to the left of the
predictions ``IF(rating="",0,MMULT(user row, movie column))`` and the objective
``SQRT(SUMXMY2(ratings, predictions)/COUNT(ratings))``. 100 users x 100 movies x 10
factors gives 2,000 variable cells (Excel's Solver stops at 200).
"""
from __future__ import annotations

import numpy as np

from ..formula.refs import cell_name, index_to_col


def layout(users: int, movies: int, factors: int) -> dict:
    c0 = factors + 2                      # first movie column (factors in B..)
    r_mf = users + 3                      # first movie-factor row
    r_uf = r_mf + factors + 1             # first user row (factors and predictions)
    return dict(
        ratings=(2, c0, users + 1, c0 + movies - 1),
        movie_factors=(r_mf, c0, r_mf + factors - 1, c0 + movies - 1),
        user_factors=(r_uf, 2, r_uf + users - 1, 1 + factors),
        predictions=(r_uf, c0, r_uf + users - 1, c0 + movies - 1),
        objective=(r_uf + users + 1, c0))


def _a1(r1, c1, r2, c2, absolute=True):
    d = "$" if absolute else ""
    return f"{d}{index_to_col(c1)}{d}{r1}:{d}{index_to_col(c2)}{d}{r2}"


def write_dotprod_workbook(path, users=100, movies=100, factors=10, density=0.3, seed=0,
                           sheet="dotprod"):
    """Write the workbook; returns (layout dict, ratings array with NaN for blanks)."""
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName

    rng = np.random.default_rng(seed)
    lay = layout(users, movies, factors)
    true_u = rng.normal(0, 0.6, (users, 3))
    true_m = rng.normal(0, 0.6, (3, movies))
    ratings = np.clip(np.round(3.5 + true_u @ true_m + rng.normal(0, 0.5, (users, movies))), 1, 5)
    ratings[rng.random((users, movies)) > density] = np.nan
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    r1, c1, r2, c2 = lay["ratings"]
    for i in range(users):
        ws.cell(r1 + i, 1, float(i + 1))
        for j in range(movies):
            if not np.isnan(ratings[i, j]):
                ws.cell(r1 + i, c1 + j, float(ratings[i, j]))
    for j in range(movies):
        ws.cell(1, c1 + j, float(j + 1))
    mr1, mc1, mr2, mc2 = lay["movie_factors"]
    ur1, uc1, ur2, uc2 = lay["user_factors"]
    mf = rng.random((factors, movies))
    uf = rng.random((users, factors))
    for k in range(factors):
        for j in range(movies):
            ws.cell(mr1 + k, mc1 + j, float(mf[k, j]))
    for i in range(users):
        for k in range(factors):
            ws.cell(ur1 + i, uc1 + k, float(uf[i, k]))
    pr1, pc1, pr2, pc2 = lay["predictions"]
    for i in range(users):
        for j in range(movies):
            col = index_to_col(pc1 + j)
            ws.cell(pr1 + i, pc1 + j,
                    f'=IF({col}{r1 + i}="",0,MMULT($B{pr1 + i}:${index_to_col(uc2)}{pr1 + i},'
                    f'{col}${mr1}:{col}${mr2}))')
    orow, ocol = lay["objective"]
    rat = _a1(r1, c1, r2, c2, False)
    ws.cell(orow, ocol, f"=SQRT(SUMXMY2({rat},{_a1(pr1, pc1, pr2, pc2, False)})/COUNT({rat}))")
    names = {
        "solver_opt": f"{sheet}!${index_to_col(ocol)}${orow}",
        "solver_adj": f"{sheet}!{_a1(mr1, mc1, mr2, mc2)},{sheet}!{_a1(ur1, uc1, ur2, uc2)}",
        "solver_typ": "2", "solver_neg": "2", "solver_eng": "1", "solver_num": "0",
        "solver_cvg": "0.0001", "solver_pre": "0.000001", "solver_drv": "2", "solver_msl": "2",
        "solver_itr": "2147483647", "solver_tim": "2147483647", "solver_val": "0",
        "solver_ver": "3",
    }
    for k, v in names.items():
        ws.defined_names[k] = DefinedName(k, attr_text=v, hidden=True)
    wb.save(path)
    return lay, ratings


def numpy_dotprod(ratings):
    """Objective and gradient of the dotprod model in plain NumPy (the reference that
    the benchmark and tests compare with): x = movie factors (k x m) then user
    factors (u x k), row-major like the Solver variable areas."""
    mask = ~np.isnan(ratings)
    r = np.where(mask, ratings, 0.0)
    u, m = ratings.shape
    n = mask.sum()

    def fg(x, k):
        M = x[:k * m].reshape(k, m)
        U = x[k * m:].reshape(u, k)
        err = np.where(mask, U @ M, 0.0) - r
        sse = float((err * err).sum())
        f = np.sqrt(sse / n)
        d = err / (n * f) if f > 0 else err * 0
        return f, np.concatenate([(U.T @ d).ravel(), (d @ M.T).ravel()])
    return fg


__all__ = ["write_dotprod_workbook", "layout", "numpy_dotprod", "cell_name"]
