"""Which rows of a sheet are hidden, and which of those a filter hid, for SUBTOTAL and
AGGREGATE.

Excel's SUBTOTAL always leaves out rows hidden by a filter; function numbers 101-111
also leave out rows hidden by hand. AGGREGATE's options 1, 3, 5 and 7 leave out all
hidden rows. A file records both kinds the same way (``<row hidden="1">``); a hidden
row inside the range of the sheet's AutoFilter or of a table's filter (below its
header row) is taken as filtered. The sheet's XML is read once per engine and sheet.
"""
from __future__ import annotations

from ...formula.refs import parse_area
from ...package.parts import M, R, relationships


def _filter_rows(pkg, part: str, root) -> list[tuple[int, int]]:
    """(first, last) data rows of the sheet's AutoFilter and of its tables' filters."""
    spans = []
    af = root.find(M + "autoFilter")
    refs = [af.get("ref")] if af is not None and af.get("ref") else []
    parts = root.find(M + "tableParts")
    if parts is not None:
        rels = {rid: target for rid, _, target in relationships(pkg, part)}
        for tp in parts.iter(M + "tablePart"):
            target = rels.get(tp.get(R + "id"))
            if target and pkg.has(target):
                table = pkg.xml(target)
                taf = table.find(M + "autoFilter")
                ref = (taf.get("ref") if taf is not None else None) or table.get("ref")
                if ref:
                    refs.append(ref)
    for ref in refs:
        try:
            a = parse_area(ref, None)
        except (ValueError, TypeError):
            continue
        spans.append((a.r1 + 1, a.r2))   # the header row is never filtered out
    return spans


def _read(engine, sheet: str) -> tuple[frozenset, frozenset]:
    wb = engine.wb
    pkg = getattr(wb, "package", None)
    part = getattr(wb, "sheet_parts", {}).get(sheet)
    if pkg is None or part is None or not pkg.has(part):
        return frozenset(), frozenset()
    root = pkg.xml(part)
    hidden, r = set(), 0
    for row in root.iter(M + "row"):
        r = int(row.get("r")) if row.get("r") else r + 1
        if row.get("hidden") in ("1", "true"):
            hidden.add(r)
    if not hidden:
        return frozenset(), frozenset()
    spans = _filter_rows(pkg, part, root)
    filtered = {h for h in hidden if any(lo <= h <= hi for lo, hi in spans)}
    return frozenset(hidden), frozenset(filtered)


def hidden_rows(engine, sheet: str) -> tuple[frozenset, frozenset]:
    """(all hidden rows, rows hidden by a filter) of ``sheet``, 1-based."""
    cache = engine.__dict__.setdefault("_hidden_rows", {})
    got = cache.get(sheet)
    if got is None:
        got = cache[sheet] = _read(engine, sheet)
    return got
