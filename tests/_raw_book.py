"""Write a small .xlsx from raw sheet XML, for what openpyxl cannot write: dynamic-array
formulas (``cm`` + xl/metadata.xml), what-if data tables (``<f t="dataTable">``),
cached values of our choosing."""
from __future__ import annotations

import zipfile
from xml.sax.saxutils import escape

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

METADATA = (f'<metadata xmlns="{MAIN}" xmlns:xda="http://schemas.microsoft.com/office/'
            'spreadsheetml/2017/dynamicarray"><metadataTypes count="1"><metadataType '
            'name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" '
            'merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" '
            'assign="1" coerce="1" cellMeta="1"/></metadataTypes><futureMetadata name="XLDAPR" '
            'count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}">'
            '<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk>'
            '</futureMetadata><cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>'
            '</metadata>')


def _cell(ref: str, spec) -> str:
    """spec: a number/str/bool constant, or a dict with f (formula text), v (cached
    value), and attributes: t (formula type), fref (its ref), cm, and any of dt2D, dtr,
    r1, r2 for data tables."""
    if not isinstance(spec, dict):
        spec = {"v": spec}
    v = spec.get("v")
    attrs, inner = f' r="{ref}"', ""
    if spec.get("cm"):
        attrs += f' cm="{spec["cm"]}"'
    if "f" in spec or spec.get("t"):
        fa = ""
        if spec.get("t"):
            fa += f' t="{spec["t"]}"'
        if spec.get("fref"):
            fa += f' ref="{spec["fref"]}"'
        for k in ("dt2D", "dtr", "r1", "r2"):
            if k in spec:
                fa += f' {k}="{spec[k]}"'
        text = spec.get("f")
        inner += f"<f{fa}>{escape(text)}</f>" if text else f"<f{fa}/>"
    if isinstance(v, bool):
        attrs += ' t="b"'
        inner += f"<v>{int(v)}</v>"
    elif isinstance(v, (int, float)):
        inner += f"<v>{v!r}</v>"
    elif isinstance(v, str) and v.startswith("#"):
        attrs += ' t="e"'
        inner += f"<v>{escape(v)}</v>"
    elif isinstance(v, str):
        attrs += ' t="str"' if "f" in spec else ' t="inlineStr"'
        inner += f"<v>{escape(v)}</v>" if "f" in spec else f"<is><t>{escape(v)}</t></is>"
    return f"<c{attrs}>{inner}</c>"


def _key(ref: str):
    import re
    m = re.fullmatch(r"([A-Z]+)([0-9]+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def write_book(path, sheets: dict, calc_pr: dict | None = None, dynamic: bool = False):
    """sheets: {name: {ref: spec}}; calc_pr: attributes of <calcPr>; dynamic: add the
    dynamic-array metadata part (cm="1" marks a dynamic-array formula)."""
    names = list(sheets)
    ct = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.'
          'org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
          'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
          'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
          '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>')
    for i in range(len(names)):
        ct += (f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
               'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    if dynamic:
        ct += ('<Override PartName="/xl/metadata.xml" ContentType="application/vnd.'
               'openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>')
    ct += "</Types>"
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>')
    wb = f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
    wrels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
             'openxmlformats.org/package/2006/relationships">')
    for i, n in enumerate(names):
        wb += f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>'
        wrels += (f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" '
                  f'Target="worksheets/sheet{i + 1}.xml"/>')
    wb += "</sheets>"
    if calc_pr:
        wb += "<calcPr " + " ".join(f'{k}="{v}"' for k, v in calc_pr.items()) + "/>"
    wb += "</workbook>"
    if dynamic:
        wrels += (f'<Relationship Id="rId{len(names) + 1}" Type="http://schemas.openxmlformats.'
                  'org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/>')
    wrels += "</Relationships>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wrels)
        if dynamic:
            z.writestr("xl/metadata.xml", METADATA)
        for i, (n, cells) in enumerate(sheets.items()):
            rows = {}
            for ref, spec in cells.items():
                rows.setdefault(_key(ref)[0], []).append((_key(ref)[1], _cell(ref, spec)))
            body = "".join(f'<row r="{r}">' + "".join(x for _, x in sorted(cs)) + "</row>"
                           for r, cs in sorted(rows.items()))
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml",
                       f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}" '
                       f'xmlns:r="{REL}"><sheetData>{body}</sheetData></worksheet>')
    return path
