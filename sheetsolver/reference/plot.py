"""Error-per-pass plots (matplotlib, Agg canvas: no display, no global backend switch)."""
from __future__ import annotations

import math
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..errors import SheetsolverError


def plot_error_curves(curves: dict[str, list[float]], path, *, title: str | None = None,
                      ylabel: str = "error: sqrt(sum of squared errors) over the pass") -> Path:
    """Write a PNG with one line per optimiser: error (log scale) against pass number.

    Non-positive or non-finite points (a diverged run) are left out of the line.
    Returns the written path.
    """
    if not curves:
        raise SheetsolverError("no error curves to plot")
    path = Path(path)
    fig = Figure(figsize=(8, 5), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    plotted = 0
    for name, errors in curves.items():
        pts = [(i, float(e)) for i, e in enumerate(errors, start=1) if math.isfinite(float(e)) and float(e) > 0]
        if not pts:
            continue
        ax.plot([i for i, _ in pts], [e for _, e in pts], marker=".", label=str(name))
        plotted += 1
    if not plotted:
        raise SheetsolverError("every error curve is empty, zero or non-finite: nothing to plot on a log scale")
    ax.set_yscale("log")
    ax.set_xlabel("pass (1 = first sweep over the training rows)")
    ax.set_ylabel(ylabel)
    ax.set_title(title or "Error per pass")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png")
    return path
