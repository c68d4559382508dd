"""Excel backend through xlwings (optional extra ``sheetsolver[excel]``; Windows/macOS only).

Opens a copy of the workbook in an invisible Excel instance, forces a full
recalculation (``CalculateFull``) and reads the values back. On Linux, or without
xlwings installed, every entry point raises a clear "Excel is not available here".
Only that error path can be tested on the CI machines.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..errors import SheetsolverError
from ..values import ERROR_CODES

NOT_AVAILABLE = ("Excel is not available here: `--with excel` needs Microsoft Excel on "
                 "Windows or macOS and `pip install sheetsolver[excel]` (xlwings); "
                 "use `--with libreoffice` instead")


def _xlwings():
    if not (sys.platform.startswith("win") or sys.platform == "darwin"):
        raise SheetsolverError(NOT_AVAILABLE)
    try:
        import xlwings  # noqa: PLC0415 (optional dependency)
    except ImportError:
        raise SheetsolverError(NOT_AVAILABLE) from None
    return xlwings


def available() -> bool:
    try:
        _xlwings()
    except SheetsolverError:
        return False
    return True


def _convert(v):
    if isinstance(v, str) and v in ERROR_CODES:
        return ERROR_CODES[v]
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return float(v)
    return str(v)  # dates and the like: compared as text


def recalculated_book(path, cells, *, timeout: float = 180):
    """:class:`~sheetsolver.apps.AppResult` with Excel's freshly recalculated ``cells``."""
    from . import AppResult
    xw = _xlwings()
    work = tempfile.mkdtemp(prefix="sheetsolver-xl-")
    copy = os.path.join(work, "book" + Path(path).suffix)
    shutil.copyfile(path, copy)
    app = xw.App(visible=False, add_book=False)
    try:
        app.display_alerts = False
        book = app.books.open(copy, update_links=False)
        app.api.CalculateFull()
        values = {}
        by_sheet: dict = {}
        for sheet, r, c in cells:
            by_sheet.setdefault(sheet, []).append((r, c))
        for sheet, rcs in by_sheet.items():   # one COM call per sheet, not per cell
            used = book.sheets[sheet].used_range
            grid = used.options(ndim=2, err_to_str=True).value
            r0, c0 = used.row, used.column
            for r, c in rcs:
                i, j = r - r0, c - c0
                inside = 0 <= i < len(grid) and 0 <= j < len(grid[i])
                values[(sheet, r, c)] = _convert(grid[i][j]) if inside else None
        version = f"Microsoft Excel {app.version}"
        book.close()
    finally:
        app.quit()
        shutil.rmtree(work, ignore_errors=True)
    return AppResult("Excel", version, values, {})


def recalculated_values(path, *, timeout: float = 180) -> dict:
    """Excel's recalculated value of every formula cell of ``path``."""
    from .values import formula_cells
    _xlwings()
    return recalculated_book(path, formula_cells(path), timeout=timeout).values
