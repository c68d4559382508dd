"""Adagrad, AMSGrad, Eve and the annealing schedules of the reference, checked
against hand computations (two training rows small enough to do on paper)."""
from __future__ import annotations

import math

import pytest

from sheetsolver.errors import SheetsolverError
from sheetsolver.reference import run_passes
from sheetsolver.reference.adaptive import adagrad, amsgrad, eve, eve_feedback
from sheetsolver.reference.schedules import cosine_lr, exp_decay_lr, step_decay_lr
from sheetsolver.reference.textbook_rows import adamw_rows, sgdr_rows

# Row 1: x = 2, y = 10 from b = a = 1: pred 3, de/db = 2*(2+1-10) = -14, de/da = -28.
# Row 2: x = 2, y = 6: with b = a = 2 the prediction is exact, gradient 0.
X, Y = [2.0, 2.0], [10.0, 6.0]


def test_adagrad_by_hand():
    r = adagrad(X, Y, a0=1.0, b0=1.0, lr=1.0)
    t = r.table
    # J4 = 0 + 14^2 = 196, SQRT = 14: new b = 1 - 1*(-14)/14 = 2; K4 = 784: new a = 2
    assert t["ms_b"].iloc[0] == 196.0 and t["ms_a"].iloc[0] == 784.0
    assert t["new_b"].iloc[0] == 2.0 and t["new_a"].iloc[0] == 2.0
    # row 2: gradient 0, the sums stay, nothing moves
    assert t["ms_b"].iloc[1] == 196.0 and t["new_b"].iloc[1] == 2.0
    assert r.cells()["J3"] == 0.0 and r.error == 7.0     # sqrt(7^2 + 0^2)


def test_amsgrad_divides_by_the_running_max():
    r = amsgrad(X, Y, a0=1.0, b0=1.0, lr=1.0, beta1=0.9, beta2=0.99)
    t = r.table
    # row 1: m = 0.1*-14 = -1.4, v = 0.01*196 = 1.96 = vhat: new b = 1 + 1.4/1.4 = 2
    assert t["new_b"].iloc[0] == pytest.approx(2.0, rel=1e-15)
    # row 2: m = 0.9*-1.4 = -1.26, v = 0.99*1.96 = 1.9404 < vhat 1.96 (kept):
    # new b = 2 + 1.26/1.4 = 2.9 (Adam's sqrt(1.9404) would give 2.90453...)
    assert t["ms_b"].iloc[1] == pytest.approx(1.9404, rel=1e-15)
    assert t["max_b"].iloc[1] == pytest.approx(1.96, rel=1e-15)
    assert t["new_b"].iloc[1] == pytest.approx(2.9, rel=1e-14)


def test_eve_feedback_by_hand():
    kw = dict(beta3=0.999, k=0.1, K=10.0)
    # loss rose 1 -> 4: ratio 4 within [1.1, 11]; r = 3/1; d = 0.999 + 0.001*3
    fhat, d = eve_feedback(4.0, 1.0, 1.0, **kw)
    assert fhat == 4.0 and d == pytest.approx(1.002, rel=1e-15)
    # loss fell 4 -> 0.5: ratio 0.125 within [1/11, 1/1.1]; r = 3.5/0.5 = 7
    fhat2, d2 = eve_feedback(0.5, fhat, d, **kw)
    assert fhat2 == 0.5 and d2 == pytest.approx(0.999 * 1.002 + 0.001 * 7, rel=1e-15)
    # a jump of 100x is clipped to K+1 = 11
    assert eve_feedback(100.0, 1.0, 1.0, **kw)[0] == 11.0
    # a fall to 0 is clipped to 1/(K+1)
    assert eve_feedback(0.0, 11.0, 1.0, **kw)[0] == pytest.approx(1.0, rel=1e-15)


def test_eve_row_uses_feedback_in_the_step():
    r = eve(X, Y, a0=1.0, b0=1.0, lr=1.0, beta1=0.9, beta2=0.9, fhat0=1.0, d0=1.0,
            ms_b0=0.0, ms_a0=0.0)
    t = r.table
    # row 1: loss 49, fhat 1 -> 11 (clipped), d = 0.999 + 0.001*10 = 1.009;
    # m = -1.4, v = 0.1*196 = 19.6: new b = 1 + 1.4/(1.009*sqrt(19.6))
    assert t["fhat"].iloc[0] == 11.0 and t["d"].iloc[0] == pytest.approx(1.009, rel=1e-15)
    assert t["new_b"].iloc[0] == pytest.approx(1 + 1.4 / (1.009 * math.sqrt(19.6)), rel=1e-14)


def test_schedules_by_hand():
    assert [cosine_lr(k, 10, 1.0) for k in (0, 5, 10)] == pytest.approx([1.0, 0.5, 0.0])
    assert cosine_lr(5, 10, 0.3, 0.1) == pytest.approx(0.2)
    assert exp_decay_lr(0.1, 0.5) == 0.05
    assert [step_decay_lr(1.0, k, every=3, drop=10) for k in (1, 2, 3)] == [1.0, 1.0, 0.1]
    with pytest.raises(SheetsolverError):
        cosine_lr(1, 0, 1.0)


def test_textbook_rows_first_step_is_lr_times_sign():
    # t = 1: m_hat = g, v_hat = g^2, so the step is lr*g/(|g|+eps) (+ decoupled decay)
    rows = adamw_rows(X[:1], Y[:1], 1, b0=1.0, a0=1.0, lr=1.0, beta1=0.9, beta2=0.999,
                      eps=1e-8, wd=0.001)[0]
    assert rows[0]["new_b"] == pytest.approx(1 + 14 / (14 + 1e-8) - 0.001, rel=1e-12)
    sg = sgdr_rows(X, Y, 1, b0=1.0, a0=1.0, lr_max=2.0, lr_min=0.0, cycle=2.0, mult=2.0,
                   beta1=0.9, beta2=0.999, eps=1e-8)[0]
    # restart at row 1: t_cur 0 of T = 2 (lr 2); row 2: t_cur 1, lr = 2*(1+cos(pi/2))/2 = 1
    assert (sg[0]["t_cur"], sg[0]["cycle"], sg[0]["lr"]) == (0, 2.0, 2.0)
    assert sg[1]["lr"] == pytest.approx(1.0, rel=1e-15)


def test_new_kinds_run_passes_and_onestep_modes():
    x = [float(v) for v in range(1, 11)]
    y = [2 * v + 30 for v in x]
    for kind, state in (("adagrad", dict(ms_b=0.0, ms_a=0.0)),
                        ("amsgrad", dict(beta=0.9, beta2=0.99, mom_b=0.0, mom_a=0.0, ms_b=0.0,
                                         ms_a=0.0, max_b=0.0, max_a=0.0)),
                        ("eve", dict(beta=0.9, beta2=0.9, beta3=0.999, k=0.1, K=10.0, mom_b=0.0,
                                     mom_a=0.0, ms_b=1e4, ms_a=1e4, fhat=1.0, d=1.0))):
        run = run_passes(kind, x, y, {"a": 1.0, "b": 1.0, "lr": 1.0, **state}, 4)
        errs = run.errors()
        assert len(errs) == 5 and errs[-1] < errs[0], kind
        # the next pass starts from the last row's inputs (C32/D32), as onestep pastes them
        last = run.results[0].table.iloc[-1]
        assert (run.states[1]["b"], run.states[1]["a"]) == (last["b"], last["a"])
