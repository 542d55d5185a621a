"""numpy's BLAS threads, set by the programs (the window, the command line) before numpy loads."""
from __future__ import annotations

import os


def use_one_blas_thread() -> None:
    """At import numpy's OpenBLAS starts a pool of threads, one per core, that spin while they wait
    for work. traintool does no linear algebra (its arrays are walked, interpolated and sorted), so
    the pool would only take CPU from the rest: 100 ms of the window's start on a 2-core machine
    (benchmarks/startup_benchmark.py), and from the range's worker processes, which inherit this.
    A setting of the user's own stands."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
