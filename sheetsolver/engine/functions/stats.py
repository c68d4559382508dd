"""Statistical: AVERAGE, COUNT, COUNTA, COUNTBLANK, MIN, MAX, and the *IF family."""
from __future__ import annotations

import numpy as np

from ...rules import criterion, is_number
from ...rules import to_number as to_number_rule
from ...values import DIV0, NA, VALUE, ExcelError
from ..batch import (BLANK, ERROR, NUMBER, TEXT, V, element, stack_grid,
                     stack_scalars, with_errors)
from ..grid import RefV
from .base import FUNCTIONS, aggregate_args, collect, finish, is_ref, register
from .counted_args import per_argument


def _count(vals):
    parts, errs = aggregate_args(vals)
    cnt = 0.0
    for num, mask in parts:
        cnt = cnt + (np.ones(num.shape) if mask is None else mask).sum(axis=(1, 2), keepdims=True)
    return np.asarray(cnt, float).reshape(-1, 1, 1), parts, errs


@register("AVERAGE", modes=("array",), min_args=1)
def _average(ctx, *vals):
    if len(vals) == 1 and vals[0].kind is None and vals[0].num.shape[1] * vals[0].num.shape[2]:
        return V(vals[0].num.mean(axis=(1, 2), keepdims=True))   # all numbers: no blanks to skip
    cnt, parts, errs = _count(vals)
    total = sum(num.sum(axis=(1, 2), keepdims=True) for num, _ in parts)
    total = np.asarray(total, float).reshape(-1, 1, 1)
    with np.errstate(all="ignore"):
        out = total / np.where(cnt == 0, 1, cnt)
    res = finish(out, errs)
    zero = np.broadcast_to(cnt == 0, res.num.shape)
    if zero.any():
        res = with_errors(np.where(zero, 0.0, res.num),
                          zero & (res.kind != ERROR if res.kind is not None else True), DIV0, res)
    return res


def _average_grad(ctx, vals, out, g):
    cnt, _, _ = _count(vals)
    res = []
    for v in vals:
        if v.missing:
            res.append(None)
            continue
        _, mask, _ = collect(v, not is_ref(v))
        gv = np.broadcast_to(g / np.where(cnt == 0, 1, cnt), v.num.shape)
        res.append(gv if mask is None else np.where(mask, gv, 0.0))
    return res


FUNCTIONS["AVERAGE"].grad = _average_grad


def _count_where(vals, counted):
    """Per batch row, how many values of the given arguments ``counted(v)`` (a boolean
    array the shape of v) marks: COUNT and COUNTA."""
    out = np.zeros((1, 1, 1))
    for v in vals:
        if not v.missing:
            out = out + counted(v).sum(axis=(1, 2), keepdims=True)
    return V(np.asarray(out, float))


def _counted_number(v):
    """Where COUNT counts a value of argument v: the numbers of a reference; typed-in
    numbers, logicals and numeric text."""
    if is_ref(v):
        return np.ones(v.num.shape, bool) if v.kind is None else v.kind == NUMBER
    _, m, _ = collect(v, True)
    return np.ones(v.num.shape, bool) if m is None else m


@register("COUNT", modes=("array",), zero_grad=True)
def _count_fn(ctx, *vals):
    return _count_where(vals, _counted_number)


@register("COUNTA", modes=("array",), zero_grad=True)
def _counta(ctx, *vals):
    return _count_where(
        vals, lambda v: np.ones(v.num.shape, bool) if v.kind is None else v.kind != BLANK)


@register("COUNTBLANK", modes=("array",), zero_grad=True, min_args=1, max_args=1)
def _countblank(ctx, v):
    if v.kind is None:
        return V(np.zeros((v.num.shape[0], 1, 1)))
    empty_text = np.vectorize(lambda o: o == "", otypes=[bool])(v.obj) if v.obj is not None \
        else np.zeros(v.num.shape, bool)
    ok = (v.kind == BLANK) | ((v.kind == TEXT) & empty_text)
    return V(ok.sum(axis=(1, 2), keepdims=True).astype(float))


