"""The solver at scale (issue #14 point 4), side by side with a hand-written NumPy solve.

    python benchmarks/bench_solve_scale.py [--repeat 5] [--iters 300] [--big 500,500,100] [--big-iter 300]

1. The generated 100 users x 100 movies x 10 factors dotprod workbook (2,000 variable
   cells, 10,000 per-cell ``IF(rating="",0,MMULT(...))`` formulas; density 0.6, seed 0):
   ``solve()`` (reading the model, L-BFGS-B with exact gradients through the engine,
   final recalculation) against the same problem written by hand in NumPy (one matrix
   product) with scipy's L-BFGS-B, the same options and start, both with single-threaded
   BLAS; once to convergence, once both stopped after ``--iters`` iterations (the same
   work); medians of ``--repeat``, wall and CPU time; the ratios (target: at most 2x).
2. A generated crosstab with 100,000 variable cells (default 500 users x 500 movies x
   100 factors: 50,000 + 50,000 factor cells, 250,000 prediction formulas; density 0.3),
   run in its own process so that its peak memory (``ru_maxrss``) is its alone: writing
   the workbook (openpyxl, not sheetsolver), open + compile, ``solve()`` with at most
   ``--big-iter`` L-BFGS-B iterations, then the hand-written NumPy solve with the same
   start and iteration limit, and the ratio.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy import optimize

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sheetsolver.book import Book  # noqa: E402
from sheetsolver.solver import read_model, solve  # noqa: E402
from sheetsolver.solver.problem import Problem  # noqa: E402
from sheetsolver.solver.synthetic import numpy_dotprod, write_dotprod_workbook  # noqa: E402
from sheetsolver.solver.threads import single_threaded_blas  # noqa: E402


def lbfgsb_options(model, itr=15000):
    """The options sheetsolver's GRG mapping passes to L-BFGS-B (engines._gradient_method)."""
    cvg, pre = model.options.get("cvg", 1e-4), model.options.get("pre", 1e-6)
    return dict(maxiter=itr, maxfun=max(itr, 15000) * 2, ftol=cvg * 1e-5, gtol=pre * 1e-2,
                maxcor=20)


def ratings_area(lay):
    from sheetsolver.solver.synthetic import _a1
    return "dotprod!" + _a1(*lay["ratings"], absolute=False)


def hand_solve(path, lay, k, itr=15000):
    """The same model in NumPy: x0 and ratings read with sheetsolver's reader (not timed)."""
    book = Book.open(path)
    ratings = book.engine.values(ratings_area(lay))
    model = read_model(book.wb, "dotprod")
    x0 = Problem(book, model).get_x()
    fg = numpy_dotprod(ratings)
    opts = lbfgsb_options(model, itr)

    def run():
        with single_threaded_blas():
            t, c = time.perf_counter(), time.process_time()
            r = optimize.minimize(lambda x: fg(x, k), x0, jac=True, method="L-BFGS-B",
                                  bounds=[(None, None)] * x0.size, options=opts)
            return time.perf_counter() - t, time.process_time() - c, r
    return run


def ours_solve(path, max_iter=None):
    def run():
        book = Book.open(path)                 # opening is not part of the solve time
        t, c = time.perf_counter(), time.process_time()
        r = solve(book, "dotprod", max_iter=max_iter)
        return time.perf_counter() - t, time.process_time() - c, r
    return run


