"""Simplex LP: the model's linear form, checked, solved by HiGHS.

:func:`linear_form` reads the model as ``c'x + f0`` and ``A x + offs`` from exact
gradients at the start and at a perturbed point (and names the cells that are not
linear); :func:`solve_linear` hands it to HiGHS: ``linprog(method="highs")`` for a
continuous model (its basis also gives the Sensitivity Report), ``milp`` with
integers, binaries or AllDifferent groups (an assignment formulation:
``x_i = sum_j j*z_ij`` with each z row and column summing to 1). Value Of becomes the
row "objective cell = value".
"""
from __future__ import annotations

import numpy as np
from scipy import optimize

from ..formula.refs import Area
from . import result as R


def linear_form(problem, model, setup, cons, x0, obj):
    """The model as c'x + f0, A x + offs (objective and constraint cells), checked to be
    linear from exact gradients at the start and a perturbed point. Returns
    (c, f0, A, offs, []) or (None, None, None, None, [cells that break linearity])."""
    f0, g0 = obj.fg(x0)
    c0, J0 = cons.eval(x0)
    rng = np.random.default_rng(12345)
    x1 = x0 + rng.uniform(0.5, 1.5, x0.size) * (1 + np.abs(x0))
    f1, g1 = obj.fg(x1)
    c1, J1 = cons.eval(x1)
    tol = 1e-8
    if model.sense == "value":     # obj.fg is (cell - target)^2: use the cell itself
        f0, g0 = problem.value_grad(x0)
        f1, g1 = problem.value_grad(x1)

    def close(a, b):
        return np.allclose(a, b, rtol=tol * 1e2, atol=tol * (1 + np.abs(a).max(initial=0)))
    bad = []
    if not (np.all(np.isfinite(g0)) and close(g0, g1) and
            abs(f1 - (f0 + g0 @ (x1 - x0))) <= 1e-7 * (1 + abs(f0) + abs(f1))):
        bad.append(model.objective.a1())
    pred = c0 + J0 @ (x1 - x0)
    rows_ok = all(np.isfinite(c0[i]) and close(J0[i], J1[i]) and
                  abs(c1[i] - pred[i]) <= 1e-7 * (1 + abs(c0[i]) + abs(c1[i]))
                  for i in range(len(c0)))
    if not rows_ok:      # name the cells (either side) that are not linear
        v0, K0 = problem.cells_jacobian(x0, cons.cells)
        v1, K1 = problem.cells_jacobian(x1, cons.cells)
        p1 = v0 + K0 @ (x1 - x0)
        for k, (s_, r, c) in enumerate(cons.cells):
            if not (np.isfinite(v0[k]) and close(K0[k], K1[k]) and
                    abs(v1[k] - p1[k]) <= 1e-7 * (1 + abs(v0[k]) + abs(v1[k]))):
                bad.append(Area(s_, r, c, r, c).a1())
    problem.recalc(x0)
    if bad:
        return None, None, None, None, bad
    # c'x + f_off is the minimised form (sign applied for max; the cell for value of)
    return g0, f0 - g0 @ x0, J0, c0 - J0 @ x0, []


def simplex(problem, model, setup, cons, x0, obj):
    """Simplex LP: check linearity, then HiGHS (milp with integers/AllDifferent, linprog
    otherwise, which also gives the duals for the Sensitivity Report)."""
    c, f_off, A, offs, bad = linear_form(problem, model, setup, cons, x0, obj)
    if not bad:
        out = solve_linear(model, setup, cons, c, f_off, A, offs, x0)
        if out["status"] not in (R.FOUND, R.INTEGER_FOUND):
            return out
        # the two probes can both fall on one piece of an IF or ABS: Excel checks the
        # solution too ("linearity conditions ... are not satisfied")
        bad = _off_the_linear_form(problem, model, cons, obj, c, f_off, A, offs, out["x"])
        if not bad:
            return out
    return dict(x=x0, status=R.NOT_LINEAR, nit=0, starts=1,
                detail="not linear in the variable cells: " + ", ".join(bad[:5]) +
                       (f" and {len(bad) - 5} more" if len(bad) > 5 else ""))


def _off_the_linear_form(problem, model, cons, obj, c, f_off, A, offs, x):
    """The cells whose values at ``x`` differ from the linear form's prediction."""
    x = np.asarray(x, float)
    f = problem.value_grad(x)[0] if model.sense == "value" else obj.f(x)
    bad = []
    if not abs(f - (c @ x + f_off)) <= 1e-6 * (1 + abs(f) + abs(c @ x + f_off)):
        bad.append(model.objective.a1())
    if len(offs):
        got, want = cons.values(x), A @ x + offs
        for k in np.flatnonzero(~(np.abs(got - want) <= 1e-6 * (1 + np.abs(got) +
                                                                 np.abs(want)))):
            s_, r, c_ = cons.cells[cons.rows[k][1]]
            name = Area(s_, r, c_, r, c_).a1()
            if name not in bad:
                bad.append(name)
    problem.recalc(x)
    return bad


