"""LibreOffice backend: let headless ``soffice`` recalculate a workbook and read it back.

Each run uses a private, throw-away user profile whose ``registrymodifications.xcu``
sets ``Calc/Formula/Load`` ``OOXMLRecalcMode`` and ``ODFRecalcMode`` to 0 ("always
recalculate"), so the values LibreOffice writes are its own, not Excel's cached ones.
``soffice`` runs in its own process group: on a timeout the whole group is killed,
and the profile and the copy of the input are always removed.

API (kept stable for other commands)::

    find_soffice() -> str | None
    version() -> str | None                      # "LibreOffice 7.4.7.2 ..."
    recalculate(path, *, timeout=180) -> str     # converted .xlsx in a temp dir you own
    with recalculated(path) as out: ...          # same, cleaned up on exit
    recalculated_values(path, *, timeout=180)    # {(sheet, row, col): value} of formula cells
"""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import SheetsolverError

NOT_INSTALLED = ("LibreOffice (soffice) is not installed: "
                 "apt-get install -y libreoffice-calc-nogui")

_CANDIDATES = ("soffice", "libreoffice", "/usr/lib/libreoffice/program/soffice",
               "/opt/libreoffice/program/soffice",
               "/Applications/LibreOffice.app/Contents/MacOS/soffice",
               r"C:\Program Files\LibreOffice\program\soffice.exe")

# recalc mode 0 = always recalculate on load (1 = never, 2 = ask)
REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def find_soffice() -> str | None:
    """Path of the soffice executable ($SHEETSOLVER_SOFFICE first), or None."""
    env = os.environ.get("SHEETSOLVER_SOFFICE")
    for cand in ((env,) if env else ()) + _CANDIDATES:
        found = shutil.which(cand)
        if found:
            return found
        if os.path.isabs(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def _require() -> str:
    exe = find_soffice()
    if exe is None:
        raise SheetsolverError(NOT_INSTALLED)
    return exe


def version() -> str | None:
    """``soffice --version`` (e.g. "LibreOffice 7.4.7.2 40(Build:2)"), or None if absent."""
    exe = find_soffice()
    return None if exe is None else _version(exe)


@functools.lru_cache(maxsize=4)
def _version(exe: str) -> str | None:
    with tempfile.TemporaryDirectory(prefix="sheetsolver-lo-") as tmp:
        try:
            res = _run([exe, _profile_arg(tmp), "--version"], 60)
        except SheetsolverError:
            return None
    return res.stdout.strip() or None


def _profile_arg(profile_dir: str) -> str:
    user = Path(profile_dir, "user")
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(REGISTRY, encoding="utf-8")
    return "-env:UserInstallation=" + Path(profile_dir).resolve().as_uri()


def _run(cmd: list, timeout: float) -> subprocess.CompletedProcess:
    """Run ``cmd`` in its own process group; kill the whole group on timeout or exit."""
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, env=env,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc.pid)
        proc.communicate()
        raise SheetsolverError(f"LibreOffice did not finish within {timeout:g} s "
                               "(killed; is the workbook very large?)")
    finally:
        _kill_group(proc.pid)  # stray soffice.bin children of the wrapper script
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        os.killpg(pgid, signal.SIGKILL)


def recalculate(path, *, timeout: float = 180) -> str:
    """Recalculate ``path`` in LibreOffice and save it as .xlsx; return the new file's path.

    The file lives in a fresh temporary directory that the caller owns (remove it with
    ``shutil.rmtree(os.path.dirname(result))``, or use :func:`recalculated`)."""
    exe = _require()
    src = Path(path)
    if not src.is_file():
        raise SheetsolverError("no such workbook", file=str(path))
    outdir = tempfile.mkdtemp(prefix="sheetsolver-lo-out-")
    work = tempfile.mkdtemp(prefix="sheetsolver-lo-run-")
    ok = False
    try:
        profile = os.path.join(work, "profile")
        indir = os.path.join(work, "in")
        os.mkdir(indir)
        copy = os.path.join(indir, "book" + (src.suffix.lower() or ".xlsx"))
        shutil.copyfile(src, copy)
        cmd = [exe, _profile_arg(profile), "--headless", "--invisible", "--nologo",
               "--norestore", "--nodefault", "--nolockcheck",
               "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outdir, copy]
        from ..progress import activity
        with activity(f"LibreOffice recalculating {src.name}"):
            res = _run(cmd, timeout)
        out = os.path.join(outdir, "book.xlsx")
        if not os.path.isfile(out):
            detail = (res.stderr or res.stdout or "").strip().splitlines()
            raise SheetsolverError("LibreOffice could not convert the workbook (exit "
                                   f"{res.returncode}{': ' + detail[-1] if detail else ''})",
                                   file=str(path))
        ok = True
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not ok:
            shutil.rmtree(outdir, ignore_errors=True)


@contextlib.contextmanager
def recalculated(path, *, timeout: float = 180):
    """Context manager around :func:`recalculate` that removes the output on exit."""
    out = recalculate(path, timeout=timeout)
    try:
        yield out
    finally:
        shutil.rmtree(os.path.dirname(out), ignore_errors=True)


def recalculated_values(path, *, timeout: float = 180, cells=None) -> dict:
    """LibreOffice's recalculated value of every formula cell of the INPUT workbook.

    Returns ``{(sheet, row, col): None | float | str | bool | ExcelError}``. ``cells``
    (an iterable of such keys) overrides which cells are read back."""
    from .values import formula_cells, read_values
    wanted = list(cells) if cells is not None else formula_cells(path)
    with recalculated(path, timeout=timeout) as out:
        return read_values(out, wanted)


def recalculated_book(path, cells, *, timeout: float = 180):
    """:class:`~sheetsolver.apps.AppResult` for ``cells`` (any cells, constants included)
    plus the pivot-table layout LibreOffice wrote (it re-renders pivot tables on load)."""
    from . import AppResult
    from .values import pivot_areas, read_values
    cells = list(cells)
    ver = version()
    with recalculated(path, timeout=timeout) as out:
        return AppResult("LibreOffice", ver, read_values(out, cells), pivot_areas(out))
