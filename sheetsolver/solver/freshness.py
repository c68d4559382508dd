"""Compute a workbook written without cached formula values before solving.

Excel writes every formula cell's last value; workbooks written by libraries hold
formulas with no value at all (openpyxl) or a placeholder 0 with ``fullCalcOnLoad``
set (XlsxWriter, pandas), and Excel computes them when it opens the file. A solve
recomputes only what depends on the variable cells, so a formula of constants (a price
looked up with VLOOKUP, a ROUNDed unit cost) would be read as blank:
:func:`ensure_computed` brings the workbook up to date before every solve: the whole
workbook the first time (formulas with no cached value, a workbook asking for a full
calculation on load), then whatever changed inputs reach.
"""
from __future__ import annotations


def has_uncached_formulas(wb) -> bool:
    """True when the workbook asks to be computed on load (``<calcPr
    fullCalcOnLoad="1">``) or some formula cell carries no cached value."""
    if str(wb.calc.get("fullCalcOnLoad", "")).lower() in ("1", "true"):
        return True
    return any(cell.value is None and cell.is_formula and cell.array_master is None
               for sh in wb.sheets for cell in sh.cells.values())


def ensure_computed(book) -> bool:
    """Bring ``book`` up to date before a solve, which recomputes only what the variable
    cells reach: formulas a library wrote without values are computed (as Excel does on
    opening the file), and so is whatever an input changed since the engine's last run
    reaches (a constant set through the API: cells the variables do not reach would
    otherwise keep their old values). The engine's smart recalculation does both: a full
    run the first time, then only what changed (nothing when nothing did). True when
    formulas never computed were computed."""
    engine = book.engine
    never = not getattr(book, "_computed_on_open", False) and \
        getattr(engine.dirty, "changed", None) is None and has_uncached_formulas(book.wb)
    book._computed_on_open = True       # the answer cannot change once the file is open
    engine.recalc()
    return never
