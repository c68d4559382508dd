"""LOOKUP, XLOOKUP, XMATCH, ADDRESS, AREAS, INDIRECT, FORMULATEXT, HYPERLINK.

Expected values are the examples of Excel's help pages
(https://support.microsoft.com/en-us/excel/functions/<name>-function) or follow from
the documented rules by hand (cited per case)."""
from __future__ import annotations

import pytest

from sheetsolver.values import NA, REF, VALUE

from _book_values import assert_values
from _function_cases import check_in_column

# lookup-function: the vector-form example table
FREQ = {"A1": "Frequency", "B1": "Color",
        "A2": 4.14, "B2": "red", "A3": 4.19, "B3": "orange", "A4": 5.17, "B4": "yellow",
        "A5": 5.77, "B5": "green", "A6": 6.39, "B6": "blue"}
# a small table for XLOOKUP / XMATCH: ids (unsorted), names, prices
ITEMS = {"D1": 8, "E1": "bolt", "F1": 0.5,
         "D2": 3, "E2": "nut", "F2": 0.1,
         "D3": 12, "E3": "gear", "F3": 4.0,
         "D4": 5, "E4": "washer", "F4": 0.05,
         "D5": 3, "E5": "screw", "F5": 0.2,
         "G1": 1, "H1": 2, "I1": 3, "J1": 4, "K1": 5,        # sorted ascending row
         "G2": "a", "H2": "b", "I2": "c", "J2": "d", "K2": "e"}

