"""Engineering: Bessel functions (scipy.special), number-base conversions with Excel's
10-digit two's complement, bitwise functions, ERF/ERFC, DELTA/GESTEP, and CONVERT.
The complex-number functions (COMPLEX, IM...) are in engineering_complex.py.
"""
from __future__ import annotations

import math

import numpy as np

from ...lazy_modules import lazy_module
from ...rules import to_number
from ...values import NUM, ExcelError
from ..batch import element
from .lift import excel
from .no_logicals import number_not_logical, text_not_logical

_MS = "https://support.microsoft.com/en-us/excel/functions/"
_ENG = "Engineering"
special = lazy_module("scipy.special")  # imported on first use (start-up)


def _help(page: str) -> str:
    """The function's page on Excel's help site ("acos" -> .../acos-function)."""
    return f"{_MS}{page}-function"


# --- Bessel functions -------------------------------------------------------------------
def _bessel(name, f, df, slug, positive_x=False):
    """f, df: names of the scipy.special function and its derivative (looked up on use)."""
    def fn(x, n):
        n = math.trunc(n)
        if n < 0 or (positive_x and x <= 0):
            return NUM
        return float(getattr(special, f)(n, x))
    fn.__name__ = name.lower()
    excel(name, "nn", category=_ENG, help=_help(slug),
          deriv=lambda x, n: (float(getattr(special, df)(math.trunc(n), x)), 0.0),
          note=f"{name}: d/dx from scipy.special; the order n is truncated (gradient 0)")(fn)


# Order n truncated, as Excel does; derivatives in x are scipy's jvp/ivp/kvp/yvp. Excel's
# own Bessel values are approximations good to about 1e-7 relative; these are scipy's.
_bessel("BESSELI", "iv", "ivp", "besseli")
_bessel("BESSELJ", "jv", "jvp", "besselj")
_bessel("BESSELK", "kv", "kvp", "besselk", positive_x=True)
_bessel("BESSELY", "yv", "yvp", "bessely", positive_x=True)


# --- number bases: BIN, OCT, DEC, HEX --------------------------------------------------
_BASES = {"BIN": 2, "OCT": 8, "DEC": 10, "HEX": 16}
_DIGITS = "0123456789ABCDEF"


def _parse(text: str, base: int):
    """Up to 10 digits in base 2, 8 or 16, the 10th digit's top bit the sign (two's
    complement), or #NUM!."""
    s = text.strip().upper() if base != 10 else text
    if len(s) > 10:
        return NUM
    v = 0
    for ch in s:
        d = _DIGITS.find(ch)
        if d < 0 or d >= base:
            return NUM
        v = v * base + d
    if v >= base ** 10 // 2:
        v -= base ** 10
    return v


def _format(v: int, base: int, places):
    """v as up to 10 digits of ``base`` (negative: 10-digit two's complement, places
    ignored); out-of-range values and too few places are #NUM!."""
    half = base ** 10 // 2
    if v < -half or v >= half:
        return NUM
    if v < 0:
        v += base ** 10
        places = None
    out = ""
    while v:
        v, d = divmod(v, base)
        out = _DIGITS[d] + out
    out = out or "0"
    if places is not None:
        if len(out) > places:
            return NUM
        out = out.rjust(places, "0")
    return out


def _places(p):
    if p is None:
        return None
    p = number_not_logical(p)
    if isinstance(p, ExcelError):
        return p
    p = math.trunc(p)
    if p <= 0 or p > 10:
        return NUM
    return p


def _converter(src: str, dst: str):
    sb, db = _BASES[src], _BASES[dst]

    def fn(number, places=None):
        if sb == 10 and db != 10:   # Excel: DEC2BIN(TRUE,-1) is #NUM!, places checked first
            p = _places(places)
            if isinstance(p, ExcelError):
                return p
        text = text_not_logical(number)
        if isinstance(text, ExcelError):
            return text
        if sb == 10:
            x = to_number(number)
            if isinstance(x, ExcelError):
                return x
            v = int(math.trunc(x))
        else:
            v = _parse(text, sb)
            if isinstance(v, ExcelError):
                return v
        if db == 10:
            return float(v)
        p = _places(places)
        if isinstance(p, ExcelError):
            return p
        return _format(v, db, p)
    return fn


for _s in ("BIN", "OCT", "DEC", "HEX"):
    for _d in ("BIN", "OCT", "DEC", "HEX"):
        if _s == _d:
            continue
        _name = f"{_s}2{_d}"
        excel(_name, "x" if _d == "DEC" else "xx", min_args=1, category=_ENG, zero_grad=True,
              help=_help(_name.lower()))(_converter(_s, _d))


