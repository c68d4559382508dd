"""Excel's dynamic-array functions: SEQUENCE, RANDARRAY, SORT, SORTBY, UNIQUE, FILTER and
the array shapers (CHOOSECOLS, CHOOSEROWS, DROP, TAKE, EXPAND, HSTACK, VSTACK, TOCOL,
TOROW, WRAPCOLS, WRAPROWS).

Each returns a 2-D list of any size (see lift.py); the engine spills it or an
array-consuming formula reads it. Arrays arrive as 2-D lists of Python scalars
(``None`` blank). An empty result is ``#CALC!``, as in Excel. Ordering and equality
are Excel's (:func:`rules.order`, :func:`rules.equal`).
"""
from __future__ import annotations

import functools
import math

from ...rules import equal, order, to_bool, to_number
from ...values import CALC, NA, NUM, VALUE, ExcelError
from .lift import excel

LOOKUP = "Lookup & reference"
MATH = "Math & trig"


def _help(name: str) -> str:
    """The function's page on Excel's help site."""
    return f"https://support.microsoft.com/en-us/excel/functions/{name}-function"


# --- small helpers -------------------------------------------------------------------
def _int(x, default, nonfinite=NUM):
    """An integer argument: omitted -> default, else truncated number (or an error;
    ``nonfinite`` for an infinite or NaN number)."""
    if x is None:
        return default
    v = to_number(x)
    if isinstance(v, ExcelError):
        return v
    if not math.isfinite(v):
        return nonfinite
    return int(math.trunc(v))


def _flag(x, default=False):
    if x is None:
        return default
    return to_bool(x)


def _flat(arr):
    return [x for row in arr for x in row]


def _transpose(arr):
    return [list(col) for col in zip(*arr)]


def _dims(arr):
    return len(arr), (len(arr[0]) if arr else 0)


def _first_error(*xs):
    for x in xs:
        if isinstance(x, ExcelError):
            return x
    return None


def _cmp(a, b) -> int:
    """Excel's sort order: numbers < text < logicals < errors < blanks."""
    ea, eb = isinstance(a, ExcelError), isinstance(b, ExcelError)
    if a is None or b is None:
        return (a is None) - (b is None)
    if ea or eb:
        return ea - eb
    return order(a, b)


# --- SEQUENCE / RANDARRAY ------------------------------------------------------------
def _size(rows, cols):
    rows, cols = _int(rows, 1), _int(cols, 1)
    e = _first_error(rows, cols)
    if e is not None:
        return e, None
    if rows < 0 or cols < 0:
        return VALUE, None
    if rows == 0 or cols == 0:
        return CALC, None
    if rows * cols > 1048576 * 16384:
        return NUM, None
    return rows, cols


@excel("SEQUENCE", "xxxx", min_args=1, category=MATH, zero_grad=True, help=_help("sequence"))
def sequence(rows, cols=None, start=None, step=None):
    """A rows x cols array of start, start+step, ... filled row by row."""
    r, c = _size(rows, cols)
    if c is None:
        return r
    s = 1.0 if start is None else to_number(start)
    d = 1.0 if step is None else to_number(step)
    e = _first_error(s, d)
    if e is not None:
        return e
    return [[s + d * (i * c + j) for j in range(c)] for i in range(r)]


@excel("RANDARRAY", "xxxxx", min_args=0, category=MATH, volatile=True, ctx=True,
       zero_grad=True, help=_help("randarray"))
def randarray(ctx, rows=None, cols=None, lo=None, hi=None, whole=None):
    """Random numbers in [min, max) (or whole numbers in [min, max])."""
    r, c = _size(rows, cols)
    if c is None:
        return r
    a = 0.0 if lo is None else to_number(lo)
    b = 1.0 if hi is None else to_number(hi)
    w = _flag(whole)
    e = _first_error(a, b, w)
    if e is not None:
        return e
    if a > b:
        return VALUE
    rng = ctx.engine.rng
    if w:
        if a != math.trunc(a) or b != math.trunc(b):
            return VALUE
        vals = rng.integers(int(a), int(b) + 1, size=(r, c)).astype(float)
    else:
        vals = a + (b - a) * rng.random((r, c))
    return vals.tolist()


