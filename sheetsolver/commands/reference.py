"""``sheetsolver reference train ...``: the NumPy reference trainer on a ratings file.

Trains the lesson's collaborative-filtering models (:mod:`sheetsolver.reference.trainer`)
on (user, movie, rating) triples with mini-batches, a progress bar, early stopping on a
holdout slice of the training file (the only thing that chooses: ``--valid`` is reported,
never used), an optional refit on all of the training file for the chosen epoch count, and a
small ensemble (several seeds / models, predictions averaged); reports RMSE per epoch (and
on ``--valid``). Bad data files fail with the file and line (exit 2).
"""
from __future__ import annotations

import argparse
import math
import sys
import time

from ..errors import SheetsolverError

MODELS = ("dot", "bias", "sigmoid", "nn")


def _bias_wd(text: str):
    """--bias-wd: a number, or 'wd' (None: the biases decay as the other parameters)."""
    if text.strip().lower() == "wd":
        return None
    try:
        x = float(text)
    except ValueError:
        x = math.nan
    if not (math.isfinite(x) and x >= 0):
        raise argparse.ArgumentTypeError(f"not a number >= 0 or 'wd': {text!r}")
    return x


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
                    "RMSE per epoch and the RMSE on --valid of the best epoch. The defaults are "
                    "the recipe tuned on the holdout of ml-100k u1.base: fastai's (sigmoid range, "
                    "50 factors, AdamW, one-cycle at 5e-3) with batches of 128, weight decay 0.2 "
                    "on the embeddings and none on the biases, 6 epochs, 3 seeds averaged "
                    "(RMSE ~0.906 on u1.test).",
        epilog="example:\n  sheetsolver reference train --ratings ml-100k/u1.base "
               "--valid ml-100k/u1.test --plot rmse.png",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    t.add_argument("--ratings", required=True, help="training ratings (u.data format or ratings.csv)")
    t.add_argument("--valid", help="ratings to report the final RMSE on (e.g. u1.test); never "
                                   "used for choosing anything")
    t.add_argument("--model", nargs="+", default=["sigmoid"], choices=MODELS, metavar="MODEL",
                   help="dot, bias, sigmoid or nn (default sigmoid); several train a small "
                        "ensemble whose predictions are averaged")
    t.add_argument("--ensemble", type=int, default=3, metavar="N",
                   help="train each --model N times from different seeds and average all the "
                        "predictions (default 3; 1 = a single model)")
    t.add_argument("--factors", type=int, nargs="+", default=[50],
                   help="embedding size, one or one per --model (default 50)")
    t.add_argument("--hidden", type=int, default=100, help="nn: hidden units (default 100)")
    t.add_argument("--opt", default="adamw", choices=("sgd", "momentum", "adam", "adamw"))
    t.add_argument("--lr", type=float, nargs="+", default=[5e-3],
                   help="peak learning rate, one or one per --model (default 5e-3)")
    t.add_argument("--wd", type=float, nargs="+", default=[0.2],
                   help="weight decay, one or one per --model (default 0.2)")
    t.add_argument("--bias-wd", type=_bias_wd, default=0.0, metavar="X|wd",
                   help="weight decay of the user and movie biases, or 'wd' for the model's "
                        "--wd as fastai does (default 0: decaying them pulls rarely rated "
                        "movies to the middle of the range)")
    t.add_argument("--epochs", type=int, nargs="+", default=[6],
                   help="epochs, one or one per --model (default 6)")
    t.add_argument("--bs", type=int, default=128, help="batch size (default 128)")
    t.add_argument("--schedule", default="onecycle", choices=("onecycle", "sgdr", "constant"))
    t.add_argument("--cycle-len", type=int, default=1, help="sgdr: first cycle in epochs")
    t.add_argument("--cycle-mult", type=int, default=2, help="sgdr: cycle length multiplier")
    t.add_argument("--holdout", type=float, default=0.05,
                   help="fraction of --ratings held out for early stopping (default 0.05)")
    t.add_argument("--refit", action=argparse.BooleanOptionalAction, default=True,
                   help="after early stopping picks the epoch count on the holdout, retrain from "
                        "the same start on all of --ratings for that many epochs (default on)")
    t.add_argument("--patience", type=int, default=None,
                   help="stop after this many epochs without a better holdout RMSE")
    t.add_argument("--bias-init", choices=("zero", "mean"), default="zero",
                   help="start the user and movie biases at 0 (fastai) or so that the sigmoid "
                        "model starts at the mean rating (default zero)")
    t.add_argument("--y-range", type=float, nargs=2, metavar=("LO", "HI"),
                   help="sigmoid/nn output range (default 0 to 1.1 x the highest rating)")
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


