"""Read a workbook package into the :mod:`model`, without openpyxl.

We read the parts ourselves (openpyxl 3.1.5 crashes on the course workbooks' pivot
caches, and a lossless writer needs the raw parts anyway). Shared formulas are
expanded per cell, CSE/dynamic array formulas keep their ranges, and every formula
cell keeps Excel's cached value. Sheet parts in the plain form every writer uses are
read straight from their bytes (:mod:`.sheet_scan`), the others with ElementTree.
"""
from __future__ import annotations

import re
from itertools import chain

from ..errors import SheetsolverError
from ..formula.parse_cache import parse_origin
from ..formula.parser import FormulaSyntaxError
from ..formula.refs import COLUMN_INDEX, parse_area, parse_cell
from ..gc_pause import paused_gc
from . import sheet_scan
from .model import Cell, DefinedName, Sheet, Workbook
from .parts import M, R, relationships, typed_value
from .zipsafe import Package, open_package


def load_workbook(path) -> Workbook:
    """Load ``path`` (.xlsx/.xlsm). Raises SheetsolverError naming file/sheet/cell."""
    pkg = open_package(path)
    with paused_gc():   # many small objects, no cycles: the collector only costs time here
        return read_package(pkg)


def _rels(pkg: Package, part: str) -> dict:
    """{relationship id: part name} of ``part``'s internal relationships."""
    return {rid: target for rid, _, target in relationships(pkg, part)}


def shared_strings(pkg: Package) -> list:
    name = "xl/sharedStrings.xml"
    if not pkg.has(name):
        return []
    out = []
    for si in pkg.xml(name).iter(M + "si"):
        # rich text runs: concatenate <t> of <r>, skip phonetic runs <rPh>
        parts = []
        for el in si:
            if el.tag == M + "t":
                parts.append(el.text or "")
            elif el.tag == M + "r":
                t = el.find(M + "t")
                parts.append(t.text or "" if t is not None else "")
        out.append("".join(parts))
    return out


def read_package(pkg: Package) -> Workbook:
    wbx = pkg.xml("xl/workbook.xml")
    rels = _rels(pkg, "xl/workbook.xml")
    wb = Workbook(path=pkg.path, package=pkg)
    wb.has_macros = pkg.has("xl/vbaProject.bin")
    sheets_el = wbx.find(M + "sheets")
    for i, s in enumerate(sheets_el if sheets_el is not None else []):
        rid = s.get(R + "id")
        part = rels.get(rid)
        if part is None or not pkg.has(part):
            raise SheetsolverError(f"sheet {s.get('name')!r} points to a missing part",
                                   file=pkg.path)
        sh = Sheet(name=s.get("name"), index=i, part=part, state=s.get("state", "visible"))
        wb.sheets.append(sh)
        wb.sheet_parts[sh.name] = part
    dn = wbx.find(M + "definedNames")
    for d in (dn if dn is not None else []):
        lid = d.get("localSheetId")
        wb.names.append(DefinedName(d.get("name"), d.text or "",
                                    int(lid) if lid is not None else None,
                                    d.get("hidden") in ("1", "true")))
    calc = wbx.find(M + "calcPr")
    if calc is not None:
        wb.calc = dict(calc.attrib)
    strings = shared_strings(pkg)
    dynamic = dynamic_array_metadata(pkg)
    from .formula_context import prepare   # tables, 3-D and external references, 1904
    fix = prepare(pkg, wb, wbx, rels)
    for sh in wb.sheets:
        if "worksheet" not in _content_type(pkg, sh.part):
            continue  # chartsheets and dialog sheets hold no cells
        _read_sheet(pkg, sh, strings, dynamic, fix)
    return wb


XDA = "{http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray}"


def dynamic_array_metadata(pkg: Package):
    """The ``cm`` values (cell metadata indexes, 1-based) that mark a dynamic-array
    formula (xl/metadata.xml, XLDAPR with fDynamic="1"); None when the part is absent
    (then any ``cm`` on an array formula is taken as dynamic)."""
    name = "xl/metadata.xml"
    if not pkg.has(name):
        return None
    root = pkg.xml(name)
    types = [t.get("name") for t in root.iter(M + "metadataType")]
    future = {}
    for fm in root.iter(M + "futureMetadata"):
        flags = []
        for bk in fm.findall(M + "bk"):
            p = next(bk.iter(XDA + "dynamicArrayProperties"), None)
            flags.append(p is not None and p.get("fDynamic") in ("1", "true"))
        future[fm.get("name")] = flags
    out = set()
    cm = root.find(M + "cellMetadata")
    for k, bk in enumerate(cm.findall(M + "bk") if cm is not None else (), start=1):
        for rc in bk.iter(M + "rc"):
            try:
                tname = types[int(rc.get("t")) - 1]
                flags = future.get(tname, [])
                if tname == "XLDAPR" and flags[int(rc.get("v"))]:
                    out.add(str(k))
            except (TypeError, ValueError, IndexError):
                continue
    return out


