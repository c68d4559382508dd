"""Walks over compiled node trees: what a node reads, and which nodes need gradients."""
from __future__ import annotations

from . import sum_range
from .lambdas import LambdaHelper
from .nodes import Binary, Cached, Call, Const, RangeNode, RefNode, Unary, Union


def reads(node, dep, record: bool = False) -> bool:
    """Can this compiled node's value depend on a cell marked in ``dep``? With
    ``record``, mark in ``dep`` the cells its static references read instead, and say
    whether it may also read cells known only at run time (OFFSET, INDIRECT, ...)."""
    if isinstance(node, RefNode):
        marks = dep[node.grid.name]
        if record:
            marks[_cells(node, marks)] = True
            return False
        return bool(_marked(node, marks).any())
    if isinstance(node, Unary):
        return reads(node.arg, dep, record)
    if isinstance(node, Binary):
        return reads(node.left, dep, record) | reads(node.right, dep, record)
    if isinstance(node, Cached):
        return reads(node.child, dep, record)
    if isinstance(node, Call):
        return node.fn.returns_ref | _widened_sum(node) | \
            any([reads(a, dep, record) for a in node.args])
    if isinstance(node, Union):
        return any([reads(a, dep, record) for a in node.items])
    if isinstance(node, RangeNode):      # cells known at run time: may read anything
        return True
    if isinstance(node, LambdaHelper):
        return any([reads(a, dep, record) for a in node.args])
    return False


def _widened_sum(node) -> bool:
    """A SUMIF/AVERAGEIF that widens its sum range at run time (:mod:`sum_range`)."""
    if node.fn.name not in sum_range.RESIZED or len(node.args) < 3:
        return False
    rng, tgt = node.args[0], node.args[2]
    size = (lambda n: (n.ref.h, n.ref.w) if isinstance(n, RefNode) else None)
    return sum_range.widens_at_run_time(size(rng), size(tgt))


def _cells(node, marks):
    """Index of the cells a reference reads in a grid-shaped array: two slices when one
    rectangle holds them all (an unbatched reference; its index, clipped to the blank
    sentinel, is a run of rows by a run of columns), else the (rows, cols) arrays."""
    ri, ci = node.ref.index()
    if ri.shape[0] == 1 and ci.shape[0] == 1 and _inside(ri, ci, marks):
        return slice(int(ri[0, 0, 0]), int(ri[0, -1, 0]) + 1), \
            slice(int(ci[0, 0, 0]), int(ci[0, 0, -1]) + 1)
    return ri, ci


def _inside(ri, ci, marks) -> bool:
    return ri.size > 0 and ci.size > 0 and ri.min() >= 0 and ci.min() >= 0 and \
        ri.max() < marks.shape[0] and ci.max() < marks.shape[1]


def _marked(node, marks):
    """``marks`` at the cells a reference reads (the same cells as ``marks[ri, ci]``,
    each as often as it is read, but for a rectangle once; np.take on flat indices is
    several times faster than indexing by two arrays)."""
    at = _cells(node, marks)
    if isinstance(at[0], slice):
        return marks[at]
    ri, ci = at
    if not _inside(ri, ci, marks):
        return marks[ri, ci]
    return marks.take(ri * marks.shape[1] + ci)


def ref_nodes(node):
    if isinstance(node, RefNode):
        yield node
    for ch in (*(getattr(node, "args", ()) or ()), *(getattr(node, "items", ()) or ())):
        yield from ref_nodes(ch)
    for attr in ("arg", "left", "right", "child"):
        ch = getattr(node, attr, None)
        if ch is not None:
            yield from ref_nodes(ch)


