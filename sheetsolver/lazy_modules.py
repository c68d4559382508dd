"""Modules imported on first use, so that start-up only pays for what a command needs.

    sp = lazy_module("scipy.special")   # nothing imported yet
    sp.ndtr(0.0)                         # scipy.special is imported here, once

scipy.special/scipy.stats cost 1-2 s to import; the function library refers to them
from hundreds of Excel functions, but a workbook using none of those must not wait for
them (``recalc`` of a small workbook, ``--help``). Each attribute is fetched from the
real module on first access and then kept on the proxy, so later uses cost a plain
attribute lookup.
"""
from __future__ import annotations

import importlib


class LazyModule:
    """Stands for module ``name``; imports it when an attribute is first read."""

    def __init__(self, name: str):
        object.__setattr__(self, "_lazy_name", name)

    def __getattr__(self, attr: str):
        value = getattr(importlib.import_module(self._lazy_name), attr)
        object.__setattr__(self, attr, value)       # next time: no __getattr__ call
        return value

    def __repr__(self) -> str:
        return f"<lazy module {self._lazy_name!r}>"


def lazy_module(name: str) -> LazyModule:
    """A stand-in for ``importlib.import_module(name)`` that imports on first use."""
    return LazyModule(name)
