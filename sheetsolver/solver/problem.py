"""A Solver model as functions of the variable vector x, evaluated by the engine.

``Problem.value(x)`` writes x into the variable cells, recomputes the formulas that
depend on them and reads the objective. ``Problem.value_grad(x)`` returns the value
and the exact gradient from ``Engine.gradient`` (reverse mode through the compiled
formulas; it re-runs only the path to the objective, whose value is then read from
the grid). Only formula groups whose value can depend on the variable cells are
re-run by ``value``/``recalc`` (a workbook's other tabs cannot change while one tab's
model is solved); ``fast=False`` uses the engine's whole-workbook ``recalc``, and the
tests check that both agree.

If a function on the path from the variables to the objective has no derivative
rule (:class:`NotDifferentiable`), the whole model falls back to central finite
differences and ``fd_reason`` says why (docs/solver.md, "Gradients").
"""
from __future__ import annotations

import numpy as np

from ..engine.nodes import NotDifferentiable
from ..errors import SheetsolverError
from ..formula.refs import Area, cell_name
from .checks import as_number
from .sides import RhsFormula


def _as_number(v):
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, (int, float)):
        return float(v)
    return None


class Problem:
    """Objective, gradient and constraint cells of one model over one engine."""

    def __init__(self, book, model, fast: bool = True):
        eng = book.engine
        self.book, self.engine, self.model, self.fast = book, eng, model, fast
        for a in [*model.variables] + ([model.objective] if model.objective else []) + [
                side for con in model.constraints for side in (con.lhs, con.rhs)
                if isinstance(side, Area)]:
            eng.reserve(eng.area(a))    # cells past the used range (blank) are readable
        self.areas = [eng.area(a) for a in model.variables]
        self.sheet = model.sheet
        # a feasibility-only model has no objective cell: its objective is the constant 0
        o = None if model.objective is None else eng.area(model.objective)
        self.obj = None if o is None else (o.sheet, o.r1, o.c1)
        self.cells = [(a.sheet, r, c) for a in self.areas for r, c in a.cells()]
        if len(set(self.cells)) < len(self.cells):
            # overlapping or repeated variable ranges: each cell is one variable (Solver
            # changes a cell once however often it is listed)
            self.cells = list(dict.fromkeys(self.cells))
            self.areas = [Area(s, r, c, r, c) for s, r, c in self.cells]
        self.targets = ([self.obj] if self.obj else []) + [
            (a.sheet, r, c) for con in model.constraints
            for a in (con.lhs, con.rhs) if isinstance(a, Area) for r, c in a.cells()] + [
            cell for con in model.constraints if isinstance(con.rhs, RhsFormula)
            for cell in con.rhs.cells]
        self.n = len(self.cells)
        self.fast = fast
        self._check_variables()
        self.nfev = self.njev = 0
        self.fd_reason = None
        self.fd_central = True
        self.full_recalc = False     # set by use_full_recalc (iterated cycles, data tables)

    def use_full_recalc(self, why: str) -> None:
        """Evaluate the model by whole-workbook recalculations (iterated circular
        references and data tables are only right after one) and differentiate it by
        central finite differences: the engine's reverse mode leaves both out."""
        self.full_recalc = True
        self.fd_reason = (f"the objective or constraints depend on {why}, which exact "
                          "gradients do not pass through: using central finite differences "
                          "over full recalculations")

    def _check_variables(self):
        """Variable cells should be constants. Where one holds a formula (the 2019
        movielens tabs link their user factors to dotprod), Excel's Solver overwrites it
        with the solution value; we solve it as a variable too, say so in ``warnings``,
        and the command saves it as a constant (:mod:`.constants`)."""
        wb = self.book.wb
        self.warnings = []
        bad = []
        self.formula_areas = set()
        for a in self.areas:
            sh = wb.sheet(a.sheet)
            here = [cell_name(r, c) for r, c in a.cells()
                    if sh.cells.get((r, c)) is not None and sh.cells[(r, c)].is_formula]
            if here:
                self.formula_areas.add(a)
            bad += here
        if bad:
            if not self.fast:
                raise SheetsolverError("variable cells hold formulas (" + ", ".join(bad[:3]) +
                                       ", ...); solve them with the default fast evaluation",
                                       sheet=self.sheet)
            self.warnings.append(
                f"{len(bad)} variable cell(s) of {self.sheet} hold formulas ({bad[0]}"
                f"{'..' + bad[-1] if len(bad) > 1 else ''}): solved as variables and saved as "
                f"constants, as Excel's Solver leaves them (docs/solver.md)")

    # -- variables --------------------------------------------------------------------
    def cell_name(self, i: int) -> str:
        """'Sheet!A1' of variable i."""
        s, r, c = self.cells[i]
        return f"{s}!{cell_name(r, c)}"

    def get_x(self) -> np.ndarray:
        x = np.concatenate([self.engine.values(a).ravel() for a in self.areas])
        return np.where(np.isnan(x), 0.0, x)

    def set_x(self, x) -> None:
        """Write x into the variable cells (checked once in __init__: constants, or
        formula cells Solver overwrites), straight into the engine's arrays."""
        self.engine.write_variables(self.areas, x)

    # -- evaluation -------------------------------------------------------------------
    def _run(self, full: bool = True):
        """Recompute the formulas that depend on the variable cells: all of them
        (``full``), or only those the objective and constraint cells need."""
        eng = self.engine
        if not self.fast or self.full_recalc:
            eng.recalc()
            return
        if not full and self.obj is not None and len(self.targets) == 1 and \
                self.fd_reason is None and not eng.iterative:
            # the objective alone: the gradient's forward pass, whose value the gradient
            # evaluations see too, with the constant subtrees they cache
            eng.evaluate_path(self.obj, self.areas)
            return
        eng.recalc_from(self.areas, None if full else self.targets)

    def recalc(self, x=None, full: bool = True) -> None:
        """Write x (if given) and recompute; ``full=False`` is enough to read the
        objective and constraint cells (the rest of the workbook is then stale)."""
        if x is not None:
            self.set_x(x)
        self._run(full)

    def cell_value(self, sheet, r, c):
        return self.engine.cell(sheet, r, c)

    def objective_value(self):
        """The objective cell's current value (float, or the ExcelError/text it holds;
        0.0 for a feasibility-only model)."""
        if self.obj is None:
            return 0.0
        v = self.cell_value(*self.obj)
        n = _as_number(v)
        return v if n is None else n

    def value(self, x) -> float:
        """Objective cell value at x (NaN when it is not a number)."""
        self.nfev += 1
        self.recalc(x, full=False)
        if self.obj is None:
            return 0.0
        v = _as_number(self.cell_value(*self.obj))
        return np.nan if v is None else v

    def value_grads(self, x, cells) -> tuple[list, np.ndarray]:
        """Values of ``cells`` ((sheet,row,col)) at x and their exact gradients by the
        engine's reverse mode. ``Engine.gradient`` re-runs only the formulas between the
        variables and that cell, so each value is read right after its own gradient
        call (the objective's value is current then; tests check it equals a full
        recalculation). Raises NotDifferentiable."""
        self.set_x(x)
        self.njev += 1
        vals, rows = [], []
        for cell in cells:
            rows.append(self.engine.gradient(cell, self.areas))
            vals.append(self.cell_value(*cell))
        if len(rows) == 1:              # the objective alone: its fresh array, not copied
            return vals, rows[0].reshape(1, -1)
        return vals, np.array(rows).reshape(len(cells), -1)

    def value_grad(self, x) -> tuple[float, np.ndarray]:
        """Objective value and its gradient at x (exact, or finite differences after a
        NotDifferentiable)."""
        if self.obj is None:               # feasibility only: a constant objective
            self.nfev += 1
            self.set_x(x)
            return 0.0, np.zeros(self.n)
        if self.fd_reason is None:
            try:
                self.set_x(x)           # value_grads for the objective alone, unwrapped
                self.njev += 1
                g = self.engine.gradient(self.obj, self.areas)
                self.nfev += 1
                v = _as_number(self.cell_value(*self.obj))
                return (np.nan if v is None else v), g
            except NotDifferentiable as e:
                self.fd_reason = (f"{e.args[0] if e.args else 'a function'} has no derivative "
                                  f"rule: using central finite differences for the whole model")
        return self._fd(x)

    def smooth(self) -> bool:
        """Whether the objective is a smooth function of the variables (exact gradients
        only: False with finite differences or without an objective)."""
        if self.obj is None or self.fd_reason is not None:
            return False
        return self.engine.path_is_smooth(self.obj, self.areas)

    def _fd(self, x):
        x = np.asarray(x, float)
        f0 = self.value(x)
        g = np.empty_like(x)
        for i in range(x.size):
            h = 1e-6 * max(1.0, abs(x[i]))
            xp = x.copy()
            xp[i] += h
            fp = self.value(xp)
            if self.fd_central:
                xp[i] = x[i] - h
                g[i] = (fp - self.value(xp)) / (2 * h)
            else:
                g[i] = (fp - f0) / h
        self.set_x(x)
        self._run()
        self.njev += 1
        return f0, g

    def cell_values(self, cells) -> np.ndarray:
        """Numbers of constraint cells (blank 0, as Solver reads them; NaN for text/errors)."""
        out = np.empty(len(cells))
        for i, c in enumerate(cells):
            v = as_number(self.cell_value(*c))
            out[i] = np.nan if v is None else v
        return out

    def cells_jacobian(self, x, cells) -> tuple[np.ndarray, np.ndarray]:
        """Values and Jacobian of several cells (constraint left/right sides)."""
        if not cells:
            return np.zeros(0), np.zeros((0, self.n))
        if self.fd_reason is None:
            try:
                vals, J = self.value_grads(x, cells)
                return np.array([np.nan if as_number(v) is None else as_number(v)
                                 for v in vals]), J
            except NotDifferentiable as e:
                self.fd_reason = (f"{e.args[0] if e.args else 'a function'} has no derivative "
                                  f"rule: using central finite differences for the whole model")
        x = np.asarray(x, float)
        self.recalc(x)
        v0 = self.cell_values(cells)
        J = np.empty((len(cells), x.size))
        for i in range(x.size):
            h = 1e-6 * max(1.0, abs(x[i]))
            xp = x.copy()
            xp[i] += h
            self.recalc(xp)
            vp = self.cell_values(cells)
            xp[i] = x[i] - h
            self.recalc(xp)
            J[:, i] = (vp - self.cell_values(cells)) / (2 * h)
        self.recalc(x)
        return v0, J


def area_cells(area: Area) -> list:
    return [(area.sheet, r, c) for r, c in area.cells()]
