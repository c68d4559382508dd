"""Layout of ``collab_filter.xlsx``: the lesson's five collaborative-filtering tabs.

Each tab is an optimisation problem for Excel's Solver (GRG Nonlinear, minimise the
objective B2 by changing the factor/bias blocks), stored as the sheet-scoped hidden
``solver_*`` names Excel writes. The objective is the lesson's loss with weight decay,
mean squared error + wd * (sum of squares of every variable cell), wd in D2, the RMSE in
B3: without the penalty these over-parameterised models (150-180 unknowns for 190
ratings) have no minimum (dot product: the factors grow without bound while the error
creeps down) or one at the end of a very flat valley (biases), and where a solver stops
is an accident of its path. Formulas are chosen to mean the same in
Excel and LibreOffice: explicit dot products and per-cell SUMPRODUCT over
same-shaped ranges (no CSE MMULT, no SUMXMY2 over blanks, no OFFSET in arrays),
blanks masked explicitly in the RMSE.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..formula.refs import Area, cell_name
from .ratings import Crosstab
from .xlsx import Name, SheetSpec, Style, WorkbookSpec

TABS = ("dotprod", "bias", "bias_sigmoid", "movielens_1hot", "movielens_emb")
Y_RANGE = (0.0, 5.5)   # fastai's y_range for MovieLens: sigmoid squashes into (0, 5.5)
# wd of the objective: with 1e-3, L-BFGS-B stops within 1e-7 of the minimum it reaches at
# gtol 1e-12, in 80-400 iterations, and starts moved by 1e-12 end within 2e-8 of each other;
# with 1e-4 they end up to 5e-7 apart; 1e-2 costs 0.15-0.25 of training RMSE
WEIGHT_DECAY = 1e-3

TITLE = Style(bold=True)
HEAD = Style(bold=True, fill="D9E1F2")
NOTE = Style(italic=True)
INT = Style(num_fmt="0")
VAR = Style(num_fmt="0.000", fill="FFF2CC", room=99.999)       # Solver variables (yellow)
PRED = Style(num_fmt="0.00", room=99.99)
OBJ = Style(bold=True, num_fmt="0.0000", fill="E2EFDA")   # Solver objective (green)
RMSE = Style(bold=True, num_fmt="0.0000")

# the Solver options Excel stores with a GRG Nonlinear model (values as in the course file)
SOLVER_OPTIONS = {
    "solver_cvg": "0.0001", "solver_drv": "1", "solver_eng": "1", "solver_est": "1",
    "solver_itr": "2147483647", "solver_mip": "2147483647", "solver_mni": "30",
    "solver_mrt": "0.075", "solver_msl": "2", "solver_neg": "2", "solver_nod": "2147483647",
    "solver_num": "0", "solver_nwt": "1", "solver_pre": "0.000001", "solver_rbv": "1",
    "solver_rlx": "2", "solver_rsd": "0", "solver_scl": "1", "solver_sho": "2",
    "solver_ssz": "100", "solver_tim": "2147483647", "solver_tol": "0.01", "solver_typ": "2",
    "solver_val": "0", "solver_ver": "3",
}


@dataclass
class TabModel:
    """Where a tab's Solver model lives: objective cell and variable areas."""
    sheet: str
    objective: tuple[int, int]
    variables: list[Area]

    def solver_names(self, index: int) -> list[Name]:
        opt = f"{self.sheet}!{_abs(*self.objective)}"
        adj = ",".join(f"{self.sheet}!{_abs(a.r1, a.c1)}:{_abs(a.r2, a.c2)}" for a in self.variables)
        names = {"solver_adj": adj, "solver_opt": opt, **SOLVER_OPTIONS}
        return [Name(k, v, index, True) for k, v in sorted(names.items())]


def _abs(r: int, c: int) -> str:
    ref = cell_name(r, c)
    i = next(i for i, ch in enumerate(ref) if ch.isdigit())
    return f"${ref[:i]}${ref[i:]}"


def _rng_block(rng: np.random.Generator, shape) -> np.ndarray:
    """Random initial values in [0, 1), 4 decimals (readable in the formula bar)."""
    return np.round(rng.random(shape), 4)


