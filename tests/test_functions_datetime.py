"""Date & Time functions against the examples of Excel's help pages (cited per group)
and hand computations with Python's datetime (serial = days since 30 Dec 1899 for
dates from 1 Mar 1900 on)."""
import datetime

import pytest

from sheetsolver.values import NUM, VALUE

MS = "https://support.microsoft.com/en-us/office/"


def serial(y, m, d):
    """Excel's serial of a date on or after 1 Mar 1900, computed independently."""
    return float((datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days)


def check(evaluate, cases):
    """Evaluate many formulas in one workbook; compare each with its expected value."""
    cells = {f"A{k + 1}": f for k, (f, _) in enumerate(cases)}
    value = evaluate(cells)
    for k, (f, want) in enumerate(cases):
        got = value(f"A{k + 1}")
        if isinstance(want, float):
            assert got == pytest.approx(want, rel=1e-9, abs=1e-12), f
        else:
            assert got == want, f


# DATE: date-function-e36c0c8c-4104-49da-ab83-82328b832349
# TIME: time-function-9a5aff99-8f7d-4611-845e-747d0b8d5457
def test_date_and_time(evaluate):
    check(evaluate, [
        ("=DATE(2011,1,1)", serial(2011, 1, 1)),
        ("=DATE(2008,1,35)", serial(2008, 2, 4)),       # day overflow (help page)
        ("=DATE(2008,14,2)", serial(2009, 2, 2)),       # month overflow
        ("=DATE(2008,-3,2)", serial(2007, 9, 2)),       # negative month
        ("=DATE(2008,1,-15)", serial(2007, 12, 16)),    # negative day
        ("=DATE(108,1,2)", serial(2008, 1, 2)),         # years 0-1899 are added to 1900
        ("=DATE(1900,2,29)", 60.0),                     # Excel's fictitious 29 Feb 1900
        ("=DATE(1900,3,1)", 61.0),
        ("=DATE(1900,1,1)", 1.0),
        ("=DATE(9999,12,31)", 2958465.0),
        ("=DATE(-1,1,1)", NUM),
        ("=DATE(10000,1,1)", NUM),
        ("=DATE(2008.9,1.9,1.9)", serial(2008, 1, 1)),  # arguments truncated
        ("=TIME(12,0,0)", 0.5),
        ("=TIME(16,48,10)", (16 * 3600 + 48 * 60 + 10) / 86400),
        ("=TIME(27,0,0)", 0.125),                       # help page: TIME(27,0,0) = TIME(3,0,0)
        ("=TIME(0,750,0)", 12.5 / 24),                  # = TIME(12,30,0)
        ("=TIME(0,0,2000)", 2000 / 86400),
        ("=TIME(1,-1,0)", 59 / 1440),
        ("=TIME(-1,0,0)", NUM),
        ("=TIME(32768,0,0)", NUM),
        ('=TIME("a",0,0)', VALUE),
    ])


# DATEVALUE: datevalue-function-df8b07d4-7761-4a93-bc33-b7471bbff252
# TIMEVALUE: timevalue-function-0b615c12-33d8-4431-bf3d-f3eb6d186645
def test_datevalue_timevalue(evaluate):
    this_year = datetime.date.today().year
    check(evaluate, [
        ('=DATEVALUE("8/22/2011")', 40777.0),
        ('=DATEVALUE("22-MAY-2011")', 40685.0),
        ('=DATEVALUE("2011/02/23")', 40597.0),
        ('=DATEVALUE("5-JUL")', serial(this_year, 7, 5)),
        ('=DATEVALUE("22-Aug-2011 6:35 AM")', serial(2011, 8, 22)),   # the time is ignored
        ("=DATEVALUE(40777)", VALUE),          # a number is not a date text
        ('=DATEVALUE("not a date")', VALUE),
        ('=DATEVALUE("2/30/2011")', VALUE),
        ('=TIMEVALUE("2:24 AM")', 0.1),
        ('=TIMEVALUE("22-Aug-2011 6:35 AM")', (6 * 60 + 35) / 1440),
        ('=TIMEVALUE("18:45")', (18 * 60 + 45) / 1440),
        ('=TIMEVALUE("noon")', VALUE),
        ("=TIMEVALUE(0.5)", VALUE),
    ])


# YEAR c64f017a-..., MONTH 579a2881-..., DAY 8a7d1cbb-..., HOUR a3afa879-...,
# MINUTE af728df0-..., SECOND 740d1cfc-... (support.microsoft.com/en-us/office/)
def test_date_parts(evaluate):
    check(evaluate, [
        ('=YEAR("7/5/2008")', 2008.0),
        ('=YEAR("7/5/2010")', 2010.0),
        ('=MONTH("15-Apr-11")', 4.0),
        ('=DAY("15-Apr-11")', 15.0),
        ("=DAY(60)", 29.0), ("=MONTH(60)", 2.0), ("=YEAR(60)", 1900.0),
        ("=DAY(0)", 0.0), ("=MONTH(0)", 1.0), ("=YEAR(0)", 1900.0),
        ("=DAY(-1)", NUM),
        ("=YEAR(2958466)", NUM),
        ('=DAY("x")', VALUE),
        ("=HOUR(0.75)", 18.0),
        ('=HOUR("7/18/2011 7:45")', 7.0),
        ('=HOUR("4/21/2012")', 0.0),
        ('=MINUTE("12:45:00 PM")', 45.0),
        ('=SECOND("4:48:18 PM")', 18.0),
        ('=SECOND("4:48 PM")', 0.0),
        ("=SECOND(0.999999999)", 0.0),       # rounds to the next midnight
        ("=HOUR(-0.5)", NUM),
    ])


# WEEKDAY: weekday-function-60e44483-2ed1-439f-8bd0-e404c190949a
# WEEKNUM: weeknum-function-e5c43a03-b4ab-426c-b411-b18c13c75340
# ISOWEEKNUM: isoweeknum-function-1c2d0afe-d25b-4ab1-8894-8d0520e90e0e
def test_weekday_weeknum(evaluate):
    d = "DATE(2008,2,14)"          # a Thursday (help page)
    cases = [
        (f"=WEEKDAY({d})", 5.0), (f"=WEEKDAY({d},2)", 4.0), (f"=WEEKDAY({d},3)", 3.0),
        ("=WEEKDAY(1)", 1.0),      # Excel counts serial 1 (1 Jan 1900) as a Sunday
        (f"=WEEKDAY({d},4)", NUM), (f"=WEEKDAY({d},0)", NUM),
        ("=WEEKNUM(DATE(2012,3,9))", 10.0), ("=WEEKNUM(DATE(2012,3,9),2)", 11.0),
        ("=ISOWEEKNUM(DATE(2012,3,9))", 10.0),
        ("=WEEKNUM(DATE(2012,3,9),3)", NUM),
    ]
    # return types 11-17: the week starts on Monday..Sunday; Thursday's number is
    # (Thursday - start) mod 7 + 1, by hand
    for k, start in zip(range(11, 18), range(7)):      # start: 0 = Monday
        cases.append((f"=WEEKDAY({d},{k})", float((3 - start) % 7 + 1)))
    # WEEKNUM types 11-17 and 21 against Python's calendar for a few dates
    for y, m, day in [(2021, 1, 1), (2021, 12, 31), (2020, 6, 15), (2016, 1, 3)]:
        date = datetime.date(y, m, day)
        cases.append((f"=WEEKNUM(DATE({y},{m},{day}),21)", float(date.isocalendar()[1])))
        cases.append((f"=ISOWEEKNUM(DATE({y},{m},{day}))", float(date.isocalendar()[1])))
        jan1 = datetime.date(y, 1, 1)
        for k, start in zip(range(11, 18), range(7)):
            offset = (jan1.weekday() - start) % 7
            cases.append((f"=WEEKNUM(DATE({y},{m},{day}),{k})",
                          float(((date - jan1).days + offset) // 7 + 1)))
    check(evaluate, cases)


# DAYS 57740535-..., DAYS360 b9a509fd-..., YEARFRAC 3844141e-..., DATEDIF 25dba1a4-...
def test_differences(evaluate):
    check(evaluate, [
        ('=DAYS("15-MAR-2021","1-FEB-2021")', 42.0),
        ("=DAYS(DATE(2021,12,31),DATE(2021,1,1))", 364.0),
        ("=_xlfn.DAYS(DATE(2021,12,31),DATE(2021,1,1))", 364.0),
        ('=DAYS("x",1)', VALUE),
        ("=DAYS360(DATE(2011,1,30),DATE(2011,2,1))", 1.0),
        ("=DAYS360(DATE(2011,1,1),DATE(2011,12,31))", 360.0),
        ("=DAYS360(DATE(2011,1,1),DATE(2011,2,1))", 30.0),
        ("=DAYS360(DATE(2008,2,27),DATE(2009,3,31),TRUE)", 393.0),
        ("=DAYS360(DATE(2008,2,27),DATE(2009,3,31),FALSE)", 394.0),
        ("=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30))", 0.5805555555555556),
        ("=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),1)", 211 / 366),
        ("=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),3)", 211 / 365),
        ("=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),5)", NUM),
        ("=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),-1)", NUM),
        ("=DATEDIF(DATE(2001,1,1),DATE(2003,1,1),\"Y\")", 2.0),
        ("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"D\")", 440.0),
        ("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"YD\")", 75.0),
        ("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"MD\")", 14.0),
        ("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"M\")", 14.0),
        ("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"ym\")", 2.0),
        # complete months, by hand: 31 Mar -> 30 Apr is not a whole month, -> 1 May is
        ("=DATEDIF(DATE(2007,3,31),DATE(2007,4,30),\"M\")", 0.0),
        ("=DATEDIF(DATE(2007,3,31),DATE(2007,5,1),\"M\")", 1.0),
        ("=DATEDIF(DATE(2007,2,1),DATE(2009,3,1),\"M\")", 25.0),
        ("=DATEDIF(DATE(2007,4,1),DATE(2009,3,1),\"Y\")", 1.0),
        ("=DATEDIF(DATE(2003,1,1),DATE(2001,1,1),\"Y\")", NUM),
        ("=DATEDIF(DATE(2001,1,1),DATE(2003,1,1),\"W\")", NUM),
    ])


# EDATE 3c920eb2-..., EOMONTH 7314ffa1-...
def test_month_arithmetic(evaluate):
    check(evaluate, [
        ('=EDATE("15-Jan-11",1)', serial(2011, 2, 15)),
        ('=EDATE("15-Jan-11",-1)', serial(2010, 12, 15)),
        ('=EDATE("15-Jan-11",2)', serial(2011, 3, 15)),
        ("=EDATE(DATE(2011,1,31),1)", serial(2011, 2, 28)),
        ("=EDATE(DATE(2011,1,31),1.9)", serial(2011, 2, 28)),     # months truncated
        ('=EOMONTH("1-Jan-11",1)', serial(2011, 2, 28)),
        ('=EOMONTH("1-Jan-11",-3)', serial(2010, 10, 31)),
        ("=EOMONTH(DATE(2012,1,15),1)", serial(2012, 2, 29)),
        ("=EDATE(DATE(1900,1,15),-2)", NUM),
        ('=EDATE("x",1)', VALUE),
    ])


# NETWORKDAYS 48e717bf-..., NETWORKDAYS.INTL a9b26239-..., WORKDAY f764a5b7-...,
# WORKDAY.INTL a378391c-...
def test_working_days(evaluate):
    h1 = "{%d,%d,%d}" % (serial(2012, 11, 22), serial(2012, 12, 4), serial(2013, 1, 21))
    h2 = "{%d,%d,%d}" % (serial(2008, 11, 26), serial(2008, 12, 4), serial(2009, 1, 21))
    check(evaluate, [
        ("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1))", 110.0),
        ("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),DATE(2012,11,22))", 109.0),
        (f"=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),{h1})", 107.0),
        ("=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,1,31))", 22.0),
        ("=_xlfn.NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,1,31))", 22.0),   # as Excel writes it
        ("=NETWORKDAYS.INTL(DATE(2006,2,28),DATE(2006,1,31))", -21.0),
        ('=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),7,{"2006/1/2","2006/1/16"})', 22.0),
        ('=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),"0010001",{"2006/1/2","2006/1/16"})',
         20.0),
        ('=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),"1111111")', VALUE),
        ('=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),"000001")', VALUE),
        ("=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),8)", NUM),
        ("=WORKDAY(DATE(2008,10,1),151)", serial(2009, 4, 30)),
        (f"=WORKDAY(DATE(2008,10,1),151,{h2})", serial(2009, 5, 5)),
        ("=WORKDAY(DATE(2008,10,1),0)", serial(2008, 10, 1)),
        ("=WORKDAY(DATE(2012,1,9),-1)", serial(2012, 1, 6)),      # Monday - 1 = Friday
        ("=WORKDAY.INTL(DATE(2012,1,1),30,0)", NUM),
        ("=WORKDAY.INTL(DATE(2012,1,1),90,11)", 41013.0),
        ("=WORKDAY.INTL(DATE(2012,1,1),30,17)", serial(2012, 2, 5)),
    ])


def test_networkdays_against_a_day_by_day_count(evaluate):
    """The whole-week shortcut against counting every day with Python's calendar."""
    start, end = datetime.date(2019, 12, 27), datetime.date(2021, 3, 3)
    hol = [datetime.date(2020, 1, 1), datetime.date(2020, 12, 25), datetime.date(2020, 12, 26)]
    days = [start + datetime.timedelta(k) for k in range((end - start).days + 1)]
    want = sum(1 for d in days if d.weekday() < 5 and d not in hol)
    # weekend "0000011" = Saturday and Sunday; "1000001": Monday and Sunday
    want2 = sum(1 for d in days if d.weekday() not in (0, 6) and d not in hol)
    h = "{" + ",".join(str(int(serial(d.year, d.month, d.day))) for d in hol) + "}"
    s = f"DATE({start.year},{start.month},{start.day})"
    e = f"DATE({end.year},{end.month},{end.day})"
    check(evaluate, [
        (f"=NETWORKDAYS({s},{e},{h})", float(want)),
        (f'=NETWORKDAYS.INTL({s},{e},"0000011",{h})', float(want)),
        (f'=NETWORKDAYS.INTL({s},{e},"1000001",{h})', float(want2)),
    ])


def test_networkdays_holidays_from_a_range(evaluate):
    value = evaluate({"B1": "=DATE(2012,11,22)", "B2": "=DATE(2012,12,4)",
                      "B3": "=DATE(2013,1,21)",
                      "A1": "=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),B1:B3)",
                      "A2": "=WORKDAY(DATE(2008,10,1),151,C1:C3)",
                      "C1": "=DATE(2008,11,26)", "C2": "=DATE(2008,12,4)",
                      "C3": "=DATE(2009,1,21)"})
    assert value("A1") == 107.0
    assert value("A2") == serial(2009, 5, 5)


def test_now_and_today_are_volatile(make_book):
    from sheetsolver.book import Book
    from sheetsolver.engine.functions import FUNCTIONS
    assert FUNCTIONS["NOW"].volatile and FUNCTIONS["TODAY"].volatile
    before = datetime.datetime.now()
    book = Book.open(make_book({"S": {"A1": "=TODAY()", "A2": "=NOW()"}}),
                     refresh_volatile=True)
    book.recalc()
    after = datetime.datetime.now()
    base = datetime.datetime(1899, 12, 30)
    lo = (before - base).total_seconds() / 86400
    hi = (after - base).total_seconds() / 86400
    assert book.value("S", "A1") in (float(int(lo)), float(int(hi)))
    assert lo - 1e-6 <= book.value("S", "A2") <= hi + 1e-6


def test_categories_and_help_pages():
    from sheetsolver.engine.functions.lift import CATEGORIES, HELP
    names = ["DATE", "DATEDIF", "DATEVALUE", "DAY", "DAYS", "DAYS360", "EDATE", "EOMONTH",
             "HOUR", "ISOWEEKNUM", "MINUTE", "MONTH", "NETWORKDAYS", "NETWORKDAYS.INTL", "NOW",
             "SECOND", "TIME", "TIMEVALUE", "TODAY", "WEEKDAY", "WEEKNUM", "WORKDAY",
             "WORKDAY.INTL", "YEAR", "YEARFRAC"]
    for n in names:
        assert CATEGORIES[n] == "Date & Time", n
        assert HELP[n].startswith(MS), n
