"""Which optimiser a graddesc-style tab implements, read from its formulas and macro.

Why not the tab's name: other versions of the course workbook call the tabs
"basic SGD", "adam ann" and so on.  A tab is recognised when the formulas of its
second training row (row 5), written relative to their row (``J4`` in row 5 is
``J[-1]``), are exactly those of a known optimiser (:data:`SIGNATURES`, from the
cell formulas each :mod:`sheetsolver.reference` function mirrors), and its own
code module has an ``onestep`` macro.  adam and adam_ann share their rows; the
annealing tab is told apart by its ``avg_grad2`` cell N33 (=SQRT(L33)+SQRT(M33)).
"""
from __future__ import annotations

import re

__all__ = ["SIGNATURES", "relative_formula", "recognise_tab", "classify_tabs"]

SIGNATURE_ROW = 5

_GRAD = {"E": "C[0]+D[0]*A[0]", "F": "2*(D[0]*A[0]+C[0]-B[0])", "G": "F[0]*A[0]"}
_ADAM = {**_GRAD, "J": "J[-1]*$J$1+$K$1*F[0]", "K": "K[-1]*$J$1+$K$1*G[0]",
         "L": "L[-1]*$L$1+$M$1*F[0]^2", "M": "M[-1]*$L$1+$M$1*G[0]^2"}
SIGNATURES: dict[str, dict[str, str]] = {
    "basic": {"E": "C[0]+D[0]*A[0]", "F": "(B[0]-E[0])^2",
              "G": "(((C[0]+0.01)+A[0]*D[0])-B[0])^2", "H": "(G[0]-F[0])/0.01",
              "I": "(((D[0]+0.01)*A[0]+C[0])-B[0])^2", "J": "(I[0]-F[0])/0.01",
              "K": "2*(E[0]-B[0])", "L": "K[0]*A[0]", "M": "D[0]-L[0]*$F$1",
              "N": "C[0]-K[0]*$F$1"},
    "momentum": {**_GRAD, "H": "C[0]-J[0]*$D$2", "I": "D[0]-K[0]*$D$2",
                 "J": "J[-1]*$J$1+$K$1*F[0]", "K": "K[-1]*$J$1+$K$1*G[0]"},
    "rmsprop": {**_GRAD, "H": "C[0]-F[0]*$D$2/SQRT(J[-1])", "I": "D[0]-G[0]*$D$2/SQRT(K[-1])",
                "J": "J[-1]*$J$1+$K$1*F[0]^2", "K": "K[-1]*$J$1+$K$1*G[0]^2"},
    "adam": {**_ADAM, "H": "C[0]-J[0]*$D$2/SQRT(L[0])", "I": "D[0]-K[0]*$D$2/SQRT(M[0])"},
    "adagrad": {**_GRAD, "H": "C[0]-$D$2*F[0]/SQRT(J[0])", "I": "D[0]-$D$2*G[0]/SQRT(K[0])",
                "J": "J[-1]+F[0]^2", "K": "K[-1]+G[0]^2"},
    "amsgrad": {**_ADAM, "N": "MAX(N[-1],L[0])", "O": "MAX(O[-1],M[0])",
                "H": "C[0]-J[0]*$D$2/SQRT(N[0])", "I": "D[0]-K[0]*$D$2/SQRT(O[0])"},
    "eve": {**_ADAM, "N": "(B[0]-E[0])^2",
            "O": "MIN(MAX(IF(N[0]>=O[-1],1+$O$1,1/(1+$P$1)),N[0]/O[-1]),"
                 "IF(N[0]>=O[-1],1+$P$1,1/(1+$O$1)))*O[-1]",
            "P": "$N$1*P[-1]+(1-$N$1)*ABS(O[0]-O[-1])/MIN(O[0],O[-1])",
            "H": "C[0]-J[0]*$D$2/(P[0]*SQRT(L[0]))", "I": "D[0]-K[0]*$D$2/(P[0]*SQRT(M[0]))"},
}
# more specific signatures first (eve and amsgrad contain adam's J..M)
_ORDER = ("basic", "eve", "amsgrad", "adam", "rmsprop", "momentum", "adagrad")

_REL = re.compile(r"(?<![$A-Z\d.])([A-Z]{1,3})(\d+)(?![\d(])")


def relative_formula(text: str, row: int) -> str:
    """``C5-J4*$D$2`` in row 5 -> ``C[0]-J[-1]*$D$2`` (spaces dropped, upper case)."""
    text = text.replace(" ", "").upper().lstrip("=")
    return _REL.sub(lambda m: f"{m.group(1)}[{int(m.group(2)) - row}]", text)


def _formula(sheet, ref: str) -> str | None:
    cell = sheet.cell(ref)
    return cell.formula if cell is not None and cell.is_formula else None


def recognise_tab(book, sheet: str) -> str | None:
    """The optimiser kind whose row formulas ``sheet`` has, or None."""
    sh = book.wb.sheet(sheet)
    for kind in _ORDER:
        sig = SIGNATURES[kind]
        ok = True
        for letter, want in sig.items():
            got = _formula(sh, f"{letter}{SIGNATURE_ROW}")
            if got is None or relative_formula(got, SIGNATURE_ROW) != want:
                ok = False
                break
        if ok:
            if kind == "adam":
                n33 = _formula(sh, "N33")
                if n33 is not None and n33.replace(" ", "").upper() == "SQRT(L33)+SQRT(M33)":
                    return "adam_ann"
            return kind
    return None


def classify_tabs(book, project) -> list[tuple[str, str | None, str]]:
    """``[(tab, kind or None, note)]`` for every tab whose own code module has
    ``onestep``, in tab order; kind None: no reference for its layout."""
    out = []
    for sh in book.wb.sheets:
        code = project.codenames.get(sh.name)
        mod = project.modules.get(code) if code else None
        if mod is None or "onestep" not in mod.procedures:
            continue
        kind = recognise_tab(book, sh.name)
        note = (f"{kind} layout, module {code}" if kind else
                f"module {code} has onestep, but the row formulas (row {SIGNATURE_ROW}) match "
                "no reference optimiser")
        out.append((sh.name, kind, note))
    return out

