"""Excel's function library, one module per Excel category (as pycel splits it)."""
from . import info, logical, lookup, math_, stats, text  # noqa: F401  (registration)
from .base import FUNCTIONS, Function

__all__ = ["FUNCTIONS", "Function"]
