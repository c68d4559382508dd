"""Cell storage for the engine: one set of arrays per sheet, and batched references.

A :class:`Grid` holds a sheet's values as ``num``/``kind``/``obj`` arrays indexed
1-based by (row, col), with one extra always-blank row and column past the used
range that out-of-range reads are pointed at. A :class:`RefV` is a batched
reference into a grid; :meth:`RefV.values` gathers it into a :class:`V`.
"""
from __future__ import annotations

import numpy as np

from ..values import VALUE, ExcelError
from .batch import BLANK, BOOL, ERROR, NUMBER, TEXT, V, error


class Grid:
    def __init__(self, name: str, nrows: int, ncols: int):
        self.name = name
        self.maxr, self.maxc = nrows, ncols
        shape = (nrows + 2, ncols + 2)
        self.num = np.zeros(shape)
        self.kind = np.zeros(shape, np.int8)
        self.obj = np.empty(shape, object)
        # bumped whenever a cell may stop being a number; a reference that found all its
        # cells numeric at version v need not look at the kinds again while it holds
        self.kinds_version = 0

    def load(self, cells) -> None:
        """Set the cells of a workbook sheet ({(row, col): Cell}) that hold a value: the
        numbers in one indexing, the rest one by one (:meth:`set`)."""
        rows, cols, nums = [], [], []
        for (r, c), cell in cells.items():
            x = cell.value
            if x.__class__ is float:
                rows.append(r)
                cols.append(c)
                nums.append(x)
            elif x is not None:
                self.set(r, c, x)
        if rows:
            self.kinds_version += 1
            self.num[rows, cols] = nums
            self.kind[rows, cols] = NUMBER

    def set(self, r: int, c: int, x) -> None:
        self.kinds_version += 1
        if x is None:
            self.kind[r, c], self.num[r, c], self.obj[r, c] = BLANK, 0.0, None
        elif isinstance(x, bool):
            self.kind[r, c], self.num[r, c], self.obj[r, c] = BOOL, float(x), None
        elif isinstance(x, (int, float)):
            self.kind[r, c], self.num[r, c], self.obj[r, c] = NUMBER, float(x), None
        elif isinstance(x, ExcelError):
            self.kind[r, c], self.num[r, c], self.obj[r, c] = ERROR, 0.0, x
        else:
            self.kind[r, c], self.num[r, c], self.obj[r, c] = TEXT, 0.0, str(x)

    def get(self, r: int, c: int):
        if r > self.maxr or c > self.maxc:
            return None
        k = self.kind[r, c]
        if k == NUMBER:
            return float(self.num[r, c])
        if k == BOOL:
            return bool(self.num[r, c])
        if k == BLANK:
            return None
        return self.obj[r, c]

    def write(self, flat, v: V, block=None) -> None:
        """Store a batched result at the flat indices ``flat`` (an array of v's shape),
        or into ``block``, the (rows, cols) slices that hold exactly those cells in
        row-major order (a slice assignment is several times faster than ``put``)."""
        if block is None:
            def store(a, x):
                a.put(flat, x)
        else:
            shape = (block[0].stop - block[0].start, block[1].stop - block[1].start)

            def store(a, x):
                a[block] = x if x is None or np.ndim(x) == 0 else np.reshape(x, shape)
        store(self.num, v.num)
        if v.kind is None:
            store(self.kind, NUMBER)
        else:
            self.kinds_version += 1
            store(self.kind, v.kind)
            store(self.obj, v.obj)


class RefV:
    """A batched rectangular reference: top-left (r, c) per batch element (ints, or
    int arrays of shape (n,)), all of size h x w, on ``grid``."""
    __slots__ = ("grid", "r", "c", "h", "w", "_idx", "_flat", "batched", "_numeric")

    def __init__(self, grid: Grid, r, c, h: int, w: int):
        self.grid, self.r, self.c, self.h, self.w = grid, r, c, h, w
        self._idx = None
        self._flat = None
        self._numeric = -1   # grid.kinds_version at which all cells were numbers
        self.batched = not (np.isscalar(r) and np.isscalar(c))

    def index(self):
        """Row and column index arrays of shape (n|1, h, w), clipped to the blank sentinel
        (computed once: a static reference reuses them on every recalculation)."""
        if self._idx is not None:
            return self._idx
        g = self.grid
        r = np.asarray(self.r).reshape(-1, 1, 1) + np.arange(self.h).reshape(1, -1, 1)
        c = np.asarray(self.c).reshape(-1, 1, 1) + np.arange(self.w).reshape(1, 1, -1)
        r = np.minimum(r, g.maxr + 1)
        c = np.minimum(c, g.maxc + 1)
        self._idx = (r, c)
        return r, c

    def flat(self) -> np.ndarray:
        """Indices into the grid's flattened arrays (np.take is much faster than 2-D
        fancy indexing)."""
        if self._flat is None:
            r, c = self.index()
            self._flat = r * self.grid.num.shape[1] + c
        return self._flat

    def values(self) -> V:
        g = self.grid
        if not self.batched:
            r, c, h, w = int(self.r), int(self.c), self.h, self.w
            if r < 1 or c < 1:
                return error(VALUE)
            if r + h - 1 <= g.maxr + 1 and c + w - 1 <= g.maxc + 1:
                sl = (slice(r, r + h), slice(c, c + w))
                num = g.num[sl][None]
                if self._numeric == g.kinds_version:
                    return V(num)
                kind = g.kind[sl]
                if (kind == NUMBER).all():
                    self._numeric = g.kinds_version
                    return V(num)
                return V(num, kind[None], g.obj[sl][None])
        flat = self.flat()
        num = g.num.take(flat)
        if self._numeric == g.kinds_version:
            return V(num)
        kind = g.kind.take(flat)
        if (kind == NUMBER).all():
            self._numeric = g.kinds_version
            return V(num)
        return V(num, kind, g.obj.take(flat))

