"""Fill in the cached value of every formula cell with sheetsolver's own engine.

A built workbook must open in any reader with correct values before any
recalculation, so ``build`` writes the package once without cached values,
opens it with :class:`~sheetsolver.book.Book`, recalculates, and writes the
final package with the engine's values (errors if any formula fails to compile
or yields an Excel error, so a broken layout never ships).
"""
from __future__ import annotations

import os
import tempfile

from ..book import Book
from ..errors import SheetsolverError
from ..formula.refs import cell_name
from ..package.output import atomic_output
from ..values import ExcelError
from .xlsx import WorkbookSpec, write_package


def engine_values(spec: WorkbookSpec) -> dict[str, dict[tuple[int, int], object]]:
    """{sheet: {(row, col): value}} of every formula cell, computed by the engine."""
    suffix = ".xlsm" if spec.macro_enabled else ".xlsx"
    fd, tmp = tempfile.mkstemp(suffix=suffix, prefix="sheetsolver-build-")
    os.close(fd)
    try:
        write_package(spec, tmp)
        book = Book.open(tmp)
        book.recalc()
        out: dict[str, dict] = {}
        for sh in spec.sheets:
            vals = out.setdefault(sh.name, {})
            for r, c in sh.formula_cells():
                v = book.engine.cell(sh.name, r, c)
                if isinstance(v, ExcelError):
                    raise SheetsolverError(f"built formula {sh.cells[(r, c)]} evaluates to {v}",
                                           sheet=sh.name, cell=cell_name(r, c))
                vals[(r, c)] = v
        return out
    finally:
        os.unlink(tmp)


def write_with_values(spec: WorkbookSpec, out) -> dict:
    """Compute every formula's value, then write ``out`` atomically; returns the values."""
    values = engine_values(spec)
    with atomic_output(os.fspath(out)) as tmp:
        write_package(spec, tmp, values)
    return values
