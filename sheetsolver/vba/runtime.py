"""Tree-walking execution of checked procedures against a :class:`Host`.

Why separate from the checker: the checker decides *whether* a macro may run;
this module only runs what the checker's tables allow (``METHODS`` /
``PROPERTIES`` keys are implemented one-to-one by ``_call_method`` and
``_get_prop``/``_set_prop``), so a run never meets an unknown construct.

Excel behaviours modelled here:
* ``Copy`` snapshots the source values; ``PasteSpecial xlPasteValues`` writes
  them at the target's top-left (tiled if the target is a multiple of the
  source size) and selects the pasted area.  The clipboard stays until
  ``Application.CutCopyMode = False`` or the next ``Copy``.
* ``Application.Calculation`` is passed to the host and is NOT restored when
  the macro ends (Excel does not restore it either).
* Writing ``Range(...).Value = scalar`` fills every cell of the area.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

from sheetsolver.errors import SheetsolverError
from sheetsolver.vba import nodes as N
from sheetsolver.rules import parse_number
from sheetsolver.vba.checker import (APP, CALC_MODES, CONSTANTS, GLOBAL_FUNCS, METHODS,
                                     PRINT_STATEMENTS, PROPERTIES, RANGE, SHEET, VALUE, WINDOW,
                                     Sig, bind_args)
from sheetsolver.vba.host import MAX_COLS, MAX_ROWS, Host, RangeRef
from sheetsolver.vba.values import (VbaTypeError, binary_op, coerce_to_type, initial_value,
                                    to_number, to_str, truthy, unary_op)


@dataclass(frozen=True)
class SheetObj:
    name: str


class AppObj:
    """The ``Application`` object (stateless; state lives in the Runtime)."""


class WindowObj:
    """``ActiveWindow``: scrolling only changes the view, so it is accepted and ignored."""


APPLICATION = AppObj()
WINDOW_OBJ = WindowObj()
MAX_CELLS = 1_000_000     # largest area read, written or pasted in one go
_CALC_CONST = {"manual": -4135, "automatic": -4105}
_NOT_APP = object()   # "no such Application member" (None is a macro's Empty)


class _VbaError(Exception):
    """Internal run-time failure; becomes MacroRuntimeError with the line."""


class _Exit(Exception):
    def __init__(self, kind: str):
        self.kind = kind


def type_of(v) -> str:
    if isinstance(v, RangeRef):
        return RANGE
    if isinstance(v, SheetObj):
        return SHEET
    if isinstance(v, AppObj):
        return APP
    if isinstance(v, WindowObj):
        return WINDOW
    return VALUE


class Frame:
    """One procedure activation: locals and the sheet unqualified Range uses."""

    def __init__(self, proc: N.Procedure, module: N.Module, home_sheet: str | None):
        self.proc, self.module, self.home_sheet = proc, module, home_sheet
        self.vars: dict[str, object] = {}
        self.types: dict[str, str | None] = {}      # declared types of locals
        self.withs: list[object] = []               # objects of the open With blocks
        self.line = proc.line


class Runtime:
    """State of one top-level macro run."""

    def __init__(self, host: Host, active_sheet: str, *, max_steps: int, home_sheet_of,
                 resolve_sub, module_vars: dict[str, dict[str, object]], public_var=None,
                 modules=None, out=None):
        self.host = host
        self.max_steps = max_steps
        self.public_var = public_var or (lambda module, name: None)
        self.modules = modules or {}                # lower-case name -> Module
        self.out = out or print
        self.active_sheet = active_sheet
        self.selection: RangeRef | None = None
        self.active_cell: RangeRef | None = None
        self.clipboard: list[list[object]] | None = None
        self.app_flags: dict[str, object] = {"screenupdating": True, "enableevents": True,
                                             "displayalerts": True}
        self.steps_left = max_steps
        self.home_sheet_of = home_sheet_of          # module name -> sheet or None
        self.resolve_sub = resolve_sub              # (module, name) -> Procedure
        self.module_vars = module_vars
        self.depth = 0
        self.frame: Frame | None = None
        self.fail_site: tuple[N.Procedure, int] | None = None   # where a run failed

    # ---- procedures ----------------------------------------------------
    def call(self, proc: N.Procedure, module: N.Module) -> None:
        if self.depth >= 100:
            raise _VbaError("out of stack space (recursion deeper than 100 calls)")
        outer = self.frame
        self.frame = Frame(proc, module, self.home_sheet_of(module.name))
        self.depth += 1
        try:
            self.block(proc.body)
        except _Exit as ex:
            if ex.kind != "sub":
                raise
        except BaseException:
            if self.fail_site is None:
                self.fail_site = (proc, self.frame.line)
            raise
        finally:
            self.depth -= 1
            self.frame = outer

    def block(self, body: list[N.Stmt]) -> None:
        for stmt in body:
            self.frame.line = stmt.line
            self.tick()
            self.stmt(stmt)

    def tick(self) -> None:
        """Count one statement or loop iteration against the run's budget."""
        self.steps_left -= 1
        if self.steps_left < 0:
            raise _VbaError(f"step limit exceeded: more than {self.max_steps:,} statements "
                            "and loop iterations in one run (endless loop?)")

    def stmt(self, s: N.Stmt) -> None:
        run = _RUN.get(s.__class__)
        if run is None:      # the checker refuses everything else
            raise _VbaError(f"unsupported statement {type(s).__name__}")
        run(self, s)

    def if_stmt(self, s: N.IfStmt) -> None:
        for cond, body in s.branches:
            if truthy(self.value(cond)):
                self.block(body)
                return
        self.block(s.orelse)

    def exit_stmt(self, s: N.ExitStmt) -> None:
        raise _Exit(s.kind)

    def const_stmt(self, s: N.ConstStmt) -> None:
        self.frame.vars[s.name.lower()] = self.value(s.value)

    def dim_stmt(self, s: N.DimStmt) -> None:
        for n, t in zip(s.names, s.types or [None] * len(s.names)):
            self.frame.types[n.lower()] = t
            self.frame.vars.setdefault(n.lower(), initial_value(t))

    def with_stmt(self, s: N.WithStmt) -> None:
        self.frame.withs.append(self.eval(s.obj))
        try:
            self.block(s.body)
        finally:
            self.frame.withs.pop()

    def print_stmt(self, s: N.PrintStmt) -> None:
        self.out(" ".join(to_str(self.value(e)) for e in s.items))

    def select(self, s: N.SelectStmt) -> None:
        subject = self.value(s.subject)
        for tests, body in s.cases:
            for test in tests:
                if test[0] == "eq":
                    hit = binary_op("=", subject, self.value(test[1]))
                elif test[0] == "to":
                    hit = binary_op(">=", subject, self.value(test[1])) and \
                        binary_op("<=", subject, self.value(test[2]))
                else:
                    hit = binary_op(test[1], subject, self.value(test[2]))
                if hit:
                    self.block(body)
                    return
        self.block(s.orelse)

    def for_loop(self, s: N.ForStmt) -> None:
        start = to_number(self.value(s.start))
        stop = to_number(self.value(s.stop))
        step = to_number(self.value(s.step)) if s.step is not None else 1
        var = s.var.lower()
        self.set_var(var, start)
        while True:
            i = to_number(self.get_var(var))
            if (step >= 0 and i > stop) or (step < 0 and i < stop):
                return
            if not self._loop_pass(s, "for"):
                return
            self.set_var(var, to_number(self.get_var(var)) + step)

    def do_loop(self, s: N.DoStmt) -> None:
        def holds(cond) -> bool:
            kind, expr = cond
            t = truthy(self.value(expr))
            return t if kind == "while" else not t

        while True:
            if s.pre is not None and not holds(s.pre):
                return
            if not self._loop_pass(s, "do"):
                return
            if s.post is not None and not holds(s.post):
                return

    def _loop_pass(self, s, kind: str) -> bool:
        """Run a loop's body once; False when ``Exit For``/``Exit Do`` (``kind``) left it."""
        try:
            self.block(s.body)
        except _Exit as ex:
            if ex.kind == kind:
                return False
            raise
        self.frame.line = s.line
        self.tick()
        return True

    # ---- variables -----------------------------------------------------
    def _owner(self, key: str):
        """Module holding module-level ``key`` (own module first, then Public ones)."""
        mod = self.frame.module
        if key in mod.variables or key in mod.constants:
            return mod
        owner = self.public_var(mod.name, key)
        return self.modules.get(owner.lower()) if owner else None

    def get_var(self, key: str):
        if key in self.frame.vars:
            return self.frame.vars[key]
        mod = self._owner(key)
        if mod is None:
            return None   # an undeclared local read before assignment is Empty
        mv = self.module_vars.setdefault(mod.name, {})
        if key in mv:
            return mv[key]
        if key in mod.constants:
            return self._const(mod, key)
        return initial_value(mod.var_types.get(key))

    def _const(self, mod: N.Module, key: str):
        outer = self.frame
        self.frame = Frame(outer.proc, mod, outer.home_sheet)    # evaluate in its own module
        try:
            return self.value(mod.constants[key])
        finally:
            self.frame = outer

    def set_var(self, key: str, value) -> None:
        if key not in self.frame.vars:
            mod = self._owner(key)
            if mod is not None and key in mod.variables:
                self.module_vars.setdefault(mod.name, {})[key] = \
                    coerce_to_type(value, mod.var_types.get(key))
                return
        self.frame.vars[key] = coerce_to_type(value, self.frame.types.get(key))

    # ---- expressions ---------------------------------------------------
    def value(self, e):
        """Evaluate ``e`` to a plain value (Range -> its ``.Value``)."""
        v = self.eval(e)
        if isinstance(v, RangeRef):
            return self.read_range(v)
        return v

    def eval(self, e):
        if isinstance(e, N.Num | N.Str):
            return e.value
        if isinstance(e, N.Name):
            return self.name(e.name)
        if isinstance(e, N.WithRef):
            return self.frame.withs[-1]
        if isinstance(e, N.Unary):
            return unary_op(e.op, self.value(e.operand))
        if isinstance(e, N.Binary):
            return binary_op(e.op, self.value(e.left), self.value(e.right))
        if isinstance(e, N.Member):
            obj = self.eval(e.obj)
            key = (type_of(obj), e.name.lower())
            if key in PROPERTIES:
                return self.get_prop(obj, key[1])
            return self.method(obj, key, [])
        if isinstance(e, N.CallExpr):
            if isinstance(e.func, N.Name):
                return self.global_func(e.func.name.lower(), e.args)
            obj = self.eval(e.func.obj)
            return self.method(obj, (type_of(obj), e.func.name.lower()), e.args)
        raise _VbaError(f"cannot evaluate {type(e).__name__}")

    def name(self, name: str):
        key = name.lower()
        if key in self.frame.vars or key in self.frame.module.variables \
                or key in self.frame.module.constants:
            return self.get_var(key)
        if key not in CONSTANTS and self.public_var(self.frame.module.name, key):
            return self.get_var(key)
        if key in CONSTANTS:
            return CONSTANTS[key]
        if key == "me":
            return SheetObj(self.frame.home_sheet or self.active_sheet)
        if key == "application":
            return APPLICATION
        found = self._app_member(key)
        return None if found is _NOT_APP else found    # None: checked local not assigned yet

    def _app_member(self, key: str):
        """Application members a macro may also name bare (``Selection``, ``ActiveCell``,
        ...); ``_NOT_APP`` for any other name."""
        if key == "activesheet":
            return SheetObj(self.active_sheet)
        if key == "selection":
            return self.get_selection()
        if key == "activecell":
            return self.get_active_cell()
        if key == "activewindow":
            return WINDOW_OBJ
        return _NOT_APP

    def global_func(self, key: str, args: list[N.Arg]):
        bound = self.bound(GLOBAL_FUNCS[key], args, key)
        if key in ("range", "cells", "sheets", "worksheets"):
            return self.method(APPLICATION, (APP, key), args, bound=bound)
        bound = {k: (self.read_range(v) if isinstance(v, RangeRef) else v)
                 for k, v in bound.items()}
        if key == "msgbox":
            self.message(bound)
            return 1                               # vbOK: the only button we "press"
        if key == "cstr":
            return to_str(bound["expression"])
        if key == "len":
            return len(to_str(bound["string"]))
        x = to_number(bound["number"])
        if key in ("clng", "cint"):
            return coerce_to_type(x, "long" if key == "clng" else "integer")
        if key == "sgn":
            return (x > 0) - (x < 0)
        try:
            if key == "abs":
                return abs(x)
            if key == "sqr":
                if x < 0:
                    raise VbaTypeError("invalid procedure call (Sqr of a negative number)")
                return math.sqrt(x)
            if key == "int":
                return math.floor(x)
            if key == "fix":
                return math.trunc(x)
            if key == "exp":
                return math.exp(x)
            if key == "log":
                if x <= 0:
                    raise VbaTypeError("invalid procedure call (Log of a non-positive number)")
                return math.log(x)
            if key == "cdbl":
                return float(x)
            if key == "round":
                digits = int(to_number(bound.get("numdigitsafterdecimal", 0)))
                return round(x, digits)   # banker's rounding, like VBA Round
        except OverflowError:
            raise VbaTypeError("overflow") from None
        raise _VbaError(f"unknown function {key}")

    def message(self, bound: dict) -> None:
        """MsgBox: print the prompt (and title) instead of opening a window."""
        title = bound.get("title")
        text = to_str(bound["prompt"])
        self.out(f"MsgBox: {text}" if title is None else f"MsgBox [{to_str(title)}]: {text}")

    def bound(self, sig, args: list[N.Arg], word: str) -> dict[str, object]:
        exprs = bind_args(sig, args, self.frame.line, word)
        return {k: self.eval(v) for k, v in exprs.items()}

    # ---- object model --------------------------------------------------
    def unqualified_sheet(self) -> str:
        return self.frame.home_sheet or self.active_sheet

    def method(self, obj, key: tuple[str, str], args: list[N.Arg], bound=None):
        """Run member ``key`` (a METHODS entry) of ``obj`` with ``args``."""
        if bound is None:
            bound = self.bound(METHODS[key], args, key[1])
        bound = {k: (self.read_range(v) if isinstance(v, RangeRef) and k not in ("cell1", "cell2")
                     else v) for k, v in bound.items()}
        typ, name = key
        if typ == WINDOW:
            return None                             # SmallScroll / LargeScroll: view only
        if typ == APP:
            if name == "calculate":
                self.host.calculate(None)
                return None
            if name in ("sheets", "worksheets"):
                return SheetObj(self.sheet_name(bound["index"]))
            # Range/Cells without an object: the module's sheet or the active one
            return self.method(SheetObj(self.unqualified_sheet()), (SHEET, name), args,
                               bound=bound)
        if typ == SHEET:
            if name == "range":
                return self.range_of(obj.name, bound["cell1"], bound.get("cell2"))
            if name == "cells":
                r, c = self.index(bound["rowindex"]), self.index(bound["columnindex"])
                return self.area(obj.name, r, c, r, c)
            if name == "calculate":
                self.host.calculate(obj.name)
            elif name in ("activate", "select"):
                self.active_sheet = obj.name
            return None
        # Range methods
        if name == "end":
            row = self.host.last_in_column_down(obj.sheet, obj.r1, obj.c1)
            return self.area(obj.sheet, row, obj.c1, row, obj.c1)
        if name == "offset":
            dr = self.index(bound.get("rowoffset", 0), allow_zero=True)
            dc = self.index(bound.get("columnoffset", 0), allow_zero=True)
            return self.area(obj.sheet, obj.r1 + dr, obj.c1 + dc, obj.r2 + dr, obj.c2 + dc)
        if name == "resize":
            rows = self.index(bound.get("rowsize", obj.rows))
            cols = self.index(bound.get("columnsize", obj.cols))
            return self.area(obj.sheet, obj.r1, obj.c1, obj.r1 + rows - 1, obj.c1 + cols - 1)
        if name == "range":                     # relative to obj's top-left cell
            first = self.relative(obj, bound["cell1"])
            if bound.get("cell2") is None:
                return first
            second = self.relative(obj, bound["cell2"])
            return self.area(obj.sheet, min(first.r1, second.r1), min(first.c1, second.c1),
                             max(first.r2, second.r2), max(first.c2, second.c2))
        if name == "cells":
            r = obj.r1 + self.index(bound["rowindex"]) - 1
            c = obj.c1 + self.index(bound["columnindex"]) - 1
            return self.area(obj.sheet, r, c, r, c)
        if name == "copy":
            self.clipboard = [list(row) for row in self.host.get_values(self._sized(obj))]
        elif name == "pastespecial":
            self.paste_values(obj)
        elif name in ("clear", "clearcontents"):
            self.host.clear(obj)
        elif name in ("select", "activate"):
            if name == "select" or self.selection is None or not _inside(obj, self.selection):
                self.selection = obj
            self.active_cell = RangeRef(obj.sheet, obj.r1, obj.c1, obj.r1, obj.c1)
            self.active_sheet = obj.sheet
        return None

    def relative(self, base: RangeRef, ref) -> RangeRef:
        if isinstance(ref, RangeRef):
            return ref
        if not isinstance(ref, str) or "!" in ref:
            raise _VbaError(f"Range.Range({ref!r}) needs an A1 address")
        a = self.host.resolve(ref, base.sheet)
        return self.area(base.sheet, a.r1 + base.r1 - 1, a.c1 + base.c1 - 1,
                         a.r2 + base.r1 - 1, a.c2 + base.c1 - 1)

    def get_prop(self, obj, name: str):
        if isinstance(obj, AppObj):
            if name == "calculation":
                return _CALC_CONST.get(self.host.get_calculation(), -4105)
            if name == "cutcopymode":
                return 1 if self.clipboard is not None else False
            found = self._app_member(name)
            return self.app_flags.get(name, False) if found is _NOT_APP else found
        if isinstance(obj, SheetObj):      # "name" is its only property
            return obj.name
        if name in ("value", "value2"):
            return self.read_range(obj)
        if name == "row":
            return obj.r1
        if name == "column":
            return obj.c1
        raise _VbaError(f"unknown property {name}")

    def set_prop(self, obj, name: str, value) -> None:
        if isinstance(obj, WindowObj):
            return                                  # ScrollRow/ScrollColumn: view only
        if isinstance(obj, RangeRef) and name in ("formula", "formular1c1"):
            self.write_range(obj, self.typed_entry(value))
            return
        if isinstance(obj, AppObj):
            if name == "calculation":
                mode = CALC_MODES.get(to_number(value))
                if mode is None:
                    raise _VbaError(f"invalid Application.Calculation value {value!r}")
                self.host.set_calculation(mode)
            elif name == "cutcopymode":
                if not truthy(value):
                    self.clipboard = None
            else:
                self.app_flags[name] = value
            return
        self.write_range(obj, value)            # .Value / .Value2

    def typed_entry(self, value):
        """``.Formula = "1.5"`` stores what typing the text would: a number, a boolean or
        text (Excel's rules, :func:`sheetsolver.rules.parse_number`); formulas are refused."""
        if not isinstance(value, str):
            return value
        if value.startswith("="):
            raise _VbaError("writing a formula with .Formula is not supported (the engine "
                            "keeps its compiled formulas); write values with .Value")
        if value.strip().upper() in ("TRUE", "FALSE"):
            return value.strip().upper() == "TRUE"
        x = parse_number(value.strip())
        return value if x is None else x

    def get_active_cell(self) -> RangeRef:
        if self.active_cell is None:
            raise _VbaError("ActiveCell is unknown here (select or activate a cell first)")
        return self.active_cell

    def get_selection(self) -> RangeRef:
        if self.selection is None:
            raise _VbaError("Selection is unknown here (select a Range first)")
        return self.selection

    # ---- cells ---------------------------------------------------------
    def sheet_name(self, v) -> str:
        """``Sheets("name")`` or ``Sheets(3)`` (1-based tab position, when the host
        can list its sheets with ``sheet_names()``)."""
        if isinstance(v, str):
            return v
        names = getattr(self.host, "sheet_names", None)
        if names is None or isinstance(v, bool) or v is None:
            raise _VbaError("Sheets(...) needs a sheet name here")
        tabs = list(names())
        i = self.index(v)
        if i > len(tabs):
            raise _VbaError(f"Sheets({i}): subscript out of range ({len(tabs)} sheets)")
        return tabs[i - 1]

    def range_of(self, sheet: str, cell1, cell2) -> RangeRef:
        first = cell1 if isinstance(cell1, RangeRef) else self.resolve(cell1, sheet)
        if cell2 is None:
            return first
        second = cell2 if isinstance(cell2, RangeRef) else self.resolve(cell2, sheet)
        if first.sheet != second.sheet:
            raise _VbaError("Range(Cell1, Cell2) on two different sheets")
        return RangeRef(first.sheet, min(first.r1, second.r1), min(first.c1, second.c1),
                        max(first.r2, second.r2), max(first.c2, second.c2))

    def resolve(self, ref, sheet: str) -> RangeRef:
        if not isinstance(ref, str):
            raise _VbaError(f"Range({ref!r}): a name or address text is needed")
        area = self.host.resolve(ref, sheet)
        if not isinstance(area, RangeRef):
            raise _VbaError(f"host resolved {ref!r} to {area!r}, not a RangeRef")
        return area

    def index(self, v, allow_zero: bool = False) -> int:
        x = to_number(v)
        n = int(round(x)) if isinstance(x, float) else int(x)
        if not allow_zero and n < 1:
            raise _VbaError(f"index {n} out of range")
        return n

    def area(self, sheet: str, r1: int, c1: int, r2: int, c2: int) -> RangeRef:
        if not (1 <= r1 <= r2 <= MAX_ROWS and 1 <= c1 <= c2 <= MAX_COLS):
            raise _VbaError("range is off the sheet (application-defined or object-defined error)")
        return RangeRef(sheet, r1, c1, r2, c2)

    def _sized(self, area: RangeRef) -> RangeRef:
        if area.rows * area.cols > MAX_CELLS:
            raise _VbaError(f"{area.a1()} is too large ({area.rows * area.cols} cells; "
                            f"at most {MAX_CELLS} in one read or write)")
        return area

    def read_range(self, area: RangeRef):
        rows = self.host.get_values(self._sized(area))
        if area.rows == 1 and area.cols == 1:
            return rows[0][0]
        return [list(r) for r in rows]

    def write_range(self, area: RangeRef, value) -> None:
        self._sized(area)
        if isinstance(value, list):
            src = value
            h, w = len(src), len(src[0]) if src else 0
            if (h, w) != (area.rows, area.cols) and not (h == 1 or w == 1):
                raise _VbaError(f"cannot assign a {h}x{w} array to {area.a1()}")
            grid = [[_cell(src[i if h > 1 else 0][j if w > 1 else 0])
                     if (i < h or h == 1) and (j < w or w == 1) else None
                     for j in range(area.cols)] for i in range(area.rows)]
        else:
            grid = [[_cell(value)] * area.cols for _ in range(area.rows)]
        self.host.set_values(area, grid)

    def paste_values(self, target: RangeRef) -> None:
        if self.clipboard is None:
            raise _VbaError("PasteSpecial with nothing copied (no Range.Copy before it)")
        src = self.clipboard
        h, w = len(src), len(src[0])
        H, W = target.rows, target.cols
        if (H, W) != (1, 1) and H % h == 0 and W % w == 0:
            rows, cols = H, W                       # tile over the whole target
        else:
            rows, cols = h, w                       # copy size at the top-left cell
        area = self._sized(self.area(target.sheet, target.r1, target.c1,
                                     target.r1 + rows - 1, target.c1 + cols - 1))
        self.host.set_values(area, [[src[i % h][j % w] for j in range(cols)]
                                    for i in range(rows)])
        self.selection = area
        self.active_cell = RangeRef(area.sheet, area.r1, area.c1, area.r1, area.c1)

    # ---- statements ----------------------------------------------------
    def assign(self, s: N.Assign) -> None:
        t = s.target
        if isinstance(t, N.Name):
            key = t.name.lower()
            if s.is_set:
                self.set_var(key, self.eval(s.value))
                return
            current = self.frame.vars.get(key)
            if isinstance(current, RangeRef) and self.frame.types.get(key) != "variant":
                # default property of a Range variable
                self.write_range(current, self.value(s.value))
            else:
                self.set_var(key, self.value(s.value))
            return
        if isinstance(t, N.Member):
            obj = self.eval(t.obj)
            value = self.value(s.value)
            self.set_prop(obj, t.name.lower(), value)
            return
        area = self.eval(t)                           # Range("x") = value
        self.write_range(area, self.value(s.value))

    def call_stmt(self, s: N.CallStmt) -> None:
        target, args = s.target, s.args
        if isinstance(target, N.CallExpr) and not args:
            target, args = target.func, target.args
        if isinstance(target, N.Name):
            found = self.resolve_sub(self.frame.module.name, target.name)
            if found is not None:
                proc, module = found
                self.call(proc, module)
            elif target.name.lower() in PRINT_STATEMENTS:
                sig = Sig(PRINT_STATEMENTS[target.name.lower()], 1, None)
                self.message({k: self.value(v) for k, v in
                              bind_args(sig, args, self.frame.line, target.name).items()})
            elif target.name.lower() == "calculate":
                self.host.calculate(None)
            return                                    # DoEvents: nothing to wait for
        if isinstance(target.obj, N.Name) and target.obj.name.lower() not in self.frame.vars \
                and target.obj.name.lower() in self.modules:       # Module1.helper
            proc, module = self.resolve_sub(self.frame.module.name,
                                            f"{target.obj.name}.{target.name}")
            self.call(proc, module)
            return
        obj = self.eval(target.obj)
        self.method(obj, (type_of(obj), target.name.lower()), args)


