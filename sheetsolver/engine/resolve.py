"""Resolve a formula tree for compiling: defined names replaced by what they refer to,
references qualified with their sheet, LET variables and called LAMBDAs inlined, the
LAMBDAs of MAP/REDUCE/... turned into numbered parameter slots (see :mod:`lambdas`),
union references taken apart where Excel accepts them, static intersections computed.
"""
from __future__ import annotations

import functools
import itertools

from ..errors import SheetsolverError
from ..formula import ast as A
from ..formula.parser import FormulaSyntaxError, parse
from ..formula.relative_names import anchor
from ..formula.transform import walk
from .functions import FUNCTIONS
from . import sum_range
from .lambdas import HELPERS


def _sheet_names(wb) -> dict:
    """Lower-cased sheet name -> the sheet's own spelling (Excel ignores case)."""
    names = wb.__dict__.get("_sheet_names")
    if names is None or len(names) != len(wb.sheets):
        names = wb.__dict__["_sheet_names"] = {s.name.lower(): s.name for s in wb.sheets}
    return names


class _Closure:
    """A LAMBDA bound in a LET (or a defined name): parameters, body, the names it sees."""
    __slots__ = ("params", "body", "env", "sheet")

    def __init__(self, params, body, env, sheet):
        self.params, self.body, self.env, self.sheet = params, body, env, sheet


def _lambda(tree, env, sheet, where, wb):
    *params, body = tree.args
    if not params and isinstance(body, A.Name):
        params, body = [body], A.Missing()
    if not all(isinstance(p, A.Name) and p.sheet is None for p in params):
        raise SheetsolverError("LAMBDA parameters must be names", file=wb.path, cell=where)
    return _Closure([p.name.lower() for p in params], body, env, sheet)


def _invoke(closure, args, wb, where, depth):
    """Apply a LAMBDA: its body with the parameters replaced by the (resolved) arguments."""
    if len(args) != len(closure.params):
        return A.ErrorLit("#VALUE!")
    env = dict(closure.env)
    env.update(zip(closure.params, args))
    return resolve_names(closure.body, wb, closure.sheet, where, depth + 1, env)


def resolve_names(tree, wb, sheet: str, where: str, depth: int = 0, env=None):
    """Replace defined names by what they refer to; qualify references with their sheet;
    inline LET variables and LAMBDA calls (``env``: LET/LAMBDA names in scope).

    Raises SheetsolverError for a reference to a sheet that does not exist.
    """
    if depth > 20:
        raise SheetsolverError("defined names refer to each other in a loop", file=wb.path,
                               cell=where)
    if isinstance(tree, A.Ref):
        s = tree.sheet or sheet
        canonical = _sheet_names(wb).get(s.lower())
        if canonical is None:
            raise SheetsolverError(f"formula refers to sheet {s!r}, which does not exist",
                                   file=wb.path, cell=where)
        if tree.sheet == canonical:
            return tree
        return A.Ref(canonical, tree.r1, tree.c1, tree.r2, tree.c2, tree.abs_r1, tree.abs_c1,
                     tree.abs_r2, tree.abs_c2, tree.is_area, tree.bad)
    if isinstance(tree, A.Name):
        if env and tree.sheet is None:
            bound = env.get(tree.name.lower())
            if bound is not None:
                return A.ErrorLit("#CALC!") if isinstance(bound, _Closure) else bound
        scope = tree.sheet or sheet
        dn = wb.defined_name(tree.name, scope)
        if dn is None:
            return A.ErrorLit("#NAME?")
        home = wb.sheets[dn.sheet_index].name if dn.sheet_index is not None else sheet
        try:
            sub = parse(dn.text).tree
        except FormulaSyntaxError:
            try:   # a name holding several areas: Sheet!$A$1:$B$2,Sheet!$D$4
                sub = parse("(" + dn.text.lstrip("=") + ")").tree
            except FormulaSyntaxError:
                return A.ErrorLit("#NAME?")
        sub = anchor(sub, where)   # a relative name reads from the cell that uses it
        return resolve_names(sub, wb, home, where, depth + 1)
    if isinstance(tree, A.Func):
        name = tree.name
        if name in _BINDING:
            return _resolve_binding(tree, wb, sheet, where, depth, env)
        if name in HELPERS:
            return _resolve_helper(tree, wb, sheet, where, depth, env)
        if env and name.lower() in env and isinstance(env[name.lower()], _Closure):
            args = [resolve_names(a, wb, sheet, where, depth, env) for a in tree.args]
            return _invoke(env[name.lower()], args, wb, where, depth)
        if name not in FUNCTIONS and name not in SPECIAL_FORMS:
            dn = wb.defined_name(name, sheet)   # a LAMBDA kept in a defined name
            if dn is not None:
                try:
                    sub = parse(dn.text).tree
                except FormulaSyntaxError:
                    sub = None
                if isinstance(sub, A.Func) and sub.name == "LAMBDA":
                    home = wb.sheets[dn.sheet_index].name if dn.sheet_index is not None \
                        else sheet
                    args = [resolve_names(a, wb, sheet, where, depth, env) for a in tree.args]
                    return _invoke(_lambda(sub, {}, home, where, wb), args, wb, where, depth)
        args = tuple(resolve_names(a, wb, sheet, where, depth, env) for a in tree.args)
        if name in sum_range.RESIZED:
            args = sum_range.widened(args)
        if name in _UNION_AWARE or (args and any(a.__class__ is A.Func and a.name == "UNION"
                                                 for a in args)):
            return union_forms(name, args)
        return A.Func(name, args)
    if isinstance(tree, A.Unary):
        return A.Unary(tree.op, resolve_names(tree.operand, wb, sheet, where, depth, env))
    if isinstance(tree, A.Binary):
        left = resolve_names(tree.left, wb, sheet, where, depth, env)
        right = resolve_names(tree.right, wb, sheet, where, depth, env)
        if tree.op == " " and isinstance(left, A.Ref) and isinstance(right, A.Ref):
            return intersect(left, right)
        return A.Binary(tree.op, left, right)
    return tree


