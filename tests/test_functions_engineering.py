"""Engineering functions (engineering.py, engineering_complex.py, engineering_units.py).

Expected values are the examples on each function's Excel help page
(https://support.microsoft.com/en-us/office/<function>-function-...), scipy/math run
directly, or hand computations; never values produced by the code under test.
"""
from __future__ import annotations

import math

import pytest
from scipy import special

from sheetsolver.values import DIV0, NA, NUM, VALUE

from _function_cases import ComplexText, Shown, documented_examples, registered_test

CASES = [
    # besseli/j/k/y-function examples. Excel's Bessel functions are approximations good
    # to about 1e-7 (BESSELJ(1.9,2) is 0.3299257277 exactly, scipy.special.jv); ours are
    # scipy's, so the documented values are matched to 5e-7 relative.
    ("=BESSELI(1.5,1)", Shown("0.981666428", rel=5e-7)),
    ("=BESSELJ(1.9,2)", Shown("0.329925829", rel=5e-7)),
    ("=BESSELK(1.5,1)", Shown("0.277387804", rel=5e-7)),
    ("=BESSELY(2.5,1)", Shown("0.145918138", rel=5e-7)),
    ("=BESSELI(1.5,1)", float(special.iv(1, 1.5))), ("=BESSELK(1.5,1)", float(special.kv(1, 1.5))),
    ("=BESSELJ(3.3,2.9)", float(special.jv(2, 3.3))), ("=BESSELI(1,-1)", NUM),
    ("=BESSELY(-1,1)", NUM), ("=BESSELJ(\"a\",1)", VALUE),
    # bin2dec / bin2hex / bin2oct examples
    ("=BIN2DEC(1100100)", 100.0), ("=BIN2DEC(1111111111)", -1.0), ("=BIN2DEC(102)", NUM),
    ("=BIN2DEC(\"11111111111\")", NUM),
    ("=BIN2HEX(11111011,4)", "00FB"), ("=BIN2HEX(1110)", "E"),
    ("=BIN2HEX(1111111111)", "FFFFFFFFFF"), ("=BIN2HEX(11111011,1)", NUM),
    ("=BIN2OCT(1001,3)", "011"), ("=BIN2OCT(1100100)", "144"),
    ("=BIN2OCT(1111111111)", "7777777777"), ("=BIN2OCT(1001,\"x\")", VALUE),
    # dec2bin / dec2hex / dec2oct examples
    ("=DEC2BIN(9,4)", "1001"), ("=DEC2BIN(-100)", "1110011100"), ("=DEC2BIN(512)", NUM),
    ("=DEC2HEX(100,4)", "0064"), ("=DEC2HEX(-54)", "FFFFFFFFCA"), ("=DEC2HEX(28)", "1C"),
    ("=DEC2HEX(64,1)", NUM), ("=DEC2OCT(58,3)", "072"), ("=DEC2OCT(-100)", "7777777634"),
    ("=DEC2BIN(\"x\")", VALUE),
    # hex2bin / hex2dec / hex2oct examples
    ("=HEX2BIN(\"F\",8)", "00001111"), ("=HEX2BIN(\"B7\")", "10110111"),
    ("=HEX2BIN(\"FFFFFFFFFF\")", "1111111111"), ("=HEX2BIN(\"200\")", NUM),
    ("=HEX2DEC(\"A5\")", 165.0), ("=HEX2DEC(\"FFFFFFFF5B\")", -165.0),
    ("=HEX2DEC(\"3DA408B9\")", 1034160313.0), ("=HEX2DEC(\"G\")", NUM),
    ("=HEX2OCT(\"F\",3)", "017"), ("=HEX2OCT(\"3B4E\")", "35516"),
    ("=HEX2OCT(\"FFFFFFFF00\")", "7777777400"),
    # oct2bin / oct2dec / oct2hex examples
    ("=OCT2BIN(3,3)", "011"), ("=OCT2BIN(7777777000)", "1000000000"),
    ("=OCT2DEC(54)", 44.0), ("=OCT2DEC(7777777533)", -165.0), ("=OCT2DEC(8)", NUM),
    ("=OCT2HEX(100,4)", "0040"), ("=OCT2HEX(7777777533)", "FFFFFFFF5B"),
    ("=BIN2DEC(TRUE)", VALUE),
    # bitand / bitor / bitxor / bitlshift / bitrshift examples
    ("=BITAND(1,5)", 1.0), ("=BITAND(13,25)", 9.0), ("=BITOR(23,10)", 31.0),
    ("=BITXOR(5,3)", 6.0), ("=BITLSHIFT(4,2)", 16.0), ("=BITRSHIFT(13,2)", 3.0),
    ("=BITAND(-1,5)", NUM), ("=BITAND(1.5,1)", NUM), ("=BITAND(2^48,1)", NUM),
    ("=BITLSHIFT(1,54)", NUM), ("=BITLSHIFT(16,-2)", 4.0), ("=BITLSHIFT(2^47,1)", NUM),
    # complex-function examples
    ("=COMPLEX(3,4)", "3+4i"), ("=COMPLEX(3,4,\"j\")", "3+4j"), ("=COMPLEX(0,1)", "i"),
    ("=COMPLEX(1,0)", "1"), ("=COMPLEX(3,4,\"k\")", VALUE), ("=COMPLEX(0,-1,\"j\")", "-j"),
    ("=COMPLEX(\"a\",1)", VALUE),
    # imabs, imaginary, imargument, imconjugate, imreal examples
    ("=IMABS(\"5+12i\")", 13.0), ("=IMAGINARY(\"3+4i\")", 4.0), ("=IMAGINARY(\"0-j\")", -1.0),
    ("=IMAGINARY(4)", 0.0), ("=IMARGUMENT(\"3+4i\")", math.atan2(4, 3)),
    ("=IMARGUMENT(0)", DIV0), ("=IMCONJUGATE(\"3+4i\")", "3-4i"), ("=IMREAL(\"6-9i\")", 6.0),
    ("=IMABS(\"3+4\")", NUM), ("=IMABS(TRUE)", VALUE),
    # imcos ... imtan examples (text exactly as the help pages print it; for IMCOT and
    # IMSEC Excel's last printed digit is not the correctly rounded one (mpmath:
    # cot(4+3i) = 0.004901182394304473...), so those compare part by part to 1e-13)
    ("=IMCOS(\"1+i\")", "0.833730025131149-0.988897705762865i"),
    ("=IMCOSH(\"4+3i\")", "-27.0349456030742+3.85115333481178i"),
    ("=IMCOT(\"4+3i\")", ComplexText("0.0049011823943045-0.999266927805902i")),
    ("=IMCSC(\"4+3i\")", "-0.0754898329158637+0.0648774713706355i"),
    ("=IMCSCH(\"4+3i\")", "-0.036275889628626-0.0051744731840194i"),
    ("=IMEXP(\"1+i\")", "1.46869393991589+2.28735528717884i"),
    ("=IMLN(\"3+4i\")", "1.6094379124341+0.927295218001612i"),
    ("=IMLOG10(\"3+4i\")", "0.698970004336019+0.402719196273373i"),
    ("=IMLOG2(\"3+4i\")", "2.32192809488736+1.33780421245098i"),
    ("=IMSEC(\"4+3i\")", ComplexText("-0.0652940278579471-0.0752249603027732i")),
    ("=IMSECH(\"4+3i\")", "-0.0362534969158689-0.00516434460775318i"),
    ("=IMSIN(\"4+3i\")", "-7.61923172032141-6.548120040911i"),
    ("=IMSINH(\"4+3i\")", "-27.0168132580039+3.85373803791938i"),
    ("=IMSQRT(\"1+i\")", "1.09868411346781+0.455089860562227i"),
    ("=IMTAN(\"4+3i\")", "0.00490825806749606+1.00070953606723i"),
    ("=IMLN(0)", NUM), ("=IMCOT(0)", NUM),
    # impower, improduct, imdiv, imsub, imsum examples
    ("=IMPOWER(\"2+3i\",3)", "-46+9i"), ("=IMPRODUCT(\"3+4i\",\"5-3i\")", "27+11i"),
    ("=IMPRODUCT(\"1+2i\",30)", "30+60i"), ("=IMDIV(\"-238+240i\",\"10+24i\")", "5+12i"),
    ("=IMSUB(\"13+4i\",\"5+3i\")", "8+i"), ("=IMSUM(\"3+4i\",\"5-3i\")", "8+i"),
    ("=IMSUM(\"3+4i\",\"5-3j\")", VALUE), ("=IMDIV(\"1+i\",0)", NUM),
    ("=IMSUM(\"1+j\",2)", "3+j"), ("=IMPOWER(0,0)", NUM),
    # convert-function examples
    ("=CONVERT(1,\"lbm\",\"kg\")", Shown("0.4535924")), ("=CONVERT(68,\"F\",\"C\")", 20.0),
    ("=CONVERT(2.5,\"ft\",\"sec\")", NA),
    ("=CONVERT(CONVERT(100,\"ft\",\"m\"),\"ft\",\"m\")", 9.290304),
    # CONVERT by hand: exact definitions of the units
    ("=CONVERT(1,\"mi\",\"km\")", 1.609344), ("=CONVERT(1,\"in\",\"cm\")", 2.54),
    ("=CONVERT(1,\"hr\",\"mn\")", 60.0), ("=CONVERT(1,\"day\",\"sec\")", 86400.0),
    ("=CONVERT(1,\"atm\",\"Pa\")", 101325.0), ("=CONVERT(1,\"kJ\",\"J\")", 1000.0),
    ("=CONVERT(1,\"cal\",\"J\")", 4.1868), ("=CONVERT(1,\"kW\",\"W\")", 1000.0),
    ("=CONVERT(1,\"T\",\"ga\")", 10000.0), ("=CONVERT(0,\"C\",\"K\")", 273.15),
    ("=CONVERT(100,\"C\",\"F\")", 212.0), ("=CONVERT(1,\"gal\",\"l\")", 3.785411784),
    ("=CONVERT(1,\"km2\",\"m2\")", 1e6), ("=CONVERT(1,\"ft^2\",\"in2\")", 144.0),
    ("=CONVERT(1,\"ha\",\"m2\")", 10000.0), ("=CONVERT(1,\"byte\",\"bit\")", 8.0),
    ("=CONVERT(1,\"kibyte\",\"byte\")", 1024.0), ("=CONVERT(1,\"kn\",\"m/h\")", 1852.0),
    ("=CONVERT(1,\"lbf\",\"N\")", 4.4482216152605), ("=CONVERT(1,\"mm\",\"m\")", 0.001),
    ("=CONVERT(1,\"xyz\",\"m\")", NA), ("=CONVERT(1,\"kft\",\"m\")", NA),
    ("=CONVERT(\"a\",\"m\",\"m\")", VALUE),
    # delta / gestep examples
    ("=DELTA(5,4)", 0.0), ("=DELTA(5,5)", 1.0), ("=DELTA(0.5,0)", 0.0), ("=DELTA(1)", 0.0),
    ("=DELTA(\"a\",1)", VALUE),
    ("=GESTEP(5,4)", 1.0), ("=GESTEP(5,5)", 1.0), ("=GESTEP(-4,-5)", 1.0), ("=GESTEP(-1)", 0.0),
    ("=GESTEP(\"a\")", VALUE),
    # erf / erf.precise / erfc / erfc.precise examples
    ("=ERF(0.745)", Shown("0.70792892")), ("=ERF(1)", Shown("0.84270079")),
    ("=ERF(0,1)", math.erf(1)), ("=ERF(1,2)", math.erf(2) - math.erf(1)),
    ("=ERF.PRECISE(0.745)", Shown("0.70792892")), ("=ERF.PRECISE(1)", Shown("0.84270079")),
    ("=ERFC(1)", Shown("0.15729921")), ("=ERFC.PRECISE(1)", Shown("0.15729921")),
    ("=ERF(-1)", -math.erf(1)), ("=ERFC(\"a\")", VALUE),
]


