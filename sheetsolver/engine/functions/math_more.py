"""Math & Trig beyond the basics of math_.py: inverse and hyperbolic trigonometry,
Excel's rounding family (CEILING/FLOOR and their .MATH/.PRECISE forms, MROUND, EVEN,
ODD, TRUNC), combinatorics, PRODUCT, number bases and Roman numerals, matrices
(MDETERM, MINVERSE, MUNIT) and SERIESSUM. SUBTOTAL and AGGREGATE live in
math_subtotal.py (they need references).

Each function is written on Python scalars with :func:`excel` (lift.py); Excel's
coercion rules come from sheetsolver.rules through the parameter letters.
"""
from __future__ import annotations

import math
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

import numpy as np

from ...rules import to_number
from ...values import DIV0, NUM, VALUE, ExcelError
from ..batch import NUMBER
from .base import is_ref
from .lift import _numbers_like_sum   # PRODUCT's gradient: the numbers its forward pass took
from .lift import excel

_MS = "https://support.microsoft.com/en-us/excel/functions/"
_TRIG = "Math & Trig"


def _help(page: str) -> str:
    """The function's page on Excel's help site ("acos" -> .../acos-function)."""
    return f"{_MS}{page}-function"


# --- trigonometry and hyperbolic functions -------------------------------------------
_BIG = 2.0 ** 27   # Excel's limit for COT, CSC, SEC and friends: #NUM! at or above


def _trig(name, f, d, slug, limit=False):
    def fn(x):
        if limit and abs(x) >= _BIG:
            return NUM
        return f(x)
    fn.__name__ = name.lower()
    excel(name, "n", category=_TRIG, help=_help(slug), deriv=d)(fn)


def _acot(x):
    return math.pi / 2 - math.atan(x)


def _acoth(x):
    if abs(x) <= 1:
        return NUM
    return 0.5 * math.log((x + 1) / (x - 1))


def _reciprocal(f):
    """x -> 1 / f(x), #DIV/0! at x = 0 (COT, COTH, CSC)."""
    return lambda x: DIV0 if x == 0 else 1.0 / f(x)


_cot, _coth, _csc = _reciprocal(math.tan), _reciprocal(math.tanh), _reciprocal(math.sin)


def _csch(x):
    if x == 0:
        return DIV0
    return 1.0 / math.sinh(x) if abs(x) < 700 else math.copysign(0.0, x)


def _sech(x):
    return 1.0 / math.cosh(x) if abs(x) < 700 else 0.0


_trig("ACOS", math.acos, lambda x: (-1 / math.sqrt(1 - x * x),), "acos")
_trig("ACOSH", math.acosh, lambda x: (1 / math.sqrt(x * x - 1),), "acosh")
_trig("ACOT", _acot, lambda x: (-1 / (1 + x * x),), "acot")
_trig("ACOTH", _acoth, lambda x: (1 / (1 - x * x),), "acoth")
_trig("ASIN", math.asin, lambda x: (1 / math.sqrt(1 - x * x),), "asin")
_trig("ASINH", math.asinh, lambda x: (1 / math.sqrt(x * x + 1),), "asinh")
_trig("ATAN", math.atan, lambda x: (1 / (1 + x * x),), "atan")
_trig("ATANH", lambda x: NUM if abs(x) >= 1 else math.atanh(x), lambda x: (1 / (1 - x * x),),
      "atanh")
_trig("COSH", math.cosh, lambda x: (math.sinh(x),), "cosh")
_trig("SINH", math.sinh, lambda x: (math.cosh(x),), "sinh")
_trig("TANH", math.tanh, lambda x: (1 - math.tanh(x) ** 2,), "tanh")
_trig("COT", _cot, lambda x: (-1 / math.sin(x) ** 2,), "cot", limit=True)
_trig("COTH", _coth, lambda x: (-1 / math.sinh(x) ** 2,), "coth", limit=True)
_trig("CSC", _csc, lambda x: (-math.cos(x) / math.sin(x) ** 2,), "csc", limit=True)
_trig("CSCH", _csch, lambda x: (-math.cosh(x) / math.sinh(x) ** 2,), "csch", limit=True)
_trig("SEC", lambda x: 1.0 / math.cos(x), lambda x: (math.sin(x) / math.cos(x) ** 2,),
      "sec", limit=True)
