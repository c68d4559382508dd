"""Write a corpus model as Excel stores it: openpyxl cells, the model's sheet-scoped
hidden solver_* names (localSheetId of the model's sheet), workbook-level names."""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.workbook.defined_name import DefinedName

DEFAULTS = {"solver_neg": "1", "solver_eng": "1", "solver_typ": "2", "solver_num": "0",
            "solver_cvg": "0.0001", "solver_pre": "0.000001", "solver_msl": "2",
            "solver_itr": "2147483647", "solver_tim": "2147483647", "solver_val": "0",
            "solver_tol": "0.01", "solver_ssz": "100", "solver_rlx": "2", "solver_rsd": "0",
            "solver_scl": "1", "solver_rbv": "1", "solver_drv": "1", "solver_est": "1",
            "solver_nwt": "1", "solver_nod": "2147483647", "solver_mip": "2147483647",
            "solver_ver": "3"}


def write(path, spec: dict):
    """spec: sheets {name: {A1: value}}, sheet (the model's), solver {name: text},
    names {workbook-level name: text}, sheet_names {sheet: {sheet-scoped name: text}},
    hidden [sheets], active (the sheet selected on opening), solver_scope ("workbook":
    the solver_* names without a sheet scope, as some generators write them); the first
    sheet is a notes sheet so that the model's localSheetId is not 0."""
    wb = Workbook()
    notes = wb.active
    notes.title = "notes"
    notes["A1"] = spec.get("title", "")
    for name, cells in spec["sheets"].items():
        ws = wb.create_sheet(name)
        for ref, v in cells.items():
            ws[ref] = v
    for name, ranges in spec.get("merged", {}).items():
        for rng in ranges:
            wb[name].merge_cells(rng)
    ws = wb[spec["sheet"]]
    solver = dict(DEFAULTS)
    solver.update(spec["solver"])
    scope = wb if spec.get("solver_scope") == "workbook" else ws
    for k, v in solver.items():
        if v is None:          # a name this Excel version did not write
            continue
        scope.defined_names[k] = DefinedName(k, attr_text=str(v), hidden=True)
    for k, v in spec.get("names", {}).items():
        wb.defined_names[k] = DefinedName(k, attr_text=v)
    for name, scoped in spec.get("sheet_names", {}).items():
        for k, v in scoped.items():
            wb[name].defined_names[k] = DefinedName(k, attr_text=v)
    for name in spec.get("hidden", ()):
        wb[name].sheet_state = "hidden"
    if spec.get("active"):
        wb.active = wb.sheetnames.index(spec["active"])
    wb.save(path)
    return path
