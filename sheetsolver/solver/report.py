"""Excel-style "Answer Report N" worksheets, added to the saved package.

A new sheet needs four edits, all made here as bytes for ``Book.save``: the
worksheet part itself (new, in ``extra_parts``), its ``<Override>`` in
``[Content_Types].xml``, a ``<Relationship>`` in the workbook's rels part and a
``<sheet>`` in ``workbook.xml`` (those three in ``replace_parts``). Every other part
is left byte-identical. Report sheets are appended after the existing sheets so the
``localSheetId`` of every sheet-scoped name (the Solver models themselves) stays valid.
"""
from __future__ import annotations

import datetime as _dt
import posixpath
import re
from xml.sax.saxutils import escape, quoteattr

from ..errors import SheetsolverError
from ..formula.refs import cell_name, quote_sheet

WS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
WS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def report_rows(res, book_name: str) -> list[list]:
    """The report as rows of cells (str | float | None), laid out like Excel's."""
    def num(v):
        return v if isinstance(v, float) else (None if v is None else str(v))
    sense = {"min": "Min", "max": "Max", "value": "Value Of"}[res.sense]
    rows = [["sheetsolver Answer Report"],
            [f"Worksheet: [{book_name}]{res.sheet}"],
            [f"Report Created: {_dt.datetime.now():%d/%m/%Y %H:%M:%S}"],
            [f"Result: {res.message}"],
            ["Solver Engine"],
            [None, f"Engine: {res.engine} (scipy {res.method}; gradients {res.gradient})"],
            [None, f"Solution Time: {res.time:.3f} Seconds."],
            [None, f"Iterations: {res.nit} Function evaluations: {res.nfev} "
                   f"Gradient evaluations: {res.njev}"],
            [],
            [f"Objective Cell ({sense})"],
            [None, "Cell", "Name", "Original Value", "Final Value"],
            [None, _objective_cell(res), res.get("objective_name", ""), num(res.initial_fun),
             num(res.fun)],
            [],
            ["Variable Cells"],
            [None, "Cell", "Name", "Original Value", "Final Value", "Integer"]]
    integer = res.get("integer")
    names = res.get("variable_names") or [""] * len(res.cells)
    for i, (addr, a, b) in enumerate(zip(res.cells, res.variables_original,
                                         res.variables_final)):
        kind = (res.get("kinds") or [])[i] if res.get("kinds") else \
            ("Integer" if integer is not None and integer[i] else "Contin")
        rows.append([None, _dollar(addr), names[i], float(a), float(b), kind])
    rows += [[], ["Constraints"],
             [None, "Cell", "Name", "Cell Value", "Formula", "Status", "Slack"]]
    for c in res.constraints:
        rows.append([None, _dollar(c["cell"]), c.get("name", ""), num(c["value"]), c["formula"],
                     c["status"], c["slack"]])
    if not res.constraints:
        rows.append([None, "NONE"])
    return rows


def _header(title, res, book_name):
    return [[f"sheetsolver {title}"], [f"Worksheet: [{book_name}]{res.sheet}"],
            [f"Report Created: {_dt.datetime.now():%d/%m/%Y %H:%M:%S}"], []]


def _dollar(addr):
    return re.sub(r"([A-Z]+)([0-9]+)$", r"$\1$\2", addr.split("!")[-1])


def _objective_cell(res) -> str:
    """$B$1, or Risk!$B$1 when the objective sits on another sheet than the model."""
    sheet = getattr(getattr(res.get("model"), "objective", None), "sheet", res.sheet)
    cell = _dollar(res.objective)
    return cell if sheet == res.sheet else f"{quote_sheet(sheet)}!{cell}"


def sensitivity_rows(res, book_name: str) -> list[list]:
    """Excel's Sensitivity Report: variable cells (final value, reduced cost, objective
    coefficient, allowable increase/decrease) and constraints (final value, shadow
    price, right side, allowable increase/decrease); 1E+30 means unlimited."""
    s = res.sensitivity
    rows = _header("Sensitivity Report", res, book_name) + [
        ["Variable Cells"],
        [None, "Cell", "Name", "Final Value", "Reduced Cost", "Objective Coefficient",
         "Allowable Increase", "Allowable Decrease"]]
    for v in s["variables"]:
        rows.append([None, _dollar(v["cell"]), v["name"], v["final"], v["reduced_cost"],
                     v["objective_coefficient"], v["allowable_increase"],
                     v["allowable_decrease"]])
    rows += [[], ["Constraints"],
             [None, "Cell", "Name", "Final Value", "Shadow Price", "Constraint R.H. Side",
              "Allowable Increase", "Allowable Decrease"]]
    for c in s["constraints"]:
        rows.append([None, _dollar(c["cell"]), c["name"], _num(c["final"]), c["shadow_price"],
                     _num(c["rhs"]), c["allowable_increase"], c["allowable_decrease"]])
    return rows


