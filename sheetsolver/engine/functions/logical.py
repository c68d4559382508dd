"""Logical: IF, IFERROR, AND, OR, NOT, TRUE, FALSE.

IF is evaluated for all cells of a group at once, so both branches are computed;
the condition selects per element, which gives Excel's result (an error in the
branch not taken does not show).
"""
from __future__ import annotations

import numpy as np

from ...values import VALUE
from ..batch import BOOL, ERROR, NUMBER, TEXT, V, boolean, bshape, full_kind, full_obj
from ..masked_select import keep, where, where0
from ..operators import align
from .base import is_ref, register, truth


def _select(cond, a: V, b: V) -> V:
    a, b = align(a, b)
    shape = bshape(cond.shape, a.num.shape, b.num.shape)
    num = where(cond, a.num, b.num)
    if a.kind is None and b.kind is None:
        return V(num if num.shape == shape else np.broadcast_to(num, shape))
    kind = np.where(cond, full_kind(a), full_kind(b)).astype(np.int8)
    obj = np.where(cond, full_obj(a), full_obj(b))
    return V(np.broadcast_to(num, shape), np.broadcast_to(kind, shape),
             np.broadcast_to(obj, shape))


def _if(ctx, c, a=None, b=None):
    if a is None or a.missing:
        a = V(np.zeros((1, 1, 1)))
    if b is None:
        b = boolean(False)
    elif b.missing:
        b = V(np.zeros((1, 1, 1)))
    c, a, b = _aligned3(c, a, b)
    t, mask = _condition(ctx, c)
    return _condition_errors(_select(mask, a, b), t)


def _aligned3(c: V, a: V, b: V):
    """IF's three arguments broadcast to one shape; where arrays of different sizes
    meet, the missing elements are #N/A (IF({TRUE,FALSE},{1,2,3},...) ends in #N/A)."""
    try:
        bshape(c.num.shape, a.num.shape, b.num.shape)
        return c, a, b
    except ValueError:
        c, a = align(c, a)
        c, b = align(c, b)
        a, b = align(a, b)
        c, a = align(c, a)
        return c, a, b


_ZERO = np.zeros(())
_TRUTHS: dict = {}      # id(condition) -> (condition, (truth, mask)), gradient runs only


def _condition(ctx, c: V):
    """``truth(c)`` and its TRUE mask. During gradient evaluations a condition that does
    not depend on the variables is the same cached object every time (nodes.Cached):
    it is then converted once, not on every evaluation of the solver's objective."""
    if getattr(ctx, "grads", None) is None:
        t = truth(c)
        return t, t.num != 0
    hit = _TRUTHS.get(id(c))
    if hit is not None and hit[0] is c:
        return hit[1]
    t = truth(c)
    if len(_TRUTHS) >= 64:
        _TRUTHS.clear()
    hit = _TRUTHS[id(c)] = (c, (t, t.num != 0))
    keep(hit[1][1])
    return hit[1]


def _condition_errors(out: V, t: V) -> V:
    """Where the condition itself is an error, the result is that error."""
    if t.kind is None or not (t.kind == ERROR).any():
        return out
    err = np.broadcast_to(t.kind == ERROR, out.num.shape)
    kind = np.array(np.broadcast_to(full_kind(out), out.num.shape))
    obj = np.array(np.broadcast_to(full_obj(out), out.num.shape))
    kind[err] = ERROR
    obj[err] = np.broadcast_to(t.obj, out.num.shape)[err]
    return V(np.where(err, 0.0, out.num), kind, obj)


def _if_grad(ctx, vals, out, g):
    cond = _condition(ctx, vals[0])[1]
    need = getattr(ctx, "need_args", None) or (True,) * 3   # skip branches without variables
    ga = where0(cond, g) if need[1] else None
    gb = where(cond, _ZERO, g) if len(need) > 2 and need[2] else None   # where0(~cond, g)
    return [None, ga, gb][:len(vals)]


register("IF", modes=("value", "value", "value"), min_args=1, max_args=3, grad=_if_grad,
         note="IF: gradient flows through the branch taken (none through the condition)")(_if)


def _iferror_grad(ctx, vals, out, g):
    """The gradient goes to the value taken: the first argument where it is no error."""
    if vals[0].kind is None:
        return [g, None]
    return [np.where(vals[0].kind != ERROR, g, 0.0), np.where(vals[0].kind == ERROR, g, 0.0)]


@register("IFERROR", modes=("value", "value"), min_args=2, max_args=2, grad=_iferror_grad)
def _iferror(ctx, v, alt):
    v, alt = align(v, alt)    # where ``v`` is the smaller array, its missing items are #N/A
    if v.kind is None:
        return v
    return _select(v.kind != ERROR, v, alt)


