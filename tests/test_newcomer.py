"""A newcomer's first hour: Ctrl-C, output paths, file modes, the pandas-friendly API.

The CLI tests run ``python -m sheetsolver`` as a subprocess, as a user at a terminal
would; expected outcomes are the documented contract (exit 130 on Ctrl-C, exit 2 and
one line for a bad output location, 0644 under umask 022).
"""
from __future__ import annotations

import hashlib
import math
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sheetsolver.book import Book
from sheetsolver.errors import SheetsolverError

from conftest import fastai_book

ROOT = Path(__file__).resolve().parents[1]
COLLAB = ROOT / "workbooks" / "collab_filter.xlsx"


def _digest(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def _default_sigint():
    """A shell running us in the background may have set SIGINT to 'ignore', which
    children inherit: give the command Ctrl-C as a terminal user has it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _cli(*args, cwd=None, **kw):
    return subprocess.Popen([sys.executable, "-m", "sheetsolver", *map(str, args)],
                            cwd=cwd or ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=_default_sigint, **kw)


@pytest.mark.parametrize("delay", [0.3, 2.0])   # at start-up; mid-solve (the solve takes ~8 s)
def test_ctrl_c_stops_solve_cleanly(tmp_path, delay):
    book = tmp_path / "collab_filter.xlsx"
    slow = Book.open(COLLAB)    # weight decay (D2) 0: the fits crawl for ~15 s, not ~3 s
    for sheet in slow.wb.sheets:
        slow.engine.set_numbers(f"{sheet.name}!D2", 0.0)
    slow.save(book)
    before = _digest(book)
    out = tmp_path / "solved.xlsx"
    p = _cli("solve", book, "-o", out, "--quiet")
    time.sleep(delay)
    p.send_signal(signal.SIGINT)
    try:
        stdout, stderr = p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        pytest.fail("solve did not stop within 10 s of Ctrl-C")
    assert p.returncode == 130, (stdout, stderr)
    assert "Traceback" not in stderr and "Traceback" not in stdout
    assert "interrupted" in stderr
    assert not out.exists()
    assert _digest(book) == before
    leftovers = [f for f in os.listdir(tmp_path) if f.startswith(".sheetsolver-")]
    assert leftovers == []


def test_missing_output_folder_fails_before_work():
    t = time.monotonic()
    p = _cli("solve", COLLAB, "-o", "/nonexistent/dir/out.xlsx")
    stdout, stderr = p.communicate(timeout=60)
    elapsed = time.monotonic() - t
    assert p.returncode == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "/nonexistent/dir" in lines[0] and "does not exist" in lines[0]
    assert "solving" not in stdout and "->" not in stdout   # nothing was solved
    assert elapsed < 15   # a process start; the solve itself takes ~12 s


def _read_only_folder(tmp_path):
    """A folder this process cannot write in: permission bits for a normal user; a
    read-only tmpfs mount for root (who ignores permission bits)."""
    d = tmp_path / "ro"
    d.mkdir()
    if os.geteuid() != 0:
        d.chmod(0o555)
        return d, lambda: d.chmod(0o755)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(d)],
                       capture_output=True)
    if r.returncode != 0:
        pytest.skip("running as root and cannot mount a read-only tmpfs: "
                    + r.stderr.decode().strip())
    return d, lambda: subprocess.run(["umount", str(d)])


def test_read_only_output_folder_fails_before_work(tmp_path):
    d, cleanup = _read_only_folder(tmp_path)
    try:
        p = _cli("solve", COLLAB, "-o", d / "out.xlsx")
        stdout, stderr = p.communicate(timeout=60)
    finally:
        cleanup()
    assert p.returncode == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "not writable" in lines[0] and str(d) in lines[0]
    assert "->" not in stdout


def test_outputs_get_the_usual_file_mode(tmp_path):
    src = tmp_path / "in.xlsx"
    shutil.copy(COLLAB, src)
    out = tmp_path / "out.xlsx"
    p = subprocess.run([sys.executable, "-c",
                        "import os, sys; os.umask(0o022); from sheetsolver.cli import main; "
                        f"sys.exit(main(['recalc', {str(src)!r}, '-o', {str(out)!r}]))"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert p.returncode in (0, 1), p.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_api_book_frame_values_and_errors(tmp_path):
    path = fastai_book("collab_filter-2019.xlsx")
    book = Book.open(path)
    # dotprod's movie factor block (H19:V23): the values Excel saved
    df = book.frame("dotprod!H19:V23")
    assert df.shape == (5, 15)
    assert list(df.columns[:3]) == ["H", "I", "J"] and list(df.index) == [19, 20, 21, 22, 23]
    vals = book.values("dotprod!H19:V23")
    assert len(vals) == 5 and len(vals[0]) == 15
    assert df.iloc[0, 0] == vals[0][0] == book.value("dotprod!H19")
    assert all(isinstance(x, float) for row in vals for x in row)
    # the rating crosstab is labelled by movie ids above and user ids to the left
    lab = book.frame("dotprod!H2:V16", labels=True)   # 15 x 15 ratings block
    assert lab.shape == (15, 15)
    assert all(isinstance(c, int) for c in lab.columns)
    with pytest.raises(SheetsolverError, match="book.values"):
        book.value("dotprod", "H19:V23")
    with pytest.raises(SheetsolverError, match="in_place=True"):
        book.save(str(path))


def test_frame_header_and_index(make_book):
    book = Book.open(make_book({"S": {"A1": "name", "B1": "x", "C1": "y",
                                      "A2": "a", "B2": 1, "C2": "=B2*2",
                                      "A3": "b", "B3": 3, "C3": "=B3*2"}}))
    book.recalc()
    df = book.frame("S!A1:C3", header=True, index=True)
    assert list(df.columns) == ["x", "y"] and list(df.index) == ["a", "b"]
    assert df.loc["b", "y"] == 6.0
    blank = book.frame("S!A1:B4")
    assert math.isnan(blank.iloc[3, 1])


def _pdf_text(book: Path, outdir: Path) -> str:
    """LibreOffice renders the workbook to PDF; pdftotext reads back what a reader sees."""
    from sheetsolver.apps import libreoffice as lo
    exe = lo.find_soffice()
    if exe is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and poppler-utils are needed to render (installed by .ci/run)")
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{outdir}/profile",
                    "--convert-to", "pdf", "--outdir", str(outdir), str(book)],
                   check=True, capture_output=True, timeout=300)
    pdf = outdir / (book.stem + ".pdf")
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def test_built_workbooks_render_without_hashes(tmp_path):
    """Number formats and column widths fit the values the cells hold after solving
    (collab: the over-parameterised one-hot tab grows factors with two integer digits)
    and after every optimiser pass (graddesc's mean squares)."""
    solved = tmp_path / "collab.solved.xlsx"
    p = _cli("solve", COLLAB, "--sheet", "movielens_1hot", "--sheet", "dotprod", "-o", solved,
             "--quiet")
    out, err = p.communicate(timeout=600)
    assert solved.exists(), err
    text = _pdf_text(solved, tmp_path)
    assert "movielens_1hot" in text and "RMSE" in text
    assert "###" not in text
    text = _pdf_text(ROOT / "workbooks" / "graddesc.xlsm", tmp_path)
    assert "adam" in text and "###" not in text
