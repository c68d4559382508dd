"""Financial functions against the examples on Excel's help pages
(https://support.microsoft.com/en-us/excel/functions/<name>-function) and hand computations.

Excel's examples are shown rounded (to cents or to the digits printed on the page), so
those compare with the printed precision."""
from __future__ import annotations

import math

import pytest

from sheetsolver.values import DIV0, NUM, VALUE

from _function_cases import Shown, documented_examples

# (formula, expected) - help page of each function in the comment. Text: the value as the
# page prints it (matched to half a unit of its last digit, see Shown); a float: 1e-12
# relative; an int: exactly.
DOC = [
    # pv-function: 500 a month for 20 years at 8%
    ("=PV(0.08/12,12*20,500,,0)", "-59777.15"),
    # fv-function: both examples
    ("=FV(0.06/12,10,-200,-500,1)", "2581.40"),
    ("=FV(0.12/12,12,-1000)", "12682.50"),
    ("=FV(0.11/12,35,-2000,,1)", "82846.25"),
    # pmt-function
    ("=PMT(0.08/12,10,10000)", "-1037.03"),
    ("=PMT(0.08/12,10,10000,0,1)", "-1030.16"),
    ("=PMT(0.06/12,18*12,0,50000)", "-129.08"),
    # ipmt-function
    ("=IPMT(0.1/12,1,3*12,8000)", "-66.67"),
    ("=IPMT(0.1,3,3,8000)", "-292.45"),
    # ppmt-function
    ("=PPMT(0.1/12,1,2*12,2000)", "-75.62"),
    ("=PPMT(0.08,10,10,200000)", "-27598.05"),
    # nper-function
    ("=NPER(0.12/12,-100,-1000,10000,1)", "59.6738657"),
    ("=NPER(0.12/12,-100,-1000,10000)", "60.0821229"),
    ("=NPER(0.12/12,-100,-1000)", "-9.57859404"),
    # rate-function: 8000 loan, 200 a month for 4 years
    ("=RATE(4*12,-200,8000)", "0.00770147"),
    ("=RATE(4*12,-200,8000)*12", "0.09241767"),
    # npv-function
    ("=NPV(0.1,-10000,3000,4200,6800)", "1188.44"),
    ("=NPV(0.08,8000,9200,10000,12000,14500)+-40000", "1922.06"),
    ("=NPV(0.08,8000,9200,10000,12000,14500,-9000)+-40000", "-3749.47"),
    # effect-function / nominal-function
    ("=EFFECT(0.0525,4)", "0.0535427"),
    ("=NOMINAL(0.053543,4)", "0.05250032"),
    # sln-function / syd-function
    ("=SLN(30000,7500,10)", 2250.0),
    ("=SYD(30000,7500,10,1)", "4090.91"),
    ("=SYD(30000,7500,10,10)", "409.09"),
    # db-function: the whole schedule, a 7-month first year
    ("=DB(1000000,100000,6,1,7)", "186083.33"),
    ("=DB(1000000,100000,6,2,7)", "259639.42"),
    ("=DB(1000000,100000,6,3,7)", "176814.44"),
    ("=DB(1000000,100000,6,4,7)", "120410.64"),
    ("=DB(1000000,100000,6,5,7)", "81999.64"),
    ("=DB(1000000,100000,6,6,7)", "55841.76"),
    ("=DB(1000000,100000,6,7,7)", "15845.10"),
    # ddb-function
    ("=DDB(2400,300,10*365,1)", "1.32"),
    ("=DDB(2400,300,10*12,1,2)", "40.00"),
    ("=DDB(2400,300,10,1,2)", "480.00"),
    ("=DDB(2400,300,10,1,1.5)", "360.00"),
    ("=DDB(2400,300,10,10)", "22.12"),
    # vdb-function
    ("=VDB(2400,300,10*365,0,1)", "1.32"),
    ("=VDB(2400,300,10*12,0,1)", "40.00"),
    ("=VDB(2400,300,10,0,1)", "480.00"),
    ("=VDB(2400,300,10*12,6,18)", "396.31"),
    ("=VDB(2400,300,10*12,6,18,1.5)", "311.81"),
    ("=VDB(2400,300,10,0,0.875,1.5)", "315.00"),
    # fvschedule-function
    ("=FVSCHEDULE(1,{0.09,0.11,0.1})", "1.33089"),
    # pduration-function
    ("=PDURATION(2.5%,2000,2200)", "3.86"),
    ("=PDURATION(0.025/12,1000,1200)", "87.6"),
    # rri-function
    ("=RRI(96,10000,11000)", "0.0009933"),
    # dollarde-function / dollarfr-function
    ("=DOLLARDE(1.02,16)", 1.125),
    ("=DOLLARDE(1.1,32)", 1.3125),
    ("=DOLLARFR(1.125,16)", 1.02),
    ("=DOLLARFR(1.125,32)", 1.04),
    # ispmt-function: the even-principal amortisation table (4000 over 4 periods at 10%,
    # interest 400, 300, 200, 100; periods counted from zero)
    ("=ISPMT(0.1,0,4,4000)", -400.0),
    ("=ISPMT(0.1,3,4,4000)", -100.0),
]


