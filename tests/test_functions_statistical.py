"""Excel's Statistical functions of statistical.py, stat_pairs.py and stat_regression.py
against the examples of Excel's help pages (each function's page is
statistical_base.help_url(name), e.g. https://support.microsoft.com/en-us/office/
linest-function-84d7d0d9-6e50-4101-977a-fa7abf772b6d) and against numpy/scipy run
directly on the same data.

Everything is computed in one workbook (one recalculation): the help pages' example
tables are laid out in columns A-Y, each formula gets its own cell, array formulas
(LINEST, FREQUENCY, TREND, ...) their own ranges. Text expected values are Excel's
documented results, compared to the precision shown; floats at rel 1e-9.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from _function_cases import check_documented, formula_book

# --- the help pages' example data, as cells ---------------------------------------
AVG_A = [10, 7, 9, 2, "Not available"]                     # AVERAGEA page, A1:A5
MAX_A = [0, 0.2, 0.5, 0.4, True]                            # MAXA page, B1:B5
MIN_A = [False, 0.2, 0.5, 0.4, 0.8]                         # MINA page, C1:C5
STRENGTH = [1345, 1301, 1368, 1322, 1310, 1370, 1318, 1350, 1303, 1299]   # STDEVA, D1:D10
GRADES, WEIGHTS = [89, 93, 96, 85, 91, 88], [1, 2, 2, 3, 1, 1]         # MAXIFS, E1:F6
RANKS = [7, 3.5, 3.5, 1, 2]                                  # RANK.EQ page, G1:G5
SCORES, BINS = [79, 85, 78, 85, 50, 81, 95, 88, 97], [70, 79, 89]      # FREQUENCY, H, I
BUILDINGS = [  # LINEST page, example 3: floor space, offices, entrances, age, value (J-N)
    (2310, 2, 2, 20, 142000), (2333, 2, 2, 12, 144000), (2356, 3, 1.5, 33, 151000),
    (2379, 3, 2, 43, 150000), (2402, 2, 3, 53, 139000), (2425, 4, 2, 23, 169000),
    (2448, 2, 1.5, 99, 126000), (2471, 2, 2, 34, 142900), (2494, 3, 3, 23, 163000),
    (2517, 4, 4, 55, 169000), (2540, 2, 3, 22, 149000)]
COSTS = [133890, 135000, 135790, 137300, 138130, 139100, 139900, 141120, 141890, 143230,
         144000, 145290]                                     # TREND page: months O, costs P
UNITS = [33100, 47300, 69000, 102000, 150000, 220000]        # GROWTH page: months R, units S
ACTUAL = [(58, 35), (11, 25), (10, 23)]                      # CHISQ.TEST page, U1:V3
EXPECTED = [(45.35, 47.65), (17.56, 18.44), (16.09, 16.91)]  # W1:X3
MIXED = [1, "x", True, None, 4]                              # Y1:Y5 (Y4 blank)


def _data() -> dict:
    cells = {}

    def column(col, values, start=1):
        for i, v in enumerate(values):
            if v is not None:
                cells[f"{col}{start + i}"] = v
    column("A", AVG_A)
    column("B", MAX_A)
    column("C", MIN_A)
    column("D", STRENGTH)
    column("E", GRADES)
    column("F", WEIGHTS)
    column("G", RANKS)
    column("H", SCORES)
    column("I", BINS)
    for j, col in enumerate("JKLMN"):
        column(col, [row[j] for row in BUILDINGS])
    column("O", list(range(1, 13)))
    column("P", COSTS)
    column("Q", [13, 14, 15, 16, 17])
    column("R", list(range(11, 17)))
    column("S", UNITS)
    column("T", [17, 18])
    column("U", [a for a, _ in ACTUAL])
    column("V", [b for _, b in ACTUAL])
    column("W", [a for a, _ in EXPECTED])
    column("X", [b for _, b in EXPECTED])
    column("Y", MIXED)
    cells["Y6"] = "=1/0"
    return cells


def _t_data():
    return [3, 4, 5, 8, 9, 1, 2, 4, 5], [6, 19, 3, 2, 14, 4, 5, 17, 1]   # T.TEST page


T1, T2 = _t_data()
T1S, T2S = ",".join(map(str, T1)), ",".join(map(str, T2))
A_NUMS = [1.0, 0.0, 1.0, 4.0]          # MIXED as the A-variants read it: TRUE 1, text 0
BLD = np.array(BUILDINGS, float)
LOG_FIT = np.polyfit(np.arange(11, 17), np.log(UNITS), 1)   # ln(units) = ln(b) + ln(m) x
CHI = sum((a - e) ** 2 / e for ra, re in zip(ACTUAL, EXPECTED) for a, e in zip(ra, re))

DOC = [
    # descriptive: avedev/devsq/geomean/harmean/kurt/skew/skew-p/trimmean/mode pages
    ("=AVEDEV(4,5,6,7,5,4,3)", "1.020408"),
    ("=DEVSQ(4,5,8,7,11,4,3)", 48.0),
    ("=GEOMEAN(4,5,8,7,11,4,3)", "5.476987"),
    ("=HARMEAN(4,5,8,7,11,4,3)", "5.028376"),
    ("=KURT(3,4,5,2,3,4,5,6,4,7)", "-0.151799637"),
    ("=SKEW(3,4,5,2,3,4,5,6,4,7)", "0.359543"),
    ("=SKEW.P(3,4,5,2,3,4,5,6,4,7)", "0.303193"),
    ("=TRIMMEAN({4,5,6,7,2,3,4,5,1,2,3},0.2)", "3.777778"),
    ("=MODE.SNGL(5.6,4,4,3,2,4)", 4.0),
    ("=MODE(5.6,4,4,3,2,4)", 4.0),
    # A-variants and population spread: averagea/maxa/mina/stdeva/stdevpa/vara/varpa pages
    ("=AVERAGEA(A1:A5)", "5.6"),
    ("=AVERAGEA(A1:A4,A6)", 7.0),
    ("=MAXA(B1:B5)", 1.0),
    ("=MINA(C1:C5)", 0.0),
    ("=STDEVA(D1:D10)", "27.46391572"),
    ("=STDEVPA(D1:D10)", "26.05456"),
    ("=STDEVP(D1:D10)", "26.05456"),
    ("=VARA(D1:D10)", "754.2667"),
    ("=VARPA(D1:D10)", "678.84"),
    ("=VARP(D1:D10)", "678.84"),
    # percentiles, quartiles, percent ranks
    ("=PERCENTILE.INC({1,3,2,4},0.3)", "1.9"),
    ("=PERCENTILE({1,3,2,4},0.3)", "1.9"),
    ("=PERCENTILE.EXC({1,2,3,6,6,6,7,8,9},0.25)", "2.5"),
    ("=QUARTILE.INC({1,2,4,7,8,9,10,12},1)", "3.5"),
    ("=QUARTILE({1,2,4,7,8,9,10,12},1)", "3.5"),
    ("=QUARTILE.EXC({6,7,15,36,39,40,41,42,43,47,49},1)", 15.0),
    ("=QUARTILE.EXC({6,7,15,36,39,40,41,42,43,47,49},3)", 43.0),
    ("=PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1},2)", "0.333"),
    ("=PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1},4)", "0.555"),
    ("=PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1},8)", "0.666"),
    ("=PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1},5)", "0.583"),
    ("=PERCENTRANK({13,12,11,8,4,3,2,1,1,1},5)", "0.583"),
    ("=PERCENTRANK.EXC({1,2,3,6,6,6,7,8,9},7)", "0.7"),
    ("=PERCENTRANK.EXC({1,2,3,6,6,6,7,8,9},5.43)", "0.381"),
    ("=PERCENTRANK.EXC({1,2,3,6,6,6,7,8,9},5.43,1)", "0.3"),
    # ranks (rank-eq / rank-avg pages)
    ("=RANK.EQ(G1,G1:G5,1)", 5.0),
    ("=RANK.EQ(G5,G1:G5)", 4.0),
    ("=RANK.EQ(G2,G1:G5,1)", 3.0),
    ("=RANK(G1,G1:G5,1)", 5.0),
    ("=RANK.AVG(94,{89,88,92,101,94,97,95})", 4.0),
    ("=RANK.AVG(G2,G1:G5,1)", 3.5),
    # MAXIFS / MINIFS pages
    ("=MAXIFS(E1:E6,F1:F6,1)", 91.0),
    ("=MINIFS(E1:E6,F1:F6,1)", 88.0),
    ("=MAXIFS(E1:E6,F1:F6,\">1\",E1:E6,\"<95\")", 93.0),
    ("=MINIFS(E1:E6,F1:F6,9)", 0.0),
    # PROB page
    ("=PROB({0,1,2,3},{0.2,0.3,0.1,0.4},2)", "0.1"),
    ("=PROB({0,1,2,3},{0.2,0.3,0.1,0.4},1,3)", "0.8"),
    # paired data: correl/pearson/rsq/slope/intercept/steyx/forecast/covar pages
    ("=CORREL({3,2,4,5,6},{9,7,12,15,17})", "0.997054486"),
    ("=PEARSON({9,7,5,3,1},{10,6,1,5,3})", "0.699379"),
    ("=RSQ({2,3,9,1,8,7,5},{6,5,11,7,5,4,4})", "0.05795"),
    ("=SLOPE({2,3,9,1,8,7,5},{6,5,11,7,5,4,4})", "0.305556"),
    ("=STEYX({2,3,9,1,8,7,5},{6,5,11,7,5,4,4})", "3.305719"),
    ("=INTERCEPT({2,3,9,1,8},{6,5,11,7,5})", "0.0483871"),
    ("=FORECAST(30,{6,7,9,15,21},{20,28,31,38,40})", "10.607253"),
    ("=FORECAST.LINEAR(30,{6,7,9,15,21},{20,28,31,38,40})", "10.607253"),
    ("=COVAR({3,2,4,5,6},{9,7,12,15,17})", 5.2),
    ("=COVARIANCE.P({3,2,4,5,6},{9,7,12,15,17})", 5.2),
    ("=COVARIANCE.S({2,4,8},{5,11,12})", "9.666666667"),
    # tests: chisq-test/f-test/t-test/z-test pages
    ("=CHISQ.TEST(U1:V3,W1:X3)", "0.0003082"),
    ("=CHITEST(U1:V3,W1:X3)", "0.0003082"),
    ("=F.TEST({6,7,9,15,21},{20,28,31,38,40})", "0.64831785"),
    ("=FTEST({6,7,9,15,21},{20,28,31,38,40})", "0.64831785"),
    (f"=T.TEST({{{T1S}}},{{{T2S}}},2,1)", "0.196016"),
    (f"=TTEST({{{T1S}}},{{{T2S}}},2,1)", "0.196016"),
    ("=Z.TEST({3,6,7,8,6,5,4,2,1,9},4)", "0.090574"),
    ("=ZTEST({3,6,7,8,6,5,4,2,1,9},6)", "0.863043"),
    ("=2*MIN(Z.TEST({3,6,7,8,6,5,4,2,1,9},4),1-Z.TEST({3,6,7,8,6,5,4,2,1,9},4))", "0.181148"),
    # regression (linest / trend / growth / logest pages)
    ("=INDEX(LINEST({1,9,5,7},{0,4,2,3}),1,1)", "2"),
    ("=INDEX(LINEST({1,9,5,7},{0,4,2,3}),1,2)", "1"),
    ("=INDEX(TREND(P1:P12,O1:O12),1)", "133953.33"),
    ("=INDEX(TREND(P1:P12,O1:O12,Q1:Q5),5)", "150244.24"),
    ("=INDEX(GROWTH(S1:S6,R1:R6),1)", "32618.20377"),
    ("=INDEX(GROWTH(S1:S6,R1:R6,T1:T2),2)", "468536.0544"),
    ("=INDEX(LOGEST(S1:S6,R1:R6),1)", "1.463275628"),
    ("=INDEX(LOGEST(S1:S6,R1:R6),2)", "495.3047702"),
]

INDEPENDENT = [   # numpy / scipy on the same data, run here
    ("=AVERAGEA(Y1:Y5)", np.mean(A_NUMS)),                       # TRUE 1, text 0, blank skipped
    ("=STDEVA(Y1:Y5)", np.std(A_NUMS, ddof=1)),
    ("=VARPA(Y1:Y5)", np.var(A_NUMS)),
    ("=MAXA(Y1:Y3)", 1.0),
    ("=AVEDEV(Y1:Y5)", 1.5),                                    # numbers only: 1 and 4
    ("=AVERAGEA(1,TRUE,\"3\")", 5 / 3),                         # typed in: coerced
    ("=MAXA(-1,FALSE)", 0.0),
    ("=GEOMEAN(2,8)", 4.0),
    ("=DEVSQ(\"2\",4)", 2.0),
    ("=TRIMMEAN({1,2,3,4,5,6,7,8,9,100},0.25)", np.mean([2, 3, 4, 5, 6, 7, 8, 9])),
    ("=PERCENTILE.INC({10,20,30,40,50},0.9)", np.percentile([10, 20, 30, 40, 50], 90)),
    ("=QUARTILE.INC({1,2,4,7,8,9,10,12},4.9)", 12.0),          # quart truncated
    ("=CORREL(A1:A5,D1:D5)", np.corrcoef(AVG_A[:4], STRENGTH[:4])[0, 1]),   # text pair dropped
    ("=SLOPE(D1:D10,O1:O10)", np.polyfit(range(1, 11), STRENGTH, 1)[0]),
    ("=INTERCEPT(D1:D10,O1:O10)", np.polyfit(range(1, 11), STRENGTH, 1)[1]),
    ("=RSQ(D1:D10,O1:O10)", stats.linregress(range(1, 11), STRENGTH).rvalue ** 2),
    ("=CHISQ.TEST(U1:V3,W1:X3)", stats.chi2.sf(CHI, 2)),
    (f"=T.TEST({{{T1S}}},{{{T2S}}},2,1)", stats.ttest_rel(T1, T2).pvalue),
    (f"=T.TEST({{{T1S}}},{{{T2S}}},2,2)", stats.ttest_ind(T1, T2).pvalue),
    (f"=T.TEST({{{T1S}}},{{{T2S}}},1,3)", stats.ttest_ind(T1, T2, equal_var=False).pvalue / 2),
    ("=Z.TEST({3,6,7,8,6,5,4,2,1,9},4,2)", stats.norm.sf((5.1 - 4) / (2 / np.sqrt(10)))),
    ("=INDEX(LOGEST(S1:S6,R1:R6),1)", np.exp(LOG_FIT[0])),
    ("=INDEX(GROWTH(S1:S6,R1:R6,T1:T2),1)", np.exp(LOG_FIT[1] + LOG_FIT[0] * 17)),
    ("=INDEX(LINEST(P1:P12,O1:O12,FALSE),1)",
     float(np.linalg.lstsq(np.arange(1.0, 13).reshape(-1, 1), COSTS, rcond=None)[0][0])),
    ("=INDEX(LINEST(P1:P12),1)", np.polyfit(range(1, 13), COSTS, 1)[0]),   # x's 1..n
    ("=INDEX(LINEST(D1:D10,O1:O10,TRUE,TRUE),3,1)",
     stats.linregress(range(1, 11), STRENGTH).rvalue ** 2),
]

ERRORS = [
    ("=GEOMEAN(1,-1)", "#NUM!"),
    ("=HARMEAN(0,1)", "#NUM!"),
    ("=AVEDEV(1,\"x\")", "#VALUE!"),            # typed-in text is not skipped
    ("=AVEDEV(Y1:Y6)", "#DIV/0!"),              # an error in the range propagates
    ("=AVERAGEA(Y1:Y6)", "#DIV/0!"),
    ("=KURT(1,2,3)", "#DIV/0!"),
    ("=SKEW(1,2)", "#DIV/0!"),
    ("=SKEW(1,1,1)", "#DIV/0!"),
    ("=STDEVA(1)", "#DIV/0!"),
    ("=VARP(A5)", "#DIV/0!"),                   # no numbers
    ("=TRIMMEAN({1,2},1.5)", "#NUM!"),
    ("=SKEW.P(1,2)", "#DIV/0!"),
    ("=SLOPE(A5,B5)", "#N/A"),                  # no numeric pairs: #N/A (SLOPE page)
    ("=CORREL(A5,B5)", "#DIV/0!"),              # ... but #DIV/0! for CORREL (its page)
    ("=MODE.SNGL(1,2,3)", "#N/A"),
    ("=MODE.MULT(1,2,3)", "#N/A"),
    ("=PERCENTILE.INC({1,2},1.5)", "#NUM!"),
    ("=PERCENTILE.EXC({1,2,3,6,6,6,7,8,9},0)", "#NUM!"),
    ("=PERCENTILE.EXC({1,2,3,6,6,6,7,8,9},0.01)", "#NUM!"),
    ("=PERCENTILE.EXC({1,2,3,6,6,6,7,8,9},2)", "#NUM!"),
    ("=QUARTILE.INC({1,2},5)", "#NUM!"),
    ("=QUARTILE.EXC({1,2,3},0)", "#NUM!"),
    ("=PERCENTRANK.INC({1,2,3},5)", "#N/A"),
    ("=PERCENTRANK.INC({1,2,3},2,0)", "#NUM!"),
    ("=RANK.EQ(9,G1:G5)", "#N/A"),
    ("=PROB({0,1},{0.5,0.4},1)", "#NUM!"),       # probabilities do not sum to 1
    ("=PROB({0,1,2},{0.5,0.5},1)", "#N/A"),
    ("=PROB({0,1,2},{1.5,-0.5,0},0)", 1.5),      # MS-OI29500 2.1.1023: only the sum counts
    ("=CORREL({1,2},{1,2,3})", "#N/A"),
    ("=CORREL({1,1},{1,2})", "#DIV/0!"),
    ("=COVARIANCE.S({1},{2})", "#DIV/0!"),
    ("=SLOPE({1,2},{3,3})", "#DIV/0!"),
    ("=STEYX({1,2},{3,4})", "#DIV/0!"),
    ("=FORECAST(\"a\",{1,2},{3,4})", "#VALUE!"),
    ("=T.TEST({1,2,3},{4,5,6},3,1)", "#NUM!"),
    ("=T.TEST({1,2,3},{4,5,6},2,4)", "#NUM!"),
    ("=T.TEST({1,2,3},{4,5},2,1)", "#N/A"),
    ("=F.TEST({1},{2,3})", "#DIV/0!"),
    ("=CHISQ.TEST(U1:V3,W1:W3)", "#N/A"),
    ("=Z.TEST(A5,1)", "#N/A"),
    ("=LINEST(A1:A5)", "#VALUE!"),
    ("=LOGEST({1,-2,3})", "#NUM!"),
    ("=MAXIFS(E1:E6,F1:F5,1)", "#VALUE!"),
]

CASES = DOC + INDEPENDENT + ERRORS

def _no_const_table():
    """LINEST(y, x, FALSE, TRUE) by hand: y = m x, sums of squares about 0."""
    x, y = np.arange(1.0, 13), np.array(COSTS, float)
    m = (x @ y) / (x @ x)
    resid = y - m * x
    ss_resid, ss_reg = resid @ resid, (m * x) @ (m * x)
    sey = np.sqrt(ss_resid / 11)
    return [[m, 0.0], [sey / np.sqrt(x @ x), "#N/A"], [ss_reg / (ss_reg + ss_resid), sey],
            [ss_reg / sey ** 2, 11.0], [ss_reg, ss_resid]]


ARRAYS = [  # (range, formula, expected rows)
    ("AA1:AE5", "=LINEST(N1:N11,J1:M11,TRUE,TRUE)", [   # LINEST page, example 3
        ["-234.2371645", "2553.21066", "12529.76817", "27.64138737", "52317.83051"],
        ["13.26801148", "530.6691519", "400.0668382", "5.429374042", "12237.3616"],
        ["0.996747993", "970.5784629", "#N/A", "#N/A", "#N/A"],
        ["459.7536742", 6.0, "#N/A", "#N/A", "#N/A"],
        ["1732393319", "5652135.316", "#N/A", "#N/A", "#N/A"]]),
    ("AA7:AA10", "=FREQUENCY(H1:H9,I1:I3)", [[1.0], [2.0], [4.0], [2.0]]),
    ("AB7:AB9", "=MODE.MULT({1,2,3,4,3,2,1,2,3,5,6,1})", [[1.0], [2.0], [3.0]]),
    ("AC7:AC11", "=TREND(P1:P12,O1:O12,Q1:Q5)",
     [["146171.52"], ["147189.70"], ["148207.88"], ["149226.06"], ["150244.24"]]),
    ("AD7:AD12", "=GROWTH(S1:S6,R1:R6)",
     [["32618.20377"], ["47729.42261"], ["69841.30086"], ["102197.0734"], ["149542.4867"],
      ["218821.8762"]]),
    ("AE7:AF7", "=LINEST({1,9,5,7},{0,4,2,3},FALSE)",   # through the origin
     [[float(np.linalg.lstsq(np.array([[0.], [4], [2], [3]]), [1, 9, 5, 7], rcond=None)[0][0]),
       0.0]]),
    ("AG7:AG9", "=FREQUENCY({1,2,3,4,5},{4,2})",       # bins unsorted: counts in their order
     [[2.0], [2.0], [1.0]]),
    ("AA15:AB19", "=LINEST(P1:P12,O1:O12,FALSE,TRUE)",  # no constant: uncentred sums
     _no_const_table()),
    ("AA21:AC21", "=LINEST({1,2,3,5},{1,2,3,4;2,1,0,1})",   # y a row: each row a variable
     [np.linalg.lstsq(np.array([[1, 2, 3, 4], [2, 1, 0, 1], [1, 1, 1, 1.]]).T, [1, 2, 3, 5],
                      rcond=None)[0][[1, 0, 2]].tolist()]),
    ("AD21:AD22", "=TREND(N1:N11,J1:K11,{2400,3;2500,2})",  # two variables, new rows
     (np.array([[2400, 3, 1], [2500, 2, 1.]]) @ np.linalg.lstsq(
         np.column_stack([BLD[:, :2], np.ones(11)]), BLD[:, 4], rcond=None)[0]
      ).reshape(-1, 1).tolist()),
    ("AA13:AC13", "=LINEST(N1:N11,J1:J11*{1,2})",      # a duplicate variable is dropped
     [[0.0, *np.linalg.lstsq(np.column_stack([BLD[:, 0], np.ones(11)]), BLD[:, 4],
                             rcond=None)[0].tolist()]]),
]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return formula_book(tmp_path_factory.mktemp("stat") / "stat.xlsx", CASES, column="BH",
                        cells=_data(), arrays=ARRAYS)


def check(got, expected):
    """A documented value to its printed digits, or 5e-10 relative when looser."""
    check_documented(got, expected, rel=5e-10)


@pytest.mark.parametrize("k", range(len(CASES)), ids=[c[0] for c in CASES])
def test_value(book, k):
    formula, expected = CASES[k]
    check(book.value("S", f"BH{k + 1}"), expected)


@pytest.mark.parametrize("rng,formula,expected", ARRAYS, ids=[a[1] for a in ARRAYS])
def test_array(book, rng, formula, expected):
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
    col, row = coordinate_from_string(rng.split(":")[0])
    c0 = column_index_from_string(col)
    from openpyxl.utils import get_column_letter
    for i, exp_row in enumerate(expected):
        for j, want in enumerate(exp_row):
            check(book.value("S", f"{get_column_letter(c0 + j)}{row + i}"), want)


def test_registered():
    """Every function of the task's list is registered with a help page."""
    from sheetsolver.engine.functions import FUNCTIONS
    from sheetsolver.engine.functions.lift import HELP
    names = """AVEDEV AVERAGEA BETA.DIST BETA.INV BETADIST BETAINV BINOM.DIST BINOM.DIST.RANGE
    BINOM.INV BINOMDIST CRITBINOM CHISQ.DIST CHISQ.DIST.RT CHISQ.INV CHISQ.INV.RT CHISQ.TEST
    CHIDIST CHIINV CHITEST CONFIDENCE CONFIDENCE.NORM CONFIDENCE.T CORREL COVAR COVARIANCE.P
    COVARIANCE.S DEVSQ EXPON.DIST EXPONDIST F.DIST F.DIST.RT F.INV F.INV.RT F.TEST FDIST FINV
    FTEST FISHER FISHERINV FORECAST FORECAST.LINEAR FREQUENCY GAMMA GAMMA.DIST GAMMA.INV
    GAMMADIST GAMMAINV GAMMALN GAMMALN.PRECISE GAUSS GEOMEAN GROWTH HARMEAN HYPGEOM.DIST
    HYPGEOMDIST INTERCEPT KURT LINEST LOGEST LOGNORM.DIST LOGNORM.INV LOGNORMDIST LOGINV MAXA
    MAXIFS MINA MINIFS MODE MODE.MULT MODE.SNGL NEGBINOM.DIST NEGBINOMDIST NORM.DIST NORM.INV
    NORM.S.DIST NORM.S.INV NORMDIST NORMINV NORMSDIST NORMSINV PEARSON PERCENTILE
    PERCENTILE.EXC PERCENTILE.INC PERCENTRANK PERCENTRANK.EXC PERCENTRANK.INC PERMUT
    PERMUTATIONA PHI POISSON POISSON.DIST PROB QUARTILE QUARTILE.EXC QUARTILE.INC RANK
    RANK.AVG RANK.EQ RSQ SKEW SKEW.P SLOPE STANDARDIZE STDEVA STDEVP STDEVPA STEYX T.DIST
    T.DIST.2T T.DIST.RT T.INV T.INV.2T T.TEST TDIST TINV TTEST TREND TRIMMEAN VARA VARP VARPA
    WEIBULL WEIBULL.DIST Z.TEST ZTEST""".split()
    missing = [n for n in names if n not in FUNCTIONS]
    assert not missing
    assert all(HELP[n].startswith("https://support.microsoft.com/") for n in names)


