"""Map Solver's engines onto scipy.optimize and run them over a :class:`Problem`.

* GRG Nonlinear -> L-BFGS-B (bounds only) or SLSQP / trust-constr (general constraints),
  after a phase one when the start breaks a constraint; integers by branch and bound
  and AllDifferent by search (:mod:`.branch`)
* Simplex LP    -> HiGHS (:mod:`.linear`), after a linearity check
* Evolutionary  -> ``differential_evolution`` (needs bounds on every variable, as in
  Excel), then an integer-aware repair

:func:`build` turns the model's constraints into bounds (a constraint on variable cells
with a constant right side), integrality and general constraints; :func:`run` returns
a dict with ``x``, ``status`` (Solver's code) and the counts. docs/solver.md lists the
option mapping.
"""
from __future__ import annotations

import math
import time
import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import optimize

from ..formula.refs import Area
from . import result as R
from .checks import as_number
from .linear import linear_form, simplex as _highs, solve_linear
from .problem import area_cells
from .moving import moves
from .sides import RhsFormula

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
    alldiff: list = field(default_factory=list)   # [variable indices] per dif constraint
    binary: set = field(default_factory=set)      # indices of bin variables (reports)

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
    if isinstance(rhs, RhsFormula):
        cells = rhs.cells
    else:
        a = eng.area(rhs)
        cells = [(a.sheet, r, c) for r, c in a.cells()]
    for s, r, c in cells:
        cell = problem.book.wb.sheet(s).cells.get((r, c))
        if cell is not None and cell.is_formula and moves(problem, (s, r, c)):
            return None
        if any(s == v.sheet and v.contains(r, c) for v in problem.areas):
            return None
    if isinstance(rhs, RhsFormula):
        v = rhs.evaluate(problem.cell_value)
        return v if isinstance(v, float) else None
    vals = np.array([as_number(problem.cell_value(*c)) for c in cells], dtype=object)
    if any(v is None for v in vals):
        return None
    return np.array(vals, float).reshape(a.height, a.width)


