"""Run a workbook's VBA macros on the engine and check them against the reference.

* :mod:`.host` — :class:`EngineHost`, the VBA Host protocol over a ``Book``.
* :mod:`.runner` — run a macro N times on a tab, per-pass table.
* :mod:`.compare` — engine + VBA against :mod:`sheetsolver.reference`, per tab.
* :mod:`.recognise` — which optimiser a tab implements, from its row formulas.
* :mod:`.refcheck` — refuse macros using names that point at ``#REF!``.
* :mod:`.built` — ``compare`` for workbooks with every pass as live formulas.
"""
from .host import EngineHost
from .refcheck import BrokenName, refuse_broken_names
from .runner import (MACROS, Probe, check_macro, load_project, probe_for, resolve_tab, run_macro,
                     tabs_with_macro)
from .compare import TabComparison, compare_tab, optimiser_tabs, read_state, read_xy

__all__ = ["EngineHost", "MACROS", "Probe", "load_project", "probe_for", "run_macro",
           "check_macro", "resolve_tab", "BrokenName", "refuse_broken_names",
           "tabs_with_macro", "TabComparison", "compare_tab", "optimiser_tabs", "read_state",
           "read_xy"]