# --- SORT / SORTBY -------------------------------------------------------------------
def _order_flag(x):
    o = _int(x, 1)
    if isinstance(o, ExcelError):
        return o
    return o if o in (1, -1) else VALUE


def _sorted_rows(rows, keys):
    """Stable multi-key sort of ``rows``; keys: list of (column_values, ascending)."""
    idx = list(range(len(rows)))
    for vals, asc in reversed(keys):   # least significant key first (stable sorts)
        idx.sort(key=functools.cmp_to_key(lambda i, j: _cmp(vals[i], vals[j]) * asc))
    return [rows[i] for i in idx]


@excel("SORT", "AAAx", min_args=1, category=LOOKUP, zero_grad=True, help=_help("sort"))
def sort(array, sort_index=None, sort_order=None, by_col=None):
    """The array's rows (or columns with ``by_col``) sorted by one or more keys."""
    bc = _flag(by_col)
    if isinstance(bc, ExcelError):
        return bc
    data = _transpose(array) if bc else array
    idxs = [1] if sort_index is None else [_int(x, 1) for x in _flat(sort_index)]
    ords = [1] if sort_order is None else [_order_flag(x) for x in _flat(sort_order)]
    e = _first_error(*idxs, *ords)
    if e is not None:
        return e
    if len(ords) == 1:
        ords = ords * len(idxs)
    if len(ords) != len(idxs):
        return VALUE
    width = len(data[0])
    keys = []
    for k, o in zip(idxs, ords):
        if k < 1 or k > width:
            return VALUE
        keys.append(([row[k - 1] for row in data], o))
    out = _sorted_rows(data, keys)
    return _transpose(out) if bc else out


@excel("SORTBY", "A" + "Ax" * 63, min_args=2, category=LOOKUP, zero_grad=True,
       help=_help("sortby"))
def sortby(array, *pairs):
    """The array sorted by the values of other rows/columns of the same length."""
    h, w = _dims(array)
    keys = []
    by_col = None
    for k in range(0, len(pairs), 2):
        by = pairs[k]
        o = _order_flag(pairs[k + 1] if k + 1 < len(pairs) else None)
        if isinstance(o, ExcelError):
            return o
        bh, bw = _dims(by)
        if bw == 1 and bh == h and (h > 1 or w == 1):
            col = False          # a column as long as the array: sort its rows
        elif bh == 1 and bw == w:
            col = True           # a row as wide as the array: sort its columns
        else:
            return VALUE
        if by_col is not None and col != by_col:
            return VALUE
        by_col = col
        keys.append((_flat(by), o))
    if by_col:
        return _transpose(_sorted_rows(_transpose(array), keys))
    return _sorted_rows(array, keys)


# --- UNIQUE / FILTER -----------------------------------------------------------------
def _bucket(x):
    """Values that :func:`rules.equal` may call equal share a bucket."""
    if isinstance(x, str):
        return x.lower()
    if isinstance(x, ExcelError):
        return x.code
    return x


def _same_row(a, b) -> bool:
    for x, y in zip(a, b):
        if isinstance(x, ExcelError) or isinstance(y, ExcelError):
            if x is not y:
                return False
        elif not equal(x, y):
            return False
    return True


@excel("UNIQUE", "Axx", min_args=1, category=LOOKUP, zero_grad=True, help=_help("unique"))
def unique(array, by_col=None, exactly_once=None):
    """Distinct rows (or columns) in first-seen order; with ``exactly_once`` only those
    that occur once. Text compares without case, as Excel does."""
    bc, once = _flag(by_col), _flag(exactly_once)
    e = _first_error(bc, once)
    if e is not None:
        return e
    data = _transpose(array) if bc else array
    groups: list[list] = []   # [row, count]
    buckets: dict = {}        # a coarse hash of a row -> its groups (equality decides)
    for row in data:
        bucket = buckets.setdefault(tuple(_bucket(x) for x in row), [])
        for g in bucket:
            if _same_row(g[0], row):
                g[1] += 1
                break
        else:
            g = [row, 1]
            bucket.append(g)
            groups.append(g)
    out = [g[0] for g in groups if not once or g[1] == 1]
    if not out:
        return CALC
    return _transpose(out) if bc else out


