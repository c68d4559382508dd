"""Where things live on each optimiser tab of fast.ai's ``graddesc.xlsm``.

Pure data: the row-table columns (letter, python name, header text on the
sheet), the input cells the VBA macros feed back (``INPUT_CELLS``), which
last-row column each macro copies into which input (``FEEDBACK``) and in what
order the macro pastes them (``PASTE_ORDER``; the order only matters when the
macro runs with automatic calculation, see :mod:`.macros`).

State keys used across the package:

``a``/``b``
    slope / intercept (cells C2 / C1, names ``slope`` / ``const``).
``lr``
    learning rate (F1 on ``basic``, D2 elsewhere, name ``lr``).
``beta``, ``beta2``
    J1 and L1 (the sheet derives K1 = 1-J1 and M1 = 1-L1).
``mom_b``/``mom_a``
    first-moment running averages pasted into J33:K33 (``momtarget``).
``ms_b``/``ms_a``
    mean-square running averages pasted into J33:K33 (rmsprop) or L33:M33
    (adam, adam_ann) (``gradtarget``).
``prev_grad2``
    adam_ann N3, the best ``avg_grad2`` seen so far (annealing).
``rmses``
    basic's error log C38 down (``rmses``, pasted after ``rmsestart`` C36).
``max_b``/``max_a``
    amsgrad: running maximum of the mean squares, N33:O33 (``maxtarget``).
``fhat``/``d``, ``beta3``/``k``/``K``
    eve: smoothed loss and feedback coefficient O33:P33 (``fhattarget``); N1, O1, P1.

``TABS`` are the 2019 course tabs; ``KINDS`` adds the optimisers of the other
course versions (adagrad, amsgrad, eve: :mod:`.adaptive`), laid out the same way.
"""
from __future__ import annotations

TABS = ("basic", "momentum", "rmsprop", "adam", "adam_ann")

FIRST_ROW = 4          # first training example row
N_ROWS_SHEET = 29      # rows 4..32 on the real sheets

# (letter, python name, header text in row 3 or a description when row 3 holds a formula)
_COMMON = (("A", "x", "x"), ("B", "y", "y"), ("C", "b", "b"), ("D", "a", "a"),
           ("E", "pred", "pred"), ("F", "db", "de/db"), ("G", "da", "de/da"),
           ("H", "new_b", "new b"), ("I", "new_a", "new a"))

COLUMNS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "basic": (("A", "x", "x"), ("B", "y", "y"), ("C", "b", "intercept"), ("D", "a", "slope"),
              ("E", "pred", "y_pred"), ("F", "err2", "err^2"), ("G", "err_b1", "errb1"),
              ("H", "est_db", "est de/db"), ("I", "err_a1", "erra1"), ("J", "est_da", "est de/da"),
              ("K", "db", "de/db"), ("L", "da", "de/da"), ("M", "new_a", "new a"),
              ("N", "new_b", "new b")),
    "momentum": _COMMON + (("J", "mom_b", "momentum of de/db (J3 = J33)"),
                           ("K", "mom_a", "momentum of de/da (K3 = K33)"),
                           ("L", "err2", "err^2")),
    "rmsprop": _COMMON + (("J", "ms_b", "mean square of de/db (J3 = J33)"),
                          ("K", "ms_a", "mean square of de/da (K3 = K33)")),
    "adam": _COMMON + (("J", "mom_b", "momentum of de/db (J3 = J33)"),
                       ("K", "mom_a", "momentum of de/da (K3 = K33)"),
                       ("L", "ms_b", "mean square of de/db (L3 = L33)"),
                       ("M", "ms_a", "mean square of de/da (M3 = M33)")),
}
COLUMNS["adam_ann"] = COLUMNS["adam"]

# state key -> cell holding it on the real sheet (row 33 = values pasted by the macro)
INPUT_CELLS: dict[str, dict[str, str]] = {
    "basic": {"b": "C1", "a": "C2", "lr": "F1"},
    "momentum": {"b": "C1", "a": "C2", "lr": "D2", "beta": "J1", "mom_b": "J33", "mom_a": "K33"},
    "rmsprop": {"b": "C1", "a": "C2", "lr": "D2", "beta": "J1", "ms_b": "J33", "ms_a": "K33"},
    "adam": {"b": "C1", "a": "C2", "lr": "D2", "beta": "J1", "beta2": "L1",
             "mom_b": "J33", "mom_a": "K33", "ms_b": "L33", "ms_a": "M33"},
}
INPUT_CELLS["adam_ann"] = {**INPUT_CELLS["adam"], "prev_grad2": "N3"}