def _crosstab_tab(name: str, ct: Crosstab, k: int, rng, kind: str) -> tuple[SheetSpec, TabModel]:
    """dotprod / bias / bias_sigmoid: ratings, movie factors above, user factors left."""
    U, M = len(ct.users), len(ct.movies)
    sh = SheetSpec(name)
    bias = kind != "dot"
    pc = k + 3                                   # first movie column (A id, factors, bias, gap)
    titles = {"dot": "prediction = dot product of user and movie factors",
              "bias": "prediction = dot product + user bias + movie bias",
              "sigmoid": f"prediction = {Y_RANGE[0]:g} + ({Y_RANGE[1]:g}-{Y_RANGE[0]:g}) * "
                         "sigmoid(dot product + user bias + movie bias)"}
    sh.put(1, 1, f"{name}: {titles[kind]}", TITLE)
    # ratings crosstab
    r0 = 5
    sh.put(4, 1, "user \\ movie", HEAD)
    for j, m in enumerate(ct.movies):
        sh.put(4, pc + j, m, HEAD)
    for i, u in enumerate(ct.users):
        sh.put(r0 + i, 1, u, HEAD)
        for j in range(M):
            v = ct.ratings[i, j]
            if not np.isnan(v):
                sh.put(r0 + i, pc + j, float(v), INT if v == int(v) else PRED)
    sh.put(4, 2, "ratings (blank = not rated)", Style(bold=True))
    # movie factors (and bias) above the predictions
    hm = r0 + U + 1
    sh.put(hm, 1, "movie factors", TITLE)
    sh.put(hm, pc - 1, "movie", HEAD)
    for j, m in enumerate(ct.movies):
        sh.put(hm, pc + j, m, HEAD)
    mf = _rng_block(rng, (k, M))
    for f in range(k):
        sh.put(hm + 1 + f, pc - 1, f"factor {f + 1}", Style(bold=True))
        for j in range(M):
            sh.put(hm + 1 + f, pc + j, float(mf[f, j]), VAR)
    variables = [Area(name, hm + 1, pc, hm + k, pc + M - 1)]
    mb_row = None
    if bias:
        mb_row = hm + k + 1
        sh.put(mb_row, pc - 1, "bias", Style(bold=True))
        mbv = _rng_block(rng, M)
        for j in range(M):
            sh.put(mb_row, pc + j, float(mbv[j]), VAR)
        variables.append(Area(name, mb_row, pc, mb_row, pc + M - 1))
    # user factors (and bias) left of the predictions
    hp = hm + k + (2 if bias else 1) + 1
    sh.put(hp, 1, "user", HEAD)
    for f in range(k):
        sh.put(hp, 2 + f, f"factor {f + 1}", HEAD)
    if bias:
        sh.put(hp, k + 2, "bias", HEAD)
    sh.put(hp - 1, 1, "user factors", TITLE)
    sh.put(hp - 1, pc, "predictions", TITLE)
    for j, m in enumerate(ct.movies):
        sh.put(hp, pc + j, m, HEAD)
    uf = _rng_block(rng, (U, k))
    ub = _rng_block(rng, U) if bias else None
    for i, u in enumerate(ct.users):
        r = hp + 1 + i
        sh.put(r, 1, u, HEAD)
        for f in range(k):
            sh.put(r, 2 + f, float(uf[i, f]), VAR)
        if bias:
            sh.put(r, k + 2, float(ub[i]), VAR)
    variables.insert(0, Area(name, hp + 1, 2, hp + U, k + 1 + (1 if bias else 0)))
    lo, hi = "$E$3", "$G$3"            # y-range cells (sigmoid tab)
    he = hp + U + 2                      # squared-error block header row
    sh.put(he - 1, pc, "squared errors (0 where no rating)", TITLE)
    sh.put(he, 1, "user", HEAD)
    for j, m in enumerate(ct.movies):
        sh.put(he, pc + j, m, HEAD)
    for i, u in enumerate(ct.users):
        r, re_ = hp + 1 + i, he + 1 + i
        sh.put(re_, 1, u, HEAD)
        for j in range(M):
            col = cell_name(1, pc + j)[:-1]
            rating = f"{col}{r0 + i}"   # relative: the whole block is one formula shape
            dot = "+".join(f"${cell_name(r, 2 + f)}*{col}${hm + 1 + f}" for f in range(k))
            if bias:
                dot += f"+${cell_name(r, k + 2)}+{col}${mb_row}"
            if kind == "sigmoid":
                dot = f"{lo}+({hi}-{lo})/(1+EXP(-({dot})))"
            sh.put(r, pc + j, f'=IF({rating}="",0,{dot})', PRED)
            sh.put(re_, pc + j, f'=IF({rating}="",0,({rating}-{col}{r})^2)', PRED)
    rat = f"{_abs(r0, pc)}:{_abs(r0 + U - 1, pc + M - 1)}"
    err = f"{_abs(he + 1, pc)}:{_abs(he + U, pc + M - 1)}"
    obj = _objective_cells(sh, err, rat, variables, " Predictions are 0 where there is no rating.")
    if kind == "sigmoid":
        sh.put(3, 4, "y min", Style(bold=True))
        sh.put(3, 5, Y_RANGE[0])
        sh.put(3, 6, "y max", Style(bold=True))
        sh.put(3, 7, Y_RANGE[1])
        sh.put(3, 8, "sigmoid output range, as fastai's y_range", NOTE)
    sh.widths = {1: 13, **{c: 8 for c in range(2, pc + M)}}
    sh.widths[pc - 1] = 9
    sh.freeze = (0, 1)
    return sh, TabModel(name, obj, variables)


