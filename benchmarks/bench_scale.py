"""How the cost grows with the workbook: generated collab and graddesc workbooks, side by side.

    python benchmarks/bench_scale.py [--quick] [--repeat 3] [--cpu] [--timeout 1500]

Sizes: collab workbooks (``build collab``'s tabs, 5 factors) from MovieLens 100K with
the 15, 60 and 240 most active users and most rated movies; graddesc workbooks
(``build graddesc``'s seven optimiser tabs, 29 points) with 20, 80 and 320 passes.
``--quick``: the two smaller sizes of each. Each size runs in its own process, so peak
memory is that size's alone. ``--cpu``: process CPU time instead of wall time (fairer
on a shared machine, so the growth exponents are measurable there). Per size:

* open + compile: ``Book.open`` (read the package, parse, bind, plan);
* recalc: one input changed (collab: a movie factor of dotprod; graddesc: data!A2,
  read by every tab), then every formula recalculated; median of ``--repeat``. IronCalc
  (``pip install ironcalc``): the same change by ``set_user_input`` then ``evaluate()``;
  and the ratio;
* gradient: after an input change, d objective / d inputs by reverse mode (collab: dotprod's RMSE by its 2*5*n
  factor cells; graddesc: basic's error after the last pass by its b0, a0, lr);
* solve (collab): dotprod's Solver model by ``solve()`` (L-BFGS-B, at most
  ``--solve-iter`` iterations) against the same problem written by hand in NumPy with
  the same scipy method, options and start, and the ratio;
* peak memory: the process's maximum resident set (``ru_maxrss``) after sheetsolver's
  steps (IronCalc not loaded yet), and above the process's size before opening.

The collab workbooks leave out movielens_1hot: one row per rating and one column per
user and per movie, its cells grow as ratings x (users + movies) (430,000 cells at 60,
about 12 million at 240), which no spreadsheet is meant to hold; the other four tabs
grow with the crosstab (users x movies) and the ratings. The workbooks are written
without running sheetsolver (every formula's cached value is
0, so that neither application starts from a computed answer). Growth: the exponent
``b`` of time ~ cells^b from the smallest to the largest size; at most linear when
b <= 1.1 (a fixed cost at small sizes makes b < 1).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
UDATA = ROOT.parent / "shared" / "data" / "ml-100k" / "u.data"
SIZES = {"collab": (15, 60, 240), "graddesc": (20, 80, 320)}
FACTORS = 5
POINTS = 29
clock = time.perf_counter       # time.process_time with --cpu


def median_time(fn, repeat: int) -> float:
    ts = []
    for i in range(repeat):
        t = clock()
        fn(i)
        ts.append(clock() - t)
    return statistics.median(ts)


def max_rss_mb() -> float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # KiB on Linux


# --- worker: one workbook size, in its own process --------------------------------------
def write_book(kind: str, size: int, path: Path):
    """The generated workbook (formulas cached as 0) and what the measurements need."""
    from sheetsolver.build.xlsx import write_package
    if kind == "collab":
        from sheetsolver.build.collab import collab_workbook
        from sheetsolver.build.ratings import top_crosstab
        ct = top_crosstab(UDATA, size, size)
        spec, models = collab_workbook(ct, FACTORS, 0)
        spec = without_sheet(spec, "movielens_1hot")
        extra = {"models": models, "ratings": ct.ratings}
    else:
        from sheetsolver.build.graddesc import graddesc_workbook
        spec, layouts = graddesc_workbook(POINTS, size, 0)
        extra = {"layouts": layouts}
    cached = {sh.name: {rc: 0.0 for rc in sh.formula_cells()} for sh in spec.sheets}
    write_package(spec, path, cached)
    return spec, extra


def without_sheet(spec, name: str):
    """The workbook spec without sheet ``name`` and its sheet-scoped names."""
    from sheetsolver.build.xlsx import Name, WorkbookSpec
    drop = [sh.name for sh in spec.sheets].index(name)
    def moved(i):
        return i - 1 if i is not None and i > drop else i
    names = [Name(n.name, n.text, moved(n.sheet), n.hidden) for n in spec.names if n.sheet != drop]
    return WorkbookSpec([sh for sh in spec.sheets if sh.name != name], names,
                        spec.macro_enabled)


def hand_dotprod(ratings, k: int, wd: float):
    """dotprod's objective as the built tab defines it (mean squared error + wd * sum of
    squares of the variable cells) and its gradient in NumPy; x = user factors (u x k)
    then movie factors (k x m), row-major, the order of the tab's Solver variable areas."""
    import numpy as np
    mask = ~np.isnan(ratings)
    r = np.where(mask, ratings, 0.0)
    u, m = ratings.shape
    n = mask.sum()

    def fg(x):
        U = x[:u * k].reshape(u, k)
        M = x[u * k:].reshape(k, m)
        err = np.where(mask, U @ M, 0.0) - r
        f = float((err * err).sum()) / n + wd * float(x @ x)
        d = 2 * err / n
        return f, np.concatenate([(d @ M.T).ravel(), (U.T @ d).ravel()]) + 2 * wd * x
    return fg


