"""Error-per-pass curves of the sheet optimisers (from their reset states) and textbook variants."""
from __future__ import annotations

from functools import partial

from .layout import TABS
from .macros import reset_state, run_passes
from .textbook import sgdr_lr, train


def comparison_curves(x, y, passes: int = 30, *, textbook: bool = True,
                      textbook_lr: float = 1.0) -> dict[str, list[float]]:
    """{name: [error of pass 1, ..., error of pass `passes`]} ready for :func:`.plot.plot_error_curves`.

    Sheet tabs start from their ``reset`` macro's state with the workbook's
    hyperparameters and advance with ``somesteps`` (adam_ann anneals). Textbook
    runs start at a = b = 1 too: Adam (bias-corrected, eps), AdamW (decay 0.01)
    and Adam + SGDR (restarts every 10 passes) at ``textbook_lr``.
    """
    curves: dict[str, list[float]] = {}
    for tab in TABS:
        run = run_passes(tab, x, y, reset_state(tab, x, y), passes - 1)
        curves[f"sheet {tab}"] = run.errors()
    if textbook:
        n = len(x)
        curves["textbook adam"] = train(x, y, "adam", passes, lr=textbook_lr).errors
        curves["adamw (wd 0.01)"] = train(x, y, "adamw", passes, lr=textbook_lr, weight_decay=0.01).errors
        sched = partial(sgdr_lr, lr_max=textbook_lr, cycle_len=10 * n)
        curves["adam + SGDR"] = train(x, y, "adam", passes, lr_schedule=sched).errors
    return curves
