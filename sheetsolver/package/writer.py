"""Save a changed workbook losslessly: patch cell values into the original package.

Only the ``<c>`` elements of cells whose values changed are rewritten (formulas,
styles and every other attribute kept); every other part — charts, drawings, VBA,
form controls, pivot caches, styles, printer settings, calcChain — is copied with
its exact bytes. We never add or remove formulas, so calcChain stays valid.
The output is written to a temporary file beside the target and renamed into place.
"""
from __future__ import annotations

import re
import zipfile

from ..errors import SheetsolverError
from ..formula.refs import cell_name, parse_cell
from ..values import ExcelError
from .output import atomic_output, output_path

_CELL = re.compile(rb"<c\b([^>]*?)(/>|>(.*?)</c>)", re.S)
_ROW = re.compile(rb"<row\b([^>]*?)(/>|>(.*?)</row>)", re.S)
_R_ATTR = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_T_ATTR = re.compile(rb'\s+t="[^"]*"')
_F_ELEM = re.compile(rb"<f\b[^>]*/>|<f\b[^>]*>.*?</f>", re.S)


def escape(text: str) -> str:
    """&, < and > as entities: xml.sax.saxutils.escape without its 50 ms urllib import."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _num(x: float) -> str:
    if x == int(x) and abs(x) < 1e16:
        return str(int(x))
    return repr(float(x))


def value_xml(value, is_formula: bool) -> tuple[bytes | None, bytes]:
    """(t attribute or None, inner XML after any <f>) for a value."""
    if value is None:
        return None, b""
    if isinstance(value, bool):
        return b"b", b"<v>%d</v>" % int(value)
    if isinstance(value, (int, float)):
        return None, ("<v>" + _num(value) + "</v>").encode()
    if isinstance(value, ExcelError):
        return b"e", ("<v>" + escape(value.code) + "</v>").encode()
    s = escape(str(value))
    if is_formula:
        return b"str", ("<v>" + s + "</v>").encode("utf-8")
    return b"inlineStr", ('<is><t xml:space="preserve">' + s + "</t></is>").encode("utf-8")


def _patch_cell(attrs: bytes, body: bytes | None, value) -> bytes:
    f = _F_ELEM.search(body or b"")
    t, inner = value_xml(value, f is not None)
    attrs = _T_ATTR.sub(b"", attrs)
    if t is not None:
        attrs += b' t="' + t + b'"'
    content = (f.group(0) if f else b"") + inner
    if not content:
        return b"<c" + attrs + b"/>"
    return b"<c" + attrs + b">" + content + b"</c>"


_REF_ATTR = re.compile(rb'(<f\b[^>]*?\bref=")([^"]*)(")')


def _set_array_ref(body: bytes, ref: str) -> bytes:
    """A dynamic array's anchor: its ``<f ref="...">`` follows the current spill range."""
    return _REF_ATTR.sub(lambda m: m.group(1) + ref.encode() + m.group(3), body, count=1)


def patch_sheet_xml(xml: bytes, changes: dict, arrays: dict | None = None) -> bytes:
    """Return sheet XML with ``changes`` ((row, col) -> value) applied, and the spill
    range of dynamic-array anchors in ``arrays`` ((row, col) -> "A1:B5") updated."""
    pending = dict(changes)
    arrays = arrays or {}

    def sub(m):
        attrs = m.group(1)
        r = _R_ATTR.search(attrs)
        if not r:
            return m.group(0)
        key = parse_cell(r.group(1).decode())
        if key in arrays and m.group(3):
            ref = _REF_ATTR.search(m.group(3))
            if ref and ref.group(2).decode() != arrays[key]:
                body = _set_array_ref(m.group(3), arrays[key])
                if key not in pending:
                    return b"<c" + attrs + b">" + body + b"</c>"
                return _patch_cell(attrs, body, pending.pop(key))
        if key not in pending:
            return m.group(0)
        return _patch_cell(attrs, m.group(3), pending.pop(key))

    out = _CELL.sub(sub, xml)
    pending = {k: v for k, v in pending.items() if v is not None}
    if pending:
        out = _insert_cells(out, pending)
    return out