CASES = [
    # lookup-function, vector form
    ("=LOOKUP(4.19,A2:A6,B2:B6)", "orange"),
    ("=LOOKUP(5.75,A2:A6,B2:B6)", "yellow"),
    ("=LOOKUP(7.66,A2:A6,B2:B6)", "blue"),
    ("=LOOKUP(0,A2:A6,B2:B6)", NA),
    # lookup-function, array form
    ('=LOOKUP("C",{"a","b","c","d";1,2,3,4})', 3.0),
    ('=LOOKUP("bump",{"a",1;"b",2;"c",3})', 2.0),
    ("=LOOKUP(5.2,A2:B6)", "yellow"),
    # xlookup: exact (first of two 3s), reverse search (last 3), not found
    ("=XLOOKUP(3,D1:D5,E1:E5)", "nut"),
    ("=XLOOKUP(3,D1:D5,E1:E5,,0,-1)", "screw"),
    ("=XLOOKUP(4,D1:D5,E1:E5)", NA),
    ('=XLOOKUP(4,D1:D5,E1:E5,"none")', "none"),
    # match_mode -1 / 1: next smaller (5 for 7) / next larger (8 for 7)
    ("=XLOOKUP(7,D1:D5,E1:E5,,-1)", "washer"),
    ("=XLOOKUP(7,D1:D5,E1:E5,,1)", "bolt"),
    ("=XLOOKUP(13,D1:D5,E1:E5,,1)", NA),
    # wildcard mode 2 ("?" one character, "*" any run); text without case
    ('=XLOOKUP("g*",E1:E5,F1:F5,,2)', 4.0),
    ('=XLOOKUP("n?t",E1:E5,F1:F5,,2)', 0.1),
    ('=XLOOKUP("g*",E1:E5,F1:F5)', NA),                       # mode 0: no wildcards
    ('=XLOOKUP("GEAR",E1:E5,D1:D5)', 12.0),
    # horizontal lookup array, binary search on sorted data
    ('=XLOOKUP(4,G1:K1,G2:K2,,0,2)', "d"),
    ('=XLOOKUP(3.5,G1:K1,G2:K2,,-1,2)', "c"),
    ('=XLOOKUP(3.5,G1:K1,G2:K2,,1,2)', "d"),
    # a 2-D return array gives the whole row: summed here
    ("=SUM(XLOOKUP(12,D1:D5,D1:F5))", 16.0),
    ("=COLUMNS(XLOOKUP(12,D1:D5,D1:F5))", 3.0),
    # errors
    ("=XLOOKUP(3,D1:D5,E1:E4)", VALUE),                        # sizes differ
    ("=XLOOKUP(3,D1:D5,E1:E5,,4)", VALUE),                     # bad match_mode (3: regex)
    ("=XLOOKUP(3,D1:E5,E1:E5)", VALUE),                        # 2-D lookup array
    # xmatch-function: exact; next larger in descending data; wildcard; reverse
    ("=XMATCH(4,{5,4,3,2,1})", 2.0),
    ("=XMATCH(4.5,{5,4,3,2,1},1)", 1.0),
    ('=XMATCH("Gra*",{"Apple","Grape","Banana","Grapefruit"},2)', 2.0),
    ('=XMATCH("Gra*",{"Apple","Grape","Banana","Grapefruit"},2,-1)', 4.0),
    ("=XMATCH(3,D1:D5,0,-1)", 5.0),
    ("=XMATCH(99,D1:D5)", NA),
    ("=XMATCH(2,G1:K1,0,2)", 2.0),
    ("=XMATCH(2,{5,4,3,2,1},0,-2)", 4.0),
    ("=XMATCH(3,D1:D5,0,0)", VALUE),                           # bad search_mode
    # xmatch-function example 1: "Gra", exact or next larger, is Grape
    ('=XMATCH("Gra",{"Apple";"Grape";"Pear";"Banana";"Cherry"},1)', 2.0),
    # an array lookup value looks up each element; a 2-D return gives its first column
    ("=SUM(XLOOKUP({3;12},D1:D5,D1:F5))", 15.0),
    ("=SUM(XMATCH({3;12},D1:D5))", 5.0),
    # address-function
    ("=ADDRESS(2,3)", "$C$2"),
    ("=ADDRESS(2,3,2)", "C$2"),
    ("=ADDRESS(2,3,2,FALSE)", "R2C[3]"),
    ('=ADDRESS(2,3,1,FALSE,"[Book1]Sheet1")', "'[Book1]Sheet1'!R2C3"),
    ('=ADDRESS(2,3,1,FALSE,"EXCEL SHEET")', "'EXCEL SHEET'!R2C3"),
    ("=ADDRESS(2,3,3)", "$C2"),
    ("=ADDRESS(2,3,4)", "C2"),
    ("=ADDRESS(1,16384)", "$XFD$1"),
    ('=ADDRESS(5,1,1,TRUE,"Data")', "Data!$A$5"),
    ("=ADDRESS(0,1)", VALUE),
    ("=ADDRESS(1,1,5)", VALUE),
    # hyperlink-function: the cell shows the friendly name (or the link)
    ('=HYPERLINK("http://example.microsoft.com/report/budget report.xlsx","Click for report")',
     "Click for report"),
    ('=HYPERLINK("http://example.com")', "http://example.com"),
    # areas-function
    ("=AREAS(B2:D4)", 1.0),
]


def test_lookup_functions(evaluate):
    cells = dict(FREQ)
    cells.update(ITEMS)
    check_in_column(evaluate, cells, CASES, "Z")


def test_indirect(evaluate, make_book):
    """indirect-function: its example table, plus R1C1 text, other sheets and ranges."""
    from sheetsolver.book import Book
    sheets = {
        "S": {"A2": "B2", "B2": 1.333, "A3": "B3", "B3": 45, "A4": "George", "B4": 10,
              "A5": 5, "B5": 62,
              "C1": "=INDIRECT(A2)",               # 1.333
              "C2": "=INDIRECT(A3)",               # 45
              "C3": "=INDIRECT(A4)",               # George names B4: 10
              "C4": '=INDIRECT("B"&A5)',           # 62
              "C5": '=INDIRECT("R3C2",FALSE)',     # B3: 45
              "C6": '=INDIRECT("R[1]C[-1]",FALSE)',  # from C6: B7 = 7
              "B7": 7,
              "C7": '=SUM(INDIRECT("B2:B5"))',
              "C8": "=INDIRECT(\"'Other sheet'!A1\")",
              "C9": '=SUM(INDIRECT("Other sheet!A1:A2"))',
              "C10": '=INDIRECT("NoSuch!A1")',
              "C11": '=INDIRECT("not a ref")',
              "C12": '=INDIRECT("B"&ROW())',        # B12, computed before C12
              "B12": "=B5*2",
              "C13": '=SUM(INDIRECT("B:B"))',
              "C14": '=INDIRECT("[t.xlsx]S!B3")',          # this workbook by its file name
              "C15": '=INDIRECT("[Other.xlsx]S!B3")',      # a workbook that is not open
              },
        "Other sheet": {"A1": 100, "A2": 1},
    }
    book = Book.open(make_book(sheets, names={"George": "S!$B$4"}))
    book.recalc()
    assert_values(book, "S", {
        "C1": 1.333, "C2": 45, "C3": 10, "C4": 62, "C5": 45, "C6": 7,
        "C7": pytest.approx(1.333 + 45 + 10 + 62), "C8": 100, "C9": 101, "C10": REF,
        "C11": REF, "C12": 124, "C13": pytest.approx(1.333 + 45 + 10 + 62 + 7 + 124),
        "C14": 45, "C15": REF})