def _truth(x):
    if isinstance(x, ExcelError):
        return x
    if x is None:
        return False
    if isinstance(x, str):
        return VALUE
    return bool(x)


@excel("FILTER", "AAA", min_args=2, category=LOOKUP, zero_grad=True, help=_help("filter"))
def filter_(array, include, if_empty=None):
    """The rows (include a column) or columns (include a row) of ``array`` where
    ``include`` is true; ``if_empty`` (or #CALC!) when nothing is left."""
    h, w = _dims(array)
    ih, iw = _dims(include)
    if iw == 1 and ih == h:
        keep = [_truth(row[0]) for row in include]
        by_col = False
    elif ih == 1 and iw == w:
        keep = [_truth(x) for x in include[0]]
        by_col = True
    else:
        return VALUE
    e = _first_error(*keep)
    if e is not None:
        return e
    data = _transpose(array) if by_col else array
    out = [row for row, k in zip(data, keep) if k]
    if not out:
        if if_empty is None:
            return CALC
        return if_empty
    return _transpose(out) if by_col else out


# --- choosing, taking and dropping ---------------------------------------------------
def _pick_lines(lines, nums):
    n = len(lines)
    out = []
    for x in nums:
        k = _int(x, None)
        if k is None:
            return VALUE
        if isinstance(k, ExcelError):
            return k
        if k == 0 or abs(k) > n:
            return VALUE
        out.append(lines[k - 1] if k > 0 else lines[n + k])
    return out


@excel("CHOOSECOLS", "AA*", min_args=2, category=LOOKUP, zero_grad=True,
       help=_help("choosecols"))
def choosecols(array, *nums):
    """The given columns (negative numbers count from the end)."""
    cols = _pick_lines(_transpose(array), [x for a in nums for x in _flat(a)])
    return cols if isinstance(cols, ExcelError) else _transpose(cols)


@excel("CHOOSEROWS", "AA*", min_args=2, category=LOOKUP, zero_grad=True,
       help=_help("chooserows"))
def chooserows(array, *nums):
    """The given rows (negative numbers count from the end)."""
    return _pick_lines(array, [x for a in nums for x in _flat(a)])


def _take_slice(n, k):
    """The index range TAKE keeps of n items: k from the start, -k from the end."""
    if k >= 0:
        return 0, min(k, n)
    return max(n + k, 0), n


def _drop_slice(n, k):
    if k >= 0:
        return min(k, n), n
    return 0, max(n + k, 0)


def _cut(array, rows, cols, how):
    h, w = _dims(array)
    r, c = _int(rows, None), _int(cols, None)
    e = _first_error(r, c)
    if e is not None:
        return e
    r0, r1 = (0, h) if r is None else how(h, r)
    c0, c1 = (0, w) if c is None else how(w, c)
    if r1 <= r0 or c1 <= c0:
        return CALC
    return [row[c0:c1] for row in array[r0:r1]]


@excel("TAKE", "Axx", min_args=2, category=LOOKUP, zero_grad=True, help=_help("take"))
def take(array, rows=None, cols=None):
    """The first (or, negative, last) rows and columns."""
    return _cut(array, rows, cols, _take_slice)


@excel("DROP", "Axx", min_args=2, category=LOOKUP, zero_grad=True, help=_help("drop"))
def drop(array, rows=None, cols=None):
    """The array without its first (or, negative, last) rows and columns."""
    return _cut(array, rows, cols, _drop_slice)


@excel("EXPAND", "Axxx", min_args=2, category=LOOKUP, zero_grad=True, help=_help("expand"))
def expand(array, rows=None, cols=None, pad_with=NA):
    """The array padded to rows x cols with ``pad_with`` (#N/A by default)."""
    h, w = _dims(array)
    r, c = _int(rows, h), _int(cols, w)
    e = _first_error(r, c)
    if e is not None:
        return e
    if r < h or c < w:
        return VALUE
    pad = NA if pad_with is None else pad_with
    return [(array[i] if i < h else []) + [pad] * (c - (w if i < h else 0))
            for i in range(r)]