def _minmax(fn):
    """MIN/MAX over the numbers of all arguments; 0 when there are none (Excel). An
    omitted argument, MAX(-1,), is the number 0 here, unlike SUM/PRODUCT which skip it
    (Excel's behaviour as tested by PhpSpreadsheet PR 3868 and IronCalc's MAX tests)."""
    def impl(ctx, *vals):
        parts, errs = aggregate_args(vals, omitted_is_zero=True)
        best = None
        for num, mask in parts:
            x = num if mask is None else np.where(mask, num, np.nan)
            m = _nanreduce(x.reshape(x.shape[0], -1), fn)
            best = m if best is None else _combine(best, m, fn)
        if best is None:
            return finish(np.zeros((1, 1, 1)), errs)
        return finish(np.where(np.isnan(best), 0.0, best).reshape(-1, 1, 1), errs)

    def grad(ctx, vals, out, g):
        res = []
        found = np.zeros(out.num.shape[0], bool)
        for v in vals:
            if v.missing:
                res.append(None)
                continue
            num, mask, _ = collect(v, not is_ref(v))
            ok = np.ones(num.shape, bool) if mask is None else mask
            hit = ok & (num == out.num)
            flat = hit.reshape(hit.shape[0], -1)
            first = np.zeros_like(flat)
            idx = flat.argmax(axis=1)
            rows = np.arange(flat.shape[0])
            take = flat[rows, idx] & ~np.broadcast_to(found, (flat.shape[0],))
            first[rows[take], idx[take]] = True
            found = found | take
            res.append(np.where(first.reshape(num.shape), np.broadcast_to(g, num.shape), 0.0))
        return res
    return impl, grad


def _combine(a, b, fn):
    return np.where(np.isnan(a), b, np.where(np.isnan(b), a, fn(a, b)))


def _nanreduce(flat, fn):
    if flat.shape[1] == 0:
        return np.full(flat.shape[0], np.nan)
    with np.errstate(all="ignore"):
        red = np.fmin.reduce(flat, axis=1) if fn is np.minimum else np.fmax.reduce(flat, axis=1)
    return red


_i, _g = _minmax(np.minimum)
register("MIN", modes=("array",), grad=_g, note="MIN: gradient to the first minimal cell")(_i)
_i, _g = _minmax(np.maximum)
register("MAX", modes=("array",), grad=_g, note="MAX: gradient to the first maximal cell")(_i)


# --- criteria (SUMIF, COUNTIF, AVERAGEIF) --------------------------------------------
# Which cells a criterion selects is decided by rules.criterion (one home for the rule).
# A criteria argument holding an array (``SUMIF(A1:A5,{"a","b"},B1:B5)``) lifts: the
# result is an array of that shape, one answer per criterion, as in Excel.

def _scalars(v: V, i: int):
    n, h, w = v.num.shape
    i = min(i, n - 1)
    return [element(v, i, r, c) for r in range(h) for c in range(w)]


def _crit_at(crit: V, i: int, r: int, c: int):
    n, h, w = crit.num.shape
    if (h > 1 and r >= h) or (w > 1 and c >= w):
        return NA
    return element(crit, min(i, n - 1), r if h > 1 else 0, c if w > 1 else 0)


def _criteria_mask(pairs, i, r=0, c=0, cache=None):
    """Flat positions where every (range, criterion) pair matches, or an ExcelError."""
    mask = None
    for k, (rng, crit) in enumerate(pairs):
        cv = _crit_at(crit, i, r, c)
        if isinstance(cv, ExcelError):
            return cv
        xs = cache.get((k, i)) if cache is not None else None
        if xs is None:
            xs = _scalars(rng, i)
            if cache is not None:
                cache[(k, i)] = xs
        test = criterion(cv)
        m = np.fromiter((test(x) for x in xs), bool, len(xs))
        if mask is not None and m.shape != mask.shape:
            return VALUE
        mask = m if mask is None else mask & m
    return mask


def _selected(ctx, target, pairs, i, r=0, c=0, cache=None):
    """(mask of added target cells, target numbers) for batch element i and criteria
    position (r, c), or an error: the first error among the selected target cells
    (Excel propagates it; errors in cells not selected do not matter)."""
    mask = _criteria_mask(pairs, i, r, c, cache)
    if isinstance(mask, ExcelError) or target is None:
        return mask, None
    ys = cache.get(("t", i)) if cache is not None else None
    if ys is None:
        ys = _scalars(target, i)
        if cache is not None:
            cache[("t", i)] = ys
    if len(ys) != mask.size:
        return VALUE, None
    for k in np.nonzero(mask)[0]:
        if isinstance(ys[k], ExcelError):
            return ys[k], None
    nums = np.fromiter((is_number(y) for y in ys), bool, len(ys))
    return mask & nums, np.array([y if is_number(y) else 0.0 for y in ys], float)


def _crit_shape(pairs):
    """(h, w) of the result: the broadcast of the criteria arguments' shapes."""
    hs = [crit.num.shape[1] for _, crit in pairs]
    ws = [crit.num.shape[2] for _, crit in pairs]
    return max(hs), max(ws)


