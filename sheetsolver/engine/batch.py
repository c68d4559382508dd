"""Batched Excel values: the unit of work of the vectorised engine.

A group of ``n`` cells that share one formula shape is evaluated at once. Every
intermediate result is a :class:`V` of shape ``(n, h, w)`` (``n`` may be 1 and
broadcast): ``num`` holds numbers; ``kind`` says what each element really is
(``None`` means "all numbers", the fast path); ``obj`` carries the text of
strings and the :class:`ExcelError` of errors.

A :class:`RefV` is a batched *reference* (what ``A1:B3`` or ``OFFSET(...)``
evaluate to) that functions such as ROW, ISBLANK, OFFSET, INDEX and MATCH may
use as a reference; everything else dereferences it to a :class:`V`.
"""
from __future__ import annotations

import numpy as np

from ..rules import parse_number
from ..values import DIV0, NA, NUM, REF, VALUE, ExcelError

BLANK, NUMBER, TEXT, BOOL, ERROR = 0, 1, 2, 3, 4


def bshape(*shapes) -> tuple:
    """numpy's broadcast_shapes for our 3-D shapes, in plain Python (it is on every hot
    path; numpy's version costs microseconds). Raises ValueError when incompatible."""
    out = list(shapes[0])
    for s in shapes[1:]:
        if len(s) != len(out):
            return np.broadcast_shapes(*shapes)
        for i, (x, y) in enumerate(zip(out, s)):
            if x != y:
                if x == 1:
                    out[i] = y
                elif y != 1:
                    raise ValueError(f"shapes {shapes} do not broadcast")
    return tuple(out)


class V:
    __slots__ = ("num", "kind", "obj", "from_ref")
    missing = False

    def __init__(self, num, kind=None, obj=None):
        self.num = num
        self.kind = kind
        self.obj = obj
        self.from_ref = False

    @property
    def shape(self):
        return self.num.shape

    def is_numeric(self) -> bool:
        return self.kind is None

    def __repr__(self):
        return f"V({self.num!r}, kind={self.kind!r})"


class MissingV(V):
    """An omitted argument, as in ``IF(A1,,2)``: 0 / blank where a value is needed."""
    missing = True

    def __init__(self):
        super().__init__(np.zeros((1, 1, 1)), np.zeros((1, 1, 1), np.int8), None)


def number(x) -> V:
    return V(np.full((1, 1, 1), float(x)))


def text(s: str) -> V:
    return V(np.zeros((1, 1, 1)), np.full((1, 1, 1), TEXT, np.int8), _obj1(s))


def boolean(b: bool) -> V:
    return V(np.full((1, 1, 1), 1.0 if b else 0.0), np.full((1, 1, 1), BOOL, np.int8))


def error(e: ExcelError, shape=(1, 1, 1)) -> V:
    obj = np.empty(shape, object)
    obj.fill(e)
    return V(np.zeros(shape), np.full(shape, ERROR, np.int8), obj)


def blank() -> V:
    return V(np.zeros((1, 1, 1)), np.zeros((1, 1, 1), np.int8))


def _obj1(x):
    o = np.empty((1, 1, 1), object)
    o[0, 0, 0] = x
    return o


def from_scalar(x) -> V:
    if x is None:
        return blank()
    if isinstance(x, bool):
        return boolean(x)
    if isinstance(x, (int, float)):
        return number(x)
    if isinstance(x, ExcelError):
        return error(x)
    return text(str(x))


def full_kind(v: V) -> np.ndarray:
    return np.ones(v.num.shape, np.int8) if v.kind is None else v.kind


def full_obj(v: V) -> np.ndarray:
    if v.obj is not None:
        return v.obj
    return np.empty(v.num.shape, object)


def broadcast(v: V, shape) -> V:
    num = np.broadcast_to(v.num, shape)
    kind = None if v.kind is None else np.broadcast_to(v.kind, shape)
    obj = None if v.obj is None else np.broadcast_to(v.obj, shape)
    return V(num, kind, obj)