def side_by_side(users, movies, factors, density, repeat, iters):
    """Both solves to convergence, then both stopped at ``iters`` iterations (the same
    work for both: L-BFGS-B's own iteration limit); medians of ``repeat`` interleaved
    runs, wall and CPU time (CPU: less moved by other processes on a shared machine)."""
    name = f"{users} x {movies} x {factors} ({factors * (users + movies):,} variables)"
    print(name, flush=True)
    ratios = []
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "gen.xlsx"
        lay, _ = write_dotprod_workbook(path, users, movies, factors, density=density, seed=0)
        for label, itr in (("to convergence", None), (f"{iters} iterations", iters)):
            hand = hand_solve(path, lay, factors, *(() if itr is None else (itr,)))
            ours = ours_solve(path, itr)
            runs = [(hand(), ours()) for _ in range(repeat)]    # interleaved: same load
            th, ch = (statistics.median(h[i] for h, _ in runs) for i in (0, 1))
            to, co = (statistics.median(o[i] for _, o in runs) for i in (0, 1))
            rh, ro = runs[0][0][2], runs[0][1][2]
            print(f"  {label:<16} hand-written {th * 1000:7.1f} ms (CPU {ch * 1000:6.1f}) "
                  f"{rh.nit} it {rh.nfev} evals f={rh.fun:.9f} | sheetsolver {to * 1000:7.1f} ms "
                  f"(CPU {co * 1000:6.1f}) {ro.nit} it {ro.nfev} evals f={ro.fun:.9f} | "
                  f"ratio {to / th:.2f}x, CPU {co / ch:.2f}x (target <= 2x)", flush=True)
            ratios.append(to / th)
    return ratios


def child_big(users, movies, factors, itr):
    """One process: write, open, solve, hand-written solve; JSON on stdout."""
    out = {}
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "big.xlsx"
        t = time.perf_counter()
        lay, _ = write_dotprod_workbook(path, users, movies, factors, density=0.3, seed=0)
        out["write_s"] = time.perf_counter() - t
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        book = Book.open(path)
        out["open_s"] = time.perf_counter() - t
        t = time.perf_counter()
        r = solve(book, "dotprod", max_iter=itr)
        out.update(solve_s=time.perf_counter() - t, f=r.fun, f0=r.initial_fun, nit=r.nit,
                   nfev=r.nfev, n=len(r.x), message=r.message, gradient=r.gradient)
        out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out["before_mb"] = rss0 / 1024
        del book
        th, _, rh = hand_solve(path, lay, factors, itr)()
        out.update(hand_s=th, hand_f=float(rh.fun), hand_nit=int(rh.nit), hand_nfev=int(rh.nfev))
    print(json.dumps(out))


def big(users, movies, factors, itr, timeout):
    cmd = [sys.executable, __file__, "--child", f"{users},{movies},{factors}",
           "--big-iter", str(itr)]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if p.returncode:
        print(p.stderr[-2000:])
        return None
    o = json.loads(p.stdout.strip().splitlines()[-1])
    print(f"{users} x {movies} x {factors} crosstab: {o['n']:,} variable cells, "
          f"{users * movies:,} prediction formulas")
    print(f"  write (openpyxl) {o['write_s']:.1f} s | open + compile {o['open_s']:.1f} s | "
          f"solve {o['solve_s']:.1f} s ({o['nit']} iterations, {o['nfev']} evals, "
          f"f {o['f0']:.6f} -> {o['f']:.6f}; {o['message']})")
    print(f"  hand-written NumPy L-BFGS-B: {o['hand_s']:.1f} s ({o['hand_nit']} iterations, "
          f"f -> {o['hand_f']:.6f}) | ratio {o['solve_s'] / o['hand_s']:.2f}x")
    print(f"  peak memory {o['peak_mb']:.0f} MB (process before opening: "
          f"{o['before_mb']:.0f} MB)", flush=True)
    return o


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--iters", type=int, default=300, help="the fixed iteration count")
    ap.add_argument("--big", default="500,500,100", help="users,movies,factors ('' to skip)")
    ap.add_argument("--big-iter", type=int, default=300)
    ap.add_argument("--timeout", type=int, default=3000)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.child:
        child_big(*map(int, a.child.split(",")), a.big_iter)
        return 0
    side_by_side(100, 100, 10, 0.6, a.repeat, a.iters)
    if a.big:
        big(*map(int, a.big.split(",")), a.big_iter, a.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
