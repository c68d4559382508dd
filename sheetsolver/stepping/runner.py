"""Run a workbook macro N times on a tab and record a per-pass table.

Why: ``sheetsolver step`` and ``compare`` both need "click this button N
times and tell me what the parameters and the error did".  One row per macro
run (row 0 = before the first run): slope ``a``, intercept ``b``, the learning
rate where the tab has one, and the error (the tab's error cell when it has
one, else sqrt(sum (y - pred)^2) over the training rows, the same quantity).

Where a tab keeps those cells is data: the defined names ``slope``/``const``/``lr``/
``rmse`` of the workbook, and, when the command passes one, a layout module such as
:mod:`sheetsolver.reference.layout` (``INPUT_CELLS``, ``COLUMNS``, ``ERROR_CELLS``,
``FIRST_ROW``, ``N_ROWS_SHEET``, keyed by the optimiser a tab is recognised as).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..errors import SheetsolverError
from ..formula.refs import parse_area
from ..vba import load_macros_from_package
from .host import EngineHost
from .refcheck import refuse_broken_names

__all__ = ["Probe", "probe_for", "tabs_with_macro", "run_macro", "check_macro", "resolve_tab",
           "MACROS"]

MACROS = ("onestep", "somesteps", "reset")


@dataclass(frozen=True)
class Probe:
    """Where a tab keeps what the per-pass table shows (A1 refs on ``sheet``)."""
    sheet: str
    a: str | None
    b: str | None
    lr: str | None
    error: str | None              # a cell, or None: computed from y/pred columns
    y_col: str | None = None
    pred_col: str | None = None
    rows: tuple[int, int] | None = None   # the training rows, with y_col/pred_col

    @property
    def error_source(self) -> str:
        if self.error:
            return f"cell {self.error}"
        if self.pred_col:
            return (f"sqrt(sum(({self.y_col}-{self.pred_col})^2)) over rows "
                    f"{self.rows[0]}..{self.rows[1]}")
        return "none"


def _name_cell(host: EngineHost, name: str, sheet: str) -> str | None:
    try:
        area = host.resolve(name, sheet)
    except SheetsolverError:
        return None
    if area.sheet != sheet or (area.r1, area.c1) != (area.r2, area.c2):
        return None
    return area.a1()


def _kind_of(host, sheet: str) -> str | None:
    from .recognise import recognise_tab
    try:
        return recognise_tab(host.book, sheet)
    except (SheetsolverError, AttributeError):
        return None


def probe_for(host: EngineHost, sheet: str, layout=None) -> Probe:
    """The cells to record for ``sheet``: from ``layout`` (see the module docstring) for
    the optimiser the tab is recognised as, else the names ``slope``/``const``/``lr``/
    ``rmse`` when the sheet defines them."""
    kind = None
    if layout is not None:
        kind = sheet if sheet in layout.INPUT_CELLS else _kind_of(host, sheet)
    cells = layout.INPUT_CELLS.get(kind, {}) if kind else {}
    a = cells.get("a") or _name_cell(host, "slope", sheet)
    b = cells.get("b") or _name_cell(host, "const", sheet)
    lr = cells.get("lr") or _name_cell(host, "lr", sheet)
    err = _name_cell(host, "rmse", sheet) or (layout.ERROR_CELLS.get(kind) if kind else None)
    if err is None and kind in getattr(layout, "COLUMNS", {}):
        names = {name: letter for letter, name, _ in layout.COLUMNS[kind]}
        rows = (layout.FIRST_ROW, layout.FIRST_ROW + layout.N_ROWS_SHEET - 1)
        return Probe(sheet, a, b, lr, None, names["y"], names["pred"], rows)
    return Probe(sheet, a, b, lr, err)


def _cell(host: EngineHost, sheet: str, ref: str | None):
    if ref is None:
        return None
    a = parse_area(ref, sheet)
    return host.get(sheet, a.r1, a.c1)


def _number(v) -> float:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else math.nan


def record(host: EngineHost, probe: Probe, step: int) -> dict:
    """One table row: the probe's cells as they are now."""
    row = {"pass": step, "a": _number(_cell(host, probe.sheet, probe.a)),
           "b": _number(_cell(host, probe.sheet, probe.b))}
    if probe.error:
        err = _number(_cell(host, probe.sheet, probe.error))
    elif probe.pred_col:
        total = 0.0
        for r in range(probe.rows[0], probe.rows[1] + 1):
            y = _number(_cell(host, probe.sheet, f"{probe.y_col}{r}"))
            p = _number(_cell(host, probe.sheet, f"{probe.pred_col}{r}"))
            total += (y - p) ** 2
        err = math.sqrt(total)
    else:
        err = math.nan
    row["error"] = err
    if probe.lr:
        row["lr"] = _number(_cell(host, probe.sheet, probe.lr))
    return row