def solve_linear(model, setup, cons, c, f_off, A, offs, x0):
    lo, hi = cons.bounds()
    n = c.size
    rows_A, rows_lo, rows_hi = [A], [lo - offs], [hi - offs]
    cost = c.copy()
    if model.sense == "value":           # objective cell = target, as a constraint
        rows_A.append(c[None, :])
        rows_lo.append(np.array([model.target - f_off]))
        rows_hi.append(np.array([model.target - f_off]))
        cost = np.zeros(n)
    lb, ub = setup.lb.copy(), setup.ub.copy()
    integ = setup.integrality.copy() if setup.has_integers else np.zeros(n, int)
    extra = 0
    for g in setup.alldiff:              # x_i = sum_j j z_ij, z an assignment
        k = len(g)
        extra += k * k
    if extra:
        N = n + extra
        cost = np.concatenate([cost, np.zeros(extra)])
        rows_A = [np.hstack([M, np.zeros((M.shape[0], extra))]) for M in rows_A]
        lb = np.concatenate([lb, np.zeros(extra)])
        ub = np.concatenate([ub, np.ones(extra)])
        integ = np.concatenate([integ, np.ones(extra, int)])
        base = n
        for g in setup.alldiff:
            k = len(g)
            for i in range(k):          # each cell takes one value; each value used once
                r1 = np.zeros(N)
                r1[base + i * k: base + (i + 1) * k] = 1
                r2 = np.zeros(N)
                r2[[base + j * k + i for j in range(k)]] = 1
                r3 = np.zeros(N)
                r3[g[i]] = 1
                r3[base + i * k: base + (i + 1) * k] = -np.arange(1, k + 1)
                for r in (r1, r2):
                    rows_A.append(r[None, :])
                    rows_lo.append(np.array([1.0]))
                    rows_hi.append(np.array([1.0]))
                rows_A.append(r3[None, :])
                rows_lo.append(np.array([0.0]))
                rows_hi.append(np.array([0.0]))
            base += k * k
    A_all = np.vstack(rows_A) if rows_A else np.zeros((0, len(cost)))
    lo_all, hi_all = np.concatenate(rows_lo), np.concatenate(rows_hi)
    sens = None
    if not integ.any():
        res, sens = _linprog(cost, A_all, lo_all, hi_all, lb, ub, model)
        status = {0: R.FOUND, 1: R.MAX_ITER, 2: R.INFEASIBLE, 3: R.NOT_CONVERGE}.get(
            res.status, R.CANNOT_IMPROVE)
        nit = int(getattr(res, "nit", 0) or 0)
    else:
        # HiGHS proves optimality quickly at Excel's model sizes: a gap of at most
        # 1e-6 (never looser than Integer Optimality), within the time limit (120 s
        # when Solver's is unlimited)
        tol = model.option("tol")
        options = {"mip_rel_gap": min(float(tol), 1e-6) if tol is not None else 1e-6}
        tim = model.option("tim")
        options["time_limit"] = float(tim) if tim is not None and tim < 2147483647 else 120.0
        constraints = [optimize.LinearConstraint(A_all, lo_all, hi_all)] if len(A_all) else []
        res = optimize.milp(cost, constraints=constraints, bounds=optimize.Bounds(lb, ub),
                            integrality=integ, options=options)
        status = {0: R.INTEGER_FOUND, 1: R.MAX_ITER, 2: R.INFEASIBLE,
                  3: R.NOT_CONVERGE}.get(res.status, R.CANNOT_IMPROVE)
        if res.status == 1 and res.x is not None and "time" in str(res.message).lower():
            status = R.MAX_TIME
        nit = int(getattr(res, "mip_node_count", 0) or 0)
    x = np.asarray(res.x[:len(c)], float) if res.x is not None else x0
    if res.x is not None and integ[:len(c)].any():   # integers written as integers
        x = np.where(integ[:len(c)].astype(bool), np.round(x), x)
    big = sens is not None and (len(lo_all) + n) * len(lo_all) > 4_000_000
    if sens is not None and not setup.alldiff and model.sense != "value" and not big:
        sens["rows"] = [(cons.cells[li], None if ri is None or isinstance(ri, list)
                         else cons.cells[ri], const.a1() if isinstance(ri, list) else const)
                        for rel, li, ri, const in cons.rows]
    else:
        sens = None
    return dict(x=x, status=status, nit=nit, starts=1, detail=str(res.message),
                sensitivity=sens)


def _linprog(cost, A, lo, hi, lb, ub, model):
    """linprog(method="highs") on the two-sided rows; returns (result, duals)."""
    A_ub, b_ub, A_eq, b_eq, which = [], [], [], [], []
    for i in range(len(A)):
        if np.isfinite(lo[i]) and np.isfinite(hi[i]) and lo[i] == hi[i]:
            A_eq.append(A[i])
            b_eq.append(hi[i])
            which.append(("eq", len(A_eq) - 1, 1.0))
            continue
        if np.isfinite(hi[i]):
            A_ub.append(A[i])
            b_ub.append(hi[i])
            which.append(("ub", len(A_ub) - 1, 1.0))
        if np.isfinite(lo[i]):
            A_ub.append(-A[i])
            b_ub.append(-lo[i])
            which.append(("ub", len(A_ub) - 1, -1.0))
    kw = {}
    if A_ub:
        kw.update(A_ub=np.array(A_ub), b_ub=np.array(b_ub))
    if A_eq:
        kw.update(A_eq=np.array(A_eq), b_eq=np.array(b_eq))
    bounds = list(zip([None if not np.isfinite(v) else v for v in lb],
                      [None if not np.isfinite(v) else v for v in ub]))
    res = optimize.linprog(cost, bounds=bounds, method="highs", **kw)
    sens = None
    if res.status == 0:
        sens = dict(cost=cost, A_ub=kw.get("A_ub"), b_ub=kw.get("b_ub"), A_eq=kw.get("A_eq"),
                    b_eq=kw.get("b_eq"), bounds=bounds, x=res.x, which=which,
                    ineq=getattr(res, "ineqlin", None), eq=getattr(res, "eqlin", None),
                    lower=getattr(res, "lower", None), upper=getattr(res, "upper", None))
    return res, sens