def mark(node, dep) -> bool:
    """Set ``needs_grad`` bottom-up; True when the node can depend on a variable."""
    if isinstance(node, RefNode):
        node.needs_grad = bool(_marked(node, dep[node.grid.name]).any())
        return node.needs_grad
    if isinstance(node, Unary):
        node.needs_grad = mark(node.arg, dep)
        return node.needs_grad
    if isinstance(node, Binary):
        a, b = mark(node.left, dep), mark(node.right, dep)
        node.needs_grad = a or b
        return node.needs_grad
    if isinstance(node, Cached):
        node.needs_grad = mark(node.child, dep)
        return node.needs_grad
    if isinstance(node, Call):
        flags = [mark(a, dep) for a in node.args]
        if node.fn.returns_ref:
            # the cells a returned reference points at are only known at run time
            node.needs_grad = True
        else:
            node.needs_grad = any(flags) and not node.fn.zero_grad
        return node.needs_grad
    if isinstance(node, Union):
        node.needs_grad = any([mark(a, dep) for a in node.items])
        return node.needs_grad
    if isinstance(node, RangeNode):
        mark(node.left, dep)
        mark(node.right, dep)
        node.needs_grad = True
        return True
    if isinstance(node, LambdaHelper):
        node.needs_grad = any([mark(a, dep) for a in node.args])
        return node.needs_grad
    return False


def cache_constant_subtrees(node, moving) -> None:
    """Wrap the variable-independent subtrees below gradient-carrying nodes in Cached,
    and mark every Cached node of the tree whose value can change with the variables
    (``moving``: per sheet, the cells that can change with them) as ``varies``."""
    if isinstance(node, Cached):
        node.varies = reads(node.child, moving)
        cache_constant_subtrees(node.child, moving)
        return
    grad = getattr(node, "needs_grad", False)
    if isinstance(node, Unary):
        if grad:
            node.arg = _wrap(node.arg, moving)
        cache_constant_subtrees(node.arg, moving)
    elif isinstance(node, Binary):
        if grad:
            node.left, node.right = _wrap(node.left, moving), _wrap(node.right, moving)
        cache_constant_subtrees(node.left, moving)
        cache_constant_subtrees(node.right, moving)
    elif isinstance(node, Call):
        if grad:
            node.args = [_wrap(a, moving) for a in node.args]
            node.plan = [(a, d, sc) for a, (_, d, sc) in zip(node.args, node.plan)]
        for a in node.args:
            cache_constant_subtrees(a, moving)


def _wrap(node, moving):
    if isinstance(node, (Unary, Binary, Call)) and not node.needs_grad and \
            not (isinstance(node, Call) and node.fn.returns_ref) and not reads(node, moving):
        return Cached(node)
    return node


# functions that are smooth (continuously differentiable where defined) in their arguments
_SMOOTH_CALLS = frozenset(("SUM", "SUMPRODUCT", "SUMSQ", "SUMXMY2", "SUMX2MY2", "SUMX2PY2",
                           "MMULT", "EXP", "LN", "LOG", "LOG10", "SQRT", "SIN", "COS", "TAN",
                           "AVERAGE", "PRODUCT", "POWER", "TRANSPOSE", "SINH", "COSH", "TANH"))


def smooth(node) -> bool:
    """Whether a compiled node is a smooth function of the gradient's variables: built
    only of + - * /, powers with a constant exponent, the smooth functions above, IF on a
    condition that does not change with the variables, references and constants
    (conservative: anything else - a comparison, ABS, MIN, ROUND, a lookup, a
    piecewise-constant function of the variables - is not). Solver's escape from kinks
    has nothing to find on such a path."""
    if isinstance(node, Cached):
        return not node.varies and (not node.needs_grad or smooth(node.child))
    if isinstance(node, (RefNode, Const)):      # (an error constant is a Const too)
        return True
    if isinstance(node, Unary):
        return node.op in ("-", "+", "%") and smooth(node.arg)
    if isinstance(node, Binary):
        if node.op in ("+", "-", "*", "/"):
            return smooth(node.left) and smooth(node.right)
        return node.op == "^" and smooth(node.left) and _constant(node.right)
    if isinstance(node, Call):
        name = node.fn.name
        if name == "IF":
            return len(node.args) >= 2 and _constant(node.args[0]) and \
                all(smooth(a) for a in node.args[1:])
        return name in _SMOOTH_CALLS and all(smooth(a) for a in node.args)
    return False


def _constant(node) -> bool:
    """A node whose value cannot change with the variables (a constant, or a subtree the
    gradient caches and no variable reaches)."""
    return isinstance(node, Const) or (isinstance(node, Cached) and not node.varies
                                       and not node.needs_grad)
