"""What a model's objective and constraint cells rely on that the engine's gradient path
does not cover: iterated circular references, what-if data tables, and (through them)
cells the engine cannot compute.

``Engine.gradient`` leaves iterated cycles out of its path and ``recalc_from`` does not
refill data tables, so a model reading either through its formulas would get a wrong
value or a silently wrong derivative; ``Engine.depends_on_uncomputable`` does not look
through them either. :func:`special_inputs` walks the references from the model's
cells through ordinary formulas, iterated cells and data tables, and reports what it
met, so the solver can switch that model to finite differences over full
recalculations (:mod:`sheetsolver.solver.problem`) or refuse it naming the cell (:mod:`sheetsolver.solver`).
It lives in the engine package because it walks the plan's units.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import numpy as np

from ..formula.refs import cell_name


@dataclass
class Reach:
    cycles: list = field(default_factory=list)        # "Sheet!A1" of one cell per iterated cycle
    tables: list = field(default_factory=list)        # "Sheet!B5:C7" per data table
    uncomputable: list = field(default_factory=list)  # (where, reason)

    @property
    def needs_full_recalc(self) -> bool:
        return bool(self.cycles or self.tables)

    def describe(self) -> str:
        parts = []
        if self.cycles:
            parts.append("the iterated circular reference" + ("s " if len(self.cycles) > 1
                                                              else " ")
                         + ", ".join(self.cycles[:3]))
        if self.tables:
            parts.append("the data table" + ("s " if len(self.tables) > 1 else " ")
                         + ", ".join(self.tables[:3]))
        return " and ".join(parts)


def special_inputs(engine, cells) -> Reach:
    """Iterated cycles, data tables and uncomputable cells that ``cells`` ((sheet, row,
    col)) depend on, transitively, looking through all three. Costs nothing when the
    workbook has neither iterated cycles nor data tables."""
    out = Reach()
    iterative = getattr(engine, "iterative", None) or []
    tables = getattr(engine, "data_tables", None) or []
    if not iterative and not tables:
        return out
    iter_at = {}
    for k, us in enumerate(iterative):
        for u in us:
            for r, c in (u.array.cells() if u.array is not None else [(u.row, u.col)]):
                iter_at[(u.sheet, r, c)] = k
    bad_at = getattr(engine, "_bad_at", {}) or {}
    seen_units, seen_cycles, seen_tables, seen_bad = set(), set(), set(), set()
    todo = [(s, r, c, r, c) for s, r, c in cells]
    dynamic = getattr(engine, "_dynamic", {}) or {}

    def push_refs(refs):
        for n in refs:
            if not getattr(n, "bad", False) and n.sheet in engine.grids:
                todo.append((n.sheet, n.r1, n.c1, n.r2, n.c2))

    def push_unit(uid):
        if uid in seen_units:
            return
        seen_units.add(uid)
        u = engine.units[uid]
        push_refs(u.refs)
        for d in dynamic.get(uid, ()):
            push_unit(d)

    while todo:
        s, r1, c1, r2, c2 = todo.pop()
        g = engine.grids[s]
        rr2, cc2 = min(r2, g.maxr), min(c2, g.maxc)
        if r1 <= rr2 and c1 <= cc2:
            block = engine.ugrid[s][r1:rr2 + 1, c1:cc2 + 1]
            for uid in np.unique(block):
                if uid >= 0:
                    push_unit(int(uid))
        for (ss, r, c), k in iter_at.items():
            if ss == s and r1 <= r <= r2 and c1 <= c <= c2 and k not in seen_cycles:
                seen_cycles.add(k)
                us = iterative[k]
                out.cycles.append(us[0].where)
                for u in us:
                    push_refs(u.refs)
        for k, t in enumerate(tables):
            a = t.area
            if k in seen_tables or t.sheet != s or a.r2 < r1 or a.r1 > r2 or \
                    a.c2 < c1 or a.c1 > c2:
                continue
            seen_tables.add(k)
            out.tables.append(_table_where(t))
            # a result reads its formula cell(s) (row above, column left, corner) and
            # the input cells the table writes into
            todo.append((t.sheet, a.r1 - 1, a.c1 - 1, a.r2, a.c2))
            for rc in (t.r1, t.r2):
                if rc is not None:
                    todo.append((t.sheet, rc[0], rc[1], rc[0], rc[1]))
        if bad_at:
            for (ss, r, c), b in _bad_in(bad_at, s, r1, c1, r2, c2):
                if id(b) not in seen_bad:
                    seen_bad.add(id(b))
                    out.uncomputable.append((b.where, b.reason))
                    push_refs(b.refs)
    return out


def _table_where(t) -> str:
    a = t.area
    return f"{t.sheet}!{cell_name(a.r1, a.c1)}:{cell_name(a.r2, a.c2)}"


def _bad_in(bad_at, s, r1, c1, r2, c2):
    for key, b in bad_at.items():
        ss, r, c = key
        if ss == s and r1 <= r <= r2 and c1 <= c <= c2:
            yield key, b




SOLVE_DELTA, SOLVE_SWEEPS = 1e-12, 1000


@contextlib.contextmanager
def converged_cycles(wb, on: bool):
    """While a model that reads iterated circular references is solved, iterate them
    to their fixed point (change below 1e-12, up to 1000 sweeps) so that finite
    differences see the function the cycle defines rather than where the workbook's
    iterateDelta happened to stop (the final values too, so the saved cycle sits at
    its fixed point); the workbook's own settings are put back afterwards and saved
    unchanged. Yields the note saying so (or None)."""
    calc = getattr(wb, "calc", None)
    if not on or calc is None:
        yield None
        return
    saved = dict(calc)
    delta, count = wb.iterate_delta, wb.iterate_count
    calc["iterateDelta"] = repr(min(delta, SOLVE_DELTA))
    calc["iterateCount"] = str(max(count, SOLVE_SWEEPS))
    try:
        yield (f"iterated circular references were iterated to convergence while solving "
               f"(change < {SOLVE_DELTA:g}, up to {SOLVE_SWEEPS} sweeps, instead of the "
               f"workbook's iterateDelta {delta:g}, iterateCount {count})")
    finally:
        calc.clear()
        calc.update(saved)


__all__ = ["special_inputs", "Reach", "converged_cycles"]
