"""Recurrences as generated Python loops: code per repeated block of rows, not per cell.

A chain of small groups (graddesc's row-by-row updates: every row reads the row
above, so each level holds a cell or two) costs NumPy a few microseconds per group.
A :class:`Tape` runs such a chain over plain floats instead. The cells of the chain
live in one Python list laid out like the sheets (``index = sheet offset + (row -
first row) * W + col``, one width W for every sheet), so a copied formula such as
``C9+D9*A9`` is one expression template (:func:`tape_code.template`) of the host
cell's index, whatever row it sits in.

The cells, in an evaluation order that goes row by row, are cut into *blocks*: the
period a recurrence repeats (one row, or one pass of rows of a graddesc tab). Each
distinct block becomes one generated function (:func:`tape_code.block_function`) in
which the values computed inside the block are local variables; repetitions of a
block at a constant stride become one call that loops. A run is::

    for f, b0, n, s in calls: f(v, out, b0, n, s)

so compiling costs in proportion to the distinct blocks and a run makes a Python
call per block, not per cell (blocks that differ only in an absolute reference moving
with them, a pass's own learning rate, share code: :func:`_code_keys`). A run's
outputs go to a NumPy buffer a few thousand at a time, so its cost per cell stays flat
however long the sheets grow. Code is compiled on the first run. Only plain-number
arithmetic is handled (+ - * / ^, unary minus/plus/percent, SQRT EXP LN ABS, trig, IF
on comparisons): when an input is not a number, or a result leaves the arithmetic
(division by zero, domain error, overflow), the run gives up and the exact vectorised
groups compute the chain, which gives Excel's error values.

Independent parts of a run of groups (one per graddesc tab) are separate tapes, so a
change that reaches one tab reruns only its tape (see :mod:`dirty`). A recurrence the
compiler planned as one step (:class:`~sheetsolver.engine.group.Recurrence`) joins a
run as a whole; its per-level groups are made only if the tape falls back to them.
"""
from __future__ import annotations

import heapq
from collections import Counter
from operator import attrgetter

import numpy as np

from ..formula import ast as A
from .tape_code import _FUNCS, block_function, template

MAX_CELLS = 4           # larger groups: one NumPy operation (the differential tests'
                        # array path relies on groups of 6 staying there)
MAX_SAME = 4096         # a group whose references are all absolute holds one value in every
                        # cell (=data!$B$30 on every pass): cheap on a tape, and off it its
                        # cells become tape inputs that cut every pass into row-sized blocks
                        # (twice the cost per cell from 80 passes when this was 64)
CHUNK = 4096            # outputs per piece of a run (see Tape._compile)
MAX_WIDE = 64           # a recurrence level with more cells: one NumPy operation per level
_BINARY = ("+", "-", "*", "/", "^")
_LEVEL = attrgetter("level")
_COMPARE = ("=", "<>", "<", ">", "<=", ">=")


def tree_ok(tree) -> bool:
    """Whether a (resolved) formula tree is plain arithmetic on single cells and numbers."""
    cls = tree.__class__
    if cls is A.Number:
        return True
    if cls is A.Ref:
        return not tree.bad and tree.r1 == tree.r2 and tree.c1 == tree.c2
    if cls is A.Unary:
        return tree.op in ("-", "+", "%") and tree_ok(tree.operand)
    if cls is A.Binary:
        return tree.op in _BINARY and tree_ok(tree.left) and tree_ok(tree.right)
    if cls is A.Func:
        if tree.name == "IF":
            return len(tree.args) == 3 and _cond_ok(tree.args[0]) and tree_ok(tree.args[1]) \
                and tree_ok(tree.args[2])
        if tree.name == "PI":
            return not tree.args
        return tree.name in _FUNCS and len(tree.args) == 1 and tree_ok(tree.args[0])
    return False


def _cond_ok(tree) -> bool:
    if tree.__class__ is A.Binary and tree.op in _COMPARE:
        return tree_ok(tree.left) and tree_ok(tree.right)
    return tree_ok(tree)


