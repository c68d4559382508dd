"""Excel's operators on batched values: arithmetic, comparison, concatenation.

Rules (Excel's): blank is 0 (or "" against text), TRUE/FALSE are 1/0 in arithmetic,
numeric text is converted, other text gives #VALUE!, the left operand's error wins,
x/0 is #DIV/0!, overflow and domain errors are #NUM!. Comparisons order
numbers < text < booleans, compare text case-insensitively, and never coerce.
"""
from __future__ import annotations

import numpy as np

from ..rules import compare as compare_scalars, general_text, text_key, to_text
from ..values import DIV0, NA, NUM
from .batch import (BLANK, BOOL, ERROR, NUMBER, TEXT, V, bshape, element, first_error, to_number,
                    with_errors)


def align(a: V, b: V):
    """Broadcast two values to one shape; Excel pads mismatched arrays with #N/A."""
    try:
        bshape(a.num.shape, b.num.shape)
        return a, b
    except ValueError:
        shape = tuple(max(x, y) for x, y in zip(a.num.shape, b.num.shape))
        return _pad(a, shape), _pad(b, shape)


def _pad(v: V, shape) -> V:
    n, h, w = v.num.shape
    if (n, h, w) == shape:
        return v
    num = np.zeros(shape)
    kind = np.full(shape, ERROR, np.int8)
    obj = np.empty(shape, object)
    obj.fill(NA)
    src_kind = np.ones(v.num.shape, np.int8) if v.kind is None else v.kind
    tn, th, tw = (shape[0] if n == 1 else n), (shape[1] if h == 1 else h), (shape[2] if w == 1 else w)
    num[:tn, :th, :tw] = np.broadcast_to(v.num, (tn, th, tw))
    kind[:tn, :th, :tw] = np.broadcast_to(src_kind, (tn, th, tw))
    if v.obj is not None:
        obj[:tn, :th, :tw] = np.broadcast_to(v.obj, (tn, th, tw))
    return V(num, kind, obj)


def _raw(op, x, y):
    """The IEEE result; callers map inf/nan to Excel errors (the engine runs with numpy's
    floating-point warnings off)."""
    if op == "+":
        return x + y
    if op == "-":
        return x - y
    if op == "*":
        return x * y
    if op == "/":
        return x / y
    return np.power(x, y)


def arith(op: str, a: V, b: V) -> V:
    a, b = align(a, b)
    if a.kind is not None or b.kind is not None:
        a, b = to_number(a), to_number(b)
    if op == "^" and b.num.shape == (1, 1, 1) and b.num[0, 0, 0] == 2.0:
        out = a.num * a.num    # x^2, the common case, as one multiplication
        op_checked = np.isfinite(out).all()
    else:
        out = _raw(op, a.num, b.num)
        op_checked = op not in "/^" and np.isfinite(out).all()
        if op == "/" and np.isfinite(out).all() and (b.num != 0).all():
            op_checked = True
    bad = None
    if not op_checked:
        bad_num = ~np.isfinite(out)
        div0 = np.zeros(out.shape, bool)
        if op == "/":
            div0 = np.broadcast_to(b.num == 0, out.shape)
        elif op == "^":
            div0 = np.broadcast_to((a.num == 0) & (b.num < 0), out.shape)
            bad_num = bad_num | np.broadcast_to((a.num == 0) & (b.num == 0), out.shape)
        if div0.any() or bad_num.any():
            out = np.where(div0 | bad_num, 0.0, out)
            res = with_errors(out, bad_num & ~div0, NUM)
            res = with_errors(out, div0, DIV0, res)
            bad = res
    if a.kind is None and b.kind is None:
        return bad if bad is not None else V(out)
    mask, obj = first_error(a, b)
    res = bad if bad is not None else V(out)
    if mask.any():
        kind = np.ones(out.shape, np.int8) if res.kind is None else np.array(res.kind)
        robj = np.empty(out.shape, object) if res.obj is None else np.array(res.obj)
        kind[mask] = ERROR
        robj[mask] = obj[mask]
        return V(res.num, kind, robj)
    return res


def negate(a: V) -> V:
    if a.kind is not None:
        a = to_number(a)
    return V(-a.num, a.kind, a.obj)


def percent(a: V) -> V:
    if a.kind is not None:
        a = to_number(a)
    return V(a.num / 100.0, a.kind, a.obj)


