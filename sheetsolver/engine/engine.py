"""The recalculation engine: load a workbook's values, compile its formulas into
array groups, recalculate, read and set cells, and differentiate.

    eng = Engine(load_workbook("book.xlsx"))
    eng.recalc()
    eng.value("dotprod", "V41")
    eng.gradient(("dotprod", 41, 22), variable_cells)

The pipeline inside: :mod:`compiler` (units, dependencies, groups) -> :mod:`binder`
(trees to nodes) -> :mod:`group` (evaluate / backward a group) with :mod:`scalar`
(straight-line code for single-cell chains), :mod:`spill` (dynamic arrays) and
:mod:`lambdas` (MAP, REDUCE, ...).

No workbook is refused for one cell: a formula we cannot compute (unknown or network
function, unparseable, a circular reference with iterative calculation off) keeps
Excel's cached value and is listed in :attr:`Engine.uncomputable`;
:meth:`Engine.depends_on_uncomputable` tells whether given cells rely on one. With
iterative calculation on, circular references are iterated after the plan; what-if
data tables (:mod:`datatable`) are filled at the end of :meth:`Engine.recalc`.
"""
from __future__ import annotations

import gc
from operator import attrgetter

import numpy as np

from .. import date_system
from ..gc_pause import paused_gc
from ..errors import SheetsolverError
from ..formula.refs import Area, cell_name, parse_area
from ..values import same_value
from . import compiler, datatable, scalar
from .batch import BLANK
from .grid import Grid, RefV
from .group import Group, Recurrence
from .tape import plan_groups
from .spill import SpillGroup
from .nodes import NotDifferentiable
from .walk import cache_constant_subtrees, mark, reads, ref_nodes, smooth
from .dirty import Dirty, reads_at_run_time

MAX_REPLANS = 10
_SELF_LOOP = attrgetter("self_loop")
_UID = attrgetter("uid")


