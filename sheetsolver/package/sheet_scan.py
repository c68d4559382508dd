"""Read the cells of a sheet part straight from its bytes, for the plain common form.

Why: building an ElementTree of a sheet part and then walking it (Element.get/find per
cell) costs more than one compiled regular expression over the text of ``<sheetData>``
and a loop over its matches (issue 14: the read phase of a big workbook about 0.7x).
The plain form is what Excel, openpyxl and LibreOffice write: ``<row r="..">`` and
``<c r=".." ...>`` (attributes double-quoted, ``r`` first) holding ``<f>``, ``<v>``
and a one-run ``<is><t>``, in that order. Anything else (a namespace prefix or
declaration on a cell, rich text, comments, CDATA, processing instructions, single
quotes, a non-UTF-8 encoding, a DOCTYPE, an unknown entity, a character XML forbids,
rows that nest or do not close) raises :class:`NotPlain` and the reader uses
ElementTree for that part, which also reports what is malformed. The tokens tile
``<sheetData>``: every character belongs to a recognised token; the rest of the part
is parsed by ElementTree (without the cells: small).

Text and attribute values come out exactly as an XML parser gives them: line ends
normalised to LF, tabs and newlines in attribute values made spaces, the five
predefined entities and character references replaced.
"""
from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from .zipsafe import _declares

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CHUNK_BYTES = 1 << 20   # a big sheetData is scanned in pieces of about this size


class NotPlain(Exception):
    """The part is not in the plain form this scanner reads: use ElementTree."""


_W = r"[ \t\n]*"
_LOOSE = r"[^<>/]*"   # attributes, checked by _attributes once per distinct text
# one token of <sheetData>; its groups, in findall order: ref, the cell's other
# attributes, "<f" + the formula's attributes, formula text, value text, an empty <v>,
# inline string text, a row's start or end tag, anything else (to the end: the part
# is not plain)
_TOKEN = re.compile(
    r'<c r="([^"<&\t\n]+)"(' + _LOOSE + ')(?:/>|>' + _W +
    r'(?:(<f' + _LOOSE + ')(?:/>|>([^<]*)</f>)' + _W + ')?'
    r'(?:<v>([^<]+)</v>' + _W + '|(<v></v>|<v' + _W + '/>)' + _W + ')?'
    r'(?:<is>' + _W + '<t(?: xml:space="preserve")?(?:' + _W + '/>|>([^<]*)</t>)' + _W +
    '</is>' + _W + ')?</c>)'
    r'|(</row>|<row r="[0-9]+"' + _LOOSE + r'/?>)|[ \t\n]+|([\s\S]+)')
_ATTR = r'[ \t\n]+([^ \t\n="<>/]+)="([^"<]*)"'
_PAIRS = re.compile(_ATTR)
_ATTRIBUTES = re.compile(r"(?:" + _ATTR + r")*[ \t\n]*")
_NAME = re.compile(r"[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?")
_REF = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));|&")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|]]>")   # not in XML text
# the bytes that can start what _FORBIDDEN finds (U+FFFE/U+FFFF are EF BF BE/BF): a
# piece without any is checked by one bytes.translate, the rest by the expression
_SUSPECT = bytes(range(9)) + b"\x0b\x0c" + bytes(range(14, 32)) + b"\xef]"
_NOT_SUSPECT = bytes(b for b in range(256) if b not in _SUSPECT)
_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding[ \t\r\n]*=[ \t\r\n]*["']([^"']*)["']""")


def _char(code: int) -> str:
    """A character reference's character, when XML 1.0 allows it."""
    if code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD \
            or 0x10000 <= code <= 0x10FFFF:
        return chr(code)
    raise NotPlain


def _replace(m) -> str:
    name, dec, hexa = m.groups()
    if name:
        return _NAMED[name]
    if dec:
        return _char(int(dec))
    if hexa:
        return _char(int(hexa, 16))
    raise NotPlain   # a bare '&' or an entity no DTD declares: ElementTree says why


def unescape(text: str) -> str:
    """``text`` with XML's predefined entities and character references replaced."""
    return _REF.sub(_replace, text) if "&" in text else text