def test_cash_flow_ranges(evaluate):
    # irr-function: -70000 then 12000, 15000, 18000, 21000, 26000
    # mirr-function: -120000, 39000, 30000, 21000, 37000, 46000 at 10% / 12%
    # cumipmt-function / cumprinc-function: 125000 at 9%/12 over 30 years
    # xnpv-function / xirr-function: 5 dated flows
    cells = {"A1": -70000, "A2": 12000, "A3": 15000, "A4": 18000, "A5": 21000, "A6": 26000,
             "B1": "=IRR(A1:A5)", "B2": "=IRR(A1:A6)", "B3": "=IRR(A1:A3,-10%)",
             "C1": -120000, "C2": 39000, "C3": 30000, "C4": 21000, "C5": 37000, "C6": 46000,
             "D1": "=MIRR(C1:C6,10%,12%)", "D2": "=MIRR(C1:C4,10%,12%)",
             "D3": "=MIRR(C1:C6,10%,14%)",
             "E1": "=CUMIPMT(0.09/12,30*12,125000,13,24,0)",
             "E2": "=CUMIPMT(0.09/12,30*12,125000,1,1,0)",
             "E3": "=CUMPRINC(0.09/12,30*12,125000,13,24,0)",
             "E4": "=CUMPRINC(0.09/12,30*12,125000,1,1,0)",
             "F1": -10000, "F2": 2750, "F3": 4250, "F4": 3250, "F5": 2750,
             # serials of 1/1/2008, 3/1/2008, 10/30/2008, 2/15/2009, 4/1/2009
             "G1": 39448, "G2": 39508, "G3": 39751, "G4": 39859, "G5": 39904,
             "H1": "=XNPV(0.09,F1:F5,G1:G5)", "H2": "=XIRR(F1:F5,G1:G5)",
             "H3": "=XNPV(0.09,F1:F5,G1:G4)", "H4": "=XIRR(F2:F5,G2:G5)",
             "H5": "=IRR(A2:A6)", "H6": "=NPV(0.1,A1:A6)"}
    get = evaluate(cells)
    assert get("B1") == pytest.approx(-0.021244848, abs=5e-9)
    assert get("B2") == pytest.approx(0.086630948, abs=5e-9)
    assert get("B3") == pytest.approx(-0.443506941, abs=5e-9)
    # the help page shows 13%, -5% and 13.48%; the digits are the textbook MIRR,
    # (FV of the inflows at the reinvest rate / PV of the outflows)^(1/(n-1)) - 1
    assert round(get("D1"), 2) == 0.13
    assert get("D1") == pytest.approx((
        (39000 * 1.12 ** 4 + 30000 * 1.12 ** 3 + 21000 * 1.12 ** 2 + 37000 * 1.12 + 46000)
        / 120000) ** 0.2 - 1, rel=1e-12)
    assert get("D2") == pytest.approx(-0.048044655, abs=5e-9)
    assert get("D3") == pytest.approx(0.134759111, abs=5e-9)
    assert get("E1") == pytest.approx(-11135.23213, abs=5e-5)
    assert get("E2") == pytest.approx(-937.5, abs=1e-9)
    assert get("E3") == pytest.approx(-934.1071234, abs=5e-7)
    assert get("E4") == pytest.approx(-68.27827118, abs=5e-8)
    assert get("H1") == pytest.approx(2086.647602, abs=5e-6)
    assert get("H2") == pytest.approx(0.373362535, abs=5e-9)
    assert get("H3") is NUM          # sizes differ
    assert get("H4") is NUM          # no negative flow
    assert get("H5") is NUM
    # NPV of a range counts numbers only: a hand sum
    want = sum(v / 1.1 ** (i + 1) for i, v in
               enumerate([-70000, 12000, 15000, 18000, 21000, 26000]))
    assert get("H6") == pytest.approx(want, rel=1e-12)


