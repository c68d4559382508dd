"""Tree transforms: move a formula (shared formulas), its relative shape, back to text."""
from __future__ import annotations


from . import ast as A
from .refs import MAX_COL, MAX_ROW, index_to_col, quote_sheet


def _children(node):
    if isinstance(node, A.Func):
        return node.args
    if isinstance(node, A.Unary):
        return (node.operand,)
    if isinstance(node, A.Binary):
        return (node.left, node.right)
    return ()


def walk(node):
    yield node
    for ch in _children(node):
        yield from walk(ch)


def move_refs(node, dr: int, dc: int, move_ref):
    """The tree of a formula moved dr rows down and dc columns right, each reference
    ``ref`` replaced by ``move_ref(ref, dr, dc)``: functions and operators are rebuilt
    around the new references, other leaves kept. The one walker of the transforms
    that move formulas (:func:`shift`; relative names wrap instead, .relative_names)."""
    cls = node.__class__     # (most common first: a call per node, on the opening path)
    if cls is A.Ref:
        return move_ref(node, dr, dc)
    if cls is A.Binary:
        return A.Binary(node.op, move_refs(node.left, dr, dc, move_ref),
                        move_refs(node.right, dr, dc, move_ref))
    if cls is A.Func:
        return A.Func(node.name, tuple([move_refs(a, dr, dc, move_ref) for a in node.args]))
    if cls is A.Unary:
        return A.Unary(node.op, move_refs(node.operand, dr, dc, move_ref))
    return node


def moving_corners(ref) -> tuple:
    """Per corner (r1, c1, r2, c2) of a reference, 1 when copying its formula moves that
    corner (no ``$``, not an end of a whole column or row), else 0: the one rule every
    move of a reference follows."""
    whole_cols = ref.r1 == 1 and ref.r2 == MAX_ROW
    whole_rows = ref.c1 == 1 and ref.c2 == MAX_COL
    return (int(not (ref.abs_r1 or whole_cols)), int(not (ref.abs_c1 or whole_rows)),
            int(not (ref.abs_r2 or whole_cols)), int(not (ref.abs_c2 or whole_rows)))


def ref_mover(off_sheet):
    """A ``move_ref`` for :func:`move_refs`: the reference moved dr rows down and dc
    columns right, the corners :func:`moving_corners` keeps staying put.
    Where a corner would leave the sheet, ``off_sheet(ref, r1, c1, r2, c2)`` (the
    moved corners) decides what the reference becomes."""
    def move_ref(ref, dr: int, dc: int):
        if ref.bad:
            return ref
        a, b, c, d = moving_corners(ref)
        r1, c1, r2, c2 = ref.r1 + dr * a, ref.c1 + dc * b, ref.r2 + dr * c, ref.c2 + dc * d
        if min(r1, r2, c1, c2) < 1 or max(r1, r2) > MAX_ROW or max(c1, c2) > MAX_COL:
            return off_sheet(ref, r1, c1, r2, c2)
        return A.Ref(ref.sheet, r1, c1, r2, c2, ref.abs_r1, ref.abs_c1, ref.abs_r2,
                     ref.abs_c2, ref.is_area, False)     # (dataclasses.replace is slow)
    return move_ref


# a formula copied so that a reference leaves the sheet reads #REF! there
_shifted_ref = ref_mover(lambda ref, *corners: A.Ref(ref.sheet, 0, 0, 0, 0, bad=True))


def shift(node, dr: int, dc: int):
    """The tree as it reads when the formula is copied dr rows down and dc columns right."""
    return move_refs(node, dr, dc, _shifted_ref)