def _each(values, n: int, flag: str) -> list:
    """One value per model: a single value is used for all of them."""
    if len(values) not in (1, n):
        raise SheetsolverError(f"{flag} takes one value or one per --model ({n}), not {len(values)}")
    return list(values) * n if len(values) == 1 else list(values)


def _split(u, m, r, fraction, seed):
    """(training, holdout) triples: a random ``fraction`` of the ratings held out."""
    import numpy as np
    perm = np.random.default_rng(seed).permutation(len(r))
    nh = int(round(len(r) * fraction))
    hold = (u[perm[:nh]], m[perm[:nh]], r[perm[:nh]]) if nh else None
    return (u[perm[nh:]], m[perm[nh:]], r[perm[nh:]]), hold


def run(args) -> int:
    from ..reference.trainer import bias_for_mean, ensemble_rmse, init_params, train
    if args.ensemble < 1:
        raise SheetsolverError(f"--ensemble must be at least 1 (got {args.ensemble})")
    n, reps = len(args.model), args.ensemble
    models = [m for m in args.model for _ in range(reps)]
    factors, lrs, wds, epochs = ([v for v in _each(vals, n, flag) for _ in range(reps)]
                                 for vals, flag in ((args.factors, "--factors"), (args.lr, "--lr"),
                                                    (args.wd, "--wd"), (args.epochs, "--epochs")))
    if min(epochs) < 1 or args.bs < 1 or min(factors) < 1:
        raise SheetsolverError("--epochs, --bs and --factors must be at least 1")
    if not 0 <= args.holdout < 1:
        raise SheetsolverError(f"--holdout must be in [0, 1) (got {args.holdout})")
    if args.plot and not args.plot.lower().endswith(".png"):
        raise SheetsolverError("--plot must end with .png", file=args.plot)
    u, m, r = _arrays(args.ratings)
    valid = _arrays(args.valid) if args.valid else None
    nu = int(max(u.max(), valid[0].max() if valid else 0)) + 1
    nm = int(max(m.max(), valid[1].max() if valid else 0)) + 1
    yr = tuple(args.y_range) if args.y_range else \
        (0.0, float(max(r.max(), valid[2].max() if valid else 0)) * 1.1)
    if not yr[0] < r.mean() < yr[1]:
        raise SheetsolverError(f"--y-range {yr[0]:g} {yr[1]:g} must contain the mean rating {r.mean():g}")
    tr, hold = _split(u, m, r, args.holdout, args.seed)
    b0 = bias_for_mean(float(tr[2].mean()), yr) if args.bias_init == "mean" else 0.0
    from tqdm import tqdm

    from ..solver.threads import single_threaded_blas
    full = (u, m, r)
    refit = args.refit and hold is not None
    steps = sum((math.ceil(len(tr[2]) / args.bs) + refit * math.ceil(len(r) / args.bs)) * e
                for e in epochs)
    stopped, members, hists, refits = [], [], [], []
    t0 = time.perf_counter()
    with tqdm(total=steps, unit="batch", file=sys.stderr, leave=False, mininterval=0.5,
              disable=not sys.stderr.isatty()) as bar, single_threaded_blas():
        state = {"n": 0}

        def tick(k, loss):
            state["n"] += k
            if state["n"] % 200 == 0:
                bar.update(200)
                bar.set_postfix_str(f"mse {loss:.4f}", refresh=False)
        for i, model in enumerate(models):
            def fresh():
                return init_params(model, nu, nm, factors[i], args.hidden, args.seed + i,
                                   init_bias=b0 if model == "sigmoid" else 0.0)
            kw = dict(opt=args.opt, lr=lrs[i], wd=wds[i], epochs=epochs[i], bs=args.bs,
                      schedule=args.schedule, cycle_len=args.cycle_len,
                      cycle_mult=args.cycle_mult, seed=args.seed + i, y_range=yr,
                      bias_wd=args.bias_wd, progress=tick)
            p = fresh()
            hists.append(train(p, model, tr, hold, valid, patience=args.patience, **kw))
            stopped.append((p, model, yr))
            if refit:
                p = fresh()
                refits.append(train(p, model, full, None, valid, stop_after=hists[-1].best_epoch,
                                    **kw))
            members.append((p, model, yr))
    wall = time.perf_counter() - t0
    labels = [f"{model} model, seed {args.seed + i}, {factors[i]} factors, lr {lrs[i]:g}, "
              f"wd {wds[i]:g}" for i, model in enumerate(models)]
    final = {"valid": ensemble_rmse(members, *valid)} if valid else {}
    if hold is not None:
        final["holdout"] = ensemble_rmse(stopped, *hold)
    _report(args, labels, hists, refits, final, tr, hold, valid)
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"wall time {wall:.1f} s, peak memory {peak:.0f} MB")
    if args.plot:
        what = ("ensemble" if len(models) > 1 else "model") + (" (refit)" if refits else "")
        print(f"plot written: {_plot(models, hists, final, what, args)}")
    return 0