def measure(kind: str, size: int, repeat: int, solve_iter: int) -> dict:
    from sheetsolver.book import Book
    from sheetsolver.formula.refs import cell_name, col_to_index
    res: dict = {"kind": kind, "size": size}
    with tempfile.TemporaryDirectory(prefix="bench_scale_") as tmp:
        path = Path(tmp) / ("book.xlsx" if kind == "collab" else "book.xlsm")
        spec, extra = write_book(kind, size, path)
        names = [sh.name for sh in spec.sheets]
        res["file_mb"] = path.stat().st_size / 2**20
        rss0 = max_rss_mb()
        t = clock()
        book = Book.open(path)
        res["open"] = clock() - t
        eng = book.engine
        res["cells"] = sum(1 for _ in eng.formula_cells())
        t = clock()
        book.recalc()
        res["first_recalc"] = clock() - t
        if kind == "collab":
            model = extra["models"][0]                       # dotprod
            sheet, (r, c) = model.sheet, (model.variables[1].r1, model.variables[1].c1)
            objective, areas = (model.sheet, *model.objective), model.variables
        else:
            lay = extra["layouts"][0]                        # basic
            sheet, (r, c) = "data", (2, 1)
            objective = (lay.name, lay.table_row(lay.passes - 1), col_to_index(lay.error_col))
            areas = [eng.area(f"{lay.name}!{lay.params[k]}") for k in ("b0", "a0", "lr")]
        where = f"{sheet}!{cell_name(r, c)}"
        base = float(eng.values(where)[0, 0])
        values = [base * (1.01 + 0.01 * i) + 0.5 for i in range(repeat)]

        def ours(i):
            eng.set_numbers(where, values[i])
            book.recalc()
        res["recalc"] = median_time(ours, repeat)

        def gradient(i):          # after an input change, so nothing is reused
            eng.set_numbers(where, values[i])
            eng.gradient(objective, areas)
        res["gradient"] = median_time(gradient, repeat)
        if kind == "collab":
            res.update(solve_both(path, model, extra["ratings"], solve_iter))
        res["peak_mb"] = max_rss_mb()
        res["peak_above_start_mb"] = res["peak_mb"] - rss0
        try:
            import ironcalc
        except ImportError:
            return res
        t = clock()
        ic = ironcalc.load_from_xlsx(str(path), "en", "UTC")
        res["ic_load"] = clock() - t
        idx = names.index(sheet)

        def theirs(i):
            ic.set_user_input(idx, r, c, repr(values[i]))
            ic.evaluate()
        res["ic_recalc"] = median_time(theirs, repeat)
        # same answer? (the objective cell after the last change)
        book.recalc()
        ours_v = eng.grids[objective[0]].get(objective[1], objective[2])
        theirs_v = ic.get_cell_value_by_ref(f"{objective[0]}!{cell_name(*objective[1:])}")
        res["agree"] = (isinstance(theirs_v, float)
                        and abs(ours_v - theirs_v) <= 1e-9 * max(1.0, abs(ours_v)))
    return res


