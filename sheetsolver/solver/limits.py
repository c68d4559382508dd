"""Excel's Limits Report: for each variable cell, with every other variable held at
its solution value, the lowest and highest value it can take while every constraint
still holds, and the objective cell's value there.

With bounds only the limits are the bounds. With general constraints each direction
is searched: steps doubling from the solution until a constraint breaks (or a bound
is reached), then bisection to the edge (the constraints judged by :mod:`.checks`,
within Solver's precision). An unlimited direction is reported as +/-1E+30, as Excel
prints it.
"""
from __future__ import annotations

import numpy as np

from .checks import evaluate

INF = 1e30


def _feasible(problem, model, x, lb, ub, pre) -> bool:
    if (x < lb - pre).any() or (x > ub + pre).any():
        return False
    problem.recalc(x, full=False)
    return all(r.holds for r in evaluate(problem, model) if r.rel not in ("int", "bin", "dif"))


def _edge(problem, model, x, j, sign, lb, ub, pre):
    bound = ub[j] if sign > 0 else lb[j]
    step = 1e-3 * (1 + abs(x[j]))
    good = x[j]
    for _ in range(80):
        trial = good + sign * step
        if np.isfinite(bound) and (trial - bound) * sign >= 0:
            y = x.copy()
            y[j] = bound
            if _feasible(problem, model, y, lb, ub, pre):
                return bound
            bad = bound
            break
        y = x.copy()
        y[j] = trial
        if not _feasible(problem, model, y, lb, ub, pre):
            bad = trial
            break
        good, step = trial, step * 2
    else:
        return sign * INF
    for _ in range(60):
        mid = (good + bad) / 2
        y = x.copy()
        y[j] = mid
        if _feasible(problem, model, y, lb, ub, pre):
            good = mid
        else:
            bad = mid
    return good


def limits(problem, model, setup, x, labels) -> list[dict]:
    """Rows (cell, name, value, lower, lower_objective, upper, upper_objective)."""
    pre = float(model.option("pre", 1e-6))
    x = np.asarray(x, float)
    rows = []
    for j in range(x.size):
        if setup.has_general:
            lo = _edge(problem, model, x, j, -1, setup.lb, setup.ub, pre)
            hi = _edge(problem, model, x, j, +1, setup.lb, setup.ub, pre)
        else:
            lo = setup.lb[j] if np.isfinite(setup.lb[j]) else -INF
            hi = setup.ub[j] if np.isfinite(setup.ub[j]) else INF
        out = dict(cell=problem.cell_name(j), name=labels[j], value=float(x[j]), lower=lo,
                   upper=hi, lower_objective=None, upper_objective=None)
        for key, v in (("lower_objective", lo), ("upper_objective", hi)):
            if abs(v) < INF and problem.obj is not None:     # none: feasibility only
                y = x.copy()
                y[j] = v
                problem.recalc(y, full=False)
                out[key] = problem.objective_value()
        rows.append(out)
    problem.recalc(x)
    return rows
