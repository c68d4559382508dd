"""The result of a solve, in the style of ``scipy.optimize.OptimizeResult``, with
Excel Solver's outcome messages (the text of Solver's Results dialog)."""
from __future__ import annotations

from scipy.optimize import OptimizeResult

# Solver's result codes (SolverSolve return values) and their dialog texts
FOUND = 0            # optimality conditions satisfied
CONVERGED = 1
CANNOT_IMPROVE = 2
MAX_ITER = 3
NOT_CONVERGE = 4     # unbounded
INFEASIBLE = 5
STOPPED = 6
NOT_LINEAR = 7
ERROR_VALUE = 9
MAX_TIME = 10
MODEL_ERROR = 13
INTEGER_FOUND = 14

MESSAGES = {
    FOUND: "Solver found a solution. All Constraints and optimality conditions are satisfied.",
    CONVERGED: "Solver has converged to the current solution. All Constraints are satisfied.",
    CANNOT_IMPROVE: "Solver cannot improve the current solution. All Constraints are satisfied.",
    MAX_ITER: "Stop chosen when the maximum iteration limit was reached.",
    NOT_CONVERGE: "The Objective Cell values do not converge.",
    INFEASIBLE: "Solver could not find a feasible solution.",
    STOPPED: "Solver stopped at user's request.",
    NOT_LINEAR: "The linearity conditions required by this LP Solver are not satisfied.",
    ERROR_VALUE: "Solver encountered an error value in the Objective Cell or a Constraint cell.",
    MAX_TIME: "Stop chosen when the maximum time limit was reached.",
    MODEL_ERROR: "Error in model. Please verify that all cells and Constraints are valid.",
    INTEGER_FOUND: "Solver found an integer solution within tolerance. "
                   "All Constraints are satisfied.",
}

SUCCESS = {FOUND, CONVERGED, CANNOT_IMPROVE, INTEGER_FOUND}


class SolveResult(OptimizeResult):
    """``x``, ``fun`` (objective cell value, in the model's own sense), ``success``,
    ``status`` (Solver's result code), ``message`` (Solver's text), ``nit``, ``nfev``,
    ``njev``, plus ``initial_fun``, ``initial_x``, ``sheet``, ``objective`` (cell),
    ``cells`` (variable cell addresses), ``method``, ``engine``, ``time``,
    ``constraints`` (rows for the Answer Report), ``notes`` and ``detail`` (what scipy
    said)."""

    @property
    def improved(self) -> float:
        return self.initial_fun - self.fun

    def summary(self) -> str:
        lines = [f"{self.sheet}: {self.message}",
                 f"  objective {self.objective}: {self.initial_fun:.10g} -> {self.fun:.10g}"
                 if isinstance(self.fun, float) else f"  objective {self.objective}: {self.fun}",
                 f"  method {self.method} ({self.engine}); {len(self.cells)} variable cells; "
                 f"{self.nit} iterations, {self.nfev} objective and {self.njev} gradient "
                 f"evaluations; {self.time * 1000:.0f} ms"]
        lines += [f"  note: {n}" for n in self.get("notes", [])]
        return "\n".join(lines)


def message(status: int) -> str:
    return MESSAGES.get(status, f"Solver stopped (code {status}).")
