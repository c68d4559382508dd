"""Bad input: one clear line naming file, sheet and cell; exit 2; nothing written."""
from __future__ import annotations

import io
import shutil
import zipfile

from sheetsolver.cli import main

from conftest import fastai_book


def run_cli(args, capsys):
    code = main(args)
    err = capsys.readouterr().err.strip()
    return code, err


def assert_refused(args, capsys, tmp_path, *needles):
    out = tmp_path / "out.xlsx"
    code, err = run_cli(args + ["-o", str(out)], capsys)
    assert code == 2
    assert len(err.splitlines()) == 1, err
    for n in needles:
        assert n in err, err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".sheetsolver")] == []
    return err


def test_missing_file(tmp_path, capsys):
    assert_refused(["recalc", str(tmp_path / "nope.xlsx")], capsys, tmp_path, "nope.xlsx",
                   "no such file")


def test_not_a_zip(tmp_path, capsys):
    p = tmp_path / "text.xlsx"
    p.write_text("hello")
    assert_refused(["recalc", str(p)], capsys, tmp_path, "text.xlsx", "not a zip")


def test_truncated_zip(tmp_path, capsys):
    src = fastai_book("collab_filter-2022.xlsx").read_bytes()
    p = tmp_path / "cut.xlsx"
    p.write_bytes(src[: len(src) // 2])
    assert_refused(["recalc", str(p)], capsys, tmp_path, "cut.xlsx", "corrupt or truncated")


def test_legacy_xls(tmp_path, capsys):
    p = tmp_path / "old.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert_refused(["recalc", str(p)], capsys, tmp_path, "old.xls", ".xls")


def _rewrite(src, dst, edit):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = edit(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)


def test_zip_bomb(tmp_path, capsys):
    p = tmp_path / "bomb.xlsx"

    def edit(name, data):
        return data
    _rewrite(fastai_book("collab_filter-2022.xlsx"), p, edit)
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/huge.bin", b"\0" * (64 * 1024 * 1024))
    assert_refused(["recalc", str(p)], capsys, tmp_path, "bomb.xlsx", "zip bomb")


def test_xml_entity_expansion(tmp_path, capsys):
    p = tmp_path / "lol.xlsx"
    evil = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
            b'"&lol;&lol;&lol;&lol;">]><sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>')
    _rewrite(fastai_book("collab_filter-2022.xlsx"), p,
             lambda n, d: evil if n == "xl/sharedStrings.xml" else d)
    assert_refused(["recalc", str(p)], capsys, tmp_path, "lol.xlsx", "DOCTYPE")


def _recalc_degrades(args, capsys, tmp_path):
    """Not refused (issue #9): the cells keep Excel's cached values and are listed."""
    out = tmp_path / "out.xlsx"
    code = main(args + ["-o", str(out)])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert out.exists()
    return captured.out


def test_unknown_function_names_every_cell(make_book, tmp_path, capsys):
    p = make_book({"S": {"A1": 1, "B1": "=FOOBAR(A1)", "B2": "=FOOBAR(2)+1", "C1": "=SUM(A1)"}})
    out = _recalc_degrades(["recalc", str(p)], capsys, tmp_path)
    assert "2 cells keep Excel's cached values" in out
    assert "S!B1 (unknown function FOOBAR)" in out and "S!B2 (unknown function FOOBAR)" in out


def test_reference_to_missing_sheet(make_book, tmp_path, capsys):
    p = make_book({"S": {"A1": 1, "B3": "=Nowhere!A1+1"}})
    out = _recalc_degrades(["recalc", str(p)], capsys, tmp_path)
    assert "S!B3 (formula refers to sheet 'Nowhere', which does not exist)" in out


def test_circular_reference(make_book, tmp_path, capsys):
    p = make_book({"S": {"A1": "=B1+1", "B1": "=A1*2", "C1": 5}})
    out = _recalc_degrades(["recalc", str(p)], capsys, tmp_path)
    assert "S!A1 (circular reference (S!A1, S!B1) and iterative calculation is off)" in out


def test_input_is_untouched(tmp_path, capsys):
    src = tmp_path / "in.xlsx"
    shutil.copy(fastai_book("collab_filter-2022.xlsx"), src)
    before = src.read_bytes()
    run_cli(["recalc", str(src), "-o", str(tmp_path / "o.xlsx")], capsys)
    assert src.read_bytes() == before
    _ = io
