"""Workbook features beyond functions that analysts' files use: 3-D references, external
workbook links (cached values), the 1904 date system, defined names (relative, constant,
array, formula, chained, hidden, sheet-scoped), ISO-date and inline-string cells.

Expected values are hand computations or the documentation cited at each test.
"""
from __future__ import annotations

import re
import zipfile

import pytest

from sheetsolver.book import Book
from sheetsolver.values import ExcelError

from _book_values import assert_values

openpyxl = pytest.importorskip("openpyxl")
from openpyxl.workbook.defined_name import DefinedName  # noqa: E402


@pytest.fixture(autouse=True)
def _back_to_1900():
    """The date system is process-wide: later tests calling date functions directly
    must not see a 1904 workbook's."""
    yield
    from sheetsolver import date_system
    date_system.use(False)


def _open(path):
    book = Book.open(path)
    book.recalc()
    return book


def _patch(path, edits: dict, extra: dict | None = None):
    """Rewrite parts of the package: ``edits`` part -> function(text) -> text;
    ``extra`` part -> text for new parts."""
    src = zipfile.ZipFile(path)
    items = {i.filename: src.read(i.filename) for i in src.infolist()}
    src.close()
    for part, fn in edits.items():
        items[part] = fn(items[part].decode("utf-8")).encode("utf-8")
    for part, text in (extra or {}).items():
        items[part] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items.items():
            z.writestr(name, data)
    return path


# ------------------------------------------------------------------ 3-D references

def test_three_d_references(make_book):
    # Jan, Feb, Mar hold B2 = 1, 2, 4 and B3 = 10, 20, 40; Other (after Summary) holds 1000
    path = make_book({
        "Summary": {"A1": "=SUM(Jan:Mar!B2)",              # 1 + 2 + 4
                    "A2": "=SUM(Jan:Mar!B2:B3)",           # 7 + 70
                    "A3": "=AVERAGE(Jan:Mar!B2)",          # 7 / 3
                    "A4": "=COUNT(Jan:Mar!B2:B3)",
                    "A5": "=MAX(Jan:Mar!B3)",
                    "A6": "=MIN(Feb:Mar!B2)",
                    "A7": "=PRODUCT(Jan:Mar!B2)",
                    "A8": "=SUM(Mar:Jan!B2)",              # either order
                    "A9": "=SUM('Jan:Feb'!B2,5)",          # quoted form, with another argument
                    "A10": "=SUM(Jan:Jan!B3)",
                    "A11": "=SUM(Feb:Other!B2)",           # Feb, Mar, Other
                    "A12": "=AVERAGE(FirstQuarter)"},      # a name holding a 3-D reference
        "Jan": {"B2": 1, "B3": 10},
        "Feb": {"B2": 2, "B3": 20},
        "Mar": {"B2": 4, "B3": 40},
        "Other": {"B2": 1000},
    }, names={"FirstQuarter": "Jan:Mar!$B$2"})
    # sheet order is Summary, Jan, Feb, Mar, Other
    book = _open(path)
    assert_values(book, "Summary", {
        "A1": 7, "A2": 77, "A3": pytest.approx(7 / 3), "A4": 6, "A5": 40, "A6": 2, "A7": 8,
        "A8": 7, "A9": 8, "A10": 10, "A11": 1006, "A12": pytest.approx(7 / 3)})


def test_three_d_reference_rewritten_text():
    from sheetsolver.formula.workbook_refs import RefRewriter
    rw = RefRewriter([], ["S", "Jan", "Feb", "Mar 1"])
    assert rw("SUM(Jan:'Mar 1'!B2)") == "SUM(Jan:'Mar 1'!B2)"   # not a form Excel writes
    assert rw("SUM('Jan:Mar 1'!B2)") == "SUM(Jan!B2,Feb!B2,'Mar 1'!B2)"
    assert rw("1+SUM(Jan:Feb!$A$1:A2)*2") == "1+SUM(Jan!$A$1:A2,Feb!$A$1:A2)*2"
    assert rw("SUMPRODUCT(Jan:Feb!A1)") == "SUMPRODUCT((Jan!A1,Feb!A1))"
    assert rw("S!A1:B2+Jan!C3") == "S!A1:B2+Jan!C3"
    assert rw('"Jan:Feb!A1"') == '"Jan:Feb!A1"'


