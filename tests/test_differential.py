"""One table of Excel's value semantics, run through every path that can evaluate it.

Paths: the array group path (one formula filled over 6 rows: a group of n > 4), the
straight-line path (a chain of >= 4 single-cell groups compiled to Python by
scalar.plan_segments), criteria (COUNTIF / SUMIF), lookup (MATCH exact) and the VBA
runtime where VBA's own rules agree with Excel's (numbers and numeric text in
arithmetic and comparisons). All paths must give one answer: the expected one.

Expected values are Excel's documented behaviour (operator and function help pages:
https://support.microsoft.com/en-us/office/calculation-operators-and-precedence-in-excel-48be406d-4975-4d31-b2b8-7af9e0e2878a,
the COUNTIF and MATCH pages) or hand computation; none comes from our own code.
"""
from __future__ import annotations

import math

import openpyxl
import pytest

from sheetsolver.book import Book
from sheetsolver.engine.scalar import Segment
from sheetsolver.values import DIV0, NA, NAME, NUM, REF, VALUE, ExcelError

# how an input value is written into a cell (errors and "" need formulas)
_ERROR_FORMULA = {DIV0: "=1/0", NA: "=NA()", VALUE: '="a"+1', NUM: "=SQRT(-1)",
                  REF: "=#REF!", NAME: "=no_such_name"}


def _cell(x):
    if isinstance(x, ExcelError):
        return _ERROR_FORMULA[x]
    if x == "":
        return '=""'
    return x


ROWS = 6       # the array group: more cells than scalar.MAX_CELLS


