"""Cell storage for the engine: one set of arrays per sheet, and batched references.

A :class:`Grid` holds a sheet's values as ``num``/``kind``/``obj`` arrays indexed
1-based by (row, col), with one extra always-blank row and column past the used
range that out-of-range reads are pointed at. A :class:`RefV` is a batched
reference into a grid; :meth:`RefV.values` gathers it into a :class:`V`.
"""
from __future__ import annotations

from itertools import compress, repeat
from operator import attrgetter, is_, is_not, itemgetter

import numpy as np

from ..values import VALUE, ExcelError
from .batch import BLANK, BOOL, ERROR, NUMBER, TEXT, V, error

_VALUE, _ARRAY = attrgetter("value"), attrgetter("array")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


class _Values:
    """A sheet's cells ({(row, col): Cell}) as arrays: rows, cols, which hold a float or
    nothing, and the values (a list)."""

    def __init__(self, cells):
        n = len(cells)
        self.keys, self.values = list(cells), list(map(_VALUE, cells.values()))
        self.rows = np.fromiter(map(_FIRST, self.keys), np.int64, n)
        self.cols = np.fromiter(map(_SECOND, self.keys), np.int64, n)
        self.blank = np.fromiter(map(is_, self.values, repeat(None)), bool, n)
        self.number = np.fromiter(map(is_, map(type, self.values), repeat(float)), bool, n)


# a number's kind as a 0-d array: put repeats it over every index, faster than an int
_NUMBER_KIND = np.array(NUMBER, np.int8)
_NUMBER_KIND.flags.writeable = False
_NO_WINDOW = object()     # RefV: not one rectangle inside the grid


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

    @classmethod
    def of_sheet(cls, sh) -> "Grid":
        """A workbook sheet's grid, its values loaded: as big as the cells holding a value
        or a formula and the array ranges (styled blank cells far away - a stray format at
        XFD1048576 - do not make the arrays huge); each cell is looked at once, in bulk."""
        cells = sh.cells
        v = _Values(cells)
        filled = ~v.blank
        for i in np.flatnonzero(v.blank).tolist():
            filled[i] = cells[v.keys[i]].is_formula
        arrays = list(map(_ARRAY, cells.values()))
        ends = [(a.r2, a.c2) for a in compress(arrays, map(is_not, arrays, repeat(None)))]
        if filled.any():
            ends.append((int(v.rows[filled].max()), int(v.cols[filled].max())))
        maxr, maxc = max([0, *map(_FIRST, ends)]), max([0, *map(_SECOND, ends)])
        g = cls(sh.name, maxr, maxc)
        g._load(v)
        return g

    def load(self, cells) -> None:
        """Set the cells of a workbook sheet ({(row, col): Cell}) that hold a value."""
        self._load(_Values(cells))

    def _load(self, v: "_Values") -> None:
        """The numbers in one indexing, the other values one by one (:meth:`set`)."""
        for i in np.flatnonzero(~(v.number | v.blank)).tolist():
            self.set(*v.keys[i], v.values[i])
        if v.number.any():
            self.kinds_version += 1
            at = (v.rows, v.cols) if v.number.all() else (v.rows[v.number], v.cols[v.number])
            self.num[at] = np.fromiter(v.values if v.number.all() else
                                       compress(v.values, v.number.tolist()), float, at[0].size)
            self.kind[at] = NUMBER

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
        if v.kind is None:
            pairs = (self.num, v.num), (self.kind, _NUMBER_KIND)
        else:
            self.kinds_version += 1
            pairs = (self.num, v.num), (self.kind, v.kind), (self.obj, v.obj)
        if block is None:
            for a, x in pairs:
                a.put(flat, _unshared(a, x))
            return
        shape = (block[0].stop - block[0].start, block[1].stop - block[1].start)
        for a, x in pairs:
            a[block] = x if x is None or np.ndim(x) == 0 else np.reshape(_unshared(a, x), shape)


def _unshared(a: np.ndarray, x):
    """``x``, copied when it is a view into ``a`` (a formula such as =B5 returns a view of
    the grid it reads): numpy's put would otherwise copy the whole of ``a`` to store it,
    which made one-cell writes cost in proportion to the sheet (issue 14)."""
    if x.__class__ is np.ndarray and x.base is not None and np.may_share_memory(a, x):
        return x.copy()
    return x


class RefV:
    """A batched rectangular reference: top-left (r, c) per batch element (ints, or
    int arrays of shape (n,)), all of size h x w, on ``grid``."""
    __slots__ = ("grid", "r", "c", "h", "w", "_idx", "_flat", "batched", "_numeric", "_window")

    def __init__(self, grid: Grid, r, c, h: int, w: int):
        self.grid, self.r, self.c, self.h, self.w = grid, r, c, h, w
        self._idx = None
        self._flat = None
        self._window = None  # see _find_window
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

    def _find_window(self):
        """The (rows, cols) slices of an unbatched reference that lies inside the grid and
        its blank sentinel; VALUE when it starts before row or column 1; else _NO_WINDOW
        (gathered by index). Worked out once: a reference never moves."""
        w = _NO_WINDOW
        if not self.batched:
            g, r, c = self.grid, int(self.r), int(self.c)
            if r < 1 or c < 1:
                w = VALUE
            elif r + self.h - 1 <= g.maxr + 1 and c + self.w - 1 <= g.maxc + 1:
                w = (slice(r, r + self.h), slice(c, c + self.w))
        self._window = w
        return w

    def values(self) -> V:
        g = self.grid
        sl = self._window
        if sl is None:
            sl = self._find_window()
        if sl is not _NO_WINDOW:
            if sl is VALUE:
                return error(VALUE)
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