# --- gradients through functions of ranges (what the Solver differentiates) -----------
GX = np.array([1.0, 2.5, 4.0, 3.0])     # A1:A4
GY = np.array([2.0, 3.5, 7.0, 5.5])     # B1:B4
_DX, _DY = GX - GX.mean(), GY - GY.mean()
_SXX, _SYY, _SXY = _DX @ _DX, _DY @ _DY, _DX @ _DY
_R = _SXY / np.sqrt(_SXX * _SYY)

GRADS = [  # formula, expected d/dA1:A4, expected d/dB1:B4 (closed forms)
    ("=DEVSQ(A1:A4)", 2 * _DX, np.zeros(4)),
    ("=VARP(A1:A4)", 2 * _DX / 4, np.zeros(4)),
    ("=STDEVA(A1:A4)", _DX / (3 * GX.std(ddof=1)), np.zeros(4)),
    ("=AVERAGEA(A1:A4,B1)", np.full(4, 0.2), np.array([0.2, 0, 0, 0])),
    ("=GEOMEAN(A1:A4)", np.exp(np.log(GX).mean()) / (4 * GX), np.zeros(4)),
    ("=SLOPE(B1:B4,A1:A4)", (_DY - 2 * (_SXY / _SXX) * _DX) / _SXX, _DX / _SXX),
    ("=INTERCEPT(B1:B4,A1:A4)",
     -(_SXY / _SXX) / 4 - GX.mean() * (_DY - 2 * (_SXY / _SXX) * _DX) / _SXX,
     1 / 4 - GX.mean() * _DX / _SXX),
    ("=CORREL(A1:A4,B1:B4)", (_DY - _R * np.sqrt(_SYY / _SXX) * _DX) / np.sqrt(_SXX * _SYY),
     (_DX - _R * np.sqrt(_SXX / _SYY) * _DY) / np.sqrt(_SXX * _SYY)),
    ("=COVARIANCE.P(A1:A4,B1:B4)", _DY / 4, _DX / 4),
    ("=MAXA(A1:A4)", np.array([0, 0, 1.0, 0]), np.zeros(4)),
    ("=PROB(A1:A4,B1:B4/SUM(B1:B4),2,3.5)", np.zeros(4),
     (np.where((GX >= 2) & (GX <= 3.5), 1.0, 0.0) - ((GX >= 2) & (GX <= 3.5)) @ GY / GY.sum())
     / GY.sum()),
]


