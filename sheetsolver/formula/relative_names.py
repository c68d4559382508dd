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


def _wrap(v: int, offset: int, size: int) -> int:
    return (v - 1 + offset) % size + 1


def has_relative(node) -> bool:
    if isinstance(node, A.Ref):
        return not node.bad and not (node.abs_r1 and node.abs_c1 and node.abs_r2 and node.abs_c2)
    if isinstance(node, A.Func):
        return any(has_relative(a) for a in node.args)
    if isinstance(node, A.Unary):
        return has_relative(node.operand)
    if isinstance(node, A.Binary):
        return has_relative(node.left) or has_relative(node.right)
    return False


def _moved(node, dr: int, dc: int):
    if isinstance(node, A.Ref):
        if node.bad:
            return node
        whole_cols = node.r1 == 1 and node.r2 == MAX_ROW
        whole_rows = node.c1 == 1 and node.c2 == MAX_COL
        r1 = node.r1 if node.abs_r1 or whole_cols else _wrap(node.r1, dr, MAX_ROW)
        r2 = node.r2 if node.abs_r2 or whole_cols else _wrap(node.r2, dr, MAX_ROW)
        c1 = node.c1 if node.abs_c1 or whole_rows else _wrap(node.c1, dc, MAX_COL)
        c2 = node.c2 if node.abs_c2 or whole_rows else _wrap(node.c2, dc, MAX_COL)
        return replace(node, r1=r1, r2=r2, c1=c1, c2=c2)
    if isinstance(node, A.Func):
        return A.Func(node.name, tuple(_moved(a, dr, dc) for a in node.args))
    if isinstance(node, A.Unary):
        return A.Unary(node.op, _moved(node.operand, dr, dc))
    if isinstance(node, A.Binary):
        return A.Binary(node.op, _moved(node.left, dr, dc), _moved(node.right, dr, dc))
    return node


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
    return _moved(tree, row - 1, col - 1)
