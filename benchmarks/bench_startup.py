"""Start-up time of the command line as whole processes: ``--help`` and a tiny ``recalc``.

    python benchmarks/bench_startup.py [--repeat 5]

Runs ``python -m sheetsolver --help`` and ``python -m sheetsolver recalc tiny.xlsx`` (one
sheet, ten formulas) as separate processes and prints the median wall time of
``--repeat`` runs next to the targets (0.3 s and 0.6 s), with bare ``python -c pass`` and
``import numpy`` as the floor this machine sets. Measured twice: with compiled bytecode
cached (as an installed package runs; the cache goes to a private temporary folder,
never into the repository) and without it (PYTHONDONTWRITEBYTECODE, every module
compiled from source on each start). The load average is printed: on a shared
machine it moves every figure.
"""
from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGETS = {"--help": 0.3, "recalc (10 formulas)": 0.6}


def tiny_workbook(path: Path) -> Path:
    """One sheet: A1:A10 numbers, B1:B10 ten formulas over them."""
    from sheetsolver.build.xlsx import SheetSpec, WorkbookSpec, write_package
    sh = SheetSpec("S")
    for r in range(1, 11):
        sh.put(r, 1, float(r))
        sh.put(r, 2, f"=A{r}*2+SUM($A$1:A{r})")
    write_package(WorkbookSpec([sh]), path)
    return path


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def median_run(cmd: list[str], env: dict, repeat: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system: what the process itself
    used, much less moved by other processes' load) of ``repeat`` runs of ``cmd``
    (after one warm-up run)."""
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    times, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), _children_cpu()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
        cpus.append(_children_cpu() - c)
    return statistics.median(times), statistics.median(cpus)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench_startup_") as tmp:
        book = tiny_workbook(Path(tmp) / "tiny.xlsx")
        out = Path(tmp) / "tiny.recalc.xlsx"
        commands = {
            "python -c pass": [py, "-c", "pass"],
            "python -c 'import numpy'": [py, "-c", "import numpy"],
            "--help": [py, "-m", "sheetsolver", "--help"],
            "recalc (10 formulas)": [py, "-m", "sheetsolver", "recalc", str(book), "-o", str(out)],
        }
        cached_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached_env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        source_env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        source_env.pop("PYTHONPYCACHEPREFIX", None)
        print(f"machine: {platform.node()}, {platform.processor() or platform.machine()}, "
              f"{os.cpu_count()} cores, Python {platform.python_version()}; "
              f"load average {os.getloadavg()[0]:.1f} at start")
        print(f"median of {args.repeat} whole-process runs (seconds; CPU: user + system "
              f"time of the process)")
        print(f"{'command':28} {'bytecode cached':>16} {'(CPU)':>6} {'no bytecode':>12} "
              f"{'(CPU)':>6} {'target':>7}")
        ok = True
        for label, cmd in commands.items():
            cached, cached_cpu = median_run(cmd, cached_env, args.repeat)
            source, source_cpu = median_run(cmd, source_env, args.repeat)
            target = TARGETS.get(label)
            verdict = ""
            if target is not None:
                ok &= cached <= target
                verdict = f"{'<=' + format(target, '.1f'):>7} {'met' if cached <= target else 'MISSED'}"
            print(f"{label:28} {cached:16.3f} {cached_cpu:6.3f} {source:12.3f} "
                  f"{source_cpu:6.3f} {verdict}")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        print("targets met (bytecode cached)" if ok else "some targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
