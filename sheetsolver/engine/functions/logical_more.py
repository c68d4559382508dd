"""Logical: SWITCH, XOR, IFNA (IF, IFS, IFERROR, AND, OR, NOT are in logical.py)."""
from __future__ import annotations

import numpy as np

from ...rules import order
from ...values import NA, VALUE, ExcelError
from ..batch import ERROR, full_kind, full_obj
from ..operators import align
from .base import register
from .lift import excel
from .logical import _logic, _select

_MS = "https://support.microsoft.com/en-us/office/"


@excel("SWITCH", "x*", min_args=3, max_args=254, category="Logical", zero_grad=True,
       help=_MS + "switch-function-47ab33c0-28ce-4530-8a45-d532ec4aa25e")
def switch(expression, *rest):
    """The result paired with the first value equal to ``expression`` (as ``=``
    compares: same type, text without case), else the default, else #N/A. Only the
    selected result is looked at, so errors elsewhere do not show."""
    if isinstance(expression, ExcelError):
        return expression
    pairs, default = (rest, None) if len(rest) % 2 == 0 else (rest[:-1], rest[-1:])
    for k in range(0, len(pairs), 2):
        value = pairs[k]
        if isinstance(value, ExcelError):
            return value
        if order(expression, value) == 0 and _same_kind(expression, value):
            return _result(pairs[k + 1])
    if default:
        return _result(default[0])
    return NA


def _same_kind(a, b) -> bool:
    """``=`` is TRUE across kinds only with a blank (blank = 0, "" or FALSE)."""
    if a is None or b is None:
        return True
    return (isinstance(a, str), isinstance(a, bool)) == (isinstance(b, str), isinstance(b, bool))


def _result(x):
    return 0.0 if x is None else x     # a blank result shows as 0, as in IF


register("XOR", modes=("array",), zero_grad=True, min_args=1, category="Logical",
         help=_MS + "xor-function-1548d4c2-5e47-4f77-9a92-0533bba14f37")(_logic("xor"))


def _ifna(ctx, v, alt):
    """``alt`` where ``v`` is #N/A, else ``v`` (other errors pass through)."""
    v, alt = align(v, alt)    # where ``v`` is the smaller array, its missing items are #N/A
    if v.kind is None:
        return v
    return _select(~_is_na(v), v, alt)


def _is_na(v):
    return (full_kind(v) == ERROR) & (full_obj(v) == NA)


def _ifna_grad(ctx, vals, out, g):
    """The gradient goes to the value taken: the first argument where it is not #N/A."""
    if vals[0].kind is None:
        return [g, None]
    return [np.where(~_is_na(vals[0]), g, 0.0), np.where(_is_na(vals[0]), g, 0.0)]


register("IFNA", modes=("value", "value"), min_args=2, max_args=2, grad=_ifna_grad,
         note="IFNA: gradient flows through the value taken", category="Logical",
         help=_MS + "ifna-function-6626c961-a569-42fc-a49d-79b4951fd461")(_ifna)
