"""The function registry and the wrappers that apply Excel's argument rules once.

A function is registered with how each argument is to be passed: ``'value'`` (a
scalar is expected: outside array formulas a range is implicitly intersected with
the formula's row or column), ``'array'`` (a range or array, passed whole) or
``'ref'`` (the reference itself, for OFFSET, INDEX, ROW, ...). Wrappers such as
:func:`elementwise` and :func:`numbers` implement the coercion and error rules that
whole families of Excel functions share, so each function body is just the math.
"""
from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass

import numpy as np

from ...rules import to_bool
from ..batch import BLANK, BOOL, ERROR, NUMBER, TEXT, V, bshape, first_error, to_number, with_errors
from .lazy_registry import Registry

FUNCTIONS = Registry()      # name -> Function; category modules load on lookup


@dataclass
class Function:
    name: str
    impl: object
    modes: tuple = ("value",)
    grad: object = None          # grad(ctx, vals, out, g) -> list of per-argument gradients
    volatile: bool = False
    zero_grad: bool = False      # result is piecewise constant in its inputs (MATCH, COUNT, ...)
    returns_ref: bool = False    # returns a RefV (OFFSET, INDEX): gradients follow the reference
    min_args: int = 0
    max_args: int = 255
    note: str = ""               # how the gradient is defined, for the docs
    array_args: tuple = ()       # arguments Excel evaluates as arrays even in plain formulas
    repeat: int = 1              # the last `repeat` modes cycle (SUMIFS: range, criteria, ...)
    category: str = ""           # Excel's category ("Math & Trig"), for the README's table
    help: str = ""               # Excel's help page (https://support.microsoft.com/...)

    def mode(self, i: int) -> str:
        if i < len(self.modes):
            return self.modes[i]
        k = len(self.modes) - self.repeat
        return self.modes[k + (i - k) % self.repeat]


class _FieldView(MutableMapping):
    """``name -> one field of the registered Function`` (its category or help page).

    Kept for modules that fill a table after registering (``CATEGORIES[name] = ...``):
    a write lands on the Function itself, so the registry stays the one home; a write
    before the registration waits for it."""

    def __init__(self, field: str):
        self.field, self.pending = field, {}

    def __getitem__(self, name):
        fn = FUNCTIONS.get(name)
        value = getattr(fn, self.field) if fn is not None else self.pending.get(name, "")
        if not value:
            raise KeyError(name)
        return value

    def __setitem__(self, name, value) -> None:
        fn = FUNCTIONS.registered(name)
        if fn is None:
            self.pending[name] = value
        else:
            setattr(fn, self.field, value)

    def __delitem__(self, name) -> None:
        self[name] = ""

    def __iter__(self):
        return (n for n, fn in FUNCTIONS.items() if getattr(fn, self.field))

    def __len__(self) -> int:
        return sum(1 for _ in self)


CATEGORIES = _FieldView("category")   # function name -> Excel category
HELP = _FieldView("help")             # function name -> Excel help page


def describe(category: str, pages: dict, prefix: str) -> None:
    """Give each function named in ``pages`` its Excel category and help page
    (``prefix`` + the page's slug), for modules that list them in one table."""
    for name, slug in pages.items():
        CATEGORIES[name] = category
        HELP[name] = prefix + slug


def add(fn: Function) -> Function:
    """Put ``fn`` in the registry; a re-registration keeps the category and help page
    already given for the name."""
    old = FUNCTIONS.registered(fn.name)
    for view in (CATEGORIES, HELP):
        if not getattr(fn, view.field):
            setattr(fn, view.field, view.pending.pop(fn.name, "") or
                    (getattr(old, view.field) if old is not None else ""))
    FUNCTIONS[fn.name] = fn
    return fn


def register(name, modes=("value",), **kw):
    """Register a batch-level function: everything it is (modes, ``grad``, ``note``,
    ``array_args``, ``category``, ``help``, ...) given here, as :class:`Function` fields."""
    def deco(impl):
        add(Function(name, impl, tuple(modes), **kw))
        return impl
    return deco


