"""Real spreadsheet applications that can recalculate a workbook for comparison.

``run_app(name, path, cells)`` recalculates ``path`` in the named application
("libreoffice" or "excel") and returns an :class:`AppResult` with the values the
application computed for ``cells`` and, where it can tell, where it put pivot tables.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SheetsolverError

BACKENDS = ("libreoffice", "excel")


@dataclass
class AppResult:
    """What an application computed: ``values[(sheet, row, col)]`` and its pivot layout."""
    name: str
    version: str | None
    values: dict
    pivots: dict = field(default_factory=dict)   # sheet -> [Area] in the application's output


def check_available(name: str) -> None:
    """Raise a clear SheetsolverError now if application ``name`` cannot be run here."""
    if name == "libreoffice":
        from . import libreoffice
        libreoffice._require()
    elif name == "excel":
        from . import excel
        excel._xlwings()
    else:
        raise SheetsolverError(f"unknown application {name!r} (choose from {', '.join(BACKENDS)})")


def run_app(name: str, path, cells, *, timeout: float = 180) -> AppResult:
    """Recalculate ``path`` in application ``name``; read back ``cells``."""
    if name == "libreoffice":
        from . import libreoffice
        return libreoffice.recalculated_book(path, cells, timeout=timeout)
    if name == "excel":
        from . import excel
        return excel.recalculated_book(path, cells, timeout=timeout)
    raise SheetsolverError(f"unknown application {name!r} (choose from {', '.join(BACKENDS)})")