def test_formulatext(evaluate):
    get = evaluate({"A1": "=1+2", "A2": 5, "B1": "=FORMULATEXT(A1)", "B2": "=FORMULATEXT(A2)"})
    assert get("B1") == "=1+2"
    assert get("B2") is NA      # formulatext-function: no formula is #N/A


def test_xlookup_gradient(make_book):
    """The solver's gradient flows through XLOOKUP to the returned cell only (or to
    if_not_found; for an array of lookup values, to each match)."""
    from sheetsolver.book import Book
    cells = {"A1": 1, "A2": 2, "A3": 3, "B1": 10, "B2": 20, "B3": 30, "C4": 7,
             "C1": "=XLOOKUP(2,A1:A3,B1:B3)*3",
             "C2": "=XLOOKUP(9,A1:A3,B1:B3,C4)*3",
             "C3": "=SUMPRODUCT(XLOOKUP({3;1},A1:A3,B1:B3),{2;5})"}
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    assert [book.value("S", f"C{k}") for k in (1, 2, 3)] == [60, 21, 110]
    area = [book.engine.area("S!B1:B3"), book.engine.area("S!C4")]
    assert [float(x) for x in book.engine.gradient(("S", 1, 3), area)] == [0, 3, 0, 0]
    assert [float(x) for x in book.engine.gradient(("S", 2, 3), area)] == [0, 0, 0, 3]
    assert [float(x) for x in book.engine.gradient(("S", 3, 3), area)] == [5, 0, 2, 0]


def test_indirect_gradient_follows_the_reference(make_book):
    from sheetsolver.book import Book
    cells = {"B1": 3, "B2": 4, "C1": '=INDIRECT("B2")*2', "C2": '=SUM(INDIRECT("B1:B2"))*3'}
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    area = book.engine.area("S!B1:B2")
    assert [float(x) for x in book.engine.gradient(("S", 1, 3), [area])] == [0.0, 2.0]
    assert [float(x) for x in book.engine.gradient(("S", 2, 3), [area])] == [3.0, 3.0]


def test_trimrange(evaluate):
    """trimrange-function: blank outer rows/columns are dropped (0 none, 1 leading,
    2 trailing, 3 both); the result is still a reference."""
    get = evaluate({"B3": 1, "C4": 2,
                    "E1": "=ROWS(TRIMRANGE(A1:D6))", "E2": "=COLUMNS(TRIMRANGE(A1:D6))",
                    "E3": "=ROWS(TRIMRANGE(A1:D6,1))", "E4": "=ROWS(TRIMRANGE(A1:D6,2,0))",
                    "E5": "=COLUMNS(TRIMRANGE(A1:D6,3,2))", "E6": "=SUM(TRIMRANGE(A1:D6))",
                    "E7": "=ROW(TRIMRANGE(A1:D6))", "E8": "=TRIMRANGE(A1:D6,4)",
                    "E9": "=TRIMRANGE(F1:G3)"})
    assert (get("E1"), get("E2")) == (2, 2)       # B3:C4
    assert get("E3") == 4                         # rows 3..6
    assert get("E4") == 4                         # rows 1..4
    assert get("E5") == 3                         # columns A..C
    assert get("E6") == 3
    assert get("E7") == 3
    assert get("E8") is VALUE
    assert get("E9") is REF


