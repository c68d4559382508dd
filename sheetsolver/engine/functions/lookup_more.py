"""More of Excel's lookup & reference functions: LOOKUP, XLOOKUP, XMATCH, ADDRESS,
AREAS, INDIRECT, FORMULATEXT, HYPERLINK.

Matching uses Excel's value rules from :mod:`sheetsolver.rules` (``equal`` for exact
matches, ``order`` for approximate ones, ``text_matches`` for wildcards). INDIRECT
returns a reference (like OFFSET) and tells the engine which cells it reads, so the
evaluation order is checked and re-planned when it points somewhere new.
"""
from __future__ import annotations

import math
import re

import numpy as np

from ...formula.refs import MAX_COL, MAX_ROW, col_to_index, index_to_col, quote_sheet
from ...rules import equal, order, text_matches, to_bool, to_number, to_text
from ...values import NA, REF, VALUE, ExcelError
from ..batch import V, element, error, stack_scalars
from ..grid import RefV
from .base import FUNCTIONS, register
from .dynamic import _int as dynamic_int
from .lift import CATEGORIES, HELP, excel

LOOKUP = "Lookup & reference"


def _help(name: str) -> str:
    """The function's page on Excel's help site."""
    return f"https://support.microsoft.com/en-us/excel/functions/{name}-function"


def _rank(x) -> int:
    """Type class for approximate matches: only values of one class are compared."""
    if isinstance(x, bool):
        return 3
    if isinstance(x, str):
        return 2
    if isinstance(x, (int, float)):
        return 1
    return 0   # blank / error: never an approximate match


def _int(x, default):
    """An integer argument (omitted -> default); #VALUE! for a non-finite number."""
    return dynamic_int(x, default, nonfinite=VALUE)


# --- LOOKUP --------------------------------------------------------------------------
def _approx_last_le(x, items):
    """LOOKUP's rule: the position of the largest value <= x among values of x's type,
    scanning a (supposedly) ascending vector as Excel's binary search assumes."""
    best = None
    rx = _rank(x)
    for i, y in enumerate(items):
        if _rank(y) != rx or rx == 0:
            continue
        if order(y, x) <= 0:
            best = i
        else:
            break
    return best


def _lookup_at(x, vector, result):
    """(argument, row, col) of the value LOOKUP returns, or an ExcelError."""
    if isinstance(x, ExcelError):
        return x
    if x is None:
        x = 0.0
    h, w = len(vector), len(vector[0])
    if result is None:
        if w > h:   # array form: first row searched, last row returned
            keys = vector[0]
            at = [(1, h - 1, c) for c in range(w)]
        else:
            keys = [r[0] for r in vector]
            at = [(1, r, w - 1) for r in range(h)]
    else:
        if h != 1 and w != 1:
            return NA
        keys = [y for row in vector for y in row]
        rh, rw = len(result), len(result[0])
        if rh != 1 and rw != 1:
            return NA
        at = [(2, r, c) for r in range(rh) for c in range(rw)]
    p = _approx_last_le(x, keys)
    if p is None or p >= len(at):
        return NA
    return at[p]


@excel("LOOKUP", "xAA", min_args=2, category=LOOKUP, shared_arrays=True,
       help=_help("lookup"))
def lookup(x, vector, result=None):
    """Vector form (a lookup vector and a result vector) and array form (search the
    first row or column, return from the last), approximate match in ascending data."""
    at = _lookup_at(x, vector, result)
    if isinstance(at, ExcelError):
        return at
    k, r, c = at
    return (vector if k == 1 else result)[r][c]


def _lookup_grad(ctx, vals, out, g):
    """d LOOKUP / d the cell it returns is 1."""
    from .lift import _grid
    n = out.num.shape[0]
    res = [np.zeros((n,) + v.num.shape[1:]) for v in vals]
    for i in range(n):
        x = element(vals[0], min(i, vals[0].num.shape[0] - 1), 0, 0)
        at = _lookup_at(x, _grid(vals[1], i), _grid(vals[2], i) if len(vals) > 2 else None)
        if isinstance(at, tuple):
            k, r, c = at
            res[k][i, r, c] += np.broadcast_to(g, out.num.shape)[i, 0, 0]
    return [None] + [x if v.num.shape[0] == n else x.sum(axis=0, keepdims=True)
                     for x, v in zip(res[1:], vals[1:])]


