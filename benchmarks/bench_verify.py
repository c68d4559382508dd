"""Cost of one LibreOffice verification beside sheetsolver's own recalculation.

    python benchmarks/bench_verify.py [BOOK ...]   (default: the three course workbooks)

Per workbook, measured side by side in one run: sheetsolver load+compile and
recalculation, LibreOffice's headless recalculation (process start-up included, fresh
profile each time), and the whole ``verify`` (both plus comparison and explanation).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from sheetsolver.apps import libreoffice as lo
from sheetsolver.book import Book
from sheetsolver.verify import verify

BOOKS = Path(__file__).resolve().parents[1].parent / "shared/workbooks/fastai"


def _best(fn, n):
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv) -> int:
    if lo.find_soffice() is None:
        print(lo.NOT_INSTALLED)
        return 2
    paths = [Path(a) for a in argv] or sorted(BOOKS.glob("*.xls[xm]"))
    print(f"{lo.version()}; best of 3 (LibreOffice, verify: best of 2)")
    print(f"{'workbook':<26} {'ss load':>8} {'ss recalc':>10} {'LO recalc':>10} {'verify':>8} "
          f"{'LO/ss total':>11} {'LO/ss recalc':>12}")
    for p in paths:
        load = _best(lambda: Book.open(p), 3)
        book = Book.open(p)
        rec = _best(book.recalc, 3)
        lo_t = _best(lambda: lo.recalculated_values(p), 2)
        ver = _best(lambda: verify(p, "libreoffice"), 2)
        print(f"{p.name:<26} {load:>7.2f}s {rec * 1000:>8.1f}ms {lo_t:>9.2f}s {ver:>7.2f}s "
              f"{lo_t / (load + rec):>10.1f}x {lo_t / rec:>11.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
