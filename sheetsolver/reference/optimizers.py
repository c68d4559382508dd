"""One pass of each optimiser tab of ``graddesc.xlsm``, formula for formula.

Each function walks the training rows (sheet rows 4..32, one example per row)
with plain float64 scalar arithmetic in *the same operation order as the cell
formulas* so results match Excel's cached values bit for bit, not just
approximately. Nothing here touches the project's formula engine: agreement
between the two is independent evidence.

Model on every tab: ``pred = b + a*x``, loss ``(y - pred)^2``, gradients
``de/db = 2*(a*x + b - y)``, ``de/da = x * de/db``; the parameters are chained
row to row (C5 = H4, D5 = I4), so one pass = one SGD epoch of batch size 1.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import SheetsolverError
from .layout import COLUMNS, FEEDBACK, FIRST_ROW, column_map, header_map

DIV0 = "#DIV/0!"


@dataclass
class PassResult:
    """What one recalculation of a tab shows.

    ``table``: one row per training example, indexed by sheet row (4..),
    columns named as in :data:`.layout.COLUMNS` (``columns`` maps sheet letter
    -> name, ``by_letter()`` gives the same table with letter columns).
    ``extra``: every other formula cell by A1 reference (K1, J3, F33, N34...).
    ``summary``: named end-of-pass figures (``error`` = sqrt(sum err^2) always).
    """
    tab: str
    table: pd.DataFrame
    inputs: dict
    extra: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)

    @property
    def columns(self) -> dict[str, str]:
        return column_map(self.tab)

    @property
    def headers(self) -> dict[str, str]:
        return header_map(self.tab)

    @property
    def last_row(self) -> int:
        return int(self.table.index[-1])

    @property
    def error(self) -> float:
        return self.summary["error"]

    def by_letter(self) -> pd.DataFrame:
        """The row table with sheet column letters as column names."""
        return self.table.rename(columns={n: l for l, n in self.columns.items()})

    def value(self, ref: str) -> float | str:
        """Value of one formula cell, e.g. ``value('H5')``."""
        return self.cells()[ref]

    def cells(self) -> dict[str, float | str]:
        """Every formula cell of the tab by A1 reference (x/y in A/B are inputs, left out)."""
        out: dict[str, float | str] = {}
        for letter, name in self.columns.items():
            if letter in ("A", "B"):
                continue
            for row, v in self.table[name].items():
                out[f"{letter}{row}"] = float(v)
        out.update(self.extra)
        return out

    def feedback(self) -> dict[str, float]:
        """Last-row values the macro copies back (lastconst C32, lastslope D32, momlast, ms_last)."""
        last = self.table.iloc[-1]
        return {key: float(last[self.columns[letter]]) for key, letter in FEEDBACK[self.tab].items()}


def _xy(x, y) -> tuple[list[float], list[float]]:
    xa = np.asarray(x, dtype=np.float64).ravel()
    ya = np.asarray(y, dtype=np.float64).ravel()
    if xa.shape != ya.shape or xa.size == 0:
        raise SheetsolverError(f"x and y must be non-empty and the same length (got {xa.size} and {ya.size})")
    if not (np.all(np.isfinite(xa)) and np.all(np.isfinite(ya))):
        raise SheetsolverError("x and y must be finite numbers")
    return [float(v) for v in xa], [float(v) for v in ya]


def _sqrt(v: float, tab: str, cell: str) -> float:
    if v < 0:
        raise SheetsolverError(f"#NUM!: SQRT of negative {v!r}", sheet=tab, cell=cell)
    return math.sqrt(v)


def _div(num: float, den: float, tab: str, cell: str) -> float:
    if den == 0:
        raise SheetsolverError("#DIV/0!", sheet=tab, cell=cell)
    return num / den


def _safe_div(num: float, den: float) -> float | str:
    """Division for informational cells: returns Excel's error text instead of failing."""
    return DIV0 if den == 0 else num / den


def _sum(values) -> float:
    s = 0.0
    for v in values:
        s += v
    return s


def _table(tab: str, cols: dict[str, list[float]]) -> pd.DataFrame:
    n = len(cols["x"])
    df = pd.DataFrame({name: cols[name] for _, name, _ in COLUMNS[tab]},
                      index=pd.RangeIndex(FIRST_ROW, FIRST_ROW + n, name="row"), dtype=np.float64)
    return df