_trig("SECH", _sech, lambda x: (-math.tanh(x) * _sech(x),), "sech", limit=True)
_trig("DEGREES", math.degrees, lambda x: (180 / math.pi,), "degrees")
_trig("RADIANS", math.radians, lambda x: (math.pi / 180,), "radians")
_trig("SQRTPI", lambda x: NUM if x < 0 else math.sqrt(x * math.pi),
      lambda x: (math.pi / (2 * math.sqrt(x * math.pi)),), "sqrtpi")


@excel("ATAN2", "nn", category=_TRIG, deriv=lambda x, y: (-y / (x * x + y * y),
                                                         x / (x * x + y * y)),
       help=_help("atan2"))
def atan2(x, y):
    """ATAN2(x_num, y_num): the angle of the point (x, y); both 0 is #DIV/0!."""
    if x == 0 and y == 0:
        return DIV0
    return math.atan2(y, x)


# --- rounding ------------------------------------------------------------------------
def _dec(x: float) -> Decimal:
    return Decimal(repr(float(x)))


def _multiple(x: float, s: float, rounding) -> float:
    """x rounded to a multiple of s, on the decimal values (FLOOR(1.58,0.1) is 1.5)."""
    with localcontext() as c:
        c.prec = 60
        q = (_dec(x) / _dec(s)).quantize(Decimal(1), rounding=rounding)
        return float(q * _dec(s))


_ZERO_GRAD = dict(category=_TRIG, zero_grad=True)


@excel("CEILING", "nn", **_ZERO_GRAD,
       help=_help("ceiling"))
def ceiling(x, s):
    """CEILING: up to a multiple of significance; a positive number with a negative
    significance is #NUM!; negative numbers round toward zero unless both are negative."""
    if s == 0 or x == 0:
        return 0.0
    if x > 0 and s < 0:
        return NUM
    return _multiple(x, s, ROUND_CEILING)


@excel("FLOOR", "nn", **_ZERO_GRAD,
       help=_help("floor"))
def floor(x, s):
    """FLOOR: down to a multiple of significance (#DIV/0! for 0 significance)."""
    if x > 0 and s < 0:
        return NUM
    if s == 0:
        return 0.0 if x == 0 else DIV0
    return _multiple(x, s, ROUND_FLOOR)


def _to_multiple(usual, negative_with_mode):
    """x to a multiple of |significance| rounded ``usual``; a negative x with a non-zero
    mode rounded ``negative_with_mode`` instead (the .MATH forms; the .PRECISE and ISO
    forms take no mode)."""
    def fn(x, s=1.0, mode=0.0):
        s = abs(s)
        if s == 0 or x == 0:
            return 0.0
        return _multiple(x, s, negative_with_mode if x < 0 and mode != 0 else usual)
    return fn


ceiling_math = _to_multiple(ROUND_CEILING, ROUND_FLOOR)
ceiling_math.__doc__ = """CEILING.MATH: significance's sign ignored; negative numbers toward
    zero, or away from zero when mode is non-zero."""
floor_math = _to_multiple(ROUND_FLOOR, ROUND_CEILING)
floor_math.__doc__ = """FLOOR.MATH: significance's sign ignored; negative numbers away from
    zero, or toward zero when mode is non-zero."""

for _name, _spec, _fn in (("CEILING.MATH", "nnn", ceiling_math),
                          ("FLOOR.MATH", "nnn", floor_math),
                          ("CEILING.PRECISE", "nn", ceiling_math),
                          ("ISO.CEILING", "nn", ceiling_math),
                          ("FLOOR.PRECISE", "nn", floor_math)):
    excel(_name, _spec, min_args=1, **_ZERO_GRAD, help=_help(_name.lower().replace(".", "-")))(_fn)


@excel("MROUND", "nn", **_ZERO_GRAD,
       help=_help("mround"))
