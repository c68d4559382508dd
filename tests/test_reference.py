"""The NumPy reference optimisers against Excel's cached values in graddesc-2019.xlsm.

The one-pass tests feed each tab's own inputs (C1, C2, lr, betas, row-33
running averages) to the reference and compare EVERY formula cell of the tab
with the value Excel cached in the file. The history tests replay the VBA
macros from the reset state and land on the saved state.
"""
from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pytest

from _xlsx_values import read_sheet, split_ref
from conftest import FASTAI, needs_fastai
from sheetsolver.errors import SheetsolverError
from sheetsolver.reference import (INPUT_CELLS, TABS, adam, anneal_lr, basic_sgd, momentum,
                                   one_pass, onestep, reset_state, rmsprop, run_passes)
from sheetsolver.reference.plot import plot_error_curves
from sheetsolver.reference.textbook import adam_step, sgdr_lr, train

GRADDESC = FASTAI / "graddesc-2019.xlsm"
REL, ABS = 1e-9, 1e-12
EXPECTED_FORMULA_CELLS = {"basic": 351, "momentum": 294, "rmsprop": 264, "adam": 325, "adam_ann": 331}

# synthetic data shaped like the sheets' (y = 2x + 30 exactly), for tests that need no workbook
X = [14.0, 86.0, 28.0, 51.0, 28.0, 29.0, 72.0, 62.0, 84.0, 15.0]
Y = [2 * v + 30 for v in X]

needs_workbook = needs_fastai("graddesc-2019.xlsm")

_cache: dict[str, tuple] = {}


def load(tab: str):
    """(cells, x, y, state) of a real tab; state read from INPUT_CELLS."""
    if tab not in _cache:
        cells = read_sheet(GRADDESC, tab)
        x = [cells[f"A{r}"].value for r in range(4, 33)]
        y = [cells[f"B{r}"].value for r in range(4, 33)]
        state = {k: cells[ref].value for k, ref in INPUT_CELLS[tab].items()}
        _cache[tab] = (cells, x, y, state)
    return _cache[tab]


def close(got, want) -> bool:
    if isinstance(want, str) or isinstance(got, str):
        return got == want
    return abs(got - want) <= max(ABS, REL * abs(want))


# ---------------------------------------------------------------- one pass vs the cached sheet

@needs_workbook
@pytest.mark.parametrize("tab", TABS)
def test_one_pass_reproduces_every_formula_cell(tab, capsys):
    cells, x, y, state = load(tab)
    got = one_pass(tab, x, y, state).cells()
    formula_refs = sorted((ref for ref, c in cells.items() if c.formula is not None),
                          key=lambda r: split_ref(r)[::-1])
    assert sorted(got) == sorted(formula_refs), "reference and sheet disagree on which cells are formulas"
    bad = [(ref, cells[ref].formula, got[ref], cells[ref].value)
           for ref in formula_refs if not close(got[ref], cells[ref].value)]
    exact = sum(got[ref] == cells[ref].value for ref in formula_refs)
    with capsys.disabled():
        print(f"\n  {tab}: {len(formula_refs)} formula cells compared, "
              f"{len(formula_refs) - len(bad)} within 1e-9 rel, {exact} bit-identical")
    assert not bad, f"{len(bad)} cells differ, first: {bad[:3]}"
    assert len(formula_refs) == EXPECTED_FORMULA_CELLS[tab]


@needs_workbook
def test_rows_cover_4_to_32_and_summaries():
    cells, x, y, state = load("adam_ann")
    r = one_pass("adam_ann", x, y, state)
    assert list(r.table.index) == list(range(4, 33))
    assert r.by_letter().loc[5, "H"] == cells["H5"].value
    assert r.columns["C"] == "b" and r.columns["D"] == "a"
    assert r.value("N34") == cells["N34"].value  # avg_grad2/prev_grad2


# ---------------------------------------------------------------- macro histories

