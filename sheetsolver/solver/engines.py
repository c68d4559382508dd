"""Map Solver's engines onto scipy.optimize and run them over a :class:`Problem`.

* GRG Nonlinear -> L-BFGS-B (bounds only) or SLSQP / trust-constr (general constraints)
* Simplex LP    -> HiGHS via ``linprog`` (``milp`` with int/bin), after a linearity check
* Evolutionary  -> ``differential_evolution`` (needs bounds on every variable, as in Excel)

:func:`build` turns the model's constraints into bounds (a constraint on variable cells
with a constant right side), integrality and general constraints; :func:`run` returns
a dict with ``x``, ``status`` (Solver's code) and the counts. docs/solver.md lists the
option mapping.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from ..formula.refs import Area
from . import result as R
from .problem import area_cells

METHODS = {
    "l-bfgs-b": "L-BFGS-B", "lbfgsb": "L-BFGS-B", "lbfgs": "L-BFGS-B",
    "slsqp": "SLSQP", "trust-constr": "trust-constr", "trust_constr": "trust-constr",
    "highs": "highs", "simplex": "highs", "linprog": "highs", "milp": "highs", "lp": "highs",
    "evolutionary": "differential_evolution", "de": "differential_evolution",
    "differential_evolution": "differential_evolution", "grg": "grg",
}


class Stop(Exception):
    """Raised inside the objective when the time limit passes."""


@dataclass
class Setup:
    """The numerical form of a model: bounds, integrality, general constraints."""
    lb: np.ndarray
    ub: np.ndarray
    integrality: np.ndarray
    cons: list = field(default_factory=list)   # (rel, lhs cells, rhs cells | None, rhs const)
    unsupported: list = field(default_factory=list)

    @property
    def has_general(self) -> bool:
        return bool(self.cons)

    @property
    def has_integers(self) -> bool:
        return bool(self.integrality.any())


def _constant(problem, rhs):
    """A constraint right side that cannot change while solving: number(s) or None."""
    if isinstance(rhs, (int, float)):
        return float(rhs)
    eng = problem.engine
    a = eng.area(rhs)
    sh = problem.book.wb.sheet(a.sheet)
    if any(sh.cells.get(rc) is not None and sh.cells[rc].is_formula for rc in a.cells()):
        return None
    if any(a.sheet == v.sheet and v.contains(r, c) for v in problem.areas for r, c in a.cells()):
        return None
    vals = eng.values(a)
    return None if np.isnan(vals).any() else vals


def build(problem, model) -> Setup:
    n = problem.n
    index = {cell: i for i, cell in enumerate(problem.cells)}
    lb, ub = np.full(n, -np.inf), np.full(n, np.inf)
    integ = np.zeros(n, int)
    s = Setup(lb, ub, integ)
    for con in model.constraints:
        lhs = problem.engine.area(con.lhs)
        lcells = area_cells(lhs)
        on_vars = all(c in index for c in lcells)
        if con.rel in ("int", "bin", "dif"):
            if not on_vars:
                s.unsupported.append(f"{con.text}: int/bin/dif constraints must be on variable "
                                     f"cells")
            elif con.rel == "dif":
                s.unsupported.append(f"{con.text}: AllDifferent constraints are not supported")
            else:
                for c in lcells:
                    integ[index[c]] = 1
                    if con.rel == "bin":
                        lb[index[c]] = max(lb[index[c]], 0.0)
                        ub[index[c]] = min(ub[index[c]], 1.0)
            continue
        const = _constant(problem, con.rhs)
        if on_vars and const is not None:
            vals = np.broadcast_to(np.asarray(const, float), (lhs.height, lhs.width)).ravel()
            for c, v in zip(lcells, vals):
                i = index[c]
                if con.rel in ("<=", "="):
                    ub[i] = min(ub[i], v)
                if con.rel in (">=", "="):
                    lb[i] = max(lb[i], v)
            continue
        if isinstance(con.rhs, Area):
            ra = problem.engine.area(con.rhs)
            rcells = area_cells(ra) if ra.size > 1 else area_cells(ra) * len(lcells)
            s.cons.append((con.rel, lcells, rcells, None))
        else:
            s.cons.append((con.rel, lcells, None, float(con.rhs)))
    if model.nonneg:   # "Make Unconstrained Variables Non-Negative"
        lb[np.isneginf(lb)] = 0.0
    return s


class Objective:
    """The minimised function: sign * cell (min/max) or (cell - target)^2 (value of),
    with progress, counts, the time limit and the best point seen."""

    def __init__(self, problem, model, deadline=None, progress=None):
        self.p, self.sense, self.target = problem, model.sense, model.target
        self.sign = -1.0 if model.sense == "max" else 1.0
        self.deadline, self.progress = deadline, progress
        self.best = (np.inf, None)

    def _wrap(self, v, g=None):
        if self.sense == "value":
            d = v - self.target
            return d * d, (None if g is None else 2 * d * g)
        return self.sign * v, (None if g is None else self.sign * g)

    def _tick(self, x, fm, v):
        if np.isfinite(fm) and fm < self.best[0]:
            self.best = (fm, np.array(x, float))
        if self.progress is not None:
            self.progress(v)
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise Stop

    def f(self, x):
        v = self.p.value(x)
        fm, _ = self._wrap(v)
        fm = fm if np.isfinite(fm) else np.inf
        self._tick(x, fm, v)
        return fm

    def fg(self, x):
        v, g = self.p.value_grad(x)
        if not np.isfinite(v):
            self._tick(x, np.inf, v)
            return 1e300, np.zeros_like(g)
        fm, gm = self._wrap(v, g)
        self._tick(x, fm, v)
        return fm, gm


class Constraints:
    """General constraints c(x) = lhs(x) - rhs(x) with an exact Jacobian, cached per x."""

    def __init__(self, problem, cons):
        self.p, self.cons = problem, cons
        self.cells, self.rows = [], []
        for rel, lcells, rcells, const in cons:
            for k, lc in enumerate(lcells):
                li = self._cell(lc)
                ri = self._cell(rcells[k]) if rcells is not None else None
                self.rows.append((rel, li, ri, const))
        self._key, self._val = None, None

    def _cell(self, cell):
        if cell not in self.cells:
            self.cells.append(cell)
        return self.cells.index(cell)

    def eval(self, x):
        key = np.asarray(x, float).tobytes()
        if key != self._key:
            v, J = self.p.cells_jacobian(x, self.cells)
            c = np.empty(len(self.rows))
            Jc = np.empty((len(self.rows), self.p.n))
            for i, (rel, li, ri, const) in enumerate(self.rows):
                c[i] = v[li] - (const if ri is None else v[ri])
                Jc[i] = J[li] - (0.0 if ri is None else J[ri])
            self._key, self._val = key, (c, Jc)
        return self._val

    def bounds(self):
        lo = np.array([0.0 if r[0] in (">=", "=") else -np.inf for r in self.rows])
        hi = np.array([0.0 if r[0] in ("<=", "=") else np.inf for r in self.rows])
        return lo, hi

    def violation(self, x) -> float:
        c, _ = self.eval(x)
        lo, hi = self.bounds()
        return float(np.max(np.concatenate([[0.0], lo - c, c - hi])))


def choose(model, setup, n) -> str:
    """scipy method for the model's engine (see docs/solver.md)."""
    if model.engine == 2:
        return "highs"
    if model.engine == 3:
        return "differential_evolution"
    if not setup.has_general:
        return "L-BFGS-B"
    return "SLSQP" if n <= 400 else "trust-constr"


