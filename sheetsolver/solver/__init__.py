"""Run a workbook's own Solver model with scipy: ``solve(book, sheet) -> SolveResult``.

    from sheetsolver.book import Book
    from sheetsolver.solver import solve
    book = Book.open("collab_filter.xlsx")
    res = solve(book, "dotprod", init="uniform", seed=0)
    res.fun, res.message, res.nit
    book.save("collab_filter.solved.xlsx")

The model is read from the sheet's hidden ``solver_*`` names (:mod:`.model`), turned
into functions of the variable vector over the engine (:mod:`.problem`) and handed to
the scipy method that fits Solver's engine (:mod:`.engines`). The solution is left in
the book's engine (all dependent cells recomputed), ready for ``book.save``.
"""
from __future__ import annotations

import functools
import sys
import time

import numpy as np

from ..errors import SheetsolverError
from ..formula.refs import Area, cell_name, index_to_col, quote_sheet
from ..gc_pause import paused_gc
from . import checks, constants, engines, labels, result as R
from .freshness import ensure_computed
from .model import SolverModel, model_sheets, read_model
from .problem import Problem
from ..engine.reach import converged_cycles, special_inputs
from .result import SolveResult
from .threads import single_threaded_blas

INITS = ("saved", "uniform", "zeros")
# outcomes decided before any step: the variable cells keep their start values
REFUSALS = (R.NOT_LINEAR, R.MODEL_ERROR, R.ERROR_VALUE, R.NEED_BOUNDS, R.BOUNDS_CONFLICT,
            R.BOUNDS_CONFLICT_BIN)

__all__ = ["solve", "SolveInterrupted", "usable_models", "read_model", "model_sheets",
           "SolveResult", "SolverModel", "Problem", "INITS"]


def usable_models(book, sheets=None, objective=None, variables=None):
    """[(sheet, SolverModel)] for ``sheets`` (default: every sheet with a model)."""
    names = sheets or model_sheets(book.wb)
    return [(s, read_model(book.wb, s, objective, variables)) for s in names]


def _start(problem, init, seed):
    x = problem.get_x()
    if init in (None, "saved"):
        return x
    if init == "uniform":
        return np.random.default_rng(seed).random(x.size)
    if init == "zeros":
        return np.zeros_like(x)
    raise SheetsolverError(f"unknown --init {init!r} (choose from {', '.join(INITS)})")


def _progress_bar(sheet, enabled):
    if not enabled:
        return None, None
    from tqdm import tqdm
    bar = tqdm(desc=f"solving {sheet}", unit=" evals", file=sys.stderr, delay=0.5,
               mininterval=0.25, disable=not sys.stderr.isatty(), leave=False)
    state = {"k": 0, "best": np.inf}

    def tick(v):
        state["k"] += 1
        if np.isfinite(v) and v < state["best"]:
            state["best"] = v
        if state["k"] % 25 == 0:
            bar.update(25)
            bar.set_postfix_str(f"objective {v:.6g}", refresh=False)
    return bar, tick


def solve(book, sheet=None, method=None, init=None, seed=None, *, objective=None,
          variables=None, max_iter=None, time_limit=None, progress=False,
          fast=True, limits=None) -> SolveResult:
    """Solve the Solver model of ``sheet`` (default: the first sheet with a usable model)
    and leave the solution in ``book``'s cells.

    ``method``: None (Solver's engine decides; see docs/solver.md) or one of L-BFGS-B,
    SLSQP, trust-constr, highs, evolutionary. ``init``: "saved" (the workbook's values,
    default), "uniform" (uniform [0, 1) with ``seed``) or "zeros". ``objective`` and
    ``variables`` (A1 text) override solver_opt / solver_adj. Raises SheetsolverError
    when the model is unusable. ``limits``: compute the Limits Report (True), not
    (False), or only where it is cheap (None: bounds only, or <= 10 variables)."""
    with single_threaded_blas(), paused_gc():
        return _solve(book, sheet, method, init, seed, objective, variables, max_iter,
                      time_limit, progress, fast, limits)


class SolveInterrupted(KeyboardInterrupt):
    """Ctrl-C during a solve: the book is back at the start values; ``where`` says what
    the solve had reached ("best feasible objective so far ...")."""

    def __init__(self, sheet, where):
        super().__init__(f"{sheet}: interrupted; {where}")
        self.sheet, self.where = sheet, where


