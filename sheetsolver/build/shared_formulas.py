"""Find the filled-down (and filled-right) blocks of a built sheet, to write them as
Excel's shared formulas.

Excel stores a block made by filling one formula down or right once: the first cell
carries ``<f t="shared" ref="B2:B9" si="0">A2*2</f>`` and every other cell of the
block only ``<f t="shared" si="0"/>``; a reader rebuilds each follower by moving the
first cell's formula (its relative references shift, ``$`` parts stay). That makes the
files smaller and faster to open in every application, ours included: the formula
is parsed once per block instead of once per cell.

Two formulas are copies of each other when their token streams agree once every
reference is written relative to its own cell (R1C1 form). Comparing tokens is
conservative (a formula that could be written in two ways is never shared with the
other spelling) and about ten times cheaper than parsing each formula.
"""
from __future__ import annotations

import re

from ..formula.parser import FormulaSyntaxError, tokenize
from ..formula.refs import cell_name, col_to_index

_CELL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)")
_COL = re.compile(r"(\$?)([A-Za-z]{1,3})")
_ROW = re.compile(r"(\$?)([0-9]+)")


def _part(dollar: str, n: int, host: int) -> tuple:
    return ("$", n) if dollar else ("~", n - host)


def copy_key(text: str, row: int, col: int):
    """A hashable key equal for two formulas exactly when one is the other copied to
    its cell (references relative to the host cell at ``row``, ``col``); None when the
    text cannot be tokenized (such a formula is never shared)."""
    try:
        tokens = tokenize(text)
    except FormulaSyntaxError:
        return None
    key = []
    for kind, tok in tokens:
        if kind == "area":
            parts = []
            for cell in tok.split(":"):
                m = _CELL.fullmatch(cell)
                parts.append((_part(m.group(1), col_to_index(m.group(2)), col),
                              _part(m.group(3), int(m.group(4)), row)))
            key.append(("area", tuple(parts)))
        elif kind == "cols":
            key.append(("cols", tuple(_part(m.group(1), col_to_index(m.group(2)), col)
                                      for m in map(_COL.fullmatch, tok.split(":")))))
        elif kind == "rows":
            key.append(("rows", tuple(_part(m.group(1), int(m.group(2)), row)
                                      for m in map(_ROW.fullmatch, tok.split(":")))))
        else:
            key.append((kind, tok))
    return tuple(key)


def shared_blocks(formulas: dict) -> dict:
    """``{(row, col): formula text}`` -> ``{(row, col): (si, ref)}`` for the cells that
    belong to a block of two or more copies of one formula: ``ref`` (like "B2:D9") on the
    block's top-left cell, which carries the text, and None on the other cells.

    Blocks are rectangles found greedily in row-major order: from the first cell not yet
    placed, as far down as the copies go, then as far right as whole columns of copies
    go. ``si`` numbers the blocks 0, 1, ... in that order, so the output is deterministic.
    """
    keys = {rc: copy_key(text, *rc) for rc, text in formulas.items()}
    placed: set = set()
    out: dict = {}
    si = 0
    for r, c in sorted(keys):
        k = keys[(r, c)]
        if (r, c) in placed or k is None:
            continue
        h = 1
        while keys.get((r + h, c)) == k and (r + h, c) not in placed:
            h += 1
        w = 1
        while all(keys.get((r + i, c + w)) == k and (r + i, c + w) not in placed
                  for i in range(h)):
            w += 1
        if h * w < 2:
            continue
        for i in range(h):
            for j in range(w):
                placed.add((r + i, c + j))
                out[(r + i, c + j)] = (si, None)
        out[(r, c)] = (si, f"{cell_name(r, c)}:{cell_name(r + h - 1, c + w - 1)}")
        si += 1
    return out
