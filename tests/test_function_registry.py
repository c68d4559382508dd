"""Each function is one self-contained registry entry (issue 13): gradient, argument
rules, category and Excel help page are fields of its Function, and the category/help
tables that modules still fill write into those fields."""
from __future__ import annotations

from sheetsolver.engine.functions import FUNCTIONS
from sheetsolver.engine.functions.base import CATEGORIES, HELP, Function, add
from sheetsolver.values import DIV0


def test_declarations_live_on_the_function():
    f = FUNCTIONS["IF"]
    assert f.grad is not None and f.note.startswith("IF:")
    assert f.category == "Logical"
    # https://support.microsoft.com/en-us/office/if-function-69aed7c9-4e8a-4755-a9bc-aa8bbff73be2
    assert f.help.endswith("if-function-69aed7c9-4e8a-4755-a9bc-aa8bbff73be2")
    # Excel's array-typed parameters: SUMPRODUCT's arrays, MMULT's two, MATCH's lookup_array,
    # AGGREGATE's array (https://support.microsoft.com/.../aggregate-function-...)
    assert FUNCTIONS["SUMPRODUCT"].array_args[:3] == (0, 1, 2)
    assert FUNCTIONS["MMULT"].array_args == (0, 1)
    assert FUNCTIONS["MATCH"].array_args == (1,)
    assert FUNCTIONS["AGGREGATE"].array_args == (2,)
    for name in ("CONVERT", "PRODUCT", "MDETERM", "MINVERSE", "IFERROR", "IFNA", "CHOOSE"):
        assert FUNCTIONS[name].grad is not None, name


def test_tables_write_into_the_registry():
    assert CATEGORIES["IFNA"] == FUNCTIONS["IFNA"].category == "Logical"
    assert HELP["IFNA"] == FUNCTIONS["IFNA"].help
    CATEGORIES["_H11_LATE"] = "Text"            # before registration: waits for it
    try:
        add(Function("_H11_LATE", impl=None))
        assert FUNCTIONS["_H11_LATE"].category == "Text"
        add(Function("_H11_LATE", impl=None))   # re-registered: keeps what it was given
        assert CATEGORIES["_H11_LATE"] == "Text"
    finally:
        FUNCTIONS.pop("_H11_LATE", None)


def test_specific_errors_are_part_of_the_definition(evaluate):
    # Excel: MOD(3,0), LOG(1,1) and POWER(0,-1) are #DIV/0! (MOD, LOG and POWER help pages)
    assert evaluate("=MOD(3,0)") is DIV0
    assert evaluate("=LOG(1,1)") is DIV0
    assert evaluate("=POWER(0,-1)") is DIV0
    assert evaluate("=MOD(-3,2)") == 1.0                # help page example: 1