def _fit_sum_range(ctx, args, report=True):
    """SUMIF/AVERAGEIF(range, criteria, sum_range): Excel adds the cells of a sum range
    of ``range``'s size starting at sum_range's top-left cell (SUMIF help page: "the
    actual cells that are added are determined by using the upper leftmost cell in the
    sum_range argument as the beginning cell, and then including cells that correspond in
    size and shape to the range argument"). Returns (args with the sum range's values,
    the reference read, or None). The compiler widens written references whose size
    cannot change as the formula is copied (:mod:`..sum_range`); any other (a range that
    grows down a column, one known only at run time) is widened here and reported to the
    engine, as OFFSET's are, so the cells it reads are computed first."""
    if len(args) < 3 or not isinstance(args[2], RefV):
        return args, None
    rng, tgt = args[0], args[2]
    h, w = (rng.h, rng.w) if isinstance(rng, RefV) else rng.num.shape[1:]
    ref = tgt
    if (tgt.h, tgt.w) != (h, w):
        key = ("SUMIF", id(tgt), int(h), int(w))
        last = ctx.refs.get(key)
        if (last is not None and np.array_equal(last.r, tgt.r)
                and np.array_equal(last.c, tgt.c)):
            ref = last     # the same cells as last time (index arrays already computed)
        else:
            ref = RefV(tgt.grid, tgt.r, tgt.c, int(h), int(w))
            if report:
                ctx.engine.touched(ctx, ref)
                ctx.refs[key] = ref
    vals = ref.values()
    vals.from_ref = True
    return (args[0], args[1], vals) + tuple(args[3:]), ref


def _conditional(kind: str, split):
    """COUNTIF(S)/SUMIF(S)/AVERAGEIF(S): ``split(args)`` gives (target, pairs)."""
    def impl(ctx, *args):
        args, _ = _fit_sum_range(ctx, args)
        target, pairs = split(args)
        if kind == "COUNT":
            target = None   # COUNTIF counts matching cells of any type
        parts = [a for a in args if a is not None]
        n = max([a.num.shape[0] for a in parts] + [ctx.n if ctx.array else 1])
        H, W = _crit_shape(pairs)
        out = np.empty((n, H, W), object)
        cache = {}
        for i in range(n):
            for r in range(H):
                for c in range(W):
                    sel, ys = _selected(ctx, target, pairs, i, r, c, cache)
                    if isinstance(sel, ExcelError):
                        out[i, r, c] = sel
                    elif kind == "COUNT":
                        out[i, r, c] = float(sel.sum())
                    elif kind == "SUM":
                        out[i, r, c] = float(ys[sel].sum())
                    else:
                        out[i, r, c] = float(ys[sel].mean()) if sel.any() else DIV0
        return stack_grid(out)

    def grad(ctx, vals, out, g):
        vals, ref = _fit_sum_range(ctx, vals, report=False)
        target, pairs = split(vals)
        gt = np.zeros(target.num.shape)
        H, W = _crit_shape(pairs)
        cache = {}
        for i in range(max(out.num.shape[0], 1)):
            for r in range(H):
                for c in range(W):
                    sel, _ = _selected(ctx, target, pairs, i, r, c, cache)
                    if isinstance(sel, ExcelError) or not sel.any():
                        continue
                    gi = g[min(i, g.shape[0] - 1), min(r, g.shape[1] - 1),
                           min(c, g.shape[2] - 1)] / (sel.sum() if kind == "AVG" else 1)
                    j = min(i, gt.shape[0] - 1)
                    gt[j] += (sel * gi).reshape(gt.shape[1:])
        if ref is not None:       # a sum_range reference: route to the cells it read
            ri, ci = ref.index()
            if ri.shape[0] == 1 and gt.shape[0] > 1:
                gt = gt.sum(axis=0, keepdims=True)
            return [None, None, ("ref", [((ref.grid, ri, ci), gt)])] + [None] * (len(vals) - 3)
        return [gt if v is target else None for v in vals]
    return impl, (grad if kind != "COUNT" else None)


def _if_split(args):      # SUMIF(range, criteria, [sum_range])
    rng, crit = args[0], args[1]
    tgt = args[2] if len(args) > 2 and not args[2].missing else rng
    return tgt, [(rng, crit)]


def _ifs_split(args):     # SUMIFS(sum_range, range1, criteria1, ...)
    return args[0], [(args[k], args[k + 1]) for k in range(1, len(args) - 1, 2)]


