"""SWITCH, XOR and IFNA against the examples of Excel's help pages and by hand."""
import pytest

from sheetsolver.values import DIV0, NA, VALUE

# https://support.microsoft.com/en-us/office/switch-function-47ab33c0-28ce-4530-8a45-d532ec4aa25e
# https://support.microsoft.com/en-us/office/xor-function-1548d4c2-5e47-4f77-9a92-0533bba14f37
# https://support.microsoft.com/en-us/office/ifna-function-6626c961-a569-42fc-a49d-79b4951fd461
CASES = [
    # SWITCH: 5 Feb 2018 is a Monday (WEEKDAY 2), 7 Feb 2018 a Wednesday (4)
    ('=SWITCH(WEEKDAY(DATE(2018,2,5)),1,"Sunday",2,"Monday",3,"Tuesday","No match")',
     "Monday"),
    ('=SWITCH(WEEKDAY(DATE(2018,2,7)),1,"Sunday",2,"Monday",3,"Tuesday","No match")',
     "No match"),
    ('=SWITCH(99,1,"Sunday",2,"Monday",3,"Tuesday")', NA),          # no match, no default
    ('=SWITCH("b","a",1,"B",2)', 2.0),                              # text compares without case
    ('=SWITCH(1,"1","text",1,"number")', "number"),                 # no cross-type matching
    ('=SWITCH(TRUE,1,"one",TRUE,"true")', "true"),
    ('=SWITCH(2,1,1/0,2,"two")', "two"),                            # untaken results' errors
    ('=SWITCH(9,1,"a",2,1/0,"default")', "default"),
    ('=SWITCH(1/0,1,"a")', DIV0),                                   # the expression's error
    ('=SWITCH(2,1/0,"a",2,"b")', DIV0),                             # an error compared first
    # XOR
    ("=XOR(3>0,2<9)", False),
    ("=XOR(3>12,4>6)", False),
    ("=XOR(3>0,4>6)", True),
    ("=XOR(TRUE,TRUE,TRUE)", True),
    ("=XOR(1,0,2)", False),                                         # numbers: non-zero TRUE
    ('=XOR({TRUE,FALSE;TRUE,TRUE})', True),
    ("=XOR(1/0,TRUE)", DIV0),
    # IFNA
    ('=IFNA(NA(),"Not found")', "Not found"),
    ('=IFNA(MATCH("Seattle",{"Atlanta","Boston"},0),"Not found")', "Not found"),
    ('=IFNA(MATCH("Boston",{"Atlanta","Boston"},0),"Not found")', 2.0),
    ('=IFNA(1/0,"x")', DIV0),                                       # other errors pass
    ("=IFNA(5,1/0)", 5.0),
    # files written by Excel prefix these functions with _xlfn.
    ('=_xlfn.SWITCH(1,1,"x")', "x"), ("=_xlfn.IFNA(NA(),1)", 1.0), ("=_xlfn.XOR(TRUE)", True),
]


def test_logical_functions(evaluate):
    cells = {f"A{k + 1}": f for k, (f, _) in enumerate(CASES)}
    value = evaluate(cells)
    for k, (f, want) in enumerate(CASES):
        assert value(f"A{k + 1}") == want, f


def test_xor_over_ranges_skips_text_and_blanks(evaluate):
    value = evaluate({"B1": True, "B2": "text", "B4": False, "C1": "x",
                      "A1": "=XOR(B1:B4)", "A2": "=XOR(C1:C2)", "A3": "=XOR(B1:B4,TRUE)"})
    assert value("A1") is True
    assert value("A2") == VALUE                                     # no logical value at all
    assert value("A3") is False


def test_ifna_passes_the_gradient_of_the_value_taken():
    import numpy as np
    from sheetsolver.engine.batch import V
    from sheetsolver.engine.functions import FUNCTIONS
    f = FUNCTIONS["IFNA"]
    g = f.grad(None, [V(np.array([[[2.0]]])), V(np.array([[[3.0]]]))], None, np.ones((1, 1, 1)))
    assert np.asarray(g[0]).item() == pytest.approx(1.0)
