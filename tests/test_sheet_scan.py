"""Reading sheet parts straight from their bytes (sheet_scan, issue 14) gives exactly the
cells ElementTree's path gives: every attribute of every cell, for the course and built
workbooks, books written by openpyxl (and XlsxWriter when installed) and hand-written
parts. Parts not in the plain form fall back to ElementTree, errors included; the
expected texts come from the XML written here and from the XML specification (end-of-line
handling, attribute-value normalisation, predefined entities), checked against
ElementTree itself where it applies."""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _raw_book import MAIN, REL, write_book  # noqa: E402
from conftest import FASTAI, fastai_book  # noqa: E402

from sheetsolver.errors import SheetsolverError  # noqa: E402
from sheetsolver.package import reader, sheet_scan  # noqa: E402
from sheetsolver.package.parts import sheet_parts  # noqa: E402
from sheetsolver.package.zipsafe import open_package  # noqa: E402
from sheetsolver.values import ExcelError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
ATTRS = ("row", "col", "value", "formula_text", "origin", "shared", "array", "data_table",
         "volatile", "dynamic", "problem", "array_master")


def snapshot(path, fast: bool, monkeypatch) -> dict | tuple:
    """Every sheet's code name and every cell's attributes (with their types), read with
    the scanner on or off; ("error", message) when reading is refused."""
    monkeypatch.setattr(reader, "FAST_SCAN", fast)
    try:
        wb = reader.load_workbook(path)
    except SheetsolverError as e:
        return "error", str(e)
    return {sh.name: (sh.codename, {k: tuple((type(getattr(c, a)), getattr(c, a)) for a in ATTRS)
                                    for k, c in sh.cells.items()})
            for sh in wb.sheets}


def scanned(path) -> list[bool]:
    """Per worksheet part: whether the scanner reads it (True) or it falls back."""
    pkg = open_package(path)
    out = []
    for part in sheet_parts(pkg).values():
        try:
            for _ in sheet_scan.scan(pkg.read(part))[1]:
                pass
            out.append(True)
        except sheet_scan.NotPlain:
            out.append(False)
    return out


def assert_alike(path, monkeypatch, plain: bool = True):
    """Both paths read ``path`` alike; the scanner takes every part (``plain``) or none."""
    assert scanned(path) == [plain] * len(scanned(path))
    fast, slow = snapshot(path, True, monkeypatch), snapshot(path, False, monkeypatch)
    assert fast == slow
    return fast


BOOKS = [FASTAI / n for n in ("collab_filter-2019.xlsx", "collab_filter-2022.xlsx",
                              "graddesc-2019.xlsm")] + sorted(ROOT.glob("workbooks/*.xls*"))


@pytest.mark.parametrize("path", BOOKS, ids=lambda p: p.name)
def test_course_and_built_workbooks_read_alike(path, monkeypatch):
    if path.parent == FASTAI:
        path = fastai_book(path.name)   # skips when ../shared is absent
    got = assert_alike(path, monkeypatch)
    assert sum(len(cells) for _, cells in got.values()) > 1000


