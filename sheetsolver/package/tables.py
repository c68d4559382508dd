"""Excel tables (ListObjects) of a workbook package: name, sheet, range, header and totals
rows, column names, read from ``xl/tables/tableN.xml`` through each sheet's relationships.

Formulas refer to them with structured references (``Table1[Price]``); those are turned
into ordinary references by :mod:`sheetsolver.formula.structured`.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..formula.refs import parse_area
from .parts import M, relationships

TABLE_REL = "/table"


@dataclass(frozen=True)
class Table:
    """One table: ``r1..r2 x c1..c2`` is its whole range (headers and totals included)."""
    name: str
    sheet: str
    r1: int
    c1: int
    r2: int
    c2: int
    header_rows: int = 1
    totals_rows: int = 0
    columns: tuple = ()

    @property
    def data_r1(self) -> int:
        return self.r1 + self.header_rows

    @property
    def data_r2(self) -> int:
        return self.r2 - self.totals_rows

    def column_index(self, name: str) -> int | None:
        """Sheet column of the table column called ``name`` (case-insensitive), or None."""
        low = name.strip().casefold()
        for k, n in enumerate(self.columns):
            if n.strip().casefold() == low:
                return self.c1 + k
        return None

    def contains(self, row: int, col: int) -> bool:
        return self.r1 <= row <= self.r2 and self.c1 <= col <= self.c2


def _sheet_table_parts(pkg, part: str) -> list[str]:
    return [t for _, typ, t in relationships(pkg, part) if typ.endswith(TABLE_REL)]


def _column_name(el) -> str:
    # Excel writes line breaks in column names as _x000a_ (an escaped character)
    return (el.get("name") or "").replace("_x000a_", "\n")


def read_tables(pkg, sheets) -> list[Table]:
    """The tables of every worksheet in ``sheets`` (model Sheet objects), in sheet order.
    A table part that cannot be read is skipped: formulas using it stay uncomputable."""
    out = []
    for sh in sheets:
        for part in _sheet_table_parts(pkg, sh.part):
            if not pkg.has(part):
                continue
            try:
                root = pkg.xml(part)
                a = parse_area(root.get("ref"))
                cols = tuple(_column_name(c) for c in root.iter(M + "tableColumn"))
                out.append(Table(
                    name=root.get("displayName") or root.get("name"), sheet=sh.name,
                    r1=a.r1, c1=a.c1, r2=a.r2, c2=a.c2,
                    header_rows=int(root.get("headerRowCount", "1")),
                    totals_rows=int(root.get("totalsRowCount", "0")),
                    columns=cols))
            except (ValueError, TypeError, AttributeError):
                continue
    return out
