"""MMULT of a row by a column, filled over a block of cells, as one matrix product.

The collaborative-filtering layout predicts each rating with
``=MMULT($B30:$K30, L$23:L$32)``: cell (i, j) multiplies row i of a user-factor block
by column j of a movie-factor block. Gathered cell by cell, every gradient evaluation
moves n*k numbers each way and scatters them back; recognised, it is one product
``P = U @ M`` from which each cell picks its entry, and the gradients are
``G @ M.T`` and ``U.T @ G`` (the matrix-product rule), written once per block.

Used for recalculations and gradient evaluations alike (so that the objective an
optimiser sees equals the recalculated one bit for bit), only while every cell of
both blocks holds a number; anything else (blanks, text, errors, other shapes) takes
MMULT's general path, which carries Excel's #VALUE! rules.
"""
from __future__ import annotations

import numpy as np

from .batch import NUMBER, V
from .grid import RefV

MIN_CELLS = 64      # below this the general path is as fast


class OuterMMult:
    """One MMULT call site whose first argument is a row per cell at fixed columns and
    whose second is a column per cell at fixed rows."""
    __slots__ = ("ga", "gb", "sa", "sb", "nu", "nm", "pick", "n", "ok_at", "U", "M")

    def __init__(self, ga, gb, ur, ca, rb, uc, ia, jb):
        self.ga, self.gb = ga, gb
        self.sa, self.sb = _block(ur, ca), _block(rb, uc)    # where U and M sit
        self.nu, self.nm, self.n = ur.size, uc.size, ia.size
        pick = ia * uc.size + jb        # each cell's entry of the flattened product
        full = pick.size == self.nu * self.nm and (pick == np.arange(pick.size)).all()
        self.pick = None if full else pick
        self.ok_at = None

    def _numeric(self) -> bool:
        key = (self.ga.kinds_version, self.gb.kinds_version)
        if self.ok_at == key:
            return True
        ok = bool((self.ga.kind[self.sa] == NUMBER).all() and
                  (self.gb.kind[self.sb] == NUMBER).all())
        self.ok_at = key if ok else None
        return ok

    def forward(self):
        """The cells' values (n, 1, 1), or None when a block holds a non-number."""
        if not self._numeric():
            return None
        self.U, self.M = self.ga.num[self.sa], self.gb.num[self.sb]
        p = (self.U @ self.M).reshape(-1)
        return V((p if self.pick is None else p[self.pick]).reshape(-1, 1, 1))

    def backward(self, grads, g, need_a: bool, need_b: bool) -> None:
        g = np.asarray(g, float)
        g = g.reshape(-1) if g.shape == (self.n, 1, 1) else \
            np.broadcast_to(g, (self.n, 1, 1)).reshape(-1)
        if self.pick is None:
            G = g.reshape(self.nu, self.nm)
        else:
            G = np.bincount(self.pick, weights=g,
                            minlength=self.nu * self.nm).reshape(self.nu, self.nm)
        if need_a:
            t = grads.get(self.ga.name)
            if t is not None:
                t[self.sa] += G @ self.M.T
        if need_b:
            t = grads.get(self.gb.name)
            if t is not None:
                t[self.sb] += self.U.T @ G


def _block(rows, cols):
    """Index of a rows x cols block: two slices (a view) where both are contiguous."""
    if rows[-1] - rows[0] == rows.size - 1 and cols[-1] - cols[0] == cols.size - 1:
        return slice(int(rows[0]), int(rows[-1]) + 1), slice(int(cols[0]), int(cols[-1]) + 1)
    return np.ix_(rows, cols)


def plan(call, ctx):
    """An :class:`OuterMMult` for a MMULT call node when its arguments are static
    references of that shape over at least MIN_CELLS cells; else False."""
    if len(call.args) != 2:
        return False
    a, b = (getattr(x, "ref", None) for x in call.args)
    if not isinstance(a, RefV) or not isinstance(b, RefV):
        return False
    if a.h != 1 or b.w != 1 or a.w != b.h or np.ndim(a.c) != 0 or np.ndim(b.r) != 0:
        return False
    ar, bc = np.asarray(a.r).reshape(-1), np.asarray(b.c).reshape(-1)
    n = max(ar.size, bc.size, ctx.n)
    if n < MIN_CELLS or ar.size not in (1, n) or bc.size not in (1, n):
        return False
    ar, bc = np.broadcast_to(ar, (n,)), np.broadcast_to(bc, (n,))
    ur, ia = np.unique(ar, return_inverse=True)
    uc, jb = np.unique(bc, return_inverse=True)
    if ur.size * uc.size > 4 * n:       # scattered cells: the full product would be waste
        return False
    k, c0, r0 = a.w, int(a.c), int(b.r)
    if ur[0] < 1 or ur[-1] > a.grid.maxr or c0 < 1 or c0 + k - 1 > a.grid.maxc or \
            uc[0] < 1 or uc[-1] > b.grid.maxc or r0 < 1 or r0 + k - 1 > b.grid.maxr:
        return False
    return OuterMMult(a.grid, b.grid, ur, np.arange(c0, c0 + k), np.arange(r0, r0 + k), uc,
                      ia.reshape(-1).astype(np.int64), jb.reshape(-1).astype(np.int64))
