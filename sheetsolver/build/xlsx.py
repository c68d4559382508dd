"""Write a new OOXML workbook package (.xlsx/.xlsm) from scratch, standard library only.

Why our own: the lossless writer in :mod:`sheetsolver.package.writer` only patches
existing packages, and ``build`` must create one. This writer covers what the
generated workbooks need and nothing more: constants and formulas with their
cached values (filled-down blocks as shared formulas, as Excel writes them: see
:mod:`.shared_formulas`), shared strings, a few cell styles (bold, number formats), column
widths, frozen panes, sheet-scoped defined names (the Solver model) and DrawingML
line charts. Output is deterministic: fixed part order and zip timestamps.
"""
from __future__ import annotations

import math
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from ..formula.refs import cell_name
from ..package.writer import value_xml
from .shared_formulas import shared_blocks

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
CT_MACRO = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PALETTE = ("4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E")
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class Style:
    """A cell style: bold/italic font, number format code ("General" = none), fill colour."""
    bold: bool = False
    italic: bool = False
    num_fmt: str = "General"
    fill: str | None = None      # RGB like "FFF2CC"
    wrap: bool = False
    room: float = 0.0            # values up to this size must fit (cells a solve will change)


@dataclass
class Series:
    """One line of a chart: its legend name and the category/value ranges ("tab!$A$1:$A$9")."""
    name: str
    categories: str
    values: str


@dataclass
class Chart:
    """A line chart anchored over cells (0-based from/to column and row, as DrawingML wants)."""
    title: str
    series: list[Series]
    anchor: tuple[int, int, int, int]   # col1, row1, col2, row2 (0-based)
    x_title: str = ""
    y_title: str = ""
    log_y: bool = False


@dataclass
class SheetSpec:
    """One worksheet: cells ``{(row, col): value or "=formula"}``, styles, widths, charts."""
    name: str
    cells: dict = field(default_factory=dict)
    styles: dict = field(default_factory=dict)       # (row, col) -> Style
    widths: dict = field(default_factory=dict)       # col (1-based) -> width in characters
    heights: dict = field(default_factory=dict)      # row -> height in points
    freeze: tuple[int, int] | None = None            # (rows, cols) frozen above/left
    charts: list[Chart] = field(default_factory=list)
    fit_width: bool = True                           # print/PDF: scale to one page wide
    fit_height: bool = False                         # ... and one page high
    # (formulas, shared blocks) of the last write: ``build`` writes each sheet twice
    _shared: tuple | None = field(default=None, repr=False, compare=False)

    def put(self, row: int, col: int, value, style: Style | None = None) -> None:
        self.cells[(row, col)] = value
        if style is not None:
            self.styles[(row, col)] = style

    def formula_cells(self):
        return [rc for rc, v in self.cells.items() if isinstance(v, str) and v.startswith("=")]

    def shared_blocks(self) -> dict:
        """{(row, col): (si, ref or None)} of the cells written as shared formulas."""
        formulas = {rc: self.cells[rc][1:] for rc in self.formula_cells()}
        if self._shared is None or self._shared[0] != formulas:
            self._shared = (formulas, shared_blocks(formulas))
        return self._shared[1]


@dataclass
class Name:
    """A defined name; ``sheet`` = 0-based local sheet index (None = workbook scope)."""
    name: str
    text: str
    sheet: int | None = None
    hidden: bool = False


@dataclass
class WorkbookSpec:
    sheets: list[SheetSpec]
    names: list[Name] = field(default_factory=list)
    macro_enabled: bool = False


def _num(v: float) -> str:
    if not math.isfinite(v):
        raise ValueError(f"cannot store non-finite number {v!r} in a cell")
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(float(v))


class _Strings:
    def __init__(self):
        self.index: dict[str, int] = {}

    def get(self, s: str) -> int:
        if s not in self.index:
            self.index[s] = len(self.index)
        return self.index[s]

    def xml(self) -> str:
        items = "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in self.index)
        n = len(self.index)
        return (f'{XML_HEAD}<sst xmlns="{NS_MAIN}" count="{n}" uniqueCount="{n}">{items}</sst>')


