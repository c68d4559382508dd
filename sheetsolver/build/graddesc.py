"""Layout of ``graddesc.xlsm``: every optimiser pass as live formulas, no macro needed.

The course workbook recomputes one pass per sheet and relies on VBA macros to
paste the last row back as the next pass's input. Here pass p+1 is a block of
rows below pass p whose *start row* ("pass k start") takes what the macro would
paste, so all passes recompute in Excel or LibreOffice with no macro:

* basic, momentum, rmsprop, adam, adam_ann: the course's per-row formulas and
  its quirks (see :mod:`sheetsolver.reference.optimizers`): the next pass starts
  from the last row's *inputs* b, a (its own update is dropped, as ``onestep``
  pastes C32:D32); rmsprop divides by the previous row's mean square; the sheet's
  Adam has no bias correction and no epsilon; adam_ann anneals the learning rate
  between passes with ``somesteps``' rule (:func:`sheetsolver.reference.anneal_lr`).
* adamw (Adam with bias correction and decoupled weight decay) and sgdr (Adam with
  a cosine learning-rate schedule with warm restarts): textbook rules as in
  :mod:`sheetsolver.reference.textbook`, one update per row, chained continuously.

Each tab has a per-pass error table (sqrt of the pass's sum of squared errors,
the course's "rmse") and a line chart of it; ``summary`` collects all curves.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..formula.refs import cell_name, col_to_index
from .xlsx import Chart, Series, SheetSpec, Style, WorkbookSpec

TABS = ("basic", "momentum", "rmsprop", "adam", "adam_ann", "adamw", "sgdr")
HEADER_ROW, FIRST_BLOCK = 6, 7

TITLE = Style(bold=True)
HEAD = Style(bold=True, fill="D9E1F2", wrap=True)
NOTE = Style(italic=True)
PARAM = Style(fill="FFF2CC")
START = Style(bold=True, fill="EDEDED")
START_NUM = Style(bold=True, fill="EDEDED", num_fmt="0.000")
NUM = Style(num_fmt="0.000")
SCI = Style(num_fmt="0.00E+00")

# defaults per tab (label, key, value); the sheet's inputs. a, b start at 1 as after reset.
PARAMS = {
    "basic": [("initial b", "b0", 1.0), ("initial a", "a0", 1.0), ("lr", "lr", 1e-4)],
    "momentum": [("initial b", "b0", 1.0), ("initial a", "a0", 1.0), ("lr", "lr", 1e-4),
                 ("beta", "beta", 0.9), ("initial mom b", "mb0", 0.0), ("initial mom a", "ma0", 0.0)],
    "rmsprop": [("initial b", "b0", 1.0), ("initial a", "a0", 1.0), ("lr", "lr", 0.02),
                ("beta", "beta", 0.9), ("initial ms b", "vb0", 10000.0),
                ("initial ms a", "va0", 10000.0)],
    "adam": [("initial b", "b0", 1.0), ("initial a", "a0", 1.0), ("lr", "lr", 1.0),
             ("beta1", "beta", 0.9), ("beta2", "beta2", 0.9), ("initial mom b", "mb0", 0.0),
             ("initial mom a", "ma0", 0.0), ("initial ms b", "vb0", 10000.0),
             ("initial ms a", "va0", 10000.0)],
    "adam_ann": [("initial b", "b0", 1.0), ("initial a", "a0", 1.0), ("initial lr", "lr", 1.0),
                 ("beta1", "beta", 0.9), ("beta2", "beta2", 0.95), ("initial mom b", "mb0", 0.0),
                 ("initial mom a", "ma0", 0.0), ("initial ms b", "vb0", 10000.0),
                 ("initial ms a", "va0", 10000.0), ("initial prev_grad2", "prev0", 200.0)],
    "adamw": [("initial b", "b0", 1.0), ("initial a", "a0", 1.0), ("lr", "lr", 1.0),
              ("beta1", "beta", 0.9), ("beta2", "beta2", 0.999), ("eps", "eps", 1e-8),
              ("weight decay", "wd", 0.001)],
    "sgdr": [("initial b", "b0", 1.0), ("initial a", "a0", 1.0), ("lr max", "lr_max", 2.0),
             ("lr min", "lr_min", 0.0), ("cycle (steps)", "cycle", None),
             ("cycle mult", "mult", 2.0), ("beta1", "beta", 0.9), ("beta2", "beta2", 0.999),
             ("eps", "eps", 1e-8)],
}
SGDR_CYCLE_PASSES = 2   # first cycle = 2 passes of the data, then 4, 8, ...

NOTES = {
    "basic": "Plain SGD, one update per row: new a = a - lr*de/da, new b = b - lr*de/db. "
             "Each pass starts from the last row's b, a (as the course's onestep macro pastes them).",
    "momentum": "SGD with momentum: mom = beta*mom + (1-beta)*grad, step = lr*mom (course sheet rules).",
    "rmsprop": "RMSprop as on the course sheet: step = lr*grad/SQRT(previous row's mean square).",
    "adam": "Adam as on the course sheet: step = lr*mom/SQRT(mean square); no bias correction, no eps.",
    "adam_ann": "The adam rows; between passes lr is quartered when gradrat = avg_grad2/prev_grad2 > 2 "
                "(the course's somesteps macro), prev_grad2 tracks the smallest avg_grad2.",
    "adamw": "Textbook Adam (bias-corrected, eps) with decoupled weight decay: "
             "new p = p - lr*m_hat/(SQRT(v_hat)+eps) - lr*wd*p.",
    "sgdr": "Textbook Adam with a cosine learning-rate schedule with warm restarts (SGDR): "
            "lr = lr_min + (lr_max-lr_min)*(1+COS(PI()*t/T))/2, T doubles at each restart.",
}


@dataclass
class TabLayout:
    """Where things are on a built tab (used by tests and the summary)."""
    name: str
    columns: dict[str, str]            # quantity -> column letter (b, a, pred, db, ...)
    params: dict[str, str]             # param key -> absolute cell ("$C$4")
    passes: int
    points: int
    error_col: str = ""                # per-pass error table column
    pass_col: str = ""
    extra_table: dict[str, str] = field(default_factory=dict)   # e.g. {"lr": "X"}

    def start_row(self, p: int) -> int:
        return FIRST_BLOCK + p * (self.points + 1)

    def rows(self, p: int) -> range:
        s = self.start_row(p)
        return range(s + 1, s + 1 + self.points)

    def table_row(self, p: int) -> int:
        return FIRST_BLOCK + p


def _col(c: int) -> str:
    return cell_name(1, c)[:-1]


# --- per-tab row formulas ------------------------------------------------------------
# Each returns (columns, row_fn, start_fn): row_fn(r, prev, first) -> {letter: formula} for an
# example row (prev = row above: the start row when first); start_fn(S, last, p) -> {letter:
# formula} for pass p's start row S (last = previous pass's last example row).

def _basic(P):
    cols = dict(x="A", y="B", b="C", a="D", pred="E", err2="F", db="G", da="H", new_a="I", new_b="J")
    heads = {"C": "intercept b", "D": "slope a", "E": "pred = b+a*x", "F": "err^2 = (y-pred)^2",
             "G": "de/db = 2*(pred-y)", "H": "de/da = x*de/db", "I": "new a = a-lr*de/da",
             "J": "new b = b-lr*de/db"}

    def row(r, prev, first):
        return {"C": f"=C{prev}" if first else f"=J{prev}", "D": f"=D{prev}" if first else f"=I{prev}",
                "E": f"=C{r}+D{r}*A{r}", "F": f"=(B{r}-E{r})^2", "G": f"=2*(E{r}-B{r})",
                "H": f"=G{r}*A{r}", "I": f"=D{r}-H{r}*{P['lr']}", "J": f"=C{r}-G{r}*{P['lr']}"}

    def start(S, last, p):
        if p == 0:
            return {"C": f"={P['b0']}", "D": f"={P['a0']}"}
        return {"C": f"=C{last}", "D": f"=D{last}"}
    return cols, heads, row, start


_GRAD_HEADS = {"C": "b", "D": "a", "E": "pred = b+a*x", "F": "de/db = 2*(a*x+b-y)",
               "G": "de/da = x*de/db", "H": "new b", "I": "new a"}


def _grad_cells(r):
    return {"E": f"=C{r}+D{r}*A{r}", "F": f"=2*(D{r}*A{r}+C{r}-B{r})", "G": f"=F{r}*A{r}"}


def _momentum(P):
    cols = dict(x="A", y="B", b="C", a="D", pred="E", db="F", da="G", new_b="H", new_a="I",
                mom_b="J", mom_a="K", err2="L")
    heads = {**_GRAD_HEADS, "H": "new b = b-lr*mom b", "I": "new a = a-lr*mom a",
             "J": "mom b = beta*prev+(1-beta)*de/db", "K": "mom a = beta*prev+(1-beta)*de/da",
             "L": "err^2"}

    def row(r, prev, first):
        return {"C": f"=C{prev}" if first else f"=H{prev}", "D": f"=D{prev}" if first else f"=I{prev}",
                **_grad_cells(r),
                "J": f"=J{prev}*{P['beta']}+{P['1-beta']}*F{r}",
                "K": f"=K{prev}*{P['beta']}+{P['1-beta']}*G{r}",
                "H": f"=C{r}-J{r}*{P['lr']}", "I": f"=D{r}-K{r}*{P['lr']}", "L": f"=(B{r}-E{r})^2"}

    def start(S, last, p):
        if p == 0:
            return {"C": f"={P['b0']}", "D": f"={P['a0']}", "J": f"={P['mb0']}", "K": f"={P['ma0']}"}
        return {"C": f"=C{last}", "D": f"=D{last}", "J": f"=J{last}", "K": f"=K{last}"}
    return cols, heads, row, start


def _rmsprop(P):
    cols = dict(x="A", y="B", b="C", a="D", pred="E", db="F", da="G", new_b="H", new_a="I",
                ms_b="J", ms_a="K", err2="L")
    heads = {**_GRAD_HEADS, "H": "new b = b-de/db*lr/SQRT(prev ms b)",
             "I": "new a = a-de/da*lr/SQRT(prev ms a)", "J": "ms b = beta*prev+(1-beta)*de/db^2",
             "K": "ms a = beta*prev+(1-beta)*de/da^2", "L": "err^2"}

    def row(r, prev, first):
        return {"C": f"=C{prev}" if first else f"=H{prev}", "D": f"=D{prev}" if first else f"=I{prev}",
                **_grad_cells(r),
                "H": f"=C{r}-F{r}*{P['lr']}/SQRT(J{prev})", "I": f"=D{r}-G{r}*{P['lr']}/SQRT(K{prev})",
                "J": f"=J{prev}*{P['beta']}+{P['1-beta']}*F{r}^2",
                "K": f"=K{prev}*{P['beta']}+{P['1-beta']}*G{r}^2", "L": f"=(B{r}-E{r})^2"}

    def start(S, last, p):
        if p == 0:
            return {"C": f"={P['b0']}", "D": f"={P['a0']}", "J": f"={P['vb0']}", "K": f"={P['va0']}"}
        return {"C": f"=C{last}", "D": f"=D{last}", "J": f"=J{last}", "K": f"=K{last}"}
    return cols, heads, row, start


def _adam(P, annealed: bool):
    cols = dict(x="A", y="B", b="C", a="D", pred="E", db="F", da="G", new_b="H", new_a="I",
                mom_b="J", mom_a="K", ms_b="L", ms_a="M", err2="N")
    heads = {**_GRAD_HEADS, "H": "new b = b-mom b*lr/SQRT(ms b)", "I": "new a = a-mom a*lr/SQRT(ms a)",
             "J": "mom b", "K": "mom a", "L": "ms b", "M": "ms a", "N": "err^2"}
    if annealed:
        cols.update(lr="O", avg_grad2="P", gradrat="Q", prev_grad2="R")
        heads.update({"O": "lr (this pass)", "P": "avg_grad2 = SQRT(ms b)+SQRT(ms a)",
                      "Q": "gradrat = avg_grad2/prev", "R": "prev_grad2 (best so far)"})
    lr_of = {}

    def row(r, prev, first):
        lr = lr_of.get(r, P["lr"])
        return {"C": f"=C{prev}" if first else f"=H{prev}", "D": f"=D{prev}" if first else f"=I{prev}",
                **_grad_cells(r),
                "J": f"=J{prev}*{P['beta']}+{P['1-beta']}*F{r}",
                "K": f"=K{prev}*{P['beta']}+{P['1-beta']}*G{r}",
                "L": f"=L{prev}*{P['beta2']}+{P['1-beta2']}*F{r}^2",
                "M": f"=M{prev}*{P['beta2']}+{P['1-beta2']}*G{r}^2",
                "H": f"=C{r}-J{r}*{lr}/SQRT(L{r})", "I": f"=D{r}-K{r}*{lr}/SQRT(M{r})",
                "N": f"=(B{r}-E{r})^2"}

    def start(S, last, p):
        if p == 0:
            out = {"C": f"={P['b0']}", "D": f"={P['a0']}", "J": f"={P['mb0']}", "K": f"={P['ma0']}",
                   "L": f"={P['vb0']}", "M": f"={P['va0']}"}
        else:
            out = {"C": f"=C{last}", "D": f"=D{last}", "J": f"=J{last}", "K": f"=K{last}",
                   "L": f"=L{last}", "M": f"=M{last}"}
        if annealed:
            out["P"] = f"=SQRT(L{S})+SQRT(M{S})"
            if p == 0:
                out.update(O=f"={P['lr']}", R=f"={P['prev0']}")
            else:
                ps = last - start.points                         # previous pass's start row
                out.update(Q=f"=P{S}/R{ps}", O=f"=IF(Q{S}>2,O{ps}/4,O{ps})",
                           R=f"=IF(P{S}<R{ps},P{S},R{ps})")
            for rr in range(S + 1, S + 1 + start.points):
                lr_of[rr] = f"$O${S}"
        return out
    return cols, heads, row, start


def _adamw(P):
    cols = dict(x="A", y="B", b="C", a="D", pred="E", db="F", da="G", t="H", m_b="I", m_a="J",
                v_b="K", v_a="L", new_b="M", new_a="N", err2="O")
    heads = {**_GRAD_HEADS, "H": "step t", "I": "m b = beta1*m+(1-beta1)*de/db", "J": "m a",
             "K": "v b = beta2*v+(1-beta2)*de/db^2", "L": "v a",
             "M": "new b = b-lr*m_hat/(SQRT(v_hat)+eps)-lr*wd*b", "N": "new a (same rule)",
             "O": "err^2"}

    def upd(p, m, v, r):
        return (f"={p}{r}-{P['lr']}*({m}{r}/(1-{P['beta']}^H{r}))/(SQRT({v}{r}/(1-{P['beta2']}^H{r}))"
                f"+{P['eps']})-{P['lr']}*{P['wd']}*{p}{r}")

    def row(r, prev, first):
        return {"C": f"=C{prev}", "D": f"=D{prev}", **_grad_cells(r), "H": f"=H{prev}+1",
                "I": f"={P['beta']}*I{prev}+(1-{P['beta']})*F{r}",
                "J": f"={P['beta']}*J{prev}+(1-{P['beta']})*G{r}",
                "K": f"={P['beta2']}*K{prev}+(1-{P['beta2']})*F{r}*F{r}",
                "L": f"={P['beta2']}*L{prev}+(1-{P['beta2']})*G{r}*G{r}",
                "M": upd("C", "I", "K", r), "N": upd("D", "J", "L", r), "O": f"=(B{r}-E{r})^2"} | (
            {} if first else {"C": f"=M{prev}", "D": f"=N{prev}"})

    def start(S, last, p):
        if p == 0:
            return {"C": f"={P['b0']}", "D": f"={P['a0']}", "H": "=0", "I": "=0", "J": "=0",
                    "K": "=0", "L": "=0"}
        return {"C": f"=M{last}", "D": f"=N{last}", "H": f"=H{last}", "I": f"=I{last}",
                "J": f"=J{last}", "K": f"=K{last}", "L": f"=L{last}"}
    return cols, heads, row, start


def _sgdr(P):
    cols = dict(x="A", y="B", b="C", a="D", pred="E", db="F", da="G", t="H", t_cur="I", cycle="J",
                lr="K", m_b="L", m_a="M", v_b="N", v_a="O", new_b="P", new_a="Q", err2="R")
    heads = {**_GRAD_HEADS, "H": "step t", "I": "t in cycle", "J": "cycle length T",
             "K": "lr = lr_min+(lr_max-lr_min)*(1+COS(PI()*t/T))/2",
             "L": "m b", "M": "m a", "N": "v b", "O": "v a",
             "P": "new b = b-lr*m_hat/(SQRT(v_hat)+eps)", "Q": "new a", "R": "err^2"}
    def upd(p, m, v, r):
        return (f"={p}{r}-K{r}*({m}{r}/(1-{P['beta']}^H{r}))/(SQRT({v}{r}/(1-{P['beta2']}^H{r}))"
                f"+{P['eps']})")

    def row(r, prev, first):
        out = {"C": f"=C{prev}" if first else f"=P{prev}", "D": f"=D{prev}" if first else f"=Q{prev}",
               **_grad_cells(r), "H": f"=H{prev}+1",
               "I": f"=IF(I{prev}+1>=J{prev},0,I{prev}+1)",
               "J": f"=IF(I{prev}+1>=J{prev},J{prev}*{P['mult']},J{prev})",
               "L": f"={P['beta']}*L{prev}+(1-{P['beta']})*F{r}",
               "M": f"={P['beta']}*M{prev}+(1-{P['beta']})*G{r}",
               "N": f"={P['beta2']}*N{prev}+(1-{P['beta2']})*F{r}*F{r}",
               "O": f"={P['beta2']}*O{prev}+(1-{P['beta2']})*G{r}*G{r}",
               "P": upd("C", "L", "N", r), "Q": upd("D", "M", "O", r), "R": f"=(B{r}-E{r})^2",
               "K": f"={P['lr_min']}+({P['lr_max']}-{P['lr_min']})*(1+COS(PI()*I{r}/J{r}))/2"}
        return out

    def start(S, last, p):
        if p == 0:   # "step 0 of the previous cycle" = the last step of a cycle that just ended
            return {"C": f"={P['b0']}", "D": f"={P['a0']}", "H": "=0", "I": f"={P['cycle']}-1",
                    "J": f"={P['cycle']}/{P['mult']}", "L": "=0", "M": "=0", "N": "=0", "O": "=0"}
        return {"C": f"=P{last}", "D": f"=Q{last}", "H": f"=H{last}", "I": f"=I{last}",
                "J": f"=J{last}", "L": f"=L{last}", "M": f"=M{last}", "N": f"=N{last}",
                "O": f"=O{last}"}
    return cols, heads, row, start


def _tab(name: str, points: int, passes: int) -> tuple[SheetSpec, TabLayout]:
    sh = SheetSpec(name)
    sh.put(1, 1, f"{name}: fit y = b + a*x by one update per data row; {passes} passes of "
                 f"{points} rows, each pass a block of rows chained to the previous one", TITLE)
    sh.put(2, 1, NOTES[name], NOTE)
    params = [list(p) for p in PARAMS[name]]
    if name == "sgdr":
        params[[k for _, k, _ in params].index("cycle")][2] = float(SGDR_CYCLE_PASSES * points)
    P = {}
    col = 1
    for label, key, value in params:
        sh.put(3, col, label, Style(bold=True))
        sh.put(4, col, value, PARAM)
        P[key] = f"${_col(col)}$4"
        col += 1
    if "beta" in P and name in ("momentum", "rmsprop", "adam", "adam_ann"):
        sh.put(3, col, "1-beta1" if "beta2" in P else "1-beta", Style(bold=True))
        sh.put(4, col, f"=1-{P['beta']}")
        P["1-beta"] = f"${_col(col)}$4"
        col += 1
    if "beta2" in P and name in ("adam", "adam_ann"):
        sh.put(3, col, "1-beta2", Style(bold=True))
        sh.put(4, col, f"=1-{P['beta2']}")
        P["1-beta2"] = f"${_col(col)}$4"
        col += 1
    maker = {"basic": _basic, "momentum": _momentum, "rmsprop": _rmsprop,
             "adam": lambda P: _adam(P, False), "adam_ann": lambda P: _adam(P, True),
             "adamw": _adamw, "sgdr": _sgdr}[name]
    cols, heads, row_fn, start_fn = maker(P)
    start_fn.points = points
    lay = TabLayout(name, cols, dict(P), passes, points)
    sh.put(HEADER_ROW, 1, "x", HEAD)
    sh.put(HEADER_ROW, 2, "y", HEAD)
    for letter, text in heads.items():
        sh.put(HEADER_ROW, col_to_index(letter), text, HEAD)
    fmt = {c: (SCI if k in ("lr", "ms_b", "ms_a", "v_b", "v_a", "err2") else NUM)
           for k, c in cols.items()}
    for k in ("x", "y", "t", "t_cur", "cycle"):
        if k in cols:
            fmt[cols[k]] = None
    for p in range(passes):
        S = lay.start_row(p)
        last = S - 1
        sh.put(S, 1, f"pass {p + 1} start", START)
        sh.put(S, 2, None, START)
        for letter, f in start_fn(S, last, p).items():
            sh.put(S, col_to_index(letter), f, START_NUM)
        for i, r in enumerate(lay.rows(p)):
            sh.put(r, 1, f"=data!$A${i + 2}")
            sh.put(r, 2, f"=data!$B${i + 2}")
            for letter, f in row_fn(r, r - 1, i == 0).items():
                sh.put(r, col_to_index(letter), f, fmt.get(letter))
    # per-pass error table and chart
    tc = col_to_index(max(heads)) + 2
    lay.pass_col, lay.error_col = _col(tc), _col(tc + 1)
    sh.put(HEADER_ROW, tc, "pass", HEAD)
    sh.put(HEADER_ROW, tc + 1, "error = SQRT(SUM(err^2)) of the pass", HEAD)
    extra = [("lr", "lr (start of pass)")] if name in ("adam_ann", "sgdr") else []
    for j, (key, text) in enumerate(extra):
        sh.put(HEADER_ROW, tc + 2 + j, text, HEAD)
        lay.extra_table[key] = _col(tc + 2 + j)
    err = cols["err2"]
    for p in range(passes):
        tr = lay.table_row(p)
        rows = lay.rows(p)
        sh.put(tr, tc, p + 1)
        sh.put(tr, tc + 1, f"=SQRT(SUM({err}{rows[0]}:{err}{rows[-1]}))", NUM)
        for j, (key, _) in enumerate(extra):
            src = f"O{lay.start_row(p)}" if name == "adam_ann" else f"K{rows[0]}"
            sh.put(tr, tc + 2 + j, f"={src}", SCI)
    last_t = lay.table_row(passes - 1)
    pc, ec = lay.pass_col, lay.error_col
    sh.charts.append(Chart(f"{name}: error per pass",
                           [Series(name, f"{name}!${pc}${FIRST_BLOCK}:${pc}${last_t}",
                                   f"{name}!${ec}${FIRST_BLOCK}:${ec}${last_t}")],
                           (tc + 1 + len(extra) + 1, HEADER_ROW - 1, tc + 10 + len(extra), HEADER_ROW + 19),
                           x_title="pass", y_title="error"))
    sh.widths = {1: 12, 2: 8, **{c: 12 for c in range(3, col_to_index(max(heads)) + 1)},
                 tc: 6, tc + 1: 16, **{tc + 2 + j: 12 for j in range(len(extra))}}
    sh.heights = {HEADER_ROW: 48}
    sh.freeze = (HEADER_ROW, 2)
    return sh, lay


def data_points(points: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """x: random integers 1..100 from a seeded numpy Generator; y = 30 + 2x."""
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 101, size=points).astype(float)
    return x, 30 + 2 * x


def graddesc_workbook(points: int = 29, passes: int = 20,
                      seed: int = 0) -> tuple[WorkbookSpec, list[TabLayout]]:
    """The data tab, the seven optimiser tabs and the summary."""
    x, y = data_points(points, seed)
    data = SheetSpec("data")
    data.put(1, 1, "x", HEAD)
    data.put(1, 2, "y", HEAD)
    data.put(1, 4, f"x: random integers 1..100 (numpy default_rng({seed})), y = 30 + 2x; "
                   "constants, read by every optimiser tab", NOTE)
    for i, (xv, yv) in enumerate(zip(x, y)):
        data.put(i + 2, 1, float(xv))
        data.put(i + 2, 2, float(yv))
    data.widths = {1: 8, 2: 8}
    sheets, layouts = [data], []
    for name in TABS:
        sh, lay = _tab(name, points, passes)
        sheets.append(sh)
        layouts.append(lay)
    summ = SheetSpec("summary")
    summ.put(1, 1, "summary: error per pass of every optimiser (log scale in the chart)", TITLE)
    summ.put(2, 1, "pass", HEAD)
    for j, lay in enumerate(layouts):
        summ.put(2, 2 + j, lay.name, HEAD)
    for p in range(passes):
        summ.put(3 + p, 1, p + 1)
        for j, lay in enumerate(layouts):
            summ.put(3 + p, 2 + j, f"={lay.name}!{lay.error_col}{lay.table_row(p)}", NUM)
    last = 2 + passes
    summ.charts.append(Chart(
        "error per pass, all optimisers",
        [Series(lay.name, f"summary!$A$3:$A${last}", f"summary!${_col(2 + j)}$3:${_col(2 + j)}${last}")
         for j, lay in enumerate(layouts)],
        (0, passes + 4, 10, passes + 28), x_title="pass", y_title="error", log_y=True))
    summ.fit_height = True
    summ.widths = {1: 6, **{2 + j: 11 for j in range(len(layouts))}}
    sheets.append(summ)
    return WorkbookSpec(sheets, macro_enabled=True), layouts
