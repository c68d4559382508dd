"""Arguments that take a number or its text but never a logical: the Engineering
functions (BIN2DEC, IMSUM, the places of DEC2BIN) and ISEVEN/ISODD answer #VALUE! for
TRUE/FALSE where arithmetic reads them as 1 and 0. These are rules.py's coercions with
that one exception."""
from __future__ import annotations

from ...rules import to_number, to_text
from ...values import VALUE


def number_not_logical(x):
    """``rules.to_number`` (blank 0, numeric text its number, errors stay), but a
    logical is #VALUE!."""
    return VALUE if isinstance(x, bool) else to_number(x)


def text_not_logical(x):
    """``rules.to_text`` (numbers in General format, blank "", errors stay), but a
    logical is #VALUE!."""
    return VALUE if isinstance(x, bool) else to_text(x)
