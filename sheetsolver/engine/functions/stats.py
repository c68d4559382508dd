"""Statistical: AVERAGE, COUNT, COUNTA, COUNTBLANK, MIN, MAX, and the *IF family."""
from __future__ import annotations

import re

import numpy as np

from ...values import DIV0, VALUE, ExcelError
from ..batch import BLANK, ERROR, NUMBER, TEXT, V, stack_scalars, to_number, with_errors
from .base import FUNCTIONS, aggregate_args, collect, finish, is_ref, register


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


@register("COUNT", modes=("array",), zero_grad=True)
def _count_fn(ctx, *vals):
    out = np.zeros((1, 1, 1))
    for v in vals:
        if v.missing:
            continue
        if is_ref(v):
            ok = np.ones(v.num.shape, bool) if v.kind is None else v.kind == NUMBER
        else:  # typed-in scalars: numbers, booleans and numeric text count
            _, m, c = collect(v, True)
            ok = np.ones(v.num.shape, bool) if m is None else m
        out = out + ok.sum(axis=(1, 2), keepdims=True)
    return V(np.asarray(out, float))


@register("COUNTA", modes=("array",), zero_grad=True)
def _counta(ctx, *vals):
    out = np.zeros((1, 1, 1))
    for v in vals:
        if v.missing:
            continue
        ok = np.ones(v.num.shape, bool) if v.kind is None else v.kind != BLANK
        out = out + ok.sum(axis=(1, 2), keepdims=True)
    return V(out)


@register("COUNTBLANK", modes=("array",), zero_grad=True, min_args=1, max_args=1)
def _countblank(ctx, v):
    if v.kind is None:
        return V(np.zeros((v.num.shape[0], 1, 1)))
    empty_text = np.vectorize(lambda o: o == "", otypes=[bool])(v.obj) if v.obj is not None \
        else np.zeros(v.num.shape, bool)
    ok = (v.kind == BLANK) | ((v.kind == TEXT) & empty_text)
    return V(ok.sum(axis=(1, 2), keepdims=True).astype(float))


def _minmax(fn):
    """MIN/MAX over the numbers of all arguments; 0 when there are none (Excel)."""
    def impl(ctx, *vals):
        parts, errs = aggregate_args(vals)
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
def criterion(crit):
    """A predicate on Python scalars from an Excel criteria value ('>5', 'a*', 3, ...)."""
    if isinstance(crit, bool):
        return lambda x: isinstance(x, bool) and x == crit
    if isinstance(crit, (int, float)):
        return lambda x: isinstance(x, (int, float)) and not isinstance(x, bool) and x == crit
    s = "" if crit is None else str(crit)
    m = re.match(r"^(<=|>=|<>|=|<|>)?(.*)$", s, re.S)
    op, rhs = m.group(1) or "=", m.group(2)
    try:
        num = float(rhs)
    except ValueError:
        num = None
    if num is not None:
        def test(x):
            if not isinstance(x, (int, float)) or isinstance(x, bool):
                return op == "<>"
            return {"=": x == num, "<>": x != num, "<": x < num, ">": x > num,
                    "<=": x <= num, ">=": x >= num}[op]
        return test
    if rhs == "" and op in ("=", "<>"):
        return (lambda x: x is None or x == "") if op == "=" else (lambda x: not (x is None or x == ""))
    pat = re.compile("^" + "".join(
        ".*" if ch == "*" else "." if ch == "?" else re.escape(ch)
        for ch in re.sub(r"~([*?])", lambda mm: "\x00" + mm.group(1), rhs)).replace("\x00", "\\")
        + "$", re.I | re.S)

    def test_text(x):
        if not isinstance(x, str):
            return op == "<>"
        if op in ("=", "<>"):
            return bool(pat.match(x)) == (op == "=")
        a, b = x.lower(), rhs.lower()
        return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
    return test_text


def _scalars(v: V, i: int):
    from ..batch import element
    n, h, w = v.num.shape
    i = min(i, n - 1)
    return [element(v, i, r, c) for r in range(h) for c in range(w)]


