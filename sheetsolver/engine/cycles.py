"""Circular references among formula units: strongly connected components, and
formulas that read their own cell."""
from __future__ import annotations

from ..formula import ast as A


# functions that look at a reference itself, not at its cells' values
_REF_ONLY = {"ROW": None, "COLUMN": None, "ROWS": None, "COLUMNS": None, "ISREF": None,
             "AREAS": None, "CELL": (1,), "OFFSET": (0,)}


def reads_own_value(tree, sheet, row, col) -> bool:
    """Does a formula in (sheet, row, col) read its own cell's value (a circular reference)?"""
    if isinstance(tree, A.Ref):
        return (not tree.bad and tree.sheet == sheet and tree.r1 <= row <= tree.r2
                and tree.c1 <= col <= tree.c2)
    if isinstance(tree, A.Func):
        skip = _REF_ONLY.get(tree.name, ()) if tree.name in _REF_ONLY else ()
        for i, a in enumerate(tree.args):
            if tree.name in _REF_ONLY and (skip is None or i in skip) and isinstance(a, A.Ref):
                continue
            if reads_own_value(a, sheet, row, col):
                return True
        return False
    if isinstance(tree, A.Unary):
        return reads_own_value(tree.operand, sheet, row, col)
    if isinstance(tree, A.Binary):
        return reads_own_value(tree.left, sheet, row, col) or \
            reads_own_value(tree.right, sheet, row, col)
    return False


def cycles(units) -> list[list[int]]:
    """The circular references among units: strongly connected components (Tarjan,
    iterative) with more than one unit, and units that read their own cell."""
    n = len(units)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack, out, counter = [], [], 0
    for start in range(n):
        if index[start] >= 0:
            continue
        work = [(start, iter(units[start].deps))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack[start] = True
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if index[w] < 0:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, iter(units[w].deps)))
                    advanced = True
                    break
                if on_stack[w]:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1 or getattr(units[v], "self_loop", False):
                    out.append(sorted(comp))
    return out