def limits_rows(res, book_name: str) -> list[list]:
    """Excel's Limits Report: the objective, then per variable cell its value, lower
    and upper limits and the objective's value at each."""
    rows = _header("Limits Report", res, book_name) + [
        [None, "Objective"], [None, "Cell", "Name", "Value"],
        [None, _objective_cell(res), res.get("objective_name", ""), _num(res.fun)], [],
        [None, "Variable", None, None, None, "Lower", "Objective", None, "Upper",
         "Objective"],
        [None, "Cell", "Name", "Value", None, "Limit", "Result", None, "Limit", "Result"]]
    for v in res.limits:
        rows.append([None, _dollar(v["cell"]), v["name"], v["value"], None, float(v["lower"]),
                     _num(v["lower_objective"]), None, float(v["upper"]),
                     _num(v["upper_objective"])])
    return rows


def _num(v):
    return v if isinstance(v, float) else (None if v is None else str(v))


def sheet_xml(rows) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<cols><col min="1" max="1" width="3" customWidth="1"/>'
           '<col min="2" max="7" width="16" customWidth="1"/></cols><sheetData>']
    for r, row in enumerate(rows, 1):
        cells = []
        for c, v in enumerate(row, 1):
            if v is None or v == "":
                continue
            ref = cell_name(r, c)
            if isinstance(v, float):
                cells.append(f'<c r="{ref}"><v>{v!r}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">'
                             f'{escape(str(v))}</t></is></c>')
        if cells:
            out.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out).encode("utf-8")


def _workbook_part(pkg) -> str:
    rels = pkg.data.get("_rels/.rels", b"").decode("utf-8")
    for m in re.finditer(r"<Relationship\b[^>]*>", rels):
        tag = m.group(0)
        if OFFICE_DOC in tag:
            return re.search(r'Target="([^"]+)"', tag).group(1).lstrip("/")
    return "xl/workbook.xml"


def add_reports(book, results) -> tuple[list, dict, list[str]]:
    """(extra_parts, replace_parts, sheet names) adding per result an Answer Report, a
    Sensitivity Report (linear models) and a Limits Report (when computed)."""
    pkg = book.wb.package
    wb_part = _workbook_part(pkg)
    wb_dir = posixpath.dirname(wb_part)
    rels_part = posixpath.join(wb_dir, "_rels", posixpath.basename(wb_part) + ".rels")
    wb_xml = pkg.data[wb_part].decode("utf-8")
    rels_xml = pkg.data[rels_part].decode("utf-8")
    ct_xml = pkg.data["[Content_Types].xml"].decode("utf-8")
    m = re.search(r'xmlns:(\w+)="' + re.escape(R_NS) + '"', wb_xml)
    if not m or "</sheets>" not in wb_xml:
        raise SheetsolverError("cannot add a report sheet: workbook.xml has an unexpected form",
                               file=book.path)
    rp = m.group(1)
    ids = [int(x) for x in re.findall(r'Id="rId(\d+)"', rels_xml)] or [0]
    sheet_ids = [int(x) for x in re.findall(r'<sheet\b[^>]*\bsheetId="(\d+)"', wb_xml)] or [0]
    names = {s.name.lower() for s in book.wb.sheets}
    extra, created = [], []
    book_name = posixpath.basename(str(book.path))
    sheets = []
    for res in results:
        sheets.append(("Answer Report", report_rows(res, book_name)))
        if res.get("sensitivity"):
            sheets.append(("Sensitivity Report", sensitivity_rows(res, book_name)))
        if res.get("limits"):
            sheets.append(("Limits Report", limits_rows(res, book_name)))
    counters = {}
    for title, rows in sheets:
        k = counters.get(title, 1)
        while f"{title.lower()} {k}" in names:
            k += 1
        counters[title] = k + 1
        name = f"{title} {k}"
        names.add(name.lower())
        n = 1
        while posixpath.join(wb_dir, f"worksheets/sheet{n}.xml") in pkg.data or \
                any(p == posixpath.join(wb_dir, f"worksheets/sheet{n}.xml") for p, _ in extra):
            n += 1
        part = posixpath.join(wb_dir, f"worksheets/sheet{n}.xml")
        extra.append((part, sheet_xml(rows)))
        rid = f"rId{max(ids) + 1}"
        ids.append(max(ids) + 1)
        sid = max(sheet_ids) + 1
        sheet_ids.append(sid)
        rels_xml = rels_xml.replace(
            "</Relationships>", f'<Relationship Id="{rid}" Type="{WS_REL}" '
                                f'Target="worksheets/sheet{n}.xml"/></Relationships>')
        wb_xml = wb_xml.replace(
            "</sheets>", f'<sheet name={quoteattr(name)} sheetId="{sid}" {rp}:id="{rid}"/>'
                         "</sheets>")
        ct_xml = ct_xml.replace("</Types>", f'<Override PartName="/{part}" '
                                            f'ContentType="{WS_TYPE}"/></Types>')
        created.append(name)
    replace = {wb_part: wb_xml.encode("utf-8"), rels_part: rels_xml.encode("utf-8"),
               "[Content_Types].xml": ct_xml.encode("utf-8")}
    return extra, replace, created
