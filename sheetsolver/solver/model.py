"""Read a sheet's Solver model from its hidden ``solver_*`` defined names.

Excel's Solver add-in stores each sheet's model as sheet-scoped names
(``localSheetId``): ``solver_opt`` (objective cell), ``solver_typ`` (1 max, 2 min,
3 value of ``solver_val``), ``solver_adj`` (variable cells, several areas), the
constraints ``solver_lhsN``/``solver_relN``/``solver_rhsN`` for N = 1..``solver_num``,
``solver_neg``, ``solver_eng`` and the options. A model with constraints and no (or an
empty) ``solver_opt`` is feasibility-only (``objective`` None). :func:`read_model` turns them into a
:class:`SolverModel`; what makes a model unusable is collected in ``problems``
instead of raised, so a command can report it and go on with the other sheets.
See docs/solver.md for the option mapping.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..formula.refs import Area
from .sides import RhsFormula, areas_of, right_side

RELATIONS = {1: "<=", 2: "=", 3: ">=", 4: "int", 5: "bin", 6: "dif"}
SENSES = {1: "max", 2: "min", 3: "value"}
ENGINES = {1: "GRG Nonlinear", 2: "Simplex LP", 3: "Evolutionary"}
BIG = 2147483647          # what Solver stores for "no limit"
_DELETED = ("refers to #REF! (its cells were deleted); fix or delete the constraint in "
            "Excel's Solver dialog")


@dataclass
class Constraint:
    """``lhs rel rhs``; ``rhs`` is an Area, a number, a :class:`RhsFormula` or None
    (int/bin/dif)."""
    lhs: Area
    rel: str
    rhs: object
    text: str

    def describe(self) -> str:
        return self.text


@dataclass
class SolverModel:
    sheet: str
    objective: Area | None
    sense: str = "min"
    target: float = 0.0
    variables: list = field(default_factory=list)
    constraints: list = field(default_factory=list)
    nonneg: bool = True
    engine: int = 1
    options: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    objective_text: str = ""
    variables_text: str = ""

    @property
    def usable(self) -> bool:
        return not self.problems

    @property
    def feasibility_only(self) -> bool:
        """No objective cell (Set Objective left empty): any point meeting the
        constraints is a solution, as in Excel's Solver."""
        return self.objective is None

    @property
    def n(self) -> int:
        return sum(a.size for a in self.variables)

    @property
    def engine_name(self) -> str:
        return ENGINES.get(self.engine, f"engine {self.engine}")

    def option(self, key: str, default=None):
        v = self.options.get(key)
        return default if v is None else v


def _number(text):
    try:
        return float(str(text).strip().lstrip("="))
    except (TypeError, ValueError):
        return None


def _workbook_model_home(wb) -> str | None:
    """The sheet of a Solver model stored as workbook-level names (some generators write
    solver_* without a sheet scope; Excel's Solver then finds them from any sheet): the
    sheet that its solver_opt, else its solver_adj, refers to."""
    glob = {n.name.lower(): n.text for n in wb.names
            if n.sheet_index is None and n.name.lower() in ("solver_opt", "solver_adj")}
    for key in ("solver_opt", "solver_adj"):
        try:
            sheet = areas_of(wb, glob[key], wb.sheets[0].name)[0].sheet
            return wb.sheet(sheet).name if wb.has_sheet(sheet) else None
        except (KeyError, ValueError, IndexError):
            continue
    return None


def solver_names(wb, sheet: str, home: str | None = "?") -> dict:
    """The solver_* names (lower case -> text) of ``sheet``: its own sheet-scoped ones,
    else the workbook-level ones when the workbook-level model is on this sheet."""
    own = {k.lower(): v.text for k, v in wb.names_of_sheet(sheet).items()
           if k.lower().startswith("solver_")}
    if own:
        return own
    if (_workbook_model_home(wb) if home == "?" else home) != sheet:
        return {}
    return {n.name.lower(): n.text for n in wb.names
            if n.sheet_index is None and n.name.lower().startswith("solver_")}


def has_model(wb, sheet: str) -> bool:
    """True when the sheet carries any solver_* name."""
    return bool(solver_names(wb, wb.sheet(sheet).name))


def model_sheets(wb) -> list[str]:
    """Names of the sheets that carry a Solver model (solver_opt or solver_adj)."""
    home = _workbook_model_home(wb)
    out = []
    for sh in wb.sheets:
        keys = solver_names(wb, sh.name, home)
        if "solver_opt" in keys or "solver_adj" in keys:
            out.append(sh.name)
    return out


