"""Excel number format codes: the engine of TEXT (and FIXED, DOLLAR, and any writer
that shows values as Excel would).

:func:`format_value` applies a format code such as ``"#,##0.00;(#,##0.00);-"``,
``"0.0%"``, ``"0.00E+00"``, ``"# ?/?"``, ``"[h]:mm:ss"`` or ``"dddd, mmmm d, yyyy"``
to a number or a text, as Excel's TEXT function does:

- sections ``positive;negative;zero;text`` (a negative number shown by the second
  section loses its minus sign), conditions such as ``[>100]``, colours ignored,
  ``General``, ``@`` for the text;
- digit placeholders ``0`` (always a digit), ``#`` (only significant digits), ``?``
  (a space instead of an insignificant zero), ``.``, ``,`` between placeholders
  (thousands separators) or after them (each one divides by 1000), ``%`` (times 100),
  ``E+``/``E-`` (scientific), ``/`` (fractions: ``?/?`` up to one-digit
  denominators, ``??/??``, or a fixed denominator ``/100``);
- literals: ``"text"``, ``\\x``, ``!x``, ``_x`` (a space, as wide as x), ``*x`` (fill,
  dropped), and the characters ``$ - + ( ) : / space`` and others shown as they are;
- dates and times on Excel's 1900 serials: ``d dd ddd dddd m mm mmm mmmm mmmmm yy
  yyyy h hh m mm s ss AM/PM A/P [h] [m] [s] .0 .00 .000`` (``m`` right after an hour
  or right before a second is minutes).

Numbers are first written to 15 significant digits, as Excel stores them for
display, then rounded half away from zero (so 2.675 with ``0.00`` is 2.68).
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from fractions import Fraction

from ...values import VALUE, ExcelError
from .daycount import MAX_SERIAL, serial_to_ymd

__all__ = ["format_value", "fixed_text", "general_display", "rounds_negative", "round_decimal", "Section",
           "parse_format"]

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
_COND_RX = re.compile(r"^(<=|>=|<>|<|>|=)\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$")
_DATE_KINDS = {"y", "m", "d", "h", "s", "min", "ampm", "elapsed", "subsec"}


# ---------------------------------------------------------------- parsing

class Section:
    """One ``;``-separated part of a format code, as tokens ``(kind, value)``."""

    def __init__(self, tokens: list, condition=None):
        self.tokens = tokens
        self.condition = condition           # (operator, number) or None
        kinds = {k for k, _ in tokens}
        self.is_date = bool(kinds & _DATE_KINDS)
        self.is_text = "@" in kinds
        self.is_general = "general" in kinds
        self.empty = not tokens

    def test(self, x: float) -> bool:
        op, c = self.condition
        return {"<": x < c, ">": x > c, "=": x == c, "<=": x <= c, ">=": x >= c,
                "<>": x != c}[op]


def _split_sections(fmt: str) -> list[str]:
    parts, cur, i = [], [], 0
    while i < len(fmt):
        ch = fmt[i]
        if ch == '"':
            j = fmt.find('"', i + 1)
            j = len(fmt) - 1 if j < 0 else j
            cur.append(fmt[i:j + 1])
            i = j + 1
            continue
        if ch in "\\!_*" and i + 1 < len(fmt):
            cur.append(fmt[i:i + 2])
            i += 2
            continue
        if ch == "[":
            j = fmt.find("]", i)
            j = len(fmt) - 1 if j < 0 else j
            cur.append(fmt[i:j + 1])
            i = j + 1
            continue
        if ch == ";":
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def _tokenize(s: str) -> Section:
    toks, cond, i = [], None, 0
    low = s.lower()
    while i < len(s):
        ch = s[i]
        c = ch.lower()
        if ch == '"':
            j = s.find('"', i + 1)
            j = len(s) if j < 0 else j
            toks.append(("lit", s[i + 1:j]))
            i = j + 1
        elif ch in "\\!" and i + 1 < len(s):
            toks.append(("lit", s[i + 1]))
            i += 2
        elif ch == "_" and i + 1 < len(s):
            toks.append(("lit", " "))
            i += 2
        elif ch == "*" and i + 1 < len(s):
            i += 2                                   # fill character: not in TEXT's result
        elif ch == "[":
            j = s.find("]", i)
            j = len(s) if j < 0 else j
            body = s[i + 1:j]
            m = _COND_RX.match(body.strip())
            if m:
                cond = (m.group(1), float(m.group(2)))
            elif body and set(body.lower()) <= {"h"}:
                toks.append(("elapsed", ("h", len(body))))
            elif body and set(body.lower()) <= {"m"}:
                toks.append(("elapsed", ("m", len(body))))
            elif body and set(body.lower()) <= {"s"}:
                toks.append(("elapsed", ("s", len(body))))
            elif body.startswith("$"):
                toks.append(("lit", body[1:].split("-")[0]))
            # colours ([Red], [Color10]) and locale tags are ignored
            i = j + 1
        elif low.startswith("general", i):
            toks.append(("general", None))
            i += 7
        elif low.startswith("am/pm", i):
            toks.append(("ampm", s[i:i + 5]))
            i += 5
        elif low.startswith("a/p", i):
            toks.append(("ampm", s[i:i + 3]))
            i += 3
        elif c in "ymdhs":
            j = i
            while j < len(s) and s[j].lower() == c:
                j += 1
            toks.append((c, j - i))
            i = j
        elif c == "e" and i + 1 < len(s) and s[i + 1] in "+-":
            toks.append(("E", s[i + 1]))
            i += 2
        elif ch in "0#?":
            toks.append((ch, None))
            i += 1
        elif ch in ".,%/@":
            toks.append((ch, None))
            i += 1
        else:
            toks.append(("lit", ch))
            i += 1
    sec = Section(toks, cond)
    if sec.is_date:
        _date_tokens(sec)
    return sec


def _date_tokens(sec: Section) -> None:
    """In a date section: ``m`` next to hours/seconds is minutes; ``.0..`` after
    seconds is fractions of a second; other placeholders are literal."""
    toks = sec.tokens
    codes = [k for k, (kind, _) in enumerate(toks) if kind in _DATE_KINDS]
    for pos, k in enumerate(codes):
        kind, n = toks[k]
        if kind != "m" or n > 2:
            continue
        prev = toks[codes[pos - 1]] if pos > 0 else None
        nxt = toks[codes[pos + 1]] if pos + 1 < len(codes) else None
        after_hour = prev is not None and (prev[0] == "h" or
                                           (prev[0] == "elapsed" and prev[1][0] == "h"))
        before_sec = nxt is not None and (nxt[0] == "s" or
                                          (nxt[0] == "elapsed" and nxt[1][0] == "s"))
        if after_hour or before_sec:
            toks[k] = ("min", n)
    out, k = [], 0
    while k < len(toks):
        kind, v = toks[k]
        if kind == "." and k + 1 < len(toks) and toks[k + 1][0] == "0":
            j = k + 1
            while j < len(toks) and toks[j][0] == "0":
                j += 1
            out.append(("subsec", j - k - 1))
            k = j
            continue
        if kind in ("0", "#", "?", ".", ",", "%", "/", "E"):
            out.append(("lit", {"E": "E" + (v or "")}.get(kind, kind)))
        else:
            out.append((kind, v))
        k += 1
    sec.tokens = out


@lru_cache(maxsize=512)
def parse_format(fmt: str) -> tuple[Section, ...]:
    """The sections of a format code (cached: a column formats many values alike)."""
    return tuple(_tokenize(p) for p in _split_sections(fmt))


# ---------------------------------------------------------------- numbers

def general_display(x: float) -> str:
    """A number as Excel's General format shows it in a standard-width cell (and in
    TEXT(x, "General")): at most 11 characters besides the sign, numbers of 12 or more
    digits and very small ones in scientific notation (1.23457E+11, 1E-05)."""
    if x == 0:
        return "0"
    a = abs(x)
    sign = "-" if x < 0 else ""
    e = math.floor(math.log10(a))
    if -5 < e < 11:
        places = max(0, 10 - max(e + 1, 1))
        d = round_decimal(a, places)
        head, tail = _digits(d, places)
        tail = tail.rstrip("0")
        if len(head) <= 11:
            return sign + (head or "0") + ("." + tail if tail else "")
    d = Decimal(format(a, ".15g"))
    exp = d.adjusted()
    m = d.scaleb(-exp).quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)
    if m >= 10:
        exp += 1
        m = d.scaleb(-exp).quantize(Decimal("0.00001"), rounding=ROUND_HALF_UP)
    mant = format(m, "f").rstrip("0").rstrip(".")
    return f"{sign}{mant}E{'+' if exp >= 0 else '-'}{abs(exp):02d}"


def round_decimal(x: float, places: int) -> Decimal:
    """|x| written to 15 significant digits, rounded half away from zero to
    ``places`` decimals (negative: to tens, hundreds, ...)."""
    d = Decimal(format(abs(x), ".15g"))
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) if places >= 0 \
        else (d.scaleb(places).quantize(Decimal(1), rounding=ROUND_HALF_UP)).scaleb(-places)


def _digits(d: Decimal, places: int) -> tuple[str, str]:
    """Integer digits ("" for zero) and exactly ``places`` decimal digits of d >= 0."""
    s = format(d, "f")
    head, _, tail = s.partition(".")
    head = head.lstrip("0")
    tail = (tail + "0" * places)[:places]
    return head, tail


def _group(s: str) -> str:
    out = []
    for k, ch in enumerate(reversed(s)):
        if k and k % 3 == 0:
            out.append(",")
        out.append(ch)
    return "".join(reversed(out))


def _analyse_commas(toks: list):
    """(grouping?, scale exponent, indexes of commas that are literal)."""
    dot = next((k for k, (kind, _) in enumerate(toks) if kind == "."), len(toks))
    is_ph = [kind in ("0", "#", "?") for kind, _ in toks]
    grouping, scale, literal = False, 0, set()
    k = 0
    while k < len(toks):
        if toks[k][0] != ",":
            k += 1
            continue
        j = k
        while j < len(toks) and toks[j][0] == ",":
            j += 1
        before = k > 0 and is_ph[k - 1]
        after = j < len(toks) and is_ph[j]
        if before and after and k < dot:
            grouping = True
        elif before and not after:
            scale += j - k
        elif not before:
            literal.update(range(k, j))
        k = j
    return grouping, scale, literal


def _fill_integer(placeholders: list[str], digits: str, grouping: bool) -> list[str]:
    """Text under each integer placeholder (leftmost takes the overflow digits)."""
    n = len(placeholders)
    out = [""] * n
    chars = list(digits)
    count = 0

    def put(ch):
        nonlocal count
        s = ch
        if grouping and count and count % 3 == 0:
            s = ch + ","
        count += 1
        return s

    for k in range(n - 1, -1, -1):
        p = placeholders[k]
        if chars:
            out[k] = put(chars.pop())
        elif p == "0":
            out[k] = put("0")
        elif p == "?":
            out[k] = " "
        if k == 0:
            while chars:
                out[k] = put(chars.pop()) + out[k]
    return out


def _fill_decimals(placeholders: list[str], digits: str) -> list[str]:
    out = list(digits)
    for k in range(len(placeholders) - 1, -1, -1):
        if out[k] != "0" or placeholders[k] == "0":
            break
        out[k] = "" if placeholders[k] == "#" else " "
    return out


def _render_plain(toks: list, x: float) -> str:
    """A section without exponent or fraction applied to x >= 0: digits fill the
    placeholders from the point outwards, literals stay where they are."""
    pct = sum(1 for kind, _ in toks if kind == "%")
    grouping, scale, literal_commas = _analyse_commas(toks)
    x = x * 100 ** pct / 1000 ** scale
    dot = next((k for k, (kind, _) in enumerate(toks) if kind == "."), None)
    int_idx = [k for k, (kind, _) in enumerate(toks)
               if kind in ("0", "#", "?") and (dot is None or k < dot)]
    dec_idx = [k for k, (kind, _) in enumerate(toks)
               if kind in ("0", "#", "?") and dot is not None and k > dot]
    head, tail = _digits(round_decimal(x, len(dec_idx)), len(dec_idx))
    ints = _fill_integer([toks[k][0] for k in int_idx], head, grouping)
    decs = _fill_decimals([toks[k][0] for k in dec_idx], tail)
    text = {k: s for k, s in zip(int_idx, ints)}
    text.update({k: s for k, s in zip(dec_idx, decs)})
    out = []
    for k, (kind, v) in enumerate(toks):
        if k in text:
            out.append(text[k])
        elif kind == ".":
            if k == dot:
                out.append(("" if int_idx else (_group(head) if grouping else head)) + ".")
            else:
                out.append(".")
        elif kind == ",":
            out.append("," if k in literal_commas else "")
        elif kind == "general":
            out.append(general_display(x))
        else:
            out.append(_literal(kind, v))
    return "".join(out)


def _literal(kind, v) -> str:
    if kind == "lit":
        return v
    if kind == "E":
        return "E" + v
    if kind in ("%", "/"):
        return kind
    if kind == "@":
        return ""
    return ""


def _render_scientific(toks: list, x: float) -> str:
    """``0.00E+00``-like sections; with ``#`` in a multi-digit integer part (``##0.0E+0``)
    the exponent is a multiple of the number of integer placeholders."""
    e_at = next(k for k, (kind, _) in enumerate(toks) if kind == "E")
    mant_toks, exp_toks = toks[:e_at], toks[e_at + 1:]
    sign_mode = toks[e_at][1]
    dot = next((k for k, (kind, _) in enumerate(mant_toks) if kind == "."), None)
    int_ph = [kind for k, (kind, _) in enumerate(mant_toks)
              if kind in ("0", "#", "?") and (dot is None or k < dot)]
    ndec = sum(1 for k, (kind, _) in enumerate(mant_toks)
               if kind in ("0", "#", "?") and dot is not None and k > dot)
    n_int = max(len(int_ph), 1)
    step = n_int if ("#" in int_ph and n_int > 1) else 1
    if x == 0:
        exp, mant = 0, 0.0
    else:
        d = Decimal(format(x, ".15g"))
        mag = d.adjusted()
        exp = (mag // step) * step if step > 1 else mag - (n_int - 1)
        m = (d.scaleb(-exp)).quantize(Decimal(1).scaleb(-ndec), rounding=ROUND_HALF_UP)
        if m >= Decimal(10) ** (step if step > 1 else n_int):
            exp += step
            m = (d.scaleb(-exp)).quantize(Decimal(1).scaleb(-ndec), rounding=ROUND_HALF_UP)
        mant = float(m)
    body = _render_plain(mant_toks, mant)
    n_exp = sum(1 for kind, _ in exp_toks if kind in ("0", "#", "?"))
    digits = str(abs(exp)).rjust(max(n_exp, 1), "0")
    sign = "-" if exp < 0 else ("+" if sign_mode == "+" else "")
    out, placed = [body, "E", sign], False
    for kind, v in exp_toks:
        if kind in ("0", "#", "?"):
            if not placed:
                out.append(digits)
                placed = True
        else:
            out.append(_literal(kind, v))
    if not placed:
        out.append(digits)
    return "".join(out)


def _render_fraction(toks: list, x: float) -> str:
    """``# ?/?``-like sections: an optional whole part, then the closest fraction
    with at most as many denominator digits as placeholders (or a fixed one)."""
    slash = next(k for k, (kind, _) in enumerate(toks) if kind == "/")
    # denominator: placeholders or digits right after the slash
    j = slash + 1
    den_toks = []
    while j < len(toks) and (toks[j][0] in ("0", "#", "?") or
                             (toks[j][0] == "lit" and toks[j][1].isdigit())):
        den_toks.append(toks[j])
        j += 1
    fixed_den = None
    if any(kind == "lit" for kind, _ in den_toks):
        fixed_den = int("".join(v if kind == "lit" else "0" for kind, v in den_toks))
    # numerator: placeholders right before the slash
    i = slash
    while i > 0 and toks[i - 1][0] in ("0", "#", "?"):
        i -= 1
    num_ph = [kind for kind, _ in toks[i:slash]]
    whole_idx = [k for k in range(i) if toks[k][0] in ("0", "#", "?")]
    mixed = bool(whole_idx)
    whole = int(math.floor(x)) if mixed else 0
    frac = x - whole if mixed else x
    if fixed_den:
        num = int(Decimal(repr(frac * fixed_den)).quantize(Decimal(1), ROUND_HALF_UP))
        den = fixed_den
    else:
        max_den = 10 ** max(len(den_toks), 1) - 1
        f = Fraction(frac).limit_denominator(max_den)
        num, den = f.numerator, f.denominator
    if mixed and num == den and num:
        whole, num = whole + 1, 0
    blank_fraction = mixed and num == 0
    out = []
    whole_text = _fill_integer([toks[k][0] for k in whole_idx],
                               str(whole) if whole else ("0" if blank_fraction else ""),
                               False)
    wt = dict(zip(whole_idx, whole_text))
    num_s = "".join(_fill_integer(num_ph, str(num), False))
    den_s = str(den) if fixed_den else str(den).ljust(len(den_toks), " ")
    frac_s = num_s + "/" + den_s
    if blank_fraction:
        frac_s = " " * len(frac_s)
    for k, (kind, v) in enumerate(toks):
        if k in wt:
            out.append(wt[k])
        elif k == i:
            out.append(frac_s)
        elif i < k < j:
            continue
        else:
            out.append(_literal(kind, v) if kind != "," else "")
    return "".join(out)


def _render_number(sec: Section, x: float) -> str:
    kinds = [kind for kind, _ in sec.tokens]
    if sec.is_general:
        return "".join(general_display(x) if kind == "general" else _literal(kind, v)
                       for kind, v in sec.tokens)
    if "E" in kinds and any(k in ("0", "#", "?") for k in kinds[:kinds.index("E")]):
        return _render_scientific(sec.tokens, x)
    if "/" in kinds:
        s = kinds.index("/")
        if s > 0 and kinds[s - 1] in ("0", "#", "?") and s + 1 < len(kinds) and (
                kinds[s + 1] in ("0", "#", "?") or (sec.tokens[s + 1][0] == "lit" and
                                                     sec.tokens[s + 1][1].isdigit())):
            return _render_fraction(sec.tokens, x)
    return _render_plain(sec.tokens, x)


# ---------------------------------------------------------------- dates

def _render_date(sec: Section, x: float):
    if x < 0 or x >= MAX_SERIAL + 1:
        return VALUE
    places = max((v for kind, v in sec.tokens if kind == "subsec"), default=0)
    unit = 86400 * 10 ** places
    total = int(math.floor(x * unit + 0.5))
    days, rem = divmod(total, unit)
    secs, frac = divmod(rem, 10 ** places)
    if days > MAX_SERIAL:
        return VALUE
    y, mo, d = serial_to_ymd(days)
    h, mi, s = secs // 3600, secs // 60 % 60, secs % 60
    ampm = any(kind == "ampm" for kind, _ in sec.tokens)
    out = []
    for kind, v in sec.tokens:
        if kind == "y":
            out.append(f"{y % 100:02d}" if v <= 2 else f"{y:04d}")
        elif kind == "m":
            out.append(str(mo) if v == 1 else f"{mo:02d}" if v == 2 else
                       _MONTHS[mo - 1][:3] if v == 3 else
                       _MONTHS[mo - 1][0] if v == 5 else _MONTHS[mo - 1])
        elif kind == "min":
            out.append(str(mi) if v == 1 else f"{mi:02d}")
        elif kind == "d":
            wd = _DAYS[(days - 1) % 7] if days else "Saturday"
            out.append(str(d) if v == 1 else f"{d:02d}" if v == 2 else
                       wd[:3] if v == 3 else wd)
        elif kind == "h":
            hh = (h % 12 or 12) if ampm else h
            out.append(str(hh) if v == 1 else f"{hh:02d}")
        elif kind == "s":
            out.append(str(s) if v == 1 else f"{s:02d}")
        elif kind == "subsec":
            out.append("." + str(frac).rjust(places, "0")[:v])
        elif kind == "ampm":
            pm = h >= 12
            if len(v) == 5:
                word = "PM" if pm else "AM"
                out.append(word if v[0].isupper() else word.lower())
            else:
                letter = v[2] if pm else v[0]
                out.append(letter)
        elif kind == "elapsed":
            u, n = v
            val = {"h": days * 24 + h, "m": (days * 86400 + secs) // 60,
                   "s": days * 86400 + secs}[u]
            out.append(str(val).rjust(n, "0"))
        else:
            out.append(_literal(kind, v))
    return "".join(out)


# ---------------------------------------------------------------- entry points

def _pick_section(sections, x: float):
    """(section, show the minus sign?) for a number, Excel's rules."""
    conds = [s for s in sections[:2] if s.condition is not None]
    if conds:
        for k, s in enumerate(sections[:2]):
            if s.condition is not None and s.test(x):
                # a second section whose condition only negatives meet shows no minus
                negative_only = k == 1 and s.condition[0] in ("<", "<=") and \
                    s.condition[1] <= 0
                return s, x < 0 and not negative_only
        rest = [s for s in sections[:3] if s.condition is None]
        if not rest:
            return None, False
        return rest[0], x < 0
    if len(sections) == 1 or (x > 0) or (x == 0 and len(sections) < 3):
        if x < 0:
            return sections[0], True
        return sections[0], False
    if x < 0:
        return sections[1], False
    return sections[2], False