def build(problem, model) -> Setup:
    n = problem.n
    index = {cell: i for i, cell in enumerate(problem.cells)}
    lb, ub = np.full(n, -np.inf), np.full(n, np.inf)
    integ = np.zeros(n, int)
    s = Setup(lb, ub, integ)
    relax = int(model.option("rlx", 2)) == 1      # "Ignore Integer Constraints"
    for con in model.constraints:
        lhs = problem.engine.area(con.lhs)
        lcells = area_cells(lhs)
        on_vars = all(c in index for c in lcells)
        if con.rel in ("int", "bin", "dif"):
            if not on_vars:
                s.unsupported.append(f"{con.text}: int/bin/dif constraints must be on variable "
                                     f"cells")
            elif relax:
                if con.rel == "bin":
                    for c in lcells:
                        lb[index[c]] = max(lb[index[c]], 0.0)
                        ub[index[c]] = min(ub[index[c]], 1.0)
            elif con.rel == "dif":
                idx = [index[c] for c in lcells]
                s.alldiff.append(idx)
                for i in idx:
                    integ[i] = 1
                    lb[i] = max(lb[i], 1.0)
                    ub[i] = min(ub[i], float(len(idx)))
            else:
                for c in lcells:
                    integ[index[c]] = 1
                    if con.rel == "bin":
                        s.binary.add(index[c])
                        lb[index[c]] = max(lb[index[c]], 0.0)
                        ub[index[c]] = min(ub[index[c]], 1.0)
            continue
        const = _constant(problem, con.rhs)
        if on_vars and const is not None:
            vals = np.broadcast_to(np.asarray(const, float).ravel(), (lhs.size,))  # row-major
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
        elif isinstance(con.rhs, RhsFormula):
            # a formula of cells that move with the variables: lhs - formula (Constraints)
            s.cons.append((con.rel, lcells, None, con.rhs if const is None else float(const)))
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
        self.first = None          # the minimised value at the first point evaluated

    def _wrap(self, v, g=None):
        if self.sense == "value":
            d = v - self.target
            return d * d, (None if g is None else 2 * d * g)
        if self.sign == 1.0:        # minimising: the gradient as it is (no copy)
            return v, g
        return self.sign * v, (None if g is None else self.sign * g)

    def _tick(self, x, fm, v):
        if self.first is None:
            self.first = fm
        if fm < self.best[0] and math.isfinite(fm):
            self.best = (fm, np.array(x, float))
        if self.progress is not None:
            self.progress(v)
        if self.deadline is not None and time.perf_counter() > self.deadline:
            raise Stop

    def _tick_time(self):
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
        if not math.isfinite(v):
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
                if isinstance(const, RhsFormula):      # its cells, by the chain rule
                    ri = [self._cell(c) for c in const.cells]
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
                if isinstance(ri, list):
                    f, df = const.value_grad(v[ri])
                    c[i], Jc[i] = v[li] - f, J[li] - df @ J[ri]
                    continue
                c[i] = v[li] - (const if ri is None else v[ri])
                Jc[i] = J[li] - (0.0 if ri is None else J[ri])
            self._key, self._val = key, (c, Jc)
        return self._val

    def values(self, x):
        """c(x) without the Jacobian (for derivative-free methods)."""
        self.p.recalc(x, full=False)
        v = self.p.cell_values(self.cells)
        return np.array([v[li] - (const if ri is None else const.value_grad(v[ri])[0]
                                  if isinstance(ri, list) else v[ri])
                         for rel, li, ri, const in self.rows])

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
        time_limit=None, state=None) -> dict:
    """Run ``method`` from x0. Returns dict(x, status, nit, detail, starts)."""
    opts = model.options
    itr = int(max_iter if max_iter is not None else min(opts.get("itr", 15000), 15000))
    tim = time_limit if time_limit is not None else opts.get("tim", 2147483647)
    deadline = time.perf_counter() + tim if tim and tim < 2147483647 else None
    obj = Objective(problem, model, deadline, progress)
    if state is not None:
        state["objective"] = obj
    cons = Constraints(problem, setup.cons)
    if (setup.lb > setup.ub).any():
        i = int(np.argmax(setup.lb > setup.ub))
        bin_dif = setup.integrality[i] and setup.ub[i] - setup.lb[i] > -2
        return dict(x=x0, status=R.BOUNDS_CONFLICT_BIN if bin_dif else R.BOUNDS_CONFLICT,
                    nit=0, starts=1, detail=f"{problem.cell_name(i)}: lower bound "
                                            f"{setup.lb[i]:g} > upper bound {setup.ub[i]:g}")
    x0 = np.clip(np.asarray(x0, float), setup.lb, setup.ub)
    if method == "highs":
        return _highs(problem, model, setup, cons, x0, obj)
    if setup.alldiff:
        # a linear model: the assignment formulation through HiGHS, whatever the engine
        c, f_off, A, offs, bad = linear_form(problem, model, setup, cons, x0, obj)
        if not bad:
            out = solve_linear(model, setup, cons, c, f_off, A, offs, x0)
            out["detail"] = "AllDifferent on a linear model: assignment formulation (HiGHS)"
            return out
        from .branch import alldiff_search
        return alldiff_search(problem, model, setup, cons, x0, obj, seed, itr,
                              lambda xs, lb, ub: _continuous(problem, model, setup, cons, xs,
                                                             obj, method, itr, lb, ub,
                                                             fallback=False))
    if method == "differential_evolution":
        return _evolutionary(problem, model, setup, cons, x0, obj, seed, itr)
    if setup.has_integers:
        from .branch import branch_and_bound
        return branch_and_bound(model, setup, x0, obj,
                                lambda xs, lb, ub: _continuous(problem, model, setup, cons, xs,
                                                               obj, method, itr, lb, ub,
                                                               fallback=False))
    return _continuous(problem, model, setup, cons, x0, obj, method, itr, setup.lb, setup.ub,
                       seed=seed)


