"""Excel's complex numbers: text such as "3+4i" or "-2.5j" (COMPLEX and the IM functions).

Parts are written in General format (15 significant digits, rules.general_text); a
coefficient of 1 is left out ("i", "-j"), a zero part is omitted. Arguments that are
numbers are real; text that is not a complex number is #NUM!; logicals are #VALUE!;
mixing the "i" and "j" suffixes is #VALUE!.
"""
from __future__ import annotations

import cmath
import math
import re

from ...rules import general_text
from ...values import DIV0, NUM, VALUE, ExcelError
from .convert_values import convert_each
from .lift import excel
from .no_logicals import text_not_logical

_MS = "https://support.microsoft.com/en-us/excel/functions/"
_ENG = "Engineering"
_NUM_RX = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


class Cx:
    """A parsed complex argument: its value and its suffix ("i", "j" or None for reals)."""
    __slots__ = ("z", "suffix")

    def __init__(self, z: complex, suffix):
        self.z, self.suffix = z, suffix


def parse(x):
    """A scalar argument as Cx, or Excel's error."""
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return Cx(complex(float(x), 0.0), None)
    s = text_not_logical(x)
    if isinstance(s, ExcelError):
        return s
    if not s:
        return Cx(0j, None)
    if s[-1] not in "ij":
        return Cx(complex(float(s), 0.0), None) if _NUM_RX.match(s) else NUM
    suffix, body = s[-1], s[:-1]
    k = max((i for i in range(1, len(body)) if body[i] in "+-" and body[i - 1] not in "eE"),
            default=-1)
    real, imag = (body[:k], body[k:]) if k > 0 else ("", body)
    if real and not _NUM_RX.match(real):
        return NUM
    if imag in ("", "+", "-"):
        im = -1.0 if imag == "-" else 1.0
    elif _NUM_RX.match(imag):
        im = float(imag)
    else:
        return NUM
    return Cx(complex(float(real) if real else 0.0, im), suffix)


def _part(v: float) -> str:
    return general_text(v + 0.0)


def text(z: complex, suffix: str = "i"):
    """A complex number as Excel writes it; non-finite parts are #NUM!."""
    re_, im = z.real, z.imag
    if not (math.isfinite(re_) and math.isfinite(im)):
        return NUM
    re_, im = float(_part(re_)), float(_part(im))   # as written, 15 digits
    if im == 0:
        return _part(re_)
    coef = "" if im == 1 else "-" if im == -1 else _part(im)
    if re_ == 0:
        return coef + suffix
    sign = "" if coef.startswith("-") else "+"
    return f"{_part(re_)}{sign}{coef}{suffix}"


def _suffix(*cs):
    """The common suffix of the arguments ("i" when none has one), or #VALUE!."""
    found = {c.suffix for c in cs if c.suffix is not None}
    if len(found) > 1:
        return VALUE
    return found.pop() if found else "i"


def _help(page: str) -> str:
    """The function's page on Excel's help site ("imabs" -> .../imabs-function)."""
    return f"{_MS}{page}-function"


@excel("COMPLEX", "nnx", min_args=2, category=_ENG, zero_grad=True,
       help=_help("complex"))
def complex_(real, imag, suffix=None):
    """COMPLEX(real, i, [suffix]): suffix "i" or "j" in lower case (else #VALUE!)."""
    if isinstance(suffix, ExcelError):
        return suffix
    if suffix is None or suffix == "":
        suffix = "i"
    if suffix not in ("i", "j"):
        return VALUE
    return text(complex(real, imag), suffix)


def _unary(name, f, slug, returns="text"):
    """An IM function of one complex number: f(z) -> complex (text result) or float."""
    def fn(x):
        c = parse(x)
        if isinstance(c, ExcelError):
            return c
        try:
            y = f(c.z)
        except (ZeroDivisionError, ValueError, OverflowError):
            return NUM
        if isinstance(y, ExcelError) or returns == "number":
            return y
        return text(y, c.suffix or "i")
    fn.__name__ = name.lower()
    excel(name, "x", category=_ENG, zero_grad=True, help=_help(slug))(fn)