# Optimisers of the other course versions (2018: Adagrad, AMSGrad, Eve), same layout.
COLUMNS["adagrad"] = _COMMON + (("J", "ms_b", "sum of squares of de/db (J3 = J33)"),
                                ("K", "ms_a", "sum of squares of de/da (K3 = K33)"))
COLUMNS["amsgrad"] = COLUMNS["adam"] + (("N", "max_b", "max mean square of de/db (N3 = N33)"),
                                        ("O", "max_a", "max mean square of de/da (O3 = O33)"))
COLUMNS["eve"] = COLUMNS["adam"] + (("N", "loss", "loss (y-pred)^2"),
                                    ("O", "fhat", "smoothed loss fhat (O3 = O33)"),
                                    ("P", "d", "feedback d (P3 = P33)"))
INPUT_CELLS["adagrad"] = {"b": "C1", "a": "C2", "lr": "D2", "ms_b": "J33", "ms_a": "K33"}
INPUT_CELLS["amsgrad"] = {**INPUT_CELLS["adam"], "max_b": "N33", "max_a": "O33"}
INPUT_CELLS["eve"] = {**INPUT_CELLS["adam"], "beta3": "N1", "k": "O1", "K": "P1",
                      "fhat": "O33", "d": "P33"}
KINDS = TABS + ("adagrad", "amsgrad", "eve")

ERROR_CELLS = {"momentum": "L33"}   # error cells that carry no defined name (basic's: rmse)
RMSE_LOG_START = "C38"  # basic: first cell of the 'rmses' range (C38:C106)

# state key -> column of the LAST row the macro copies from (lastconst = C32,
# lastslope = D32, momlast, ms_last). Note: C32/D32 are the last row's *inputs*,
# not its updated H32/I32 (M32/N32 on basic): the sheet's last update is dropped.
FEEDBACK: dict[str, dict[str, str]] = {
    "basic": {"a": "D", "b": "C"},
    "momentum": {"mom_b": "J", "mom_a": "K", "a": "D", "b": "C"},
    "rmsprop": {"ms_b": "J", "ms_a": "K", "a": "D", "b": "C"},
    "adam": {"ms_b": "L", "ms_a": "M", "mom_b": "J", "mom_a": "K", "a": "D", "b": "C"},
}
FEEDBACK["adam_ann"] = FEEDBACK["adam"]
FEEDBACK["adagrad"] = FEEDBACK["rmsprop"]
FEEDBACK["amsgrad"] = {**FEEDBACK["adam"], "max_b": "N", "max_a": "O"}
FEEDBACK["eve"] = {**FEEDBACK["adam"], "fhat": "O", "d": "P"}

# order of the macro's PasteSpecial statements in ``onestep`` (one group per paste)
PASTE_ORDER: dict[str, tuple[tuple[str, ...], ...]] = {
    "basic": (("a",), ("b",)),
    "momentum": (("mom_b", "mom_a"), ("a",), ("b",)),
    "rmsprop": (("ms_b", "ms_a"), ("a",), ("b",)),
    "adam": (("ms_b", "ms_a"), ("mom_b", "mom_a"), ("a",), ("b",)),
}
PASTE_ORDER["adam_ann"] = PASTE_ORDER["adam"]
PASTE_ORDER["adagrad"] = PASTE_ORDER["rmsprop"]
PASTE_ORDER["amsgrad"] = (("ms_b", "ms_a"), ("max_b", "max_a"), ("mom_b", "mom_a"), ("a",), ("b",))
PASTE_ORDER["eve"] = (("ms_b", "ms_a"), ("mom_b", "mom_a"), ("fhat", "d"), ("a",), ("b",))


def column_map(tab: str) -> dict[str, str]:
    """{'C': 'b', 'D': 'a', ...} for `tab`."""
    return {letter: name for letter, name, _ in COLUMNS[tab]}


def header_map(tab: str) -> dict[str, str]:
    """{'C': 'intercept', ...}: the sheet's row-3 header text (or a description)."""
    return {letter: header for letter, _, header in COLUMNS[tab]}