class Engine:
    """Workbook values in arrays plus a compiled recalculation plan."""

    def __init__(self, workbook, refresh_volatile: bool = False, seed: int | None = None):
        with paused_gc():   # many small objects, no cycles
            self._build(workbook, refresh_volatile, seed)

    def _build(self, workbook, refresh_volatile: bool, seed: int | None) -> None:
        self.wb = workbook
        date_system.use(workbook)   # 1900 or 1904 serials for the date functions
        self.refresh_volatile = refresh_volatile
        self._seed, self._rng = seed, None     # RAND's generator: see rng
        self.grids: dict[str, Grid] = {sh.name: Grid.of_sheet(sh) for sh in workbook.sheets}
        self.units, self._bad = compiler.collect_units(workbook)
        self.ugrid = compiler.unit_grid(self.units, self.grids)
        compiler.static_deps(self.units, self.ugrid, self.grids)
        self._dynamic: dict[int, set] = {}
        self._replan = False
        self.const_gen = 0   # bumped when a constant other than a gradient variable changes
        self._grads = None
        self.iterative = []  # groups of circular references, computed by iteration
        self._iterating = False
        if any(map(_SELF_LOOP, self.units)):
            self._take_out_cycles()
        try:
            self._plan()
        except compiler.CircularReference:
            self._take_out_cycles()
            self._plan()
        self._index_uncomputable()
        self.data_tables = datatable.find(self)
        self.evaluations = 0

    @property
    def rng(self):
        """RAND's random generator, made on first use (numpy.random takes 20 ms to import,
        which a workbook without RAND should not pay at start-up)."""
        if self._rng is None:
            self._rng = np.random.default_rng(self._seed)
        return self._rng

    def _take_out_cycles(self) -> None:
        """Circular references leave the plan: with iterative calculation on they are
        iterated after it (Excel's Gauss-Seidel sweeps); off, they keep their cached
        values and are reported as uncomputable. The rest of the workbook is computed."""
        comps = compiler.cycles(self.units)
        removed = {i for comp in comps for i in comp}
        for comp in comps:
            us = [self.units[i] for i in comp]
            if self.wb.iterate:
                self.iterative.append(us)
                continue
            names = ", ".join(u.where for u in us[:6]) + (" ..." if len(us) > 6 else "")
            for u in us:
                self._restore_cached(u)
                self._bad.append(compiler.Uncomputable(
                    u.sheet, u.row, u.col, f"circular reference ({names}) and iterative "
                    "calculation is off", u.array, u.refs))
        self.units = [u for u in self.units if u.uid not in removed]
        for k, u in enumerate(self.units):
            u.uid = k
        self.ugrid = compiler.unit_grid(self.units, self.grids)
        compiler.static_deps(self.units, self.ugrid, self.grids)
        order = {sh.name: i for i, sh in enumerate(self.wb.sheets)}
        k = -1
        for us in self.iterative:
            us.sort(key=lambda u: (order[u.sheet], u.row, u.col))
            for u in us:
                u.uid, k = k, k - 1
        self.iterative.sort(key=lambda us: (order[us[0].sheet], us[0].row, us[0].col))
        self._iter_groups = [[Group(self, [u]) for u in us] for us in self.iterative]

    def _restore_cached(self, u) -> None:
        """Put Excel's cached values back into a unit's cells (the model keeps them)."""
        sh = self.wb.sheet(u.sheet)
        g = self.grids[u.sheet]
        for r, c in (u.array.cells() if u.array is not None else [(u.row, u.col)]):
            cell = sh.cells.get((r, c))
            g.set(r, c, None if cell is None else cell.value)

    def _take_out_dynamic_cycles(self) -> None:
        """A circular reference found at run time (through OFFSET/INDEX targets): its
        cells leave the plan like static ones (see :meth:`_take_out_cycles`)."""
        for u in self.units:
            u.deps = u.deps | self._dynamic.get(u.uid, set())
        self._dynamic = {}
        self._take_out_cycles()
        self._index_uncomputable()
        self._plan()

    # -- cells we cannot compute -----------------------------------------------------
    def _index_uncomputable(self) -> None:
        self._bad_at = {}
        for b in self._bad:
            cells = b.array.cells() if b.array is not None else [(b.row, b.col)]
            for r, c in cells:
                self._bad_at[(b.sheet, r, c)] = b
        self._bad_mask = {}
        for (sheet, r, c) in self._bad_at:
            g = self.grids[sheet]
            m = self._bad_mask.get(sheet)
            if m is None:
                m = self._bad_mask[sheet] = np.zeros(g.num.shape, bool)
            if r <= g.maxr and c <= g.maxc:
                m[r, c] = True

    @property
    def uncomputable(self) -> dict:
        """Formula cells Excel computed with something we cannot compute ("Sheet!A1" ->
        one-line reason). They keep Excel's cached values; their dependents use them."""
        return {b.where: b.reason for b in self._bad}

    def depends_on_uncomputable(self, cells) -> list:
        """(where, reason) of the uncomputable cells that the cells ((sheet, row, col))
        depend on, transitively (the cells themselves included); [] if none."""
        found, seen_bad = [], set()
        todo_units, todo_refs = set(), []
        for sheet, r, c in cells:
            b = self._bad_at.get((sheet, r, c))
            if b is not None:
                todo_refs.append(("bad", b))
            g = self.grids[sheet]
            if r <= g.maxr and c <= g.maxc and self.ugrid[sheet][r, c] >= 0:
                todo_units.add(int(self.ugrid[sheet][r, c]))
        for us in self.iterative:     # iterated cells: what they read counts too
            for u in us:
                if (u.sheet, u.row, u.col) in set(cells):
                    todo_refs.extend(("ref", n) for n in u.refs)
        units = self._ancestors_of_units(todo_units)
        for uid in units:
            todo_refs.extend(("ref", n) for n in self.units[uid].refs)
        while todo_refs:
            kind, x = todo_refs.pop()
            if kind == "bad":
                if id(x) in seen_bad:
                    continue
                seen_bad.add(id(x))
                found.append((x.where, x.reason))
                more = set()
                for n in x.refs:
                    todo_refs.append(("ref", n))
                    more |= self._units_in(n)
                for uid in self._ancestors_of_units(more) - units:
                    units.add(uid)
                    todo_refs.extend(("ref", n) for n in self.units[uid].refs)
                continue
            n = x
            m = self._bad_mask.get(n.sheet)
            if n.bad or m is None:
                continue
            g = self.grids[n.sheet]
            block = m[n.r1:min(n.r2, g.maxr) + 1, n.c1:min(n.c2, g.maxc) + 1]
            for r, c in zip(*np.nonzero(block)):
                todo_refs.append(("bad", self._bad_at[(n.sheet, n.r1 + int(r), n.c1 + int(c))]))
        return found

    def require_computable(self, cells, what: str) -> None:
        """Refuse (SheetsolverError naming the cell) when ``what`` - the cells a command
        must change or read, as (sheet, row, col) - depends on a cell we cannot compute."""
        found = self.depends_on_uncomputable(cells)
        if found:
            where, why = found[0]
            sheet, _, cell = where.partition("!")
            more = f" (and {len(found) - 1} more such cells)" if len(found) > 1 else ""
            raise SheetsolverError(f"{what} depends on {where}, which cannot be computed: "
                                   f"{why}{more}", file=self.wb.path, sheet=sheet, cell=cell)

    def _units_in(self, n) -> set:
        if n.bad:
            return set()
        g = self.grids[n.sheet]
        block = self.ugrid[n.sheet][n.r1:min(n.r2, g.maxr + 1) + 1,
                                    n.c1:min(n.c2, g.maxc + 1) + 1]
        return {int(i) for i in np.unique(block) if i >= 0}

    def _ancestors_of_units(self, start) -> set:
        todo, seen = list(start), set()
        units, dynamic = self.units, self._dynamic
        while todo:
            u = todo.pop()
            if u in seen:
                continue
            seen.add(u)
            todo.extend(units[u].deps)
            more = dynamic.get(u)
            if more:
                todo.extend(more)
        return seen

    # -- planning --------------------------------------------------------------------
    def _plan(self):
        with paused_gc():   # many small objects, no cycles
            self._plan_groups()

    def _plan_groups(self):
        edges = compiler.levels(self.units, self._dynamic)
        ordered = compiler.group_units(self.units, self._dynamic, edges)
        # the plan: groups, and recurrences as one step each (group.Recurrence)
        self.plan = plan = []
        for pos, us in enumerate(ordered):
            if type(us) is compiler.Chain:
                plan.append(Recurrence(self, us, pos))
                continue
            grp = (SpillGroup if us[0].dynamic else Group)(self, us)
            grp.level = pos
            plan.append(grp)
        self._groups = None            # the plan's groups, recurrences split (on first use)
        self._level_grid = None
        self._grad_key = None          # caches that hold groups of the previous plan
        self._from_key = None
        self._dependents = {}
        self._steps = None             # planned on first use (see steps)
        self._current = None
        self.dirty = Dirty()           # a new plan: the next run is a full one

    @property
    def groups(self) -> list:
        """The plan's groups in evaluation order, a recurrence split into one group per
        shape and level: built on first use (gradients, :meth:`dependents`), as a plain
        recalculation runs a recurrence on a tape and needs no object per row."""
        if self._groups is None:
            with paused_gc():
                self._groups = plan_groups(self.plan)
        return self._groups

    @property
    def level_grid(self) -> dict:
        """Per sheet, the position in the plan of the step computing each cell (-1: none),
        for OFFSET's check (:meth:`touched`); made on first use."""
        if self._level_grid is None:
            plan = self.plan
            self._level_grid = compiler.unit_grid(
                self.units, self.grids, [pos for pos, st in enumerate(plan) for _ in st.units],
                [u for st in plan for u in st.units])
        return self._level_grid

    @property
    def steps(self) -> list:
        """The run's steps: tapes for runs of small groups, the other groups as they are.
        Planned on first use, so opening a workbook to inspect it, differentiate or read
        it does not compile tapes it never runs."""
        if self._steps is None:
            with paused_gc():
                self._steps = scalar.plan_segments(self, self.plan)
        return self._steps

    def touched(self, ctx, ref: RefV):
        """Called by OFFSET: check the cells it reads were computed before this group."""
        grp = self._current
        if grp is None:
            return
        seen = grp.offsets_checked
        key = (ref.grid.name, ref.h, ref.w)
        r, c = np.asarray(ref.r), np.asarray(ref.c)
        last = seen.get(key)
        if last is not None and np.array_equal(last[0], r) and np.array_equal(last[1], c):
            return  # same cells as last time: already known to be computed earlier
        seen[key] = (r.copy(), c.copy())
        ri, ci = ref.index()
        lv = self.level_grid[ref.grid.name][ri, ci]
        if lv.size and lv.max() >= grp.level:
            ids = self.ugrid[ref.grid.name][ri, ci]
            for k, u in enumerate(grp.units):
                sel = ids[min(k, ids.shape[0] - 1)]
                new = {int(i) for i in np.unique(sel) if i >= 0 and i != u.uid}
                self._dynamic.setdefault(u.uid, set()).update(new)
            self._replan = True

    def spill_moved(self, grown: bool) -> None:
        """Dynamic arrays changed size: their cells are re-assigned and the run is
        re-planned (groups hold formulas of one size; cells a spill grew onto gain
        their readers' dependencies). A range past the sheet's arrays grows them."""
        for u in self.units:
            if u.dynamic:
                g = self.grids[u.sheet]
                if u.array.r2 > g.maxr or u.array.c2 > g.maxc:
                    self.reserve(u.array)
        self.ugrid = compiler.unit_grid(self.units, self.grids)
        self._dependents = {}
        self._from_key = None
        self._grad_key = None
        if grown:
            compiler.static_deps(self.units, self.ugrid, self.grids)
        self._replan = True

    def spills(self) -> list:
        """(anchor where, current spill range) of every dynamic-array formula."""
        return [(u.where, u.array) for u in self.units if u.dynamic]

    # -- evaluation ------------------------------------------------------------------
    def recalc(self, full: bool = False) -> int:
        """Bring every formula up to date: by default only what the changes since the last
        run reach (smart recalculation, dirty.py); ``full`` recomputes everything (Excel's
        Ctrl+Alt+F9). Returns the number of steps in the plan (a recurrence is one)."""
        # the first run builds the cells' moved references and tapes (millions of objects
        # on a big workbook): with the collector on, one full collection over the whole
        # open workbook (gc_pause.py) lands here, 2.7 s of 8.9 at 450,000 cells
        with paused_gc():
            return self._recalc(full)

    def _recalc(self, full: bool) -> int:
        if full:
            self.dirty.reset()
        date_system.use(self.wb)
        self.const_gen += 1
        for _ in range(MAX_REPLANS):
            self._replan = False
            self._run()
            if not self._replan:
                self.dirty.done()
                self._iterate()
                if self.data_tables:
                    datatable.compute(self, self.data_tables)
                return len(self.plan)
            try:
                self._plan()
            except compiler.CircularReference:
                self._take_out_dynamic_cycles()
        raise SheetsolverError("OFFSET references keep changing the evaluation order; "
                               "cannot find a stable plan", file=self.wb.path)

    def _run(self, grads=None):
        """One pass over the plan. Recording gradients uses the array path throughout;
        otherwise runs of single-cell groups use their compiled scalar code."""
        with np.errstate(all="ignore"):
            self._run_steps(grads)
        self._current = None
        self.evaluations += 1

    def _run_steps(self, grads):
        refresh = self.refresh_volatile
        steps = self.groups if grads is not None else self.dirty.steps(self, self.steps)
        for step in steps:
            if isinstance(step, scalar.Segment):
                if step.run():
                    continue
                todo = step.groups  # not plain numbers: the exact array path decides
            else:
                todo = (step,)
            for grp in todo:
                if grp.volatile and not refresh:
                    continue
                self._current = grp
                grp.ctx.grads = grads
                grp.evaluate()

    def _iterate(self) -> None:
        """Circular references with iterative calculation on: Gauss-Seidel sweeps over
        each cycle's cells in sheet order, at most ``iterateCount`` sweeps, stopping when
        no cell changed by ``iterateDelta`` or more; then their dependents are updated."""
        if not self.iterative or self._iterating:
            return
        self._iterating = True
        try:
            self._sweep(max(1, self.wb.iterate_count), self.wb.iterate_delta)
        finally:
            self._iterating = False

    def _sweep(self, count: int, delta: float) -> None:
        """Iterate each cycle (in sheet order), then recompute what reads it."""
        for groups in self._iter_groups:
            with np.errstate(all="ignore"):
                for _ in range(count):
                    change = 0.0
                    for grp in groups:
                        before = grp.grid.num.take(grp.wflat), grp.grid.kind.take(grp.wflat)
                        grp.ctx.grads = None
                        grp.evaluate()
                        after = grp.grid.num.take(grp.wflat), grp.grid.kind.take(grp.wflat)
                        if (before[1] != after[1]).any():
                            change = np.inf
                        else:
                            d = np.abs(after[0] - before[0])
                            change = max(change, float(np.nanmax(d)) if d.size else 0.0)
                    if change < delta:
                        break
            self.recalc_from([Area(u.sheet, u.row, u.col, u.row, u.col) for u in
                              (g.units[0] for g in groups)])

    # -- cells -----------------------------------------------------------------------
    def area(self, ref, sheet=None) -> Area:
        """An Area from A1 text ('Sheet!A1:B2', or 'A1' with ``sheet``), sheet checked."""
        return self._area(ref, sheet)

    def dependents(self, areas: list[Area]) -> list:
        """The groups (in evaluation order) whose value can change when cells of
        ``areas`` change. References computed at run time (OFFSET, INDEX) count as
        reading anything."""
        return self._dependents_and_mask(areas)[0]

    def _dependents_and_mask(self, areas: list[Area]) -> tuple:
        """(the dependent groups, per sheet the boolean grid of the cells they and
        ``areas`` cover), cached per ``areas`` until the plan changes."""
        key = tuple(areas)
        cache = self._dependents
        if key in cache:
            return cache[key]
        dep = {name: np.zeros(g.num.shape, bool) for name, g in self.grids.items()}
        for a in areas:
            dep[a.sheet][a.r1:a.r2 + 1, a.c1:a.c2 + 1] = True
        out = []
        for grp in self.plan:
            if grp.recurrence:      # its groups, found without binding them
                grp.reached(dep, out)
                continue
            if grp.volatile and not self.refresh_volatile:
                continue
            if reads(grp.root, dep):
                out.append(grp)
                dep[grp.sheet][grp.wr, grp.wc] = True
        cache[key] = (out, dep)
        return out, dep

    def moving_cells(self, areas: list[Area]) -> dict:
        """Per sheet, a boolean grid of the cells that can change when cells of ``areas``
        change: those cells and every formula depending on them (Solver's test of
        whether a constraint's side is a constant)."""
        return {name: m.copy() for name, m in self._dependents_and_mask(areas)[1].items()}

    def recalc_from(self, areas: list[Area], targets: list | None = None) -> None:
        """Recompute only the formulas that depend on ``areas`` (what an optimiser needs
        after writing its variables); everything else keeps its value. With ``targets``
        ((sheet, row, col) cells), only what those cells need is recomputed."""
        date_system.use(self.wb)
        key = (tuple(areas), tuple(targets or ()))
        if self._from_key != key:
            groups = self.dependents(areas)
            if targets:
                needed = self._ancestors(targets)
                groups = [g for g in groups if not needed.isdisjoint(map(_UID, g.units))]
            self._from_groups = groups
            self._from_key = key
        self._replan = False
        with np.errstate(all="ignore"):
            for grp in self._from_groups:
                self._current = grp
                grp.ctx.grads = None
                grp.evaluate()
        self._current = None
        self.evaluations += 1
        if self._replan:   # an OFFSET reached cells computed later: re-plan, recompute all
            self.recalc()
        elif self.iterative and not self._iterating:
            self._iterate()     # circular references (iteration on) follow their inputs

    def _area(self, ref, sheet=None) -> Area:
        if isinstance(ref, Area):
            return ref
        a = parse_area(ref, sheet)
        if a.sheet is None or a.sheet not in self.grids:
            if a.sheet is not None and self.wb.has_sheet(a.sheet):
                a = Area(self.wb.sheet(a.sheet).name, a.r1, a.c1, a.r2, a.c2)
            else:
                raise SheetsolverError(f"no sheet named {a.sheet!r}", file=self.wb.path)
        return a

    def value(self, sheet: str, ref: str):
        a = self._area(ref, sheet)
        return self.grids[a.sheet].get(a.r1, a.c1)

    def values(self, area) -> np.ndarray:
        """Numbers of an area (blank and non-numbers as NaN)."""
        a = self._area(area)
        g = self.grids[a.sheet]
        rr = np.minimum(np.arange(a.r1, a.r2 + 1), g.maxr + 1)
        cc = np.minimum(np.arange(a.c1, a.c2 + 1), g.maxc + 1)
        num = g.num[np.ix_(rr, cc)]
        kind = g.kind[np.ix_(rr, cc)]
        return np.where(kind == 1, num, np.nan)

    def set_value(self, sheet: str, ref: str, x) -> None:
        """Write one constant cell (None for blank). Cells past the used range are fine:
        the sheet's arrays grow and the plan is rebuilt."""
        a = self._area(ref, sheet)
        self.reserve(a)
        self._refuse_formula_cells(a)
        self._constant_written(a)
        self.grids[a.sheet].set(a.r1, a.c1, x)

    def reserve(self, a: Area) -> None:
        """Make room for ``a`` in its sheet's arrays. Compiled indices depend on the
        array shape, so the plan is rebuilt; rows are added 64 at a time so that a log
        growing down a column (graddesc's error log) re-plans rarely."""
        g = self.grids[a.sheet]
        if a.r2 <= g.maxr and a.c2 <= g.maxc:
            return
        if a.r2 > 100_000 or a.c2 > 2_000:
            raise SheetsolverError(f"writing {a.a1()} would grow the sheet past what the "
                                   "engine holds in memory", file=self.wb.path, sheet=a.sheet)
        new = Grid(g.name, max(g.maxr, a.r2 + 64 if a.r2 > g.maxr else 0),
                   max(g.maxc, a.c2))
        h, w = g.num.shape
        new.num[:h - 1, :w - 1] = g.num[:h - 1, :w - 1]   # not the old blank sentinel
        new.kind[:h - 1, :w - 1] = g.kind[:h - 1, :w - 1]
        new.obj[:h - 1, :w - 1] = g.obj[:h - 1, :w - 1]
        self.grids[a.sheet] = new
        self.ugrid = compiler.unit_grid(self.units, self.grids)
        self._plan()

    def set_numbers(self, area, x) -> None:
        """Write numbers into a (constant) area: a scalar, or as many values as cells."""
        a = self._area(area)
        self.reserve(a)
        g = self.grids[a.sheet]
        self._refuse_formula_cells(a)
        self._constant_written(a)
        x = np.asarray(x, float)
        x = np.broadcast_to(x, (a.height, a.width)) if x.size == 1 else x.reshape(a.height, a.width)
        g.num[a.r1:a.r2 + 1, a.c1:a.c2 + 1] = x
        g.kind[a.r1:a.r2 + 1, a.c1:a.c2 + 1] = 1

    def _constant_written(self, a: Area) -> None:
        """A constant area was written: the next recalculation must reach what reads it
        (dirty.py), and cached constant subtrees are invalid unless ``a`` lies in a
        gradient variable area."""
        self.dirty.note(a)
        for v in getattr(self, "_variables", None) or ():
            if v.sheet == a.sheet and v.r1 <= a.r1 and a.r2 <= v.r2 and v.c1 <= a.c1 and \
                    a.c2 <= v.c2:
                return
        self.const_gen += 1

    def _refuse_formula_cells(self, a: Area) -> None:
        for key in self._other_formula_cells():
            if key[0] == a.sheet and a.contains(key[1], key[2]):
                raise SheetsolverError("cell holds a formula; only constant cells can be set "
                                       f"(writing into {a.a1()})", file=self.wb.path,
                                       sheet=a.sheet, cell=cell_name(key[1], key[2]))
        ids = self.ugrid[a.sheet][a.r1:min(a.r2, self.grids[a.sheet].maxr + 1) + 1,
                                  a.c1:min(a.c2, self.grids[a.sheet].maxc + 1) + 1]
        if (ids >= 0).any():
            u = self.units[int(ids[ids >= 0][0])]
            raise SheetsolverError("cell holds a formula; only constant cells can be set "
                                   f"(writing into {a.a1()})", file=self.wb.path, sheet=u.sheet,
                                   cell=u.where.partition("!")[2])

    def _other_formula_cells(self):
        """Formula cells outside the plan: uncomputable, iterated, data-table results."""
        yield from self._bad_at
        yield from self._iterated_and_table_cells()

    def _iterated_and_table_cells(self):
        """Cells of the iterated cycles and the data-table results (computed outside the
        plan)."""
        for us in self.iterative:
            for u in us:
                yield u.sheet, u.row, u.col
        for t in self.data_tables:
            for r, c in t.area.cells():
                yield t.sheet, r, c

    def formula_cells(self):
        """(sheet, row, col) of every formula cell we compute, array ranges included
        (not the uncomputable ones, which keep Excel's values)."""
        for u in self.units:
            if u.array is not None:
                for r, c in u.array.cells():
                    yield u.sheet, r, c
            else:
                yield u.sheet, u.row, u.col
        yield from self._iterated_and_table_cells()

    def sync_to_workbook(self) -> list:
        """Copy recomputed values into the workbook model; return the changed cells
        as (sheet, row, col) for the writer.

        A value within 1e-12 relative of the stored one is left as Excel wrote it, so a
        recalculation that changes nothing rewrites no sheet part."""
        changed = []
        self._sync_spills()
        for sh in self.wb.sheets:
            g = self.grids.get(sh.name)
            if g is None:
                continue
            for (r, c), cell in sh.cells.items():
                if not cell.is_formula:
                    continue
                new = g.get(r, c)
                if not same_value(cell.value, new, rel=1e-12, abs_=1e-300):
                    cell.value = new
                    changed.append((sh.name, r, c))
        return changed

    def _sync_spills(self) -> None:
        """Cells a dynamic array spills onto become formula cells of the model (so the
        writer stores their values); the anchor's range follows the spill."""
        from ..package.model import Cell
        for u in self.units:
            if not u.dynamic:
                continue
            sh = self.wb.sheet(u.sheet)
            anchor = sh.cells.get((u.row, u.col))
            if anchor is not None:
                anchor.array = u.array
            for r, c in u.array.cells():
                if (r, c) == (u.row, u.col):
                    continue
                cell = sh.cells.get((r, c))
                if cell is None:
                    cell = sh.cells[(r, c)] = Cell(r, c, None)
                if cell.tree is None:
                    cell.array_master = (u.row, u.col)

    def input_changes(self) -> list:
        """Constant cells whose value in the grids differs from the workbook model
        (cells that were empty in the file and now hold a value included)."""
        from ..package.model import Cell
        changed = []
        for sh in self.wb.sheets:
            g = self.grids[sh.name]
            for r, c in zip(*np.nonzero(g.kind != BLANK)):
                r, c = int(r), int(c)
                if (r, c) not in sh.cells and self.ugrid[sh.name][r, c] < 0:
                    sh.cells[(r, c)] = Cell(r, c, None)
            for (r, c), cell in sh.cells.items():
                if cell.is_formula:
                    continue
                new = g.get(r, c)
                if not _identical(cell.value, new):
                    cell.value = new
                    changed.append((sh.name, r, c))
        return changed

    # -- differentiation -------------------------------------------------------------
    def prepare_gradient(self, variables: list[Area]) -> None:
        """Mark the references that can reach the variable cells (so backward skips the rest)."""
        dep = {name: np.zeros(g.num.shape, bool) for name, g in self.grids.items()}
        for a in variables:
            dep[a.sheet][a.r1:a.r2 + 1, a.c1:a.c2 + 1] = True
        reach, moving = self._dependents_and_mask(variables)
        reachable = {id(g) for g in reach}
        for grp in self.groups:
            if id(grp) not in reachable:   # cannot depend on the variables at all
                grp.needs_grad = False
                continue
            grp_needs = mark(grp.root, dep)
            grp.needs_grad = grp_needs
            if grp_needs:
                dep[grp.sheet][grp.wr, grp.wc] = True
            cache_constant_subtrees(grp.root, moving)
        # groups whose value moves with the variables, with or without a gradient
        # (COUNTIF(variables) has none, yet the objective reading it must see it change)
        self._moving_groups = reachable
        self._variables = variables
        self.const_gen += 1

    def _ancestors(self, cells) -> set:
        """Ids of the formula units that the cells ((sheet, row, col)) depend on (kept
        for the plan: a solve asks for its objective's twice, gradient and recalc)."""
        key = tuple(cells)
        memo = getattr(self, "_ancestors_memo", None)
        if memo is not None and memo[0] is self.plan and memo[1] is self.ugrid and \
                memo[2] == key:
            return memo[3]
        todo = []
        for sheet, r, c in cells:
            g = self.grids[sheet]
            if r <= g.maxr and c <= g.maxc and self.ugrid[sheet][r, c] >= 0:
                todo.append(int(self.ugrid[sheet][r, c]))
        seen = self._ancestors_of_units(todo)
        if reads_at_run_time(self.units[u] for u in seen):
            # what OFFSET/INDIRECT read is known only at run time: it may be any cell
            seen = set(range(len(self.units)))
        self._ancestors_memo = (self.plan, self.ugrid, key, seen)
        return seen

    def _path(self, objective: tuple) -> list:
        """Groups between the variables and the objective: the only ones a gradient
        evaluation has to run (everything else does not change with the variables).
        One sweep back over the groups that move with the variables, from the objective
        cell, marking the cells each group kept reads (vectorised: no walk over the
        units); a group reading cells known only at run time keeps every group before
        it. Many small groups (a recurrence), spilling groups (their cells are not their
        units') and an objective past the grid take the walk over the units."""
        moving = [g for g in self.groups if id(g) in self._moving_groups
                  and not (g.volatile and not self.refresh_volatile)]
        sheet, r, c = objective
        g = self.grids[sheet]
        if sum(len(grp.units) for grp in moving) < 32 * len(moving) or \
                any(isinstance(grp, SpillGroup) for grp in moving) or r > g.maxr or c > g.maxc:
            seen = self._ancestors([objective])
            return [grp for grp in moving if not seen.isdisjoint(map(_UID, grp.units))]
        need = {name: np.zeros(grid.num.shape, bool) for name, grid in self.grids.items()}
        need[sheet][r, c] = True
        anything, path = False, []
        for grp in reversed(moving):
            if anything or need[grp.sheet][grp.wr, grp.wc].any():
                path.append(grp)
                anything = anything or reads(grp.root, need, record=True)
        return path[::-1]

    def gradient(self, objective: tuple, variables: list[Area]) -> np.ndarray:
        """d objective / d variables (flattened in the order of the areas, row-major),
        by one forward pass that records and one reverse pass over the groups.

        Only the groups between the variables and the objective are recomputed (the
        objective's value is current afterwards); call :meth:`recalc` to bring every
        other cell up to date."""
        if not gc.isenabled():      # (a solve pauses it already: no context per call)
            return self._gradient(objective, variables)
        with paused_gc():   # as recalc: the first call plans and binds the path
            return self._gradient(objective, variables)

    def evaluate_path(self, objective: tuple, variables: list[Area]) -> None:
        """Recompute what :meth:`gradient` recomputes (the groups between the variables
        and the objective) without the reverse pass: an optimiser's value-only
        evaluation, equal bit for bit to what its gradient evaluations see, at the cost
        of the forward pass alone (constant subtrees stay cached)."""
        with paused_gc():
            date_system.use(self.wb)
            self._prepare_path(objective, variables)
            with np.errstate(all="ignore"):
                replan = self._forward(self._grad_buffers)
            if replan:      # an OFFSET pointed somewhere new: recalc re-plans and updates
                self.recalc()
                self._grad_key = None

    def _gradient(self, objective: tuple, variables: list[Area]) -> np.ndarray:
        date_system.use(self.wb)
        self._prepare_path(objective, variables)
        with np.errstate(all="ignore"):
            grads = self._forward_backward(objective)
        if grads is None:   # an OFFSET pointed somewhere new: redo the plan, then again
            self.recalc()
            self._grad_key = None
            return self.gradient(objective, variables)
        return np.concatenate([grads[sheet][block].ravel() for sheet, block in self._grad_out])

    def path_is_smooth(self, objective: tuple, variables: list[Area]) -> bool:
        """Whether the objective is a smooth function of the variables along the groups
        between them (:func:`walk.smooth`: no kink, step or branch that moves with them)."""
        self._prepare_path(objective, variables)
        return all(smooth(grp.root) for grp in self._grad_path)

    def _prepare_path(self, objective: tuple, variables: list[Area]) -> None:
        """The gradient path and its buffers for this objective and these variables
        (kept until they or the plan change)."""
        key = (objective, tuple(variables))
        if getattr(self, "_grad_key", None) != key:
            self.prepare_gradient(variables)
            self._grad_path = self._path(objective)
            self._grad_key = key
            sheets = {g.sheet for g in self._grad_path} | {a.sheet for a in variables} | \
                {objective[0]}
            # every sheet the path reads needs a buffer too (references across sheets)
            for grp in self._grad_path:
                sheets |= {n.grid.name for n in ref_nodes(grp.root)}
            self._grad_buffers = {s: np.zeros(self.grids[s].num.shape) for s in sheets}
            self._grad_out = [(a.sheet, _slices(a)) for a in variables]

    def _forward(self, grads) -> bool:
        """The forward pass over the gradient path (recording); True if re-planning."""
        for grp in self._grad_path:
            self._current = grp
            grp.ctx.grads = grads
            grp.evaluate()
        self._current = None
        replan, self._replan = self._replan, False
        return replan

    def _forward_backward(self, objective):
        """Forward over the gradient path (recording), then reverse; None if re-planning."""
        grads = self._grad_buffers
        for buf in grads.values():
            buf.fill(0.0)
        if self._forward(grads):
            return None
        sheet, r, c = objective
        grads[sheet][r, c] = 1.0
        for grp in reversed(self._grad_path):
            if grp.needs_grad:
                grp.backward(grads)
        return grads

    # -- public cell access (issue 13) -----------------------------------------------
    # What the other packages (solver, stepping, verify, build, commands) use instead
    # of the grids, the unit table and private attributes.
    def cell(self, sheet: str, r: int, c: int):
        """Current value of one cell: float, bool, str, ExcelError, or None for blank."""
        return self.grids[sheet].get(r, c)

    def cells(self, area) -> list[list]:
        """Current values of an area (an Area or 'Sheet!A1:B2') as a 2-D list of rows."""
        a = self._area(area)
        get = self.grids[a.sheet].get
        return [[get(r, c) for c in range(a.c1, a.c2 + 1)] for r in range(a.r1, a.r2 + 1)]

    def set_cell(self, sheet: str, r: int, c: int, x) -> None:
        """Write one constant cell by row and column (None clears it), as :meth:`set_value`."""
        self.set_value(sheet, Area(sheet, r, c, r, c), x)

    def used_range(self, sheet: str) -> Area:
        """The rectangle the engine holds for ``sheet``; every cell past it is blank."""
        g = self.grids[sheet]
        return Area(sheet, 1, 1, g.maxr, g.maxc)

    def write_variables(self, areas: list[Area], x) -> None:
        """Write the flat vector ``x`` into ``areas`` (row-major, area after area), unchecked:
        an optimiser's hot path, whose caller checked the variable cells once."""
        x = np.asarray(x, float)
        key, plan = tuple(areas), getattr(self, "_write_plan", None)
        if plan is None or plan[0] != key:
            # (an optimiser writes the same areas every time: worked out once)
            i, parts = 0, []
            for a in areas:
                parts.append((a, _slices(a), i, i + a.size, (a.height, a.width)))
                i += a.size
            plan = self._write_plan = (key, parts)
        note, grids = self.dirty.note, self.grids
        for a, block, i, j, shape in plan[1]:
            g = grids[a.sheet]
            g.num[block] = x[i:j].reshape(shape)
            g.kind[block] = 1
            note(a)

    def unit_at(self, sheet: str, r: int, c: int) -> int:
        """Id of the formula unit that computes the cell, or -1 (constant, blank, not planned)."""
        ug = self.ugrid.get(sheet)
        if ug is None or not (0 <= r < ug.shape[0] and 0 <= c < ug.shape[1]):
            return -1
        return int(ug[r, c])

    def formula_at(self, sheet: str, r: int, c: int):
        """Parsed formula tree of the unit that computes the cell, or None."""
        u = self.unit_at(sheet, r, c)
        return self.units[u].tree if u >= 0 else None

    def unit_cells(self, uid: int) -> list[tuple]:
        """(sheet, row, col) of the cells one unit computes (all of an array formula's range)."""
        u = self.units[uid]
        if u.array is None:
            return [(u.sheet, u.row, u.col)]
        return [(u.sheet, r, c) for r, c in u.array.cells()]

    def unit_dependencies(self) -> dict[int, set]:
        """{unit id: ids of the units it reads}, static references plus those found at run time."""
        return {u.uid: set(u.deps) | set(self._dynamic.get(u.uid, ())) for u in self.units}

    def volatile_units(self) -> list[int]:
        """Ids of the units holding a volatile function (RAND, NOW, OFFSET, ...)."""
        return [u.uid for u in self.units if u.volatile]

    def units_in(self, area) -> set[int]:
        """Ids of the formula units that compute any cell of ``area`` (Area or A1 text)."""
        a = self._area(area)
        held = self.used_range(a.sheet)
        r2, c2 = min(a.r2, held.r2), min(a.c2, held.c2)
        if a.r1 > r2 or a.c1 > c2:
            return set()
        return {int(u) for u in np.unique(self.ugrid[a.sheet][a.r1:r2 + 1, a.c1:c2 + 1])
                if u >= 0}

    def unit_reads(self, uid: int) -> list[Area]:
        """The areas one unit's formula references (static references; #REF! ones left out)."""
        return [Area(n.sheet, n.r1, n.c1, n.r2, n.c2) for n in self.units[uid].refs
                if not n.bad and n.sheet in self.grids]


def _slices(a: Area) -> tuple:
    """The (rows, cols) slices of an area in a grid's arrays."""
    return slice(a.r1, a.r2 + 1), slice(a.c1, a.c2 + 1)


def _identical(a, b) -> bool:
    if type(a) is not type(b):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and \
                not isinstance(a, bool) and not isinstance(b, bool):
            return a == b
        return False
    return a == b if not isinstance(a, float) else (a == b or (a != a and b != b))


__all__ = ["Engine", "NotDifferentiable", "same_value"]