def _nonzero(f):
    def g(z):
        if z == 0:
            return NUM
        return f(z)
    return g


def _argument(z):
    if z == 0:
        return DIV0
    return math.atan2(z.imag, z.real)


_unary("IMABS", abs, "imabs", "number")
_unary("IMAGINARY", lambda z: z.imag, "imaginary", "number")
_unary("IMREAL", lambda z: z.real, "imreal", "number")
_unary("IMARGUMENT", _argument, "imargument", "number")
_unary("IMCONJUGATE", lambda z: z.conjugate(), "imconjugate")
_unary("IMCOS", cmath.cos, "imcos")
_unary("IMCOSH", cmath.cosh, "imcosh")
_unary("IMCOT", _nonzero(lambda z: 1 / cmath.tan(z)), "imcot")
_unary("IMCSC", _nonzero(lambda z: 1 / cmath.sin(z)), "imcsc")
_unary("IMCSCH", _nonzero(lambda z: 1 / cmath.sinh(z)), "imcsch")
_unary("IMEXP", cmath.exp, "imexp")
_unary("IMLN", _nonzero(cmath.log), "imln")
_unary("IMLOG10", _nonzero(cmath.log10), "imlog10")
_unary("IMLOG2", _nonzero(lambda z: cmath.log(z) / math.log(2)), "imlog2")
_unary("IMSEC", lambda z: 1 / cmath.cos(z), "imsec")
_unary("IMSECH", lambda z: 1 / cmath.cosh(z), "imsech")
_unary("IMSIN", cmath.sin, "imsin")
_unary("IMSINH", cmath.sinh, "imsinh")
_unary("IMSQRT", cmath.sqrt, "imsqrt")
_unary("IMTAN", cmath.tan, "imtan")


@excel("IMPOWER", "xn", category=_ENG, zero_grad=True,
       help=_help("impower"))
def impower(x, n):
    """IMPOWER: z^n (integer powers by repeated multiplication; 0 to a power <= 0 #NUM!)."""
    c = parse(x)
    if isinstance(c, ExcelError):
        return c
    if c.z == 0:
        return NUM if n <= 0 else text(0j, c.suffix or "i")
    try:
        y = c.z ** int(n) if n == int(n) and abs(n) < 100 else cmath.exp(n * cmath.log(c.z))
    except (OverflowError, ZeroDivisionError):
        return NUM
    return text(y, c.suffix or "i")


def _two(name, f, slug):
    def fn(a, b):
        ca, cb = parse(a), parse(b)
        for c in (ca, cb):
            if isinstance(c, ExcelError):
                return c
        s = _suffix(ca, cb)
        if isinstance(s, ExcelError):
            return s
        y = f(ca.z, cb.z)
        return y if isinstance(y, ExcelError) else text(y, s)
    fn.__name__ = name.lower()
    excel(name, "xx", category=_ENG, zero_grad=True, help=_help(slug))(fn)


_two("IMSUB", lambda a, b: a - b, "imsub")
_two("IMDIV", lambda a, b: NUM if b == 0 else a / b, "imdiv")


def _many(name, f, start, slug):
    def fn(*lists):
        cs = convert_each(lists, parse)
        if isinstance(cs, ExcelError):
            return cs
        s = _suffix(*cs)
        if isinstance(s, ExcelError):
            return s
        acc = start
        for c in cs:
            acc = f(acc, c.z)
        return text(acc, s)
    fn.__name__ = name.lower()
    excel(name, "V*", min_args=1, category=_ENG, zero_grad=True, help=_help(slug))(fn)


_many("IMSUM", lambda a, b: a + b, 0j, "imsum")
_many("IMPRODUCT", lambda a, b: a * b, 1 + 0j, "improduct")
