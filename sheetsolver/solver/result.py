"""The result of a solve, in the style of ``scipy.optimize.OptimizeResult``, with
Excel Solver's outcome messages (the text of Solver's Results dialog)."""
from __future__ import annotations

from scipy.optimize import OptimizeResult

from ..formula.refs import quote_sheet

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
MAX_FEASIBLE = 15
MAX_SUBPROBLEMS = 16
GLOBAL_PROBABLE = 17
NEED_BOUNDS = 18
BOUNDS_CONFLICT_BIN = 19
BOUNDS_CONFLICT = 20

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
    MAX_FEASIBLE: "Stop chosen when the maximum number of feasible [integer] solutions was "
                  "reached.",
    MAX_SUBPROBLEMS: "Stop chosen when the maximum number of feasible [integer] subproblems "
                     "was reached.",
    GLOBAL_PROBABLE: "Solver converged in probability to a global solution.",
    NEED_BOUNDS: "All variables must have both upper and lower bounds.",
    BOUNDS_CONFLICT_BIN: "Variable bounds conflict in binary or alldifferent constraint.",
    BOUNDS_CONFLICT: "Lower and upper bounds on variables allow no feasible solution.",
}

SUCCESS = {FOUND, CONVERGED, CANNOT_IMPROVE, INTEGER_FOUND, GLOBAL_PROBABLE}


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

    def __repr__(self) -> str:
        fun = f"{self.fun:.10g}" if isinstance(self.get("fun"), float) else \
            "(none)" if self.get("objective") == "(none)" else repr(self.get("fun"))
        return (f"SolveResult({self.get('sheet')}: status {self.get('status')} "
                f"{self.get('message', '')!r}\n  objective {fun}, {self.get('nit', 0)} "
                f"iterations, {self.get('time', 0.0):.3f} s)")

    __str__ = __repr__

    def summary(self, verbose: bool = False) -> str:
        """Excel's outcome message first, then the objective by its label
        ("RMSE (dotprod!B3): 2.6815 -> 0.3012"); scipy's own text only when verbose."""
        if self.objective == "(none)":     # a feasibility-only model
            return self._lines("  objective: (none), any point meeting the constraints",
                               verbose)
        name = self.get("objective_name") or "objective"
        home = getattr(getattr(self.get("model"), "objective", None), "sheet", None)
        where = f"{quote_sheet(home or self.sheet)}!{self.objective}" \
            if "!" not in self.objective else self.objective     # it may be on another sheet
        if isinstance(self.fun, float) and isinstance(self.initial_fun, float):
            obj = f"  {name} ({where}): {self.initial_fun:.10g} -> {self.fun:.10g}"
        else:
            obj = f"  {name} ({where}): {_show(self.get('initial_fun'))} -> {_show(self.fun)}"
        return self._lines(obj, verbose)

    def _lines(self, obj: str, verbose: bool) -> str:
        lines = [f"{self.sheet}: {self.message}", obj]
        if self.get("detail") and not self.success:
            lines.append(f"  why: {self.detail}")
        if verbose and self.get("method_message"):
            lines.append(f"  {self.method}: {self.method_message}")
        if verbose:
            lines.append(f"  method {self.method} ({self.engine}); {len(self.cells)} variable "
                         f"cells; {self.nit} iterations, {self.nfev} objective and "
                         f"{self.njev} gradient evaluations; {self.time * 1000:.0f} ms")
        lines += [f"  note: {n}" for n in self.get("notes", [])]
        return "\n".join(lines)


def _show(v) -> str:
    code = getattr(v, "code", None)
    return code if code else repr(v)


def message(status: int) -> str:
    return MESSAGES.get(status, f"Solver stopped (code {status}).")