def test_closed_forms_against_hand_computation(evaluate):
    cells = {"A1": "=PV(0,10,-100,-50)", "A2": "=FV(0,10,-100,-50)", "A3": "=PMT(0,10,1000)",
             "A4": "=NPER(0,-100,1000)", "A5": "=PMT(0.05,3,1000,0,1)",
             "A6": "=IPMT(0.05,1,3,1000,0,1)", "A7": "=PPMT(0.05,2,3,1000)+IPMT(0.05,2,3,1000)",
             "A8": "=RATE(10,0,-100,200)"}
    get = evaluate(cells)
    assert get("A1") == pytest.approx(1050.0)
    assert get("A2") == pytest.approx(1050.0)
    assert get("A3") == pytest.approx(-100.0)
    assert get("A4") == pytest.approx(10.0)
    # annuity due: 1000 = p (1 + 1/1.05 + 1/1.05^2)
    assert get("A5") == pytest.approx(-1000 / (1 + 1 / 1.05 + 1 / 1.05 ** 2), rel=1e-12)
    assert get("A6") == 0.0          # no interest in the first period of an annuity due
    r = 0.05
    assert get("A7") == pytest.approx(-1000 * r / (1 - (1 + r) ** -3), rel=1e-12)
    assert get("A8") == pytest.approx(2 ** 0.1 - 1, rel=1e-9)


ERRORS = [
    ("=IPMT(0.1,0,3,8000)", NUM),       # per outside 1..nper
    ("=IPMT(0.1,4,3,8000)", NUM),
    ("=PMT(0.1,0,1000)", DIV0),
    ("=PV(\"x\",10,100)", VALUE),
    ("=RATE(10,100,1000)", NUM),        # all flows positive: no rate
    ("=EFFECT(0,4)", NUM),
    ("=EFFECT(0.05,0.5)", NUM),
    ("=NOMINAL(-0.1,4)", NUM),
    ("=SLN(100,10,0)", DIV0),
    ("=SYD(100,10,5,6)", NUM),
    ("=DB(100,10,5,0)", NUM),
    ("=DB(100,10,5,2,13)", NUM),
    ("=DDB(100,10,5,6)", NUM),
    ("=VDB(2400,300,10,5,2)", NUM),
    ("=PDURATION(0,100,200)", NUM),
    ("=RRI(0,100,200)", NUM),
    ("=DOLLARDE(1.02,0)", DIV0),
    ("=DOLLARDE(1.02,-1)", NUM),
    ("=DOLLARFR(1.02,0)", DIV0),
    ("=CUMIPMT(0.09/12,360,125000,0,1,0)", NUM),
    ("=CUMIPMT(0.09/12,360,125000,1,1,2)", NUM),
    ("=CUMPRINC(0.09/12,360,125000,5,4,0)", NUM),
    ("=ISPMT(0.1,1,0,4000)", DIV0),
    ("=FVSCHEDULE(1,{0.1,\"a\"})", VALUE),
    ("=MIRR({1,2,3},0.1,0.1)", DIV0),
]


def _assert_errors(evaluate, cases):
    """Each ``(formula, error)`` of ``cases`` gives that very error value."""
    get = evaluate({f"A{i + 1}": f for i, (f, _) in enumerate(cases)})
    for i, (f, want) in enumerate(cases):
        assert get(f"A{i + 1}") is want, (f, get(f"A{i + 1}"))


def test_errors(evaluate):
    _assert_errors(evaluate, ERRORS)


