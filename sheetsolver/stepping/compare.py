"""Engine + VBA against the NumPy reference, tab by tab, pass by pass.

Why: the engine and the VBA interpreter must do exactly what Excel does when
the ``onestep`` button is clicked; :mod:`sheetsolver.reference` computes the
same trajectory with no shared code.  For each optimiser tab both start from
the same state (the file's, or each tab's ``reset``), run N passes of
``onestep``, and after every pass (and before the first) every formula cell
of the tab, the pasted input cells and basic's error log are compared.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from ..errors import SheetsolverError
from ..formula.refs import cell_name, parse_area
from ..reference import layout as graddesc_layout
from ..reference import reset_state, run_passes
from ..reference.layout import (FIRST_ROW, INPUT_CELLS, KINDS, N_ROWS_SHEET, RMSE_LOG_START,
                                header_map)
from ..values import ExcelError, same_value
from .host import EngineHost
from .recognise import classify_tabs, recognise_tab
from .runner import run_macro

__all__ = ["TabComparison", "compare_tab", "read_state", "read_xy", "optimiser_tabs"]

REL, ABS = 1e-9, 1e-12


def optimiser_tabs(book, project) -> list[str]:
    """Tabs (tab order) whose layout matches a reference optimiser and whose own
    module has ``onestep`` (see :func:`.recognise.classify_tabs`)."""
    return [tab for tab, kind, _ in classify_tabs(book, project) if kind is not None]


def _at(host: EngineHost, sheet: str, ref: str):
    a = parse_area(ref, sheet)
    return host.get(sheet, a.r1, a.c1)


def read_xy(host: EngineHost, tab: str) -> tuple[list[float], list[float]]:
    """Training data x (column A) and y (column B), rows 4..32."""
    rows = range(FIRST_ROW, FIRST_ROW + N_ROWS_SHEET)
    x = [_at(host, tab, f"A{r}") for r in rows]
    y = [_at(host, tab, f"B{r}") for r in rows]
    bad = [r for r, xv, yv in zip(rows, x, y) if not (isinstance(xv, float) and isinstance(yv, float))]
    if bad:
        raise SheetsolverError(f"training data A{FIRST_ROW}:B{rows[-1]} is not all numbers "
                               f"(first at row {bad[0]})", sheet=tab)
    return x, y


def _log(host: EngineHost, tab: str) -> list:
    start = parse_area(RMSE_LOG_START, tab)
    out, r = [], start.r1
    while (v := host.get(tab, r, start.c1)) is not None:
        out.append(v)
        r += 1
    return out


def read_state(host: EngineHost, tab: str, kind: str | None = None) -> dict:
    """The macro state the reference needs, read from the engine's cells."""
    kind = kind or tab
    state = {k: _at(host, tab, ref) for k, ref in INPUT_CELLS[kind].items()}
    if kind == "basic":
        state["rmses"] = _log(host, tab)
    return state


@dataclass
class _Acc:
    """Running max differences of one group of cells."""
    cells: set = field(default_factory=set)
    max_abs: float = 0.0
    max_rel: float = 0.0
    worst: str = ""
    bad: int = 0

    def add(self, ref: str, step: int, got, want) -> None:
        self.cells.add(ref)
        if isinstance(got, ExcelError):
            got = got.code
        if isinstance(got, (int, float)) and isinstance(want, (int, float)) \
                and not isinstance(got, bool) and not isinstance(want, bool):
            d = abs(got - want)
            rel = d / abs(want) if want != 0 else (0.0 if d == 0 else math.inf)
            ok = same_value(float(got), float(want), rel=REL, abs_=ABS)
        else:
            d = rel = 0.0 if got == want else math.inf
            ok = got == want
        if not ok:
            self.bad += 1
        if (rel, d) > (self.max_rel, self.max_abs) or (not ok and not self.worst):
            self.worst = f"{ref} @ pass {step}"
        self.max_abs, self.max_rel = max(self.max_abs, d), max(self.max_rel, rel)


