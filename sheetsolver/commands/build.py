"""``sheetsolver build collab|graddesc ... -o OUT``: generate the project's course workbooks.

Builds the workbook layout (:mod:`sheetsolver.build`), computes the cached value
of every formula with sheetsolver's own engine, and writes the package. Nothing
is written when the input is bad (the error names the file and line).
"""
from __future__ import annotations

from pathlib import Path

from ..errors import SheetsolverError
from ..progress import activity


def register(sub):
    p = sub.add_parser(
        "build", help="generate collab_filter.xlsx / graddesc.xlsm from data",
        description="Generate a course workbook with live formulas, their cached values "
                    "(computed by sheetsolver's engine) and, for collab, one Solver model per tab.",
        epilog="examples:\n"
               "  sheetsolver build collab --ratings ml-100k/u.data -o workbooks/collab_filter.xlsx\n"
               "  sheetsolver build graddesc -o workbooks/graddesc.xlsm",
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    c = kinds.add_parser(
        "collab", help="collaborative filtering tabs from a MovieLens ratings file",
        description="Crosstab of the most active users x most rated movies (as the lesson), tabs "
                    "dotprod, bias, bias_sigmoid, movielens_1hot, movielens_emb, each with its "
                    "Solver model (GRG Nonlinear, minimise mean squared error + weight decay).",
        epilog="example: sheetsolver build collab --ratings ml-100k/u.data -o collab_filter.xlsx")
    c.add_argument("--ratings", required=True,
                   help="MovieLens u.data (tab-separated) or ratings.csv (userId,movieId,rating,...)")
    c.add_argument("--users", type=int, default=15, help="most active users to keep (default 15)")
    c.add_argument("--movies", type=int, default=15, help="most rated movies to keep (default 15)")
    c.add_argument("--factors", type=int, default=None,
                   help="latent factors (default 5; 40 with --all)")
    c.add_argument("--all", action="store_true",
                   help="every rating in one long-layout tab (sheetsolver.build.movielens)")
    c.add_argument("--test", help="with --all: held-out ratings for the test tab (test_rmse)")
    c.add_argument("--wd", type=float, default=None,
                   help="with --all: weight decay in the objective (default 2e-4)")
    c.add_argument("--seed", type=int, default=0, help="seed of the random initial factors")
    c.add_argument("-o", "--output", required=True, help="output .xlsx")
    c.set_defaults(func=run)
    g = kinds.add_parser(
        "graddesc", help="gradient-descent optimiser tabs, every pass as live formulas",
        description="data tab (x random 1..100, y = 30+2x) and tabs basic, momentum, rmsprop, "
                    "adam, adam_ann, adamw, sgdr (one block of rows per pass) plus a summary chart.",
        epilog="example: sheetsolver build graddesc --passes 20 -o graddesc.xlsm")
    g.add_argument("--points", type=int, default=29, help="data rows (default 29)")
    g.add_argument("--passes", type=int, default=20, help="passes over the data (default 20)")
    g.add_argument("--seed", type=int, default=0, help="seed of the random x values")
    g.add_argument("-o", "--output", required=True, help="output .xlsm")
    g.set_defaults(func=run)


def _check_output(out: str, suffixes: tuple[str, ...]) -> Path:
    """The output's name and folder are checked before any work starts."""
    from ..package.output import output_path
    path = Path(out)
    if path.suffix.lower() not in suffixes:
        raise SheetsolverError(f"output must end with {' or '.join(suffixes)}", file=out)
    output_path(None, out)
    return path


def run(args) -> int:
    from ..build.compute import write_with_values
    if args.kind == "collab":
        from ..build.collab import collab_workbook
        from ..build.ratings import top_crosstab
        out = _check_output(args.output, (".xlsx",))
        if args.all or args.test or args.wd is not None:
            from ..build.movielens import build_all
            return build_all(args, out)
        args.factors = 5 if args.factors is None else args.factors
        if args.factors < 1:
            raise SheetsolverError(f"--factors must be at least 1 (got {args.factors})")
        ct = top_crosstab(args.ratings, args.users, args.movies)
        spec, models = collab_workbook(ct, args.factors, args.seed)
        with activity(f"building {out.name}: computing every formula"):
            values = write_with_values(spec, out)
        n = sum(len(v) for v in values.values())
        print(f"{out}: {len(ct.users)} users x {len(ct.movies)} movies "
              f"({len(ct.observed())} ratings of {ct.n_ratings_total:,} in {args.ratings}), "
              f"{args.factors} factors, {n:,} formula cells")
        for m in models:
            print(f"  {m.sheet}: objective {values[m.sheet][m.objective]:.4f} at the random start "
                  f"(Solver model: minimise {m.sheet}!{_a1(m.objective)})")
        return 0
    from ..build.graddesc import graddesc_workbook
    out = _check_output(args.output, (".xlsm",))
    if args.points < 2 or args.passes < 1:
        raise SheetsolverError(f"need --points >= 2 and --passes >= 1 (got {args.points}, {args.passes})")
    spec, layouts = graddesc_workbook(args.points, args.passes, args.seed)
    with activity(f"building {out.name}: computing every formula"):
        values = write_with_values(spec, out)
    n = sum(len(v) for v in values.values())
    print(f"{out}: {args.points} points x {args.passes} passes, {len(layouts)} optimiser tabs, "
          f"{n:,} formula cells")
    for lay in layouts:
        first = values[lay.name][(lay.table_row(0), _idx(lay.error_col))]
        last = values[lay.name][(lay.table_row(lay.passes - 1), _idx(lay.error_col))]
        print(f"  {lay.name}: error {first:.4g} -> {last:.4g}")
    return 0


def _a1(rc) -> str:
    from ..formula.refs import cell_name
    return cell_name(*rc)


def _idx(letter: str) -> int:
    from ..formula.refs import col_to_index
    return col_to_index(letter)
