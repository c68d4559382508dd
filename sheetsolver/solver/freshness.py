"""Compute a workbook written without cached formula values before solving.

Excel writes every formula cell's last value; workbooks written by libraries hold
formulas with no value at all (openpyxl) or a placeholder 0 with ``fullCalcOnLoad``
set (XlsxWriter, pandas), and Excel computes them when it opens the file. A solve
recomputes only what depends on the variable cells, so a formula of constants (a price
looked up with VLOOKUP, a ROUNDed unit cost) would be read as blank:
:func:`ensure_computed` recalculates the whole workbook once when any formula cell has
no cached value or the workbook asks for a full calculation on load, as Excel does on
opening it.
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
    """Recalculate ``book`` when it holds formulas never computed (once per book: the
    engine keeps the values); True when it did."""
    if getattr(book, "_computed_on_open", False):
        return False
    book._computed_on_open = True       # the answer cannot change once the file is open
    if getattr(book.engine.dirty, "changed", None) is not None:
        return False    # the engine has run every formula since its plan: none is unknown
    if not has_uncached_formulas(book.wb):
        return False
    book.engine.recalc()
    return True