def run(problem, model, setup, method, x0, *, seed=None, progress=None, max_iter=None,
        time_limit=None) -> dict:
    """Run ``method`` from x0. Returns dict(x, status, nit, detail, starts)."""
    opts = model.options
    itr = int(max_iter if max_iter is not None else min(opts.get("itr", 15000), 15000))
    tim = time_limit if time_limit is not None else opts.get("tim", 2147483647)
    deadline = time.perf_counter() + tim if tim and tim < 2147483647 else None
    obj = Objective(problem, model, deadline, progress)
    cons = Constraints(problem, setup.cons)
    x0 = np.clip(np.asarray(x0, float), setup.lb, setup.ub)
    if method == "highs":
        return _highs(problem, model, setup, cons, x0, obj)
    if method == "differential_evolution":
        return _evolutionary(problem, model, setup, cons, x0, obj, seed, itr)
    if setup.has_integers:
        return dict(x=x0, status=R.MODEL_ERROR, nit=0, starts=1,
                    detail="integer/binary constraints need Simplex LP (a linear model) or "
                           "Evolutionary (--method evolutionary)")
    starts = [x0]
    if int(opts.get("msl", 2)) == 1:
        rng = np.random.default_rng(seed if seed is not None else
                                    (int(opts.get("rsd", 0)) or None))
        k = int(min(opts.get("ssz", 10), 10))
        for _ in range(k - 1):
            lo = np.where(np.isfinite(setup.lb), setup.lb, x0 - 1 - np.abs(x0))
            hi = np.where(np.isfinite(setup.ub), setup.ub, x0 + 1 + np.abs(x0))
            starts.append(rng.uniform(lo, hi))
    best, nit = None, 0
    for xs in starts:
        out = _gradient_method(problem, model, setup, cons, xs, obj, method, itr)
        nit += out["nit"]
        if best is None or out["fmin"] < best["fmin"]:
            best = out
        if out["status"] == R.MAX_TIME:
            break
    best["nit"], best["starts"] = nit, len(starts)
    return best


