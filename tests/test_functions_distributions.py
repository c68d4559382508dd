"""Excel's distribution functions (distributions.py) against the examples of Excel's
own help pages (https://support.microsoft.com/en-us/office/<name>-function-...; each
function's page is in statistical_base._SLUGS) and against scipy run directly.

All formulas are computed in one workbook (one recalculation); each case is its own
test. An expected value given as text ("0.9087888") is Excel's documented, rounded
result and is compared to the precision shown; a float is compared at rel 1e-9; "#..."
is Excel's error.
"""
from __future__ import annotations

import math

import pytest
from scipy import special, stats

from sheetsolver.engine.functions.statistical_base import help_url

from _function_cases import check_documented, formula_book

DOC = [
    # NORM.DIST / NORMDIST: norm-dist-function-edb1cc14...
    ("=NORM.DIST(42,40,1.5,TRUE)", "0.9087888"),
    ("=NORM.DIST(42,40,1.5,FALSE)", "0.10934"),
    ("=NORMDIST(42,40,1.5,TRUE)", "0.9087888"),
    ("=_xlfn.NORM.DIST(42,40,1.5,TRUE)", "0.9087888"),
    # NORM.INV / NORMINV
    ("=NORM.INV(0.908789,40,1.5)", "42.000002"),
    ("=NORMINV(0.908789,40,1.5)", "42.000002"),
    # NORM.S.DIST, NORMSDIST, NORM.S.INV, NORMSINV
    ("=NORM.S.DIST(1.333333,TRUE)", "0.908788726"),
    ("=NORM.S.DIST(1.333333,FALSE)", "0.164010148"),
    ("=NORMSDIST(1.333333)", "0.908789"),
    ("=NORM.S.INV(0.908789)", "1.3333347"),
    ("=NORMSINV(0.908789)", "1.3333347"),
    # STANDARDIZE, PHI, GAUSS
    ("=STANDARDIZE(42,40,1.5)", "1.333333"),
    ("=PHI(0.75)", "0.301137432"),
    ("=GAUSS(2)", "0.47725"),
    # LOGNORM.DIST / LOGNORMDIST / LOGNORM.INV / LOGINV
    ("=LOGNORM.DIST(4,3.5,1.2,TRUE)", "0.0390836"),
    ("=LOGNORM.DIST(4,3.5,1.2,FALSE)", "0.0176176"),
    ("=LOGNORMDIST(4,3.5,1.2)", "0.0390836"),
    ("=LOGNORM.INV(0.039084,3.5,1.2)", "4.0000252"),
    ("=LOGINV(0.039084,3.5,1.2)", "4.0000252"),
    # EXPON.DIST / EXPONDIST
    ("=EXPON.DIST(0.2,10,TRUE)", "0.86466472"),
    ("=EXPON.DIST(0.2,10,FALSE)", "1.35335283"),
    ("=EXPONDIST(0.2,10,TRUE)", "0.86466472"),
    # WEIBULL.DIST / WEIBULL
    ("=WEIBULL.DIST(105,20,100,TRUE)", "0.929581"),
    ("=WEIBULL.DIST(105,20,100,FALSE)", "0.035589"),
    ("=WEIBULL(105,20,100,TRUE)", "0.929581"),
    # GAMMA.DIST / GAMMADIST / GAMMA.INV / GAMMAINV / GAMMA / GAMMALN
    ("=GAMMA.DIST(10.00001131,9,2,FALSE)", "0.032639"),
    ("=GAMMA.DIST(10.00001131,9,2,TRUE)", "0.068094"),
    ("=GAMMADIST(10.00001131,9,2,TRUE)", "0.068094"),
    ("=GAMMA.INV(0.068094,9,2)", "10.0000112"),
    ("=GAMMAINV(0.068094,9,2)", "10.0000112"),
    ("=GAMMA(2.5)", "1.329"),
    ("=GAMMA(-3.75)", "0.268"),
    ("=GAMMALN(4)", "1.7917595"),
    ("=GAMMALN.PRECISE(4)", "1.7917595"),
    # BETA.DIST / BETADIST / BETA.INV / BETAINV
    ("=BETA.DIST(2,8,10,TRUE,1,3)", "0.6854706"),
    ("=BETA.DIST(2,8,10,FALSE,1,3)", "1.4837646"),
    ("=BETADIST(2,8,10,1,3)", "0.6854706"),
    ("=BETA.INV(0.685470581,8,10,1,3)", "2"),
    ("=BETAINV(0.685470581,8,10,1,3)", "2"),
    # T.DIST family, T.INV family
    ("=T.DIST(60,1,TRUE)", "0.99469533"),
    ("=T.DIST(8,3,FALSE)", "0.00073691"),
    ("=T.DIST.2T(1.959999998,60)", "0.054645"),
    ("=T.DIST.RT(1.959999998,60)", "0.027322"),
    ("=TDIST(1.959999998,60,2)", "0.054644930"),
    ("=TDIST(1.959999998,60,1)", "0.027322465"),
    ("=T.INV(0.75,2)", "0.8164966"),
    ("=T.INV.2T(0.546449,60)", "0.606533"),
    ("=TINV(0.546449,60)", "0.606533"),
    # CHISQ family
    ("=CHISQ.DIST(0.5,1,TRUE)", "0.52049988"),
    ("=CHISQ.DIST(2,3,FALSE)", "0.20755375"),
    ("=CHISQ.DIST.RT(18.307,10)", "0.0500006"),
    ("=CHIDIST(18.307,10)", "0.0500006"),
    ("=CHISQ.INV(0.93,1)", "3.283020287"),
    ("=CHISQ.INV(0.6,2)", "1.832581464"),
    ("=CHISQ.INV.RT(0.050001,10)", "18.306973"),
    ("=CHIINV(0.050001,10)", "18.306973"),
    # F family
    ("=F.DIST(15.2069,6,4,TRUE)", "0.99"),
    ("=F.DIST(15.2069,6,4,FALSE)", "0.0012238"),
    ("=F.DIST.RT(15.2068649,6,4)", "0.01"),
    ("=FDIST(15.2068649,6,4)", "0.01"),
    ("=F.INV(0.01,6,4)", "0.10930991"),
    ("=F.INV.RT(0.01,6,4)", "15.20686"),
    ("=FINV(0.01,6,4)", "15.20686"),
    # discrete
    ("=BINOM.DIST(6,10,0.5,FALSE)", "0.2050781"),
    ("=BINOMDIST(6,10,0.5,FALSE)", "0.2050781"),
    ("=BINOM.DIST.RANGE(60,0.75,48)", "0.084"),
    ("=BINOM.DIST.RANGE(60,0.75,45,50)", "0.524"),
    ("=BINOM.INV(6,0.5,0.75)", 4.0),
    ("=CRITBINOM(6,0.5,0.75)", 4.0),
    ("=NEGBINOM.DIST(10,5,0.25,TRUE)", "0.3135141"),
    ("=NEGBINOM.DIST(10,5,0.25,FALSE)", "0.0550487"),
    ("=NEGBINOMDIST(10,5,0.25)", "0.0550487"),
    ("=POISSON.DIST(2,5,TRUE)", "0.124652"),
    ("=POISSON.DIST(2,5,FALSE)", "0.084224"),
    ("=POISSON(2,5,FALSE)", "0.084224"),
    ("=HYPGEOM.DIST(1,4,8,20,TRUE)", "0.4654"),
    ("=HYPGEOM.DIST(1,4,8,20,FALSE)", "0.3633"),
    ("=HYPGEOMDIST(1,4,8,20)", "0.3633"),
    # FISHER, PERMUT, PERMUTATIONA, CONFIDENCE
    ("=FISHER(0.75)", "0.9729551"),
    ("=FISHERINV(0.972955)", "0.75"),
    ("=PERMUT(100,3)", 970200.0),
    ("=PERMUT(3,2)", 6.0),
    ("=PERMUTATIONA(3,2)", 9.0),
    ("=PERMUTATIONA(2,2)", 4.0),
    ("=CONFIDENCE.NORM(0.05,2.5,50)", "0.692952"),
    ("=CONFIDENCE(0.05,2.5,50)", "0.692952"),
    ("=CONFIDENCE.T(0.05,1,50)", "0.284196855"),
]