FUNCTIONS["LOOKUP"].grad = _lookup_grad
FUNCTIONS["LOOKUP"].note = "LOOKUP: gradient to the cell it returns"


# --- XMATCH / XLOOKUP ----------------------------------------------------------------
def _is_match(x, y, wild: bool) -> bool:
    if isinstance(y, ExcelError):
        return False
    if isinstance(x, re.Pattern):     # match_mode 3: a regular expression found in text
        return isinstance(y, str) and x.search(y) is not None
    if wild and isinstance(x, str) and isinstance(y, str):
        return text_matches(x, y)
    return equal(x, y)


def _binary(x, items, descending: bool, mode: int):
    """Excel's binary search (search_mode 2 / -2) for exact (0) or next smaller (-1) /
    larger (1) matches; the data is assumed sorted."""
    lo, hi = 0, len(items) - 1
    sign = -1 if descending else 1
    found_le = found_ge = None
    while lo <= hi:
        mid = (lo + hi) // 2
        y = items[mid]
        if _rank(y) != _rank(x) or _rank(x) == 0:
            c = sign * (1 if _rank(y) > _rank(x) else -1) if _rank(x) else 1
        else:
            c = sign * order(y, x)
        if c == 0:
            return mid
        if c < 0:
            if sign > 0:
                found_le = mid
            else:
                found_ge = mid
            lo = mid + 1
        else:
            if sign > 0:
                found_ge = mid
            else:
                found_le = mid
            hi = mid - 1
    if mode == -1:
        return found_le
    if mode == 1:
        return found_ge
    return None


def _xmatch(x, items, match_mode, search_mode):
    """0-based position by XMATCH's rules, or None."""
    if search_mode in (2, -2):
        if match_mode in (2, 3):
            return None
        return _binary(x, items, search_mode == -2, match_mode)
    idx = range(len(items)) if search_mode == 1 else range(len(items) - 1, -1, -1)
    wild = match_mode == 2
    for i in idx:
        if _is_match(x, items[i], wild):
            return i
    if match_mode in (0, 2, 3):
        return None
    best = None
    rx = _rank(x)
    for i in idx:
        y = items[i]
        if rx == 0 or _rank(y) != rx:
            continue
        d = order(y, x)
        if (match_mode == -1 and d < 0) or (match_mode == 1 and d > 0):
            if best is None or (order(y, items[best]) > 0 if match_mode == -1
                                else order(y, items[best]) < 0):
                best = i
    return best


def _modes(match_mode, search_mode):
    m, s = _int(match_mode, 0), _int(search_mode, 1)
    for v in (m, s):
        if isinstance(v, ExcelError):
            return v, None
    if m not in (0, -1, 1, 2, 3) or s not in (1, -1, 2, -2) or (m == 3 and s in (2, -2)):
        return VALUE, None
    return m, s


def _regex(x):
    """match_mode 3 (Microsoft 365): ``x`` as a case-sensitive regular expression, found
    anywhere in a text item as REGEXTEST does; #VALUE! for a pattern that does not compile."""
    try:
        return re.compile(to_text(x))
    except re.error:
        return VALUE


def _vector(arr):
    """A row or column as a flat list and its orientation, or None for a 2-D array."""
    h, w = len(arr), len(arr[0])
    if w == 1:
        return [r[0] for r in arr], "col"
    if h == 1:
        return list(arr[0]), "row"
    return None, None


def _tag(x):
    """A hash key under which every value :func:`rules.equal` may match ``x`` sits."""
    if isinstance(x, bool):
        return ("b", x)
    if isinstance(x, str):
        return ("s", x.lower())
    if x is None:
        return ("z",)
    if isinstance(x, ExcelError):
        return ("e", x.code)
    return ("n", x)


_SHARED: dict = {}   # id(lookup array) -> (the array, its items, orientation, exact index)


def _prepared(look):
    """The lookup vector's items and an exact-match index, computed once for a lookup
    array shared by all cells of a group (lift.py passes the same list to each)."""
    hit = _SHARED.get(id(look))
    if hit is not None and hit[0] is look:
        return hit[1], hit[2], hit[3]
    items, how = _vector(look)
    index: dict = {}
    if items is not None:
        for i, y in enumerate(items):
            index.setdefault(_tag(y), []).append(i)
    if len(_SHARED) > 16:
        _SHARED.clear()
    _SHARED[id(look)] = (look, items, how, index)
    return items, how, index


