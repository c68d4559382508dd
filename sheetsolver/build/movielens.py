"""The lesson's model on a whole MovieLens split in one workbook (the long layout).

``sheetsolver build collab --ratings u1.base --test u1.test --all`` writes:

``movielens`` (the model, one Solver problem)
    A:E, one row per training rating: user, movie, rating, prediction, squared error.
    The prediction is the biased dot product squashed into the rating range, as fastai's
    ``y_range`` model: lo + (hi - lo) * sigmoid(user . movie + user bias + movie bias),
    with the embeddings taken by ``INDEX(table, id, 0)`` (a table row per id 1..N, so the
    id is the row number). Every row's formulas have one relative shape, so the engine
    evaluates a whole column as one NumPy operation.
    The user and movie tables (id, bias, k factors) sit to the right; the Solver changes
    their bias and factor cells. B2, the objective, is the lesson's loss with weight decay:
    mean squared error + wd * (sum of squares of every bias and factor cell).
``test``
    the test ratings with the same prediction formula over the same tables and the test
    RMSE in B2, which carries the workbook-level defined name ``test_rmse``.

The Solver model is stored as the sheet-scoped hidden ``solver_*`` names build/collab.py
writes (GRG Nonlinear, minimise B2). Excel's own Solver stops at 200 variable cells;
``sheetsolver solve`` does not.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import SheetsolverError
from ..formula.refs import Area
from .collab import HEAD, NOTE, OBJ, PRED, TITLE, Y_RANGE, TabModel, _abs
from .xlsx import Name, SheetSpec, Style, WorkbookSpec

FIRST = 6                 # first data row (tables and ratings)
DEFAULT_WD = 2e-4         # weight decay of the objective: best u1.test RMSE of 1e-4, 1.5e-4, 2e-4, 3e-4, 1e-3
DEFAULT_FACTORS = 40
INIT_STD = 0.1            # random normal start of the factors (biases start at 0)
VAR = Style(num_fmt="0.0000", fill="FFF2CC")


@dataclass
class Ratings:
    """(user, movie, rating) arrays of one file."""
    user: np.ndarray
    movie: np.ndarray
    rating: np.ndarray
    source: str


def ratings_arrays(path) -> Ratings:
    """Read a ratings file with build.ratings' checks (file and line in every error)."""
    from .ratings import read_ratings
    triples, _ = read_ratings(path)
    a = np.array(triples, dtype=float)
    return Ratings(a[:, 0].astype(np.int64), a[:, 1].astype(np.int64), a[:, 2], str(path))


@dataclass
class LongLayout:
    """Where the long workbook puts things (1-based rows/cols)."""
    n_users: int
    n_movies: int
    k: int
    n_train: int
    n_test: int

    @property
    def u_id(self):
        return 7                                    # G: user id, H: bias, I..: factors

    @property
    def m_id(self):
        return self.u_id + self.k + 3               # one blank column after the user table

    def user_block(self) -> tuple[int, int, int, int]:
        """bias + factors of the user table (r1, c1, r2, c2)."""
        return FIRST, self.u_id + 1, FIRST + self.n_users - 1, self.u_id + 1 + self.k

    def movie_block(self) -> tuple[int, int, int, int]:
        return FIRST, self.m_id + 1, FIRST + self.n_movies - 1, self.m_id + 1 + self.k

    def refs(self, sheet_prefix: str = "") -> dict[str, str]:
        ur1, uc1, ur2, uc2 = self.user_block()
        mr1, mc1, mr2, mc2 = self.movie_block()
        p = sheet_prefix
        return {"uf": f"{p}{_abs(ur1, uc1 + 1)}:{_abs(ur2, uc2)}",
                "ub": f"{p}{_abs(ur1, uc1)}:{_abs(ur2, uc1)}",
                "mf": f"{p}{_abs(mr1, mc1 + 1)}:{_abs(mr2, mc2)}",
                "mb": f"{p}{_abs(mr1, mc1)}:{_abs(mr2, mc1)}",
                "lo": f"{p}$H$2", "hi": f"{p}$J$2"}

    def train_rows(self) -> tuple[int, int]:
        return FIRST, FIRST + self.n_train - 1


