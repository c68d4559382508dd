"""Small OOXML readers shared by every module that looks inside a workbook package.

Why one module: the workbook reader, the reader of an application's output values
and the VBA linker all need the same few things (namespaces, relationship targets,
which part holds which sheet, a ``<c>`` element's value); each had its own copy.
Parts come from a :class:`~sheetsolver.package.zipsafe.Package` (bounded, no DOCTYPE).
"""
from __future__ import annotations

import posixpath

from ..date_system import iso_serial
from ..values import ERROR_CODES, ExcelError
from .zipsafe import Package

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def relationships(pkg: Package, part: str) -> list[tuple[str, str, str]]:
    """(id, type, target part) of ``part``'s internal relationships, targets resolved
    against the part's folder (external targets such as hyperlinks are left out)."""
    d, base = posixpath.split(part)
    rels = posixpath.join(d, "_rels", base + ".rels")
    if not pkg.has(rels):
        return []
    out = []
    for r in pkg.xml(rels).iter(PR + "Relationship"):
        if r.get("TargetMode") == "External":
            continue
        t = r.get("Target", "")
        t = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join(d, t))
        out.append((r.get("Id"), r.get("Type", ""), t))
    return out


def sheet_parts(pkg: Package) -> dict[str, str | None]:
    """{sheet name: part name} in tab order (None when the relationship is missing)."""
    targets = {rid: t for rid, _, t in relationships(pkg, "xl/workbook.xml")}
    sheets = pkg.xml("xl/workbook.xml").find(M + "sheets")
    return {s.get("name"): targets.get(s.get(R + "id"))
            for s in (sheets if sheets is not None else [])}


def cell_value(c, strings: list):
    """The stored value of a ``<c>`` element: float, str, bool, ExcelError or None
    (blank). Raises ValueError/IndexError on a value its type cannot hold."""
    t = c.get("t", "n")
    if t == "inlineStr":
        return "".join(x.text or "" for x in c.iter(M + "t"))
    v = c.find(M + "v")
    return typed_value(t, None if v is None else v.text or "", strings)


def typed_value(t: str | None, text: str | None, strings: list):
    """A cell's value from its type ``t`` (None: a number) and the text of its ``<v>``
    (None: no ``<v>``; an inline string's text for t="inlineStr")."""
    t = t or "n"
    if t == "inlineStr":
        return text or ""
    if not text:
        return "" if t == "str" and text is not None else None
    if t == "n":
        return float(text)
    if t == "s":
        return strings[int(text)]
    if t == "b":
        return text.strip() in ("1", "true")
    if t == "e":
        return ERROR_CODES.get(text.strip(), ExcelError(text.strip()))
    if t == "d":   # an ISO 8601 date: its serial number (date_system)
        return iso_serial(text)
    return text   # "str" and anything unknown: the text as stored
