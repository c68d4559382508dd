"""One pass of the adaptive optimisers of the 2018 course workbook's tabs: Adagrad,
AMSGrad and Eve, formula for formula, on the graddesc layout.

Same conventions as :mod:`.optimizers` (rows 4..32, ``pred = b + a*x``,
``de/db = 2*(a*x+b-y)``, ``de/da = x*de/db``, parameters chained row to row,
row 3 holding the statistics pasted into row 33 by ``onestep``; J1/L1 the
betas with K1 = 1-J1, M1 = 1-L1); plain float64 scalar arithmetic in the cell
formulas' operation order.  The cells mirrored are listed in each docstring.
"""
from __future__ import annotations

import math

from .optimizers import (FIRST_ROW, PassResult, _adam_rows, _adam_seeds, _div, _grad_rows,
                         _sq_error, _sqrt, _table, _xy)


def adagrad(x, y, a0: float, b0: float, lr: float = 1.0, *, ss_b0: float = 0.0,
            ss_a0: float = 0.0) -> PassResult:
    """Tab ``adagrad`` (Duchi, Hazan & Singer 2011): step scaled by the root of the
    running *sum* of squared gradients (no decay, no epsilon).

    Mirrors (J3 = J33, K3 = K33 are ``ss_b0``/``ss_a0``; reset sets them to 0)::

        E = C+D*A        F = 2*(D*A+C-B)      G = F*A
        J = J[r-1]+F^2                        K = K[r-1]+G^2
        H = C-$D$2*F/SQRT(J) (new b)          I = D-$D$2*G/SQRT(K) (new a)
    """
    tab = "adagrad"
    xs, ys = _xy(x, y)
    c = {k: [] for k in ("x", "y", "b", "a", "pred", "db", "da", "new_b", "new_a", "ms_b", "ms_a")}
    b, a, jb, ja = float(b0), float(a0), float(ss_b0), float(ss_a0)
    for r, (xv, yv) in enumerate(zip(xs, ys), start=FIRST_ROW):
        e, f, g = _grad_rows(xv, yv, b, a)
        jb = jb + f ** 2
        ja = ja + g ** 2
        nb = b - _div(lr * f, _sqrt(jb, tab, f"H{r}"), tab, f"H{r}")
        na = a - _div(lr * g, _sqrt(ja, tab, f"I{r}"), tab, f"I{r}")
        for key, v in zip(c, (xv, yv, b, a, e, f, g, nb, na, jb, ja)):
            c[key].append(v)
        b, a = nb, na
    inputs = {"a": a0, "b": b0, "lr": lr, "ms_b": ss_b0, "ms_a": ss_a0}
    return PassResult(tab, _table(tab, c), inputs,
                      extra={"J3": float(ss_b0), "K3": float(ss_a0)},
                      summary={"error": _sq_error(xs, ys, c["b"], c["a"])})


def amsgrad(x, y, a0: float, b0: float, lr: float = 1.0, beta1: float = 0.9,
            beta2: float = 0.99, *, mom_b0: float = 0.0, mom_a0: float = 0.0,
            ms_b0: float = 0.0, ms_a0: float = 0.0, max_b0: float = 0.0,
            max_a0: float = 0.0) -> PassResult:
    """Tab ``amsgrad`` (Reddi, Kale & Kumar 2018, "On the Convergence of Adam and
    Beyond", Algorithm 2): Adam's averages, but the step divides by the running
    *maximum* of the mean square, so the effective rate never grows.

    Mirrors (J3:O3 = J33:O33 are the ``*0`` seeds; K1 = 1-J1, M1 = 1-L1)::

        E = C+D*A        F = 2*(D*A+C-B)      G = F*A
        J = J[r-1]*$J$1+$K$1*F                K = K[r-1]*$J$1+$K$1*G
        L = L[r-1]*$L$1+$M$1*F^2              M = M[r-1]*$L$1+$M$1*G^2
        N = MAX(N[r-1],L)                     O = MAX(O[r-1],M)
        H = C-J*$D$2/SQRT(N) (new b)          I = D-K*$D$2/SQRT(O) (new a)

    As in the paper's algorithm: no bias correction, no epsilon.
    """
    tab = "amsgrad"
    xs, ys = _xy(x, y)
    hb, ha = float(max_b0), float(max_a0)

    def running_max(r, yv, e, vb, va):
        """N, O: the running maxima of L, M, whose roots divide the step."""
        nonlocal hb, ha
        hb, ha = max(hb, vb), max(ha, va)
        return hb, ha, 1.0, (hb, ha)

    c = _adam_rows(tab, xs, ys, float(b0), float(a0), lr, beta1, beta2, float(mom_b0),
                   float(mom_a0), float(ms_b0), float(ms_a0), ("max_b", "max_a"), running_max)
    inputs = {"a": a0, "b": b0, "lr": lr, "beta": beta1, "beta2": beta2, "mom_b": mom_b0,
              "mom_a": mom_a0, "ms_b": ms_b0, "ms_a": ms_a0, "max_b": max_b0, "max_a": max_a0}
    extra = {**_adam_seeds(beta1, beta2, mom_b0, mom_a0, ms_b0, ms_a0),
             "N3": float(max_b0), "O3": float(max_a0)}
    return PassResult(tab, _table(tab, c), inputs, extra=extra,
                      summary={"error": _sq_error(xs, ys, c["b"], c["a"])})