def test_gradients_match_finite_differences(make_book):
    """The solver's gradient of PV/PMT/FV/NPV/IRR cells against central differences."""
    from sheetsolver.book import Book
    cells = {"A1": 0.05, "A2": 12, "A3": 1000, "A4": -300, "A5": 400, "A6": 500,
             "B1": "=PV(A1,A2,-A3)", "B2": "=PMT(A1,A2,A3)", "B3": "=FV(A1,A2,-A3)",
             "B4": "=NPV(A1,A4:A6)", "B5": "=IRR(A4:A6)",
             "C1": "=B1+B2+B3+B4+B5*1000"}
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    eng = book.engine
    area = eng.area("S!A1:A6")
    g = [float(x) for x in eng.gradient(("S", 1, 3), [area])]

    def f(vals):
        r, n, p, a4, a5, a6 = vals
        pv_ = p * (1 - (1 + r) ** -n) / r
        pmt_ = -p * r / (1 - (1 + r) ** -n)
        fv_ = p * ((1 + r) ** n - 1) / r
        npv_ = a4 / (1 + r) + a5 / (1 + r) ** 2 + a6 / (1 + r) ** 3
        from scipy.optimize import brentq
        irr_ = brentq(lambda x: a4 + a5 / (1 + x) + a6 / (1 + x) ** 2, -0.99, 10)
        return pv_ + pmt_ + fv_ + npv_ + irr_ * 1000

    x0 = [0.05, 12, 1000, -300, 400, 500]
    for k in range(6):
        h = 1e-6 * max(1, abs(x0[k]))
        a, b = list(x0), list(x0)
        a[k] += h
        b[k] -= h
        fd = (f(a) - f(b)) / (2 * h)
        assert g[k] == pytest.approx(fd, rel=1e-5, abs=1e-6), k
    assert math.isfinite(book.value("S", "C1"))


# Bond and security functions: the examples of their help pages (results as printed).
BONDS = [
    # coupdaybs / coupdays / coupdaysnc / coupncd / couppcd: 25-Jan-2011 .. 15-Nov-2011
    ("=COUPDAYBS(DATE(2011,1,25),DATE(2011,11,15),2,1)", 71),
    ("=COUPDAYS(DATE(2011,1,25),DATE(2011,11,15),2,1)", 181),
    ("=COUPDAYSNC(DATE(2011,1,25),DATE(2011,11,15),2,1)", 110),
    ("=COUPNCD(DATE(2011,1,25),DATE(2011,11,15),2,1)", 40678),    # 15-May-2011
    ("=COUPPCD(DATE(2011,1,25),DATE(2011,11,15),2,1)", 40497),    # 15-Nov-2010
    # coupnum: 25-Jan-2007 .. 15-Nov-2008, semiannual
    ("=COUPNUM(DATE(2007,1,25),DATE(2008,11,15),2,1)", 4),
    # price / yield
    ("=PRICE(DATE(2008,2,15),DATE(2017,11,15),0.0575,0.065,100,2,0)", "94.63436"),
    ("=YIELD(DATE(2008,2,15),DATE(2016,11,15),0.0575,95.04287,100,2,0)", "0.065000"),
    # duration / mduration
    ("=DURATION(DATE(2018,7,1),DATE(2048,1,1),0.08,0.09,2,1)", "10.9191453"),
    ("=MDURATION(DATE(2008,1,1),DATE(2016,1,1),0.08,0.09,2,1)", "5.73567"),
    # accrint: issue 1-Mar-2008, first interest 31-Aug-2008, settlement 1-May-2008
    ("=ACCRINT(39508,39691,39569,0.1,1000,2,0)", "16.666667"),
    ("=ACCRINT(DATE(2008,3,5),39691,39569,0.1,1000,2,0,FALSE)", "15.555556"),
    ("=ACCRINT(DATE(2008,4,5),39691,39569,0.1,1000,2,0,TRUE)", "7.2222222"),
    # accrintm: 1-Apr-2008 .. 15-Jun-2008 at 10% on 1000, actual/365
    ("=ACCRINTM(39539,39614,0.1,1000,3)", "20.54794521"),
    # intrate / received / pricedisc / yielddisc (actual/360)
    ("=INTRATE(DATE(2008,2,15),DATE(2008,5,15),1000000,1014420,2)", "0.05768"),
    ("=RECEIVED(DATE(2008,2,15),DATE(2008,5,15),1000000,0.0575,2)", "1014584.65"),
    ("=PRICEDISC(DATE(2008,2,16),DATE(2008,3,1),0.0525,100,2)", "99.79583"),
    ("=YIELDDISC(DATE(2008,2,16),DATE(2008,3,1),99.795,100,2)", "0.052823"),
    # pricemat / yieldmat (30/360)
    ("=PRICEMAT(DATE(2008,2,15),DATE(2008,4,13),DATE(2007,11,11),0.061,0.061,0)",
     "99.98449888"),
    ("=YIELDMAT(DATE(2008,3,15),DATE(2008,11,3),DATE(2007,11,8),0.0625,100.0123,0)",
     "0.060954"),
    # tbillprice / tbillyield / tbilleq: 31-Mar-2008 .. 1-Jun-2008
    ("=TBILLPRICE(DATE(2008,3,31),DATE(2008,6,1),0.09)", 98.45),
    ("=TBILLYIELD(DATE(2008,3,31),DATE(2008,6,1),98.45)", "0.091417"),
    ("=TBILLEQ(DATE(2008,3,31),DATE(2008,6,1),0.0914)", "0.094151"),
]

