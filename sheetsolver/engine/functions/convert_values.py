"""Converting every value of a function's list arguments, stopping at the first error:
the loop IMSUM-like functions (``V*``) and the delimiters of TEXTSPLIT-like ones (an
``A`` array) share."""
from __future__ import annotations

from ...values import ExcelError


def convert_each(groups, convert):
    """``convert`` applied to every value of ``groups`` (lists or rows of values), in
    order, as one flat list; the first ExcelError a conversion returns instead."""
    out = []
    for group in groups:
        for x in group:
            y = convert(x)
            if isinstance(y, ExcelError):
                return y
            out.append(y)
    return out
