"""``step`` on a workbook shaped like the 2018 course graddesc.xlsm (issue #12).

The workbook (tests/_graddesc2018.py) is written here with openpyxl plus a
vbaProject.bin assembled by tests/_vba_project.py: tab "basic SGD" with code
module ``basic``, a standard module ``Module1``, While/Do/Select Case macros,
Adagrad/AMSGrad/Eve/annealing tabs and tabs whose names point at #REF!.
Every macro run (reset, somesteps, three onesteps on each tab) is checked cell
for cell against sheetsolver.reference, or must end in the #REF! refusal.
"""
from __future__ import annotations

import pytest

import _graddesc2018 as G
from sheetsolver.book import Book
from sheetsolver.cli import main
from sheetsolver.formula.refs import cell_name
from sheetsolver.reference import INPUT_CELLS, reset_state, run_passes
from sheetsolver.reference.macros import onestep as ref_onestep
from sheetsolver.reference.optimizers import one_pass
from sheetsolver.reference.schedules import exp_decay_lr
from sheetsolver.stepping import BrokenName, EngineHost, load_project, run_macro
from sheetsolver.stepping.compare import _Acc, read_state, read_xy
from sheetsolver.vba import macros_by_sheet, sheet_codenames


@pytest.fixture(scope="module")
def book_path(tmp_path_factory):
    return G.build(tmp_path_factory.mktemp("v2018"))


def _fresh(path):
    book = Book.open(path)
    book.recalc()
    return book, EngineHost(book), load_project(book)


def test_shape_code_names_and_modules(book_path):
    codes = sheet_codenames(book_path)
    assert len(codes) == 16 and codes["basic SGD"] == "basic" and codes["data"] is None
    by_sheet = macros_by_sheet(book_path)
    assert by_sheet["basic SGD"] == ["onestep", "somesteps", "reset", "countstep"]
    assert by_sheet["data"] == ["countstep"]                # Module1 acts on any sheet
    project = load_project(Book.open(book_path))
    assert project.kinds["Module1"] == "standard" and project.kinds["basic"] == "document"
    assert project.module_sheet("basic") == "basic SGD"


def _table_lines(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if ln[:1].isdigit()]


def test_sheet_by_name_code_name_or_module(book_path, tmp_path, capsys):
    tables = []
    for k, where in enumerate((["--sheet", "basic SGD"], ["--sheet", "basic"],
                               ["--module", "basic"])):
        rc = main(["step", str(book_path), *where, "--macro", "onestep", "--repeat", "2",
                   "-o", str(tmp_path / f"o{k}.xlsm")])
        out = capsys.readouterr().out
        assert rc == 0 and out.startswith("basic SGD: basic.onestep x 2")
        tables.append(_table_lines(out))
    assert tables[0] == tables[1] == tables[2] and len(tables[0]) == 3


def test_step_all_lists_tabs_refuses_broken_tabs_and_runs_the_rest(book_path, tmp_path, capsys):
    out_path = tmp_path / "all.xlsm"
    rc = main(["step", str(book_path), "--all", "--macro", "onestep", "-o", str(out_path)])
    cap = capsys.readouterr()
    assert rc == 2
    assert "tab 'basic SGD': module basic; macros onestep, somesteps, reset, countstep" in cap.out
    assert "tab 'adam old': module Sheet13; macros" in cap.out
    errors = [ln for ln in cap.err.splitlines() if ln]
    assert len(errors) == 3 and all("#REF!" in ln and "refused before any cell changed" in ln
                                    for ln in errors)
    assert "macro 'onestep' line 6 in module 'Sheet13' uses name 'lastslope', which points " \
           "at #REF!$D$32" in cap.err
    before, after = Book.open(book_path), Book.open(out_path)
    for tab in ("momentum old", "rmsprop old", "adam old"):       # untouched
        assert [after.value(tab, a) for a in ("C1", "C2", "J33")] == \
            [before.value(tab, a) for a in ("C1", "C2", "J33")]
    for tab in ("basic SGD", "adagrad", "eve", "nesterov"):      # stepped
        assert after.value(tab, "C1") != before.value(tab, "C1")


def test_broken_name_refused_before_any_cell_changes(book_path):
    book, host, project = _fresh(book_path)
    with pytest.raises(BrokenName) as exc:
        run_macro(host, project, "adam old", "onestep", 1)
    msg = str(exc.value)
    assert "\n" not in msg and "macro 'onestep'" in msg and "'lastslope'" in msg \
        and "#REF!$D$32" in msg
    assert host.writes == 0
    run_macro(host, project, "adam old", "reset", 1)        # reset never uses lastslope
    assert host.writes > 0


def test_unknown_macro_lists_the_tabs_macros(book_path, capsys):
    rc = main(["step", str(book_path), "--sheet", "basic SGD", "--macro", "nosuch"])
    err = capsys.readouterr().err
    assert rc == 2 and "no macro 'nosuch' for sheet 'basic SGD'" in err
    assert "onestep, somesteps, reset, countstep" in err