def mround(x, m):
    """MROUND: nearest multiple (halves away from zero); signs that differ are #NUM!."""
    if m == 0 or x == 0:
        return 0.0
    if (x > 0) != (m > 0):
        return NUM
    return _multiple(x, m, ROUND_HALF_UP)


@excel("EVEN", "n", **_ZERO_GRAD,
       help=_help("even"))
def even(x):
    """EVEN: away from zero to the nearest even integer."""
    k = 2.0 * math.ceil(_dec(abs(x)) / 2)
    return math.copysign(k, x) if x else 0.0


@excel("ODD", "n", **_ZERO_GRAD,
       help=_help("odd"))
def odd(x):
    """ODD: away from zero to the nearest odd integer (ODD(0) is 1)."""
    k = math.ceil(_dec(abs(x)))
    if k % 2 == 0:
        k += 1
    return float(-k if x < 0 else k)


@excel("TRUNC", "nn", min_args=1, **_ZERO_GRAD,
       help=_help("trunc"))
def trunc(x, digits=0.0):
    """TRUNC: cut to ``digits`` decimals on the 15-digit value Excel shows, as ROUNDDOWN
    (TRUNC(-(0.1+0.7),1) is -0.8, not -0.7)."""
    from .math_ import _shown
    d = int(math.trunc(digits))
    if d > 330 or x == 0:
        return x
    with localcontext() as c:
        c.prec = 1000          # -1E+300 to 20 decimals has 321 digits
        return float(_shown(x).quantize(Decimal(1).scaleb(-d), rounding=ROUND_DOWN))


@excel("QUOTIENT", "nn", **_ZERO_GRAD,
       help=_help("quotient"))
def quotient(n, d):
    """QUOTIENT: the integer part of n/d (toward zero)."""
    if d == 0:
        return DIV0
    return float(math.trunc(n / d))


# --- combinatorics and products -----------------------------------------------------
def _factorial_of_truncated(n, limit: int, product):
    """``product(k)`` for k the truncated n (FACT, FACTDOUBLE): #NUM! for a negative n
    or a k above ``limit``, where the result would overflow a double."""
    if n < 0:
        return NUM
    k = int(math.trunc(n))
    if k > limit:
        return NUM
    return float(product(k))


def _double_factorial(k: int) -> int:
    """k!! = k (k-2) (k-4) ... down to 1 or 2, exactly; 1 for k <= 1."""
    out = 1
    while k > 1:
        out *= k
        k -= 2
    return out


@excel("FACT", "n", **_ZERO_GRAD,
       help=_help("fact"))
def fact(n):
    """FACT: n! of the truncated number; negative is #NUM!."""
    return _factorial_of_truncated(n, 170, math.factorial)


@excel("FACTDOUBLE", "n", **_ZERO_GRAD,
       help=_help("factdouble"))
def factdouble(n):
    """FACTDOUBLE: n!! of the truncated number; negative is #NUM!."""
    return _factorial_of_truncated(n, 300, _double_factorial)


@excel("COMBIN", "nn", **_ZERO_GRAD,
       help=_help("combin"))
def combin(n, k):
    """COMBIN: ways to choose k of n (both truncated); n < k or negatives are #NUM!."""
    n, k = int(math.trunc(n)), int(math.trunc(k))
    if n < 0 or k < 0 or n < k:
        return NUM
    return float(math.comb(n, k))


@excel("COMBINA", "nn", **_ZERO_GRAD,
       help=_help("combina"))
def combina(n, k):
    """COMBINA: combinations with repetition, COMBIN(n+k-1, k)."""
    n, k = int(math.trunc(n)), int(math.trunc(k))
    if n < 0 or k < 0:
        return NUM
    if n == 0:
        return 1.0 if k == 0 else 0.0
    return float(math.comb(n + k - 1, k))


def _whole_numbers(lists):
    """The numbers of all arguments as truncated non-negative integers (GCD, LCM,
    MULTINOMIAL), or #NUM!."""
    out = []
    for x in (x for xs in lists for x in xs):
        if x < 0 or x >= 2.0 ** 53:
            return NUM
        out.append(int(math.trunc(x)))
    return out


