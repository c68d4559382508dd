"""Read the values an application wrote back into its output workbook.

Only values are read, never formulas: an application may rewrite formulas in a
dialect our parser does not need to understand (LibreOffice's ``of:``-flavoured
names, its own array syntax), and a parse failure must not hide the values. The
zip and XML are opened through :mod:`sheetsolver.package.zipsafe` (bounded, safe).
"""
from __future__ import annotations

import posixpath

from ..errors import SheetsolverError
from ..formula.refs import parse_cell
from ..package.reader import load_workbook, shared_strings
from ..package.zipsafe import open_package
from ..values import ERROR_CODES, ExcelError

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def formula_cells(path) -> list:
    """(sheet, row, col) of every formula cell of ``path``, array ranges included."""
    wb = load_workbook(path)
    return [(sh.name, r, c) for sh in wb.sheets for (r, c), cell in sh.cells.items()
            if cell.is_formula]


def _sheet_parts(pkg) -> dict:
    rels = {}
    for r in pkg.xml("xl/_rels/workbook.xml.rels").iter(PR + "Relationship"):
        t = r.get("Target", "")
        rels[r.get("Id")] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(
            posixpath.join("xl", t))
    sheets = pkg.xml("xl/workbook.xml").find(M + "sheets")
    return {s.get("name"): rels.get(s.get(R + "id"))
            for s in (sheets if sheets is not None else [])}


def _value(c, strings):
    t = c.get("t", "n")
    if t == "inlineStr":
        return "".join(x.text or "" for x in c.iter(M + "t"))
    v = c.find(M + "v")
    if v is None or v.text is None:
        return "" if t == "str" and v is not None else None
    text = v.text
    if t == "s":
        return strings[int(text)]
    if t in ("str", "d"):
        return text
    if t == "b":
        return text.strip() in ("1", "true")
    if t == "e":
        return ERROR_CODES.get(text.strip(), ExcelError(text.strip()))
    return float(text)


def read_values(path, cells) -> dict:
    """``{(sheet, row, col): value}`` for ``cells`` as stored in the workbook at ``path``.

    A cell absent from the file reads as None (blank). Sheets are matched by name."""
    pkg = open_package(path)
    parts = _sheet_parts(pkg)
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
                    found[rc] = _value(c, strings)
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
    from ..formula.refs import parse_area
    pkg = open_package(path)
    out: dict = {}
    for sheet, part in _sheet_parts(pkg).items():
        d, base = posixpath.split(part or "")
        rels = posixpath.join(d, "_rels", base + ".rels")
        if not part or not pkg.has(rels):
            continue
        for r in pkg.xml(rels).iter(PR + "Relationship"):
            if not r.get("Type", "").endswith("/pivotTable"):
                continue
            target = posixpath.normpath(posixpath.join(d, r.get("Target", "")))
            if not pkg.has(target):
                continue
            loc = pkg.xml(target).find(M + "location")
            if loc is not None and loc.get("ref"):
                out.setdefault(sheet, []).append(parse_area(loc.get("ref"), sheet))
    return out
