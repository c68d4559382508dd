"""Which cells move with the variable cells: a formula that does not (a bound typed as
``=Inputs!B5``, a limit ``=B10-5``) is a constant to Solver, so a constraint of a variable
cell against it is a bound on that variable, and "Make Unconstrained Variables
Non-Negative" then leaves the variable alone, as Excel does."""
from __future__ import annotations


def moves(problem, cell) -> bool:
    """True when ``cell`` (sheet, row, col) is a variable cell or a formula whose value
    can change with them (the engine's dependents of the variable areas)."""
    mask = getattr(problem, "_moving_mask", None)
    if mask is None:
        mask = problem.engine.moving_cells(problem.areas)
        problem._moving_mask = mask
    s, r, c = cell
    m = mask.get(s)
    return m is None or r >= m.shape[0] or c >= m.shape[1] or bool(m[r, c])
