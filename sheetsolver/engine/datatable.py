"""What-if data tables (Data > What-If Analysis > Data Table), computed as Excel does.

A table is stored as ``<f t="dataTable" ref="B2:D5" dt2D="1" dtr="0" r1="A1" r2="A2"/>``
on its first result cell. For every result cell Excel puts the table's input value(s)
into the input cell(s), recomputes, and reads the formula cell:

- one variable, column-oriented (``dtr="0"``): input values down the column left of
  ``ref`` go into ``r1``; the formulas are in the row above ``ref``;
- one variable, row-oriented (``dtr="1"``): input values along the row above ``ref``
  go into ``r1``; the formulas are in the column left of ``ref``;
- two variables (``dt2D="1"``): the formula is the corner cell above-left of ``ref``,
  the row above holds the values for ``r1`` (the row input cell) and the column to
  the left those for ``r2`` (the column input cell).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..formula.refs import Area, parse_area


@dataclass
class DataTable:
    sheet: str
    area: Area
    two_d: bool
    row_input: bool        # one-variable table laid out along a row (dtr="1")
    r1: tuple              # (row, col) of the first input cell
    r2: tuple | None       # (row, col) of the second input cell (two-variable tables)

    @property
    def where(self) -> str:
        return self.area.a1()

    def describe(self) -> str:
        from ..formula.refs import cell_name
        if self.two_d:
            kind = (f"two-variable, row input {cell_name(*self.r1)}, column input "
                    f"{cell_name(*self.r2)}")
        else:
            kind = (f"one-variable, {'row' if self.row_input else 'column'} input "
                    f"{cell_name(*self.r1)}")
        return f"{self.where} ({kind})"


def _flag(d: dict, key: str) -> bool:
    return d.get(key) in ("1", "true")


def find(engine) -> list[DataTable]:
    """The data tables of the workbook, in sheet order; unreadable ones are reported
    as uncomputable by the reader."""
    out = []
    for sh in engine.wb.sheets:
        for (r, c), cell in sorted(kv for kv in sh.cells.items() if kv[1].data_table):
            d = cell.data_table
            if d is None or "member_of" in d or cell.problem is not None:
                continue
            try:
                area = parse_area(d["ref"], sh.name)
                r1 = parse_area(d["r1"], sh.name)
                r2 = parse_area(d["r2"], sh.name) if _flag(d, "dt2D") else None
            except (KeyError, ValueError):
                continue
            if area.r1 < 2 or area.c1 < 2:
                continue
            out.append(DataTable(sh.name, area, _flag(d, "dt2D"), _flag(d, "dtr"),
                                 (r1.r1, r1.c1), None if r2 is None else (r2.r1, r2.c1)))
    return out


def compute(engine, tables) -> None:
    """Fill every table, then bring the cells that read the tables up to date."""
    for t in tables:
        _fill(engine, t)
    if tables:
        engine.recalc_from([t.area for t in tables])


def _fill(engine, t: DataTable) -> None:
    grid = engine.grids[t.sheet]
    a = t.area
    inputs = [t.r1] + ([t.r2] if t.two_d else [])
    for r, c in inputs:
        engine.reserve(Area(t.sheet, r, c, r, c))
    grid = engine.grids[t.sheet]
    saved = [grid.get(r, c) for r, c in inputs]
    in_areas = [Area(t.sheet, r, c, r, c) for r, c in inputs]
    results = {}
    for i in range(a.r1, a.r2 + 1):
        for j in range(a.c1, a.c2 + 1):
            if t.two_d:
                values = [grid.get(a.r1 - 1, j), grid.get(i, a.c1 - 1)]
                formula = (a.r1 - 1, a.c1 - 1)
            elif t.row_input:
                values, formula = [grid.get(a.r1 - 1, j)], (i, a.c1 - 1)
            else:
                values, formula = [grid.get(i, a.c1 - 1)], (a.r1 - 1, j)
            for (r, c), v in zip(inputs, values):
                grid.set(r, c, v)
            engine.const_gen += 1
            engine.recalc_from(in_areas, targets=[(t.sheet,) + formula])
            results[(i, j)] = grid.get(*formula)
    for (r, c), v in zip(inputs, saved):
        grid.set(r, c, v)
    engine.const_gen += 1
    engine.recalc_from(in_areas)
    for (i, j), v in results.items():
        grid.set(i, j, v)
