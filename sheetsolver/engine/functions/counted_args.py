"""The numbers SUM-like functions count in each argument (base.collect with SUM's rules:
a reference gives only its numbers, typed-in values are coerced), argument by argument,
as the gradients of SUM, SUMSQ and STDEV/VAR need them."""
from __future__ import annotations

from .base import collect, is_ref


def per_argument(vals, part):
    """``part(num, mask)`` of each argument (mask None where every value counts), None
    for an omitted argument: a gradient's list of per-argument results."""
    return [None if getattr(v, "missing", False) else part(*collect(v, not is_ref(v))[:2])
            for v in vals]
