"""Lookup & reference: MATCH, INDEX, OFFSET, VLOOKUP, HLOOKUP, CHOOSE, ROW(S), COLUMN(S), SINGLE.

OFFSET and INDEX return references (:class:`RefV`), so whatever consumes them reads
the cells they point at, and gradients flow to exactly those cells. OFFSET is
dynamic: the engine is told which cells it touched so it can check (and, if
needed, re-plan) the evaluation order.
"""
from __future__ import annotations

import bisect

import numpy as np

from ...rules import equal, order, same_type, text_key, to_bool, wildcard
from ...values import NA, REF, VALUE, ExcelError
from ..batch import ERROR, NUMBER, TEXT, V, element, error, stack_grid, stack_scalars, to_number
from ..grid import RefV
from .base import FUNCTIONS, register


def _ints(v: V, n: int):
    """Truncated integer per batch element (n,), with an error mask."""
    c = v if v.kind is None else to_number(v)
    vals = np.trunc(c.num[:, 0, 0]).astype(np.int64)
    if vals.shape[0] != n:
        vals = np.broadcast_to(vals, (n,))
    if c.kind is None:
        return vals, np.zeros(n, bool), c
    bad = c.kind[:, 0, 0] == ERROR
    return vals, (bad if bad.shape[0] == n else np.broadcast_to(bad, (n,))), c


def _batch_n(ctx, *vs):
    n = 1
    for v in vs:
        if v is None:
            continue
        m = v.num.shape[0] if isinstance(v, V) else (np.size(v.r) if isinstance(v, RefV) else 1)
        n = max(n, m)
    return n


def _lift_first(f, x: V) -> V:
    """Apply ``f`` (a lookup on one value per batch element) to each element of the
    array ``x`` and assemble the results in x's shape."""
    n, h, w = x.num.shape
    out = np.empty((n, h, w), object)
    for r in range(h):
        for c in range(w):
            xi = V(x.num[:, r:r + 1, c:c + 1],
                   None if x.kind is None else x.kind[:, r:r + 1, c:c + 1],
                   None if x.obj is None else x.obj[:, r:r + 1, c:c + 1])
            res = f(xi)
            for i in range(n):
                out[i, r, c] = element(res, min(i, res.num.shape[0] - 1), 0, 0)
    return stack_grid(out)


# --- MATCH ---------------------------------------------------------------------------
# Equality, ordering and wildcards come from sheetsolver.rules (one home for the rules).

_lower_all = np.frompyfunc(text_key, 1, 1)


class _Sorted:
    """Bisect over a homogeneous, ascending list (what MATCH type 1 assumes)."""
    __slots__ = ("keys", "kind")

    def __init__(self, items):
        self.keys = None
        if not items or any(y is None for y in items):
            return
        if all(isinstance(y, str) for y in items):
            keys, kind = [text_key(y) for y in items], str
        elif all(isinstance(y, (int, float)) and not isinstance(y, bool) for y in items):
            keys, kind = list(items), float
        else:
            return
        if all(keys[i] <= keys[i + 1] for i in range(len(keys) - 1)):
            self.keys, self.kind = keys, kind

    def find(self, x):
        if self.kind is str and isinstance(x, str):
            return bisect.bisect_right(self.keys, text_key(x)) or None
        if self.kind is float and isinstance(x, (int, float)) and not isinstance(x, bool):
            return bisect.bisect_right(self.keys, x) or None
        return False  # not applicable: use the general scan


def match_one(x, items: list, mtype: int):
    """1-based position of ``x`` in ``items`` by Excel's MATCH rules, or None."""
    if mtype == 0:
        wild = wildcard(x) if isinstance(x, str) else None
        for i, y in enumerate(items):
            if wild is not None:
                if isinstance(y, str) and wild.match(y):
                    return i + 1
            elif equal(x, y):
                return i + 1
        return None
    best = None
    for i, y in enumerate(items):  # sorted data assumed, as Excel's binary search does
        if y is None or not same_type(x, y):
            continue
        d = order(y, x)
        if (mtype > 0 and d <= 0) or (mtype < 0 and d >= 0):
            best = i + 1
        else:
            break
    return best


@register("MATCH", modes=("value", "array", "value"), zero_grad=True, min_args=2, max_args=3,
          array_args=(1,))
