"""sheetsolver.rules, Excel's scalar value rules, checked against Excel's documented
behaviour (help pages cited per test) and hand computations."""
from __future__ import annotations

import pytest

from sheetsolver import rules
from sheetsolver.values import DIV0, NA, NUM, VALUE


@pytest.mark.parametrize("text,number", [
    ("3", 3.0), (" 2.5e3 ", 2500.0), ("1,000", 1000.0), ("50%", 0.5), ("$12", 12.0),
    ("(3)", -3.0), ("-4.5", -4.5), (".5", 0.5), ("1E+2", 100.0),
    # Python's float() takes these; Excel's arithmetic does not (="1_000"+1 is #VALUE!)
    ("1_000", None), ("inf", None), ("nan", None), ("Infinity", None),
    ("", None), (" ", None), ("TRUE", None), ("abc", None), ("1,00", None),
])
def test_parse_number(text, number):
    assert rules.parse_number(text) == number


def test_parse_number_reads_times_and_dates_as_serials():
    # TIMEVALUE help page: "6:35 AM" is 0.2743...; DATEVALUE: 1/1/2008 is 39448
    # https://support.microsoft.com/en-us/office/datevalue-function-df8b07d4-7761-4a93-bc33-b7471bbff252
    assert rules.parse_number("12:00") == 0.5
    assert rules.parse_number("2008-01-01") == 39448.0
    assert rules.parse_number("1/1/2008") == 39448.0


@pytest.mark.parametrize("x,text", [
    (12.0, "12"), (-1.5, "-1.5"), (0.1 + 0.2, "0.3"), (1 / 3, "0.333333333333333"),
    (1e20, "1E+20"), (123456789012345.0, "123456789012345"), (1e15, "1E+15"), (0.0, "0"),
])
def test_general_text_is_15_significant_digits(x, text):
    assert rules.general_text(x) == text


@pytest.mark.parametrize("x,y", [
    (None, 0.0), (True, 1.0), (False, 0.0), ("3", 3.0), (" 7 ", 7.0), ("a", VALUE),
    ("", VALUE), ("1_000", VALUE), (DIV0, DIV0),
])
def test_to_number(x, y):
    assert rules.to_number(x) == y if not hasattr(y, "code") else rules.to_number(x) is y


@pytest.mark.parametrize("x,b", [
    (None, False), (0.0, False), (-2.0, True), ("true", True), ("FALSE", False),
    ("yes", VALUE), (NA, NA),
])
def test_to_bool(x, b):
    assert rules.to_bool(x) is b


def test_order_numbers_then_text_then_booleans():
    # "Comparison operators": numbers < text < logicals, text without case
    assert rules.order(1e300, "a") == -1
    assert rules.order("zzz", False) == -1
    assert rules.order("abc", "ABC") == 0
    assert rules.order("a", "b") == -1
    assert rules.order(None, 0.0) == 0 and rules.order(None, "") == 0
    assert rules.order(None, False) == 0 and rules.order(None, None) == 0
    assert rules.order(None, -1.0) == 1


@pytest.mark.parametrize("op,a,b,res", [
    ("=", "2", 2.0, False), ("<", 5.0, "a", True), (">", True, 1.0, True),
    ("=", "ABC", "abc", True), ("<>", None, "", False), ("=", None, 0.0, True),
    ("=", DIV0, NA, DIV0), ("<", 1.0, NA, NA), ("<=", "b", "B", True),
    # two numbers compare to 15 significant digits, as Excel shows them: 0.1+0.2 is
    # 0.30000000000000004, shown 0.3; 1.2-1.1 is 0.09999999999999987, shown
    # 0.0999999999999999 (https://en.wikipedia.org/wiki/Numeric_precision_in_Microsoft_Excel)
    ("=", 0.1 + 0.2, 0.3, True), (">", 0.1 + 0.2, 0.3, False), ("=", 1.2 - 1.1, 0.1, False),
    ("<", 1.2 - 1.1, 0.1, True),
])
def test_compare(op, a, b, res):
    assert rules.compare(op, a, b) is res