def _content_type(pkg: Package, part: str) -> str:
    ct = pkg.xml("[Content_Types].xml")
    for o in ct:
        if o.tag.endswith("Override") and o.get("PartName", "").lstrip("/") == part:
            return o.get("ContentType", "")
    return "worksheet"


_ROW_TAGS = (M + "row", M + "sheetPr")
WHOLE_PART_BYTES = 2 << 20   # a sheet part up to this size is parsed as one tree


def _rows(pkg: Package, sh: Sheet):
    """The ``<row>`` elements of a sheet part; each is dropped once the caller has read
    it. Sets the sheet's code name (``<sheetPr codeName>``). A part of at most
    WHOLE_PART_BYTES is parsed whole (its rows found by ElementTree in C: reading is ~15%
    faster than streaming; a few tens of MB at most); a bigger one is streamed."""
    row_tag = M + "row"
    if len(pkg.read(sh.part)) <= WHOLE_PART_BYTES:
        root = pkg.xml(sh.part)
        pr = root.find(M + "sheetPr")
        if pr is not None:
            sh.codename = pr.get("codeName")
        for el in root.iter(row_tag):
            yield el
            el.clear()
        return
    for el in pkg.elements(sh.part, _ROW_TAGS):
        if el.tag != row_tag:
            sh.codename = el.get("codeName")
            continue
        yield el
        el.clear()


_DIGITS = "0123456789"


def _address(ref, pkg: Package, sh: Sheet) -> tuple[int, int]:
    """(row, col) of a ``<c r="...">`` address that :func:`_fill_sheet`'s per-cell fast
    path did not read (a column seen for the first time, anything unusual)."""
    try:
        row, col = parse_cell(ref)
    except (ValueError, TypeError, AttributeError):
        raise SheetsolverError(f"cell without a valid address ({ref!r})", file=pkg.path,
                               sheet=sh.name)
    return row, col


FAST_SCAN = True   # plain sheet parts read by sheet_scan (tests turn it off to compare)


def _read_sheet(pkg: Package, sh: Sheet, strings: list, dynamic=None, fix=None) -> None:
    """The cells of one sheet part: straight from its bytes (:mod:`.sheet_scan`) when the
    part is in the plain common form, else from ElementTree's elements; both give the
    same cells. A part parsed whole by ElementTree (at most WHOLE_PART_BYTES) is also
    scanned whole before any cell is made, so a malformed part reports the same error."""
    if FAST_SCAN:
        try:
            codename, pieces = sheet_scan.scan(pkg.read(sh.part))
            if len(pkg.read(sh.part)) <= WHOLE_PART_BYTES:
                pieces = list(pieces)
            _fill_sheet(pkg, sh, chain.from_iterable(pieces), strings, dynamic, fix)
            if codename is not None:
                sh.codename = codename
            return
        except sheet_scan.NotPlain:
            sh.cells.clear()
    _fill_sheet(pkg, sh, _element_cells(pkg, sh), strings, dynamic, fix)


def _element_cells(pkg: Package, sh: Sheet):
    """(ref, t, cm, value text, :func:`~.sheet_scan.formula_kind` of the ``<f>`` or None,
    formula text) of each ``<c>``, read with ElementTree (each ``<row>`` is dropped once
    read)."""
    c_tag, v_tag, f_tag, t_tag = M + "c", M + "v", M + "f", M + "t"
    for c in chain.from_iterable(_rows(pkg, sh)):   # (each row's cells walked in C)
        if c.tag != c_tag:
            continue
        t = c.get("t")
        if t == "inlineStr":
            v = "".join(x.text or "" for x in c.iter(t_tag))
        else:
            ve = c.find(v_tag)
            v = None if ve is None else ve.text or ""
        fe = c.find(f_tag)
        yield (c.get("r"), t, c.get("cm"), v, None, None) if fe is None else \
            (c.get("r"), t, c.get("cm"), v, sheet_scan.formula_kind(fe.attrib), fe.text)


