"""Excel's least-squares regression functions: LINEST and LOGEST (coefficients, and
with stats=TRUE the 5-row table of standard errors, r2, F and sums of squares), TREND
and GROWTH (fitted values at new x's).

Layout as Excel: known_y's in one column means each column of known_x's is a variable
(one row: each row a variable); coefficients come out in reverse order, m_k ... m_1, b.
A variable that is a linear combination of the others (or of the constant) is dropped
as Excel drops it: coefficient 0, standard error 0, one more residual degree of freedom.
LOGEST/GROWTH fit ln(y) and report exp of the coefficients.
"""
from __future__ import annotations

import math

import numpy as np

from ...rules import is_number
from ...values import NA, NUM, REF, VALUE, ExcelError
from .statistical_base import stat_variants


def _matrix(grid):
    """A grid of numbers as a float matrix, an error it holds, or #VALUE! for text,
    booleans or blanks (Excel's regression functions need numbers)."""
    for row in grid:
        for v in row:
            if isinstance(v, ExcelError):
                return v
            if not is_number(v):
                return VALUE
    return np.asarray(grid, float)


def _design(ys, xs):
    """(y vector, X matrix n x k, by_row) from known_y's and known_x's, or an error."""
    y = _matrix(ys)
    if isinstance(y, ExcelError):
        return y
    r, c = y.shape
    by_row = r == 1 and c > 1
    n = y.size
    if xs is None:
        return y.ravel(), np.arange(1.0, n + 1).reshape(n, 1), by_row
    x = _matrix(xs)
    if isinstance(x, ExcelError):
        return x
    if x.shape == y.shape:
        return y.ravel(), x.reshape(n, 1), by_row
    if c == 1 and x.shape[0] == n:
        return y.ravel(), x, False
    if by_row and x.shape[1] == n:
        return y.ravel(), x.T, True
    return REF


def _independent(X: np.ndarray, const: bool) -> list:
    """Indices of the columns kept: each one not a linear combination of those kept
    before it (and of the constant, when there is one)."""
    n = X.shape[0]
    basis = [np.ones(n)] if const else []
    keep = []
    for j in range(X.shape[1]):
        col = X[:, j]
        if basis:
            B = np.column_stack(basis)
            coef, *_ = np.linalg.lstsq(B, col, rcond=None)
            res = col - B @ coef
        else:
            res = col
        if np.linalg.norm(res) > 1e-10 * max(np.linalg.norm(col), 1.0):
            keep.append(j)
            basis.append(col)
    return keep


def fit(y: np.ndarray, X: np.ndarray, const: bool, stats: bool):
    """LINEST's result grid for y ~ X (with or without the constant)."""
    n, k = X.shape
    keep = _independent(X, const)
    A = X[:, keep]
    if const:
        A = np.column_stack([A, np.ones(n)])
    p = A.shape[1]
    if p == 0:
        beta = np.zeros(0)
    else:
        beta, *_ = np.linalg.lstsq(A, y, rcond=None)
    coef = np.zeros(k)
    coef[keep] = beta[:len(keep)]
    b = float(beta[-1]) if const else 0.0
    row1 = [float(v) for v in coef[::-1]] + [b]
    if not stats:
        return [row1]
    yhat = A @ beta if p else np.zeros(n)
    resid = y - yhat
    ss_resid = float(resid @ resid)
    ss_reg = float(((yhat - y.mean()) ** 2).sum()) if const else float(yhat @ yhat)
    df = n - p
    total = ss_reg + ss_resid
    r2 = ss_reg / total if total > 0 else NUM
    if df > 0:
        s2 = ss_resid / df
        sey = math.sqrt(s2)
        cov = s2 * np.linalg.pinv(A.T @ A) if p else np.zeros((0, 0))
        se_all = np.sqrt(np.maximum(np.diag(cov), 0.0))
        se = np.zeros(k)
        se[keep] = se_all[:len(keep)]
        row2 = [float(v) for v in se[::-1]] + [float(se_all[-1]) if const else NA]
        v1 = len(keep)
        f = (ss_reg / v1) / s2 if v1 and s2 > 0 else NUM
    else:
        row2 = [NUM] * k + [NUM if const else NA]
        sey, f = NUM, NUM
    pad = [NA] * (k - 1)
    return [row1, row2, [r2, sey] + pad, [f, float(df)] + pad, [ss_reg, ss_resid] + pad]


def _estimate(ys, xs=None, const=True, stats=False, *, log: bool):
    """LINEST's array, or LOGEST's (the fit of ln y, its coefficients exponentiated;
    #NUM! for a y <= 0)."""
    d = _design(ys, xs)
    if isinstance(d, ExcelError):
        return d
    y, X, _ = d
    if not log:
        return fit(y, X, const, stats)
    if (y <= 0).any():
        return NUM
    out = fit(np.log(y), X, const, stats)
    out[0] = [math.exp(v) for v in out[0]]
    return out


stat_variants(_estimate, "AAbb", [("LINEST", (), {"log": False}), ("LOGEST", (), {"log": True})],
              min_args=1)


def _predict(ys, xs=None, new_xs=None, const=True, *, log: bool):
    d = _design(ys, xs)
    if isinstance(d, ExcelError):
        return d
    y, X, by_row = d
    if log:
        if (y <= 0).any():
            return NUM
        y = np.log(y)
    coef = fit(y, X, const, False)[0]
    k = X.shape[1]
    m = np.asarray(coef[:k][::-1], float)
    b = coef[k]
    if new_xs is None:
        if xs is None:
            new = np.arange(1.0, y.size + 1).reshape(np.asarray(ys, dtype=object).shape)
        else:
            new = _matrix(xs)
    else:
        new = _matrix(new_xs)
    if isinstance(new, ExcelError):
        return new
    if k == 1:
        out = new * m[0] + b
    elif not by_row and new.shape[1] == k:
        out = (new @ m + b).reshape(-1, 1)
    elif by_row and new.shape[0] == k:
        out = (m @ new + b).reshape(1, -1)
    else:
        return REF
    if log:
        out = np.exp(out)
    return [[float(v) for v in row] for row in out]


stat_variants(_predict, "AAAb", [("TREND", (), {"log": False}), ("GROWTH", (), {"log": True})],
              min_args=1)