@needs_workbook
def test_basic_reset_then_somesteps_reproduces_error_log_and_params():
    cells, x, y, state = load("basic")
    log = [cells[f"C{r}"].value for r in range(38, 43)]
    assert "C43" not in cells  # the log holds exactly one somesteps click
    run = run_passes("basic", x, y, reset_state("basic", x, y, state), 5)
    assert run.end_state["rmses"] == log  # bit-identical
    assert (run.end_state["a"], run.end_state["b"]) == (state["a"], state["b"])
    # the logged rmse is the F33 of the state *after* each step
    assert [r.summary["rmse"] for r in run.results[1:]] == log


@needs_workbook
def test_momentum_sheet_is_in_its_reset_state():
    cells, x, y, state = load("momentum")
    assert reset_state("momentum", x, y, state) == state  # C1 = C2 = 1, D2 = 1e-4, J33:K33


@needs_workbook
def test_rmsprop_reset_then_five_passes_is_the_saved_state():
    _, x, y, state = load("rmsprop")
    run = run_passes("rmsprop", x, y, reset_state("rmsprop", x, y, state), 5)
    assert run.end_state == state


@needs_workbook
def test_adam_reset_15_passes_lr_01_then_5_passes_is_the_saved_state():
    _, x, y, state = load("adam")
    first = run_passes("adam", x, y, reset_state("adam", x, y, state), 15)
    second = run_passes("adam", x, y, {**first.end_state, "lr": 0.1}, 5)
    assert second.end_state == state


@needs_workbook
def test_adam_ann_reset_then_25_passes_follows_the_saved_annealing():
    """Same lr cuts to D2 = 1/256 and prev_grad2 N3; the state agrees to ~2e-9 only (see next test)."""
    _, x, y, state = load("adam_ann")
    run = run_passes("adam_ann", x, y, reset_state("adam_ann", x, y, state), 25)
    lrs = [s["lr"] for s in run.states]
    assert lrs[-1] == state["lr"] == 1 / 256
    assert [i for i in range(1, 26) if lrs[i] != lrs[i - 1]] == [7, 8, 16, 17]
    for k in ("a", "b", "mom_b", "mom_a", "ms_b", "ms_a", "prev_grad2"):
        assert run.end_state[k] == pytest.approx(state[k], rel=1e-8)


@needs_workbook
@pytest.mark.xfail(strict=True, reason="adam_ann's saved state is ~1.7e-9 (ms_a) from reset + 25 "
                   "somesteps passes; not explained by one 1-ulp POWER/SQRT rounding, a lone onestep "
                   "click, another prev_grad2 seed or a manual lr edit")
def test_adam_ann_history_bit_exact():
    _, x, y, state = load("adam_ann")
    run = run_passes("adam_ann", x, y, reset_state("adam_ann", x, y, state), 25)
    assert run.end_state == state


# ---------------------------------------------------------------- multi-pass driver (no workbook)

def _state(tab):
    return reset_state(tab, X, Y)


@pytest.mark.parametrize("tab", TABS)
def test_run_passes_is_deterministic_and_chains(tab):
    s0 = _state(tab)
    snapshot = {k: (list(v) if isinstance(v, list) else v) for k, v in s0.items()}
    a = run_passes(tab, X, Y, s0, 6)
    b = run_passes(tab, X, Y, s0, 6)
    assert s0 == snapshot, "input state must not be mutated"
    assert a.states == b.states and all(p.table.equals(q.table) for p, q in zip(a.results, b.results))
    assert len(a.results) == len(a.states) == 7
    half = run_passes(tab, X, Y, run_passes(tab, X, Y, s0, 2).end_state, 4)
    assert half.end_state == a.end_state
    for st, res in zip(a.states, a.results):
        assert res.table.equals(one_pass(tab, X, Y, st).table)


@pytest.mark.parametrize("tab", TABS)
def test_macro_copies_last_row_inputs_not_updates(tab):
    run = run_passes(tab, X, Y, _state(tab), 1)
    last = run.results[0].table.iloc[-1]
    assert run.states[1]["b"] == last["b"] and run.states[1]["a"] == last["a"]  # C32, D32
    assert (last["new_b"], last["new_a"]) != (last["b"], last["a"])


