"""Database functions on the tree table used by every D-function help page
(https://support.microsoft.com/en-us/excel/functions/daverage-function, dsum-function,
dget-function, ...). Results are the pages' examples; where a page shows a rounded
number the exact value is the hand computation written beside it."""
from __future__ import annotations

import math
import statistics

import pytest

from sheetsolver.values import DIV0, NUM, VALUE

from _function_cases import check_in_column

TABLE = {
    # criteria A1:F3: Apple taller than 10 and shorter than 16; or Pear
    "A1": "Tree", "B1": "Height", "C1": "Age", "D1": "Yield", "E1": "Profit", "F1": "Height",
    "A2": '="=Apple"', "B2": ">10", "F2": "<16",
    "A3": '="=Pear"',
    # database A4:E10
    "A4": "Tree", "B4": "Height", "C4": "Age", "D4": "Yield", "E4": "Profit",
    "A5": "Apple", "B5": 18, "C5": 20, "D5": 14, "E5": 105,
    "A6": "Pear", "B6": 12, "C6": 12, "D6": 10, "E6": 96,
    "A7": "Cherry", "B7": 13, "C7": 14, "D7": 9, "E7": 105,
    "A8": "Apple", "B8": 14, "C8": 15, "D8": 10, "E8": 75,
    "A9": "Pear", "B9": 9, "C9": 8, "D9": 8, "E9": 76.8,
    "A10": "Apple", "B10": 8, "C10": 9, "D10": 6, "E10": 45,
}
APPLE_PEAR_YIELDS = [14, 10, 10, 8, 6]

CASES = [
    ('=DAVERAGE(A4:E10,"Yield",A1:B2)', 12.0),                 # page result 12
    ("=DAVERAGE(A4:E10,3,A4:E10)", 13.0),                     # page result 13
    ('=DCOUNT(A4:E10,"Age",A1:F2)', 1.0),
    ('=DCOUNTA(A4:E10,"Profit",A1:F2)', 1.0),
    ('=DMAX(A4:E10,"Profit",A1:A3)', 105.0),
    ('=DMIN(A4:E10,"Profit",A1:B2)', 75.0),
    ('=DPRODUCT(A4:E10,"Yield",A1:F2)', 10.0),
    ('=DPRODUCT(A4:E10,"Yield",A1:B2)', 140.0),               # 14 * 10
    ('=DSTDEV(A4:E10,"Yield",A1:A3)', statistics.stdev(APPLE_PEAR_YIELDS)),    # 2.97
    ('=DSTDEVP(A4:E10,"Yield",A1:A3)', statistics.pstdev(APPLE_PEAR_YIELDS)),  # 2.65
    ('=DSUM(A4:E10,"Profit",A1:A2)', 225.0),
    ('=DSUM(A4:E10,"Profit",A1:F2)', 75.0),
    ('=DVAR(A4:E10,"Yield",A1:A3)', 8.8),
    ('=DVARP(A4:E10,"Yield",A1:A3)', 7.04),
    ('=DGET(A4:E10,"Yield",A1:F2)', 10.0),
    ('=DGET(A4:E10,"Yield",A1:A3)', NUM),                      # several records
    ('=DGET(A4:E10,"Tree",H1:H2)', "Cherry"),
    ('=DSUM(A4:E10,"profit",H1:H2)', 105.0),                   # field name without case
    ('=DSUM(A4:E10,5,I1:I2)', 105 + 96 + 105 + 75 + 76.8),     # Height >= 9: all but the last
    ('=DCOUNT(A4:E10,,A1:A3)', 5.0),                           # no field: matching records
    ('=DSUM(A4:E10,"Profit",J1:J2)', 96 + 76.8),               # "Pe": text begins with
    ('=DSUM(A4:E10,"Profit",K1:K3)', 105 + 105),               # OR of rows: Age 20 / Age 14
    ('=DAVERAGE(A4:E10,"Yield",L1:L2)', DIV0),                 # nothing matches
    ('=DSUM(A4:E10,"Nope",A1:A2)', VALUE),
    ('=DSUM(A4:E10,9,A1:A2)', VALUE),
    ('=DGET(A4:E10,"Yield",L1:L2)', VALUE),
]


