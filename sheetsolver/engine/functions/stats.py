"""Statistical: AVERAGE, COUNT, COUNTA, COUNTBLANK, MIN, MAX, and the *IF family."""
from __future__ import annotations

import re

import numpy as np

from ...values import DIV0
from ..batch import BLANK, ERROR, NUMBER, TEXT, V, with_errors
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


def _ifs(kind):
    def impl(ctx, rng, crit, sum_rng=None):
        n = max(rng.num.shape[0], crit.num.shape[0], ctx.n if ctx.array else 1,
                sum_rng.num.shape[0] if sum_rng is not None else 1)
        out = np.zeros((n, 1, 1))
        kinds = np.ones((n, 1, 1), np.int8)
        objs = np.empty((n, 1, 1), object)
        target = sum_rng if sum_rng is not None and not sum_rng.missing else rng
        for i in range(n):
            c = _scalars(crit, i)[0]
            if c is not None and not isinstance(c, (int, float, str)):
                kinds[i], objs[i] = ERROR, c
                continue
            test = criterion(c)
            xs, ys = _scalars(rng, i), _scalars(target, i)
            tot, cnt = 0.0, 0
            for x, y in zip(xs, ys):
                if test(x):
                    cnt += 1
                    if isinstance(y, (int, float)) and not isinstance(y, bool):
                        tot += y
            if kind == "COUNT":
                out[i] = cnt
            elif kind == "SUM":
                out[i] = tot
            else:
                nums = sum(1 for x, y in zip(xs, ys) if test(x) and isinstance(y, (int, float))
                           and not isinstance(y, bool))
                if nums == 0:
                    kinds[i], objs[i] = ERROR, DIV0
                else:
                    out[i] = tot / nums
        if (kinds == NUMBER).all():
            return V(out)
        return V(out, kinds, objs)
    return impl


register("COUNTIF", modes=("array", "value"), zero_grad=True, min_args=2, max_args=2)(_ifs("COUNT"))
register("SUMIF", modes=("array", "value", "array"), min_args=2, max_args=3)(_ifs("SUM"))
register("AVERAGEIF", modes=("array", "value", "array"), min_args=2, max_args=3)(_ifs("AVG"))