def _continuous(problem, model, setup, cons, x0, obj, method, itr, lb, ub, seed=None,
                fallback=True):
    """GRG over the continuous variables within [lb, ub]: phase one when x0 breaks a
    constraint, then the method, from several starts with multistart."""
    opts = model.options
    x0 = np.clip(x0, lb, ub)
    if method not in ("SLSQP", "trust-constr", "L-BFGS-B"):
        method = "SLSQP" if setup.has_general else "L-BFGS-B"
    starts = [x0]
    if int(opts.get("msl", 2)) == 1:
        if int(opts.get("rbv", 1)) == 1 and not (np.isfinite(lb).all() and
                                                 np.isfinite(ub).all()):
            return dict(x=x0, fmin=np.inf, status=R.NEED_BOUNDS, nit=0, starts=0,
                        detail="Multistart with \"Require Bounds on Variables\" needs upper "
                               "and lower bounds on every variable cell")
        rng = np.random.default_rng(seed if seed is not None else
                                    (int(opts.get("rsd", 0)) or None))
        k = int(min(opts.get("ssz", 10), 10))
        for _ in range(k - 1):
            lo = np.where(np.isfinite(lb), lb, x0 - 1 - np.abs(x0))
            hi = np.where(np.isfinite(ub), ub, x0 + 1 + np.abs(x0))
            starts.append(rng.uniform(lo, hi))
    best, nit = None, 0
    for xs in starts:
        if setup.has_general and cons.violation(xs) > opts.get("pre", 1e-6):
            xs = _phase_one(cons, xs, lb, ub, obj)
        out = _gradient_method(problem, model, setup, cons, xs, obj, method, itr, lb, ub)
        nit += out["nit"]
        if best is None or _better(out, best):
            best = out
        if out["status"] == R.MAX_TIME:
            break
    if best["status"] == R.INFEASIBLE and fallback and method == "SLSQP" and problem.n <= 400:
        # SLSQP can stall outside the feasible set; trust-constr from the phase-one point
        xs = _phase_one(cons, x0, lb, ub, obj)
        out = _gradient_method(problem, model, setup, cons, xs, obj, "trust-constr",
                               min(itr, 200), lb, ub)
        nit += out["nit"]
        if _better(out, best):
            best = out
    if best["status"] == R.CANNOT_IMPROVE or (
            best["status"] in (R.FOUND, R.CONVERGED) and
            not _smooth_optimum(problem, setup, best)):
        best = _escape(problem, model, setup, cons, best, obj, method, itr, lb, ub)
    best["nit"], best["starts"] = nit + best.get("extra_nit", 0), len(starts)
    return best


def _smooth_optimum(problem, setup, best) -> bool:
    """A converged run that moved, on a smooth objective without general constraints:
    the random moves of :func:`_escape` have no kink to find there (on 2,400 variables
    they cost 60 evaluations, almost as many as the fit)."""
    return best.get("nit", 0) > 0 and not setup.has_general and problem.smooth()


def _escape(problem, model, setup, cons, best, obj, method, itr, lb, ub, rounds=30):
    """Leave a point where the exact gradient misleads (a kink of ABS/MIN/MAX/IF, or a
    stationary start such as x*y at 0): try small random moves around the solution and
    restart GRG from a feasible one that improves the objective. Excel's GRG sees such
    moves through its finite differences; a smooth local optimum is left unchanged."""
    pre = model.option("pre", 1e-6)
    rng = np.random.default_rng(2024)
    n = best["x"].size
    tries = int(min(5 * n + 5, 60))
    extra = 0
    for _ in range(rounds):
        x, f = np.asarray(best["x"], float), best["fmin"]
        if not np.isfinite(f):
            break
        found = None
        for k in range(tries):
            scale = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5)[k % 5] * (1 + np.abs(x))
            y = np.clip(x + rng.normal(size=n) * scale, lb, ub)
            if setup.has_general and cons.violation(y) > pre:
                continue
            fy = obj.f(y)
            if fy < f - 1e-7 * (1 + abs(f)):
                found = y
                break
        if found is None:
            if n <= 20 and not setup.has_general and not _kkt_ok(obj, x, setup, pre, lb, ub):
                # a kink the random moves miss: a derivative-free polish (Nelder-Mead)
                nm = optimize.minimize(obj.f, x, method="Nelder-Mead",
                                       bounds=optimize.Bounds(lb, ub) if np.isfinite(
                                           np.concatenate([lb, ub])).any() else None,
                                       options=dict(xatol=1e-10, fatol=1e-14, adaptive=True,
                                                    maxfev=400 * n + 400))
                if nm.fun < f - 1e-12 * (1 + abs(f)):
                    best = dict(best, x=np.asarray(nm.x, float), fmin=float(nm.fun),
                                status=R.CONVERGED)
                    continue
            break
        out = _gradient_method(problem, model, setup, cons, found, obj, method, itr, lb, ub)
        extra += out["nit"]
        fy = obj.f(found)
        if out["status"] in (R.INFEASIBLE, R.NOT_CONVERGE) or out["fmin"] > fy:
            out = dict(out, x=found, fmin=fy, status=R.CONVERGED)
        if out["fmin"] >= f - 1e-12 * (1 + abs(f)):
            break
        best = out
    best = dict(best)
    best["extra_nit"] = extra
    return best


