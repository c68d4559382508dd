"""Excel's scalar value kinds: blank (``None``), number (float), text (str),
boolean (bool) and error values (:class:`ExcelError`)."""
from __future__ import annotations


class ExcelError:
    """An Excel error value such as ``#DIV/0!``. One shared instance per code."""
    __slots__ = ("code",)
    _all: dict = {}

    def __new__(cls, code: str):
        inst = cls._all.get(code)
        if inst is None:
            inst = super().__new__(cls)
            inst.code = code
            cls._all[code] = inst
        return inst

    def __repr__(self):
        return self.code

    __str__ = __repr__

    def __reduce__(self):
        return (ExcelError, (self.code,))


NULL = ExcelError("#NULL!")
DIV0 = ExcelError("#DIV/0!")
VALUE = ExcelError("#VALUE!")
REF = ExcelError("#REF!")
NAME = ExcelError("#NAME?")
NUM = ExcelError("#NUM!")
NA = ExcelError("#N/A")
CALC = ExcelError("#CALC!")    # a dynamic-array function with an empty result (FILTER)
SPILL = ExcelError("#SPILL!")  # a spilled array blocked by a non-empty cell
ERROR_CODES = {e.code: e for e in (NULL, DIV0, VALUE, REF, NAME, NUM, NA, CALC, SPILL)}


def is_error(v) -> bool:
    return isinstance(v, ExcelError)


def same_value(a, b, rel: float = 1e-9, abs_: float = 1e-12) -> bool:
    """Equality as the conformance tests define it: numbers within 1e-9 relative or
    1e-12 absolute; text, booleans, blanks and errors exactly."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if a != a and b != b:
            return True
        return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))
    return a == b if not isinstance(a, ExcelError) else a is b
