"""Compile a formula tree into evaluation nodes for one group of cells.

References become :class:`RefNode` s whose top-left corners are precomputed for every
host cell (absolute parts fixed, relative parts offset); literals become constants;
functions are looked up in the library and checked for their argument count.
"""
from __future__ import annotations

import numpy as np

from ..errors import SheetsolverError
from ..formula import ast as A
from ..formula.refs import MAX_COL, MAX_ROW
from ..formula.transform import moving_corners
from ..values import ERROR_CODES, NAME, REF, ExcelError
from .batch import MissingV, V, error, from_scalar, stack_scalars, text
from .functions import FUNCTIONS
from .lambdas import HELPERS, LambdaHelper, Param, Slot
from .nodes import Binary, Call, Const, RangeNode, RefNode, Unary, Union

_SLOTS: dict = {}   # LAMBDA parameter slot id -> Slot, while a formula is bound


def bind(engine, tree, drow, dcol, u0, arr=False):
    """Compile a (name-resolved) tree for a group whose cells sit at offsets
    (drow, dcol) from the first unit ``u0`` (None: all in the same row / column). ``arr``: the tree is an argument that Excel
    evaluates as an array (SUMPRODUCT's, MMULT's, ...), so ranges are not intersected."""
    if isinstance(tree, A.Number):
        return Const(V(np.full((1, 1, 1), tree.value)))
    if isinstance(tree, A.String):
        return Const(text(tree.value))
    if isinstance(tree, A.Bool):
        return Const(from_scalar(tree.value))
    if isinstance(tree, A.ErrorLit):
        return Const(error(ERROR_CODES.get(tree.code) or ExcelError(tree.code)))
    if isinstance(tree, A.Missing):
        return Const(MissingV())
    if isinstance(tree, A.ArrayLit):
        h, w = len(tree.rows), max(len(r) for r in tree.rows)
        vals = [[None] * w for _ in range(h)]
        for i, row in enumerate(tree.rows):
            for j, x in enumerate(row):
                vals[i][j] = x.value if hasattr(x, "value") else ERROR_CODES.get(x.code)
        flat = stack_scalars([x for row in vals for x in row])
        return Const(V(flat.num.reshape(1, h, w),
                       None if flat.kind is None else flat.kind.reshape(1, h, w),
                       None if flat.obj is None else flat.obj.reshape(1, h, w)))
    if isinstance(tree, A.Ref):
        if tree.bad:
            return Const(error(REF))
        grid = engine.grids[tree.sheet]
        moves_r, moves_c, _, _ = moving_corners(tree)   # ($, and whole columns/rows stay)
        r = tree.r1 if not moves_r or drow is None else tree.r1 + drow
        c = tree.c1 if not moves_c or dcol is None else tree.c1 + dcol
        h, w = tree.r2 - tree.r1 + 1, tree.c2 - tree.c1 + 1
        if tree.r2 == MAX_ROW:   # whole columns: only the used rows can hold values
            h = max(1, grid.maxr + 1 - tree.r1 + 1)
        if tree.c2 == MAX_COL:
            w = max(1, grid.maxc + 1 - tree.c1 + 1)
        return RefNode(grid, r, c, h, w)
    if isinstance(tree, A.Unary):
        return Unary(tree.op, bind(engine, tree.operand, drow, dcol, u0, arr), arr)
    if isinstance(tree, A.Binary):
        if tree.op == ":":
            return _range_op(engine, tree, drow, dcol, u0)
        return Binary(tree.op, bind(engine, tree.left, drow, dcol, u0, arr),
                      bind(engine, tree.right, drow, dcol, u0, arr), arr)
    if isinstance(tree, A.Func):
        if tree.name == "UNION":
            return Union([bind(engine, a, drow, dcol, u0, True) for a in tree.args])
        if tree.name == "_PARAM":
            return Param(_SLOTS[int(tree.args[0].value)])
        last = tree.args[-1] if tree.args else None
        if tree.name in HELPERS and isinstance(last, A.Func) and last.name == "_LAMBDA_BODY":
            ids = [int(x.value) for x in last.args[:-1]]
            slots = [Slot() for _ in ids]
            _SLOTS.update(zip(ids, slots))
            values = [bind(engine, a, drow, dcol, u0, True) for a in tree.args[:-1]]
            body = bind(engine, last.args[-1], drow, dcol, u0, arr)
            return LambdaHelper(tree.name, values, body, slots)
        fn = FUNCTIONS.get(tree.name)
        if fn is None:
            return Const(error(NAME))
        if len(tree.args) < fn.min_args or len(tree.args) > fn.max_args:
            raise SheetsolverError(f"{tree.name} takes {fn.min_args}..{fn.max_args} arguments, "
                                   f"got {len(tree.args)}", sheet=u0.sheet,
                                   cell=u0.where.partition("!")[2])
        return Call(fn, [bind(engine, a, drow, dcol, u0, arr or i in fn.array_args)
                         for i, a in enumerate(tree.args)], arr)
    raise SheetsolverError(f"cannot compile {type(tree).__name__}", sheet=u0.sheet,
                           cell=u0.where.partition("!")[2])


def _range_op(engine, tree, drow, dcol, u0):
    """``A1:B2`` built from two references: merged now when both are static, else at run
    time (``A1:INDEX(A:A,n)``, whose cells' units are solo groups)."""
    left, right = tree.left, tree.right
    if isinstance(left, A.Ref) and isinstance(right, A.Ref) and not left.bad and not right.bad:
        merged = A.Ref(left.sheet, min(left.r1, right.r1), min(left.c1, right.c1),
                       max(left.r2, right.r2), max(left.c2, right.c2), left.abs_r1, left.abs_c1,
                       right.abs_r2, right.abs_c2, is_area=True)
        return bind(engine, merged, drow, dcol, u0)
    return RangeNode(bind(engine, left, drow, dcol, u0, True),
                     bind(engine, right, drow, dcol, u0, True))
