"""Benchmark the long-layout MovieLens workbook: build, open, recalc, and solve vs NumPy.

    python benchmarks/bench_movielens.py                      # u1.base / u1.test, 40 factors
    python benchmarks/bench_movielens.py --rows 5000 --max-iter 50   # a quick look

In one run, side by side:
  * the workbook (``sheetsolver build collab --all``): its size, Book.open (read + compile)
    and full recalculation times;
  * per evaluation: objective + exact gradient through the engine (``Problem.value_grad``,
    what ``solve`` calls) against a hand-written NumPy objective + gradient
    (:func:`sheetsolver.reference.collab.loss_and_grad`, the same model and weight decay);
  * the whole fit: ``solve(book, "movielens")`` against scipy L-BFGS-B on the NumPy
    objective with the same options (ftol = cvg*1e-5, gtol = pre*1e-2, 20 corrections),
    from the same start: time, iterations, objective and the test RMSE of each (the
    workbook's test_rmse cell / NumPy on the test ratings).
Everything runs with single-threaded BLAS (sheetsolver/solver/threads.py).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy import optimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sheetsolver.book import Book  # noqa: E402
from sheetsolver.build.compute import write_with_values  # noqa: E402
from sheetsolver.build.movielens import Ratings, long_workbook, ratings_arrays  # noqa: E402
from sheetsolver.reference.collab import Params, loss_and_grad, predict  # noqa: E402
from sheetsolver.solver import read_model, solve  # noqa: E402
from sheetsolver.solver.problem import Problem  # noqa: E402
from sheetsolver.solver.threads import single_threaded_blas  # noqa: E402

DATA = ROOT.parent / "shared/data/ml-100k"


def numpy_problem(train: Ratings, nu: int, nm: int, k: int, wd: float):
    """fg(x) over the Solver's variable vector: user table rows (bias, k factors), then
    movie table rows, row-major, as the two areas of solver_adj."""
    u, m, r = train.user - 1, train.movie - 1, train.rating

    def unpack(x):
        a = x[:nu * (k + 1)].reshape(nu, k + 1)
        b = x[nu * (k + 1):].reshape(nm, k + 1)
        return Params(a[:, 1:], b[:, 1:], a[:, 0], b[:, 0])

    def fg(x):
        v, g = loss_and_grad(unpack(x), u, m, r, "sigmoid", (0.0, 5.5), loss="mse", wd=wd)
        return v, np.concatenate([np.column_stack([g.user_bias, g.user]).ravel(),
                                  np.column_stack([g.movie_bias, g.movie]).ravel()])
    return fg, unpack


def test_rmse(p: Params, test: Ratings) -> float:
    pred, _ = predict(p, test.user - 1, test.movie - 1, "sigmoid", (0.0, 5.5))
    return float(np.sqrt(np.mean((pred - test.rating) ** 2)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ratings", default=str(DATA / "u1.base"))
    ap.add_argument("--test", default=str(DATA / "u1.test"))
    ap.add_argument("--rows", type=int, default=None, help="first N training ratings only")
    ap.add_argument("--factors", type=int, default=40)
    ap.add_argument("--wd", type=float, default=2e-4)
    ap.add_argument("--max-iter", type=int, default=None, help="iteration limit of both fits")
    ap.add_argument("--evals", type=int, default=3, help="evaluations timed per side")
    ap.add_argument("--book", help="use this already built workbook (same data and options)")
    ap.add_argument("--profile", action="store_true",
                    help="also print where one engine evaluation spends its time (cProfile)")
    args = ap.parse_args(argv)
    train, test = ratings_arrays(args.ratings), ratings_arrays(args.test)
    if args.rows:
        train = Ratings(train.user[:args.rows], train.movie[:args.rows], train.rating[:args.rows],
                        train.source)
    spec, model, lay = long_workbook(train, test, args.factors, args.wd)
    rows = []
    if args.book:
        path = Path(args.book)
    else:
        tmp = tempfile.mkdtemp(prefix="bench-movielens-")
        path = Path(tmp) / "movielens.xlsx"
        t = time.perf_counter()
        write_with_values(spec, path)
        rows.append(("build (spec, write, engine values, write)", time.perf_counter() - t, ""))
    size = os.path.getsize(path) / 1e6
    with single_threaded_blas():
        t = time.perf_counter()
        book = Book.open(path)
        t_open = time.perf_counter() - t
        t = time.perf_counter()
        book.recalc()
        t_recalc = time.perf_counter() - t
        prob = Problem(book, read_model(book.wb, "movielens"))
        x0 = prob.get_x()
        fg, unpack = numpy_problem(train, lay.n_users, lay.n_movies, lay.k, args.wd)
        v_np, g_np = fg(x0)
        v_en, g_en = prob.value_grad(x0)
        agree = (abs(v_np - v_en) / abs(v_np), float(np.abs(g_np - g_en).max() / np.abs(g_np).max()))

        def timed(f):
            best = np.inf
            for _ in range(args.evals):
                t = time.perf_counter()
                f(x0)
                best = min(best, time.perf_counter() - t)
            return best
        t_en, t_np = timed(prob.value_grad), timed(fg)
        if args.profile:
            import cProfile
            import io
            import pstats
            pr = cProfile.Profile()
            pr.enable()
            prob.value_grad(x0)
            pr.disable()
            out = io.StringIO()
            pstats.Stats(pr, stream=out).sort_stats("tottime").print_stats(12)
            print("one engine evaluation (objective + gradient), by own time:")
            print("\n".join(out.getvalue().splitlines()[6:22]))
        itr = args.max_iter or 15000
        opts = dict(maxiter=itr, maxfun=max(itr, 15000) * 2, ftol=1e-4 * 1e-5, gtol=1e-6 * 1e-2,
                    maxcor=20)
        t = time.perf_counter()
        ref = optimize.minimize(fg, x0, jac=True, method="L-BFGS-B", options=opts)
        t_ref = time.perf_counter() - t
        rmse_np = test_rmse(unpack(ref.x), test)
        book = Book.open(path)
        t = time.perf_counter()
        res = solve(book, "movielens", max_iter=args.max_iter)
        t_solve = time.perf_counter() - t
        rmse_ws = book.value("test", "B2")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"workbook: {lay.n_train:,} training + {lay.n_test:,} test ratings, {lay.n_users} users x "
          f"{lay.n_movies} movies, {lay.k} factors, wd {args.wd:g}: {size:.1f} MB, "
          f"{2 * (lay.n_train + lay.n_test):,} formulas, {x0.size:,} variable cells")
    for name, secs, note in rows:
        print(f"  {name}: {secs:.1f} s {note}")
    print(f"  open + compile: {t_open:.1f} s; full recalculation: {t_recalc:.2f} s")
    print(f"  start: objective engine {v_en:.12g} vs NumPy {v_np:.12g} (rel {agree[0]:.1e}); "
          f"gradient max rel diff {agree[1]:.1e}")
    print(f"per evaluation (objective + gradient): engine {t_en * 1e3:.0f} ms, NumPy "
          f"{t_np * 1e3:.0f} ms, ratio {t_en / t_np:.1f}x")
    print(f"{'fit':<28}{'seconds':>10}{'iterations':>12}{'objective':>16}{'test RMSE':>12}")
    print(f"{'solve (engine)':<28}{t_solve:>10.1f}{res.nit:>12}{res.fun:>16.8g}{rmse_ws:>12.4f}")
    print(f"{'NumPy + scipy L-BFGS-B':<28}{t_ref:>10.1f}{ref.nit:>12}{ref.fun:>16.8g}{rmse_np:>12.4f}")
    print(f"ratio solve / NumPy: {t_solve / t_ref:.1f}x; objectives differ by "
          f"{abs(res.fun - ref.fun) / abs(ref.fun):.1e} relative; peak memory {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
