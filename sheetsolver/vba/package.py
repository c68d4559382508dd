"""Link VBA modules to the sheets of an .xlsm package.

Why: each sheet tab of the fast.ai workbook has its own code module (with its
own ``onestep``); the link is the sheet's code name (``<sheetPr
codeName="basic"/>`` in ``xl/worksheets/sheetN.xml``), which equals the module
name.  Standard modules are not tied to a sheet: their macros act on the
active sheet, so they are offered on every sheet.
"""
from __future__ import annotations

from sheetsolver.package.parts import M, sheet_parts
from sheetsolver.package.zipsafe import Package, open_package
from sheetsolver.vba.interpreter import MacroProject, load_macros
from sheetsolver.vba.ovba import read_vba_modules_info

__all__ = ["sheet_codenames", "load_macros_from_package", "macros_by_sheet"]


def _sheet_codenames(pkg: Package) -> tuple[dict[str, str | None], str]:
    """(sheet name -> code name or None, in tab order; workbook code name)."""
    wb_pr = pkg.xml("xl/workbook.xml").find(f"{M}workbookPr")
    wb_code = (wb_pr.get("codeName") if wb_pr is not None else None) or "ThisWorkbook"
    out: dict[str, str | None] = {}
    for sheet, part in sheet_parts(pkg).items():
        code = None
        if part is not None and pkg.has(part):
            pr = pkg.xml(part).find(f"{M}sheetPr")
            code = pr.get("codeName") if pr is not None else None
        out[sheet] = code
    return out, wb_code


def sheet_codenames(path) -> dict[str, str | None]:
    """``{sheet name: code name}`` in tab order (None when the sheet has none)."""
    return _sheet_codenames(open_package(path))[0]


def load_macros_from_package(path) -> MacroProject:
    """Read, parse and link all modules of ``path`` (empty project if no macros)."""
    pkg = open_package(path)
    codes, _ = _sheet_codenames(pkg)
    data = pkg.read("xl/vbaProject.bin") if pkg.has("xl/vbaProject.bin") else None
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
