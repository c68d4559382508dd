"""VBA Variant semantics for the values a macro computes with.

Why: macros compare and combine cell values (``Range("gradrat") > 2``,
``Range("lr").Value / 4``); the result must follow VBA rules (Empty is 0 or
"", True is -1, ``\\`` and ``Mod`` round their operands, a number compares
less than a string).  Cell values are Python ``None`` (blank), ``bool``,
``int``/``float`` (numpy scalars accepted), ``str``; anything else (e.g. a
host's error value) is a "type mismatch" when used in arithmetic.
"""
from __future__ import annotations

import math
import numbers

from sheetsolver.rules import parse_number

__all__ = ["VbaTypeError", "to_number", "to_str", "truthy", "binary_op", "unary_op",
           "is_numeric"]


class VbaTypeError(ArithmeticError):
    """A VBA run-time error (type mismatch, division by zero, overflow)."""


def is_numeric(v) -> bool:
    return isinstance(v, numbers.Number) and not isinstance(v, complex)


MAX_STRING = 1_000_000   # longer results: "out of string space" (keeps memory bounded)


def _plain(v):
    """numpy scalars -> Python scalars."""
    return v.item() if type(v).__module__ == "numpy" and hasattr(v, "item") else v


def to_number(v):
    """CDbl-like coercion; bool -> -1/0, blank -> 0, numeric text -> number."""
    v = _plain(v)
    if v is None:
        return 0
    if isinstance(v, bool):
        return -1 if v else 0
    if isinstance(v, numbers.Integral):
        return int(v)
    if is_numeric(v):
        return float(v)
    if isinstance(v, str):
        s = v.strip()
        if s.lower() in ("true", "false"):
            return -1 if s.lower() == "true" else 0
        x = parse_number(s, dates=False)   # rules.py; float() alone takes "1_000", "inf", "nan"
        if x is not None:
            return int(s) if s.lstrip("+-").isdigit() else x
    if isinstance(v, list):
        raise VbaTypeError("type mismatch: a multi-cell range has no single value")
    raise VbaTypeError(f"type mismatch: {v!r} is not a number")


def to_str(v) -> str:
    """CStr-like formatting (numbers print like VBA: 15 significant digits)."""
    v = _plain(v)
    if v is None:
        return ""
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, str):
        return v
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if is_numeric(v):
        f = float(v)
        if f.is_integer() and abs(f) < 1e15:
            return str(int(f))
        text = format(f, ".15g")
        if "e" in text:
            mant, exp = text.split("e")
            text = f"{mant}E{'-' if exp.startswith('-') else '+'}{int(exp.lstrip('+-')):02d}"
        return text
    raise VbaTypeError(f"type mismatch: {v!r} cannot be used as text")


def truthy(v) -> bool:
    """Condition value of ``If``/``While``."""
    return to_number(v) != 0


def _int_operand(v) -> int:
    """VBA rounds (banker's) Double operands of ``\\``, ``Mod`` and bit ops."""
    x = to_number(v)
    if isinstance(x, float):
        if math.isnan(x) or math.isinf(x):
            raise VbaTypeError("overflow")
        x = round(x)
    return int(x)


def _num_result(x):
    if isinstance(x, int) and abs(x) > 2 ** 53:
        x = float(x)                      # VBA would overflow Long; keep Double range
    if isinstance(x, float) and (math.isinf(x) or math.isnan(x)):
        raise VbaTypeError("overflow")
    return x


def _text_result(s: str) -> str:
    if len(s) > MAX_STRING:
        raise VbaTypeError("out of string space")
    return s


def _compare(op: str, a, b) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        raise VbaTypeError("type mismatch: a multi-cell range has no single value")
    a_str, b_str = isinstance(a, str), isinstance(b, str)
    if a is None and b_str:
        a, a_str = "", True
    if b is None and a_str:
        b, b_str = "", True
    if a_str and b_str:
        x, y = a, b
    elif a_str or b_str:
        # Variant rule: any number is less than any string.
        other = b if a_str else a
        to_number(other)  # type-check the non-string side
        x, y = (1, 0) if a_str else (0, 1)
    else:
        x, y = to_number(a), to_number(b)
    return {"=": x == y, "<>": x != y, "<": x < y, ">": x > y,
            "<=": x <= y, ">=": x >= y}[op]