def _obs_header(sh: SheetSpec, hr: int) -> None:
    for c, h in enumerate(("user", "movie", "rating"), start=1):
        sh.put(hr, c, h, HEAD)


def _embedding_headers(sh: SheetSpec, hr: int, ec: int, k: int, pcol: int) -> None:
    """Header row of an observation table's looked-up embeddings, prediction and error."""
    for f in range(k):
        sh.put(hr, ec + f, f"user f{f + 1}", HEAD)
        sh.put(hr, ec + k + f, f"movie f{f + 1}", HEAD)
    sh.put(hr, pcol, "prediction", HEAD)
    sh.put(hr, pcol + 1, "err^2", HEAD)


def _observation(sh: SheetSpec, r: int, user, movie, rating) -> None:
    """Columns A:C of an observation table's row r: user id, movie id, rating."""
    sh.put(r, 1, user, INT)
    sh.put(r, 2, movie, INT)
    sh.put(r, 3, rating)


def _prediction_cells(sh: SheetSpec, r: int, ec: int, k: int, pcol: int) -> None:
    """Row r of an observation table: prediction = user embedding . movie embedding (the
    k cells from ec and the k after them), and its squared error against column C."""
    a, b = cell_name(r, ec), cell_name(r, ec + k - 1)
    c, d = cell_name(r, ec + k), cell_name(r, ec + 2 * k - 1)
    sh.put(r, pcol, f"=SUMPRODUCT({a}:{b},{c}:{d})", PRED)
    sh.put(r, pcol + 1, f"=(C{r}-{cell_name(r, pcol)})^2", PRED)


def _objective_cells(sh: SheetSpec, err: str, count: str, variables: list[Area],
                     note: str = "") -> tuple[int, int]:
    """B2, the Solver's objective: mean squared error (the squared errors ``err`` over the
    ratings ``count``) + wd (D2) * sum of squares of the variable cells; B3, the RMSE.
    Returns the objective cell."""
    mse = f"SUM({err})/COUNT({count})"
    adj = ",".join(f"{_abs(a.r1, a.c1)}:{_abs(a.r2, a.c2)}" for a in variables)
    sh.put(2, 1, "objective", Style(bold=True))
    sh.put(2, 2, f"={mse}+$D$2*SUMSQ({adj})", OBJ)
    sh.put(2, 3, "wd", Style(bold=True))
    sh.put(2, 4, WEIGHT_DECAY)
    sh.put(2, 5, "Solver: minimise the green objective = mean squared error + wd * sum of squares "
                 "of the yellow cells (weight decay, as in the lesson) by changing the yellow "
                 "cells (GRG Nonlinear)." + note, NOTE)
    sh.put(3, 1, "RMSE", Style(bold=True))
    sh.put(3, 2, f"=SQRT({mse})", RMSE)
    return (2, 2)


