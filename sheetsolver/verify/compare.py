"""Three-way comparison: Excel's cached values, sheetsolver's engine, a real application.

Every formula cell is compared. Cells where the application disagrees with Excel are
explained in three steps:

1. root causes from the :mod:`catalogue` (stage 1: the application dropped or could
   not read the cell; stage 2: a function it computes differently);
2. cells *downstream* of a root group: we pin the root cells to the application's
   values in a fresh engine, recompute, and every cell that then equals the
   application's value is explained by that group (exact, OFFSET included); what is
   left is matched through the engine's dependency graph (``unit_dependencies``);
3. anything else is reported without a known cause.

Volatile cells (RAND, RANDBETWEEN, ...) and everything that depends on them are
reported as volatile, never as disagreements.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..book import Book
from ..engine.engine import Engine
from ..formula.refs import Area
from ..package.reader import load_workbook
from ..values import same_value
from . import catalogue


@dataclass
class Group:
    """Cells sharing one explanation. ``kind``: "cause", "downstream" or "unknown"."""
    kind: str
    cause: catalogue.Cause | None
    cells: set                                     # formula cells covered
    inputs: set = field(default_factory=set)       # constant cells the application changed
    parent: "Group | None" = None                  # for downstream groups: the root group


@dataclass
class SheetStats:
    compared: int = 0
    agree: int = 0
    differ: int = 0
    volatile: int = 0
    engine_differ: int = 0


@dataclass
class Verification:
    path: str
    app: object                     # apps.AppResult
    cached: dict                    # formula cell -> Excel's cached value
    ours: dict                      # formula cell -> sheetsolver's value
    sheets: dict                    # sheet -> SheetStats (workbook order)
    groups: list
    volatile: set
    engine_differ: list

    @property
    def differ(self) -> int:
        return sum(s.differ for s in self.sheets.values())

    @property
    def ok(self) -> bool:
        """True when application and engine agree with Excel everywhere (volatile excepted)."""
        return self.differ == 0 and not self.engine_differ

    def values(self, key) -> tuple:
        """(Excel cached, sheetsolver, application) for one cell."""
        return self.cached.get(key), self.ours.get(key), self.app.values.get(key)


class Context:
    """What catalogue matchers may look at: the workbook, its engine, the application."""

    def __init__(self, book: Book, app, pivots: dict):
        self.wb, self.engine, self.app, self.pivots = book.wb, book.engine, app, pivots

    def _cell(self, key):
        cells = self.wb.sheet(key[0]).cells
        cell = cells.get((key[1], key[2]))
        if cell is not None and cell.array_master is not None:
            cell = cells.get(cell.array_master)
        return cell

    def formula(self, key) -> str | None:
        cell = self._cell(key)
        return cell.formula if cell is not None else None

    def is_array(self, key) -> bool:
        cell = self._cell(key)
        return cell is not None and cell.array is not None

    def unit(self, key) -> int:
        return self.engine.unit_at(*key)

    def unit_tree(self, key):
        return self.engine.formula_at(*key)

    def has_blank(self, ref) -> bool:
        """True when a cell of ``ref`` is blank or text (cells past the held range are blank)."""
        held = self.engine.used_range(ref.sheet)
        seen = Area(ref.sheet, ref.r1, ref.c1, min(ref.r2, held.r2 + 1), min(ref.c2, held.c2 + 1))
        return catalogue.blank_or_text(self.engine.cells(seen))


def _users(engine) -> dict:
    """uid -> uids of the units that read it (static plus OFFSET-discovered deps)."""
    users = defaultdict(set)
    for uid, deps in engine.unit_dependencies().items():
        for d in deps:
            users[d].add(uid)
    return users


def _closure(start, users) -> set:
    seen, todo = set(start), list(start)
    while todo:
        for k in users.get(todo.pop(), ()):
            if k not in seen:
                seen.add(k)
                todo.append(k)
    return seen


def _unit_cells(engine, uids) -> set:
    return {key for uid in uids for key in engine.unit_cells(uid)}


def replay(path, pins: dict) -> Engine:
    """A fresh engine on ``path`` with ``pins`` ({cell: value}) turned into constants
    (whole array formulas when one of their cells is pinned), recomputed."""
    wb = load_workbook(path)
    for (s, r, c), v in pins.items():
        sh = wb.sheet(s)
        cell = sh.cells.get((r, c))
        if cell is None:
            from ..package.model import Cell
            cell = sh.cells[(r, c)] = Cell(r, c, None)
        cell.tree = cell.formula_text = cell.array = cell.array_master = None
        cell.shared = cell.dynamic = cell.volatile = False
        cell.value = v
    engine = Engine(wb)
    engine.recalc()
    return engine


def _pin_set(ctx: Context, cells, app_values) -> dict:
    """The app's values for ``cells``, widened to whole array formulas."""
    pins = {}
    for key in cells:
        u = ctx.unit(key)
        keys = _unit_cells(ctx.engine, [u]) if u >= 0 else {key}
        for k in keys:
            pins[k] = app_values.get(k)
    return pins


