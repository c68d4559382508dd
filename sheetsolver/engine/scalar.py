"""Straight-line Python for chains of single-cell formulas (the row-by-row recurrences).

NumPy pays a few microseconds per call, which dominates when a group is one cell -
as in graddesc, where every row depends on the row above. Runs of such small groups
run as one :class:`~sheetsolver.engine.tape.Tape`: code generated once per formula
shape, a loop over (function, host cell) in evaluation order, plain floats. It handles
plain numbers only: when an input is not a number, or anything goes outside the
arithmetic (division by zero, a domain error, overflow), the run falls back to the
exact vectorised path, which gives Excel's error values.

This module keeps the names the rest of the code and the tests use.
"""
from __future__ import annotations

from .spread import batch_steps
from .tape import MAX_CELLS, Tape, group_ok, plan_tapes

Segment = Tape


def plan_segments(engine, groups) -> list:
    """The run's steps: tapes for runs of small arithmetic groups (:mod:`tape`), single
    cells of one structure batched (:mod:`spread`), the other groups as they are."""
    return batch_steps(engine, plan_tapes(engine, groups))


def scalar_ok(group) -> bool:
    """Whether a group can run on a tape (small, not an array, plain arithmetic)."""
    return group_ok(group)


__all__ = ["MAX_CELLS", "Segment", "plan_segments", "scalar_ok"]
