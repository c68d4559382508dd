"""The harness of the peer-engine test cases (IronCalc's unit tests as sheets, issue 9
follow-up): read a case file of tests/peer_cases/, write every case's sheet the way
IronCalc's ``_set`` types its input, recalculate once, and give each test module its
per-cell test and the check of its listed differences from IronCalc.

A case file holds one JSON object a line ("#" starts a comment line, blank lines are
skipped): a case ``{"file": IronCalc test file, "cells": {cell: typed text}, "shows":
{cell: text Excel shows, or [value, tolerance]}}`` or a difference ``{"cell", "formula":
the cell's or the spilling formula, "ironcalc": the text IronCalc's test expects, "why":
why the case expects another (Excel's)}``. A cell "Sheet2!A1" is a cell of another sheet,
"A1:A3" a CSE array formula over the range.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

FOLDER = Path(__file__).with_name("peer_cases")


class Case(NamedTuple):
    file: str       # the IronCalc test file (base/src/test/<file>)
    cells: dict     # {cell: text as typed in}
    shows: dict     # {cell: text Excel shows, or (value, tolerance)}


class Difference(NamedTuple):
    cell: str
    formula: str    # the cell's formula, or the formula spilling into it
    ironcalc: str   # the text IronCalc's test expects there
    why: str        # why the case expects Excel's text instead


def read_cases(name: str) -> tuple[list[Case], list[Difference]]:
    """The cases and differences of tests/peer_cases/<name>, in file order."""
    cases, differences = [], []
    path = FOLDER / name
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            item = json.loads(line)
            if "file" in item:
                shows = {ref: tuple(w) if isinstance(w, list) else w
                         for ref, w in item.pop("shows").items()}
                cases.append(Case(shows=shows, **item))
            else:
                differences.append(Difference(**item))
        except (ValueError, TypeError, KeyError) as e:
            raise ValueError(f"{path}:{n}: neither a case nor a difference ({e})") from e
    return cases, differences


def cell_spec(ref: str, text: str):
    """A cell for _raw_book.write_book as IronCalc's ``_set`` reads ``text``: a formula
    (saved as an Excel 365 dynamic array, so array results spill), "'..." text, a
    logical, a number, else text."""
    from sheetsolver.rules import parse_number
    if text.startswith("="):
        return {"f": text[1:], "t": "array", "fref": ref, "cm": 1}
    if text.startswith("'"):
        return text[1:]
    if text.startswith("#"):           # write_book writes "#..." as an error
        return {"f": '"' + text + '"'}
    if text.upper() in ("TRUE", "FALSE"):
        return text.upper() == "TRUE"
    v = parse_number(text, dates=False)
    return text if v is None else v


def case_sheets(case: Case, main: str) -> dict:
    """{sheet: {cell: spec}} of a case: its cells on sheet ``main`` unless named."""
    sheets = {main: {}}
    for ref, text in case.cells.items():
        name, _, at = ref.rpartition("!")
        sheet = sheets.setdefault(name or main, {})
        if ":" in at:                  # a CSE array formula over the range
            sheet[at.split(":")[0]] = {"f": text[1:], "t": "array", "fref": at}
        else:
            sheet[at] = cell_spec(at, text)
    return sheets


def _recalculated(path, sheets):
    from _raw_book import write_book

    from sheetsolver.book import Book
    book = Book.open(write_book(path, sheets, dynamic=True))
    book.recalc()
    return book


def recalculated(cases: list[Case], folder: Path, one_book: bool):
    """``value(k, ref)``: the value of ``ref`` on case k's sheet after recalculation; all
    cases as sheets of one workbook (one recalculation), or a workbook each (for cases
    that name other sheets or count them)."""
    if one_book:
        sheets = {}
        for k, case in enumerate(cases):
            sheets.update(case_sheets(case, f"C{k}"))
        book = _recalculated(folder / "peer.xlsx", sheets)
        return lambda k, ref: book.value(f"C{k}", ref)
    books = [_recalculated(folder / f"case{k}.xlsx", case_sheets(case, "S"))
             for k, case in enumerate(cases)]
    return lambda k, ref: books[k].value("S", ref)


def peer_tests(cases: list[Case], differences: list[Difference], matches, one_book: bool):
    """The ``peer_values`` fixture (:func:`recalculated`, once per module), the test of
    every expected cell (``matches(got, want)``, one test a cell) and the test that every
    difference is a case cell expecting other than IronCalc's text, with a reason; assign
    all three as module names."""
    import pytest

    @pytest.fixture(scope="module")
    def peer_values(tmp_path_factory):
        return recalculated(cases, tmp_path_factory.mktemp("peer"), one_book)

    checks = [(k, ref, want) for k, case in enumerate(cases) for ref, want in case.shows.items()]

    @pytest.mark.parametrize("k,ref,want", checks,
                             ids=[f"{cases[k].file}:{ref}:{cases[k].cells.get(ref, 'spilled')}"
                                  for k, ref, _ in checks])
    def test_ironcalc_case(peer_values, k, ref, want):
        got = peer_values(k, ref)
        assert matches(got, want), (cases[k].cells.get(ref), got, want)

    def test_differences_are_cases():
        for d in differences:
            wants = [c.shows[d.cell] for c in cases
                     if d.formula in c.cells.values() and d.cell in c.shows]
            assert wants and d.why and all(w != d.ironcalc for w in wants), d

    return peer_values, test_ironcalc_case, test_differences_are_cases