SCIPY = [   # values of scipy / scipy.special / math run here directly (independent of Excel)
    ("=NORM.DIST(-1.7,0.3,0.8,FALSE)", stats.norm.pdf(-1.7, 0.3, 0.8)),
    ("=NORM.S.INV(0.025)", stats.norm.ppf(0.025)),
    ("=T.DIST(-1.5,4,TRUE)", stats.t.cdf(-1.5, 4)),
    ("=T.DIST(1.5,4.9,TRUE)", stats.t.cdf(1.5, 4)),           # deg_freedom truncated
    ("=CHISQ.DIST(3,2.7,TRUE)", stats.chi2.cdf(3, 2)),
    ("=F.DIST(2,3.9,7.2,TRUE)", stats.f.cdf(2, 3, 7)),
    ("=BINOM.DIST(3.9,10.2,0.3,TRUE)", stats.binom.cdf(3, 10, 0.3)),  # truncation
    ("=POISSON.DIST(4.99,2.5,TRUE)", stats.poisson.cdf(4, 2.5)),
    ("=GAMMA.DIST(3,2,1.5,FALSE)", stats.gamma.pdf(3, 2, scale=1.5)),
    ("=BETA.DIST(0.3,2,5,FALSE)", stats.beta.pdf(0.3, 2, 5)),
    ("=WEIBULL.DIST(1.5,2,3,FALSE)", stats.weibull_min.pdf(1.5, 2, scale=3)),
    ("=BINOM.INV(100,0.3,0.5)", stats.binom.ppf(0.5, 100, 0.3)),
    ("=BINOM.INV(10,0.5,0)", 0.0),
    ("=HYPGEOM.DIST(2,10,20,50,TRUE)", stats.hypergeom.cdf(2, 50, 20, 10)),
    ("=NEGBINOM.DIST(3,2,0.4,TRUE)", stats.nbinom.cdf(3, 2, 0.4)),
    ("=GAMMA(0.5)", math.sqrt(math.pi)),
    ("=GAMMALN(0.5)", math.log(math.sqrt(math.pi))),
    ("=FISHERINV(FISHER(0.3))", 0.3),
    ("=CHISQ.INV.RT(0.3,4)", stats.chi2.isf(0.3, 4)),
    ("=F.INV.RT(0.2,5,9)", stats.f.isf(0.2, 5, 9)),
    ("=T.INV.2T(1,5)", 0.0),
    ("=GAMMA.INV(0,2,3)", 0.0),
    ("=CHISQ.INV(0,3)", 0.0),
    ("=CONFIDENCE.T(0.1,2,10)", stats.t.ppf(0.95, 9) * 2 / math.sqrt(10)),
    ("=NORM.DIST(\"1.5\",1,2,TRUE)", stats.norm.cdf(1.5, 1, 2)),   # numeric text typed in
    ("=NORM.DIST(1.5,1,2,1)", stats.norm.cdf(1.5, 1, 2)),          # cumulative as number
    ("=STANDARDIZE(TRUE,0,2)", 0.5),
    ("=PERMUT(5.9,2.2)", 20.0),
    ("=BINOM.DIST.RANGE(10,0.5,0,10)", 1.0),
    ("=SUMPRODUCT(NORM.S.DIST({-1,0,1},TRUE))", 1.5),              # lifted over an array
]

