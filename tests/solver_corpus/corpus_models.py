"""Our own Solver corpus (issue #10 point 6): models as data, written as Excel stores them
(see workbook.py), each with an outcome established independently of sheetsolver:
scipy.optimize / HiGHS run directly on the same numbers (``expect`` callables, run
inside the test), a closed form, or a textbook answer.

A model is a dict: id, category, sheet, sheets {sheet: {cell: value}}, solver
{solver_* name: text}, names (workbook-level), expect = dict(kind=..., ...):
  optimum   fun (number or callable returning (fun, x or None)), tol (relative)
  value     the objective cell must equal solver_val
  infeasible / unbounded / error / not_linear / max_iter / need_bounds (Excel's message)
"""
from __future__ import annotations

import itertools
import math

import numpy as np
from scipy import optimize

from openpyxl.utils import get_column_letter as col

MODELS: list[dict] = []


def model(id, category, sheets, solver, expect, sheet="m", names=None, starts=("zeros",
                                                                            "uniform"),
          expect_zeros=None, merged=None, **extra):
    """``expect_zeros``: the outcome from all zeros when it differs (Excel's own, e.g.
    an objective that is #DIV/0! at zero); ``extra``: more keys of the workbook spec
    (sheet_names, hidden, active: see corpus_workbook.write)."""
    MODELS.append(dict(id=id, category=category, sheet=sheet, sheets=sheets, solver=solver,
                       expect=expect, names=names or {}, starts=starts,
                       expect_zeros=expect_zeros, merged=merged or {}, **extra))


def _linprog(c, A, rels, b, sense, bounds, integ=None):
    """The optimum by HiGHS directly (scipy.optimize.milp) on the same numbers."""
    c = np.asarray(c, float) * (-1 if sense == "max" else 1)
    A = np.asarray(A, float)
    lo = np.array([b_ if r in (">=", "=") else -np.inf for r, b_ in zip(rels, b)])
    hi = np.array([b_ if r in ("<=", "=") else np.inf for r, b_ in zip(rels, b)])
    lb = np.array([v[0] for v in bounds], float)
    ub = np.array([v[1] for v in bounds], float)
    res = optimize.milp(c, constraints=optimize.LinearConstraint(A, lo, hi),
                        bounds=optimize.Bounds(lb, ub),
                        integrality=None if integ is None else np.asarray(integ))
    if res.status == 2:
        return "infeasible"
    if res.status == 3:
        return "unbounded"
    return res.fun * (-1 if sense == "max" else 1), res.x


def lp(id, category, c, A, rels, b, sense="min", eng=2, neg=True, integer=(), binary=(),
       solver=None, rhs="cells", labels=None, expect=None):
    """A tabular LP/MILP: variables B2.., objective row 3 with SUMPRODUCT in column H,
    one row per constraint from row 4 (SUMPRODUCT in H, right side in I or a constant)."""
    n, m = len(c), len(A)
    last = col(1 + n)
    cells = {"A1": "Item", "A2": "Amount", "A3": "Unit value", "H1": "Total", "I1": "Limit"}
    for j in range(n):
        cells[f"{col(2 + j)}1"] = f"x{j + 1}"
        cells[f"{col(2 + j)}2"] = 0
        cells[f"{col(2 + j)}3"] = c[j]
    cells["H3"] = f"=SUMPRODUCT(B3:{last}3,$B$2:${last}$2)"
    names = {"solver_opt": "m!$H$3", "solver_typ": {"max": "1", "min": "2"}[sense],
             "solver_adj": f"m!$B$2:${last}$2", "solver_eng": str(eng),
             "solver_neg": "1" if neg else "2"}
    k = 0
    for i in range(m):
        r = 4 + i
        cells[f"A{r}"] = (labels or [f"Row {i + 1}"] * m)[i]
        for j in range(n):
            cells[f"{col(2 + j)}{r}"] = A[i][j]
        cells[f"H{r}"] = f"=SUMPRODUCT(B{r}:{last}{r},$B$2:${last}$2)"
        k += 1
        names[f"solver_lhs{k}"] = f"m!$H${r}"
        names[f"solver_rel{k}"] = {"<=": "1", "=": "2", ">=": "3"}[rels[i]]
        if rhs == "cells":
            cells[f"I{r}"] = b[i]
            names[f"solver_rhs{k}"] = f"m!$I${r}"
        else:
            names[f"solver_rhs{k}"] = str(b[i])
    for rel, idx in (("4", integer), ("5", binary)):
        for j in idx:
            k += 1
            names[f"solver_lhs{k}"] = f"m!${col(2 + j)}$2"
            names[f"solver_rel{k}"] = rel
            names[f"solver_rhs{k}"] = "integer" if rel == "4" else "binary"
    names["solver_num"] = str(k)
    names.update(solver or {})
    lo = 0.0 if neg else -np.inf
    bounds = [(0.0 if j in binary else lo, 1.0 if j in binary else np.inf) for j in range(n)]
    integ = [1 if (j in integer or j in binary) else 0 for j in range(n)]
    if names.get("solver_rlx") == "1":
        integ = [0] * n

    def exp():
        return _linprog(c, A, rels, b, sense, bounds, integ if any(integ) else None)
    model(id, category, {"m": cells}, names, expect or dict(kind="auto", solve=exp))


