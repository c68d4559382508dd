"""Structured references to Excel tables, turned into ordinary A1 references.

``Table1[Price]``, ``Table1[[#This Row],[Price]]`` (how Excel stores ``[@Price]``),
``Table1[#Totals]``, ``Table1[[#Headers],[Price]]``, ``Table1[#All]``,
``Table1[[Col1]:[Col3]]``, ``Table1[@]`` and ``Table1`` alone (the data body) become
``'Sheet'!$B$2:$B$9``-style text. ``#This Row`` depends on the formula's row, so it is
written with a relative row (``$B5``): moving a shared formula keeps it right.
What Excel gives ``#REF!`` for (``#Totals`` of a table without a totals row, an unknown
column) becomes ``#REF!``; ``#This Row`` outside the table's rows becomes ``#VALUE!``.
"""
from __future__ import annotations

from functools import lru_cache

from .refs import index_to_col, quote_sheet

SPECIALS = ("#all", "#data", "#headers", "#totals", "#this row")


class StructuredRefError(ValueError):
    """The bracketed part cannot be read (unbalanced brackets)."""


def bracket_end(text: str, i: int) -> int:
    """Index just past the ``]`` closing the ``[`` at ``text[i]`` (nested brackets,
    ``'`` escapes the next character inside a column name)."""
    depth, k, n = 0, i, len(text)
    while k < n:
        ch = text[k]
        if ch == "'" and depth > 0:
            k += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return k + 1
        k += 1
    raise StructuredRefError(f"unbalanced brackets in {text[i:i + 30]!r}")


def _unescape(name: str) -> str:
    out, k = [], 0
    while k < len(name):
        if name[k] == "'" and k + 1 < len(name):
            k += 1
        out.append(name[k])
        k += 1
    return "".join(out)


def _items(inner: str):
    """``[#This Row],[Price]:[Qty]`` -> [("#this row",), ("price", "qty")]: items separated
    by commas, a colon joining two column items into a span."""
    items, k, n = [], 0, len(inner)
    while k < n:
        ch = inner[k]
        if ch in " ,":
            k += 1
            continue
        if ch == "[":
            e = bracket_end(inner, k)
            items.append(_unescape(inner[k + 1:e - 1]))
            k = e
            continue
        if ch == ":":
            items.append(":")
            k += 1
            continue
        raise StructuredRefError(f"cannot read {inner!r}")
    # join "a", ":", "b" into a span
    out, k = [], 0
    while k < len(items):
        if k + 2 < len(items) and items[k + 1] == ":":
            out.append((items[k], items[k + 2]))
            k += 3
        elif items[k] == ":":
            raise StructuredRefError(f"cannot read {inner!r}")
        else:
            out.append((items[k],))
            k += 1
    return out


def parse_spec(inner: str):
    """The text between a table name's outer brackets -> (set of specials, column span or
    None for all columns). ``@`` is ``#This Row``."""
    inner = inner.strip()
    specials, span = set(), None
    if inner.startswith("@"):
        specials.add("#this row")
        rest = inner[1:].strip()
        if not rest:
            return specials, None
        inner = rest if rest.startswith("[") else "[" + rest + "]"
    if not inner:
        return specials, None
    if not inner.startswith("["):
        inner = "[" + inner + "]"
    for item in _items(inner):
        low = item[0].strip().lower()
        if len(item) == 1 and low in SPECIALS:
            specials.add(low)
        elif len(item) == 1:
            span = (item[0], item[0])
        else:
            span = (item[0], item[1])
    return specials, span


def _a1(col: int, row: int, abs_row: bool = True) -> str:
    return f"${index_to_col(col)}{'$' if abs_row else ''}{row}"


def resolve(table, inner: str | None, host_row: int | None) -> str:
    """A1 text (with the table's sheet) for ``table[inner]``; ``inner`` None is the bare
    table name (its data body). ``host_row`` is the formula's row (None in a defined name,
    where ``#This Row`` cannot be resolved: ``#REF!``)."""
    p = piece(table, inner)
    return p if isinstance(p, str) else p.text(host_row)


class ThisRow:
    """A ``#This Row`` reference before the formula's row is known (see :func:`piece`)."""
    __slots__ = ("table", "sheet", "c1", "c2")

    def __init__(self, table, sheet, c1, c2):
        self.table, self.sheet, self.c1, self.c2 = table, sheet, c1, c2

    def text(self, host_row: int | None) -> str:
        if host_row is None:
            return "#REF!"
        if not self.table.data_r1 <= host_row <= self.table.data_r2:
            return "#VALUE!"
        text = self.sheet + _a1(self.c1, host_row, abs_row=False)
        if self.c2 != self.c1:
            text += ":" + _a1(self.c2, host_row, abs_row=False)
        return text

    __str__ = lambda self: self.text(self.table.data_r1)  # noqa: E731


def piece(table, inner: str | None):
    """``table[inner]`` as A1 text, or a :class:`ThisRow` to be given the formula's row."""
    plan = _plan(table, inner)
    return plan if isinstance(plan, str) else ThisRow(table, *plan)


@lru_cache(maxsize=4096)
def _plan(table, inner: str | None):
    """What ``table[inner]`` is, whatever the formula's row: A1 text, or for ``#This Row``
    (sheet prefix, first column, last column). Cached: a table's calculated column
    repeats one structured reference on every row."""
    specials, span = parse_spec(inner) if inner is not None else (set(), None)
    if span is None:
        c1, c2 = table.c1, table.c2
    else:
        c1, c2 = table.column_index(span[0]), table.column_index(span[1])
        if c1 is None or c2 is None:
            return "#REF!"
        c1, c2 = min(c1, c2), max(c1, c2)
    sheet = quote_sheet(table.sheet) + "!"
    if "#this row" in specials:
        return sheet, c1, c2
    hdr = table.header_rows > 0
    tot = table.totals_rows > 0
    if "#all" in specials:
        r1, r2 = table.r1, table.r2
    else:
        want_h = "#headers" in specials
        want_t = "#totals" in specials
        want_d = "#data" in specials or not (want_h or want_t)
        if (want_h and not hdr and not want_d) or (want_t and not tot and not want_d):
            return "#REF!"
        rows = []
        if want_h and hdr:
            rows += [table.r1, table.data_r1 - 1]
        if want_d:
            rows += [table.data_r1, table.data_r2]
        if want_t and tot:
            rows += [table.data_r2 + 1, table.r2]
        r1, r2 = min(rows), max(rows)
    text = sheet + _a1(c1, r1)
    if (r1, c1) != (r2, c2):
        text += ":" + _a1(c2, r2)
    return text
