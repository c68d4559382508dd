"""MMULT of a row by a column, filled over a block of cells, as one matrix product.

The collaborative-filtering layout predicts each rating with
``=MMULT($B30:$K30, L$23:L$32)``: cell (i, j) multiplies row i of a user-factor block
by column j of a movie-factor block. Gathered cell by cell, every gradient evaluation
moves n*k numbers each way and scatters them back; recognised, it is one product
``P = U @ M`` from which each cell picks its entry, and the gradients are
``G @ M.T`` and ``U.T @ G`` (the matrix-product rule), written once per block.

Used only during gradient evaluations (``ctx.grads`` set) and only while every cell
of both blocks holds a number; anything else (blanks, text, errors, other shapes)
takes MMULT's general path, which carries Excel's #VALUE! rules.
"""
from __future__ import annotations

import numpy as np

from .batch import NUMBER, V
from .grid import RefV

MIN_CELLS = 64      # below this the general path is as fast


class OuterMMult:
    """One MMULT call site whose first argument is a row per cell at fixed columns and
    whose second is a column per cell at fixed rows."""
    __slots__ = ("ga", "gb", "ur", "ca", "rb", "uc", "ia", "jb", "n", "ok_at", "U", "M")

    def __init__(self, ga, gb, ur, ca, rb, uc, ia, jb):
        self.ga, self.gb = ga, gb
        self.ur, self.ca, self.rb, self.uc = ur, ca, rb, uc
        self.ia, self.jb, self.n = ia, jb, ia.size
        self.ok_at = None

    def _numeric(self) -> bool:
        key = (self.ga.kinds_version, self.gb.kinds_version)
        if self.ok_at == key:
            return True
        ok = bool((self.ga.kind[np.ix_(self.ur, self.ca)] == NUMBER).all() and
                  (self.gb.kind[np.ix_(self.rb, self.uc)] == NUMBER).all())
        self.ok_at = key if ok else None
        return ok

    def forward(self):
        """The cells' values (n, 1, 1), or None when a block holds a non-number."""
        if not self._numeric():
            return None
        self.U = self.ga.num[np.ix_(self.ur, self.ca)]
        self.M = self.gb.num[np.ix_(self.rb, self.uc)]
        return V((self.U @ self.M)[self.ia, self.jb].reshape(-1, 1, 1))

    def backward(self, grads, g, need_a: bool, need_b: bool) -> None:
        nu, nm = self.ur.size, self.uc.size
        g = np.broadcast_to(np.asarray(g, float), (self.n, 1, 1)).reshape(-1)
        G = np.bincount(self.ia * nm + self.jb, weights=g, minlength=nu * nm).reshape(nu, nm)
        if need_a:
            t = grads.get(self.ga.name)
            if t is not None:
                t[np.ix_(self.ur, self.ca)] += G @ self.M.T
        if need_b:
            t = grads.get(self.gb.name)
            if t is not None:
                t[np.ix_(self.rb, self.uc)] += self.U.T @ G


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
