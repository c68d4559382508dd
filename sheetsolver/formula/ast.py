"""Formula syntax tree.

References are stored with absolute coordinates for the cell they were parsed
for, plus their ``$`` flags, so a shared formula can be moved (``shifted``) and
so cells whose formulas have the same relative shape can be grouped (``shape``).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Literal:
    """A constant typed into the formula; its class says which type ``value`` has
    (a literal of one class never equals one of another: ``1`` is not ``TRUE``)."""
    value: object


class Number(Literal):
    """A number, as a float."""


class String(Literal):
    """A text, its doubled quotes undone."""


class Bool(Literal):
    """TRUE or FALSE."""


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


def _fast_init(cls) -> None:
    """A frozen dataclass's __init__ sets each field through object.__setattr__, three
    times slower than filling the instance dict at once; workbooks build hundreds of
    thousands of nodes (parsing, moving shared formulas, resolving names), so the
    frozen node classes get an __init__ that does the latter. Same fields, defaults,
    equality, hashing and immutability afterwards."""
    import dataclasses
    env, params, sets = {}, [], []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            env[f"_d_{f.name}"] = f.default
            params.append(f"{f.name}=_d_{f.name}")
        else:
            params.append(f.name)
        sets.append(f"{f.name}={f.name}")
    exec(f"def __init__(self, {', '.join(params)}):\n"
         f"    self.__dict__.update({', '.join(sets)})\n", env)
    env["__init__"].__qualname__ = f"{cls.__name__}.__init__"
    cls.__init__ = env["__init__"]


for _cls in (Number, String, Bool, ErrorLit, Missing, ArrayLit, Ref, Name, Func, Unary, Binary):
    _fast_init(_cls)
