"""``np.where(cond, a, b)`` on float arrays, bit for bit, without a branch per element.

With an irregular condition (which ratings are blank, which IF branch each cell took)
``np.where`` mispredicts a branch on about every other element and costs four to five
times a multiplication; it sits on the hot path of every gradient evaluation (IF and
its gradient, SUMXMY2 and its gradient). Selecting by bit masks instead (the float
bits ANDed with all ones where the condition holds, with zero elsewhere, then ORed)
gives exactly np.where's result, signs of zero, NaN and infinities included.
"""
from __future__ import annotations

import numpy as np

_F8 = np.dtype(np.float64)
SMALL = 1024        # below this many elements np.where's one call costs less than four


def _zero_scalar(x: np.ndarray) -> bool:
    """A one-element +0.0 (its bits are all zero: ANDing it contributes nothing)."""
    return x.size == 1 and x.reshape(-1).view(np.int64)[0] == 0


def where(cond, a, b, into=None) -> np.ndarray:
    """``np.where(cond, a, b)`` for a boolean array ``cond`` and float64 arrays ``a``,
    ``b`` (any broadcastable shapes); anything else goes to np.where itself. ``into``:
    ``a`` or ``b`` when the caller owns it (a temporary), to select in place where the
    result has its shape (one array fewer to allocate and to bring into the cache)."""
    if not (isinstance(cond, np.ndarray) and cond.dtype == np.bool_ and cond.size >= SMALL and
            isinstance(a, np.ndarray) and a.dtype == _F8 and
            isinstance(b, np.ndarray) and b.dtype == _F8):
        return np.where(cond, a, b)
    kept = _KEPT.get(id(cond))
    if kept is not None and kept[0] is cond:        # a condition selected by again and again
        if kept[1] is None:
            take = -cond.view(np.int8).astype(np.int64)
            kept[1] = (take, ~take)
        masks = kept[1]
    else:
        take = -cond.view(np.int8)          # -1 (all bits set) where cond, 0 elsewhere
        masks = (take, None)                # (the complement made only when needed)
    out, skipped = None, False
    for x, m in ((a, masks[0]), (b, masks[1])):
        if _zero_scalar(x):
            skipped = True
            continue
        mask = ~masks[0] if m is None else m
        if x is into and mask.shape == x.shape:
            part = np.bitwise_and(x.view(np.int64), mask, out=x.view(np.int64))
        else:
            part = np.bitwise_and(x.view(np.int64), mask)
        out = part if out is None else np.bitwise_or(out, part)
    if out is None:
        return np.zeros(np.broadcast_shapes(cond.shape, a.shape, b.shape))
    out = out.view(np.float64)
    if skipped and max(a.ndim, b.ndim) > out.ndim:    # a skipped zero adds dimensions
        return np.broadcast_to(out, np.broadcast_shapes(out.shape, a.shape, b.shape)).copy()
    return out


_KEPT: dict = {}     # id(condition) -> [condition, its (mask, complement) as int64]


def keep(cond) -> None:
    """Note a condition that is selected by again and again (IF's condition, cached over a
    solver's gradient evaluations): its masks are widened to 64 bits once, at its next
    select, and each select is then one pass. It must not be changed in place."""
    if len(_KEPT) >= 64:
        _KEPT.clear()
    _KEPT[id(cond)] = [cond, None]


def where0(cond, a, into=None) -> np.ndarray:
    """``np.where(cond, a, 0.0)`` (``into``: as for :func:`where`)."""
    return where(cond, a, _ZERO, into)


_ZERO = np.zeros(())