# how Runtime.stmt runs each kind of statement
_RUN = {N.Assign: Runtime.assign, N.CallStmt: Runtime.call_stmt, N.IfStmt: Runtime.if_stmt,
        N.ForStmt: Runtime.for_loop, N.DoStmt: Runtime.do_loop, N.ExitStmt: Runtime.exit_stmt,
        N.ConstStmt: Runtime.const_stmt, N.DimStmt: Runtime.dim_stmt,
        N.SelectStmt: Runtime.select, N.WithStmt: Runtime.with_stmt,
        N.PrintStmt: Runtime.print_stmt}


def _inside(a: RangeRef, b: RangeRef) -> bool:
    return a.sheet == b.sheet and b.r1 <= a.r1 <= a.r2 <= b.r2 and b.c1 <= a.c1 <= a.c2 <= b.c2


def _cell(v):
    """Value as stored in a cell: ints become floats (Excel stores doubles)."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, numbers.Integral):
        return float(v)
    if isinstance(v, numbers.Real):
        return float(v)
    return v


def run_guarded(rt: Runtime, proc: N.Procedure, module: N.Module, make_error) -> None:
    """Run ``proc``; wrap failures as ``make_error(message, rt)`` (see ``rt.fail_site``)."""
    try:
        rt.call(proc, module)
    except _Exit:
        return
    except (_VbaError, VbaTypeError) as exc:
        raise make_error(f"run-time error: {exc}", rt) from None
    except RecursionError:
        raise make_error("run-time error: out of stack space", rt) from None
    except SheetsolverError as exc:
        raise make_error(exc.message, rt) from exc
