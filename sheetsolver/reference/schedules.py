"""Learning-rate annealing schedules driven by the tabs' ``somesteps`` macros.

Each function returns the learning rate a macro leaves in the ``lr`` cell
(D2) after pass ``k`` of a run, so a reference run can replay the macro:

* :func:`.macros.anneal_lr` — adam_ann's feedback rule (quarter lr when
  ``gradrat`` > 2), kept in :mod:`.macros`;
* :func:`exp_decay_lr` — ``Range("lr") = Range("lr") * Range("decay")`` after
  every ``onestep`` (decay in cell F1 on the annealing tab);
* :func:`step_decay_lr` — divide by ``drop`` every ``every`` passes
  (``If i Mod every = 0 Then Range("lr") = Range("lr") / drop``);
* :func:`cosine_lr` — the cosine schedule without restarts,
  ``lr_min + (lr_max-lr_min)*(1+COS(PI()*k/total))/2``, as a cell formula
  reading a pass counter the macro increments.
"""
from __future__ import annotations

import math

from ..errors import SheetsolverError


def exp_decay_lr(lr: float, decay: float) -> float:
    """lr after one more pass of exponential decay: ``lr*decay``."""
    return lr * decay


def step_decay_lr(lr: float, k: int, *, every: int, drop: float) -> float:
    """lr after pass ``k`` (1-based): divided by ``drop`` when ``k Mod every = 0``."""
    if every < 1:
        raise SheetsolverError(f"step decay needs every >= 1, not {every}")
    return lr / drop if k % every == 0 else lr


def cosine_lr(k: int, total: int, lr_max: float, lr_min: float = 0.0) -> float:
    """lr of pass ``k`` (0..total) on a half cosine from lr_max down to lr_min, written
    in the cell formula's order ``lr_min+(lr_max-lr_min)*(1+COS(PI()*k/total))/2``."""
    if total < 1:
        raise SheetsolverError(f"cosine schedule needs total >= 1, not {total}")
    return lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * k / total)) / 2
