"""Names of cells for Solver's reports, taken from the text labels around them.

Excel's Answer Report names each cell by the first text cell to its left in the same
row and the first text cell above it in the same column, joined with a space (a cell
under the column heading "Total" in the row labelled "Protein" is "Protein Total").
"""
from __future__ import annotations


def _text(sh, r, c):
    cell = sh.cells.get((r, c))
    v = None if cell is None else cell.value
    return v.strip() if isinstance(v, str) and v.strip() else None


def label(book, cell) -> str:
    """'Protein Total' for the cell (sheet, row, col), or '' when no label is found."""
    sheet, r, c = cell
    sh = book.wb.sheet(sheet)
    left = next((t for cc in range(c - 1, 0, -1) if (t := _text(sh, r, cc))), None)
    above = next((t for rr in range(r - 1, 0, -1) if (t := _text(sh, rr, c))), None)
    return " ".join(t for t in (left, above) if t)