def shape(node, row: int, col: int):
    """A hashable key that is equal for formulas that are copies of each other
    (R1C1 form): relative parts become offsets from the host cell (row, col)."""
    if isinstance(node, A.Ref):
        if node.bad:
            return ("REF!", node.sheet)
        return ("ref", node.sheet, node.is_area,
                ("$", node.r1) if node.abs_r1 else ("~", node.r1 - row),
                ("$", node.c1) if node.abs_c1 else ("~", node.c1 - col),
                ("$", node.r2) if node.abs_r2 else ("~", node.r2 - row),
                ("$", node.c2) if node.abs_c2 else ("~", node.c2 - col))
    if isinstance(node, A.Func):
        return ("f", node.name) + tuple(shape(a, row, col) for a in node.args)
    if isinstance(node, A.Unary):
        return ("u", node.op, shape(node.operand, row, col))
    if isinstance(node, A.Binary):
        return ("b", node.op, shape(node.left, row, col), shape(node.right, row, col))
    return node  # literals and names are hashable dataclasses


def _num(v: float) -> str:
    if v == int(v) and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def _cell(r, c, ar, ac):
    return f"{'$' if ac else ''}{index_to_col(c)}{'$' if ar else ''}{r}"


_PREC = {"=": 1, "<>": 1, "<": 1, ">": 1, "<=": 1, ">=": 1, "&": 2, "+": 3, "-": 3, "*": 4,
         "/": 4, "^": 5, " ": 7, ":": 8}


def to_text(node, host_sheet: str | None = None) -> str:
    """Formula text (without '=') in Excel's file syntax."""
    if isinstance(node, A.Number):
        return _num(node.value)
    if isinstance(node, A.String):
        return '"' + node.value.replace('"', '""') + '"'
    if isinstance(node, A.Bool):
        return "TRUE" if node.value else "FALSE"
    if isinstance(node, A.ErrorLit):
        return node.code
    if isinstance(node, A.Missing):
        return ""
    if isinstance(node, A.ArrayLit):
        return "{" + ";".join(",".join(to_text(x) for x in row) for row in node.rows) + "}"
    if isinstance(node, A.Name):
        return (quote_sheet(node.sheet) + "!" if node.sheet else "") + node.name
    if isinstance(node, A.Ref):
        pre = quote_sheet(node.sheet) + "!" if node.sheet and node.sheet != host_sheet else ""
        if node.bad:
            return pre + "#REF!"
        if node.r1 == 1 and node.r2 == MAX_ROW:
            return (f"{pre}{'$' if node.abs_c1 else ''}{index_to_col(node.c1)}:"
                    f"{'$' if node.abs_c2 else ''}{index_to_col(node.c2)}")
        if node.c1 == 1 and node.c2 == MAX_COL:
            return f"{pre}{'$' if node.abs_r1 else ''}{node.r1}:{'$' if node.abs_r2 else ''}{node.r2}"
        s = pre + _cell(node.r1, node.c1, node.abs_r1, node.abs_c1)
        if node.is_area:
            s += ":" + _cell(node.r2, node.c2, node.abs_r2, node.abs_c2)
        return s
    if isinstance(node, A.Func):
        if node.name == "UNION":
            return "(" + ",".join(to_text(a, host_sheet) for a in node.args) + ")"
        if node.name == "_INVOKE":
            return (to_text(node.args[0], host_sheet) + "(" +
                    ",".join(to_text(a, host_sheet) for a in node.args[1:]) + ")")
        if node.name == "ANCHORARRAY" and len(node.args) == 1 and isinstance(node.args[0], A.Ref):
            return to_text(node.args[0], host_sheet) + "#"
        return node.name + "(" + ",".join(to_text(a, host_sheet) for a in node.args) + ")"
    if isinstance(node, A.Unary):
        inner = to_text(node.operand, host_sheet)
        if isinstance(node.operand, A.Binary):
            inner = "(" + inner + ")"
        return inner + "%" if node.op == "%" else node.op + inner
    if isinstance(node, A.Binary):
        p = _PREC[node.op]
        left, right = to_text(node.left, host_sheet), to_text(node.right, host_sheet)
        if isinstance(node.left, A.Binary) and _PREC[node.left.op] < p:
            left = "(" + left + ")"
        if isinstance(node.right, A.Binary) and _PREC[node.right.op] <= p:
            right = "(" + right + ")"
        return left + node.op + right
    raise TypeError(node)
