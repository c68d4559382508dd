"""The in-memory workbook: sheets, cells, formulas, array ranges and defined names.

This is what the reader produces and what the rest of sheetsolver reads. Cell
coordinates are 1-based ``(row, col)`` tuples.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..formula.refs import Area, cell_name, parse_area, split_areas


class Cell:
    """One cell: its current value and, for formula cells, the formula.

    ``value`` is None (blank), float, str, bool or ExcelError. For a formula cell
    it starts as Excel's cached value. ``array`` is set on the top-left cell of a
    CSE/dynamic array formula (the range it fills); ``array_master`` is set on the
    other cells of that range.

    ``origin`` is ``(tree, row, col)``: the formula is ``tree`` (parsed for the cell
    (row, col)) moved to this cell. The reader gives every copy of one formula (a
    shared formula, a filled-down column) the same origin and moves the tree only when
    :attr:`tree` is read, so the compiler can work once per origin, not once per cell.
    Slots: a big workbook holds hundreds of thousands of cells.
    """
    __slots__ = ("row", "col", "value", "_tree", "origin", "formula_text", "array",
                 "array_master", "shared", "dynamic", "volatile", "problem", "data_table")

    def __init__(self, row: int, col: int, value=None, tree=None, formula_text=None,
                 array=None, array_master=None, shared=False, dynamic=False, volatile=False,
                 problem=None, data_table=None):
        self.row, self.col, self.value = row, col, value
        self._tree, self.origin = tree, None
        self.formula_text = formula_text
        self.array: Area | None = array
        self.array_master: tuple | None = array_master
        self.shared = shared
        self.dynamic = dynamic       # written by Excel as a dynamic-array formula (cm attribute)
        self.volatile = volatile
        self.problem: str | None = problem  # why the formula cannot be read (cached value stays)
        self.data_table: dict | None = data_table  # <f t="dataTable"> (ref, dt2D, dtr, r1, r2)

    @property
    def tree(self):
        """The formula's syntax tree for this cell (None: constant cell)."""
        t = self._tree
        if t is None and self.origin is not None:
            from ..formula.transform import shift
            t0, r0, c0 = self.origin
            t = self._tree = t0 if (r0, c0) == (self.row, self.col) else \
                shift(t0, self.row - r0, self.col - c0)
        return t

    @tree.setter
    def tree(self, t) -> None:
        self._tree, self.origin = t, None

    @property
    def has_tree(self) -> bool:
        """Whether the cell holds a readable formula (without building its tree)."""
        return self._tree is not None or self.origin is not None

    def __repr__(self) -> str:
        return f"Cell({self.ref}, value={self.value!r}, formula={self.formula!r})"

    @property
    def ref(self) -> str:
        return cell_name(self.row, self.col)

    @property
    def is_formula(self) -> bool:
        return self.has_tree or self.array_master is not None or \
            self.problem is not None or self.data_table is not None

    @property
    def formula(self) -> str | None:
        """Formula text (shared formulas expanded for this cell), without '='."""
        if not self.has_tree:
            return self.formula_text
        if self.formula_text is None:
            from ..formula.transform import to_text
            self.formula_text = to_text(self.tree)
        return self.formula_text


@dataclass
class Sheet:
    name: str
    index: int
    part: str
    codename: str | None = None
    cells: dict = field(default_factory=dict)       # (row, col) -> Cell
    state: str = "visible"

    def cell(self, ref: str) -> Cell | None:
        a = parse_area(ref)
        return self.cells.get((a.r1, a.c1))

    def value(self, ref: str):
        c = self.cell(ref)
        return None if c is None else c.value

    @property
    def formula_cells(self):
        return [c for c in self.cells.values() if c.has_tree]

    @property
    def max_row(self) -> int:
        return max((r for r, _ in self.cells), default=0)

    @property
    def max_col(self) -> int:
        return max((c for _, c in self.cells), default=0)


@dataclass
class DefinedName:
    name: str
    text: str
    sheet_index: int | None = None   # localSheetId: None for workbook scope
    hidden: bool = False

    def areas(self, sheets: list) -> list[Area]:
        """The areas the name refers to (raises ValueError if it is not a plain reference)."""
        default = sheets[self.sheet_index].name if self.sheet_index is not None else None
        return [parse_area(p, default) for p in split_areas(self.text)]


@dataclass
class Workbook:
    path: str
    package: object
    sheets: list = field(default_factory=list)
    names: list = field(default_factory=list)
    sheet_parts: dict = field(default_factory=dict)    # sheet name -> part name
    has_macros: bool = False
    calc: dict = field(default_factory=dict)    # <calcPr> attributes (iterate, iterateCount, ...)
    date1904: bool = False       # <workbookPr date1904="1">: serial 0 is 1904-01-01
    tables: list = field(default_factory=list)          # package.tables.Table
    external_books: dict = field(default_factory=dict)  # [n] -> package.external.ExternalBook

    @property
    def iterate(self) -> bool:
        """Iterative calculation on (File > Options > Formulas > Enable iterative calculation)."""
        return self.calc.get("iterate") in ("1", "true")

    @property
    def iterate_count(self) -> int:
        return int(float(self.calc.get("iterateCount", 100)))

    @property
    def iterate_delta(self) -> float:
        return float(self.calc.get("iterateDelta", 0.001))

    def sheet(self, name: str) -> Sheet:
        for s in self.sheets:
            if s.name == name:
                return s
        low = name.lower()
        for s in self.sheets:  # Excel sheet names are case-insensitive
            if s.name.lower() == low:
                return s
        from ..errors import SheetsolverError
        raise SheetsolverError(f"no sheet named {name!r} (sheets: "
                               f"{', '.join(s.name for s in self.sheets)})", file=self.path)

    def has_sheet(self, name: str) -> bool:
        return any(s.name.lower() == name.lower() for s in self.sheets)

    def defined_name(self, name: str, sheet: str | None = None) -> DefinedName | None:
        """Resolve ``name`` as Excel does: a name scoped to ``sheet`` wins over a
        workbook-level one."""
        low = name.lower()
        idx = None
        if sheet is not None and self.has_sheet(sheet):
            idx = self.sheet(sheet).index
        glob = None
        for n in self.names:
            if n.name.lower() != low:
                continue
            if n.sheet_index is not None and n.sheet_index == idx:
                return n
            if n.sheet_index is None:
                glob = n
        return glob

    def names_of_sheet(self, sheet: str) -> dict:
        """Sheet-scoped names of ``sheet`` (name -> DefinedName)."""
        idx = self.sheet(sheet).index
        return {n.name: n for n in self.names if n.sheet_index == idx}

    def value(self, ref: str, sheet: str | None = None):
        a = parse_area(ref, sheet)
        return self.sheet(a.sheet).cells.get((a.r1, a.c1), Cell(a.r1, a.c1)).value