def _coerced_values(lists):
    """GCD/LCM read every value of their arguments, arrays included: numeric text is its
    number ({4,"-5"} is #NUM!), other text #VALUE! (the help pages: "If any argument is
    nonnumeric ... #VALUE!"); blanks are skipped."""
    out = []
    for x in (x for xs in lists for x in xs if x is not None):
        y = to_number(x)
        if isinstance(y, ExcelError):
            return y
        out.append(y)
    return [out]


def _gcd_like(lists):
    xs = _coerced_values(lists)
    return xs if isinstance(xs, ExcelError) else _whole_numbers(xs)


@excel("GCD", "V*", min_args=1, **_ZERO_GRAD,
       help=_help("gcd"))
def gcd(*lists):
    ks = _gcd_like(lists)
    return ks if isinstance(ks, ExcelError) else float(math.gcd(*ks)) if ks else 0.0


@excel("LCM", "V*", min_args=1, **_ZERO_GRAD,
       help=_help("lcm"))
def lcm(*lists):
    ks = _gcd_like(lists)
    return ks if isinstance(ks, ExcelError) else float(math.lcm(*ks)) if ks else 0.0


@excel("MULTINOMIAL", "N*", min_args=1, **_ZERO_GRAD,
       help=_help("multinomial"))
def multinomial(*lists):
    """MULTINOMIAL: (a+b+...)! / (a! b! ...) of the truncated numbers."""
    ks = _whole_numbers(lists)
    if isinstance(ks, ExcelError):
        return ks
    if sum(ks) > 170:
        return NUM
    out = math.factorial(sum(ks))
    for k in ks:
        out //= math.factorial(k)
    return float(out)


def product(*lists):
    """PRODUCT: the product of the numbers (0 when there are none), SUM's argument rules."""
    xs = [x for xs in lists for x in xs]
    return math.prod(xs) if xs else 0.0


def _product_grad(ctx, vals, out, g):
    """Partials of PRODUCT for each counted number: the product of all the others."""
    n = max(v.num.shape[0] for v in vals)
    grads = [np.zeros(v.num.shape) for v in vals]
    gg = np.broadcast_to(g, (max(n, g.shape[0]),) + g.shape[1:])
    for i in range(n):
        entries = []   # (argument, flat position or None for a typed scalar, value)
        for k, v in enumerate(vals):
            if getattr(v, "missing", False):
                continue
            typed = not is_ref(v)
            xs = _numbers_like_sum(v, i, typed)
            if isinstance(xs, ExcelError):
                entries = None
                break
            if typed:
                entries += [(k, 0, x) for x in xs]
                continue
            j = min(i, v.num.shape[0] - 1)
            pos = np.arange(v.num[j].size) if v.kind is None else \
                np.nonzero(v.kind[j].ravel() == NUMBER)[0]
            entries += [(k, int(p), x) for p, x in zip(pos, xs)]
        if not entries:
            continue
        xs = [e[2] for e in entries]
        pre = np.concatenate([[1.0], np.cumprod(xs)[:-1]])
        suf = np.concatenate([np.cumprod(xs[::-1])[::-1][1:], [1.0]])
        gi = float(gg[min(i, gg.shape[0] - 1)].ravel()[0])
        for (k, p, _), d in zip(entries, pre * suf):
            j = min(i, grads[k].shape[0] - 1)
            flat = grads[k][j].reshape(-1)
            flat[p] += gi * d
    return grads


excel("PRODUCT", "N*", min_args=1, category=_TRIG, help=_help("product"), grad=_product_grad,
      note="PRODUCT: product rule (d/dx_i is the product of the other numbers)")(product)


def _percentof_agrad(subset, whole):
    """d/d subset_i = 1/S_all, d/d all_j = -S_subset/S_all^2 (None where an error)."""
    if not (isinstance(subset, list) and isinstance(whole, list)):
        return None
    total = sum(whole)
    return [1.0 / total] * len(subset), [-sum(subset) / total ** 2] * len(whole)


