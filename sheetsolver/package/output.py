"""Where outputs go and how they get there: one check, one atomic writer.

Every command that writes a file checks its output location *before* doing any work
(:func:`output_path`: the folder exists and is writable, the output is not the input
unless asked), and writes through :func:`atomic_output`: a temporary file beside the
target, renamed into place only when complete, with the permissions a new file gets
under the user's umask (or the replaced file's own mode).
"""
from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager

from ..errors import SheetsolverError

__all__ = ["output_path", "atomic_output", "default_output", "written_note"]


def default_output(src: str, suffix: str) -> str:
    """BOOK<suffix><ext> beside the input (``book.xlsx`` -> ``book.solved.xlsx``)."""
    base, ext = os.path.splitext(src)
    return base + suffix + ext


def output_path(src: str | None, out: str | None, suffix: str = ".out",
                in_place: bool = False, *, api: bool = False) -> str:
    """Check an output location before any work starts and return it.

    ``out`` None means BOOK<suffix><ext> beside ``src``; ``in_place`` means ``src``
    itself. Raises SheetsolverError (one line naming the path) when the folder does not
    exist, is not a folder, is not writable, or the output is the input without
    ``in_place``. ``api``: word the advice for Python callers (``in_place=True``)
    rather than for the command line (``--in-place``).
    """
    if in_place:
        if src is None:
            raise SheetsolverError("in_place needs an input workbook")
        target = src
    else:
        if out is None:
            if src is None:
                raise SheetsolverError("no output path given")
            out = default_output(src, suffix)
        target = os.fspath(out)
    folder = os.path.dirname(os.path.abspath(target)) or "."
    if not os.path.exists(folder):
        raise SheetsolverError(f"output folder {folder} does not exist", file=target)
    if not os.path.isdir(folder):
        raise SheetsolverError(f"output folder {folder} is not a folder", file=target)
    if os.path.isdir(target):
        raise SheetsolverError("output path is a folder; give a file name", file=target)
    if not _writable(folder):
        raise SheetsolverError(f"output folder {folder} is not writable", file=target)
    if os.path.exists(target) and not os.access(target, os.W_OK):
        raise SheetsolverError("output file exists and is not writable", file=target)
    if not in_place and src is not None and os.path.exists(target) and \
            os.path.samefile(target, src):
        advice = "pass in_place=True" if api else "pass --in-place"
        raise SheetsolverError(f"output would overwrite the input; {advice} to allow that",
                               file=src)
    return target


def written_note(target: str) -> str:
    """" (replaced the existing file)" when ``target`` exists now, else "": call it
    before writing, print it after, so a user knows a file was overwritten."""
    return " (replaced the existing file)" if os.path.exists(target) else ""


def _writable(folder: str) -> bool:
    """Can a file be created in ``folder``? Tried for real: permission bits do not tell
    root about a read-only mount."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".sheetsolver-probe-"):
            return True
    except OSError:
        return False


def _new_file_mode(target: str) -> int:
    if os.path.exists(target):
        return stat.S_IMODE(os.stat(target).st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_output(target: str):
    """Yield a temporary path beside ``target``; on success it is given the usual file
    mode and renamed over ``target``; on any failure (or Ctrl-C) it is removed."""
    folder = os.path.dirname(os.path.abspath(target)) or "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=".sheetsolver-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise SheetsolverError(f"cannot write in {folder}: {e.strerror}", file=target) from None
    os.close(fd)
    try:
        yield tmp
        os.chmod(tmp, _new_file_mode(target))
        os.replace(tmp, target)
    except OSError as e:
        raise SheetsolverError(f"cannot write the output: {e.strerror}", file=target) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
