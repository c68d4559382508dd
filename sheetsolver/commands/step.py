"""``sheetsolver step BOOK --sheet TAB --macro NAME [--repeat N]``: run a tab's VBA macro."""
from __future__ import annotations

import sys

from ..book import Book
from ..errors import SheetsolverError
from ..stepping import MACROS, EngineHost, load_project, run_macro, tabs_with_macro


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
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--sheet", help="tab to run the macro on (its own code module first)")
    where.add_argument("--all", action="store_true",
                       help="every tab whose own code module defines the macro, in tab order")
    p.add_argument("--macro", default="onestep",
                   help=f"macro name ({', '.join(MACROS)} on graddesc; default onestep)")
    p.add_argument("--repeat", type=int, default=1, help="how many times to run it (default 1)")
    p.add_argument("-o", "--output", help="output path (default: BOOK.stepped.EXT)")
    p.add_argument("--in-place", action="store_true", help="overwrite the input workbook")
    p.set_defaults(func=run)


def _progress(total: int):
    """tqdm bar on stderr for long runs; off when stderr is not a terminal."""
    from tqdm import tqdm
    return tqdm(total=total, unit="run", file=sys.stderr, leave=False,
                disable=total < 20 or not sys.stderr.isatty())


def run(args) -> int:
    if args.repeat < 0:
        raise SheetsolverError(f"--repeat must be >= 0, not {args.repeat}")
    book = Book.open(args.book)
    project = load_project(book)
    if not project.macros:
        raise SheetsolverError("workbook has no VBA macros", file=args.book)
    if args.all:
        tabs = tabs_with_macro(project, args.macro)
        if not tabs:
            raise SheetsolverError(f"no tab has its own macro {args.macro!r}", file=args.book)
    else:
        tabs = [book.wb.sheet(args.sheet).name]
    for tab in tabs:   # refuse before anything runs or is written
        info = project.find(args.macro, tab)
        project.check(info.name, info.module)
    book.recalc()
    host = EngineHost(book)   # Excel opens workbooks in automatic calculation mode
    with _progress(args.repeat * len(tabs)) as bar:
        tables = [run_macro(host, project, tab, args.macro, args.repeat, progress=bar)
                  for tab in tabs]
    for table in tables:
        print(f"{table.attrs['sheet']}: {table.attrs['macro']} x {args.repeat} "
              f"(error: {table.attrs['error_source']})")
        print(table.to_string(float_format=lambda v: f"{v:.10g}"))
        print()
    out, changed = host.save(args.output, in_place=args.in_place, suffix=".stepped")
    print(f"calculation mode at the end: {host.get_calculation()}; "
          f"{len(changed):,} stored values updated")
    print(f"written: {out}")
    return 0