_PLAIN_NAMES = {"r", "s", "t", "cm", "vm", "ph", "si", "ref", "ca", "aca", "spans", "ht",
                "customHeight", "customFormat", "hidden", "outlineLevel", "collapsed",
                "thickTop", "thickBot", "dt2D", "dtr", "del1", "del2", "r1", "r2", "bx"}


def _name_ok(name: str, prefixes: frozenset) -> bool:
    """Whether ``name`` is an attribute name ElementTree reads as we do: an XML name,
    no namespace declaration, a prefix only when the root binds it."""
    prefix, colon, _ = name.partition(":")
    return _NAME.fullmatch(name) is not None and name != "xmlns" and prefix != "xmlns" \
        and (not colon or prefix in prefixes)


def _attributes(text: str, prefixes: frozenset) -> dict:
    """{name: value} of attributes in source form (`` a="1" b="x&amp;y"``), values as an
    XML parser gives them (tab and newline become spaces, references replaced);
    NotPlain for a duplicate or a name :func:`_name_ok` refuses."""
    if _ATTRIBUTES.fullmatch(text) is None:
        raise NotPlain
    d = {}
    for name, value in _PAIRS.findall(text):
        if name in d or (name not in _PLAIN_NAMES and not _name_ok(name, prefixes)):
            raise NotPlain
        if "\t" in value or "\n" in value:
            value = value.replace("\t", " ").replace("\n", " ")
        d[name] = unescape(value)
    return d


def _cell_attributes(text: str, cache: dict, prefixes: frozenset) -> tuple:
    """(t, cm) of a cell from its attributes after ``r`` (None when absent)."""
    d = _attributes(text, prefixes)
    if "r" in d:
        raise NotPlain
    got = cache[text] = d.get("t"), d.get("cm")
    return got


def formula_kind(attrs) -> tuple:
    """(attributes, type, volatile, shared index) of an ``<f>`` from its attributes."""
    return attrs, attrs.get("t", "normal"), attrs.get("ca") == "1", attrs.get("si")


def _f_attributes(text: str, cache: dict) -> tuple:
    """:func:`formula_kind` of an ``<f>`` from ``<f`` + its attributes' source text."""
    got = cache[text] = formula_kind(_attributes(text[2:], frozenset()))
    return got


def _skeleton(raw: bytes, start: int, end: int):
    """(code name, prefixes the root declares) from the part without its sheetData,
    parsed by ElementTree (no DOCTYPE: sheetData itself cannot hold one, a ``<!`` is no
    token); NotPlain unless the root is a main-namespace worksheet, the scanned
    sheetData its first sheetData child and the only place with rows."""
    skeleton = raw[:start] + b'<sheetData scanned="1"/>' + raw[end:]
    if _declares(skeleton):   # ElementTree's path refuses it (zipsafe)
        raise NotPlain
    parser = ET.XMLPullParser(events=("start-ns", "start"))
    try:
        parser.feed(skeleton)
        parser.close()
    except ET.ParseError:
        raise NotPlain
    prefixes, root = {"xml"}, None
    for event, item in parser.read_events():
        if event == "start":
            root = item
            break
        prefixes.add(item[0])
    data = None if root is None or root.tag != M + "worksheet" else root.find(M + "sheetData")
    if data is None or data.get("scanned") != "1" \
            or next(root.iter(M + "row"), None) is not None:
        raise NotPlain
    pr = root.find(M + "sheetPr")
    return (None if pr is None else pr.get("codeName")), frozenset(prefixes)


