"""Refuse a macro that uses a defined name pointing at ``#REF!``, before it runs.

Why: in older copies of the course workbook some tabs' names were deleted and
now read ``=#REF!$D$32``.  Excel would stop such a macro at that line with
"Method 'Range' of object '_Worksheet' failed", after the lines above it had
already changed cells.  We look at every ``Range("name")`` the macro and its
callees can reach (:func:`sheetsolver.vba.names_used.range_literals`) and
refuse with one line naming the macro, the name and what it points to.
"""
from __future__ import annotations

import re

from ..errors import SheetsolverError
from ..formula.refs import split_sheet
from ..vba.names_used import range_literals

__all__ = ["BrokenName", "refuse_broken_names"]

_A1 = re.compile(r"^\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?$")


class BrokenName(SheetsolverError):
    """A macro would use a defined name whose reference is ``#REF!`` (nothing ran)."""

    def __init__(self, message: str, *, macro: str, name: str, target: str, **kw):
        self.macro, self.name, self.target = macro, name, target
        super().__init__(message, **kw)


def refuse_broken_names(host, project, macro: str, module: str, sheet: str) -> None:
    """Raise :class:`BrokenName` if macro ``module.macro`` run on ``sheet`` can touch a
    name defined as ``#REF!``."""
    wb = host.book.wb
    for proc, mod in project.reachable(macro, module):
        home = project.module_sheet(mod.name) or sheet
        for lit in range_literals([proc]):
            target_sheet, text = split_sheet(lit.text)
            scope = target_sheet or lit.sheet or home
            if _A1.match(text) or not wb.has_sheet(scope):
                continue
            dn = wb.defined_name(text, wb.sheet(scope).name)
            if dn is None or "#REF!" not in dn.text.upper():
                continue
            where = f"macro '{macro}'" + (f" (via '{proc.name}' line {lit.line})"
                                           if proc.name.lower() != macro.lower()
                                           else f" line {lit.line}")
            raise BrokenName(
                f"{where} in module '{mod.name}' uses name '{text}', which points at "
                f"{dn.text}: refused before any cell changed", macro=macro, name=text,
                target=dn.text, file=host.book.path, sheet=sheet)