def intersect(a, b):
    """``B1:C5 A3:D3``: the cells in both areas (Excel's intersection operator);
    #NULL! when they do not meet."""
    if a.bad or b.bad:
        return A.Ref(a.sheet, 0, 0, 0, 0, bad=True)
    r1, c1 = max(a.r1, b.r1), max(a.c1, b.c1)
    r2, c2 = min(a.r2, b.r2), min(a.c2, b.c2)
    if a.sheet != b.sheet or r1 > r2 or c1 > c2:
        return A.ErrorLit("#NULL!")
    return A.Ref(a.sheet, r1, c1, r2, c2, True, True, True, True, (r1, c1) != (r2, c2))


_BINDING = {"LET", "LAMBDA", "_INVOKE"}

# Functions whose arguments are all alike (number1, number2, ...): a union argument
# (A1:A2,B1:B2) is the same as its areas given as separate arguments.
SPLICE_UNIONS = {
    "SUM", "COUNT", "COUNTA", "AVERAGE", "AVERAGEA", "MAX", "MAXA", "MIN", "MINA", "SUMSQ",
    "PRODUCT", "STDEV", "STDEV.S", "STDEV.P", "STDEVA", "STDEVP", "STDEVPA", "VAR", "VAR.S",
    "VAR.P", "VARA", "VARP", "VARPA", "MEDIAN", "MODE", "MODE.SNGL", "GEOMEAN", "HARMEAN",
    "AVEDEV", "DEVSQ", "KURT", "SKEW", "COUNTBLANK",
}
_UNION_AWARE = {"AREAS", "INDEX"}


def _union(x) -> bool:
    return x.__class__ is A.Func and x.name == "UNION"


def union_forms(name: str, args: tuple):
    """Union references where Excel takes them: spliced into SUM-like argument lists,
    INDEX's area_num, AREAS; elsewhere the binder reads a union as one array of its
    areas' values."""
    if name in SPLICE_UNIONS:
        flat = []
        for a in args:
            flat.extend(a.args if _union(a) else (a,))
        return A.Func(name, tuple(flat))
    if name == "AREAS":
        if len(args) == 1 and _union(args[0]):
            return A.Number(float(len(args[0].args)))
        if len(args) == 1 and isinstance(args[0], A.Ref):
            return A.Number(1.0)
        return A.Func(name, args) if name in FUNCTIONS else A.ErrorLit("#VALUE!")
    if name == "INDEX" and args:
        src, rest = args[0], list(args[1:])
        k = rest[2] if len(rest) >= 3 else A.Number(1.0)
        rest = rest[:2]
        items = src.args if _union(src) else (src,)
        if isinstance(k, A.Missing):
            k = A.Number(1.0)
        if isinstance(k, A.Number):
            i = int(k.value)
            if not 1 <= i <= len(items):
                return A.ErrorLit("#REF!")
            return A.Func("INDEX", (items[i - 1],) + tuple(rest))
        return A.Func("CHOOSE", (k,) + tuple(A.Func("INDEX", (it,) + tuple(rest))
                                             for it in items))
    return A.Func(name, args)


def _resolve_binding(tree, wb, sheet, where, depth, env):
    """LET(name, value, ..., calc), LAMBDA(...) and LAMBDA(...)(args), inlined."""
    env = dict(env or {})
    if tree.name == "LET":
        args = tree.args
        if len(args) < 3 or len(args) % 2 == 0:
            raise SheetsolverError("LET needs name, value pairs and a calculation",
                                   file=wb.path, cell=where)
        for k in range(0, len(args) - 1, 2):
            n, v = args[k], args[k + 1]
            if not isinstance(n, A.Name) or n.sheet is not None:
                raise SheetsolverError("LET names must be plain names", file=wb.path, cell=where)
            if isinstance(v, A.Func) and v.name == "LAMBDA":
                env[n.name.lower()] = _lambda(v, dict(env), sheet, where, wb)
            else:
                env[n.name.lower()] = resolve_names(v, wb, sheet, where, depth, env)
        return resolve_names(args[-1], wb, sheet, where, depth, env)
    if tree.name == "LAMBDA":    # a LAMBDA that is not called: Excel shows #CALC!
        return A.ErrorLit("#CALC!")
    callee, args = tree.args[0], tree.args[1:]
    closure = None
    if isinstance(callee, A.Func) and callee.name == "LAMBDA":
        closure = _lambda(callee, dict(env), sheet, where, wb)
    elif isinstance(callee, A.Name) and isinstance(env.get(callee.name.lower()), _Closure):
        closure = env[callee.name.lower()]
    if closure is None:
        return A.ErrorLit("#VALUE!")
    args = [resolve_names(a, wb, sheet, where, depth, env) for a in args]
    return _invoke(closure, args, wb, where, depth)


