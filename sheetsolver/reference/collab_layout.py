"""Where things live on each collaborative-filtering tab the reference knows.

Pure data (plus the arithmetic that places the tabs ``sheetsolver build collab`` writes):
no workbook is read here. Two shapes of tab exist:

``CrosstabLayout``
    ratings as a users x movies crosstab (blank = not rated), user factors left
    (users x k), movie factors above (k x movies), optional biases, a prediction
    block the size of the crosstab and an RMSE objective over the rated cells
    (tabs dotprod, bias, bias_sigmoid).
``ObservationLayout``
    one rating per row (user id, movie id, rating), the embedding of each looked up
    from the user / movie tables (by one-hot rows times the table, by OFFSET/MATCH
    or by INDEX/MATCH), prediction = dot product, squared error, RMSE objective
    (tabs movielens_1hot, movielens_emb).

Each known variant carries a ``signature``: cell -> regular expression its formula text
must match (case-insensitive, without '='), so tabs are recognised by structure, not name.
A1 ranges are sheet-local.

The objective: the course tabs minimise the RMSE itself. The built tabs minimise the
lesson's loss with weight decay, mean squared error + wd * (sum of squares of every
variable cell), with wd in a cell (``wd``) and the RMSE shown beside it (``rmse``): without
the penalty the dot-product models have no minimum (factors grow without bound while the
error creeps down), so two correct L-BFGS runs stop at arbitrary, different points.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field


_A1 = re.compile(r"^\$?([A-Z]+)\$?(\d+)$")


def col_letters(c: int) -> str:
    """27 -> 'AA' (the reference's own: it imports nothing from the formula package)."""
    return col_letters((c - 1) // 26) + chr(65 + (c - 1) % 26) if c > 0 else ""


def a1(r: int, c: int) -> str:
    return f"{col_letters(c)}{r}"


def rc(ref: str) -> tuple[int, int]:
    """'$B$3' -> (3, 2)."""
    m = _A1.match(ref.upper())
    if not m:
        raise ValueError(ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def box(rng: str) -> tuple[int, int, int, int]:
    """'H5:V19' -> (5, 8, 19, 22); a single cell is a 1 x 1 box."""
    a, _, b = rng.partition(":")
    r1, c1 = rc(a)
    r2, c2 = rc(b or a)
    return r1, c1, r2, c2


def area(r1: int, c1: int, r2: int, c2: int) -> str:
    return f"{a1(r1, c1)}:{a1(r2, c2)}"


@dataclass(frozen=True, kw_only=True)
class TabLayout:
    """What every tab's layout has: the objective cell (the Solver's target), the weight
    decay and RMSE cells of a penalised objective, and the formula signature."""
    objective: str
    wd: str | None = None               # weight decay cell: objective = MSE + wd * SUMSQ(vars)
    rmse: str | None = None             # the RMSE cell when the objective is penalised
    signature: dict = field(default_factory=dict)

    @property
    def loss(self) -> str:
        return "mse" if self.wd else "rmse"


@dataclass(frozen=True)
class CrosstabLayout(TabLayout):
    """A crosstab tab. ``blank_prediction``: what the prediction cell holds where the
    rating is blank: "zero" (IF(r="",0,...) around everything) or "biases" (2019 bias:
    IF(r="",0,dot)+movie bias+user bias)."""
    variant: str
    kind: str                           # "dot" | "bias" | "sigmoid"
    ratings: str                        # users x movies, blank = not rated
    user_ids: str
    movie_ids: str
    user_factors: str                   # users x k
    movie_factors: str                  # k x movies
    predictions: str                    # users x movies
    user_bias: str | None = None        # users x 1
    movie_bias: str | None = None       # 1 x movies
    errors: str | None = None           # users x movies squared errors (0 where blank)
    blank_prediction: str = "zero"
    y_range: tuple[str, str] | None = None   # cells holding the sigmoid's low / high

    @property
    def variables(self) -> tuple[str, ...]:
        """The Solver's variable areas in the order the reference packs them."""
        return tuple(a for a in (self.user_factors, self.movie_factors, self.user_bias,
                                 self.movie_bias) if a)


@dataclass(frozen=True)
class ObservationLayout(TabLayout):
    """A one-rating-per-row tab. ``lookup``: "onehot" (one-hot rows times the tables),
    "offset" (MATCH index + OFFSET), "index" (INDEX(table, MATCH(id, ids, 0), f)).
    ``tables_by``: "row" (one table row per user/movie) or "column" (one column each).
    ``match``: "approx" (MATCH(id, ids) with match type 1 over sorted ids) or "exact"."""
    variant: str
    lookup: str
    first_row: int
    last_row: int                       # last observation row
    user_id_col: int
    movie_id_col: int
    rating_col: int
    user_table: str
    movie_table: str
    user_table_ids: str
    movie_table_ids: str
    user_emb_cols: tuple[int, int]      # first, last column of the looked-up embedding
    movie_emb_cols: tuple[int, int]
    pred_col: int
    err_col: int
    tables_by: str = "row"
    match: str = "approx"
    user_idx_col: int | None = None     # MATCH result columns
    movie_idx_col: int | None = None
    onehot_user_cols: tuple[int, int] | None = None
    onehot_movie_cols: tuple[int, int] | None = None
    onehot_headers_row: int | None = None   # row holding what each one-hot column matches
    onehot_matches: str = "index"       # "index" (the MATCH column) or "id" (the id column)

    @property
    def variables(self) -> tuple[str, ...]:
        return (self.user_table, self.movie_table)


# ---- fast.ai's course files -------------------------------------------------------------

_DOT_2019 = r"IF\(H2=\"\",0,MMULT\(\$B25:\$F25,H\$19:H\$23\)\)"
_RMSE_X = r"SQRT\(SUMXMY2\(H2:V16,H{p}:V{q}\)/COUNT\(H2:V16\)\)"

COURSE_DOTPROD = CrosstabLayout(
    variant="course dotprod (2019 and 2022)", kind="dot",
    ratings="H2:V16", user_ids="G2:G16", movie_ids="H1:V1",
    user_factors="B25:F39", movie_factors="H19:V23", predictions="H25:V39", objective="V41",
    signature={"H25": _DOT_2019, "V39": r"IF\(V16=\"\",0,MMULT\(\$B39:\$F39,V\$19:V\$23\)\)",
               "V41": _RMSE_X.format(p=25, q=39)})

_BIAS = dict(kind="bias", ratings="H2:V16", user_ids="G2:G16", movie_ids="H1:V1",
             user_factors="B26:F40", movie_factors="H20:V24", user_bias="A26:A40",
             movie_bias="H19:V19", predictions="H26:V40", objective="V42")

COURSE_BIAS_2019 = CrosstabLayout(
    variant="course bias (2019: biases added outside the IF)", blank_prediction="biases",
    signature={"H26": r"IF\(H2=\"\",0,MMULT\(\$B26:\$F26,H\$20:H\$24\)\)\+H\$19\+\$A26",
               "V40": r"IF\(V16=\"\",0,MMULT\(\$B40:\$F40,V\$20:V\$24\)\)\+V\$19\+\$A40",
               "V42": _RMSE_X.format(p=26, q=40)}, **_BIAS)

COURSE_BIAS_2022 = CrosstabLayout(
    variant="course bias (2022: @IF, biases inside)", blank_prediction="zero",
    signature={"H26": r"(_xlfn\.SINGLE\()?IF\(H2=\"\",0,MMULT\(\$B26:\$F26,H\$20:H\$24\)"
                      r"\+H\$19\+\$A26\)\)?",
               "V40": r"(_xlfn\.SINGLE\()?IF\(V16=\"\",0,MMULT\(\$B40:\$F40,V\$20:V\$24\)"
                      r"\+V\$19\+\$A40\)\)?",
               "V42": _RMSE_X.format(p=26, q=40)}, **_BIAS)

# the course's movielens tabs: 206 observation rows, user/movie tables at the same places
_MOVIELENS = dict(first_row=3, last_row=208, user_id_col=9, movie_id_col=10,
                  user_table="C4:G18", movie_table="C22:G36",
                  user_table_ids="B4:B18", movie_table_ids="B22:B36")
# movielens_emb (2019 and 2022): the same columns, only the OFFSET formulas differ
_EMB = dict(lookup="offset", rating_col=11, user_idx_col=12, movie_idx_col=18,
            user_emb_cols=(13, 17), movie_emb_cols=(19, 23), pred_col=24, err_col=25,
            **_MOVIELENS)
# ... and the same MATCH columns finding each user's and movie's row
_EMB_MATCHES = {"L3": r"MATCH\(I3,\$B\$4:\$B\$18\)", "R3": r"MATCH\(J3,\$B\$22:\$B\$36\)"}

COURSE_ONEHOT_2019 = ObservationLayout(
    variant="course movielens_1hot (2019)", lookup="onehot", rating_col=13,
    user_idx_col=11, movie_idx_col=12,
    onehot_user_cols=(15, 29), onehot_movie_cols=(37, 51), onehot_headers_row=2,
    user_emb_cols=(31, 35), movie_emb_cols=(53, 57), pred_col=59, err_col=60,
    objective="BH210",
    signature={"K3": r"MATCH\(I3,\$B\$4:\$B\$18\)", "L3": r"MATCH\(J3,\$B\$22:\$B\$36\)",
               "O3": r"IF\(\$K3=O\$2,1,0\)", "AK3": r"IF\(\$L3=AK\$2,1,0\)",
               "AE3": r"MMULT\(O3:AC208,C4:G18\)", "BA3": r"MMULT\(AK3:AY208,C22:G36\)",
               "BG3": r"SUMPRODUCT\(AE3:AI3,BA3:BE3\)", "BH3": r"\(BG3-M3\)\^2",
               "BH210": r"SQRT\(AVERAGE\(BH3:BH209\)\)"}, **_MOVIELENS)

COURSE_EMB_2019, COURSE_EMB_2022 = (
    ObservationLayout(variant=f"course movielens_emb ({variant})", objective=objective,
                      signature={**_EMB_MATCHES, "Y3": r"\(K3-X3\)\^2", **signature}, **_EMB)
    for variant, objective, signature in (
        ("2019: OFFSET($B$3,idx,f))", "Y210",
         {"M3": r"OFFSET\(\$B\$3,\$L3,M\$2\)", "S3": r"OFFSET\(\$B\$21,\$R3,S\$2\)",
          "X3": r"SUMPRODUCT\(M3:Q3,S3:W3\)", "Y210": r"SQRT\(AVERAGE\(Y3:Y209\)\)"}),
        ("2022: OFFSET($C$3:$G$3,idx,0))", "AA3",
         {"M3": r"OFFSET\(\$C\$3:\$G\$3,\$?L3,0\)", "S4": r"OFFSET\(\$C\$21:\$G\$21,\$R4,0\)",
          "X4": r"SUMPRODUCT\(M4:Q4,S4:W4\)", "AA3": r"SQRT\(AVERAGE\(Y3:Y208\)\)"})))

COURSE_LAYOUTS = (COURSE_DOTPROD, COURSE_BIAS_2019, COURSE_BIAS_2022, COURSE_ONEHOT_2019,
                  COURSE_EMB_2019, COURSE_EMB_2022)


# ---- the tabs ``sheetsolver build collab`` writes (sheetsolver/build/collab.py) ---------------

def _objective(err: str, count: str, variables) -> dict:
    """The built tabs' objective cells: B2 = SUM(err)/COUNT(count) + D2 * SUMSQ(variables)
    (mean squared error + weight decay, D2 = wd), B3 = SQRT(SUM(err)/COUNT(count))."""
    mse = rf"SUM\({_abs_re(err)}\)/COUNT\({_abs_re(count)}\)"
    return dict(objective="B2", wd="D2", rmse="B3", signature={
        "B3": rf"SQRT\({mse}\)",
        "B2": rf"{mse}\+\$D\$2\*SUMSQ\({','.join(_abs_re(v) for v in variables)}\)"})


def built_crosstab(n_users: int, n_movies: int, k: int, kind: str) -> CrosstabLayout:
    """dotprod / bias / bias_sigmoid as build/collab.py places them for U x M, k factors."""
    U, M = n_users, n_movies
    bias = kind != "dot"
    pc, r0 = k + 3, 5
    hm = r0 + U + 1
    mb_row = hm + k + 1 if bias else None
    hp = hm + k + (2 if bias else 1) + 1
    he = hp + U + 2
    rat = area(r0, pc, r0 + U - 1, pc + M - 1)
    err = area(he + 1, pc, he + U, pc + M - 1)
    movie_factors = area(hm + 1, pc, hm + k, pc + M - 1)
    movie_bias = area(mb_row, pc, mb_row, pc + M - 1) if bias else None
    # the Solver's areas: user factors and bias side by side, movie factors, movie bias
    adj = [area(hp + 1, 2, hp + U, k + 1 + bias), movie_factors] + ([movie_bias] if bias else [])
    obj = _objective(err, rat, adj)
    obj["signature"].update({
        a1(he + 1, pc): rf"IF\({a1(r0, pc)}=\"\",0,\({a1(r0, pc)}-{a1(hp + 1, pc)}\)\^2\)",
        a1(hp + 1, pc): rf"IF\({a1(r0, pc)}=\"\",0,"
                        + (r"\$E\$3\+.*EXP\(-\(" if kind == "sigmoid" else "")
                        + rf"\$B{hp + 1}\*{col_letters(pc)}\${hm + 1}.*\)"})
    return CrosstabLayout(
        variant=f"built {kind} ({U} users x {M} movies, {k} factors)", kind=kind,
        ratings=rat, user_ids=area(r0, 1, r0 + U - 1, 1),
        movie_ids=area(r0 - 1, pc, r0 - 1, pc + M - 1),
        user_factors=area(hp + 1, 2, hp + U, k + 1), movie_factors=movie_factors,
        user_bias=area(hp + 1, k + 2, hp + U, k + 2) if bias else None, movie_bias=movie_bias,
        predictions=area(hp + 1, pc, hp + U, pc + M - 1), errors=err,
        y_range=("E3", "G3") if kind == "sigmoid" else None, **obj)


def built_onehot(n_users: int, n_movies: int, k: int, n_obs: int) -> ObservationLayout:
    """movielens_1hot as build/collab.py places it: tables k x entities (a column each),
    one-hot columns compare the row's ids with the ids in row 4."""
    U, M = n_users, n_movies
    uc, mc = 4, 4 + U
    hr = 5 + k + 1
    ec = mc + M
    pcol = ec + 2 * k
    f, last = hr + 1, hr + n_obs
    tables = (area(5, uc, 4 + k, uc + U - 1), area(5, mc, 4 + k, mc + M - 1))
    obj = _objective(area(f, pcol + 1, last, pcol + 1), area(f, 3, last, 3), tables)
    obj["signature"].update({a1(f, uc): rf"IF\(\$A{f}={col_letters(uc)}\$4,1,0\)",
                             a1(f, pcol): rf"SUMPRODUCT\({a1(f, ec)}:{a1(f, ec + k - 1)},.*\)"})
    return ObservationLayout(
        variant=f"built movielens_1hot ({U} users, {M} movies, {k} factors, {n_obs} ratings)",
        lookup="onehot", first_row=f, last_row=last, user_id_col=1, movie_id_col=2,
        rating_col=3, user_table=tables[0], movie_table=tables[1],
        user_table_ids=area(4, uc, 4, uc + U - 1), movie_table_ids=area(4, mc, 4, mc + M - 1),
        tables_by="column", match="exact",
        onehot_user_cols=(uc, uc + U - 1), onehot_movie_cols=(mc, mc + M - 1),
        onehot_headers_row=4, onehot_matches="id",
        user_emb_cols=(ec, ec + k - 1), movie_emb_cols=(ec + k, ec + 2 * k - 1),
        pred_col=pcol, err_col=pcol + 1, **obj)


def built_emb(n_users: int, n_movies: int, k: int, n_obs: int) -> ObservationLayout:
    """movielens_emb as build/collab.py places it: INDEX/MATCH(id, ids, 0) lookups."""
    U, M = n_users, n_movies
    mcol = k + 3
    hr = 5 + max(U, M) + 1
    ec, pcol = 4, 4 + 2 * k
    f, last = hr + 1, hr + n_obs
    tables = (area(5, 2, 4 + U, 1 + k), area(5, mcol + 1, 4 + M, mcol + k))
    obj = _objective(area(f, pcol + 1, last, pcol + 1), area(f, 3, last, 3), tables)
    obj["signature"].update({
        a1(f, ec): rf"INDEX\(\$B\$5:.*,MATCH\(\$A{f},\$A\$5:\$A\${4 + U},0\),1\)",
        a1(f, pcol): rf"SUMPRODUCT\({a1(f, ec)}:{a1(f, ec + k - 1)},.*\)"})
    return ObservationLayout(
        variant=f"built movielens_emb ({U} users, {M} movies, {k} factors, {n_obs} ratings)",
        lookup="index", first_row=f, last_row=last, user_id_col=1, movie_id_col=2,
        rating_col=3, user_table=tables[0], movie_table=tables[1],
        user_table_ids=area(5, 1, 4 + U, 1), movie_table_ids=area(5, mcol, 4 + M, mcol),
        match="exact", user_emb_cols=(ec, ec + k - 1), movie_emb_cols=(ec + k, ec + 2 * k - 1),
        pred_col=pcol, err_col=pcol + 1, **obj)


def _abs_re(rng: str) -> str:
    """Regex for an A1 range written with $ on every part: H5:V19 -> \\$H\\$5:\\$V\\$19."""
    out = []
    for part in rng.split(":"):
        i = next(i for i, ch in enumerate(part) if ch.isdigit())
        out.append(rf"\${part[:i]}\${part[i:]}")
    return ":".join(out)
