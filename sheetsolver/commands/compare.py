"""``sheetsolver compare BOOK [--passes N] [--plot out.png]``: engine + VBA vs the NumPy reference."""
from __future__ import annotations

import argparse
import sys

from ..errors import SheetsolverError
from ..formula.refs import col_to_index


def register(sub):
    p = sub.add_parser(
        "compare", help="step each optimiser tab with onestep and check it against the NumPy "
                        "reference",
        description="For each optimiser tab of a graddesc-style workbook (recognised by its row "
                    "formulas and its onestep macro, whatever its name), run N passes of onestep "
                    "on the engine (safe VBA interpreter) and in sheetsolver.reference from the "
                    "same starting state, and print per column the max absolute and relative "
                    "difference over all rows and passes. A workbook laid out with every pass "
                    "as live formulas (sheetsolver build graddesc) is checked pass by pass "
                    "without macros. Tabs with onestep but no matching reference are listed. "
                    "Exit 1 when any tab differs beyond 1e-9 relative. The workbook is not "
                    "written.",
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


def _print_table(df) -> None:
    print(df.to_string(index=False, float_format=lambda v: f"{v:.3g}"))


def _run_built(args, book, built) -> int:
    """Every pass of every built tab (live formulas, no macros) against the reference."""
    from ..stepping import EngineHost
    from ..stepping.built import compare_built, compare_summary
    book.recalc()
    host = EngineHost(book)
    bad, curves, wants = [], {}, {}
    for t in built:
        table, problems, wants[t.sheet] = compare_built(host, t)
        ok = not problems and int(table["beyond_1e-9"].sum()) == 0
        print(f"{t.sheet}: {t.kind} layout, {t.passes} passes of {t.points} rows as live "
              f"formulas: {'OK' if ok else 'DIFFERS'} (1e-9 relative)")
        for problem in problems:
            print(f"  problem: {problem}")
        _print_table(table)
        print()
        if not ok:
            bad.append(t.sheet)
        col = t.columns["error"]
        curves[t.sheet] = [host.get(t.sheet, 7 + p, col_to_index(col)) for p in range(t.passes)]
    summ = compare_summary(host, book, built, wants) if not args.sheet else None
    if summ is not None:
        ok = summ.bad == 0 and summ.cells
        print(f"summary: {len(summ.cells)} per-pass errors of the tabs above: "
              f"{'OK' if ok else 'DIFFERS'} (max rel diff {summ.max_rel:.3g})")
        if not ok:
            bad.append("summary")
    if args.plot:
        from ..reference.plot import plot_error_curves
        path = plot_error_curves(curves, args.plot, title="graddesc (built): error per pass",
                                 first_pass=1, xlabel="pass (as numbered on the sheet)")
        print(f"plot written: {path}")
    if bad:
        print(f"differ beyond 1e-9 relative: {', '.join(bad)}")
        return 1
    return 0


def run(args) -> int:
    from ..book import Book             # imported here: --help must not load the engine
    from ..stepping import BrokenName, EngineHost, check_macro, compare_tab, load_project
    from ..stepping.built import recognise_built
    from ..stepping.recognise import classify_tabs
    if args.passes < 0:
        raise SheetsolverError(f"--passes must be >= 0, not {args.passes}")
    from ..stepping.collab_compare import compare_collab, is_collab_book
    if is_collab_book(args.book):       # collab tabs: cells and fit vs reference.collab
        return compare_collab(args.book, args.sheet)[1]
    book = Book.open(args.book)
    project = load_project(book)
    classified = classify_tabs(book, project)
    tabs = [(tab, kind) for tab, kind, _ in classified if kind is not None]
    unknown = [(tab, note) for tab, kind, note in classified if kind is None]
    if args.sheet:
        wanted = [book.wb.sheet(s).name for s in args.sheet]
        known = dict(tabs)
        missing = [s for s in wanted if s not in known]
        built = [t for t in (recognise_built(book, s) for s in wanted) if t is not None]
        if built and len(built) == len(wanted):
            return _run_built(args, book, built)
        if missing:
            raise SheetsolverError(f"no optimiser tab with a onestep macro and a known layout: "
                                   f"{missing} (have {[t for t, _ in tabs]})", file=args.book)
        tabs = [(s, known[s]) for s in wanted]
        unknown = []
    if not tabs:
        built = [t for t in (recognise_built(book, s.name) for s in book.wb.sheets)
                 if t is not None]
        if built:
            return _run_built(args, book, built)
        listed = "; ".join(f"{tab}: {note}" for tab, note in unknown)
        raise SheetsolverError("no optimiser tabs: no tab has a onestep macro with a known "
                               "layout, and none lays its passes out as live formulas"
                               + (f" ({listed})" if listed else ""), file=args.book)
    for tab, note in unknown:
        print(f"{tab}: no reference ({note}); skipped")
    if unknown:
        print()
    book.recalc()
    host = EngineHost(book)
    checked = []
    for tab, kind in tabs:          # names pointing at #REF!: list the tab, run the others
        try:
            for macro in ("reset", "onestep") if args.from_reset else ("onestep",):
                check_macro(host, project, tab, macro)
        except BrokenName as exc:
            print(f"{tab}: refused, {exc.message}")
            continue
        checked.append((tab, kind))
    if len(checked) < len(tabs):
        print()
    tabs = checked
    from tqdm import tqdm
    results = []
    with tqdm(total=args.passes * len(tabs), unit="pass", file=sys.stderr, leave=False,
              disable=args.passes * len(tabs) < 50 or not sys.stderr.isatty()) as bar:
        for tab, kind in tabs:
            results.append(compare_tab(host, project, tab, args.passes, kind=kind,
                                       from_reset=args.from_reset, progress=bar))
    start = "reset (a = b = 1)" if args.from_reset else "the file's state"
    for res in results:
        verdict = "OK" if res.ok else "DIFFERS"
        label = "" if res.kind == res.tab else f" [{res.kind} layout]"
        print(f"{res.tab}{label}: {res.passes} passes of onestep from {start}: {verdict} "
              f"(1e-9 relative)")
        for problem in res.problems:
            print(f"  problem: {problem}")
        _print_table(res.table)
        print(f"  error: pass 0 {res.engine_errors[0]:.10g} -> pass {res.passes} "
              f"{res.engine_errors[-1]:.10g}")
        print()
    if args.plot:
        from ..reference.plot import plot_error_curves
        curves = {r.tab: r.engine_errors for r in results}
        path = plot_error_curves(curves, args.plot, first_pass=0, title=(
            f"graddesc: error per pass, {args.passes} passes of onestep from {start} "
            "(engine + VBA)"), xlabel="pass (0 = starting state, as in the table)")
        print(f"plot written: {path} (point k = error after k onesteps, as in the table)")
    bad = [r.tab for r in results if not r.ok]
    if bad:
        print(f"differ beyond 1e-9 relative: {', '.join(bad)}")
        return 1
    return 0
