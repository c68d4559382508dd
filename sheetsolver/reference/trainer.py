"""Mini-batch NumPy trainer for the lesson's collaborative-filtering models.

The same models as the collab tabs (:mod:`.collab`: dot product, + biases, + sigmoid
range) and the lesson's small neural net on concatenated embeddings (fastai's
``CollabNN``: [user emb, movie emb] -> Linear -> ReLU -> Linear -> sigmoid range),
trained on (user, movie, rating) triples by mini-batch SGD, momentum, Adam or AdamW
(decoupled weight decay), under a one-cycle, SGDR (cosine with restarts) or constant
learning-rate schedule, with early stopping on a validation slice of the training file.
Every parameter is updated every step (dense, as PyTorch/fastai do), all of them held in one
flat buffer so that an optimizer step is a few whole-array operations. Loss: mean squared
error (+ wd * sum of squares for SGD/momentum/Adam; AdamW decays the weights directly).
The biases can take their own weight decay (``bias_wd``): on MovieLens u1.base, not decaying
them is what takes the holdout RMSE from ~0.912 to ~0.908 (a decayed bias drags a rarely
rated movie towards the middle of the rating range); :func:`ensemble_rmse` averages models.
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
                seed: int = 0, init_bias: float = 0.0) -> dict[str, np.ndarray]:
    """fastai's initialisation: embeddings ~ N(0, 0.01) (truncated), user and movie biases
    ``init_bias`` (0, or half the logit of the mean rating to start the sigmoid model at the
    mean); the net's linear layers ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)) as PyTorch's."""
    rng = np.random.default_rng(seed)
    tn = lambda *s: np.clip(rng.normal(0, 0.01, s), -0.02, 0.02)  # noqa: E731
    p = {"user": tn(n_users, k), "movie": tn(n_movies, k)}
    if model in ("bias", "sigmoid"):
        p["user_bias"] = np.full(n_users, float(init_bias))
        p["movie_bias"] = np.full(n_movies, float(init_bias))
    if model == "nn":
        b1, b2 = 1 / math.sqrt(2 * k), 1 / math.sqrt(hidden)
        p["w1"] = rng.uniform(-b1, b1, (2 * k, hidden))
        p["b1"] = rng.uniform(-b1, b1, hidden)
        p["w2"] = rng.uniform(-b2, b2, hidden)
        p["b2"] = rng.uniform(-b2, b2, 1)
    return p


def bias_for_mean(mean: float, y_range=(0.0, 5.5)) -> float:
    """The user and movie bias that start the sigmoid model at ``mean`` (embeddings ~ 0):
    lo + (hi - lo) * sigmoid(2 b) = mean, b = logit((mean - lo) / (hi - lo)) / 2."""
    lo, hi = y_range
    f = (mean - lo) / (hi - lo)
    return 0.5 * math.log(f / (1.0 - f))


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


def mse_grad(p, model, u, m, r, y_range=(0.0, 5.5), g=None):
    """(mean squared error, gradient dict) of one batch. ``g``: arrays to write the
    gradient into (zeroed here; the trainer passes views of one flat buffer)."""
    pred, cache = forward(p, model, u, m, y_range)
    e = pred - r
    n = len(r)
    dpred = 2.0 * e / n
    if model in ("sigmoid", "nn"):
        s = cache[-1]
        dz = dpred * (y_range[1] - y_range[0]) * s * (1.0 - s)
    else:
        dz = dpred
    if g is None:
        g = {k: np.zeros_like(v) for k, v in p.items()}
    else:
        for a in g.values():
            a[...] = 0.0
    if model == "nn":
        x, h, a, _ = cache[:4]
        g["w2"][...] = a.T @ dz
        g["b2"][...] = dz.sum()
        dh = np.outer(dz, p["w2"]) * (h > 0)
        g["w1"][...] = x.T @ dh
        g["b1"][...] = dh.sum(axis=0)
        dx = dh @ p["w1"].T
        k = p["user"].shape[1]
        du, dm = dx[:, :k], dx[:, k:]
    else:
        du = dz[:, None] * p["movie"][m]
        dm = dz[:, None] * p["user"][u]
        if model != "dot":
            np.add.at(g["user_bias"], u, dz)
            np.add.at(g["movie_bias"], m, dz)
    np.add.at(g["user"], u, du)
    np.add.at(g["movie"], m, dm)
    return float(e @ e) / n, g


def rmse(p, model, u, m, r, y_range=(0.0, 5.5), batch: int = 65536) -> float:
    se = 0.0
    for i in range(0, len(r), batch):
        pred, _ = forward(p, model, u[i:i + batch], m[i:i + batch], y_range)
        se += float(((pred - r[i:i + batch]) ** 2).sum())
    return math.sqrt(se / len(r))


def ensemble_rmse(members, u, m, r) -> float:
    """RMSE of the average prediction of several trained models; ``members`` are
    (params, model, y_range) triples (a small ensemble, as in the lesson's last step)."""
    pred = sum(forward(p, model, u, m, yr)[0] for p, model, yr in members) / len(members)
    return math.sqrt(float(((pred - r) ** 2).mean()))


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


def _views(flat: np.ndarray, p: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Views into ``flat`` shaped like the parameters of ``p``, in order."""
    views, i = {}, 0
    for k, v in p.items():
        views[k] = flat[i:i + v.size].reshape(v.shape)
        i += v.size
    return views


def _flat_views(p: dict[str, np.ndarray]) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """One contiguous copy of every parameter and a dict of views into it, so the optimizer
    updates all of them with a handful of whole-buffer operations per step."""
    flat = np.concatenate([v.ravel() for v in p.values()])
    return flat, _views(flat, p)


def optimizer_step(opt, w, g, mom, sq, step, lr, b1, beta2=0.99, eps=1e-5, wd=0.0, tmp=None):
    """One in-place update of the flat parameters ``w`` from the gradient ``g`` (``g`` is
    overwritten). ``step`` counts from 1. sgd: w -= lr*g; momentum: mom = b1*mom + g,
    w -= lr*mom; adam: fastai's/PyTorch's Adam with bias correction (moments with
    dampening); adam/sgd/momentum fold wd into the loss (g += 2*wd*w); adamw decays the
    weights first, w *= 1 - lr*wd, decoupled as in Loshchilov & Hutter and torch.optim.AdamW."""
    if opt == "adamw":
        w *= 1.0 - lr * wd
    elif np.any(wd):
        g += (2.0 * wd) * w
    if opt == "sgd":
        w -= lr * g
        return
    if opt == "momentum":
        mom *= b1
        mom += g
        w -= lr * mom
        return
    tmp = np.empty_like(w) if tmp is None else tmp
    mom *= b1                                   # in place throughout: no temporaries
    np.multiply(g, 1.0 - b1, out=tmp)
    mom += tmp
    sq *= beta2
    np.multiply(g, g, out=g)
    g *= 1.0 - beta2
    sq += g
    np.sqrt(sq, out=tmp)
    tmp *= 1.0 / math.sqrt(1.0 - beta2 ** step)
    tmp += eps
    np.divide(mom, tmp, out=tmp)
    tmp *= lr / (1.0 - b1 ** step)
    w -= tmp


def train(p, model, train_set, holdout=None, valid=None, *, opt="adamw", lr=5e-3, wd=0.1,
          epochs=5, bs=64, schedule="onecycle", beta1=0.9, beta2=0.99, eps=1e-5,
          momentum=0.9, cycle_len=1, cycle_mult=2, patience=None, seed=0,
          y_range=(0.0, 5.5), bias_wd=None, stop_after=None, progress=None) -> History:
    """Train ``p`` in place; returns the per-epoch history and leaves the parameters of
    the best holdout epoch in ``p`` (early stopping; the last epoch without a holdout).

    ``train_set``/``holdout``/``valid`` are (u, m, r) index arrays; batches are drawn from
    a fresh shuffle every epoch. AdamW decays the weights by lr*wd per step (decoupled,
    fastai's default); the other optimizers add wd * sum of squares to the loss. Adam's
    moments default to fastai's (0.9, 0.99, 1e-5); one-cycle also cycles beta1/momentum.
    ``bias_wd``: a different weight decay for the user/movie biases (None: ``wd`` as fastai).
    ``stop_after``: stop after that many epochs of the ``epochs``-long schedule (a refit on
    all the data for the epoch count that early stopping chose)."""
    if opt not in OPTIMIZERS:
        raise ValueError(f"unknown optimizer {opt!r} (choose from {', '.join(OPTIMIZERS)})")
    if schedule not in SCHEDULES:
        raise ValueError(f"unknown schedule {schedule!r} (choose from {', '.join(SCHEDULES)})")
    u, m, r = train_set
    n = len(r)
    steps_per_epoch = math.ceil(n / bs)
    total = steps_per_epoch * epochs
    rng = np.random.default_rng(seed)
    w, views = _flat_views(p)
    gflat, gviews = _flat_views(p)
    mom = np.zeros_like(w)
    sq = np.zeros_like(w) if opt in ("adam", "adamw") else None
    tmp = np.empty_like(w)
    if bias_wd is not None:
        wd_all, wd = wd, np.empty_like(w)
        for k, v in _views(wd, p).items():
            v[...] = bias_wd if k.endswith("_bias") else wd_all
    hist = History()
    best, best_w, since = math.inf, None, 0
    step = 0
    t0 = time.perf_counter()
    for epoch in range(min(stop_after or epochs, epochs)):
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
            loss, _ = mse_grad(views, model, u[idx], m[idx], r[idx], y_range, gviews)
            run += loss
            step += 1
            optimizer_step(opt, w, gflat, mom, sq, step, lr_t, b1, beta2, eps, wd, tmp)
            if progress is not None:
                progress(1, loss)
        hist.epochs.append(epoch + 1)
        hist.train_rmse.append(math.sqrt(run / steps_per_epoch))
        hold = rmse(views, model, *holdout, y_range) if holdout is not None else math.nan
        hist.holdout_rmse.append(hold)
        hist.valid_rmse.append(rmse(views, model, *valid, y_range) if valid is not None else math.nan)
        hist.seconds.append(time.perf_counter() - t0)
        if holdout is not None:
            if hold < best:
                best, best_w, since = hold, w.copy(), 0
                hist.best_epoch = epoch + 1
            else:
                since += 1
                if patience is not None and since > patience:
                    break
    if best_w is not None:
        w[...] = best_w
    else:
        hist.best_epoch = hist.epochs[-1] if hist.epochs else 0
    for k in p:
        p[k][...] = views[k]
    return hist


__all__ = ["MODELS", "OPTIMIZERS", "SCHEDULES", "init_params", "bias_for_mean", "forward",
           "mse_grad", "rmse", "ensemble_rmse", "onecycle", "sgdr", "optimizer_step", "train",
           "History"]