def test_openpyxl_book_reads_alike(tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
    import datetime
    wb = openpyxl.Workbook()
    ws = wb.active
    long_text = "long " * 6000 + "\u00e9\u4e2d\U0001F600"
    cells = {"A1": 1.5, "A2": 2, "A3": True, "A4": False, "A5": "#N/A", "A6": long_text,
             "A7": "  spaced\tand\nlines  ", "A8": "x&<>\"'", "A9": "&#233; &amp;",
             "B1": '=A1&"<>&\'""',  "B2": "=IF(A1<2,\">\",\"&\")", "B3": "=RAND()",
             "B4": '="a"&CHAR(10)&"b"', "B5": "=SUM(A1:A2)", "B6": "=A6&\"\u00fc\""}
    for ref, v in cells.items():
        ws[ref] = v
    ws["C1"] = datetime.date(2020, 1, 2)
    ws["D1"] = ArrayFormula("D1:D2", "=A1:A2*2")
    ws["E1"], ws["E2"] = 1, 2
    ws["F1"] = DataTableFormula(ref="F1:G2", dt2D=False, dtr=True, r1="E1")
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    got = assert_alike(path, monkeypatch)
    sheet = got["Sheet"][1]
    assert sheet[(6, 1)][2] == (str, long_text)          # as written
    assert sheet[(7, 1)][2] == (str, "  spaced\tand\nlines  ")
    assert sheet[(8, 1)][2] == (str, "x&<>\"'")
    assert sheet[(9, 1)][2] == (str, "&#233; &amp;")
    assert sheet[(1, 2)][3] == (str, 'A1&"<>&\'""')
    assert sheet[(2, 4)][11] == (tuple, (1, 4))          # D2 is in D1's array
    assert sheet[(1, 6)][7][1]["ref"] == "F1:G2" and sheet[(2, 7)][7][1] == {"member_of": (1, 6)}


def test_xlsxwriter_book_reads_alike(tmp_path, monkeypatch):
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "xw.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write("A1", 3)
    ws.write("A2", "text & <more>")
    ws.write_formula("B1", '=A1&"<>"', None, "3<>")
    ws.write_array_formula("C1:C2", "{=A1:A2}")
    ws.write_boolean("D1", True)
    wb.close()
    assert_alike(path, monkeypatch)


HEAD = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="{MAIN}" '
        f'xmlns:r="{REL}" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/'
        'ac"><sheetPr codeName="Blatt1"/><dimension ref="A1:E9"/>')
# the plain form, with what that form allows: entities and character references, CR LF
# and lone CR (XML makes both LF), tabs in attribute values (XML makes them spaces),
# empty and self-closing elements, whitespace between elements, shared formulas whose
# master comes after a copy, array, data-table, volatile and dynamic formulas
PLAIN = (
    '<sheetData><row r="1" spans="1:5" x14ac:dyDescent="0.25">'
    '<c r="A1"><v>1.5</v></c><c r="B1" s="3"/><c r="C1" t="b"><v>1</v></c>'
    '<c r="D1" t="e"><v>#N/A</v></c><c r="E1" s="1" t="str"><f>"a&amp;b"&amp;"&#233;&#x1F600;"'
    '</f><v>a&amp;b&#xE9;&#x1F600;</v></c></row>\r\n'
    '<row r="2">\n  <c r="A2">\n    <f>A1&lt;2</f>\n    <v>1</v>\n  </c>\n'
    '  <c r="B2" t="str"><f>"x\r\ny\rz"</f><v></v></c><c r="C2" t="str"><f>"q"</f><v/></c>'
    '<c r="D2" t="str"><f>"w"</f></c><c r="E2" t="inlineStr"><is><t xml:space="preserve">'
    '  in &gt; line \u00c3\u00a9 </t></is></c></row>'
    '<row r="3"><c r="C3"><f t="shared" si="0"/><v>0</v></c>'
    '<c r="D3"><f t="array" ref="D3:E3">A1:B1</f><v>1.5</v></c></row>'
    '<row r="4"><c r="C4"><f t="shared" ref="C3:C4" si="0">A1*2</f><v>3</v></c>'
    '<c r="D4"><f ca="1">RAND()</f><v>0.5</v></c><c r="E4" cm="1"><f t="array" ref="E4">'
    'SEQUENCE(1)</f><v>1</v></c></row><row r="5"/>'
    '<row r="6"><c r="A6"><f t="dataTable" ref="A6:B7" dt2D="0" dtr="1" r1="A\t1"/>'
    '<v>2</v></c><c r="C6" t="s"><v>0</v></c><c r="D6" t="d"><v>2020-01-02T00:00:00</v></c>'
    '<c r="E6"><f>SUM(</f><v>7</v></c></row></sheetData>')
