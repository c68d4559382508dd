"""Start-up imports only what a command needs (issue #14, point 3).

Timing is measured by benchmarks/bench_startup.py, never here: these tests check which
modules a fresh interpreter has loaded after each step, which does not depend on the
machine's load.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("numpy", "scipy", "pandas", "matplotlib", "tqdm", "openpyxl")


def loaded_after(code: str) -> set[str]:
    """Top-level packages (and sheetsolver subpackages) loaded after running ``code``
    in a fresh interpreter."""
    probe = (code + "\nimport sys, json\n"
             "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} | "
             "{'.'.join(m.split('.')[:2]) for m in sys.modules if m.startswith('sheetsolver.')})))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_parsing_every_command_loads_no_engine_and_no_numerics():
    code = ("from sheetsolver.cli import build_parser, COMMANDS\n"
            "import contextlib, io\n"
            "p = build_parser()\n"
            "for cmd in [[]] + [[c] for c in COMMANDS] + [['build', 'collab'], "
            "['build', 'graddesc']]:\n"
            "    with contextlib.redirect_stdout(io.StringIO()):\n"
            "        try:\n"
            "            p.parse_args(cmd + ['--help'])\n"
            "        except SystemExit:\n"
            "            pass\n")
    loaded = loaded_after(code)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert "sheetsolver.engine" not in loaded
    assert "sheetsolver.solver" not in loaded


def test_opening_a_book_does_not_import_scipy_pandas_or_matplotlib():
    loaded = loaded_after("import sheetsolver.book")
    assert "numpy" in loaded          # the engine's arrays: needed
    for name in ("scipy", "pandas", "matplotlib", "tqdm"):
        assert name not in loaded, name


def test_recalc_of_a_small_workbook_imports_no_scipy_or_pandas(make_book, tmp_path):
    book = make_book({"S": {"A1": 2, "B1": "=A1*3", "C1": "=SUM(A1:B1)"}})
    out = tmp_path / "out.xlsx"
    loaded = loaded_after("from sheetsolver.cli import main\n"
                          f"assert main(['recalc', {str(book)!r}, '-o', {str(out)!r}]) == 0\n")
    for name in ("scipy", "pandas", "matplotlib", "tqdm", "openpyxl"):
        assert name not in loaded, name
    assert "sheetsolver.solver" not in loaded and "sheetsolver.stepping" not in loaded
    from sheetsolver.book import Book
    assert Book.open(out).value("S", "C1") == 8      # 2 + 2*3, by hand


def test_help_lists_every_command():
    out = subprocess.run([sys.executable, "-m", "sheetsolver", "--help"], capture_output=True,
                         text=True, check=True).stdout
    for cmd in ("inspect", "recalc", "solve", "step", "compare", "build", "verify"):
        assert cmd in out


def test_argument_choices_repeated_in_the_commands_match_their_packages():
    from sheetsolver.commands import solve as solve_cmd, step as step_cmd
    from sheetsolver.solver import INITS
    from sheetsolver.stepping import MACROS
    assert solve_cmd.INITS == INITS
    assert step_cmd.MACROS == MACROS


def test_lazy_module_imports_on_first_attribute_only():
    code = ("import sys\n"
            "from sheetsolver.lazy_modules import lazy_module\n"
            "m = lazy_module('fractions')\n"
            "before = 'fractions' in sys.modules\n"
            "half = m.Fraction(1, 2)\n"
            "print(before, 'fractions' in sys.modules, half == 0.5, m.Fraction is m.Fraction)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True", "True", "True"]


@pytest.mark.parametrize("name, x, n, expected", [
    # Excel's help page examples: BESSELJ(1.9,2) = 0.329925829, BESSELI(1.5,1) = 0.981666428
    # https://support.microsoft.com/en-us/office/besselj-function-839cb181-48de-408b-9d80-bd02982d94f7
    # https://support.microsoft.com/en-us/office/besseli-function-8d33855c-9a8d-444b-98e0-852267b1c0df
    ("BESSELJ", 1.9, 2, 0.329925829),
    ("BESSELI", 1.5, 1, 0.981666428),
])
def test_bessel_functions_still_work_through_the_lazy_scipy(evaluate, name, x, n, expected):
    # Excel's Bessel values are approximations good to about 1e-6 relative (scipy: 0.3299257277)
    assert evaluate(f"={name}({x},{n})") == pytest.approx(expected, rel=1e-6)