def _insert_cells(xml: bytes, cells: dict) -> bytes:
    """Add cells that did not exist (blank cells given a value), keeping row/column order."""
    by_row: dict = {}
    for (r, c), v in cells.items():
        by_row.setdefault(r, {})[c] = v

    def new_cell(r, c, v):
        return _patch_cell(b' r="' + cell_name(r, c).encode() + b'"', None, v)

    def sub_row(m):
        attrs = m.group(1)
        rm = re.search(rb'\br="([0-9]+)"', attrs)
        if not rm:
            return m.group(0)
        r = int(rm.group(1))
        add = by_row.pop(r, None)
        if not add:
            return m.group(0)
        body = m.group(3) or b""
        existing = [(parse_cell(x.group(1).decode())[1], x.start())
                    for x in re.finditer(rb'<c\b[^>]*?\br="([A-Z]+[0-9]+)"', body)]
        for c in sorted(add, reverse=True):
            pos = next((s for col, s in existing if col > c), len(body))
            body = body[:pos] + new_cell(r, c, add[c]) + body[pos:]
        attrs = re.sub(rb'\s+spans="[^"]*"', b"", attrs)
        return b"<row" + attrs + b">" + body + b"</row>"

    xml = _ROW.sub(sub_row, xml)
    if by_row:  # rows that did not exist
        m = re.search(rb"<sheetData\s*/>|<sheetData\b[^>]*>(.*?)</sheetData>", xml, re.S)
        if not m:
            raise SheetsolverError("sheet part has no sheetData")
        body = m.group(1) or b""
        rows = [(int(x.group(1)), x.start()) for x in re.finditer(rb'<row\b[^>]*?\br="([0-9]+)"', body)]
        for r in sorted(by_row, reverse=True):
            cells_xml = b"".join(new_cell(r, c, by_row[r][c]) for c in sorted(by_row[r]))
            row_xml = b'<row r="%d">' % r + cells_xml + b"</row>"
            pos = next((s for rr, s in rows if rr > r), len(body))
            body = body[:pos] + row_xml + body[pos:]
        xml = xml[:m.start()] + b"<sheetData>" + body + b"</sheetData>" + xml[m.end():]
    return xml


def resolve_output(src: str, out: str | None, suffix: str, in_place: bool = False,
                   api: bool = False) -> str:
    """Where to write: ``out``, or BOOK<suffix><ext> beside the input (checked: see
    :func:`~sheetsolver.package.output.output_path`)."""
    return output_path(src, out, suffix, in_place, api=api)


def write_package(pkg, out_path: str, replace: dict | None = None,
                  add: list | None = None) -> None:
    """Write ``pkg`` to ``out_path`` atomically, with parts in ``replace`` (name -> bytes)
    substituted and ``add`` ((name, bytes) pairs) appended."""
    replace = replace or {}
    with atomic_output(out_path) as tmp:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for info in pkg.infos:
                data = replace.get(info.filename, pkg.data[info.filename])
                zi = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                zi.compress_type = info.compress_type
                zi.external_attr = info.external_attr
                zi.create_system = info.create_system
                z.writestr(zi, data)
            for name, data in add or []:
                zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                zi.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(zi, data)


def save_workbook(wb, out_path: str, changed: list, extra_parts=None, replace_parts=None) -> list:
    """Save ``wb`` with the values of the ``changed`` cells ((sheet, row, col)) patched in.

    Returns the names of the parts that were rewritten.
    """
    by_part: dict = {}
    for sheet, r, c in changed:
        sh = wb.sheet(sheet)
        by_part.setdefault(sh.part, {})[(r, c)] = sh.cells[(r, c)].value if (r, c) in sh.cells \
            else None
    arrays: dict = {}
    for sh in wb.sheets:
        for (r, c), cell in sh.cells.items():
            if cell.dynamic and cell.array is not None:
                arrays.setdefault(sh.part, {})[(r, c)] = cell.array.a1(with_sheet=False)
    replace = dict(replace_parts or {})
    for part in set(by_part) | set(arrays):
        data = replace.get(part, wb.package.data[part])
        new = patch_sheet_xml(data, by_part.get(part, {}), arrays.get(part))
        if new != data:
            replace[part] = new
    write_package(wb.package, out_path, replace, extra_parts)
    return sorted(replace)
