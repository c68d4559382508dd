"""Every constraint of a model checked on the cells' current values: one row per cell.

This is the single judge of feasibility (a run is a success only when every row
holds within Solver's constraint precision, ``solver_pre``) and the source of the
Answer Report's Cell Value / Formula / Status / Slack columns, so the two can never
disagree. Values are read as Excel's Solver reads them: a blank cell is 0, TRUE/FALSE
are 1/0, text or an error value in a constraint cell is an error naming the cell.

Status is computed from the final values: ``Binding`` when the constraint holds with
(near) zero slack, ``Not Binding`` when it holds with slack, ``Violated`` when it does
not hold (Excel's report would show such a row with a negative slack).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..formula.refs import Area, cell_name, index_to_col
from ..values import ExcelError
from .sides import RhsFormula


@dataclass
class Row:
    constraint: int        # index into model.constraints
    cell: tuple            # (sheet, row, col) of the left side
    rel: str               # <=, =, >=, int, bin, dif
    value: object          # left side value as read (float, or text/error/None)
    rhs: object            # right side value (float), or None for int/bin/dif
    formula: str           # "$D$3<=$E$3" as Excel's report writes it
    violation: float       # >= 0; inf when a side is not a number
    tolerance: float
    error: str | None = None   # "plan!D3 holds #DIV/0!" when a side is not a number

    @property
    def holds(self) -> bool:
        return self.error is None and self.violation <= self.tolerance

    @property
    def slack(self):
        if self.error is not None or self.rhs is None:
            return None if self.error is not None else 0.0
        v = float(self.value)
        if self.rel == "<=":
            return self.rhs - v
        if self.rel == ">=":
            return v - self.rhs
        return abs(v - self.rhs)

    @property
    def status(self) -> str:
        if self.error is not None:
            return "Error"
        if not self.holds:
            return "Violated"
        if self.rel in ("int", "bin", "dif"):
            return "Binding"
        s = self.slack
        return "Binding" if abs(s) <= self.tolerance or self.rel == "=" else "Not Binding"


def _addr(cell) -> str:
    s, r, c = cell
    return f"{s}!{cell_name(r, c)}"


def _dollar(cell) -> str:
    _, r, c = cell
    return f"${index_to_col(c)}${r}"


def as_number(v):
    """A cell value as Solver reads it: number, blank 0, logical 1/0; None otherwise."""
    if v is None:
        return 0.0
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, (int, float)):
        return float(v)
    return None


def _describe(v) -> str:
    if isinstance(v, ExcelError):
        return f"holds the error value {v.code}"
    return f"holds text {str(v)!r}"


def evaluate(problem, model, precision: float | None = None) -> list[Row]:
    """Rows for every constraint cell at the problem's current cell values."""
    pre = float(precision if precision is not None else model.option("pre", 1e-6))
    read = problem.cell_value
    rows = []
    for k, con in enumerate(model.constraints):
        lhs = problem.engine.area(con.lhs)
        cells = [(lhs.sheet, r, c) for r, c in lhs.cells()]
        if con.rel == "dif":
            rows += _dif_rows(k, con, cells, read, pre)
            continue
        rcells = None
        if isinstance(con.rhs, Area):
            ra = problem.engine.area(con.rhs)
            rcells = [(ra.sheet, r, c) for r, c in ra.cells()]
        for i, cell in enumerate(cells):
            raw = read(*cell)
            v = as_number(raw)
            err = None if v is not None else f"{_addr(cell)} {_describe(raw)}"
            rhs, rtext = None, ""
            if rcells is not None:
                rc = rcells[i] if len(rcells) > 1 else rcells[0]
                rraw = read(*rc)
                rhs = as_number(rraw)
                if rhs is None and err is None:
                    err = f"{_addr(rc)} {_describe(rraw)}"
                rtext = _dollar(rc) if rc[0] == cell[0] else f"{_addr(rc)}"
            elif isinstance(con.rhs, RhsFormula):
                rv = con.rhs.evaluate(read)
                rhs = rv if isinstance(rv, float) else None
                if rhs is None and err is None:
                    err = f"the right side {con.rhs.a1()} of {con.text} gives {rv}"
                rtext = con.rhs.a1()[1:]
            elif con.rhs is not None:
                rhs = float(con.rhs)
                rtext = f"{rhs:g}"
            tol = pre * max(1.0, abs(rhs) if rhs is not None else 1.0)
            if err is not None:
                viol = np.inf
            elif con.rel == "<=":
                viol = max(0.0, v - rhs)
            elif con.rel == ">=":
                viol = max(0.0, rhs - v)
            elif con.rel == "=":
                viol = abs(v - rhs)
            elif con.rel == "int":
                viol = abs(v - round(v))
                rtext = "integer"
            elif con.rel == "bin":
                viol = max(abs(v - round(v)), 0.0 if round(v) in (0, 1) else 1.0)
                rtext = "binary"
            else:
                viol, err = np.inf, f"unknown relation in {con.text}"
            if con.rel in ("int", "bin"):
                tol = pre
                rel_text = "="
            else:
                rel_text = con.rel
            rows.append(Row(k, cell, con.rel, raw if v is None else v, rhs,
                            f"{_dollar(cell)}{rel_text}{rtext}", float(viol), tol, err))
    return rows


def _dif_rows(k, con, cells, read, pre):
    """AllDifferent: the N cells hold 1..N, each once."""
    vals = [as_number(read(*c)) for c in cells]
    n = len(cells)
    rows = []
    if any(v is None for v in vals):
        bad = next(c for c, v in zip(cells, vals) if v is None)
        return [Row(k, c, "dif", read(*c), None, f"{_dollar(c)}=AllDifferent", np.inf, pre,
                    f"{_addr(bad)} {_describe(read(*bad))}") for c in cells]
    rounded = [round(v) for v in vals]
    perm_ok = sorted(rounded) == list(range(1, n + 1))
    for c, v, r in zip(cells, vals, rounded):
        viol = abs(v - r) + (0.0 if perm_ok else 1.0)
        rows.append(Row(k, c, "dif", v, None, f"{_dollar(c)}=AllDifferent", viol, pre))
    return rows


def bound_violation(x, lb, ub) -> float:
    """Largest amount by which x leaves [lb, ub] (variable bounds, solver_neg)."""
    x = np.asarray(x, float)
    if x.size == 0:
        return 0.0
    return float(np.max(np.concatenate([[0.0], lb - x, x - ub])))


def worst(rows) -> Row | None:
    """The most violated row (errors first), or None when every row holds."""
    bad = [r for r in rows if not r.holds]
    if not bad:
        return None
    return max(bad, key=lambda r: (r.error is not None, r.violation / max(r.tolerance, 1e-300)))


def total_violation(rows) -> float:
    return float(sum(r.violation for r in rows if not r.holds))
