"""Formula text rewritten, before parsing, where it refers to things only the workbook
knows: tables (structured references), runs of sheets (3-D references) and other
workbooks (external references). Each becomes ordinary formula text the parser reads:

- ``Table1[Price]``, ``[@Price]`` ... -> ``'Data'!$B$2:$B$9`` (:mod:`structured`);
- ``SUM(Jan:Mar!B2)`` -> ``SUM('Jan'!B2,'Feb'!B2,'Mar'!B2)``: the sheets from the first to
  the last in workbook order. Inside the functions that accept 3-D references (SUM,
  AVERAGE, COUNT, MAX, ... all of which treat each argument alike) this is exactly
  Excel's result; elsewhere the areas are joined as a union ``(a,b,c)``;
- ``[1]Sheet1!A1`` -> the value Excel cached from the other workbook
  (:mod:`sheetsolver.package.external`).

Anything that cannot be resolved is left as it was, so the formula stays unparseable
and its cell keeps Excel's cached value (reported as uncomputable).
"""
from __future__ import annotations

import re

from . import structured
from .refs import col_to_index, quote_sheet

# the functions that take 3-D references (Excel help: "Create a 3-D reference to the same
# cell range on multiple worksheets")
FUNCTIONS_3D = frozenset("""SUM AVERAGE AVERAGEA COUNT COUNTA MAX MAXA MIN MINA PRODUCT
STDEV STDEVA STDEVP STDEVPA STDEV.S STDEV.P VAR VARA VARP VARPA VAR.S VAR.P""".split())

_IDENT = re.compile(r"[A-Za-z_\\\u00c0-\uffff][A-Za-z0-9_.?\\\u00c0-\uffff]*")
_ID_CHAR = re.compile(r"[A-Za-z0-9_.?\\\u00c0-\uffff$]")
_REF = re.compile(r"""(\$?[A-Za-z]{1,3}\$?[0-9]+(?::\$?[A-Za-z]{1,3}\$?[0-9]+)?
                     |\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?[0-9]+:\$?[0-9]+)(?![A-Za-z0-9_(.])""",
                  re.X)
_EXT = re.compile(r"\[(\d+)\]")
_EXT_BOOK = re.compile(r"\[[^\[\]@#']+\]")     # [1] or [Book.xlsx] before a sheet name
_EXT_PATH = re.compile(r"^(?:.*[\\/])?\[([^\]]+)\](.*)$")


