"""Day-count bases of YEARFRAC / DAYS360 / the bond functions (daycount.py).

Expected values: Excel's help pages (cited per test), Apple Numbers' YEARFRAC and
DAYS360 pages (the same formulas, same values as Excel), and hand computations."""
import datetime

import pytest

from sheetsolver.engine.functions import daycount as dc
from sheetsolver.rules import date_serial


def s(y, m, d):
    return date_serial(y, m, d)


def test_serial_round_trip_and_1900_bug():
    assert dc.serial_to_ymd(1) == (1900, 1, 1)
    assert dc.serial_to_ymd(59) == (1900, 2, 28)
    assert dc.serial_to_ymd(60) == (1900, 2, 29)       # Excel's fictitious day
    assert dc.serial_to_ymd(61) == (1900, 3, 1)
    assert dc.serial_to_ymd(43101) == (2018, 1, 1)     # YEARFRAC help page: 1 Jan 2018 = 43101
    assert dc.serial_to_ymd(2958465) == (9999, 12, 31)
    for n in (1, 59, 60, 61, 40000, 2958465):
        assert dc.ymd_to_serial(*dc.serial_to_ymd(n)) == n
    with pytest.raises(ValueError):
        dc.serial_to_ymd(2958466)
    with pytest.raises(ValueError):
        dc.serial_to_ymd(-1)


# https://support.microsoft.com/en-us/office/yearfrac-function-3844141e-c76d-4143-82b6-208454ddc6a8
@pytest.mark.parametrize("basis, expected", [(0, 0.58055556), (1, 0.57650273), (3, 0.57808219)])
def test_yearfrac_help_page(basis, expected):
    assert dc.year_fraction(s(2012, 1, 1), s(2012, 7, 30), basis) == pytest.approx(expected,
                                                                                  abs=5e-9)


# Apple Numbers YEARFRAC page (https://help.apple.com/functions/mac/7.0/en.lproj/ffa55c753e.html)
@pytest.mark.parametrize("basis, expected", [(0, 0.541666666666667), (1, 0.53972602739726),
                                             (2, 0.547222222222222), (3, 0.53972602739726),
                                             (4, 0.541666666666667)])
def test_yearfrac_all_bases(basis, expected):
    assert dc.year_fraction(s(2009, 12, 15), s(2010, 6, 30), basis) == pytest.approx(expected,
                                                                                    rel=1e-13)


def test_yearfrac_by_hand():
    # swapped dates give the same positive fraction
    assert dc.year_fraction(s(2012, 7, 30), s(2012, 1, 1), 2) == pytest.approx(211 / 360)
    # basis 1 over more than a year: days / average length of 2012..2014 (366+365+365)/3
    days = (datetime.date(2014, 6, 30) - datetime.date(2012, 1, 1)).days
    assert dc.year_fraction(s(2012, 1, 1), s(2014, 6, 30), 1) == pytest.approx(
        days / ((366 + 365 + 365) / 3))
    # basis 1 across a year end containing 29 Feb 2012: 366-day year
    assert dc.year_fraction(s(2011, 12, 1), s(2012, 3, 1), 1) == pytest.approx(91 / 366)
    # without a 29 Feb in the span: 365
    assert dc.year_fraction(s(2012, 3, 1), s(2013, 2, 1), 1) == pytest.approx(337 / 365)
    # basis 0: 31st to 31st is 30 to 30; an end on the 31st after a start before the 30th stays
    assert dc.year_fraction(s(2011, 1, 31), s(2011, 3, 31), 0) == pytest.approx(60 / 360)
    assert dc.year_fraction(s(2011, 1, 15), s(2011, 3, 31), 0) == pytest.approx(76 / 360)
    # basis 0: both February month-ends count as the 30th
    assert dc.year_fraction(s(2011, 2, 28), s(2012, 2, 29), 0) == pytest.approx(1.0)
    # basis 4: every 31st is the 30th
    assert dc.year_fraction(s(2011, 1, 15), s(2011, 3, 31), 4) == pytest.approx(75 / 360)
    assert dc.year_fraction(s(2011, 5, 5), s(2011, 5, 5), 1) == 0.0
    with pytest.raises(ValueError):
        dc.year_fraction(1, 2, 5)


