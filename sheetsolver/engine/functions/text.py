"""Text: CONCATENATE, LEN, LEFT, RIGHT, MID, UPPER, LOWER, TRIM, VALUE."""
from __future__ import annotations

import math

import numpy as np

from ...rules import first_error, to_number, to_text
from ...values import NA, VALUE
from ..batch import BOOL, TEXT, V, element, stack_grid, stack_scalars, with_errors
from ..batch import to_number as batch_to_number
from ..operators import concat
from .base import register


def _per_element(fn):
    """Apply fn(python args) over the batch of scalar arguments; an argument error is the
    result (the first argument's error first). Array arguments (array formulas, array
    constants, SUMPRODUCT's arguments) are lifted element by element with Excel's
    broadcasting: a single row or column repeats, a position outside an argument is #N/A."""
    def impl(ctx, *args):
        n = max(a.num.shape[0] for a in args)
        H = max(a.num.shape[1] for a in args)
        W = max(a.num.shape[2] for a in args)
        if H == 1 and W == 1:
            out = []
            for i in range(n):
                xs = [element(a, min(i, a.num.shape[0] - 1), 0, 0) for a in args]
                err = first_error(*xs)
                out.append(err if err is not None else fn(*xs))
            return stack_scalars(out)
        grid = np.empty((n, H, W), object)
        for i in range(n):
            for r in range(H):
                for c in range(W):
                    xs = []
                    for a in args:
                        _, h, w = a.num.shape
                        if (h > 1 and r >= h) or (w > 1 and c >= w):
                            xs.append(NA)
                        else:
                            xs.append(element(a, min(i, a.num.shape[0] - 1),
                                              r if h > 1 else 0, c if w > 1 else 0))
                    err = first_error(*xs)
                    grid[i, r, c] = err if err is not None else fn(*xs)
        return stack_grid(grid)
    return impl


def _s(x):
    return to_text(x)


def _count(fn):
    """fn(text, k...) with its count arguments read as numbers by rules.to_number and
    truncated (Excel truncates character counts); a bad count is the result."""
    def wrapped(x, *ks):
        nums = [to_number(k) for k in ks]
        err = first_error(*nums)
        if err is not None:
            return err
        return fn(to_text(x), *[int(math.trunc(k)) for k in nums])
    return wrapped


def _left(s, k=1):
    return s[:k] if k >= 0 else VALUE


def _right(s, k=1):
    return (s[-k:] if k else "") if k >= 0 else VALUE


def _mid(s, a, k):
    return s[a - 1:a - 1 + k] if a >= 1 and k >= 0 else VALUE


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
# TRIM removes the space character (only it) at both ends and runs of it inside
register("TRIM", zero_grad=True, min_args=1, max_args=1)(
    _per_element(lambda x: " ".join(p for p in _s(x).split(" ") if p)))
register("LEFT", zero_grad=True, min_args=1, max_args=2)(
    _per_element(lambda x, k=1.0: _count(_left)(x, k)))      # a blank count is 0
register("RIGHT", zero_grad=True, min_args=1, max_args=2)(
    _per_element(lambda x, k=1.0: _count(_right)(x, k)))
register("MID", zero_grad=True, min_args=3, max_args=3)(_per_element(_count(_mid)))


@register("VALUE", zero_grad=True, min_args=1, max_args=1)
def _value(ctx, v):
    """VALUE: text read as a number (rules.parse_number, through batch.to_number); a
    number stays; a blank is 0; TRUE/FALSE and other text are #VALUE! (VALUE does not
    convert logicals, unlike arithmetic)."""
    c = batch_to_number(v)
    if v.kind is None or not (v.kind == BOOL).any():
        return c
    return with_errors(c.num, v.kind == BOOL, VALUE, c)


# --- Excel category and help page of each function defined here ---------------------
from .base import describe  # noqa: E402

_MS = "https://support.microsoft.com/en-us/office/"
_TEXT = {
    "CONCATENATE": "concatenate-function-8f8ae884-2ca8-4f7a-b093-75d702bea31d",
    "LEN": "len-lenb-functions-29236f94-cedc-429d-affd-b5e33d2c67cb",
    "LEFT": "left-leftb-functions-9203d2d2-7960-479b-84c6-1ea52b99640c",
    "RIGHT": "right-rightb-functions-240267ee-9afa-4639-a02b-f19e1786cf2f",
    "MID": "mid-midb-functions-d5f9e25c-d7d6-472e-b568-4ecb12433028",
    "UPPER": "upper-function-c11f29b3-d1a3-4537-8df6-04d0049963d6",
    "LOWER": "lower-function-3f21df02-a80c-44b2-afaf-81358f9fdeb4",
    "TRIM": "trim-function-410388fa-c5df-49c6-b16c-9e5630b479f9",
    "VALUE": "value-function-257d0108-07dc-437d-ae1c-bc2d3953d8c2",
}
describe("Text", _TEXT, _MS)
