"""Math & trig: SUM, SUMSQ, SUMPRODUCT, SUMXMY2 family, MMULT, SQRT, EXP, LN, ..."""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, localcontext

import numpy as np

from ...values import DIV0, NA, VALUE
from ..batch import ERROR, NUMBER, V, bshape, error, to_number
from ..masked_select import where0
from .base import aggregate_args, elementwise, finish, propagate, register
from .counted_args import per_argument

# --- elementwise -----------------------------------------------------------------
elementwise("SQRT", np.sqrt, lambda x, out: (0.5 / out,))
elementwise("EXP", np.exp, lambda x, out: (out,))
elementwise("LN", lambda x: np.where(x > 0, np.log(np.where(x > 0, x, 1)), np.nan),
            lambda x, out: (1.0 / x,))
elementwise("LOG10", lambda x: np.where(x > 0, np.log10(np.where(x > 0, x, 1)), np.nan),
            lambda x, out: (1.0 / (x * np.log(10.0)),))
elementwise("LOG", lambda x, b: np.where((x > 0) & (b > 0) & (b != 1),
                                         np.log(np.where(x > 0, x, 1)) /
                                         np.log(np.where((b > 0) & (b != 1), b, 2)), np.nan),
            lambda x, b, out: (1.0 / (x * np.log(b)), -out / (b * np.log(b))),
            nargs=2, min_args=1, defaults=(None, 10.0),
            error_where=(lambda x, b: (x > 0) & (b == 1), DIV0))   # Excel: #DIV/0!, not #NUM!
elementwise("ABS", np.abs, lambda x, out: (np.sign(x),),
            note="ABS: subgradient 0 at x = 0")
elementwise("POWER", lambda x, y: np.where((x == 0) & (y <= 0), np.nan, np.power(x, y)),
            lambda x, y, out: (y * np.power(x, y - 1),
                               out * np.log(np.where(x > 0, x, 1.0))), nargs=2,
            error_where=(lambda x, y: (x == 0) & (y < 0), DIV0))
elementwise("INT", np.floor, lambda x, out: (np.zeros_like(x),),
            note="INT: piecewise constant, gradient 0")
elementwise("MOD", lambda n, d: np.where(d == 0, np.nan, n - d * np.floor(n / np.where(d == 0, 1, d))),
            lambda n, d, out: (np.ones_like(n), -np.floor(n / d)), nargs=2,
            error_where=(lambda n, d: d == 0, DIV0))
elementwise("SIGN", np.sign, lambda x, out: (np.zeros_like(x),))
elementwise("SIN", np.sin, lambda x, out: (np.cos(x),))
elementwise("COS", np.cos, lambda x, out: (-np.sin(x),))
elementwise("TAN", np.tan, lambda x, out: (1.0 / np.cos(x) ** 2,))


def _shown(v: float) -> Decimal:
    """The value as Excel holds it for rounding: its 15 significant digits (Excel rounds
    what it shows, so ROUND(1.05*(0.0284+0.0046)-0.0284, 4) is 0.0063, not 0.0062)."""
    return Decimal(format(float(v), ".15g"))


def _round_mode(mode):
    """ROUND / ROUNDUP / ROUNDDOWN at ``digits`` decimals (half away from zero / away from
    zero / towards zero), on the 15-digit decimal value."""
    def f(x, digits):
        def one(v, d):
            if not np.isfinite(v):
                return v
            q = Decimal(1).scaleb(-int(d))
            with localcontext() as ctx:
                ctx.prec = 1000          # 1e300 to 2 decimals has 303 digits
                return float(_shown(v).quantize(q, rounding=mode))
        return np.vectorize(one, otypes=[float])(x, np.trunc(digits))
    return f


_round = _round_mode(ROUND_HALF_UP)


def _round_dir(up: bool):
    return _round_mode(ROUND_UP if up else ROUND_DOWN)


elementwise("ROUNDUP", _round_dir(True), lambda x, d, out: (np.zeros_like(x), None), nargs=2)
elementwise("ROUNDDOWN", _round_dir(False), lambda x, d, out: (np.zeros_like(x), None), nargs=2)
elementwise("ROUND", _round, lambda x, d, out: (np.zeros_like(x), None), nargs=2,
            note="ROUND: piecewise constant, gradient 0")


@register("PI", modes=())
def _pi(ctx):
    return V(np.full((1, 1, 1), np.pi))


