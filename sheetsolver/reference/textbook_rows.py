"""Row-by-row textbook optimisers, one update per data row, for sheets that lay
every pass out as live formulas (the project's built ``graddesc.xlsm``).

Why per row: :func:`.textbook.train` returns only per-pass errors; comparing a
sheet cell for cell needs every intermediate value, computed here with plain
float64 scalars in the order the cell formulas use.  Rows are dicts keyed by
quantity (``b``, ``a``, ``pred``, ``db``, ``da``, ``t``, ``m_b`` ...); passes
chain continuously (the next pass starts from the last row's *updated* b, a).
"""
from __future__ import annotations

import itertools
import math

__all__ = ["adamw_rows", "sgdr_rows"]


def _grads(x: float, y: float, b: float, a: float):
    pred = b + a * x
    db = 2 * (a * x + b - y)
    return pred, db, db * x


def _adam(db, da, moments, t, lr, beta1, beta2, eps):
    """One bias-corrected Adam row for (b, a): the new moments (m_b, m_a, v_b, v_a)
    and the steps lr*(m/(1-beta1^t))/(SQRT(v/(1-beta2^t))+eps) to subtract."""
    mb, ma, vb, va = moments
    mb = beta1 * mb + (1 - beta1) * db
    ma = beta1 * ma + (1 - beta1) * da
    vb = beta2 * vb + (1 - beta2) * db * db
    va = beta2 * va + (1 - beta2) * da * da
    steps = tuple(lr * (m / (1 - beta1 ** t)) / (math.sqrt(v / (1 - beta2 ** t)) + eps)
                  for m, v in ((mb, vb), (ma, va)))
    return (mb, ma, vb, va), steps


def _adam_passes(x, y, passes: int, b0: float, a0: float, beta1: float, beta2: float,
                 eps: float, rates, wd: float | None = None) -> list[list[dict]]:
    """``passes`` passes of bias-corrected Adam (:func:`_adam`), one update per row,
    chained across passes.  ``rates`` yields each row's (lr, extra columns, written
    after ``t``); ``wd`` (AdamW) also takes lr*wd*p off each parameter."""
    out, b, a, t = [], float(b0), float(a0), 0.0
    mb = ma = vb = va = 0.0
    for _ in range(passes):
        rows = []
        for xv, yv in zip(x, y):
            pred, db, da = _grads(xv, yv, b, a)
            t = t + 1
            lr, columns = next(rates)
            (mb, ma, vb, va), (ub, ua) = _adam(db, da, (mb, ma, vb, va), t, lr, beta1,
                                               beta2, eps)
            if wd is None:
                nb, na = b - ub, a - ua
            else:
                nb, na = b - ub - lr * wd * b, a - ua - lr * wd * a
            rows.append(dict(x=xv, y=yv, b=b, a=a, pred=pred, db=db, da=da, t=t, **columns,
                             m_b=mb, m_a=ma, v_b=vb, v_a=va, new_b=nb, new_a=na,
                             err2=(yv - pred) ** 2))
            b, a = nb, na
        out.append(rows)
    return out


def adamw_rows(x, y, passes: int, *, b0: float, a0: float, lr: float, beta1: float,
               beta2: float, eps: float, wd: float) -> list[list[dict]]:
    """Adam with bias correction and *decoupled* weight decay (Loshchilov & Hutter 2019).

    Per row (t counts updates from 1 across passes)::

        m = beta1*m+(1-beta1)*g          v = beta2*v+(1-beta2)*g*g
        new p = p-lr*(m/(1-beta1^t))/(SQRT(v/(1-beta2^t))+eps)-lr*wd*p
    """
    return _adam_passes(x, y, passes, b0, a0, beta1, beta2, eps, itertools.repeat((lr, {})),
                        wd)


def _sgdr_rates(lr_max: float, lr_min: float, cycle: float, mult: float):
    """SGDR's rate row after row, with the row's t_cur, cycle and lr columns (see
    :func:`sgdr_rows`)."""
    t_cur, T = cycle - 1, cycle / mult
    while True:
        restart = t_cur + 1 >= T
        t_cur, T = (0, T * mult) if restart else (t_cur + 1, T)
        lr = lr_min + (lr_max - lr_min) * (1 + math.cos(math.pi * t_cur / T)) / 2
        yield lr, {"t_cur": t_cur, "cycle": T, "lr": lr}


def sgdr_rows(x, y, passes: int, *, b0: float, a0: float, lr_max: float, lr_min: float,
              cycle: float, mult: float, beta1: float, beta2: float,
              eps: float) -> list[list[dict]]:
    """Adam (bias-corrected, eps) with SGDR's cosine schedule with warm restarts
    (Loshchilov & Hutter 2017), the cycle length multiplied by ``mult`` at each restart.

    Per row: ``t_cur`` = 0 at a restart else t_cur+1; ``T`` = T*mult at a restart;
    ``lr = lr_min+(lr_max-lr_min)*(1+COS(PI()*t_cur/T))/2``; then the Adam update.
    Before the first row t_cur = cycle-1 and T = cycle/mult, so row 1 restarts at
    t_cur = 0 with T = cycle.
    """
    return _adam_passes(x, y, passes, b0, a0, beta1, beta2, eps,
                        _sgdr_rates(lr_max, lr_min, cycle, mult))