# all CASES in one workbook (one recalculation), a test per case
results, test_documented_examples = documented_examples(CASES, "eng")


def test_gradients(make_book):
    """d/dx against closed forms and scipy's own derivative functions."""
    from sheetsolver.book import Book
    book = Book.open(make_book({"S": {"A1": 0.4, "B1": "=ERF(A1)", "B2": "=ERFC(A1)",
                                      "B3": "=BESSELJ(A1,2)", "B4": "=BESSELK(A1,1.7)",
                                      "B5": "=CONVERT(A1,\"mi\",\"km\")",
                                      "B6": "=CONVERT(A1*2,\"F\",\"C\")"}},
                               name="eg.xlsx"))
    book.recalc()
    eng = book.engine
    area = eng.area("S!A1:A1")
    d = 2 / math.sqrt(math.pi) * math.exp(-0.16)
    for row, want in [(1, d), (2, -d), (3, special.jvp(2, 0.4)), (4, special.kvp(1, 0.4)),
                      (5, 1.609344), (6, 2 * 5 / 9)]:
        got = float(eng.gradient(("S", row, 2), [area]).ravel()[0])
        assert got == pytest.approx(want, rel=1e-12), row


test_registered_with_category_and_help_page = registered_test(
    "BESSELI BESSELJ BESSELK BESSELY BIN2DEC BIN2HEX BIN2OCT DEC2BIN DEC2HEX DEC2OCT "
    "HEX2BIN HEX2DEC HEX2OCT OCT2BIN OCT2DEC OCT2HEX BITAND BITOR BITXOR BITLSHIFT BITRSHIFT "
    "COMPLEX IMABS IMAGINARY IMARGUMENT IMCONJUGATE IMCOS IMCOSH IMCOT IMCSC IMCSCH IMDIV "
    "IMEXP IMLN IMLOG10 IMLOG2 IMPOWER IMPRODUCT IMREAL IMSEC IMSECH IMSIN IMSINH IMSQRT "
    "IMSUB IMSUM IMTAN CONVERT DELTA GESTEP ERF ERF.PRECISE ERFC ERFC.PRECISE", "Engineering")