# --- bitwise ---------------------------------------------------------------------------
_BIT_LIMIT = 2 ** 48


def _bits(x):
    """A non-negative integer below 2^48, or #NUM!."""
    if x < 0 or x != math.floor(x) or x >= _BIT_LIMIT:
        return NUM
    return int(x)


def _bitop(name, op, slug):
    def fn(a, b):
        a, b = _bits(a), _bits(b)
        if isinstance(a, ExcelError):
            return a
        if isinstance(b, ExcelError):
            return b
        return float(op(a, b))
    fn.__name__ = name.lower()
    excel(name, "nn", category=_ENG, zero_grad=True, help=_help(slug))(fn)


_bitop("BITAND", lambda a, b: a & b, "bitand")
_bitop("BITOR", lambda a, b: a | b, "bitor")
_bitop("BITXOR", lambda a, b: a ^ b, "bitxor")


def _shift(left: bool):
    def fn(number, amount):
        v = _bits(number)
        if isinstance(v, ExcelError):
            return v
        k = math.trunc(amount)
        if abs(k) > 53:
            return NUM
        if not left:
            k = -k
        out = v << k if k >= 0 else v >> -k
        if out >= _BIT_LIMIT:
            return NUM
        return float(out)
    return fn


excel("BITLSHIFT", "nn", category=_ENG, zero_grad=True,
      help=_help("bitlshift"))(_shift(True))
excel("BITRSHIFT", "nn", category=_ENG, zero_grad=True,
      help=_help("bitrshift"))(_shift(False))


# --- ERF, ERFC, DELTA, GESTEP -------------------------------------------------------------
_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)


def _derf(x):
    return _TWO_OVER_SQRT_PI * math.exp(-x * x)


@excel("ERF", "nn", min_args=1, category=_ENG,
       help=_help("erf"),
       deriv=lambda lo, hi=None: (_derf(lo),) if hi is None else (-_derf(lo), _derf(hi)))
def erf(lower, upper=None):
    """ERF(lower, [upper]): erf(lower), or erf(upper) - erf(lower)."""
    if upper is None:
        return math.erf(lower)
    return math.erf(upper) - math.erf(lower)


excel("ERF.PRECISE", "n", category=_ENG, deriv=lambda x: (_derf(x),),
      help=_help("erf-precise"))(math.erf)
excel("ERFC", "n", category=_ENG, deriv=lambda x: (-_derf(x),),
      help=_help("erfc"))(math.erfc)
excel("ERFC.PRECISE", "n", category=_ENG, deriv=lambda x: (-_derf(x),),
      help=_help("erfc-precise"))(math.erfc)


@excel("DELTA", "nn", min_args=1, category=_ENG, zero_grad=True,
       help=_help("delta"))
def delta(a, b=0.0):
    """DELTA: 1 when the numbers are equal, else 0."""
    return 1.0 if a == b else 0.0


@excel("GESTEP", "nn", min_args=1, category=_ENG, zero_grad=True,
       help=_help("gestep"))
def gestep(x, step=0.0):
    """GESTEP: 1 when number >= step, else 0."""
    return 1.0 if x >= step else 0.0


# --- CONVERT ---------------------------------------------------------------------------------
from .engineering_units import convert as _convert  # noqa: E402

def _convert_grad(ctx, vals, out, g):
    """CONVERT is affine in its number: the slope is CONVERT(1) - CONVERT(0)."""
    x = vals[0]
    shape = out.num.shape
    slope = np.zeros(shape)
    for i in range(shape[0]):
        for r in range(shape[1]):
            for c in range(shape[2]):
                units = []
                for v in vals[1:3]:
                    vi = min(i, v.num.shape[0] - 1)
                    rr = 0 if v.num.shape[1] == 1 else r
                    cc = 0 if v.num.shape[2] == 1 else c
                    units.append(element(v, vi, rr, cc))
                if all(isinstance(u, str) for u in units):
                    a, b = _convert(1.0, *units), _convert(0.0, *units)
                    if isinstance(a, float) and isinstance(b, float):
                        slope[i, r, c] = a - b
    gx = np.broadcast_to(g, shape) * slope
    axes = tuple(ax for ax in range(3) if x.num.shape[ax] == 1 and shape[ax] != 1)
    if axes:
        gx = gx.sum(axis=axes, keepdims=True)
    return [gx, None, None]


excel("CONVERT", "nss", category=_ENG, help=_help("convert"), grad=_convert_grad,
      note="CONVERT: d/dnumber is the unit factor (temperatures are affine)")(_convert)

from . import engineering_complex  # noqa: E402,F401  (COMPLEX and the IM functions)