def _sq_error(xs, ys, bs, as_) -> float:
    """sqrt(sum (y - (b + a*x))^2) in sheet order: basic F33 / momentum L33 ('rmse', no mean)."""
    return math.sqrt(_sum((y - (b + a * x)) ** 2 for x, y, b, a in zip(xs, ys, bs, as_)))


def basic_sgd(x, y, a0: float, b0: float, lr: float = 1e-4, *, fd_step: float = 0.01) -> PassResult:
    """Tab ``basic``: plain SGD plus finite-difference gradient checks.

    Mirrors, for row r (r = 4..32; C4 = C1 'const', D4 = C2 'slope')::

        E = C+D*A                     F = (B-E)^2
        G = (((C+0.01)+A*D)-B)^2      H = (G-F)/0.01      (est de/db)
        I = (((D+0.01)*A+C)-B)^2      J = (I-F)/0.01      (est de/da)
        K = 2*(E-B)                   L = K*A             (analytic de/db, de/da)
        M = D-L*$F$1 (new a)          N = C-K*$F$1 (new b)
        C[r+1] = N[r], D[r+1] = M[r]

    Summary: F33 = SQRT(SUM(F4:F32)) ('rmse', no mean), K33 = SQRT(SUMSQ(K4:K32)),
    L33 = SQRT(SUMSQ(L4:L32)). ``fd_step`` is the 0.01 hard-coded in G..J.
    """
    tab = "basic"
    xs, ys = _xy(x, y)
    h = float(fd_step)
    c = {k: [] for k in ("x", "y", "b", "a", "pred", "err2", "err_b1", "est_db", "err_a1", "est_da",
                         "db", "da", "new_a", "new_b")}
    b, a = float(b0), float(a0)
    for xv, yv in zip(xs, ys):
        e = b + a * xv
        f = (yv - e) ** 2
        g = (((b + h) + xv * a) - yv) ** 2
        i = (((a + h) * xv + b) - yv) ** 2
        k = 2 * (e - yv)
        l_ = k * xv
        m, n = a - l_ * lr, b - k * lr
        for key, v in zip(c, (xv, yv, b, a, e, f, g, (g - f) / h, i, (i - f) / h, k, l_, m, n)):
            c[key].append(v)
        b, a = n, m
    r33 = FIRST_ROW + len(xs)
    rmse = math.sqrt(_sum(c["err2"]))
    gb = math.sqrt(_sum(v * v for v in c["db"]))
    ga = math.sqrt(_sum(v * v for v in c["da"]))
    return PassResult(tab, _table(tab, c), {"a": a0, "b": b0, "lr": lr},
                      extra={f"F{r33}": rmse, f"K{r33}": gb, f"L{r33}": ga},
                      summary={"error": rmse, "rmse": rmse, "grad_norm_b": gb, "grad_norm_a": ga})


def _grad_rows(xv: float, yv: float, b: float, a: float) -> tuple[float, float, float]:
    """Shared E..G of the moment tabs: E = C+D*A, F = 2*(D*A+C-B), G = F*A."""
    e = b + a * xv
    f = 2 * (a * xv + b - yv)
    return e, f, f * xv


def momentum(x, y, a0: float, b0: float, lr: float = 1e-4, beta: float = 0.9, *,
             mom_b0: float = 0.0, mom_a0: float = 0.0) -> PassResult:
    """Tab ``momentum``: SGD with an exponentially weighted gradient average.

    Mirrors (K1 = 1-J1, J3 = J33 and K3 = K33 are ``mom_b0``/``mom_a0``)::

        E = C+D*A        F = 2*(D*A+C-B)      G = F*A
        J = J[r-1]*$J$1+$K$1*F                K = K[r-1]*$J$1+$K$1*G
        H = C-J*$D$2 (new b)                  I = D-K*$D$2 (new a)
        L = (B-E)^2                           C[r+1] = H[r], D[r+1] = I[r]

    The step uses the *current* row's average J/K. L33 = SQRT(SUM(L4:L32)).
    """
    tab = "momentum"
    xs, ys = _xy(x, y)
    k1 = 1 - beta
    c = {k: [] for k in ("x", "y", "b", "a", "pred", "db", "da", "new_b", "new_a", "mom_b", "mom_a", "err2")}
    b, a, jb, ja = float(b0), float(a0), float(mom_b0), float(mom_a0)
    for xv, yv in zip(xs, ys):
        e, f, g = _grad_rows(xv, yv, b, a)
        jb = jb * beta + k1 * f
        ja = ja * beta + k1 * g
        nb, na = b - jb * lr, a - ja * lr
        for key, v in zip(c, (xv, yv, b, a, e, f, g, nb, na, jb, ja, (yv - e) ** 2)):
            c[key].append(v)
        b, a = nb, na
    r33 = FIRST_ROW + len(xs)
    err = math.sqrt(_sum(c["err2"]))
    inputs = {"a": a0, "b": b0, "lr": lr, "beta": beta, "mom_b": mom_b0, "mom_a": mom_a0}
    return PassResult(tab, _table(tab, c), inputs,
                      extra={"K1": k1, "J3": float(mom_b0), "K3": float(mom_a0), f"L{r33}": err},
                      summary={"error": err, "rmse": err})


