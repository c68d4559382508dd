"""The README's Python API example runs as written (in a scratch folder holding the
project's workbooks), and its claims hold."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_python_api_example_runs(tmp_path, capsys):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    shutil.copytree(ROOT / "workbooks", tmp_path / "workbooks")
    before = (tmp_path / "workbooks" / "collab_filter.xlsx").read_bytes()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        scope: dict = {}
        exec(compile(code, "README.md (Python API)", "exec"), scope)
    finally:
        os.chdir(cwd)
    # the built workbook's dotprod tab: 15 x 15 ratings, movie ids above them
    assert scope["ratings"].shape == (15, 15)
    assert all(isinstance(c, int) for c in scope["ratings"].columns)
    assert len(scope["factors"]) == 5 and len(scope["factors"][0]) == 15
    assert scope["g"].shape == (5 * 15 + 15 * 5,)
    assert (tmp_path / "out.xlsx").exists()
    assert (tmp_path / "workbooks" / "collab_filter.xlsx").read_bytes() == before
    printed = capsys.readouterr().out
    assert "dotprod" in printed and len(printed.strip().splitlines()) <= 3
