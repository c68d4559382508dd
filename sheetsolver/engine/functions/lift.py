"""Define an Excel function on plain Python scalars; the engine lifts it over batches.

Most of Excel's library is scalar math (DATE, PMT, NORM.DIST, SUBSTITUTE, ...). Writing
each one on batched :class:`V` arrays would repeat Excel's argument rules hundreds of
times, so such a function is written once on Python values and declared with a
*parameter spec*, one letter per argument::

    @excel("PMT", "nnnnn", min_args=3, category="Financial", help="pmt-function-...")
    def pmt(rate, nper, pv, fv=0.0, typ=0.0): ...

Letters (coercion by :mod:`sheetsolver.rules`; an error in a coerced argument is the
result, the first argument's error winning):

- ``n`` number: blank 0, TRUE 1, numeric text its number, other text #VALUE!
- ``i`` integer: a number truncated toward zero (Excel truncates integer arguments)
- ``s`` text: numbers in General format, TRUE/FALSE, blank ""
- ``b`` logical: numbers non-zero, "TRUE"/"FALSE", blank FALSE
- ``x`` any scalar as it is (None, float, str, bool, ExcelError); no error check
- ``A`` an array, passed whole as a 2-D list of scalars (ranges are not intersected)
- ``N`` numbers the way SUM sees an argument: from references and arrays only the
  numbers (errors propagate), typed-in values coerced; a flat list of floats
- ``V`` every value of a reference or array, flat, as they are (COUNTA-like)
- ``T`` numbers the way AVERAGEA/MAXA/STDEVA see an argument: from references and
  arrays TRUE is 1, FALSE and text 0, blanks skipped (errors propagate); typed-in
  values as ``N``; a flat list of floats

A trailing ``*`` repeats the last letter for any number of further arguments
(``"N*"``: SUM-like). An omitted argument in the middle (``F(1,,2)``) is a blank,
as in Excel. Optional arguments not given take the Python default.

Scalar letters (``n i s b x``) are lifted: given an array (in an array formula, or
an array constant), the function is applied element by element with Excel's
broadcasting (a single row or column is repeated; a mismatch pads #N/A).

The result is a scalar or a 2-D list (an array result, e.g. SEQUENCE). A float that
is inf or nan becomes #NUM!. ``deriv`` (optional) gives the partial derivatives of a
function of ``n`` arguments as a tuple of floats at one point, so the solver can
differentiate through it.
"""
from __future__ import annotations

import math

import numpy as np

from ...rules import to_bool, to_number, to_text
from ...values import NA, NUM, VALUE, ExcelError
from ..batch import BLANK, BOOL, ERROR, NUMBER, TEXT, V, element
from ..grid import RefV
from .base import CATEGORIES, HELP, Function, add, is_ref

_SCALAR = set("nisbx")
__all__ = ["excel", "CATEGORIES", "HELP"]   # the tables are views of the registry (base.py)


def _coerce(letter: str, x):
    if letter == "x":
        return x
    if isinstance(x, ExcelError):
        return x
    if letter == "n":
        return to_number(x)
    if letter == "i":
        v = to_number(x)
        if isinstance(v, ExcelError):
            return v
        if not math.isfinite(v) or abs(v) > 2 ** 53:
            return NUM
        return int(math.trunc(v))
    if letter == "s":
        return to_text(x)
    if letter == "b":
        return to_bool(x)
    raise ValueError(letter)


def _numbers_like_sum(v: V, i: int, typed: bool):
    """Numbers of one argument for SUM-like functions, or an ExcelError."""
    n, h, w = v.num.shape
    i = min(i, n - 1)
    if typed:   # a typed-in scalar: coerced, non-numeric text is #VALUE!
        x = element(v, i, 0, 0)
        if x is None:
            return []
        y = to_number(x)
        return y if isinstance(y, ExcelError) else [y]
    if v.kind is None:
        return v.num[i].ravel().tolist()
    k = v.kind[i].ravel()
    err = np.nonzero(k == ERROR)[0]
    if err.size:
        return v.obj[i].ravel()[err[0]]
    return v.num[i].ravel()[k == NUMBER].tolist()


def _numbers_like_a(v: V, i: int, typed: bool):
    """Numbers of one argument for the A-variants (AVERAGEA, ...), or an ExcelError."""
    if typed or v.kind is None:
        return _numbers_like_sum(v, i, typed)
    n, h, w = v.num.shape
    i = min(i, n - 1)
    k = v.kind[i].ravel()
    err = np.nonzero(k == ERROR)[0]
    if err.size:
        return v.obj[i].ravel()[err[0]]
    num = np.where(k == TEXT, 0.0, v.num[i].ravel())
    return num[k != BLANK].tolist()


