"""`sheetsolver step` and the EngineHost: the graddesc macros run on the engine.

Expectations come from Excel's cached values (read by the tests' own stdlib
reader) and from the independent NumPy reference (`sheetsolver.reference`),
never from the code under test.
"""
from __future__ import annotations

import math
import shutil
import zipfile

import pytest

import _graddesc
from conftest import FASTAI, needs_fastai
from _xlsx_values import read_sheet
from sheetsolver.book import Book
from sheetsolver.cli import main
from sheetsolver.errors import SheetsolverError
from sheetsolver.package.reader import load_workbook
from sheetsolver.reference import INPUT_CELLS, TABS, layout, reset_state, run_passes
from sheetsolver.stepping import EngineHost, load_project, probe_for, run_macro
from sheetsolver.values import ExcelError, same_value
from sheetsolver.vba import MacroRefused, MacroRuntimeError, load_macros

GRADDESC = FASTAI / "graddesc-2019.xlsm"

pytestmark = needs_fastai("graddesc-2019.xlsm")


def file_tab(tab: str, path=GRADDESC):
    """(cells, x, y, state) of a tab as saved by Excel (independent reader)."""
    return _graddesc.file_tab(tab, path)


def engine_value(book, tab, ref):
    v = book.value(tab, ref)
    return v.code if isinstance(v, ExcelError) else v


def assert_cells_match(book, tab, want: dict):
    """Every formula cell of `tab` in the engine equals `want` within 1e-9 relative."""
    formula_refs = [ref for ref, c in file_tab(tab)[0].items() if c.formula is not None]
    assert sorted(formula_refs) == sorted(want)
    bad = [(ref, engine_value(book, tab, ref), want[ref]) for ref in formula_refs
           if not same_value(engine_value(book, tab, ref), want[ref])]
    assert not bad, f"{tab}: {len(bad)} of {len(formula_refs)} cells differ, first {bad[:3]}"


def fresh(path=GRADDESC):
    book = Book.open(path)
    book.recalc()
    return book, EngineHost(book), load_project(book)


# ------------------------------------------------------------------ before any pass

@pytest.mark.parametrize("tab", TABS)
def test_recompute_reproduces_excel_cached_values(tab):
    cells = file_tab(tab)[0]
    wb = load_workbook(GRADDESC)    # the tab's cached formula values wiped before loading
    for cell in wb.sheet(tab).cells.values():
        if cell.is_formula:
            cell.value = None
    book = Book(wb)
    assert book.value(tab, "E4") is None
    book.recalc()
    formulas = {ref: c.value for ref, c in cells.items() if c.formula is not None}
    assert formulas
    bad = [(ref, engine_value(book, tab, ref), v) for ref, v in formulas.items()
           if not same_value(engine_value(book, tab, ref), v)]
    assert not bad, bad[:3]


# ------------------------------------------------------------------ basic's error log

@pytest.mark.parametrize("n", [1, 5, 50])
def test_basic_error_log_grows_one_entry_per_pass(n):
    _, x, y, state = file_tab("basic")
    book, host, project = fresh()
    lengths = []

    def log_len(_i):
        r = 38
        while host.get("basic", r, 3) is not None:
            r += 1
        lengths.append(r - 38)

    run_macro(host, project, "basic", "onestep", n, after_each=log_len)
    assert lengths == [5 + i for i in range(1, n + 1)]
    want = run_passes("basic", x, y, state, n, macro="onestep").end_state["rmses"]
    got = [host.get("basic", r, 3) for r in range(38, 38 + 5 + n)]
    assert got[:5] == state["rmses"]                      # old entries untouched
    assert all(math.isclose(g, w, rel_tol=1e-12) for g, w in zip(got, want)), (got, want)
    assert host.get("basic", 38 + 5 + n, 3) is None
    assert_cells_match(book, "basic", run_passes("basic", x, y, state, n,
                                                 macro="onestep").results[-1].cells())


# ------------------------------------------------------------------ reset then somesteps

@pytest.mark.parametrize("tab", TABS)
def test_reset_then_somesteps_is_deterministic_and_matches_reference(tab):
    _, x, y, state = file_tab(tab)
    ref = run_passes(tab, x, y, reset_state(tab, x, y, state), 5, macro="somesteps")
    snapshots = []
    for _ in range(2):
        book, host, project = fresh()
        run_macro(host, project, tab, "reset", 1, layout=layout)
        assert (book.value(tab, "C1"), book.value(tab, "C2")) == (1.0, 1.0)
        table = run_macro(host, project, tab, "somesteps", 1, layout=layout)
        assert host.get_calculation() == "automatic"
        assert_cells_match(book, tab, ref.results[-1].cells())
        for key, a1 in INPUT_CELLS[tab].items():
            assert same_value(book.value(tab, a1), ref.end_state[key]), (key, a1)
        assert math.isclose(table["error"].iloc[-1], ref.errors()[-1], rel_tol=1e-9)
        snapshots.append(book.engine.cells(book.engine.used_range(tab)))
    assert snapshots[0] == snapshots[1]   # bit for bit


