"""``sheetsolver build``: the generated collab_filter.xlsx and graddesc.xlsm.

Checked against things the builder did not compute: a pandas crosstab of the
MovieLens file and NumPy predictions (collab), the independent NumPy reference
of the optimisers (graddesc), LibreOffice recalculating the files, scipy
L-BFGS-B solving the dotprod model, and the CLI's behaviour on bad input.
"""
from __future__ import annotations

import functools
import math
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import SHARED, shared_file
from sheetsolver.book import Book
from sheetsolver.cli import main
from sheetsolver.formula.refs import Area, parse_area, split_areas
from sheetsolver.reference import run_passes, sgdr_lr, train
from sheetsolver.values import same_value

ROOT = Path(__file__).resolve().parents[1]
UDATA = SHARED / "data/ml-100k/u.data"
OPTIMISER_TABS = ("basic", "momentum", "rmsprop", "adam", "adam_ann", "adamw", "sgdr")


def _need_udata():
    shared_file("data/ml-100k/u.data")


@pytest.fixture(scope="module")
def collab(tmp_path_factory):
    _need_udata()
    out = tmp_path_factory.mktemp("collab") / "collab_filter.xlsx"
    assert main(["build", "collab", "--ratings", str(UDATA), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def graddesc(tmp_path_factory):
    out = tmp_path_factory.mktemp("graddesc") / "graddesc.xlsm"
    assert main(["build", "graddesc", "-o", str(out)]) == 0
    return out


@functools.lru_cache(maxsize=4)
def _open(path) -> Book:
    """One opened Book per built file (compiling graddesc's 55k formulas takes seconds).
    Tests read the cached values from ``book.wb``, which recalculation does not change."""
    return Book.open(path)


def _cached(path) -> tuple[Book, dict]:
    book = _open(path)
    cached = {}
    for s, r, c in book.engine.formula_cells():
        cached[(s, r, c)] = book.wb.sheet(s).cells[(r, c)].value
    return book, cached


def _num(book, sheet, r, c):
    return book.wb.sheet(sheet).cells[(r, c)].value


def _block(book, area: Area) -> np.ndarray:
    return np.array([[_num(book, area.sheet, r, c) for c in range(area.c1, area.c2 + 1)]
                     for r in range(area.r1, area.r2 + 1)], dtype=float)


def _names(book, sheet: str) -> dict[str, str]:
    idx = book.wb.sheet(sheet).index
    return {n.name: n.text for n in book.wb.names if n.sheet_index == idx}


# --- every formula cell ships with a value ---------------------------------------------
@pytest.mark.parametrize("which", ["collab", "graddesc"])
def test_every_formula_cell_has_a_cached_value(which, request):
    """The values themselves are checked against pandas/NumPy and the reference below, and
    against LibreOffice's recalculation at the end (not against our own engine)."""
    path = request.getfixturevalue(which)
    book, cached = _cached(path)
    assert len(cached) > 10_000
    assert all(v is not None for v in cached.values()), "a formula cell has no cached value"


# --- collab ------------------------------------------------------------------------------
def _lesson_crosstab():
    """The lesson's cut, by pandas: 15 most active users x 15 most rated movies."""
    df = pd.read_csv(UDATA, sep="\t", names=["user", "movie", "rating", "ts"])
    def top(col):
        counts = df[col].value_counts()
        order = sorted(counts.index, key=lambda i: (-counts[i], i))
        return sorted(order[:15])
    users, movies = top("user"), top("movie")
    sub = df[df.user.isin(users) & df.movie.isin(movies)]
    return pd.crosstab(sub.user, sub.movie, values=sub.rating, aggfunc="sum")


def test_collab_crosstab_and_predictions_match_numpy(collab):
    ct = _lesson_crosstab()
    book = _open(collab)
    sh = book.wb.sheet("dotprod")
    # header row 4: movie ids from column H (k = 5 factors: A id, B..F factors, G bias, H...)
    assert [_num(book, "dotprod", 4, 8 + j) for j in range(15)] == list(map(float, ct.columns))
    assert [_num(book, "dotprod", 5 + i, 1) for i in range(15)] == list(map(float, ct.index))
    ratings = np.array([[np.nan if sh.cells.get((5 + i, 8 + j)) is None else
                         sh.cells[(5 + i, 8 + j)].value for j in range(15)] for i in range(15)], float)
    np.testing.assert_array_equal(ratings, ct.to_numpy(dtype=float))
    mask = ~np.isnan(ratings)
    for tab, kind in (("dotprod", "dot"), ("bias", "bias"), ("bias_sigmoid", "sigmoid")):
        adj = [parse_area(t, tab) for t in split_areas(_names(book, tab)["solver_adj"])]
        users = _block(book, adj[0])            # 15 x (5 [+ bias])
        movies = _block(book, adj[1])           # 5 x 15
        x = users[:, :5] @ movies
        if kind != "dot":
            x = x + users[:, 5:6] + _block(book, adj[2])
        if kind == "sigmoid":
            x = 0 + 5.5 / (1 + np.exp(-x))
        pred = np.where(mask, x, 0.0)
        mse = np.sum(np.where(mask, (np.nan_to_num(ratings) - pred) ** 2, 0)) / mask.sum()
        _assert_objective(book, tab, adj, mse)
        # the prediction block sits under the movie factors, right of the user factors
        r0 = adj[0].r1
        got = np.array([[_num(book, tab, r0 + i, 8 + j) for j in range(15)] for i in range(15)])
        np.testing.assert_allclose(got, pred, rtol=1e-12, atol=1e-15)
    for tab in ("movielens_1hot", "movielens_emb"):
        adj = [parse_area(t, tab) for t in split_areas(_names(book, tab)["solver_adj"])]
        ue, me = _block(book, adj[0]), _block(book, adj[1])
        if tab == "movielens_1hot":       # factor x id orientation
            ue, me = ue.T, me.T
        x = ue @ me.T
        _assert_objective(book, tab, adj, np.nansum((ratings - x) ** 2) / mask.sum())


def _assert_objective(book, tab, adj, mse):
    """The Solver's objective is the lesson's loss, mean squared error + wd (D2) * sum of
    squares of every variable cell; B3 shows the RMSE."""
    wd = _num(book, tab, 2, 4)
    assert wd > 0
    penalty = wd * sum(float((_block(book, a) ** 2).sum()) for a in adj)
    opt = parse_area(_names(book, tab)["solver_opt"], tab)
    assert _num(book, tab, opt.r1, opt.c1) == pytest.approx(mse + penalty, rel=1e-12)
    assert _num(book, tab, 3, 2) == pytest.approx(math.sqrt(mse), rel=1e-12)


def test_collab_solver_models(collab):
    book = _open(collab)
    assert [s.name for s in book.wb.sheets] == ["dotprod", "bias", "bias_sigmoid",
                                                "movielens_1hot", "movielens_emb"]
    for sheet in book.wb.sheets:
        names = _names(book, sheet.name)
        assert all(n.hidden for n in book.wb.names)
        assert {k: names[k] for k in ("solver_typ", "solver_eng", "solver_neg", "solver_num",
                                      "solver_ver")} == {"solver_typ": "2", "solver_eng": "1",
                                                         "solver_neg": "2", "solver_num": "0",
                                                         "solver_ver": "3"}
        opt = parse_area(names["solver_opt"], sheet.name)
        assert opt.sheet == sheet.name and sheet.cells[(opt.r1, opt.c1)].is_formula
        assert "SUMSQ" in sheet.cells[(opt.r1, opt.c1)].formula
        areas = [parse_area(t, sheet.name) for t in split_areas(names["solver_adj"])]
        n_vars = sum((a.r2 - a.r1 + 1) * (a.c2 - a.c1 + 1) for a in areas)
        expected = {"dotprod": 150, "bias": 180, "bias_sigmoid": 180}.get(sheet.name, 150)
        assert n_vars == expected
        for a in areas:   # variables are numeric constants in [0, 1)
            for r in range(a.r1, a.r2 + 1):
                for c in range(a.c1, a.c2 + 1):
                    cell = sheet.cells[(r, c)]
                    assert not cell.is_formula and 0 <= cell.value < 1


def test_dotprod_solvable_below_half(collab):
    scipy_opt = pytest.importorskip("scipy.optimize")
    book = Book.open(collab)
    e = book.engine
    names = _names(book, "dotprod")
    opt = parse_area(names["solver_opt"], "dotprod")
    areas = [parse_area(t, "dotprod") for t in split_areas(names["solver_adj"])]
    shapes = [(a.r2 - a.r1 + 1, a.c2 - a.c1 + 1) for a in areas]
    x0 = np.concatenate([e.values(a).ravel() for a in areas])

    def f(x):
        i = 0
        for a, s in zip(areas, shapes):
            e.set_numbers(a, x[i:i + s[0] * s[1]].reshape(s))
            i += s[0] * s[1]
        g = e.gradient(("dotprod", opt.r1, opt.c1), areas)
        return e.cell("dotprod", opt.r1, opt.c1), g

    start, _ = f(x0)
    assert start > 2.0
    res = scipy_opt.minimize(f, x0, jac=True, method="L-BFGS-B", options={"maxiter": 150})
    assert res.fun < 0.5, f"dotprod objective only fell from {start:.3f} to {res.fun:.3f}"


# --- graddesc --------------------------------------------------------------------------
def _headers(book, tab):
    sh = book.wb.sheet(tab)
    return {c: sh.cells[(6, c)].value for r, c in sh.cells if r == 6}


def _find(book, tab, text) -> int:
    """Column whose row-6 header starts with `text` (the layout as a reader sees it)."""
    hits = [c for c, h in _headers(book, tab).items() if isinstance(h, str) and h.startswith(text)]
    assert len(hits) == 1, (tab, text, hits)
    return hits[0]


def _params(book, tab) -> dict:
    sh = book.wb.sheet(tab)
    return {sh.cells[(3, c)].value: sh.cells[(4, c)].value for r, c in sh.cells if r == 3}


def _xy(book):
    sh = book.wb.sheet("data")
    n = max(r for r, c in sh.cells if c == 1)
    return (np.array([sh.cells[(r, 1)].value for r in range(2, n + 1)]),
            np.array([sh.cells[(r, 2)].value for r in range(2, n + 1)]))


# sheet header prefix -> reference column name
REF_COLUMNS = {
    "basic": {"intercept b": "b", "slope a": "a", "pred": "pred", "err^2": "err2", "de/db": "db",
              "de/da": "da", "new a": "new_a", "new b": "new_b"},
    "momentum": {"b": "b", "a": "a", "pred": "pred", "de/db": "db", "de/da": "da", "new b": "new_b",
                 "new a": "new_a", "mom b": "mom_b", "mom a": "mom_a", "err^2": "err2"},
    "rmsprop": {"b": "b", "a": "a", "pred": "pred", "de/db": "db", "de/da": "da", "new b": "new_b",
                "new a": "new_a", "ms b": "ms_b", "ms a": "ms_a"},
    "adam": {"b": "b", "a": "a", "pred": "pred", "de/db": "db", "de/da": "da", "new b": "new_b",
             "new a": "new_a", "mom b": "mom_b", "mom a": "mom_a", "ms b": "ms_b", "ms a": "ms_a"},
}
REF_COLUMNS["adam_ann"] = REF_COLUMNS["adam"]


def _exact_header(book, tab, text) -> int:
    hits = [c for c, h in _headers(book, tab).items()
            if isinstance(h, str) and (h == text or h.startswith(text + " "))]
    assert len(hits) == 1, (tab, text, hits)
    return hits[0]


def _error_table(book, tab, passes):
    ec = _find(book, tab, "error")
    return np.array([_num(book, tab, 7 + p, ec) for p in range(passes)])


@pytest.mark.parametrize("tab", ["basic", "momentum", "rmsprop", "adam", "adam_ann"])
def test_course_optimisers_equal_reference_every_pass(graddesc, tab):
    """Each pass block equals sheetsolver.reference.run_passes (somesteps macro semantics)."""
    book = _open(graddesc)
    x, y = _xy(book)
    pr = _params(book, tab)
    state = {"a": pr["initial a"], "b": pr["initial b"],
             "lr": pr.get("lr", pr.get("initial lr"))}
    if tab != "basic":
        state["beta"] = pr.get("beta", pr.get("beta1"))
    if tab in ("momentum", "adam", "adam_ann"):
        state.update(mom_b=pr["initial mom b"], mom_a=pr["initial mom a"])
    if tab in ("rmsprop", "adam", "adam_ann"):
        state.update(ms_b=pr["initial ms b"], ms_a=pr["initial ms a"])
    if tab in ("adam", "adam_ann"):
        state["beta2"] = pr["beta2"]
    if tab == "adam_ann":
        state["prev_grad2"] = pr["initial prev_grad2"]
    passes, n = 20, len(x)
    run = run_passes(tab, x, y, state, passes - 1, macro="somesteps")
    cols = {name: _exact_header(book, tab, head) for head, name in REF_COLUMNS[tab].items()}
    for p, res in enumerate(run.results):
        rows = range(7 + p * (n + 1) + 1, 7 + p * (n + 1) + 1 + n)
        for name, c in cols.items():
            got = np.array([_num(book, tab, r, c) for r in rows])
            np.testing.assert_allclose(got, res.table[name].to_numpy(), rtol=1e-13, atol=1e-300,
                                       err_msg=f"{tab} pass {p + 1} column {name}")
    np.testing.assert_allclose(_error_table(book, tab, passes), run.errors(), rtol=1e-13)
    if tab == "adam_ann":   # the annealed learning rate of every pass
        lc = _find(book, tab, "lr (start")
        lrs = [_num(book, tab, 7 + p, lc) for p in range(passes)]
        assert lrs == [s["lr"] for s in run.states]
        assert lrs[-1] < lrs[0]


def test_adamw_and_sgdr_equal_textbook_reference(graddesc):
    book = _open(graddesc)
    x, y = _xy(book)
    passes, n = 20, len(x)
    pr = _params(book, "adamw")
    ref = train(x, y, "adamw", passes, a0=pr["initial a"], b0=pr["initial b"], lr=pr["lr"],
                beta1=pr["beta1"], beta2=pr["beta2"], eps=pr["eps"], weight_decay=pr["weight decay"])
    np.testing.assert_allclose(_error_table(book, "adamw", passes), ref.errors, rtol=1e-12)
    nb, na = _find(book, "adamw", "new b"), _find(book, "adamw", "new a")
    last = [7 + p * (n + 1) + n for p in range(passes)]
    np.testing.assert_allclose([(_num(book, "adamw", r, nb), _num(book, "adamw", r, na)) for r in last],
                               ref.params, rtol=1e-12)
    assert ref.errors[-1] < ref.errors[0] / 10

    pr = _params(book, "sgdr")
    sched = functools.partial(sgdr_lr, lr_max=pr["lr max"], cycle_len=int(pr["cycle (steps)"]),
                              lr_min=pr["lr min"], cycle_mult=int(pr["cycle mult"]))
    ref = train(x, y, "adam", passes, a0=pr["initial a"], b0=pr["initial b"], lr_schedule=sched,
                beta1=pr["beta1"], beta2=pr["beta2"], eps=pr["eps"])
    np.testing.assert_allclose(_error_table(book, "sgdr", passes), ref.errors, rtol=1e-12)
    lc = _find(book, "sgdr", "lr =")
    lrs = [_num(book, "sgdr", 7 + p * (n + 1) + 1 + i, lc) for p in range(passes) for i in range(n)]
    np.testing.assert_allclose(lrs, ref.lrs, rtol=1e-13, atol=1e-15)
    restarts = [i for i in range(1, len(lrs)) if lrs[i] > lrs[i - 1]]
    assert restarts == [58, 58 + 116, 58 + 116 + 232]     # cycles of 2, 4, 8 passes


def test_graddesc_package_is_macro_enabled_with_charts(graddesc):
    with zipfile.ZipFile(graddesc) as z:
        ct = z.read("[Content_Types].xml").decode()
        names = z.namelist()
        charts = [z.read(n).decode() for n in names if n.startswith("xl/charts/chart")]
    assert 'PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"' in ct
    assert "xl/vbaProject.bin" not in names
    assert len(charts) == len(OPTIMISER_TABS) + 1
    summary = [c for c in charts if "all optimisers" in c]
    assert len(summary) == 1 and summary[0].count("<c:ser>") == len(OPTIMISER_TABS)
    for tab in OPTIMISER_TABS:
        assert any(f"<c:f>{tab}!$" in c for c in charts), tab
    book = _open(graddesc)
    assert [s.name for s in book.wb.sheets] == ["data", *OPTIMISER_TABS, "summary"]
    x, y = _xy(book)
    assert len(x) == 29 and x.min() >= 1 and x.max() <= 100 and np.all(x == np.round(x))
    np.testing.assert_array_equal(y, 30 + 2 * x)


# --- determinism -------------------------------------------------------------------------
def test_building_twice_gives_identical_files(tmp_path, collab):
    again = tmp_path / "again.xlsx"
    assert main(["build", "collab", "--ratings", str(UDATA), "-o", str(again)]) == 0
    assert again.read_bytes() == collab.read_bytes()
    a, b = tmp_path / "a.xlsm", tmp_path / "b.xlsm"
    for p in (a, b):
        assert main(["build", "graddesc", "--points", "7", "--passes", "3", "-o", str(p)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert main(["build", "graddesc", "--points", "7", "--passes", "3", "--seed", "1",
                 "-o", str(b)]) == 0
    assert a.read_bytes() != b.read_bytes()


def test_ratings_csv_is_detected(tmp_path):
    csv = tmp_path / "ratings.csv"
    csv.write_text("userId,movieId,rating,timestamp\n1,10,4.5,0\n1,20,3,0\n2,10,5,0\n2,30,1,0\n"
                   "3,20,2,0\n3,10,3.5,0\n4,40,4,0\n")
    out = tmp_path / "small.xlsx"
    assert main(["build", "collab", "--ratings", str(csv), "--users", "3", "--movies", "2",
                 "--factors", "2", "-o", str(out)]) == 0
    book = Book.open(out)
    # users 1, 2, 3 (3 ratings... 2 each, ties by id), movies 10 (3 ratings) and 20 (2)
    assert [_num(book, "dotprod", 4, 5 + j) for j in range(2)] == [10.0, 20.0]
    assert [_num(book, "dotprod", 5 + i, 1) for i in range(3)] == [1.0, 2.0, 3.0]
    cells = book.wb.sheet("dotprod").cells
    assert [[cells[(5 + i, 5 + j)].value if (5 + i, 5 + j) in cells else None for j in range(2)]
            for i in range(3)] == [[4.5, 3.0], [5.0, None], [3.5, 2.0]]


# --- bad input: one-line errors, exit 2, nothing written ------------------------------
def _cli(*args):
    return subprocess.run([sys.executable, "-m", "sheetsolver", "build", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("content,expect", [
    ("", "ratings file is empty"),
    ("1\t10\t4\t0\n2\t10\tfive\t0\n", "line 2: rating 'five' is not a number"),
    ("1\t10\t4\t0\n2\t10\t3\t0\n", "only 2 users in the file, fewer than the 15 asked"),
    ("userId,movieId,rating\n1,2,x\n", "line 2: rating 'x' is not a number"),
    ("hello world\n", "unrecognised ratings format"),
])
def test_bad_ratings_fail_cleanly(tmp_path, content, expect):
    src = tmp_path / "u.data"
    src.write_text(content)
    out = tmp_path / "out.xlsx"
    res = _cli("collab", "--ratings", str(src), "-o", str(out))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and expect in lines[0] and str(src) in lines[0], res.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]


def test_wrong_output_suffix_is_refused(tmp_path):
    res = _cli("graddesc", "-o", str(tmp_path / "g.xlsx"))
    assert res.returncode == 2 and "must end with .xlsm" in res.stderr
    assert list(tmp_path.iterdir()) == []


# --- LibreOffice recalculating the built files -----------------------------------------
@pytest.mark.parametrize("which", ["collab", "graddesc"])
def test_libreoffice_agrees_on_every_formula_cell(which, request):
    from sheetsolver.apps.libreoffice import find_soffice, recalculated_values
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the cross-check needs it")
    path = request.getfixturevalue(which)
    book, cached = _cached(path)
    lo = recalculated_values(path, timeout=600)
    missing = [k for k in cached if k not in lo]
    assert missing == []
    differ = [(k, v, lo[k]) for k, v in cached.items() if not same_value(v, lo[k], rel=1e-9)]
    assert differ == [], f"{len(differ)} of {len(cached)} cells differ, e.g. {differ[:5]}"
    # the engine recomputing the file it built agrees with LibreOffice too
    fresh = Book.open(path)
    fresh.recalc()
    ours = {k: fresh.engine.cell(*k) for k in cached}
    differ = [(k, ours[k], lo[k]) for k in cached if not same_value(ours[k], lo[k], rel=1e-9)]
    assert differ == [], f"engine vs LibreOffice: {len(differ)} cells differ, e.g. {differ[:5]}"
