"""Signs of life for slow steps: a spinner with what is happening, after one second.

    with activity("opening big.xlsx"):
        book = Book.open("big.xlsx")

Nothing is shown for work that finishes within a second, nor when standard error is
not a terminal (logs and pipes stay clean). The spinner runs in a daemon thread and
erases its line when the step ends.
"""
from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager

_FRAMES = "|/-\\"


@contextmanager
def activity(message: str, *, after: float = 1.0, stream=None, force: bool = False):
    """Show ``message`` with a spinner and the elapsed time while the block runs
    longer than ``after`` seconds (only on a terminal unless ``force``)."""
    stream = stream or sys.stderr
    if not (force or getattr(stream, "isatty", lambda: False)()):
        yield
        return
    done = threading.Event()
    start = time.monotonic()
    shown = {"any": False}

    def spin():
        if done.wait(after):
            return
        k = 0
        while not done.is_set():
            stream.write(f"\r{_FRAMES[k % 4]} {message} ... {time.monotonic() - start:.1f} s")
            stream.flush()
            shown["any"] = True
            k += 1
            done.wait(0.2)

    t = threading.Thread(target=spin, daemon=True)
    t.start()
    try:
        yield
    finally:
        done.set()
        t.join(0.5)
        if shown["any"]:
            stream.write("\r" + " " * (len(message) + 20) + "\r")
            stream.flush()