def test_the_layout_is_data_passed_in():
    """Without a layout only the workbook's names place the table's cells; the graddesc
    layout adds momentum's error cell L33 and the y/pred columns of the other tabs."""
    _, host, _ = fresh()
    bare = probe_for(host, "momentum")
    assert (bare.a, bare.b, bare.error, bare.pred_col) == ("C2", "C1", None, None)
    assert probe_for(host, "momentum", layout).error == "L33"
    rms = probe_for(host, "rmsprop", layout)
    assert (rms.error, rms.y_col, rms.pred_col, rms.rows) == (None, "B", "E", (4, 32))
    assert probe_for(host, "basic").error == "F33"   # the workbook's name rmse = basic!$F$33


def test_adam_ann_somesteps_anneals_lr_like_reference():
    _, x, y, state = file_tab("adam_ann")
    ref = run_passes("adam_ann", x, y, state, 10, macro="somesteps")
    book, host, project = fresh()
    table = run_macro(host, project, "adam_ann", "somesteps", 2, layout=layout)
    assert table["lr"].iloc[-1] == ref.end_state["lr"]
    assert book.value("adam_ann", "N3") == ref.end_state["prev_grad2"]
    assert_cells_match(book, "adam_ann", ref.results[-1].cells())


# ------------------------------------------------------------------ refusals

def _snapshot(book):
    """Every cell's value, sheet by sheet, through the engine's public cell access."""
    eng = book.engine
    return {s.name: eng.cells(eng.used_range(s.name)) for s in book.wb.sheets}


def _same_snapshot(a, b):
    return a == b


@pytest.mark.parametrize("line_src, word", [
    ('Shell "cmd.exe /c del *.*"', "shell"),
    ('Open "C:\\out.txt" For Output As #1', "open"),
    ('Set o = CreateObject("WScript.Shell")', "createobject"),
    ("Frobnicate the workbook", "frobnicate"),
])
def test_macro_outside_subset_is_refused_and_changes_nothing(line_src, word):
    src = ("Sub evil()\n"
           '    Range("slope").Value = 42\n'
           '    Range("rmses").Clear\n'
           f"    {line_src}\n"
           "End Sub\n")
    project = load_macros({"basic": src}, kinds={"basic": "document"},
                          codenames={"basic": "basic"})
    book = Book.open(GRADDESC)
    host = EngineHost(book)
    before = _snapshot(book)
    with pytest.raises(MacroRefused) as e:
        project.run("evil", host, "basic")
    assert e.value.macro == "evil" and e.value.line == 4
    assert "'evil'" in str(e.value) and "line 4" in str(e.value)
    assert word in e.value.word.lower()
    assert host.writes == 0 and host.recalcs == 0
    assert _same_snapshot(before, _snapshot(book))
    assert book.value("basic", "C2") == file_tab("basic")[3]["a"]


def test_write_into_formula_cell_is_refused_naming_the_cell():
    project = load_macros({"basic": 'Sub bad()\n    Range("E4").Value = 1\nEnd Sub\n'},
                          kinds={"basic": "document"}, codenames={"basic": "basic"})
    book, host, _ = fresh()
    before = _snapshot(book)
    with pytest.raises(MacroRuntimeError) as e:
        project.run("bad", host, "basic")
    assert "E4" in str(e.value) and e.value.line == 2
    assert _same_snapshot(before, _snapshot(book))


def test_ref_name_is_a_clear_error():
    book, host, _ = fresh()
    with pytest.raises(SheetsolverError, match="ms_last.*momentum|momentum.*ms_last"):
        host.resolve("ms_last", "momentum")       # momentum!#REF! in the file
    assert host.resolve("ms_last", "rmsprop").a1() == "J32:K32"
    assert host.resolve("rmses", "basic").a1() == "C38:C106"
    assert host.resolve("adam!$D$2", "basic").sheet == "adam"


def test_manual_mode_does_not_recalculate_until_calculate():
    book, host, _ = fresh()
    err = book.value("basic", "F33")
    host.set_calculation("manual")
    host.set_values(host.resolve("slope", "basic"), [[2.0]])
    assert book.value("basic", "F33") == err          # stale, as in Excel
    host.set_calculation("automatic")                 # switching back recalculates at once
    _, x, y, state = file_tab("basic")
    want = run_passes("basic", x, y, {**state, "a": 2.0}, 0).results[0].summary["rmse"]
    assert book.value("basic", "F33") == pytest.approx(want, rel=1e-12)