class _Styles:
    def __init__(self):
        self.xfs: list[Style] = [Style()]
        self.fmts: dict[str, int] = {}
        self.fills: list[str | None] = []

    def get(self, st: Style | None) -> int:
        if st is None or st == Style():
            return 0
        if st not in self.xfs:
            self.xfs.append(st)
            if st.num_fmt != "General" and st.num_fmt not in self.fmts:
                self.fmts[st.num_fmt] = 164 + len(self.fmts)
            if st.fill and st.fill not in self.fills:
                self.fills.append(st.fill)
        return self.xfs.index(st)

    def xml(self) -> str:
        fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{escape(c, {chr(34): "&quot;"})}"/>'
                       for c, i in self.fmts.items())
        fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
                 '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
                 '<font><i/><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
                 '<font><b/><i/><sz val="11"/><name val="Calibri"/><family val="2"/></font>']
        fills = ['<fill><patternFill patternType="none"/></fill>',
                 '<fill><patternFill patternType="gray125"/></fill>']
        fills += [f'<fill><patternFill patternType="solid"><fgColor rgb="FF{f}"/>'
                  f'<bgColor indexed="64"/></patternFill></fill>' for f in self.fills]
        xfs = []
        for st in self.xfs:
            font = int(st.bold) + 2 * int(st.italic)
            fmt = self.fmts.get(st.num_fmt, 0)
            fill = 2 + self.fills.index(st.fill) if st.fill else 0
            attrs = (f'numFmtId="{fmt}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"'
                     + (' applyNumberFormat="1"' if fmt else "")
                     + (' applyFont="1"' if font else "") + (' applyFill="1"' if fill else ""))
            if st.wrap:
                xfs.append(f'<xf {attrs} applyAlignment="1"><alignment wrapText="1"/></xf>')
            else:
                xfs.append(f"<xf {attrs}/>")
        return (f'{XML_HEAD}<styleSheet xmlns="{NS_MAIN}">'
                f'<numFmts count="{len(self.fmts)}">{fmts}</numFmts>'
                f'<fonts count="{len(fonts)}">{"".join(fonts)}</fonts>'
                f'<fills count="{len(fills)}">{"".join(fills)}</fills>'
                '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
                '</styleSheet>')


def _cell_xml(ref: str, value, cached, style: int, strings: _Strings, shared=None) -> str:
    """One <c>: a formula with its cached value, or a constant (text as a shared string).
    ``shared`` = (si, block ref) on a shared block's first cell, (si, None) on the others.
    Value encoding is the lossless writer's (:func:`value_xml`), so both agree."""
    s = f' s="{style}"' if style else ""
    if isinstance(value, str) and value.startswith("=") and shared is not None:
        si, block = shared
        f = (f'<f t="shared" ref="{block}" si="{si}">{escape(value[1:])}</f>' if block
             else f'<f t="shared" si="{si}"/>')
        t, inner = value_xml(cached, True)
    elif isinstance(value, str) and value.startswith("="):
        f = f"<f>{escape(value[1:])}</f>"
        t, inner = value_xml(cached, True)
    elif isinstance(value, str):
        f, t, inner = "", b"s", f"<v>{strings.get(value)}</v>".encode()
    else:
        f = ""
        t, inner = value_xml(value, False)
    ta = f' t="{t.decode()}"' if t else ""
    body = f + inner.decode("utf-8")
    return f'<c r="{ref}"{s}{ta}>{body}</c>' if body else f'<c r="{ref}"{s}{ta}/>'


