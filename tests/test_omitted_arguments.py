"""An omitted argument (two commas with nothing between) in Excel's aggregates.

Excel is not uniform here. MIN/MAX/MINA/MAXA count an omitted argument as the number 0
(tested in Excel for PhpSpreadsheet, github.com/PHPOffice/PhpSpreadsheet/pull/3868; IronCalc's
MAX tests: MAX(-1,) is 0), while SUM and PRODUCT skip it (the same PhpSpreadsheet PR:
PRODUCT(2,3,) is 6). IF(TRUE,,5) is 0 (formualizer issue 277, checked in Excel).
"""
import pytest


@pytest.mark.parametrize("formula, expected", [
    ("=MAX(-1,)", 0.0),
    ("=MIN(1,,3)", 0.0),
    ("=MAX(-5,-2,)", 0.0),
    ("=MAXA(-1,)", 0.0),
    ("=MINA(,4)", 0.0),
    ("=PRODUCT(2,3,)", 6.0),
    ("=SUM(1,,3)", 4.0),
    ("=IF(TRUE,,5)", 0.0),
])
def test_omitted_argument(evaluate, formula, expected):
    assert evaluate(formula) == expected