def _find(x, look, match_mode, search_mode):
    """(0-based position or None, items, orientation) of XMATCH/XLOOKUP's search."""
    items, how, index = _prepared(look)
    if items is None:
        return None, None, None
    if match_mode == 0 and search_mode in (1, -1):
        hits = [i for i in index.get(_tag(x), ()) if _is_match(x, items[i], False)]
        if not hits:
            return None, items, how
        return (hits[0] if search_mode == 1 else hits[-1]), items, how
    return _xmatch(x, items, match_mode, search_mode), items, how


def _locate(x, look, match_mode, search_mode):
    """(position or None, items, "row"/"col") of ``x`` in ``look`` for XMATCH and
    XLOOKUP, or the error they give first: an error ``x``, a bad mode, or #VALUE! for a
    ``look`` that is neither one row nor one column."""
    if isinstance(x, ExcelError):
        return x
    m, s = _modes(match_mode, search_mode)
    if s is None:
        return m
    if m == 3:
        x = _regex(x)
        if isinstance(x, ExcelError):
            return x
    p, items, how = _find(x, look, m, s)
    if items is None:
        return VALUE
    return p, items, how


@excel("XMATCH", "xAxx", min_args=2, category=LOOKUP, zero_grad=True, shared_arrays=True,
       help=_help("xmatch"))
def xmatch(x, array, match_mode=None, search_mode=None):
    """1-based position of ``x`` (exact, next smaller/larger, wildcard; first-to-last,
    last-to-first or binary search)."""
    found = _locate(x, array, match_mode, search_mode)
    if isinstance(found, ExcelError):
        return found
    p = found[0]
    return NA if p is None else float(p + 1)


@excel("XLOOKUP", "xAAxxx", min_args=3, category=LOOKUP, shared_arrays=True,
       help=_help("xlookup"))
def xlookup(x, look, ret, if_not_found=None, match_mode=None, search_mode=None):
    """The item (row or column, for a 2-D return array) of ``ret`` where ``x`` is found
    in ``look``; ``if_not_found`` (default #N/A) otherwise."""
    found = _locate(x, look, match_mode, search_mode)
    if isinstance(found, ExcelError):
        return found
    p, items, how = found
    rh, rw = len(ret), len(ret[0])
    if how == "col" and rh != len(items) and not (len(items) == 1 and rw == 1):
        return VALUE
    if how == "row" and rw != len(items):
        return VALUE
    if p is None:
        return NA if if_not_found is None else if_not_found
    if how == "col" and rh == len(items):
        return [list(ret[p])]
    return [[row[p]] for row in ret]


def _xlookup_grad(ctx, vals, out, g):
    """d XLOOKUP / d return_array: the gradient goes to the element(s) it returned (or
    to if_not_found when nothing matched). An array of lookup values (element-wise
    XLOOKUP) sends each result's gradient to the first column/row of its match."""
    from .lift import _grid
    x, look, ret = vals[:3]
    n = out.num.shape[0]
    res = [None, None, np.zeros((n,) + ret.num.shape[1:])]
    if len(vals) > 3:
        res.append(np.zeros((n,) + vals[3].num.shape[1:]))
    res += [None] * (len(vals) - len(res))
    opt = [None if getattr(v, "missing", False) else element(v, 0, 0, 0) for v in vals[3:]]
    m, s = _modes(*(opt + [None, None, None])[1:3])
    if s is None:
        return [None] * len(vals)
    gb = np.broadcast_to(g, out.num.shape)
    lifted = x.num.shape[1:] != (1, 1)
    for i in range(n):
        items, how = _vector(_grid(look, i))
        if items is None:
            continue
        xs = _grid(x, i)
        H, W = (len(xs), len(xs[0])) if lifted else (1, 1)
        for r in range(H):
            for c in range(W):
                xi = xs[r][c] if lifted else xs[0][0]
                if isinstance(xi, ExcelError) or r >= gb.shape[1] or c >= gb.shape[2]:
                    continue
                p = _xmatch(xi, items, m, s)
                if p is None:
                    if len(vals) > 3 and not getattr(vals[3], "missing", False):
                        res[3][i, 0, 0] += gb[i, r, c]
                    continue
                if lifted:            # each result is the first column (row) of its match
                    at = (p, 0) if how == "col" else (0, p)
                    if at[0] < ret.num.shape[1] and at[1] < ret.num.shape[2]:
                        res[2][i, at[0], at[1]] += gb[i, r, c]
                elif how == "col" and ret.num.shape[1] == len(items):
                    res[2][i, p, :] += gb[i, 0, :ret.num.shape[2]]
                elif how == "row":
                    res[2][i, :, p] += gb[i, :ret.num.shape[1], 0]
    for k in (2, 3):
        if k < len(res) and res[k] is not None and vals[k].num.shape[0] != n:
            res[k] = res[k].sum(axis=0, keepdims=True)
    return res


