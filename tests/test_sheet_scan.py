"""The regular-expression scan of plain sheet parts (sheet_scan) reads exactly what the
ElementTree path reads: every cell's value, formula and attributes, on the course
workbooks, the built ones and a hand-written part with the XML details that matter
(entities, character references, CR LF line ends, single-quoted attributes, empty and
self-closing elements). The ElementTree path is the reference."""
from __future__ import annotations

import math
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _raw_book import write_book  # noqa: E402
from conftest import BOOKS, fastai_book  # noqa: E402

from sheetsolver.package import reader  # noqa: E402
from sheetsolver.package.sheet_scan import MAIN, scan  # noqa: E402
from sheetsolver.values import ExcelError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def read_both(path, monkeypatch):
    fast = reader.load_workbook(path)
    with monkeypatch.context() as m:
        m.setattr(reader, "scan", lambda raw: None)
        slow = reader.load_workbook(path)
    return fast, slow


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, ExcelError) or isinstance(b, ExcelError):
        return isinstance(a, ExcelError) and isinstance(b, ExcelError) and a.code == b.code
    return type(a) is type(b) and a == b


FIELDS = ("value", "formula_text", "shared", "array", "array_master", "dynamic", "volatile",
          "problem", "data_table")


def assert_same_cells(fast, slow):
    assert [s.name for s in fast.sheets] == [s.name for s in slow.sheets]
    for a, b in zip(fast.sheets, slow.sheets):
        assert a.codename == b.codename
        assert list(a.cells) == list(b.cells), a.name
        for key, x in a.cells.items():
            y = b.cells[key]
            for f in FIELDS:
                assert same(getattr(x, f), getattr(y, f)), (a.name, key, f)
            assert x.tree == y.tree, (a.name, key)


@pytest.mark.parametrize("name", BOOKS)
def test_course_workbooks_read_alike(name, monkeypatch):
    path = fastai_book(name)
    raw = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert scan(raw) is not None          # Excel's parts are plain: the scan is used
    assert_same_cells(*read_both(path, monkeypatch))


@pytest.mark.parametrize("name", ["collab_filter.xlsx", "graddesc.xlsm"])
def test_built_workbooks_read_alike(name, monkeypatch):
    assert_same_cells(*read_both(ROOT / "workbooks" / name, monkeypatch))


SHEET = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="{MAIN}" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         "<sheetPr codeName='Blatt1'/><sheetData><row r='1'>"
         '<c r="A1"><v>1.5</v></c><c r="B1" s="3"/><c r="C1" t="b"><v>1</v></c>'
         '<c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="str"><f>"a&amp;b"&amp;"&#233;"</f>'
         '<v>a&amp;b&#xE9;</v></c></row><row r="2"><c r="A2"><f>A1&lt;2</f><v>1</v></c>'
         '<c r="B2" t="str"><f>"x\r\ny"</f><v></v></c><c r="C2"><f t="shared" ref="C2:C3" '
         'si="0">A1*2</f><v>3</v></c><c r="D2"><f ca="1">RAND()</f><v>0.5</v></c></row>'
         '<row r="3"><c r="C3"><f t="shared" si="0"/><v>0</v></c>'
         '<c r="D3"><f t="array" ref="D3:E3">A1:B1</f><v>1.5</v></c></row></sheetData>'
         "</worksheet>")


def test_xml_details_read_alike(tmp_path, monkeypatch):
    path = write_book(tmp_path / "x.xlsx", {"S": {"A1": 1}})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = SHEET.encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    assert scan(SHEET.encode()) is not None
    fast, slow = read_both(path, monkeypatch)
    assert_same_cells(fast, slow)
    sh = fast.sheets[0]
    # what the part says, read by hand
    assert sh.codename == "Blatt1"
    assert sh.cells[(1, 5)].formula_text == '"a&b"&"\u00e9"' and sh.cells[(1, 5)].value == "a&b\u00e9"
    assert sh.cells[(2, 1)].formula_text == "A1<2"
    assert sh.cells[(2, 2)].formula_text == '"x\ny"' and sh.cells[(2, 2)].value == ""
    assert sh.cells[(1, 2)].value is None and sh.cells[(1, 3)].value is True
    assert sh.cells[(2, 4)].volatile and sh.cells[(3, 4)].array is not None


@pytest.mark.parametrize("raw", [
    SHEET.replace("<worksheet ", "<x:worksheet ").encode(),             # prefixed root
    SHEET.replace("</row><row r=\"2\">", "</row><!-- c --><row r=\"2\">").encode(),
    SHEET.replace('<v>1.5</v></c><c r="B1"', '<v>1.5</v></c><c r="B1"><is><t>t</t></is></c>'
                  '<c r="B9"').encode(),                                  # inline string
    SHEET.replace("</sheetData>", "<c r='Z9'></sheetData>").encode(),      # not well-formed
    SHEET.encode("utf-16"),
])
def test_parts_that_are_not_plain_go_to_elementtree(raw):
    assert scan(raw) is None
