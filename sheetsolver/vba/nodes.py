"""Syntax tree of the VBA subset (plain dataclasses, no behaviour).

Every statement carries ``line`` (1-based, in the module source as the VBA
editor shows it) so refusals and runtime errors can point at it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# ---- expressions ---------------------------------------------------------


@dataclass
class Num:
    value: float | int


@dataclass
class Str:
    value: str


@dataclass
class Name:
    name: str


@dataclass
class Member:
    obj: object          # expression
    name: str


@dataclass
class WithRef:
    """The object of the innermost ``With`` (the ``.`` in ``.Value = 1``)."""


@dataclass
class Arg:
    name: str | None     # for ``Paste:=xlPasteValues``
    value: object        # None when omitted, as in ``Offset(, 3)``


@dataclass
class CallExpr:
    func: object         # Name or Member
    args: list[Arg]


@dataclass
class Unary:
    op: str              # '-', '+', 'not'
    operand: object


@dataclass
class Binary:
    op: str              # lower-case keyword ops: 'and', 'or', 'xor', 'mod'
    left: object
    right: object


# ---- statements ----------------------------------------------------------


@dataclass
class Stmt:
    line: int


@dataclass
class Refused(Stmt):
    """A statement outside the subset; kept so refusal names its line."""
    word: str
    detail: str = ""


@dataclass
class DimStmt(Stmt):
    names: list[str]
    types: list[str | None] = field(default_factory=list)   # lower-case 'long', None = Variant


@dataclass
class ConstStmt(Stmt):
    name: str
    value: object


@dataclass
class Assign(Stmt):
    target: object       # Name, Member or CallExpr (``Range("x") = 1``)
    value: object
    is_set: bool = False


@dataclass
class CallStmt(Stmt):
    target: object       # Name / Member / CallExpr chain
    args: list[Arg]
    explicit_call: bool = False  # written with ``Call``


@dataclass
class IfStmt(Stmt):
    branches: list[tuple[object, list[Stmt]]]
    orelse: list[Stmt] = field(default_factory=list)


@dataclass
class ForStmt(Stmt):
    var: str
    start: object
    stop: object
    step: object | None
    body: list[Stmt]


@dataclass
class DoStmt(Stmt):
    """``Do [While|Until c] ... Loop [While|Until c]`` and ``While ... Wend``."""
    pre: tuple[str, object] | None
    post: tuple[str, object] | None
    body: list[Stmt]


@dataclass
class SelectStmt(Stmt):
    """``Select Case subject`` / ``Case a, b To c, Is > d`` / ``Case Else``.

    Each test is ``("eq", e)``, ``("to", lo, hi)`` or ``("is", op, e)``.
    """
    subject: object
    cases: list[tuple[list[tuple], list[Stmt]]]
    orelse: list[Stmt] = field(default_factory=list)


@dataclass
class WithStmt(Stmt):
    """``With obj`` ... ``End With``: ``.Member`` inside refers to ``obj``."""
    obj: object
    body: list[Stmt]


@dataclass
class PrintStmt(Stmt):
    """``Debug.Print a; b, c`` (printed, never shown in a window)."""
    items: list[object]


@dataclass
class ExitStmt(Stmt):
    kind: str            # 'sub', 'for', 'do'


# ---- procedures and modules ----------------------------------------------


@dataclass
class Procedure:
    name: str
    module: str
    line: int
    private: bool
    body: list[Stmt]
    kind: str = "sub"            # 'sub' or 'function'/'property' (never run)
    has_params: bool = False


@dataclass
class Module:
    name: str
    procedures: dict[str, Procedure]          # lower-case name -> procedure
    variables: set[str]                        # lower-case module-level variables
    constants: dict[str, object]               # lower-case -> expression
    refusals: list[Refused]                    # module-level lines we refuse
    var_types: dict[str, str | None] = field(default_factory=dict)   # lower-case -> type
    public: set[str] = field(default_factory=set)   # Public/Global variables and constants
