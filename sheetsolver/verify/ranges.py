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
            for run in _runs(rows):
                runs.setdefault(run, []).append(c)
        for (r1, r2), cs in runs.items():
            out += [(s, r1, c1, r2, c2) for c1, c2 in _runs(cs)]
    return sorted(out, key=lambda t: (t[0], t[2], t[1]))


def _runs(numbers) -> list:
    """[(first, last)] of the runs of consecutive integers in ``numbers``, in order."""
    out = []
    for n in sorted(numbers):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


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
