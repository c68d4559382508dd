"""Sensitivity analysis of a solved linear model, as Excel's Sensitivity Report shows it.

HiGHS (through ``scipy.optimize.linprog``) gives the optimum and its duals but not the
ranging, so both are computed here from the optimal basis: the basic variables are
those strictly between their bounds (completed to a nonsingular basis when the vertex
is degenerate), ``y = B^-T c_B`` are the shadow prices, ``d = c - A^T y`` the reduced
costs; a cost coefficient may move while every reduced cost keeps its sign, a right
side while every basic variable stays within its bounds (the textbook ranging, e.g.
Hillier & Lieberman, *Introduction to Operations Research*, ch. 7).

Everything here is in the minimised standard form ``min c'x, A_ub x <= b_ub,
A_eq x = b_eq, l <= x <= u``; :func:`report` maps it back to the objective cell
(sign for Max) and to each constraint's right side (sign for >=).
"""
from __future__ import annotations

import numpy as np

INF = 1e30     # what Excel's report prints for an unlimited allowance


def _basis(M, x_all, lo, hi):
    """Columns of a nonsingular basis: the variables strictly inside their bounds, then
    (degenerate vertex) slacks and others, each kept only when independent of those
    already chosen (incremental Gram-Schmidt)."""
    m, N = M.shape

    def off(bound, v):
        return not np.isfinite(bound) or abs(v - bound) > 1e-9 * (1 + abs(bound))
    inside = [j for j in range(N) if off(lo[j], x_all[j]) and off(hi[j], x_all[j])]
    order = inside + [j for j in range(N - 1, -1, -1) if j not in set(inside)]
    Q = np.zeros((m, 0))
    basic = []
    for j in order:
        v = M[:, j]
        nv = np.linalg.norm(v)
        if nv == 0:
            continue
        r = v - Q @ (Q.T @ v)
        r = r - Q @ (Q.T @ r)
        nr = np.linalg.norm(r)
        if nr > 1e-9 * nv:
            Q = np.hstack([Q, (r / nr)[:, None]])
            basic.append(j)
            if len(basic) == m:
                break
    return basic


def ranging(cost, A_ub, b_ub, A_eq, b_eq, bounds, x):
    """Shadow prices and ranges of the minimised standard form at the optimum ``x``.

    Returns dict(reduced=d_x, cost_inc, cost_dec (per variable), dual, rhs_inc,
    rhs_dec (per row: the A_ub rows, then the A_eq rows))."""
    n = cost.size
    A_ub = np.zeros((0, n)) if A_ub is None else np.asarray(A_ub, float)
    A_eq = np.zeros((0, n)) if A_eq is None else np.asarray(A_eq, float)
    b_ub = np.zeros(0) if b_ub is None else np.asarray(b_ub, float)
    mu, me = len(A_ub), len(A_eq)
    m = mu + me
    M = np.zeros((m, n + mu))
    M[:mu, :n] = A_ub
    M[:mu, n:] = np.eye(mu)
    M[mu:, :n] = A_eq
    cc = np.concatenate([cost, np.zeros(mu)])
    lo = np.array([-np.inf if b[0] is None else b[0] for b in bounds] + [0.0] * mu)
    hi = np.array([np.inf if b[1] is None else b[1] for b in bounds] + [np.inf] * mu)
    slack = b_ub - A_ub @ x if mu else np.zeros(0)
    x_all = np.concatenate([x, slack])
    basic = _basis(M, x_all, lo, hi)
    nonbasic = [j for j in range(n + mu) if j not in basic]
    B = M[:, basic]
    Binv = np.linalg.inv(B) if m else np.zeros((0, 0))
    y = Binv.T @ cc[basic] if m else np.zeros(0)
    d = cc - M.T @ y
    at_upper = {j: np.isfinite(hi[j]) and abs(x_all[j] - hi[j]) <= 1e-9 * (1 + abs(hi[j]))
                for j in nonbasic}
    Binv_N = Binv @ M[:, nonbasic] if m else np.zeros((0, len(nonbasic)))
    cost_inc, cost_dec = np.full(n, INF), np.full(n, INF)
    for j in range(n):
        if j in nonbasic:
            if at_upper[j]:
                cost_inc[j], cost_dec[j] = max(-d[j], 0.0), INF
            else:
                cost_inc[j], cost_dec[j] = INF, max(d[j], 0.0)
            continue
        p = basic.index(j)
        up, down = INF, INF
        for col, k in enumerate(nonbasic):
            a = Binv_N[p, col]
            if abs(a) < 1e-12:
                continue
            ratio = d[k] / a
            keep_nonneg = not at_upper[k]           # d_k >= 0 at a lower bound
            if (a > 0) == keep_nonneg:
                up = min(up, max(ratio, 0.0))
            else:
                down = min(down, max(-ratio, 0.0))
        cost_inc[j], cost_dec[j] = up, down
    rhs_inc, rhs_dec = np.full(m, INF), np.full(m, INF)
    xb = x_all[basic]
    lb_b, ub_b = lo[basic], hi[basic]
    for r in range(m):
        w = Binv[:, r]
        up, down = INF, INF
        for i in range(len(basic)):
            if abs(w[i]) < 1e-12:
                continue
            room_up, room_down = ub_b[i] - xb[i], xb[i] - lb_b[i]
            if w[i] > 0:
                up = min(up, room_up / w[i])
                down = min(down, room_down / w[i])
            else:
                up = min(up, room_down / -w[i])
                down = min(down, room_up / -w[i])
        rhs_inc[r] = min(max(up, 0.0), INF)
        rhs_dec[r] = min(max(down, 0.0), INF)
    return dict(reduced=d[:n], cost_inc=cost_inc, cost_dec=cost_dec, dual=y,
                rhs_inc=rhs_inc, rhs_dec=rhs_dec)