FUNCTIONS["XLOOKUP"].grad = _xlookup_grad
FUNCTIONS["XLOOKUP"].note = "XLOOKUP: gradient to the return_array cell it returns"


# --- ADDRESS / HYPERLINK -------------------------------------------------------------
@excel("ADDRESS", "iixxx", min_args=2, category=LOOKUP, zero_grad=True, help=_help("address"))
def address(row, col, abs_num=None, a1=None, sheet=None):
    """A cell address as text: $C$2, C$2, $C2, C2 (abs_num 1-4) or R1C1 style."""
    k = _int(abs_num, 1)
    style = True if a1 is None else to_bool(a1)
    for v in (k, style):
        if isinstance(v, ExcelError):
            return v
    if isinstance(sheet, ExcelError):
        return sheet
    if k not in (1, 2, 3, 4) or row < 1 or row > MAX_ROW or col < 1 or col > MAX_COL:
        return VALUE
    row_abs, col_abs = k in (1, 2), k in (1, 3)
    if style:
        ref = f"{'$' if col_abs else ''}{index_to_col(col)}{'$' if row_abs else ''}{row}"
    else:
        ref = (f"R{row}" if row_abs else f"R[{row}]") + (f"C{col}" if col_abs else f"C[{col}]")
    if sheet is None:
        return ref
    s = to_text(sheet)
    if s == "":
        return "!" + ref
    return f"{quote_sheet(s)}!{ref}"


@excel("HYPERLINK", "xx", min_args=1, category=LOOKUP,
       deriv=lambda *xs: (1.0,) if len(xs) == 1 else (0.0, 1.0), help=_help("hyperlink"))
def hyperlink(link, friendly=None):
    """What the cell shows: the friendly name, or the link itself."""
    return link if friendly is None else friendly


# --- AREAS / FORMULATEXT -------------------------------------------------------------
@register("AREAS", modes=("ref",), zero_grad=True, min_args=1, max_args=1)
def _areas(ctx, ref):
    if not isinstance(ref, RefV):
        return error(VALUE)
    return V(np.ones((1, 1, 1)))


@register("FORMULATEXT", modes=("ref",), zero_grad=True, min_args=1, max_args=1)
def _formulatext(ctx, ref):
    if not isinstance(ref, RefV):
        return error(NA)
    wb = ctx.engine.wb
    sheet = wb.sheet(ref.grid.name)
    rs = np.broadcast_to(np.asarray(ref.r).reshape(-1), (max(np.size(ref.r),
                                                             np.size(ref.c)),))
    cs = np.broadcast_to(np.asarray(ref.c).reshape(-1), rs.shape)
    out = []
    for r, c in zip(rs.tolist(), cs.tolist()):
        cell = sheet.cells.get((int(r), int(c)))
        f = cell.formula if cell is not None and cell.tree is not None else None
        out.append(NA if f is None else "=" + f)
    return stack_scalars(out)


for _n, _h in (("AREAS", "areas"), ("FORMULATEXT", "formulatext")):
    CATEGORIES[_n] = LOOKUP
    HELP[_n] = _help(_h)


# --- INDIRECT ------------------------------------------------------------------------
_A1 = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
_COL = re.compile(r"^\$?([A-Za-z]{1,3})$")
_ROW = re.compile(r"^\$?(\d+)$")
_R1C1 = re.compile(r"^R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?$", re.I)


def _a1_part(text):
    """(r, c) of an A1 cell, or whole-column / whole-row markers."""
    m = _A1.match(text)
    if m:
        return int(m.group(2)), col_to_index(m.group(1).upper())
    return None


def _r1c1_part(text, row, col):
    m = _R1C1.match(text)
    if not m:
        return None

    def part(s, here):
        if s is None:
            return here
        if s.startswith("["):
            return here + int(s[1:-1])
        return int(s)
    return part(m.group(1), row), part(m.group(2), col)