# ------------------------------------------------------------------ external links

EXT_LINK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<externalBook r:id="rId1"><sheetNames><sheetName val="Rates"/><sheetName val="Other Sheet"/>
</sheetNames><definedNames><definedName name="VAT" refersTo="=Rates!$B$1"/></definedNames>
<sheetDataSet><sheetData sheetId="0">
<row r="1"><cell r="A1" t="str"><v>vat</v></cell><cell r="B1"><v>0.2</v></cell></row>
<row r="2"><cell r="A2"><v>3</v></cell><cell r="B2"><v>-4</v></cell></row>
</sheetData><sheetData sheetId="1"><row r="5"><cell r="C5" t="b"><v>1</v></cell></row>
</sheetData></sheetDataSet></externalBook></externalLink>"""

EXT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath"
 Target="file:///C:/data/Rates.xlsx" TargetMode="External"/></Relationships>"""


def _with_external_link(path):
    rel = ('<Relationship Id="rIdX1" Type="http://schemas.openxmlformats.org/officeDocument/'
           '2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/>')
    ct = ('<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>')

    def workbook(text):
        refs = '<externalReferences><externalReference r:id="rIdX1"/></externalReferences>'
        return re.sub(r"(</sheets>)", r"\1" + refs, text)
    return _patch(path, {
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": lambda t: t.replace("</Relationships>",
                                                          rel + "</Relationships>"),
        "[Content_Types].xml": lambda t: t.replace("</Types>", ct + "</Types>"),
    }, {"xl/externalLinks/externalLink1.xml": EXT_LINK,
        "xl/externalLinks/_rels/externalLink1.xml.rels": EXT_RELS})


def test_external_references_use_the_cached_values(make_book):
    path = _with_external_link(make_book({"S": {
        "A1": 100,
        "B1": "=A1*(1+[1]Rates!$B$1)",           # 100 * 1.2
        "B2": "=[1]Rates!A2+[1]Rates!B2",         # 3 + -4
        "B3": "=SUM([1]Rates!A2:B2)",             # array constant {3,-4}
        "B4": "='[1]Other Sheet'!C5",             # TRUE
        "B5": "=[1]!VAT*10",                      # a name of the other workbook
        "B6": "=[1]Rates!A1",                     # text
        "B7": "=[1]Rates!Z99+1",                  # not cached (blank there): 0 + 1
        "B8": "=[2]Rates!A1",                     # no such link: keeps its cached value
        "B9": "='C:\\data\\[Rates.xlsx]Rates'!B1*2",  # the on-screen form, by file name
        "B10": "=[Rates.xlsx]Rates!A2",
    }}))
    book = _open(path)
    assert_values(book, "S", {
        "B1": pytest.approx(120), "B2": -1, "B3": -1, "B4": True, "B5": pytest.approx(2),
        "B6": "vat", "B7": 1, "B9": pytest.approx(0.4), "B10": 3})
    assert "S!B8" in book.engine.uncomputable
    # the input still drives the formula: change A1 and recompute
    book.engine.set_value("S", "A1", 200.0)
    book.engine.recalc()
    assert book.value("S", "B1") == pytest.approx(240)


# ------------------------------------------------------------------ 1904 date system

def _book_1904(tmp_path, cells):
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "S"
    for ref, v in cells.items():
        ws[ref] = v
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    return _open(path)