def prediction_formula(r: int, refs: dict[str, str]) -> str:
    """lo + (hi-lo)/(1+EXP(-(user . movie + biases))) for the rating in row r (ids in A, B)."""
    dot = f"SUMPRODUCT(INDEX({refs['uf']},A{r},0),INDEX({refs['mf']},B{r},0))"
    z = f"{dot}+INDEX({refs['ub']},A{r})+INDEX({refs['mb']},B{r})"
    return f"={refs['lo']}+({refs['hi']}-{refs['lo']})/(1+EXP(-({z})))"


def long_workbook(train: Ratings, test: Ratings | None, k: int = DEFAULT_FACTORS,
                  wd: float = DEFAULT_WD, seed: int = 0):
    """(WorkbookSpec, TabModel, LongLayout) of the long layout."""
    for rs in (train,) + ((test,) if test else ()):
        if rs.user.min() < 1 or rs.movie.min() < 1:
            raise SheetsolverError("--all needs positive user and movie ids (a table row per "
                                   "id)", file=rs.source)
    nu = int(max(train.user.max(), test.user.max() if test else 0))
    nm = int(max(train.movie.max(), test.movie.max() if test else 0))
    both = (train,) + ((test,) if test else ())
    du = len(np.unique(np.concatenate([rs.user for rs in both])))
    dm = len(np.unique(np.concatenate([rs.movie for rs in both])))
    if nu > 2 * du + 100 or nm > 2 * dm + 100:
        raise SheetsolverError(f"ids run up to {nu} users / {nm} movies for far fewer distinct "
                               "ones: --all lays a table row per id 1..N (MovieLens 100K's "
                               "ids qualify)", file=train.source)
    lay = LongLayout(nu, nm, k, len(train.rating), len(test.rating) if test else 0)
    rng = np.random.default_rng(seed)
    sh = SheetSpec("movielens")
    refs = lay.refs()
    f, last = lay.train_rows()
    sh.put(1, 1, f"movielens: {lay.n_train:,} ratings of {train.source.rsplit('/', 1)[-1]}, "
                 f"prediction = {Y_RANGE[0]:g} + ({Y_RANGE[1]:g}-{Y_RANGE[0]:g}) * sigmoid(user "
                 f"factors . movie factors + user bias + movie bias), {k} factors", TITLE)
    sh.put(2, 1, "objective", Style(bold=True))
    sumsq = ",".join(refs[x] for x in ("ub", "uf", "mb", "mf"))
    sh.put(2, 2, f"=SUM($E${f}:$E${last})/COUNT($C${f}:$C${last})+$L$2*SUMSQ({sumsq})", OBJ)
    sh.put(2, 3, "train RMSE", Style(bold=True))
    sh.put(2, 4, f"=SQRT(SUM($E${f}:$E${last})/COUNT($C${f}:$C${last}))", PRED)
    sh.put(2, 7, "y min", Style(bold=True))
    sh.put(2, 8, Y_RANGE[0])
    sh.put(2, 9, "y max", Style(bold=True))
    sh.put(2, 10, Y_RANGE[1])
    sh.put(2, 11, "wd", Style(bold=True))
    sh.put(2, 12, float(wd))
    sh.put(3, 1, "Solver: minimise B2 = mean squared error + wd * sum of squares of the yellow "
                 "cells, by changing the yellow bias and factor cells (GRG Nonlinear).", NOTE)
    for c, h in enumerate(("user", "movie", "rating", "prediction", "err^2"), start=1):
        sh.put(FIRST - 1, c, h, HEAD)
    for c0, what in ((lay.u_id, "user"), (lay.m_id, "movie")):
        sh.put(FIRST - 2, c0, f"{what} table (row = {what} id)", TITLE)
        sh.put(FIRST - 1, c0, what, HEAD)
        sh.put(FIRST - 1, c0 + 1, "bias", HEAD)
        for j in range(k):
            sh.put(FIRST - 1, c0 + 2 + j, f"f{j + 1}", HEAD)
    for n, c0 in ((nu, lay.u_id), (nm, lay.m_id)):
        fac = np.round(rng.normal(0.0, INIT_STD, (n, k)), 4)
        for i in range(n):
            r = FIRST + i
            sh.put(r, c0, i + 1, HEAD)
            sh.put(r, c0 + 1, 0.0, VAR)
            for j in range(k):
                sh.put(r, c0 + 2 + j, float(fac[i, j]), VAR)
    _rating_rows(sh, train, refs, f)
    ur1, uc1, ur2, uc2 = lay.user_block()
    mr1, mc1, mr2, mc2 = lay.movie_block()
    variables = [Area("movielens", ur1, uc1, ur2, uc2), Area("movielens", mr1, mc1, mr2, mc2)]
    sh.widths = {1: 10, 2: 10, 3: 11, 4: 11, 5: 10}
    sh.freeze = (FIRST - 1, 0)
    sh.fit_width = False
    sheets = [sh]
    names = TabModel("movielens", (2, 2), variables).solver_names(0)
    if test is not None:
        t = SheetSpec("test")
        trefs = lay.refs("movielens!")
        tl = FIRST + lay.n_test - 1
        t.put(1, 1, f"test: {lay.n_test:,} ratings of {test.source.rsplit('/', 1)[-1]} predicted "
                    "from the movielens tab's tables", TITLE)
        t.put(2, 1, "test RMSE", Style(bold=True))
        t.put(2, 2, f"=SQRT(SUM($E${FIRST}:$E${tl})/COUNT($C${FIRST}:$C${tl}))", OBJ)
        t.put(2, 3, "(defined name test_rmse)", NOTE)
        for c, h in enumerate(("user", "movie", "rating", "prediction", "err^2"), start=1):
            t.put(FIRST - 1, c, h, HEAD)
        _rating_rows(t, test, trefs, FIRST)
        t.widths = {1: 10, 2: 10, 3: 11, 4: 11, 5: 10}
        t.freeze = (FIRST - 1, 0)
        t.fit_width = False
        sheets.append(t)
        names.append(Name("test_rmse", "test!$B$2"))
    return WorkbookSpec(sheets, names), TabModel("movielens", (2, 2), variables), lay