# https://support.microsoft.com/en-us/office/days360-function-b9a509fd-49ef-407e-94df-0cbda5718c2a
def test_days360_help_page():
    assert dc.days360_us(s(2011, 1, 30), s(2011, 2, 1)) == 1
    assert dc.days360_us(s(2011, 1, 1), s(2011, 12, 31)) == 360
    assert dc.days360_us(s(2011, 1, 1), s(2011, 2, 1)) == 30


def test_days360_methods():
    # Apple Numbers DAYS360 page: 101, 394 (NASD) and 393 (European)
    assert dc.days360_us(s(2008, 12, 20), s(2009, 3, 31)) == 101
    assert dc.days360_us(s(2008, 2, 27), s(2009, 3, 31)) == 394
    assert dc.days360_eu(s(2008, 2, 27), s(2009, 3, 31)) == 393
    # US: a February month-end start is the 30th; a February month-end end is not
    assert dc.days360_us(s(2011, 2, 28), s(2011, 3, 31)) == 30
    assert dc.days360_us(s(2011, 1, 28), s(2011, 2, 28)) == 30
    assert dc.days360_us(s(2011, 3, 31), s(2011, 1, 1)) == -89     # negative when reversed


def test_days_between_and_year_length():
    a, b = s(2011, 1, 15), s(2011, 3, 31)
    assert [dc.days_between(a, b, k) for k in range(5)] == [76, 75, 75, 75, 75]
    assert [dc.days_in_year(k, 2012) for k in range(5)] == [360, 366, 360, 365, 360]
    assert dc.days_in_year(1, 2011) == 365
    with pytest.raises(ValueError):
        dc.days_between(a, b, -1)


def test_add_months_edate_rules():
    assert dc.add_months(s(2011, 1, 15), 1) == s(2011, 2, 15)   # EDATE help page
    assert dc.add_months(s(2011, 1, 15), -1) == s(2010, 12, 15)
    assert dc.add_months(s(2011, 1, 15), 2) == s(2011, 3, 15)
    assert dc.add_months(s(2011, 1, 31), 1) == s(2011, 2, 28)   # clamp to month end
    assert dc.add_months(s(2011, 1, 1), 1, end_of_month=True) == s(2011, 2, 28)  # EOMONTH page
    assert dc.add_months(s(2011, 1, 1), -3, end_of_month=True) == s(2010, 10, 31)
    with pytest.raises(ValueError):
        dc.add_months(s(1900, 1, 15), -2)


# https://support.microsoft.com/en-us/office/couppcd-function-2eb50473-6ee9-4052-a206-77a9a385d5b3
# https://support.microsoft.com/en-us/office/coupncd-function-fd962fef-506b-4d9d-8590-16df5393691f
def test_coupon_dates_help_pages():
    assert dc.coupon_dates(s(2011, 1, 25), s(2011, 11, 15), 2) == (s(2010, 11, 15),
                                                                   s(2011, 5, 15))
    # month-end maturity keeps month-ends (30 Jun -> 31 Dec, not 30 Dec)
    assert dc.coupon_dates(s(2011, 1, 25), s(2020, 6, 30), 2) == (s(2010, 12, 31),
                                                                  s(2011, 6, 30))
    assert dc.coupon_dates(s(2011, 1, 25), s(2040, 11, 15), 4) == (s(2010, 11, 15),
                                                                   s(2011, 2, 15))
    with pytest.raises(ValueError):
        dc.coupon_dates(s(2011, 1, 25), s(2011, 1, 25), 2)