def tabs_with_macro(project, macro: str) -> list[str]:
    """Sheets (tab order) whose own code module defines ``macro``."""
    out = []
    for sheet, code in project.codenames.items():
        try:
            info = project.find(macro, sheet)
        except SheetsolverError:
            continue
        if info.module.lower() == code.lower():
            out.append(sheet)
    return out


def load_project(book):
    """The workbook's VBA project (empty when it has no macros)."""
    return load_macros_from_package(book.path)


def resolve_tab(book, project, sheet: str) -> str:
    """The tab ``sheet`` names: a tab name, or a sheet code name (``basic`` for the
    tab "basic SGD" whose code module is ``basic``)."""
    if book.wb.has_sheet(sheet):
        return book.wb.sheet(sheet).name
    by_code = [tab for tab, code in project.codenames.items()
               if code and code.lower() == sheet.lower()]
    if by_code:
        return by_code[0]
    return book.wb.sheet(sheet).name          # raises the usual "no sheet" error


def check_macro(host: EngineHost, project, sheet: str, macro: str, module: str | None = None):
    """Find and check ``macro`` for ``sheet`` without running it: the safe subset
    (MacroRefused) and names pointing at #REF! (BrokenName).  Returns its MacroInfo."""
    info = project.target(macro, module, sheet)
    project.check(info.name, info.module)
    refuse_broken_names(host, project, info.name, info.module, sheet)
    return info


def run_macro(host: EngineHost, project, sheet: str, macro: str, repeat: int = 1, *,
              progress=None, after_each=None, module: str | None = None,
              out=None, max_steps: int = 1_000_000, layout=None) -> pd.DataFrame:
    """Run ``macro`` ``repeat`` times on ``sheet``; return the per-pass table.

    ``progress`` (e.g. a tqdm bar) gets ``update(1)`` per run; ``after_each(i)``
    is called after run ``i`` (1-based), e.g. to compare cells pass by pass.
    The macro is checked against the safe subset, and for names pointing at
    ``#REF!``, before the first run; ``module`` picks its module explicitly.
    ``layout`` says where the table's cells are (see :func:`probe_for`).
    """
    if repeat < 0:
        raise SheetsolverError(f"--repeat must be >= 0, not {repeat}")
    sheet = resolve_tab(host.book, project, sheet)
    info = check_macro(host, project, sheet, macro, module)
    probe = probe_for(host, sheet, layout)
    rows = [record(host, probe, 0)]
    for i in range(1, repeat + 1):
        project.run(info.name, host, sheet, info.module, out=out, max_steps=max_steps)
        rows.append(record(host, probe, i))
        if after_each is not None:
            after_each(i)
        if progress is not None:
            progress.update(1)
    table = pd.DataFrame(rows).set_index("pass")
    table.attrs["error_source"] = probe.error_source
    table.attrs["sheet"] = sheet
    table.attrs["macro"] = f"{info.module}.{info.name}"
    return table
