"""Tiny stdlib-only reader of cell values and formulas in one sheet of an .xlsx/.xlsm.

Used by the tests to compare against Excel's cached values without touching the
project's own package reader (so a bug there cannot hide a bug here). Handles
shared strings, numbers, booleans, inline strings, error values and shared
formulas (the anchor's text is translated to each member cell by shifting its
relative references).
"""
from __future__ import annotations

import re
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import PurePosixPath

# column letters <-> numbers: pure A1 arithmetic, shared with the package (no reader code)
from sheetsolver.formula.refs import col_to_index as col_index  # noqa: F401  'AA' -> 27
from sheetsolver.formula.refs import index_to_col as col_letters  # noqa: F401  27 -> 'AA'

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "pr": "http://schemas.openxmlformats.org/package/2006/relationships"}
_REF = re.compile(r"^([A-Z]+)([0-9]+)$")
# a string literal (left alone) or an A1 reference not glued to a name/number ("1E5", "LOG10(")
_TOKEN = re.compile(r'"[^"]*"|(?<![0-9A-Za-z_.])(\$?)([A-Z]{1,3})(\$?)([0-9]+)(?![0-9A-Za-z_(])')




def split_ref(ref: str) -> tuple[str, int]:
    m = _REF.match(ref.replace("$", ""))
    if not m:
        raise ValueError(f"not a cell reference: {ref!r}")
    return m.group(1), int(m.group(2))


@dataclass
class Cell:
    """One stored cell: cached value (float/str/bool/None) and formula text or None."""
    value: object
    formula: str | None = None


def _shift(formula: str, dcol: int, drow: int) -> str:
    def sub(m: re.Match) -> str:
        if m.group(2) is None:  # string literal
            return m.group(0)
        cabs, col, rabs, row = m.groups()
        if not cabs:
            col = col_letters(col_index(col) + dcol)
        if not rabs:
            row = str(int(row) + drow)
        return f"{cabs}{col}{rabs}{row}"
    return _TOKEN.sub(sub, formula)


def _sheet_path(zf: zipfile.ZipFile, sheet: str) -> str:
    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("pr:Relationship", _NS)}
    for s in wb.findall("m:sheets/m:sheet", _NS):
        if s.get("name") == sheet:
            target = targets[s.get(f"{{{_NS['r']}}}id")]
            return target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
    raise KeyError(f"no sheet named {sheet!r}")


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    try:
        root = ET.fromstring(zf.read("xl/sharedStrings.xml"))
    except KeyError:
        return []
    return ["".join(t.text or "" for t in si.iter(f"{{{_NS['m']}}}t")) for si in root.findall("m:si", _NS)]


def read_sheet(path, sheet: str) -> dict[str, Cell]:
    """Return {'A1': Cell(value, formula)} for every stored cell of `sheet`."""
    with zipfile.ZipFile(path) as zf:
        strings = _shared_strings(zf)
        root = ET.fromstring(zf.read(_sheet_path(zf, sheet)))
    cells: dict[str, Cell] = {}
    anchors: dict[str, tuple[str, str]] = {}  # si -> (anchor ref, formula)
    for c in root.iter(f"{{{_NS['m']}}}c"):
        ref, typ = c.get("r"), c.get("t", "n")
        v = c.find("m:v", _NS)
        raw = v.text if v is not None else None
        if typ == "s":
            value = strings[int(raw)]
        elif typ == "b":
            value = raw == "1"
        elif typ in ("str", "e"):
            value = raw
        elif typ == "inlineStr":
            value = "".join(t.text or "" for t in c.iter(f"{{{_NS['m']}}}t"))
        else:
            value = float(raw) if raw is not None else None
        formula = None
        f = c.find("m:f", _NS)
        if f is not None:
            if f.get("t") == "shared":
                si = f.get("si")
                if f.text:
                    anchors[si] = (ref, f.text)
                    formula = f.text
                else:
                    aref, atext = anchors[si]
                    (ac, ar), (cc, cr) = split_ref(aref), split_ref(ref)
                    formula = _shift(atext, col_index(cc) - col_index(ac), cr - ar)
            else:
                formula = f.text or ""
        cells[ref] = Cell(value, formula)
    return cells


def defined_names(path) -> dict[tuple[str, int | None], str]:
    """{(name, localSheetId or None): 'Sheet!$A$1'} from xl/workbook.xml."""
    with zipfile.ZipFile(path) as zf:
        wb = ET.fromstring(zf.read("xl/workbook.xml"))
    out = {}
    for d in wb.findall("m:definedNames/m:definedName", _NS):
        lid = d.get("localSheetId")
        out[(d.get("name"), int(lid) if lid is not None else None)] = d.text
    return out