def _sheet_xml(sh: SheetSpec, cached: dict, strings: _Strings, styles: _Styles,
               has_drawing: bool) -> str:
    rows: dict[int, list[int]] = {}
    for r, c in set(sh.cells) | set(sh.styles):
        rows.setdefault(r, []).append(c)
    body = []
    shared = sh.shared_blocks()
    for r in sorted(rows):
        cells = "".join(_cell_xml(cell_name(r, c), sh.cells.get((r, c)), cached.get((r, c)),
                                  styles.get(sh.styles.get((r, c))), strings, shared.get((r, c)))
                        for c in sorted(rows[r]))
        h = sh.heights.get(r)
        ht = f' ht="{h}" customHeight="1"' if h else ""
        body.append(f'<row r="{r}"{ht}>{cells}</row>')
    max_r = max(rows, default=1)
    max_c = max((c for cs in rows.values() for c in cs), default=1)
    view = '<sheetView workbookViewId="0">'
    if sh.freeze:
        fr, fc = sh.freeze
        top = cell_name(fr + 1, fc + 1)
        pane = "bottomRight" if fr and fc else ("bottomLeft" if fr else "topRight")
        attrs = (f' xSplit="{fc}"' if fc else "") + (f' ySplit="{fr}"' if fr else "")
        view += f'<pane{attrs} topLeftCell="{top}" activePane="{pane}" state="frozen"/>'
    view += "</sheetView>"
    widths = fitted_widths(sh, cached)
    cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>'
                   for c, w in sorted(widths.items()))
    return (f'{XML_HEAD}<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_R}">'
            + ('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' if sh.fit_width else "")
            + f'<dimension ref="A1:{cell_name(max_r, max_c)}"/><sheetViews>{view}</sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + f'<sheetData>{"".join(body)}</sheetData>'
            '<pageMargins left="0.5" right="0.5" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>'
            f'<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="{int(sh.fit_height)}"/>'
            + ('<drawing r:id="rId1"/>' if has_drawing else "") + "</worksheet>")


def shown_length(value, fmt: str) -> int:
    """Characters a number takes in a cell with number format ``fmt`` (the formats the
    builders use: General, 0, 0.0..., 0.00E+00, with an optional %)."""
    import re as _re
    x = float(value)
    if fmt == "General":
        from ..rules import general_text
        return min(len(general_text(x)), 11)
    m = _re.fullmatch(r"0(?:\.(0+))?(E\+00)?(%)?", fmt)
    if not m:
        return len(fmt) + 2
    decimals = len(m.group(1) or "")
    if m.group(2):
        return len(f"{x:.{decimals}E}".replace("E+0", "E+").replace("E-0", "E-")) + 1
    if m.group(3):
        x *= 100
    return len(f"{x:.{decimals}f}") + (1 if m.group(3) else 0)


def fitted_widths(sh: SheetSpec, cached: dict) -> dict:
    """Column widths that show every number without ``###``: at least the builder's
    width, and wide enough for each cell's value under its format. Cells whose style
    has ``room`` (Solver variables, optimiser state) get space for values of that size
    with either sign, since a solve or a step will change them."""
    widths = dict(sh.widths)
    need: dict[int, float] = {}
    for (r, c), st in sh.styles.items():
        if st is None or st.wrap:
            continue
        v = cached.get((r, c), sh.cells.get((r, c)))
        n = 0
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            n = shown_length(v, st.num_fmt)
        if st.room:
            n = max(n, shown_length(-st.room, st.num_fmt))
        if n:
            need[c] = max(need.get(c, 0), n + 1.7)
    for c, w in need.items():
        if w > widths.get(c, 8.43):
            widths[c] = round(w, 1)
    return widths


def _text_rich(text: str, size: int = 1200, bold: bool = True) -> str:
    return (f'<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}" '
            f'b="{int(bold)}"/></a:pPr><a:r><a:rPr lang="en-US" sz="{size}" b="{int(bold)}"/>'
            f'<a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx>')


def _cache(values) -> str:
    if values is None:
        return ""
    pts = "".join(f'<c:pt idx="{i}"><c:v>{_num(float(v))}</c:v></c:pt>'
                  for i, v in enumerate(values) if isinstance(v, (int, float))
                  and not isinstance(v, bool) and math.isfinite(v))
    return f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(values)}"/>{pts}</c:numCache>'


