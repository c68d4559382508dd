"""Run a workbook's VBA macros on the engine and check them against the reference.

* :mod:`.host` — :class:`EngineHost`, the VBA Host protocol over a ``Book``.
* :mod:`.runner` — run a macro N times on a tab, per-pass table.
* :mod:`.compare` — engine + VBA against :mod:`sheetsolver.reference`, per tab.
"""
from .host import EngineHost
from .runner import MACROS, Probe, load_project, probe_for, run_macro, tabs_with_macro
from .compare import TabComparison, compare_tab, optimiser_tabs, read_state, read_xy

__all__ = ["EngineHost", "MACROS", "Probe", "load_project", "probe_for", "run_macro",
           "tabs_with_macro", "TabComparison", "compare_tab", "optimiser_tabs", "read_state",
           "read_xy"]