def _all_values(v: V, i: int):
    n, h, w = v.num.shape
    i = min(i, n - 1)
    return [element(v, i, r, c) for r in range(h) for c in range(w)]


def _grid(v: V, i: int):
    n, h, w = v.num.shape
    i = min(i, n - 1)
    return [[element(v, i, r, c) for c in range(w)] for r in range(h)]


def _result_to_v(results: list) -> V:
    """Per batch element a scalar or 2-D list -> V of shape (n, H, W), #N/A padded."""
    n = len(results)
    grids = [r if isinstance(r, list) else [[r]] for r in results]
    H = max(len(g) for g in grids)
    W = max((len(row) for g in grids for row in g), default=1)
    H, W = max(H, 1), max(W, 1)
    num = np.zeros((n, H, W))
    kind = np.ones((n, H, W), np.int8)
    obj = np.empty((n, H, W), object)
    plain = True
    for i, g in enumerate(grids):
        for r in range(H):
            row = g[r] if r < len(g) else None
            for c in range(W):
                x = row[c] if row is not None and c < len(row) else NA
                if isinstance(x, bool):
                    kind[i, r, c], num[i, r, c] = BOOL, float(x)
                    plain = False
                elif isinstance(x, (int, float)):
                    if isinstance(x, float) and not math.isfinite(x):
                        kind[i, r, c], obj[i, r, c] = ERROR, NUM
                        plain = False
                    else:
                        num[i, r, c] = x
                elif x is None:
                    kind[i, r, c] = BLANK
                    plain = False
                elif isinstance(x, ExcelError):
                    kind[i, r, c], obj[i, r, c] = ERROR, x
                    plain = False
                else:
                    kind[i, r, c], obj[i, r, c] = TEXT, str(x)
                    plain = False
    return V(num) if plain else V(num, kind, obj)


def _broadcast_dims(dims):
    """Excel's shape for element-wise arrays: the largest height and width; (1, 1)
    and single rows/columns repeat, others pad with #N/A."""
    H = max(h for h, w in dims)
    W = max(w for h, w in dims)
    return H, W


def _pick(g, r, c):
    h, w = len(g), len(g[0])
    rr = 0 if h == 1 else r
    cc = 0 if w == 1 else c
    if rr >= h or cc >= w:
        return NA
    return g[rr][cc]