def _chart_xml(ch: Chart, caches: dict) -> str:
    ser = []
    for i, s in enumerate(ch.series):
        ser.append(
            f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/><c:tx><c:v>{escape(s.name)}</c:v></c:tx>'
            f'<c:spPr><a:ln w="22225" cap="rnd"><a:solidFill><a:srgbClr val="{PALETTE[i % len(PALETTE)]}"/>'
            '</a:solidFill><a:round/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>'
            f'<c:cat><c:numRef><c:f>{escape(s.categories)}</c:f>{_cache(caches.get(s.categories))}'
            f'</c:numRef></c:cat><c:val><c:numRef><c:f>{escape(s.values)}</c:f>'
            f'{_cache(caches.get(s.values))}</c:numRef></c:val><c:smooth val="0"/></c:ser>')
    scaling = ('<c:scaling><c:logBase val="10"/><c:orientation val="minMax"/></c:scaling>'
               if ch.log_y else '<c:scaling><c:orientation val="minMax"/></c:scaling>')
    x_title = f"<c:title>{_text_rich(ch.x_title, 1000)}<c:overlay val=\"0\"/></c:title>" if ch.x_title else ""
    y_title = f"<c:title>{_text_rich(ch.y_title, 1000)}<c:overlay val=\"0\"/></c:title>" if ch.y_title else ""
    return (f'{XML_HEAD}<c:chartSpace xmlns:c="{NS_C}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">'
            '<c:roundedCorners val="0"/><c:chart>'
            f'<c:title>{_text_rich(ch.title)}<c:overlay val="0"/></c:title>'
            '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
            f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{"".join(ser)}'
            '<c:marker val="1"/><c:axId val="500000001"/><c:axId val="500000002"/></c:lineChart>'
            '<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
            f'<c:delete val="0"/><c:axPos val="b"/>{x_title}<c:numFmt formatCode="General" sourceLinked="1"/>'
            '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>'
            '<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
            '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
            f'<c:valAx><c:axId val="500000002"/>{scaling}<c:delete val="0"/><c:axPos val="l"/>'
            f'<c:majorGridlines/>{y_title}<c:numFmt formatCode="General" sourceLinked="0"/>'
            '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
            '<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>'
            '</c:valAx></c:plotArea><c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend>'
            '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>')


def _drawing_xml(charts: list[Chart], first_rid: int = 1) -> str:
    anchors = []
    for i, ch in enumerate(charts):
        c1, r1, c2, r2 = ch.anchor
        anchors.append(
            f'<xdr:twoCellAnchor><xdr:from><xdr:col>{c1}</xdr:col><xdr:colOff>0</xdr:colOff>'
            f'<xdr:row>{r1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>{c2}'
            f'</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>{r2}</xdr:row><xdr:rowOff>0</xdr:rowOff>'
            f'</xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="{i + 2}" '
            f'name="Chart {i + 1}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm>'
            '<a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData '
            f'uri="{NS_C}"><c:chart xmlns:c="{NS_C}" r:id="rId{first_rid + i}"/></a:graphicData>'
            '</a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>')
    return (f'{XML_HEAD}<xdr:wsDr xmlns:xdr="{NS_XDR}" xmlns:a="{NS_A}" xmlns:r="{NS_R}">'
            f'{"".join(anchors)}</xdr:wsDr>')


def _rels(items: list[tuple[str, str, str]]) -> str:
    rels = "".join(f'<Relationship Id="{i}" Type="{REL}{t}" Target="{escape(target)}"/>'
                   for i, t, target in items)
    return f'{XML_HEAD}<Relationships xmlns="{NS_PR}">{rels}</Relationships>'


def _range_values(spec: WorkbookSpec, cached: dict, ref: str):
    """Values of a one-row or one-column range 'tab!$A$1:$A$9' (for the chart caches)."""
    from ..formula.refs import parse_area
    sheet, _, _ = ref.partition("!")
    a = parse_area(ref, sheet)
    sh = next(s for s in spec.sheets if s.name == a.sheet)
    out = []
    for r in range(a.r1, a.r2 + 1):
        for c in range(a.c1, a.c2 + 1):
            v = sh.cells.get((r, c))
            if isinstance(v, str) and v.startswith("="):
                v = cached.get(a.sheet, {}).get((r, c))
            out.append(v)
    return out


