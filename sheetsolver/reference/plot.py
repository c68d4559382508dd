"""Error-per-pass plots (matplotlib, Agg canvas: no display, no global backend switch)."""
from __future__ import annotations

import math
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..errors import SheetsolverError


def plot_error_curves(curves: dict[str, list[float]], path, *, title: str | None = None,
                      ylabel: str = "error: sqrt(sum of squared errors) over the pass",
                      first_pass: int = 1,
                      xlabel: str = "pass (1 = first sweep over the training rows)") -> Path:
    """Write a PNG with one line per optimiser: error (log scale) against pass number.

    Point i of a curve is drawn at pass ``first_pass + i``: 0 where the curve
    starts with the starting state (``compare``'s table counts pass 0 = before
    the first onestep), 1 where it starts with the first sweep.  Non-positive or
    non-finite points (a diverged run) are left out of the line.  Returns the path.
    """
    if not curves:
        raise SheetsolverError("no error curves to plot")
    path = Path(path)
    fig = Figure(figsize=(8, 5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    plotted = 0
    for name, errors in curves.items():
        pts = [(i, float(e)) for i, e in enumerate(errors, start=first_pass) if math.isfinite(float(e)) and float(e) > 0]
        if not pts:
            continue
        ax.plot([i for i, _ in pts], [e for _, e in pts], marker=".", label=str(name))
        plotted += 1
    if not plotted:
        raise SheetsolverError("every error curve is empty, zero or non-finite: nothing to plot on a log scale")
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title or "Error per pass")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png")
    return path
