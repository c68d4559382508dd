"""The README's function table and docs/functions.md are generated from the registry and
must say what the registry holds; every function declares its Excel category and help page."""
from __future__ import annotations

from pathlib import Path

from sheetsolver.engine.functions import FUNCTIONS
from sheetsolver.engine.functions import catalog

ROOT = Path(__file__).resolve().parents[1]


def test_readme_function_table_is_current():
    assert catalog.main(["--check", str(ROOT / "README.md")]) == 0, \
        "run: python -m sheetsolver.engine.functions.catalog --write README.md"


def test_functions_page_is_current():
    page = (ROOT / "docs" / "functions.md").read_text(encoding="utf-8")
    assert page == catalog.reference_page(), \
        "run: python -m sheetsolver.engine.functions.catalog --docs docs/functions.md"


def test_every_function_has_category_and_help_page():
    cats = catalog.by_category()
    assert "Other" not in cats, cats.get("Other")
    missing = [n for names in cats.values() for n in names if not FUNCTIONS[n].help]
    assert missing == []
    assert all(FUNCTIONS[n].help.startswith("https://support.microsoft.com/")
               for names in cats.values() for n in names)


def test_library_size_and_excel_categories():
    """Issue 9: at least 300 functions across Excel's categories."""
    cats = catalog.by_category()
    assert sum(len(v) for v in cats.values()) >= 300
    for c in ("Math & Trig", "Statistical", "Lookup & Reference", "Logical", "Text",
              "Date & Time", "Financial", "Information", "Database", "Engineering"):
        assert len(cats.get(c, [])) >= 5, c
    assert len(FUNCTIONS) >= 300


def test_solver_docs_gradient_table_is_current():
    assert catalog.main(["--check-solver-docs", str(ROOT / "docs" / "solver.md")]) == 0, \
        "run: python -m sheetsolver.engine.functions.catalog --solver-docs docs/solver.md"