def with_errors(num: np.ndarray, mask: np.ndarray, err: ExcelError, base: V | None = None) -> V:
    """``num`` with ``err`` placed where ``mask`` is true (on top of ``base``'s kinds)."""
    if not mask.any():
        return V(num) if base is None or base.kind is None else V(num, base.kind, base.obj)
    shape = num.shape
    kind = np.ones(shape, np.int8) if base is None or base.kind is None else \
        np.array(np.broadcast_to(base.kind, shape))
    obj = np.empty(shape, object) if base is None or base.obj is None else \
        np.array(np.broadcast_to(base.obj, shape))
    mask = np.broadcast_to(mask, shape)
    kind[mask] = ERROR
    obj[mask] = err
    return V(num, kind, obj)


def finite_or(num: np.ndarray, err: ExcelError = NUM) -> V:
    """Numbers, with non-finite results (overflow, domain errors) as ``err``."""
    if np.isfinite(num).all():
        return V(num)
    bad = ~np.isfinite(num)
    num = np.where(bad, 0.0, num)
    return with_errors(num, bad, err)


def first_error(*vs: V):
    """Per element: the first operand's error (kind ERROR) in argument order, or None.

    Returns (mask, obj) with mask true where some operand is an error.
    """
    shape = bshape(*(v.num.shape for v in vs))
    mask = np.zeros(shape, bool)
    obj = np.empty(shape, object)
    for v in reversed(vs):  # later operands first so earlier ones overwrite
        if v.kind is None:
            continue
        m = np.broadcast_to(v.kind == ERROR, shape)
        if m.any():
            obj[m] = np.broadcast_to(v.obj, shape)[m]
            mask |= m
    return mask, obj


def to_number(v: V, blank_as=0.0) -> V:
    """Coerce for arithmetic: blank -> 0, TRUE/FALSE -> 1/0, numeric text -> its number
    (read by :func:`sheetsolver.rules.parse_number`), other text -> #VALUE!, errors stay."""
    if v.kind is None:
        return v
    kind = v.kind
    num = np.array(v.num, dtype=float)
    out_kind = np.ones(num.shape, np.int8)
    out_obj = np.empty(num.shape, object)
    err = kind == ERROR
    if err.any():
        out_kind[err] = ERROR
        out_obj[err] = v.obj[err]
    num[kind == BLANK] = blank_as
    txt = kind == TEXT
    if txt.any():
        for idx in zip(*np.nonzero(txt)):
            x = parse_number(v.obj[idx])
            if x is None:
                out_kind[idx] = ERROR
                out_obj[idx] = VALUE
                num[idx] = 0.0
            else:
                num[idx] = x
    if (out_kind == NUMBER).all():
        return V(num)
    return V(num, out_kind, out_obj)


def element(v: V, i, r, c):
    """Python scalar for one element (None for blank)."""
    k = NUMBER if v.kind is None else int(v.kind[i, r, c])
    if k == NUMBER:
        return float(v.num[i, r, c])
    if k == BOOL:
        return bool(v.num[i, r, c])
    if k == BLANK:
        return None
    return v.obj[i, r, c]


def to_python(v: V, i: int = 0):
    """The (h, w) values of batch element ``i`` as nested lists of Python scalars."""
    n, h, w = v.num.shape
    i = min(i, n - 1)
    return [[element(v, i, r, c) for c in range(w)] for r in range(h)]


def stack_scalars(values: list) -> V:
    """A V of shape (len(values), 1, 1) from Python scalars."""
    grid = np.empty((len(values), 1, 1), object)
    for i, x in enumerate(values):
        grid[i, 0, 0] = x
    return stack_grid(grid)


def stack_grid(values: np.ndarray) -> V:
    """A V of the shape of ``values``, an object array of Python scalars."""
    shape = values.shape
    num = np.zeros(shape)
    kind = np.ones(shape, np.int8)
    obj = np.empty(shape, object)
    for idx, x in np.ndenumerate(values):
        if x is None:
            kind[idx] = BLANK
        elif isinstance(x, bool):
            kind[idx] = BOOL
            num[idx] = float(x)
        elif isinstance(x, (int, float)):
            num[idx] = x
        elif isinstance(x, ExcelError):
            kind[idx] = ERROR
            obj[idx] = x
        else:
            kind[idx] = TEXT
            obj[idx] = str(x)
    if (kind == NUMBER).all():
        return V(num)
    return V(num, kind, obj)


__all__ = ["V", "BLANK", "NUMBER", "TEXT", "BOOL", "ERROR", "DIV0", "NA", "NUM", "REF", "VALUE"]