def _check_cells(host, tab, kind, result, state, label):
    acc = _Acc()
    want = result.cells()
    for s, r, c in host.formula_cells:
        if s != tab:
            continue
        a1 = cell_name(r, c)
        if a1 in want:
            acc.add(a1, 0, host.get(tab, r, c), want[a1])
    for key, a1 in INPUT_CELLS[kind].items():
        acc.add(a1, 0, read_state(host, tab, kind)[key], state[key])
    assert acc.bad == 0, f"{tab} {label}: worst {acc.worst} ({acc.max_rel:.3g})"
    assert len(acc.cells) >= 29 * 7
    return len(acc.cells)


def _somesteps_ref(kind, x, y, state, decay=None):
    if kind == "anneal":                     # the 'lr annealing' tab: momentum + exp decay
        s = dict(state)
        for _ in range(5):
            s = ref_onestep("momentum", x, y, s, calc="manual")
            s["lr"] = exp_decay_lr(s["lr"], decay)
        return one_pass("momentum", x, y, s), s
    run = run_passes(kind, x, y, state, 5, macro="somesteps")
    return run.results[-1], run.end_state


RUNS = [(tab, module, kind) for tab, (module, kind, broken) in G.TABS.items()]


def test_every_macro_run_matches_the_reference_or_is_refused(book_path):
    """39 macro runs: reset, somesteps, then three onesteps (one run of the button three
    times) on each of the 13 macro tabs."""
    book, host, project = _fresh(book_path)
    lines = []
    outcome = {"matched": 0, "refused": 0, "ran (no reference)": 0}
    for tab, (module, kind, broken) in G.TABS.items():
        ref_kind = "momentum" if kind == "anneal" else kind
        for macro, repeat in (("reset", 1), ("somesteps", 1), ("onestep", 3)):
            uses_broken = broken is not None and (macro != "reset" or broken in ("momlast",
                                                                                  "ms_last"))
            if uses_broken:
                writes = host.writes
                with pytest.raises(BrokenName, match=f"'{broken}'"):
                    run_macro(host, project, tab, macro, repeat)
                assert host.writes == writes
                outcome["refused"] += 1
                continue
            if kind == "nesterov":
                run_macro(host, project, tab, macro, repeat, out=lines.append)
                outcome["ran (no reference)"] += 1
                continue
            x, y = read_xy(host, tab)
            state = read_state(host, tab, ref_kind)
            run_macro(host, project, tab, macro, repeat, out=lines.append)
            if macro == "reset":
                st = reset_state(ref_kind, x, y, state)
                res = one_pass(ref_kind, x, y, st)
            elif macro == "somesteps":
                res, st = _somesteps_ref(kind, x, y, state, decay=book.value(tab, "F1"))
            else:
                run = run_passes(ref_kind, x, y, state, repeat, macro="onestep")
                res, st = run.results[-1], run.end_state
            if ref_kind == "basic":
                st = {k: v for k, v in st.items() if k != "rmses"}
            _check_cells(host, tab, ref_kind, res, st, macro)
            outcome["matched"] += 1
    # 9 tabs with a reference x 3, plus adam old's reset (it never uses the broken
    # lastslope); momentum old / rmsprop old use their broken name even in reset
    assert outcome == {"matched": 28, "refused": 8, "ran (no reference)": 3}
    # Module1's Public counter was bumped by every somesteps that ran (10 tabs), and printed
    assert project.module_vars["Module1"]["stepsdone"] == 10
    assert lines[-1] == "steps so far: 10"


def test_broken_name_found_through_callees_and_sheet_qualifiers(tmp_path, capsys):
    from _vba_project import xlsm
    path = xlsm(tmp_path, {"t": {"A1": 1.0, "B1": "=A1*2"}, "u": {"A1": 5.0}},
                {"tmod": 'Sub onestep()\n    Range("A1") = 2\n    helper\nEnd Sub\n'
                         'Sub ok()\n    Range("fine") = 3\nEnd Sub\n',
                 "Module1": 'Sub helper()\n    Worksheets("u").Range("gone").Value = 1\n'
                            'End Sub\n'},
                codenames={"t": "tmod"},
                names=[("gone", "#REF!", "u"), ("fine", "t!$A$1", "t")])
    rc = main(["step", str(path), "--sheet", "t", "--macro", "onestep"])
    err = capsys.readouterr().err
    assert rc == 2 and err.count("\n") == 1
    assert "macro 'onestep' (via 'helper' line 2) in module 'Module1' uses name 'gone', which " \
           "points at #REF!" in err
    rc = main(["step", str(path), "--sheet", "t", "--macro", "ok", "-o", str(tmp_path / "o.xlsm")])
    assert rc == 0 and Book.open(tmp_path / "o.xlsm").value("t", "B1") == 6.0


def test_step_budget_from_the_command_line(tmp_path, capsys):
    from _vba_project import xlsm
    path = xlsm(tmp_path, {"t": {"A1": 0.0}},
                {"tmod": 'Sub spin()\n    Dim i As Long\n    Do While Range("A1") >= 0\n'
                         '        i = i + 1\n    Loop\nEnd Sub\n'}, codenames={"t": "tmod"})
    rc = main(["step", str(path), "--sheet", "t", "--macro", "spin", "--max-steps", "500"])
    err = capsys.readouterr().err
    assert rc == 2 and "macro 'spin' line " in err and "more than 500 statements" in err