def _match(ctx, x, arr, mtype=None):
    if x.num.shape[1] * x.num.shape[2] > 1:   # an array of lookup values: one MATCH each
        return _lift_first(lambda xi: _match(ctx, xi, arr, mtype), x)
    n = _batch_n(ctx, x, arr, mtype)
    _, h, w = arr.num.shape
    if h != 1 and w != 1:
        return error(NA, (n, 1, 1))
    t = 1 if mtype is None or mtype.missing else None
    # fast path: numeric lookups in a shared, all-numeric, ascending vector
    if (t == 1 and x.kind is None and arr.kind is None and arr.num.shape[0] == 1):
        vec = arr.num.reshape(-1)
        if vec.size < 2 or (np.diff(vec) >= 0).all():
            pos = np.searchsorted(vec, x.num.reshape(-1), side="right")
            pos = np.broadcast_to(pos, (n,)).astype(float)
            out = V(pos.reshape(n, 1, 1))
            if (pos == 0).any():
                from ..batch import with_errors
                out = with_errors(out.num, (pos == 0).reshape(n, 1, 1), NA)
            return out
    # fast path: approximate text lookups in a shared, sorted text vector
    if (t == 1 and arr.num.shape[0] == 1 and x.kind is not None and (x.kind == TEXT).all()
            and arr.kind is not None and (arr.kind == TEXT).all()):
        keys = _lower_all(arr.obj.reshape(-1))
        if (keys[:-1] <= keys[1:]).all():
            pos = np.searchsorted(keys, _lower_all(np.broadcast_to(x.obj.reshape(-1), (n,))),
                                  side="right").astype(float)
            out = V(pos.reshape(n, 1, 1))
            if (pos == 0).any():
                from ..batch import with_errors
                out = with_errors(out.num, (pos == 0).reshape(n, 1, 1), NA)
            return out
    # fast path: exact numeric lookups in a shared, all-numeric vector
    if (t is None and mtype.kind is None and mtype.num.shape[0] == 1 and mtype.num[0, 0, 0] == 0
            and x.kind is None and arr.kind is None and arr.num.shape[0] == 1):
        vec = arr.num.reshape(-1)
        order = np.argsort(vec, kind="stable")
        sv = vec[order]
        xs = np.broadcast_to(x.num.reshape(-1), (n,))
        pos = np.searchsorted(sv, xs, side="left")
        clipped = np.minimum(pos, len(sv) - 1)
        found = (pos < len(sv)) & (sv[clipped] == xs)
        out = V((order[clipped] + 1.0).reshape(n, 1, 1))
        if not found.all():
            from ..batch import with_errors
            out = with_errors(np.where(found, out.num.reshape(-1), 0.0).reshape(n, 1, 1),
                              ~found.reshape(n, 1, 1), NA)
        return out
    results = []
    items_cache = {}
    for i in range(n):
        xi = element(x, min(i, x.num.shape[0] - 1), 0, 0)
        ti = t if t is not None else element(to_number(mtype), min(i, mtype.num.shape[0] - 1), 0, 0)
        if isinstance(xi, ExcelError):
            results.append(xi)
            continue
        if isinstance(ti, ExcelError):
            results.append(ti)
            continue
        ti = 1 if ti > 0 else (0 if ti == 0 else -1)
        j = min(i, arr.num.shape[0] - 1)
        cached = items_cache.get(j)
        if cached is None:
            items = [element(arr, j, r, c) for r in range(h) for c in range(w)]
            cached = items_cache[j] = (items, _Sorted(items))
        items, fast = cached
        if xi is None:
            xi = 0.0
        p = fast.find(xi) if ti == 1 and fast.keys is not None else False
        if p is False:
            p = match_one(xi, items, ti)
        results.append(NA if p is None else float(p))
    return stack_scalars(results)


# --- INDEX ---------------------------------------------------------------------------
@register("INDEX", modes=("ref", "value", "value"), min_args=2, max_args=3, returns_ref=True,
          array_args=(0,))