def units_ok(units) -> bool:
    """Whether a group's units can go on a tape (checked on the first: one shape)."""
    u0 = units[0]
    if u0.array is not None or u0.volatile or u0.solo:
        return False
    if len(units) > MAX_CELLS and (len(units) > MAX_SAME or
                                   not all(n.abs_r1 and n.abs_c1 for n in u0.refs)):
        return False        # a filled-down column: one NumPy operation is faster
    ok = getattr(u0, "tape_ok", None)
    if ok is None:
        ok = tree_ok(u0.tree)
        for u in units:
            u.tape_ok = ok
    return ok


def recurrence_ok(units) -> bool:
    """Whether a shape group of a recurrence can run on a tape: plain arithmetic, and at
    most MAX_WIDE cells on any dependency level (up to there a tape beats a NumPy
    operation per level; a recurrence filled across many columns stays one NumPy
    operation per level)."""
    return max(Counter(map(_LEVEL, units)).values()) <= MAX_WIDE and units_ok(units[:1])


def group_ok(group) -> bool:
    return group.recurrence or units_ok(group.units)


def plan_groups(steps) -> list:
    """The plan's groups of plan steps: a recurrence's per-level groups (built on first
    use), the other groups as they are."""
    return [g for p in steps for g in (p.groups if p.recurrence else (p,))]


def _enough_groups(part, least: int) -> bool:
    """Whether plan steps stand for at least ``least`` groups (a recurrence: one per
    shape and level), counted without building them: a tape-able group holds at most
    MAX_SAME cells (a recurrence's, at most MAX_WIDE <= MAX_SAME)."""
    if sum(len(g.units) for g in part) > MAX_SAME * (least - 1):
        return True
    return sum(len({(k, u.level) for k, us in enumerate(g.shapes) for u in us})
               if g.recurrence else 1 for g in part) >= least


