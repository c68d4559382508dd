"""Test helper: a workbook with the shape of the 2018 course graddesc.xlsm.

The 2018 file itself is kept aside by the issue's author, so this builds its
shape from the issue's description: 16 tabs (data; basic/momentum/adagrad/
rmsprop/adam/adam-annealing/Eve/AMSGrad/lr-annealing tabs on the graddesc row
layout; a tab named "basic SGD" whose code module is ``basic``; a tab whose
layout no reference knows; tabs whose names were deleted and point at #REF!;
a summary and a chart tab), ``While ... Wend`` / ``Do ... Loop`` /
``Select Case`` macros and a standard module ``Module1``.  Row formulas are the
cell formulas :mod:`sheetsolver.reference` documents for each optimiser.
"""
from __future__ import annotations

import random

from _vba_project import xlsm

ROWS = range(4, 33)


def data(seed: int = 7):
    rng = random.Random(seed)
    xs = [float(rng.randint(1, 100)) for _ in ROWS]
    return xs, [2 * x + 30 for x in xs]


def _grad(r):
    return {f"E{r}": f"=C{r}+D{r}*A{r}", f"F{r}": f"=2*(D{r}*A{r}+C{r}-B{r})",
            f"G{r}": f"=F{r}*A{r}"}


def _chain(r):
    return {f"C{r}": "=C1", f"D{r}": "=C2"} if r == 4 else {f"C{r}": f"=H{r-1}",
                                                            f"D{r}": f"=I{r-1}"}


def _stat(col, r, rule):
    prev = f"{col}{r-1}"
    return {f"{col}{r}": "=" + rule.format(p=prev, r=r)}


