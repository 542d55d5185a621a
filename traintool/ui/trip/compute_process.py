"""Long computations in processes of their own, so the window never waits for them.

A worker thread would share the interpreter lock with the window: while it computed the trip of
a 100,000-car train (or sampled the range of any train for seconds), every paint and every edit
of the window would wait its turn for the lock. A process has a lock of its own. There are two
pools, one process for trips and two for ranges (sampled in halves, a core each), so that a trip
never queues behind a range; each is started on first use (spawned, never forked: a fork of a process running Qt is not safe) and kept for the
session. Where a process cannot be had (a platform without one, or it died), the work runs on a
thread instead, as before: slower to the touch, never wrong.

A worker dies with its window, however the window ends (Quit, a crash, kill -9): it watches its
parent's process sentinel (a pipe only the parent holds open, or on Windows the parent's process
handle) on a thread of its own, and on Linux the kernel also kills it when the parent dies
(PR_SET_PDEATHSIG). Without that, a worker would wait for work forever: a pool's queue, handed to
the worker whole, brings both ends of its pipe, so the parent's going would never end the pipe.
The worker also closes the ends it never uses (the write end of the queue it reads, the read end
of the one it writes). Quit kills the workers at once (`shut_down`): work in flight is dropped,
never waited for.
"""
from __future__ import annotations

import atexit
import multiprocessing
import os
import signal
import sys
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

_pools: dict[str, ProcessPoolExecutor] = {}
_lock = threading.Lock()
_killed: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()  # by shut_down: their answers go to no one
PR_SET_PDEATHSIG = 1  # linux/prctl.h


WORKERS = {"trip": 1, "range": 2}  # a range is sampled in two halves at once: a core each


def _pool(name: str) -> ProcessPoolExecutor | None:
    with _lock:
        pool = _pools.get(name)
        if pool is None:
            try:
                # The kernel's parent-death signal follows the thread that started the worker: only
                # the main thread lives as long as the process (run is called from the window's).
                on_main = threading.current_thread() is threading.main_thread()
                pool = _pools[name] = ProcessPoolExecutor(max_workers=WORKERS.get(name, 1),
                                                          mp_context=multiprocessing.get_context("spawn"),
                                                          initializer=die_with_parent, initargs=(os.getpid(), on_main))
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
            future.add_done_callback(lambda f: _tell(f, done, pool))
            return
    threading.Thread(target=_on_thread, args=(fn, args, done), daemon=True).start()


def die_with_parent(parent_pid: int, death_signal: bool = True) -> None:
    """In a worker, first: end this process when `parent_pid` (the window's process) ends."""
    if death_signal and sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # the sentinel below still holds
    if sys.platform != "win32" and os.getppid() != parent_pid:
        os._exit(0)  # the parent died before the signal was asked for
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_gone, args=(parent,), daemon=True, name="watch-parent").start()
    _close_unused_ends(sys._getframe(1).f_locals)


def _close_unused_ends(worker: dict[str, Any]) -> None:
    """In a pool's worker (the locals of concurrent.futures' _process_worker, which calls the
    initializer): close the write end of the queue it only reads and the read end of the one it
    only writes, so that it holds no pipe by both ends."""
    for queue, unused in ((worker.get("call_queue"), "_writer"), (worker.get("result_queue"), "_reader")):
        end = getattr(queue, unused, None)
        if end is not None and hasattr(end, "close"):
            try:
                end.close()
            except OSError:
                pass


def _exit_when_gone(parent) -> None:
    parent.join()  # waits on the parent's sentinel: ready when the parent's process is gone
    os._exit(0)


def shut_down() -> None:
    """Quit: kill the workers now (a range of a 10,000-station route would keep them busy for
    minutes) and drop what they were doing."""
    with _lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        _killed.add(pool)
        processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before Python 3.14
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            try:
                process.kill()
            except (OSError, ValueError, AttributeError):
                pass  # gone already


def _tell(future: Future, done: Callable[[Any, BaseException | None], None], pool: ProcessPoolExecutor) -> None:
    if pool in _killed or future.cancelled():
        return  # killed or dropped at Quit: nobody waits for it
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


atexit.register(shut_down)

