"""Generated Python for a :class:`~sheetsolver.engine.tape.Tape`: one expression template
per formula shape, one function per repeated block of rows.

A cell's formula becomes an expression whose references are slots (``{0}``, ``{1}``, ...
in the tree's order). A *block* (a run of rows a recurrence repeats: one pass of a
graddesc tab, or a single row) becomes one function ``f(v, o, b0, n, s)`` that runs the
block ``n`` times at bases ``b0, b0+s, ...``. Inside it, a value computed earlier in
the block is a local variable, every other cell the block reads is loaded once from the
value list ``v`` at the top of each repetition, only the cells that later blocks read
are stored back into ``v``, and all computed values are appended to ``o`` in one
statement per repetition. Plain-number arithmetic only: anything outside it (division
by zero, a domain error, overflow, 0^0) raises, and the caller falls back to the exact
vectorised groups.
"""
from __future__ import annotations

import math

import numpy as np

from ..formula import ast as A
from ..rules import compare, power
from ..values import ExcelError

_FUNCS = {"SQRT": "_sqrt", "EXP": "_exp", "LN": "_log", "ABS": "abs", "COS": "_cos",
          "SIN": "_sin", "TAN": "_tan"}
_COMPARE = ("=", "<>", "<", ">", "<=", ">=")


def _pow(x: float, y: float) -> float:
    """x^y by rules.power; an Excel error (0^0 is #NUM!, 0^-1 #DIV/0!) leaves the tape.
    For x other than 0 rules.power is math.pow, whose errors (a negative number to a
    fraction, overflow) raise and leave the tape too."""
    if x != 0.0:
        return _mpow(x, y)
    r = power(x, y)
    if isinstance(r, ExcelError):
        raise ArithmeticError(r.code)
    return r


_mpow = math.pow


def _np1(f):
    """A NumPy function on one float, as the vectorised path computes it (to the last
    bit); a non-finite result leaves the tape."""
    def g(x: float) -> float:
        r = float(f(x))
        if not math.isfinite(r):
            raise ArithmeticError(f.__name__)
        return r
    return g


def _comparison(op: str):
    """``a op b`` on two numbers by rules.compare (to 15 significant digits).

    When the two differ by more than 1e-13 of the larger, rounding each to 15 significant
    digits (an error of at most 5e-15 of each) can neither make them equal nor swap them,
    so rules.compare gives the plain comparison of a - b with 0; only near-ties (and
    non-finite values, which leave the tape) go through rules.compare itself."""
    def near(a: float, b: float) -> bool:
        if not (math.isfinite(a) and math.isfinite(b)):
            raise ArithmeticError(op)
        return compare(op, a, b)

    if op in (">", ">="):
        def cmp(a, b):
            d = a - b
            return d > 0 if abs(d) > max(abs(a), abs(b)) * 1e-13 else near(a, b)
    elif op in ("<", "<="):
        def cmp(a, b):
            d = a - b
            return d < 0 if abs(d) > max(abs(a), abs(b)) * 1e-13 else near(a, b)
    else:
        differ = op == "<>"

        def cmp(a, b):
            d = a - b
            return differ if abs(d) > max(abs(a), abs(b)) * 1e-13 else near(a, b)
    return cmp


def _truth(a: float) -> bool:
    """A number as an IF condition: non-zero is TRUE."""
    if not math.isfinite(a):
        raise ArithmeticError("condition")
    return a != 0


ENV = {"_sqrt": math.sqrt, "_exp": _np1(np.exp), "_log": math.log, "_pow": _pow,
       "_mpow": math.pow, "abs": abs, "_cos": _np1(np.cos), "_sin": _np1(np.sin),
       "_tan": _np1(np.tan), "_truth": _truth}
ENV.update({f"_c{k}": _comparison(op) for k, op in enumerate(_COMPARE)})


def template(tree) -> str:
    """The expression of a (tape-able) formula tree with its references as slots
    ``{0}``, ``{1}``, ... in tree order (the order of the unit's ``refs``)."""
    slots = iter(range(1 << 30))

    def expr(node):
        cls = node.__class__
        if cls is A.Number:
            return repr(float(node.value))
        if cls is A.Ref:
            return "{%d}" % next(slots)
        if cls is A.Unary:
            inner = expr(node.operand)
            return {"-": f"(-{inner})", "+": inner, "%": f"({inner}/100.0)"}[node.op]
        if cls is A.Binary:
            a, b = expr(node.left), expr(node.right)
            if node.op == "^":
                right = node.right
                if right.__class__ is A.Number and right.value == 2:
                    # as the array path computes x^2: one multiplication
                    return f"((_q:={a})*_q)"
                if right.__class__ is A.Number and right.value > 0:
                    return f"_mpow({a},{b})"     # no Excel error possible but overflow
                if node.left.__class__ is A.Ref:
                    # a reference is a local name in the block's code: test it inline
                    # (rules.power is math.pow but for 0 to a power)
                    return f"(_mpow({a},{b}) if {a} != 0.0 else _pow({a},{b}))"
                return f"_pow({a},{b})"
            return f"({a}{node.op}{b})"
        if cls is A.Func:
            if node.name == "IF":       # condition first: references in tree order
                c = cond(node.args[0])
                a = expr(node.args[1])
                return f"({a} if {c} else {expr(node.args[2])})"
            if node.name == "PI":
                return repr(math.pi)
            return f"{_FUNCS[node.name]}({expr(node.args[0])})"
        raise TypeError(cls.__name__)

    def cond(node):
        if node.__class__ is A.Binary and node.op in _COMPARE:
            a = expr(node.left)
            return f"_c{_COMPARE.index(node.op)}({a},{expr(node.right)})"
        return f"_truth({expr(node)})"

    return expr(tree)


def block_function(cells, stored):
    """Compile one block. ``cells``: (offset from the base b, template, references) in
    evaluation order, a reference being ("r", offset from b) or ("a", absolute index of
    a cell the block does not compute); ``stored``: offsets other blocks read, written
    back into v."""
    local = {}          # offset from b -> local name of a value computed above
    loads = {}          # what is read from v -> local name (loaded once per repetition)
    body = []
    for k, (d, tmpl, refs) in enumerate(cells):
        args = []
        for ref in refs:
            if ref[0] == "r" and ref[1] in local:
                args.append(local[ref[1]])
                continue
            src = f"v[b{ref[1]:+d}]" if ref[0] == "r" else f"v[{ref[1]}]"
            name = loads.get(src)
            if name is None:
                name = loads[src] = f"x{len(loads)}"
            args.append(name)
        name = f"c{k}"
        target = f"{name} = v[b{d:+d}]" if d in stored else name
        body.append(f"{target} = {tmpl.format(*args)}")
        local[d] = name
    lines = ["def f(v, o, b0, n, s):", "    for b in range(b0, b0 + n * s, s):"]
    lines += [f"        {name} = {src}" for src, name in loads.items()]
    lines += [f"        {line}" for line in body]
    lines.append(f"        o += ({', '.join(f'c{k}' for k in range(len(cells)))},)")
    env = dict(ENV)
    exec(compile("\n".join(lines) + "\n", "<sheetsolver tape>", "exec"), env)
    return env["f"]
