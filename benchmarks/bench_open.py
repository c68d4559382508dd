"""File size and open time of workbooks, side by side: sheetsolver, IronCalc, LibreOffice.

    python benchmarks/bench_open.py BOOK [BOOK ...] [--repeat 3] [--cpu] [--phases] [--libreoffice]

For ``build``'s shared formulas (issue #14): run it on the workbooks built before and
after, e.g. ``python benchmarks/bench_open.py old/graddesc.xlsm workbooks/graddesc.xlsm``.
Per file: zipped and unzipped size, formula cells and how many are stored as shared
formulas, then the median of ``--repeat`` runs of: sheetsolver reading the package
(``load_workbook``: XML + formula parsing), ``Book.open`` (read + compile), IronCalc's
``load_from_xlsx`` (when ``pip install ironcalc``) and the ratio to it (issue 14's
target: at most 10), and with ``--libreoffice`` one headless LibreOffice load +
recalculation + save (process start-up included). ``--cpu``: process CPU times (fairer
on a shared machine); ``--phases``: where Book.open spends its time.
"""
from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_recalc  # noqa: E402  (a sibling script: its median_time)


# the median of `repeat` timed calls, no warm-up call (opening is what is measured)
median_time = functools.partial(bench_recalc.median_time, warm=False)
TARGET = 10    # issue 14: open + compile at most 10x IronCalc's load


def median_cpu(fn, repeat: int) -> float:
    """The median process CPU time of ``repeat`` calls: on a machine shared with other
    work, wall-clock times measure the neighbours as much as the code."""
    ts = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        ts.append(time.process_time() - t)
    return statistics.median(ts)


PHASES = ("collect_units", "static_deps", "levels", "group_units")


def phases(path, repeat: int) -> dict:
    """Where one ``Book.open`` spends its CPU time (median of ``repeat``): reading the
    package, then the compiler's steps (units, dependencies, levels, groups) and the
    rest of building the engine (grids, group objects, data tables)."""
    from sheetsolver.engine import compiler
    from sheetsolver.engine.engine import Engine
    from sheetsolver.package.reader import load_workbook
    spent: dict = {}

    def timed(name, fn):
        def run(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - t
        return run

    saved = {name: getattr(compiler, name) for name in PHASES}
    runs = []
    try:
        for name in PHASES:
            setattr(compiler, name, timed(name, saved[name]))
        for _ in range(repeat):
            spent.clear()
            t = time.process_time()
            wb = load_workbook(path)
            spent["read"] = time.process_time() - t
            Engine(wb)
            spent["rest of engine"] = time.process_time() - t - sum(spent.values())
            runs.append(dict(spent))
    finally:
        for name, fn in saved.items():
            setattr(compiler, name, fn)
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def _libreoffice_once(lo, path) -> None:
    """One headless LibreOffice load + recalculation + save; its output is removed."""
    shutil.rmtree(os.path.dirname(lo.recalculate(path)), ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("books", nargs="+", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--libreoffice", action="store_true", help="also time LibreOffice")
    ap.add_argument("--cpu", action="store_true",
                    help="process CPU time instead of wall-clock time (LibreOffice: wall)")
    ap.add_argument("--phases", action="store_true",
                    help="also where Book.open spends its CPU time, per workbook")
    args = ap.parse_args()
    timer = median_cpu if args.cpu else median_time
    from sheetsolver.book import Book
    from sheetsolver.package.reader import load_workbook
    try:
        import ironcalc
    except ImportError:
        ironcalc = None
        print("ironcalc not installed (pip install ironcalc): no IronCalc column")
    lo = None
    if args.libreoffice:
        from sheetsolver.apps import libreoffice as lo
        if lo.find_soffice() is None:
            print(lo.NOT_INSTALLED)
            lo = None
    print(f"median of {args.repeat} (LibreOffice: 1 run); {'CPU' if args.cpu else 'wall'} "
          f"times in seconds; ratio = open+compile / IronCalc (target <= {TARGET})")
    print(f"{'workbook':40} {'zipped':>9} {'unzipped':>10} {'formulas':>9} {'shared':>7} "
          f"{'read':>6} {'open+compile':>12} {'IronCalc':>9} {'ratio':>6} {'LibreOffice':>11}")
    for path in args.books:
        with zipfile.ZipFile(path) as z:
            unzipped = sum(i.file_size for i in z.infolist())
        wb = load_workbook(path)
        cells = [c for sh in wb.sheets for c in sh.cells.values() if c.has_tree]
        shared = sum(1 for c in cells if c.shared)
        read = timer(lambda: load_workbook(path), args.repeat)
        opened = timer(lambda: Book.open(path), args.repeat)
        ic = timer(lambda: ironcalc.load_from_xlsx(str(path), 'en', 'UTC'), args.repeat) \
            if ironcalc else None
        iron = f"{ic:9.3f} {opened / ic:6.1f}" if ic else f"{'-':>9} {'-':>6}"
        office = f"{median_time(lambda: _libreoffice_once(lo, path), 1):11.2f}" if lo else f"{'-':>11}"
        label = str(path) if len(str(path)) <= 40 else "..." + str(path)[-37:]
        print(f"{label:40} {path.stat().st_size:9,} {unzipped:10,} {len(cells):9,} {shared:7,} "
              f"{read:6.3f} {opened:12.3f} {iron} {office}")
    if args.phases:
        print("\nwhere Book.open spends its CPU time (seconds, median of "
              f"{args.repeat}): read = the package; then the compiler's steps")
        for path in args.books:
            print(f"  {path.name}: " + ", ".join(f"{k} {v:.3f}" for k, v in
                                                  phases(path, args.repeat).items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
