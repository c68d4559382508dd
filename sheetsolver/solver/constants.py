"""Variable cells that hold formulas become constants in the saved file, as Excel's
Solver leaves them (it writes the solution values into the changing cells, replacing
what they held), so that the next recalculation cannot undo the solution.

The lossless writer patches values and keeps every ``<f>`` element; this module
supplies the sheet parts with the ``<f>`` of those cells removed (and their entries
removed from ``xl/calcChain.xml``) as ``replace_parts`` for ``Book.save``. A cell
that is the master of a shared formula whose range reaches beyond the solved cells
keeps its formula (removing it would break the other cells of the group); such cells
are reported.
"""
from __future__ import annotations

import re

from ..formula.refs import cell_name, parse_area

_CELL = re.compile(rb'<c\b([^>]*?)(/>|>(.*?)</c>)', re.S)
_F = re.compile(rb"<f\b[^>]*/>|<f\b[^>]*>.*?</f>", re.S)


def formula_cells(book, cells) -> list:
    """The (sheet, row, col) among ``cells`` that hold formulas in the workbook."""
    out = []
    for s, r, c in cells:
        cell = book.wb.sheet(s).cells.get((r, c))
        if cell is not None and cell.is_formula:
            out.append((s, r, c))
    return out


def _strip(xml: bytes, refs: set) -> tuple[bytes, set]:
    """Remove the <f> of the cells ``refs`` ("B25"); returns (xml, refs kept)."""
    kept = set()

    def sub(m):
        attrs = m.group(1)
        r = re.search(rb'\br="([A-Z]+[0-9]+)"', attrs)
        if not r or r.group(1).decode() not in refs or m.group(3) is None:
            return m.group(0)
        body = m.group(3)
        f = _F.search(body)
        if f is None:
            return m.group(0)
        tag = f.group(0)
        ref = re.search(rb'\bref="([^"]+)"', tag)
        if b't="shared"' in tag and ref is not None:
            group = parse_area(ref.group(1).decode())
            if any(cell_name(rr, cc) not in refs for rr, cc in group.cells()):
                kept.add(r.group(1).decode())
                return m.group(0)
        body = body[:f.start()] + body[f.end():]
        attrs = re.sub(rb'\s+t="str"', b"", attrs)
        return b"<c" + attrs + b">" + body + b"</c>"
    return _CELL.sub(sub, xml), kept


def _calc_chain(data: bytes, drop: set) -> bytes:
    """calcChain without the entries of ``drop`` ((sheetId, "B25")); every entry written
    with its explicit sheet id (later entries inherit ``i`` from earlier ones)."""
    cur = None
    out = []
    last = 0
    text = data
    for m in re.finditer(rb"<c\b([^>]*)/>", text):
        attrs = m.group(1)
        i = re.search(rb'\bi="(\d+)"', attrs)
        if i:
            cur = i.group(1).decode()
        r = re.search(rb'\br="([^"]+)"', attrs).group(1).decode()
        if (cur, r) in drop:
            out.append((m.start(), m.end(), b""))
        elif not i and cur is not None:
            out.append((m.start(), m.end(), b"<c" + attrs.rstrip() + b' i="' +
                        cur.encode() + b'"/>'))
    if not out:
        return data
    res = []
    for s, e, rep in out:
        res.append(text[last:s])
        res.append(rep)
        last = e
    res.append(text[last:])
    return b"".join(res)


def replace_parts(book, cells, base: dict | None = None) -> tuple[dict, list]:
    """(replace_parts for Book.save, cells that had to keep their formula)."""
    parts = dict(base or {})
    by_sheet: dict = {}
    for s, r, c in cells:
        by_sheet.setdefault(s, set()).add(cell_name(r, c))
    kept_all, drop = [], set()
    names = {}
    wbxml = book.wb.package.data.get("xl/workbook.xml", b"").decode("utf-8", "replace")
    for t in re.finditer(r"<sheet\b[^>]*/>", wbxml):
        n = re.search(r'\bname="([^"]*)"', t.group(0))
        i = re.search(r'\bsheetId="(\d+)"', t.group(0))
        if n and i:
            names[n.group(1).replace("&amp;", "&").replace("&apos;", "'")] = i.group(1)
    for s, refs in by_sheet.items():
        part = book.wb.sheet(s).part
        xml, kept = _strip(parts.get(part, book.wb.package.data[part]), refs)
        parts[part] = xml
        kept_all += [f"{s}!{k}" for k in sorted(kept)]
        sid = names.get(s)
        drop |= {(sid, r) for r in refs - kept}
    chain = "xl/calcChain.xml"
    if chain in book.wb.package.data and drop:
        parts[chain] = _calc_chain(parts.get(chain, book.wb.package.data[chain]), drop)
    return parts, kept_all


def mark_constants(book, cells) -> None:
    """Turn the workbook model's cells into constants (their value stays the cached one
    until the engine's solved value is written by Book.save)."""
    for s, r, c in cells:
        cell = book.wb.sheet(s).cells.get((r, c))
        if cell is not None:
            cell.tree = None
            cell.formula_text = None
            cell.shared = False
