"""``compare`` for workbooks that lay every pass out as live formulas (no macros).

Why: the project's own ``graddesc.xlsm`` (``sheetsolver build graddesc``) has one
block of rows per pass instead of a ``onestep`` macro.  A tab is recognised by
its layout read from the sheet itself: parameter labels in row 3 with values in
row 4, column headers in row 6, blocks "pass k start" from row 7 on.  Its
optimiser follows from the parameters it has; every formula cell of every pass
is then checked against :mod:`sheetsolver.reference` (sheet rules) or
:mod:`sheetsolver.reference.textbook_rows` (textbook AdamW / SGDR).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from ..formula.refs import cell_name, col_to_index
from ..reference import run_passes
from ..reference.textbook_rows import adamw_rows, sgdr_rows

__all__ = ["BuiltTab", "recognise_built", "compare_built", "compare_summary"]

HEADER_ROW, FIRST_BLOCK, PARAM_ROW = 6, 7, 4

# header text before " = " (lower case) -> quantity
_HEADS = {"x": "x", "y": "y", "b": "b", "a": "a", "intercept b": "b", "slope a": "a",
          "pred": "pred", "err^2": "err2", "de/db": "db", "de/da": "da", "new b": "new_b",
          "new a": "new_a", "new a (same rule)": "new_a", "mom b": "mom_b", "mom a": "mom_a",
          "ms b": "ms_b", "ms a": "ms_a", "m b": "m_b", "m a": "m_a", "v b": "v_b",
          "v a": "v_a", "step t": "t", "t in cycle": "t_cur", "cycle length t": "cycle",
          "lr": "lr", "lr (this pass)": "lr", "avg_grad2": "avg_grad2", "gradrat": "gradrat",
          "prev_grad2 (best so far)": "prev_grad2", "pass": "pass", "error": "error",
          "lr (start of pass)": "pass_lr"}
_PARAMS = {"initial b": "b0", "initial a": "a0", "lr": "lr", "initial lr": "lr", "beta": "beta",
           "beta1": "beta", "beta2": "beta2", "initial mom b": "mb0", "initial mom a": "ma0",
           "initial ms b": "vb0", "initial ms a": "va0", "initial prev_grad2": "prev0",
           "eps": "eps", "weight decay": "wd", "lr max": "lr_max", "lr min": "lr_min",
           "cycle (steps)": "cycle", "cycle mult": "mult", "1-beta": "1-beta",
           "1-beta1": "1-beta", "1-beta2": "1-beta2"}


@dataclass
class BuiltTab:
    """A recognised tab: optimiser kind, column of each quantity, parameter cells."""
    sheet: str
    kind: str
    columns: dict[str, str]          # quantity -> letter
    params: dict[str, tuple[str, float]]   # key -> (A1 cell, value)
    points: int
    passes: int

    def start_row(self, p: int) -> int:
        return FIRST_BLOCK + p * (self.points + 1)


def _text(v) -> str:
    return v.strip().lower() if isinstance(v, str) else ""


def _kind(params: dict) -> str | None:
    if "wd" in params:
        return "adamw"
    if "lr_max" in params:
        return "sgdr"
    if "prev0" in params:
        return "adam_ann"
    if "beta2" in params and "mb0" in params:
        return "adam"
    if "vb0" in params and "beta" in params:
        return "rmsprop"
    if "mb0" in params:
        return "momentum"
    if {"b0", "a0", "lr"} <= set(params):
        return "basic"
    return None


def recognise_built(book, sheet: str) -> BuiltTab | None:
    """The layout of ``sheet`` if it is a built optimiser tab, else None."""
    sh = book.wb.sheet(sheet)
    if _text(sh.value(f"A{HEADER_ROW}")) != "x" or \
            not re.fullmatch(r"pass 1 start", _text(sh.value(f"A{FIRST_BLOCK}"))):
        return None
    params, columns = {}, {}
    for c in range(1, sh.max_col + 1):
        label = _text(sh.value(cell_name(3, c)))
        if label in _PARAMS:
            ref = cell_name(PARAM_ROW, c)
            params[_PARAMS[label]] = (ref, book.value(sh.name, ref))
        head = _text(sh.value(cell_name(HEADER_ROW, c)))
        key = head.split(" = ")[0].strip()
        if key in _HEADS:
            columns[_HEADS[key]] = cell_name(1, c)[:-1]
    kind = _kind(params)
    if kind is None or not {"x", "y", "b", "a"} <= set(columns):
        return None
    points = 0
    while _text(sh.value(f"A{FIRST_BLOCK + points + 1}")) != "pass 2 start":
        points += 1
        if FIRST_BLOCK + points > sh.max_row:
            break
    passes = 0
    while _text(sh.value(f"A{FIRST_BLOCK + passes * (points + 1)}")) == f"pass {passes + 1} start":
        passes += 1
    return BuiltTab(sh.name, kind, columns, params, points, passes)


def _p(t: BuiltTab, key: str) -> float:
    return float(t.params[key][1])


def expected_cells(t: BuiltTab, x: list[float], y: list[float]) -> dict[str, float]:
    """Every cell the tab computes, by A1 reference, from the reference."""
    want: dict[str, float] = {}
    col = t.columns
    if "1-beta" in t.params:
        want[t.params["1-beta"][0]] = 1 - _p(t, "beta")
    if "1-beta2" in t.params:
        want[t.params["1-beta2"][0]] = 1 - _p(t, "beta2")
    if t.kind in ("adamw", "sgdr"):
        common = dict(b0=_p(t, "b0"), a0=_p(t, "a0"), beta1=_p(t, "beta"),
                      beta2=_p(t, "beta2"), eps=_p(t, "eps"))
        if t.kind == "adamw":
            blocks = adamw_rows(x, y, t.passes, lr=_p(t, "lr"), wd=_p(t, "wd"), **common)
            start0 = {"t": 0.0, "m_b": 0.0, "m_a": 0.0, "v_b": 0.0, "v_a": 0.0}
        else:
            blocks = sgdr_rows(x, y, t.passes, lr_max=_p(t, "lr_max"), lr_min=_p(t, "lr_min"),
                               cycle=_p(t, "cycle"), mult=_p(t, "mult"), **common)
            start0 = {"t": 0.0, "t_cur": _p(t, "cycle") - 1,
                      "cycle": _p(t, "cycle") / _p(t, "mult"),
                      "m_b": 0.0, "m_a": 0.0, "v_b": 0.0, "v_a": 0.0}
        for p, rows in enumerate(blocks):
            S = t.start_row(p)
            if p == 0:
                start = {"b": _p(t, "b0"), "a": _p(t, "a0"), **start0}
            else:
                last = blocks[p - 1][-1]
                start = {k: last[k] for k in start0}
                start.update(b=last["new_b"], a=last["new_a"])
            for k, v in start.items():
                want[f"{col[k]}{S}"] = v
            for i, row in enumerate(rows):
                for k, v in row.items():
                    if k in col:
                        want[f"{col[k]}{S + 1 + i}"] = v
            want[f"{col['error']}{FIRST_BLOCK + p}"] = math.sqrt(_sum(r["err2"] for r in rows))
            if "pass_lr" in col:
                want[f"{col['pass_lr']}{FIRST_BLOCK + p}"] = rows[0]["lr"]
        return want
    state = {"b": _p(t, "b0"), "a": _p(t, "a0"), "lr": _p(t, "lr")}
    for key, src in (("beta", "beta"), ("beta2", "beta2"), ("mom_b", "mb0"), ("mom_a", "ma0"),
                     ("ms_b", "vb0"), ("ms_a", "va0"), ("prev_grad2", "prev0")):
        if src in t.params:
            state[key] = _p(t, src)
    run = run_passes(t.kind, x, y, state, t.passes - 1, macro="somesteps")
    for p, (res, st) in enumerate(zip(run.results, run.states)):
        S = t.start_row(p)
        for k in ("b", "a", "mom_b", "mom_a", "ms_b", "ms_a"):
            if k in col and k in st:
                want[f"{col[k]}{S}"] = float(st[k])
        table = res.table
        for i, (_, row) in enumerate(table.iterrows()):
            for k in table.columns:
                if k in col:
                    want[f"{col[k]}{S + 1 + i}"] = float(row[k])
            if "err2" in col and "err2" not in table.columns:
                want[f"{col['err2']}{S + 1 + i}"] = (row["y"] - row["pred"]) ** 2
        want[f"{col['error']}{FIRST_BLOCK + p}"] = res.error
        if t.kind == "adam_ann":
            want[f"{col['lr']}{S}"] = float(st["lr"])
            want[f"{col['avg_grad2']}{S}"] = res.summary["avg_grad2"]
            want[f"{col['prev_grad2']}{S}"] = float(st["prev_grad2"])
            if p > 0:
                want[f"{col['gradrat']}{S}"] = \
                    res.summary["avg_grad2"] / float(run.states[p - 1]["prev_grad2"])
            want[f"{col['pass_lr']}{FIRST_BLOCK + p}"] = float(st["lr"])
    return want


def _sum(values) -> float:
    s = 0.0
    for v in values:
        s += v
    return s


def read_xy(host, t: BuiltTab) -> tuple[list[float], list[float]]:
    rows = range(FIRST_BLOCK + 1, FIRST_BLOCK + 1 + t.points)
    col = {k: col_to_index(v) for k, v in t.columns.items()}
    return ([host.get(t.sheet, r, col["x"]) for r in rows],
            [host.get(t.sheet, r, col["y"]) for r in rows])


def compare_built(host, t: BuiltTab, acc_factory=None):
    """(table, problems, expected cells): per column the max differences over every
    pass and row (``acc_factory``: the accumulator class, default compare's)."""
    if acc_factory is None:
        from .compare import _Acc as acc_factory
    x, y = read_xy(host, t)
    want = expected_cells(t, x, y)
    names = {v: k for k, v in t.columns.items()}
    groups: dict[str, object] = {}
    formulas = {cell_name(r, c) for s, r, c in host.formula_cells if s == t.sheet}
    problems = []
    uncovered = sorted(formulas - set(want) - {a for a in formulas if a[0] in "AB"
                                                and a.lstrip("AB").isdigit()})
    if uncovered:
        problems.append(f"{len(uncovered)} formula cells have no reference value "
                        f"(first {uncovered[:5]})")
    table_cols = {t.columns[k] for k in ("error", "pass_lr") if k in t.columns}
    for a1, exp in want.items():
        letter = "".join(ch for ch in a1 if ch.isalpha())
        row = int(a1[len(letter):])
        got = host.get(t.sheet, row, col_to_index(letter))
        if row == PARAM_ROW:
            key, p = "params", 1
        elif letter in table_cols:               # per-pass table: row 7 = pass 1
            key, p = letter, row - FIRST_BLOCK + 1
        else:
            key, p = letter, (row - FIRST_BLOCK) // (t.points + 1) + 1
        groups.setdefault(key, acc_factory()).add(a1, p, got, exp)
    rows = []
    for letter in sorted(groups, key=lambda g: (len(g), g)):
        acc = groups[letter]
        rows.append({"column": letter, "name": names.get(letter, "1-beta cells"),
                     "cells": len(acc.cells), "max_abs_diff": acc.max_abs,
                     "max_rel_diff": acc.max_rel, "beyond_1e-9": acc.bad, "worst": acc.worst})
    return pd.DataFrame(rows), problems, want


def compare_summary(host, book, tabs: list[BuiltTab], wants: dict, acc_factory=None):
    """The ``summary`` tab (row 2: "pass", then tab names; one row per pass) against
    each tab's expected per-pass errors.  None when the book has no such tab."""
    if not book.wb.has_sheet("summary"):
        return None
    sh = book.wb.sheet("summary")
    if _text(sh.value("A2")) != "pass":
        return None
    if acc_factory is None:
        from .compare import _Acc as acc_factory
    by_name = {t.sheet: t for t in tabs}
    acc = acc_factory()
    for c in range(2, sh.max_col + 1):
        t = by_name.get(sh.value(cell_name(2, c)))
        if t is None:
            continue
        for p in range(t.passes):
            exp = wants[t.sheet][f"{t.columns['error']}{FIRST_BLOCK + p}"]
            acc.add(cell_name(3 + p, c), p + 1, host.get(sh.name, 3 + p, c), exp)
    return acc
