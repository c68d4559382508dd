"""Run a solve with single-threaded BLAS.

A Solver model is hundreds of tiny matrix products (the engine's MMULT over 1x5 and
5x1 blocks, L-BFGS-B's small updates). Multi-threaded OpenBLAS makes each of them
wake and spin its worker threads; on a loaded 2-core machine that made a dotprod
solve 5-10x slower (about 45 ms single-threaded against 250-490 ms). This context
manager sets every loaded OpenBLAS (numpy's and scipy's copies) to one thread and
restores the previous count afterwards; it uses threadpoolctl when it is installed
and otherwise finds the libraries in /proc/self/maps (a no-op where neither works).
"""
from __future__ import annotations

import contextlib
import ctypes

_SET = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
        "openblas_set_num_threads64_", "openblas_set_num_threads")
_GET = ("scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads",
        "openblas_get_num_threads64_", "openblas_get_num_threads")
_cache = None


def _libraries():
    global _cache
    if _cache is None:
        _cache = []
        try:
            with open("/proc/self/maps") as f:
                paths = {line.split()[-1] for line in f if "openblas" in line.lower()}
        except OSError:
            paths = set()
        for p in sorted(paths):
            try:
                lib = ctypes.CDLL(p)
            except OSError:
                continue
            s = next((getattr(lib, n) for n in _SET if hasattr(lib, n)), None)
            g = next((getattr(lib, n) for n in _GET if hasattr(lib, n)), None)
            if s is not None and g is not None:
                s.argtypes, g.restype = [ctypes.c_int], ctypes.c_int
                _cache.append((s, g))
    return _cache


@contextlib.contextmanager
def single_threaded_blas():
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        threadpool_limits = None
    if threadpool_limits is not None:
        with threadpool_limits(limits=1, user_api="blas"):
            yield
        return
    libs = _libraries()
    before = [g() for _, g in libs]
    for s, _ in libs:
        s(1)
    try:
        yield
    finally:
        for (s, _), n in zip(libs, before):
            s(n)
