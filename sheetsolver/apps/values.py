"""Read the values an application wrote back into its output workbook.

Only values are read, never formulas: an application may rewrite formulas in a
dialect our parser does not need to understand (LibreOffice's ``of:``-flavoured
names, its own array syntax), and a parse failure must not hide the values. The
zip and XML are opened through :mod:`sheetsolver.package.zipsafe` (bounded, safe) and
read with the package helpers of :mod:`sheetsolver.package.parts`.
"""
from __future__ import annotations

from ..errors import SheetsolverError
from ..formula.refs import parse_area, parse_cell
from ..package.parts import M, cell_value, relationships, sheet_parts
from ..package.reader import load_workbook, shared_strings
from ..package.zipsafe import open_package


def formula_cells(path) -> list:
    """(sheet, row, col) of every formula cell of ``path``, array ranges included."""
    wb = load_workbook(path)
    return [(sh.name, r, c) for sh in wb.sheets for (r, c), cell in sh.cells.items()
            if cell.is_formula]


def read_values(path, cells) -> dict:
    """``{(sheet, row, col): value}`` for ``cells`` as stored in the workbook at ``path``.

    A cell absent from the file reads as None (blank). Sheets are matched by name."""
    pkg = open_package(path)
    parts = sheet_parts(pkg)
    strings = shared_strings(pkg)
    by_sheet: dict = {}
    for key in cells:
        by_sheet.setdefault(key[0], set()).add((key[1], key[2]))
    out = {}
    for sheet, wanted in by_sheet.items():
        part = parts.get(sheet)
        if part is None or not pkg.has(part):
            raise SheetsolverError(f"the application's output has no sheet {sheet!r}",
                                   file=str(path))
        found = {}
        for c in pkg.xml(part).iter(M + "c"):
            rc = parse_cell(c.get("r"))
            if rc in wanted:
                try:
                    found[rc] = cell_value(c, strings)
                except (ValueError, IndexError):
                    raise SheetsolverError("unreadable cell value in the application's output",
                                           file=str(path), sheet=sheet, cell=c.get("r"))
        for rc in wanted:
            out[(sheet, rc[0], rc[1])] = found.get(rc)
    return out


def pivot_areas(path) -> dict:
    """``{sheet: [Area, ...]}``: where each pivot table of ``path`` puts its output.

    Needed because an application may lay a pivot table out differently from Excel
    (LibreOffice re-renders it on load) and overwrite the cells it now covers."""
    pkg = open_package(path)
    out: dict = {}
    for sheet, part in sheet_parts(pkg).items():
        if not part:
            continue
        for _, kind, target in relationships(pkg, part):
            if not kind.endswith("/pivotTable") or not pkg.has(target):
                continue
            loc = pkg.xml(target).find(M + "location")
            if loc is not None and loc.get("ref"):
                out.setdefault(sheet, []).append(parse_area(loc.get("ref"), sheet))
    return out
