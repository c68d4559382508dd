"""Check many recalculated cells of a workbook against their expected values at once.

One assertion for a table of cells instead of a line per cell, and every wrong cell is
reported together. Logical values, errors (one shared instance per code) and blanks must
be the very object expected (``True`` is not ``1``); other values compare with ``==``,
so a ``pytest.approx`` may stand for a float.
"""
from __future__ import annotations

from sheetsolver.values import ExcelError


def _same(got, want) -> bool:
    if want is None or isinstance(want, (bool, ExcelError)):
        return got is want
    return not isinstance(got, bool) and got == want


def assert_values(book, sheet: str, expected: dict) -> None:
    """Each ``ref -> value`` of ``expected`` holds in ``book`` (``ref`` on ``sheet``, or
    ``"Other!B2"`` on another sheet)."""
    wrong = {}
    for ref, want in expected.items():
        where, _, cell = ref.rpartition("!")
        got = book.value(where or sheet, cell)
        if not _same(got, want):
            wrong[ref] = (got, want)
    assert not wrong, "cell: (got, expected): " + repr(wrong)
