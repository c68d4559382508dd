"""What formulas need from the rest of the package before they can be parsed: the
tables (structured references), the sheet order (3-D references), the cached values of
linked workbooks (external references) and the date system (1904 or 1900).

:func:`prepare` is called once by the reader; it returns the
:class:`~sheetsolver.formula.workbook_refs.RefRewriter` applied to each formula's text.
"""
from __future__ import annotations

from .. import date_system
from ..formula.workbook_refs import RefRewriter
from .external import read_external_links
from .tables import read_tables

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def is_1904(workbook_xml) -> bool:
    """``<workbookPr date1904="1"/>``: serial 0 is 1904-01-01 (Excel for Mac's old default)."""
    pr = workbook_xml.find(M + "workbookPr")
    return pr is not None and pr.get("date1904", "0").lower() in ("1", "true")


def prepare(pkg, wb, workbook_xml, rels: dict) -> RefRewriter | None:
    """Read tables, external links and the date system into ``wb``; rewrite defined names
    that use structured, 3-D or external references; the rewriter for cell formulas
    (None when the workbook needs none)."""
    wb.date1904 = is_1904(workbook_xml)
    date_system.use(wb)   # t="d" cells and text dates read while loading
    wb.tables = read_tables(pkg, wb.sheets)
    wb.external_books = read_external_links(pkg, workbook_xml, rels)
    rewriter = RefRewriter(wb.tables, [s.name for s in wb.sheets], wb.external_books)
    if not rewriter.active:
        return None
    for n in wb.names:
        if n.text and rewriter.needed(n.text):
            n.text = rewriter(n.text)   # no host cell: #This Row is #REF! in a name
    return rewriter


def describe(wb) -> list[str]:
    """Lines for ``inspect``: the workbook's tables, external links and date system."""
    out = []
    tables = getattr(wb, "tables", [])
    if tables:
        from ..formula.refs import Area
        out.append(f"tables: {len(tables)}: " + ", ".join(
            f"{t.name} ({Area(t.sheet, t.r1, t.c1, t.r2, t.c2).a1()})" for t in tables[:8])
            + (f" and {len(tables) - 8} more" if len(tables) > 8 else ""))
    books = getattr(wb, "external_books", {})
    if books:
        out.append("external links (their cached values are used): " + ", ".join(
            f"[{k}] {b.describe()}" for k, b in sorted(books.items())))
    if getattr(wb, "date1904", False):
        out.append("date system: 1904 (serial 0 is 1 Jan 1904)")
    return out
