"""A1-style cell and area addresses: parsing and formatting.

Rows and columns are 1-based, as in Excel. An :class:`Area` is a rectangle on one
sheet (``sheet`` may be ``None`` for "the sheet the formula lives on").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

MAX_ROW = 1_048_576
MAX_COL = 16_384

_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")


def col_to_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def index_to_col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


COLUMN_INDEX: dict = {}   # column letters -> index, filled by column_index: a workbook names
                          # a few columns many times (the reader's per-cell path reads it too)


def column_index(letters: str) -> int:
    """``col_to_index`` of column letters, cached."""
    c = COLUMN_INDEX.get(letters)
    if c is None:
        c = COLUMN_INDEX[letters] = col_to_index(letters)
    return c


def parse_cell(ref: str) -> tuple[int, int]:
    """'B7' or '$B$7' -> (7, 2)."""
    m = _CELL.match(ref.strip())
    if not m:
        raise ValueError(f"not a cell address: {ref!r}")
    letters, digits = m.groups()
    return int(digits), column_index(letters)


def cell_name(row: int, col: int) -> str:
    return f"{index_to_col(col)}{row}"


@dataclass(frozen=True)
class Area:
    """A rectangle r1..r2 x c1..c2 (inclusive, 1-based) on ``sheet``."""
    sheet: str | None
    r1: int
    c1: int
    r2: int
    c2: int

    @property
    def height(self) -> int:
        return self.r2 - self.r1 + 1

    @property
    def width(self) -> int:
        return self.c2 - self.c1 + 1

    @property
    def size(self) -> int:
        return self.height * self.width

    def cells(self):
        for r in range(self.r1, self.r2 + 1):
            for c in range(self.c1, self.c2 + 1):
                yield r, c

    def contains(self, row: int, col: int) -> bool:
        return self.r1 <= row <= self.r2 and self.c1 <= col <= self.c2

    def a1(self, with_sheet: bool = True) -> str:
        a = cell_name(self.r1, self.c1)
        if (self.r1, self.c1) != (self.r2, self.c2):
            a += ":" + cell_name(self.r2, self.c2)
        if with_sheet and self.sheet is not None:
            return f"{quote_sheet(self.sheet)}!{a}"
        return a

    def __str__(self) -> str:
        return self.a1()


def quote_sheet(name: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name) and not _CELL.match(name):
        return name
    return "'" + name.replace("'", "''") + "'"


def split_sheet(text: str) -> tuple[str | None, str]:
    """"'My sheet'!A1:B2" -> ("My sheet", "A1:B2"); "A1" -> (None, "A1")."""
    text = text.strip()
    if "!" not in text:
        return None, text
    s, _, rest = text.rpartition("!")
    if s.startswith("'") and s.endswith("'"):
        s = s[1:-1].replace("''", "'")
    return s, rest


def parse_area(text: str, default_sheet: str | None = None) -> Area:
    """'Sheet1!$A$1:$B$2', 'A1', "'My sheet'!C3" -> Area."""
    sheet, text = split_sheet(text)
    sheet = sheet if sheet is not None else default_sheet
    a, _, b = text.partition(":")
    r1, c1 = parse_cell(a)
    r2, c2 = parse_cell(b) if b else (r1, c1)
    return Area(sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))


def split_areas(text: str) -> list[str]:
    """Split 'a!$A$1:$B$2,a!$C$3' on top-level commas (not inside quotes)."""
    parts, cur, q = [], "", False
    for ch in text:
        if ch == "'":
            q = not q
        if ch == "," and not q:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    if cur:
        parts.append(cur)
    return [p.strip() for p in parts if p.strip()]
