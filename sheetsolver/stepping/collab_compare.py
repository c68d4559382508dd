"""``sheetsolver compare BOOK`` on collaborative-filtering workbooks.

For every collab tab the reference recognises (:func:`sheetsolver.reference.collab.collab_tabs`;
this harness lives outside :mod:`sheetsolver.reference`, which imports nothing from the engine):

* cells: the engine's value of every prediction, squared-error, lookup and objective cell
  after a full recalculation against :mod:`sheetsolver.reference.collab` computed from the stored inputs
  (a table per tab, per group of cells; beyond 1e-9 relative / 1e-12 absolute fails);
* fit: ``solve`` (the sheet's own Solver model, engine + exact gradients) against the
  reference's own L-BFGS-B from the same start with the same tolerances; the final
  objectives must agree within 1e-6 relative. Tabs whose Solver objective is broken
  (``solver_opt`` = #REF!, as the 2019 course file's movielens tabs) are fitted on the
  tab's objective cell (as ``solve --objective`` repairs them) and say so.
  Both run scipy's L-BFGS-B with the same options; ``solve`` also tries Solver-style
  random escapes when it stops where the gradient is not ~0, which find nothing at a true
  minimum. A model without one (the unpenalised dot product: factors grow without bound)
  gives two arbitrary stopping points: the lockstep check then says whether the two paths
  were the same before they parted.
"""
from __future__ import annotations

import math

import pandas as pd

from ..errors import SheetsolverError
from ..values import same_value
from ..reference.collab import collab_tabs, lbfgsb_fit, solver_options, tab_model
from ..reference.collab_layout import a1, rc

CELL_REL, CELL_ABS, FIT_REL = 1e-9, 1e-12, 1e-6
LOCKSTEP = 50          # iterations of the lockstep check when the final objectives differ


def is_collab_book(path) -> bool:
    """Whether any tab of the workbook at ``path`` is a collab tab the reference knows."""
    from ..package.reader import load_workbook
    return bool(collab_tabs(load_workbook(path)))


def _cell_table(engine, sheet: str, cells: dict) -> pd.DataFrame:
    rows = []
    for group, values in cells.items():
        worst, max_abs, max_rel, bad = "", 0.0, 0.0, 0
        for (r, c), want in values.items():
            got = engine.cell(sheet, r, c)
            got = 0.0 if got is None else got
            if not isinstance(got, (int, float)) or isinstance(got, bool):
                d = rel = math.inf
                ok = False
            else:
                d = abs(float(got) - want)
                rel = d / abs(want) if want else (0.0 if d == 0 else math.inf)
                ok = same_value(float(got), want, rel=CELL_REL, abs_=CELL_ABS)
            if not ok:
                bad += 1
            if (rel, d) > (max_rel, max_abs) and (d > CELL_ABS or not ok):
                worst = f"{a1(r, c)}: engine {got!r}, reference {want!r}"
            max_abs, max_rel = max(max_abs, d), max(max_rel, rel if d > CELL_ABS else 0.0)
        rows.append({"cells": group, "n": len(values), "max_abs_diff": max_abs,
                     "max_rel_diff": max_rel, "beyond_1e-9": bad, "worst": worst})
    return pd.DataFrame(rows)