def _gradient_method(problem, model, setup, cons, x0, obj, method, itr):
    opts = model.options
    cvg, pre = opts.get("cvg", 1e-4), opts.get("pre", 1e-6)
    bounds = optimize.Bounds(setup.lb, setup.ub)
    has_bounds = np.isfinite(setup.lb).any() or np.isfinite(setup.ub).any()
    kw = {}
    if method == "L-BFGS-B":
        kw["options"] = dict(maxiter=itr, maxfun=max(itr, 15000) * 2,
                             ftol=cvg * 1e-5, gtol=pre * 1e-2, maxcor=20)
    elif method == "SLSQP":
        kw["options"] = dict(maxiter=min(itr, 10000), ftol=cvg * 1e-6)
    elif method == "trust-constr":
        kw["options"] = dict(maxiter=min(itr, 10000), gtol=pre, xtol=1e-10)
    if setup.has_general:
        if method == "SLSQP":
            kw["constraints"] = _slsqp_constraints(cons)
        elif method == "trust-constr":
            lo, hi = cons.bounds()
            kw["constraints"] = optimize.NonlinearConstraint(
                lambda x: cons.eval(x)[0], lo, hi, jac=lambda x: cons.eval(x)[1])
        else:
            return dict(x=x0, fmin=np.inf, status=R.MODEL_ERROR, nit=0,
                        detail=f"{method} cannot handle the model's constraints; "
                               f"use SLSQP or trust-constr")
    try:
        res = optimize.minimize(obj.fg, x0, jac=True, method=method,
                                bounds=bounds if has_bounds or method == "L-BFGS-B" else None,
                                **kw)
    except Stop:
        fm, xb = obj.best
        return dict(x=xb if xb is not None else x0, fmin=fm, status=R.MAX_TIME, nit=0,
                    detail="time limit")
    x = res.x
    feasible = cons.violation(x) <= 1e-6 if setup.has_general else True
    if not feasible:
        status = R.INFEASIBLE
    elif res.get("nit", 0) >= itr and not res.success:
        status = R.MAX_ITER
    elif res.success:
        status = R.FOUND if _kkt_ok(obj, x, setup, pre, method) else R.CONVERGED
    else:
        status = R.CANNOT_IMPROVE
    return dict(x=x, fmin=float(res.fun), status=status, nit=int(res.get("nit", 0)),
                detail=str(res.message))


def _kkt_ok(obj, x, setup, pre, method) -> bool:
    """Bounds-only models: the projected gradient is ~0 (relative to the objective)."""
    if setup.has_general:
        return True   # SLSQP/trust-constr report success only when their KKT test passed
    f, g = obj.fg(x)
    pg = np.where((x <= setup.lb) & (g > 0) | (x >= setup.ub) & (g < 0), 0.0, g)
    return float(np.max(np.abs(pg), initial=0.0)) <= max(pre, 1e-6) * 10 * (1 + abs(f))