def _rating_rows(sh: SheetSpec, rs: Ratings, refs: dict, first: int) -> None:
    for i in range(len(rs.rating)):
        r = first + i
        sh.cells[(r, 1)] = int(rs.user[i])
        sh.cells[(r, 2)] = int(rs.movie[i])
        v = float(rs.rating[i])
        sh.cells[(r, 3)] = int(v) if v == int(v) else v
        sh.cells[(r, 4)] = prediction_formula(r, refs)
        sh.cells[(r, 5)] = f"=(C{r}-D{r})^2"


__all__ = ["Ratings", "ratings_arrays", "LongLayout", "long_workbook", "prediction_formula",
           "DEFAULT_WD", "DEFAULT_FACTORS"]


def build_all(args, out) -> int:
    """``sheetsolver build collab --all``: write the long workbook; prints what it holds."""
    import os
    import time

    from ..progress import activity
    from .compute import write_with_values
    if not args.all:
        raise SheetsolverError("--test and --wd go with --all (the long layout)")
    k = DEFAULT_FACTORS if args.factors is None else args.factors
    wd = DEFAULT_WD if args.wd is None else args.wd
    if k < 1:
        raise SheetsolverError(f"--factors must be at least 1 (got {k})")
    if not (wd >= 0):
        raise SheetsolverError(f"--wd must be >= 0 (got {wd})")
    train = ratings_arrays(args.ratings)
    test = ratings_arrays(args.test) if args.test else None
    spec, model, lay = long_workbook(train, test, k, wd, args.seed)
    t0 = time.perf_counter()
    with activity(f"building {out.name}: computing {2 * (lay.n_train + lay.n_test):,} formulas"):
        values = write_with_values(spec, out)
    secs = time.perf_counter() - t0
    obj = values["movielens"][(2, 2)]
    print(f"{out}: {lay.n_train:,} training ratings, {lay.n_users} users x {lay.n_movies} movies, "
          f"{k} factors, wd {wd:g}; {sum(len(v) for v in values.values()):,} formula cells, "
          f"{os.path.getsize(out) / 1e6:.1f} MB, built in {secs:.0f} s")
    print(f"  movielens: objective {obj:.6g}, train RMSE {values['movielens'][(2, 4)]:.4f} at the "
          f"random start (Solver model: minimise movielens!B2 over "
          f"{(lay.n_users + lay.n_movies) * (k + 1):,} cells)")
    if test is not None:
        print(f"  test: {lay.n_test:,} ratings, test RMSE {values['test'][(2, 2)]:.4f} "
              f"(defined name test_rmse)")
    return 0
