"""A cell we cannot compute keeps Excel's cached value; the rest of the workbook is
computed from it, and the engine says which cells depend on it."""
from __future__ import annotations

from sheetsolver.book import Book
from sheetsolver.cli import main
from sheetsolver.values import ExcelError

from _raw_book import write_book


def _book(tmp_path, cells, name="g.xlsx", **kw):
    return Book.open(write_book(tmp_path / name, {"S": cells, "Hidden": kw.pop("hidden", {})},
                                **kw))


CELLS = {
    "A1": 2,
    "B1": {"f": "FOOBAR(A1)", "v": 10},                       # unknown function
    "C1": {"f": "B1*3", "v": 30},                            # computed from B1's cached 10
    "B2": {"f": '_xlfn.STOCKHISTORY("MSFT",A1)', "v": 7},   # network function
    "C2": {"f": "A1*5", "v": 10},                            # independent of both
    "B3": {"f": "A1+(", "v": 4},                              # unparseable
    "C3": {"f": "B3+C1", "v": 34},
    "B4": {"f": "Nowhere!A1", "v": 1},                        # sheet that does not exist
}


def test_uncomputable_cells_keep_cached_values_and_feed_dependents(tmp_path):
    book = _book(tmp_path, CELLS)
    book.recalc()
    assert book.value("S", "B1") == 10.0 and book.value("S", "B2") == 7.0
    assert book.value("S", "C1") == 30.0          # 10*3 from the cached value
    assert book.value("S", "C3") == 34.0          # 4 + 30
    assert book.value("S", "C2") == 10.0
    bad = book.engine.uncomputable
    assert bad["S!B1"] == "unknown function FOOBAR"
    assert bad["S!B2"] == "STOCKHISTORY needs the network"
    assert bad["S!B3"].startswith("unparseable formula =A1+(")
    assert "Nowhere" in bad["S!B4"]
    assert set(bad) == {"S!B1", "S!B2", "S!B3", "S!B4"}


def test_inputs_change_dependents_recompute(tmp_path):
    book = _book(tmp_path, CELLS)
    book.engine.set_value("S", "A1", 3)
    book.recalc()
    assert book.value("S", "C2") == 15.0
    assert book.value("S", "B1") == 10.0            # stays Excel's value


def test_depends_on_uncomputable(tmp_path):
    book = _book(tmp_path, CELLS)
    eng = book.engine
    assert eng.depends_on_uncomputable([("S", 2, 3)]) == []            # C2
    assert eng.depends_on_uncomputable([("S", 1, 3)]) == [("S!B1", "unknown function FOOBAR")]
    wheres = {w for w, _ in eng.depends_on_uncomputable([("S", 3, 3)])}   # C3: B3 and C1->B1
    assert wheres == {"S!B1", "S!B3"}
    assert eng.depends_on_uncomputable([("S", 2, 2)])[0][0] == "S!B2"   # the cell itself


def test_writing_into_an_uncomputable_cell_is_refused(tmp_path):
    import pytest
    from sheetsolver.errors import SheetsolverError
    book = _book(tmp_path, CELLS)
    with pytest.raises(SheetsolverError, match="formula"):
        book.engine.set_value("S", "B1", 1)


def test_solver_name_cell_in_hidden_sheet(tmp_path):
    # seen in a real workbook: a hidden sheet's cell holding =solver_adj=Sheet!..,Sheet!..
    hidden = {"A1": {"f": "solver_adj=S!$D$5:$G$5,S!$Q$4:$R$5", "v": "#NAME?"}}
    book = _book(tmp_path, {"A1": 1, "B1": {"f": "A1+1", "v": 0}}, hidden=hidden)
    book.recalc()
    assert book.value("S", "B1") == 2.0
    assert book.value("Hidden", "A1") == ExcelError("#NAME?")
    assert list(book.engine.uncomputable) == ["Hidden!A1"]


def test_shared_formula_with_unknown_function(tmp_path):
    cells = {"A1": 1, "A2": 2,
             "B1": {"f": "FOOBAR(A1)", "t": "shared", "fref": "B1:B2", "si": 0, "v": 5},
             "B2": {"f": "", "t": "shared", "si": 0, "v": 6}}
    # _raw_book writes si only via attributes: add it by hand
    path = write_book(tmp_path / "s.xlsx", {"S": cells})
    import zipfile
    data = {}
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            data[n] = z.read(n)
    x = data["xl/worksheets/sheet1.xml"].decode()
    x = x.replace('<f t="shared" ref="B1:B2">', '<f t="shared" ref="B1:B2" si="0">')
    x = x.replace('<f t="shared"/>', '<f t="shared" si="0"/>')
    data["xl/worksheets/sheet1.xml"] = x.encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, d in data.items():
            z.writestr(n, d)
    book = Book.open(path)
    book.recalc()
    assert book.value("S", "B2") == 6.0
    assert set(book.engine.uncomputable) == {"S!B1", "S!B2"}


def test_recalc_and_inspect_list_uncomputable_cells(tmp_path, capsys):
    p = write_book(tmp_path / "c.xlsx", {"S": CELLS})
    assert main(["recalc", str(p), "-o", str(tmp_path / "o.xlsx")]) == 0
    out = capsys.readouterr().out
    assert "4 cells keep Excel's cached values" in out and "S!B1 (unknown function FOOBAR)" in out
    assert main(["inspect", str(p)]) == 0
    out = capsys.readouterr().out
    assert "S!B2 (STOCKHISTORY needs the network)" in out


def test_circular_reference_without_iteration_keeps_cached_values(tmp_path):
    cells = {"A1": {"f": "B1+1", "v": 3}, "B1": {"f": "A1*2", "v": 6}, "C1": 5,
             "D1": {"f": "C1*2", "v": 0}, "E1": {"f": "A1+C1", "v": 0}}
    book = _book(tmp_path, cells)
    book.recalc()
    assert book.value("S", "D1") == 10.0
    assert book.value("S", "A1") == 3.0 and book.value("S", "B1") == 6.0
    assert book.value("S", "E1") == 8.0              # from A1's cached 3
    bad = book.engine.uncomputable
    assert set(bad) == {"S!A1", "S!B1"} and "circular reference" in bad["S!A1"]


def test_circular_reference_through_offset(tmp_path):
    # A1 reads B1 only through OFFSET (known at run time); B1 reads A1
    cells = {"A2": 0, "A1": {"f": "OFFSET(A2,-1,1)+1", "v": 7}, "B1": {"f": "A1*2", "v": 14},
             "C1": {"f": "A2+5", "v": 0}}
    book = _book(tmp_path, cells)
    book.recalc()
    assert book.value("S", "A1") == 7.0 and book.value("S", "B1") == 14.0
    assert book.value("S", "C1") == 5.0
    assert set(book.engine.uncomputable) == {"S!A1", "S!B1"}


def test_require_computable_names_the_cell(tmp_path):
    import pytest
    from sheetsolver.errors import SheetsolverError
    book = _book(tmp_path, CELLS)
    book.engine.require_computable([("S", 2, 3)], "the objective S!C2")      # fine
    with pytest.raises(SheetsolverError) as e:
        book.engine.require_computable([("S", 1, 3)], "the objective S!C1")
    assert "S!B1" in str(e.value) and "unknown function FOOBAR" in str(e.value)
    assert len(str(e.value).splitlines()) == 1