def test_onestep_auto_calc_differs_from_somesteps_except_on_basic():
    for tab in ("momentum", "rmsprop", "adam"):
        s = _state(tab)
        assert onestep(tab, X, Y, s, calc="auto") != onestep(tab, X, Y, s, calc="manual")
    s = _state("basic")
    assert onestep("basic", X, Y, s, calc="auto") == onestep("basic", X, Y, s, calc="manual")


@pytest.mark.parametrize("tab", TABS)
def test_reset_state_sets_a_b_to_one(tab):
    s = reset_state(tab, X, Y, {"lr": 0.5})
    assert s["a"] == s["b"] == 1.0
    if tab == "basic":
        assert s["rmses"] == [] and s["lr"] == 0.5  # basic's reset keeps F1
    if tab in ("adam", "adam_ann"):
        assert s["lr"] == 1.0
    if tab == "momentum":
        assert s["lr"] == 1e-4
        first = momentum(X, Y, 1.0, 1.0, 1e-4, mom_b0=0.0, mom_a0=0.0).table.iloc[-1]
        assert (s["mom_b"], s["mom_a"]) == (first["mom_b"], first["mom_a"])
    if tab == "adam_ann":  # prev_grad2 = avg_grad2 of the FIRST pasted mean squares
        seed = dict(s, a=1.0, b=1.0, mom_b=0.0, mom_a=0.0, ms_b=1e4, ms_a=1e4, lr=1.0)
        fb = one_pass(tab, X, Y, seed).feedback()
        assert s["prev_grad2"] == math.sqrt(fb["ms_b"]) + math.sqrt(fb["ms_a"])


def test_anneal_rule():
    assert anneal_lr(1.0, 5.0, 2.0) == (0.25, 2.0)      # ratio 2.5 > 2: quarter lr
    assert anneal_lr(1.0, 4.0, 2.0) == (1.0, 2.0)       # ratio exactly 2: keep
    assert anneal_lr(1.0, 1.0, 2.0) == (1.0, 1.0)       # improvement: remember it
    assert anneal_lr(1.0, 11.0, 2.0, threshold=5, divisor=2) == (0.5, 2.0)
    with pytest.raises(SheetsolverError):
        anneal_lr(1.0, 1.0, 0.0)


# ---------------------------------------------------------------- hand-checked single rows

def test_basic_one_row_by_hand():
    r = basic_sgd([2.0], [5.0], a0=1.0, b0=1.0, lr=0.1).by_letter().loc[4]
    assert (r.E, r.F, r.K, r.L) == (3.0, 4.0, -4.0, -8.0)
    assert r.M == pytest.approx(1.8) and r.N == pytest.approx(1.4)
    assert r.H == pytest.approx((1.99 ** 2 - 4) / 0.01) and r.J == pytest.approx((1.98 ** 2 - 4) / 0.01)


def test_rmsprop_divides_by_previous_row_mean_square():
    r = rmsprop([2.0], [5.0], a0=1.0, b0=1.0, lr=0.1, beta=0.5, ms_b0=4.0, ms_a0=16.0).table.iloc[0]
    assert r["new_b"] == 1.0 - (-4.0 * 0.1) / 2.0   # sqrt(J3) = 2, not the updated J4
    assert r["new_a"] == 1.0 - (-8.0 * 0.1) / 4.0
    assert r["ms_b"] == 4.0 * 0.5 + 0.5 * 16.0


def test_sheet_adam_has_no_bias_correction_or_epsilon():
    r = adam([2.0], [5.0], a0=1.0, b0=1.0, lr=0.1, beta1=0.5, beta2=0.5,
             mom_b0=0.0, mom_a0=0.0, ms_b0=0.0, ms_a0=0.0).table.iloc[0]
    # m = 0.5*g, v = 0.5*g^2 (current row), step = lr*m/sqrt(v) = lr*sign(g)*sqrt(0.5)
    assert r["new_b"] == pytest.approx(1.0 + 0.1 * math.sqrt(0.5), rel=1e-15)


