"""Integer and AllDifferent constraints for the GRG and Evolutionary engines.

* :func:`branch_and_bound` — Excel's GRG with integer constraints: the continuous
  relaxation is solved by GRG at every node; the most fractional integer variable is
  branched on (x <= floor, x >= ceil); nodes whose relaxation cannot beat the incumbent
  by more than Integer Optimality (``solver_tol``, a relative gap) are pruned.
* :func:`alldiff_search` — ``dif`` constraints (the cells take 1..N, each once) in a
  nonlinear model: every permutation when there are few, otherwise a local search by
  swaps and segment reversals (2-opt) from the start and from random permutations.
  Other variable cells are solved by GRG for each permutation tried.
"""
from __future__ import annotations

import itertools
import math
import time

import numpy as np

from . import result as R

INT_TOL = 1e-6


def _gap(model) -> float:
    return max(float(model.option("tol", 0.01)), 0.0)


def branch_and_bound(model, setup, x0, obj, relax, max_nodes: int | None = None) -> dict:
    """Depth-first branch and bound over ``relax(x_start, lb, ub) -> dict(x, fmin,
    status, nit)`` (the continuous GRG solve within those bounds)."""
    integ = setup.integrality.astype(bool)
    gap = _gap(model)
    limit = int(min(model.option("nod", 2147483647), 2000)) if max_nodes is None else max_nodes
    stack = [(setup.lb.copy(), setup.ub.copy(), x0)]
    best, nodes, nit, unbounded, stop = None, 0, 0, False, None
    while stack:
        lb, ub, xs = stack.pop()
        nodes += 1
        out = relax(np.clip(xs, lb, ub), lb, ub)
        nit += out.get("nit", 0)
        st = out["status"]
        if st == R.MAX_TIME:
            stop = R.MAX_TIME
            break
        if st == R.NOT_CONVERGE:
            unbounded = True
            continue
        if st in (R.INFEASIBLE, R.MODEL_ERROR, R.ERROR_VALUE) or not np.isfinite(out["fmin"]):
            continue
        f = out["fmin"]
        if best is not None and f >= best["fmin"] - gap * abs(best["fmin"]) - 1e-12:
            continue
        x = np.asarray(out["x"], float)
        frac = np.where(integ, np.abs(x - np.round(x)), 0.0)
        if frac.max(initial=0.0) <= INT_TOL:
            x = np.where(integ, np.round(x), x)
            best = dict(out, x=x, fmin=f)
            if getattr(model, "feasibility_only", False):
                break           # no objective: the first integer point is a solution
            continue
        if nodes >= limit:
            stop = R.MAX_SUBPROBLEMS
            break
        i = int(np.argmax(frac))
        lo_ub, hi_lb = ub.copy(), lb.copy()
        lo_ub[i] = math.floor(x[i])
        hi_lb[i] = math.ceil(x[i])
        down, up = (lb, lo_ub, x), (hi_lb, ub, x)
        # explore the nearer side first (pushed last)
        stack += [down, up] if x[i] - math.floor(x[i]) >= 0.5 else [up, down]
    if best is None:
        status = stop or (R.NOT_CONVERGE if unbounded else R.INFEASIBLE)
        return dict(x=x0, status=status, nit=nit, starts=1, fmin=np.inf,
                    detail=f"branch and bound: no integer solution in {nodes} nodes")
    status = stop or (R.INTEGER_FOUND if gap > 0 else R.FOUND)
    return dict(x=best["x"], status=status, nit=nit, starts=1, fmin=best["fmin"],
                detail=f"branch and bound: {nodes} nodes")


def alldiff_search(problem, model, setup, cons, x0, obj, seed, itr, relax) -> dict:
    """AllDifferent by search over permutations (see module docstring)."""
    groups = [np.array(g) for g in setup.alldiff]
    in_dif = np.zeros(problem.n, bool)
    for g in groups:
        in_dif[g] = True
    others = ~in_dif
    others_free = bool(others.any())
    pre = float(model.option("pre", 1e-6))
    t_end = None if obj.deadline is None else obj.deadline
    evals = {"n": 0}

    def score(x):
        """(violation rank, objective) of x with the permutation fixed."""
        evals["n"] += 1
        if others_free:
            lb, ub = setup.lb.copy(), setup.ub.copy()
            lb[in_dif] = ub[in_dif] = x[in_dif]
            out = relax(np.clip(x, lb, ub), lb, ub)
            x = np.asarray(out["x"], float)
            viol = cons.violation(x) if setup.has_general else 0.0
            return (viol > pre, viol if viol > pre else out["fmin"]), x
        f = obj.f(x)
        viol = cons.violation(x) if setup.has_general else 0.0
        return (viol > pre, viol if viol > pre else f), x

    def with_perm(x, perms):
        y = x.copy()
        for g, p in zip(groups, perms):
            y[g] = p
        return y

    def start_perm(g):
        v = np.round(x0[g]).astype(int)
        n = len(g)
        return v if sorted(v) == list(range(1, n + 1)) else np.arange(1, n + 1)

    total = math.prod(math.factorial(len(g)) for g in groups)
    best_s, best_x = None, None
    try:
        if total <= 5040:
            for combo in itertools.product(*[itertools.permutations(range(1, len(g) + 1))
                                             for g in groups]):
                s, x = score(with_perm(x0, [np.array(p, float) for p in combo]))
                if best_s is None or s < best_s:
                    best_s, best_x = s, x
        else:
            rng = np.random.default_rng(seed if seed is not None else
                                        (int(model.option("rsd", 0)) or 0))
            restarts = int(min(max(model.option("ssz", 10), 3), 20))
            for k in range(restarts):
                perms = [start_perm(g) if k == 0 else rng.permutation(len(g)) + 1
                         for g in groups]
                s, x = score(with_perm(x0, perms))
                s, x = _improve(s, x, groups, score)
                if best_s is None or s < best_s:
                    best_s, best_x = s, x
                if t_end is not None and time.perf_counter() > t_end:
                    break
    except Exception as e:     # the time limit (engines.Stop) keeps the best so far
        if type(e).__name__ != "Stop" or best_x is None:
            raise
        return dict(x=best_x, status=R.MAX_TIME, nit=evals["n"], starts=1,
                    fmin=best_s[1], detail="time limit")
    if best_s[0]:
        return dict(x=best_x, status=R.INFEASIBLE, nit=evals["n"], starts=1, fmin=np.inf,
                    detail="no permutation satisfies the other constraints")
    how = "every permutation" if total <= 5040 else "local search (swaps, 2-opt)"
    return dict(x=best_x, status=R.CONVERGED if total > 5040 else R.FOUND,
                nit=evals["n"], starts=1, fmin=best_s[1],
                detail=f"AllDifferent: {how}, {evals['n']} trials")


def _improve(s, x, groups, score):
    """First-improvement local search: swap two positions or reverse a segment."""
    improved = True
    while improved:
        improved = False
        for g in groups:
            n = len(g)
            for i in range(n - 1):
                for j in range(i + 1, n):
                    for move in ("swap", "reverse"):
                        if move == "reverse" and j - i < 2:
                            continue
                        y = x.copy()
                        if move == "swap":
                            y[g[i]], y[g[j]] = x[g[j]], x[g[i]]
                        else:
                            y[g[i:j + 1]] = x[g[i:j + 1]][::-1]
                        sy, yy = score(y)
                        if sy < s:
                            s, x, improved = sy, yy, True
    return s, x
