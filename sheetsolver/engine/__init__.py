"""The formula engine: compile a workbook's formulas into array groups, evaluate them with
Excel's semantics, and differentiate them in reverse mode (see :mod:`.engine`)."""
from .engine import Engine
from .nodes import NotDifferentiable

__all__ = ["Engine", "NotDifferentiable"]