@excel("HSTACK", "AA*", min_args=1, category=LOOKUP, zero_grad=True, help=_help("hstack"))
def hstack(*arrays):
    """Arrays side by side; shorter ones padded with #N/A."""
    h = max(len(a) for a in arrays)
    out = [[] for _ in range(h)]
    for a in arrays:
        _, w = _dims(a)
        for i in range(h):
            out[i].extend(a[i] if i < len(a) else [NA] * w)
    return out


@excel("VSTACK", "AA*", min_args=1, category=LOOKUP, zero_grad=True, help=_help("vstack"))
def vstack(*arrays):
    """Arrays one below the other; narrower ones padded with #N/A."""
    w = max(len(a[0]) for a in arrays)
    return [row + [NA] * (w - len(row)) for a in arrays for row in a]


def _to_line(array, ignore, scan_by_column):
    ig = _int(ignore, 0)
    sc = _flag(scan_by_column)
    e = _first_error(ig, sc)
    if e is not None:
        return e
    if ig not in (0, 1, 2, 3):
        return VALUE
    items = _flat(_transpose(array) if sc else array)
    if ig in (1, 3):
        items = [x for x in items if x is not None]
    if ig in (2, 3):
        items = [x for x in items if not isinstance(x, ExcelError)]
    if not items:
        return CALC
    return items


@excel("TOCOL", "Axx", min_args=1, category=LOOKUP, zero_grad=True, help=_help("tocol"))
def tocol(array, ignore=None, scan_by_column=None):
    """The array as one column (ignore 1 blanks, 2 errors, 3 both)."""
    items = _to_line(array, ignore, scan_by_column)
    return items if isinstance(items, ExcelError) else [[x] for x in items]


@excel("TOROW", "Axx", min_args=1, category=LOOKUP, zero_grad=True, help=_help("torow"))
def torow(array, ignore=None, scan_by_column=None):
    """The array as one row (ignore 1 blanks, 2 errors, 3 both)."""
    items = _to_line(array, ignore, scan_by_column)
    return items if isinstance(items, ExcelError) else [items]


def _wrap(vector, wrap_count, pad_with):
    h, w = _dims(vector)
    if h != 1 and w != 1:
        return VALUE, None
    k = _int(wrap_count, None)
    if k is None:
        return VALUE, None
    if isinstance(k, ExcelError):
        return k, None
    if k < 1:
        return NUM, None
    items = _flat(vector)
    pad = NA if pad_with is None else pad_with
    lines = [items[i:i + k] for i in range(0, len(items), k)]
    lines[-1] = lines[-1] + [pad] * (k - len(lines[-1]))
    return lines, True


@excel("WRAPROWS", "Axx", min_args=2, category=LOOKUP, zero_grad=True,
       help=_help("wraprows"))
def wraprows(vector, wrap_count, pad_with=None):
    """A row or column wrapped into rows of ``wrap_count`` values."""
    lines, _ = _wrap(vector, wrap_count, pad_with)
    return lines


@excel("WRAPCOLS", "Axx", min_args=2, category=LOOKUP, zero_grad=True,
       help=_help("wrapcols"))
def wrapcols(vector, wrap_count, pad_with=None):
    """A row or column wrapped into columns of ``wrap_count`` values."""
    lines, ok = _wrap(vector, wrap_count, pad_with)
    return lines if ok is None else _transpose(lines)


# --- gradients: these functions move values around, so gradients follow the values --
def _python_args(fn_name, vals, i):
    """The Python arguments lift.py would pass for batch element i."""
    from ..batch import element
    from .lift import _grid
    spec = _SPECS[fn_name]
    out = []
    for k, v in enumerate(vals):
        ch = spec[k] if k < len(spec) else spec[-1]
        if getattr(v, "missing", False):
            out.append(None)
        elif ch == "A":
            out.append(_grid(v, i))
        else:
            out.append(element(v, min(i, v.num.shape[0] - 1), 0, 0))
    return out


def _structural_sources(fn, fn_name, arrays):
    """Output element -> (argument, row, col), found by running ``fn`` on grids of
    position tags in place of the array arguments it only rearranges."""
    def sources(vals, i):
        args = _python_args(fn_name, vals, i)
        for k in arrays:
            if k < len(args) and isinstance(args[k], list):
                args[k] = [[(k, r, c) for c in range(len(row))] for r, row in enumerate(args[k])]
        res = fn(*args)
        return res if isinstance(res, list) else [[res]]
    return sources