def test_1904_date_system(tmp_path):
    # ECMA-376 Part 1, 18.17.4.1 (date representation) and the DATE/DATEVALUE entries:
    # DATEVALUE("01-Feb-2006") is 38749 in the 1900 system and 37287 in the 1904 one;
    # "01-Jan-1904" is 0, "03-Feb-1910" is 2225. Microsoft: July 5, 2011 is 40729 (1900)
    # and 39267 (1904) https://support.microsoft.com/en-us/office/date-systems-in-excel-e7fe7167-48a9-4b96-bb53-5612a800b487
    book = _book_1904(tmp_path, {
        "A1": '=DATEVALUE("01-Feb-2006")',
        "A2": '=DATEVALUE("01-Jan-1904")',
        "A3": '=DATEVALUE("03-Feb-1910")',
        "A4": "=DATE(2011,7,5)",
        "A5": "=YEAR(39267)*10000+MONTH(39267)*100+DAY(39267)",
        "A6": "=WEEKDAY(0)",                # 1 Jan 1904 was a Friday: 6 (Sunday = 1)
        "A7": "=DATE(1903,12,31)",          # before the system's first day: #NUM!
        "A8": '="2006-02-01"+0',            # text to number reads the date in this system
        "A9": "=EDATE(39267,1)",            # 5 Aug 2011: 39267 + 31
        "A10": "=DATE(98,1,1)",             # year 98 is 1998: 35796 - 1462
        "A11": "=ISOWEEKNUM(0)",            # Friday 1 Jan 1904 is in ISO week 53 of 1903
        "A12": '=TEXT(39267,"yyyy-mm-dd")',
    })
    assert_values(book, "S", {
        "A1": 37287, "A2": 0, "A3": 2225, "A4": 39267, "A5": 20110705, "A6": 6,
        "A7": ExcelError("#NUM!"), "A8": 37287, "A9": 39298, "A10": 34334, "A11": 53,
        "A12": "2011-07-05"})


def test_1900_system_again_after_a_1904_book(tmp_path, make_book):
    _book_1904(tmp_path, {"A1": "=DATE(2011,7,5)"})
    book = _open(make_book({"S": {"A1": "=DATE(2011,7,5)", "A2": '="2006-02-01"+0'}}))
    assert_values(book, "S", {"A1": 40729, "A2": 38749})


# ------------------------------------------------------------------ defined names

