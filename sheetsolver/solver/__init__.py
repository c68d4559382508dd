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

import sys
import time

import numpy as np

from ..errors import SheetsolverError
from ..formula.refs import Area, index_to_col
from . import engines, result as R
from .model import SolverModel, model_sheets, read_model
from .problem import Problem, area_cells
from .result import SolveResult
from .threads import single_threaded_blas

INITS = ("saved", "uniform", "zeros")

__all__ = ["solve", "usable_models", "read_model", "model_sheets", "SolveResult", "SolverModel",
           "Problem", "INITS"]


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
          fast=True) -> SolveResult:
    """Solve the Solver model of ``sheet`` (default: the first sheet with a usable model)
    and leave the solution in ``book``'s cells.

    ``method``: None (Solver's engine decides; see docs/solver.md) or one of L-BFGS-B,
    SLSQP, trust-constr, highs, evolutionary. ``init``: "saved" (the workbook's values,
    default), "uniform" (uniform [0, 1) with ``seed``) or "zeros". ``objective`` and
    ``variables`` (A1 text) override solver_opt / solver_adj. Raises SheetsolverError
    when the model is unusable."""
    with single_threaded_blas():
        return _solve(book, sheet, method, init, seed, objective, variables, max_iter,
                      time_limit, progress, fast)


def _solve(book, sheet, method, init, seed, objective, variables, max_iter, time_limit,
           progress, fast) -> SolveResult:
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
    problem = Problem(book, model, fast=fast)
    if model.option("drv", 2) == 1:
        problem.fd_central = False     # only used if exact gradients are unavailable
    setup = engines.build(problem, model)
    x_saved = problem.get_x()
    problem.recalc(x_saved, full=False)
    saved_fun = problem.objective_value()
    x0 = _start(problem, init, seed)
    if not np.array_equal(x0, x_saved):
        problem.recalc(x0, full=False)
    initial = problem.objective_value()
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
    res = SolveResult(sheet=model.sheet, objective=model.objective.a1(False), engine=name,
                      method=chosen, sense=model.sense, cells=[_addr(c) for c in problem.cells],
                      initial_x=x0.copy(), saved_fun=saved_fun, model=model)
    if setup.unsupported or not isinstance(initial, float):
        why = setup.unsupported or [f"the objective cell holds {initial!r} at the start"]
        status = R.MODEL_ERROR if setup.unsupported else R.ERROR_VALUE
        out = dict(x=x0, status=status, nit=0, detail="; ".join(why), starts=1)
    else:
        bar, tick = _progress_bar(model.sheet, progress)
        try:
            out = engines.run(problem, model, setup, chosen, x0, seed=seed, progress=tick,
                              max_iter=max_iter, time_limit=time_limit)
        except KeyboardInterrupt:
            out = dict(x=x0, status=R.STOPPED, nit=0, detail="interrupted", starts=1)
        finally:
            if bar is not None:
                bar.close()
    x = np.asarray(out["x"], float)
    problem.recalc(x)
    final = problem.objective_value()
    status = out["status"]
    if _worse(model, initial, final) and status not in (R.INFEASIBLE,):
        # never leave the workbook worse than it started
        x = x0.copy()
        problem.recalc(x)
        final = problem.objective_value()
        status = R.CANNOT_IMPROVE
    if status in (R.NOT_LINEAR, R.MODEL_ERROR, R.ERROR_VALUE):
        x = x0.copy()
        problem.recalc(x)
        final = problem.objective_value()
    if problem.fd_reason:
        notes.append(problem.fd_reason)
    if out.get("detail"):
        notes.append(f"{chosen}: {out['detail']}")
    res.update(x=x, fun=final, initial_fun=initial, status=status,
               success=status in R.SUCCESS, message=R.message(status), nit=out["nit"],
               nfev=problem.nfev, njev=problem.njev, time=time.perf_counter() - t0,
               starts=out.get("starts", 1), notes=notes, detail=out.get("detail", ""),
               gradient="finite differences" if problem.fd_reason else "exact (reverse mode)",
               constraints=constraint_rows(problem, model),
               variables_original=x0, variables_final=x.copy())
    return res


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
    return Area(s, r, c, r, c).a1()


def _dollar(cell) -> str:
    s, r, c = cell
    return f"${index_to_col(c)}${r}"


def constraint_rows(problem, model) -> list[dict]:
    """Per constraint cell: cell, value, formula text, Binding/Not Binding, slack."""
    rows = []
    for con in model.constraints:
        lhs = problem.engine.area(con.lhs)
        cells = area_cells(lhs)
        for k, cell in enumerate(cells):
            v = problem.cell_value(*cell)
            rhs, rhs_text = None, ""
            if isinstance(con.rhs, Area):
                ra = problem.engine.area(con.rhs)
                rc = area_cells(ra)
                rcell = rc[k] if len(rc) > 1 else rc[0]
                rhs = problem.cell_value(*rcell)
                rhs_text = _dollar(rcell)
            elif con.rhs is not None:
                rhs = float(con.rhs)
                rhs_text = f"{rhs:g}"
            elif con.rel in ("int", "bin"):
                rhs_text = "=" + {"int": "integer", "bin": "binary"}[con.rel]
            rel = con.rel if con.rel in ("<=", "=", ">=") else ""
            slack, status = None, ""
            if isinstance(v, float) and isinstance(rhs, float):
                slack = abs(rhs - v) if con.rel != "=" else 0.0
                status = "Binding" if slack <= 1e-6 * (1 + abs(rhs)) else "Not Binding"
            elif con.rel in ("int", "bin"):
                status, slack = "Binding", 0.0
            rows.append(dict(cell=_addr(cell), value=v, formula=f"{_dollar(cell)}{rel}{rhs_text}",
                             rel=con.rel,
                             status=status, slack=slack))
    return rows