def package_parts(spec: WorkbookSpec, cached: dict | None = None) -> dict[str, bytes]:
    """All parts of the package; ``cached[sheet][(row, col)]`` = value of each formula cell."""
    cached = cached or {}
    strings, styles = _Strings(), _Styles()
    parts: dict[str, str] = {}
    overrides = [("/xl/workbook.xml", CT_MACRO if spec.macro_enabled else CT_MAIN),
                 ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
                 ("/xl/sharedStrings.xml",
                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")]
    wb_rels, sheets_xml = [], []
    n_chart = 0
    for i, sh in enumerate(spec.sheets, start=1):
        part = f"xl/worksheets/sheet{i}.xml"
        parts[part] = _sheet_xml(sh, cached.get(sh.name, {}), strings, styles, bool(sh.charts))
        overrides.append((f"/{part}",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"))
        wb_rels.append((f"rId{i}", "worksheet", f"worksheets/sheet{i}.xml"))
        sheets_xml.append(f'<sheet name="{escape(sh.name)}" sheetId="{i}" r:id="rId{i}"/>')
        if sh.charts:
            parts[f"xl/worksheets/_rels/sheet{i}.xml.rels"] = _rels(
                [("rId1", "drawing", f"../drawings/drawing{i}.xml")])
            parts[f"xl/drawings/drawing{i}.xml"] = _drawing_xml(sh.charts)
            overrides.append((f"/xl/drawings/drawing{i}.xml",
                              "application/vnd.openxmlformats-officedocument.drawing+xml"))
            drels = []
            for j, ch in enumerate(sh.charts, start=1):
                n_chart += 1
                caches = {ref: _range_values(spec, cached, ref) for s in ch.series
                          for ref in (s.categories, s.values)} if cached else {}
                parts[f"xl/charts/chart{n_chart}.xml"] = _chart_xml(ch, caches)
                overrides.append((f"/xl/charts/chart{n_chart}.xml",
                                  "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"))
                drels.append((f"rId{j}", "chart", f"../charts/chart{n_chart}.xml"))
            parts[f"xl/drawings/_rels/drawing{i}.xml.rels"] = _rels(drels)
    n = len(spec.sheets)
    wb_rels += [(f"rId{n + 1}", "styles", "styles.xml"),
                (f"rId{n + 2}", "sharedStrings", "sharedStrings.xml")]
    names = "".join(
        f'<definedName name="{escape(d.name)}"'
        + (f' localSheetId="{d.sheet}"' if d.sheet is not None else "")
        + (' hidden="1"' if d.hidden else "") + f">{escape(d.text)}</definedName>"
        for d in spec.names)
    parts["xl/workbook.xml"] = (
        f'{XML_HEAD}<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_R}"><workbookPr/>'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f'<sheets>{"".join(sheets_xml)}</sheets>'
        + (f"<definedNames>{names}</definedNames>" if names else "")
        + '<calcPr calcId="191029"/></workbook>')
    parts["xl/_rels/workbook.xml.rels"] = _rels(wb_rels)
    parts["xl/styles.xml"] = styles.xml()
    parts["xl/sharedStrings.xml"] = strings.xml()   # after the sheets filled it
    parts["_rels/.rels"] = _rels([("rId1", "officeDocument", "xl/workbook.xml")])
    ct = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    parts["[Content_Types].xml"] = (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{ct}</Types>')
    order = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
    order += sorted(p for p in parts if p not in order)
    return {p: parts[p].encode("utf-8") for p in order}


def write_package(spec: WorkbookSpec, path, cached: dict | None = None) -> None:
    """Write the package to ``path`` (fixed timestamps, deflated, deterministic)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in package_parts(spec, cached).items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