def _index(ctx, src, row, col=None):
    arrays = [a for a in (row, col) if a is not None and not getattr(a, "missing", False)
              and a.num.shape[1] * a.num.shape[2] > 1]
    if arrays:     # INDEX(A1:A10,{1,3,5}): one INDEX per element of the numbers
        return _index_array(ctx, src, row, col)
    n = _batch_n(ctx, src, row, col)
    if isinstance(src, RefV):
        h, w = src.h, src.w
    else:
        _, h, w = src.num.shape
    rr, rbad, rv = _ints(row, n)
    if col is None or col.missing:
        if h == 1 and w > 1:  # INDEX(row_vector, k): k-th column
            cc, cbad, cv = rr, rbad, rv
            rr, rbad = np.ones(n, np.int64), np.zeros(n, bool)
        else:   # a column: its k-th cell; 2-D: the whole k-th row (INDEX help page)
            cc, cbad, cv = np.full(n, 0 if w > 1 else 1, np.int64), np.zeros(n, bool), None
    else:
        cc, cbad, cv = _ints(col, n)
    whole_col = (rr == 0) & ~rbad     # an error argument is no 0 (INDEX(A1:A9,#N/A))
    whole_row = (cc == 0) & ~cbad
    oob = (rr < 0) | (cc < 0) | (rr > h) | (cc > w)
    bad = rbad | cbad | oob
    hh = h if whole_col.any() else 1
    ww = w if whole_row.any() else 1
    if (whole_col.any() and not whole_col.all()) or (whole_row.any() and not whole_row.all()):
        return error(VALUE, (n, 1, 1))
    if isinstance(src, RefV) and not bad.any():
        r0 = np.asarray(src.r) + np.where(whole_col, 0, rr - 1)
        c0 = np.asarray(src.c) + np.where(whole_row, 0, cc - 1)
        return RefV(src.grid, r0, c0, hh, ww)
    vals = src.values() if isinstance(src, RefV) else src
    out_vals = []
    for i in range(n):
        if bad[i]:
            e = None
            if rbad[i]:
                e = rv.obj[min(i, rv.num.shape[0] - 1), 0, 0]
            elif cbad[i]:
                e = cv.obj[min(i, cv.num.shape[0] - 1), 0, 0]
            out_vals.append(e or REF)
        else:
            j = min(i, vals.num.shape[0] - 1)
            out_vals.append(element(vals, j, max(rr[i], 1) - 1, max(cc[i], 1) - 1))
    if hh == 1 and ww == 1:
        return stack_scalars(out_vals)
    if bad.any():
        return error(VALUE, (n, 1, 1))
    out = np.empty((n, hh, ww), object)   # a whole row or column of an array value
    for i in range(n):
        j = min(i, vals.num.shape[0] - 1)
        for r in range(hh):
            for c in range(ww):
                out[i, r, c] = element(vals, j, r if hh > 1 else rr[i] - 1,
                                       c if ww > 1 else cc[i] - 1)
    return stack_grid(out)


def _cell_of(a, r, c):
    """Element (r, c) of an array argument as a one-cell V over the batch, a single row
    or column repeating as Excel broadcasts it; None outside the array."""
    _, h, w = a.num.shape
    if (h > 1 and r >= h) or (w > 1 and c >= w):
        return None
    rr, cc = (r if h > 1 else 0), (c if w > 1 else 0)
    return V(a.num[:, rr:rr + 1, cc:cc + 1],
             None if a.kind is None else a.kind[:, rr:rr + 1, cc:cc + 1],
             None if a.obj is None else a.obj[:, rr:rr + 1, cc:cc + 1])


def _cell_or_na(a, r, c):
    """:func:`_cell_of`, #N/A outside the array (Excel pads a size mismatch with #N/A)."""
    v = _cell_of(a, r, c)
    return error(NA) if v is None else v


def _extent(args):
    """Rows and columns of the arrays ``args`` broadcast together."""
    return max(a.num.shape[1] for a in args), max(a.num.shape[2] for a in args)


def _array_of(args, at):
    """The array result of a function given arrays ``args`` where it takes one value:
    ``at(r, c)`` (a V over the batch) at each position of the broadcast arguments."""
    n = max(a.num.shape[0] for a in args)
    H, W = _extent(args)
    out = np.empty((n, H, W), object)
    for r in range(H):
        for c in range(W):
            res = at(r, c)
            for i in range(n):
                out[i, r, c] = element(res, min(i, res.num.shape[0] - 1), 0, 0)
    return stack_grid(out)


def _index_array(ctx, src, row, col):
    """INDEX with an array of row and/or column numbers: the values at each position
    (arrays broadcast as in Excel: a single row or column repeats, outside is #N/A)."""
    has_col = col is not None and not col.missing

    def at(r, c):
        res = _index(ctx, src, _cell_or_na(row, r, c),
                     _cell_or_na(col, r, c) if has_col else None)
        return res.values() if isinstance(res, RefV) else res
    return _array_of([row] + ([col] if has_col else []), at)