def test_documented_table(evaluate):
    cells = dict(TABLE)
    cells.update({"H1": "Tree", "H2": "Cherry", "I1": "Height", "I2": ">=9",
                  "J1": "Tree", "J2": "Pe", "K1": "Age", "K2": 20, "K3": 14,
                  "L1": "Tree", "L2": "Banana"})
    get = check_in_column(evaluate, cells, CASES, "N")
    assert round(get(f"N{CASES.index(CASES[8]) + 1}"), 2) == 2.97
    assert math.isclose(round(get("N10"), 2), 2.65)


def test_computed_criteria(evaluate):
    """A formula under a header that is no field name is evaluated for every record,
    its relative references moved from the first record's row (row 5) to each one's."""
    cells = dict(TABLE)
    cells.update({
        "G1": "Above average yield", "G2": "=D5>AVERAGE($D$5:$D$10)",   # yields 14, 10, 10
        "H2": "=B5>12",                                                  # blank header
        "I1": "Tree", "I2": "Apple", "J1": "Big", "J2": "=E5>=75",       # field AND computed
        "N1": '=DSUM(A4:E10,"Profit",G1:G2)',
        "N2": '=DSUM(A4:E10,"Profit",H1:H2)',
        "N3": '=DCOUNT(A4:E10,"Profit",I1:J2)',
    })
    get = evaluate(cells)
    assert get("N1") == pytest.approx(105 + 96 + 75)
    assert get("N2") == pytest.approx(105 + 105 + 75)    # heights 18, 13, 14
    assert get("N3") == 2                                 # Apple with profit 105 and 75


def test_gradients_to_matching_field_cells(make_book):
    from sheetsolver.book import Book
    cells = dict(TABLE)
    cells.update({"N1": '=DSUM(A4:E10,"Profit",A1:A2)',           # apples: E5, E8, E10
                  "N2": '=DAVERAGE(A4:E10,"Profit",A1:B2)',       # tall apples: E5, E8
                  "N3": '=DMAX(A4:E10,"Profit",A1:A3)',           # first 105: E5
                  "N4": '=DGET(A4:E10,"Profit",A1:F2)*2',         # E8
                  "N5": '=DVARP(A4:E10,"Profit",A1:B2)'})         # (105-75)^2/4
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    eng = book.engine
    area = eng.area("S!E5:E10")
    want = {1: [1, 0, 0, 1, 0, 1], 2: [0.5, 0, 0, 0.5, 0, 0], 3: [1, 0, 0, 0, 0, 0],
            4: [0, 0, 0, 2, 0, 0], 5: [15, 0, 0, -15, 0, 0]}   # d/dx (x-y)^2/4 = (x-y)/2
    assert book.value("S", "N5") == pytest.approx(225.0)
    for row, w in want.items():
        g = [float(x) for x in eng.gradient(("S", row, 14), [area])]
        assert g == pytest.approx(w), (row, g)


def test_copied_formulas_with_their_own_criteria(evaluate):
    """Copies of one formula (computed together) each read their own criteria block."""
    cells = dict(TABLE)
    cells.update({"P1": "Tree", "P2": "Apple", "P3": "Tree", "P4": "Pear",
                  "P5": "Profit", "P6": ">100",
                  "R1": '=DSUM($A$4:$E$10,"Profit",P1:P2)',
                  "R3": '=DSUM($A$4:$E$10,"Profit",P3:P4)',
                  "R5": '=DSUM($A$4:$E$10,"Profit",P5:P6)'})
    get = evaluate(cells)
    assert get("R1") == pytest.approx(105 + 75 + 45)
    assert get("R3") == pytest.approx(96 + 76.8)
    assert get("R5") == pytest.approx(105 + 105)
