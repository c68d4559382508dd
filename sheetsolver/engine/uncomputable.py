"""Formula cells we cannot compute (unknown or network functions, unparseable or
unsupported constructs, circular references with iteration off): why, and what
they read. They keep Excel's cached values."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..formula import ast as A
from ..formula.refs import cell_name
from ..formula.transform import walk
from .functions import FUNCTIONS
from .resolve import SPECIAL_FORMS


# Functions Excel computes with outside data: a cell using one keeps its cached value
OUTSIDE = {
    "STOCKHISTORY": "needs the network", "WEBSERVICE": "needs the network",
    "FILTERXML": "works on WEBSERVICE results (not computed)", "RTD": "needs a real-time server",
    "IMAGE": "needs the network", "TRANSLATE": "needs the network",
    "DETECTLANGUAGE": "needs the network", "COPILOT": "needs the network",
    "PY": "needs Python in Excel (cloud)", "CALL": "calls a DLL", "REGISTER.ID": "calls a DLL",
    "INFO": "describes the running Excel", "CUBEVALUE": "needs an OLAP connection",
    "CUBEMEMBER": "needs an OLAP connection", "CUBESET": "needs an OLAP connection",
    "CUBESETCOUNT": "needs an OLAP connection", "CUBERANKEDMEMBER": "needs an OLAP connection",
    "CUBEMEMBERPROPERTY": "needs an OLAP connection", "CUBEKPIMEMBER": "needs an OLAP connection",
    "GETPIVOTDATA": "reads a pivot table (not computed)",
}


def function_problem(name: str) -> str:
    """Why a cell calling ``name`` (absent from the registry) cannot be computed."""
    why = OUTSIDE.get(name)
    return f"{name} {why}" if why else f"unknown function {name}"


@dataclass
class Uncomputable:
    """A formula cell (or array range) we cannot compute: it keeps Excel's cached value."""
    sheet: str
    row: int
    col: int
    reason: str
    array: object = None      # its Area for an array formula
    refs: list = field(default_factory=list)   # what it reads, when known

    @property
    def where(self) -> str:
        return f"{self.sheet}!{cell_name(self.row, self.col)}"


def _gives_ref(x) -> bool:
    """Can this tree evaluate to a reference (a side of a computed ``A1:INDEX(...)``)?"""
    if isinstance(x, A.Ref):
        return True
    if isinstance(x, A.Func):
        fn = FUNCTIONS.get(x.name)
        return fn is not None and fn.returns_ref
    return isinstance(x, A.Binary) and x.op == ":" and _gives_ref(x.left) and _gives_ref(x.right)


def tree_problem(tree, refs: list):
    """Collect the references of a resolved tree into ``refs``; return (volatile, the
    first reason it cannot be computed or None, whether it builds a range at run time
    such as ``A1:INDEX(A:A,n)``)."""
    volatile, problem, computed_range = False, None, False
    for node in walk(tree):
        cls = node.__class__
        if cls is A.Ref:
            refs.append(node)
        elif cls is A.Func:
            fn = FUNCTIONS.get(node.name)
            if fn is None:
                if node.name not in SPECIAL_FORMS and problem is None:
                    problem = function_problem(node.name)
            else:
                if fn.volatile:
                    volatile = True
                n = len(node.args)
                if (n < fn.min_args or n > fn.max_args) and problem is None:
                    problem = (f"{node.name} takes {fn.min_args}..{fn.max_args} arguments, "
                               f"got {n}")
        elif cls is A.Binary and node.op in (":", " ") and problem is None:
            if isinstance(node.left, A.Ref) and isinstance(node.right, A.Ref):
                continue
            if node.op == ":" and _gives_ref(node.left) and _gives_ref(node.right):
                computed_range = True
            else:
                problem = f"range operator {node.op!r} with computed references"
    return volatile, problem, computed_range