# ---------------------------------------------------------------- LP (Simplex and GRG)
lp("lp_product_mix", "LP", [3, 5], [[1, 0], [0, 2], [3, 2]], ["<="] * 3, [4, 12, 18], "max",
   labels=["Plant 1", "Plant 2", "Plant 3"])        # Hillier & Lieberman: (2, 6), 36
lp("lp_feed_blend", "LP", [0.30, 0.90, 0.50],
   [[0.09, 0.60, 0.12], [0.02, 0.06, 0.10], [1, 1, 1]], [">=", ">=", "="], [22, 5, 100],
   labels=["Protein", "Fibre", "Weight"])
lp("lp_transport_2x3", "LP", [4, 6, 9, 5, 3, 8],
   [[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1], [1, 0, 0, 1, 0, 0], [0, 1, 0, 0, 1, 0],
    [0, 0, 1, 0, 0, 1]], ["<=", "<=", ">=", ">=", ">="], [120, 150, 80, 90, 70])
lp("lp_diet", "LP", [0.6, 0.35, 0.1, 0.4],
   [[20, 10, 5, 12], [3, 8, 1, 2], [400, 200, 150, 300]], [">=", ">=", ">="],
   [60, 12, 1500], rhs="constants")
lp("lp_grg_engine", "LP", [2, 3, 4], [[3, 2, 1], [2, 5, 3]], ["<=", "<="], [10, 15], "max",
   eng=1)
lp("lp_free_variables", "LP", [1, 1], [[1, -1], [1, 2], [-1, 4]], [">=", ">=", "<="],
   [-3, 2, 8], neg=False)
lp("lp_equalities", "LP", [1, 2, 3, 1], [[1, 1, 1, 1], [1, -1, 0, 2], [0, 1, 1, -1]],
   ["=", "=", ">="], [10, 2, 1])
lp("lp_degenerate", "LP", [-1, -1], [[1, 1], [1, 0], [0, 1], [2, 2]],
   ["<=", "<=", "<=", "<="], [2, 1, 1, 4])

# ----------------------------------------------------------------------------- MILP
lp("milp_product_mix", "MILP", [3, 5], [[1, 0], [0, 2], [3, 2]], ["<="] * 3, [4, 13, 18.5],
   "max", integer=(0, 1))
lp("milp_knapsack", "MILP", [10, 13, 7, 8, 9, 4], [[5, 7, 4, 5, 6, 3]], ["<="], [17], "max",
   binary=range(6))
lp("milp_grg_branch_and_bound", "MILP", [5, 4, 3], [[2, 3, 1], [4, 1, 2], [3, 4, 2]],
   ["<=", "<=", "<="], [5, 11, 8], "max", eng=1, integer=(0, 1, 2))
lp("milp_mixed", "MILP", [-1, -2, 0.5], [[1, 1, 1], [1, -1, 0], [0, 3, 1]],
   ["<=", ">=", "<="], [7.5, -2.5, 9.7], integer=(0, 1))
lp("milp_ignore_integers", "MILP", [3, 5], [[1, 0], [0, 2], [3, 2]], ["<="] * 3,
   [4, 13, 18.5], "max", integer=(0, 1), solver={"solver_rlx": "1"})
lp("milp_evolutionary", "MILP", [4, 3, 2], [[1, 1, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]],
   ["<=", "<=", "<=", "<="], [6.5, 3, 3, 3], "max", eng=3, integer=(0, 1, 2),
   solver={"solver_num": "8", "solver_lhs8": "m!$B$2:$D$2", "solver_rel8": "1",
           "solver_rhs8": "3"})     # bounds on the variable cells, as Evolutionary needs
lp("bounds_needed_evolutionary", "semantics", [4, 3, 2], [[1, 1, 1]], ["<="], [6], "max",
   eng=3, integer=(0, 1, 2), expect=dict(kind="need_bounds"))

# ------------------------------------------------------------------------------- NLP


def _markowitz():
    C = np.array([[0.04, 0.006, 0.01], [0.006, 0.09, 0.02], [0.01, 0.02, 0.16]])
    mu = np.array([0.08, 0.12, 0.15])
    r = optimize.minimize(lambda w: w @ C @ w, np.ones(3) / 3, method="SLSQP",
                          bounds=[(0, None)] * 3, options=dict(ftol=1e-15),
                          constraints=[dict(type="eq", fun=lambda w: w.sum() - 1),
                                       dict(type="ineq", fun=lambda w: w @ mu - 0.12)])
    return r.fun, r.x


cells = {"A1": "Weight", "B1": 0, "C1": 0, "D1": 0, "A2": "Return", "B2": 0.08, "C2": 0.12,
         "D2": 0.15, "A9": "Variance", "B9": "=SUMPRODUCT(MMULT(B1:D1,B5:D7),B1:D1)",
         "A10": "Expected", "B10": "=SUMPRODUCT(B1:D1,B2:D2)", "A11": "Total",
         "B11": "=SUM(B1:D1)"}
for i, row in enumerate([[0.04, 0.006, 0.01], [0.006, 0.09, 0.02], [0.01, 0.02, 0.16]]):
    for j, v in enumerate(row):
        cells[f"{'BCD'[j]}{5 + i}"] = v