def is_ref(v) -> bool:
    """Was this argument a reference (or an array) rather than a typed-in scalar?"""
    return getattr(v, "from_ref", False) or v.num.shape[1] * v.num.shape[2] > 1


def propagate(out: np.ndarray, *args: V) -> V:
    """Result numbers ``out`` with the first argument error (in order) in place."""
    if all(a.kind is None for a in args):
        return V(out)
    mask, obj = first_error(*args)
    if not mask.any():
        return V(out)
    kind = np.ones(out.shape, np.int8)
    o = np.empty(out.shape, object)
    mask = np.broadcast_to(mask, out.shape)
    kind[mask] = ERROR
    o[mask] = np.broadcast_to(obj, out.shape)[mask]
    return V(np.where(mask, 0.0, out), kind, o)


def elementwise(name, f, df=None, nargs=1, min_args=None, defaults=(), note="",
                error_where=None, **kw):
    """Register a numeric function applied element by element (SQRT, EXP, ROUND, ...).

    Arguments are coerced to numbers (blank 0, TRUE 1, numeric text), errors propagate
    (first argument first), and non-finite results become #NUM!.
    ``df(xs, out)`` returns the partial derivatives (one per argument, or None).
    ``error_where=(when, err)``: Excel's specific error ``err`` instead of the generic
    #NUM! where ``when(*xs)`` holds (MOD(n, 0) is #DIV/0!).
    """
    def impl(ctx, *args):
        if nargs == 1 and args[0].kind is None:   # the common case: plain numbers
            out = f(args[0].num)
            if np.isfinite(out).all():
                return V(out)
        args = list(args) + [None] * (nargs - len(args))
        vals = []
        for a, d in zip(args, list(defaults) + [None] * nargs):
            if a is None or getattr(a, "missing", False):
                a = V(np.full((1, 1, 1), d if d is not None else 0.0))
            vals.append(to_number(a))
        with np.errstate(all="ignore"):
            out = np.asarray(f(*[v.num for v in vals]), dtype=float)
        res = propagate(out, *vals)
        bad = ~np.isfinite(res.num)
        if bad.any():
            from ...values import NUM
            res = with_errors(np.where(bad, 0.0, res.num), bad & (res.kind != ERROR
                                                                   if res.kind is not None
                                                                   else True), NUM, res)
        return res

    def grad(ctx, vals, out, g):
        xs = [to_number(v).num for v in vals] + [np.zeros((1, 1, 1))] * (nargs - len(vals))
        with np.errstate(all="ignore"):
            ds = df(*xs, out.num)
        return [None if d is None else g * d for d in ds][:len(vals)]

    if error_where is not None:
        impl = _specific_error(impl, *error_where)
    add(Function(name, impl, ("value",), grad=grad if df is not None else None,
                 min_args=nargs if min_args is None else min_args, max_args=nargs, note=note,
                 **kw))


def _specific_error(generic, when, err):
    """Wrap a two-argument elementwise impl: ``err`` where ``when(x, y)`` holds and
    ``generic`` gave an error of its domain check (not an argument's own error)."""
    def impl(ctx, *args):
        out = generic(ctx, *args)
        if out.kind is None or len(args) < 2 or args[1] is None or args[1].missing:
            return out
        xs = [to_number(a) for a in args]
        hit = np.broadcast_to(when(*[x.num for x in xs]), out.num.shape)
        for x in xs:
            if x.kind is not None:
                hit = hit & np.broadcast_to(x.kind != ERROR, out.num.shape)
        hit = hit & (out.kind == ERROR)
        if hit.any():
            obj = out.obj.copy()
            obj[hit] = err
            return V(out.num, out.kind, obj)
        return out
    return impl