def verify(path, app_name: str = "libreoffice", *, timeout: float = 180, app=None) -> Verification:
    """Compare Excel's cached values, sheetsolver's engine and ``app_name`` on ``path``.

    ``app`` (an :class:`~sheetsolver.apps.AppResult`) skips running the application."""
    from ..apps import run_app
    from ..apps import check_available
    from ..apps.values import pivot_areas
    if app is None:
        check_available(app_name)
    book = Book.open(path)
    wb, engine = book.wb, book.engine
    formula = list(dict.fromkeys(engine.formula_cells()))
    cached = {}
    for s, r, c in formula:
        cell = wb.sheet(s).cells.get((r, c))
        cached[(s, r, c)] = cell.value if cell is not None else None
    constants = [(sh.name, r, c) for sh in wb.sheets for (r, c), cell in sh.cells.items()
                 if not cell.is_formula]
    if app is None:
        app = run_app(app_name, path, formula + constants, timeout=timeout)
    book.recalc()
    ours = {k: engine.cell(*k) for k in formula}
    ctx = Context(book, app, pivot_areas(path))

    users = _users(engine)
    vol_units = _closure(engine.volatile_units(), users)
    volatile = _unit_cells(engine, vol_units)

    differ = {k for k in formula if k not in volatile and not same_value(cached[k], app.values.get(k))}
    changed_inputs = {k for k in constants
                      if not same_value(wb.sheet(k[0]).cells[(k[1], k[2])].value,
                                        app.values.get(k))}
    groups = _explain(path, ctx, differ, changed_inputs, users)

    sheets = {sh.name: SheetStats() for sh in wb.sheets}
    engine_differ = []
    for k in formula:
        st = sheets[k[0]]
        st.compared += 1
        ok_engine = same_value(cached[k], ours[k])
        if not ok_engine:
            st.engine_differ += 1
            engine_differ.append(k)
        if k in volatile:
            st.volatile += 1
        elif k in differ:
            st.differ += 1
        elif ok_engine:
            st.agree += 1
    sheets = {n: s for n, s in sheets.items() if s.compared}
    return Verification(str(path), app, cached, ours, sheets, groups, volatile, engine_differ)


def _shown(v):
    """What a formula cell displays: a formula whose result is a blank cell shows 0.

    (The engine keeps such results blank; Excel and LibreOffice show 0.)"""
    return 0.0 if v is None else v


def _explain(path, ctx: Context, differ: set, inputs: set, users: dict) -> list:
    remaining = set(differ)
    remaining_inputs = set(inputs)
    groups: list = []
    for stage in (1, 2):
        new = []
        for cause in (c for c in catalogue.CAUSES if c.stage == stage):
            cells = {k for k in remaining if cause.match(ctx, k)}
            ins = {k for k in remaining_inputs if cause.match(ctx, k)}
            if cells or ins:
                new.append(Group("cause", cause, cells, ins))
                remaining -= cells
                remaining_inputs -= ins
        for g in new:
            groups.append(g)
            if not remaining:
                continue
            eng = replay(path, _pin_set(ctx, g.cells | g.inputs, ctx.app.values))
            down = {k for k in remaining
                    if same_value(_shown(eng.cell(*k)), ctx.app.values.get(k))}
            if down:
                groups.append(Group("downstream", None, down, parent=g))
                remaining -= down
    # what is left: through the dependency graph, else unexplained
    if remaining:
        for g in list(groups):
            if not remaining:
                break
            uids = {ctx.unit(k) for k in g.cells} - {-1}
            reach = _unit_cells(ctx.engine, _closure(uids, users)) & remaining
            if reach:
                groups.append(Group("downstream", None, reach, parent=g))
                remaining -= reach
    if remaining or remaining_inputs:
        groups.append(Group("unknown", None, remaining, remaining_inputs))
    return groups