def solve_both(path, model, ratings, solve_iter: int) -> dict:
    """sheetsolver's solve of dotprod vs the hand-written NumPy objective, same start."""
    from scipy import optimize
    from sheetsolver.book import Book
    from sheetsolver.solver import read_model, solve
    from sheetsolver.solver.problem import Problem
    from sheetsolver.solver.threads import single_threaded_blas
    from bench_solve import lbfgsb_options
    book = Book.open(path)
    book.recalc()
    m = read_model(book.wb, model.sheet)
    x0 = Problem(book, m).get_x()
    fg = hand_dotprod(ratings, FACTORS, float(book.engine.value(model.sheet, "D2")))
    f0_engine = book.engine.grids[model.sheet].get(*model.objective)
    opts = dict(lbfgsb_options(m), maxiter=solve_iter)
    t = clock()
    ours = solve(book, model.sheet, max_iter=solve_iter)
    t_ours = clock() - t
    t = clock()
    with single_threaded_blas():
        hand = optimize.minimize(fg, x0, jac=True, method="L-BFGS-B",
                                 bounds=[(None, None)] * len(x0), options=opts)
    t_hand = clock() - t
    return {"solve": t_ours, "solve_f": float(ours.fun), "solve_nfev": int(ours.nfev),
            "hand": t_hand, "hand_f": float(hand.fun), "hand_nfev": int(hand.nfev),
            "n_vars": len(x0),
            "f0_same": bool(abs(fg(x0)[0] - f0_engine) <= 1e-9 * abs(f0_engine))}


# --- parent: run every size, print the table --------------------------------------------
def run_worker(kind: str, size: int, args) -> dict:
    with tempfile.NamedTemporaryFile("r", suffix=".json", delete=False) as out:
        out_path = out.name
    cmd = [sys.executable, __file__, "--worker", kind, str(size), "--out", out_path,
           "--repeat", str(args.repeat), "--solve-iter", str(args.solve_iter),
           "--max-memory", str(args.max_memory)] + (["--cpu"] if args.cpu else [])
    t = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        if proc.returncode < 0:
            return {"kind": kind, "size": size, "error": f"killed by signal {-proc.returncode}"
                    + (" (out of memory?)" if proc.returncode == -9 else "")}
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:]
            return {"kind": kind, "size": size, "error": tail[0] if tail else "failed"}
        return json.loads(Path(out_path).read_text())
    except subprocess.TimeoutExpired:
        return {"kind": kind, "size": size,
                "error": f"timed out after {time.perf_counter() - t:.0f} s"}
    finally:
        os.unlink(out_path)


def fmt(v, spec=".4g", width=9) -> str:
    return f"{'-':>{width}}" if v is None else f"{v:{width}{spec}}"


def print_table(rows: list[dict]) -> None:
    print(f"{'workbook':16} {'cells':>9} {'open':>9} {'IC load':>9} {'ratio':>6} "
          f"{'recalc':>9} {'IC recalc':>9} {'ratio':>6} {'gradient':>9} {'solve':>9} "
          f"{'hand':>9} {'ratio':>6} {'peak MB':>8} {'(+open)':>8}")
    for r in rows:
        label = f"{r['kind']} {r['size']}"
        if "error" in r:
            print(f"{label:16} {r['error']}")
            continue
        g = r.get
        ratio = lambda a, b: (g(a) / g(b)) if g(a) is not None and g(b) else None  # noqa: E731
        print(f"{label:16} {r['cells']:9,} {fmt(g('open'))} {fmt(g('ic_load'))} "
              f"{fmt(ratio('open', 'ic_load'), '.1f', 6)} {fmt(g('recalc'))} "
              f"{fmt(g('ic_recalc'))} {fmt(ratio('recalc', 'ic_recalc'), '.2f', 6)} "
              f"{fmt(g('gradient'))} {fmt(g('solve'))} {fmt(g('hand'))} "
              f"{fmt(ratio('solve', 'hand'), '.1f', 6)} {fmt(g('peak_mb'), '.0f', 8)} "
              f"{fmt(g('peak_above_start_mb'), '.0f', 8)}")
    print("times in seconds (wall, or process CPU with --cpu); open = Book.open (read + compile); recalc = one input changed, "
          "then every formula; IC = IronCalc; ratio = sheetsolver / other")
    for r in rows:
        if "solve" in r:
            print(f"  solve {r['kind']} {r['size']}: {r['n_vars']:,} variables; sheetsolver "
                  f"f={r['solve_f']:.6g} ({r['solve_nfev']} evaluations), hand-written "
                  f"f={r['hand_f']:.6g} ({r['hand_nfev']}); same objective at the start: "
                  f"{r['f0_same']}")
        if "agree" in r and not r["agree"]:
            print(f"  {r['kind']} {r['size']}: IronCalc's objective value differs from ours")