BOND_ERRORS = [
    ("=COUPDAYS(DATE(2011,11,15),DATE(2011,1,25),2,1)", NUM),   # settlement >= maturity
    ("=COUPDAYS(DATE(2011,1,25),DATE(2011,11,15),3,1)", NUM),   # frequency 3
    ("=COUPDAYS(DATE(2011,1,25),DATE(2011,11,15),2,5)", NUM),   # basis 5
    ("=PRICE(DATE(2008,2,15),DATE(2017,11,15),-0.01,0.065,100,2)", NUM),
    ("=TBILLPRICE(DATE(2008,3,31),DATE(2009,6,1),0.09)", NUM),  # more than a year
    ("=DISC(DATE(2008,3,31),DATE(2008,6,1),0,100)", NUM),
    ("=ACCRINTM(39614,39539,0.1,1000,3)", NUM),
]


def test_bond_functions(evaluate):
    """Their errors (the values of BONDS are among the documented examples)."""
    _assert_errors(evaluate, BOND_ERRORS)


def test_bond_closed_forms_by_hand(evaluate):
    """DISC and the 182-day-plus TBILLEQ from their definitions, computed here."""
    get = evaluate({"A1": "=DISC(DATE(2008,1,1),DATE(2008,7,1),97,100,2)",
                    "A2": "=TBILLEQ(DATE(2008,1,1),DATE(2008,10,1),0.05)",
                    "A3": "=PRICE(DATE(2008,2,15),DATE(2008,5,15),0.06,0.05,100,2,0)"})
    assert get("A1") == pytest.approx((100 - 97) / 100 / (182 / 360), rel=1e-12)
    dsm = 274
    p = 100 * (1 - 0.05 * dsm / 360)
    # bond-equivalent yield r solves p (1 + r/2) (1 + r (dsm/365 - 1/2)) = 100
    from scipy.optimize import brentq
    r = brentq(lambda r: p * (1 + r / 2) * (1 + r * (dsm / 365 - 0.5)) - 100, 0, 1)
    assert get("A2") == pytest.approx(r, rel=1e-10)
    # one coupon left (15-May): (100 + 3) / (1 + DSC/E * y/2) - A/E * 3, 30/360 days
    assert get("A3") == pytest.approx(103 / (1 + 90 / 180 * 0.025) - 90 / 180 * 3, rel=1e-12)


ODD_AND_FRENCH = [
    # oddfprice-function / oddfyield-function
    ("=ODDFPRICE(DATE(2008,11,11),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0785,"
     "0.0625,100,2,1)", "113.597717"),
    ("=ODDFYIELD(DATE(2008,11,11),DATE(2021,3,1),DATE(2008,10,15),DATE(2009,3,1),0.0575,"
     "84.5,100,2,0)", "0.0772"),
    # oddlprice-function / oddlyield-function
    ("=ODDLPRICE(DATE(2008,2,7),DATE(2008,6,15),DATE(2007,10,15),0.0375,0.0405,100,2,0)",
     "99.87829"),
    ("=ODDLYIELD(DATE(2008,4,20),DATE(2008,6,15),DATE(2007,12,24),0.0375,99.875,100,2,0)",
     "0.045192"),
    # amorlinc-function: the page passes the rate cell as basis too (0.15 -> basis 0)
    ("=AMORLINC(2400,39679,39813,300,1,0.15,0.15)", 360.0),
    # amordegrc-function
    ("=AMORDEGRC(2400,39679,39813,300,1,0.15,1)", 776),
]