def _better(a, b) -> bool:
    fa, fb = a["status"] != R.INFEASIBLE, b["status"] != R.INFEASIBLE
    if fa != fb:
        return fa
    return a["fmin"] < b["fmin"]


def _phase_one(cons, x0, lb, ub, obj):
    """A point satisfying the general constraints: minimise the sum of squared
    violations within the bounds (Excel's GRG also looks for a feasible point first)."""
    lo, hi = cons.bounds()

    def fg(x):
        c, J = cons.eval(x)
        over = np.maximum(c - hi, 0.0)
        under = np.maximum(lo - c, 0.0)
        r = over - under
        r = np.where(np.isfinite(r), r, 0.0)
        obj._tick_time()
        return float(r @ r), 2 * (r @ J)
    try:
        res = optimize.minimize(fg, x0, jac=True, method="L-BFGS-B",
                                bounds=optimize.Bounds(lb, ub),
                                options=dict(maxiter=2000, ftol=1e-30, gtol=1e-14))
    except Stop:
        return x0
    return res.x if np.isfinite(res.fun) else x0


def _gradient_method(problem, model, setup, cons, x0, obj, method, itr, lb=None, ub=None):
    opts = model.options
    cvg, pre = opts.get("cvg", 1e-4), opts.get("pre", 1e-6)
    lb = setup.lb if lb is None else lb
    ub = setup.ub if ub is None else ub
    bounds = optimize.Bounds(lb, ub)
    has_bounds = np.isfinite(lb).any() or np.isfinite(ub).any()
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
    fun = obj.fg
    scale = 1.0
    if method == "SLSQP" and int(opts.get("scl", 1)) == 1:
        # "Use Automatic Scaling": SLSQP's ftol is absolute, so the objective is divided
        # by its size at the start (an NPV in millions converges like one near 1)
        try:
            f_start = obj.fg(x0)[0]
        except Stop:
            f_start = 1.0
        scale = 1.0 / max(1.0, abs(f_start)) if np.isfinite(f_start) and \
            abs(f_start) < 1e300 else 1.0

        def fun(x):
            f, g = obj.fg(x)
            return f * scale, g * scale
    try:
        with warnings.catch_warnings():     # scipy's quasi-Newton notes, not for users
            warnings.simplefilter("ignore", UserWarning)
            res = optimize.minimize(fun, x0, jac=True, method=method,
                                    bounds=bounds if has_bounds or method == "L-BFGS-B"
                                    else None, **kw)
        if scale != 1.0:
            res.fun = res.fun / scale
    except Stop:
        fm, xb = obj.best
        return dict(x=xb if xb is not None else x0, fmin=fm, status=R.MAX_TIME, nit=0,
                    detail="time limit")
    x = res.x
    feasible = cons.violation(x) <= pre if setup.has_general else True
    if np.abs(x).max(initial=0.0) > 1e15 or not np.isfinite(res.fun) or abs(res.fun) > 1e30:
        status = R.NOT_CONVERGE
    elif not feasible:
        status = R.INFEASIBLE
    elif res.get("nit", 0) >= itr and not res.success:
        status = R.MAX_ITER
    elif res.success:
        status = R.FOUND if _kkt_ok(obj, x, setup, pre, lb, ub) else R.CONVERGED
    else:
        # a line-search or iteration stop: "cannot improve" only when it did not move
        # the objective (GRG's message); an improved, feasible point has "converged"
        status = R.CONVERGED if _improved(obj.first, float(res.fun), cvg) \
            else R.CANNOT_IMPROVE
    return dict(x=x, fmin=float(res.fun), status=status, nit=int(res.get("nit", 0)),
                detail=str(res.message))