def _countifs_split(args):
    return None, [(args[k], args[k + 1]) for k in range(0, len(args) - 1, 2)]


for _name, _kind, _split, _modes, _lo, _hi in [
        ("COUNTIF", "COUNT", _if_split, ("array", "value"), 2, 2),
        ("SUMIF", "SUM", _if_split, ("array", "value", "ref"), 2, 3),
        ("AVERAGEIF", "AVG", _if_split, ("array", "value", "ref"), 2, 3),
        ("COUNTIFS", "COUNT", _countifs_split, ("array", "value"), 2, 254),
        ("SUMIFS", "SUM", _ifs_split, ("array", "array", "value"), 3, 255),
        ("AVERAGEIFS", "AVG", _ifs_split, ("array", "array", "value"), 3, 255)]:
    _impl, _grad = _conditional(_kind, _split)
    register(_name, modes=_modes, grad=_grad, zero_grad=_kind == "COUNT", min_args=_lo,
             max_args=_hi, repeat=2 if _name.endswith("IFS") else 1,
             note=f"{_name}: gradient to the cells it adds up")(_impl)


# --- order statistics and spread (numbers of all arguments, as SUM counts them) -------------
def _numbers_of(vals):
    """Per batch element, the list of numbers the arguments hold (SUM's rules), or an error."""
    parts, errs = aggregate_args(vals)
    n = max([p[0].shape[0] for p in parts] + [1])
    e = finish(np.zeros((n, 1, 1)), errs)
    out = []
    for i in range(n):
        if e.kind is not None and e.kind[min(i, e.kind.shape[0] - 1), 0, 0] == ERROR:
            out.append(e.obj[min(i, e.obj.shape[0] - 1), 0, 0])
            continue
        xs = []
        for num, mask in parts:
            j = min(i, num.shape[0] - 1)
            xs.append(num[j].ravel() if mask is None else num[j][mask[j]].ravel())
        out.append(np.concatenate(xs) if xs else np.zeros(0))
    return out


def _spread_grad(ddof: int, root: bool):
    """Exact gradient of VAR (root=False) / STDEV (root=True) with ``ddof`` 1 (sample)
    or 0 (population): d var/dx_j = 2 (x_j - mean) / (n - ddof), d sd = d var / (2 sd);
    only the cells the function counts (SUM's rules) get a gradient."""
    def grad(ctx, vals, out, g):
        parts = per_argument(
            vals, lambda num, mask: (num, np.ones(num.shape, bool) if mask is None else mask))
        live = [p for p in parts if p is not None]
        cnt = sum(m.sum(axis=(1, 2), keepdims=True) for _, m in live)
        total = sum(np.where(m, x, 0.0).sum(axis=(1, 2), keepdims=True) for x, m in live)
        cnt = np.asarray(cnt, float)
        mean = total / np.where(cnt == 0, 1, cnt)
        d = cnt - ddof
        ok = d > 0
        dd = np.where(ok, d, 1.0)
        scale = 2.0 / dd
        if root:
            ss = sum(np.where(m, (x - mean) ** 2, 0.0).sum(axis=(1, 2), keepdims=True)
                     for x, m in live)
            sd = np.sqrt(ss / dd)
            ok = ok & (sd > 0)
            scale = 1.0 / (dd * np.where(sd > 0, sd, 1.0))
        res = []
        for v, p in zip(vals, parts):
            if p is None:
                res.append(None)
                continue
            x, m = p
            gv = np.where(m & ok, g * scale * (x - mean), 0.0)
            if gv.shape[0] > v.num.shape[0]:
                gv = gv.sum(axis=0, keepdims=True)
            res.append(np.broadcast_to(gv, v.num.shape))
        return res
    return grad


def _reduce(name, fn, min_count=1, empty=None, grad=None):
    from ...values import NUM

    def impl(ctx, *vals):
        res = []
        for xs in _numbers_of(vals):
            if isinstance(xs, ExcelError):
                res.append(xs)
            elif xs.size < min_count:
                res.append(empty or NUM)
            else:
                res.append(float(fn(xs)))
        return stack_scalars(res)
    if grad is None:
        register(name, modes=("array",), min_args=1)(impl)
    else:
        register(name, modes=("array",), min_args=1, grad=grad)(impl)


