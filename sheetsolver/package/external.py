"""External workbook links: the values Excel cached from other workbooks.

A formula such as ``[1]Sheet1!A1`` (``'C:\\dir\\[Book.xlsx]Sheet1'!A1`` on screen) reads
``xl/externalLinks/externalLinkN.xml``, which keeps the other workbook's sheet names,
defined names and the values of the cells this workbook refers to. Those values are data
in the file: we substitute them as constants (:func:`literal`), as Excel does when the
other workbook is not open. A reference to something not cached is left alone, so the cell
keeps its own cached value and is reported as uncomputable.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote

from ..formula.refs import parse_cell
from ..values import ERROR_CODES, ExcelError

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass
class ExternalBook:
    """One linked workbook: ``cells[sheet name lower][(row, col)]`` are cached values."""
    sheets: list = field(default_factory=list)
    cells: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)   # name lower -> refersTo text
    target: str = ""                            # the linked file, as the link records it

    def describe(self) -> str:
        n = sum(len(c) for c in self.cells.values())
        name = self.target.replace("\\", "/").rsplit("/", 1)[-1] or "?"
        return f"{name} ({len(self.sheets)} sheets, {n:,} cached cells)"


def _cell_value(c):
    t = c.get("t", "n")
    v = c.find(M + "v")
    text = v.text if v is not None else None
    if text is None:
        return None
    if t == "n":
        return float(text)
    if t == "b":
        return text.strip() in ("1", "true")
    if t == "e":
        return ERROR_CODES.get(text, ExcelError(text))
    return text   # "s"/"str": external links keep the text itself, not a shared-string index


def _link_target(pkg, part: str) -> str:
    d, base = posixpath.split(part)
    rels = posixpath.join(d, "_rels", base + ".rels")
    if not pkg.has(rels):
        return ""
    for r in pkg.xml(rels):
        if (r.get("Type") or "").endswith("/externalLinkPath"):
            return unquote(r.get("Target") or "")
    return ""


def read_external_links(pkg, workbook_xml, rels: dict) -> dict:
    """Index (1-based, as in ``[1]``) -> :class:`ExternalBook`, for ``<externalReference>``
    elements of ``workbook_xml`` (``rels``: relationship id -> part name). Unreadable
    links are skipped."""
    out = {}
    refs = workbook_xml.find(M + "externalReferences")
    for k, ref in enumerate(refs if refs is not None else [], start=1):
        part = rels.get(ref.get(R + "id"))
        if part is None or not pkg.has(part):
            continue
        try:
            book_el = pkg.xml(part).find(M + "externalBook")
            if book_el is None:
                continue
            book = ExternalBook(target=_link_target(pkg, part))
            book.sheets = [s.get("val") for s in book_el.iter(M + "sheetName")]
            for d in book_el.iter(M + "definedName"):
                book.names[(d.get("name") or "").lower()] = d.get("refersTo") or ""
            for sd in book_el.iter(M + "sheetData"):
                sid = int(sd.get("sheetId", "0"))
                if sid >= len(book.sheets):
                    continue
                cells = book.cells.setdefault(book.sheets[sid].lower(), {})
                for c in sd.iter(M + "cell"):
                    cells[parse_cell(c.get("r"))] = _cell_value(c)
            out[k] = book
        except (ValueError, TypeError, AttributeError):
            continue
    return out


def literal(value) -> str:
    """A cached value as formula text (a number, string, boolean or error constant)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        text = repr(value)
        return f"({text})" if value < 0 else text
    if isinstance(value, ExcelError):
        return str(value)
    if value is None:
        return "0"          # an external blank cell reads as 0, as =[1]Sheet1!A1 shows
    return '"' + str(value).replace('"', '""') + '"'


def area_text(book: ExternalBook, sheet: str, r1: int, c1: int, r2: int, c2: int):
    """Formula text for the cached values of an external area: a constant for one cell,
    an array constant for several (None when a cell of a multi-cell area is not cached)."""
    cells = book.cells.get(sheet.lower())
    if cells is None:
        return None
    if (r1, c1) == (r2, c2):
        if (r1, c1) not in cells:
            return None if not cells else literal(None)
        return literal(cells[(r1, c1)])
    if (r2 - r1 + 1) * (c2 - c1 + 1) > 100_000:
        return None
    rows = []
    for r in range(r1, r2 + 1):
        row = []
        for c in range(c1, c2 + 1):
            v = cells.get((r, c))
            if v is None:
                return None
            row.append(literal(v).strip("()"))
        rows.append(",".join(row))
    return "{" + ";".join(rows) + "}"