EXAMPLES = [(f, Shown(want) if isinstance(want, str) else want)
            for f, want in DOC + BONDS + ODD_AND_FRENCH]
results, test_documented_examples = documented_examples(EXAMPLES, "fin")


def test_odd_period_and_french_depreciation(evaluate):
    get = evaluate({
        # a regular first period priced by ODDFPRICE is PRICE's bond (by definition)
        "B1": ("=ODDFPRICE(DATE(2008,2,15),DATE(2017,11,15),DATE(2007,11,15),"
               "DATE(2008,5,15),0.0575,0.065,100,2,0)"),
        "B2": "=AMORLINC(2400,39679,39813,300,0,0.15,0)",     # pro-rata first period
        "B3": "=ODDLPRICE(DATE(2008,6,15),DATE(2008,2,7),DATE(2007,10,15),0.0375,0.04,100,2)",
        "B4": "=AMORDEGRC(2400,39679,39813,300,1,0.45,1)",    # life 2.2 years
    })
    assert get("B1") == pytest.approx(94.63436, abs=5e-6)   # price-function's example
    # 19-Aug to 31-Dec-2008 is 132 days in 30/360: 132/360 * 0.15 * 2400
    assert get("B2") == pytest.approx(132 / 360 * 0.15 * 2400, rel=1e-12)
    assert get("B3") is NUM
    assert get("B4") is NUM


def test_more_gradients_match_finite_differences(make_book):
    """RATE (implicit), NPER, IPMT, EFFECT against central differences of independent
    closed forms (scipy's brentq for the rate)."""
    from scipy.optimize import brentq

    from sheetsolver.book import Book
    cells = {"A1": 48, "A2": -200, "A3": 8000, "A4": 0.01, "A5": 0.0525,
             "B1": "=RATE(A1,A2,A3)", "B2": "=NPER(A4,A2,A3)", "B3": "=IPMT(A4,3,A1,A3)",
             "B4": "=EFFECT(A5,4)"}
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    area = book.engine.area("S!A1:A5")

    def rate_(n, p, v, r_, e):
        return brentq(lambda r: v * (1 + r) ** n + p * ((1 + r) ** n - 1) / r, 1e-9, 1)

    def nper_(n, p, v, r, e):
        return math.log(p / (p + v * r)) / math.log(1 + r)

    def ipmt_(n, p, v, r, e):
        pay = -v * r / (1 - (1 + r) ** -n)
        balance = v * (1 + r) ** 2 + pay * ((1 + r) ** 2 - 1) / r   # after 2 payments
        return -balance * r

    def effect_(n, p, v, r, e):
        return (1 + e / 4) ** 4 - 1

    x0 = [48, -200, 8000, 0.01, 0.0525]
    for row, f in ((1, rate_), (2, nper_), (3, ipmt_), (4, effect_)):
        assert book.value("S", f"B{row}") == pytest.approx(f(*x0), rel=1e-9), row
        g = [float(x) for x in book.engine.gradient(("S", row, 2), [area])]
        for k in range(5):
            h = 1e-6 * max(1, abs(x0[k]))
            a, b = list(x0), list(x0)
            a[k] += h
            b[k] -= h
            fd = (f(*a) - f(*b)) / (2 * h)
            assert g[k] == pytest.approx(fd, rel=1e-5, abs=1e-7), (row, k, g[k], fd)


