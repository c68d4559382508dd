"""The lazy function registry (issue #14, start-up): category modules are imported when one
of their names is looked up, and the registry still looks complete to whoever walks it.

Each check runs in a fresh interpreter, where nothing has filled the registry yet.
"""
from __future__ import annotations

import json
import subprocess
import sys

from sheetsolver.engine.functions import index_build
from sheetsolver.engine.functions.registry_index import INDEX, MODULES


def run(code: str):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_index_names_the_module_that_registers_each_function():
    # regenerated from scratch: importing the modules one by one in a fresh process
    assert index_build.owners() == INDEX, \
        "a function was added or moved: python -m sheetsolver.engine.functions.index_build"
    assert set(INDEX.values()) <= set(MODULES)


def test_no_module_changes_a_function_another_module_registered():
    # loading one module alone must give its functions exactly as the full registry has
    # them: no later module may patch (grad, note, ...) a function registered earlier
    code = """
import importlib, json
import sheetsolver.engine.engine
from sheetsolver.engine.functions import base
from sheetsolver.engine.functions.registry_index import MODULES

def q(f):
    return None if f is None else getattr(f, "__qualname__", repr(type(f)))

def snap():
    return {n: [q(f.impl), list(f.modes), q(f.grad), f.volatile, f.zero_grad,
                f.returns_ref, f.min_args, f.max_args, f.note, list(f.array_args), f.repeat,
                f.category, f.help] for n, f in dict.items(base.FUNCTIONS)}

changed = []
for m in MODULES:
    before = snap()
    importlib.import_module("sheetsolver.engine.functions." + m)
    after = snap()
    changed += [[m, n] for n in before if before[n] != after[n]]
print(json.dumps(changed))
"""
    assert run(code) == []


def test_a_lookup_imports_only_the_module_of_that_name():
    code = """
import json, sys
import sheetsolver.engine.engine
from sheetsolver.engine.functions import FUNCTIONS
mods = lambda: sorted(m.rsplit(".", 1)[1] for m in sys.modules
                      if m.startswith("sheetsolver.engine.functions."))
start = mods()
unknown = "NO.SUCH.FUNCTION" in FUNCTIONS or FUNCTIONS.get("NO.SUCH.FUNCTION") is not None
after_unknown = mods()
npv = FUNCTIONS.get("NPV").name
after_npv = mods()
print(json.dumps([start, unknown, after_unknown, npv, after_npv, "scipy" in sys.modules]))
"""
    start, unknown, after_unknown, npv, after_npv, scipy = run(code)
    assert not {"financial", "distributions", "statistical"} & set(start)
    assert unknown is False and after_unknown == start
    assert npv == "NPV" and "financial" in after_npv
    assert "distributions" not in after_npv and not scipy


def test_walking_the_registry_loads_every_module():
    code = """
import json, sys
import sheetsolver.engine.engine
from sheetsolver.engine.functions import FUNCTIONS
from sheetsolver.engine.functions.registry_index import INDEX, MODULES
n = len(FUNCTIONS)
names = sorted(FUNCTIONS)
print(json.dumps([n, len(names), all(n in FUNCTIONS for n in INDEX),
                  all("sheetsolver.engine.functions." + m in sys.modules for m in MODULES)]))
"""
    n, n_names, all_in, all_loaded = run(code)
    assert n == n_names >= len(INDEX) and all_in and all_loaded


def test_functions_of_unloaded_modules_compute_in_a_fresh_process(tmp_path):
    # Excel's help pages: NPV(10%, -10000, 3000, 4200, 6800) = 1,188.44
    # https://support.microsoft.com/en-us/office/npv-function-8672cb67-2576-4d07-b67b-ac28acf2a568
    # and DEC2BIN(9, 4) = 1001
    # https://support.microsoft.com/en-us/office/dec2bin-function-0f63dd0e-5d1a-42d8-b511-5bf5c6d43838
    openpyxl = __import__("pytest").importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "S"
    ws["A1"] = "=NPV(10%,-10000,3000,4200,6800)"
    ws["A2"] = "=DEC2BIN(9,4)"
    path = tmp_path / "lazy.xlsx"
    wb.save(path)
    code = f"""
import json
from sheetsolver.book import Book
b = Book.open({str(path)!r})
b.recalc()
print(json.dumps([b.value("S!A1"), b.value("S!A2")]))
"""
    npv, dec2bin = run(code)
    assert round(npv, 2) == 1188.44
    assert dec2bin == "1001"
