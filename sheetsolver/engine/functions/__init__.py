"""Excel's function library, one module per Excel category (as pycel splits it)."""
from . import info, logical, lookup, math_, stats, text  # noqa: F401  (registration)
from . import (database, datetime_, distributions, dynamic, engineering,  # noqa: F401
               financial, info_more, logical_more, lookup_more, math_more, statistical,
               text_more)
from .base import FUNCTIONS, Function

__all__ = ["FUNCTIONS", "Function"]