def _solve(book, sheet, method, init, seed, objective, variables, max_iter, time_limit,
           progress, fast, want_limits=None) -> SolveResult:
    if sheet is None:
        found = usable_models(book, None, objective, variables)
        ok = [s for s, m in found if m.usable]
        if not ok:
            raise SheetsolverError("no sheet has a usable Solver model" + "".join(
                f"; {s}: {m.problems[0]}" for s, m in found), file=book.path)
        sheet = ok[0]
    model = read_model(book.wb, sheet, objective, variables)
    if model.problems:
        raise SheetsolverError("; ".join(model.problems), file=book.path, sheet=model.sheet)
    t0 = time.perf_counter()
    ensure_computed(book)          # formulas a library wrote without values, as Excel opens them
    problem = Problem(book, model, fast=fast)
    blocked = uncomputable_inputs(book, problem)
    if blocked:
        raise SheetsolverError(blocked, file=book.path, sheet=model.sheet)
    reach = special_inputs(book.engine, list(problem.targets))
    if reach.uncomputable:
        where, reason = reach.uncomputable[0]
        raise SheetsolverError(
            f"the model's objective or constraints depend on {where}, which cannot be "
            f"computed: {reason} (through {reach.describe()})", file=book.path,
            sheet=model.sheet)
    if reach.needs_full_recalc:
        problem.use_full_recalc(reach.describe())
    with converged_cycles(book.wb, bool(reach.cycles)) as cycle_note:
        if cycle_note:
            problem.warnings.append(cycle_note)
        return _solve_model(book, model, problem, t0, init, seed, method, max_iter,
                            time_limit, progress, want_limits)


def _solve_model(book, model, problem, t0, init, seed, method, max_iter, time_limit,
                 progress, want_limits):
    if model.option("drv", 2) == 1:
        problem.fd_central = False     # only used if exact gradients are unavailable
    setup = engines.build(problem, model)
    x_saved = problem.get_x()
    problem.recalc(x_saved, full=False)
    saved_fun = problem.objective_value()
    x0 = _start(problem, init, seed)
    for g in setup.alldiff:        # AllDifferent cells start from a permutation of 1..N
        v = np.round(x0[g])
        if sorted(v) != list(range(1, len(g) + 1)):
            x0[g] = np.arange(1, len(g) + 1)
    if not np.array_equal(x0, x_saved):
        problem.recalc(x0, full=False)
    initial = problem.objective_value()
    start = _judge(problem, model, setup, x0)
    notes = list(problem.warnings)
    name = model.engine_name
    if method is None:
        chosen = engines.choose(model, setup, problem.n)
    else:
        chosen = engines.METHODS.get(method.lower())
        if chosen is None:
            raise SheetsolverError(f"unknown method {method!r} (choose from L-BFGS-B, SLSQP, "
                                   f"trust-constr, highs, evolutionary)")
        if chosen == "grg":
            chosen = engines.choose(model.__class__(**{**model.__dict__, "engine": 1}),
                                    setup, problem.n)
    res = SolveResult(sheet=model.sheet, objective=_objective_text(model), engine=name,
                      method=chosen, sense=model.sense, cells=_addrs(problem.cells),
                      initial_x=x0.copy(), saved_fun=saved_fun, model=model,
                      objective_name="" if problem.obj is None else
                      labels.label(book, problem.obj),
                      variable_names=labels.labels(book, problem.cells))
    errors = [r.error for r in start.rows if r.error is not None]
    if setup.unsupported or not isinstance(initial, float) or errors:
        if setup.unsupported:
            status, why = R.MODEL_ERROR, setup.unsupported
        elif not isinstance(initial, float):
            status, why = R.ERROR_VALUE, [f"the objective cell {model.objective.a1()} holds "
                                          f"{_show(initial)} at the start"]
        else:
            status, why = R.ERROR_VALUE, errors[:3]
        out = dict(x=x0, status=status, nit=0, detail="; ".join(why), starts=1)
    else:
        bar, tick = _progress_bar(model.sheet, progress)
        state = {}
        try:
            out = engines.run(problem, model, setup, chosen, x0, seed=seed, progress=tick,
                              max_iter=max_iter, time_limit=time_limit, state=state)
        except KeyboardInterrupt:
            raise SolveInterrupted(model.sheet, _where(problem, model, setup, x0, start,
                                                       initial, state)) from None
        except Exception:
            problem.recalc(x0)          # a fault leaves the book as it was
            raise
        finally:
            if bar is not None:
                bar.close()
    x = np.asarray(out["x"], float)
    status = out["status"]
    if status in REFUSALS:
        x = x0.copy()
        end = start
    else:
        end = _judge(problem, model, setup, x)
        x, status, end = _decide(model, x0, start, initial, x, end, status)
        if model.feasibility_only and end.ok:
            status = R.FOUND        # any feasible point solves a model with no objective
    problem.recalc(x)
    final = problem.objective_value()
    if problem.fd_reason:
        notes.append(problem.fd_reason)
    method_text = out.get("detail", "")       # the method's own words (scipy, HiGHS)
    detail = method_text if status in REFUSALS else ""
    if status == R.ERROR_VALUE and end.rows and any(r.error for r in end.rows):
        detail = "; ".join(r.error for r in end.rows if r.error)[:400]
    elif status == R.INFEASIBLE and end.worst is not None:
        w = end.worst
        detail = (f"{w.error}" if w.error else
                  f"{_addr(w.cell)}: {w.formula} is off by {w.violation:.6g}")
    elif status == R.NOT_CONVERGE:
        detail = ("the objective keeps improving as the variable cells grow: add "
                  "constraints that bound them")
    elif status == R.MAX_SUBPROBLEMS:
        detail = method_text
    res.update(x=x, fun=final, initial_fun=initial, status=status,
               success=status in R.SUCCESS, message=R.message(status), nit=out["nit"],
               nfev=problem.nfev, njev=problem.njev, time=time.perf_counter() - t0,
               starts=out.get("starts", 1), notes=notes, detail=detail,
               method_message=method_text,
               gradient="finite differences" if problem.fd_reason else "exact (reverse mode)",
               constraints=constraint_rows(problem, model, end.rows),
               variables_original=x0, variables_final=x.copy(),
               feasible=end.ok, max_violation=end.max_violation,
               integer=setup.integrality.astype(bool).copy(), lb=setup.lb, ub=setup.ub,
               kinds=_kinds(setup, problem.n),
               sensitivity=None, limits=None)
    if out.get("sensitivity") is not None and status == R.FOUND and end.ok:
        from .sensitivity import report as sensitivity_report
        res["sensitivity"] = sensitivity_report(
            out["sensitivity"], model.sense, lambda c: problem.cell_value(*c),
            lambda c: labels.label(book, c), problem.cells)
    res["formula_cells"] = [] if status in REFUSALS or not problem.formula_areas else \
        constants.formula_cells(book, problem.cells)
    cheap = not setup.has_general or problem.n <= 10
    if res.success and not setup.integrality.any() and problem.n <= 200 and \
            (want_limits or (want_limits is None and cheap)):
        from .limits import limits
        res["limits"] = limits(problem, model, setup, x, res.variable_names)
    if model.feasibility_only:     # no objective: nothing to report as its value
        res.update(fun=None, initial_fun=None, saved_fun=None)
    elif res.success and setup.integrality.any() and status == R.FOUND:
        res.update(status=R.INTEGER_FOUND, message=R.message(R.INTEGER_FOUND))
    return res