def _index_grad(ctx, vals, out, g):
    """INDEX over a computed array (INDEX(MINVERSE(..),1,1), INDEX(SORT(..),2)): the
    gradient goes to the selected element. A reference source returns a reference, whose
    consumer routes the gradient to the cell itself."""
    src, row = vals[0], vals[1]
    col = vals[2] if len(vals) > 2 and vals[2] is not None and not vals[2].missing else None
    rest = [None] * (len(vals) - 1)
    if isinstance(src, RefV):
        return [None] + rest
    _, h, w = src.num.shape
    gs = np.zeros(src.num.shape)
    args = [row] + ([col] if col is not None else [])
    H, W = _extent(args)
    n = max([a.num.shape[0] for a in args] + [src.num.shape[0], g.shape[0]])
    for r in range(H):
        for c in range(W):
            rv = _cell_of(row, r, c)
            cv = _cell_of(col, r, c) if col is not None else None
            if rv is None or (col is not None and cv is None):
                continue
            rr, rbad, _ = _ints(rv, n)
            if cv is not None:
                cc, cbad, _ = _ints(cv, n)
            elif h == 1 and w > 1:
                cc, cbad = rr, rbad
                rr = np.ones(n, np.int64)
            else:
                cc, cbad = np.ones(n, np.int64), np.zeros(n, bool)
            for i in range(n):
                ri, ci = int(rr[i]), int(cc[i])
                if rbad[i] or cbad[i] or not (0 <= ri <= h and 0 <= ci <= w):
                    continue
                if (ri == 0 and h > 1) or (ci == 0 and w > 1):
                    continue      # a whole row/column: not a single value
                gs[min(i, gs.shape[0] - 1), max(ri, 1) - 1, max(ci, 1) - 1] += \
                    g[min(i, g.shape[0] - 1), min(r, g.shape[1] - 1), min(c, g.shape[2] - 1)]
    return [gs] + rest


FUNCTIONS["INDEX"].grad = _index_grad


# --- OFFSET --------------------------------------------------------------------------
@register("OFFSET", modes=("ref", "value", "value", "value", "value"), min_args=3, max_args=5,
          returns_ref=True, volatile=False)
def _offset(ctx, base, rows, cols, height=None, width=None):
    if not isinstance(base, RefV):
        return error(VALUE)
    if any(a is not None and not getattr(a, "missing", False)
           and a.num.shape[1] * a.num.shape[2] > 1 for a in (rows, cols, height, width)):
        return _offset_array(ctx, base, rows, cols, height, width)
    n = _batch_n(ctx, base, rows, cols, height, width)
    dr, rbad, _ = _ints(rows, n)
    dc, cbad, _ = _ints(cols, n)
    h, w = base.h, base.w
    if height is not None and not height.missing:
        hs, hbad, _ = _ints(height, n)
        if hbad.any() or len(set(hs.tolist())) != 1 or hs[0] < 1:
            return error(VALUE if not (hs < 1).any() else REF, (n, 1, 1))
        h = int(hs[0])
    if width is not None and not width.missing:
        ws, wbad, _ = _ints(width, n)
        if wbad.any() or len(set(ws.tolist())) != 1 or ws[0] < 1:
            return error(VALUE if not (ws < 1).any() else REF, (n, 1, 1))
        w = int(ws[0])
    r = np.asarray(base.r) + dr
    c = np.asarray(base.c) + dc
    bad = rbad | cbad | (r < 1) | (c < 1)
    if bad.any():
        res = []
        for i in range(n):
            if bad[i]:
                res.append(REF if not (rbad[i] or cbad[i]) else VALUE)
            else:
                res.append(RefV(base.grid, int(r[i]), int(c[i]), 1, 1).values())
        return stack_scalars([x if not isinstance(x, V) else element(x, 0, 0, 0) for x in res])
    key = (id(base), h, w)
    last = ctx.refs.get(key)
    if last is not None and np.array_equal(last.r, r) and np.array_equal(last.c, c):
        return last  # the same cells as last time (its indices are already computed)
    ref = RefV(base.grid, r, c, h, w)
    ctx.engine.touched(ctx, ref)
    ctx.refs[key] = ref
    return ref