@pytest.mark.parametrize("data, row6, want6, row7, want7", [
    # copies of one TRIMRANGE formula (A6:C6, computed together) over their own
    # columns; the trimmed sizes differ in row 7's copies
    ({"A1": 1, "A2": 2, "B2": 5, "B3": 7, "C3": 9, "C4": 1}, "ROWS", [2, 2, 2], "SUM", [3, 12, 10]),
    # copies trimmed to different sizes are computed together as values padded with
    # blanks: aggregates are right (ROWS of such copies is a known limitation)
    ({"A1": 1, "A2": 2, "B3": 7, "C2": 4, "C3": 5, "C4": 6}, "SUM", [3, 7, 15], "COUNT", [2, 1, 3]),
], ids=["copied_down", "copies_of_different_sizes"])
def test_trimrange_copies(evaluate, data, row6, want6, row7, want7):
    """Copies of =F(TRIMRANGE(x1:x4)) over columns A, B, C in rows 6 and 7."""
    cells = dict(data)
    for c in "ABC":
        cells[f"{c}6"] = f"={row6}(TRIMRANGE({c}1:{c}4))"
        cells[f"{c}7"] = f"={row7}(TRIMRANGE({c}1:{c}4))"
    get = evaluate(cells)
    assert [get(f"{c}6") for c in "ABC"] == want6
    assert [get(f"{c}7") for c in "ABC"] == want7


MINE = {
    "Lookup & reference": "ADDRESS AREAS CHOOSECOLS CHOOSEROWS DROP EXPAND FILTER FORMULATEXT "
                          "HSTACK HYPERLINK INDIRECT LOOKUP SORT SORTBY TAKE TOCOL TOROW "
                          "TRIMRANGE UNIQUE VSTACK WRAPCOLS WRAPROWS XLOOKUP XMATCH",
    "Math & trig": "RANDARRAY SEQUENCE",
    "Database": "DAVERAGE DCOUNT DCOUNTA DGET DMAX DMIN DPRODUCT DSTDEV DSTDEVP DSUM DVAR DVARP",
    "Financial": "ACCRINT ACCRINTM AMORDEGRC AMORLINC COUPDAYBS COUPDAYS COUPDAYSNC COUPNCD "
                 "COUPNUM COUPPCD CUMIPMT CUMPRINC DB DDB DISC DOLLARDE DOLLARFR DURATION EFFECT "
                 "FV FVSCHEDULE INTRATE IPMT IRR ISPMT MDURATION MIRR NOMINAL NPER NPV ODDFPRICE "
                 "ODDFYIELD ODDLPRICE ODDLYIELD PDURATION PMT PPMT PRICE PRICEDISC PRICEMAT PV "
                 "RATE RECEIVED RRI SLN SYD TBILLEQ TBILLPRICE TBILLYIELD VDB XIRR XNPV YIELD "
                 "YIELDDISC YIELDMAT",
}


def test_registered_with_category_and_help_page():
    """Every function of these categories is registered with Excel's category name and
    its support.microsoft.com help page."""
    from sheetsolver.engine.functions import FUNCTIONS
    from sheetsolver.engine.functions.lift import CATEGORIES, HELP
    for cat, names in MINE.items():
        for name in names.split():
            assert name in FUNCTIONS, name
            assert CATEGORIES.get(name) == cat, name
            assert HELP[name].startswith("https://support.microsoft.com/"), name
            assert name.lower() in HELP[name], name


def test_hyperlink_gradient(make_book):
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": {"A1": 2, "B1": '=HYPERLINK("http://x",A1*3)*2'}}))
    book.recalc()
    assert book.value("S", "B1") == 12
    assert [float(x) for x in book.engine.gradient(("S", 1, 2), [book.engine.area("S!A1")])] \
        == [6.0]