def _logic(how):
    """AND (``how`` True), OR (False) or XOR ("xor") over every argument's logical
    values: numbers and logicals count, text and blanks in references are skipped, an
    omitted argument is FALSE, no logical value at all is #VALUE!, the first error wins."""
    reduce_all = how is True

    def impl(ctx, *vals):
        acc, errs, seen = None, [], None
        for v in vals:
            if v.missing:    # an omitted argument, AND(,TRUE), is FALSE (not skipped)
                v = boolean(False)
            if not is_ref(v) and v.kind is not None and (v.kind == TEXT).any():
                v = truth(v)     # typed-in text: "TRUE"/"FALSE", else #VALUE! (rules.to_bool)
            k = full_kind(v)
            usable = (k == NUMBER) | (k == BOOL)
            x = np.where(usable, v.num != 0, reduce_all)
            r = x.reshape(x.shape[0], -1)
            if how == "xor":
                r = r.sum(axis=1) % 2 == 1
                acc = r if acc is None else (acc ^ r)
            else:
                r = r.all(axis=1) if reduce_all else r.any(axis=1)
                acc = r if acc is None else ((acc & r) if reduce_all else (acc | r))
            u = usable.reshape(usable.shape[0], -1).any(axis=1)
            seen = u if seen is None else (seen | u)
            if v.kind is not None and (v.kind == ERROR).any():
                errs.append(v)
        if acc is None:
            from ..batch import error
            return error(VALUE)
        num = acc.astype(float).reshape(-1, 1, 1)
        kind = np.full(num.shape, BOOL, np.int8)
        obj = np.empty(num.shape, object)
        for v in errs:      # the first error wins, even over "no logical value"
            m = (v.kind == ERROR).reshape(v.num.shape[0], -1)
            for i in range(num.shape[0]):
                row = m[min(i, m.shape[0] - 1)]
                if row.any() and kind[i, 0, 0] != ERROR:
                    kind[i] = ERROR
                    obj[i] = v.obj.reshape(v.num.shape[0], -1)[min(i, m.shape[0] - 1)][row.argmax()]
        nothing = ~np.broadcast_to(seen, acc.shape).reshape(-1, 1, 1) & (kind != ERROR)
        kind[nothing] = ERROR
        obj[nothing] = VALUE
        return V(num, kind, obj)
    return impl


register("AND", modes=("array",), zero_grad=True, min_args=1)(_logic(True))
register("OR", modes=("array",), zero_grad=True, min_args=1)(_logic(False))


@register("NOT", zero_grad=True, min_args=1, max_args=1)
def _not(ctx, v):
    t = truth(v)
    return V((t.num == 0).astype(float),
             np.where(full_kind(t) == ERROR, ERROR, BOOL).astype(np.int8), t.obj)


@register("TRUE", modes=(), zero_grad=True, max_args=0)
def _true(ctx):
    return boolean(True)


@register("FALSE", modes=(), zero_grad=True, max_args=0)
def _false(ctx):
    return boolean(False)



@register("IFS", modes=("value",), min_args=2)
def _ifs(ctx, *args):
    """IFS(cond1, value1, cond2, value2, ...): the value of the first true condition;
    #N/A when none is true."""
    from ...values import NA
    from ..batch import error
    if len(args) % 2:
        return error(VALUE)
    out = error(NA)
    for k in range(len(args) - 2, -1, -2):   # last pair first, so earlier pairs win
        t = truth(args[k])
        out = _condition_errors(_select(t.num != 0, args[k + 1], out), t)
    return out


# --- Excel category and help page of each function defined here ---------------------
from .base import describe  # noqa: E402

_MS = "https://support.microsoft.com/en-us/office/"
_LOGICAL = {
    "IF": "if-function-69aed7c9-4e8a-4755-a9bc-aa8bbff73be2",
    "IFS": "ifs-function-36329a26-37b2-467c-972b-4a39bd951d45",
    "IFERROR": "iferror-function-c526fd07-caeb-47b8-8bb6-63f3e417f611",
    "AND": "and-function-5f19b2e8-e1df-4408-897a-ce285a19e9d9",
    "OR": "or-function-7d17ad14-8700-4281-b308-00b131e22af0",
    "NOT": "not-function-9cfc6011-a054-40c7-a140-cd4ba2d87d77",
    "TRUE": "true-function-7652c6e3-8987-48d0-97cd-ef223246b3fb",
    "FALSE": "false-function-2d58dfa5-9c03-4259-bf8f-f0ae14346904",
}
describe("Logical", _LOGICAL, _MS)
