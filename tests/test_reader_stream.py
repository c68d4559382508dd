"""The sheet reader (issue 14: a big sheet part is read element by element, never held as
one tree; a small one is parsed whole), both ways, reads what a hand-written part says: entities and character references,
CR LF line ends (normalised to LF by XML), single-quoted attributes, empty and
self-closing elements, shared, array and volatile formulas, the sheet's code name."""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _raw_book import MAIN, write_book  # noqa: E402

from sheetsolver.package import reader  # noqa: E402
from sheetsolver.package.reader import load_workbook  # noqa: E402
from sheetsolver.values import ExcelError  # noqa: E402

SHEET = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="{MAIN}" '
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
         "<sheetPr codeName='Blatt1'/><sheetData><row r='1'>"
         '<c r="A1"><v>1.5</v></c><c r="B1" s="3"/><c r="C1" t="b"><v>1</v></c>'
         '<c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="str"><f>"a&amp;b"&amp;"&#233;"</f>'
         '<v>a&amp;b&#xE9;</v></c><c r="F1" t="inlineStr"><is><r><t>in</t></r><r><t>line</t>'
         '</r></is></c></row><row r="2"><c r="A2"><f>A1&lt;2</f><v>1</v></c>'
         '<c r="B2" t="str"><f>"x\r\ny"</f><v></v></c><c r="C2"><f t="shared" ref="C2:C3" '
         'si="0">A1*2</f><v>3</v></c><c r="D2"><f ca="1">RAND()</f><v>0.5</v></c></row>'
         '<row r="3"><c r="C3"><f t="shared" si="0"/><v>0</v></c>'
         '<c r="D3"><f t="array" ref="D3:E3">A1:B1</f><v>1.5</v></c></row></sheetData>'
         "</worksheet>")


@pytest.mark.parametrize("whole_part_bytes", [0, 1 << 20], ids=["streamed", "whole"])
def test_hand_written_part_reads_as_written(tmp_path, monkeypatch, whole_part_bytes):
    monkeypatch.setattr(reader, "WHOLE_PART_BYTES", whole_part_bytes)
    path = write_book(tmp_path / "x.xlsx", {"S": {"A1": 1}})
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet1.xml"] = SHEET.encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    sh = load_workbook(path).sheets[0]
    cells = sh.cells
    assert sh.codename == "Blatt1"
    assert cells[(1, 1)].value == 1.5 and cells[(1, 2)].value is None
    assert cells[(1, 3)].value is True
    assert isinstance(cells[(1, 4)].value, ExcelError) and cells[(1, 4)].value.code == "#N/A"
    assert cells[(1, 5)].formula_text == '"a&b"&"\u00e9"' and cells[(1, 5)].value == "a&b\u00e9"
    assert cells[(1, 6)].value == "inline"
    assert cells[(2, 1)].formula_text == "A1<2"
    assert cells[(2, 2)].formula_text == '"x\ny"' and cells[(2, 2)].value == ""
    assert cells[(3, 3)].shared and cells[(3, 3)].formula == "A2*2"   # C2's formula moved
    assert cells[(2, 4)].volatile and not cells[(2, 1)].volatile
    assert cells[(3, 4)].array is not None and cells[(3, 5)].array_master == (3, 4)