def test_errors_are_clear():
    with pytest.raises(SheetsolverError, match="same length"):
        basic_sgd([1.0, 2.0], [1.0], 1.0, 1.0)
    with pytest.raises(SheetsolverError, match="unknown"):
        run_passes("nope", X, Y, {}, 1)
    with pytest.raises(SheetsolverError, match="lacks"):
        run_passes("adam", X, Y, {"a": 1.0, "b": 1.0}, 1)
    with pytest.raises(SheetsolverError, match="#DIV/0!"):
        rmsprop(X, Y, 1.0, 1.0, ms_b0=0.0, ms_a0=1.0)


# ---------------------------------------------------------------- textbook variants

def test_first_bias_corrected_adam_step_is_lr_times_sign():
    g = np.array([-3.7, 250.0])
    p, _, _ = adam_step(np.zeros(2), g, np.zeros(2), np.zeros(2), 1, 0.01, eps=0.0)
    np.testing.assert_allclose(p, -0.01 * np.sign(g), rtol=1e-14)
    p, _, _ = adam_step(np.zeros(2), g, np.zeros(2), np.zeros(2), 1, 0.01, eps=1e-8)
    np.testing.assert_allclose(p, -0.01 * g / (np.abs(g) + 1e-8), rtol=1e-12)


def test_adamw_decay_is_decoupled():
    p0 = np.array([30.0, 2.0])  # exact optimum of y = 2x + 30: gradient 0
    run = train(X[:1], Y[:1], "adamw", 1, a0=2.0, b0=30.0, lr=0.1, weight_decay=0.01)
    np.testing.assert_allclose(run.params[0], p0 * (1 - 0.1 * 0.01), rtol=1e-15)
    # coupled L2 goes through Adam's normalisation: first step is lr*sign(wd*p) instead
    coupled = train(X[:1], Y[:1], "adam", 1, a0=2.0, b0=30.0, lr=0.1, weight_decay=0.01, eps=0.0)
    np.testing.assert_allclose(coupled.params[0], p0 - 0.1, rtol=1e-14)


def test_sgdr_schedule():
    assert sgdr_lr(0, 1.0, 10) == 1.0
    assert sgdr_lr(5, 1.0, 10) == pytest.approx(0.5)
    assert sgdr_lr(9, 1.0, 10, lr_min=0.1) == pytest.approx(0.1 + 0.9 * (1 + math.cos(0.9 * math.pi)) / 2)
    assert sgdr_lr(10, 1.0, 10) == 1.0                        # warm restart
    assert sgdr_lr(10 + 10, 1.0, 10, cycle_mult=2) == pytest.approx(0.5)  # 2nd cycle is 20 long
    assert sgdr_lr(30, 1.0, 10, cycle_mult=2) == 1.0
    run = train(X, Y, "sgd", 2, lr=1e-4, lr_schedule=lambda t: sgdr_lr(t, 1e-4, len(X)))
    assert run.lrs[0] == run.lrs[len(X)] == 1e-4 and len(run.errors) == 2


def test_textbook_adam_converges_on_sheet_like_data():
    run = train(X, Y, "adam", 300, lr=0.05)
    assert run.errors[-1] < 1e-2 * run.errors[0]


# ---------------------------------------------------------------- plot, independence

def test_plot_error_curves(tmp_path):
    out = plot_error_curves({"a": [100.0, 10.0, 1.0], "b": [50.0, float("nan"), 0.0, 5.0]},
                            tmp_path / "sub" / "curves.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(SheetsolverError):
        plot_error_curves({}, tmp_path / "x.png")


def test_reference_shares_no_code_with_the_engine():
    pkg = Path(__file__).resolve().parents[1] / "sheetsolver" / "reference"
    for src in pkg.glob("*.py"):
        for node in ast.walk(ast.parse(src.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                mod = "." * node.level + (node.module or "")
                assert node.level == 1 or mod == "..errors", f"{src.name} imports {mod}"
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
                for n in names:
                    assert not n.startswith("sheetsolver") or n in ("sheetsolver.errors",), \
                        f"{src.name} imports {n}"
