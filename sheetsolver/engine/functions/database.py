"""Excel's database functions: DSUM, DAVERAGE, DCOUNT, DCOUNTA, DGET, DMAX, DMIN,
DPRODUCT, DSTDEV, DSTDEVP, DVAR, DVARP.

A database is a range whose first row holds the field names; ``field`` is a name
(without case) or a 1-based column number. The criteria range has field names in its
first row and conditions below: conditions in one row must all hold (AND), any row
may hold (OR), a blank condition holds for every record. Conditions are
COUNTIF-style criteria (:func:`rules.criterion`), except that text without a
comparison operator matches text *beginning* with it ("Pea" matches Pear), as in
Excel's criteria ranges.

Computed criteria: a formula under a header that is not a field name (often blank)
is evaluated once per record, its relative references moved down from the first
record's row to each record's, and the record kept where it is TRUE.

Gradients go to the field cells of the matching records (DSUM 1, DAVERAGE 1/n, ...).
"""
from __future__ import annotations

import math

import numpy as np

from ...rules import criterion, is_number, parse_number, to_text
from ...values import DIV0, NUM, VALUE, ExcelError
from ..batch import ERROR, element, stack_scalars
from ..grid import RefV
from .base import register
from .lift import CATEGORIES, HELP, _grid

DB = "Database"
_OPS = ("<=", ">=", "<>", "=", "<", ">")


def _help(name: str) -> str:
    """The function's page on Excel's help site."""
    return f"https://support.microsoft.com/en-us/excel/functions/{name}-function"


def _label(x) -> str:
    return to_text(x).strip().lower() if not isinstance(x, ExcelError) else ""


def _condition(c):
    """A predicate for one criteria cell (text without operator: begins-with)."""
    if isinstance(c, str) and c and not c.startswith(_OPS) \
            and parse_number(c) is None and c.strip().upper() not in ("TRUE", "FALSE"):
        return criterion("=" + c + "*")
    return criterion(c)


def _computed(ctx, crit_ref, r, c, nrec, const, i=0):
    """Truth per record of the computed criterion at criteria cell (r, c) of
    ``crit_ref`` (a list of nrec booleans), or an ExcelError."""
    from ..binder import bind
    from ..nodes import Ctx
    eng = ctx.engine
    grid = crit_ref.grid
    rs, cs = np.asarray(crit_ref.r).reshape(-1), np.asarray(crit_ref.c).reshape(-1)
    row, col = int(rs[min(i, rs.size - 1)]) + r, int(cs[min(i, cs.size - 1)]) + c
    ids = eng.ugrid.get(grid.name) if hasattr(eng, "ugrid") else None
    uid = int(ids[row, col]) if ids is not None and row < ids.shape[0] and \
        col < ids.shape[1] else -1
    if uid < 0:   # a constant under a non-field header: its own truth for every record
        t = _truth(const)
        return t if isinstance(t, ExcelError) else [t] * nrec
    unit = eng.units[uid]
    key = ("DB-computed", uid, nrec)
    node = ctx.refs.get(key)
    if node is None:
        node = bind(eng, unit.tree, np.arange(nrec), None, unit)
        ctx.refs[key] = node
        _check_order(ctx, unit, nrec)
    sub = Ctx(eng, unit.sheet, unit.row + np.arange(nrec), np.full(nrec, unit.col), False)
    out = node.forward(sub)
    if isinstance(out, RefV):
        out = out.values()
    res = []
    for k in range(nrec):
        t = _truth(element(out, min(k, out.num.shape[0] - 1), 0, 0))
        res.append(False if isinstance(t, ExcelError) else t)
    return res


def _check_order(ctx, unit, nrec):
    """Tell the engine which cells the moved criterion reads (as OFFSET does), so they
    are computed before this formula."""
    from ...formula import ast as A
    from ...formula.refs import MAX_COL, MAX_ROW
    from ...formula.transform import walk
    eng = ctx.engine
    for ref in walk(unit.tree):
        if not isinstance(ref, A.Ref) or ref.bad or ref.r2 == MAX_ROW or ref.c2 == MAX_COL:
            continue
        grid = eng.grids.get(ref.sheet or unit.sheet)
        if grid is None:
            continue
        r = ref.r1 if ref.abs_r1 else ref.r1 + np.arange(nrec)
        eng.touched(ctx, RefV(grid, r, ref.c1, ref.r2 - ref.r1 + 1, ref.c2 - ref.c1 + 1))