ERRORS = [
    ("=NORM.DIST(1,0,0,TRUE)", "#NUM!"),        # standard_dev <= 0
    ("=NORM.DIST(\"a\",0,1,TRUE)", "#VALUE!"),
    ("=NORM.DIST(1,0,1,\"x\")", "#VALUE!"),
    ("=NORM.INV(0,0,1)", "#NUM!"),
    ("=NORM.INV(1,0,1)", "#NUM!"),
    ("=NORM.INV(0.5,0,-1)", "#NUM!"),
    ("=NORM.S.INV(1.2)", "#NUM!"),
    ("=STANDARDIZE(1,0,0)", "#NUM!"),
    ("=LOGNORM.DIST(0,1,1,TRUE)", "#NUM!"),
    ("=LOGNORM.DIST(1,1,0,TRUE)", "#NUM!"),
    ("=LOGNORM.INV(1,0,1)", "#NUM!"),
    ("=EXPON.DIST(-1,1,TRUE)", "#NUM!"),
    ("=EXPON.DIST(1,0,TRUE)", "#NUM!"),
    ("=WEIBULL.DIST(-1,1,1,TRUE)", "#NUM!"),
    ("=WEIBULL.DIST(1,0,1,TRUE)", "#NUM!"),
    ("=GAMMA.DIST(-1,1,1,TRUE)", "#NUM!"),
    ("=GAMMA.DIST(1,0,1,TRUE)", "#NUM!"),
    ("=GAMMA.INV(1.1,1,1)", "#NUM!"),
    ("=GAMMA(0)", "#NUM!"),
    ("=GAMMA(-2)", "#NUM!"),
    ("=GAMMALN(0)", "#NUM!"),
    ("=BETA.DIST(0.5,0,1,TRUE)", "#NUM!"),
    ("=BETA.DIST(4,8,10,TRUE,1,3)", "#NUM!"),   # x > B
    ("=BETA.DIST(2,8,10,TRUE,1,1)", "#NUM!"),   # A = B
    ("=BETA.INV(0,8,10)", "#NUM!"),
    ("=T.DIST(1,0,TRUE)", "#NUM!"),            # deg_freedom < 1
    ("=T.DIST.2T(-1,5)", "#NUM!"),
    ("=TDIST(1,5,3)", "#NUM!"),                # tails not 1 or 2
    ("=TDIST(-1,5,1)", "#NUM!"),
    ("=T.INV(0,5)", "#NUM!"),
    ("=T.INV.2T(1.5,5)", "#NUM!"),
    ("=CHISQ.DIST(-1,2,TRUE)", "#NUM!"),
    ("=CHISQ.DIST(1,0,TRUE)", "#NUM!"),
    ("=CHISQ.DIST.RT(-1,2)", "#NUM!"),
    ("=CHISQ.INV(1.5,2)", "#NUM!"),
    ("=CHISQ.INV.RT(-0.1,2)", "#NUM!"),
    ("=F.DIST(-1,2,3,TRUE)", "#NUM!"),
    ("=F.DIST(1,0,3,TRUE)", "#NUM!"),
    ("=F.INV(2,2,3)", "#NUM!"),
    ("=F.INV.RT(0.5,2,0)", "#NUM!"),
    ("=BINOM.DIST(11,10,0.5,FALSE)", "#NUM!"),  # number_s > trials
    ("=BINOM.DIST(1,10,1.5,FALSE)", "#NUM!"),
    ("=BINOM.DIST.RANGE(10,0.5,6,5)", "#NUM!"),  # number_s2 < number_s
    ("=BINOM.INV(10,0.5,1.5)", "#NUM!"),
    ("=BINOM.INV(-1,0.5,0.5)", "#NUM!"),
    ("=NEGBINOM.DIST(1,0,0.5,FALSE)", "#NUM!"),  # number_s < 1
    ("=NEGBINOM.DIST(1,1,1.5,FALSE)", "#NUM!"),
    ("=POISSON.DIST(-1,5,TRUE)", "#NUM!"),
    ("=POISSON.DIST(1,-5,TRUE)", "#NUM!"),
    ("=HYPGEOM.DIST(5,4,8,20,TRUE)", "#NUM!"),   # sample_s > number_sample
    ("=HYPGEOM.DIST(1,4,8,0,TRUE)", "#NUM!"),
    ("=FISHER(1)", "#NUM!"),
    ("=FISHER(\"a\")", "#VALUE!"),
    ("=PERMUT(2,3)", "#NUM!"),
    ("=PERMUT(0,0)", "#NUM!"),
    ("=PERMUTATIONA(-1,2)", "#NUM!"),
    ("=CONFIDENCE.NORM(0,1,10)", "#NUM!"),
    ("=CONFIDENCE.NORM(0.05,0,10)", "#NUM!"),
    ("=CONFIDENCE.NORM(0.05,1,0.5)", "#NUM!"),   # size truncated to 0
    ("=CONFIDENCE.T(0.05,1,1)", "#DIV/0!"),
    ("=NORM.DIST(1/0,0,1,TRUE)", "#DIV/0!"),     # an argument's error is the result
]

