"""Information functions beyond info.py: ERROR.TYPE, ISEVEN, ISODD, N, TYPE, ISREF,
ISFORMULA, SHEET, SHEETS, INFO and CELL.

ISREF, ISFORMULA, TYPE, SHEET, SHEETS and CELL look at the reference itself, so they
are registered with the ``'ref'`` argument mode (as ROW and COLUMN are in lookup.py).
"""
from __future__ import annotations

import math
import os

import numpy as np

from ...formula.refs import index_to_col
from ...values import NA, REF, VALUE, ExcelError
from ..batch import BOOL, V, element, error, stack_scalars
from ..grid import RefV
from .base import register
from .lift import CATEGORIES, HELP, excel
from .no_logicals import number_not_logical

_MS = "https://support.microsoft.com/en-us/excel/functions/"
_INFO = "Information"


def _help(page: str) -> str:
    """The function's page on Excel's help site ("imabs" -> .../imabs-function)."""
    return f"{_MS}{page}-function"


def _meta(name, slug):
    CATEGORIES[name] = _INFO
    HELP[name] = _help(slug)


_ERROR_NUMBERS = {"#NULL!": 1.0, "#DIV/0!": 2.0, "#VALUE!": 3.0, "#REF!": 4.0, "#NAME?": 5.0,
                  "#NUM!": 6.0, "#N/A": 7.0, "#GETTING_DATA": 8.0}


@excel("ERROR.TYPE", "x", category=_INFO, zero_grad=True,
       help=_help("error-type"))
def error_type(x):
    """ERROR.TYPE: 1 for #NULL! ... 7 for #N/A; #N/A when the value is not an error."""
    if isinstance(x, ExcelError):
        return _ERROR_NUMBERS.get(x.code, NA)
    return NA


def _parity(odd: bool):
    def fn(x):
        v = number_not_logical(x)
        if isinstance(v, ExcelError):
            return v
        return (int(math.trunc(v)) % 2 == 1) == odd
    return fn


excel("ISEVEN", "x", category=_INFO, zero_grad=True,
      help=_help("iseven"))(_parity(False))
excel("ISODD", "x", category=_INFO, zero_grad=True,
      help=_help("isodd"))(_parity(True))


@excel("N", "x", category=_INFO, deriv=lambda x: (1.0,),
       help=_help("n"))
def n(x):
    """N: a number as it is, TRUE 1, FALSE 0, an error as it is, anything else 0."""
    if isinstance(x, ExcelError):
        return x
    if isinstance(x, bool):
        return 1.0 if x else 0.0
    if isinstance(x, (int, float)):
        return float(x)
    return 0.0


def _type_of(x) -> float:
    if isinstance(x, ExcelError):
        return 16.0
    if isinstance(x, bool):
        return 4.0
    if isinstance(x, str):
        return 2.0
    return 1.0


def _batch(*args):
    n_ = 1
    for a in args:
        if a is None or getattr(a, "missing", False):
            continue
        n_ = max(n_, np.size(a.r) if isinstance(a, RefV) else a.num.shape[0])
    return n_


def _bools(values):
    return V(np.array(values, float).reshape(-1, 1, 1),
             np.full((len(values), 1, 1), BOOL, np.int8))


@register("TYPE", modes=("ref",), zero_grad=True, min_args=1, max_args=1)
def _type(ctx, x):
    """TYPE: 1 number (or blank), 2 text, 4 logical, 16 error, 64 array or range."""
    if isinstance(x, RefV):
        if x.h * x.w > 1:
            return V(np.full((1, 1, 1), 64.0))
        x = x.values()
    if x.num.shape[1] * x.num.shape[2] > 1:
        return V(np.full((1, 1, 1), 64.0))
    return stack_scalars([_type_of(element(x, i, 0, 0)) for i in range(x.num.shape[0])])


@register("ISREF", modes=("ref",), zero_grad=True, min_args=1, max_args=1)
def _isref(ctx, x):
    """ISREF: TRUE for a reference (a range, a name for one, OFFSET/INDEX results)."""
    return _bools([isinstance(x, RefV)])


def _cells(ref: RefV, n_: int):
    """Top-left (row, col) of a reference per batch element."""
    r = np.broadcast_to(np.asarray(ref.r).reshape(-1), (n_,))
    c = np.broadcast_to(np.asarray(ref.c).reshape(-1), (n_,))
    return r, c


@register("ISFORMULA", modes=("ref",), zero_grad=True, min_args=1, max_args=1)
def _isformula(ctx, ref):
    """ISFORMULA: does the (top-left) cell of the reference hold a formula?"""
    if not isinstance(ref, RefV):
        return error(VALUE)
    n_ = _batch(ref)
    ugrid = ctx.engine.ugrid[ref.grid.name]
    r, c = _cells(ref, n_)
    g = ref.grid
    out = []
    for i in range(n_):
        ri, ci = int(r[i]), int(c[i])
        out.append(ri <= g.maxr and ci <= g.maxc and bool(ugrid[ri, ci] >= 0))
    return _bools(out)


def _sheet_names(ctx):
    return [s.name for s in ctx.engine.wb.sheets]