def _criteria_mask(pairs, i):
    """Flat positions where every (range, criterion) pair matches, or an ExcelError."""
    mask = None
    for rng, crit in pairs:
        c = _scalars(crit, i)[0]
        if isinstance(c, ExcelError):
            return c
        test = criterion(c)
        m = np.array([test(x) for x in _scalars(rng, i)], bool)
        if mask is not None and m.shape != mask.shape:
            return VALUE
        mask = m if mask is None else mask & m
    return mask


def _numbers(xs):
    return np.array([isinstance(y, (int, float)) and not isinstance(y, bool) for y in xs], bool)


def _selected(ctx, target, pairs, i):
    """(mask of counted target cells, target values) for batch element i, or an error."""
    mask = _criteria_mask(pairs, i)
    if isinstance(mask, ExcelError) or target is None:
        return mask, None
    ys = _scalars(target, i)
    if len(ys) != mask.size:
        return VALUE, None
    return mask & _numbers(ys), np.array([y if isinstance(y, (int, float)) else 0.0
                                          for y in ys], float)


def _conditional(kind: str, split):
    """COUNTIF(S)/SUMIF(S)/AVERAGEIF(S): ``split(args)`` gives (target, pairs)."""
    def impl(ctx, *args):
        target, pairs = split(args)
        if kind == "COUNT":
            target = None   # COUNTIF counts matching cells of any type
        parts = [a for a in args if a is not None]
        n = max([a.num.shape[0] for a in parts] + [ctx.n if ctx.array else 1])
        out = []
        for i in range(n):
            sel, ys = _selected(ctx, target, pairs, i)
            if isinstance(sel, ExcelError):
                out.append(sel)
            elif kind == "COUNT":
                out.append(float(sel.sum()))
            elif kind == "SUM":
                out.append(float(ys[sel].sum()))
            else:
                out.append(float(ys[sel].mean()) if sel.any() else DIV0)
        return stack_scalars(out)

    def grad(ctx, vals, out, g):
        target, pairs = split(vals)
        gt = np.zeros(target.num.shape)
        for i in range(max(out.num.shape[0], 1)):
            sel, _ = _selected(ctx, target, pairs, i)
            if isinstance(sel, ExcelError) or not sel.any():
                continue
            gi = g[min(i, g.shape[0] - 1), 0, 0] / (sel.sum() if kind == "AVG" else 1)
            j = min(i, gt.shape[0] - 1)
            gt[j] += (sel * gi).reshape(gt.shape[1:])
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
        ("SUMIF", "SUM", _if_split, ("array", "value", "array"), 2, 3),
        ("AVERAGEIF", "AVG", _if_split, ("array", "value", "array"), 2, 3),
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


def _reduce(name, fn, min_count=1, empty=None):
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
    register(name, modes=("array",), min_args=1)(impl)


_reduce("MEDIAN", np.median)
_reduce("STDEV.S", lambda x: np.std(x, ddof=1), 2, DIV0)
_reduce("STDEV", lambda x: np.std(x, ddof=1), 2, DIV0)
_reduce("STDEV.P", np.std, 1, DIV0)
_reduce("VAR.S", lambda x: np.var(x, ddof=1), 2, DIV0)
_reduce("VAR", lambda x: np.var(x, ddof=1), 2, DIV0)
_reduce("VAR.P", np.var, 1, DIV0)


def _kth(largest: bool):
    from ...values import NUM

    def impl(ctx, arr, k):
        kk = to_number(k)
        res = []
        for i, xs in enumerate(_numbers_of([arr])):
            kv = kk.num[min(i, kk.num.shape[0] - 1), 0, 0]
            if isinstance(xs, ExcelError):
                res.append(xs)
            elif kk.kind is not None and kk.kind[min(i, kk.num.shape[0] - 1), 0, 0] == ERROR:
                res.append(kk.obj[min(i, kk.num.shape[0] - 1), 0, 0])
            elif not 1 <= int(np.ceil(kv)) <= xs.size:
                res.append(NUM)
            else:
                srt = np.sort(xs)
                j = int(np.ceil(kv)) - 1
                res.append(float(srt[-1 - j] if largest else srt[j]))
        return stack_scalars(res)
    return impl


register("LARGE", modes=("array", "value"), min_args=2, max_args=2)(_kth(True))
register("SMALL", modes=("array", "value"), min_args=2, max_args=2)(_kth(False))