def _offset_array(ctx, base, rows, cols, height, width):
    """OFFSET(A1,{0,2},0): an array of offsets gives the array of the cells reached
    (N(OFFSET(...)) and SUMPRODUCT(OFFSET(...)) read A1 and A3); each reference is
    reported to the engine like a single OFFSET's. A reached area larger than one
    cell is #VALUE! in its slot."""
    params = (rows, cols, height, width)
    given = [a is not None and not getattr(a, "missing", False) for a in params]

    def at(r, c):
        parts = [_cell_or_na(a, r, c) if ok else a for a, ok in zip(params, given)]
        errs = [p for p in parts if isinstance(p, V) and p.kind is not None
                and (p.kind == ERROR).all()]
        res = errs[0] if errs else _offset(ctx, base, *parts)
        if isinstance(res, RefV):
            res = res.values() if res.h == 1 and res.w == 1 else error(VALUE)
        return res
    return _array_of([a for a, ok in zip(params, given) if ok], at)


# --- VLOOKUP / HLOOKUP ---------------------------------------------------------------
def _lookup(vertical: bool):
    def positions(ctx, x, table, idx, approx):
        n = _batch_n(ctx, x, table, idx, approx)
        _, h, w = table.num.shape
        ii, ibad, iv = _ints(idx, n)
        ap = True
        res = []
        for i in range(n):
            xi = element(x, min(i, x.num.shape[0] - 1), 0, 0)
            if isinstance(xi, ExcelError):      # argument errors, first argument first
                res.append(xi)
                continue
            j = min(i, table.num.shape[0] - 1)
            if h == 1 and w == 1 and isinstance(element(table, j, 0, 0), ExcelError):
                res.append(element(table, j, 0, 0))
                continue
            if ibad[i]:
                res.append(iv.obj[min(i, iv.num.shape[0] - 1), 0, 0])
                continue
            if approx is not None and not approx.missing:
                ap = to_bool(element(approx, min(i, approx.num.shape[0] - 1), 0, 0))
                if isinstance(ap, ExcelError):
                    res.append(ap)
                    continue
            k = int(ii[i])
            if k < 1:
                res.append(VALUE)
                continue
            if k > (w if vertical else h):
                res.append(REF)
                continue
            keys = [element(table, j, r, 0) for r in range(h)] if vertical else \
                [element(table, j, 0, c) for c in range(w)]
            p = match_one(0.0 if xi is None else xi, keys, 1 if ap else 0)
            res.append(NA if p is None else ((j, p - 1, k - 1) if vertical else (j, k - 1, p - 1)))
        return res

    def impl(ctx, x, table, idx, approx=None):
        if x.num.shape[1] * x.num.shape[2] > 1:     # an array of lookup values
            return _lift_first(lambda xi: impl(ctx, xi, table, idx, approx), x)
        out = []
        for p in positions(ctx, x, table, idx, approx):
            out.append(p if not isinstance(p, tuple) else element(table, *p))
        return stack_scalars(out)

    def grad(ctx, vals, out, g):
        x, table, idx = vals[:3]
        if x.num.shape[1] * x.num.shape[2] > 1:
            from ..nodes import NotDifferentiable
            raise NotDifferentiable("VLOOKUP" if vertical else "HLOOKUP")
        approx = vals[3] if len(vals) > 3 else None
        gt = np.zeros(table.num.shape)
        for i, p in enumerate(positions(ctx, x, table, idx, approx)):
            if isinstance(p, tuple):
                gt[p] += g[min(i, g.shape[0] - 1), 0, 0]
        return [None, gt, None, None][:len(vals)]
    return impl, grad


_i, _g = _lookup(True)
register("VLOOKUP", modes=("value", "array", "value", "value"), grad=_g, min_args=3,
         max_args=4, note="VLOOKUP: gradient to the cell it returns", array_args=(1,))(_i)
_i, _g = _lookup(False)
register("HLOOKUP", modes=("value", "array", "value", "value"), grad=_g, min_args=3,
         max_args=4, note="HLOOKUP: gradient to the cell it returns", array_args=(1,))(_i)