def _truth(x):
    if isinstance(x, ExcelError):
        return x
    if isinstance(x, str):
        u = x.strip().upper()
        return u == "TRUE" if u in ("TRUE", "FALSE") else VALUE
    return bool(x) if x is not None else False


def _matching(ctx, database, criteria, crit_ref, i=0):
    """Indices (0-based, below the header) of the records meeting the criteria."""
    heads = [_label(x) for x in database[0]]
    records = database[1:]
    if len(criteria) < 2:
        return VALUE
    keep = [False] * len(records)
    for ri, row in enumerate(criteria[1:], 1):
        ok = [True] * len(records)
        for ci, (head, c) in enumerate(zip(criteria[0], row)):
            if c is None:
                continue
            if isinstance(c, ExcelError):
                return c
            name = _label(head)
            if name in heads:
                k = heads.index(name)
                test = _condition(c)
                hits = [test(rec[k]) for rec in records]
            elif isinstance(crit_ref, RefV):
                hits = _computed(ctx, crit_ref, ri, ci, len(records), c, i)
                if isinstance(hits, ExcelError):
                    return hits
            else:
                return VALUE
            ok = [a and b for a, b in zip(ok, hits)]
        keep = [a or b for a, b in zip(keep, ok)]
    return [i for i, k in enumerate(keep) if k]


def _field_index(database, field):
    if isinstance(field, ExcelError):
        return field
    w = len(database[0])
    if is_number(field) or isinstance(field, bool):
        k = int(math.trunc(float(field)))
        return k - 1 if 1 <= k <= w else VALUE
    if field is None:
        return VALUE
    name = _label(field)
    heads = [_label(x) for x in database[0]]
    return heads.index(name) if name in heads else VALUE


def _var(xs, ddof):
    if len(xs) - ddof <= 0:
        return DIV0
    m = sum(xs) / len(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - ddof)


def _var_grad(xs, ddof):
    m = sum(xs) / len(xs)
    return [2 * (x - m) / (len(xs) - ddof) for x in xs]


def _sd_grad(xs, ddof):
    v = _var(xs, ddof)
    if isinstance(v, ExcelError) or v == 0:
        return [0.0] * len(xs)
    s = math.sqrt(v)
    return [d / (2 * s) for d in _var_grad(xs, ddof)]


def _prod_grad(xs):
    out = []
    for i in range(len(xs)):
        p = 1.0
        for j, x in enumerate(xs):
            if j != i:
                p *= x
        out.append(p)
    return out


def _argbest(xs, better):
    best = 0
    for i, x in enumerate(xs):
        if better(x, xs[best]):
            best = i
    return [1.0 if i == best else 0.0 for i in range(len(xs))]


# name -> (value of the matching numbers, their gradient, help slug, what it does)
_NUMERIC = {
    "DSUM": (lambda xs: float(sum(xs)), lambda xs: [1.0] * len(xs)),
    "DAVERAGE": (lambda xs: sum(xs) / len(xs) if xs else DIV0,
                 lambda xs: [1.0 / len(xs)] * len(xs)),
    "DMAX": (lambda xs: max(xs) if xs else 0.0, lambda xs: _argbest(xs, lambda a, b: a > b)),
    "DMIN": (lambda xs: min(xs) if xs else 0.0, lambda xs: _argbest(xs, lambda a, b: a < b)),
    "DPRODUCT": (lambda xs: math.prod(xs) if xs else 0.0, _prod_grad),
    "DVAR": (lambda xs: _var(xs, 1), lambda xs: _var_grad(xs, 1)),
    "DVARP": (lambda xs: _var(xs, 0), lambda xs: _var_grad(xs, 0)),
    "DSTDEV": (lambda xs: (lambda v: v if isinstance(v, ExcelError) else math.sqrt(v))(
        _var(xs, 1)), lambda xs: _sd_grad(xs, 1)),
    "DSTDEVP": (lambda xs: (lambda v: v if isinstance(v, ExcelError) else math.sqrt(v))(
        _var(xs, 0)), lambda xs: _sd_grad(xs, 0)),
}


def _selection(ctx, name, db_v, field_v, crit, i, database=None):
    """(field column, [record rows (1-based in the database)]) or an ExcelError."""
    if database is None:
        database = _grid(db_v, i)
    crit_ref = crit if isinstance(crit, RefV) else None
    criteria = _grid(crit.values() if crit_ref is not None else crit, i)
    field = None if field_v is None or getattr(field_v, "missing", False) else \
        element(field_v, min(i, field_v.num.shape[0] - 1), 0, 0)
    rows = _matching(ctx, database, criteria, crit_ref, i)
    if isinstance(rows, ExcelError):
        return rows
    if field is None and name in ("DCOUNT", "DCOUNTA"):
        return None, [r + 1 for r in rows]
    k = _field_index(database, field)
    if isinstance(k, ExcelError):
        return k
    return k, [r + 1 for r in rows]


