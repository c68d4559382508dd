"""Regenerate registry_index.INDEX: ``python -m sheetsolver.engine.functions.index_build``.

Each category module is imported in turn (in a fresh process, in the registry's
order) and the names it adds are its own."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_OWNERS = """
import importlib, json, sys
import sheetsolver.engine.engine
from sheetsolver.engine.functions import base
from sheetsolver.engine.functions.registry_index import MODULES
seen, out = set(dict.keys(base.FUNCTIONS)), {}
for m in MODULES:
    importlib.import_module('sheetsolver.engine.functions.' + m)
    for n in dict.keys(base.FUNCTIONS):
        if n not in seen:
            seen.add(n)
            out[n] = m
json.dump(out, sys.stdout)
"""


def owners() -> dict:
    """name -> category module that registers it (names the engine registers left out)."""
    res = subprocess.run([sys.executable, "-c", _OWNERS], capture_output=True, text=True,
                         check=True)
    return json.loads(res.stdout)


def render(index: dict) -> str:
    return "\n".join(["INDEX: dict = {"] + [f"    {n!r}: {index[n]!r}," for n in sorted(index)]
                     + ["}"])


def main() -> int:
    path = Path(__file__).with_name("registry_index.py")
    head, rest = path.read_text().split("# index:begin (generated)\n", 1)
    tail = rest.split("# index:end\n", 1)[1]
    path.write_text(f"{head}# index:begin (generated)\n{render(owners())}\n# index:end\n{tail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
