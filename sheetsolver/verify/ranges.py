"""Compress a set of cells into A1 ranges: ``movielens_1hot!AE3:AI208``."""
from __future__ import annotations

from ..formula.refs import cell_name


def rectangles(cells) -> list:
    """[(sheet, r1, c1, r2, c2)] covering exactly ``cells`` ((sheet, row, col) tuples):
    runs of rows per column, then neighbouring columns with the same run merged."""
    by_sheet: dict = {}
    for s, r, c in cells:
        by_sheet.setdefault(s, {}).setdefault(c, []).append(r)
    out = []
    for s, cols in by_sheet.items():
        runs = {}  # (r1, r2) -> [cols]
        for c, rows in cols.items():
            rows.sort()
            start = prev = rows[0]
            for r in rows[1:] + [None]:
                if r is not None and r == prev + 1:
                    prev = r
                    continue
                runs.setdefault((start, prev), []).append(c)
                if r is not None:
                    start = prev = r
        for (r1, r2), cs in runs.items():
            cs.sort()
            c_start = c_prev = cs[0]
            for c in cs[1:] + [None]:
                if c is not None and c == c_prev + 1:
                    c_prev = c
                    continue
                out.append((s, r1, c_start, r2, c_prev))
                if c is not None:
                    c_start = c_prev = c
    return sorted(out, key=lambda t: (t[0], t[2], t[1]))


def area_text(sheet, r1, c1, r2, c2) -> str:
    a = cell_name(r1, c1)
    b = cell_name(r2, c2)
    return f"{sheet}!{a}" if a == b else f"{sheet}!{a}:{b}"


def compress(cells, limit: int | None = 8) -> str:
    """Comma-separated ranges, at most ``limit`` of them (then "+N more ranges")."""
    rects = rectangles(cells)
    texts = [area_text(*t) for t in rects]
    if limit is not None and len(texts) > limit:
        return ", ".join(texts[:limit]) + f", +{len(texts) - limit} more ranges"
    return ", ".join(texts)