def read_model(wb, sheet: str, objective: str | None = None,
               variables: str | None = None) -> SolverModel:
    """The Solver model of ``sheet``; ``objective``/``variables`` (A1 text) override the
    stored ones (that is how a ``#REF!`` objective is repaired)."""
    sheet = wb.sheet(sheet).name
    names = solver_names(wb, sheet)
    m = SolverModel(sheet=sheet, objective=None)

    def num(key, default=None):
        v = _number(names.get(key)) if key in names else None
        return default if v is None else v

    m.objective_text = objective or names.get("solver_opt", "").strip()
    if not m.objective_text:
        # an empty Set Objective box: Solver looks for any point meeting the constraints
        if int(num("solver_num", 0)) < 1:
            m.problems.append("no objective cell (solver_opt) and no constraints; pass "
                              "--objective CELL")
    else:
        try:
            areas = areas_of(wb, m.objective_text, sheet)
            if len(areas) != 1 or areas[0].size != 1:
                raise ValueError("not one cell")
            m.objective = areas[0]
            o = m.objective
            if not wb.has_sheet(o.sheet):
                raise ValueError("no sheet")
            cell = wb.sheet(o.sheet).cells.get((o.r1, o.c1))
            if cell is None or not cell.is_formula:
                m.problems.append(f"the objective cell {o.a1()} must contain a formula "
                                  "(as Excel's Solver requires)")
        except ValueError as e:
            why = ("refers to #REF! (its cell was deleted)" if str(e) == "#REF!"
                   else "refers to a sheet that does not exist" if str(e) == "no sheet"
                   else "is not a single cell")
            given = f"--objective {m.objective_text}" if objective else \
                f"solver_opt = {m.objective_text}"
            m.problems.append(f"the Solver objective ({given}) {why}; "
                              f"pass --objective CELL to choose the objective cell")
    m.variables_text = variables or names.get("solver_adj", "")
    if not m.variables_text:
        m.problems.append("no variable cells (solver_adj); pass --variables RANGES")
    else:
        try:
            m.variables = areas_of(wb, m.variables_text, sheet)
        except ValueError as e:
            why = "refer to #REF!" if str(e) == "#REF!" else "are not plain cell ranges"
            m.problems.append(f"the variable cells (solver_adj = {m.variables_text}) {why}; "
                              f"pass --variables RANGES")
    typ = int(num("solver_typ", 2))
    m.sense = SENSES.get(typ, "min") if m.objective_text else "min"
    m.target = num("solver_val", 0.0)
    m.nonneg = int(num("solver_neg", 1)) == 1
    # Excel 2007 and earlier stored "Assume Linear Model" as solver_lin (1 = yes)
    # instead of an engine: a linear model then ran on the Simplex method
    m.engine = int(num("solver_eng", 2 if int(num("solver_lin", 2)) == 1 else 1))
    for key in ("cvg", "pre", "itr", "tim", "drv", "msl", "ssz", "rsd", "rbv", "nod", "mip",
                "tol", "scl", "est", "nwt", "mrt", "mni", "ver", "sho", "rlx", "lin"):
        v = num("solver_" + key)
        if v is not None:
            m.options[key] = v
    for i in range(1, int(num("solver_num", 0)) + 1):
        lhs_t, rel_v, rhs_t = (names.get(f"solver_lhs{i}"), num(f"solver_rel{i}"),
                               names.get(f"solver_rhs{i}"))
        if lhs_t is None or rel_v is None:
            m.problems.append(f"constraint {i} is incomplete (solver_lhs{i}/solver_rel{i})")
            continue
        rel = RELATIONS.get(int(rel_v), "?")
        try:
            lhs = areas_of(wb, lhs_t, sheet)
            if len(lhs) != 1:
                raise ValueError("several areas")
            lhs = lhs[0]
        except ValueError as e:
            m.problems.append(f"constraint {i}: left side {lhs_t!r} " + (
                _DELETED if str(e) == "#REF!" else "is not one cell range"))
            continue
        rhs = None
        if rel in ("<=", "=", ">="):
            try:
                rhs = right_side(wb, rhs_t or "", sheet)
                # a range of as many cells, paired in reading order (a row against a
                # column is allowed, as in Solver's Add Constraint dialog)
                if isinstance(rhs, Area) and rhs.size not in (1, lhs.size):
                    raise ValueError("shape")
            except ValueError as e:
                m.problems.append(f"constraint {i}: right side {rhs_t!r} " + (
                    _DELETED if str(e) == "#REF!" else
                    f"is not a number, a cell, a range of as many cells as {lhs.a1(False)} "
                    f"or a formula of cells"))
                continue
        text = f"{lhs.a1(False)} {rel} " + (
            "" if rhs is None else (rhs.a1(False) if isinstance(rhs, (Area, RhsFormula))
                                    else f"{rhs:g}"))
        m.constraints.append(Constraint(lhs, rel, rhs, text.strip()))
    return m