@dataclass
class TabComparison:
    """Result for one tab: ``table`` (one row per column group), the engine's
    per-pass table and both error curves."""
    tab: str
    passes: int
    table: pd.DataFrame
    engine_passes: pd.DataFrame
    reference_errors: list[float]
    problems: list[str]
    kind: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and int(self.table["beyond_1e-9"].sum()) == 0

    @property
    def engine_errors(self) -> list[float]:
        return [float(v) for v in self.engine_passes["error"]]


def compare_tab(host: EngineHost, project, tab: str, passes: int, *,
                from_reset: bool = False, progress=None, kind: str | None = None) -> TabComparison:
    """Run ``passes`` onesteps on ``tab`` with the engine and the reference and
    compare everything after every pass (pass 0 = the starting state).

    ``kind``: the reference optimiser (default: recognised from the tab's formulas)."""
    kind = kind or recognise_tab(host.book, tab)
    if kind not in KINDS:
        raise SheetsolverError(f"no reference for tab {tab!r}: its row formulas match none of "
                               f"{', '.join(KINDS)}", sheet=tab)
    x, y = read_xy(host, tab)
    state = read_state(host, tab, kind)
    if from_reset:
        run_macro(host, project, tab, "reset", 1, layout=graddesc_layout)
        state = reset_state(kind, x, y, state)
    ref = run_passes(kind, x, y, state, passes, macro="onestep")
    formula = sorted(((r, c) for s, r, c in host.formula_cells if s == tab),
                     key=lambda rc: (rc[1], rc[0]))
    headers = header_map(kind)
    groups: dict[str, _Acc] = {}
    problems: list[str] = []

    def check(step: int) -> None:
        want = ref.results[step].cells()
        refs = {cell_name(r, c): (r, c) for r, c in formula}
        if set(refs) != set(want) and not problems:
            only_e = sorted(set(refs) - set(want))[:5]
            only_r = sorted(set(want) - set(refs))[:5]
            problems.append(f"formula cells differ: engine only {only_e}, reference only {only_r}")
        for a1, (r, c) in refs.items():
            if a1 in want:
                letter = "".join(ch for ch in a1 if ch.isalpha())
                groups.setdefault(letter, _Acc()).add(a1, step, host.get(tab, r, c), want[a1])
        st = ref.states[step]
        for key, a1 in INPUT_CELLS[kind].items():
            groups.setdefault("inputs", _Acc()).add(a1, step, _at(host, tab, a1), st[key])
        if kind == "basic":
            log = _log(host, tab)
            if len(log) != len(st["rmses"]):
                problems.append(f"error log has {len(log)} entries after pass {step}, "
                                f"reference {len(st['rmses'])}")
            start = parse_area(RMSE_LOG_START, tab)
            for k, (got, exp) in enumerate(zip(log, st["rmses"])):
                groups.setdefault("log", _Acc()).add(cell_name(start.r1 + k, start.c1), step,
                                                     got, exp)

    check(0)
    table = run_macro(host, project, tab, "onestep", passes, progress=progress, after_each=check,
                      layout=graddesc_layout)
    rows = []
    for key, acc in groups.items():
        name = {"inputs": "pasted inputs " + "/".join(INPUT_CELLS[kind].values()),
                "log": "error log (rmses)"}.get(key, headers.get(key, "other cells"))
        rows.append({"column": key, "name": name, "cells": len(acc.cells),
                     "max_abs_diff": acc.max_abs, "max_rel_diff": acc.max_rel,
                     "beyond_1e-9": acc.bad, "worst": acc.worst})
    order = {k: i for i, k in enumerate(sorted(groups, key=lambda g: (len(g) > 3, len(g), g)))}
    df = pd.DataFrame(rows).sort_values("column", key=lambda s: s.map(order)).reset_index(drop=True)
    return TabComparison(tab, passes, df, table, ref.errors(), problems, kind)
