"""Excel's function library, one module per Excel category (as pycel splits it).

The category modules are imported when one of their names is first looked up in
``FUNCTIONS`` (lazy_registry.py), so a workbook pays only for the functions it uses."""
from .base import FUNCTIONS, Function

__all__ = ["FUNCTIONS", "Function"]