TAIL = ('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        'footer="0.3"/></worksheet>')


def book_with_part(tmp_path, part: bytes | str, name="x.xlsx") -> Path:
    """A one-sheet workbook (one shared string, "shared") whose sheet part is ``part``."""
    path = write_book(tmp_path / name, {"S": {"A1": 1}})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = part.encode() if isinstance(part, str) else part
    parts["xl/sharedStrings.xml"] = (f'<sst xmlns="{MAIN}"><si><t>shared</t></si></sst>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


def test_plain_hand_written_part_is_scanned_and_reads_as_written(tmp_path, monkeypatch):
    got = assert_alike(book_with_part(tmp_path, HEAD + PLAIN + TAIL), monkeypatch)
    codename, cells = got["S"]
    assert codename == "Blatt1"
    value = {k: v[2][1] for k, v in cells.items()}
    text = {k: v[3][1] for k, v in cells.items()}
    assert value[(1, 1)] == 1.5 and value[(1, 2)] is None and value[(1, 3)] is True
    assert value[(1, 4)] is ExcelError("#N/A")
    assert text[(1, 5)] == '"a&b"&"\u00e9\U0001F600"' and value[(1, 5)] == "a&b\u00e9\U0001F600"
    assert text[(2, 1)] == "A1<2"
    assert text[(2, 2)] == '"x\ny\nz"'                   # XML 1.0 section 2.11
    assert value[(2, 2)] == "" and value[(2, 3)] == "" and value[(2, 4)] is None
    assert value[(2, 5)] == "  in > line \u00c3\u00a9 "   # (bytes C3 A9 in ISO-8859-1)
    assert cells[(3, 3)][5] == (bool, True)              # the copy before its master
    assert cells[(3, 5)][11] == (tuple, (3, 4))          # array member
    assert cells[(4, 4)][8] == (bool, True) and cells[(4, 5)][9] == (bool, True)
    assert cells[(6, 1)][7][1]["r1"] == "A 1"            # XML 3.3.3: tab -> space
    assert value[(6, 3)] == "shared" and value[(6, 4)] == 43832.0
    assert cells[(6, 5)][10][1].startswith("unparseable formula =SUM(")


def test_plain_part_in_utf8_without_declaration_with_bom(tmp_path, monkeypatch):
    part = b"\xef\xbb\xbf" + (HEAD.split("?>", 1)[1].lstrip() + PLAIN + TAIL).encode()
    assert_alike(book_with_part(tmp_path, part), monkeypatch)


def test_empty_sheet_data(tmp_path, monkeypatch):
    got = assert_alike(book_with_part(tmp_path, HEAD + "<sheetData/>" + TAIL), monkeypatch)
    assert got["S"] == ("Blatt1", {})


# one change each to the plain part; what ElementTree reads (or refuses) is the answer
FALLBACKS = {
    "single quotes": ('<c r="A1">', "<c r='A1'>"),
    "attribute order": ('<c r="B1" s="3"/>', '<c s="3" r="B1"/>'),
    "prefixed cell": ('<c r="A1"><v>1.5</v></c>',
                      f'<x:c xmlns:x="{MAIN}" r="A1"><x:v>1.5</x:v></x:c>'),
    "comment": ('<row r="3">', '<!-- a comment --><row r="3">'),
    "CDATA": ("<f>A1&lt;2</f>", "<f><![CDATA[A1<2]]></f>"),
    "processing instruction": ('<row r="3">', '<?pi data?><row r="3">'),
    "rich text": ('<is><t xml:space="preserve">  in &gt; line \u00c3\u00a9 </t></is>',
                  "<is><r><t>in</t></r><r><t>line</t></r></is>"),
    "namespace on a row": ('<row r="3">', '<row r="3" xmlns="urn:other">'),
    "unbound prefix": ('<row r="3">', '<row r="3" y:z="1">'),
    "unknown entity": ("<v>1.5</v>", "<v>&nbsp;</v>"),
    "bare ampersand": ("<v>1.5</v>", "<v>1 & 2</v>"),
    "forbidden character": ("<v>1.5</v>", "<v>1\x015</v>"),
    "forbidden reference": ("<v>1.5</v>", "<v>&#1;</v>"),
    "]]> in text": ("<v>1.5</v>", "<v>]]></v>"),
    "cell outside a row": ("<row r=\"5\"/>", '<c r="A5"><v>9</v></c>'),
    "nested rows": ('<row r="5"/>', '<row r="5"><row r="7"><c r="A7"><v>1</v></c></row></row>'),
    "unclosed row": ('<row r="5"/>', '<row r="5">'),
    "duplicate attribute": ('<c r="B1" s="3"/>', '<c r="B1" s="3" s="4"/>'),
    "other child of a cell": ("<v>1.5</v></c>", "<v>1.5</v><extLst/></c>"),
    "end tag with space": ("<v>1.5</v></c>", "<v>1.5</v></c >"),
    "DOCTYPE": ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
                '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY e "1.5">]>'),
    "ENTITY inside": ("<v>1.5</v>", '<v><!ENTITY e "1"></v>'),
    "not UTF-8": ('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
    "not UTF-8, spaced": ('encoding="UTF-8"', 'encoding = "ISO-8859-1"'),
    "bad entity in text not read": ("<v>1.5</v></c>", "<v>1.5</v><is><t>&bogus;</t></is></c>"),
    "bad entity in a value not read": ('t="inlineStr"><is>', 't="inlineStr"><v>a & b</v><is>'),
}


@pytest.mark.parametrize("change", FALLBACKS.values(), ids=FALLBACKS)
def test_anything_else_falls_back_to_element_tree(tmp_path, monkeypatch, change):
    old, new = change
    part = HEAD + PLAIN + TAIL
    assert part.count(old) >= 1
    part = part.replace(old, new, 1)
    path = book_with_part(tmp_path, part.encode("iso-8859-1" if "ISO" in new else "utf-8"))
    assert_alike(path, monkeypatch, plain=False)


def test_a_sheet_data_of_another_namespace_first(tmp_path, monkeypatch):
    """The first <sheetData> in the bytes is not the worksheet's: ElementTree reads none
    of its rows (they are in another namespace), nor does the scanner."""
    other = ('<extLst><ext xmlns="urn:x"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
             '</sheetData></ext></extLst>')
    path = book_with_part(tmp_path, HEAD + other + "<sheetData/>" + TAIL)
    assert assert_alike(path, monkeypatch, plain=False)["S"] == ("Blatt1", {})


def test_entity_declarations_stay_refused(tmp_path, monkeypatch):
    evil = HEAD.replace('standalone="yes"?>', 'standalone="yes"?><!DOCTYPE lolz [<!ENTITY lol '
                        '"lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>') + PLAIN.replace(
        "<v>1.5</v>", "<v>&lol2;</v>") + TAIL
    path = book_with_part(tmp_path, evil)
    fast = snapshot(path, True, monkeypatch)
    assert fast == snapshot(path, False, monkeypatch)
    assert fast[0] == "error" and "DOCTYPE" in fast[1]


@pytest.mark.parametrize("bad", ["<v>1e</v>", "<v>oops</v>"], ids=["number", "text"])
def test_an_unreadable_value_is_the_same_error(tmp_path, monkeypatch, bad):
    path = book_with_part(tmp_path, HEAD + PLAIN.replace("<v>1.5</v>", bad, 1) + TAIL)
    fast = snapshot(path, True, monkeypatch)
    assert fast == snapshot(path, False, monkeypatch)
    assert fast[0] == "error" and "A1" in fast[1]


@pytest.mark.parametrize("late", [False, True], ids=["plain", "falls back late"])
def test_big_parts_scanned_in_pieces(tmp_path, monkeypatch, late):
    """A part bigger than WHOLE_PART_BYTES is read piece by piece (as ElementTree
    streams it); a non-plain piece found late starts the sheet again with ElementTree."""
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}"><f>A{r}*2</f>'
                   f'<v>{2 * r}</v></c></row>' for r in range(1, 400))
    if late:
        rows += '<row r="400"><c r=\'A400\'><v>1</v></c></row>'
    monkeypatch.setattr(reader, "WHOLE_PART_BYTES", 0)
    monkeypatch.setattr(sheet_scan, "CHUNK_BYTES", 512)
    path = book_with_part(tmp_path, HEAD + "<sheetData>" + rows + "</sheetData>" + TAIL)
    got = assert_alike(path, monkeypatch, plain=not late)
    assert len(got["S"][1]) == 798 + late


