"""Property: the straight-line path and the array path compute the same values.

Hypothesis draws a chain of formulas (``+ - * / ^ &``, comparisons, unary minus, ABS,
SQRT, EXP, IF) over random cell values (numbers incl. 0 and negatives, blanks, text
incl. numeric text, booleans, errors). The same chain is written twice in one
workbook: down column H as single cells (each its own group: a run the engine
compiles to straight-line Python, scalar.plan_segments) and across columns J.. filled
over 6 rows (each column one group of 6: the vectorised array path). Every cell of
the chain must hold the same value on both paths.
"""
from __future__ import annotations

import openpyxl
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sheetsolver.book import Book  # noqa: E402
from sheetsolver.values import ExcelError, same_value  # noqa: E402

ROWS = 6
STEPS = 5
_ERRORS = ["=1/0", "=NA()", '="a"+1', "=SQRT(-1)"]

numbers = st.one_of(st.sampled_from([0, 0, 0, 1, 2, -1, -2, 0.5, 3, 10, -0.25]),
                    st.floats(min_value=-50, max_value=50, allow_nan=False,
                              allow_infinity=False))
values = st.one_of(
    numbers, numbers, numbers,                                  # mostly numbers
    st.none(),
    st.sampled_from(["a", "3", " 2 ", "", "1,000", "-1.5", "abc", "TRUE"]),
    st.booleans(),
    st.sampled_from(_ERRORS),
)

_LEAVES = ["{P}", "{A}", "{B}", "{C}", "0", "1", "2", "(-1)", "0.5", '"3"', '"x"', "TRUE"]
_NUM_LEAVES = ["{P}", "{P}", "{A}", "{B}", "{C}", "0", "0", "1", "2", "(-1)", "0.5"]
_BINARY = ["+", "-", "*", "/", "^", "&", "=", "<", ">", "<>", "<=", ">="]
_ARITH = ["+", "-", "*", "/", "^"]


def _grammar(leaves, binary, funcs, with_if):
    def extend(inner):
        parts = [
            st.tuples(inner, st.sampled_from(binary), inner).map(lambda t: f"({t[0]}{t[1]}{t[2]})"),
            inner.map(lambda x: f"(-{x})"),
            st.tuples(st.sampled_from(funcs), inner).map(lambda t: f"{t[0]}({t[1]})"),
        ]
        if with_if:
            parts.append(st.tuples(inner, inner, inner).map(lambda t: f"IF({t[0]},{t[1]},{t[2]})"))
        return st.one_of(*parts)
    # every step reads the step before it, so the chain is one run of dependent cells
    return st.recursive(st.sampled_from(leaves), extend, max_leaves=6).filter(
        lambda e: "{P}" in e)


# numeric chains (what the straight-line path compiles) and chains with everything
_numeric = _grammar(_NUM_LEAVES, _ARITH, ["ABS", "SQRT", "EXP", "LN"], False)
_general = _grammar(_LEAVES, _BINARY, ["ABS", "SQRT", "EXP"], True)
chains = st.one_of(
    st.lists(_numeric, min_size=STEPS, max_size=STEPS, unique=True),
    st.lists(_numeric, min_size=STEPS, max_size=STEPS, unique=True),
    st.lists(_general, min_size=STEPS, max_size=STEPS, unique=True),
)


def _cell(x):
    if x == "":
        return '=""'
    return x


def _workbook(tmp_path, inputs, chain, k):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    for r in range(1, ROWS + 1):
        for col, x in zip("ABC", inputs):
            if x is not None:
                ws[f"{col}{r}"] = _cell(x)
    # straight line: H1..H4, step i reads the cell above (the previous step)
    for i, f in enumerate(chain):
        prev = f"H{i}" if i else "A1"
        ws[f"H{i + 1}"] = "=" + f.format(P=prev, A="A1", B="B1", C="C1")
    # array path: step i in column J+i, filled down ROWS rows, reading the column left
    cols = "JKLMNOP"
    for r in range(1, ROWS + 1):
        for i, f in enumerate(chain):
            prev = f"{cols[i - 1]}{r}" if i else f"A{r}"
            ws[f"{cols[i]}{r}"] = "=" + f.format(P=prev, A=f"A{r}", B=f"B{r}", C=f"C{r}")
    p = tmp_path / f"p{k}.xlsx"
    wb.save(p)
    return p


_COUNTER = {"k": 0}


@settings(max_examples=200, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(inputs=st.one_of(st.tuples(numbers, numbers, numbers), st.tuples(values, values, values)),
       chain=chains)
@example(inputs=(0, 0, 0), chain=["{P}", "(-{P})", "({P}+{P})", "({P}^{P})", "(-(-{P}))"])  # 0^0
@example(inputs=(0.0, "3", None), chain=["({P}^(-1))", "({B}/{P})", "-{P}", "({P}&{C})", "{P}"])
def test_straight_line_and_array_paths_agree(tmp_path, inputs, chain):
    _COUNTER["k"] += 1
    book = Book.open(_workbook(tmp_path, inputs, chain, _COUNTER["k"]))
    book.recalc()
    cols = "JKLMNOP"
    for i in range(len(chain)):
        line = book.value("S", f"H{i + 1}")
        for r in range(1, ROWS + 1):
            arr = book.value("S", f"{cols[i]}{r}")
            ok = same_value(line, arr, rel=1e-12, abs_=0.0) and type(line) is type(arr)
            assert ok, (inputs, chain[:i + 1], line, arr)


def test_numeric_chains_really_take_the_straight_line_path(tmp_path):
    """Guard for the property above: a numeric chain is compiled to a Segment."""
    from sheetsolver.engine.scalar import Segment
    book = Book.open(_workbook(tmp_path, (2.0, 3.0, -1.0),
                               ["({P}+{B})", "({P}*{C})", "SQRT(ABS({P}))", "({P}^{A})"], 0))
    assert any(isinstance(s, Segment) for s in book.engine.steps)
    book.recalc()
    assert book.value("S", "H4") == pytest.approx(5.0)
    assert book.value("S", "M6") == pytest.approx(5.0)
    assert not isinstance(book.value("S", "H4"), ExcelError)
