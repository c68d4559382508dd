"""Tokenizer for the small VBA subset run by :mod:`sheetsolver.vba.interpreter`.

Why its own lexer: VBA is line oriented (statements end at a newline or ``:``,
`` _`` continues a line, ``'``/``Rem`` start comments), which a general
tokenizer gets wrong.  It never raises: characters it does not know become
``OP`` tokens that the parser then refuses, with the statement's line number.
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Token", "tokenize"]

NUM, STR, ID, OP, NL, EOF = "NUM", "STR", "ID", "OP", "NL", "EOF"

_TWO_CHAR_OPS = ("<=", ">=", "<>", ":=")
_ONE_CHAR_OPS = set("=<>+-*/\\^&(),.:!#[]{};?@$%|~`")


@dataclass(frozen=True)
class Token:
    """One token: kind (NUM/STR/ID/OP/NL/EOF), its value and 1-based line."""
    kind: str
    value: object
    line: int

    def is_op(self, *ops: str) -> bool:
        return self.kind == OP and self.value in ops

    def is_kw(self, *words: str) -> bool:
        """Keyword test (case-insensitive identifier match)."""
        return self.kind == ID and self.value.lower() in words


def _is_continuation(text: str, i: int) -> bool:
    """True if ``text[i] == '_'`` is a line-continuation (space before, EOL after)."""
    return (text[i] == "_" and (i == 0 or text[i - 1] in " \t")
            and text[i + 1:].strip() == "")


def tokenize(source: str) -> list[Token]:
    """Split VBA source into tokens; ``:`` is returned as an ``OP`` token."""
    toks: list[Token] = []
    comment_continues = False
    for lineno, text in enumerate(source.replace("\r\n", "\n").replace("\r", "\n")
                                  .split("\n"), start=1):
        if comment_continues:                 # a comment ending in " _" eats this line
            comment_continues = text.rstrip().endswith(" _") or text.strip() == "_"
            if not comment_continues:
                toks.append(Token(NL, None, lineno))
            continue
        continued = False
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch in " \t\xa0":
                i += 1
            elif ch == "'" or (_word_at(text, i).lower() == "rem" and _rem_ok(toks, lineno)):
                comment_continues = text.rstrip().endswith(" _")
                continued = comment_continues
                break
            elif ch == "_" and _is_continuation(text, i):
                continued = True
                break
            elif ch == '"':
                j, buf = i + 1, []
                while j < n:
                    if text[j] == '"':
                        if j + 1 < n and text[j + 1] == '"':
                            buf.append('"')
                            j += 2
                            continue
                        break
                    buf.append(text[j])
                    j += 1
                toks.append(Token(STR, "".join(buf), lineno))
                if j >= n:  # unterminated string: make the statement unparseable
                    toks.append(Token(OP, '"', lineno))
                i = j + 1
            elif ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit()
                                  and not _after_object(toks, lineno)):
                i = _number(text, i, lineno, toks)
            elif ch == "&" and i + 1 < n and text[i + 1] in "hHoO" and \
                    i + 2 < n and text[i + 2].isalnum():
                base = 16 if text[i + 1] in "hH" else 8
                j = i + 2
                while j < n and text[j].isalnum():
                    j += 1
                digits = text[i + 2:j].rstrip("&%")
                try:
                    toks.append(Token(NUM, int(digits, base), lineno))
                except ValueError:
                    toks.append(Token(OP, "&", lineno))
                    j = i + 1
                i = j
            elif ch.isalpha():
                word = _word_at(text, i)
                toks.append(Token(ID, word, lineno))
                i += len(word)
            elif text.startswith(_TWO_CHAR_OPS, i):
                toks.append(Token(OP, text[i:i + 2], lineno))
                i += 2
            else:
                toks.append(Token(OP, ch, lineno))
                i += 1
        if not continued:
            toks.append(Token(NL, None, lineno))
    toks.append(Token(EOF, None, toks[-1].line if toks else 1))
    return toks


def _word_at(text: str, i: int) -> str:
    """The identifier starting at ``text[i]`` ('' if none)."""
    if i >= len(text) or not text[i].isalpha():
        return ""
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] == "_"):
        j += 1
    return text[i:j]


def _rem_ok(toks: list[Token], lineno: int) -> bool:
    """``Rem`` is a comment only where a statement may start."""
    return not toks or toks[-1].kind == NL or toks[-1].is_op(":")


def _after_object(toks: list[Token], lineno: int) -> bool:
    """``x.5`` never occurs; a '.' right after an identifier/')' is member access."""
    return bool(toks) and toks[-1].line == lineno and (
        toks[-1].kind == ID or toks[-1].is_op(")"))


def _number(text: str, i: int, lineno: int, toks: list[Token]) -> int:
    """Scan a decimal literal (with optional exponent and type suffix)."""
    n = len(text)
    j = i
    while j < n and text[j].isdigit():
        j += 1
    is_float = False
    if j < n and text[j] == "." and j + 1 <= n:
        is_float = True
        j += 1
        while j < n and text[j].isdigit():
            j += 1
    if j < n and text[j] in "eEdD" and j + 1 < n and (
            text[j + 1].isdigit() or (text[j + 1] in "+-" and j + 2 < n and text[j + 2].isdigit())):
        is_float = True
        j += 2
        while j < n and text[j].isdigit():
            j += 1
    literal = text[i:j].replace("d", "e").replace("D", "e")
    if j < n and text[j] in "#!@":
        is_float = True
        j += 1
    elif j < n and text[j] == "%":
        j += 1
    value = float(literal) if is_float else int(literal)
    toks.append(Token(NUM, value, lineno))
    return j