def as_text(v: V) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(strings, error_mask, error_obj) for concatenation."""
    shape = v.num.shape
    out = np.empty(shape, object)
    kind = np.ones(shape, np.int8) if v.kind is None else v.kind
    err = kind == ERROR
    for idx in np.ndindex(shape):
        k = kind[idx]
        if k == NUMBER:
            out[idx] = general_text(float(v.num[idx]))
        elif k != ERROR:
            out[idx] = to_text(element(v, *idx))     # TRUE/FALSE, text, blank ""
        else:
            out[idx] = ""
    return out, err, v.obj


def concat(a: V, b: V) -> V:
    a, b = align(a, b)
    sa, _, _ = as_text(a)
    sb, _, _ = as_text(b)
    shape = bshape(sa.shape, sb.shape)
    res = np.empty(shape, object)
    sa, sb = np.broadcast_to(sa, shape), np.broadcast_to(sb, shape)
    for idx in np.ndindex(shape):
        res[idx] = sa[idx] + sb[idx]
    kind = np.full(shape, TEXT, np.int8)
    mask, obj = first_error(a, b)
    kind[mask] = ERROR
    res[mask] = obj[mask]
    return V(np.zeros(shape), kind, res)


_key = np.frompyfunc(lambda x: text_key(x) if isinstance(x, str) else "", 1, 1)


def _text_const(v: V):
    if v.num.shape == (1, 1, 1) and v.kind is not None and v.kind[0, 0, 0] == TEXT:
        return v.obj[0, 0, 0]
    return None


def _equals_text(a: V, s: str) -> V:
    """``a = "s"`` for every element of a, the common ``IF(A1="", ...)`` test, vectorised:
    text elements compare by rules.text_key; for a blank, a number or a logical the answer
    does not depend on its value and is asked of rules.compare once."""
    shape = a.num.shape
    kind = np.full(shape, BOOL, np.int8)
    if a.kind is None:
        return V(np.full(shape, float(compare_scalars("=", 0.0, s))), kind)
    eq = np.zeros(shape, bool)
    for k, sample in ((BLANK, None), (NUMBER, 0.0), (BOOL, False)):
        if compare_scalars("=", sample, s):
            eq |= a.kind == k
    txt = a.kind == TEXT
    if txt.any():
        sel = np.nonzero(txt)
        eq[sel] = _key(a.obj[sel]) == text_key(s)
    err = a.kind == ERROR
    if err.any():
        kind[err] = ERROR
        return V(np.where(err, 0.0, eq.astype(float)), kind, np.where(err, a.obj, None))
    return V(eq.astype(float), kind)


def _near(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Pairs of different numbers that may be equal to 15 significant digits (the only
    ones where Excel's comparison differs from IEEE's)."""
    return (x != y) & (np.abs(x - y) <= 1e-13 * np.maximum(np.abs(x), np.abs(y)))


def compare(op: str, a: V, b: V) -> V:
    a, b = align(a, b)
    if a.kind is None and b.kind is None:
        res = _cmp(op, a.num, b.num).astype(float)
        near = _near(a.num, b.num)
        if near.any():       # decided by rules.compare (15 significant digits)
            shape = res.shape
            na, nb = np.broadcast_to(a.num, shape), np.broadcast_to(b.num, shape)
            for idx in zip(*np.nonzero(near)):
                res[idx] = float(compare_scalars(op, float(na[idx]), float(nb[idx])))
        return V(res, _bool_kind(a.num, b.num))
    if op in ("=", "<>"):
        sb, sa = _text_const(b), _text_const(a)
        if sb is not None or sa is not None:
            res = _equals_text(a, sb) if sb is not None else _equals_text(b, sa)
            if op == "<>":
                res = V(np.where(res.kind == ERROR, 0.0, 1.0 - res.num), res.kind, res.obj)
            return res
    shape = bshape(a.num.shape, b.num.shape)
    ka = np.broadcast_to(np.ones(a.num.shape, np.int8) if a.kind is None else a.kind, shape)
    kb = np.broadcast_to(np.ones(b.num.shape, np.int8) if b.kind is None else b.kind, shape)
    # numbers against numbers stay vectorised; every other pair is decided by rules.compare
    res = _cmp(op, np.broadcast_to(a.num, shape), np.broadcast_to(b.num, shape)).astype(float)
    kind = np.full(shape, BOOL, np.int8)
    obj = None
    other = np.nonzero((ka != NUMBER) | (kb != NUMBER) |
                       _near(np.broadcast_to(a.num, shape), np.broadcast_to(b.num, shape)))
    if other[0].size:
        a3, b3 = broadcast_v(a, shape), broadcast_v(b, shape)
        for idx in zip(*other):
            r = compare_scalars(op, element(a3, *idx), element(b3, *idx))
            if isinstance(r, bool):
                res[idx] = 1.0 if r else 0.0
            else:
                if obj is None:
                    obj = np.empty(shape, object)
                kind[idx], obj[idx], res[idx] = ERROR, r, 0.0
    return V(res, kind, obj)


def broadcast_v(v: V, shape) -> V:
    """v broadcast to ``shape`` (read-only views)."""
    if v.num.shape == shape:
        return v
    return V(np.broadcast_to(v.num, shape),
             None if v.kind is None else np.broadcast_to(v.kind, shape),
             None if v.obj is None else np.broadcast_to(v.obj, shape))


def _bool_kind(x, y):
    return np.full(bshape(np.shape(x), np.shape(y)), BOOL, np.int8)


def _cmp(op, x, y):
    if op == "=":
        return x == y
    if op == "<>":
        return x != y
    if op == "<":
        return x < y
    if op == ">":
        return x > y
    if op == "<=":
        return x <= y
    return x >= y


ARITH = {"+", "-", "*", "/", "^"}
COMPARE = {"=", "<>", "<", ">", "<=", ">="}