PIECES = ["a", "&amp;", "&lt;", "&#233;", "&#x1F600;", "\r\n", "\r", "\n", "\t", " ", "'",
          '"', ">", "/", "]]", "\u00e9", "&#13;", "&#10;"]
NOT_XML = ["&bogus;", "&", "<", "]]>", "\x01"]


def random_part(rnd) -> bytes:
    """A small sheet part in the plain form, with now and then what is not."""
    def rare() -> bool:
        return rnd.random() < 0.01

    def text():
        return "".join(rnd.choice(NOT_XML if rare() else PIECES) for _ in range(rnd.randint(0, 3)))

    def attrs(pairs):
        if rare():
            rnd.shuffle(pairs)
        return "".join(f" {k}='{v}'" if rare() else f' {k}="{v}"' for k, v in pairs)
    rows = []
    for r in range(1, rnd.randint(2, 6)):
        cells = ""
        for c in "ABCD"[:rnd.randint(0, 4)]:
            pairs = [("r", f"{c}{r}")] + [(k, rnd.choice(vs)) for k, vs in (
                ("s", ["1", "2"]), ("t", ["s", "str", "b", "e", "inlineStr", "n", ""]),
                ("cm", ["1", ""]), ("x14ac:a", ["1"])) if rnd.random() < 0.3]
            fpairs = [(k, rnd.choice(vs)) for k, vs in (
                ("t", ["shared", "array", "dataTable"]), ("si", ["0", "1"]),
                ("ref", [f"{c}{r}", "A1:B2", "x\ty", "&amp;", "a\nb"]), ("ca", ["1", "0"]))
                if rnd.random() < 0.4] + ([("zz:a", "1")] if rare() else [])
            inner = rnd.choice(["", f"<f{attrs(fpairs)}/>", f"<f{attrs(fpairs)}>A1{text()}</f>"])
            inner += rnd.choice(["", "<v/>", "<v></v>", "<v>1.5</v>", f"<v>{text()}</v>"])
            inner += rnd.choice(["", "", f"<is><t>{text()}</t></is>"])
            inner += "<is><r><t>a</t></r></is>" if rare() else ""
            ws = rnd.choice(["", "", "", "\n  ", "\r\n"])
            cells += f"<c{attrs(pairs)}{ws}/>" if not inner else \
                f"<c{attrs(pairs)}>{ws}{inner.replace('><', '>' + ws + '<', 1)}</c>"
        row = attrs([("r", str(r))] + [(k, v) for k, v in (
            ("spans", "1:4"), ("x14ac:dyDescent", "0.25"), ("ht", "1\t5")) if rnd.random() < 0.2]
            + ([("y:z", "1")] if rare() else []))
        rows.append(f"<row{row}>{cells}</row>" if cells or rnd.random() < 0.5 else f"<row{row}/>")
    return (f'<worksheet xmlns="{MAIN}" xmlns:x14ac="urn:ac"><sheetData>{"".join(rows)}'
            "</sheetData></worksheet>").encode()