def _matched_sources(vals, out, i):
    """Output element -> position in argument 0 holding the same number (each input
    used once, in reading order): for SORT, SORTBY, UNIQUE, TOCOL, TOROW, which decide
    by the values themselves. Equal values are interchangeable, so any matching gives
    a valid (one-sided) derivative."""
    from ..batch import element
    src = vals[0]
    j = min(i, src.num.shape[0] - 1)
    pool: dict = {}
    for r in range(src.num.shape[1]):
        for c in range(src.num.shape[2]):
            x = element(src, j, r, c)
            if isinstance(x, float):
                pool.setdefault(x, []).append((0, r, c))
    res = []
    for r in range(out.num.shape[1]):
        row = []
        for c in range(out.num.shape[2]):
            y = element(out, min(i, out.num.shape[0] - 1), r, c)
            row.append(pool[y].pop(0) if isinstance(y, float) and pool.get(y) else None)
        res.append(row)
    return res


def _route_grad(sources_of):
    def grad(ctx, vals, out, g):
        import numpy as np
        n = out.num.shape[0]
        gb = np.broadcast_to(g, out.num.shape)
        res = [np.zeros((n,) + v.num.shape[1:]) for v in vals]
        used = set()
        for i in range(n):
            src = sources_of(vals, out, i)
            for r, row in enumerate(src[:out.num.shape[1]]):
                for c, s in enumerate(row[:out.num.shape[2]]):
                    if isinstance(s, tuple) and len(s) == 3 and all(isinstance(t, int)
                                                                    for t in s):
                        k, rr, cc = s
                        res[k][i, rr, cc] += gb[i, r, c]
                        used.add(k)
        return [None if k not in used else (x if vals[k].num.shape[0] == n
                                            else x.sum(axis=0, keepdims=True))
                for k, x in enumerate(res)]
    return grad


_SPECS = {"TAKE": "Axx", "DROP": "Axx", "EXPAND": "Axxx", "CHOOSECOLS": "AA*",
          "CHOOSEROWS": "AA*", "WRAPROWS": "Axx", "WRAPCOLS": "Axx", "FILTER": "AAA",
          "HSTACK": "AA*", "VSTACK": "AA*"}


def _use_routing():
    from .base import FUNCTIONS
    structural = {"TAKE": (take, (0,)), "DROP": (drop, (0,)), "EXPAND": (expand, (0,)),
                  "CHOOSECOLS": (choosecols, (0,)), "CHOOSEROWS": (chooserows, (0,)),
                  "WRAPROWS": (wraprows, (0,)), "WRAPCOLS": (wrapcols, (0,)),
                  "FILTER": (filter_, (0,)), "HSTACK": (hstack, tuple(range(255))),
                  "VSTACK": (vstack, tuple(range(255)))}
    for name, (fn, arrays) in structural.items():
        src = _structural_sources(fn, name, arrays)
        FUNCTIONS[name].grad = _route_grad(lambda vals, out, i, s=src: s(vals, i))
        FUNCTIONS[name].zero_grad = False
        FUNCTIONS[name].note = f"{name}: gradients follow the values it moves"
    for name in ("SORT", "SORTBY", "UNIQUE", "TOCOL", "TOROW"):
        FUNCTIONS[name].grad = _route_grad(_matched_sources)
        FUNCTIONS[name].zero_grad = False
        FUNCTIONS[name].note = f"{name}: gradients follow the values it moves (ties: any)"

    def sequence_grad(ctx, vals, out, g):
        """d SEQUENCE / d start = 1 and d / d step = k for the k-th element (from 0)."""
        import numpy as np
        _, H, W = out.num.shape
        k = np.arange(H * W, dtype=float).reshape(1, H, W)
        res = [None] * len(vals)
        if len(vals) > 2:
            res[2] = np.broadcast_to(g, out.num.shape).sum(axis=(1, 2), keepdims=True)
        if len(vals) > 3:
            res[3] = (np.broadcast_to(g, out.num.shape) * k).sum(axis=(1, 2), keepdims=True)
        return res
    FUNCTIONS["SEQUENCE"].grad = sequence_grad
    FUNCTIONS["SEQUENCE"].zero_grad = False


_use_routing()
