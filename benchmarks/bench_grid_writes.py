"""One-cell writes into sheets of growing size, side by side (issue 14: growth at most linear).

    python benchmarks/bench_grid_writes.py [--rows 1000,4000,16000,64000] [--repeat 5]

A formula such as ``=B5`` evaluates to a view of the grid it reads. Handing that view to
numpy's ``put`` on the same grid makes numpy copy the whole sheet first (the operands
overlap), so every such one-cell write cost in proportion to the sheet and a gradient over
a big graddesc tab grew faster than its cells. :meth:`Grid.write` copies the one cell
instead. Per sheet size (15 columns), the median process CPU time per write of: a fresh
one-cell result, a view result with plain ``put`` (the old store), and a view result with
``Grid.write``. The last two columns should stay flat as the sheet grows.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sheetsolver.engine.batch import V  # noqa: E402
from sheetsolver.engine.grid import Grid  # noqa: E402


def per_call(fn, calls: int, repeat: int) -> float:
    """Median over ``repeat`` runs of the CPU time of one of ``calls`` calls, in us."""
    ts = []
    for _ in range(repeat):
        t = time.process_time()
        for _ in range(calls):
            fn()
        ts.append((time.process_time() - t) / calls * 1e6)
    return statistics.median(ts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default="1000,4000,16000,64000", help="sheet sizes in rows")
    ap.add_argument("--repeat", type=int, default=5, help="runs per timing (median)")
    ap.add_argument("--calls", type=int, default=2000, help="writes per run")
    args = ap.parse_args()
    print(f"{'rows':>7} {'cells':>9} {'fresh us':>9} {'view+put us':>12} {'view+write us':>14}")
    for rows in map(int, args.rows.split(",")):
        g = Grid("s", rows, 15)
        flat = np.array([[[(rows // 2) * g.num.shape[1] + 4]]])
        fresh = V(np.array([[[2.0]]]))
        view = V(g.num[5:6, 3:4][None])        # what =C5 evaluates to
        t_fresh = per_call(lambda: g.write(flat, fresh), args.calls, args.repeat)
        t_put = per_call(lambda: g.num.put(flat, view.num), args.calls, args.repeat)
        t_view = per_call(lambda: g.write(flat, view), args.calls, args.repeat)
        print(f"{rows:>7} {rows * 15:>9,} {t_fresh:>9.2f} {t_put:>12.2f} {t_view:>14.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