def print_growth(rows: list[dict]) -> None:
    print("growth from the smallest to the largest size (time ~ cells^b; linear: b = 1):")
    for kind in SIZES:
        done = [r for r in rows if r["kind"] == kind and "error" not in r]
        if len(done) < 2:
            continue
        a, z = done[0], done[-1]
        cells = z["cells"] / a["cells"]
        parts = []
        for key in ("open", "first_recalc", "recalc", "gradient", "solve", "peak_above_start_mb"):
            if a.get(key) and z.get(key):
                b = math.log(z[key] / a[key]) / math.log(cells)
                parts.append(f"{key} b={b:.2f}{'' if b <= 1.1 else ' (MORE THAN LINEAR)'}")
        print(f"  {kind} {a['size']} -> {z['size']} ({cells:.1f}x cells): " + ", ".join(parts))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="only the two smaller sizes of each")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (median)")
    ap.add_argument("--cpu", action="store_true",
                    help="process CPU time instead of wall time (a shared machine)")
    ap.add_argument("--solve-iter", type=int, default=200, help="L-BFGS-B iteration limit")
    ap.add_argument("--timeout", type=float, default=1500, help="seconds per size")
    ap.add_argument("--only", choices=sorted(SIZES), help="one kind of workbook")
    ap.add_argument("--json", help="also write every measurement to this JSON file")
    ap.add_argument("--sizes", help="these sizes instead, e.g. --only collab --sizes 120")
    ap.add_argument("--max-memory", type=float, default=6.0,
                    help="GiB of address space per size (default 6): a size that needs more "
                         "fails with MemoryError instead of waking the kernel's OOM killer")
    ap.add_argument("--from-json", nargs="+", metavar="FILE",
                    help="print the table of earlier runs' --json files (runs split up to "
                         "go in parallel or within a time limit) instead of measuring")
    ap.add_argument("--worker", nargs=2, metavar=("KIND", "SIZE"), help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.cpu:
        global clock
        clock = time.process_time
    if args.worker:
        import resource
        limit = int(args.max_memory * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        res = measure(args.worker[0], int(args.worker[1]), args.repeat, args.solve_iter)
        Path(args.out).write_text(json.dumps(res))
        return 0
    if args.from_json:
        rows = [r for f in args.from_json for r in json.loads(Path(f).read_text())]
        rows.sort(key=lambda r: (list(SIZES).index(r["kind"]), r["size"]))
        print_table(rows)
        print()
        print_growth(rows)
        return 0
    if not UDATA.exists():
        print(f"MovieLens not found at {UDATA}: graddesc only")
    rows = []
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at start; "
          f"median of {args.repeat}; {'CPU' if args.cpu else 'wall'} time")
    for kind, sizes in SIZES.items():
        if (args.only and kind != args.only) or (kind == "collab" and not UDATA.exists()):
            continue
        if args.sizes:
            sizes = [int(n) for n in args.sizes.split(",")]
        for size in sizes[:2] if args.quick else sizes:
            rows.append(run_worker(kind, size, args))
            print("  " + json.dumps(rows[-1]), flush=True)
            if args.json:
                Path(args.json).write_text(json.dumps(rows, indent=1))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print()
    print_table(rows)
    print()
    print_growth(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
