"""File size and open time of workbooks, side by side: sheetsolver, IronCalc, LibreOffice.

    python benchmarks/bench_open.py BOOK [BOOK ...] [--repeat 3] [--libreoffice]

For ``build``'s shared formulas (issue #14): run it on the workbooks built before and
after, e.g. ``python benchmarks/bench_open.py old/graddesc.xlsm workbooks/graddesc.xlsm``.
Per file: zipped and unzipped size, formula cells and how many are stored as shared
formulas, then the median of ``--repeat`` runs of: sheetsolver reading the package
(``load_workbook``: XML + formula parsing), ``Book.open`` (read + compile), IronCalc's
``load_from_xlsx`` (when ``pip install ironcalc``), and with ``--libreoffice`` one
headless LibreOffice load + recalculation + save (process start-up included).
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
        cells = [c for sh in wb.sheets for c in sh.cells.values() if c.tree is not None]
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
