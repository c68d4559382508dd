"""NumPy reference of the collaborative-filtering tabs: predictions, errors, RMSE, gradient.

Shares no code with the formula engine: inputs are the cell values stored in the file
(:mod:`sheetsolver.package.reader`), placed by the pure-data layouts of
:mod:`.collab_layout`. The models (fast.ai lesson 4/7, chapter 8 of the book):

* dot product: prediction = user factors . movie factors
* biases: + user bias + movie bias
* sigmoid range: lo + (hi - lo) * sigmoid(dot + biases)  (fastai's ``y_range``)
* one-hot: the user/movie embedding is the one-hot row times the table (a matrix product)
* embedding lookup: the embedding is the table's row picked by MATCH/OFFSET or INDEX

The course tabs' objective is sqrt(mean over the rated cells of (prediction - rating)^2);
the tabs ``build collab`` writes minimise the lesson's loss with weight decay, mean squared
error + wd * (sum of squares of every factor and bias), and show the RMSE beside it. The
analytic gradient (:func:`loss_and_grad`) is what the reference fit uses; tests check it
against finite differences.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..errors import SheetsolverError
from .collab_layout import (COURSE_LAYOUTS, CrosstabLayout, ObservationLayout, TabLayout, a1,
                            box, built_crosstab, built_emb, built_onehot, rc)

# ---- the model on (user index, movie index, rating) triples ----------------------------------


@dataclass
class Params:
    """Embedding tables (rows = users / movies) and optional biases."""
    user: np.ndarray                 # (n_users, k)
    movie: np.ndarray                # (n_movies, k)
    user_bias: np.ndarray | None = None
    movie_bias: np.ndarray | None = None

    def arrays(self):
        return [a for a in (self.user, self.movie, self.user_bias, self.movie_bias)
                if a is not None]


def predict(p: Params, u: np.ndarray, m: np.ndarray, kind: str = "dot", y_range=None):
    """Predictions for index arrays ``u``, ``m``; returns (pred, z) with z before the sigmoid."""
    z = np.einsum("ij,ij->i", p.user[u], p.movie[m])
    if kind in ("bias", "sigmoid"):
        z = z + p.user_bias[u] + p.movie_bias[m]
    if kind == "sigmoid":
        lo, hi = y_range
        return lo + (hi - lo) / (1.0 + np.exp(-z)), z
    return z, z


def loss_and_grad(p: Params, u, m, r, kind: str = "dot", y_range=None, *, loss: str = "rmse",
                  wd: float = 0.0, want_grad: bool = True):
    """Loss and its gradient (a Params of the same shapes).

    ``loss``: "rmse" = sqrt(mean((pred - r)^2)) (the tabs' objective) or "mse".
    ``wd``: adds wd * (sum of squares of every table and bias), the lesson's weight decay."""
    pred, z = predict(p, u, m, kind, y_range)
    e = pred - r
    n = len(r)
    mse = float(e @ e) / n
    val = np.sqrt(mse) if loss == "rmse" else mse
    val += wd * sum(float((a * a).sum()) for a in p.arrays())
    if not want_grad:
        return val, None
    if loss == "rmse":
        dpred = e / (n * np.sqrt(mse)) if mse > 0 else np.zeros_like(e)
    else:
        dpred = 2.0 * e / n
    if kind == "sigmoid":
        lo, hi = y_range
        s = 1.0 / (1.0 + np.exp(-z))
        dz = dpred * (hi - lo) * s * (1.0 - s)
    else:
        dz = dpred
    g = Params(np.zeros_like(p.user), np.zeros_like(p.movie),
               None if p.user_bias is None else np.zeros_like(p.user_bias),
               None if p.movie_bias is None else np.zeros_like(p.movie_bias))
    np.add.at(g.user, u, dz[:, None] * p.movie[m])
    np.add.at(g.movie, m, dz[:, None] * p.user[u])
    if kind in ("bias", "sigmoid"):
        g.user_bias += np.bincount(u, dz, len(p.user_bias))
        g.movie_bias += np.bincount(m, dz, len(p.movie_bias))
    if wd:
        for ga, a in zip(g.arrays(), p.arrays()):
            ga += 2.0 * wd * a
    return val, g


# ---- reading a tab's inputs -----------------------------------------------------------------

def _num(v) -> float:
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else np.nan


def read_block(sheet, rng: str) -> np.ndarray:
    """Stored values of an A1 range as floats (NaN for blanks, text, errors)."""
    r1, c1, r2, c2 = box(rng)
    out = np.full((r2 - r1 + 1, c2 - c1 + 1), np.nan)
    for r in range(r1, r2 + 1):
        for c in range(c1, c2 + 1):
            cell = sheet.cells.get((r, c))
            if cell is not None:
                out[r - r1, c - c1] = _num(cell.value)
    return out


def _formula(sheet, ref: str) -> str:
    cell = sheet.cells.get(rc(ref))
    if cell is None or not cell.is_formula or cell.formula is None:
        return ""
    return cell.formula.lstrip("=")


def matches(sheet, layout) -> bool:
    """Whether every signature cell of ``layout`` holds a formula of the expected shape."""
    return all(re.fullmatch(rx, _formula(sheet, ref), re.IGNORECASE)
               for ref, rx in layout.signature.items())


# ---- recognising tabs -------------------------------------------------------------------------

_RNG = r"\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)"


def _built_candidates(sheet):
    """Layouts the tab would have if ``build collab`` wrote it, read off its RMSE cell B3
    (SQRT(SUM(errors)/COUNT(ratings)): the error block or column and the ratings)."""
    m = re.fullmatch(rf"SQRT\(SUM\({_RNG}\)/COUNT\({_RNG}\)\)", _formula(sheet, "B3"), re.I)
    if not m:
        return []
    (ec1, er1, ec2, er2), (_, rr1, _, rr2) = m.groups()[:4], m.groups()[4:]
    er1, er2, rr1, rr2 = int(er1), int(er2), int(rr1), int(rr2)
    if ec1 != ec2:                               # a block of squared errors: a crosstab tab
        r1, c1 = rc(m.group(5) + m.group(6))
        r2, c2 = rc(m.group(7) + m.group(8))
        U, M, k = r2 - r1 + 1, c2 - c1 + 1, c1 - 3
        return [built_crosstab(U, M, k, kind) for kind in ("dot", "bias", "sigmoid")] \
            if k >= 1 else []
    f, n = er1, er2 - er1 + 1                     # one squared error per observation row
    pcol = rc(f"{ec1}1")[1] - 1
    first = _formula(sheet, a1(f, 4)).upper()
    if first.startswith("IF("):
        k = f - 7
        U = sum(1 for c in range(4, pcol) if _formula(sheet, a1(f, c)).upper().startswith("IF($A"))
        M = sum(1 for c in range(4, pcol) if _formula(sheet, a1(f, c)).upper().startswith("IF($B"))
        return [built_onehot(U, M, k, n)] if k >= 1 else []
    if first.startswith("INDEX("):
        k = (pcol - 4) // 2
        U = _count_down(sheet, 5, 1)
        M = _count_down(sheet, 5, k + 3)
        return [built_emb(U, M, k, n)] if k >= 1 else []
    return []


def _count_down(sheet, r: int, c: int) -> int:
    n = 0
    while not np.isnan(_num(getattr(sheet.cells.get((r + n, c)), "value", None))):
        n += 1
    return n


def recognise(sheet):
    """The layout of a collab tab (course or built variant), or None."""
    for lay in COURSE_LAYOUTS + tuple(_built_candidates(sheet)):
        if matches(sheet, lay):
            return lay
    return None


def collab_tabs(wb) -> list[tuple[str, object]]:
    """[(sheet name, layout)] of every recognised collab tab, in tab order."""
    out = []
    for sh in wb.sheets:
        lay = recognise(sh)
        if lay is not None:
            out.append((sh.name, lay))
    return out


# ---- the tabs as reference models ---------------------------------------------------------------


def read_weight_decay(sheet, layout) -> float:
    """The tab's weight decay (its ``wd`` cell; 0 where the objective is the plain RMSE)."""
    if not layout.wd:
        return 0.0
    wd = read_block(sheet, layout.wd)[0, 0]
    if not wd >= 0:
        raise SheetsolverError(f"weight decay {layout.wd} must be a number >= 0",
                               sheet=sheet.name, cell=layout.wd)
    return float(wd)


class _Tab:
    """What both kinds of tab share: the objective, its gradient in the Solver's variable
    order, and the objective (and RMSE) cells. Subclasses define _loss, pack, unpack."""
    layout: TabLayout
    params: Params
    wd: float

    def objective(self, p: Params | None = None) -> float:
        """RMSE (course tabs) or MSE + wd * sum of squares of the variables (built tabs)."""
        return float(self._loss(p or self.params, loss=self.layout.loss, wd=self.wd,
                                want_grad=False)[0])

    def fg(self, x: np.ndarray):
        """Objective and gradient at the flat vector ``x`` (the Solver's variable order)."""
        v, g = self._loss(self.unpack(x), loss=self.layout.loss, wd=self.wd)
        return v, self.pack(g)

    def objective_cells(self, p: Params) -> dict[str, dict[tuple[int, int], float]]:
        """The objective cell and, where the objective is penalised, the RMSE cell."""
        out = {"objective": {rc(self.layout.objective): self.objective(p)}}
        if self.layout.rmse:
            out["rmse"] = {rc(self.layout.rmse): float(self._loss(p, want_grad=False)[0])}
        return out


class CrosstabTab(_Tab):
    """dotprod / bias / bias_sigmoid from the stored inputs of ``sheet``.

    Mirrors: every prediction cell (``layout.predictions``), every squared-error cell
    (``layout.errors``, built tabs), the objective cell and the RMSE cell (built tabs)."""

    def __init__(self, sheet, layout: CrosstabLayout):
        self.layout, self.sheet = layout, sheet
        L = layout
        self.ratings = read_block(sheet, L.ratings)
        U, M = self.ratings.shape
        uf = read_block(sheet, L.user_factors)
        mf = read_block(sheet, L.movie_factors)
        ub = read_block(sheet, L.user_bias)[:, 0] if L.user_bias else None
        mb = read_block(sheet, L.movie_bias)[0] if L.movie_bias else None
        self.params = Params(uf, mf.T.copy(), ub, mb)
        self.y_range = None
        if L.y_range:
            lo, hi = (read_block(sheet, c)[0, 0] for c in L.y_range)
            self.y_range = (lo, hi)
        self.wd = read_weight_decay(sheet, L)
        for name, a in (("user factors", uf), ("movie factors", mf)):
            if np.isnan(a).any():
                raise SheetsolverError(f"{name} {L.user_factors if name[0] == 'u' else L.movie_factors}"
                                       " hold a blank or text", sheet=sheet.name)
        uu, mm = np.meshgrid(np.arange(U), np.arange(M), indexing="ij")
        self.all_u, self.all_m = uu.ravel(), mm.ravel()
        rated = ~np.isnan(self.ratings.ravel())
        self.u, self.m = self.all_u[rated], self.all_m[rated]
        self.r = self.ratings.ravel()[rated]

    def _pred_block(self, p: Params) -> np.ndarray:
        pred, _ = predict(p, self.all_u, self.all_m, self.layout.kind, self.y_range)
        pred = pred.reshape(self.ratings.shape)
        blank = np.isnan(self.ratings)
        if self.layout.blank_prediction == "biases":
            return np.where(blank, p.user_bias[:, None] + p.movie_bias[None, :] + 0.0, pred)
        return np.where(blank, 0.0, pred)

    def cells(self, p: Params | None = None) -> dict[str, dict[tuple[int, int], float]]:
        """{"prediction" | "squared error" | "objective": {(row, col): value}}."""
        p = p or self.params
        L = self.layout
        out = {}
        pred = self._pred_block(p)
        r1, c1, _, _ = box(L.predictions)
        out["prediction"] = {(r1 + i, c1 + j): float(v) for (i, j), v in np.ndenumerate(pred)}
        if L.errors:
            err = np.where(np.isnan(self.ratings), 0.0, (self.ratings - pred) ** 2)
            r1, c1, _, _ = box(L.errors)
            out["squared error"] = {(r1 + i, c1 + j): float(v) for (i, j), v in np.ndenumerate(err)}
        out.update(self.objective_cells(p))
        return out

    def _loss(self, p: Params, **kw):
        return loss_and_grad(p, self.u, self.m, self.r, self.layout.kind, self.y_range, **kw)

    # flat vector in the order of layout.variables (sheet orientation, row-major)
    def pack(self, p: Params) -> np.ndarray:
        parts = [p.user.ravel(), p.movie.T.ravel()]
        if p.user_bias is not None:
            parts += [p.user_bias, p.movie_bias]
        return np.concatenate(parts)

    def unpack(self, x: np.ndarray) -> Params:
        U, k = self.params.user.shape
        M = self.params.movie.shape[0]
        i = 0
        uf = x[i:i + U * k].reshape(U, k)
        i += U * k
        mf = x[i:i + M * k].reshape(k, M).T
        i += M * k
        ub = mb = None
        if self.params.user_bias is not None:
            ub, mb = x[i:i + U], x[i + U:i + U + M]
        return Params(uf, mf, ub, mb)


class ObservationTab(_Tab):
    """movielens_1hot / movielens_emb from the stored inputs of ``sheet``.

    Mirrors: the MATCH index cells, every one-hot cell, every looked-up embedding cell,
    every prediction and squared-error cell, the objective cell and the RMSE cell (built tabs)."""

    def __init__(self, sheet, layout: ObservationLayout):
        self.layout, self.sheet = layout, sheet
        L = layout
        rows = range(L.first_row, L.last_row + 1)
        col = lambda c: np.array([_num(getattr(sheet.cells.get((r, c)), "value", None))  # noqa
                                  for r in rows])
        self.uid, self.mid, self.r = col(L.user_id_col), col(L.movie_id_col), col(L.rating_col)
        ut, mt = read_block(sheet, L.user_table), read_block(sheet, L.movie_table)
        uids = read_block(sheet, L.user_table_ids).ravel()
        mids = read_block(sheet, L.movie_table_ids).ravel()
        if L.tables_by == "column":
            ut, mt = ut.T.copy(), mt.T.copy()
        self.params = Params(ut, mt)
        self.user_ids, self.movie_ids = uids, mids
        self.u = self._match(self.uid, uids, "user")
        self.m = self._match(self.mid, mids, "movie")
        self.wd = read_weight_decay(sheet, L)

    def _match(self, ids, table_ids, what) -> np.ndarray:
        """0-based table row of each id: MATCH(id, ids) (match type 1: the last id <= the
        value, ids ascending) or MATCH(id, ids, 0) (the first equal id)."""
        if self.layout.match == "approx":
            if np.any(np.diff(table_ids) <= 0):
                raise SheetsolverError(f"{what} ids {self.layout.user_table_ids} are not ascending: "
                                       "MATCH type 1 needs sorted ids", sheet=self.sheet.name)
            idx = np.searchsorted(table_ids, ids, side="right") - 1
        else:
            idx = np.array([int(np.flatnonzero(table_ids == v)[0]) if (table_ids == v).any()
                            else -1 for v in ids])
        if (idx < 0).any():
            bad = int(np.flatnonzero(idx < 0)[0])
            raise SheetsolverError(f"{what} {ids[bad]:g} is not in the {what} table",
                                   sheet=self.sheet.name, cell=a1(self.layout.first_row + bad, 1))
        return idx

    def cells(self, p: Params | None = None) -> dict[str, dict[tuple[int, int], float]]:
        p = p or self.params
        L = self.layout
        f = L.first_row
        n = len(self.r)
        out: dict[str, dict] = {}
        if L.user_idx_col:
            out["match index"] = {**{(f + i, L.user_idx_col): float(v + 1) for i, v in enumerate(self.u)},
                                  **{(f + i, L.movie_idx_col): float(v + 1) for i, v in enumerate(self.m)}}
        if L.onehot_user_cols:
            hot = {}
            for (c1, c2), idx, ids in ((L.onehot_user_cols, self.u, self.user_ids),
                                       (L.onehot_movie_cols, self.m, self.movie_ids)):
                for j in range(c2 - c1 + 1):
                    # course: the MATCH index against 1..N in the header row; built: the id
                    want = (j + 1) if L.onehot_matches == "index" else ids[j]
                    got = (idx + 1) if L.onehot_matches == "index" else ids[idx]
                    for i in range(n):
                        hot[(f + i, c1 + j)] = 1.0 if got[i] == want else 0.0
            out["one-hot"] = hot
        ue, me = p.user[self.u], p.movie[self.m]
        emb = {}
        for (c1, _), e in ((L.user_emb_cols, ue), (L.movie_emb_cols, me)):
            for (i, j), v in np.ndenumerate(e):
                emb[(f + i, c1 + j)] = float(v)
        out["embedding lookup"] = emb
        pred, _ = predict(p, self.u, self.m)
        out["prediction"] = {(f + i, L.pred_col): float(v) for i, v in enumerate(pred)}
        out["squared error"] = {(f + i, L.err_col): float(v) for i, v in enumerate((pred - self.r) ** 2)}
        out.update(self.objective_cells(p))
        return out

    def _loss(self, p: Params, **kw):
        return loss_and_grad(p, self.u, self.m, self.r, **kw)

    def pack(self, p: Params) -> np.ndarray:
        if self.layout.tables_by == "column":
            return np.concatenate([p.user.T.ravel(), p.movie.T.ravel()])
        return np.concatenate([p.user.ravel(), p.movie.ravel()])

    def unpack(self, x: np.ndarray) -> Params:
        U, k = self.params.user.shape
        M = self.params.movie.shape[0]
        a, b = x[:U * k], x[U * k:U * k + M * k]
        if self.layout.tables_by == "column":
            return Params(a.reshape(k, U).T, b.reshape(k, M).T)
        return Params(a.reshape(U, k), b.reshape(M, k))


def tab_model(sheet, layout):
    """The reference model of a recognised tab."""
    return (CrosstabTab if isinstance(layout, CrosstabLayout) else ObservationTab)(sheet, layout)


# ---- the reference fit ----------------------------------------------------------------------------


def solver_options(wb, sheet_name: str) -> dict[str, str]:
    """The sheet's hidden solver_* names as text (read from the file, not the solver)."""
    idx = next(s.index for s in wb.sheets if s.name == sheet_name)
    return {n.name: n.text for n in getattr(wb, "names", []) or []
            if n.name.startswith("solver_") and n.sheet_index == idx}


def lbfgsb_fit(tab, options: dict | None = None):
    """scipy L-BFGS-B from the tab's stored values with the tolerances ``solve`` derives from
    the Solver options (ftol = cvg*1e-5, gtol = pre*1e-2, 20 corrections): the reference
    side of ``compare``'s fit check. Returns (OptimizeResult, seconds)."""
    import time

    from scipy import optimize
    o = options or {}
    cvg = float(o.get("solver_cvg", 1e-4))
    pre = float(o.get("solver_pre", 1e-6))
    itr = int(min(float(o.get("solver_itr", 15000)), 15000))
    x0 = tab.pack(tab.params)
    t0 = time.perf_counter()
    res = optimize.minimize(tab.fg, x0, jac=True, method="L-BFGS-B",
                            bounds=optimize.Bounds(np.full(x0.size, -np.inf),
                                                   np.full(x0.size, np.inf)),
                            options=dict(maxiter=itr, maxfun=max(itr, 15000) * 2,
                                         ftol=cvg * 1e-5, gtol=pre * 1e-2, maxcor=20))
    return res, time.perf_counter() - t0


__all__ = ["Params", "predict", "loss_and_grad", "read_block", "recognise", "collab_tabs",
           "CrosstabTab", "ObservationTab", "tab_model", "lbfgsb_fit", "solver_options"]
