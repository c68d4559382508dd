"""``sheetsolver inspect BOOK``: what is in a workbook, before anything is computed."""
from __future__ import annotations

from collections import Counter


def register(sub):
    p = sub.add_parser("inspect", help="list sheets, formulas, names, Solver models, macros",
                       description="Show sheets, formula counts by function, shared/array "
                                   "formula counts, defined names, the Solver model of each "
                                   "sheet (with #REF! parts flagged), macros and unsupported "
                                   "functions.",
                       epilog="example: sheetsolver inspect workbooks/collab_filter.xlsx")
    p.add_argument("book", help=".xlsx/.xlsm workbook")
    p.add_argument("--names", action="store_true", help="list every defined name")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..engine.functions import FUNCTIONS    # imported here: --help must not load the engine
    from ..formula import ast as A
    from ..formula.transform import walk
    from ..package.reader import load_workbook
    wb = load_workbook(args.book)
    print(f"{args.book}: {len(wb.sheets)} sheets"
          f"{', macros (xl/vbaProject.bin)' if wb.has_macros else ', no macros'}")
    funcs_all, unsupported = Counter(), Counter()
    for sh in wb.sheets:
        cells = [c for c in sh.cells.values() if c.tree is not None]
        arrays = [c for c in cells if c.array is not None]
        array_cells = sum(c.array.size for c in arrays)
        shared = sum(1 for c in cells if c.shared)
        funcs = Counter()
        for c in cells:
            for node in walk(c.tree):
                if isinstance(node, A.Func):
                    funcs[node.name] += 1
                    if node.name not in FUNCTIONS:
                        unsupported[node.name] += 1
        funcs_all.update(funcs)
        print(f"  {sh.name}: {len(sh.cells):,} cells, {len(cells):,} formulas "
              f"({shared:,} shared, {len(arrays)} array formulas covering {array_cells:,} cells)")
        if funcs:
            print("    functions: " + ", ".join(f"{k} {v:,}" for k, v in funcs.most_common()))
        model = solver_model_summary(wb, sh)
        if model:
            print("    Solver model: " + model)
    if wb.has_macros:
        from ..vba import macros_by_sheet
        for sheet, macros in macros_by_sheet(args.book).items():
            if macros:
                print(f"  macros of {sheet}: {', '.join(macros)}")
    user_names = [n for n in wb.names if not n.name.lower().startswith("solver_")]
    print(f"  defined names: {len(wb.names)} ({len(wb.names) - len(user_names)} solver_*)")
    if args.names:
        for n in wb.names:
            scope = wb.sheets[n.sheet_index].name if n.sheet_index is not None else "workbook"
            print(f"    {n.name} [{scope}{', hidden' if n.hidden else ''}] = {n.text}")
    else:
        for n in user_names:
            scope = wb.sheets[n.sheet_index].name if n.sheet_index is not None else "workbook"
            flag = "  <- #REF!" if "#REF!" in n.text else ""
            print(f"    {n.name} [{scope}] = {n.text}{flag}")
    if unsupported:
        print("  UNSUPPORTED functions: " + ", ".join(f"{k} ({v})" for k, v in unsupported.items()))
    else:
        print("  all functions are supported")
    from ..package.formula_context import describe   # tables, external links, 1904
    for line in describe(wb):
        print("  " + line)
    print_calculation_features(wb)
    return 0


def listing(items, first: int = 8) -> str:
    """The first few items, then how many more."""
    shown = ", ".join(items[:first])
    return shown + (f" and {len(items) - first:,} more" if len(items) > first else "")


def print_uncomputable(engine, indent: str = "  ") -> None:
    """The cells kept at Excel's cached values because we cannot compute them."""
    bad = engine.uncomputable
    if bad:
        print(f"{indent}{len(bad):,} cells keep Excel's cached values (cannot be computed): "
              + listing([f"{w} ({why})" for w, why in bad.items()]))


def print_calculation_features(wb) -> None:
    """Iterative calculation, dynamic arrays (spill ranges), data tables, and the
    formula cells that cannot be computed (they keep Excel's cached values)."""
    from ..engine.engine import Engine
    from ..errors import SheetsolverError
    if wb.iterate:
        print(f"  iterative calculation: on (at most {wb.iterate_count} iterations, "
              f"max change {wb.iterate_delta:g})")
    else:
        print("  iterative calculation: off")
    try:
        engine = Engine(wb)
    except SheetsolverError as e:
        print(f"  formulas cannot be compiled: {e.message}")
        return
    spills = engine.spills()
    if spills:
        print(f"  dynamic arrays: {len(spills):,} (spill ranges " +
              listing([a.a1() for _, a in spills]) + ")")
    if engine.data_tables:
        print(f"  data tables: {len(engine.data_tables):,}: " +
              listing([t.describe() for t in engine.data_tables]))
    cyc = sum(len(us) for us in engine.iterative)
    if cyc:
        print(f"  circular references computed by iteration: {cyc:,} cells: " +
              listing([u.where for us in engine.iterative for u in us]))
    print_uncomputable(engine)


def solver_model_summary(wb, sh) -> str | None:
    """One line describing the sheet's Solver model from its hidden solver_* names."""
    from ..solver.model import solver_names     # sheet-scoped, else the workbook-level model
    names = solver_names(wb, sh.name)
    if "solver_opt" not in names and "solver_adj" not in names:
        return None
    typ = {"1": "max", "2": "min", "3": "value of"}.get(names.get("solver_typ", "2"), "?")
    eng = {"1": "GRG Nonlinear", "2": "Simplex LP", "3": "Evolutionary"}.get(
        names.get("solver_eng", "1"), "?")
    # an empty Set Objective box: a feasibility-only model
    opt, adj = names.get("solver_opt", "").strip() or "(none)", names.get("solver_adj", "?")
    flags = []
    if "#REF!" in opt:
        flags.append("objective is #REF!")
    if "#REF!" in adj:
        flags.append("variables are #REF!")
    num = names.get("solver_num", "0")
    if opt == "(none)":
        typ = "objective"
    return (f"{typ} {opt}{' ' + names.get('solver_val', '') if typ == 'value of' else ''} by "
            f"changing {adj}; {num} constraints; {eng}" +
            (f"  <- {'; '.join(flags)}" if flags else ""))