model("nlp_markowitz", "NLP", {"m": cells},
      {"solver_opt": "m!$B$9", "solver_adj": "m!$B$1:$D$1", "solver_num": "2",
       "solver_lhs1": "m!$B$10", "solver_rel1": "3", "solver_rhs1": "0.12",
       "solver_lhs2": "m!$B$11", "solver_rel2": "2", "solver_rhs2": "1"},
      dict(kind="optimum", solve=_markowitz, tol=1e-6))

model("nlp_rosenbrock_bounded", "NLP",
      {"m": {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "f",
             "B3": "=(1-B1)^2+100*(B2-B1^2)^2"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$B$2", "solver_num": "2",
       "solver_lhs1": "m!$B$1:$B$2", "solver_rel1": "1", "solver_rhs1": "2",
       "solver_lhs2": "m!$B$1:$B$2", "solver_rel2": "3", "solver_rhs2": "-2",
       "solver_neg": "2"},
      dict(kind="optimum", fun=0.0, x=[1.0, 1.0], atol=1e-5))     # closed form

model("nlp_circle", "NLP",       # min x + y on the unit disc: -sqrt(2) at (-1/sqrt2, ...)
      {"m": {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "sum", "B3": "=B1+B2",
             "A4": "radius2", "B4": "=B1^2+B2^2"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$B$2", "solver_num": "1",
       "solver_lhs1": "m!$B$4", "solver_rel1": "1", "solver_rhs1": "1", "solver_neg": "2"},
      dict(kind="optimum", fun=-math.sqrt(2), x=[-1 / math.sqrt(2)] * 2, atol=1e-6))

model("nlp_cobb_douglas", "NLP",   # max x^0.3 y^0.7 s.t. 2x + 5y <= 100: x = 15, y = 14
      {"m": {"A1": "Labour", "B1": 1, "A2": "Capital", "B2": 1, "A3": "Output",
             "B3": "=B1^0.3*B2^0.7", "A4": "Cost", "B4": "=2*B1+5*B2", "C4": 100}},
      {"solver_opt": "m!$B$3", "solver_typ": "1", "solver_adj": "m!$B$1:$B$2",
       "solver_num": "2", "solver_lhs1": "m!$B$4", "solver_rel1": "1",
       "solver_rhs1": "m!$C$4", "solver_lhs2": "m!$B$1:$B$2", "solver_rel2": "3",
       "solver_rhs2": "0.01"},
      dict(kind="optimum", fun=15 ** 0.3 * 14 ** 0.7, x=[15, 14], atol=1e-4),
      starts=("saved", "uniform"))

model("nlp_eoq", "NLP",          # min D/Q*S + Q/2*H: Q* = sqrt(2DS/H) = 400
      {"m": {"A1": "Demand", "B1": 8000, "A2": "Order cost", "B2": 50, "A3": "Holding",
             "B3": 5, "A4": "Q", "B4": 100, "A5": "Cost", "B5": "=B1/B4*B2+B4/2*B3"}},
      {"solver_opt": "m!$B$5", "solver_adj": "m!$B$4", "solver_num": "1",
       "solver_lhs1": "m!$B$4", "solver_rel1": "3", "solver_rhs1": "1"},
      dict(kind="optimum", fun=2000.0, x=[400.0], atol=1e-4),
      expect_zeros=dict(kind="error", cell="m!B5"))     # D/0 at Q = 0, as in Excel


def _fit():
    xs = np.arange(10) / 4.0
    ys = 2.5 * np.exp(0.45 * xs) + np.sin(7 * xs) * 0.6
    r = optimize.minimize_scalar(lambda b: np.sum((ys - 3 * np.exp(b * xs)) ** 2),
                                 bounds=(-2, 2), method="bounded", options=dict(xatol=1e-12))
    return r.fun, [3.0, r.x]


_xs = np.arange(10) / 4.0
_ys = 2.5 * np.exp(0.45 * _xs) + np.sin(7 * _xs) * 0.6
cells = {"A1": "a", "B1": 0, "A2": "b", "B2": 0, "A4": "SSE",
         "B4": "=SUMXMY2(E2:E11,F2:F11)"}
for i, (x_, y_) in enumerate(zip(_xs, _ys), start=2):
    cells.update({f"D{i}": float(x_), f"E{i}": float(y_), f"F{i}": f"=$B$1*EXP($B$2*D{i})"})
model("nlp_curve_fit_a_ge_3", "NLP", {"m": cells},
      {"solver_opt": "m!$B$4", "solver_adj": "m!$B$1:$B$2", "solver_num": "1",
       "solver_lhs1": "m!$B$1", "solver_rel1": "3", "solver_rhs1": "3", "solver_neg": "2"},
      dict(kind="optimum", solve=_fit, tol=1e-7))

model("nlp_value_of_cube", "NLP",   # Value Of: x^3 = 10
      {"m": {"A1": "x", "B1": 1, "A2": "cube", "B2": "=B1^3"}},
      {"solver_opt": "m!$B$2", "solver_typ": "3", "solver_val": "10",
       "solver_adj": "m!$B$1"},
      dict(kind="value", x=[10 ** (1 / 3)], atol=1e-5))

model("nlp_neg_allowed", "NLP",     # solver_neg = 2: min (x+3)^2 -> x = -3
      {"m": {"A1": "x", "B1": 0, "A2": "f", "B2": "=(B1+3)^2"}},
      {"solver_opt": "m!$B$2", "solver_adj": "m!$B$1", "solver_neg": "2"},
      dict(kind="optimum", fun=0.0, x=[-3.0], atol=1e-5))
model("nlp_nonnegative", "NLP",     # solver_neg = 1: min (x+3)^2 with x >= 0 -> x = 0, 9
      {"m": {"A1": "x", "B1": 0, "A2": "f", "B2": "=(B1+3)^2"}},
      {"solver_opt": "m!$B$2", "solver_adj": "m!$B$1", "solver_neg": "1"},
      dict(kind="optimum", fun=9.0, x=[0.0], atol=1e-6))

# ------------------------------------------------------------ non-smooth (ABS, MIN/MAX, IF)


def _l1_fit():
    """min sum |y - (m x + c)| as an LP: m, c free, e+ - e- = y - m x - c."""
    xs, ys = np.array([1, 2, 3, 4, 5.0]), np.array([1.2, 1.9, 3.4, 3.9, 5.3])
    n = len(xs)
    cost = np.concatenate([[0, 0], np.ones(2 * n)])
    A = np.hstack([xs[:, None], np.ones((n, 1)), np.eye(n), -np.eye(n)])
    r = optimize.linprog(cost, A_eq=A, b_eq=ys, bounds=[(None, None)] * 2 + [(0, None)] * 2 * n,
                         method="highs")
    return r.fun, None


cells = {"A1": "slope", "B1": 0, "A2": "intercept", "B2": 0, "A4": "L1 error",
         "B4": "=SUMPRODUCT(ABS(E2:E6-(B1*D2:D6+B2)))"}
for i, (x_, y_) in enumerate(zip([1, 2, 3, 4, 5], [1.2, 1.9, 3.4, 3.9, 5.3]), start=2):
    cells.update({f"D{i}": x_, f"E{i}": y_})
model("ns_l1_regression_abs", "non-smooth", {"m": cells},
      {"solver_opt": "m!$B$4", "solver_adj": "m!$B$1:$B$2", "solver_neg": "2"},
      dict(kind="optimum", solve=_l1_fit, atol=1e-5))

model("ns_maximin_min", "non-smooth",   # max MIN(x, 2y, 3z) s.t. x+y+z <= 11 -> 6
      {"m": {"A1": "x", "B1": 0, "C1": 0, "D1": 0, "A2": "worst",
             "B2": "=MIN(B1,2*C1,3*D1)", "A3": "total", "B3": "=SUM(B1:D1)"}},
      {"solver_opt": "m!$B$2", "solver_typ": "1", "solver_adj": "m!$B$1:$D$1",
       "solver_num": "1", "solver_lhs1": "m!$B$3", "solver_rel1": "1", "solver_rhs1": "11"},
      dict(kind="optimum", fun=6.0, x=[6, 3, 2], atol=1e-5))


def _minimax():
    """min max_i |a_i - x| over points a: the midrange (closed form)."""
    a = np.array([1.0, 4.0, 9.5, 3.0])
    return (a.max() - a.min()) / 2, [(a.max() + a.min()) / 2]


model("ns_minimax_max_abs", "non-smooth",
      {"m": {"A1": "x", "B1": 0, "A2": "worst",
             "B2": "=MAX(ABS(D1-B1),ABS(D2-B1),ABS(D3-B1),ABS(D4-B1))",
             "D1": 1.0, "D2": 4.0, "D3": 9.5, "D4": 3.0}},
      {"solver_opt": "m!$B$2", "solver_adj": "m!$B$1"},
      dict(kind="optimum", solve=_minimax, atol=1e-5))


def _if_cost():
    """min 2x + IF(y<=10, 1.5y, 15+4(y-10)) s.t. x + y >= 14, x <= 6: by enumeration of
    the two pieces with linprog."""
    best = np.inf
    for piece in (0, 1):
        if piece == 0:
            r = optimize.linprog([2, 1.5], A_ub=[[-1, -1]], b_ub=[-14],
                                 bounds=[(0, 6), (0, 10)], method="highs")
            f = r.fun if r.status == 0 else np.inf
        else:
            r = optimize.linprog([2, 4], A_ub=[[-1, -1]], b_ub=[-14],
                                 bounds=[(0, 6), (10, None)], method="highs")
            f = r.fun - 25 if r.status == 0 else np.inf
        best = min(best, f)
    return best, None


model("ns_if_piecewise_cost", "non-smooth",
      {"m": {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "cost",
             "B3": "=2*B1+IF(B2<=10,1.5*B2,15+4*(B2-10))", "A4": "total", "B4": "=B1+B2"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$B$2", "solver_num": "2",
       "solver_lhs1": "m!$B$4", "solver_rel1": "3", "solver_rhs1": "14",
       "solver_lhs2": "m!$B$1", "solver_rel2": "1", "solver_rhs2": "6"},
      dict(kind="optimum", solve=_if_cost, atol=1e-4))

# ----------------------------------------------------------------------- integer NLP
model("inlp_nearest_lattice", "integer NLP",   # min (x-2.6)^2+(y-3.3)^2, integers -> (3,3)
      {"m": {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "d2",
             "B3": "=(B1-2.6)^2+(B2-3.3)^2"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$B$2", "solver_num": "1",
       "solver_lhs1": "m!$B$1:$B$2", "solver_rel1": "4", "solver_rhs1": "integer",
       "solver_tol": "0"},
      dict(kind="optimum", fun=0.4 ** 2 + 0.3 ** 2, x=[3, 3], atol=1e-6))


def _int_product():
    best = max((x * y, x, y) for x in range(0, 11) for y in range(0, 8) if 2 * x + 3 * y <= 20)
    return float(best[0]), None


model("inlp_max_product", "integer NLP",   # max x*y s.t. 2x + 3y <= 20, integers
      {"m": {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "area", "B3": "=B1*B2",
             "A4": "budget", "B4": "=2*B1+3*B2"}},
      {"solver_opt": "m!$B$3", "solver_typ": "1", "solver_adj": "m!$B$1:$B$2",
       "solver_num": "2", "solver_lhs1": "m!$B$4", "solver_rel1": "1", "solver_rhs1": "20",
       "solver_lhs2": "m!$B$1:$B$2", "solver_rel2": "4", "solver_rhs2": "integer",
       "solver_tol": "0"},
      dict(kind="optimum", solve=_int_product, atol=1e-6), starts=("saved", "uniform"))


def _subset():
    w = [3, 5, 7, 8, 11]
    best = min((sum(wi * b for wi, b in zip(w, bits)) - 17) ** 2
               for bits in itertools.product((0, 1), repeat=5))
    return float(best), None


model("inlp_binary_subset_sum", "integer NLP",   # (sum w b - 17)^2 over binaries -> 0
      {"m": {"A1": "take", "B1": 0, "C1": 0, "D1": 0, "E1": 0, "F1": 0, "A2": "weight",
             "B2": 3, "C2": 5, "D2": 7, "E2": 8, "F2": 11, "A3": "miss",
             "B3": "=(SUMPRODUCT(B1:F1,B2:F2)-17)^2"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$F$1", "solver_num": "1",
       "solver_lhs1": "m!$B$1:$F$1", "solver_rel1": "5", "solver_rhs1": "binary",
       "solver_tol": "0"},
      dict(kind="optimum", solve=_subset, atol=1e-9))

# ---------------------------------------------------------------------- AllDifferent
W = [4, 9, 2, 7, 5]
model("dif_linear_rearrangement", "AllDifferent",   # min sum w_i p_i: p sorts w descending
      {"m": {"A1": "position", **{f"{col(2 + j)}1": 0 for j in range(5)},
             "A2": "weight", **{f"{col(2 + j)}2": W[j] for j in range(5)},
             "A3": "cost", "B3": "=SUMPRODUCT(B1:F1,B2:F2)"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$F$1", "solver_num": "1",
       "solver_lhs1": "m!$B$1:$F$1", "solver_rel1": "6", "solver_rhs1": "AllDifferent",
       "solver_eng": "2"},
      dict(kind="optimum", fun=float(sum(w * (k + 1) for k, w in
                                         enumerate(sorted(W, reverse=True)))), atol=1e-9))


def _tsp_cells(D):
    n = len(D)
    cells = {"A1": "order", "A3": "length", "H1": "dist"}
    for i in range(n):
        cells[f"{col(2 + i)}1"] = 0
        for j in range(n):
            cells[f"{col(9 + j)}{2 + i}"] = float(D[i][j])
    last = col(1 + n)
    table = f"$I$2:${col(8 + n)}${1 + n}"
    legs = "+".join(f"INDEX({table},{col(2 + i)}1,{col(3 + i) if i < n - 1 else 'B'}1)"
                    for i in range(n))
    cells["B3"] = "=" + legs
    return cells, last


def _tsp_opt(D):
    n = len(D)
    return float(min(sum(D[p[i]][p[(i + 1) % n]] for i in range(n))
                     for p in itertools.permutations(range(n)))), None


_rng = np.random.default_rng(7)
for n_cities, tag in ((6, "enumerated"), (8, "local_search")):
    P = _rng.uniform(0, 10, (n_cities, 2))
    D = np.round(np.sqrt(((P[:, None] - P[None]) ** 2).sum(-1)), 3)
    cells, last = _tsp_cells(D)
    model(f"dif_tsp_{n_cities}_{tag}", "AllDifferent", {"m": cells},
          {"solver_opt": "m!$B$3", "solver_adj": f"m!$B$1:${last}$1", "solver_num": "1",
           "solver_lhs1": f"m!$B$1:${last}$1", "solver_rel1": "6",
           "solver_rhs1": "AllDifferent", "solver_eng": "3"},
          dict(kind="optimum", solve=lambda D=D: _tsp_opt(D), atol=1e-9))


def _assign_opt(C):
    from scipy.optimize import linear_sum_assignment
    r, c = linear_sum_assignment(C)
    return float(C[r, c].sum()), None


C5 = np.array([[9, 2, 7, 8, 6], [6, 4, 3, 7, 5], [5, 8, 1, 8, 7], [7, 6, 9, 4, 3],
               [3, 7, 6, 2, 9]], float)
cells = {"A1": "job"}
for i in range(5):
    cells[f"{col(2 + i)}1"] = 0
    for j in range(5):
        cells[f"{col(9 + j)}{2 + i}"] = C5[i, j]
cells["A3"] = "cost"
cells["B3"] = "=" + "+".join(f"INDEX($I${2 + i}:$M${2 + i},{col(2 + i)}1)" for i in range(5))
model("dif_assignment_index_grg", "AllDifferent", {"m": cells},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$F$1", "solver_num": "1",
       "solver_lhs1": "m!$B$1:$F$1", "solver_rel1": "6", "solver_rhs1": "AllDifferent"},
      dict(kind="optimum", solve=lambda: _assign_opt(C5), atol=1e-9))

# ------------------------------------------------------------------------ infeasible
lp("infeasible_lp", "infeasible", [1, 1], [[1, 1], [1, 1]], [">=", "<="], [10, 5],
   expect=dict(kind="infeasible"))
lp("infeasible_lp_grg", "infeasible", [1, 1], [[1, 1], [1, 0]], [">=", "<="], [10, -1],
   eng=1, expect=dict(kind="infeasible"))
model("infeasible_nlp", "infeasible",   # x^2 + y^2 <= 1 and x + y >= 3
      {"m": {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "f", "B3": "=(B1-1)^2+B2^2",
             "A4": "r2", "B4": "=B1^2+B2^2", "A5": "s", "B5": "=B1+B2"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$B$2", "solver_num": "2",
       "solver_lhs1": "m!$B$4", "solver_rel1": "1", "solver_rhs1": "1",
       "solver_lhs2": "m!$B$5", "solver_rel2": "3", "solver_rhs2": "3"},
      dict(kind="infeasible"))
lp("infeasible_milp", "infeasible", [1, 1], [[2, 2]], ["="], [3], integer=(0, 1),
   expect=dict(kind="infeasible"))

# ------------------------------------------------------------------------- unbounded
lp("unbounded_lp", "unbounded", [1, 1], [[1, -1]], ["<="], [1], "max",
   expect=dict(kind="unbounded"))
lp("unbounded_lp_grg", "unbounded", [1, 2], [[1, -1]], ["<="], [1], "max", eng=1,
   expect=dict(kind="unbounded"))

# ------------------------------------------------------------- model semantics (point 4)
base = {"A1": "x", "B1": 0, "A2": "y", "B2": 0, "A3": "profit", "B3": "=3*B1+5*B2",
        "A5": "Plant 1", "B5": "=B1", "C5": 4, "A6": "Plant 2", "B6": "=2*B2", "C6": 12,
        "A7": "Plant 3", "B7": "=3*B1+2*B2", "C7": 18, "D7": 9}
PM = dict(kind="optimum", fun=36.0, x=[2, 6], atol=1e-6)     # Hillier & Lieberman
# its Solver model: maximise B3 over B1:B2 with B5:B7 <= C5:C7, simplex LP
PM_SOLVER = {"solver_opt": "m!$B$3", "solver_typ": "1", "solver_adj": "m!$B$1:$B$2",
             "solver_num": "1", "solver_lhs1": "m!$B$5:$B$7", "solver_rel1": "1",
             "solver_rhs1": "m!$C$5:$C$7", "solver_eng": "2"}


def _pm_plus(lhs2: str, rel2: str, rhs2: str, **names) -> dict:
    """PM_SOLVER with a second constraint ``lhs2 rel2 rhs2`` (and other names changed)."""
    return {**PM_SOLVER, "solver_num": "2", "solver_lhs2": lhs2, "solver_rel2": rel2,
            "solver_rhs2": rhs2, **names}


model("sem_rhs_same_shape_range", "semantics", {"m": base}, PM_SOLVER, PM)
model("sem_rhs_formula", "semantics", {"m": base},      # =2*$D$7 is 18
      {"solver_opt": "m!$B$3", "solver_typ": "1", "solver_adj": "m!$B$1:$B$2",
       "solver_num": "3", "solver_lhs1": "m!$B$5", "solver_rel1": "1", "solver_rhs1": "4",
       "solver_lhs2": "m!$B$6", "solver_rel2": "1", "solver_rhs2": "m!$C$6",
       "solver_lhs3": "m!$B$7", "solver_rel3": "1", "solver_rhs3": "=2*m!$D$7",
       "solver_eng": "2"}, PM)
model("sem_range_vs_one_cell", "semantics",   # B5:B6 <= C9 (one cell, 12) plus plant 3
      {"m": {**base, "C9": 12}},
      _pm_plus("m!$B$7", "1", "m!$C$7", solver_lhs1="m!$B$5:$B$6", solver_rhs1="m!$C$9"),
      dict(kind="auto", solve=lambda: _linprog([3, 5], [[1, 0], [0, 2], [3, 2]], ["<="] * 3,
                                               [12, 12, 18], "max", [(0, np.inf)] * 2)))
model("sem_other_sheets_and_names", "semantics",
      {"m": {"A1": "x", "B1": 0, "A2": "y", "B2": 0},
       "calc": {"A1": "profit", "B1": "=3*m!B1+5*m!B2", "A5": "Plant 1", "B5": "=m!B1",
                "A6": "Plant 2", "B6": "=2*m!B2", "A7": "Plant 3", "B7": "=3*m!B1+2*m!B2"},
       "data": {"A1": "limits", "B1": 4, "B2": 12, "B3": 18}},
      {**PM_SOLVER, "solver_opt": "calc!$B$1", "solver_lhs1": "Usage", "solver_rhs1": "Limits"},
      PM,
      names={"Usage": "calc!$B$5:$B$7", "Limits": "data!$B$1:$B$3"})
model("sem_blank_rhs_is_zero", "semantics",   # y <= blank (0): max 3x+5y -> x = 4, y = 0
      {"m": {**base, "E6": None}},
      _pm_plus("m!$B$2", "1", "m!$E$6"),
      dict(kind="optimum", fun=12.0, x=[4, 0], atol=1e-6))
model("sem_overlapping_variable_ranges", "semantics", {"m": base},
      {**PM_SOLVER, "solver_adj": "m!$B$1:$B$2,m!$B$2"},
      dict(kind="optimum", fun=36.0, atol=1e-6))
model("sem_constant_constraint_true", "semantics",   # C5 <= 100: holds whatever x, y
      {"m": base},
      _pm_plus("m!$C$5", "1", "100"), PM)
model("sem_constant_constraint_false", "semantics",   # C5 >= 100 never holds
      {"m": base},
      _pm_plus("m!$C$5", "3", "100", solver_eng="1"), dict(kind="infeasible"))
model("sem_text_in_constraint", "semantics",
      {"m": {**base, "C6": "twelve"}}, PM_SOLVER,
      dict(kind="error", cell="m!C6"))
model("sem_error_in_objective", "semantics",
      {"m": {"A1": "x", "B1": 0, "A2": "f", "B2": "=B1+1/D1", "D1": 0}},
      {"solver_opt": "m!$B$2", "solver_adj": "m!$B$1"},
      dict(kind="error", cell="m!B2"))
model("sem_value_of_linear", "semantics",   # profit = 30 on the product-mix polytope
      {"m": base},
      {**PM_SOLVER, "solver_typ": "3", "solver_val": "30"},
      dict(kind="value"))
model("sem_not_linear_names_cells", "semantics",
      {"m": {**base, "B7": "=3*B1^2+2*B2"}}, PM_SOLVER,
      dict(kind="not_linear", cell="m!B7"))
model("sem_iteration_limit", "semantics",
      {"m": {"A1": "x", "B1": -1.2, "A2": "y", "B2": 1, "A3": "f",
             "B3": "=(1-B1)^2+100*(B2-B1^2)^2"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$B$2", "solver_neg": "2",
       "solver_itr": "2"},
      dict(kind="max_iter"), starts=("saved",))
model("sem_evolutionary_needs_bounds", "semantics",
      {"m": {"A1": "x", "B1": 0, "A2": "f", "B2": "=(B1-2)^2"}},
      {"solver_opt": "m!$B$2", "solver_adj": "m!$B$1", "solver_eng": "3", "solver_neg": "2"},
      dict(kind="need_bounds"))


def _multimodal():
    r = optimize.brute(lambda v: (v[0] ** 2 - 4) ** 2 + v[0] + 3 * math.sin(3 * v[0]),
                       [(-4, 4)], Ns=20001, finish=None)
    x = float(np.atleast_1d(r)[0])
    x = optimize.minimize_scalar(lambda v: (v ** 2 - 4) ** 2 + v + 3 * math.sin(3 * v),
                                 bounds=(x - 0.01, x + 0.01), method="bounded",
                                 options=dict(xatol=1e-12)).x
    return (x ** 2 - 4) ** 2 + x + 3 * math.sin(3 * x), [x]


model("sem_multistart_global", "semantics",
      {"m": {"A1": "x", "B1": 3.5, "A2": "f", "B2": "=(B1^2-4)^2+B1+3*SIN(3*B1)"}},
      {"solver_opt": "m!$B$2", "solver_adj": "m!$B$1", "solver_neg": "2", "solver_msl": "1",
       "solver_ssz": "10", "solver_rsd": "7", "solver_num": "2",
       "solver_lhs1": "m!$B$1", "solver_rel1": "3", "solver_rhs1": "-4",
       "solver_lhs2": "m!$B$1", "solver_rel2": "1", "solver_rhs2": "4"},
      dict(kind="optimum", solve=_multimodal, atol=1e-5))
model("sem_bounds_as_constraints", "semantics",   # 1 <= x <= 2 on a variable: bounds
      {"m": {"A1": "x", "B1": 0, "A2": "f", "B2": "=(B1-5)^2", "C1": 1, "D1": 2}},
      {"solver_opt": "m!$B$2", "solver_adj": "m!$B$1", "solver_num": "2",
       "solver_lhs1": "m!$B$1", "solver_rel1": "3", "solver_rhs1": "m!$C$1",
       "solver_lhs2": "m!$B$1", "solver_rel2": "1", "solver_rhs2": "m!$D$1"},
      dict(kind="optimum", fun=9.0, x=[2.0], atol=1e-6))

# ------------------------------------------------------------------------ more cases
model("unbounded_nlp_grg", "unbounded",     # max LN(1+x) + x: grows without bound
      {"m": {"A1": "x", "B1": 0, "A2": "f", "B2": "=LN(1+B1)+B1"}},
      {"solver_opt": "m!$B$2", "solver_typ": "1", "solver_adj": "m!$B$1"},
      dict(kind="unbounded"))

# fixed charge: open plant j (binary y_j, cost f_j) to ship x_j <= cap_j * y_j; demand 70
FC = dict(var=[3, 4, 2.5], fixed=[50, 20, 80], cap=[40, 40, 60])


def _fixed_charge():
    c = FC["var"] + FC["fixed"]
    A = [[1, 1, 1, 0, 0, 0]] + [[1 if k == j else 0 for k in range(3)] +
                                [-FC["cap"][j] if k == j else 0 for k in range(3)]
                                for j in range(3)]
    return _linprog(c, A, [">="] + ["<="] * 3, [70, 0, 0, 0], "min",
                    [(0, np.inf)] * 3 + [(0, 1)] * 3, [0, 0, 0, 1, 1, 1])


cells = {"A1": "Plant", "B1": "P1", "C1": "P2", "D1": "P3", "A2": "Ship", "A3": "Open",
         "A4": "Var cost", "A5": "Fixed", "A6": "Capacity", "A7": "Room", "A9": "Cost",
         "B9": "=SUMPRODUCT(B2:D2,B4:D4)+SUMPRODUCT(B3:D3,B5:D5)", "A10": "Shipped",
         "B10": "=SUM(B2:D2)", "C10": 70}
for j, L in enumerate("BCD"):
    cells.update({f"{L}2": 0, f"{L}3": 0, f"{L}4": FC["var"][j], f"{L}5": FC["fixed"][j],
                  f"{L}6": FC["cap"][j], f"{L}7": f"={L}2-{L}6*{L}3"})
model("milp_fixed_charge", "MILP", {"m": cells},
      {"solver_opt": "m!$B$9", "solver_adj": "m!$B$2:$D$3", "solver_eng": "2",
       "solver_num": "3", "solver_lhs1": "m!$B$10", "solver_rel1": "3",
       "solver_rhs1": "m!$C$10", "solver_lhs2": "m!$B$7:$D$7", "solver_rel2": "1",
       "solver_rhs2": "0", "solver_lhs3": "m!$B$3:$D$3", "solver_rel3": "5",
       "solver_rhs3": "binary", "solver_tol": "0"},
      dict(kind="auto", solve=_fixed_charge))

model("sem_value_of_objective_on_other_sheet", "semantics",   # calc!B1 = x^2 + x = 6 -> 2
      {"m": {"A1": "x", "B1": 1}, "calc": {"A1": "f", "B1": "=m!B1^2+m!B1"}},
      {"solver_opt": "calc!$B$1", "solver_typ": "3", "solver_val": "6",
       "solver_adj": "m!$B$1"},
      dict(kind="value", x=[2.0], atol=1e-5))
lp("sem_excel2007_assume_linear", "semantics", [3, 5], [[1, 0], [0, 2], [3, 2]], ["<="] * 3,
   [4, 12, 18], "max", solver={"solver_eng": None, "solver_lin": "1"},
   expect=dict(kind="auto", solve=lambda: _linprog([3, 5], [[1, 0], [0, 2], [3, 2]],
                                                   ["<="] * 3, [4, 12, 18], "max",
                                                   [(0, np.inf)] * 2), method="highs"))
model("sem_merged_cells_in_ranges", "semantics",   # B5:C5 merged: C5 is blank (0 <= 4)
      {"m": base},
      {"solver_opt": "m!$B$3", "solver_typ": "1", "solver_adj": "m!$B$1:$B$2",
       "solver_num": "2", "solver_lhs1": "m!$B$6:$B$7", "solver_rel1": "1",
       "solver_rhs1": "m!$C$6:$C$7", "solver_lhs2": "m!$B$5:$C$5", "solver_rel2": "1",
       "solver_rhs2": "4", "solver_eng": "2"}, PM, merged={"m": ["B5:C5"]})
model("infeasible_value_of_unreachable", "infeasible",   # x^2 + 1 = 0 has no solution
      {"m": {"A1": "x", "B1": 3, "A2": "f", "B2": "=B1^2+1"}},
      {"solver_opt": "m!$B$2", "solver_typ": "3", "solver_val": "0", "solver_adj": "m!$B$1",
       "solver_neg": "2"},
      dict(kind="infeasible"))
model("dif_linear_grg_engine", "AllDifferent",   # the rearrangement model under GRG
      {"m": {"A1": "position", **{f"{col(2 + j)}1": 0 for j in range(5)},
             "A2": "weight", **{f"{col(2 + j)}2": W[j] for j in range(5)},
             "A3": "cost", "B3": "=SUMPRODUCT(B1:F1,B2:F2)"}},
      {"solver_opt": "m!$B$3", "solver_typ": "1", "solver_adj": "m!$B$1:$F$1",
       "solver_num": "1", "solver_lhs1": "m!$B$1:$F$1", "solver_rel1": "6",
       "solver_rhs1": "AllDifferent", "solver_eng": "1"},
      dict(kind="optimum", fun=float(sum(w * (k + 1) for k, w in
                                         enumerate(sorted(W)))), atol=1e-9))
W4 = [4, 9, 2, 7]
model("dif_with_continuous_cells", "AllDifferent",   # min sum w p + (s-3)^2, p a permutation
      {"m": {"A1": "position", **{f"{col(2 + j)}1": 0 for j in range(4)},
             "A2": "weight", **{f"{col(2 + j)}2": W4[j] for j in range(4)},
             "A4": "scale", "B4": 0, "A3": "cost", "B3": "=SUMPRODUCT(B1:E1,B2:E2)+(B4-3)^2"}},
      {"solver_opt": "m!$B$3", "solver_adj": "m!$B$1:$E$1,m!$B$4", "solver_num": "1",
       "solver_lhs1": "m!$B$1:$E$1", "solver_rel1": "6", "solver_rhs1": "AllDifferent",
       "solver_neg": "2"},
      dict(kind="optimum", fun=float(sum(w * (k + 1) for k, w in
                                         enumerate(sorted(W4, reverse=True)))), atol=1e-6))
