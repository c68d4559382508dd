"""Information functions of info_more.py: ERROR.TYPE, ISEVEN, ISODD, N, TYPE, ISREF,
ISFORMULA, SHEET, SHEETS, INFO, CELL.

Expected values are the examples of each function's Excel help page
(https://support.microsoft.com/en-us/office/<function>-function-...) or hand computations.
"""
from __future__ import annotations

import os

import pytest

from sheetsolver.values import DIV0, NA, VALUE

from _function_cases import documented_examples, registered_test

CASES = [
    # error-type-function: #NULL! -> 1, #DIV/0! -> 2, not an error -> #N/A
    ("=ERROR.TYPE(1/0)", 2.0), ("=ERROR.TYPE(NA())", 7.0), ("=ERROR.TYPE(\"a\"+1)", 3.0),
    ("=ERROR.TYPE(SQRT(-1))", 6.0), ("=ERROR.TYPE(5)", NA),
    # iseven-function examples: ISEVEN(-1) FALSE, ISEVEN(2.5) TRUE, ISEVEN(5) FALSE, ISEVEN(0) TRUE
    ("=ISEVEN(-1)", False), ("=ISEVEN(2.5)", True), ("=ISEVEN(5)", False), ("=ISEVEN(0)", True),
    ("=ISEVEN(\"a\")", VALUE), ("=ISEVEN(TRUE)", VALUE),
    # isodd-function examples: ISODD(-1) TRUE, ISODD(2.5) FALSE, ISODD(5) TRUE
    ("=ISODD(-1)", True), ("=ISODD(2.5)", False), ("=ISODD(5)", True), ("=ISODD(1/0)", DIV0),
    # n-function examples: N(7) 7, N("Even") 0, N(TRUE) 1, N("7") 0
    ("=N(7)", 7.0), ("=N(\"Even\")", 0.0), ("=N(TRUE)", 1.0), ("=N(\"7\")", 0.0),
    ("=N(1/0)", DIV0),
    # type-function examples: text 2, "MR. "&text 2, 2+text 16, {1,2;3,4} 64
    ("=TYPE(\"Smith\")", 2.0), ("=TYPE(\"MR. \"&\"Smith\")", 2.0), ("=TYPE(2+\"Smith\")", 16.0),
    ("=TYPE({1,2;3,4})", 64.0), ("=TYPE(1)", 1.0), ("=TYPE(TRUE)", 4.0),
    # is-functions: ISREF of a reference TRUE, of a value FALSE
    ("=ISREF(A1)", True), ("=ISREF(5)", False), ("=ISREF(OFFSET(A1,1,1))", True),
    # info-function: "recalc" is "Automatic"; "system" is "pcdos" on Windows
    ("=INFO(\"recalc\")", "Automatic"), ("=INFO(\"system\")", "pcdos"),
    ("=INFO(\"NUMFILE\")", 1.0), ("=INFO(\"nonsense\")", VALUE),
]

# all CASES in one workbook (one recalculation), a test per case
results, test_documented_examples = documented_examples(CASES, "info")


def test_reference_functions(make_book):
    from sheetsolver.book import Book
    path = make_book({
        "First": {"A1": 7, "A2": "=1+2", "A3": "Hello, world!", "A20": 75,
                  "B1": "=ISFORMULA(A1)", "B2": "=ISFORMULA(A2)", "B3": "=ISFORMULA(B2)",
                  "C1": "=CELL(\"row\",A20)", "C2": "=CELL(\"col\",D5)",
                  "C3": "=CELL(\"address\",B7)", "C4": "=CELL(\"contents\",A3)",
                  "C5": "=CELL(\"type\",A20)", "C6": "=CELL(\"type\",A3)",
                  "C7": "=CELL(\"type\",Z99)", "C8": "=CELL(\"address\",Stuff!C3)",
                  "C9": "=CELL(\"row\")", "C10": "=CELL(\"format\",A1)",
                  "C11": "=CELL(\"filename\",A1)", "C12": "=CELL(\"contents\",A20)*2",
                  "D1": "=SHEET()", "D2": "=SHEET(\"Stuff\")", "D3": "=SHEET(Stuff!A1)",
                  "D4": "=SHEET(\"Nope\")", "D5": "=SHEETS()", "D6": "=SHEETS(Stuff!A1:B2)",
                  "D7": "=TYPE(A1:A3)", "D8": "=TYPE(A3)", "D9": "=ISREF(A1:B2)",
                  "D10": "=INFO(\"numfile\")", "D11": "=INFO(\"directory\")"},
        "Second": {"A1": 1},
        "Stuff": {"A1": "=SHEET()", "B1": "=ISFORMULA(First!A2)"},
    }, name="Book1.xlsx")
    book = Book.open(path)
    book.recalc()

    def get(ref, sheet="First"):
        return book.value(sheet, ref)
    # isformula-function: a formula cell TRUE, a constant FALSE
    assert (get("B1"), get("B2"), get("B3")) == (False, True, True)
    assert get("B1", "Stuff") is True
    # cell-function: CELL("row",A20) = 20; CELL("type",A2) = "v" for a number,
    # CELL("contents",A3) = "Hello, world!"; "l" text, "b" blank; "$B$7" absolute address
    assert get("C1") == 20.0 and get("C2") == 4.0 and get("C3") == "$B$7"
    assert get("C4") == "Hello, world!"
    assert (get("C5"), get("C6"), get("C7")) == ("v", "l", "b")
    assert get("C8") == "[Book1.xlsx]Stuff!$C$3"
    assert get("C9") == 9.0                       # the formula's own cell when omitted
    assert get("C10") == VALUE                    # formats are not read
    assert get("C11") == os.path.join(str(path.parent), "[Book1.xlsx]First")
    assert get("C12") == 150.0
    # sheet-function / sheets-function (sheets counted in workbook order)
    assert (get("D1"), get("D2"), get("D3"), get("D4")) == (1.0, 3.0, 3.0, NA)
    assert get("A1", "Stuff") == 3.0
    assert get("D5") == 3.0 and get("D6") == 1.0
    # type-function: a multi-cell range is 64 like an array; one text cell is 2
    assert get("D7") == 64.0 and get("D8") == 2.0 and get("D9") is True
    assert get("D10") == 3.0
    assert get("D11") == str(path.parent) + os.sep


test_registered_with_category_and_help_page = registered_test(
    "ERROR.TYPE ISEVEN ISODD ISREF ISFORMULA N TYPE SHEET SHEETS INFO CELL", "Information",
    {"ISREF": "is-functions"})


def test_n_passes_gradients_through(make_book):
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": {"A1": 2.0, "B1": "=N(A1)*3+N(\"note\")"}}, name="n.xlsx"))
    book.recalc()
    assert book.value("S", "B1") == 6.0
    eng = book.engine
    assert float(eng.gradient(("S", 1, 2), [eng.area("S!A1:A1")]).ravel()[0]) == 3.0
