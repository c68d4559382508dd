"""Independent NumPy/float64 reference for the optimiser tabs of fast.ai's ``graddesc.xlsm``.

Shares no code with the formula engine (only :mod:`sheetsolver.errors`), so
agreement between the two is meaningful. Sheet-exact one-pass functions live
in :mod:`.optimizers` (and :mod:`.adaptive`: Adagrad, AMSGrad, Eve of the other
course versions), the VBA macros in :mod:`.macros`, annealing schedules in
:mod:`.schedules`, textbook variants for comparison in :mod:`.textbook` /
:mod:`.textbook_rows` / :mod:`.compare`, plots in :mod:`.plot`
(import it explicitly; it pulls in matplotlib).
"""
from .layout import COLUMNS, FEEDBACK, INPUT_CELLS, KINDS, TABS, column_map, header_map
from .macros import HYPER_DEFAULTS, Run, anneal_lr, onestep, reset_state, run_passes
from .optimizers import PassResult, adam, adam_annealed, basic_sgd, momentum, one_pass, rmsprop
from .textbook import TextbookRun, adam_step, sgdr_lr, train
from .compare import comparison_curves

__all__ = [
    "TABS", "KINDS", "COLUMNS", "FEEDBACK", "INPUT_CELLS", "column_map", "header_map",
    "PassResult", "basic_sgd", "momentum", "rmsprop", "adam", "adam_annealed", "one_pass",
    "Run", "HYPER_DEFAULTS", "anneal_lr", "onestep", "reset_state", "run_passes",
    "TextbookRun", "adam_step", "sgdr_lr", "train", "comparison_curves",
]