def test_random_parts_read_as_element_tree_reads_them():
    """What the scanner accepts, it reads as ElementTree reads it (cells as the reader's
    items, before any Cell is made); the rest falls back. Seeded: reproducible."""
    import random
    from itertools import chain
    from sheetsolver.package.model import Sheet
    from sheetsolver.package.zipsafe import Package
    rnd, outcomes = random.Random(14), {True: 0, False: 0}
    for _ in range(400):
        raw = random_part(rnd)
        try:
            fast = list(chain.from_iterable(sheet_scan.scan(raw)[1]))
        except sheet_scan.NotPlain:
            outcomes[False] += 1
            continue
        pkg = Package("random.xlsx", data={"s.xml": raw})
        assert fast == list(reader._element_cells(pkg, Sheet("S", 0, "s.xml"))), raw
        outcomes[True] += 1
    assert outcomes[True] > 100 and outcomes[False] > 100


@pytest.mark.parametrize("text", [
    "plain", "&amp;&lt;&gt;&quot;&apos;", "&#65;&#x42;&#x1F600;&#13;&#10;&#9;",
    "a &amp;amp; b", "&#x10FFFF;", "\u00e9\u4e2d"])
def test_unescape_matches_an_xml_parser(text):
    assert sheet_scan.unescape(text) == (ET.fromstring(f"<a>{text}</a>").text or "")


@pytest.mark.parametrize("text", ["&", "&nbsp;", "&#0;", "&#xD800;", "&#X41;", "&#x110000;",
                                  "&amp"])
def test_unescape_refuses_what_an_xml_parser_refuses(text):
    with pytest.raises(ET.ParseError):
        ET.fromstring(f"<a>{text}</a>")
    with pytest.raises(sheet_scan.NotPlain):
        sheet_scan.unescape(text)