# --- aggregates --------------------------------------------------------------------
def _overflow_is_num(out: V) -> V:
    """A total beyond the largest double (SUM(1E+308,1E+308)) is #NUM! in Excel."""
    bad = ~np.isfinite(out.num)
    if not bad.any():
        return out
    from ...values import NUM
    from ..batch import ERROR, with_errors
    if out.kind is not None:
        bad &= out.kind != ERROR
    return with_errors(np.where(bad, 0.0, out.num), bad, NUM, out)


def _sum_impl(square: bool):
    def impl(ctx, *vals):
        if len(vals) == 1 and vals[0].kind is None:   # one all-number range: the common case
            x = vals[0].num
            with np.errstate(over="ignore", invalid="ignore"):
                return _overflow_is_num(V((x * x if square else x).sum(axis=(1, 2), keepdims=True)))
        parts, errs = aggregate_args(vals)
        total = 0.0
        with np.errstate(over="ignore", invalid="ignore"):
            for num, _ in parts:
                total = total + ((num * num) if square else num).sum(axis=(1, 2), keepdims=True)
        return _overflow_is_num(finish(np.asarray(total, float).reshape(-1, 1, 1), errs))

    def grad(ctx, vals, out, g):
        def part(num, mask):
            gv = g * (2 * num if square else np.ones_like(num))
            return gv if mask is None else np.where(mask, gv, 0.0)
        return per_argument(vals, part)
    return impl, grad


_impl, _grad = _sum_impl(False)
register("SUM", modes=("array",), grad=_grad)(_impl)
_impl, _grad = _sum_impl(True)
register("SUMSQ", modes=("array",), grad=_grad)(_impl)


def _pairs(x: V, y: V):
    """Values of two same-sized arrays and the mask of pairs where both are numbers."""
    if x.num.shape == y.num.shape and (x.kind is None) != (y.kind is None):
        return (y if x.kind is None else x).kind == NUMBER   # one side all numbers
    mx = np.ones(x.num.shape, bool) if x.kind is None else x.kind == NUMBER
    my = np.ones(y.num.shape, bool) if y.kind is None else y.kind == NUMBER
    return mx & my


def _masked(ok, parts, *inputs) -> tuple:
    """The parts with 0 where ``ok`` is False; a part that is a temporary (not one of
    the ``inputs``) is selected in place."""
    return tuple(where0(ok, q, None if any(q is v for v in inputs) else q) for q in parts)


def _times(g, t):
    """``g * t`` for a temporary ``t``, into ``t`` when ``g`` is one number."""
    if getattr(g, "shape", None) == (1, 1, 1) and t.ndim == 3:
        return np.multiply(g, t, out=t)
    return g * t


def _pair_fn(name, parts, f, dfx, dfy):
    """SUMXMY2 / SUMX2MY2 / SUMX2PY2: sum over pairs where BOTH are numbers (Excel skips
    a pair with a blank or text; LibreOffice does not, and differs there). ``parts(x, y)``:
    the arrays ``f`` and the derivatives take, computed once per evaluation: the gradient
    reuses them, and the pair mask, from its own forward call (``last``)."""
    last = [None]       # (x, y, pair mask, parts) of the latest call

    def impl(ctx, x, y):
        if x.num.shape[1:] != y.num.shape[1:] and x.num.shape[1] * x.num.shape[2] != \
                y.num.shape[1] * y.num.shape[2]:
            return error(NA)
        if x.num.shape[1:] != y.num.shape[1:]:
            y = V(y.num.reshape(y.num.shape[0], *x.num.shape[1:]),
                  None if y.kind is None else y.kind.reshape(y.num.shape[0], *x.num.shape[1:]),
                  None if y.obj is None else y.obj.reshape(y.num.shape[0], *x.num.shape[1:]))
        ok = _pairs(x, y)
        with np.errstate(all="ignore"):
            # the parts are 0 in the pairs skipped, so are the terms and the derivatives
            # there (the gradient needs no second select: grad)
            p = _masked(ok, parts(x.num, y.num), x.num, y.num)
            terms = f(*p)
        last[0] = (x, y, ok, p)
        out = terms.sum(axis=(1, 2), keepdims=True)
        errs = [v for v in (x, y) if v.kind is not None]
        return finish(out, errs)

    def grad(ctx, vals, out, g):
        x, y = vals
        hit = last[0]
        if hit is not None and hit[0] is x and hit[1] is y:
            ok, p = hit[2], hit[3]
        else:
            ok = _pairs(x, y)
            p = _masked(ok, parts(x.num, y.num), x.num, y.num)
        need = getattr(ctx, "need_args", None) or (True, True)   # skip constant arguments
        # g times a derivative that is 0 in the skipped pairs is 0 there already when g is
        # finite (a zero's sign aside, which adding into the gradient buffers drops)
        plain = bool(np.isfinite(g).all())
        return [(_times(g, df(*p)) if plain else where0(ok, g * df(*p))) if want else None
                for df, want in ((dfx, need[0]), (dfy, need[1]))]
    register(name, modes=("array", "array"), grad=grad, min_args=2, max_args=2,
             array_args=(0, 1))(impl)