@excel("PERCENTOF", "NN", category=_TRIG, help=_help("percentof"),
       note="PERCENTOF: quotient rule of SUM(data_subset)/SUM(data_all)")
def percentof(subset, whole):
    """PERCENTOF: SUM(data_subset) / SUM(data_all), its help page's definition."""
    total = sum(whole)
    return DIV0 if total == 0 else sum(subset) / total


def _register_percentof_grad():
    from .base import FUNCTIONS
    from .stat_grad import array_grad
    FUNCTIONS["PERCENTOF"].grad = array_grad("NN", _percentof_agrad)


_register_percentof_grad()


@excel("SERIESSUM", "nnnV", category=_TRIG,
       help=_help("seriessum"))
def seriessum(x, n, m, coefficients):
    """SERIESSUM: sum of a_i * x^(n + i*m); a non-numeric coefficient is #VALUE!."""
    total = 0.0
    for i, a in enumerate(coefficients):
        if isinstance(a, ExcelError):
            return a
        if isinstance(a, bool) or not isinstance(a, (int, float)):
            return VALUE
        if x == 0 and n + i * m <= 0:
            if n + i * m < 0:
                return NUM
            total += a
            continue
        p = n + i * m
        if x < 0 and p != int(p):   # a negative number to a fractional power: #NUM!,
            return NUM              # as POWER (Python would give a complex number)
        total += a * x ** p
    return total


# --- number systems -----------------------------------------------------------------
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@excel("BASE", "nnn", min_args=2, **_ZERO_GRAD,
       help=_help("base"))
def base(number, radix, min_length=0.0):
    """BASE: a non-negative integer as text in radix 2..36, zero-padded to min_length."""
    number, radix, min_length = math.trunc(number), math.trunc(radix), math.trunc(min_length)
    if number < 0 or number >= 2 ** 53 or not 2 <= radix <= 36 or not 0 <= min_length <= 255:
        return NUM
    out = ""
    while number:
        number, d = divmod(number, radix)
        out = _DIGITS[d] + out
    return out.rjust(min_length, "0") if min_length else (out or "0")


@excel("DECIMAL", "sn", **_ZERO_GRAD,
       help=_help("decimal"))
def decimal(text, radix):
    """DECIMAL: text in radix 2..36 as a number; a digit outside the radix is #NUM!."""
    radix = math.trunc(radix)
    if not 2 <= radix <= 36:
        return NUM
    if len(text) > 255:
        return VALUE
    value = 0
    for ch in text.strip().upper():
        d = _DIGITS.find(ch)
        if d < 0 or d >= radix:
            return NUM
        value = value * radix + d
    if value >= 2 ** 53:
        return NUM
    return float(value)


_ROMAN = "MDCLXVI"
_ROMAN_VALUES = (1000, 500, 100, 50, 10, 5, 1)


@excel("ROMAN", "nx", min_args=1, **_ZERO_GRAD,
       help=_help("roman"))
def roman(number, form=0.0):
    """ROMAN: 0..3999 as Roman numerals; form 0 (TRUE) classic to 4 (FALSE) simplest."""
    if form is None or form is True:
        form = 0.0
    elif form is False:
        form = 4.0
    else:
        form = to_number(form)
        if isinstance(form, ExcelError):
            return form
    n, mode = int(math.trunc(number)), int(math.trunc(form))
    if n < 0 or n > 3999 or not 0 <= mode <= 4:
        return VALUE
    out = []
    for i in range(4):
        idx = 2 * i
        digit = n // _ROMAN_VALUES[idx]
        if digit % 5 == 4:
            idx2 = idx - 1 if digit == 4 else idx - 2
            steps = 0
            while steps < mode and idx < 6:
                steps += 1
                if _ROMAN_VALUES[idx2] - _ROMAN_VALUES[idx + 1] <= n:
                    idx += 1
                else:
                    steps = mode
            out.append(_ROMAN[idx] + _ROMAN[idx2])
            n = n + _ROMAN_VALUES[idx] - _ROMAN_VALUES[idx2]
        else:
            if digit > 4:
                out.append(_ROMAN[idx - 1])
            out.append(_ROMAN[idx] * (digit % 5))
            n %= _ROMAN_VALUES[idx]
    return "".join(out)