def tab_cells(kind: str, xs, ys) -> dict:
    """Cells of one optimiser tab in the graddesc layout (rows 4..32, row 33 pasted)."""
    cells = {"B1": "b", "B2": "a", "C1": 1.0, "C2": 1.0, "A3": "x", "B3": "y"}
    for r, x, y in zip(ROWS, xs, ys):
        cells[f"A{r}"], cells[f"B{r}"] = x, y
    if kind == "basic":
        cells.update({"E1": "lr", "F1": 1e-4, "C36": "Paste error here:", "C37": "rmse",
                      "E33": "rmse"})
        for r in ROWS:
            cells.update({f"C{r}": "=C1" if r == 4 else f"=N{r-1}",
                          f"D{r}": "=C2" if r == 4 else f"=M{r-1}",
                          f"E{r}": f"=C{r}+D{r}*A{r}", f"F{r}": f"=(B{r}-E{r})^2",
                          f"G{r}": f"=(((C{r}+0.01)+A{r}*D{r})-B{r})^2",
                          f"H{r}": f"=(G{r}-F{r})/0.01",
                          f"I{r}": f"=(((D{r}+0.01)*A{r}+C{r})-B{r})^2",
                          f"J{r}": f"=(I{r}-F{r})/0.01", f"K{r}": f"=2*(E{r}-B{r})",
                          f"L{r}": f"=K{r}*A{r}", f"M{r}": f"=D{r}-L{r}*$F$1",
                          f"N{r}": f"=C{r}-K{r}*$F$1"})
        cells.update({"F33": "=SQRT(SUM(F4:F32))", "K33": "=SQRT(SUMSQ(K4:K32))",
                      "L33": "=SQRT(SUMSQ(L4:L32))"})
        return cells
    cells.update({"D1": "lr", "D2": {"momentum": 1e-4, "rmsprop": 0.02, "nesterov": 1e-4,
                                     "anneal": 1e-4}.get(kind, 1.0)})
    beta2 = {"adam": 0.9, "adam_ann": 0.95, "amsgrad": 0.99, "eve": 0.9}
    if kind not in ("adagrad",):
        cells.update({"J1": 0.9, "K1": "=1-J1"})
    if kind in beta2:
        cells.update({"L1": beta2[kind], "M1": "=1-L1"})
    seeds = {"momentum": {"J": 0.0, "K": 0.0}, "anneal": {"J": 0.0, "K": 0.0},
             "nesterov": {"J": 0.0, "K": 0.0},
             "rmsprop": {"J": 10000.0, "K": 10000.0}, "adagrad": {"J": 0.0, "K": 0.0},
             "adam": {"J": 0.0, "K": 0.0, "L": 10000.0, "M": 10000.0},
             "adam_ann": {"J": 0.0, "K": 0.0, "L": 10000.0, "M": 10000.0},
             "amsgrad": {"J": 0.0, "K": 0.0, "L": 0.0, "M": 0.0, "N": 0.0, "O": 0.0},
             "eve": {"J": 0.0, "K": 0.0, "L": 10000.0, "M": 10000.0, "O": 1.0, "P": 1.0}}[kind]
    for col, v in seeds.items():
        cells[f"{col}33"] = v
        cells[f"{col}3"] = f"={col}33"
    if kind in ("momentum", "anneal"):
        cells["L33"] = "=SQRT(SUM(L4:L32))"
    if kind == "anneal":
        cells.update({"E1": "decay", "F1": 0.5})
    if kind == "eve":
        cells.update({"N1": 0.999, "O1": 0.1, "P1": 10.0})
    if kind == "adam_ann":
        cells.update({"N3": 200.0, "N33": "=SQRT(L33)+SQRT(M33)", "N34": "=N33/N3",
                      "F33": "=SQRT(SUMSQ(F4:F32))/COUNT(F4:F32)",
                      "G33": "=SQRT(SUMSQ(G4:G32))/COUNT(G4:G32)", "K34": "=1/K3",
                      "L34": "=1/L3"})
    for r in ROWS:
        cells.update(_chain(r))
        cells.update(_grad(r))
        if kind in ("momentum", "anneal"):
            cells.update(_stat("J", r, "{p}*$J$1+$K$1*F{r}"))
            cells.update(_stat("K", r, "{p}*$J$1+$K$1*G{r}"))
            cells.update({f"H{r}": f"=C{r}-J{r}*$D$2", f"I{r}": f"=D{r}-K{r}*$D$2",
                          f"L{r}": f"=(B{r}-E{r})^2"})
        elif kind == "nesterov":           # a layout no reference knows
            cells.update(_stat("J", r, "{p}*$J$1+F{r}"))
            cells.update(_stat("K", r, "{p}*$J$1+G{r}"))
            cells.update({f"H{r}": f"=C{r}-($J$1*J{r}+F{r})*$D$2",
                          f"I{r}": f"=D{r}-($J$1*K{r}+G{r})*$D$2"})
        elif kind == "rmsprop":
            cells.update(_stat("J", r, "{p}*$J$1+$K$1*F{r}^2"))
            cells.update(_stat("K", r, "{p}*$J$1+$K$1*G{r}^2"))
            cells.update({f"H{r}": f"=C{r}-F{r}*$D$2/SQRT(J{r-1})",
                          f"I{r}": f"=D{r}-G{r}*$D$2/SQRT(K{r-1})"})
        elif kind == "adagrad":
            cells.update(_stat("J", r, "{p}+F{r}^2"))
            cells.update(_stat("K", r, "{p}+G{r}^2"))
            cells.update({f"H{r}": f"=C{r}-$D$2*F{r}/SQRT(J{r})",
                          f"I{r}": f"=D{r}-$D$2*G{r}/SQRT(K{r})"})
        else:                                  # adam family
            cells.update(_stat("J", r, "{p}*$J$1+$K$1*F{r}"))
            cells.update(_stat("K", r, "{p}*$J$1+$K$1*G{r}"))
            cells.update(_stat("L", r, "{p}*$L$1+$M$1*F{r}^2"))
            cells.update(_stat("M", r, "{p}*$L$1+$M$1*G{r}^2"))
            if kind == "amsgrad":
                cells.update({f"N{r}": f"=MAX(N{r-1},L{r})", f"O{r}": f"=MAX(O{r-1},M{r})",
                              f"H{r}": f"=C{r}-J{r}*$D$2/SQRT(N{r})",
                              f"I{r}": f"=D{r}-K{r}*$D$2/SQRT(O{r})"})
            elif kind == "eve":
                cells.update({
                    f"N{r}": f"=(B{r}-E{r})^2",
                    f"O{r}": f"=MIN(MAX(IF(N{r}>=O{r-1},1+$O$1,1/(1+$P$1)),N{r}/O{r-1}),"
                             f"IF(N{r}>=O{r-1},1+$P$1,1/(1+$O$1)))*O{r-1}",
                    f"P{r}": f"=$N$1*P{r-1}+(1-$N$1)*ABS(O{r}-O{r-1})/MIN(O{r},O{r-1})",
                    f"H{r}": f"=C{r}-J{r}*$D$2/(P{r}*SQRT(L{r}))",
                    f"I{r}": f"=D{r}-K{r}*$D$2/(P{r}*SQRT(M{r}))"})
            else:
                cells.update({f"H{r}": f"=C{r}-J{r}*$D$2/SQRT(L{r})",
                              f"I{r}": f"=D{r}-K{r}*$D$2/SQRT(M{r})"})
    return cells