@pytest.mark.parametrize("pattern,text,hit", [
    ("a~*b", "a*b", True), ("a~*b", "axb", False), ("b*", "Bob", True), ("?ob", "Bob", True),
    ("?ob", "Boob", False), ("~?", "?", True), ("~?", "x", False), ("a~~b", "a~b", True),
    ("*", "", True), ("abc", "ABC", True), ("a.c", "abc", False),
])
def test_wildcards(pattern, text, hit):
    assert rules.text_matches(pattern, text) is hit


# COUNTIF help page example: A2:A5 apples, oranges, peaches, apples; B2:B5 32, 54, 75, 86
# https://support.microsoft.com/en-us/office/countif-function-e0de10c6-f885-4e71-abb4-1f464816df34
FRUIT = ["apples", "oranges", "peaches", "apples"]
NUMS = [32.0, 54.0, 75.0, 86.0]


def count(values, crit):
    test = rules.criterion(crit)
    return sum(1 for v in values if test(v))


def test_countif_help_page_examples():
    assert count(FRUIT, "apples") == 2
    assert count(FRUIT, "peaches") == 1
    assert count(NUMS, ">55") == 2
    assert count(NUMS, "<>75") == 3
    assert count(NUMS, ">=32") - count(NUMS, ">85") == 3
    assert count(FRUIT, "*") == 4
    assert count(FRUIT, "?????es") == 2


def test_criteria_blanks_empty_text_and_errors():
    cells = [None, "", 0.0, "x", DIV0, "3", 3.0, True]
    assert count(cells, "") == 2          # empty cells and empty text
    assert count(cells, "=") == 1         # only empty cells
    assert count(cells, "<>") == 7        # every cell that is not empty
    assert count(cells, None) == 1        # a reference to an empty cell is the criterion 0
    assert count(cells, 3.0) == 2         # the number 3 and the text "3"
    assert count(cells, ">2") == 1        # only real numbers compare with >
    assert count(cells, "#DIV/0!") == 1
    assert count(cells, TRUE_TEXT) == 1
    assert count(["a*b", "axb"], "a~*b") == 1


TRUE_TEXT = "TRUE"


@pytest.mark.parametrize("x,y,res", [
    (0.0, 0.0, NUM), (0.0, -1.0, DIV0), (-8.0, 1 / 3, NUM), (2.0, 10.0, 1024.0),
    (-2.0, 3.0, -8.0), (10.0, 400.0, NUM), (0.0, 2.0, 0.0),
])
def test_power(x, y, res):
    # POWER help page; 0^0 is #NUM!, 0^-1 #DIV/0!, a negative base to a fraction #NUM!
    r = rules.power(x, y)
    assert r is res if hasattr(res, "code") else r == res


def test_divide_and_error_precedence():
    assert rules.divide(1.0, 0.0) is DIV0
    assert rules.divide(1.0, 4.0) == 0.25
    assert rules.first_error(1.0, NA, DIV0) is NA
    assert rules.first_error(1.0, "a") is None


def test_month_year_and_short_dates_read_as_excel_does():
    """DATEVALUE's help page: "a date with no year uses the current year";
    https://support.microsoft.com/office/datevalue-function-df8b07d4-7761-4a93-bc33-b7471bbff252
    Serials by hand: 1 Feb 2011 = 40575, 1 Jan 2011 = 40544, 1 Jan 1932 = 11689."""
    import datetime
    from sheetsolver.rules import date_serial, parse_number
    year = datetime.date.today().year
    assert parse_number("Feb-2011") == 40575
    assert parse_number("Jan 2011") == 40544
    assert parse_number("Jan-32") == 11689
    assert parse_number("Jan-11") == date_serial(year, 1, 11)
    assert parse_number("2/23") == date_serial(year, 2, 23)
    assert parse_number("2/2023") == 44958
    assert parse_number("13/5") is None
