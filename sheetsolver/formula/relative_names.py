"""Defined names with relative references, placed at the cell that uses them.

A name defined as ``Sheet1!B1`` (no ``$``) is relative: the file stores it as seen from
cell A1, and a formula in cell C5 using it reads the cell one column right of C5 (D5).
Excel wraps around the sheet's edges, which is how a name for "the cell to the left" is
stored: ``Sheet1!XFD1`` (one column left of A1, wrapped).
"""
from __future__ import annotations

from dataclasses import replace

from . import ast as A
from .refs import MAX_COL, MAX_ROW, parse_cell, split_sheet
from .transform import move_refs, ref_mover, walk


def _is_relative(node) -> bool:
    return (isinstance(node, A.Ref) and not node.bad
            and not (node.abs_r1 and node.abs_c1 and node.abs_r2 and node.abs_c2))


def has_relative(node) -> bool:
    return any(_is_relative(n) for n in walk(node))


def _wrap_around(ref, r1: int, c1: int, r2: int, c2: int):
    """Corners moved off the sheet come back in on the other side, as in Excel."""
    return replace(ref, r1=(r1 - 1) % MAX_ROW + 1, r2=(r2 - 1) % MAX_ROW + 1,
                   c1=(c1 - 1) % MAX_COL + 1, c2=(c2 - 1) % MAX_COL + 1)


_wrapped_ref = ref_mover(_wrap_around)


def anchor(tree, where: str):
    """A defined name's tree as read from the cell ``where`` ("Sheet!C5"): relative
    references moved from A1 to that cell. Unchanged when all references are absolute or
    ``where`` is not a cell."""
    if not has_relative(tree):
        return tree
    try:
        row, col = parse_cell(split_sheet(where)[1])
    except (ValueError, TypeError):
        return tree
    return move_refs(tree, row - 1, col - 1, _wrapped_ref)