def _both(x, y):
    return x, y


_pair_fn("SUMXMY2", lambda x, y: (x - y,), lambda d: d ** 2, lambda d: 2 * d, lambda d: -2 * d)
_pair_fn("SUMX2MY2", _both, lambda x, y: x * x - y * y, lambda x, y: 2 * x, lambda x, y: -2 * y)
_pair_fn("SUMX2PY2", _both, lambda x, y: x * x + y * y, lambda x, y: 2 * x, lambda x, y: 2 * y)


def _sp_nums(v: V):
    if v.kind is None:
        return v.num
    return np.where(v.kind == NUMBER, v.num, 0.0)


def _sumproduct(ctx, *vals):
    dims = {v.num.shape[1:] for v in vals}
    if len(dims) > 1:
        return error(VALUE)
    prod = None
    for v in vals:
        x = _sp_nums(v)
        prod = x if prod is None else prod * x
    out = prod.sum(axis=(1, 2), keepdims=True)
    return finish(out, [v for v in vals if v.kind is not None])


def _sumproduct_grad(ctx, vals, out, g):
    nums = [_sp_nums(v) for v in vals]
    res = []
    for i, v in enumerate(vals):
        other = np.ones(bshape(*(x.shape for x in nums)))
        for j, x in enumerate(nums):
            if j != i:
                other = other * x
        gi = g * other
        if v.kind is not None:
            gi = np.where(v.kind == NUMBER, gi, 0.0)
        res.append(gi)
    return res


register("SUMPRODUCT", modes=("array",), min_args=1, grad=_sumproduct_grad,
         array_args=tuple(range(255)))(_sumproduct)


def _mmult(ctx, a, b):
    if a.num.shape[2] != b.num.shape[1]:
        return error(VALUE)
    out = np.einsum("...ik,...kj->...ij", a.num, b.num)  # batched: einsum beats matmul here
    bad = None
    for v in (a, b):
        if v.kind is not None:
            m = (v.kind != NUMBER).reshape(v.num.shape[0], -1).any(axis=1)
            bad = m if bad is None else (bad | m) if bad.shape == m.shape else \
                np.broadcast_to(bad, bshape(bad.shape, m.shape)) | m
    if bad is None or not bad.any():
        return V(out)
    # MMULT is #VALUE! everywhere when an input holds a blank, text or boolean;
    # an input error is passed through instead
    n = out.shape[0]
    bad = np.broadcast_to(bad, (n,)).reshape(n, 1, 1)
    kind = np.where(bad, ERROR, NUMBER).astype(np.int8) * np.ones(out.shape, np.int8)
    obj = np.empty(out.shape, object)
    for v in (b, a):
        if v.kind is not None:
            em = (v.kind == ERROR).reshape(v.num.shape[0], -1)
            for i in range(n):
                row = em[min(i, em.shape[0] - 1)]
                if row.any():
                    obj[i] = v.obj.reshape(v.num.shape[0], -1)[min(i, em.shape[0] - 1)][row.argmax()]
    for i in range(n):
        if bad[i, 0, 0] and obj[i, 0, 0] is None:
            obj[i] = VALUE
    return V(np.where(bad, 0.0, out), kind, obj)


def _mmult_grad(ctx, vals, out, g):
    a, b = vals
    ga = np.einsum("...ij,...kj->...ik", g, b.num)   # g @ b^T
    gb = np.einsum("...ki,...kj->...ij", a.num, g)   # a^T @ g
    return [ga, gb]


register("MMULT", modes=("array", "array"), min_args=2, max_args=2, grad=_mmult_grad,
         array_args=(0, 1))(_mmult)


