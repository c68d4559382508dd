"""One exception type for every user-facing failure, carrying where it happened.

The CLI prints ``str(err)`` as a single line and exits non-zero; the location
(file, sheet, cell) is part of the message so the user can find the problem.
"""
from __future__ import annotations


class SheetsolverError(Exception):
    """A clear, user-facing error naming the file, sheet and cell involved."""

    def __init__(self, message: str, *, file: str | None = None, sheet: str | None = None,
                 cell: str | None = None):
        self.message = message
        self.file = file
        self.sheet = sheet
        self.cell = cell
        super().__init__(self.__str__())

    def where(self) -> str:
        parts = []
        if self.file:
            parts.append(str(self.file))
        if self.sheet is not None and self.cell:
            parts.append(f"{self.sheet}!{self.cell}")
        elif self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        elif self.cell:
            parts.append(self.cell)
        return ": ".join(parts)

    def __str__(self) -> str:
        w = self.where()
        return f"{w}: {self.message}" if w else self.message

    def located(self, *, file=None, sheet=None, cell=None) -> "SheetsolverError":
        """Fill in location fields that are still unknown (used as errors bubble up)."""
        self.file = self.file or file
        self.sheet = self.sheet if self.sheet is not None else sheet
        self.cell = self.cell or cell
        self.args = (self.__str__(),)
        return self
