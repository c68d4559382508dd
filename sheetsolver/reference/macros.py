"""The VBA macros of ``graddesc.xlsm`` (onestep / somesteps / reset) as state updates.

Source: the modules in the workbook's ``xl/vbaProject.bin`` (read for this
reference, 2019 file). Per tab, ``onestep`` pastes as values:

* ``lastconst`` (C32) -> ``const`` C1 and ``lastslope`` (D32) -> ``slope`` C2.
  These are the last row's *inputs*, not its updated new b / new a (H32:I32,
  or N32/M32 on basic): every pass drops its final row's update.
* ``momlast`` J32:K32 -> ``momtarget`` J33:K33 (momentum, adam, adam_ann);
  ``ms_last`` -> ``gradtarget`` (rmsprop J32:K32 -> J33:K33; adam L32:M32 -> L33:M33).
* basic only: afterwards appends ``rmse`` (F33, of the *new* state) below
  ``rmsestart`` (C36), i.e. to C38, C39, ...

``somesteps`` runs ``onestep`` 5 times with manual calculation, so all pastes
of a step read the same recalculated sheet (mode ``"somesteps"`` here, any
number of passes). A lone ``onestep`` click under automatic calculation
(momentum, rmsprop, adam, adam_ann) recalculates after *each* paste, so later
pastes see a sheet already changed by earlier ones (mode ``"onestep"``).
basic's ``onestep`` switches to manual itself, so both modes agree there.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..errors import SheetsolverError
from .layout import INPUT_CELLS, KINDS, PASTE_ORDER
from .optimizers import PassResult, one_pass

# hyperparameters as stored in the 2019 file, for keys a reset does not set
HYPER_DEFAULTS: dict[str, dict[str, float]] = {
    "basic": {"lr": 1e-4},
    "momentum": {"lr": 1e-4, "beta": 0.9},
    "rmsprop": {"lr": 0.02, "beta": 0.9},
    "adam": {"lr": 0.1, "beta": 0.9, "beta2": 0.9},
    "adam_ann": {"lr": 0.00390625, "beta": 0.9, "beta2": 0.95},
    # the other versions' tabs (as in the 2018-style workbook the tests build)
    "adagrad": {"lr": 1.0},
    "amsgrad": {"lr": 1.0, "beta": 0.9, "beta2": 0.99},
    "eve": {"lr": 1.0, "beta": 0.9, "beta2": 0.9, "beta3": 0.999, "k": 0.1, "K": 10.0},
}

MS_SEED = 10000.0  # reset: Range("gradtarget") = 10000


@dataclass
class Run:
    """Result of :func:`run_passes`.

    ``results[i]`` is the sheet after i macro steps (``results[0]`` recalculates
    the input state, ``results[-1]`` the end state), ``states[i]`` its inputs.
    """
    tab: str
    results: list[PassResult]
    states: list[dict]

    @property
    def end_state(self) -> dict:
        return self.states[-1]

    @property
    def tables(self):
        return [r.table for r in self.results]

    def errors(self) -> list[float]:
        """sqrt(sum err^2) of each recalculation (basic's F33 'rmse' definition)."""
        return [r.error for r in self.results]


def anneal_lr(lr: float, avg_grad2: float, prev_grad2: float, *, threshold: float = 2.0,
              divisor: float = 4.0) -> tuple[float, float]:
    """adam_ann ``somesteps``' rule after each ``onestep``; returns (lr, prev_grad2).

    VBA (confirmed from the workbook's vbaProject.bin)::

        If Range("gradrat") > 2 Then Range("lr").Value = Range("lr").Value / 4
        If Range("avg_grad2").Value < Range("prev_grad2").Value Then prev_grad2 := avg_grad2

    with gradrat = N34 = avg_grad2/prev_grad2 and avg_grad2 = N33 =
    SQRT(L33)+SQRT(M33): quarter the lr when the root mean squares jump above
    twice the best seen; track the best. From reset (lr = 1), D2 = 1/256 is 4 cuts.
    """
    if prev_grad2 == 0:
        raise SheetsolverError("gradrat is #DIV/0! (prev_grad2 = 0): the macro would stop here",
                               sheet="adam_ann", cell="N34")
    if avg_grad2 / prev_grad2 > threshold:
        lr = lr / divisor
    if avg_grad2 < prev_grad2:
        prev_grad2 = avg_grad2
    return lr, prev_grad2


def _check(tab: str, state: dict) -> dict:
    if tab not in KINDS:
        raise SheetsolverError(f"unknown optimiser tab {tab!r} (expected one of {', '.join(KINDS)})")
    missing = [k for k in INPUT_CELLS[tab] if k not in state]
    if missing:
        raise SheetsolverError(f"state for {tab!r} lacks {missing} (cells "
                               f"{[INPUT_CELLS[tab][k] for k in missing]})", sheet=tab)
    out = dict(state)
    if tab == "basic":
        out["rmses"] = list(state.get("rmses", []))
    return out


def onestep(tab: str, x, y, state: dict, *, calc: str = "manual") -> dict:
    """New state after one ``onestep`` macro (no adam_ann annealing; see :func:`run_passes`).

    ``calc="manual"``: every paste reads the same recalculation (as in somesteps).
    ``calc="auto"``: recalculate after each paste, in the macro's paste order.
    """
    s = _check(tab, state)
    if calc == "manual" or tab == "basic":
        s.update(one_pass(tab, x, y, s).feedback())
    elif calc == "auto":
        for group in PASTE_ORDER[tab]:
            fb = one_pass(tab, x, y, s).feedback()
            s.update({k: fb[k] for k in group})
    else:
        raise SheetsolverError(f"calc must be 'manual' or 'auto', not {calc!r}")
    if tab == "basic":
        s["rmses"].append(one_pass(tab, x, y, s).summary["rmse"])
    return s


def run_passes(tab: str, x, y, state: dict, passes: int, *, macro: str = "somesteps") -> Run:
    """Apply `passes` macro steps from `state`, recording every recalculation.

    ``macro="somesteps"``: the somesteps loop body (manual calculation; on
    adam_ann followed by :func:`anneal_lr` and a recalculation), for any
    number of passes (the button does 5). ``macro="onestep"``: repeated lone
    ``onestep`` clicks under automatic calculation (no annealing).
    """
    if macro not in ("somesteps", "onestep"):
        raise SheetsolverError(f"macro must be 'somesteps' or 'onestep', not {macro!r}")
    if int(passes) != passes or passes < 0:
        raise SheetsolverError(f"passes must be a non-negative integer, not {passes!r}")
    s = _check(tab, state)
    states, results = [s], [one_pass(tab, x, y, s)]
    for _ in range(int(passes)):
        s = onestep(tab, x, y, s, calc="manual" if macro == "somesteps" else "auto")
        if tab == "adam_ann" and macro == "somesteps":
            avg = one_pass(tab, x, y, s).summary["avg_grad2"]
            s["lr"], s["prev_grad2"] = anneal_lr(s["lr"], avg, s["prev_grad2"])
        states.append(s)
        results.append(one_pass(tab, x, y, s))
    return Run(tab, results, states)


def reset_state(tab: str, x, y, state: dict | None = None) -> dict:
    """State left by the tab's ``reset`` macro (a = b = 1 everywhere).

    Hyperparameters the macro does not set come from `state`, else
    :data:`HYPER_DEFAULTS`. Per tab (calculation automatic unless noted):

    * basic: slope = const = 1, rmses cleared (lr F1 kept).
    * momentum: momtarget = 0, a = b = 1, lr = 0.0001, then momtarget := momlast.
    * rmsprop: gradtarget = 10000, a = b = 1, then gradtarget := ms_last twice.
    * adam: gradtarget = 10000, momtarget = 0, a = b = 1, lr = 1, then
      (ms_last -> gradtarget, momlast -> momtarget) twice, recalculating after each paste.
    * adagrad: gradtarget (the sums of squares) = 0, a = b = 1.
    * amsgrad: momtarget = gradtarget = maxtarget = 0, a = b = 1.
    * eve: momtarget = 0, gradtarget = 10000, fhattarget (fhat, d) = 1, a = b = 1.
    * adam_ann (manual calculation): as adam but each pair of pastes reads one
      recalculation; prev_grad2 := avg_grad2 is copied *before* the final
      recalculation, so it holds SQRT(L33)+SQRT(M33) of the first pasted pair.
    """
    if tab not in KINDS:
        raise SheetsolverError(f"unknown optimiser tab {tab!r} (expected one of {', '.join(KINDS)})")
    s = {**HYPER_DEFAULTS[tab], **(state or {})}
    s.update(a=1.0, b=1.0)

    def paste(keys):
        fb = one_pass(tab, x, y, s).feedback()
        s.update({k: fb[k] for k in keys})

    if tab == "basic":
        s["rmses"] = []
    elif tab == "momentum":
        s.update(mom_b=0.0, mom_a=0.0, lr=1e-4)
        paste(("mom_b", "mom_a"))
    elif tab == "rmsprop":
        s.update(ms_b=MS_SEED, ms_a=MS_SEED)
        paste(("ms_b", "ms_a"))
        paste(("ms_b", "ms_a"))
    elif tab == "adam":
        s.update(ms_b=MS_SEED, ms_a=MS_SEED, mom_b=0.0, mom_a=0.0, lr=1.0)
        for _ in range(2):
            paste(("ms_b", "ms_a"))
            paste(("mom_b", "mom_a"))
    elif tab == "adagrad":
        s.update(ms_b=0.0, ms_a=0.0)
    elif tab == "amsgrad":
        s.update(mom_b=0.0, mom_a=0.0, ms_b=0.0, ms_a=0.0, max_b=0.0, max_a=0.0)
    elif tab == "eve":
        s.update(mom_b=0.0, mom_a=0.0, ms_b=MS_SEED, ms_a=MS_SEED, fhat=1.0, d=1.0)
    else:  # adam_ann
        s.update(ms_b=MS_SEED, ms_a=MS_SEED, mom_b=0.0, mom_a=0.0, lr=1.0)
        # N3 only feeds N34 (not read here) and is overwritten below; any stale value will do
        s.setdefault("prev_grad2", 2 * math.sqrt(MS_SEED))
        paste(("ms_b", "ms_a", "mom_b", "mom_a"))
        stale_avg = math.sqrt(s["ms_b"]) + math.sqrt(s["ms_a"])
        paste(("ms_b", "ms_a", "mom_b", "mom_a"))
        s["prev_grad2"] = stale_avg
    return s