def _observation_objective(sh: SheetSpec, hr: int, n: int, pcol: int,
                           variables: list[Area]) -> tuple[int, int]:
    """The objective cells of an observation table (header row hr, n ratings below it)."""
    err = f"{_abs(hr + 1, pcol + 1)}:{_abs(hr + n, pcol + 1)}"
    return _objective_cells(sh, err, f"$C${hr + 1}:$C${hr + n}", variables)


def _onehot_tab(ct: Crosstab, k: int, rng) -> tuple[SheetSpec, TabModel]:
    """movielens_1hot: one rating per row; one-hot vectors times the embedding tables."""
    name = "movielens_1hot"
    U, M = len(ct.users), len(ct.movies)
    sh = SheetSpec(name)
    sh.put(1, 1, f"{name}: embeddings looked up by one-hot vectors (per-cell SUMPRODUCT "
                 "= a matrix product), prediction = dot product", TITLE)
    uc, mc = 4, 4 + U                    # first user / movie column (one-hot and embeddings)
    sh.put(4, 3, "user / movie id", HEAD)
    for i, u in enumerate(ct.users):
        sh.put(4, uc + i, u, HEAD)
    for j, m in enumerate(ct.movies):
        sh.put(4, mc + j, m, HEAD)
    sh.put(3, uc, "user embeddings (one column per user)", TITLE)
    sh.put(3, mc, "movie embeddings (one column per movie)", TITLE)
    ue, me = _rng_block(rng, (k, U)), _rng_block(rng, (k, M))
    for f in range(k):
        sh.put(5 + f, 3, f"factor {f + 1}", Style(bold=True))
        for i in range(U):
            sh.put(5 + f, uc + i, float(ue[f, i]), VAR)
        for j in range(M):
            sh.put(5 + f, mc + j, float(me[f, j]), VAR)
    variables = [Area(name, 5, uc, 4 + k, uc + U - 1), Area(name, 5, mc, 4 + k, mc + M - 1)]
    hr = 5 + k + 1
    _obs_header(sh, hr)
    ec = mc + M                            # user embedding lookup columns
    pcol = ec + 2 * k
    for i in range(U):
        sh.put(hr, uc + i, f"u{ct.users[i]}", HEAD)
    for j in range(M):
        sh.put(hr, mc + j, f"m{ct.movies[j]}", HEAD)
    _embedding_headers(sh, hr, ec, k, pcol)
    sh.put(hr - 1, uc, "one-hot user", Style(bold=True))
    sh.put(hr - 1, mc, "one-hot movie", Style(bold=True))
    sh.put(hr - 1, ec, "embedding lookups", Style(bold=True))
    obs = ct.observed()
    ucl, mcl = cell_name(1, uc)[:-1], cell_name(1, mc)[:-1]
    ucr, mcr = cell_name(1, uc + U - 1)[:-1], cell_name(1, mc + M - 1)[:-1]
    for n, (u, m, rating) in enumerate(obs):
        r = hr + 1 + n
        _observation(sh, r, u, m, rating)
        for i in range(U):
            col = cell_name(1, uc + i)[:-1]
            sh.put(r, uc + i, f"=IF($A{r}={col}$4,1,0)", INT)
        for j in range(M):
            col = cell_name(1, mc + j)[:-1]
            sh.put(r, mc + j, f"=IF($B{r}={col}$4,1,0)", INT)
        for f in range(k):
            sh.put(r, ec + f, f"=SUMPRODUCT(${ucl}{r}:${ucr}{r},${ucl}${5 + f}:${ucr}${5 + f})", PRED)
            sh.put(r, ec + k + f,
                   f"=SUMPRODUCT(${mcl}{r}:${mcr}{r},${mcl}${5 + f}:${mcr}${5 + f})", PRED)
        _prediction_cells(sh, r, ec, k, pcol)
    obj = _observation_objective(sh, hr, len(obs), pcol, variables)
    sh.widths = {1: 7, 2: 7, 3: 14, **{c: 5 for c in range(uc, ec)},
                 **{c: 8 for c in range(ec, pcol)}, pcol: 10, pcol + 1: 8}
    sh.freeze = (hr, 3)
    return sh, TabModel(name, obj, variables)