def _choose(ctx, idx, *opts):
    """CHOOSE returns the chosen argument itself: a reference stays a reference, so
    ``SUM(CHOOSE(2,A1:A10,B1:B10))`` sums B1:B10 (Excel's CHOOSE help page), and an
    array stays an array. The consumer applies implicit intersection where it wants
    one value."""
    n = _batch_n(ctx, idx, *opts)
    if idx.num.shape[1] * idx.num.shape[2] > 1:
        return _choose_array(n, idx, opts)
    k, bad, kv = _ints(idx, n)
    ok = ~bad & (k >= 1) & (k <= len(opts))
    if ok.all() and (k == k[0]).all():
        return opts[k[0] - 1]
    picked = [opts[k[i] - 1] if ok[i] else None for i in range(n)]
    if ok.all() and all(isinstance(p, RefV) for p in picked):
        p0 = picked[0]
        if all(p.grid is p0.grid and p.h == p0.h and p.w == p0.w for p in picked):
            r = np.array([np.broadcast_to(np.asarray(p.r), (n,))[i] for i, p in enumerate(picked)])
            c = np.array([np.broadcast_to(np.asarray(p.c), (n,))[i] for i, p in enumerate(picked)])
            return RefV(p0.grid, r, c, p0.h, p0.w)
    from ..nodes import Deref
    vals = [Deref()(o, ctx, True) if isinstance(o, RefV) else o for o in opts]
    out = []
    for i in range(n):
        if bad[i]:
            out.append(kv.obj[min(i, kv.num.shape[0] - 1), 0, 0])
        elif ok[i]:
            o = vals[k[i] - 1]
            out.append(element(o, min(i, o.num.shape[0] - 1), 0, 0))
        else:
            out.append(VALUE)
    return stack_scalars(out)


def _choose_array(n, idx, opts):
    """CHOOSE({1,2},A1:A3,B1:B3): an array of indexes picks element by element, the
    arguments broadcast against it (a single row or column repeats, outside is #N/A)."""
    vals = [o.values() if isinstance(o, RefV) else o for o in opts]
    H = max([idx.num.shape[1]] + [v.num.shape[1] for v in vals])
    W = max([idx.num.shape[2]] + [v.num.shape[2] for v in vals])

    def at(v, i, r, c):
        _, h, w = v.num.shape
        if (h > 1 and r >= h) or (w > 1 and c >= w):
            return NA
        return element(v, min(i, v.num.shape[0] - 1), r if h > 1 else 0, c if w > 1 else 0)

    kn = to_number(idx)
    grid = np.empty((n, H, W), object)
    for i in range(n):
        for r in range(H):
            for c in range(W):
                k = at(kn, i, r, c)
                if isinstance(k, ExcelError):
                    grid[i, r, c] = k
                    continue
                k = int(np.trunc(k))
                grid[i, r, c] = at(vals[k - 1], i, r, c) if 1 <= k <= len(vals) else VALUE
    return stack_grid(grid)


def _choose_grad(ctx, vals, out, g):
    """Only reached when CHOOSE returned values (a returned reference takes its
    gradient straight to the cells): the chosen argument gets g."""
    k = np.trunc(to_number(vals[0]).num)
    out = [None]
    for j, v in enumerate(vals[1:]):
        if isinstance(v, RefV):   # values read through a reference (mixed arguments)
            if (k == j + 1).any():
                from ..nodes import NotDifferentiable
                raise NotDifferentiable("CHOOSE")
            out.append(None)
        else:
            out.append(np.where(k == j + 1, g, 0.0))
    return out


register("CHOOSE", modes=("value", "ref"), repeat=1, min_args=2, returns_ref=True,
         grad=_choose_grad)(_choose)


# --- ROW / COLUMN / ROWS / COLUMNS / SINGLE -------------------------------------------
def _row_or_column(of_rows: bool):
    """ROW (of_rows) or COLUMN: the formula's own row/column number without a reference,
    else those the reference spans (a column of row numbers, a row of column numbers)."""
    def fn(ctx, ref=None):
        if ref is None:
            return V((ctx.rows if of_rows else ctx.cols).astype(float).reshape(-1, 1, 1))
        if not isinstance(ref, RefV):
            return error(VALUE)
        start, size = (ref.r, ref.h) if of_rows else (ref.c, ref.w)
        span = np.arange(size).reshape((1, -1, 1) if of_rows else (1, 1, -1))
        return V((np.asarray(start).reshape(-1, 1, 1) + span).astype(float))
    return fn


register("ROW", modes=("ref",), zero_grad=True, max_args=1)(_row_or_column(True))
register("COLUMN", modes=("ref",), zero_grad=True, max_args=1)(_row_or_column(False))


