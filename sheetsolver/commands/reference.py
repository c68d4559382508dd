"""``sheetsolver reference train ...``: the NumPy reference trainer on a ratings file.

Trains one of the lesson's collaborative-filtering models (:mod:`sheetsolver.reference.trainer`)
on (user, movie, rating) triples with mini-batches, a progress bar, early stopping on a
holdout slice of the training file, and reports RMSE per epoch (and on ``--valid``).
Bad data files fail with the file and line (exit 2).
"""
from __future__ import annotations

import argparse
import math
import sys
import time

from ..errors import SheetsolverError


def register(sub):
    p = sub.add_parser(
        "reference", help="the NumPy reference: train the lesson's collab models on a ratings file",
        description="NumPy reference implementations outside any workbook.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    t = kinds.add_parser(
        "train", help="mini-batch training of a collab model (SGD, momentum, Adam, AdamW)",
        description="Train dot / bias / sigmoid (dot product + biases squashed into the rating "
                    "range) / nn (the lesson's net on concatenated embeddings) on (user, movie, "
                    "rating) triples; early stopping on a holdout slice of --ratings; prints "
                    "RMSE per epoch and the RMSE on --valid of the best epoch.",
        epilog="example:\n  sheetsolver reference train --ratings ml-100k/u1.base "
               "--valid ml-100k/u1.test --model sigmoid --opt adamw --epochs 5 --plot rmse.png",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    t.add_argument("--ratings", required=True, help="training ratings (u.data format or ratings.csv)")
    t.add_argument("--valid", help="ratings to report the final RMSE on (e.g. u1.test)")
    t.add_argument("--model", default="sigmoid", choices=("dot", "bias", "sigmoid", "nn"))
    t.add_argument("--factors", type=int, default=50, help="embedding size (default 50)")
    t.add_argument("--hidden", type=int, default=100, help="nn: hidden units (default 100)")
    t.add_argument("--opt", default="adamw", choices=("sgd", "momentum", "adam", "adamw"))
    t.add_argument("--lr", type=float, default=5e-3, help="peak learning rate (default 5e-3)")
    t.add_argument("--wd", type=float, default=0.15, help="weight decay (default 0.15)")
    t.add_argument("--epochs", type=int, default=6, help="epochs (default 6)")
    t.add_argument("--bs", type=int, default=64, help="batch size (default 64)")
    t.add_argument("--schedule", default="onecycle", choices=("onecycle", "sgdr", "constant"))
    t.add_argument("--cycle-len", type=int, default=1, help="sgdr: first cycle in epochs")
    t.add_argument("--cycle-mult", type=int, default=2, help="sgdr: cycle length multiplier")
    t.add_argument("--holdout", type=float, default=0.05,
                   help="fraction of --ratings held out for early stopping (default 0.05)")
    t.add_argument("--patience", type=int, default=None,
                   help="stop after this many epochs without a better holdout RMSE")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--plot", metavar="PNG", help="RMSE per epoch (train, holdout, valid)")
    t.set_defaults(func=run)


def _arrays(path):
    import numpy as np

    from ..build.ratings import read_ratings
    triples, _ = read_ratings(path)
    a = np.array(triples, dtype=float)
    u, m = a[:, 0].astype(np.int64), a[:, 1].astype(np.int64)
    if (u < 0).any() or (m < 0).any():
        raise SheetsolverError("user and movie ids must be >= 0 (they index the tables)", file=path)
    return u, m, a[:, 2]


def run(args) -> int:
    import numpy as np

    from ..reference.trainer import init_params, rmse, train
    if args.epochs < 1 or args.bs < 1 or args.factors < 1:
        raise SheetsolverError("--epochs, --bs and --factors must be at least 1")
    if not 0 <= args.holdout < 1:
        raise SheetsolverError(f"--holdout must be in [0, 1) (got {args.holdout})")
    if args.plot and not args.plot.lower().endswith(".png"):
        raise SheetsolverError("--plot must end with .png", file=args.plot)
    u, m, r = _arrays(args.ratings)
    valid = _arrays(args.valid) if args.valid else None
    nu = int(max(u.max(), valid[0].max() if valid else 0)) + 1
    nm = int(max(m.max(), valid[1].max() if valid else 0)) + 1
    lo, hi = 0.0, float(max(r.max(), valid[2].max() if valid else 0)) * 1.1
    rng = np.random.default_rng(args.seed)
    perm = rng.permutation(len(r))
    nh = int(round(len(r) * args.holdout))
    hold = (u[perm[:nh]], m[perm[:nh]], r[perm[:nh]]) if nh else None
    tr = (u[perm[nh:]], m[perm[nh:]], r[perm[nh:]])
    p = init_params(args.model, nu, nm, args.factors, args.hidden, args.seed)
    from tqdm import tqdm

    from ..solver.threads import single_threaded_blas
    steps = math.ceil(len(tr[2]) / args.bs) * args.epochs
    t0 = time.perf_counter()
    with tqdm(total=steps, unit="batch", file=sys.stderr, leave=False, mininterval=0.5,
              disable=not sys.stderr.isatty()) as bar, single_threaded_blas():
        state = {"n": 0}

        def tick(n, loss):
            state["n"] += n
            if state["n"] % 200 == 0:
                bar.update(200)
                bar.set_postfix_str(f"mse {loss:.4f}", refresh=False)
        hist = train(p, args.model, tr, hold, valid, opt=args.opt, lr=args.lr, wd=args.wd,
                     epochs=args.epochs, bs=args.bs, schedule=args.schedule,
                     cycle_len=args.cycle_len, cycle_mult=args.cycle_mult,
                     patience=args.patience, seed=args.seed, y_range=(lo, hi), progress=tick)
    wall = time.perf_counter() - t0
    import pandas as pd
    table = pd.DataFrame({"epoch": hist.epochs, "train_rmse": hist.train_rmse,
                          "holdout_rmse": hist.holdout_rmse, "valid_rmse": hist.valid_rmse,
                          "seconds": hist.seconds})
    print(f"{args.model} model, {args.factors} factors, {args.opt} lr {args.lr:g} wd {args.wd:g}, "
          f"{args.schedule}, bs {args.bs}: {len(tr[2]):,} training ratings, {nh:,} held out"
          + (f", {len(valid[2]):,} in {args.valid}" if valid else ""))
    print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
    best = rmse(p, args.model, *valid, (lo, hi)) if valid else math.nan
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"best holdout epoch {hist.best_epoch}"
          + (f": RMSE on {args.valid} {best:.4f}" if valid else "")
          + f"; wall time {wall:.1f} s, peak memory {peak:.0f} MB")
    if args.plot:
        path = _plot(hist, args)
        print(f"plot written: {path}")
    return 0


def _plot(hist, args):
    from pathlib import Path

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ..package.output import atomic_output
    fig = Figure(figsize=(7, 4.5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    for ys, label in ((hist.train_rmse, "train (running, during the epoch)"),
                      (hist.holdout_rmse, "holdout slice of --ratings"),
                      (hist.valid_rmse, f"valid ({Path(args.valid).name})" if args.valid else "")):
        if label and not all(math.isnan(v) for v in ys):
            ax.plot(hist.epochs, ys, marker="o", label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("RMSE")
    ax.set_title(f"{args.model}, {args.opt}, lr {args.lr:g}, wd {args.wd:g}, {args.schedule}")
    ax.grid(alpha=0.3)
    ax.legend()
    with atomic_output(str(args.plot)) as tmp:
        fig.savefig(tmp, format="png")
    return args.plot