@pytest.mark.parametrize("formula,da,db", GRADS, ids=[g[0] for g in GRADS])
def test_gradient(make_book, formula, da, db):
    from sheetsolver.book import Book
    cells = {f"A{i + 1}": float(v) for i, v in enumerate(GX)}
    cells.update({f"B{i + 1}": float(v) for i, v in enumerate(GY)})
    cells["D1"] = formula
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    eng = book.engine
    g = eng.gradient(("S", 1, 4), [eng.area("S!A1:A4"), eng.area("S!B1:B4")])
    assert g[:4] == pytest.approx(da, rel=1e-6, abs=1e-8)
    assert g[4:] == pytest.approx(db, rel=1e-6, abs=1e-8)


def _steyx(y, x):
    m, b = np.polyfit(x, y, 1)
    r = y - (m * x + b)
    return np.sqrt(r @ r / (len(x) - 2))


GX5 = np.array([1.0, 2.5, 4.0, 3.0, 7.0])      # A1:A5
GY5 = np.array([2.0, 3.5, 7.0, 5.5, 6.0])      # B1:B5
FD_GRADS = [  # formula, the same statistic written with numpy/scipy (differentiated here)
    ("=RSQ(B1:B5,A1:A5)", lambda a, b: np.corrcoef(a, b)[0, 1] ** 2),
    ("=PEARSON(A1:A5,B1:B5)", lambda a, b: np.corrcoef(a, b)[0, 1]),
    ("=STEYX(B1:B5,A1:A5)", lambda a, b: _steyx(b, a)),
    ("=FORECAST(4.5,B1:B5,A1:A5)", lambda a, b: np.polyval(np.polyfit(a, b, 1), 4.5)),
    ("=COVARIANCE.S(A1:A5,B1:B5)", lambda a, b: np.cov(a, b)[0, 1]),
    ("=SKEW(A1:A5)+KURT(B1:B5)", lambda a, b: stats.skew(a, bias=False)
     + stats.kurtosis(b, bias=False)),
    ("=SKEW.P(A1:A5)", lambda a, b: stats.skew(a)),
    ("=PERCENTILE.INC(A1:A5,0.3)+QUARTILE.EXC(B1:B5,1)",
     lambda a, b: np.percentile(a, 30) + np.percentile(b, 25, method="weibull")),
    ("=PERCENTILE.EXC(A1:A5,0.7)", lambda a, b: np.percentile(a, 70, method="weibull")),
    ("=TRIMMEAN(B1:B5,0.4)", lambda a, b: stats.trim_mean(b, 0.2)),
    ("=AVEDEV(A1:A5)+HARMEAN(B1:B5)", lambda a, b: np.mean(np.abs(a - a.mean()))
     + stats.hmean(b)),
    ("=MINIFS(A1:A5,B1:B5,\">3\")", lambda a, b: a[b > 3].min()),
    # spread measures (portfolio models): numpy's std/var, sample and population
    ("=STDEV.S(A1:A5)+STDEV.P(B1:B5)", lambda a, b: np.std(a, ddof=1) + np.std(b)),
    ("=STDEV(A1:A5,B1:B5)", lambda a, b: np.std(np.r_[a, b], ddof=1)),
    ("=VAR.S(A1:A5)+VAR.P(B1:B5)", lambda a, b: np.var(a, ddof=1) + np.var(b)),
    ("=VAR(A1:A5,B2:B3,7)", lambda a, b: np.var(np.r_[a, b[1:3], 7.0], ddof=1)),
    ("=VAR.P(A1:A5,B1:B5)", lambda a, b: np.var(np.r_[a, b])),
]


def _fd(f, a, b):
    out = []
    for which in (0, 1):
        for j in range(5):
            lo, hi = [a.copy(), b.copy()], [a.copy(), b.copy()]
            lo[which][j] -= 1e-6
            hi[which][j] += 1e-6
            out.append((f(*hi) - f(*lo)) / 2e-6)
    return np.array(out)


@pytest.mark.parametrize("formula,ref", FD_GRADS, ids=[g[0] for g in FD_GRADS])
def test_gradient_against_numpy(make_book, formula, ref):
    from sheetsolver.book import Book
    cells = {f"A{i + 1}": float(v) for i, v in enumerate(GX5)}
    cells.update({f"B{i + 1}": float(v) for i, v in enumerate(GY5)})
    cells["D1"] = formula
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    assert book.value("S", "D1") == pytest.approx(ref(GX5, GY5), rel=1e-9)
    eng = book.engine
    g = eng.gradient(("S", 1, 4), [eng.area("S!A1:A5"), eng.area("S!B1:B5")])
    assert g == pytest.approx(_fd(ref, GX5, GY5), rel=1e-5, abs=1e-6)
