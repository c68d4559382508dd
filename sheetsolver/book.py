"""A workbook opened for work: the model, its engine, and saving the result.

This is the small public API the commands are built on::

    book = Book.open("workbooks/collab_filter.xlsx")
    book.recalc()
    book.value("dotprod", "V41")
    book.save("out.xlsx")
"""
from __future__ import annotations

from .engine.engine import Engine
from .package.reader import load_workbook
from .package.writer import resolve_output, save_workbook


class Book:
    def __init__(self, workbook, refresh_volatile: bool = False, seed: int | None = None):
        self.wb = workbook
        self.path = workbook.path
        self.engine = Engine(workbook, refresh_volatile=refresh_volatile, seed=seed)

    @classmethod
    def open(cls, path, refresh_volatile: bool = False, seed: int | None = None) -> "Book":
        return cls(load_workbook(path), refresh_volatile=refresh_volatile, seed=seed)

    def recalc(self) -> None:
        self.engine.recalc()

    def value(self, sheet: str, ref: str):
        return self.engine.value(sheet, ref)

    def save(self, out: str | None = None, *, in_place: bool = False, suffix: str = ".out",
             extra_parts=None, replace_parts=None) -> tuple[str, list]:
        """Write the current values (inputs and formula results) losslessly.

        Returns (path written, list of changed cells)."""
        target = resolve_output(self.path, out, suffix, in_place)
        changed = self.engine.input_changes() + self.engine.sync_to_workbook()
        save_workbook(self.wb, target, changed, extra_parts=extra_parts,
                      replace_parts=replace_parts)
        return target, changed