def _batch(db, field, crit):
    """Cells computed together: the largest batch among the arguments."""
    n = db.num.shape[0]
    if field is not None and not getattr(field, "missing", False):
        n = max(n, field.num.shape[0])
    if isinstance(crit, RefV):
        n = max(n, np.size(crit.r), np.size(crit.c))
    else:
        n = max(n, crit.num.shape[0])
    return max(n, 1)


def _numbers_at(database, k, rows):
    """The matching field values that are numbers, with their rows (errors propagate)."""
    xs, at = [], []
    for r in rows:
        v = database[r][k]
        if isinstance(v, ExcelError):
            return v, None
        if is_number(v):
            xs.append(float(v))
            at.append(r)
    return xs, at


def _each_selection(ctx, name, db, field, crit, result):
    """The D-function's values over the batch: ``result(database, field column, record
    rows)`` for each selection, or the selection's error."""
    out = []
    for i in range(_batch(db, field, crit)):
        database = _grid(db, i)
        sel = _selection(ctx, name, db, field, crit, i, database)
        out.append(sel if isinstance(sel, ExcelError) else result(database, *sel))
    return stack_scalars(out)


def _register_numeric(name, value, gradient):
    def result(database, k, rows):
        xs, _ = _numbers_at(database, k, rows)
        return xs if isinstance(xs, ExcelError) else value(xs)

    def impl(ctx, db, field, crit):
        return _each_selection(ctx, name, db, field, crit, result)

    def grad(ctx, vals, out, g):
        db, field, crit = vals
        n = out.num.shape[0]
        gd = np.zeros((n,) + db.num.shape[1:])
        for i in range(n):
            if out.kind is not None and out.kind[i, 0, 0] == ERROR:
                continue
            sel = _selection(ctx, name, db, field, crit, i)
            if isinstance(sel, ExcelError):
                continue
            k, rows = sel
            xs, at = _numbers_at(_grid(db, i), k, rows)
            if isinstance(xs, ExcelError) or not xs:
                continue
            for r, d in zip(at, gradient(xs)):
                gd[i, r, k] += g[min(i, g.shape[0] - 1), 0, 0] * d
        if db.num.shape[0] != n:
            gd = gd.sum(axis=0, keepdims=True)
        return [gd, None, None]

    register(name, modes=("array", "value", "ref"), min_args=3, max_args=3, grad=grad,
             note=f"{name}: gradient to the field cells of the matching records")(impl)


for _name, (_value, _gradient) in _NUMERIC.items():
    _register_numeric(_name, _value, _gradient)


def _register_count(name, counts):
    def result(database, k, rows):
        return float(len(rows) if k is None else sum(1 for r in rows if counts(database[r][k])))

    def impl(ctx, db, field, crit):
        return _each_selection(ctx, name, db, field, crit, result)

    register(name, modes=("array", "value", "ref"), min_args=3, max_args=3,
             zero_grad=True)(impl)


_register_count("DCOUNT", is_number)
_register_count("DCOUNTA", lambda v: v is not None)


def _dget(ctx, db, field, crit):
    return _each_selection(
        ctx, "DGET", db, field, crit,
        lambda database, k, rows: VALUE if not rows else NUM if len(rows) > 1
        else database[rows[0]][k])


def _dget_grad(ctx, vals, out, g):
    db, field, crit = vals
    n = out.num.shape[0]
    gd = np.zeros((n,) + db.num.shape[1:])
    for i in range(n):
        sel = _selection(ctx, "DGET", db, field, crit, i)
        if not isinstance(sel, ExcelError) and len(sel[1]) == 1:
            gd[i, sel[1][0], sel[0]] += g[min(i, g.shape[0] - 1), 0, 0]
    if db.num.shape[0] != n:
        gd = gd.sum(axis=0, keepdims=True)
    return [gd, None, None]


register("DGET", modes=("array", "value", "ref"), min_args=3, max_args=3, grad=_dget_grad,
         note="DGET: gradient to the field cell of the one matching record")(_dget)

for _name in list(_NUMERIC) + ["DCOUNT", "DCOUNTA", "DGET"]:
    CATEGORIES[_name] = DB
    HELP[_name] = _help(_name.lower())
