"""Moving formulas (transform.shift, the relative-name wrap) through the one tree walker.

Expected texts are Excel's copy rule worked by hand: a reference without ``$`` moves
with the formula, one that would leave the sheet becomes #REF!, whole columns/rows keep
their full extent; a relative defined name wraps around the sheet's edges instead.
"""
from __future__ import annotations

import pytest

from sheetsolver.formula.parser import parse
from sheetsolver.formula.relative_names import anchor, has_relative
from sheetsolver.formula.transform import shape, shift, to_text


@pytest.mark.parametrize("text,dr,dc,moved", [
    ("A1+SUM(B2:$C$3)*-D4", 2, 1, "B3+SUM(C4:$C$3)*-E6"),
    ("A1+SUM(B2:$C$3)", -1, 0, "#REF!+SUM(B1:$C$3)"),        # A0 is off the sheet
    ("SUM(A:A)+SUM(2:$3)", 5, 1, "SUM(B:B)+SUM(7:$3)"),      # whole columns keep 1..1048576
    ("IF(XFD1>0,$A1,A$1)", 0, 1, "IF(#REF!>0,$A1,B$1)"),     # XFD is the last column
])
def test_shift_moves_relative_parts_and_refuses_to_leave_the_sheet(text, dr, dc, moved):
    assert to_text(shift(parse(text).tree, dr, dc)) == moved


@pytest.mark.parametrize("text,where,read", [
    ("S!XFD1", "S!C5", "S!B5"),                 # one column left of C5 (wrapped from XFD)
    ("S!A1048576+S!$B1", "S!C5", "S!C4+S!$B5"),  # the row above; column B fixed
    ("S!B2:C3", "S!XFD1048576", "S!A1:B2"),     # both corners wrap past the last cell
])
def test_relative_name_wraps_around_the_sheet(text, where, read):
    assert to_text(anchor(parse(text).tree, where)) == read


def test_absolute_name_is_left_alone():
    tree = parse("S!$A$1+1").tree
    assert not has_relative(tree) and anchor(tree, "S!C5") is tree
    assert has_relative(parse("1+S!$A1").tree)


def test_literals_of_different_types_are_different_formulas():
    # 1, TRUE and "1" are three different constants in Excel (=1=TRUE is FALSE), so formulas
    # differing only in them are not copies of each other, although hash(1.0) == hash(True)
    keys = {shape(parse(text).tree, 1, col) for text, col in
            (("A1+1", 2), ("A1+TRUE", 2), ('A1+"1"', 2), ("B1+1", 3))}     # B1+1 in C1: a copy
    assert len(keys) == 3
    assert parse("1").tree == parse("1.0").tree != parse("TRUE").tree
