"""Which sheet names and addresses a macro can touch, read from its source.

Why: a name whose definition was deleted points at ``#REF!``; a macro using it
would fail half-way, after some cells already changed.  Listing every
``Range("literal")`` the macro (and every Sub it calls) can reach lets the
caller refuse such a macro before anything runs.  Names built at run time
(``Range(s)``) are not listed; the host still refuses them when they are used.
"""
from __future__ import annotations

from dataclasses import dataclass

from sheetsolver.vba import nodes as N

__all__ = ["RangeLiteral", "range_literals"]


@dataclass(frozen=True)
class RangeLiteral:
    """``Range("text")`` at ``line`` of Sub ``proc`` in ``module``; ``sheet`` is the
    tab named by a ``Sheets("x")``/``Worksheets("x")`` qualifier, else None."""
    text: str
    proc: str
    module: str
    line: int
    sheet: str | None


def _exprs_of(stmt):
    """Top-level expressions of one statement."""
    if isinstance(stmt, N.Assign):
        return [stmt.target, stmt.value]
    if isinstance(stmt, N.CallStmt):
        return [stmt.target] + [a.value for a in stmt.args if a.value is not None]
    if isinstance(stmt, N.IfStmt):
        return [c for c, _ in stmt.branches]
    if isinstance(stmt, N.ForStmt):
        return [e for e in (stmt.start, stmt.stop, stmt.step) if e is not None]
    if isinstance(stmt, N.DoStmt):
        return [c[1] for c in (stmt.pre, stmt.post) if c is not None]
    if isinstance(stmt, N.SelectStmt):
        out = [stmt.subject]
        for tests, _ in stmt.cases:
            out += [e for t in tests for e in t[1:] if not isinstance(e, str)]
        return out
    if isinstance(stmt, N.PrintStmt):
        return list(stmt.items)
    if isinstance(stmt, N.ConstStmt):
        return [stmt.value]
    if isinstance(stmt, N.WithStmt):
        return [stmt.obj]
    return []


def _bodies(stmt):
    if isinstance(stmt, N.IfStmt):
        return [b for _, b in stmt.branches] + [stmt.orelse]
    if isinstance(stmt, N.ForStmt | N.DoStmt | N.WithStmt):
        return [stmt.body]
    if isinstance(stmt, N.SelectStmt):
        return [b for _, b in stmt.cases] + [stmt.orelse]
    return []


def _sheet_qualifier(obj) -> str | None:
    if isinstance(obj, N.CallExpr) and isinstance(obj.func, N.Name) \
            and obj.func.name.lower() in ("sheets", "worksheets") and obj.args \
            and isinstance(obj.args[0].value, N.Str):
        return obj.args[0].value.value
    return None


def _literals_in(expr, proc: N.Procedure, line: int, out: list) -> None:
    stack = [expr]
    while stack:
        e = stack.pop()
        if isinstance(e, N.CallExpr):
            f = e.func
            is_range = (isinstance(f, N.Name) and f.name.lower() == "range") or \
                (isinstance(f, N.Member) and f.name.lower() == "range")
            if is_range:
                sheet = _sheet_qualifier(f.obj) if isinstance(f, N.Member) else None
                for a in e.args[:2]:
                    if isinstance(a.value, N.Str):
                        out.append(RangeLiteral(a.value.value, proc.name, proc.module, line,
                                                sheet))
            stack.append(f)
            stack += [a.value for a in e.args if a.value is not None]
        elif isinstance(e, N.Member):
            stack.append(e.obj)
        elif isinstance(e, N.Binary):
            stack += [e.left, e.right]
        elif isinstance(e, N.Unary):
            stack.append(e.operand)


def range_literals(procedures) -> list[RangeLiteral]:
    """Every ``Range("...")`` literal in ``procedures`` (an iterable of Procedure)."""
    out: list[RangeLiteral] = []
    for proc in procedures:
        todo = list(proc.body)
        while todo:
            stmt = todo.pop(0)
            for e in _exprs_of(stmt):
                _literals_in(e, proc, stmt.line, out)
            for body in _bodies(stmt):
                todo = list(body) + todo
    return out
