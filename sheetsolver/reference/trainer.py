"""Mini-batch NumPy trainer for the lesson's collaborative-filtering models.

The same models as the collab tabs (:mod:`.collab`: dot product, + biases, + sigmoid
range) and the lesson's small neural net on concatenated embeddings (fastai's
``CollabNN``: [user emb, movie emb] -> Linear -> ReLU -> Linear -> sigmoid range),
trained on (user, movie, rating) triples by mini-batch SGD, momentum, Adam or AdamW
(decoupled weight decay), under a one-cycle, SGDR (cosine with restarts) or constant
learning-rate schedule, with early stopping on a validation slice of the training file.
Every parameter is updated every step (dense, as PyTorch/fastai do). Loss: mean squared
error (+ wd * sum of squares for SGD/momentum/Adam; AdamW decays the weights directly).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

MODELS = ("dot", "bias", "sigmoid", "nn")
OPTIMIZERS = ("sgd", "momentum", "adam", "adamw")
SCHEDULES = ("onecycle", "sgdr", "constant")


# ---- models: parameters as a dict of arrays, forward + backward by hand --------------------------


def init_params(model: str, n_users: int, n_movies: int, k: int, hidden: int = 100,
                seed: int = 0) -> dict[str, np.ndarray]:
    """fastai's initialisation: embeddings ~ N(0, 0.01) (truncated), biases 0; the net's
    linear layers ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)) as PyTorch's default."""
    rng = np.random.default_rng(seed)
    tn = lambda *s: np.clip(rng.normal(0, 0.01, s), -0.02, 0.02)  # noqa: E731
    p = {"user": tn(n_users, k), "movie": tn(n_movies, k)}
    if model in ("bias", "sigmoid"):
        p["user_bias"] = np.zeros(n_users)
        p["movie_bias"] = np.zeros(n_movies)
    if model == "nn":
        b1, b2 = 1 / math.sqrt(2 * k), 1 / math.sqrt(hidden)
        p["w1"] = rng.uniform(-b1, b1, (2 * k, hidden))
        p["b1"] = rng.uniform(-b1, b1, hidden)
        p["w2"] = rng.uniform(-b2, b2, hidden)
        p["b2"] = rng.uniform(-b2, b2, 1)
    return p


def forward(p, model, u, m, y_range=(0.0, 5.5)):
    """Predictions and what backward needs."""
    ue, me = p["user"][u], p["movie"][m]
    if model == "nn":
        x = np.concatenate([ue, me], axis=1)
        h = x @ p["w1"] + p["b1"]
        a = np.maximum(h, 0.0)
        z = a @ p["w2"] + p["b2"][0]
        cache = (x, h, a, z)
    else:
        z = np.einsum("ij,ij->i", ue, me)
        if model != "dot":
            z = z + p["user_bias"][u] + p["movie_bias"][m]
        cache = (z,)
    if model in ("sigmoid", "nn"):
        lo, hi = y_range
        s = 1.0 / (1.0 + np.exp(-z))
        return lo + (hi - lo) * s, cache + (s,)
    return z, cache


def mse_grad(p, model, u, m, r, y_range=(0.0, 5.5)):
    """(mean squared error, gradient dict) of one batch."""
    pred, cache = forward(p, model, u, m, y_range)
    e = pred - r
    n = len(r)
    dpred = 2.0 * e / n
    if model in ("sigmoid", "nn"):
        s = cache[-1]
        dz = dpred * (y_range[1] - y_range[0]) * s * (1.0 - s)
    else:
        dz = dpred
    g = {k: np.zeros_like(v) for k, v in p.items()}
    if model == "nn":
        x, h, a, _ = cache[:4]
        g["w2"] = a.T @ dz
        g["b2"] = np.array([dz.sum()])
        dh = np.outer(dz, p["w2"]) * (h > 0)
        g["w1"] = x.T @ dh
        g["b1"] = dh.sum(axis=0)
        dx = dh @ p["w1"].T
        k = p["user"].shape[1]
        du, dm = dx[:, :k], dx[:, k:]
    else:
        du = dz[:, None] * p["movie"][m]
        dm = dz[:, None] * p["user"][u]
        if model != "dot":
            g["user_bias"] = np.bincount(u, dz, len(p["user_bias"]))
            g["movie_bias"] = np.bincount(m, dz, len(p["movie_bias"]))
    np.add.at(g["user"], u, du)
    np.add.at(g["movie"], m, dm)
    return float(e @ e) / n, g


def rmse(p, model, u, m, r, y_range=(0.0, 5.5), batch: int = 65536) -> float:
    se = 0.0
    for i in range(0, len(r), batch):
        pred, _ = forward(p, model, u[i:i + batch], m[i:i + batch], y_range)
        se += float(((pred - r[i:i + batch]) ** 2).sum())
    return math.sqrt(se / len(r))


# ---- schedules ------------------------------------------------------------------------------


def onecycle(step: int, total: int, lr_max: float, pct: float = 0.25, div: float = 25.0,
             div_final: float = 1e5, moms=(0.95, 0.85, 0.95)):
    """fastai's fit_one_cycle: cosine warm-up from lr_max/div to lr_max over pct of the
    steps, cosine annealing to lr_max/div_final; momentum the other way round."""
    t = step / max(total - 1, 1)

    def cos(a, b, f):
        return b + (a - b) / 2 * (1 + math.cos(math.pi * f))
    if t < pct:
        f = t / pct
        return cos(lr_max / div, lr_max, f), cos(moms[0], moms[1], f)
    f = (t - pct) / (1 - pct)
    return cos(lr_max, lr_max / div_final, f), cos(moms[1], moms[2], f)