def _slsqp_constraints(cons):
    out = []
    sign = {"<=": -1.0, ">=": 1.0, "=": 1.0}
    for kind, rels in (("ineq", ("<=", ">=")), ("eq", ("=",))):
        idx = [i for i, r in enumerate(cons.rows) if r[0] in rels]
        if not idx:
            continue
        s = np.array([sign[cons.rows[i][0]] for i in idx])
        out.append(dict(type=kind, fun=lambda x, idx=idx, s=s: s * cons.eval(x)[0][idx],
                        jac=lambda x, idx=idx, s=s: s[:, None] * cons.eval(x)[1][idx]))
    return out


def _highs(problem, model, setup, cons, x0, obj):
    """Simplex LP: check linearity from exact gradients at two points, then HiGHS."""
    f0, g0 = obj.fg(x0)
    c0, J0 = cons.eval(x0)
    rng = np.random.default_rng(12345)
    x1 = x0 + rng.uniform(0.5, 1.5, x0.size) * (1 + np.abs(x0))
    f1, g1 = obj.fg(x1)
    c1, J1 = cons.eval(x1)
    tol = 1e-8

    def close(a, b):
        return np.allclose(a, b, rtol=tol * 1e2, atol=tol * (1 + np.abs(a).max(initial=0)))
    linear = (close(g0, g1) and close(J0, J1) and
              abs(f1 - (f0 + g0 @ (x1 - x0))) <= 1e-7 * (1 + abs(f0) + abs(f1)) and
              close(c1, c0 + J0 @ (x1 - x0)))
    if model.sense == "value":
        linear = False   # |cell - target|^2 is not linear; a value-of LP is not mapped
    problem.recalc(x0)
    if not linear:
        return dict(x=x0, status=R.NOT_LINEAR, nit=0, starts=1,
                    detail="objective or constraints are not linear in the variable cells")
    lo, hi = cons.bounds()
    A = J0
    offs = c0 - J0 @ x0                      # c(x) = A x + offs
    bounds = optimize.Bounds(setup.lb, setup.ub)
    constraints = [optimize.LinearConstraint(A, lo - offs, hi - offs)] if len(A) else []
    res = optimize.milp(g0, constraints=constraints, bounds=bounds,
                        integrality=setup.integrality if setup.has_integers else None)
    status = {0: R.INTEGER_FOUND if setup.has_integers else R.FOUND, 1: R.MAX_ITER,
              2: R.INFEASIBLE, 3: R.NOT_CONVERGE}.get(res.status, R.CANNOT_IMPROVE)
    x = res.x if res.x is not None else x0
    return dict(x=x, status=status, nit=int(getattr(res, "mip_node_count", 0) or 0),
                starts=1, detail=str(res.message))


def _evolutionary(problem, model, setup, cons, x0, obj, seed, itr):
    if not (np.isfinite(setup.lb).all() and np.isfinite(setup.ub).all()):
        return dict(x=x0, status=R.MODEL_ERROR, nit=0, starts=1,
                    detail="the Evolutionary engine needs upper and lower bounds on every "
                           "variable cell (add constraints such as A1:A5 <= 10)")
    kw = {}
    if setup.has_general:
        lo, hi = cons.bounds()
        kw["constraints"] = optimize.NonlinearConstraint(lambda x: cons.eval(x)[0], lo, hi)
    try:
        res = optimize.differential_evolution(
            obj.f, list(zip(setup.lb, setup.ub)), x0=x0, seed=seed,
            maxiter=int(min(itr, 1000)), popsize=int(min(model.options.get("ssz", 15), 100)),
            tol=model.options.get("cvg", 1e-4), mutation=(0.5, 1.0),
            integrality=setup.integrality if setup.has_integers else None,
            polish=not setup.has_integers, **kw)
    except Stop:
        fm, xb = obj.best
        return dict(x=xb if xb is not None else x0, status=R.MAX_TIME, nit=0, starts=1,
                    detail="time limit")
    status = R.CONVERGED if res.success else R.CANNOT_IMPROVE
    if setup.has_general and cons.violation(res.x) > 1e-6:
        status = R.INFEASIBLE
    return dict(x=res.x, status=status, nit=int(res.nit), starts=1, detail=str(res.message))