@register("TRANSPOSE", modes=("array",), min_args=1, max_args=1, array_args=(0,),
          grad=lambda ctx, vals, out, g: [np.swapaxes(g, 1, 2)])
def _transpose(ctx, a):
    t = lambda x: None if x is None else np.swapaxes(x, 1, 2)  # noqa: E731
    return V(t(a.num), t(a.kind), t(a.obj))


@register("RAND", modes=(), volatile=True, zero_grad=True)
def _rand(ctx):
    return V(ctx.engine.rng.random((ctx.n, 1, 1)))


@register("RANDBETWEEN", modes=("value", "value"), volatile=True, zero_grad=True,
          min_args=2, max_args=2)
def _randbetween(ctx, lo, hi):
    lo, hi = to_number(lo), to_number(hi)
    lo_i, hi_i = np.ceil(lo.num), np.floor(hi.num)
    shape = bshape(lo.num.shape, hi.num.shape, (ctx.n, 1, 1))
    bad = np.broadcast_to(lo_i > hi_i, shape)
    u = ctx.engine.rng.random(shape)
    out = np.floor(lo_i + u * (hi_i - lo_i + 1))
    res = propagate(np.where(bad, 0.0, out), lo, hi)
    if bad.any():
        from ..batch import with_errors
        from ...values import NUM
        res = with_errors(res.num, bad, NUM, res)
    return res


# --- Excel category and help page of each function defined here ---------------------
from .base import describe  # noqa: E402

_MS = "https://support.microsoft.com/en-us/office/"
_MATH_TRIG = {
    "ABS": "abs-function-3420200f-5628-4e8c-99da-c99d7c87713c",
    "EXP": "exp-function-c578f034-2c45-4c37-bc8c-329660a63abe",
    "LN": "ln-function-81fe1ed7-dac9-4acd-ba1d-07a142c6118f",
    "LOG": "log-function-4e82f196-1ca9-4747-8fb0-6c4a3abb3280",
    "LOG10": "log10-function-c75b881b-49dd-44fb-b6f4-37e3486a0211",
    "POWER": "power-function-d3f2908b-56f4-4c3f-895a-07fb519c362a",
    "SQRT": "sqrt-function-654975c2-05c4-4831-9a24-2c65e4040fdf",
    "ROUND": "round-function-c018c5d8-40fb-4053-90b1-b3e7f61a213c",
    "ROUNDUP": "roundup-function-f8bc9b23-e795-47db-8703-db171d0c42a7",
    "ROUNDDOWN": "rounddown-function-2ec94c73-241f-4b01-8c6f-17e6d7968f53",
    "INT": "int-function-a6c4af9e-356d-4369-ab6a-cb1fd9d343ef",
    "MOD": "mod-function-9b6cd169-b6ee-406a-a97b-edf2a9dc24f3",
    "SIGN": "sign-function-109c932d-fcdc-4023-91f1-2dd0e916a1d8",
    "PI": "pi-function-264199d0-a3ba-46b8-975a-c4a04608989b",
    "SIN": "sin-function-cf0e3432-8b9e-483c-bc55-a76651c95602",
    "COS": "cos-function-0fb808a5-95d6-4553-8148-22aebdce5f05",
    "TAN": "tan-function-08851a40-179f-4052-b789-d7f699447401",
    "SUM": "sum-function-043e1c7d-7726-4e80-8f32-07b23e057f89",
    "SUMSQ": "sumsq-function-e3313c02-51cc-4963-aae6-31442d9ec307",
    "SUMPRODUCT": "sumproduct-function-16753e75-9f68-4874-94ac-4d2145a2fd2e",
    "SUMXMY2": "sumxmy2-function-9d144ac1-4d79-43de-b524-e2ecee23b299",
    "SUMX2MY2": "sumx2my2-function-9e599cc5-5399-48e9-a5e0-e37812dfa3e9",
    "SUMX2PY2": "sumx2py2-function-826b60b4-0aa2-4e5e-81d2-be704d3d786f",
    "MMULT": "mmult-function-40593ed7-a3cd-4b6b-b9a3-e4ad3c7245eb",
    "RAND": "rand-function-4cbfa695-8869-4788-8d90-021ea9f5be73",
    "RANDBETWEEN": "randbetween-function-4cc7f0d1-87dc-4eb7-987f-a469ab381685",
}
describe("Math & Trig", _MATH_TRIG, _MS)
