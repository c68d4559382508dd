"""The function registry, filled one category module at a time as names are looked up.

Importing all eighteen category modules costs more than reading and computing a small
workbook (``recalc`` of ten formulas would spend most of its time registering hundreds
of functions it never calls). :data:`registry_index.INDEX` says which module registers
each name; a lookup of a name not registered yet (``FUNCTIONS.get("NPV")``,
``"NPV" in FUNCTIONS``, ``FUNCTIONS["NPV"]``) imports that module first. Anything that
walks the whole registry (iteration, ``len``, ``items``: the catalog, ``inspect``)
imports every module first, so the registry always looks complete.
"""
from __future__ import annotations

import importlib

from .registry_index import INDEX, MODULES

_PACKAGE = __name__.rsplit(".", 1)[0]


class Registry(dict):
    """``name -> Function``; names of category modules not imported yet load on lookup."""

    _all_loaded = False

    def _load(self, name) -> bool:
        """Import the module that registers ``name``; False if none or already there."""
        mod = INDEX.get(name) if isinstance(name, str) else None
        if mod is None or dict.__contains__(self, name):
            return False
        importlib.import_module(f"{_PACKAGE}.{mod}")
        return True

    def load_all(self) -> None:
        """Import every category module (in the order the registry was always built)."""
        if not self._all_loaded:
            for mod in MODULES:
                importlib.import_module(f"{_PACKAGE}.{mod}")
            self._all_loaded = True

    def __missing__(self, name):
        if self._load(name) and dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        raise KeyError(name)

    def get(self, name, default=None):
        if not dict.__contains__(self, name) and not self._load(name):
            return default
        return dict.get(self, name, default)

    def __contains__(self, name) -> bool:
        return dict.__contains__(self, name) or (self._load(name) and
                                                 dict.__contains__(self, name))

    def __iter__(self):
        self.load_all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self.load_all()
        return dict.__len__(self)

    def keys(self):
        self.load_all()
        return dict.keys(self)

    def values(self):
        self.load_all()
        return dict.values(self)

    def items(self):
        self.load_all()
        return dict.items(self)

    def registered(self, name):
        """The Function registered under ``name`` so far, importing nothing (for the
        registration itself, which runs while a category module is being imported)."""
        return dict.get(self, name)
