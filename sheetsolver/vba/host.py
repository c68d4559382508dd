"""The only door from a running macro to the workbook: :class:`Host`.

Why a protocol: the interpreter must not know how the workbook is stored or
recalculated; the engine (or a test's dict-backed fake) implements these few
methods.  Rows and columns are 1-based, areas are rectangles on one sheet.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Protocol, runtime_checkable

from sheetsolver.errors import SheetsolverError
from sheetsolver.formula.refs import MAX_COL, MAX_ROW, Area

__all__ = ["RangeRef", "Host", "MacroRefused", "MacroRuntimeError", "excel_end_down",
           "MAX_ROWS", "MAX_COLS"]

MAX_ROWS = MAX_ROW
MAX_COLS = MAX_COL


@dataclass(frozen=True)
class RangeRef(Area):
    """An :class:`Area` on a named sheet as a macro sees it: ``rows`` x ``cols`` cells
    (1-based, inclusive, r1<=r2, c1<=c2); :meth:`a1` leaves the sheet out, for messages."""

    @property
    def rows(self) -> int:
        return self.height

    @property
    def cols(self) -> int:
        return self.width

    def a1(self, with_sheet: bool = False) -> str:
        """``A1`` / ``A1:B2`` address (no ``$``; the sheet only when asked)."""
        return super().a1(with_sheet)


@runtime_checkable
class Host(Protocol):
    """Workbook access used by a running macro.

    Values are Python ``None`` (blank cell), ``bool``, ``int``/``float``, ``str``
    (or a host-specific error object, which macros may copy but not compute
    with).  Raise :class:`SheetsolverError` for anything the host cannot do
    (unknown name, ``#REF!`` name, bad address); the interpreter adds the macro
    name and line to the message.
    """

    def resolve(self, ref: str, sheet: str) -> RangeRef:
        """Area of ``ref`` as written in ``Range("...")`` on ``sheet``.

        ``ref`` is a defined name (sheet-scoped names of ``sheet`` win over
        workbook names, as in Excel), an A1 address (``"A1"``, ``"$A$1:B2"``),
        or either prefixed with a sheet (``"data!A1"``, ``"'my sheet'!A1"``).
        """

    def get_values(self, area: RangeRef) -> list[list[object]]:
        """Current values of ``area`` as rows (``area.rows`` x ``area.cols``)."""

    def set_values(self, area: RangeRef, values: list[list[object]]) -> None:
        """Store constants (replacing formulas) in ``area``; ``None`` = blank.

        In automatic calculation mode the host recalculates dependants itself
        (Excel does so after every write).  ``str`` values are stored as text
        even when they look like a number or start with ``=``.
        """

    def clear(self, area: RangeRef) -> None:
        """Make every cell of ``area`` blank (formulas and values; ``.Clear``)."""

    def last_in_column_down(self, sheet: str, row: int, col: int) -> int:
        """Row reached by Ctrl+Down (``.End(xlDown)``) from ``(row, col)``.

        From a non-blank cell whose next cell is non-blank: the last non-blank
        before the first blank.  Otherwise (blank cell, or non-blank followed
        by blank): the next non-blank below; ``MAX_ROWS`` if there is none.
        :func:`excel_end_down` implements this given a blank test.
        """

    def calculate(self, sheet: str | None = None) -> None:
        """Recalculate now: whole workbook (``None``) or one sheet's formulas."""

    def set_calculation(self, mode: str) -> None:
        """``'manual'`` or ``'automatic'``.  Switching to automatic must
        recalculate at once, as Excel does."""

    def get_calculation(self) -> str:
        """Current mode, ``'manual'`` or ``'automatic'``."""


def excel_end_down(is_blank: Callable[[int], bool], row: int,
                   max_row: int = MAX_ROWS) -> int:
    """Ctrl+Down from ``row`` in one column, given ``is_blank(row)``.

    Helper for Host implementations; costs one call per row walked.
    """
    if row >= max_row:
        return max_row
    r = row
    if not is_blank(r) and not is_blank(r + 1):
        while r + 1 <= max_row and not is_blank(r + 1):
            r += 1
        return r
    r += 1
    while r <= max_row and is_blank(r):
        r += 1
    return min(r, max_row)


class MacroRefused(SheetsolverError):
    """The macro (or a Sub it calls) uses VBA outside the supported subset.

    Raised by ``check``/``run`` before anything executes.  Attributes:
    ``macro`` (Sub containing the line), ``module``, ``line``, ``word``.
    """

    def __init__(self, message: str, *, macro: str, module: str, line: int, word: str,
                 file: str | None = None, sheet: str | None = None):
        self.macro, self.module, self.line, self.word = macro, module, line, word
        super().__init__(message, file=file, sheet=sheet)


class MacroRuntimeError(SheetsolverError):
    """A checked macro failed while running (type mismatch, bad name, ...).

    Cells written before the failing line keep their new values, as in Excel.
    """

    def __init__(self, message: str, *, macro: str, module: str, line: int,
                 file: str | None = None, sheet: str | None = None):
        self.macro, self.module, self.line = macro, module, line
        super().__init__(message, file=file, sheet=sheet)