def _book(tmp_path, name, inputs: dict, group: str | None, chain: str | None, extra=None):
    """S!A1:A6 = a, S!B1:B6 = b; C1:C6 = ``group`` filled down (one group of 6);
    H1 = ``chain`` followed by three more single-cell formulas (a straight-line run)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for col, x in inputs.items():
        if x is None:
            continue
        for r in range(1, ROWS + 1):
            ws[f"{col}{r}"] = _cell(x)
    if group:
        for r in range(1, ROWS + 1):
            ws[f"C{r}"] = group.replace("{r}", str(r))
    if chain:
        ws["H1"], ws["H2"], ws["H3"], ws["H4"] = chain, "=1+2", "=3*4", "=5-1"
    for ref, f in (extra or {}).items():
        ws[ref] = f
    p = tmp_path / f"{name}.xlsx"
    wb.save(p)
    book = Book.open(p)
    book.recalc()
    return book


def _same(got, expected) -> bool:
    if isinstance(expected, ExcelError):
        return got is expected
    if isinstance(expected, bool):
        return got is expected
    if isinstance(expected, float):
        return isinstance(got, float) and not isinstance(got, bool) and (
            got == expected or math.isclose(got, expected, rel_tol=1e-14))
    return got == expected and type(got) is type(expected)


# (a, formula over A and B, b, expected). "A"/"B" stand for the row's cells.
OPERATOR_CASES = [
    # blanks: 0 in arithmetic, "" against text, FALSE against logicals
    (1.0, "A+B", None, 1.0), (None, "A*B", 5.0, 0.0), (None, "A-B", None, 0.0),
    (None, "A=B", "", True), (None, "A=B", 0.0, True), (None, "A=B", False, True),
    (None, "A<B", 1.0, True), (None, "A>B", -1.0, True), (None, "A&B", "b", "b"),
    ("", "A=B", None, True), ("", "A+B", 1.0, VALUE),
    # text in arithmetic: numeric text converts, other text is #VALUE!
    ("3", "A+B", 4.0, 7.0), (" 2 ", "A*B", "3", 6.0), ("1,000", "A+B", 1.0, 1001.0),
    ("50%", "A*B", 4.0, 2.0), ("a", "A+B", 1.0, VALUE), ("1_000", "A+B", 1.0, VALUE),
    ("inf", "A*B", 1.0, VALUE), ("TRUE", "A+B", 1.0, VALUE), ("3", "-A", None, -3.0),
    # booleans: 1/0 in arithmetic, above all text in comparisons
    (True, "A+B", True, 2.0), (False, "A*B", 5.0, 0.0), (True, "-A", None, -1.0),
    (True, "A>B", 1.0, True), (True, "A>B", "zzz", True), (False, "A<B", True, True),
    # comparisons never convert; text compares without case; numbers < text
    ("a", "A>B", 5.0, True), ("2", "A=B", 2.0, False), ("abc", "A=B", "ABC", True),
    ("a", "A<B", "b", True), ("B", "A<B", "a", False), ("b", "A<>B", "B", False),
    (1.0, "A<=B", 1.0, True), (2.0, "A>=B", 3.0, False),
    # numbers compare as Excel shows them, to 15 significant digits
    # (https://en.wikipedia.org/wiki/Numeric_precision_in_Microsoft_Excel)
    (0.1 + 0.2, "A=B", 0.3, True), (0.1 + 0.2, "A>B", 0.3, False), (1.2 - 1.1, "A=B", 0.1, False),
    (1.2 - 1.1, "A<B", 0.1, True), (10.01 - 10, "A=B", 0.01, False), (0.1 + 0.2, "A<>B", 0.3, False),
    # division and power edge cases
    (1.0, "A/B", 0.0, DIV0), (1.0, "A/B", None, DIV0), (0.0, "A/B", 0.0, DIV0),
    (0.0, "A^B", 0.0, NUM), (0.0, "A^B", -1.0, DIV0), (None, "A^B", -1.0, DIV0),
    (-4.0, "A^B", 0.5, NUM), (2.0, "A^B", 10.0, 1024.0), (-2.0, "A^B", 3.0, -8.0),
    (10.0, "A^B", 400.0, NUM), (1e308, "A*B", 10.0, NUM), (9.0, "A^B", 0.5, 3.0),
    (None, "A^B", 2.0, 0.0), ("4", "A^B", "0.5", 2.0), (7.0, "A/B", 2.0, 3.5),
    # errors, and their precedence: the left operand's error wins
    (DIV0, "A+B", NA, DIV0), (NA, "A+B", DIV0, NA), (1.0, "A+B", REF, REF),
    (NAME, "A*B", 0.0, NAME), (NUM, "A-B", VALUE, NUM), (NA, "A/B", 0.0, NA),
    (DIV0, "A=B", 1.0, DIV0), (1.0, "A<B", NA, NA), (NA, "A&B", "a", NA),
    ("a", "A&B", DIV0, DIV0), (REF, "-A", None, REF), (VALUE, "A^B", 0.0, VALUE),
    # concatenation writes numbers in General format (15 significant digits)
    ("x", "A&B", 1.5, "x1.5"), (1.0, "A&B", 2.0, "12"), ("a", "A&B", True, "aTRUE"),
    (0.1 + 0.2, "A&B", "", "0.3"), (1e20, "A&B", "", "1E+20"), (-0.5, "A&B", None, "-0.5"),
    # a few functions
    (-3.0, "ABS(A)", None, 3.0), (-1.0, "SQRT(A)", None, NUM), ("4", "SQRT(A)", None, 2.0),
    (1000.0, "EXP(A)", None, NUM), (0.0, "LN(A)", None, NUM), ("a", "ABS(A)", None, VALUE),
    (True, "SQRT(A)", None, 1.0), (None, "ABS(A)", None, 0.0), (NA, "ABS(A)", None, NA),
    (1.0, "EXP(A)-B", 1.0, math.e - 1.0), (4.0, "SQRT(A)*B", "2", 4.0),
    (2.0, "IF(A>1,B,1/0)", 7.0, 7.0), ("x", "IF(A,B,0)", 1.0, VALUE),
]


def _ids(cases):
    return [f"{c[0]!r}|{c[1]}|{c[2]!r}" for c in cases]


def _expr(expr: str, row: str) -> str:
    out = []
    for i, ch in enumerate(expr):
        prev = expr[i - 1] if i else ""
        nxt = expr[i + 1] if i + 1 < len(expr) else ""
        if ch in "AB" and not prev.isalpha() and not nxt.isalpha():
            out.append(f"{ch}{row}")
        else:
            out.append(ch)
    return "=" + "".join(out)


@pytest.mark.parametrize("a,expr,b,expected", OPERATOR_CASES, ids=_ids(OPERATOR_CASES))
def test_array_and_straight_line_paths_agree_with_excel(tmp_path, a, expr, b, expected):
    book = _book(tmp_path, "op", {"A": a, "B": b}, _expr(expr, "{r}"), _expr(expr, "1"))
    group = [book.value("S", f"C{r}") for r in range(1, ROWS + 1)]
    line = book.value("S", "H1")
    assert all(_same(g, expected) for g in group), (expr, group)
    assert _same(line, expected), (expr, line)


def test_the_chain_is_compiled_to_straight_line_python(tmp_path):
    book = _book(tmp_path, "seg", {"A": 2.0, "B": 3.0}, "=A{r}^B{r}", "=A1^B1")
    segs = [s for s in book.engine.steps if isinstance(s, Segment)]
    assert segs and any(("S", 1, 8) in [(g.sheet, u.row, u.col) for g in s.groups
                                        for u in g.units] for s in segs)
    assert book.value("S", "H1") == 8.0 and book.value("S", "C6") == 8.0


# --- the VBA runtime, where VBA's rules are Excel's ----------------------------------------
def _vba_applies(a, expr, b, expected) -> bool:
    """VBA agrees with Excel on numbers, blanks and numeric text in arithmetic (not on
    booleans: True is -1; not on text + text: it concatenates; errors raise instead)."""
    if expr not in ("A+B", "A-B", "A*B", "A/B", "A^B", "A<B", "A>B", "A<=B", "A>=B"):
        return False
    vals = (a, b)
    if any(isinstance(x, (bool, ExcelError)) for x in vals):
        return False
    if any(isinstance(x, str) and x.strip() in ("", "TRUE") for x in vals):
        return False
    if all(isinstance(x, str) for x in vals) or "%" in str(a) + str(b):
        return False
    if isinstance(expected, ExcelError):
        return False
    if expr in ("A<B", "A>B", "A<=B", "A>=B") and any(isinstance(x, str) for x in vals):
        return False
    if expr in ("A<B", "A>B", "A<=B", "A>=B") and a != b and \
            math.isclose(float(a or 0), float(b or 0), rel_tol=1e-13):
        return False      # VBA compares Doubles exactly, Excel to 15 significant digits
    return True


VBA_CASES = [c for c in OPERATOR_CASES if _vba_applies(*c)]


class _Cells:
    """The smallest Host for a macro that reads S!A1, S!B1 and writes S!C1."""

    def __init__(self, a, b):
        self.cells = {(1, 1): a, (1, 2): b}

    def resolve(self, ref, sheet):
        from sheetsolver.vba import RangeRef
        col = {"A": 1, "B": 2, "C": 3}[ref[0].upper()]
        return RangeRef(sheet, int(ref[1:]), col, int(ref[1:]), col)

    def get_values(self, area):
        return [[self.cells.get((area.r1, area.c1))]]

    def set_values(self, area, values):
        self.cells[(area.r1, area.c1)] = values[0][0]

    def calculate(self, sheet=None):
        pass

    def set_calculation(self, mode):
        pass

    def get_calculation(self):
        return "automatic"


@pytest.mark.parametrize("a,expr,b,expected", VBA_CASES, ids=_ids(VBA_CASES))
def test_vba_runtime_agrees_where_its_rules_are_excels(a, expr, b, expected):
    from sheetsolver.vba import load_macros
    op = expr[1:-1]
    src = f'Sub main()\n    Range("C1").Value = Range("A1").Value {op} Range("B1").Value\nEnd Sub\n'
    host = _Cells(a, b)
    load_macros({"Module1": src}).run("main", host, "S")
    got = host.cells[(1, 3)]
    if isinstance(expected, bool):
        assert got is expected
    else:
        assert float(got) == pytest.approx(expected, rel=1e-14)


def test_enough_cases_reach_the_vba_runtime():
    assert len(VBA_CASES) >= 12


# --- criteria (COUNTIF, SUMIF) and lookup (MATCH exact) -------------------------------------
# (cell value, criteria / lookup value, COUNTIF count, MATCH position or #N/A); None for
# MATCH where MATCH does not apply (operators in criteria)
MATCH_CASES = [
    ("apples", "apples", 1, 1.0), ("APPLES", "apples", 1, 1.0), ("a*b", "a~*b", 1, 1.0),
    ("axb", "a~*b", 0, NA), ("axb", "a*b", 1, 1.0), ("Bob", "?ob", 1, 1.0),
    ("Boob", "?ob", 0, NA), ("a?", "a~?", 1, 1.0), ("ab", "a~?", 0, NA),
    (5.0, 5.0, 1, 1.0), ("5", 5.0, 1, NA), (5.0, "5", 1, NA), (True, True, 1, 1.0),
    ("TRUE", True, 0, NA), (True, "TRUE", 1, NA), (DIV0, "#DIV/0!", 1, NA),
    (0.0, None, 1, None), (None, "", 1, None), ("", "", 1, None), (None, "=", 1, None),
    ("", "=", 0, None), ("", "<>", 1, None), (None, "<>", 0, None),
    (3.0, ">2", 1, None), ("3", ">2", 0, None), ("b", ">a", 1, None), ("a", ">a", 0, None),
    (True, ">0", 0, None), (7.0, "<>7", 0, None), ("x", "<>7", 1, None),
    ("x", "<>x*", 0, None), ("yx", "<>x*", 1, None), (2.0, "<=2", 1, None),
]


@pytest.mark.parametrize("value,crit,count,pos", MATCH_CASES, ids=_ids(MATCH_CASES))
def test_criteria_and_lookup_paths_agree_with_excel(tmp_path, value, crit, count, pos):
    inputs = {"A": value}
    extra = {"J1": 7.0, "J2": 7.0, "J3": 7.0, "J4": 7.0, "J5": 7.0, "J6": 7.0}
    if crit is not None:
        text_formula = isinstance(crit, str) and crit[:1] in ("=", "#")   # as text, not
        extra["K1"] = f'="{crit}"' if text_formula else _cell(crit)       # a formula/error
    extra.update({"L1": "=COUNTIF(A1:A6,K1)", "L2": "=SUMIF(A1:A6,K1,J1:J6)",
                  "L3": "=COUNTIFS(A1:A6,K1,J1:J6,7)", "L4": "=AVERAGEIF(A1:A6,K1,J1:J6)"})
    if pos is not None:
        extra["L5"] = "=MATCH(K1,A1:A6,0)"
    book = _book(tmp_path, "crit", inputs, None, None, extra)
    assert book.value("S", "L1") == ROWS * count
    assert book.value("S", "L2") == 7.0 * ROWS * count
    assert book.value("S", "L3") == ROWS * count
    assert _same(book.value("S", "L4"), 7.0 if count else DIV0)
    if pos is not None:
        assert _same(book.value("S", "L5"), pos)
