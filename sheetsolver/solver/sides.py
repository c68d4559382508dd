"""The two sides of a Solver constraint as Excel stores them.

Solver writes ``solver_lhsN`` as a reference (``plan!$D$1:$D$3``) or a defined name, and
``solver_rhsN`` as a number, a reference, a defined name or a formula (``=2*$B$3``,
typed into the Constraint box). :func:`areas_of` turns reference text or a name into
areas; :func:`right_side` returns a float, an Area or a :class:`RhsFormula`, whose
value is computed from the current cell values with Excel's arithmetic
(:mod:`sheetsolver.rules`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import rules
from ..values import ExcelError
from ..formula import ast as A
from ..formula.parser import parse
from ..formula.refs import Area, split_areas


def _tree(text: str):
    text = (text or "").strip()
    if not text:
        raise ValueError("empty")
    if "#REF!" in text.upper():
        raise ValueError("#REF!")
    return parse("=" + text.lstrip("=")).tree


def _ref_area(node: A.Ref, sheet: str) -> Area:
    if node.bad:
        raise ValueError("#REF!")
    return Area(node.sheet or sheet, node.r1, node.c1, node.r2, node.c2)


def _name_areas(wb, node: A.Name, sheet: str, depth: int) -> list[Area]:
    dn = wb.defined_name(node.name, node.sheet or sheet)
    if dn is None or depth > 8:
        raise ValueError(f"no defined name {node.name}")
    home = wb.sheets[dn.sheet_index].name if dn.sheet_index is not None else sheet
    return [a for part in split_areas(dn.text.strip().lstrip("="))
            for a in _node_areas(wb, _tree(part), home, depth + 1)]


def _node_areas(wb, node, sheet: str, depth: int = 0) -> list[Area]:
    if isinstance(node, A.Ref):
        return [_ref_area(node, sheet)]
    if isinstance(node, A.Name):
        return _name_areas(wb, node, sheet, depth)
    if isinstance(node, A.Binary) and node.op == ",":
        return _node_areas(wb, node.left, sheet, depth) + _node_areas(wb, node.right, sheet,
                                                                       depth)
    raise ValueError("not a reference")


def areas_of(wb, text: str, sheet: str) -> list[Area]:
    """Areas of reference text or a defined name (raises ValueError, "#REF!" for #REF!)."""
    return [a for part in split_areas(text.strip().lstrip("="))
            for a in _node_areas(wb, _tree(part), sheet)]


@dataclass
class RhsFormula:
    """A right-hand side typed as a formula; ``cells`` are the single cells it reads."""
    text: str
    tree: object
    sheet: str
    cells: list = field(default_factory=list)

    def a1(self, _absolute=False) -> str:
        return "=" + self.text.lstrip("=")

    def evaluate(self, read):
        """Value with ``read(sheet, row, col)`` giving cell values; float or ExcelError."""
        return _eval(self.tree, self.sheet, read)

    def value_grad(self, values):
        """(value, d value / d cell) from the numbers ``values`` of :attr:`cells`: how a
        right side that moves with the variable cells enters a constraint's Jacobian
        (lhs - rhs, the chain rule through these cells). NaN where undefined."""
        values = np.asarray(values, float)
        where = {cell: k for k, cell in enumerate(self.cells)}
        with np.errstate(all="ignore"):
            return _dual(self.tree, self.sheet, values, where)


def _eval(node, sheet, read):
    if isinstance(node, A.Number):
        return float(node.value)
    if isinstance(node, A.Bool):
        return 1.0 if node.value else 0.0
    if isinstance(node, A.String):
        return rules.to_number(node.value)
    if isinstance(node, A.Ref):
        a = _ref_area(node, sheet)
        return rules.to_number(read(a.sheet, a.r1, a.c1))
    if isinstance(node, A.Unary):
        v = _eval(node.operand, sheet, read)
        if isinstance(v, ExcelError):
            return v
        return {"-": -v, "%": v / 100}.get(node.op, v)
    if isinstance(node, A.Binary):
        x, y = _eval(node.left, sheet, read), _eval(node.right, sheet, read)
        err = rules.first_error(x, y)
        if err is not None:
            return err
        if node.op == "+":
            return x + y
        if node.op == "-":
            return x - y
        if node.op == "*":
            return x * y
        if node.op == "/":
            return rules.divide(x, y)
        if node.op == "^":
            return rules.power(x, y)
    raise ValueError("unsupported right side")


def _dual(node, sheet, values, where):
    """Forward-mode (value, gradient over the formula's cells) of a right-side formula."""
    zero = np.zeros(values.size)
    if isinstance(node, (A.Number, A.Bool)):
        return float(node.value), zero
    if isinstance(node, A.String):
        v = rules.to_number(node.value)
        return (v if isinstance(v, float) else np.nan), zero
    if isinstance(node, A.Ref):
        a = _ref_area(node, sheet)
        k = where[(a.sheet, a.r1, a.c1)]
        g = zero.copy()
        g[k] = 1.0
        return float(values[k]), g
    if isinstance(node, A.Unary):
        v, g = _dual(node.operand, sheet, values, where)
        return {"-": (-v, -g), "%": (v / 100, g / 100)}.get(node.op, (v, g))
    x, dx = _dual(node.left, sheet, values, where)
    y, dy = _dual(node.right, sheet, values, where)
    if node.op == "+":
        return x + y, dx + dy
    if node.op == "-":
        return x - y, dx - dy
    if node.op == "*":
        return x * y, dx * y + x * dy
    if node.op == "/":
        return (x / y, (dx * y - x * dy) / (y * y)) if y != 0 else (np.nan, zero)
    v = float(np.power(x, y))
    gy = dy * v * np.log(x) if dy.any() else 0.0
    return v, y * np.power(x, y - 1) * dx + gy


def _formula_cells(node, sheet, wb, out):
    if isinstance(node, A.Ref):
        a = _ref_area(node, sheet)
        if a.size != 1:
            raise ValueError("a range inside a formula right side")
        out.append((a.sheet, a.r1, a.c1))
    elif isinstance(node, A.Unary):
        _formula_cells(node.operand, sheet, wb, out)
    elif isinstance(node, A.Binary) and node.op in "+-*/^":
        _formula_cells(node.left, sheet, wb, out)
        _formula_cells(node.right, sheet, wb, out)
    elif not isinstance(node, (A.Number, A.Bool, A.String)):
        raise ValueError("unsupported right side")


def _inline_names(wb, node, sheet, depth=0):
    """Replace defined names inside a formula by what they refer to."""
    if isinstance(node, A.Name):
        dn = wb.defined_name(node.name, node.sheet or sheet)
        if dn is None or depth > 8:
            raise ValueError(f"no defined name {node.name}")
        return _inline_names(wb, _tree(dn.text), sheet, depth + 1)
    if isinstance(node, A.Unary):
        return A.Unary(node.op, _inline_names(wb, node.operand, sheet, depth))
    if isinstance(node, A.Binary) and node.op != ",":
        return A.Binary(node.op, _inline_names(wb, node.left, sheet, depth),
                        _inline_names(wb, node.right, sheet, depth))
    return node


def right_side(wb, text: str, sheet: str):
    """float | Area | RhsFormula for the text of ``solver_rhsN`` (raises ValueError)."""
    t = (text or "").strip().lstrip("=")
    try:
        return float(t)
    except ValueError:
        pass
    try:
        areas = areas_of(wb, t, sheet)
        if len(areas) != 1:
            raise ValueError("several areas")
        return areas[0]
    except ValueError as e:
        if str(e) == "#REF!":
            raise
    tree = _inline_names(wb, _tree(t), sheet)
    if isinstance(tree, A.Number):
        return float(tree.value)
    f = RhsFormula(t, tree, sheet)
    _formula_cells(tree, sheet, wb, f.cells)
    if not f.cells:               # "10%", "2*3": a number typed as a formula
        v = f.evaluate(None)
        if isinstance(v, float):
            return v
    return f