# (tab, module, kind, pasted (last -> target) name pairs in onestep order, reset lines)
PAIRS = {
    "momentum": [("momlast", "J32:K32", "momtarget", "J33:K33")],
    "anneal": [("momlast", "J32:K32", "momtarget", "J33:K33")],
    "nesterov": [("momlast", "J32:K32", "momtarget", "J33:K33")],
    "rmsprop": [("ms_last", "J32:K32", "gradtarget", "J33:K33")],
    "adagrad": [("ms_last", "J32:K32", "gradtarget", "J33:K33")],
    "adam": [("ms_last", "L32:M32", "gradtarget", "L33:M33"),
             ("momlast", "J32:K32", "momtarget", "J33:K33")],
    "amsgrad": [("ms_last", "L32:M32", "gradtarget", "L33:M33"),
                ("maxlast", "N32:O32", "maxtarget", "N33:O33"),
                ("momlast", "J32:K32", "momtarget", "J33:K33")],
    "eve": [("ms_last", "L32:M32", "gradtarget", "L33:M33"),
            ("momlast", "J32:K32", "momtarget", "J33:K33"),
            ("fhatlast", "O32:P32", "fhattarget", "O33:P33")],
}
PAIRS["adam_ann"] = PAIRS["adam"]
_PASTE = 'Range("{0}").Copy\nRange("{1}").PasteSpecial Paste:=xlPasteValues'
_MOM, _MS = _PASTE.format("momlast", "momtarget"), _PASTE.format("ms_last", "gradtarget")
_PREV = _PASTE.format("avg_grad2", "prev_grad2")
# reset bodies (2019's for the 2019 optimisers, so sheetsolver.reference.reset_state applies)
RESETS = {
    "momentum": ['Range("momtarget") = 0', "SLOPE", 'Range("lr").Value = 0.0001', _MOM],
    "anneal": ['Range("momtarget") = 0', "SLOPE", 'Range("lr").Value = 0.0001', _MOM],
    "nesterov": ['Range("momtarget") = 0', "SLOPE"],
    "rmsprop": ['Range("gradtarget") = 10000', "SLOPE", _MS, _MS],
    "adagrad": ['Range("gradtarget") = 0', "SLOPE"],
    "adam": ['Range("gradtarget") = 10000', 'Range("momtarget") = 0', "SLOPE",
             'Range("lr").Value = 1', _MS, _MOM, _MS, _MOM],
    "adam_ann": ["Application.Calculation = xlCalculationManual", 'Range("gradtarget") = 10000',
                 'Range("momtarget") = 0', "SLOPE", 'Range("lr").Value = 1', _PREV,
                 "ActiveSheet.Calculate", _MS, _MOM, "ActiveSheet.Calculate", _MS, _MOM, _PREV,
                 "Application.Calculation = xlCalculationAutomatic"],
    "amsgrad": ['Range("gradtarget") = 0', 'Range("momtarget") = 0', 'Range("maxtarget") = 0',
                "SLOPE"],
    "eve": ['Range("momtarget") = 0', 'Range("gradtarget") = 10000',
            'Range("fhattarget") = 1', "SLOPE"],
}
_SLOPE = 'Range("slope").Value = 1\nRange("const").Value = 1'

BASIC = """Sub onestep()
    Application.Calculation = xlCalculationManual
    Range("lastslope").Copy
    Range("slope").PasteSpecial Paste:=xlPasteValues
    Range("lastconst").Copy
    Range("const").PasteSpecial Paste:=xlPasteValues
    Application.Calculation = xlCalculationAutomatic
    Range("rmse").Copy
    Range("rmsestart").End(xlDown).Offset(1, 0).PasteSpecial Paste:=xlPasteValues
End Sub

Sub somesteps()
    Dim i As Integer
    i = 0
    While i < 5
        onestep
        i = i + 1
    Wend
    Module1.countstep
End Sub

Sub reset()
    Range("slope").Value = 1
    Range("const").Value = 1
    Range("rmses").Clear
    Application.Calculate
End Sub
"""

MODULE1 = """Option Explicit
Public stepsDone As Long

Sub countstep()
    stepsDone = stepsDone + 1
    Debug.Print "steps so far:"; stepsDone
End Sub
"""