def _split_sheet(text):
    if "!" not in text:
        return None, text
    s, _, rest = text.rpartition("!")
    if s.startswith("'") and s.endswith("'") and len(s) >= 2:
        s = s[1:-1].replace("''", "'")
    if s.startswith("[") and "]" in s:   # [Book]Sheet: another workbook is #REF! later
        s = "\0" + s   # kept whole; _resolve accepts it only when it names this workbook
    return s, rest


def _parse_ref(text: str, a1: bool, row: int, col: int):
    """(sheet or None, r1, c1, r2, c2) of a reference's text, or None."""
    sheet, body = _split_sheet(text.strip())
    parts = body.split(":")
    if len(parts) > 2 or not body:
        return None
    if a1:
        cells = [_a1_part(p) for p in parts]
        if all(cells):
            (r1, c1), (r2, c2) = cells[0], cells[-1]
        elif len(parts) == 2 and all(_COL.match(p) for p in parts):
            c1, c2 = (col_to_index(_COL.match(p).group(1).upper()) for p in parts)
            r1, r2 = 1, MAX_ROW
        elif len(parts) == 2 and all(_ROW.match(p) for p in parts):
            r1, r2 = (int(_ROW.match(p).group(1)) for p in parts)
            c1, c2 = 1, MAX_COL
        else:
            return None
    else:
        cells = [_r1c1_part(p, row, col) for p in parts]
        if not all(cells):
            return None
        (r1, c1), (r2, c2) = cells[0], cells[-1]
    r1, r2 = min(r1, r2), max(r1, r2)
    c1, c2 = min(c1, c2), max(c1, c2)
    if r1 < 1 or c1 < 1 or r2 > MAX_ROW or c2 > MAX_COL:
        return None
    return sheet, r1, c1, r2, c2


def _grid_named(engine, name):
    g = engine.grids.get(name)
    if g is not None:
        return g
    low = name.lower()
    for k, g in engine.grids.items():
        if k.lower() == low:
            return g
    return None


def _resolve(ctx, text, a1, row, col):
    """(grid, r1, c1, h, w) that INDIRECT's text names, or an ExcelError."""
    if isinstance(text, ExcelError):
        return text
    if not isinstance(text, str):
        text = to_text(text)
    parsed = _parse_ref(text, a1, row, col)
    if parsed is None:   # a defined name?
        wb = ctx.engine.wb
        name = text.strip()
        dn = wb.defined_name(name, ctx.sheet) if re.fullmatch(r"[A-Za-z_\\][\w.]*", name) \
            else None
        if dn is None:
            return REF
        try:
            areas = dn.areas(wb.sheets)
        except (ValueError, KeyError):
            return REF
        if len(areas) != 1:
            return REF
        a = areas[0]
        sheet, r1, c1, r2, c2 = a.sheet, a.r1, a.c1, a.r2, a.c2
    else:
        sheet, r1, c1, r2, c2 = parsed
    if sheet is not None and sheet.startswith("\0"):
        import os
        book, _, sheet = sheet[2:].partition("]")
        here = os.path.basename(str(getattr(ctx.engine.wb, "path", "") or ""))
        if book.lower() != here.lower():
            return REF      # another workbook: not open here, as in Excel when closed
    grid = _grid_named(ctx.engine, sheet if sheet is not None else ctx.sheet)
    if grid is None:
        return REF
    return grid, r1, c1, r2 - r1 + 1, c2 - c1 + 1