def format_value(value, fmt: str):
    """TEXT(value, fmt): a number or a text formatted by an Excel format code; an
    ExcelError for a date format applied to a number outside Excel's dates (#VALUE!,
    also for a number too large to write)."""
    with localcontext() as ctx:
        ctx.prec = 800          # all the digits of any double, however it is scaled
        try:
            return _format_value(value, fmt)
        except (InvalidOperation, OverflowError, ValueError):
            return VALUE


def _format_value(value, fmt: str):
    if isinstance(value, ExcelError):
        return value
    if fmt == "":
        return ""
    sections = parse_format(fmt)
    if isinstance(value, str):
        if len(sections) >= 4:
            sec = sections[3]
        elif sections[0].is_text:
            sec = sections[0]
        else:
            return value
        return "".join(value if kind == "@" else _literal(kind, v) for kind, v in sec.tokens)
    x = float(value)
    sections = sections[:4]
    if len(sections) == 4 or (len(sections) > 1 and sections[-1].is_text):
        sections = sections[:-1] if sections[-1].is_text else sections[:3]
    sec, minus = _pick_section(sections, x)
    if sec is None:
        return "#" * 8
    if sec.empty:
        return ""
    a = abs(x)
    if sec.is_date:
        return _render_date(sec, x)
    if sec.is_text and not any(k in ("0", "#", "?", "general") for k, _ in sec.tokens):
        body = "".join(general_display(a) if kind == "@" else _literal(kind, v)
                       for kind, v in sec.tokens)
    else:
        body = _render_number(sec, a)
    return ("-" + body) if minus else body


def fixed_text(x: float, decimals: int, commas: bool = True) -> str:
    """FIXED: x rounded to ``decimals`` (negative: left of the point), with
    thousands separators unless ``commas`` is False; minus sign when the rounded
    value is negative."""
    d = round_decimal(x, decimals)
    places = max(decimals, 0)
    head, tail = _digits(d, places)
    head = head or "0"
    if commas:
        head = _group(head)
    s = head + ("." + tail if places else "")
    return ("-" + s) if x < 0 and d != 0 else s


def rounds_negative(x: float, decimals: int) -> bool:
    return x < 0 and round_decimal(x, decimals) != 0
