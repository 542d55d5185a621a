"""Long computations in processes of their own, so the window never waits for them.

A worker thread would share the interpreter lock with the window: while it computed the trip of
a 100,000-car train (or sampled the range of any train for seconds), every paint and every edit
of the window would wait its turn for the lock. A process has a lock of its own. There are two
pools, one process for trips and two for ranges (sampled in halves, a core each), so that a trip
never queues behind a range; each is started on first use (spawned, never forked: a fork of a process running Qt is not safe) and kept for the
session. Where a process cannot be had (a platform without one, or it died), the work runs on a
thread instead, as before: slower to the touch, never wrong.
"""
from __future__ import annotations

import atexit
import multiprocessing
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

_pools: dict[str, ProcessPoolExecutor] = {}
_lock = threading.Lock()


WORKERS = {"trip": 1, "range": 2}  # a range is sampled in two halves at once: a core each


def _pool(name: str) -> ProcessPoolExecutor | None:
    with _lock:
        pool = _pools.get(name)
        if pool is None:
            try:
                pool = _pools[name] = ProcessPoolExecutor(max_workers=WORKERS.get(name, 1),
                                                          mp_context=multiprocessing.get_context("spawn"))
            except (OSError, ValueError, NotImplementedError):
                return None
        return pool


def run(name: str, fn: Callable[..., Any], *args: Any, done: Callable[[Any, BaseException | None], None]) -> None:
    """Run fn(*args) in the process `name` ("trip" or "range"); call done(result, error) on a thread
    of the pool's (emit a Qt signal there: it reaches the window's thread queued)."""
    pool = _pool(name)
    if pool is not None:
        try:
            future = pool.submit(fn, *args)
        except RuntimeError:  # the pool broke (its process died) or is shut down: a fresh one next time
            with _lock:
                _pools.pop(name, None)
        else:
            future.add_done_callback(lambda f: _tell(f, done))
            return
    threading.Thread(target=_on_thread, args=(fn, args, done), daemon=True).start()


def _tell(future: Future, done: Callable[[Any, BaseException | None], None]) -> None:
    error = future.exception()
    if error is not None and type(error).__name__ == "BrokenProcessPool":
        with _lock:
            for name, pool in list(_pools.items()):
                if pool._broken:  # a dead worker: start afresh next time
                    del _pools[name]
    done(None if error is not None else future.result(), error)


def _on_thread(fn: Callable[..., Any], args: tuple, done: Callable[[Any, BaseException | None], None]) -> None:
    try:
        result = fn(*args)
    except BaseException as e:  # noqa: BLE001 - handed to done, which reports it
        done(None, e)
        return
    done(result, None)


@atexit.register
def _shut_down() -> None:
    for pool in _pools.values():
        pool.shutdown(wait=False, cancel_futures=True)

