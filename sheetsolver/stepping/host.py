"""``EngineHost``: the VBA :class:`~sheetsolver.vba.Host` protocol over a :class:`Book`.

Why: the safe VBA interpreter only talks to a Host; this one reads and writes
the engine's cells (its public cell access) and recalculates with the engine, with Excel's calculation
semantics: in automatic mode every write is followed by a recalculation, in
manual mode nothing recalculates until ``Calculate`` (or switching back to
automatic).  A new Host starts in automatic mode, as Excel opens a workbook.

Cells below a sheet's used range, such as basic's error log growing down from
row 38, are written into the engine too (it grows the sheet), so formulas see them
and :meth:`Book.save` writes them.
"""
from __future__ import annotations

import re

from ..errors import SheetsolverError
from ..formula.refs import cell_name, parse_area, split_sheet
from ..vba.host import MAX_COLS, MAX_ROWS, RangeRef, excel_end_down

__all__ = ["EngineHost"]

_A1 = re.compile(r"^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$")
_MODES = ("manual", "automatic")


class EngineHost:
    """Macro access to ``book`` (a :class:`sheetsolver.book.Book`).

    ``writes`` counts cells written or cleared (tests use it to prove a refused
    macro changed nothing); ``recalcs`` counts recalculations.
    """

    def __init__(self, book, mode: str = "automatic"):
        if mode not in _MODES:
            raise SheetsolverError(f"calculation mode must be manual or automatic, not {mode!r}")
        self.book = book
        self.engine = book.engine
        self.mode = mode
        self.formula_cells = set(self.engine.formula_cells())
        self.writes = 0
        self.recalcs = 0

    # ---- names and addresses ------------------------------------------
    def _sheet(self, name: str) -> str:
        return self.book.wb.sheet(name).name

    def resolve(self, ref: str, sheet: str) -> RangeRef:
        target, text = split_sheet(ref)
        target = self._sheet(target if target is not None else sheet)
        if _A1.match(text):
            a = parse_area(text, target)
        else:
            a = self._name_area(text, target, ref)
        if a.r2 > MAX_ROWS or a.c2 > MAX_COLS or a.r1 < 1 or a.c1 < 1:
            raise SheetsolverError(f"address {ref!r} is outside the sheet", file=self.book.path,
                                   sheet=target)
        return RangeRef(self._sheet(a.sheet), a.r1, a.c1, a.r2, a.c2)

    def _name_area(self, name: str, sheet: str, ref: str):
        dn = self.book.wb.defined_name(name, sheet)
        if dn is None:
            raise SheetsolverError(f"no defined name or address {ref!r}", file=self.book.path,
                                   sheet=sheet)
        try:
            areas = dn.areas(self.book.wb.sheets)
        except ValueError:
            raise SheetsolverError(f"defined name {name!r} refers to {dn.text!r}, not a cell "
                                   "range (#REF!?)", file=self.book.path, sheet=sheet) from None
        if len(areas) != 1 or areas[0].sheet is None:
            raise SheetsolverError(f"defined name {name!r} ({dn.text}) is not one rectangular "
                                   "range", file=self.book.path, sheet=sheet)
        return areas[0]

    def sheet_names(self) -> list[str]:
        """Tab names in tab order (``Sheets(2)`` in a macro)."""
        return [s.name for s in self.book.wb.sheets]

    # ---- cells --------------------------------------------------------
    def get(self, sheet: str, r: int, c: int):
        """Current value of one cell (None = blank)."""
        return self.engine.cell(sheet, r, c)

    def get_values(self, area: RangeRef) -> list[list[object]]:
        return [[self.get(area.sheet, r, c) for c in range(area.c1, area.c2 + 1)]
                for r in range(area.r1, area.r2 + 1)]

    def _refuse_formulas(self, area: RangeRef, what: str) -> None:
        for r in range(area.r1, area.r2 + 1):
            for c in range(area.c1, area.c2 + 1):
                if (area.sheet, r, c) in self.formula_cells:
                    raise SheetsolverError(
                        f"macro would {what} formula cell {cell_name(r, c)}; replacing formulas "
                        "is not supported (the engine keeps its compiled formulas)",
                        file=self.book.path, sheet=area.sheet, cell=cell_name(r, c))

    def _put(self, sheet: str, r: int, c: int, x) -> None:
        if isinstance(x, int) and not isinstance(x, bool):
            x = float(x)
        self.engine.set_cell(sheet, r, c, x)
        self.writes += 1

    def set_values(self, area: RangeRef, values) -> None:
        if len(values) != area.rows or any(len(row) != area.cols for row in values):
            raise SheetsolverError(f"{len(values)}-row value block does not fit {area.a1()}",
                                   sheet=area.sheet)
        self._refuse_formulas(area, "overwrite")
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                self._put(area.sheet, area.r1 + i, area.c1 + j, v)
        self._after_write()

    def clear(self, area: RangeRef) -> None:
        self._refuse_formulas(area, "clear")
        held = self.engine.used_range(area.sheet)
        for r in range(area.r1, min(area.r2, held.r2) + 1):
            for c in range(area.c1, min(area.c2, held.c2) + 1):
                if self.get(area.sheet, r, c) is not None:
                    self._put(area.sheet, r, c, None)
        self._after_write()

    def last_in_column_down(self, sheet: str, row: int, col: int) -> int:
        last = self.engine.used_range(sheet).r2
        if row >= last:   # nothing below: Ctrl+Down runs to the last row of the sheet
            return MAX_ROWS
        return excel_end_down(lambda r: self.get(sheet, r, col) is None, row)

    # ---- calculation --------------------------------------------------
    def _after_write(self) -> None:
        if self.mode == "automatic":
            self.calculate()

    def calculate(self, sheet: str | None = None) -> None:
        """Recalculate (the whole workbook also serves ``Sheet.Calculate``)."""
        self.engine.recalc()
        self.recalcs += 1

    def set_calculation(self, mode: str) -> None:
        if mode not in _MODES:
            raise SheetsolverError(f"calculation mode must be manual or automatic, not {mode!r}")
        self.mode = mode
        if mode == "automatic":
            self.calculate()

    def get_calculation(self) -> str:
        return self.mode

    # ---- saving -------------------------------------------------------
    def save(self, out: str | None = None, *, in_place: bool = False,
             suffix: str = ".stepped") -> tuple[str, list]:
        """Write the workbook losslessly (``Book.save``), cells new to the file included."""
        return self.book.save(out, in_place=in_place, suffix=suffix)
