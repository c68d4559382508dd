"""``sheetsolver recalc BOOK [-o OUT]``: recompute every formula and write the result."""
from __future__ import annotations

import time


def register(sub):
    p = sub.add_parser("recalc", help="recompute every formula as Excel would and save",
                       description="Recompute every formula from the constants, report how many "
                                   "cells differ from Excel's cached values, write OUT "
                                   "(default BOOK.recalc.xlsx; never the input unless --in-place).")
    p.add_argument("book", help=".xlsx/.xlsm workbook")
    p.add_argument("-o", "--output", help="output path (default: BOOK.recalc.EXT)")
    p.add_argument("--in-place", action="store_true", help="overwrite the input workbook")
    p.add_argument("--refresh-volatile", action="store_true",
                   help="recompute RAND/RANDBETWEEN too (default: keep their cached values)")
    p.add_argument("--seed", type=int, default=None, help="seed for --refresh-volatile")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..book import Book             # imported here: --help must not load the engine
    from ..values import same_value
    from .inspect import print_uncomputable
    from ..package.output import output_path, written_note
    target = output_path(args.book, args.output, ".recalc", args.in_place)
    note = written_note(target)
    t0 = time.perf_counter()
    book = Book.open(args.book, refresh_volatile=args.refresh_volatile, seed=args.seed)
    cells = {sh.name: sh.cells for sh in book.wb.sheets}
    cached = {(s, r, c): cells[s][(r, c)].value
              for s, r, c in book.engine.formula_cells() if (r, c) in cells[s]}
    t1 = time.perf_counter()
    book.recalc()
    t2 = time.perf_counter()
    differ = sum(1 for (s, r, c), v in cached.items()
                 if not same_value(v, book.engine.cell(s, r, c)))
    out, changed = book.save(target, in_place=args.in_place, suffix=".recalc")
    print(f"{args.book}: {len(cached):,} formula cells recomputed in {(t2 - t1) * 1000:.1f} ms "
          f"(load and compile {(t1 - t0) * 1000:.0f} ms)")
    print(f"  {differ:,} differ from the cached values by more than 1e-9 relative; "
          f"{len(changed):,} stored values updated")
    print_uncomputable(book.engine)
    print(f"  written: {out}{note}")
    return 0
