"""Textbook optimisers on the sheets' problem, for comparison with the sheet rules.

Same model and data flow as the tabs (``pred = b + a*x``, one update per
training row, rows in sheet order), but with the standard formulations:

* Adam with bias correction and epsilon (Kingma & Ba 2015);
* AdamW: Adam + *decoupled* weight decay (Loshchilov & Hutter 2019), versus
  ``weight_decay`` with ``decoupled=False`` = L2 added to the gradient;
* SGDR: cosine annealing of the learning rate with warm restarts
  (Loshchilov & Hutter 2017), usable as ``lr_schedule`` for any optimiser.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..errors import SheetsolverError

OPTIMIZERS = ("sgd", "momentum", "rmsprop", "adam", "adamw")


def linear_grads(b: float, a: float, x: float, y: float) -> tuple[float, float]:
    """(de/db, de/da) of (b + a*x - y)^2, written as on the sheets: 2*(a*x+b-y), times x."""
    d = 2 * (a * x + b - y)
    return d, d * x


def sgdr_lr(step: int, lr_max: float, cycle_len: int, *, lr_min: float = 0.0,
            cycle_mult: int = 1) -> float:
    """Learning rate at `step` (0-based) of cosine annealing with warm restarts.

    Cycle i lasts ``cycle_len * cycle_mult**i`` steps; inside a cycle, at step
    t_cur of T: ``lr_min + (lr_max - lr_min) * (1 + cos(pi * t_cur / T)) / 2``.
    At each restart the rate jumps back to ``lr_max``.
    """
    if cycle_len < 1 or cycle_mult < 1 or step < 0:
        raise SheetsolverError(f"SGDR needs cycle_len >= 1, cycle_mult >= 1, step >= 0 "
                               f"(got {cycle_len}, {cycle_mult}, {step})")
    t, length = int(step), int(cycle_len)
    while t >= length:
        t -= length
        length *= int(cycle_mult)
    return lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * t / length)) / 2


def adam_step(p: np.ndarray, g: np.ndarray, m: np.ndarray, v: np.ndarray, t: int, lr: float, *,
              beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8,
              weight_decay: float = 0.0, decoupled: bool = False):
    """One bias-corrected Adam / AdamW update; t is the 1-based step count. Returns (p, m, v).

    Coupled (L2): g += wd*p before the moments. Decoupled (AdamW):
    p -= lr*wd*p_old next to the Adam step, so the decay is not rescaled by sqrt(v).
    """
    if weight_decay and not decoupled:
        g = g + weight_decay * p
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g * g
    m_hat = m / (1 - beta1 ** t)
    v_hat = v / (1 - beta2 ** t)
    new_p = p - lr * m_hat / (np.sqrt(v_hat) + eps)
    if weight_decay and decoupled:
        new_p = new_p - lr * weight_decay * p
    return new_p, m, v


@dataclass
class TextbookRun:
    """Per-pass history: ``errors[i]`` = sqrt(sum err^2) over pass i's rows (sheet 'rmse')."""
    optimizer: str
    errors: list[float] = field(default_factory=list)
    params: list[tuple[float, float]] = field(default_factory=list)  # (b, a) after each pass
    lrs: list[float] = field(default_factory=list)  # lr used at each step


def train(x, y, optimizer: str = "adam", passes: int = 10, *, a0: float = 1.0, b0: float = 1.0,
          lr: float = 0.1, lr_schedule: Callable[[int], float] | None = None, beta1: float = 0.9,
          beta2: float = 0.999, eps: float = 1e-8, weight_decay: float = 0.0) -> TextbookRun:
    """Run `passes` epochs of per-row updates with a textbook optimiser.

    ``optimizer``: ``sgd``; ``momentum`` (m = beta1*m + g, p -= lr*m); ``rmsprop``
    (v = beta2*v + (1-beta2)*g^2 with the *current* gradient, p -= lr*g/(sqrt(v)+eps));
    ``adam`` (bias-corrected, eps; ``weight_decay`` is L2); ``adamw`` (decoupled decay).
    ``lr_schedule(step)`` overrides ``lr`` per step (e.g. ``partial(sgdr_lr, ...)``).
    """
    if optimizer not in OPTIMIZERS:
        raise SheetsolverError(f"unknown textbook optimiser {optimizer!r} (expected one of {OPTIMIZERS})")
    xs = np.asarray(x, dtype=np.float64).ravel()
    ys = np.asarray(y, dtype=np.float64).ravel()
    if xs.shape != ys.shape or xs.size == 0:
        raise SheetsolverError("x and y must be non-empty and the same length")
    p = np.array([b0, a0], dtype=np.float64)
    m = np.zeros(2)
    v = np.zeros(2)
    out = TextbookRun(optimizer)
    step = 0
    for _ in range(int(passes)):
        sq = 0.0
        for xv, yv in zip(xs, ys):
            sq += (yv - (p[0] + p[1] * xv)) ** 2
            g = np.array(linear_grads(p[0], p[1], xv, yv))
            rate = lr_schedule(step) if lr_schedule is not None else lr
            step += 1
            out.lrs.append(float(rate))
            if optimizer == "sgd":
                p = p - rate * (g + weight_decay * p)
            elif optimizer == "momentum":
                m = beta1 * m + g + weight_decay * p
                p = p - rate * m
            elif optimizer == "rmsprop":
                g = g + weight_decay * p
                v = beta2 * v + (1 - beta2) * g * g
                p = p - rate * g / (np.sqrt(v) + eps)
            else:
                p, m, v = adam_step(p, g, m, v, step, rate, beta1=beta1, beta2=beta2, eps=eps,
                                    weight_decay=weight_decay, decoupled=optimizer == "adamw")
        out.errors.append(math.sqrt(sq))
        out.params.append((float(p[0]), float(p[1])))
    return out
