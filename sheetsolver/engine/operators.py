"""Excel's operators on batched values: arithmetic, comparison, concatenation.

Rules (Excel's): blank is 0 (or "" against text), TRUE/FALSE are 1/0 in arithmetic,
numeric text is converted, other text gives #VALUE!, the left operand's error wins,
x/0 is #DIV/0!, overflow and domain errors are #NUM!. Comparisons order
numbers < text < booleans, compare text case-insensitively, and never coerce.
"""
from __future__ import annotations

import numpy as np

from ..values import DIV0, NA, NUM
from .batch import BLANK, BOOL, ERROR, NUMBER, TEXT, V, bshape, first_error, to_number, with_errors


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


def _general(x: float) -> str:
    """Number as text the way Excel's General format writes it in ``&``."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    s = format(x, ".15g")
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}E{'+' if int(exp) >= 0 else '-'}{abs(int(exp)):02d}"
    return s


def as_text(v: V) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(strings, error_mask, error_obj) for concatenation."""
    shape = v.num.shape
    out = np.empty(shape, object)
    kind = np.ones(shape, np.int8) if v.kind is None else v.kind
    err = kind == ERROR
    for idx in np.ndindex(shape):
        k = kind[idx]
        if k == NUMBER:
            out[idx] = _general(float(v.num[idx]))
        elif k == BOOL:
            out[idx] = "TRUE" if v.num[idx] else "FALSE"
        elif k == TEXT:
            out[idx] = v.obj[idx]
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


_RANK = np.array([0, 0, 1, 2, 0], np.int8)   # by kind: blank, number, text, bool, error
_lower = np.frompyfunc(lambda x: x.lower() if isinstance(x, str) else "", 1, 1)


def _text_const(v: V):
    if v.num.shape == (1, 1, 1) and v.kind is not None and v.kind[0, 0, 0] == TEXT:
        return v.obj[0, 0, 0].lower()
    return None


def _equals_text(a: V, s: str) -> V:
    """``a = "s"`` for every element of a, the common ``IF(A1="", ...)`` test, vectorised."""
    shape = a.num.shape
    if a.kind is None:
        return V(np.zeros(shape), np.full(shape, BOOL, np.int8))
    txt = a.kind == TEXT
    eq = np.zeros(shape, bool)
    if s == "":
        eq |= a.kind == BLANK
    if txt.any():
        sel = np.nonzero(txt)
        eq[sel] = _lower(a.obj[sel]) == s
    kind = np.full(shape, BOOL, np.int8)
    err = a.kind == ERROR
    if err.any():
        kind[err] = ERROR
        return V(np.where(err, 0.0, eq.astype(float)), kind, np.where(err, a.obj, None))
    return V(eq.astype(float), kind)


def compare(op: str, a: V, b: V) -> V:
    a, b = align(a, b)
    if a.kind is None and b.kind is None:
        return V(_cmp(op, a.num, b.num).astype(float), _bool_kind(a.num, b.num))
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
    na, nb = np.broadcast_to(a.num, shape), np.broadcast_to(b.num, shape)
    # a blank takes the type of the other side (0, "" or FALSE); two blanks are equal
    ka2 = np.where(ka == BLANK, np.where(kb == BLANK, NUMBER, kb), ka)
    kb2 = np.where(kb == BLANK, np.where(ka == BLANK, NUMBER, ka), kb)
    ra, rb = _RANK[ka2], _RANK[kb2]
    diff = np.sign(ra.astype(float) - rb)
    same_num = (ra == rb) & (ka2 != TEXT)
    if same_num.any():
        diff = np.where(same_num, np.sign(na - nb), diff)
    both_text = (ka2 == TEXT) & (kb2 == TEXT)
    if both_text.any():
        oa = np.broadcast_to(a.obj if a.obj is not None else np.empty(a.num.shape, object), shape)
        ob = np.broadcast_to(b.obj if b.obj is not None else np.empty(b.num.shape, object), shape)
        sel = np.nonzero(both_text)
        xa = _lower(np.where(ka[sel] == TEXT, oa[sel], ""))   # blank reads as ""
        xb = _lower(np.where(kb[sel] == TEXT, ob[sel], ""))
        diff = np.array(diff)
        diff[sel] = (xa > xb).astype(float) - (xa < xb).astype(float)
    res = _cmp(op, diff, 0.0).astype(float)
    kind = np.full(shape, BOOL, np.int8)
    if (ka == ERROR).any() or (kb == ERROR).any():
        mask, obj = first_error(a, b)
        kind[mask] = ERROR
        o = np.empty(shape, object)
        o[mask] = obj[mask]
        res = np.where(mask, 0.0, res)
        return V(res, kind, o)
    return V(res, kind)


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