def collect(v: V, scalar_rules: bool):
    """Numbers of an argument the way SUM/AVERAGE/COUNT see them.

    Returns (num, counted_mask, coerced V or None). References and arrays count only
    numbers; typed-in scalars count TRUE/FALSE and numeric text too (other text #VALUE!).
    """
    if v.kind is None:
        return v.num, None, v
    if scalar_rules:
        c = to_number(v)
        ok = np.ones(v.num.shape, bool) if c.kind is None else c.kind == NUMBER
        ok = ok & (v.kind != BLANK)
        return np.where(ok, c.num, 0.0), ok, c
    ok = v.kind == NUMBER
    return np.where(ok, v.num, 0.0), ok, v


def aggregate_args(vals, omitted_is_zero: bool = False):
    """(list of (num, mask)), error V-or-None) over all arguments of an aggregate. An
    omitted argument, F(1,,3), is skipped (SUM, PRODUCT) or, with ``omitted_is_zero``,
    the number 0 (MIN, MAX: Excel's behaviour, see stats._minmax)."""
    parts, errs = [], []
    for v in vals:
        if getattr(v, "missing", False):
            if omitted_is_zero:
                parts.append((np.zeros((1, 1, 1)), None))
            continue
        num, mask, checked = collect(v, not is_ref(v))
        parts.append((num, mask))
        if checked.kind is not None:
            errs.append(checked)
    return parts, errs


def error_result(errs, n_shape=(1, 1, 1)):
    """Reduce per-element errors of aggregate arguments to one error per batch element."""
    best = None
    for v in errs:
        m = v.kind == ERROR
        if not m.any():
            continue
        n = v.num.shape[0]
        # first error per batch element in row-major order
        flat = m.reshape(n, -1)
        objs = v.obj.reshape(n, -1)
        has = flat.any(axis=1)
        first = flat.argmax(axis=1)
        e_kind = np.where(has, ERROR, NUMBER).astype(np.int8).reshape(n, 1, 1)
        e_obj = objs[np.arange(n), first].reshape(n, 1, 1)
        if best is None:
            best = (e_kind, e_obj)
        else:
            k0, o0 = best
            shape = bshape(k0.shape, e_kind.shape)
            k0, o0 = np.broadcast_to(k0, shape).copy(), np.broadcast_to(o0, shape).copy()
            take = (k0 != ERROR) & np.broadcast_to(e_kind == ERROR, shape)
            k0[take] = ERROR
            o0[take] = np.broadcast_to(e_obj, shape)[take]
            best = (k0, o0)
    return best


def finish(num: np.ndarray, errs) -> V:
    """Aggregate result (n,1,1) with argument errors applied."""
    if not any(v.kind is None or (v.kind == ERROR).any() for v in errs):
        return V(num)
    e = error_result(errs)
    if e is None:
        return V(num)
    kind, obj = e
    shape = bshape(num.shape, kind.shape)
    num = np.broadcast_to(num, shape)
    kind = np.broadcast_to(kind, shape).copy()
    obj = np.broadcast_to(obj, shape).copy()
    if (kind == NUMBER).all():
        return V(np.array(num))
    return V(np.where(kind == ERROR, 0.0, num), kind, obj)


def truth(v: V) -> V:
    """Condition value: numbers (non-zero TRUE), booleans, "TRUE"/"FALSE" text; else #VALUE!."""
    if v.kind is None or not ((v.kind == TEXT) | (v.kind == ERROR)).any():
        return V((v.num != 0).astype(float))   # numbers, booleans, blanks (FALSE)
    num = (v.num != 0).astype(float)
    kind = np.full(v.num.shape, BOOL, np.int8)
    obj = np.empty(v.num.shape, object)
    err = v.kind == ERROR
    if err.any():
        kind[err] = ERROR
        obj[err] = v.obj[err]
    txt = v.kind == TEXT
    for idx in zip(*np.nonzero(txt)):
        b = to_bool(v.obj[idx])          # "TRUE"/"FALSE" text, else #VALUE!
        if isinstance(b, bool):
            num[idx] = float(b)
        else:
            kind[idx] = ERROR
            obj[idx] = b
    if not (kind == ERROR).any():
        return V(num)
    return V(num, kind, obj)


def shape_of(ctx, *vs):
    return bshape(*(v.num.shape for v in vs))
