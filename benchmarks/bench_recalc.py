"""Full recalculation of each real workbook: sheetsolver vs IronCalc, side by side.

    python benchmarks/bench_recalc.py [--repeat 50]

Times only the recalculation (load excluded), median of repeated in-process runs,
for sheetsolver and, when the ``ironcalc`` package is installed, IronCalc's
``evaluate()`` on the same file in the same run, and prints both with their ratio.
Targets: at most 1/3 of IronCalc's time on the collab files, at most 2x on graddesc.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FASTAI = ROOT.parent / "shared" / "workbooks" / "fastai"
BOOKS = {"collab_filter-2019.xlsx": 1 / 3, "collab_filter-2022.xlsx": 1 / 3,
         "graddesc-2019.xlsm": 2.0}


def median_time(fn, repeat: int) -> float:
    fn()  # warm up
    ts = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args()
    from sheetsolver.book import Book
    try:
        import ironcalc
    except ImportError:
        ironcalc = None
        print("ironcalc not installed (pip install ironcalc): sheetsolver times only")
    if not FASTAI.exists():
        print(f"{FASTAI} is absent: nothing to measure")
        return 0
    print(f"{'workbook':26} {'sheetsolver':>12} {'IronCalc':>10} {'ratio':>7} {'target':>7}")
    ok = True
    for name, target in BOOKS.items():
        path = FASTAI / name
        book = Book.open(path)
        ours = median_time(book.recalc, args.repeat)
        line = f"{name:26} {ours * 1000:10.2f}ms"
        if ironcalc is not None:
            model = ironcalc.load_from_xlsx(str(path), "en", "UTC")
            theirs = median_time(model.evaluate, args.repeat)
            ratio = ours / theirs
            ok &= ratio <= target
            line += f" {theirs * 1000:8.2f}ms {ratio:7.2f} {'<=' + format(target, '.2f'):>7}"
        print(line)
    if ironcalc is not None:
        print("all targets met" if ok else "some targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
