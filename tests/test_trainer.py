"""The NumPy reference trainer (sheetsolver.reference.trainer): optimizer steps against hand
computations of the published algorithms, gradients against finite differences, and a planted
low-rank matrix recovered from part of its entries.

Grounding: PyTorch's AdamW algorithm box (https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html,
Loshchilov & Hutter, "Decoupled Weight Decay Regularization", Algorithm 2) evaluated by hand;
central finite differences; a rank-2 matrix built in the test.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from sheetsolver.reference.trainer import (bias_for_mean, ensemble_rmse, init_params, mse_grad,
                                           optimizer_step, rmse, train)


def _step(opt, w0, grads, lr, wd, b1=0.9, beta2=0.99, eps=1e-5):
    """Run ``optimizer_step`` over a list of gradients from ``w0``; returns w."""
    w = np.array([w0], dtype=float)
    mom, sq = np.zeros(1), np.zeros(1)
    for t, g in enumerate(grads, start=1):
        optimizer_step(opt, w, np.array([g], dtype=float), mom, sq, t, lr, b1, beta2, eps, wd)
    return float(w[0])


def test_adamw_first_two_steps_by_hand():
    # PyTorch's AdamW box: theta <- theta(1 - lr*wd); m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
    # theta <- theta - lr * (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps)
    lr, wd = 0.1, 0.2
    # step 1 (g = 0.5): mhat = 0.5, vhat = 0.25
    w1 = 1.0 * (1 - 0.02) - 0.1 * 0.5 / (0.5 + 1e-5)
    assert _step("adamw", 1.0, [0.5], lr, wd) == pytest.approx(w1, rel=1e-14)
    assert w1 == pytest.approx(0.880002, abs=1e-6)
    # step 2 (g = -1): m = 0.9*0.05 - 0.1 = -0.055, v = 0.99*0.0025 + 0.01 = 0.012475
    mhat, vhat = -0.055 / (1 - 0.81), 0.012475 / (1 - 0.9801)
    w2 = w1 * (1 - 0.02) - 0.1 * mhat / (math.sqrt(vhat) + 1e-5)
    assert _step("adamw", 1.0, [0.5, -1.0], lr, wd) == pytest.approx(w2, rel=1e-14)
    assert w2 == pytest.approx(0.8989623, abs=1e-6)


def test_adamw_decay_is_decoupled_from_the_gradient_scaling():
    # with a zero gradient AdamW only shrinks the weight: (1 - lr*wd)^t
    assert _step("adamw", 2.0, [0.0] * 3, 0.1, 0.5) == pytest.approx(2.0 * 0.95 ** 3, rel=1e-14)
    # Adam with L2 in the loss normalises the decay term too: g = 2*wd*w, so the first step
    # moves w by lr * g/|g| = lr whatever wd is (Loshchilov & Hutter's point)
    assert _step("adam", 2.0, [0.0], 0.1, 0.5) == pytest.approx(2.0 - 0.1, rel=1e-5)
    assert _step("adam", 2.0, [0.0], 0.1, 0.01) == pytest.approx(2.0 - 0.1, rel=1e-4)


def test_sgd_and_momentum_steps_by_hand():
    # sgd with L2: g + 2*wd*w; momentum: mom = b1*mom + g, w -= lr*mom
    assert _step("sgd", 1.0, [0.5], 0.1, 0.2) == pytest.approx(1 - 0.1 * (0.5 + 0.4))
    w1 = 1 - 0.1 * 0.5
    w2 = w1 - 0.1 * (0.9 * 0.5 + 1.0)
    assert _step("momentum", 1.0, [0.5, 1.0], 0.1, 0.0) == pytest.approx(w2)


def test_gradient_buffer_is_zeroed_and_matches_finite_differences():
    """The trainer reuses one gradient buffer: stale values must not leak into the next batch."""
    rng = np.random.default_rng(4)
    p = init_params("nn", 4, 5, 3, hidden=6, seed=1)
    for a in p.values():
        a += rng.normal(0, 0.3, a.shape)
    buf = {k: np.full_like(v, 7.0) for k, v in p.items()}
    u, m, r = rng.integers(0, 4, 12), rng.integers(0, 5, 12), rng.uniform(1, 5, 12)
    _, g = mse_grad(p, "nn", u, m, r, g=buf)
    assert g is buf
    h = 1e-6
    for k, a in p.items():
        for idx in list(np.ndindex(a.shape))[:10]:
            old = a[idx]
            a[idx] = old + h
            fp = mse_grad(p, "nn", u, m, r)[0]
            a[idx] = old - h
            fm = mse_grad(p, "nn", u, m, r)[0]
            a[idx] = old
            assert g[k][idx] == pytest.approx((fp - fm) / (2 * h), rel=1e-5, abs=1e-9), (k, idx)


def test_bias_init_at_the_mean_starts_the_sigmoid_model_at_the_mean():
    # lo + (hi-lo) * sigmoid(2b) = mean  <=>  b = logit((mean-lo)/(hi-lo)) / 2
    b = bias_for_mean(3.5, (0.0, 5.5))
    assert b == pytest.approx(0.5 * math.log((3.5 / 5.5) / (1 - 3.5 / 5.5)))
    p = init_params("sigmoid", 3, 4, 2, seed=0, init_bias=b)
    u, m = np.array([0, 1, 2]), np.array([3, 2, 0])
    assert rmse(p, "sigmoid", u, m, np.full(3, 3.5)) < 1e-3     # embeddings ~ N(0, 0.01)


def test_planted_rank2_matrix_is_recovered_from_70_percent_of_its_entries():
    rng = np.random.default_rng(0)
    nu, nm = 30, 25
    A, B = rng.normal(0, 1, (nu, 2)), rng.normal(0, 1, (nm, 2))
    full = A @ B.T
    uu, mm = np.meshgrid(np.arange(nu), np.arange(nm), indexing="ij")
    uu, mm = uu.ravel(), mm.ravel()
    seen = rng.random(uu.size) < 0.7
    tr = (uu[seen], mm[seen], full.ravel()[seen])
    unseen = (uu[~seen], mm[~seen], full.ravel()[~seen])
    p = init_params("dot", nu, nm, 2, seed=3)
    for a in p.values():               # a rank-2 fit from N(0, 0.01) starts near a saddle
        a += rng.normal(0, 0.3, a.shape)
    train(p, "dot", tr, opt="adam", lr=0.03, wd=0.0, epochs=120, bs=32, schedule="onecycle")
    # unseen entries predicted to within 2% of their spread (std ~1.4)
    assert rmse(p, "dot", *unseen) < 0.02 * full.std()


def test_ensemble_averages_the_predictions():
    # dot models predicting 2 and 6 for the one rating 5: the average 4 is off by 1
    a = {"user": np.array([[1.0]]), "movie": np.array([[2.0]])}
    b = {"user": np.array([[3.0]]), "movie": np.array([[2.0]])}
    one = (np.array([0]), np.array([0]), np.array([5.0]))
    assert ensemble_rmse([(a, "dot", None), (b, "dot", None)], *one) == pytest.approx(1.0)
    assert ensemble_rmse([(b, "dot", None)], *one) == pytest.approx(1.0)
    assert ensemble_rmse([(a, "dot", None)], *one) == pytest.approx(3.0)


def _ratings(path, rows):
    path.write_text("".join(f"{u}\t{m}\t{r}\t0\n" for u, m, r in rows))
    return str(path)


def test_train_command_ensemble_and_per_model_values(tmp_path, capsys):
    from sheetsolver.cli import main
    rng = np.random.default_rng(0)
    rows = sorted({(int(a), int(b)): int(rng.integers(1, 6)) for a, b in
                   zip(rng.integers(1, 30, 600), rng.integers(1, 20, 600))}.items())
    items = [(a, b, c) for (a, b), c in rows]
    base = _ratings(tmp_path / "r.base", items[:-50])
    test = _ratings(tmp_path / "r.test", items[-50:])
    args = ["reference", "train", "--ratings", base, "--valid", test, "--model", "sigmoid", "nn",
            "--factors", "4", "--hidden", "8", "--epochs", "1", "2", "--bias-init", "mean",
            "--ensemble", "1"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "sigmoid model, seed 0, 4 factors" in out and "nn model, seed 1, 4 factors" in out
    assert "ensemble (average of the models): holdout RMSE" in out
    assert f"refit on all {len(items) - 50:,} ratings of --ratings for" in out   # by default
    assert main(args + ["--no-refit"]) == 0
    assert "refit" not in capsys.readouterr().out
    assert main(args + ["--wd", "0.1", "0.2", "0.3"]) == 2
    assert "--wd takes one value or one per --model (2), not 3" in capsys.readouterr().err


def test_bias_wd_and_stop_after_on_a_model_at_rest():
    """A model sitting at zero loss: AdamW's only move is the decay, (1 - lr*wd) per step,
    applied to the embeddings and (by default, as fastai) to the biases, or not with bias_wd=0."""
    def at_rest():
        return {"user": np.array([[1.0, 0.0]]), "movie": np.array([[0.0, 1.0]]),
                "user_bias": np.array([1.0]), "movie_bias": np.array([-1.0])}
    one = (np.array([0]), np.array([0]), np.array([0.0]))   # dot 0 + 1 - 1 = 0 = rating
    kw = dict(opt="adamw", lr=0.1, wd=0.5, epochs=3, bs=1, schedule="constant")
    p = at_rest()
    train(p, "bias", one, **kw)
    assert p["user"][0, 0] == pytest.approx(0.95 ** 3) and p["user_bias"][0] == pytest.approx(0.95 ** 3)
    p = at_rest()
    train(p, "bias", one, bias_wd=0.0, **kw)
    assert p["user"][0, 0] == pytest.approx(0.95 ** 3) and p["movie"][0, 1] == pytest.approx(0.95 ** 3)
    assert p["user_bias"][0] == 1.0 and p["movie_bias"][0] == -1.0
    # a refit stops after the epoch count early stopping chose: 2 of the 3 steps here
    p = at_rest()
    hist = train(p, "bias", one, stop_after=2, **kw)
    assert hist.epochs == [1, 2] and p["user"][0, 0] == pytest.approx(0.95 ** 2)


@pytest.mark.parametrize("text, expected", [("0", 0.0), ("0.05", 0.05), ("wd", None), ("WD", None)])
def test_bias_wd_option_takes_a_number_or_wd(text, expected):
    """``--bias-wd wd`` asks for fastai's behaviour (the biases decay with --wd: bias_wd=None
    in train()); a number is that decay."""
    from sheetsolver.cli import build_parser
    args = build_parser().parse_args(["reference", "train", "--ratings", "r.csv",
                                      "--bias-wd", text])
    assert args.bias_wd == expected


@pytest.mark.parametrize("text", ["x", "nan", "inf", "-0.1"])
def test_bias_wd_option_refuses_other_text(capsys, text):
    from sheetsolver.cli import build_parser
    with pytest.raises(SystemExit) as e:
        build_parser().parse_args(["reference", "train", "--ratings", "r.csv", "--bias-wd", text])
    assert e.value.code == 2
    assert f"not a number >= 0 or 'wd': {text!r}" in capsys.readouterr().err