def module_source(kind: str) -> str:
    if kind == "basic":
        return BASIC
    pastes = "".join(f'    Range("{last}").Copy\n    Range("{target}").PasteSpecial '
                     "Paste:=xlPasteValues\n" for last, _, target, _ in PAIRS[kind])
    onestep = ("Sub onestep()\n" + pastes +
               '    Range("lastslope").Copy\n    Range("slope").PasteSpecial Paste:=xlPasteValues\n'
               '    Range("lastconst").Copy\n    Range("const").PasteSpecial Paste:=xlPasteValues\n'
               "    ActiveSheet.Calculate\nEnd Sub\n")
    if kind == "adam_ann":
        body = """        onestep
        Select Case Range("gradrat").Value
            Case Is > 2
                Range("lr").Value = Range("lr").Value / 4
        End Select
        If Range("avg_grad2").Value < Range("prev_grad2").Value Then
            Range("avg_grad2").Copy
            Range("prev_grad2").PasteSpecial Paste:=xlPasteValues
        End If
        ActiveSheet.Calculate
"""
    elif kind == "anneal":
        body = """        onestep
        Range("lr").Value = Range("lr").Value * Range("decay").Value
        ActiveSheet.Calculate
"""
    else:
        body = "        onestep\n"
    somesteps = ("Sub somesteps()\n    Dim i As Integer\n"
                 "    Application.Calculation = xlCalculationManual\n    i = 1\n"
                 "    Do While i <= 5\n" + body + "        i = i + 1\n    Loop\n"
                 "    Application.Calculation = xlCalculationAutomatic\n    Call countstep\n"
                 "End Sub\n")
    lines = [ln for item in RESETS[kind] for ln in (_SLOPE if item == "SLOPE" else item)
             .split("\n")]
    reset = "Sub reset()\n" + "".join(f"    {ln}\n" for ln in lines) + "End Sub\n"
    return onestep + "\n" + somesteps + "\n" + reset


# tab name -> (module, kind, broken name or None)
TABS = {
    "basic SGD": ("basic", "basic", None),
    "momentum": ("momentum", "momentum", None),
    "adagrad": ("adagrad", "adagrad", None),
    "rmsprop": ("rmsprop", "rmsprop", None),
    "adam": ("adam", "adam", None),
    "adam ann": ("adam_ann", "adam_ann", None),
    "eve": ("eve", "eve", None),
    "amsgrad": ("amsgrad", "amsgrad", None),
    "lr annealing": ("anneal", "anneal", None),
    "nesterov": ("nesterov", "nesterov", None),
    "momentum old": ("Sheet11", "momentum", "momlast"),
    "rmsprop old": ("Sheet12", "rmsprop", "ms_last"),
    "adam old": ("Sheet13", "adam", "lastslope"),
}
ORDER = ["data", *list(TABS)[:10], "summary", *list(TABS)[10:], "chart"]


def _q(tab: str) -> str:
    return f"'{tab}'" if " " in tab else tab


def build(tmp_path, name="graddesc-2018-shape.xlsm"):
    """Write the workbook; returns its path.  16 tabs, 13 with onestep/somesteps/reset."""
    xs, ys = data()
    sheets, names, modules, codenames = {}, [], {}, {}
    for tab in ORDER:
        if tab == "data":
            sheets[tab] = {"A1": "x", "B1": "y", **{f"A{i+2}": x for i, x in enumerate(xs)},
                           **{f"B{i+2}": y for i, y in enumerate(ys)}}
            continue
        if tab in ("summary", "chart"):
            sheets[tab] = {"A1": tab, "B2": "=SQRT(SUM(momentum!L4:L32))"} if tab == "summary" \
                else {"A1": "chart"}
            continue
        module, kind, broken = TABS[tab]
        sheets[tab] = tab_cells(kind, xs, ys)
        codenames[tab] = module
        modules[module] = module_source(kind)
        q = _q(tab)
        defs = {"const": "$C$1", "slope": "$C$2", "lastconst": "$C$32", "lastslope": "$D$32"}
        if kind == "basic":
            defs.update(rmse="$F$33", rmsestart="$C$36", rmses="$C$38:$C$106", lr="$F$1")
        else:
            defs["lr"] = "$D$2"
            for last, lref, target, tref in PAIRS[kind]:
                defs[last], defs[target] = f"${lref[:1]}${lref[1:3]}:${lref[4]}${lref[5:]}", \
                    f"${tref[:1]}${tref[1:3]}:${tref[4]}${tref[5:]}"
        if kind == "anneal":
            defs["decay"] = "$F$1"
        if kind == "adam_ann":
            defs.update(avg_grad2="$N$33", gradrat="$N$34", prev_grad2="$N$3")
        for n, ref in defs.items():
            text = "#REF!" + ref if n == broken else f"{q}!{ref}"
            names.append((n, text, tab))
    modules["Module1"] = MODULE1
    return xlsm(tmp_path, sheets, modules, codenames=codenames, names=names, name=name)