class _Judgement:
    """Feasibility of one point: constraint rows, variable bounds, the worst row."""

    def __init__(self, rows, bound_violation, pre, fun):
        self.rows, self.fun = rows, fun
        self.bound_violation = bound_violation
        self.worst = checks.worst(rows)
        self.ok = self.worst is None and bound_violation <= pre
        self.max_violation = max([bound_violation] + [r.violation for r in rows])
        self.total = checks.total_violation(rows) + bound_violation


def _judge(problem, model, setup, x) -> _Judgement:
    problem.recalc(x, full=False)
    rows = checks.evaluate(problem, model)
    if int(model.option("rlx", 2)) == 1:
        rows = [r for r in rows if r.rel not in ("int", "bin", "dif")]
    pre = float(model.option("pre", 1e-6))
    slack_lb = pre * np.maximum(1, np.abs(np.where(np.isfinite(setup.lb), setup.lb, 0)))
    slack_ub = pre * np.maximum(1, np.abs(np.where(np.isfinite(setup.ub), setup.ub, 0)))
    bv = checks.bound_violation(x, setup.lb - slack_lb, setup.ub + slack_ub)
    j = _Judgement(rows, bv, pre, problem.objective_value())
    if model.sense == "value":     # Value Of is a constraint: objective cell = value
        off = abs(j.fun - model.target) if isinstance(j.fun, float) else np.inf
        if off > pre * max(1.0, abs(model.target)):
            j.ok = False
            j.total += off
            j.max_violation = max(j.max_violation, off)
    return j


