"""Text: CONCATENATE, LEN, LEFT, RIGHT, MID, UPPER, LOWER, TRIM, VALUE."""
from __future__ import annotations

import numpy as np

from ...values import VALUE
from ..batch import TEXT, V, element, stack_scalars, to_number
from ..operators import as_text, concat
from .base import register


def _per_element(fn):
    """Apply fn(list_of_python_args) -> python value over the batch of scalar arguments."""
    def impl(ctx, *args):
        n = max(a.num.shape[0] for a in args)
        out = []
        for i in range(n):
            xs = [element(a, min(i, a.num.shape[0] - 1), 0, 0) for a in args]
            err = next((x for x in xs if x.__class__.__name__ == "ExcelError"), None)
            out.append(err if err is not None else fn(*xs))
        return stack_scalars(out)
    return impl


def _s(x):
    if x is None:
        return ""
    if isinstance(x, bool):
        return "TRUE" if x else "FALSE"
    if isinstance(x, float):
        s, _, _ = as_text(V(np.full((1, 1, 1), x)))
        return s[0, 0, 0]
    return str(x)


def _n(x):
    return 0.0 if x is None else float(x)


@register("CONCATENATE", zero_grad=True, min_args=1)
def _concatenate(ctx, *args):
    out = args[0]
    out = concat(out, V(np.zeros((1, 1, 1)), np.full((1, 1, 1), TEXT, np.int8),
                        np.full((1, 1, 1), "", object)))
    for a in args[1:]:
        out = concat(out, a)
    return out


register("LEN", zero_grad=True, min_args=1, max_args=1)(_per_element(lambda x: float(len(_s(x)))))
register("UPPER", zero_grad=True, min_args=1, max_args=1)(_per_element(lambda x: _s(x).upper()))
register("LOWER", zero_grad=True, min_args=1, max_args=1)(_per_element(lambda x: _s(x).lower()))
register("TRIM", zero_grad=True, min_args=1, max_args=1)(
    _per_element(lambda x: " ".join(_s(x).split(" ")).strip() and " ".join(
        p for p in _s(x).split(" ") if p)))
register("LEFT", zero_grad=True, min_args=1, max_args=2)(
    _per_element(lambda x, k=1.0: _s(x)[:int(_n(k))] if _n(k) >= 0 else VALUE))
register("RIGHT", zero_grad=True, min_args=1, max_args=2)(
    _per_element(lambda x, k=1.0: (_s(x)[-int(_n(k)):] if int(_n(k)) else "") if _n(k) >= 0
                 else VALUE))
register("MID", zero_grad=True, min_args=3, max_args=3)(
    _per_element(lambda x, a, k: _s(x)[int(_n(a)) - 1:int(_n(a)) - 1 + int(_n(k))]
                 if _n(a) >= 1 and _n(k) >= 0 else VALUE))


@register("VALUE", zero_grad=True, min_args=1, max_args=1)
def _value(ctx, v):
    c = to_number(v)
    return c