@excel("ARABIC", "s", **_ZERO_GRAD,
       help=_help("arabic"))
def arabic(text):
    """ARABIC: Roman numerals (any case, a leading minus allowed) as a number."""
    s = text.strip()
    if len(s) > 255:
        return VALUE
    sign = 1.0
    if s.startswith("-"):
        sign, s = -1.0, s[1:]
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        k = _ROMAN.find(ch)
        if k < 0:
            return VALUE
        v = _ROMAN_VALUES[k]
        if v < prev:
            total -= v
        else:
            total += v
            prev = v
    return sign * total if total else 0.0


# --- matrices -----------------------------------------------------------------------
def _matrix(a):
    """A 2-D list of numbers as a square float array, or Excel's error."""
    for row in a:
        for x in row:
            if isinstance(x, ExcelError):
                return x
            if isinstance(x, bool) or not isinstance(x, (int, float)):
                return VALUE
    m = np.array(a, dtype=float)
    if m.shape[0] != m.shape[1]:
        return VALUE
    return m


def mdeterm(a):
    """MDETERM: the determinant (blank or text cells, or a non-square array: #VALUE!)."""
    m = _matrix(a)
    if isinstance(m, ExcelError):
        return m
    return float(np.linalg.det(m))


def minverse(a):
    """MINVERSE: the inverse matrix; a singular matrix is #NUM!."""
    m = _matrix(a)
    if isinstance(m, ExcelError):
        return m
    if np.linalg.det(m) == 0:
        return NUM
    try:
        return np.linalg.inv(m).tolist()
    except np.linalg.LinAlgError:
        return NUM


@excel("MUNIT", "i", **_ZERO_GRAD,
       help=_help("munit"))
def munit(d):
    """MUNIT: the d x d identity matrix (d < 1 is #VALUE!)."""
    if d < 1:
        return VALUE
    if d * d > 2 ** 24:
        return NUM
    return np.eye(d).tolist()


from . import math_subtotal  # noqa: E402,F401  (SUBTOTAL, AGGREGATE: registered on import)


# --- matrix gradients (the solver can differentiate through MDETERM and MINVERSE) -------
def _matrices(v):
    """Per batch element the square float matrix of argument ``v``, or None."""
    out = []
    for i in range(v.num.shape[0]):
        if v.kind is not None and (v.kind[i] != NUMBER).any():
            out.append(None)
            continue
        m = v.num[i]
        out.append(m if m.shape[0] == m.shape[1] else None)
    return out


def _mdeterm_grad(ctx, vals, out, g):
    """d det(A) / dA = det(A) * inverse(A) transposed (the cofactor matrix)."""
    v = vals[0]
    ga = np.zeros(v.num.shape)
    for i, m in enumerate(_matrices(v)):
        if m is None:
            continue
        gi = float(np.asarray(g)[min(i, np.shape(g)[0] - 1)].ravel()[0])
        d = np.linalg.det(m)
        if d != 0:
            ga[i] = gi * d * np.linalg.inv(m).T
    return [ga]


def _minverse_grad(ctx, vals, out, g):
    """For B = inverse(A): dL/dA = -B^T (dL/dB) B^T."""
    v = vals[0]
    ga = np.zeros(v.num.shape)
    gg = np.broadcast_to(g, out.num.shape)
    for i, m in enumerate(_matrices(v)):
        if m is None or np.linalg.det(m) == 0:
            continue
        b = np.linalg.inv(m)
        ga[i] = -b.T @ gg[min(i, gg.shape[0] - 1)] @ b.T
    return [ga]


excel("MDETERM", "A", category=_TRIG, help=_help("mdeterm"), grad=_mdeterm_grad,
      note="MDETERM: d det(A)/dA = det(A) inverse(A)^T")(mdeterm)
excel("MINVERSE", "A", category=_TRIG, help=_help("minverse"), grad=_minverse_grad,
      note="MINVERSE: d inverse(A) = -inverse(A) dA inverse(A)")(minverse)