def test_end_down_past_the_used_range():
    book, host, _ = fresh()
    assert host.last_in_column_down("basic", 36, 3) == 42      # label, 'rmse', five errors
    assert host.last_in_column_down("basic", 34, 3) == 36      # from a blank: next non-blank
    assert host.last_in_column_down("basic", 42, 3) == 1048576


# ------------------------------------------------------------------ CLI

def _parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _changed_parts(a, b):
    pa, pb = _parts(a), _parts(b)
    assert list(pa) == list(pb)
    return {n for n in pa if pa[n] != pb[n]}


def test_cli_step_writes_stepped_values_and_keeps_other_parts(tmp_path, capsys):
    out = tmp_path / "adam.xlsm"
    rc = main(["step", str(GRADDESC), "--sheet", "adam", "--macro", "somesteps",
               "--repeat", "2", "-o", str(out)])
    printed = capsys.readouterr().out
    assert rc == 0
    assert "pass" in printed and "error" in printed and f"written: {out}" in printed
    _, x, y, state = file_tab("adam")
    ref = run_passes("adam", x, y, state, 10, macro="somesteps")
    cells = read_sheet(out, "adam")
    assert cells["C2"].value == ref.end_state["a"] and cells["C1"].value == ref.end_state["b"]
    want = ref.results[-1].cells()
    bad = [r for r, c in cells.items() if c.formula is not None and not same_value(c.value, want[r])]
    assert not bad
    assert _changed_parts(GRADDESC, out) == {Book.open(GRADDESC).wb.sheet("adam").part}
    reloaded = Book.open(out)              # the project's reader loads it again
    assert reloaded.value("adam", "C2") == ref.end_state["a"]


def test_cli_step_all_onestep_and_basic_log_inserted(tmp_path, capsys):
    out = tmp_path / "all.xlsm"
    rc = main(["step", str(GRADDESC), "--all", "--macro", "onestep", "--repeat", "3",
               "-o", str(out)])
    assert rc == 0
    printed = capsys.readouterr().out
    wb = Book.open(GRADDESC).wb
    assert _changed_parts(GRADDESC, out) == {wb.sheet(t).part for t in TABS}
    for tab in TABS:
        assert f"{tab}: {tab}.onestep x 3" in printed
        _, x, y, state = file_tab(tab)
        ref = run_passes(tab, x, y, state, 3, macro="onestep")
        cells = read_sheet(out, tab)
        want = ref.results[-1].cells()
        bad = [r for r, c in cells.items()
               if c.formula is not None and not same_value(c.value, want[r])]
        assert not bad, (tab, bad[:3])
        assert cells["C2"].value == ref.end_state["a"]
    log = read_sheet(out, "basic")
    want_log = run_passes("basic", *file_tab("basic")[1:3], file_tab("basic")[3], 3,
                          macro="onestep").end_state["rmses"]
    got_log = [log[f"C{r}"].value for r in range(38, 46)]               # C43:C45 inserted
    assert len(want_log) == 8 and all(same_value(g, w) for g, w in zip(got_log, want_log))
    assert "C46" not in log


def test_cli_step_default_output_and_in_place(tmp_path, capsys):
    src = tmp_path / "g.xlsm"
    shutil.copyfile(GRADDESC, src)
    original = src.read_bytes()
    assert main(["step", str(src), "--sheet", "basic", "--macro", "reset"]) == 0
    assert src.read_bytes() == original                      # input never touched
    stepped = tmp_path / "g.stepped.xlsm"
    cells = read_sheet(stepped, "basic")
    assert cells["C1"].value == 1.0 and cells["C2"].value == 1.0
    assert cells.get("C38") is None or cells["C38"].value is None    # rmses cleared
    assert main(["step", str(src), "--sheet", "momentum", "--in-place"]) == 0
    assert src.read_bytes() != original
    _, x, y, state = file_tab("momentum")
    ref = run_passes("momentum", x, y, state, 1, macro="onestep")
    assert read_sheet(src, "momentum")["C2"].value == ref.end_state["a"]
    capsys.readouterr()


def test_cli_step_refuses_unknown_macro_and_sheet(capsys):
    assert main(["step", str(GRADDESC), "--sheet", "adam", "--macro", "nosuch"]) == 2
    assert "nosuch" in capsys.readouterr().err
    assert main(["step", str(GRADDESC), "--sheet", "nosheet"]) == 2
    assert "nosheet" in capsys.readouterr().err