def test_defined_names_of_every_kind(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    other = wb.create_sheet("T")
    for r, x in enumerate([10, 20, 30], start=1):
        ws[f"A{r}"] = x
    ws["B2"] = "=LeftCell*2"        # relative name: the cell left of the user (A2)
    ws["C3"] = "=Above"             # relative name: the cell above (C2)
    ws["C2"] = 5
    ws["D1"] = "=Rate*100"          # constant
    ws["D2"] = "=SUM(Primes)"       # array constant
    ws["D3"] = "=Twice"             # formula name
    ws["D4"] = "=Chain+1"           # a name referring to another name
    ws["D5"] = "=Secret"            # hidden name
    ws["D6"] = "=Scoped"            # workbook-level name (S has no own)
    other["A1"] = "=Scoped"         # T's own name shadows the workbook one
    other["A2"] = "=Rowsum"         # relative across sheets: S!A{row}:C{row} (row 2)
    other["A3"] = "=SUM(Dynamic)"   # "dynamic named ranges": column A's 3 numbers
    other["A4"] = "=SUM(Growing)"
    names = {"LeftCell": "S!XFD1", "Above": "S!A1048576", "Rate": "0.07",
             "Primes": "{2,3,5,7}", "Twice": "S!$A$1*2", "Chain": "Twice",
             "Secret": "S!$A$3", "Scoped": "1", "Rowsum": "SUM(S!A1:C1)",
             "Dynamic": "OFFSET(S!$A$1,0,0,COUNTA(S!$A:$A),1)",
             "Growing": "S!$A$1:INDEX(S!$A:$A,COUNTA(S!$A:$A))"}
    for n, text in names.items():
        wb.defined_names[n] = DefinedName(n, attr_text=text, hidden=(n == "Secret"))
    other.defined_names["Scoped"] = DefinedName("Scoped", attr_text="2")
    path = tmp_path / "names.xlsx"
    wb.save(path)
    book = _open(path)
    assert_values(book, "S", {
        "B2": 40, "C3": 5, "D1": pytest.approx(7), "D2": 17, "D3": 20, "D4": 21, "D5": 30,
        "D6": 1, "T!A1": 2,
        "T!A2": 65,             # S!A2:C2 = 20 + 40 (B2) + 5 (C2)
        "T!A3": 60, "T!A4": 60})


def test_relative_name_anchor():
    from sheetsolver.formula.parser import parse
    from sheetsolver.formula.relative_names import anchor
    t = anchor(parse("S!B1").tree, "S!C5")        # one column right of the user
    assert (t.r1, t.c1) == (5, 4)
    t = anchor(parse("S!XFD1").tree, "S!C5")      # one column left, wrapped
    assert (t.r1, t.c1) == (5, 2)
    t = anchor(parse("S!$B1").tree, "S!C5")       # column fixed, row relative
    assert (t.r1, t.c1) == (5, 2)


# ------------------------------------------------------------------ cell storage forms

def test_iso_date_and_inline_string_cells(make_book):
    # t="d" holds an ISO 8601 date (ECMA-376 18.18.11 ST_CellType); 2011-07-05 is 40729
    # (support.microsoft.com date systems page); t="inlineStr" holds its text in <is>
    path = make_book({"S": {"A1": 1, "A2": 2, "B1": "=A1+1", "B2": '=A2&"x"'}})

    def sheet(text):
        text = re.sub(r'<c r="A1"[^>]*>.*?</c>',
                      '<c r="A1" t="d"><v>2011-07-05T12:00:00</v></c>', text)
        return re.sub(r'<c r="A2"[^>]*>.*?</c>',
                      '<c r="A2" t="inlineStr"><is><t>abc</t></is></c>', text)
    _patch(path, {"xl/worksheets/sheet1.xml": sheet})
    book = _open(path)
    assert book.value("S", "A1") == 40729.5
    assert book.value("S", "B1") == 40730.5
    assert book.value("S", "B2") == "abcx"


def test_inspect_lists_tables_links_and_date_system(tmp_path, make_book, capsys):
    from openpyxl.worksheet.table import Table
    from sheetsolver.cli import main
    path = _with_external_link(make_book({"S": {"A1": "=[1]Rates!B1"}}))
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert "external links (their cached values are used): [1] Rates.xlsx (2 sheets, " \
           "5 cached cells)" in out
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "My Data"
    ws.append(["a", "b"])
    ws.append([1, 2])
    ws.add_table(Table(displayName="Nums", ref="A1:B2"))
    wb.save(tmp_path / "t.xlsx")
    assert main(["inspect", str(tmp_path / "t.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "tables: 1: Nums ('My Data'!A1:B2)" in out
    assert "date system: 1904 (serial 0 is 1 Jan 1904)" in out


def test_far_styled_blank_cell_and_user_defined_function(make_book):
    # a styled empty cell at the sheet's last cell (XFD1048576) must not make the engine
    # allocate the whole sheet; a VBA user-defined function (_xludf.) keeps Excel's cached
    # value (here 5) and its dependents compute from it
    path = make_book({"S": {"A1": 1, "B1": "=A1+1", "C1": "=_xludf.MYFN(A1)",
                            "D1": "=C1+1"}})

    def sheet(text):
        text = re.sub(r'(<c r="C1"[^>]*>)(<f>[^<]*</f>)(<v>[^<]*</v>|<v ?/>)?',
                      r'\1\2<v>5</v>', text)
        return text.replace("</sheetData>",
                            '<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>')
    _patch(path, {"xl/worksheets/sheet1.xml": sheet})
    book = _open(path)
    assert book.value("S", "B1") == 2
    assert book.value("S", "C1") == 5
    assert book.value("S", "D1") == 6
    assert "S!C1" in book.engine.uncomputable