def _emb_tab(ct: Crosstab, k: int, rng) -> tuple[SheetSpec, TabModel]:
    """movielens_emb: the same model with INDEX/MATCH lookups into the embedding tables."""
    name = "movielens_emb"
    U, M = len(ct.users), len(ct.movies)
    sh = SheetSpec(name)
    sh.put(1, 1, f"{name}: embeddings looked up with INDEX/MATCH, prediction = dot product", TITLE)
    mcol = k + 3                               # movie table id column
    sh.put(3, 3, "user embeddings", TITLE)
    sh.put(3, mcol, "movie embeddings", TITLE)
    sh.put(4, 1, "user", HEAD)
    sh.put(4, mcol, "movie", HEAD)
    for f in range(k):
        sh.put(4, 2 + f, f"factor {f + 1}", HEAD)
        sh.put(4, mcol + 1 + f, f"factor {f + 1}", HEAD)
    ue, me = _rng_block(rng, (U, k)), _rng_block(rng, (M, k))
    for i, u in enumerate(ct.users):
        sh.put(5 + i, 1, u, HEAD)
        for f in range(k):
            sh.put(5 + i, 2 + f, float(ue[i, f]), VAR)
    for j, m in enumerate(ct.movies):
        sh.put(5 + j, mcol, m, HEAD)
        for f in range(k):
            sh.put(5 + j, mcol + 1 + f, float(me[j, f]), VAR)
    variables = [Area(name, 5, 2, 4 + U, 1 + k), Area(name, 5, mcol + 1, 4 + M, mcol + k)]
    hr = 5 + max(U, M) + 1
    _obs_header(sh, hr)
    ec, pcol = 4, 4 + 2 * k
    utab = f"$B$5:{_abs(4 + U, 1 + k)}"
    uids = f"$A$5:$A${4 + U}"
    mtab = f"{_abs(5, mcol + 1)}:{_abs(4 + M, mcol + k)}"
    mids = f"{_abs(5, mcol)}:{_abs(4 + M, mcol)}"
    _embedding_headers(sh, hr, ec, k, pcol)
    obs = ct.observed()
    for n, (u, m, rating) in enumerate(obs):
        r = hr + 1 + n
        _observation(sh, r, u, m, rating)
        for f in range(k):
            sh.put(r, ec + f, f"=INDEX({utab},MATCH($A{r},{uids},0),{f + 1})", PRED)
            sh.put(r, ec + k + f, f"=INDEX({mtab},MATCH($B{r},{mids},0),{f + 1})", PRED)
        _prediction_cells(sh, r, ec, k, pcol)
    obj = _observation_objective(sh, hr, len(obs), pcol, variables)
    sh.widths = {1: 8, 2: 9, 3: 9, **{c: 9 for c in range(4, pcol + 2)}, pcol: 10}
    sh.widths[mcol] = 9
    sh.freeze = (hr, 3)
    return sh, TabModel(name, obj, variables)


def collab_workbook(ct: Crosstab, factors: int = 5, seed: int = 0) -> tuple[WorkbookSpec, list[TabModel]]:
    """The five tabs with their Solver models; random initial values from ``seed``."""
    rng = np.random.default_rng(seed)
    built = [_crosstab_tab("dotprod", ct, factors, rng, "dot"),
             _crosstab_tab("bias", ct, factors, rng, "bias"),
             _crosstab_tab("bias_sigmoid", ct, factors, rng, "sigmoid"),
             _onehot_tab(ct, factors, rng),
             _emb_tab(ct, factors, rng)]
    sheets = [s for s, _ in built]
    models = [m for _, m in built]
    names = [n for i, m in enumerate(models) for n in m.solver_names(i)]
    return WorkbookSpec(sheets, names), models
