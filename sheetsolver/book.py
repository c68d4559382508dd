"""A workbook opened for work: the model, its engine, reading ranges, and saving.

This is the small public API the commands are built on::

    book = Book.open("workbooks/collab_filter.xlsx")
    book.recalc()
    book.value("dotprod!B3")                   # one cell (or book.value("dotprod", "B3"))
    book.values("dotprod!H22:V26")             # 2-D list of Python values
    book.frame("dotprod!H22:V26", labels=True) # pandas DataFrame, headers from the sheet
    book.save("out.xlsx")
"""
from __future__ import annotations

import os

from .engine.engine import Engine
from .errors import SheetsolverError
from .formula.refs import Area, cell_name, index_to_col
from .package.output import output_path
from .package.reader import load_workbook
from .package.writer import save_workbook
from .progress import activity


class Book:
    def __init__(self, workbook, refresh_volatile: bool = False, seed: int | None = None):
        self.wb = workbook
        self.path = workbook.path
        self.engine = Engine(workbook, refresh_volatile=refresh_volatile, seed=seed)

    @classmethod
    def open(cls, path, refresh_volatile: bool = False, seed: int | None = None) -> "Book":
        with activity(f"opening {os.path.basename(str(path))}"):
            return cls(load_workbook(path), refresh_volatile=refresh_volatile, seed=seed)

    def __repr__(self) -> str:
        names = [s.name for s in self.wb.sheets]
        shown = ", ".join(names[:6]) + (f", ... ({len(names)} sheets)" if len(names) > 6 else "")
        return f"<Book {self.path!s}: {shown}>"

    def recalc(self, full: bool = False) -> None:
        """Recompute the formulas the changes since the last run reach (``full``: all)."""
        self.engine.recalc(full)

    # -- reading -----------------------------------------------------------------------
    def area(self, ref: str, sheet: str | None = None) -> Area:
        """An Area from ``"Sheet!A1:B2"`` (or ``"A1:B2"`` with ``sheet``)."""
        return self.engine.area(ref, sheet)

    def value(self, sheet: str, ref: str | None = None):
        """One cell's value: ``value("dotprod!B3")`` or ``value("dotprod", "B3")``.
        A range of more than one cell is an error (use :meth:`values` or :meth:`frame`)."""
        a = self.area(sheet) if ref is None else self.area(ref, sheet)
        if a.height * a.width != 1:
            raise SheetsolverError(
                f"value() reads one cell, but {a.sheet}!{a.a1()} is {a.height}x{a.width} "
                "cells: use book.values(...) for a 2-D list or book.frame(...) for a "
                "DataFrame", file=self.path)
        return self.engine.value(a.sheet, cell_name(a.r1, a.c1))

    def values(self, ref: str, sheet: str | None = None) -> list[list]:
        """The values of a range as a 2-D list of Python scalars (None for blank,
        float, str, bool, ExcelError), row by row."""
        a = self.area(ref, sheet)
        return [[self.engine.value(a.sheet, cell_name(r, c)) for c in range(a.c1, a.c2 + 1)]
                for r in range(a.r1, a.r2 + 1)]

    def frame(self, ref: str, sheet: str | None = None, *, header: bool = False,
              index: bool = False, labels: bool = False):
        """A range as a pandas DataFrame.

        ``header``/``index``: the range's first row / first column hold the column names /
        the row labels (pandas' read_excel idiom). ``labels``: take the names from the
        sheet around the range instead: the row just above it and the column just left
        of it, where they hold values (how the course sheets label their factor blocks).
        Otherwise columns and rows are named by the sheet's column letters and row numbers.
        Numbers are floats, blanks NaN, text and errors as they are.
        """
        import pandas as pd
        a = self.area(ref, sheet)
        rows = self.values(ref, sheet)
        cols = [index_to_col(c) for c in range(a.c1, a.c2 + 1)]
        idx = list(range(a.r1, a.r2 + 1))
        if labels:
            if a.r1 > 1:
                above = [self.engine.value(a.sheet, cell_name(a.r1 - 1, c))
                         for c in range(a.c1, a.c2 + 1)]
                if any(x is not None for x in above):
                    cols = [_label(x, d) for x, d in zip(above, cols)]
            if a.c1 > 1:
                left = [self.engine.value(a.sheet, cell_name(r, a.c1 - 1))
                        for r in range(a.r1, a.r2 + 1)]
                if any(x is not None for x in left):
                    idx = [_label(x, d) for x, d in zip(left, idx)]
        if header:
            cols = [_label(x, d) for x, d in zip(rows[0], cols[:len(rows[0])])]
            rows, idx = rows[1:], idx[1:]
        if index:
            idx = [_label(r[0], d) for r, d in zip(rows, idx)]
            rows = [r[1:] for r in rows]
            cols = cols[1:]
        data = [[float("nan") if x is None else x for x in r] for r in rows]
        return pd.DataFrame(data, index=idx, columns=cols)

    # -- writing -----------------------------------------------------------------------
    def save(self, out: str | None = None, *, in_place: bool = False, suffix: str = ".out",
             extra_parts=None, replace_parts=None) -> tuple[str, list]:
        """Write the current values (inputs and formula results) losslessly and atomically.

        ``out`` None writes BOOK<suffix><ext> beside the input; writing over the input
        needs ``in_place=True``. Returns (path written, list of changed cells)."""
        target = output_path(self.path, out, suffix, in_place, api=True)
        changed = self.engine.input_changes() + self.engine.sync_to_workbook()
        save_workbook(self.wb, target, changed, extra_parts=extra_parts,
                      replace_parts=replace_parts)
        return target, changed


def _label(x, default):
    if x is None:
        return default
    if isinstance(x, float) and x == int(x):
        return int(x)
    return x if isinstance(x, (int, float, str)) else str(x)
