"""``sheetsolver solve BOOK``: run each sheet's own Solver model (Data > Solver > Solve)
with scipy and exact gradients, and write the solved workbook."""
from __future__ import annotations

import os
import sys

from ..errors import SheetsolverError
from ..formula.refs import cell_name, parse_area

# = sheetsolver.solver.INITS, repeated so that parsing arguments does not import the
# engine and scipy (tests/test_startup.py checks that the two agree)
INITS = ("saved", "uniform", "zeros")

EPILOG = """examples:
  sheetsolver solve collab_filter.xlsx                      # every sheet with a usable model
  sheetsolver solve collab_filter.xlsx --sheet dotprod --init uniform --seed 0 --report
  sheetsolver solve collab_filter.xlsx --sheet movielens_emb --objective Y210   # repair #REF!
  sheetsolver solve plan.xlsx --method highs -o plan.solved.xlsx

methods: L-BFGS-B, SLSQP, trust-constr (GRG Nonlinear), highs (Simplex LP),
evolutionary (differential_evolution). Default: the model's own engine (see docs/solver.md)."""


def register(sub):
    p = sub.add_parser(
        "solve", help="run the workbook's own Solver models with scipy",
        description="Read each sheet's Solver model (the hidden solver_* names), solve it "
                    "with scipy using exact reverse-mode gradients through the formulas, "
                    "print Solver's outcome and write BOOK.solved.EXT (never the input "
                    "unless --in-place) with every dependent cell recomputed.",
        epilog=EPILOG, formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("book", help=".xlsx/.xlsm workbook")
    p.add_argument("--sheet", action="append",
                   help="solve this sheet's model (repeatable; default: every sheet with one)")
    p.add_argument("--objective", metavar="CELL",
                   help="objective cell, overriding solver_opt (e.g. Y210 or sheet!Y210)")
    p.add_argument("--variables", metavar="RANGES",
                   help="variable cells, overriding solver_adj (e.g. 'C4:G18,C22:G36')")
    p.add_argument("--method", help="scipy method (default: from the model's engine)")
    p.add_argument("--init", choices=INITS, default="saved",
                   help="start from the saved values (default), uniform [0,1) or zeros")
    p.add_argument("--seed", type=int, default=None, help="seed for --init uniform/multistart")
    p.add_argument("--max-iter", type=int, default=None, help="iteration limit")
    p.add_argument("--time-limit", type=float, default=None, help="seconds per model")
    p.add_argument("--report", action="store_true",
                   help='add "Answer Report N" (and, where they apply, "Sensitivity Report N" '
                        'and "Limits Report N") sheets per model to the output')
    p.add_argument("-o", "--output", help="output path (default: BOOK.solved.EXT)")
    p.add_argument("--in-place", action="store_true", help="overwrite the input workbook")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--verbose", action="store_true",
                   help="also print the scipy method, its own termination text and counts")
    p.set_defaults(func=run)


def _sheets(args, wb) -> list[str]:
    from ..solver import model_sheets
    if args.sheet:
        return [wb.sheet(s).name for s in args.sheet]
    for flag, text in (("--objective", args.objective), ("--variables", args.variables)):
        if text and "!" in text:
            try:
                area = parse_area(text.split(",")[0])
            except ValueError:
                raise SheetsolverError(f"{flag} {text!r} is not a cell reference "
                                       "(write e.g. Sheet1!B7, 'My sheet'!B2:D4)",
                                       file=wb.path) from None
            return [wb.sheet(area.sheet).name]
    found = model_sheets(wb)
    if (args.objective or args.variables) and len(found) > 1:
        raise SheetsolverError("--objective/--variables apply to one model: name it with "
                               "--sheet (models on: " + ", ".join(found) + ")", file=wb.path)
    return found


def run(args) -> int:
    from ..book import Book             # imported here: --help must not load the engine or scipy
    from ..solver import SolveInterrupted, constants, read_model, solve
    from ..solver.report import add_reports
    from ..package.writer import resolve_output
    # the output location is checked before any work (one line, exit 2)
    resolve_output(args.book, args.output, ".solved", args.in_place)
    book = Book.open(args.book)
    sheets = _sheets(args, book.wb)
    if not sheets:
        raise SheetsolverError("no sheet carries a Solver model (no solver_* names); "
                               "use --sheet with --objective and --variables", file=args.book)
    results, skipped, failed_hard = [], [], []
    for k, sheet in enumerate(sheets):
        model = read_model(book.wb, sheet, args.objective, args.variables)
        if model.problems:
            if len(sheets) == 1:        # one model: its problem is the one-line error
                raise SheetsolverError("; ".join(model.problems), file=args.book, sheet=sheet)
            skipped.append(sheet)
            print(f"{sheet}: model not usable: " + "; ".join(model.problems))
            continue
        try:
            res = solve(book, sheet, method=args.method, init=args.init, seed=args.seed,
                        objective=args.objective, variables=args.variables,
                        max_iter=args.max_iter, time_limit=args.time_limit,
                        progress=not args.quiet, limits=True if args.report else None)
        except KeyboardInterrupt as e:
            # Ctrl-C: one line per model, no output file, exit 130 (no traceback)
            for r in results:
                print(f"{r.sheet}: solved before the interrupt ({r.message}); not written")
            print(e.args[0] if isinstance(e, SolveInterrupted) else f"{sheet}: interrupted")
            for later in sheets[k + 1:]:
                print(f"{later}: not started")
            print("sheetsolver solve: interrupted; no output written", file=sys.stderr)
            return 130
        except SheetsolverError as e:
            if len(sheets) == 1:
                raise
            skipped.append(sheet)
            print(f"{sheet}: model not usable: {e}")
            continue
        except Exception as e:      # a fault in one model must not lose the others
            if len(sheets) == 1:
                raise
            skipped.append(sheet)
            failed_hard.append(sheet)
            print(f"{sheet}: solve failed ({type(e).__name__}: {e}); the other models go on")
            continue
        print(res.summary(verbose=getattr(args, "verbose", False)))
        results.append(res)
    if not results:
        raise SheetsolverError("no usable Solver model to solve (" + ", ".join(skipped) + ")",
                               file=args.book)
    extra, replace, names = add_reports(book, results) if args.report else ([], {}, [])
    fcells = [c for r in results for c in r.get("formula_cells", [])]
    if fcells:       # formula variable cells are saved as constants, as Excel leaves them
        replace, kept = constants.replace_parts(book, fcells, replace)
        constants.mark_constants(book, [c for c in fcells
                                        if f"{c[0]}!{cell_name(c[1], c[2])}" not in kept])
        if kept:
            print(f"note: {len(kept)} variable cell(s) keep their shared formula "
                  f"({kept[0]}...): other cells of the group depend on it")
    _, ext = os.path.splitext(args.book)
    out = args.output
    path, changed = book.save(out, in_place=args.in_place, suffix=".solved",
                              extra_parts=extra, replace_parts=replace)
    print(f"written: {path} ({len(changed):,} cells changed"
          + (f"; added {', '.join(names)}" if names else "") + ")")
    failed = [r for r in results if not r.success]
    return 1 if failed or failed_hard or (args.sheet and skipped) else 0
