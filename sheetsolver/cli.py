"""Command-line entry point: ``sheetsolver COMMAND ...`` / ``python -m sheetsolver``.

Each command lives in :mod:`sheetsolver.commands` and registers its own parser.
User-facing failures (:class:`SheetsolverError`) print as one line and exit 2.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from .errors import SheetsolverError

COMMANDS = ["inspect", "recalc", "solve", "step", "compare", "build", "verify", "reference"]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="sheetsolver",
        description="Recompute, solve and step Excel workbooks without Excel.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"sheetsolver.commands.{name}")
        except ModuleNotFoundError as e:
            if e.name == f"sheetsolver.commands.{name}":
                continue  # command not built yet
            raise
        mod.register(sub)
    return p


def main(argv=None) -> int:
    """Run one command. Ctrl-C at any moment (start-up imports included) ends with one
    line and exit status 130; outputs are written atomically, so nothing is left
    half-written and the input is untouched."""
    command = "sheetsolver"
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return 2
        command = f"sheetsolver {args.command}"
        return int(args.func(args) or 0)
    except SheetsolverError as e:
        print(f"{command}: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into head & co.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print(f"{command}: interrupted", file=sys.stderr)
        return 130


def exit_with(code: int) -> None:
    """Exit with ``code``. After Ctrl-C the exit is immediate (streams flushed, outputs
    already cleaned up): a KeyboardInterrupt that landed while an extension module ran
    Python code during its import leaves CPython's "unhandled interrupt" flag set, and
    the interpreter would then end by SIGINT (status -2) instead of our documented 130."""
    if code == 130:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(130)
    sys.exit(code)


def entry() -> None:
    """Console-script entry point (``sheetsolver ...``)."""
    exit_with(main())


if __name__ == "__main__":
    exit_with(main())