def rmsprop(x, y, a0: float, b0: float, lr: float = 0.02, beta: float = 0.9, *,
            ms_b0: float = 10000.0, ms_a0: float = 10000.0) -> PassResult:
    """Tab ``rmsprop``: step scaled by the root of a running mean square.

    Mirrors (K1 = 1-J1, J3 = J33 and K3 = K33 are ``ms_b0``/``ms_a0``)::

        E = C+D*A        F = 2*(D*A+C-B)      G = F*A
        H = C-F*$D$2/SQRT(J[r-1]) (new b)     I = D-G*$D$2/SQRT(K[r-1]) (new a)
        J = J[r-1]*$J$1+$K$1*F^2              K = K[r-1]*$J$1+$K$1*G^2

    Quirk: H/I divide by the *previous* row's mean square (H4 uses J3 = J33),
    so the current gradient is not yet in the denominator; no epsilon.
    The sheet has no end-of-pass summary cells. Default ms seeds are the
    reset macro's 10000.
    """
    tab = "rmsprop"
    xs, ys = _xy(x, y)
    k1 = 1 - beta
    c = {k: [] for k in ("x", "y", "b", "a", "pred", "db", "da", "new_b", "new_a", "ms_b", "ms_a")}
    b, a, jb, ja = float(b0), float(a0), float(ms_b0), float(ms_a0)
    for r, (xv, yv) in enumerate(zip(xs, ys), start=FIRST_ROW):
        e, f, g = _grad_rows(xv, yv, b, a)
        nb = b - _div(f * lr, _sqrt(jb, tab, f"H{r}"), tab, f"H{r}")
        na = a - _div(g * lr, _sqrt(ja, tab, f"I{r}"), tab, f"I{r}")
        jb = jb * beta + k1 * f ** 2
        ja = ja * beta + k1 * g ** 2
        for key, v in zip(c, (xv, yv, b, a, e, f, g, nb, na, jb, ja)):
            c[key].append(v)
        b, a = nb, na
    inputs = {"a": a0, "b": b0, "lr": lr, "beta": beta, "ms_b": ms_b0, "ms_a": ms_a0}
    err = _sq_error(xs, ys, c["b"], c["a"])
    return PassResult(tab, _table(tab, c), inputs,
                      extra={"K1": k1, "J3": float(ms_b0), "K3": float(ms_a0)}, summary={"error": err})


def _adam_moments(f, g, mb, ma, vb, va, beta1, beta2):
    """One row's momentum (J, K) and mean-square (L, M) updates of the adam tab:
    J = J[r-1]*beta1 + (1-beta1)*db, L = L[r-1]*beta2 + (1-beta2)*db^2 (K, M for a)."""
    k1, m1 = 1 - beta1, 1 - beta2
    return (mb * beta1 + k1 * f, ma * beta1 + k1 * g,
            vb * beta2 + m1 * f ** 2, va * beta2 + m1 * g ** 2)


# the row columns of the adam tab, which amsgrad and eve extend
_ADAM_COLUMNS = ("x", "y", "b", "a", "pred", "db", "da", "new_b", "new_a", "mom_b", "mom_a",
                 "ms_b", "ms_a")


def _adam_seeds(beta1, beta2, mom_b0, mom_a0, ms_b0, ms_a0) -> dict:
    """The cells above the rows of an adam-like tab: K1 = 1-beta1, M1 = 1-beta2 and the
    seeds J3:M3 (momentum and mean square of b and a)."""
    return {"K1": 1 - beta1, "M1": 1 - beta2, "J3": float(mom_b0), "K3": float(mom_a0),
            "L3": float(ms_b0), "M3": float(ms_a0)}