def test_bond_gradients_by_hand(make_book):
    """PRICE with one coupon left and TBILLPRICE differentiated by hand: the solver's
    gradient in the rate / yield / discount arguments (dates have none)."""
    from sheetsolver.book import Book
    cells = {"A1": 0.06, "A2": 0.05, "A3": 0.09,
             "B1": "=PRICE(DATE(2008,2,15),DATE(2008,5,15),A1,A2,100,2,0)",
             "B2": "=TBILLPRICE(DATE(2008,3,31),DATE(2008,6,1),A3)"}
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    area = book.engine.area("S!A1:A3")
    # P = (100 + 50 r) / (1 + y/4) - 25 r   (DSC/E = A/E = 1/2, semiannual)
    r, y = 0.06, 0.05
    g = [float(x) for x in book.engine.gradient(("S", 1, 2), [area])]
    assert g == pytest.approx([50 / (1 + y / 4) - 25, -(100 + 50 * r) / 4 / (1 + y / 4) ** 2,
                               0.0], rel=1e-6)
    g = [float(x) for x in book.engine.gradient(("S", 2, 2), [area])]
    assert g == pytest.approx([0.0, 0.0, -100 * 62 / 360], rel=1e-6)


def test_dated_flow_and_schedule_gradients(make_book):
    """XNPV, XIRR and FVSCHEDULE gradients against central differences of the
    definitions written out here (scipy's brentq for XIRR)."""
    from scipy.optimize import brentq

    from sheetsolver.book import Book
    flows = [-10000, 2750, 4250, 3250, 2750]
    days = [39448, 39508, 39751, 39859, 39904]
    cells = {f"A{k + 1}": v for k, v in enumerate(flows)}
    cells.update({f"B{k + 1}": d for k, d in enumerate(days)})
    cells.update({"C1": 0.09, "C2": 0.1, "C3": 0.2, "C4": 1000,
                  "D1": "=XNPV(C1,A1:A5,B1:B5)", "D2": "=XIRR(A1:A5,B1:B5)",
                  "D3": "=FVSCHEDULE(C4,C2:C3)"})
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    eng = book.engine
    ts = [(d - days[0]) / 365 for d in days]

    def xnpv(r, vs):
        return sum(v / (1 + r) ** t for v, t in zip(vs, ts))

    def fd(f, x0, k):
        h = 1e-6 * max(1, abs(x0[k]))
        a, b = list(x0), list(x0)
        a[k] += h
        b[k] -= h
        return (f(a) - f(b)) / (2 * h)

    x0 = [0.09] + flows
    g = [float(x) for x in eng.gradient(("S", 1, 4), [eng.area("S!C1"), eng.area("S!A1:A5")])]
    for k in range(6):
        assert g[k] == pytest.approx(fd(lambda x: xnpv(x[0], x[1:]), x0, k), rel=1e-6)
    g = [float(x) for x in eng.gradient(("S", 2, 4), [eng.area("S!A1:A5")])]
    for k in range(5):
        want = fd(lambda x: brentq(lambda r: xnpv(r, x), -0.5, 5, xtol=1e-14), flows, k)
        assert g[k] == pytest.approx(want, rel=1e-5)
    g = [float(x) for x in eng.gradient(("S", 3, 4), [eng.area("S!C2:C4")])]
    assert g == pytest.approx([1000 * 1.2, 1000 * 1.1, 1.1 * 1.2], rel=1e-12)


def test_rate_where_newton_from_the_default_guess_diverges(evaluate):
    """A 30-year mortgage (200000 at 1200/month): Newton from 0.1 jumps below -1, Excel
    still returns the rate. Grounded by the annuity identity evaluated here by hand:
    200000 = 1200 * (1 - (1+r)^-360) / r, and by the sign change bracketing the root."""
    r = evaluate("=RATE(360,-1200,200000)")
    assert isinstance(r, float)
    assert 1200 * (1 - (1 + r) ** -360) / r == pytest.approx(200000, rel=1e-12)
    assert r == pytest.approx(0.0050058, abs=5e-8)          # LibreOffice / Excel print
    # the help-page example still gives the root Newton finds, and a guess picks the root
    assert evaluate("=RATE(4*12,-200,8000,,,0.5)") == pytest.approx(0.00770147, abs=5e-9)
    # no root at all (all flows positive) stays #NUM!, also for a far guess
    assert evaluate("=RATE(10,100,1000,,,5)") is NUM
    assert evaluate("=RATE(360,1200,200000)") is NUM
