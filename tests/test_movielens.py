"""The long-layout MovieLens workbook (build collab --all) and the NumPy reference trainer.

Grounding: NumPy evaluated directly on the stored table values (not the engine), scipy's
L-BFGS-B on a hand-written objective, LibreOffice's recalculation, hand-made bad files.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from sheetsolver.cli import main


def _write(path, rows):
    path.write_text("".join(f"{u}\t{m}\t{r}\t0\n" for u, m, r in rows))
    return path


@pytest.fixture
def small(tmp_path):
    rng = np.random.default_rng(3)
    rows = {(int(u), int(m)): int(rng.integers(1, 6)) for u, m in
            zip(rng.integers(1, 9, 60), rng.integers(1, 7, 60))}
    items = [(u, m, r) for (u, m), r in sorted(rows.items())]
    train = _write(tmp_path / "s.base", items[:-6])
    test = _write(tmp_path / "s.test", items[-6:])
    out = tmp_path / "long.xlsx"
    assert main(["build", "collab", "--ratings", str(train), "--test", str(test), "--all",
                 "--factors", "3", "--wd", "0.01", "-o", str(out)]) == 0
    return out, np.array(items[:-6], float), np.array(items[-6:], float)


def _tables(path):
    """Stored bias and factor tables read with the package reader (not the engine)."""
    from sheetsolver.package.reader import load_workbook
    from sheetsolver.reference.collab import read_block
    sh = load_workbook(path).sheet("movielens")
    k = 3
    ut = read_block(sh, f"H6:{_col(8 + k)}{5 + 8}")             # users 1..8: bias + factors
    mt = read_block(sh, f"{_col(7 + k + 4)}6:{_col(7 + k + 4 + k)}{5 + 6}")
    return ut, mt


def _col(c):
    from sheetsolver.reference.collab_layout import col_letters
    return col_letters(c)


def _numpy_values(ut, mt, data, wd):
    u, m, r = data[:, 0].astype(int) - 1, data[:, 1].astype(int) - 1, data[:, 2]
    z = (ut[u, 1:] * mt[m, 1:]).sum(1) + ut[u, 0] + mt[m, 0]
    pred = 5.5 / (1 + np.exp(-z))
    mse = np.mean((pred - r) ** 2)
    return pred, mse + wd * ((ut ** 2).sum() + (mt ** 2).sum()), math.sqrt(mse)


def test_long_workbook_values_match_numpy(small):
    from sheetsolver.package.reader import load_workbook
    out, train, test = small
    wb = load_workbook(out)
    ut, mt = _tables(out)
    pred, obj, rmse = _numpy_values(ut, mt, train, 0.01)
    sh = wb.sheet("movielens")
    assert sh.value("B2") == pytest.approx(obj, rel=1e-12)
    assert sh.value("D2") == pytest.approx(rmse, rel=1e-12)
    assert [sh.value(f"D{6 + i}") for i in range(len(pred))] == pytest.approx(pred, rel=1e-12)
    tpred, _, trmse = _numpy_values(ut, mt, test, 0.0)
    assert wb.sheet("test").value("B2") == pytest.approx(trmse, rel=1e-12)
    names = {n.name: n for n in wb.names}
    assert names["test_rmse"].text == "test!$B$2" and names["test_rmse"].sheet_index is None
    # one relative shape per column: row 7's formula is row 6's moved down one row
    assert sh.cells[(7, 4)].formula == sh.cells[(6, 4)].formula.replace("A6", "A7").replace("B6", "B7")


def test_solve_matches_scipy_on_numpy_objective(small):
    """solve (engine + exact gradients) reaches what L-BFGS-B reaches on a hand-written
    NumPy objective and gradient from the same start."""
    from scipy import optimize

    from sheetsolver.book import Book
    from sheetsolver.reference.collab import Params, loss_and_grad
    from sheetsolver.solver import solve
    out, train, _ = small
    ut, mt = _tables(out)
    book = Book.open(out)
    res = solve(book, "movielens")
    assert res.success and res.fun < res.initial_fun
    u, m, r = train[:, 0].astype(int) - 1, train[:, 1].astype(int) - 1, train[:, 2]
    nu, nm = ut.shape[0], mt.shape[0]

    def fg(x):
        a, b = x[:ut.size].reshape(ut.shape), x[ut.size:].reshape(mt.shape)
        v, g = loss_and_grad(Params(a[:, 1:], b[:, 1:], a[:, 0], b[:, 0]), u, m, r, "sigmoid",
                             (0.0, 5.5), loss="mse", wd=0.01)
        ga = np.column_stack([g.user_bias, g.user])
        gb = np.column_stack([g.movie_bias, g.movie])
        return v, np.concatenate([ga.ravel(), gb.ravel()])
    x0 = np.concatenate([ut.ravel(), mt.ravel()])
    ref = optimize.minimize(fg, x0, jac=True, method="L-BFGS-B",
                            options=dict(ftol=1e-9, gtol=1e-8, maxcor=20, maxiter=15000))
    assert res.fun == pytest.approx(ref.fun, rel=1e-6)
    assert nu == 8 and nm == 6


def test_libreoffice_recalculates_test_rmse(small):
    from sheetsolver.apps import libreoffice
    if libreoffice.find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    from sheetsolver.package.reader import load_workbook
    out, _, _ = small
    ours = load_workbook(out).sheet("test").value("B2")
    lo = libreoffice.recalculated_values(out, cells=[("test", 2, 2), ("movielens", 2, 2)])
    assert lo[("test", 2, 2)] == pytest.approx(ours, rel=1e-9)
    assert lo[("movielens", 2, 2)] == pytest.approx(load_workbook(out).sheet("movielens").value("B2"),
                                                    rel=1e-9)


def test_bad_ratings_file_names_file_and_line(tmp_path, capsys):
    bad = tmp_path / "bad.base"
    bad.write_text("1\t1\t5\t0\n2\t1\tfive\t0\n")
    assert main(["build", "collab", "--ratings", str(bad), "--all", "-o",
                 str(tmp_path / "x.xlsx")]) == 2
    assert "bad.base: line 2" in capsys.readouterr().err
    assert main(["reference", "train", "--ratings", str(bad)]) == 2
    assert "bad.base: line 2" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


# ---- the trainer -----------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["dot", "bias", "sigmoid", "nn"])
def test_trainer_gradients_match_finite_differences(model):
    from sheetsolver.reference.trainer import init_params, mse_grad
    rng = np.random.default_rng(1)
    p = init_params(model, 5, 6, 3, hidden=4, seed=2)
    for k in p:                       # move away from the tiny init so every term matters
        p[k] += rng.normal(0, 0.3, p[k].shape)
    u, m, r = rng.integers(0, 5, 20), rng.integers(0, 6, 20), rng.uniform(1, 5, 20)
    _, g = mse_grad(p, model, u, m, r)
    h = 1e-6
    for k, a in p.items():
        for idx in list(np.ndindex(a.shape))[:15]:
            old = a[idx]
            a[idx] = old + h
            fp = mse_grad(p, model, u, m, r)[0]
            a[idx] = old - h
            fm = mse_grad(p, model, u, m, r)[0]
            a[idx] = old
            assert g[k][idx] == pytest.approx((fp - fm) / (2 * h), rel=1e-5, abs=1e-9), (k, idx)


def test_onecycle_and_sgdr_schedules():
    from sheetsolver.reference.trainer import onecycle, sgdr
    # fastai fit_one_cycle: starts at lr/25, peaks at lr after 25%, ends at lr/1e5
    assert onecycle(0, 101, 1.0)[0] == pytest.approx(1 / 25)
    assert onecycle(25, 101, 1.0)[0] == pytest.approx(1.0)
    assert onecycle(100, 101, 1.0)[0] == pytest.approx(1e-5)
    assert onecycle(0, 101, 1.0)[1] == pytest.approx(0.95)
    assert onecycle(25, 101, 1.0)[1] == pytest.approx(0.85)
    # SGDR, cycles of 1 then 2 epochs (10 steps each): restarts at steps 10 and 30
    assert sgdr(0, 10, 1.0)[0] == 1.0
    assert sgdr(5, 10, 1.0)[0] == pytest.approx(0.5)
    assert sgdr(10, 10, 1.0)[0] == 1.0
    assert sgdr(20, 10, 1.0)[0] == pytest.approx(0.5)
    assert sgdr(30, 10, 1.0)[0] == 1.0


@pytest.mark.parametrize("opt", ["sgd", "momentum", "adam", "adamw"])
def test_trainer_learns_a_planted_model(opt):
    """Ratings from a planted rank-2 model with biases (noise 0.1): every optimizer gets
    well below the spread of the ratings (the RMSE of predicting the mean, 0.89)."""
    from sheetsolver.reference.trainer import init_params, rmse, train
    rng = np.random.default_rng(0)
    U, M = rng.normal(0, 0.7, (40, 2)), rng.normal(0, 0.7, (30, 2))
    bu, bm = rng.normal(0, 0.5, 40), rng.normal(0, 0.5, 30)
    u, m = rng.integers(0, 40, 3000), rng.integers(0, 30, 3000)
    r = np.clip(3 + bu[u] + bm[m] + (U[u] * M[m]).sum(1) + rng.normal(0, 0.1, 3000), 0.5, 5)
    p = init_params("sigmoid", 40, 30, 4, seed=1)
    lr = {"sgd": 1.0, "momentum": 0.1, "adam": 0.03, "adamw": 0.03}[opt]
    hist = train(p, "sigmoid", (u[:2700], m[:2700], r[:2700]), (u[2700:], m[2700:], r[2700:]),
                 opt=opt, lr=lr, wd=1e-4, epochs=12, bs=64, schedule="onecycle")
    assert hist.holdout_rmse[hist.best_epoch - 1] < 0.5 * r.std()
    assert rmse(p, "sigmoid", u[2700:], m[2700:], r[2700:]) == \
        pytest.approx(min(hist.holdout_rmse))             # early stopping kept the best epoch


def test_reference_train_cli(tmp_path, capsys):
    rng = np.random.default_rng(0)
    rows = {(int(a), int(b)): int(rng.integers(1, 6)) for a, b in
            zip(rng.integers(1, 30, 600), rng.integers(1, 20, 600))}
    items = [(a, b, c) for (a, b), c in rows.items()]
    base = _write(tmp_path / "r.base", items[:-50])
    test = _write(tmp_path / "r.test", items[-50:])
    png = tmp_path / "rmse.png"
    assert main(["reference", "train", "--ratings", str(base), "--valid", str(test),
                 "--model", "nn", "--factors", "4", "--hidden", "8", "--epochs", "2",
                 "--opt", "adam", "--schedule", "sgdr", "--plot", str(png)]) == 0
    text = capsys.readouterr().out
    assert "valid_rmse" in text and "peak memory" in text
    assert png.stat().st_size > 1000
