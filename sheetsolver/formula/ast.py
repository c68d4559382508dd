"""Formula syntax tree.

References are stored with absolute coordinates for the cell they were parsed
for, plus their ``$`` flags, so a shared formula can be moved (``shifted``) and
so cells whose formulas have the same relative shape can be grouped (``shape``).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Number:
    value: float


@dataclass(frozen=True)
class String:
    value: str


@dataclass(frozen=True)
class Bool:
    value: bool


@dataclass(frozen=True)
class ErrorLit:
    code: str


@dataclass(frozen=True)
class Missing:
    """An omitted function argument, as in ``IF(A1,,2)``."""


@dataclass(frozen=True)
class ArrayLit:
    rows: tuple  # tuple of tuples of literal nodes


@dataclass(frozen=True)
class Ref:
    """A cell or area. ``sheet`` None means the formula's own sheet.

    ``r1/c1/r2/c2`` are absolute 1-based coordinates for the host cell; the
    ``abs_*`` flags say which parts carry ``$`` (stay put when the formula moves).
    Whole columns/rows are represented with r1=1,r2=MAX_ROW (or c...).
    """
    sheet: str | None
    r1: int
    c1: int
    r2: int
    c2: int
    abs_r1: bool = False
    abs_c1: bool = False
    abs_r2: bool = False
    abs_c2: bool = False
    is_area: bool = False
    bad: bool = False  # #REF!


@dataclass(frozen=True)
class Name:
    name: str
    sheet: str | None = None  # explicit Sheet!name qualifier


@dataclass(frozen=True)
class Func:
    name: str  # upper case, prefixes like _xlfn. removed
    args: tuple


@dataclass(frozen=True)
class Unary:
    op: str  # '-', '+', '%', '@'
    operand: object


@dataclass(frozen=True)
class Binary:
    op: str  # + - * / ^ & = <> < > <= >= : (range) ' ' (intersection) ',' (union)
    left: object
    right: object


@dataclass
class Formula:
    """A parsed formula: its tree, and the text it came from."""
    text: str
    tree: object
    functions: set = field(default_factory=set)
