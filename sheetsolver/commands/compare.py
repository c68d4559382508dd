"""``sheetsolver compare BOOK [--passes N] [--plot out.png]``: engine + VBA vs the NumPy reference."""
from __future__ import annotations

import argparse
import sys

from ..book import Book
from ..errors import SheetsolverError
from ..stepping import EngineHost, compare_tab, load_project, optimiser_tabs


def register(sub):
    p = sub.add_parser(
        "compare", help="step each optimiser tab with onestep and check it against the NumPy "
                        "reference",
        description="For each optimiser tab of graddesc.xlsm, run N passes of its onestep macro "
                    "on the engine (safe VBA interpreter) and in sheetsolver.reference from the "
                    "same starting state, and print per column the max absolute and relative "
                    "difference over all rows and passes. Exit 1 when any tab differs beyond "
                    "1e-9 relative. The workbook is not written.",
        epilog="examples:\n  sheetsolver compare graddesc.xlsm --passes 50\n"
               "  sheetsolver compare graddesc.xlsm --passes 5 --from-reset --plot errors.png",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("book", help="graddesc-style .xlsm workbook")
    p.add_argument("--passes", type=int, default=5, help="passes of onestep (default 5)")
    p.add_argument("--from-reset", action="store_true",
                   help="run each tab's reset macro first (a = b = 1) instead of starting from "
                        "the state saved in the file")
    p.add_argument("--sheet", action="append", help="only this tab (repeatable)")
    p.add_argument("--plot", metavar="PNG", help="draw the error per pass of each optimiser")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.passes < 0:
        raise SheetsolverError(f"--passes must be >= 0, not {args.passes}")
    book = Book.open(args.book)
    project = load_project(book)
    tabs = optimiser_tabs(book, project)
    if args.sheet:
        wanted = [book.wb.sheet(s).name for s in args.sheet]
        missing = [s for s in wanted if s not in tabs]
        if missing:
            raise SheetsolverError(f"no optimiser tab with a onestep macro: {missing} "
                                   f"(have {tabs})", file=args.book)
        tabs = wanted
    if not tabs:
        raise SheetsolverError("no optimiser tabs (basic, momentum, rmsprop, adam, adam_ann) "
                               "with an onestep macro", file=args.book)
    book.recalc()
    host = EngineHost(book)
    from tqdm import tqdm
    results = []
    with tqdm(total=args.passes * len(tabs), unit="pass", file=sys.stderr, leave=False,
              disable=args.passes * len(tabs) < 50 or not sys.stderr.isatty()) as bar:
        for tab in tabs:
            results.append(compare_tab(host, project, tab, args.passes,
                                       from_reset=args.from_reset, progress=bar))
    start = "reset (a = b = 1)" if args.from_reset else "the file's state"
    for res in results:
        verdict = "OK" if res.ok else "DIFFERS"
        print(f"{res.tab}: {res.passes} passes of onestep from {start}: {verdict} "
              f"(1e-9 relative)")
        for problem in res.problems:
            print(f"  problem: {problem}")
        print(res.table.to_string(index=False, float_format=lambda v: f"{v:.3g}"))
        print(f"  error: pass 0 {res.engine_errors[0]:.10g} -> pass {res.passes} "
              f"{res.engine_errors[-1]:.10g}")
        print()
    if args.plot:
        from ..reference.plot import plot_error_curves
        curves = {r.tab: r.engine_errors for r in results}
        path = plot_error_curves(curves, args.plot, title=(
            f"graddesc: error per pass, {args.passes} passes of onestep from {start} "
            "(engine + VBA)"))
        print(f"plot written: {path} (point k = error of the sheet after k-1 onesteps)")
    bad = [r.tab for r in results if not r.ok]
    if bad:
        print(f"differ beyond 1e-9 relative: {', '.join(bad)}")
        return 1
    return 0