class Tape:
    """A compiled run of small groups: ``run()`` returns False when it had to give up."""

    def __init__(self, engine, groups):
        self.engine = engine
        self.parts = groups         # plan steps: groups and recurrences
        self._groups = None
        units = [u for g in groups for u in g.units]
        # the layout: rows first..last of each sheet the run reads or writes
        touched = {}        # sheet -> rows
        cols = []
        cells = []          # per unit: (sheet, row, col, absolute) of each reference
        for u in units:
            rr = touched.get(u.sheet)
            if rr is None:
                rr = touched[u.sheet] = []
            rr.append(u.row)
            cols.append(u.col)
            mine = ref_cells(u)
            cells.append(mine)
            for s, r, c, _ in mine:
                rr = touched.get(s)
                if rr is None:
                    rr = touched[s] = []
                rr.append(r)
                cols.append(c)
        self.W = W = max(cols) + 1
        self.off, size = {}, 0
        base = {}           # index(s, r, c) = base[s] + r * W + c
        for s, rr in touched.items():
            lo, hi = min(rr), max(rr)
            self.off[s] = (size, lo)
            base[s] = size - lo * W
            size += (hi - lo + 1) * W
        self.size = size

        shapes = {}         # shape key -> expression template
        rows, row, where = [], [], None
        read = {}
        pos = {u.uid: k for k, u in enumerate(units)}
        same = {}           # id(form) -> its references' entries when the same for all
        for u in _row_order(units, engine):
            key = u.key
            mine = cells[pos[u.uid]]
            hit = shapes.get(key) if key is not None else None
            if hit is None or hit[1] != len(mine):
                hit = (template(u.tree), len(mine))
                if key is not None:
                    shapes[key] = hit
            tmpl = hit[0]
            h = base[u.sheet] + u.row * W + u.col
            f = u.form
            refs = same.get(id(f)) if f is not None else None
            if refs is None:
                refs = tuple(("a", base[s] + r * W + c) if a else
                             ("r", base[s] + r * W + c - h) for s, r, c, a in mine)
                if f is not None and _moves_whole(f):
                    same[id(f)] = refs
            if (u.sheet, u.row) != where and row:
                rows.append(row)
                row = []
            where = (u.sheet, u.row)
            row.append((h, tmpl, refs, (u.sheet, u.row, u.col)))
            for kind, x in refs:
                read[x + h if kind == "r" else x] = None
        if row:
            rows.append(row)
        self.n_shapes = len(shapes)
        self._plan_blocks(rows)
        out = np.fromiter([h for _, h, _ in self._out_cells], np.int64, len(self._out_cells))
        out_set = set(out.tolist())
        ins = np.array([i for i in read if i not in out_set], np.int64)
        self.inputs = {s: (r, c, ins[k]) for s, (k, r, c) in self._cells(ins).items()}
        done = np.sort(out)
        self.outputs = {s: (r, c, done[k]) for s, (k, r, c) in self._cells(done).items()}
        by = self._cells(out)      # per sheet: where in the run's output list
        self._out = {s: (r, c, None if len(by) == 1 else k) for s, (k, r, c) in by.items()}
        self._clip = {}
        self._v = None

    def _cells(self, idx) -> dict:
        """Per sheet, in order of first appearance in ``idx`` (indices into the values):
        (positions in ``idx``, rows, columns) of its cells there."""
        names = sorted(self.off, key=lambda s: self.off[s][0])
        starts = np.array([self.off[s][0] for s in names], np.int64)
        which = np.searchsorted(starts, idx, side="right") - 1
        present, first = np.unique(which, return_index=True)
        out = {}
        for k in present[np.argsort(first)].tolist():
            s = names[k]
            pos = np.flatnonzero(which == k)
            start, lo = self.off[s]
            r, c = np.divmod(idx[pos] - start, self.W)
            out[s] = (pos, r + lo, c)
        return out

    @property
    def groups(self) -> list:
        """The plan's groups this tape computes, in order (a recurrence's per-level groups
        are built on first use): the exact path it falls back to."""
        if self._groups is None:
            self._groups = plan_groups(self.parts)
        return self._groups

    def _plan_blocks(self, rows):
        """Blocks of rows (:func:`_blocks`), each with its code key; repeated blocks at
        a constant stride become one call with a loop."""
        done = {}           # index -> (block number, offset from its base)
        blocks, stored, calls, out_cells = [], {}, [], []
        done_get, add_out = done.get, out_cells.append
        for k, block in enumerate(_blocks(rows)):
            b = block[0][0][0]
            mine = set()
            cells, loose = [], []
            for row in block:
                for h, tmpl, refs, where in row:
                    spec = []
                    for kind, x in refs:
                        at = x + h if kind == "r" else x
                        inside = at in mine
                        if not inside:
                            hit = done_get(at)
                            if hit is not None:        # another block's value: store it
                                stored.setdefault(hit[0], set()).add(hit[1])
                        if kind == "r" or inside:   # (a cell of this block: a local)
                            spec.append(("r", at - b))
                        else:
                            loose.append((len(cells), len(spec)))
                            spec.append(("a", x))
                    d = h - b
                    cells.append((d, tmpl, tuple(spec)))
                    mine.add(h)
                    done[h] = (k, d)
                    add_out((k, h, where))
            blocks.append((b, cells, loose))
        for k, ((b, _, _), key) in enumerate(zip(blocks, _code_keys(blocks))):
            last = calls[-1] if calls else None
            if last is not None and last[0] == key and (last[2] == 1 or b - last[4] == last[3]):
                last[3] = b - last[4] if last[2] == 1 else last[3]
                last[2] += 1
                last[4] = b
                last[5].append(k)
            else:
                calls.append([key, b, 1, 1, b, [k]])
        # what a block stores is decided per code key (its repetitions share the code)
        self._stored = {}
        for key, b0, n, s, _, ks in calls:
            st = self._stored.setdefault(key, set())
            for k in ks:
                st |= stored.get(k, set())
        self._calls_spec = [(key, b0, n, s) for key, b0, n, s, _, _ in calls]
        self._out_cells = out_cells
        self.tape = self._calls_spec
        self._calls = None

    def _compile(self):
        """The block functions, and the calls cut into pieces of at most CHUNK outputs
        (whole repetitions, in the same order: the same floats), so that the output list
        stays small enough to live in the CPU cache: a run moves it into a NumPy buffer
        and empties it after each piece, and the next piece's floats reuse the freed
        ones (one list of every output grew the cost per cell 1.3x from 20 to 160 graddesc
        passes)."""
        code = {}
        calls = []
        for key, b0, n, s in self._calls_spec:
            f = code.get(key)
            if f is None:
                f = code[key] = block_function(key, self._stored.get(key, set()))
            k = max(1, CHUNK // len(key))       # repetitions per piece
            calls.extend((f, b0 + i * s, min(k, n - i), s) for i in range(0, n, k))
        self._calls = calls
        self.n_blocks = len(code)
        self._v = [0.0] * self.size     # the values, reused from run to run
        self._buf = np.empty(len(self._out_cells))      # the outputs, in run order

    def _flat(self, sheet, g, cells, key):
        """Flat indices of (rows, cols) into grid g's arrays (np.take / np.put are much
        faster than 2-D fancy indexing), past-the-used-range cells pointed at its blank
        sentinel row/column (they read as blank, so the tape gives up as every path
        would); cached per grid (a grown sheet gets new arrays)."""
        hit = self._clip.get((key, sheet))
        if hit is None or hit[0] is not g:
            rows, cols = cells[0], cells[1]
            flat = np.minimum(rows, g.maxr + 1) * g.num.shape[1] + np.minimum(cols, g.maxc + 1)
            hit = self._clip[(key, sheet)] = (g, flat, cells[2].tolist() if key == "in" else None)
        return hit[1], hit[2]

    def run(self) -> bool:
        if self._calls is None:
            self._compile()
        grids = self.engine.grids
        v = self._v
        for sheet, cells in self.inputs.items():
            g = grids[sheet]
            flat, idx = self._flat(sheet, g, cells, "in")
            if not (g.kind.take(flat) == 1).all():
                return False
            for i, x in zip(idx, g.num.take(flat).tolist()):
                v[i] = x
        o, out, at = [], self._buf, 0
        try:
            for f, b0, n, s in self._calls:
                f(v, o, b0, n, s)
                if len(o) >= CHUNK:
                    out[at:at + len(o)] = np.fromiter(o, float, len(o))
                    at += len(o)
                    o.clear()
        except (ArithmeticError, ValueError, TypeError):
            return False
        out[at:] = np.fromiter(o, float, len(o))
        if not np.isfinite(out).all():
            return False
        for sheet, cells in self._out.items():
            g = grids[sheet]
            flat, _ = self._flat(sheet, g, cells, "out")
            pick = cells[2]
            np.put(g.num, flat, out if pick is None else out[pick])
            np.put(g.kind, flat, 1)
        return True


def _moves_whole(form) -> bool:
    """Whether each reference of a form is wholly absolute or wholly relative, so that
    its tape entries (absolute index, or offset from the host cell) are the same for
    every cell of the form."""
    return all(a == b for _, a, b, _, _ in form.movers())


def ref_cells(u) -> list:
    """(sheet, row, col, absolute) of each reference of a unit (one cell each): its
    form's references moved to it, with no reference object made per cell."""
    f = u.form
    if f is None or u._refs is not None:
        return [(n.sheet, n.r1, n.c1, n.abs_r1 and n.abs_c1) for n in u.refs]
    dr, dc = u.row - f.row, u.col - f.col
    return [(n.sheet, n.r1 + a * dr, n.c1 + b * dc, n.abs_r1 and n.abs_c1)
            for n, a, b, _, _ in f.movers()]


MAX_BLOCK_CELLS = 640


def _code_keys(blocks) -> list:
    """The code key of each block ((base, cells, positions (cell, reference) of its
    absolute references to cells it does not compute) as :meth:`Tape._plan_blocks`
    makes them). Blocks alike but for cells they read by absolute references, each at
    one offset from its block (graddesc's =...*$X$774 to its pass's learning rate), read
    those as relative references, so they share one code: compiled once, not per pass.
    References to one cell in every block (=data!$A$2) stay absolute. Only blocks whose
    code is not shared already are looked at."""
    keys = [tuple(cells) for _, cells, _ in blocks]
    count = Counter(keys)
    alike = {}
    for k, (_, cells, loose) in enumerate(blocks):
        if loose and count[keys[k]] == 1:
            alike.setdefault(_with(cells, loose, lambda r: "a"), []).append(k)
    for ks in alike.values():
        if len(ks) == 1:
            continue
        # one offset from distinct bases: distinct cells
        moving = [(i, j) for i, j in blocks[ks[0]][2]
                  if len({blocks[k][1][i][2][j][1] - blocks[k][0] for k in ks}) == 1]
        for k in ks if moving else ():
            b = blocks[k][0]
            keys[k] = _with(blocks[k][1], moving, lambda r: ("r", r[1] - b))
    return keys


def _with(cells, where, new) -> tuple:
    """``cells`` with reference j of cell i, for each (i, j) in ``where``, replaced by
    new(reference)."""
    out = list(cells)
    for i, j in where:
        d, t, spec = out[i]
        out[i] = (d, t, spec[:j] + (new(spec[j]),) + spec[j + 1:])
    return tuple(out)


def _blocks(rows):
    """Split the rows (in evaluation order) into blocks that repeat: a block ends before
    the first row whose code (cells, templates, references relative to the row) already
    occurs in it, so a recurrence's period (one row, or one pass of rows) becomes one
    block whose code every repetition shares. Rows whose code occurs once in the whole
    run (a pass's own start row) form blocks of their own, so they do not make every
    repetition of the period around them unique."""
    keys = [tuple((h - row[0][0], tmpl, refs) for h, tmpl, refs, _ in row) for row in rows]
    count = Counter(keys)
    out, i, m = [], 0, len(rows)
    while i < m:
        sheet = rows[i][0][3][0]
        j, cells = i + 1, len(rows[i])
        once = count[keys[i]] == 1
        seen = {keys[i]: i}
        while j < m and rows[j][0][3][0] == sheet and cells + len(rows[j]) <= MAX_BLOCK_CELLS:
            if (count[keys[j]] == 1) != once:
                break
            q = seen.get(keys[j])
            if q is not None:
                if q > i:       # the repetition starts inside: end the block before it
                    j = q
                break
            seen[keys[j]] = j
            cells += len(rows[j])
            j += 1
        out.append(rows[i:j])
        i = j
    return out


def _row_order(units, engine):
    """The units in an evaluation order that goes sheet by sheet, row by row, column by
    column as far as the dependencies allow (Kahn's order, smallest position first), so
    that the rows of a recurrence repeat one pattern the tape can fuse."""
    pos = {u.uid: k for k, u in enumerate(units)}
    sheet_no = {name: k for k, name in enumerate(engine.grids)}
    indeg = [0] * len(units)
    users = [[] for _ in units]
    for k, u in enumerate(units):
        for d in u.deps:
            j = pos.get(d)
            if j is not None and j != k:
                indeg[k] += 1
                users[j].append(k)
    heap = [(sheet_no.get(u.sheet, 0), u.row, u.col, k) for k, u in enumerate(units)
            if indeg[k] == 0]
    heapq.heapify(heap)
    out = []
    while heap:
        k = heapq.heappop(heap)[3]
        out.append(units[k])
        for j in users[k]:
            indeg[j] -= 1
            if indeg[j] == 0:
                u = units[j]
                heapq.heappush(heap, (sheet_no.get(u.sheet, 0), u.row, u.col, j))
    if len(out) != len(units):      # cannot happen for a plan's groups; keep their order
        return units
    return out


def plan_tapes(engine, groups, min_groups: int = 4):
    """Split the ordered groups into steps: a Tape for each independent part (see
    :func:`components`) of a run of tape-able groups that has at least ``min_groups``
    groups, the groups themselves otherwise. Independent parts (one per graddesc tab)
    are separate tapes, so a change that reaches one of them runs only that one."""
    steps, run = [], []

    def flush():
        for part in components(run):
            if _enough_groups(part, min_groups):
                steps.append(Tape(engine, part))
            else:
                steps.extend(plan_groups(part))
        run.clear()

    for g in groups:
        if group_ok(g):
            run.append(g)
        else:
            flush()
            steps.append(g)
    flush()
    return steps


def components(groups) -> list[list]:
    """The groups split into parts with no dependency between parts (union-find over
    the units' dependencies), the independent parts of one sheet together; each part
    in the given order, parts by first group."""
    where = {u.uid: k for k, g in enumerate(groups) for u in g.units}
    parent = list(range(len(groups)))

    def root(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for k, g in enumerate(groups):
        for u in g.units:
            for d in u.deps:
                j = where.get(d)
                if j is not None:
                    a, b = root(k), root(j)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
    sheet = {}          # parts on one sheet stay together: a tape per tab, not per column
    for k, g in enumerate(groups):
        r = root(k)
        sheet.setdefault(groups[r].sheet, r)
    parts = {}
    for k, g in enumerate(groups):
        parts.setdefault(sheet[groups[root(k)].sheet], []).append(g)
    return list(parts.values())