def binary_op(op: str, a, b):
    """Evaluate ``a op b`` (op as written, lower-cased for keyword operators)."""
    if op in ("=", "<>", "<", ">", "<=", ">="):
        return _compare(op, a, b)
    if op == "&":
        return _text_result(to_str(a) + to_str(b))
    if op in ("and", "or", "xor", "eqv", "imp"):
        x, y = _int_operand(a), _int_operand(b)
        r = {"and": x & y, "or": x | y, "xor": x ^ y,
             "eqv": ~(x ^ y), "imp": (~x) | y}[op]
        return bool(r) if isinstance(a, bool) and isinstance(b, bool) else r
    if op == "+" and isinstance(a, str) and isinstance(b, (str, type(None))):
        return _text_result(a + (b or ""))
    if op == "+" and a is None and isinstance(b, str):
        return b
    x, y = to_number(a), to_number(b)
    try:
        if op == "+":
            return _num_result(x + y)
        if op == "-":
            return _num_result(x - y)
        if op == "*":
            return _num_result(x * y)
        if op == "/":
            if y == 0:
                raise VbaTypeError("division by zero")
            return _num_result(x / y)
        if op == "^":
            r = float(x) ** float(y)
            if isinstance(r, complex):
                raise VbaTypeError("invalid procedure call (negative number to a fractional power)")
            return _num_result(r)
        if op in ("\\", "mod"):
            xi, yi = _int_operand(x), _int_operand(y)
            if yi == 0:
                raise VbaTypeError("division by zero")
            q = abs(xi) // abs(yi) * (1 if (xi >= 0) == (yi >= 0) else -1)
            return q if op == "\\" else xi - q * yi
    except (OverflowError, ZeroDivisionError) as exc:
        raise VbaTypeError(str(exc)) from None
    raise VbaTypeError(f"unknown operator {op!r}")


def unary_op(op: str, v):
    if op == "not":
        if isinstance(v, bool):
            return not v
        return ~_int_operand(v)
    x = to_number(v)
    return -x if op == "-" else x


# ---- declared types (Dim x As Long, Const n As Integer = 5) ---------------

_INT_RANGES = {"byte": (0, 255), "integer": (-32768, 32767),
               "long": (-2 ** 31, 2 ** 31 - 1), "longlong": (-2 ** 63, 2 ** 63 - 1)}
_FLOAT_TYPES = {"double", "single", "currency", "date"}


def initial_value(typ: str | None):
    """Value of a freshly declared variable: 0, "", False, or Empty (None)."""
    if typ in _INT_RANGES:
        return 0
    if typ in _FLOAT_TYPES:
        return 0.0
    if typ == "string":
        return ""
    if typ == "boolean":
        return False
    return None


def coerce_to_type(v, typ: str | None):
    """Store ``v`` in a variable declared ``As typ`` (VBA's implicit conversion).

    Integer types round half to even (``CInt(2.5)`` = 2) and overflow outside
    their range; Single keeps float32 precision; Currency four decimals;
    String formats like ``CStr``; Variant and object types keep ``v``.
    """
    if typ in _INT_RANGES:
        x = to_number(v)
        if isinstance(x, float):
            if math.isnan(x) or math.isinf(x):
                raise VbaTypeError("overflow")
            x = round(x)
        lo, hi = _INT_RANGES[typ]
        if not lo <= x <= hi:
            raise VbaTypeError(f"overflow: {x} does not fit a {typ.title()}")
        return int(x)
    if typ in _FLOAT_TYPES:
        x = float(to_number(v))
        if typ == "single":
            import struct
            try:
                x = struct.unpack("<f", struct.pack("<f", x))[0]
            except OverflowError:
                raise VbaTypeError("overflow: does not fit a Single") from None
        elif typ == "currency":
            x = round(x, 4)
        return x
    if typ == "string":
        return to_str(v)
    if typ == "boolean":
        return truthy(v)
    return v