def _report(args, labels, hists, refits, final, tr, hold, valid):
    """Per-model epoch tables (and refits), then the (ensemble's) RMSE on the holdout and on
    --valid."""
    import pandas as pd
    nh = 0 if hold is None else len(hold[2])
    print(f"{len(tr[2]):,} training ratings, {nh:,} held out"
          + (f", {len(valid[2]):,} in {args.valid}" if valid else "") + f"; {args.opt}, "
          f"{args.schedule}, bs {args.bs}, bias wd "
          + ("as wd" if args.bias_wd is None else f"{args.bias_wd:g}"))
    for label, hist in zip(labels, hists):
        print(f"\n{label}")
        table = pd.DataFrame({"epoch": hist.epochs, "train_rmse": hist.train_rmse,
                              "holdout_rmse": hist.holdout_rmse, "valid_rmse": hist.valid_rmse,
                              "seconds": hist.seconds})
        print(table.to_string(index=False, float_format=lambda v: f"{v:.4f}"))
        print(f"best holdout epoch {hist.best_epoch}")
    for label, hist in zip(labels, refits):
        print(f"{label}: refit on all {len(tr[2]) + len(hold[2]):,} ratings of --ratings for "
              f"{hist.epochs[-1]} epochs" + (f", RMSE on --valid {hist.valid_rmse[-1]:.4f}"
                                             if valid else ""))
    what = "ensemble (average of the models)" if len(labels) > 1 else "model"
    parts = []
    if "holdout" in final:
        parts.append(f"holdout RMSE {final['holdout']:.4f}"
                     + (" (early-stopped models, before the refit)" if refits else ""))
    if "valid" in final:
        parts.append(f"RMSE on {args.valid} {final['valid']:.4f}"
                     + (" (refit models)" if refits else ""))
    if parts:
        print(f"\n{what}: " + ", ".join(parts))


def _plot(models, hists, final, what, args):
    """RMSE per epoch: one colour per series (train, holdout, valid), one line per model,
    and the final (ensemble) holdout / valid RMSE as dashed levels."""
    from pathlib import Path

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    from ..package.output import atomic_output
    fig = Figure(figsize=(7, 4.5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    valid = f"valid ({Path(args.valid).name})" if args.valid else ""
    series = (("train_rmse", "train (running, during the epoch)", "C0"),
              ("holdout_rmse", "holdout slice of --ratings", "C1"), ("valid_rmse", valid, "C2"))
    for i, hist in enumerate(hists):
        for attr, label, colour in series:
            ys = getattr(hist, attr)
            if label and not all(math.isnan(v) for v in ys):
                ax.plot(hist.epochs, ys, marker="o", color=colour, alpha=0.8,
                        label=label if i == 0 else None)
    for key, colour in (("holdout", "C1"), ("valid", "C2")):
        if key in final:
            who = what.replace(" (refit)", "") if key == "holdout" else what
            ax.axhline(final[key], color=colour, linestyle="--",
                       label=f"{who}, {key}: {final[key]:.4f}")
    ax.set_xlabel("epoch")
    ax.set_ylabel("RMSE")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(f"{' + '.join(models)}, {args.opt}, {args.schedule}, bs {args.bs}")
    ax.grid(alpha=0.3)
    ax.legend()
    with atomic_output(str(args.plot)) as tmp:
        fig.savefig(tmp, format="png")
    return args.plot