def _adam_rows(tab: str, xs, ys, b, a, lr, beta1, beta2, mb, ma, vb, va, extra_columns=(),
               row_step=None):
    """Rows of adam / adam_ann (identical formulas), and of the tabs built on them
    (amsgrad, eve in :mod:`.adaptive`): there ``row_step(r, y, pred, L, M)``, after the
    row's moments, gives the mean squares whose roots scale the step, a factor on those
    roots and the row's ``extra_columns`` (adam: L, M, factor 1, none)::

        H = C-J*$D$2/(factor*SQRT(mean square of b))   I likewise for a
    """
    c = {k: [] for k in _ADAM_COLUMNS + extra_columns}
    for r, (xv, yv) in enumerate(zip(xs, ys), start=FIRST_ROW):
        e, f, g = _grad_rows(xv, yv, b, a)
        mb, ma, vb, va = _adam_moments(f, g, mb, ma, vb, va, beta1, beta2)
        sb, sa, factor, extra = ((vb, va, 1.0, ()) if row_step is None
                                 else row_step(r, yv, e, vb, va))
        nb = b - _div(mb * lr, factor * _sqrt(sb, tab, f"H{r}"), tab, f"H{r}")
        na = a - _div(ma * lr, factor * _sqrt(sa, tab, f"I{r}"), tab, f"I{r}")
        for key, v in zip(c, (xv, yv, b, a, e, f, g, nb, na, mb, ma, vb, va) + extra):
            c[key].append(v)
        b, a = nb, na
    return c


def adam(x, y, a0: float, b0: float, lr: float = 1.0, beta1: float = 0.9, beta2: float = 0.9, *,
         mom_b0: float = 0.0, mom_a0: float = 0.0, ms_b0: float = 10000.0,
         ms_a0: float = 10000.0) -> PassResult:
    """Tab ``adam``: momentum divided by root mean square, the sheet's way.

    Mirrors (K1 = 1-J1, M1 = 1-L1, J3:M3 = J33:M33 are the ``*0`` seeds)::

        E = C+D*A        F = 2*(D*A+C-B)      G = F*A
        J = J[r-1]*$J$1+$K$1*F                K = K[r-1]*$J$1+$K$1*G
        L = L[r-1]*$L$1+$M$1*F^2              M = M[r-1]*$L$1+$M$1*G^2
        H = C-J*$D$2/SQRT(L) (new b)          I = D-K*$D$2/SQRT(M) (new a)

    Quirks vs. textbook Adam: no bias correction, no epsilon, and the
    current row's averages are used (unlike rmsprop). Defaults are the reset
    macro's values (lr 1, momentum 0, mean square 10000); beta2 = L1 = 0.9.
    """
    tab = "adam"
    xs, ys = _xy(x, y)
    c = _adam_rows(tab, xs, ys, float(b0), float(a0), lr, beta1, beta2,
                   float(mom_b0), float(mom_a0), float(ms_b0), float(ms_a0))
    inputs = {"a": a0, "b": b0, "lr": lr, "beta": beta1, "beta2": beta2,
              "mom_b": mom_b0, "mom_a": mom_a0, "ms_b": ms_b0, "ms_a": ms_a0}
    extra = _adam_seeds(beta1, beta2, mom_b0, mom_a0, ms_b0, ms_a0)
    return PassResult(tab, _table(tab, c), inputs, extra=extra,
                      summary={"error": _sq_error(xs, ys, c["b"], c["a"])})


