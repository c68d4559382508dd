"""Edge cases of functions that now share one helper (issue 13's clean-up of the function
library): each helper's branches checked through every function that uses it. Expected
values are the rules of each function's Excel help page (URL per group: under
https://support.microsoft.com/en-us/office/ or, for "excel/", under
https://support.microsoft.com/en-us/excel/functions/) or hand computations."""
from __future__ import annotations

import math
import sys

from _function_cases import documented_examples

from sheetsolver.values import DIV0, NA, NUM, REF, VALUE

CASES = [
    # B1 and B2 (these two cases) are the cells the OFFSET cases below reach
    ("=10", 10.0), ("=20", 20.0),
    # offset-function-c8de19ae: an array of offsets reaches one cell per element
    # (hand: B1 + B2; C1 and C2 are empty, so 0)
    ("=SUMPRODUCT(OFFSET(B1,{0;1},0))", 30.0),
    ("=SUMPRODUCT(OFFSET(B1,{0;1},{0,1}))", 30.0),
    ("=SUMPRODUCT(OFFSET(B1,{0;1},0)*{3;5})", 130.0),
    # index-function-a5dcf0dd: arrays of row and column numbers broadcast (hand), and
    # "if row_num or column_num does not point to a cell within array, INDEX returns #REF!"
    ("=SUM(INDEX({1,2;3,4},{1;2},{1,2}))", 10.0),
    ("=SUM(INDEX({1,2;3,4},{1;2},2))", 6.0),
    ("=SUMPRODUCT(INDEX({1,2,3},{1,5}))", REF),
    # row-function-3a63b74a, column-function-44e8c754: a reference's row / column
    # numbers, one per row / column (hand sums)
    ("=SUM(ROW(A2:A4))", 9.0), ("=SUM(COLUMN(B1:D1))", 9.0),
    ("=SUMPRODUCT(ROW(A2:A4)*COLUMN(B1:C1))", 45.0),
    # unichar-function-ffeb64f5: "If Unicode numbers are partial surrogates ..., UNICHAR
    # returns the #N/A error value"; outside the range #VALUE!
    ("=UNICHAR(55296)", NA), ("=UNICHAR(57343)", NA), ("=UNICHAR(57344)", "\ue000"),
    ("=UNICHAR(1114112)", VALUE),
    # excel/ dollarfr-function, dollarde-function: "If fraction is not an
    # integer, it is truncated. If fraction is less than 0, ... #NUM!"
    ("=DOLLARFR(1.125,16.9)", 1.02), ("=DOLLARDE(1.02,16.9)", 1.125),
    ("=DOLLARFR(1.125,-1)", NUM),
    # excel/ dec2bin-function: places "not an integer, it is truncated", "nonnumeric
    # ... #VALUE!", "zero or negative ... #NUM!"; the number argument as text
    ("=DEC2BIN(9,4.9)", "1001"), ('=DEC2BIN(9,"x")', VALUE), ("=DEC2BIN(9,0)", NUM),
    ("=DEC2BIN(9,-1)", NUM), ('=DEC2BIN("9")', "1001"),
    # excel/ isodd-function: "If number is nonnumeric, ISODD returns #VALUE!"
    ('=ISODD("x")', VALUE), ("=ISODD(-3.5)", True),
    # kurt-function-bc3a265c / skew-p-function-76530a5c: "if the standard deviation ...
    # equals zero" the result is #DIV/0!
    ("=KURT(2,2,2,2)", DIV0), ("=SKEW.P(5,5,5)", DIV0),
    # z-test-function-d633d5a3: sigma omitted means the sample standard deviation,
    # which one value does not have (#DIV/0!, as STDEV.S of one value)
    ("=Z.TEST({4},1)", DIV0),
    # excel/ factdouble-function, fact-function: the number is truncated;
    # results beyond the largest double are #NUM! (exact products by hand)
    ("=FACTDOUBLE(300)", float(math.prod(range(300, 0, -2)))),
    ("=FACTDOUBLE(301)", NUM),
    ("=FACT(170.9)", float(math.factorial(170))),
    # concat-function-9b1a9a3f, textjoin-function-357b449a: an error among the values
    # (or as the delimiter) is the result, the first one in order (hand)
    ('=CONCAT("a",1/0,NA())', DIV0), ('=TEXTJOIN(1/0,TRUE,"a")', DIV0),
    ('=TEXTJOIN("-",TRUE,"a","",NA())', NA), ('=TEXTJOIN("-",TRUE,"a","","b")', "a-b"),
    # find-findb-functions-c7912941: "If start_num is greater than the length of
    # within_text, FIND and FINDB return the #VALUE! error value"
    ('=FIND("c","abc",4)', VALUE), ('=SEARCH("c","abc",4)', VALUE),
    ('=SEARCH("m?r*n","Profit Margin")', 8.0),
]

results, test_documented_examples = documented_examples(CASES, "shared_helpers")


def test_factdouble_301_overflows_a_double():
    """The premise of FACTDOUBLE(301) being #NUM!: 301!! exceeds the largest double."""
    assert math.prod(range(301, 0, -2)) > sys.float_info.max >= math.prod(range(300, 0, -2))