def _fit_row(book, wb, sheet, layout, tab) -> dict:
    """solve vs the reference L-BFGS-B on one tab (book's engine is changed by solve)."""
    from ..solver import solve
    opts = solver_options(wb, sheet)
    opt = opts.get("solver_opt", "")
    row = {"sheet": sheet, "solve": math.nan, "solve_s": math.nan, "solve_nit": 0,
           "reference": math.nan, "reference_s": math.nan, "reference_nit": 0,
           "rel_diff": math.nan, "verdict": ""}
    objective, repaired = None, ""
    if not opt or "#REF!" in opt.upper():
        # the model's objective was deleted (the 2019 course file's movielens tabs): fit the
        # tab's own objective cell, as `solve --objective CELL` repairs such a model
        objective = f"{sheet}!{layout.objective}"
        repaired = f"OK (solver_opt is {opt or 'missing'} in the file; fitted {objective})"
    elif rc(opt.split("!")[-1].replace("$", "")) != rc(layout.objective):
        row["verdict"] = f"no fit: solver_opt {opt} is not the tab's objective {layout.objective}"
        return row
    from ..solver.threads import single_threaded_blas
    res = solve(type(book).open(book.path), sheet,     # each fit from the file's start
                objective=objective)
    with single_threaded_blas():
        ref, secs = lbfgsb_fit(tab, opts)
    rel = abs(res.fun - ref.fun) / max(abs(ref.fun), 1e-300)
    row.update({"solve": float(res.fun), "solve_s": res.time, "solve_nit": res.nit,
                "reference": float(ref.fun), "reference_s": secs, "reference_nit": ref.nit,
                "rel_diff": rel})
    if rel <= FIT_REL:
        row["verdict"] = repaired or "OK"
        return row
    lock = _lockstep(book, sheet, tab, opts, objective)
    row["verdict"] = (f"DIFFERS; lockstep: {lock:.0e} apart after {LOCKSTEP} iterations "
                      "(same path, parted later along a flat valley)" if lock <= CELL_REL else
                      f"DIFFERS; already {lock:.0e} apart after {LOCKSTEP} iterations")
    return row


def _lockstep(book, sheet, tab, opts, objective=None) -> float:
    """Relative difference of the objectives after LOCKSTEP iterations of solve and of the
    reference from the same start: tells a different algorithm from a chaotic path."""
    from ..solver import solve
    from ..solver.threads import single_threaded_blas
    fresh = type(book).open(book.path)          # the file's start, not the solved book
    res = solve(fresh, sheet, max_iter=LOCKSTEP, objective=objective)
    with single_threaded_blas():
        ref, _ = lbfgsb_fit(tab, {**opts, "solver_itr": str(LOCKSTEP)})
    return abs(res.fun - ref.fun) / max(abs(ref.fun), 1e-300)


def compare_collab(path, sheets=None, *, fit: bool = True, out=print):
    """Compare every collab tab of ``path`` (or only ``sheets``); prints the tables with
    ``out`` and returns ({sheet: cell table, "fit": fit table}, exit code 0/1)."""
    from ..book import Book
    from ..package.reader import load_workbook
    wb = load_workbook(path)
    found = collab_tabs(wb)
    if sheets:
        want = [wb.sheet(s).name for s in sheets]
        missing = [s for s in want if s not in dict(found)]
        if missing:
            raise SheetsolverError(f"not a collab tab the reference knows: {missing} "
                                   f"(have {[s for s, _ in found]})", file=str(path))
        found = [(s, lay) for s, lay in found if s in want]
    if not found:
        raise SheetsolverError("no collab tab the reference knows", file=str(path))
    book = Book.open(path)
    book.recalc()
    tables, bad, models = {}, [], {}
    for sheet, layout in found:
        tab = tab_model(wb.sheet(sheet), layout)
        models[sheet] = tab
        table = _cell_table(book.engine, sheet, tab.cells())
        tables[sheet] = table
        ok = int(table["beyond_1e-9"].sum()) == 0
        out(f"{sheet}: {layout.variant}: {'OK' if ok else 'DIFFERS'} (1e-9 relative)")
        out(table.to_string(index=False, float_format=lambda v: f"{v:.3g}"))
        out("")
        if not ok:
            bad.append(sheet)
    if fit:
        rows = [_fit_row(book, wb, sheet, layout, models[sheet]) for sheet, layout in found]
        fit_table = pd.DataFrame(rows)
        tables["fit"] = fit_table
        out("fit: solve (engine, exact gradients) vs the reference's L-BFGS-B, same start "
            "and tolerances (1e-6 relative)")
        out(fit_table.to_string(index=False, float_format=lambda v: f"{v:.6g}"))
        bad += [f"{r['sheet']} (fit)" for r in rows if r["verdict"].startswith("DIFFERS")]
    if bad:
        out(f"differ beyond tolerance: {', '.join(bad)}")
        return tables, 1
    return tables, 0