@register("INDIRECT", modes=("value", "value"), min_args=1, max_args=2, returns_ref=True)
def _indirect(ctx, text, a1=None):
    n = max(ctx.n, text.num.shape[0], 1 if a1 is None else a1.num.shape[0])
    rows = np.broadcast_to(np.asarray(ctx.rows).reshape(-1), (n,)) if np.size(ctx.rows) \
        else np.ones(n, int)
    cols = np.broadcast_to(np.asarray(ctx.cols).reshape(-1), (n,)) if np.size(ctx.cols) \
        else np.ones(n, int)
    found = []
    for i in range(n):
        t = element(text, min(i, text.num.shape[0] - 1), 0, 0)
        style = True
        if a1 is not None and not a1.missing:
            style = to_bool(element(a1, min(i, a1.num.shape[0] - 1), 0, 0))
            if isinstance(style, ExcelError):
                found.append(style)
                continue
        found.append(_resolve(ctx, t, style, int(rows[i]), int(cols[i])))
    ok = [f for f in found if not isinstance(f, ExcelError)]
    shapes = {(id(f[0]), f[3], f[4]) for f in ok}
    if len(ok) == n and len(shapes) == 1:
        grid, _, _, h, w = ok[0]
        r = np.array([f[1] for f in ok]) if n > 1 else ok[0][1]
        c = np.array([f[2] for f in ok]) if n > 1 else ok[0][2]
        key = ("INDIRECT", grid.name, h, w)
        last = ctx.refs.get(key)
        if last is not None and np.array_equal(last.r, r) and np.array_equal(last.c, c):
            return last
        ref = RefV(grid, r, c, h, w)
        ctx.engine.touched(ctx, ref)
        ctx.refs[key] = ref
        return ref
    # mixed results: single cells as values, errors as errors
    out = []
    for f in found:
        if isinstance(f, ExcelError):
            out.append(f)
            continue
        grid, r, c, h, w = f
        ref = RefV(grid, r, c, 1, 1)
        ctx.engine.touched(ctx, ref)
        out.append(element(ref.values(), 0, 0, 0) if (h, w) == (1, 1) else VALUE)
    return stack_scalars(out)


CATEGORIES["INDIRECT"] = LOOKUP
HELP["INDIRECT"] = _help("indirect")


# --- TRIMRANGE -----------------------------------------------------------------------
def _trim_span(blank_lines, mode):
    """(first, last+1) of the lines kept: mode 1 trims leading, 2 trailing, 3 both."""
    lo, hi = 0, len(blank_lines)
    if mode in (1, 3):
        while lo < hi and blank_lines[lo]:
            lo += 1
    if mode in (2, 3):
        while hi > lo and blank_lines[hi - 1]:
            hi -= 1
    return lo, hi


@register("TRIMRANGE", modes=("ref", "value", "value"), min_args=1, max_args=3,
          returns_ref=True)
def _trimrange(ctx, src, trim_rows=None, trim_cols=None):
    """The range without its blank outer rows/columns (a reference, as in Excel). An
    entirely blank range gives #REF! here (Excel's result is not documented)."""
    from ..batch import BLANK
    modes = []
    for a in (trim_rows, trim_cols):
        m = 3 if a is None or a.missing else _int(element(a, 0, 0, 0), 3)
        if isinstance(m, ExcelError):
            return error(m)
        if m not in (0, 1, 2, 3):
            return error(VALUE)
        modes.append(m)
    vals = src.values() if isinstance(src, RefV) else src
    spans = []
    for i in range(vals.num.shape[0]):
        blank = np.zeros(vals.num.shape[1:], bool) if vals.kind is None else \
            vals.kind[i] == BLANK
        r0, r1 = _trim_span(blank.all(axis=1).tolist(), modes[0])
        c0, c1 = _trim_span(blank.all(axis=0).tolist(), modes[1])
        spans.append(None if r1 <= r0 or c1 <= c0 else (r0, r1, c0, c1))
    if any(sp is None for sp in spans):
        if len(spans) == 1:
            return error(REF)
        return stack_scalars([REF if sp is None else VALUE for sp in spans])
    sizes = {(r1 - r0, c1 - c0) for r0, r1, c0, c1 in spans}
    if isinstance(src, RefV) and len(sizes) == 1:
        (h, w), = sizes
        rs = np.broadcast_to(np.asarray(src.r).reshape(-1), (len(spans),))
        cs = np.broadcast_to(np.asarray(src.c).reshape(-1), (len(spans),))
        r = np.array([int(rs[i]) + sp[0] for i, sp in enumerate(spans)])
        c = np.array([int(cs[i]) + sp[2] for i, sp in enumerate(spans)])
        if len(spans) == 1:
            return RefV(src.grid, int(r[0]), int(c[0]), h, w)
        return RefV(src.grid, r, c, h, w)
    # arrays, or copies trimmed to different sizes: the values, padded with blanks
    from .lift import _grid, _result_to_v
    out = []
    for i, (r0, r1, c0, c1) in enumerate(spans):
        g = _grid(vals, i)
        out.append([row[c0:c1] for row in g[r0:r1]])
    H = max(len(g) for g in out)
    W = max(len(g[0]) for g in out)
    return _result_to_v([[(row + [None] * (W - len(row))) for row in g] +
                         [[None] * W for _ in range(H - len(g))] for g in out])


CATEGORIES["TRIMRANGE"] = LOOKUP
HELP["TRIMRANGE"] = _help("trimrange")
