"""text_more functions (see lift.py for how to define one)."""
from __future__ import annotations

from .lift import excel  # noqa: F401
