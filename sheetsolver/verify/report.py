"""Render a :class:`~sheetsolver.verify.compare.Verification` as text or JSON."""
from __future__ import annotations

from ..formula.refs import cell_name
from ..values import ExcelError
from . import catalogue
from .ranges import compress


def _fmt(v) -> str:
    if v is None:
        return "(blank)"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        return f"{v:.10g}"
    if isinstance(v, ExcelError):
        return v.code
    return repr(v)


def _ref(key) -> str:
    return f"{key[0]}!{cell_name(key[1], key[2])}"


def _examples(ver, cells, n=3) -> list:
    return sorted(cells, key=lambda k: (k[0], k[2], k[1]))[:n]


def _label(g) -> str:
    if g.kind == "cause":
        return f"{g.cause.title} [{g.cause.id}]"
    if g.kind == "downstream":
        root = g.parent
        what = compress(root.cells | root.inputs, limit=4)
        return f"downstream of {what} [{root.cause.id}]"
    return "no catalogued cause"


def text(ver) -> str:
    app = ver.app
    lines = [f"{ver.path}: Excel's cached values vs sheetsolver vs {app.name}"
             + (f" ({app.version})" if app.version else "")]
    w = max([len(n) for n in ver.sheets] + [5])
    head = f"  {'sheet':<{w}}  {'compared':>8}  {'agree':>7}  {'differ':>7}  {'volatile':>8}  {'engine≠Excel':>12}"
    lines.append(head)
    tot = [0, 0, 0, 0, 0]
    for name, st in ver.sheets.items():
        row = [st.compared, st.agree, st.differ, st.volatile, st.engine_differ]
        tot = [a + b for a, b in zip(tot, row)]
        lines.append(f"  {name:<{w}}  {row[0]:>8,}  {row[1]:>7,}  {row[2]:>7,}  {row[3]:>8,}  {row[4]:>12,}")
    lines.append(f"  {'total':<{w}}  {tot[0]:>8,}  {tot[1]:>7,}  {tot[2]:>7,}  {tot[3]:>8,}  {tot[4]:>12,}")
    if ver.groups:
        lines.append(f"{app.name} differs from Excel on {ver.differ:,} formula cells:")
    for g in ver.groups:
        extra = f" (+ {len(g.inputs):,} input cells changed: {compress(g.inputs, limit=6)})" if g.inputs else ""
        lines.append(f"- {_label(g)}: {len(g.cells):,} formula cells {compress(g.cells)}{extra}")
        if g.kind == "cause":
            lines.append(f"    why: {g.cause.reason}")
        for k in _examples(ver, g.cells or g.inputs):
            x, o, a = ver.values(k) if k in ver.cached else (None, None, ver.app.values.get(k))
            lines.append(f"    {_ref(k)}: Excel {_fmt(x)}  sheetsolver {_fmt(o)}  {app.name} {_fmt(a)}")
    if ver.volatile:
        lines.append(f"- volatile: {len(ver.volatile):,} cells {compress(ver.volatile)} "
                     "(not counted as disagreements)")
        lines.append(f"    why: {catalogue.VOLATILE_REASON}")
    if ver.engine_differ:
        lines.append(f"sheetsolver's engine differs from Excel on {len(ver.engine_differ):,} cells: "
                     f"{compress(ver.engine_differ)}")
        for k in _examples(ver, ver.engine_differ):
            x, o, a = ver.values(k)
            lines.append(f"    {_ref(k)}: Excel {_fmt(x)}  sheetsolver {_fmt(o)}  {app.name} {_fmt(a)}")
    else:
        n = len(ver.cached)
        lines.append(f"sheetsolver's engine agrees with Excel on all {n:,} formula cells"
                     + (f", including the {ver.differ:,} where {app.name} differs" if ver.differ else ""))
    lines.append("result: " + ("everything agrees" + (" (volatile cells excepted)" if ver.volatile else "")
                               if ver.ok else "DISAGREEMENTS FOUND"))
    return "\n".join(lines)


def _jv(v):
    if isinstance(v, ExcelError):
        return {"error": v.code}
    return v


def as_json(ver) -> dict:
    """A JSON-ready summary (cells as A1 ranges, examples with the three values)."""
    def group(g):
        ex = [{"cell": _ref(k), "excel": _jv(ver.cached.get(k)), "sheetsolver": _jv(ver.ours.get(k)),
               "app": _jv(ver.app.values.get(k))} for k in _examples(ver, g.cells or g.inputs)]
        return {"kind": g.kind, "cause": g.cause.id if g.cause else None,
                "reason": g.cause.reason if g.cause else None,
                "downstream_of": (g.parent.cause.id if g.parent else None),
                "cells": len(g.cells), "ranges": compress(g.cells, limit=None),
                "input_cells_changed": compress(g.inputs, limit=None), "examples": ex}
    return {"book": ver.path, "app": ver.app.name, "app_version": ver.app.version,
            "ok": ver.ok, "differ": ver.differ, "volatile": len(ver.volatile),
            "engine_differ": len(ver.engine_differ),
            "sheets": {n: vars(s) for n, s in ver.sheets.items()},
            "groups": [group(g) for g in ver.groups],
            "volatile_ranges": compress(ver.volatile, limit=None)}