CASES = DOC + SCIPY + ERRORS


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    book = formula_book(tmp_path_factory.mktemp("dist") / "dist.xlsx", CASES, column="A")
    return {f: book.value("S", f"A{i}") for i, (f, _) in enumerate(CASES, start=1)}


@pytest.mark.parametrize("formula,expected", CASES, ids=[c[0] for c in CASES])
def test_value(results, formula, expected):
    check_documented(results[formula], expected)


def test_every_function_has_help_and_category():
    from sheetsolver.engine.functions import FUNCTIONS
    from sheetsolver.engine.functions.lift import CATEGORIES, HELP
    names = {f.split("(")[0].lstrip("=").replace("_xlfn.", "") for f, _ in DOC}
    for n in names:
        assert n in FUNCTIONS
        assert HELP[n] == help_url(n) and HELP[n].startswith("https://support.microsoft.com/")
        assert CATEGORIES[n] in ("Statistical", "Compatibility")
    assert CATEGORIES["NORMDIST"] == "Compatibility" and CATEGORIES["NORM.DIST"] == "Statistical"


# --- gradients: what the Solver differentiates through --------------------------------
GRADS = [
    # formula over A1 (x), B1, C1; expected d/d(A1, B1, C1) from scipy / closed forms
    ("=NORM.DIST(A1,B1,C1,TRUE)", (1.3, 0.5, 2.0),
     lambda x, m, s: (stats.norm.pdf(x, m, s), -stats.norm.pdf(x, m, s),
                      -(x - m) / s * stats.norm.pdf(x, m, s))),
    ("=NORM.DIST(A1,B1,C1,FALSE)", (1.3, 0.5, 2.0),
     lambda x, m, s: (-(x - m) / s ** 2 * stats.norm.pdf(x, m, s),
                      (x - m) / s ** 2 * stats.norm.pdf(x, m, s),
                      stats.norm.pdf(x, m, s) * (((x - m) / s) ** 2 - 1) / s)),
    ("=LOGNORM.DIST(A1,B1,C1,TRUE)", (2.0, 0.5, 0.8),
     lambda x, m, s: (stats.lognorm.pdf(x, s, scale=math.exp(m)),
                      -stats.norm.pdf((math.log(x) - m) / s) / s,
                      -(math.log(x) - m) / s ** 2 * stats.norm.pdf((math.log(x) - m) / s))),
    ("=EXPON.DIST(A1,B1,TRUE)+C1", (0.7, 1.5, 0.0),
     lambda x, lam, c: (lam * math.exp(-lam * x), x * math.exp(-lam * x), 1.0)),
    ("=WEIBULL.DIST(A1,B1,C1,TRUE)", (1.5, 2.0, 3.0),
     lambda x, a, b: (stats.weibull_min.pdf(x, a, scale=b),
                      math.exp(-(x / b) ** a) * (x / b) ** a * math.log(x / b),
                      -math.exp(-(x / b) ** a) * (x / b) ** a * a / b)),
    ("=GAMMA.DIST(A1,B1,C1,TRUE)", (1.3, 2.5, 2.0),
     lambda x, a, b: (stats.gamma.pdf(x, a, scale=b), None,
                      -x / b * stats.gamma.pdf(x, a, scale=b))),
    ("=BETA.DIST(A1,B1,C1,TRUE)", (0.3, 2.0, 5.0),
     lambda x, a, b: (stats.beta.pdf(x, a, b), None, None)),
    ("=T.DIST(A1,B1,TRUE)+C1", (0.8, 5.0, 0.0), lambda x, df, c: (stats.t.pdf(x, 5), 0.0, 1.0)),
    ("=STANDARDIZE(A1,B1,C1)", (3.0, 1.0, 4.0), lambda x, m, s: (1 / s, -1 / s, -(x - m) / s ** 2)),
    ("=FISHER(A1)+B1*C1", (0.4, 2.0, 3.0), lambda x, b, c: (1 / (1 - x * x), c, b)),
    ("=NORM.INV(A1,B1,C1)", (0.8, 1.0, 2.0),
     lambda p, m, s: (s / stats.norm.pdf(stats.norm.ppf(p)), 1.0, stats.norm.ppf(p))),
    ("=GAMMALN(A1)+B1+C1", (3.5, 0.0, 0.0), lambda x, b, c: (special.digamma(x), 1.0, 1.0)),
    # discrete distributions: differentiable in their probability / mean
    ("=BINOM.DIST(3,10,A1,FALSE)+B1+C1", (0.3, 0.0, 0.0),
     lambda p, b, c: (stats.binom.pmf(3, 10, p) * (3 / p - 7 / (1 - p)), 1.0, 1.0)),
    ("=POISSON.DIST(4,A1,FALSE)+B1+C1", (2.5, 0.0, 0.0),
     lambda m, b, c: (stats.poisson.pmf(4, m) * (4 / m - 1), 1.0, 1.0)),
]


@pytest.mark.parametrize("formula,point,expected", GRADS, ids=[g[0] for g in GRADS])
def test_gradient(make_book, formula, point, expected):
    from sheetsolver.book import Book
    cells = {"A1": point[0], "B1": point[1], "C1": point[2], "D1": formula}
    book = Book.open(make_book({"S": cells}))
    book.recalc()
    eng = book.engine
    g = eng.gradient(("S", 1, 4), [eng.area("S!A1:C1")])
    for got, want in zip(g, expected(*point)):
        if want is not None:
            assert got == pytest.approx(want, rel=1e-6, abs=1e-9)