_HELPER_PARAMS = {"BYROW": 1, "BYCOL": 1, "REDUCE": 2, "SCAN": 2, "MAKEARRAY": 2}
_slot_ids = iter(())


def _closure_of(x, wb, sheet, where, env):
    """The LAMBDA an argument denotes (inline, LET-bound or a defined name), or None."""
    if isinstance(x, A.Func) and x.name == "LAMBDA":
        return _lambda(x, dict(env or {}), sheet, where, wb)
    if isinstance(x, A.Name) and x.sheet is None:
        bound = (env or {}).get(x.name.lower())
        if isinstance(bound, _Closure):
            return bound
        dn = wb.defined_name(x.name, sheet)
        if dn is not None:
            try:
                sub = parse(dn.text).tree
            except FormulaSyntaxError:
                return None
            if isinstance(sub, A.Func) and sub.name == "LAMBDA":
                home = wb.sheets[dn.sheet_index].name if dn.sheet_index is not None else sheet
                return _lambda(sub, {}, home, where, wb)
    return None


def _resolve_helper(tree, wb, sheet, where, depth, env):
    """MAP/BYROW/BYCOL/REDUCE/SCAN/MAKEARRAY: the values resolved, the LAMBDA's body
    resolved with its parameters as numbered ``_PARAM`` slots (see :mod:`lambdas`)."""
    if not tree.args:
        return A.ErrorLit("#VALUE!")
    *values, fn = tree.args
    closure = _closure_of(fn, wb, sheet, where, env)
    want = _HELPER_PARAMS.get(tree.name, len(values))
    if closure is None or len(closure.params) != want or not values:
        return A.ErrorLit("#VALUE!")
    ids = [next(_slot_ids) for _ in closure.params]
    inner = dict(closure.env)
    inner.update((p, A.Func("_PARAM", (A.Number(float(i)),))) for p, i in zip(closure.params, ids))
    body = resolve_names(closure.body, wb, closure.sheet, where, depth + 1, inner)
    values = [resolve_names(v, wb, sheet, where, depth, env) for v in values]
    return A.Func(tree.name, tuple(values) + (
        A.Func("_LAMBDA_BODY", tuple(A.Number(float(i)) for i in ids) + (body,)),))


# Functions the binder itself handles (not in the function registry)
SPECIAL_FORMS = {"UNION", "AREAS", "_PARAM", "_LAMBDA_BODY"} | HELPERS


def new_cell() -> None:
    """Number LAMBDA parameter slots from 0 for the next cell (copies of one formula
    then resolve to the same tree, so they group)."""
    global _slot_ids
    _slot_ids = itertools.count()


def movable(tree, wb, sheet: str) -> bool:
    """Whether resolving ``tree`` commutes with moving it: resolving it once for one cell
    and moving the result gives what resolving each moved copy would give. True unless
    it holds LET/LAMBDA/MAP-like forms (numbered slots), calls a name that is not a
    function, intersects references (computed now, as absolute areas) or uses a defined
    name whose definition is not all absolute references (relative names are anchored
    at the cell that uses them)."""
    for node in walk(tree):
        cls = node.__class__
        if cls is A.Func:
            name = node.name
            if name in _BINDING or name in HELPERS or \
                    (name not in FUNCTIONS and name not in SPECIAL_FORMS):
                return False
        elif cls is A.Binary and node.op == " ":
            return False
        elif cls is A.Name and not _absolute_name(wb, node.name, node.sheet or sheet):
            return False
    return True


def _absolute_name(wb, name: str, sheet: str) -> bool:
    """A defined name (or no name at all) whose definition holds only absolute references."""
    dn = wb.defined_name(name, sheet)
    return True if dn is None else _absolute_text(dn.text)


@functools.lru_cache(maxsize=4096)
def _absolute_text(text: str) -> bool:
    """Whether a name's definition holds only absolute references (parsed once per text,
    not once per formula that uses the name)."""
    try:
        sub = parse(text).tree
    except FormulaSyntaxError:
        return False
    for node in walk(sub):
        if node.__class__ is A.Name or (node.__class__ is A.Ref and not node.bad and not (
                node.abs_r1 and node.abs_c1 and node.abs_r2 and node.abs_c2)):
            return False
        if node.__class__ is A.Func and (node.name in _BINDING or node.name in HELPERS):
            return False
    return True