def adam_annealed(x, y, a0: float, b0: float, lr: float = 1.0, beta1: float = 0.9,
                  beta2: float = 0.95, *, mom_b0: float = 0.0, mom_a0: float = 0.0,
                  ms_b0: float = 10000.0, ms_a0: float = 10000.0,
                  prev_grad2: float = 200.0) -> PassResult:
    """Tab ``adam_ann``: the ``adam`` rows (see :func:`adam`) plus annealing diagnostics.

    Extra cells mirrored (n = 29 rows, COUNT = n)::

        F33 = SQRT(SUMSQ(F4:F32))/COUNT(F4:F32)   G33 likewise for G
        N33 = SQRT(L33)+SQRT(M33)   ('avg_grad2', from the *pasted* ms seeds)
        K34 = 1/K3   L34 = 1/L3     (stray diagnostics; #DIV/0! when 0)
        N34 = avg_grad2/prev_grad2  ('gradrat'; prev_grad2 = N3, a pasted value)

    The rows never read the lr schedule; the annealing happens in the
    ``somesteps`` macro (:func:`.macros.anneal_lr`). beta2 = L1 = 0.95 here.
    """
    tab = "adam_ann"
    xs, ys = _xy(x, y)
    c = _adam_rows(tab, xs, ys, float(b0), float(a0), lr, beta1, beta2,
                   float(mom_b0), float(mom_a0), float(ms_b0), float(ms_a0))
    n = len(xs)
    r33, r34 = FIRST_ROW + n, FIRST_ROW + n + 1
    f33 = math.sqrt(_sum(v * v for v in c["db"])) / n
    g33 = math.sqrt(_sum(v * v for v in c["da"])) / n
    n33 = _sqrt(float(ms_b0), tab, f"N{r33}") + _sqrt(float(ms_a0), tab, f"N{r33}")
    inputs = {"a": a0, "b": b0, "lr": lr, "beta": beta1, "beta2": beta2, "mom_b": mom_b0,
              "mom_a": mom_a0, "ms_b": ms_b0, "ms_a": ms_a0, "prev_grad2": prev_grad2}
    extra = {**_adam_seeds(beta1, beta2, mom_b0, mom_a0, ms_b0, ms_a0), f"F{r33}": f33, f"G{r33}": g33, f"N{r33}": n33,
             f"K{r34}": _safe_div(1.0, float(mom_a0)), f"L{r34}": _safe_div(1.0, float(ms_b0)),
             f"N{r34}": _safe_div(n33, float(prev_grad2))}
    summary = {"error": _sq_error(xs, ys, c["b"], c["a"]), "grad_rms_b": f33, "grad_rms_a": g33,
               "avg_grad2": n33, "gradrat": extra[f"N{r34}"]}
    return PassResult(tab, _table(tab, c), inputs, extra=extra, summary=summary)


def one_pass(tab: str, x, y, state: dict) -> PassResult:
    """Recalculate `tab` for a macro state dict (keys as in :mod:`.layout`)."""
    s = state
    if tab == "basic":
        return basic_sgd(x, y, s["a"], s["b"], s["lr"])
    if tab == "momentum":
        return momentum(x, y, s["a"], s["b"], s["lr"], s["beta"], mom_b0=s["mom_b"], mom_a0=s["mom_a"])
    if tab == "rmsprop":
        return rmsprop(x, y, s["a"], s["b"], s["lr"], s["beta"], ms_b0=s["ms_b"], ms_a0=s["ms_a"])
    if tab in ("adam", "adam_ann"):
        kw = dict(mom_b0=s["mom_b"], mom_a0=s["mom_a"], ms_b0=s["ms_b"], ms_a0=s["ms_a"])
        if tab == "adam":
            return adam(x, y, s["a"], s["b"], s["lr"], s["beta"], s["beta2"], **kw)
        return adam_annealed(x, y, s["a"], s["b"], s["lr"], s["beta"], s["beta2"],
                             prev_grad2=s["prev_grad2"], **kw)
    from . import adaptive
    if tab == "adagrad":
        return adaptive.adagrad(x, y, s["a"], s["b"], s["lr"], ss_b0=s["ms_b"], ss_a0=s["ms_a"])
    if tab == "amsgrad":
        return adaptive.amsgrad(x, y, s["a"], s["b"], s["lr"], s["beta"], s["beta2"],
                                mom_b0=s["mom_b"], mom_a0=s["mom_a"], ms_b0=s["ms_b"],
                                ms_a0=s["ms_a"], max_b0=s["max_b"], max_a0=s["max_a"])
    if tab == "eve":
        return adaptive.eve(x, y, s["a"], s["b"], s["lr"], s["beta"], s["beta2"], s["beta3"],
                            s["k"], s["K"], mom_b0=s["mom_b"], mom_a0=s["mom_a"],
                            ms_b0=s["ms_b"], ms_a0=s["ms_a"], fhat0=s["fhat"], d0=s["d"])
    raise SheetsolverError(f"unknown optimiser tab {tab!r} (expected basic, momentum, rmsprop, "
                           "adam, adam_ann, adagrad, amsgrad, eve)")