def _region(raw: bytes) -> tuple[int, int, int, int]:
    """(start of ``<sheetData``, start and end of its content, end of the element);
    NotPlain for anything but a UTF-8 part with one unprefixed, attribute-free
    sheetData and no comment, CDATA or processing instruction before it (where one
    could hide a ``<sheetData``; inside it, they are tokens the scanner refuses)."""
    enc = _ENCODING.match(raw)
    if enc is not None and enc.group(1).lower() not in (b"utf-8", b"utf8"):
        raise NotPlain
    if enc is None and raw.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml") and \
            b"encoding" in raw[:raw.find(b"?>") + 1]:
        raise NotPlain      # a declaration this pattern does not read: ElementTree does
    head = raw.find(b"?>") + 2 if raw.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml") else 0
    i = raw.find(b"<sheetData")
    if i < 0 or raw.find(b"<!", 0, i) >= 0 or raw.find(b"<?", head, i) >= 0:
        raise NotPlain
    if raw.startswith(b"<sheetData/>", i):
        return i, i + 12, i + 12, i + 12
    j = raw.find(b"</sheetData>", i)
    if not raw.startswith(b"<sheetData>", i) or j < 0:
        raise NotPlain
    return i, i + 11, j, j + 12


def _row(tag: str, in_row: bool, seen: set, prefixes: frozenset) -> bool:
    """Whether a row is open after its start or end tag ``tag``; NotPlain for rows
    that nest or do not close, or a start tag with attributes ElementTree would refuse
    or read differently (checked once per distinct text after ``r``)."""
    if tag[1] == "/":
        if not in_row:
            raise NotPlain
        return False
    empty = tag.endswith("/>")
    attrs = tag[tag.index('"', 8) + 1:-2 if empty else -1]
    if in_row or (attrs not in seen and "r" in _attributes(attrs, prefixes)):
        raise NotPlain
    seen.add(attrs)
    return not empty


def _tokens(piece: bytes, state: list, prefixes: frozenset, caches: tuple) -> list:
    """The cells of a piece of sheetData as (ref, t, cm, value text, :func:`formula_kind`
    or None, formula text), what the ElementTree path reads from each ``<c>``.
    ``state[0]``: inside a row (carried from piece to piece)."""
    try:
        text = piece.decode("utf-8")
    except UnicodeDecodeError:
        raise NotPlain
    if piece.translate(None, _NOT_SUSPECT) and _FORBIDDEN.search(text) is not None:
        raise NotPlain
    if "\r" in text:   # XML's end-of-line handling, before anything else
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    cattrs, fattrs, rows = caches
    out = []
    add = out.append
    in_row = state[0]
    for ref, ca, fa, ft, vt, ve, it, row, bad in _TOKEN.findall(text):
        if ref:
            if not in_row:
                raise NotPlain
            tc = cattrs.get(ca)
            t, cm = _cell_attributes(ca, cattrs, prefixes) if tc is None else tc
            if "&" in vt:   # (every text is checked, read or not, as a parser does)
                vt = unescape(vt)
            if it and "&" in it:
                it = unescape(it)
            v = it if t == "inlineStr" else vt if vt else "" if ve else None
            if fa:
                f = fattrs.get(fa)
                add((ref, t, cm, v, _f_attributes(fa, fattrs) if f is None else f,
                     (ft if "&" not in ft else unescape(ft)) if ft else None))
            else:
                add((ref, t, cm, v, None, None))
        elif row:
            in_row = _row(row, in_row, rows, prefixes)
        elif bad:
            raise NotPlain
    state[0] = in_row
    return out


def scan(raw: bytes):
    """(code name or None, an iterator of lists of cell tuples, see :func:`_tokens`) of
    a sheet part's bytes; raises NotPlain (here or while iterating) for anything but
    the plain form. A big sheetData is decoded and scanned piece by piece (pieces end
    at a ``</row>``), so it is never held whole as text."""
    start, lo, hi, end = _region(raw)
    codename, prefixes = _skeleton(raw, start, end)
    return codename, _pieces(raw, lo, hi, prefixes)


def _pieces(raw: bytes, pos: int, stop: int, prefixes: frozenset):
    state, caches = [False], ({}, {}, set())
    while pos < stop:
        cut = raw.find(b"</row>", pos + CHUNK_BYTES, stop) if stop - pos > CHUNK_BYTES else -1
        nxt = stop if cut < 0 else cut + 6
        yield _tokens(raw[pos:nxt], state, prefixes, caches)
        pos = nxt
    if state[0]:
        raise NotPlain