@register("ROWS", modes=("ref",), zero_grad=True, min_args=1, max_args=1)
def _rows(ctx, ref):
    if _error_scalar(ref):
        return _one_or_error(ref)     # ROWS(#N/A), ROWS(1/0): the error, not 1
    return V(np.full((1, 1, 1), float(ref.h if isinstance(ref, RefV) else ref.num.shape[1])))


def _one_or_error(v: V) -> V:
    """1 (one row/column) per batch element, or that element's error."""
    err = v.kind == ERROR
    kind = np.where(err, ERROR, NUMBER).astype(np.int8)
    return V(np.where(err, 0.0, 1.0), kind, np.where(err, v.obj, None))


def _error_scalar(v) -> bool:
    """Is ``v`` a single error value (not a reference, not an array holding errors)?"""
    return (not isinstance(v, RefV) and v.num.shape[1:] == (1, 1) and v.kind is not None
            and bool((v.kind == ERROR).any()))


@register("COLUMNS", modes=("ref",), zero_grad=True, min_args=1, max_args=1)
def _columns(ctx, ref):
    if _error_scalar(ref):
        return _one_or_error(ref)
    return V(np.full((1, 1, 1), float(ref.w if isinstance(ref, RefV) else ref.num.shape[2])))


def _single(ctx, x):
    """Excel's ``@`` (written ``_xlfn.SINGLE``): implicit intersection of a range with the
    formula's row or column; the first element of an array; a scalar unchanged."""
    if isinstance(x, RefV):
        if x.h == 1 and x.w == 1:
            return x
        rows, cols = ctx.rows, ctx.cols
        r0 = np.broadcast_to(np.asarray(x.r), rows.shape)
        c0 = np.broadcast_to(np.asarray(x.c), cols.shape)
        if x.w == 1:
            ok = (rows >= r0) & (rows < r0 + x.h)
            r, c = np.where(ok, rows, r0), c0
        elif x.h == 1:
            ok = (cols >= c0) & (cols < c0 + x.w)
            r, c = r0, np.where(ok, cols, c0)
        else:
            ok = np.zeros(rows.shape, bool)
            r, c = r0, c0
        if ok.all():
            return RefV(x.grid, r, c, 1, 1)
        v = RefV(x.grid, r, c, 1, 1).values()
        return stack_scalars([element(v, i, 0, 0) if ok[i] else VALUE for i in range(len(ok))])
    if x.num.shape[1:] == (1, 1):
        return x
    return V(x.num[:, :1, :1], None if x.kind is None else x.kind[:, :1, :1],
             None if x.obj is None else x.obj[:, :1, :1])


def _single_grad(ctx, vals, out, g):
    x = vals[0]
    if isinstance(x, RefV):
        return [None]  # the consumer of the returned reference routes the gradient
    gx = np.zeros(x.num.shape)
    gx[:, :1, :1] = g
    return [gx]


register("SINGLE", modes=("ref",), min_args=1, max_args=1, returns_ref=True,
         grad=_single_grad)(_single)


# --- Excel category and help page of each function defined here ---------------------
from .base import describe  # noqa: E402

_MS = "https://support.microsoft.com/en-us/office/"
_LOOKUP_REFERENCE = {
    "MATCH": "match-function-e8dffd45-c762-47d6-bf89-533f4a37673a",
    "INDEX": "index-function-a5dcf0dd-996d-40a4-a822-b56b061328bd",
    "OFFSET": "offset-function-c8de19ae-dd79-4b9b-a14e-b4d906d11b66",
    "VLOOKUP": "vlookup-function-0bbc8083-26fe-4963-8ab8-93a18ad188a1",
    "HLOOKUP": "hlookup-function-a3034eec-b719-4ba3-bb65-e1ad662ed95f",
    "CHOOSE": "choose-function-fc5c184f-cb62-4ec7-a46e-38653b98f5bc",
    "ROW": "row-function-3a63b74a-c4d0-4093-b49a-e76eb49a6d8d",
    "ROWS": "rows-function-b592593e-3fc2-47f2-bec1-bda493811597",
    "COLUMN": "column-function-44e8c754-711c-4df3-9da4-47a55042554b",
    "COLUMNS": "columns-function-4e8e7b4e-e603-43e8-b177-956088fa48ca",
    "SINGLE": "implicit-intersection-operator-ce3be07b-0101-4450-a24e-c1c999be2b34",
    "TRANSPOSE": "transpose-function-ed039415-ed8a-4a81-93e9-4b6dfac76027",
}
describe("Lookup & Reference", _LOOKUP_REFERENCE, _MS)