_reduce("MEDIAN", np.median)
_reduce("STDEV.S", lambda x: np.std(x, ddof=1), 2, DIV0, _spread_grad(1, True))
_reduce("STDEV", lambda x: np.std(x, ddof=1), 2, DIV0, _spread_grad(1, True))
_reduce("STDEV.P", np.std, 1, DIV0, _spread_grad(0, True))
_reduce("VAR.S", lambda x: np.var(x, ddof=1), 2, DIV0, _spread_grad(1, False))
_reduce("VAR", lambda x: np.var(x, ddof=1), 2, DIV0, _spread_grad(1, False))
_reduce("VAR.P", np.var, 1, DIV0, _spread_grad(0, False))


def _kth(largest: bool):
    """LARGE / SMALL. The k argument is per cell of a group (SMALL($A$1:$A$6, B1) filled
    down takes each row's own k) and lifts over an array of k's. A fractional k: SMALL
    truncates it, LARGE rounds it up (LARGE(x, k) is SMALL(x, n - k + 1))."""
    from ...values import NUM

    def impl(ctx, arr, k):
        lists = _numbers_of([arr])
        n = max(len(lists), k.num.shape[0])
        _, H, W = k.num.shape
        out = np.empty((n, H, W), object)
        for i in range(n):
            xs = lists[min(i, len(lists) - 1)]
            srt = None if isinstance(xs, ExcelError) else np.sort(xs)
            for r in range(H):
                for c in range(W):
                    if isinstance(xs, ExcelError):
                        out[i, r, c] = xs
                        continue
                    kv = to_number_rule(element(k, min(i, k.num.shape[0] - 1), r, c))
                    if isinstance(kv, ExcelError):
                        out[i, r, c] = kv
                        continue
                    j = int(np.ceil(kv)) if largest else int(np.floor(kv))
                    if not 1 <= j <= srt.size:
                        out[i, r, c] = NUM
                    else:
                        out[i, r, c] = float(srt[-j] if largest else srt[j - 1])
        return stack_grid(out)
    return impl


register("LARGE", modes=("array", "value"), min_args=2, max_args=2)(_kth(True))
register("SMALL", modes=("array", "value"), min_args=2, max_args=2)(_kth(False))


# --- Excel category and help page of each function defined here ---------------------
from .base import describe  # noqa: E402

_MS = "https://support.microsoft.com/en-us/office/"
_STATISTICAL = {
    "AVERAGE": "average-function-047bac88-d466-426c-a32b-8f33eb960cf6",
    "COUNT": "count-function-a59cd7fc-b623-4d93-87a4-d23bf411294c",
    "COUNTA": "counta-function-7dc98875-d5c1-46f1-9a82-53f3219e2509",
    "COUNTBLANK": "countblank-function-6a92d772-675c-4bee-b346-24af6bd3ac22",
    "MIN": "min-function-61635d12-920f-4ce2-a70f-96f202dcc152",
    "MAX": "max-function-e0012414-9ac8-4b34-9a47-73e662c08098",
    "MEDIAN": "median-function-d0916313-4753-414c-8537-ce85bdd967d2",
    "LARGE": "large-function-3af0af19-1190-42bb-bb8b-01672ec00a64",
    "SMALL": "small-function-17da8222-7c82-42b2-961b-14c45384df07",
    "STDEV": "stdev-function-51fecaaa-231e-4bbb-9230-33650a72c9b0",
    "STDEV.S": "stdev-s-function-7d69cf97-0c1f-4acf-be27-f3e83904cc23",
    "STDEV.P": "stdev-p-function-6e917c05-31a0-496f-ade7-4f4e7462f285",
    "VAR": "var-function-1f2b7ab2-954d-4e17-ba2c-9e58b15a7da2",
    "VAR.S": "var-s-function-913633de-136b-449d-813e-65a00b2b990b",
    "VAR.P": "var-p-function-73d1285c-108c-4843-ba5d-a51f90656f3a",
    "COUNTIF": "countif-function-e0de10c6-f885-4e71-abb4-1f464816df34",
    "COUNTIFS": "countifs-function-dda3dc6e-f74e-4aee-88bc-aa8c2a866842",
    "AVERAGEIF": "averageif-function-faec8e2e-0dec-4308-af69-f5576d8ac642",
    "AVERAGEIFS": "averageifs-function-48910c45-1fc0-4389-a028-f7c5c3001690",
}
describe("Statistical", _STATISTICAL, _MS)
_MATH_TRIG = {
    "SUMIF": "sumif-function-169b8c99-c05c-4483-a712-1697a653039b",
    "SUMIFS": "sumifs-function-c9e748f5-7ea7-455d-9406-611cebce642b",
}
describe("Math & Trig", _MATH_TRIG, _MS)
