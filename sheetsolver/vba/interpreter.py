"""Public API: load VBA modules, check a macro against the safe subset, run it.

Why: the fast.ai spreadsheets step their optimisers with tiny macros
(copy the end-of-pass values back to the top, log the error).  We run those
macros ourselves, but only a small, side-effect-free subset of VBA: cell
reads/writes through a :class:`Host`, recalculation, simple control flow.
Anything else (Shell, file I/O, CreateObject, Declare, unknown statements or
names) raises :class:`MacroRefused` *before* any statement runs, naming the
Sub and the line.

Supported: ``[Private|Public] Sub name()``, calls between Subs (``Call foo``,
``foo``, ``Module1.foo`` into standard modules), ``Dim``/``Const`` with types
(Integer/Long/Byte round half to even and overflow, Single/Double/Currency,
String, Boolean, Variant, Range/Worksheet objects) at procedure and module level
(module-level variables keep their values between runs; ``Public`` ones are
shared with other modules), ``For .. To .. [Step] .. Next``, block and
single-line ``If``/``ElseIf``, ``Select Case`` (values, ``a To b``, ``Is > x``,
``Case Else``), ``Do [While|Until] .. Loop [While|Until]``, ``While .. Wend``,
``Exit Sub/For/Do``, ``With obj`` ... ``End With``, ``DoEvents`` (nothing to
wait for), arithmetic/comparison/logical operators and ``&``,
``MsgBox``/``Debug.Print`` (printed through ``run(out=...)``, never a window),
``Range("name"|"A1"|"A1:B2"[, ...])``, ``Cells(r, c)``,
``Sheets("x"|n)``/``Worksheets("x")``/``ActiveSheet``/``Me``, ``.Value``
(read/write, also as default property), ``.Copy`` + ``.PasteSpecial
Paste:=xlPasteValues`` (also on ``Selection``), ``.Clear``/``.ClearContents``,
``.End(xlDown)``, ``.Offset``, ``.Resize``, ``.Range`` (relative), ``.Select``/
``.Activate``, ``ActiveCell``, ``.Formula``/``.FormulaR1C1 = "typed text"``
(stored as typing it would: number, boolean or text; formulas refused),
``ActiveWindow`` scrolling and ``Application.StatusBar`` (accepted, no effect),
``Application.Calculation``/``ScreenUpdating``/``CutCopyMode``/
``EnableEvents``/``DisplayAlerts``, ``Calculate``/``ActiveSheet.Calculate``/
``Application.Calculate``, and ``Abs Sqr Int Fix Exp Log CDbl CLng CInt Sgn
Round CStr Len``.  A run has a step budget (``max_steps`` statements and loop
iterations); exceeding it stops with the macro name and line.

Calculation mode: ``Application.Calculation = ...`` calls
``host.set_calculation``; it is not restored when the macro ends (Excel does
not restore it either), so the host keeps whatever mode the macro left.
"""
from __future__ import annotations

from dataclasses import dataclass

from sheetsolver.errors import SheetsolverError
from sheetsolver.vba import nodes as N
from sheetsolver.vba.checker import ProcChecker, Refusal
from sheetsolver.vba.host import (Host, MacroRefused, MacroRuntimeError, RangeRef,
                                  excel_end_down)
from sheetsolver.vba.parser import parse_module
from sheetsolver.vba.runtime import Runtime, run_guarded

__all__ = ["Host", "RangeRef", "MacroRefused", "MacroRuntimeError", "MacroInfo",
           "MacroProject", "load_macros", "excel_end_down"]


@dataclass(frozen=True)
class MacroInfo:
    """A runnable macro: a Sub without parameters."""
    name: str
    module: str
    module_kind: str      # 'standard', 'document' (sheet/ThisWorkbook), 'class'
    line: int             # line of the ``Sub`` statement
    private: bool         # Private Subs are not offered in Excel's macro list