def report(sens, sense, read, label, cells):
    """Excel's Sensitivity Report rows from the :func:`ranging` of ``sens`` (the
    standard form engines.solve_linear solved, with ``rows``: (lhs cell, rhs cell or
    None, constant) per constraint row) in the objective cell's terms. ``read(cell)``
    gives a cell's value, ``label(cell)`` its name, ``cells`` the variable cells."""
    rg = ranging(sens["cost"], sens["A_ub"], sens["b_ub"], sens["A_eq"], sens["b_eq"],
                 sens["bounds"], sens["x"])
    flip = -1.0 if sense == "max" else 1.0
    mu = 0 if sens["A_ub"] is None else len(sens["A_ub"])
    variables = []
    for j, cell in enumerate(cells):
        inc, dec = rg["cost_inc"][j], rg["cost_dec"][j]
        if flip < 0:
            inc, dec = dec, inc
        variables.append(dict(cell=_a1(cell), name=label(cell), final=float(sens["x"][j]),
                              reduced_cost=float(flip * rg["reduced"][j]) + 0.0,
                              objective_coefficient=float(flip * sens["cost"][j]) + 0.0,
                              allowable_increase=float(inc), allowable_decrease=float(dec)))
    constraints = []
    for i, (lhs, rhs_cell, const) in enumerate(sens["rows"]):
        kind, k, sgn = sens["which"][i]
        r = k if kind == "ub" else mu + k
        price = rg["dual"][r] * sgn * flip
        inc, dec = rg["rhs_inc"][r], rg["rhs_dec"][r]
        if sgn < 0:            # a >= row was negated: its right side moves the other way
            inc, dec = dec, inc
        rhs = read(rhs_cell) if rhs_cell is not None else const
        constraints.append(dict(cell=_a1(lhs), name=label(lhs), final=read(lhs),
                                shadow_price=float(price) + 0.0, rhs=rhs,
                                allowable_increase=float(inc), allowable_decrease=float(dec)))
    return dict(variables=variables, constraints=constraints)


def _a1(cell) -> str:
    from ..formula.refs import cell_name
    s, r, c = cell
    return f"{s}!{cell_name(r, c)}"