@register("SHEET", modes=("ref",), zero_grad=True, min_args=0, max_args=1)
def _sheet(ctx, x=None):
    """SHEET([value]): the sheet number of a reference or a sheet name (this sheet when
    omitted); an unknown name is #N/A."""
    names = _sheet_names(ctx)
    if x is None or getattr(x, "missing", False):
        return V(np.full((1, 1, 1), float(names.index(ctx.sheet) + 1)))
    if isinstance(x, RefV):
        return V(np.full((1, 1, 1), float(names.index(x.grid.name) + 1)))
    lower = [s.lower() for s in names]
    out = []
    for i in range(x.num.shape[0]):
        v = element(x, i, 0, 0)
        if isinstance(v, ExcelError):
            out.append(v)
        elif isinstance(v, str) and v.lower() in lower:
            out.append(float(lower.index(v.lower()) + 1))
        else:
            out.append(NA)
    return stack_scalars(out)


@register("SHEETS", modes=("ref",), zero_grad=True, min_args=0, max_args=1)
def _sheets(ctx, x=None):
    """SHEETS([reference]): sheets in the workbook, or 1 for a (single-sheet) reference."""
    if x is None or getattr(x, "missing", False):
        return V(np.full((1, 1, 1), float(len(_sheet_names(ctx)))))
    if isinstance(x, RefV):
        return V(np.full((1, 1, 1), 1.0))
    return error(REF)


_meta("TYPE", "type")
_meta("ISREF", "is")
HELP["ISREF"] = _MS + "is-functions"
_meta("ISFORMULA", "isformula")
_meta("SHEET", "sheet")
_meta("SHEETS", "sheets")


# --- INFO ---------------------------------------------------------------------------
def _path(ctx) -> str:
    return os.path.abspath(str(getattr(ctx.engine.wb, "path", "") or "Book1.xlsx"))


@excel("INFO", "s", category=_INFO, zero_grad=True, ctx=True,
       help=_help("info"))
def info(c, type_text):
    """INFO: "directory", "numfile", "origin", "osversion", "recalc", "release", "system".
    The operating-system answers are the fixed strings a current Windows Excel gives."""
    t = type_text.strip().lower()
    if t == "directory":
        return os.path.dirname(_path(c)) + os.sep
    if t == "numfile":
        return float(sum(1 for s in c.engine.wb.sheets))
    if t == "origin":
        return "$A:$A$1"
    if t == "osversion":
        return "Windows (64-bit) NT 10.00"
    if t == "recalc":
        return "Automatic"
    if t == "release":
        return "16.0"
    if t == "system":
        return "pcdos"
    return VALUE


# --- CELL ---------------------------------------------------------------------------
def _quoted(sheet: str) -> str:
    if sheet.replace("_", "").isalnum() and not sheet[0].isdigit():
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def _cell_info(ctx, what: str, sheet: str, r: int, col: int, grid):
    if what == "address":
        a = f"${index_to_col(col)}${r}"
        if sheet != ctx.sheet:
            book = os.path.basename(_path(ctx))
            return f"[{book}]{_quoted(sheet)}!{a}"
        return a
    if what == "col":
        return float(col)
    if what == "row":
        return float(r)
    value = grid.get(r, col) if grid is not None else None
    if what == "contents":
        return 0.0 if value is None else value
    if what == "type":
        if value is None:
            return "b"
        return "l" if isinstance(value, str) else "v"
    if what == "filename":
        p = _path(ctx)
        return f"{os.path.dirname(p)}{os.sep}[{os.path.basename(p)}]{sheet}"
    return VALUE


_CELL_TYPES = {"address", "col", "row", "contents", "type", "filename"}


@register("CELL", modes=("value", "ref"), zero_grad=True, min_args=1, max_args=2)
def _cell(ctx, info_type, ref=None):
    """CELL(info_type, [reference]) for "address", "col", "row", "contents", "type" and
    "filename"; formatting queries ("format", "width", "color", ...) need cell styles,
    which are not read, and give #VALUE!. Without a reference: the formula's own cell."""
    has_ref = ref is not None and not getattr(ref, "missing", False)
    if has_ref and not isinstance(ref, RefV):
        return error(VALUE)
    n_ = max(_batch(info_type, ref if has_ref else None), ctx.n if not has_ref else 1)
    out = []
    for i in range(n_):
        t = element(info_type, min(i, info_type.num.shape[0] - 1), 0, 0)
        if isinstance(t, ExcelError):
            out.append(t)
            continue
        if not isinstance(t, str) or t.strip().lower() not in _CELL_TYPES:
            out.append(VALUE)
            continue
        if has_ref:
            r, c = _cells(ref, n_)
            sheet, grid, ri, ci = ref.grid.name, ref.grid, int(r[i]), int(c[i])
        else:
            k = min(i, len(ctx.rows) - 1)
            sheet = ctx.sheet
            grid = ctx.engine.grids.get(sheet)
            ri, ci = int(ctx.rows[k]), int(ctx.cols[k])
        out.append(_cell_info(ctx, t.strip().lower(), sheet, ri, ci, grid))
    return stack_scalars(out)


_meta("CELL", "cell")