def _decide(model, x0, start, initial, x, end, status):
    """Feasibility first: the final point is kept only when every constraint holds; a
    feasible start is kept when the final point is worse or infeasible."""
    if end.ok:
        if status in (R.INFEASIBLE, R.ERROR_VALUE):
            status = R.CONVERGED
        if start.ok and _worse(model, initial, end.fun):
            return x0.copy(), R.CANNOT_IMPROVE, start
        return x, status, end
    if start.ok:
        return x0.copy(), R.CANNOT_IMPROVE, start
    if status in (R.NOT_CONVERGE, R.MAX_TIME, R.MAX_ITER, R.STOPPED):
        keep = status
    elif any(r.error for r in end.rows):
        keep = R.ERROR_VALUE
    else:
        keep = R.INFEASIBLE
    if start.total < end.total:
        return x0.copy(), keep, start
    return x, keep, end


def _objective_text(model) -> str:
    """The objective cell as the result names it; "(none)" for a feasibility-only model."""
    return "(none)" if model.objective is None else model.objective.a1(False)


def _show(v) -> str:
    code = getattr(v, "code", None)
    return f"the error value {code}" if code else f"{v!r}"


def _where(problem, model, setup, x0, start, initial, state) -> str:
    """Where an interrupted solve stood: the best feasible objective seen, and the book
    restored to the start."""
    obj = state.get("objective")
    best = None
    try:
        xb = None if obj is None else obj.best[1]
        if xb is not None:
            j = _judge(problem, model, setup, xb)
            if j.ok and isinstance(j.fun, float) and (
                    not start.ok or not _worse(model, initial, j.fun)):
                best = j.fun
    finally:
        problem.recalc(x0)
    if best is not None and model.feasibility_only:
        return "a feasible point found; nothing written"
    if best is not None:
        return (f"best feasible objective so far {best:.10g} "
                f"(start {initial:.10g}); nothing written")
    if start.ok and isinstance(initial, float):
        return f"no better feasible point yet (start {initial:.10g}); nothing written"
    return "no feasible point found yet; nothing written"


def _worse(model, initial, final) -> bool:
    if not isinstance(initial, float):
        return False
    if not isinstance(final, float):
        return True
    tol = 1e-12 * (1 + abs(initial))
    if model.sense == "max":
        return final < initial - tol
    if model.sense == "value":
        return abs(final - model.target) > abs(initial - model.target) + tol
    return final > initial + tol


def _addr(cell) -> str:
    s, r, c = cell
    return f"{_quoted(s)}!{cell_name(r, c)}"


def _kinds(setup, n: int) -> list[str]:
    """Binary / Integer / Contin per variable (the Answer Report's Integer column)."""
    if not (setup.has_integers or setup.binary):
        return ["Contin"] * n
    return ["Binary" if i in setup.binary else "Integer" if setup.integrality[i]
            else "Contin" for i in range(n)]


def _addrs(cells) -> list[str]:
    """:func:`_addr` of each cell, each column's letters worked out once (a model has
    thousands of variable cells in a few columns)."""
    letters = {}
    out = []
    for s, r, c in cells:
        col = letters.get(c)
        if col is None:
            col = letters[c] = index_to_col(c)
        out.append(f"{_quoted(s)}!{col}{r}")
    return out


@functools.lru_cache(maxsize=256)
def _quoted(sheet: str) -> str:
    return quote_sheet(sheet)


def constraint_rows(problem, model, rows=None) -> list[dict]:
    """Per constraint cell, from the final values (:mod:`.checks`): cell, name (labels),
    value, formula text, Binding / Not Binding / Violated, slack."""
    if rows is None:
        rows = checks.evaluate(problem, model)
    return [dict(cell=_addr(r.cell), name=labels.label(problem.book, r.cell), value=r.value,
                 formula=r.formula, rel=r.rel, status=r.status, slack=r.slack,
                 violation=r.violation, holds=r.holds, error=r.error) for r in rows]


def uncomputable_inputs(book, problem) -> str | None:
    """Why the model cannot be solved when its objective or constraint cells depend on
    a cell the engine cannot compute (``Engine.depends_on_uncomputable``), else None."""
    probe = getattr(book.engine, "depends_on_uncomputable", None)
    if probe is None or not book.engine.uncomputable:   # nothing to find: skip the walk
        return None
    found = probe(list(problem.targets))
    if not found:
        return None
    where, reason = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return (f"the model's objective or constraints depend on {where}, which cannot be "
            f"computed: {reason}{more}")
