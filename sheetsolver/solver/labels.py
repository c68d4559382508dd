"""Names of cells for Solver's reports, taken from the text labels around them.

Excel's Answer Report names each cell by the first text cell to its left in the same
row and the first text cell above it in the same column, joined with a space (a cell
under the column heading "Total" in the row labelled "Protein" is "Protein Total").
"""
from __future__ import annotations

from bisect import bisect_left
from itertools import compress, repeat
from operator import attrgetter

_VALUE = attrgetter("value")


def _text(sh, r, c):
    cell = sh.cells.get((r, c))
    v = None if cell is None else cell.value
    return v.strip() if isinstance(v, str) and v.strip() else None


def _text_cells(sh):
    """{row: sorted text columns}, {col: sorted text rows} of a sheet, built once per sheet:
    labelling every variable cell by scanning left and up is quadratic on big models."""
    cache = getattr(sh, "_label_index", None)
    if cache is None:
        rows, cols = {}, {}
        # the text cells picked out by C-level iteration (map/compress: a Python loop
        # over every cell of a big sheet cost ~2 ms per solve), only they sorted
        values = list(map(_VALUE, sh.cells.values()))
        is_text = map(isinstance, values, repeat(str))
        texts = [rc for rc, v in compress(zip(sh.cells, values), is_text) if v.strip()]
        for (r, c) in sorted(texts):
            rows.setdefault(r, []).append(c)
            cols.setdefault(c, []).append(r)
        cache = (rows, cols)
        try:
            sh._label_index = cache
        except AttributeError:
            pass
    return cache


def label(book, cell) -> str:
    """'Protein Total' for the cell (sheet, row, col), or '' when no label is found."""
    return labels(book, [cell])[0]


def labels(book, cells) -> list[str]:
    """:func:`label` of each cell; each sheet's text index is looked up once (a model
    with thousands of variable cells is labelled in one pass)."""
    out, index = [], {}
    for sheet, r, c in cells:
        found = index.get(sheet)
        if found is None:
            sh = book.wb.sheet(sheet)
            found = index[sheet] = (sh, *_text_cells(sh))
        sh, rows, cols = found
        in_row, in_col = rows.get(r), cols.get(c)
        left = above = None
        if in_row:
            i = bisect_left(in_row, c)
            left = _text(sh, r, in_row[i - 1]) if i else None
        if in_col:
            j = bisect_left(in_col, r)
            above = _text(sh, in_col[j - 1], c) if j else None
        # (left and above are None or non-empty: " ".join of those present, unrolled)
        out.append(f"{left} {above}" if left and above else left or above or "")
    return out
