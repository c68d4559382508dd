"""``sheetsolver step BOOK --sheet TAB --macro NAME [--repeat N]``: run a tab's VBA macro."""
from __future__ import annotations

import sys

from ..errors import SheetsolverError

# = sheetsolver.stepping.MACROS, repeated so that parsing arguments does not import the
# engine and pandas (tests/test_startup.py checks that the two agree)
MACROS = ("onestep", "somesteps", "reset")


def register(sub):
    p = sub.add_parser(
        "step", help="run a tab's VBA macro (onestep, somesteps, reset) N times and save",
        description="Run a workbook macro on the formula engine with the safe VBA interpreter, "
                    "as clicking its button in Excel would (automatic calculation at start, "
                    "manual/automatic switches honoured). Prints one row per run (pass 0 = "
                    "before): slope a, intercept b, the tab's error and lr. Writes OUT losslessly "
                    "(default BOOK.stepped.EXT; never the input unless --in-place).",
        epilog="examples:\n  sheetsolver step graddesc.xlsm --sheet adam --macro somesteps "
               "--repeat 3\n  sheetsolver step graddesc.xlsm --all --macro reset -o fresh.xlsm",
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("book", help=".xlsm workbook with VBA macros")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--sheet", help="tab to run the macro on (its own code module first); a "
                                       "sheet code name works too (basic for a tab 'basic SGD')")
    where.add_argument("--all", action="store_true",
                       help="every tab whose own code module defines the macro, in tab order; "
                            "lists tab, module and macros first; a tab whose macro uses a "
                            "#REF! name is refused (exit 2) and the others still run")
    p.add_argument("--module", help="VBA module to take the macro from (a sheet module alone "
                                    "also picks its tab)")
    p.add_argument("--macro", default="onestep",
                   help=f"macro name ({', '.join(MACROS)} on graddesc; default onestep)")
    p.add_argument("--repeat", type=int, default=1, help="how many times to run it (default 1)")
    p.add_argument("--max-steps", type=int, default=1_000_000,
                   help="budget of VBA statements and loop iterations per macro run; a run "
                        "that exceeds it stops naming the macro and line (default 1000000)")
    p.add_argument("-o", "--output", help="output path (default: BOOK.stepped.EXT)")
    p.add_argument("--in-place", action="store_true", help="overwrite the input workbook")
    p.set_defaults(func=run)


def _progress(total: int):
    """tqdm bar on stderr for long runs; off when stderr is not a terminal."""
    from tqdm import tqdm
    return tqdm(total=total, unit="run", file=sys.stderr, leave=False,
                disable=total < 20 or not sys.stderr.isatty())


def _tabs(args, book, project) -> list[str]:
    """Tabs to run on, from --all / --sheet / --module."""
    from ..stepping import resolve_tab, tabs_with_macro
    if args.all:
        tabs = tabs_with_macro(project, args.macro)
        if args.module:
            tabs = [t for t in tabs if project.codenames[t].lower() == args.module.lower()]
        if not tabs:
            listing = "; ".join(f"{tab} ({code}): {', '.join(project.macros_for(tab)) or '-'}"
                                for tab, code in project.codenames.items() if code)
            raise SheetsolverError(f"no tab has its own macro {args.macro!r} (tabs and their "
                                   f"macros: {listing})", file=args.book)
        return tabs
    if args.sheet:
        return [resolve_tab(book, project, args.sheet)]
    if args.module:
        tab = project.module_sheet(args.module)     # "no VBA module ..." if unknown
        if tab is None:
            raise SheetsolverError(f"module {args.module!r} is not a sheet's code module: give "
                                   "--sheet for the tab its macro should act on",
                                   file=args.book)
        return [tab]
    raise SheetsolverError("give --sheet TAB, --module NAME or --all", file=args.book)


def run(args) -> int:
    if args.repeat < 0:
        raise SheetsolverError(f"--repeat must be >= 0, not {args.repeat}")
    if args.max_steps < 1:
        raise SheetsolverError(f"--max-steps must be >= 1, not {args.max_steps}")
    from ..book import Book             # imported here: --help must not load the engine
    from ..package.output import output_path, written_note
    from ..reference import layout        # where graddesc tabs keep a, b, lr and the error
    from ..stepping import BrokenName, EngineHost, check_macro, load_project, run_macro
    target = output_path(args.book, args.output, ".stepped", args.in_place)
    note = written_note(target)
    book = Book.open(args.book)
    project = load_project(book)
    if not project.macros:
        raise SheetsolverError("workbook has no VBA macros", file=args.book)
    tabs = _tabs(args, book, project)
    if args.all:
        for tab in tabs:
            print(f"tab {tab!r}: module {project.codenames[tab]}; macros "
                  f"{', '.join(project.macros_for(tab))}")
        print()
    for tab in tabs:   # unknown or unsafe macros fail fast, before the recalculation
        info = project.target(args.macro, args.module, tab)
        project.check(info.name, info.module)
    book.recalc()
    host = EngineHost(book)   # Excel opens workbooks in automatic calculation mode
    runnable, refused = [], []
    for tab in tabs:   # refuse before anything runs or is written
        try:
            info = check_macro(host, project, tab, args.macro, args.module)
        except BrokenName as exc:
            if not args.all:
                raise
            refused.append(exc)
            print(f"sheetsolver step: error: {exc}", file=sys.stderr)
            continue
        runnable.append((tab, info))
    with _progress(args.repeat * len(runnable)) as bar:
        tables = [run_macro(host, project, tab, info.name, args.repeat, progress=bar,
                            module=info.module, max_steps=args.max_steps, layout=layout)
                  for tab, info in runnable]
    for table in tables:
        print(f"{table.attrs['sheet']}: {table.attrs['macro']} x {args.repeat} "
              f"(error: {table.attrs['error_source']})")
        print(table.to_string(float_format=lambda v: f"{v:.10g}"))
        print()
    out, changed = host.save(target, in_place=args.in_place, suffix=".stepped")
    print(f"calculation mode at the end: {host.get_calculation()}; "
          f"{len(changed):,} stored values updated")
    print(f"written: {out}{note}")
    if refused:
        print(f"refused (names pointing at #REF!): {', '.join(e.sheet for e in refused)}")
        return 2
    return 0