class MacroProject:
    """Parsed modules of one workbook; check and run their macros.

    ``kinds`` maps module name -> 'standard'/'document'/'class' (default
    'standard'); ``codenames`` maps sheet name -> sheet code name (the name of
    its document module).  Both come from the file in
    :func:`sheetsolver.vba.package.load_macros_from_package`.
    """

    def __init__(self, modules: dict[str, N.Module], kinds: dict[str, str] | None = None,
                 codenames: dict[str, str] | None = None, file: str | None = None):
        self.modules = modules
        self._by_lower = {name.lower(): m for name, m in modules.items()}
        self.kinds = {name: (kinds or {}).get(name, "standard") for name in modules}
        self.codenames = dict(codenames or {})
        self._sheet_of_module = {code.lower(): sheet for sheet, code in self.codenames.items()}
        self.file = file
        # Module-level variables keep their values between macro runs, as in Excel
        # (until the VBA project is reset): {module name: {variable: value}}.
        self.module_vars: dict[str, dict[str, object]] = {}

    # ---- lookup --------------------------------------------------------
    @property
    def macros(self) -> list[MacroInfo]:
        """Every parameterless Sub, in module order then source order."""
        out = []
        for name, mod in self.modules.items():
            for proc in mod.procedures.values():
                if proc.kind == "sub" and not proc.has_params:
                    out.append(MacroInfo(proc.name, name, self.kinds[name], proc.line,
                                         proc.private))
        return out

    def module_sheet(self, module: str) -> str | None:
        """Sheet whose document module this is (None for standard modules)."""
        if self.kinds.get(self._module(module).name) != "document":
            return None
        return self._sheet_of_module.get(module.lower())

    def find(self, name: str, sheet: str | None = None) -> MacroInfo:
        """The macro ``name`` as run from ``sheet`` (sheet name or code name).

        ``name`` may be qualified: ``"basic.onestep"`` or a button's
        ``"[0]!basic.onestep"``.  Otherwise the sheet's own module wins, then
        standard modules and ThisWorkbook-like document modules that are not
        sheets.  Raises SheetsolverError if not found or ambiguous.
        """
        name = name.rsplit("!", 1)[-1]
        if "." in name:
            module, name = name.rsplit(".", 1)
            return self._info(self._module(module).name, name)
        if sheet is not None:
            for candidate in (self.codenames.get(sheet), sheet):
                mod = self._by_lower.get((candidate or "").lower())
                if mod is not None and name.lower() in mod.procedures:
                    return self._info(mod.name, name)
        shared = [m.name for m in self.modules.values()
                  if name.lower() in m.procedures and self.is_shared_module(m.name)]
        if len(shared) == 1:
            return self._info(shared[0], name)
        where = f" for sheet {sheet!r}" if sheet is not None else ""
        if len(shared) > 1:
            raise SheetsolverError(f"macro {name!r} is ambiguous{where}: defined in modules "
                                   + ", ".join(shared), file=self.file)
        elsewhere = [m.name for m in self.modules.values() if name.lower() in m.procedures]
        hint = (" (defined in modules " + ", ".join(elsewhere) + "; pass the sheet or "
                "module)") if elsewhere else ""
        if sheet is not None:
            have = self.macros_for(sheet)
            hint += ("; the macros of this tab are " + ", ".join(have)) if have else \
                "; this tab has no macros"
        raise SheetsolverError(f"no macro {name!r}{where}{hint}", file=self.file)

    def is_shared_module(self, module: str) -> bool:
        """Standard modules, and document modules not bound to a sheet."""
        kind = self.kinds[module]
        return kind == "standard" or (kind == "document"
                                      and module.lower() not in self._sheet_of_module)

    def _module(self, module: str) -> N.Module:
        mod = self._by_lower.get(module.lower())
        if mod is None:
            raise SheetsolverError(f"no VBA module {module!r}", file=self.file)
        return mod

    def _info(self, module: str, name: str) -> MacroInfo:
        proc = self._module(module).procedures.get(name.lower())
        if proc is None or proc.kind != "sub" or proc.has_params:
            raise SheetsolverError(f"no macro {name!r} in module {module!r}", file=self.file)
        return MacroInfo(proc.name, module, self.kinds[module], proc.line, proc.private)

    def _resolve_call(self, from_module: str, name: str):
        """(procedure, module) that ``name`` (or ``Module.name``) means inside ``from_module``."""
        if "." in name:
            module, name = name.rsplit(".", 1)
            mod = self._by_lower.get(module.lower())
            proc = mod.procedures.get(name.lower()) if mod is not None else None
            if proc is None or (proc.private and mod.name.lower() != from_module.lower()):
                return None
            return proc, mod
        mod = self._by_lower[from_module.lower()]
        proc = mod.procedures.get(name.lower())
        if proc is not None:
            return proc, mod
        found = [(m.procedures[name.lower()], m) for m in self.modules.values()
                 if self.kinds[m.name] == "standard" and name.lower() in m.procedures
                 and not m.procedures[name.lower()].private]
        return found[0] if len(found) == 1 else None

    def target(self, name: str, module: str | None = None, sheet: str | None = None) -> MacroInfo:
        """The macro ``name`` from ``module`` if given, else as :meth:`find` sees it
        from ``sheet``."""
        return self._target(name, module, sheet)

    def _target(self, name: str, module: str | None, sheet: str | None) -> MacroInfo:
        if module is not None:
            return self._info(self._module(module).name, name)
        return self.find(name, sheet)

    # ---- check and run -------------------------------------------------
    def check(self, name: str, module: str | None = None, sheet: str | None = None) -> None:
        """Raise :class:`MacroRefused` unless ``name`` and every Sub it can
        reach use only the supported subset."""
        info = self._target(name, module, sheet)
        mod = self._module(info.module)
        # Depth-first over the call graph, iteratively (call chains can be long).
        todo = [(mod.procedures[info.name.lower()], mod, [])]
        seen: set[tuple[str, str]] = set()
        while todo:
            proc, mod, chain = todo.pop()
            key = (mod.name.lower(), proc.name.lower())
            if key in seen:
                continue
            seen.add(key)
            try:
                if mod.refusals:
                    first = mod.refusals[0]
                    raise Refusal(first.line, first.word,
                                  first.detail or "module-level statement")
                checker = ProcChecker(proc, mod, lambda n, m=mod.name: self._callee(m, n),
                                      public_var=lambda n, m=mod.name: self._public_module(m, n),
                                      is_module=lambda n: n.lower() in self._by_lower)
                checker.check_body(proc.body)
            except Refusal as r:
                raise self._refused(proc, mod, r, chain) from None
            for callee, _line, written in reversed(checker.calls):
                cproc, cmod = self._resolve_call(mod.name, written)
                todo.append((cproc, cmod, chain + [proc.name]))

    def _callee(self, module: str, name: str):
        """Checker hook: the Sub ``name`` called from ``module`` (must be runnable)."""
        found = self._resolve_call(module, name)
        if found is None:
            return None
        proc, _ = found
        if proc.kind != "sub" or proc.has_params:
            raise Refusal(0, name, f"{proc.kind.title()} {name!r} has parameters or "
                                   "returns a value; only parameterless Subs can be called")
        return proc

    def reachable(self, name: str, module: str | None = None, sheet: str | None = None):
        """``[(Procedure, Module)]``: macro ``name`` and every Sub it can call."""
        from sheetsolver.vba.names_used import _bodies
        info = self._target(name, module, sheet)
        mod = self._module(info.module)
        todo = [(mod.procedures[info.name.lower()], mod)]
        seen, out = set(), []
        while todo:
            proc, mod = todo.pop()
            key = (mod.name.lower(), proc.name.lower())
            if key in seen:
                continue
            seen.add(key)
            out.append((proc, mod))
            stmts = list(proc.body)
            while stmts:
                st = stmts.pop()
                stmts += [s for b in _bodies(st) for s in b]
                if not isinstance(st, N.CallStmt):
                    continue
                t = st.target.func if isinstance(st.target, N.CallExpr) and not st.args \
                    else st.target
                written = t.name if isinstance(t, N.Name) else (
                    f"{t.obj.name}.{t.name}" if isinstance(t, N.Member)
                    and isinstance(t.obj, N.Name) else None)
                found = self._resolve_call(mod.name, written) if written else None
                if found is not None:
                    todo.append(found)
        return out

    def macros_for(self, sheet: str) -> list[str]:
        """Macros offered on ``sheet``: its own module's public parameterless Subs,
        then those of standard modules and unbound document modules."""
        code = (self.codenames.get(sheet) or "").lower()
        public = [m for m in self.macros if not m.private]
        names = [m.name for m in public if code and m.module.lower() == code]
        for m in public:
            if self.is_shared_module(m.module) and m.name.lower() not in \
                    {n.lower() for n in names}:
                names.append(m.name)
        return names

    def public_var(self, from_module: str, name: str) -> str | None:
        """Module owning the Public variable/constant ``name`` seen from ``from_module``
        (its own module first, then standard modules); None if there is none."""
        key = name.lower()
        own = self._by_lower.get(from_module.lower())
        if own is not None and (key in own.variables or key in own.constants):
            return own.name
        owners = [m.name for m in self.modules.values() if self.kinds[m.name] == "standard"
                  and key in m.public]
        return owners[0] if len(owners) == 1 else None

    def _public_module(self, from_module: str, name: str):
        owner = self.public_var(from_module, name)
        return self._by_lower[owner.lower()] if owner else None

    def _refused(self, proc: N.Procedure, mod: N.Module, r: Refusal,
                 chain: list[str]) -> MacroRefused:
        line = r.line or proc.line
        msg = f"macro '{proc.name}' line {line}: '{r.word}' is outside the supported VBA subset"
        if r.detail:
            msg += f" ({r.detail})"
        if chain:
            shown = [f"'{c}'" for c in chain]
            if len(shown) > 6:
                shown = shown[:2] + ["..."] + shown[-3:]
            msg += " [called from " + " -> ".join(shown) + "]"
        msg += f" in module '{mod.name}'"
        return MacroRefused(msg, macro=proc.name, module=mod.name, line=line, word=r.word,
                            file=self.file)

    def run(self, name: str, host: Host, sheet: str, module: str | None = None, *,
            max_steps: int = 1_000_000, out=None) -> None:
        """Check, then run macro ``name`` with ``sheet`` as the active sheet.

        Unqualified ``Range(...)`` refers to the module's own sheet for sheet
        modules (when ``codenames`` are known), else to the active sheet.
        ``module`` picks the module when several define ``name`` (default:
        :meth:`find` with ``sheet``).  ``MsgBox``/``Debug.Print`` text goes to
        ``out(text)`` (default: print to stdout).  ``max_steps`` bounds the
        statements and loop iterations of one run.  Raises MacroRefused (nothing ran) or
        MacroRuntimeError (cells written before the failing line stay written).
        """
        info = self._target(name, module, sheet)
        self.check(info.name, info.module)
        mod = self._module(info.module)
        rt = Runtime(host, sheet, max_steps=max_steps, home_sheet_of=self.module_sheet,
                     resolve_sub=self._resolve_call, module_vars=self.module_vars,
                     public_var=self.public_var, modules=self._by_lower, out=out)

        def make_error(message: str, rt: Runtime) -> MacroRuntimeError:
            proc, line = rt.fail_site or (mod.procedures[info.name.lower()], 0)
            return MacroRuntimeError(f"macro '{proc.name}' line {line}: {message}",
                                     macro=proc.name, module=proc.module, line=line,
                                     file=self.file, sheet=sheet)

        run_guarded(rt, mod.procedures[info.name.lower()], mod, make_error)


def load_macros(source_by_module: dict[str, str], *, kinds: dict[str, str] | None = None,
                codenames: dict[str, str] | None = None,
                file: str | None = None) -> MacroProject:
    """Parse ``{module name: source}`` (as from ``read_vba_modules``).

    Parsing never fails on unsupported code: it is recorded and refused only
    when a macro that can reach it is checked or run.
    """
    modules = {name: parse_module(name, src) for name, src in source_by_module.items()}
    return MacroProject(modules, kinds, codenames, file)