def excel(name: str, spec: str, *, min_args: int | None = None, max_args: int | None = None,
          category: str = "", help: str = "", volatile: bool = False, ctx: bool = False,
          deriv=None, grad=None, note: str = "", zero_grad: bool | None = None,
          shared_arrays: bool = False):
    """Register ``fn`` (a function of Python scalars) as the Excel function ``name``.

    ``shared_arrays=True`` promises that ``fn`` never modifies the 2-D lists it gets:
    an ``A`` argument common to all cells of a group (a lookup table) is then
    converted once per group instead of once per cell. ``grad`` (instead of ``deriv``)
    is a batch-level gradient ``grad(ctx, vals, out, g)`` as :class:`Function` takes."""
    repeat = spec.endswith("*")
    letters = spec.rstrip("*")

    def letter(k):
        if k < len(letters):
            return letters[k]
        return letters[-1]

    def deco(fn):
        import inspect
        params = [p for p in inspect.signature(fn).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if ctx:
            params = params[1:]
        lo = min_args if min_args is not None else sum(
            1 for p in params if p.default is p.empty and p.kind != p.VAR_POSITIONAL)
        hi = max_args if max_args is not None else (255 if repeat else len(letters))
        modes = tuple("array" if ch in "ANVT" else "value" for ch in letters)

        def impl(c, *args):
            letters_here = [letter(k) for k in range(len(args))]
            n = 1
            for a in args:
                if isinstance(a, RefV):
                    continue
                n = max(n, a.num.shape[0])
            # element-wise lifting applies when a scalar argument holds an array
            lifted = [k for k, (a, ch) in enumerate(zip(args, letters_here))
                      if ch in _SCALAR and not getattr(a, "missing", False)
                      and a.num.shape[1:] != (1, 1)]
            shared = {k: _grid(a, 0) for k, (a, ch) in enumerate(zip(args, letters_here))
                      if shared_arrays and n > 1 and ch == "A"
                      and not getattr(a, "missing", False) and a.num.shape[0] == 1}
            out = []
            for i in range(n):
                out.append(_call_one(fn, c if ctx else None, args, letters_here, i, lifted,
                                     shared))
            return _result_to_v(out)

        def _call_one(fn, c, args, lts, i, lifted, shared=None):
            fixed = []
            for k, (a, ch) in enumerate(zip(args, lts)):
                if getattr(a, "missing", False):
                    # F(1,,3): a blank; N lists (SUM-like) skip it; T lists (MAXA,
                    # AVERAGEA) count it as 0, as MIN/MAX do (stats._minmax)
                    fixed.append(_coerce(ch, None) if ch in _SCALAR else
                                 [] if ch == "N" else [0.0] if ch == "T" else
                                 [None] if ch == "V" else None)
                elif ch in _SCALAR:
                    fixed.append(None if k in lifted else element(a, min(i, a.num.shape[0] - 1),
                                                                 0, 0))
                elif ch == "A":
                    fixed.append(shared[k] if shared and k in shared else _grid(a, i))
                elif ch == "N":
                    fixed.append(_numbers_like_sum(a, i, typed=not is_ref(a)))
                elif ch == "T":
                    fixed.append(_numbers_like_a(a, i, typed=not is_ref(a)))
                else:  # V
                    fixed.append(_all_values(a, i))
            if not lifted:
                return _apply(fn, c, fixed, lts)
            grids = {k: _grid(args[k], i) for k in lifted}
            H, W = _broadcast_dims([(len(g), len(g[0])) for g in grids.values()])
            res = []
            for r in range(H):
                row = []
                for cc in range(W):
                    xs = list(fixed)
                    for k, g in grids.items():
                        xs[k] = _pick(g, r, cc)
                    y = _apply(fn, c, xs, lts)
                    row.append(y[0][0] if isinstance(y, list) else y)
                res.append(row)
            return res

        def _apply(fn, c, xs, lts):
            call = []
            for x, ch in zip(xs, lts):
                if ch in _SCALAR:
                    y = _coerce(ch, x)
                    if isinstance(y, ExcelError) and ch != "x":
                        return y
                    call.append(y)
                elif ch in "NT":
                    if isinstance(x, ExcelError):
                        return x
                    call.append(x)
                else:
                    call.append(x)
            try:
                y = fn(c, *call) if ctx else fn(*call)
            except (ZeroDivisionError,):
                from ...values import DIV0
                return DIV0
            except (OverflowError, ValueError, ArithmeticError):
                return NUM
            if isinstance(y, float) and not math.isfinite(y) or isinstance(y, complex):
                return NUM   # inf, nan, or Python's complex power of a negative number
            return y

        gradient = grad
        if deriv is not None:
            def gradient(c, vals, out, g):
                n = max(v.num.shape[0] for v in vals)
                shape = out.num.shape
                parts = [np.zeros(shape) for _ in vals]
                for i in range(n):
                    for r in range(shape[1]):
                        for cc in range(shape[2]):
                            xs = []
                            for v in vals:
                                vi = min(i, v.num.shape[0] - 1)
                                rr = 0 if v.num.shape[1] == 1 else r
                                c2 = 0 if v.num.shape[2] == 1 else cc
                                x = to_number(element(v, vi, rr, c2))
                                xs.append(0.0 if isinstance(x, ExcelError) else x)
                            try:
                                d = deriv(*xs)
                            except (ArithmeticError, ValueError):
                                d = (0.0,) * len(xs)
                            for k, dk in enumerate(d[:len(vals)]):
                                parts[k][i, r, cc] = 0.0 if dk is None else dk
                gg = np.broadcast_to(g, shape)
                res = []
                for k, v in enumerate(vals):
                    pk = gg * parts[k]
                    # sum back to the argument's own shape
                    axes = tuple(ax for ax in range(3) if v.num.shape[ax] == 1 and shape[ax] != 1)
                    if axes:
                        pk = pk.sum(axis=axes, keepdims=True)
                    res.append(pk)
                return res

        add(Function(name, impl, modes, grad=gradient, volatile=volatile,
                     zero_grad=bool(zero_grad),
                     min_args=lo, max_args=hi, note=note,
                     # only array-typed (A) parameters are evaluated as arrays in a plain
                     # formula; N/V/T lists (number1, ...) see an expression like SUM
                     # does: implicitly intersected (a cell stored without the array flag
                     # is a legacy formula: support.microsoft.com "Implicit intersection
                     # operator: @")
                     array_args=tuple(k for k, ch in enumerate(letters) if ch == "A") +
                     ((tuple(range(len(letters), 255)) if repeat and letters
                       and letters[-1] == "A" else ())),
                     repeat=1, category=category, help=help))
        return fn
    return deco