def _fill_sheet(pkg: Package, sh: Sheet, items, strings: list, dynamic, fix) -> None:
    """Make the cells of ``sh`` from ``items`` (see :func:`_element_cells`).

    A formula cell keeps the *origin* of its tree (see :class:`~.model.Cell`): every copy
    of a shared formula, and every cell whose formula has an R1C1 form parsed before,
    shares its origin's tree, which is moved to the cell only when it is read."""
    def origin(text, row, col):
        # structured/3-D/external references made ordinary first (formula_context)
        return parse_origin(text if fix is None else fix(text, sh.name, row, col), row, col)
    masters = {}  # si -> origin (tree, row, col), or the master Cell when it is unreadable
    pending = []  # shared-formula followers seen before their master (rare)
    arrays = []
    tables = []
    cells, columns, digits = sh.cells, COLUMN_INDEX, _DIGITS
    for ref, t, cm, v, kind, text in items:
        try:   # :func:`_address`'s common case inline (it is per cell)
            letters = ref.rstrip(digits)
            row, col = int(ref[len(letters):]), columns[letters]
        except (AttributeError, KeyError, ValueError):
            row, col = _address(ref, pkg, sh)
        try:
            value = float(v) if t is None and v else typed_value(t, v, strings)
        except (ValueError, IndexError):
            raise SheetsolverError(f"cell value {v!r} of type {t or 'n'!r} cannot be read",
                                   file=pkg.path, sheet=sh.name, cell=ref)
        cell = cells[(row, col)] = Cell(row, col, value)
        if kind is None:
            continue
        f, ftype, volatile, si = kind
        if volatile:   # (a new Cell is neither volatile nor dynamic)
            cell.volatile = True
        if cm is not None:
            cell.dynamic = dynamic is None or cm in dynamic
        try:
            if ftype == "shared":
                if text:  # master
                    masters[si] = cell.origin = origin(text, row, col)
                    cell.formula_text, cell.shared = text, True
                else:
                    pending.append((cell, si))
            elif ftype == "array":
                cell.origin, cell.formula_text = origin(text or "", row, col), text
                cell.array = parse_area(f.get("ref") or ref, sh.name)
                arrays.append(cell)
            elif ftype == "dataTable":
                cell.data_table = dict(f)   # (a copy: the element is dropped)
                cell.data_table.setdefault("ref", ref)
                tables.append(cell)
            elif text is not None:
                cell.origin, cell.formula_text = origin(text, row, col), text
        except FormulaSyntaxError as e:
            # kept with Excel's cached value; the engine reports it as uncomputable
            cell.tree, cell.formula_text = None, text
            shown = text if text is None or len(text) <= 60 else text[:57] + "..."
            cell.problem = f"unparseable formula ={shown}: {e}"
            if ftype == "shared" and text:
                masters[si] = cell
            if ftype == "array":
                try:
                    cell.array = parse_area(f.get("ref") or ref, sh.name)
                    arrays.append(cell)
                except ValueError:
                    pass
    for cell, si in pending:
        master = masters.get(si)
        if master is None:
            cell.problem = f"shared formula si={si} has no master cell"
            continue
        cell.shared = True
        if isinstance(master, Cell):   # the master could not be read: nor can its copies
            cell.problem = master.problem
            continue
        cell.origin = master
    for m in arrays:
        for member in _members(sh, m.array, (m.row, m.col)):
            member.array_master = (m.row, m.col)
            member.volatile = m.volatile
    for t in tables:
        try:
            a = parse_area(t.data_table["ref"], sh.name)
        except ValueError:
            t.problem = f"data table with an unreadable range {t.data_table['ref']!r}"
            continue
        for member in _members(sh, a, (t.row, t.col)):
            member.data_table = {"member_of": (t.row, t.col)}


def _members(sh, area, master):
    """The cells of ``area`` on ``sh`` other than ``master`` (row, col), made blank
    where the sheet has none: the members of an array formula or a data table."""
    for r in range(area.r1, area.r2 + 1):
        for c in range(area.c1, area.c2 + 1):
            if (r, c) == master:
                continue
            member = sh.cells.get((r, c))
            if member is None:
                member = sh.cells[(r, c)] = Cell(r, c, None)
            yield member


_SOLVER = re.compile(r"^solver_", re.I)