def sgdr(step: int, steps_per_epoch: int, lr_max: float, cycle_len: int = 1, cycle_mult: int = 2):
    """Cosine annealing with warm restarts (Loshchilov & Hutter): cycles of cycle_len,
    cycle_len*mult, ... epochs, each from lr_max down to 0."""
    e = step / steps_per_epoch
    length = cycle_len
    while e >= length:
        e -= length
        length *= cycle_mult
    return lr_max * (1 + math.cos(math.pi * e / length)) / 2, None


# ---- the training loop ---------------------------------------------------------------------------


@dataclass
class History:
    epochs: list[int] = field(default_factory=list)
    train_rmse: list[float] = field(default_factory=list)     # running mean over the epoch
    holdout_rmse: list[float] = field(default_factory=list)
    valid_rmse: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    best_epoch: int = 0


def train(p, model, train_set, holdout=None, valid=None, *, opt="adamw", lr=5e-3, wd=0.1,
          epochs=5, bs=64, schedule="onecycle", beta1=0.9, beta2=0.99, eps=1e-5,
          momentum=0.9, cycle_len=1, cycle_mult=2, patience=None, seed=0,
          y_range=(0.0, 5.5), progress=None) -> History:
    """Train ``p`` in place; returns the per-epoch history and leaves the parameters of
    the best holdout epoch in ``p`` (early stopping; the last epoch without a holdout).

    ``train_set``/``holdout``/``valid`` are (u, m, r) index arrays. AdamW decays the
    weights by lr*wd per step (decoupled, fastai's default); the other optimizers add
    wd * sum of squares to the loss. Adam's moments default to fastai's (0.9, 0.99, 1e-5)."""
    if opt not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {opt!r} (choose from {', '.join(OPTIMIZERS)})")
    if schedule not in SCHEDULES:
        raise ValueError(f"unknown schedule {schedule!r} (choose from {', '.join(SCHEDULES)})")
    u, m, r = train_set
    n = len(r)
    steps_per_epoch = math.ceil(n / bs)
    total = steps_per_epoch * epochs
    rng = np.random.default_rng(seed)
    mom = {k: np.zeros_like(v) for k, v in p.items()}
    sq = {k: np.zeros_like(v) for k, v in p.items()} if opt in ("adam", "adamw") else None
    hist = History()
    best, best_p, since = math.inf, None, 0
    step = 0
    t0 = time.perf_counter()
    for epoch in range(epochs):
        order = rng.permutation(n)
        run = 0.0
        for b in range(steps_per_epoch):
            idx = order[b * bs:(b + 1) * bs]
            if schedule == "onecycle":
                lr_t, b1 = onecycle(step, total, lr)
            elif schedule == "sgdr":
                lr_t, b1 = sgdr(step, steps_per_epoch, lr, cycle_len, cycle_mult)
            else:
                lr_t, b1 = lr, None
            b1 = (beta1 if opt in ("adam", "adamw") else momentum) if b1 is None else b1
            loss, g = mse_grad(p, model, u[idx], m[idx], r[idx], y_range)
            run += loss
            step += 1
            for k, w in p.items():
                gk = g[k]
                if opt == "adamw":
                    w *= 1.0 - lr_t * wd
                elif wd:
                    gk = gk + 2.0 * wd * w
                if opt == "sgd":
                    w -= lr_t * gk
                elif opt == "momentum":
                    mom[k] = b1 * mom[k] + gk
                    w -= lr_t * mom[k]
                else:
                    mom[k] = b1 * mom[k] + (1 - b1) * gk
                    sq[k] = beta2 * sq[k] + (1 - beta2) * gk * gk
                    mhat = mom[k] / (1 - b1 ** step)
                    vhat = sq[k] / (1 - beta2 ** step)
                    w -= lr_t * mhat / (np.sqrt(vhat) + eps)
            if progress is not None:
                progress(1, loss)
        hist.epochs.append(epoch + 1)
        hist.train_rmse.append(math.sqrt(run / steps_per_epoch))
        hold = rmse(p, model, *holdout, y_range) if holdout is not None else math.nan
        hist.holdout_rmse.append(hold)
        hist.valid_rmse.append(rmse(p, model, *valid, y_range) if valid is not None else math.nan)
        hist.seconds.append(time.perf_counter() - t0)
        if holdout is not None:
            if hold < best:
                best, best_p, since = hold, {k: v.copy() for k, v in p.items()}, 0
                hist.best_epoch = epoch + 1
            else:
                since += 1
                if patience is not None and since > patience:
                    break
    if best_p is not None:
        for k in p:
            p[k][...] = best_p[k]
    else:
        hist.best_epoch = hist.epochs[-1] if hist.epochs else 0
    return hist


__all__ = ["MODELS", "OPTIMIZERS", "SCHEDULES", "init_params", "forward", "mse_grad", "rmse",
           "onecycle", "sgdr", "train", "History"]
