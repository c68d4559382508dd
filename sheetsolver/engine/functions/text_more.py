"""Text functions beyond text.py: searching, replacing, joining, splitting, character
codes and number formatting (TEXT, FIXED, DOLLAR through :mod:`.numfmt`).

Excel's strings are limited to 32767 characters; a longer result is #VALUE!. The
byte-counting variants (LENB, FINDB, ...) equal the plain ones in single-byte
languages, which is what they do here.
"""
from __future__ import annotations

import copy
import re

from ...rules import parse_number, to_number, to_text, wildcard
from ...values import NA, VALUE, ExcelError
from . import numfmt
from .base import FUNCTIONS
from .convert_values import convert_each
from .lift import CATEGORIES, HELP, excel

_MS = "https://support.microsoft.com/en-us/office/"
_CAT = "Text"
MAX_TEXT = 32767


def _fit(s: str):
    return s if len(s) <= MAX_TEXT else VALUE


def _text_of(x):
    """A value as text the way joining functions show it (errors stay errors)."""
    return x if isinstance(x, ExcelError) else to_text(x)


def _text_fn(name: str, spec: str, page: str, **limits):
    """Register a function of category Text (piecewise constant: no gradient) with its
    help page under support.microsoft.com."""
    return excel(name, spec, category=_CAT, zero_grad=True, help=_MS + page, **limits)


# ---------------------------------------------------------------- characters

