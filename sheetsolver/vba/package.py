"""Link VBA modules to the sheets of an .xlsm package.

Why: each sheet tab of the fast.ai workbook has its own code module (with its
own ``onestep``); the link is the sheet's code name (``<sheetPr
codeName="basic"/>`` in ``xl/worksheets/sheetN.xml``), which equals the module
name.  Standard modules are not tied to a sheet: their macros act on the
active sheet, so they are offered on every sheet.
"""
from __future__ import annotations

import posixpath
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

from sheetsolver.errors import SheetsolverError
from sheetsolver.vba.interpreter import MacroProject, load_macros
from sheetsolver.vba.ovba import read_vba_modules_info

__all__ = ["sheet_codenames", "load_macros_from_package", "macros_by_sheet"]

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _read_xml(zf: zipfile.ZipFile, name: str, path: Path):
    try:
        return ET.fromstring(zf.read(name))
    except KeyError:
        raise SheetsolverError(f"package part {name!r} is missing", file=str(path)) from None
    except ET.ParseError as exc:
        raise SheetsolverError(f"package part {name!r} is not valid XML: {exc}",
                               file=str(path)) from None


def _sheet_codenames(zf: zipfile.ZipFile, path: Path) -> tuple[dict[str, str | None], str]:
    """(sheet name -> code name or None, in tab order; workbook code name)."""
    wb = _read_xml(zf, "xl/workbook.xml", path)
    rels = _read_xml(zf, "xl/_rels/workbook.xml.rels", path)
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_NS_PKG_REL}Relationship")}
    wb_pr = wb.find(f"{_NS_MAIN}workbookPr")
    wb_code = (wb_pr.get("codeName") if wb_pr is not None else None) or "ThisWorkbook"
    out: dict[str, str | None] = {}
    for sheet in wb.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join("xl", target))
        code = None
        if part in zf.namelist():
            pr = _read_xml(zf, part, path).find(f"{_NS_MAIN}sheetPr")
            code = pr.get("codeName") if pr is not None else None
        out[sheet.get("name")] = code
    return out, wb_code


def sheet_codenames(path) -> dict[str, str | None]:
    """``{sheet name: code name}`` in tab order (None when the sheet has none)."""
    path = Path(path)
    with _open(path) as zf:
        return _sheet_codenames(zf, path)[0]


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise SheetsolverError(f"cannot read workbook package: {exc}", file=str(path)) from None


def load_macros_from_package(path) -> MacroProject:
    """Read, parse and link all modules of ``path`` (empty project if no macros)."""
    path = Path(path)
    with _open(path) as zf:
        codes, _ = _sheet_codenames(zf, path)
        try:
            data = zf.read("xl/vbaProject.bin")
        except KeyError:
            data = None
    infos = read_vba_modules_info(data, file=str(path)) if data is not None else []
    sources = {m.name: text for m, text in infos}
    kinds = {m.name: m.kind for m, _ in infos}
    codenames = {sheet: code for sheet, code in codes.items() if code}
    return load_macros(sources, kinds=kinds, codenames=codenames, file=str(path))


def macros_by_sheet(path) -> dict[str, list[str]]:
    """``{sheet name: [macro names]}`` for every sheet, in tab order.

    A sheet lists the public parameterless Subs of its own code module, then
    those of standard modules and of ThisWorkbook (which act on the active
    sheet), without duplicates.  Run one with
    ``project.run(name, host, sheet)``; ``project.find(name, sheet)`` tells
    which module it comes from.
    """
    project = load_macros_from_package(path)
    public = [m for m in project.macros if not m.private]
    result: dict[str, list[str]] = {}
    for sheet in sheet_codenames(path):
        code = (project.codenames.get(sheet) or "").lower()
        names = [m.name for m in public if m.module.lower() == code and code]
        for m in public:
            if project.is_shared_module(m.module) and m.name.lower() not in {n.lower() for n in names}:
                names.append(m.name)
        result[sheet] = names
    return result