def _basename(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


# a sheet prefix holding a colon: a 3-D reference (quoted or not) may be in the text
_HINT_3D = re.compile(r"(?:'[^'!]*:[^']*'"
                      r"|[A-Za-z_\u00c0-\uffff][\w.]*:[A-Za-z_\u00c0-\uffff][\w.]*)!")


def _cell(text: str):
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?([0-9]+)", text)
    return int(m.group(2)), col_to_index(m.group(1))


def _closing_quote(text: str, i: int) -> int:
    """Index of the quote closing the one at text[i] (a doubled quote inside is an
    escaped one), or len(text) when it is never closed."""
    q, j, n = text[i], i + 1, len(text)
    while j < n:
        if text[j] == q:
            if j + 1 < n and text[j + 1] == q:
                j += 2
                continue
            break
        j += 1
    return j


class RefRewriter:
    """``rewriter(text, sheet, row, col)`` -> formula text for the parser.

    ``tables``: :class:`sheetsolver.package.tables.Table` list; ``sheets``: sheet names in
    workbook order; ``externals``: index -> :class:`sheetsolver.package.external.ExternalBook`.
    """

    def __init__(self, tables=(), sheets=(), externals=None):
        self.tables = {t.name.lower(): t for t in tables}
        self.sheets = list(sheets)
        self.sheet_pos = {s.lower(): k for k, s in enumerate(self.sheets)}
        self.externals = externals or {}
        self._memo = {}
        self._table_names = re.compile(
            r"(?<![A-Za-z0-9_.\\!])(" + "|".join(re.escape(t.name) for t in tables) + r")\b",
            re.I) if tables else None

    @property
    def active(self) -> bool:
        return bool(self.tables or self.externals or len(self.sheets) > 1)

    def needed(self, text: str) -> bool:
        if "[" in text:
            return True
        if "!" in text and len(self.sheets) > 1 and _HINT_3D.search(text):
            return True
        return self._table_names is not None and self._table_names.search(text) is not None

    def __call__(self, text: str, sheet: str | None = None, row: int | None = None,
                 col: int | None = None) -> str:
        if not text or not self.needed(text):
            return text
        # a table's calculated column repeats one text on every row: rewrite it once
        key = (text, sheet, self._host_table(sheet, row, col) if "[" in text else None)
        pieces = self._memo.get(key)
        if pieces is None:
            try:
                pieces = self._rewrite(text, sheet, row, col)
            except (structured.StructuredRefError, ValueError, KeyError, IndexError):
                pieces = [text]
            self._memo[key] = pieces
        return "".join(p if p.__class__ is str else p.text(row) for p in pieces)

    # the scanner ------------------------------------------------------------------
    def _rewrite(self, text, sheet, row, col):
        out = []
        calls = []          # for each open '(': the function name before it, or None
        i, n = 0, len(text)
        last_ident = None   # the identifier just written (a function name if '(' follows)
        while i < n:
            ch = text[i]
            if ch == '"':
                j = _closing_quote(text, i)
                out.append(text[i:j + 1])
                i, last_ident = j + 1, None
                continue
            if ch == "'":
                j = _closing_quote(text, i)
                name = text[i + 1:j].replace("''", "'")
                after = j + 1
                if after < n and text[after] == "!":
                    done = self._prefixed(text, out, calls, name, after + 1)
                    if done is not None:
                        i, last_ident = done, None
                        continue
                out.append(text[i:j + 1])
                i, last_ident = j + 1, None
                continue
            if ch == "[":
                m = _EXT_BOOK.match(text, i)
                if m and m.end() < n and (text[m.end()] == "!" or _IDENT.match(text, m.end())):
                    k = m.end()
                    sm = _IDENT.match(text, k)
                    end = k if text[k] == "!" else sm.end() if sm else n
                    if end < n and text[end] == "!":    # [1]Sheet1!A1 or [1]!Name
                        done = self._prefixed(text, out, calls, text[i:end], end + 1)
                        if done is not None:
                            i, last_ident = done, None
                            continue
                    out.append(text[i:k])
                    i, last_ident = k, None
                    continue
                # Name[...] of an unknown table is left alone; a bare [...] is the host's table
                table = None if last_ident else self._host_table(sheet, row, col)
                e = structured.bracket_end(text, i)
                if table is None:
                    out.append(text[i:e])
                else:
                    out.append(structured.piece(table, text[i + 1:e - 1]))
                i, last_ident = e, None
                continue
            if ch == "(":
                calls.append(last_ident)
                out.append(ch)
                i, last_ident = i + 1, None
                continue
            if ch == ")":
                if calls:
                    calls.pop()
                out.append(ch)
                i, last_ident = i + 1, None
                continue
            prev = text[i - 1] if i else ""
            m = _IDENT.match(text, i) if not (prev and _ID_CHAR.match(prev)) else None
            if m:
                ident = m.group()
                e = m.end()
                # 3-D reference written without quotes: Jan:Mar!B2
                if e < n and text[e] == ":":
                    m2 = _IDENT.match(text, e + 1)
                    if m2 and m2.end() < n and text[m2.end()] == "!":
                        done = self._prefixed(text, out, calls, text[i:m2.end()],
                                              m2.end() + 1)
                        if done is not None:
                            i, last_ident = done, None
                            continue
                table = self.tables.get(ident.lower())
                if table is not None and prev != "!" and (e >= n or text[e] not in "(!"):
                    if e < n and text[e] == "[":
                        be = structured.bracket_end(text, e)
                        out.append(structured.piece(table, text[e + 1:be - 1]))
                        i = be
                    else:
                        out.append(structured.piece(table, None))
                        i = e
                    last_ident = None
                    continue
                out.append(ident)
                last_ident = ident.upper()
                for p in ("_XLFN.", "_XLWS."):
                    last_ident = last_ident.removeprefix(p)
                i = e
                continue
            out.append(ch)
            i += 1
            if not ch.isspace():
                last_ident = None
        return out

    def _host_table(self, sheet, row, col):
        if sheet is None or row is None:
            return None
        for t in self.tables.values():
            if t.sheet.lower() == sheet.lower() and t.contains(row, col):
                return t
        return None

    def _prefixed(self, text, out, calls, prefix, k):
        """A sheet prefix ``prefix`` (unquoted) ending just before ``text[k]``: rewrite a
        3-D or external reference; None when it is neither (or cannot be resolved)."""
        m = _EXT.match(prefix)
        if m:
            return self._external(text, out, int(m.group(1)), prefix[m.end():], k)
        m = _EXT_PATH.match(prefix)    # 'C:\dir\[Book.xlsx]Sheet1': the link by file name
        if m:
            for index, book in self.externals.items():
                if _basename(book.target).lower() == m.group(1).lower():
                    return self._external(text, out, index, m.group(2), k)
            return None
        if ":" not in prefix:
            return None
        first, _, last = prefix.partition(":")
        a, b = self.sheet_pos.get(first.lower()), self.sheet_pos.get(last.lower())
        rm = _REF.match(text, k)
        if a is None or b is None or rm is None:
            return None
        ref = rm.group(1)
        lo, hi = min(a, b), max(a, b)
        parts = [f"{quote_sheet(s)}!{ref}" for s in self.sheets[lo:hi + 1]]
        whole_arg = self._whole_argument(text, out, rm.end())
        if len(parts) == 1:
            out.append(parts[0])
        elif whole_arg and calls and calls[-1] in FUNCTIONS_3D:
            out.append(",".join(parts))
        else:
            out.append("(" + ",".join(parts) + ")")
        return rm.end()

    @staticmethod
    def _whole_argument(text, out, end):
        before = "".join(map(str, out)).rstrip()
        after = text[end:].lstrip()
        return before.endswith(("(", ",")) and after[:1] in (")", ",")

    def _external(self, text, out, index, sheet, k):
        book = self.externals.get(index)
        if book is None:
            return None
        if not sheet:   # [1]!Name: a defined name of the other workbook
            nm = _IDENT.match(text, k)
            if nm is None:
                return None
            target = book.names.get(nm.group().lower(), "").lstrip("=")
            inner = re.fullmatch(r"(?:'((?:[^']|'')+)'|([^!]+))!(.+)", target)
            if inner is None:
                return None
            s = (inner.group(1) or "").replace("''", "'") or inner.group(2)
            rm = _REF.fullmatch(inner.group(3))
            end = nm.end()
        else:
            s = sheet
            rm = _REF.match(text, k)
            end = rm.end() if rm else None
        if rm is None:
            return None
        from ..package.external import area_text
        a, _, b = rm.group(1).partition(":")
        try:
            r1, c1 = _cell(a)
            r2, c2 = _cell(b) if b else (r1, c1)
        except AttributeError:
            return None
        value = area_text(book, s, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))
        if value is None:
            return None
        out.append(value)
        return end