def _cp1252(n: int) -> str:
    """Character n (1-255) of Windows-1252, Excel's CHAR set on Windows; the five
    undefined bytes map to the same code point."""
    try:
        return bytes([n]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(n)


def _char_fn(top: int, character):
    """CHAR-like: ``character(n)`` for a code n of 1..top, #VALUE! outside."""
    return lambda n: VALUE if n < 1 or n > top else character(n)


def _code_fn(code_of):
    """CODE-like: ``code_of`` the first character as a number; "" is #VALUE!."""
    return lambda s: VALUE if not s else float(code_of(s[0]))


def _cp1252_code(ch: str) -> int:
    """ch's byte in Windows-1252; 63 ("?", as Excel shows it) for characters beyond
    U+00FF that it lacks, the code point for the five undefined bytes."""
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return 63 if ord(ch) > 255 else ord(ch)


def _unicode_char(n: int):
    """Character n; the UTF-16 surrogates U+D800-U+DFFF are #N/A."""
    return NA if 0xD800 <= n <= 0xDFFF else chr(n)


for _name, _spec, _page, _fn in [
        ("CHAR", "i", "char-function-bbd249c8-b36e-4a91-8017-1c133f9b837a",
         _char_fn(255, _cp1252)),
        ("CODE", "s", "code-function-c32b692b-2ed0-4a04-bdd9-75640144b928",
         _code_fn(_cp1252_code)),
        ("UNICHAR", "i", "unichar-function-ffeb64f5-f131-44c6-b332-5cd72f0659b8",
         _char_fn(0x10FFFF, _unicode_char)),
        ("UNICODE", "s", "unicode-function-adb74aaa-a2a5-4dde-aff6-966e4e81f16f",
         _code_fn(ord))]:
    _text_fn(_name, _spec, _page)(_fn)


@_text_fn("CLEAN", "s", "clean-function-26f3d7c5-475f-4a9c-90e5-4b8ba987ba41")
def clean(s):
    """Removes the 7-bit control characters 0-31 (not 127, 129, 141, 143, 144, 157)."""
    return "".join(ch for ch in s if ord(ch) >= 32)


@_text_fn("EXACT", "ss", "exact-function-d3087698-fc15-4a15-9631-12575cf29926")
def exact(a, b):
    return a == b


@_text_fn("PROPER", "s", "proper-function-52a5a283-e8b2-49be-8506-b2887b889f94")
def proper(s):
    """A letter after a non-letter is capitalised, the others lowered ("don't" ->
    "Don'T", "76BudGet" -> "76Budget", as Excel does)."""
    out, prev_letter = [], False
    for ch in s:
        out.append(ch.lower() if prev_letter else ch.upper())
        prev_letter = ch.isalpha()
    return "".join(out)


@_text_fn("REPT", "si", "rept-function-04c4d778-e712-43b4-9c15-d656582bb061")
def rept(s, n):
    if n < 0 or len(s) * n > MAX_TEXT:
        return VALUE
    return s * n


@_text_fn("T", "x", "t-function-fb83aeec-45e7-4924-af95-53e073541228")
def t(x):
    if isinstance(x, ExcelError) or isinstance(x, str):
        return x
    return ""


_FULL_TO_HALF = {0x3000: 0x20, **{c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}}


@_text_fn("ASC", "s", "asc-function-0b6abf1c-c663-4004-a964-ebc00b723266")
def asc(s):
    """Full-width ASCII letters, digits, signs and the ideographic space to half-width
    (ASCII text is unchanged)."""
    return s.translate(_FULL_TO_HALF)


@_text_fn("DBCS", "s", "dbcs-function-a4025e73-63d2-4958-9423-21a24794c9e5")
def dbcs(s):
    """Unchanged: Excel converts to full width only under a double-byte language."""
    return s


# ---------------------------------------------------------------- find and replace

def _position(needle: str, within: str, start: int, locate):
    """FIND/SEARCH: the 1-based position of ``locate(k)``, the 0-based index of the
    first match at or after k = start - 1 (-1 for none); #VALUE! when start_num is out
    of range (past the end only for an empty needle) or nothing matches."""
    if start < 1 or start > len(within) + (0 if needle else 1):
        return VALUE
    pos = locate(start - 1)
    return VALUE if pos < 0 else float(pos + 1)


@_text_fn("FIND", "ssi",
           "find-findb-functions-c7912941-af2a-4bdf-a553-d0d89b0a0628", min_args=2)
def find(needle, within, start=1):
    """Case-sensitive, no wildcards; 1-based; #VALUE! when not found."""
    return _position(needle, within, start, lambda k: within.find(needle, k))


@_text_fn("SEARCH", "ssi",
           "search-searchb-functions-9ab04538-0e55-4719-a72e-b6f54513b495", min_args=2)
def search(needle, within, start=1):
    """Without case, with the wildcards ? * and ~ (rules.wildcard)."""
    def locate(k):
        rx = wildcard(needle)
        if rx is None:
            return within.lower().find(needle.lower(), k)
        # rules.wildcard anchors the whole text; SEARCH wants the pattern anywhere
        m = re.compile(rx.pattern[1:-1], re.I | re.S).search(within, k)
        return -1 if m is None else m.start()
    return _position(needle, within, start, locate)


@_text_fn("REPLACE", "siis", "replace-replaceb-functions-8d799074-2425-4a8a-84bc-82472868878a")
def replace(old, start, count, new):
    if start < 1 or count < 0:
        return VALUE
    return _fit(old[:start - 1] + new + old[start - 1 + count:])


@_text_fn("SUBSTITUTE", "sssi",
           "substitute-function-6434944e-a904-4336-a9b0-1e58df3bc332", min_args=3)
def substitute(s, old, new, instance=None):
    """Case-sensitive; every occurrence, or only the ``instance``-th one."""
    if instance is not None and instance < 1:
        return VALUE
    if not old:
        return s
    if instance is None:
        return _fit(s.replace(old, new))
    pos, k = -1, 0
    for _ in range(instance):
        pos = s.find(old, k)
        if pos < 0:
            return s
        k = pos + len(old)
    return _fit(s[:pos] + new + s[pos + len(old):])


# ---------------------------------------------------------------- joining

def _texts(args):
    """The values of ``V*`` arguments as text, one flat list (an omitted argument is
    ""), or the first error among them."""
    return convert_each(([None] if values is None else values for values in args), _text_of)


@_text_fn("CONCAT", "V*",
           "concat-function-9b1a9a3f-94ff-41af-9736-694cbd6b4ca2", min_args=1, max_args=253)
def concat(*args):
    parts = _texts(args)
    return parts if isinstance(parts, ExcelError) else _fit("".join(parts))


@_text_fn("TEXTJOIN", "AbV*",
           "textjoin-function-357b449a-ec91-49d0-80c3-0e8fc845691c", min_args=3, max_args=254)
def textjoin(delimiter, ignore_empty, *args):
    """Joins the values with the delimiters (an array of them is cycled)."""
    delims = convert_each(delimiter or [[None]], _text_of)
    if isinstance(delims, ExcelError):
        return delims
    parts = _texts(args)
    if isinstance(parts, ExcelError):
        return parts
    if ignore_empty:
        parts = [s for s in parts if s != ""]
    if not parts:
        return ""
    out = [parts[0]]
    for k, p in enumerate(parts[1:]):
        out.append(delims[k % len(delims)])
        out.append(p)
    return _fit("".join(out))


# ---------------------------------------------------------------- TEXTBEFORE / AFTER / SPLIT

def _delimiters(arg):
    """The delimiters of an argument (a text or an array of texts), or an error."""
    return [] if arg is None else convert_each(arg, _text_of)


def _matches(text: str, delims: list, ignore_case: bool):
    """Non-overlapping (start, end) spans of any delimiter, left to right (the
    longest delimiter wins at a position)."""
    alts = sorted({d for d in delims if d}, key=len, reverse=True)
    if not alts:
        return []
    rx = re.compile("|".join(map(re.escape, alts)), re.I if ignore_case else 0)
    return [(m.start(), m.end()) for m in rx.finditer(text)]


def _text_around(text, delimiter, instance, match_mode, match_end, if_not_found, before):
    if instance is None:              # omitted (also as an empty argument): the first
        instance = 1
    else:
        instance = to_number(instance)
        if isinstance(instance, ExcelError):
            return instance
        instance = int(instance)
    delims = _delimiters(delimiter)
    if isinstance(delims, ExcelError):
        return delims
    if before and text == "":
        return ""          # documented: TEXTBEFORE of empty text is empty text
    if instance == 0 or abs(instance) > max(len(text), 1):
        return VALUE
    if match_mode not in (0, 1):
        return VALUE
    if any(d == "" for d in delims) or not delims:
        # an empty delimiter matches at once: at the start going forward, the end going back
        cut = 0 if instance > 0 else len(text)
        return text[:cut] if before else text[cut:]
    spans = _matches(text, delims, match_mode == 1)
    if instance > 0:
        if match_end:
            spans = spans + [(len(text), len(text))]
        hit = spans[instance - 1] if len(spans) >= instance else None
    else:
        if match_end:
            spans = [(0, 0)] + spans
        hit = spans[instance] if len(spans) >= -instance else None
    if hit is None:
        return NA if if_not_found is None else if_not_found
    return text[:hit[0]] if before else text[hit[1]:]


@_text_fn("TEXTBEFORE", "sAxiix",
           "textbefore-function-d099c28a-dba8-448e-ac6c-f086d0fa1b29", min_args=2)
def textbefore(text, delimiter, instance=None, match_mode=0, match_end=0, if_not_found=None):
    return _text_around(text, delimiter, instance, match_mode, match_end, if_not_found, True)


@_text_fn("TEXTAFTER", "sAxiix",
           "textafter-function-c8db2546-5b51-416a-9690-c7e6722e90b4", min_args=2)
def textafter(text, delimiter, instance=None, match_mode=0, match_end=0, if_not_found=None):
    return _text_around(text, delimiter, instance, match_mode, match_end, if_not_found, False)


@_text_fn("TEXTSPLIT", "sAAbix",
           "textsplit-function-b1ca414e-4c21-4ca0-b1b7-bdecace8a6e7", min_args=2)
def textsplit(text, col_delimiter, row_delimiter=None, ignore_empty=False, match_mode=0,
              pad_with=None):
    """Splits into rows (row delimiters) and columns (column delimiters); short rows
    are padded with ``pad_with`` (#N/A by default)."""
    cols = _delimiters(col_delimiter)
    rows = _delimiters(row_delimiter)
    for d in (cols, rows):
        if isinstance(d, ExcelError):
            return d
    if match_mode not in (0, 1):
        return VALUE
    if not [d for d in cols + rows if d]:
        return VALUE
    ic = match_mode == 1

    def split(s, delims):
        spans = _matches(s, delims, ic)
        parts, k = [], 0
        for a, b in spans:
            parts.append(s[k:a])
            k = b
        parts.append(s[k:])
        return [p for p in parts if p] if ignore_empty else parts

    lines = split(text, rows) if rows else [text]
    grid = [split(line, cols) if cols else [line] for line in lines]
    if ignore_empty:
        grid = [r for r in grid if r]
    if not grid:
        return NA     # nothing left to show
    width = max(len(r) for r in grid)
    pad = NA if pad_with is None else pad_with
    return [r + [pad] * (width - len(r)) for r in grid]


# ---------------------------------------------------------------- values as text

def _strict(x) -> str:
    if isinstance(x, str):
        return '"' + x.replace('"', '""') + '"'
    return _concise(x)


def _concise(x) -> str:
    if isinstance(x, ExcelError):
        return x.code
    return to_text(x)


@_text_fn("VALUETOTEXT", "xi",
           "valuetotext-function-5fff61a2-301a-4ab2-9ffa-0a5242a08fea", min_args=1)
def valuetotext(x, fmt=0):
    if fmt not in (0, 1):
        return VALUE
    return _strict(x) if fmt == 1 else _concise(x)


@_text_fn("ARRAYTOTEXT", "Ai",
           "arraytotext-function-9cdcad46-2fa5-4c6b-ac92-14e7bc862b8b", min_args=1)
def arraytotext(array, fmt=0):
    """Concise: values joined by ", ". Strict: an array constant ({1,"a";TRUE,2})."""
    if fmt not in (0, 1):
        return VALUE
    array = array or [[None]]
    if fmt == 0:
        return _fit(", ".join(_concise(x) for row in array for x in row))
    return _fit("{" + ";".join(",".join(_strict(x) for x in row) for row in array) + "}")


@_text_fn("NUMBERVALUE", "sxx",
           "numbervalue-function-1b05c8cf-2bfa-4437-af70-596c7ea7d879", min_args=1)
def numbervalue(text, decimal_sep=None, group_sep=None):
    """Text to number with given separators: spaces ignored, group separators only
    before the decimal separator, trailing % signs divide by 100 each."""
    for a in (decimal_sep, group_sep):
        if isinstance(a, ExcelError):
            return a
    dec = "." if decimal_sep is None else to_text(decimal_sep)[:1]
    grp = "," if group_sep is None else to_text(group_sep)[:1]
    if not dec or (decimal_sep is not None and to_text(decimal_sep) == ""):
        return VALUE
    if group_sep is not None and to_text(group_sep) == "":
        grp = ""
    s = re.sub(r"\s", "", text)
    if s == "":
        return 0.0
    pct = len(s) - len(s.rstrip("%"))
    s = s.rstrip("%")
    if s.count(dec) > 1:
        return VALUE
    head, sep, tail = s.partition(dec)
    if grp and grp != dec:
        if grp in tail:
            return VALUE
        head = head.replace(grp, "")
    s = head + ("." if sep else "") + tail
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", s):
        return VALUE
    x = parse_number(s)
    if x is None:
        return VALUE
    return x / (100.0 ** pct)


@_text_fn("TEXT", "xs", "text-function-20d5ac4d-7b94-49fd-bb38-93d29371225c")
def text(value, format_text):
    """``value`` formatted by an Excel number format code (see numfmt.py)."""
    if isinstance(value, ExcelError):
        return value
    if isinstance(value, bool):
        return to_text(value)
    if value is None:
        value = 0.0
    elif isinstance(value, str):
        x = parse_number(value)
        value = value if x is None else x
    return numfmt.format_value(value, format_text)


@_text_fn("FIXED", "nib", "fixed-function-ffd5723c-324c-45e9-8b96-e41be2a8274a", min_args=1)
def fixed(x, decimals=2, no_commas=False):
    if decimals > 127:
        return VALUE
    return numfmt.fixed_text(x, decimals, commas=not no_commas)


@_text_fn("DOLLAR", "ni", "dollar-function-a6cd05d9-9740-4ad3-a469-8109d18ff611", min_args=1)
def dollar(x, decimals=2):
    if decimals > 127:
        return VALUE
    body = numfmt.fixed_text(abs(x), decimals, commas=True)
    return f"(${body})" if numfmt.rounds_negative(x, decimals) else f"${body}"


# ---------------------------------------------------------------- regular expressions
# Microsoft 365's REGEXTEST, REGEXEXTRACT and REGEXREPLACE (PCRE2 in Excel; Python's re
# agrees on classes, quantifiers, groups, anchors and lookaround). A pattern that does
# not compile, or a case_sensitivity other than 0/1, is #VALUE!.

def _regex_fn(name: str, spec: str, **limits):
    return excel(name, spec, category=_CAT, zero_grad=True,
                 help=f"https://support.microsoft.com/en-us/excel/functions/{name.lower()}-function",
                 **limits)


def _pattern(pattern: str, case_sensitivity: int):
    """The compiled pattern (case_sensitivity 0: case-sensitive, 1: not), or #VALUE!."""
    if case_sensitivity not in (0, 1):
        return VALUE
    try:
        return re.compile(pattern, re.IGNORECASE if case_sensitivity else 0)
    except re.error:
        return VALUE


@_regex_fn("REGEXTEST", "ssi", min_args=2)
def regextest(text, pattern, case_sensitivity=0):
    """TRUE when ``pattern`` matches any part of ``text``."""
    rx = _pattern(pattern, case_sensitivity)
    return rx if isinstance(rx, ExcelError) else rx.search(text) is not None


@_regex_fn("REGEXEXTRACT", "ssii", min_args=2)
def regexextract(text, pattern, return_mode=0, case_sensitivity=0):
    """The first match (return_mode 0), every match (1) or the first match's capturing
    groups (2) as a row; #N/A when nothing matches."""
    rx = _pattern(pattern, case_sensitivity)
    if isinstance(rx, ExcelError):
        return rx
    if return_mode == 1:
        found = [m.group(0) for m in rx.finditer(text)]
        return [found] if found else NA
    m = rx.search(text)
    if m is None:
        return NA
    if return_mode == 0:
        return m.group(0)
    if return_mode == 2:
        groups = [g or "" for g in m.groups()] or [m.group(0)]
        return [groups]
    return VALUE


_DOLLAR = re.compile(r"\$(?:(\d+)|\{(\w+)\}|(\$))")


def _expand(m, replacement: str) -> str:
    """``replacement`` with PCRE2's $n / ${name} / $$ filled in from match ``m``."""
    def one(d):
        if d.group(3):
            return "$"
        key = d.group(1) or d.group(2)
        try:
            return m.group(int(key) if key.isdigit() else key) or ""
        except IndexError:      # no such group: left as written
            return d.group(0)
    return _DOLLAR.sub(one, replacement)


@_regex_fn("REGEXREPLACE", "sssii", min_args=3)
def regexreplace(text, pattern, replacement, occurrence=0, case_sensitivity=0):
    """``text`` with every match (occurrence 0), or only the n-th (n > 0) or n-th from
    the end (n < 0), replaced by ``replacement`` ($1 etc. for groups)."""
    rx = _pattern(pattern, case_sensitivity)
    if isinstance(rx, ExcelError):
        return rx
    matches = list(rx.finditer(text))
    if occurrence:
        k = occurrence - 1 if occurrence > 0 else len(matches) + occurrence
        matches = [matches[k]] if 0 <= k < len(matches) else []
    out, at = [], 0
    for m in matches:
        out += [text[at:m.start()], _expand(m, replacement)]
        at = m.end()
    return _fit("".join(out) + text[at:])


# ---------------------------------------------------------------- byte variants

def _alias(new: str, old: str, url: str) -> None:
    """Register ``new`` as the same function as ``old`` (single-byte languages)."""
    f = copy.copy(FUNCTIONS[old])
    f.name = new
    FUNCTIONS[new] = f
    CATEGORIES[new] = _CAT
    HELP[new] = _MS + url


for _new, _old, _url in [
        ("LENB", "LEN", "len-lenb-functions-29236f94-cedc-429d-affd-b5e33d2c67cb"),
        ("LEFTB", "LEFT", "left-leftb-functions-9203d2d2-7960-479b-84c6-1ea52b99640c"),
        ("RIGHTB", "RIGHT", "right-rightb-functions-240267ee-9afa-4639-a02b-f19e1786cf2f"),
        ("MIDB", "MID", "mid-midb-functions-d5f9e25c-d7d6-472e-b568-4ecb12433028"),
        ("FINDB", "FIND", "find-findb-functions-c7912941-af2a-4bdf-a553-d0d89b0a0628"),
        ("SEARCHB", "SEARCH", "search-searchb-functions-9ab04538-0e55-4719-a72e-b6f54513b495"),
        ("REPLACEB", "REPLACE", "replace-replaceb-functions-8d799074-2425-4a8a-84bc-82472868878a")]:
    _alias(_new, _old, _url)