def _improved(f0, f_end, cvg) -> bool:
    """The objective at the end is lower than at the start (the optimiser's first
    evaluation, at the start point) by more than Solver's convergence tolerance."""
    return bool(f0 is not None and np.isfinite(f0) and np.isfinite(f_end) and
                f0 - f_end > cvg * max(1.0, abs(f0)))


def _kkt_ok(obj, x, setup, pre, lb, ub) -> bool:
    """Bounds-only models: the projected gradient is ~0 (relative to the objective)."""
    if setup.has_general:
        return True   # SLSQP/trust-constr report success only when their KKT test passed
    f, g = obj.fg(x)
    pg = np.where((x <= lb) & (g > 0) | (x >= ub) & (g < 0), 0.0, g)
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


def _wide_bounds(setup, x0):
    """Bounds where a variable has none ("Require Bounds on Variables" off): the start
    plus or minus ten times its size (at least 10)."""
    w = 10 * (1 + np.abs(x0))
    return (np.where(np.isfinite(setup.lb), setup.lb, x0 - w),
            np.where(np.isfinite(setup.ub), setup.ub, x0 + w))


def _evolutionary(problem, model, setup, cons, x0, obj, seed, itr):
    lb, ub = setup.lb, setup.ub
    if int(model.option("rbv", 1)) == 2:
        lb, ub = _wide_bounds(setup, x0)
    if not (np.isfinite(lb).all() and np.isfinite(ub).all()):
        return dict(x=x0, status=R.NEED_BOUNDS, nit=0, starts=1,
                    detail="the Evolutionary engine needs upper and lower bounds on every "
                           "variable cell (add constraints such as A1:A5 <= 10)")
    kw = {}
    if setup.has_general:
        lo, hi = cons.bounds()
        kw["constraints"] = optimize.NonlinearConstraint(cons.values, lo, hi)
    if seed is None and int(model.option("rsd", 0)):
        seed = int(model.option("rsd", 0))
    integ = setup.integrality.astype(bool)
    try:
        # Excel's population size counts individuals; scipy's popsize multiplies n
        popsize = max(5, int(np.ceil(min(model.options.get("ssz", 100), 200) / problem.n)))
        res = optimize.differential_evolution(
            obj.f, list(zip(lb, ub)), x0=np.clip(x0, lb, ub), seed=seed,
            maxiter=int(min(itr, 1000, max(50, 20000 // (popsize * problem.n)))),
            popsize=popsize,
            tol=model.options.get("cvg", 1e-4), mutation=(0.5, 1.0),
            integrality=setup.integrality if setup.has_integers else None,
            polish=False, **kw)
        x = np.asarray(res.x, float)
        x = _repair(problem, model, setup, cons, x, obj, integ, itr)
    except Stop:
        fm, xb = obj.best
        return dict(x=xb if xb is not None else x0, status=R.MAX_TIME, nit=0, starts=1,
                    detail="time limit")
    pre = model.option("pre", 1e-6)
    status = R.CONVERGED if res.success else R.CANNOT_IMPROVE
    if setup.has_general and cons.violation(x) > pre:
        status = R.INFEASIBLE
    return dict(x=x, status=status, nit=int(res.nit), starts=1, detail=str(res.message))


def _repair(problem, model, setup, cons, x, obj, integ, itr):
    """Integer-aware finish of an evolutionary run: integer cells rounded, then GRG on
    the continuous cells (integers fixed) repairs small constraint violations and
    polishes; the polished point is kept only if it is feasible and no worse."""
    x = np.where(integ, np.round(x), x)
    lb, ub = setup.lb.copy(), setup.ub.copy()
    lb[integ] = ub[integ] = x[integ]
    if (ub - lb).max(initial=0.0) <= 0:
        return x
    pre = model.option("pre", 1e-6)
    method = "SLSQP" if setup.has_general else "L-BFGS-B"
    start = x
    if setup.has_general and cons.violation(x) > pre:
        start = _phase_one(cons, x, lb, ub, obj)
    out = _gradient_method(problem, model, setup, cons, start, obj, method, min(itr, 500),
                           lb, ub)
    y = np.asarray(out["x"], float)
    feas_y = not setup.has_general or cons.violation(y) <= pre
    feas_x = not setup.has_general or cons.violation(x) <= pre
    if feas_y and (not feas_x or obj.f(y) <= obj.f(x)):
        return y
    return x
