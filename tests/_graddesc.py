"""Test helper: a graddesc tab as Excel saved it, read with the independent stdlib reader."""
from __future__ import annotations

from _xlsx_values import read_sheet
from sheetsolver.reference import INPUT_CELLS

_files: dict = {}


def file_tab(tab: str, path):
    """(cells, x, y, state) of a tab as saved by Excel (x, y: rows 4..32; state: the
    inputs the macros feed back, and basic's error log)."""
    key = (str(path), tab)
    if key not in _files:
        cells = read_sheet(path, tab)
        x = [cells[f"A{r}"].value for r in range(4, 33)]
        y = [cells[f"B{r}"].value for r in range(4, 33)]
        state = {k: cells[ref].value for k, ref in INPUT_CELLS[tab].items()}
        if tab == "basic":
            state["rmses"] = [cells[f"C{r}"].value for r in range(38, 43)]
        _files[key] = (cells, x, y, state)
    return _files[key]