def eve_feedback(f: float, fhat: float, d: float, *, beta3: float, k: float, K: float
                 ) -> tuple[float, float]:
    """Eve's objective feedback for one step (Koushik & Hayashi 2016, Algorithm 1).

    ``f``: the objective at the current parameters; ``fhat``: the smoothed
    objective so far; ``d``: the feedback coefficient.  Returns (new fhat, new d)::

        delta, Delta = (k+1, K+1) if f >= fhat else (1/(K+1), 1/(k+1))
        c = min(max(delta, f/fhat), Delta);  new fhat = c*fhat
        r = |new fhat - fhat| / min(new fhat, fhat);  new d = beta3*d + (1-beta3)*r
    """
    if f >= fhat:
        lo, hi = 1 + k, 1 + K
    else:
        lo, hi = 1 / (1 + K), 1 / (1 + k)
    c = min(max(lo, f / fhat), hi)
    new = c * fhat
    return new, beta3 * d + (1 - beta3) * abs(new - fhat) / min(new, fhat)


def eve(x, y, a0: float, b0: float, lr: float = 1.0, beta1: float = 0.9, beta2: float = 0.9,
        beta3: float = 0.999, k: float = 0.1, K: float = 10.0, *, mom_b0: float = 0.0,
        mom_a0: float = 0.0, ms_b0: float = 10000.0, ms_a0: float = 10000.0,
        fhat0: float = 1.0, d0: float = 1.0) -> PassResult:
    """Tab ``eve`` (Koushik & Hayashi 2016, "Improving Stochastic Gradient Descent with
    Feedback"): the sheet's Adam step divided by a feedback coefficient d that
    grows when the (smoothed) loss changes a lot and shrinks when it settles.

    Mirrors (N1 = beta3, O1 = k, P1 = K; J3:M3 = J33:M33, O3 = O33 'fhat',
    P3 = P33 'd' are the seeds; the objective is the row's squared error)::

        E..G, J..M as on the adam tab        N = (B-E)^2 (loss f)
        O = MIN(MAX(IF(N>=O[r-1],1+$O$1,1/(1+$P$1)),N/O[r-1]),
                IF(N>=O[r-1],1+$P$1,1/(1+$O$1)))*O[r-1]            (fhat)
        P = $N$1*P[r-1]+(1-$N$1)*ABS(O-O[r-1])/MIN(O,O[r-1])        (d)
        H = C-J*$D$2/(P*SQRT(L)) (new b)     I = D-K*$D$2/(P*SQRT(M)) (new a)

    Like the course's adam tab (and unlike the paper) no bias correction and no
    epsilon; the feedback rule is the paper's (:func:`eve_feedback`).
    """
    tab = "eve"
    xs, ys = _xy(x, y)
    fh, d = float(fhat0), float(d0)

    def feedback(r, yv, e, vb, va):
        """N..P: the loss, fhat and d; the step divides by d*SQRT(L), d*SQRT(M)."""
        nonlocal fh, d
        loss = (yv - e) ** 2
        if fh == 0:
            raise _zero(tab, f"O{r}")
        fh, d = eve_feedback(loss, fh, d, beta3=beta3, k=k, K=K)
        return vb, va, d, (loss, fh, d)

    c = _adam_rows(tab, xs, ys, float(b0), float(a0), lr, beta1, beta2, float(mom_b0),
                   float(mom_a0), float(ms_b0), float(ms_a0), ("loss", "fhat", "d"), feedback)
    inputs = {"a": a0, "b": b0, "lr": lr, "beta": beta1, "beta2": beta2, "beta3": beta3,
              "k": k, "K": K, "mom_b": mom_b0, "mom_a": mom_a0, "ms_b": ms_b0, "ms_a": ms_a0,
              "fhat": fhat0, "d": d0}
    extra = {**_adam_seeds(beta1, beta2, mom_b0, mom_a0, ms_b0, ms_a0),
             "O3": float(fhat0), "P3": float(d0)}
    return PassResult(tab, _table(tab, c), inputs, extra=extra,
                      summary={"error": math.sqrt(sum_(c["loss"]))})


def sum_(values) -> float:
    s = 0.0
    for v in values:
        s += v
    return s


def _zero(tab, cell):
    from ..errors import SheetsolverError
    return SheetsolverError("#DIV/0! (fhat = 0)", sheet=tab, cell=cell)
