"""LibreOffice backend: recalculation on load, clean timeouts, clear error when absent."""
from __future__ import annotations

import glob
import os
import tempfile
import zipfile

import pytest

from conftest import FASTAI, needs_fastai
from sheetsolver.apps import libreoffice as lo
from sheetsolver.errors import SheetsolverError
from sheetsolver.values import ExcelError

BOOKS = FASTAI
needs_soffice = pytest.mark.skipif(lo.find_soffice() is None, reason=lo.NOT_INSTALLED)
needs_books = needs_fastai()

_SHEET = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*A2</f><v>999</v></c></row>
<row r="2"><c r="A2"><v>3</v></c><c r="B2"><f>1/0</f><v>5</v></c></row>
<row r="3"><c r="A3"><v>1</v></c><c r="B3"><f>SUMXMY2(A1:A4,C1:C4)</f><v>0</v></c></row>
<row r="4"><c r="B4" t="str"><f>"x"&amp;A1</f><v>poison</v></c><c r="C4"><v>5</v></c></row>
</sheetData></worksheet>"""


def _tiny_book(path: str) -> None:
    """A minimal .xlsx whose cached formula values are all wrong (poisoned)."""
    ns = "http://schemas.openxmlformats.org"
    parts = {
        "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{ns}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
        f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{ns}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": _SHEET,
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text)


def test_missing_soffice_gives_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(lo, "find_soffice", lambda: None)
    book = tmp_path / "b.xlsx"
    _tiny_book(str(book))
    with pytest.raises(SheetsolverError, match="apt-get install -y libreoffice-calc-nogui"):
        lo.recalculate(book)


def test_find_soffice_honours_environment(monkeypatch):
    monkeypatch.setenv("SHEETSOLVER_SOFFICE", "/bin/true")
    assert lo.find_soffice() == "/bin/true"


def test_profile_sets_recalc_on_load(tmp_path):
    arg = lo._profile_arg(str(tmp_path))
    assert arg == "-env:UserInstallation=" + tmp_path.resolve().as_uri()
    xcu = (tmp_path / "user" / "registrymodifications.xcu").read_text()
    assert '/org.openoffice.Office.Calc/Formula/Load' in xcu
    assert 'oor:name="OOXMLRecalcMode"' in xcu and 'oor:name="ODFRecalcMode"' in xcu
    assert xcu.count("<value>0</value>") == 2


@needs_soffice
def test_poisoned_cached_values_are_recalculated(tmp_path):
    book = tmp_path / "poisoned.xlsx"
    _tiny_book(str(book))
    vals = lo.recalculated_values(book)
    assert set(vals) == {("S", 1, 2), ("S", 2, 2), ("S", 3, 2), ("S", 4, 2)}
    assert vals[("S", 1, 2)] == 6.0                      # 2*3, not the cached 999
    assert vals[("S", 2, 2)] is ExcelError("#DIV/0!")   # not the cached 5
    assert vals[("S", 4, 2)] == "x2"                     # not "poison"
    # SUMXMY2 over blanks: LibreOffice pairs (1, blank) as (1-0)^2 and (blank, 5) as 25;
    # (2-0)^2 + (3-0)^2 + 1 + 25 = 39 (Excel skips those pairs and gives 0)
    assert vals[("S", 3, 2)] == 39.0


@needs_soffice
def test_recalculated_cleans_up(tmp_path):
    book = tmp_path / "b.xlsx"
    _tiny_book(str(book))
    with lo.recalculated(book) as out:
        assert out.endswith(".xlsx") and zipfile.is_zipfile(out)
        outdir = os.path.dirname(out)
    assert not os.path.exists(outdir)
    assert book.read_bytes()  # input untouched


@needs_soffice
def test_timeout_kills_and_cleans_up(tmp_path):
    book = tmp_path / "b.xlsx"
    _tiny_book(str(book))
    before = set(glob.glob(os.path.join(tempfile.gettempdir(), "sheetsolver-lo-*")))
    with pytest.raises(SheetsolverError, match="did not finish within"):
        lo.recalculate(book, timeout=0.05)
    after = set(glob.glob(os.path.join(tempfile.gettempdir(), "sheetsolver-lo-*")))
    assert after <= before


@needs_soffice
@needs_books
def test_libreoffice_sumxmy2_on_course_workbook():
    vals = lo.recalculated_values(BOOKS / "collab_filter-2019.xlsx")
    # README of the workbooks: Excel caches 0.3194674135586278, LibreOffice 7.4 gives 0.8576
    assert vals[("bias", 42, 22)] == pytest.approx(0.8576, abs=1e-4)
    assert vals[("movielens_1hot", 3, 31)] is ExcelError("#VALUE!")
