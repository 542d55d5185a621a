"""The window's worker processes (ui/compute_process.py) and the resource tracker end with the
window, however it ends: kill -9, TERM, HUP, or Quit with a range still being sampled.

Each test runs a real window in a process of its own, on a route of 300 stations: its range
samples the trip some 1,600 times (minutes), so the workers are busy when the window goes.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import builders
from traintool.model import Car, CarKind, Consist, Document, Route, Section, Station

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


def long_document(stations: int = 300) -> Document:
    loco = builders.make_type("loco", CarKind.LOCOMOTIVE, estimated=True)
    coach = builders.make_type("coach", estimated=True)
    route = Route(id="long", name="Long", sections=[
        Section(start_m=0, end_m=(stations - 1) * 1000.0, gauges_mm=[1435], speed_limit_m_s=20)],
        stations=[Station(name=f"S{i}", position_m=i * 1000.0, dwell_s=60.0 if 0 < i < stations - 1 else 0.0)
                  for i in range(stations)])
    return Document(name="Long", car_types=[loco, coach], route=route,
                    consist=Consist(cars=[Car(type_id="loco")] + [Car(type_id="coach")] * 5))


def alive(pid: int) -> bool:
    """Running (a zombie no parent reaps is gone: it holds nothing but its number)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def children(pid: int) -> dict[int, str]:
    """The processes whose parent is `pid`, with their command lines."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue
    return found


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"not within {seconds:g} s: {what}")


def environment(tmp_path) -> dict[str, str]:
    run = tmp_path / "run"
    run.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_RUNTIME_DIR=str(run), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    return env


def pipes_held_by_both_ends(pid: int) -> set[str]:
    """The pipes of which the process holds a read end and a write end (it would never see EOF)."""
    modes: dict[str, set[int]] = {}
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
            info = Path(f"/proc/{pid}/fdinfo/{fd}").read_text()
        except OSError:
            continue
        if target.startswith("pipe:"):
            flags = int(next(line.split()[1] for line in info.splitlines() if line.startswith("flags:")), 8)
            modes.setdefault(target, set()).add(flags & 3)
    return {pipe for pipe, held in modes.items() if {0, 1} <= held}


def busy_workers(pid: int) -> dict[int, str]:
    """The window's range workers (2; the trip's may be there too) and the resource tracker, once all are there."""
    kids = children(pid)
    workers = [k for k, cmd in kids.items() if "spawn_main" in cmd]
    tracker = [k for k, cmd in kids.items() if "resource_tracker" in cmd]
    return kids if len(workers) >= 2 and tracker else {}


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP], ids=["kill", "term", "hup"])
def test_killing_the_window_ends_its_workers(tmp_path, how):
    path = tmp_path / "long.consist.json"
    path.write_text(long_document().model_dump_json())
    window = subprocess.Popen([sys.executable, "-m", "traintool", "--new-instance", str(path)],
                              env=environment(tmp_path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kids: dict[int, str] = {}
    try:
        kids = wait_for(lambda: busy_workers(window.pid), 120, "the window starts its workers")
        workers = [k for k, cmd in kids.items() if "spawn_main" in cmd]
        wait_for(lambda: not any(pipes_held_by_both_ends(k) for k in workers), 30,
                 "no worker holds a pipe by both ends")
        window.send_signal(how)
        window.wait(30)
        wait_for(lambda: not any(alive(k) for k in kids), 10,
                 f"the workers end with the window: {[c for k, c in kids.items() if alive(k)]}")
    finally:
        window.kill()
        window.wait()
        end(kids)


def end(pids) -> None:
    """Orphans a failed test left: killed, by their numbers."""
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


QUIT = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from traintool.ui.app import app as gui

in_flight = []

def quit_when_sampling():
    from traintool.ui.trip import compute_process
    pool = compute_process._pools.get("range")
    items = list(getattr(pool, "_pending_work_items", {}).values()) if pool is not None else []
    if any(item.future.running() for item in items):  # a range worker is into its part
        in_flight.extend(item.future for item in items)
        print(len(in_flight), flush=True)
        QApplication.quit()
    else:
        QTimer.singleShot(50, quit_when_sampling)

QTimer.singleShot(0, quit_when_sampling)
code = gui.run_gui(["--new-instance", sys.argv[1]])
# Each part of the range in flight at Quit: dropped (cancelled, or its worker killed), never waited for.
print(sum(f.done() and not f.cancelled() and f.exception() is None for f in in_flight), flush=True)
sys.exit(code)
"""


def test_quit_drops_the_range_in_flight_and_exits(tmp_path):
    path = tmp_path / "long.consist.json"
    path.write_text(long_document().model_dump_json())
    window = subprocess.Popen([sys.executable, "-c", QUIT, str(path)], env=environment(tmp_path),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kids: dict[int, str] = {}
    try:
        in_flight = int(window.stdout.readline())
        kids = children(window.pid)
        out, err = window.communicate(timeout=300)  # a guard against a hang only: the range alone takes minutes
        assert window.returncode == 0, err
        assert "Traceback" not in err, err
        assert in_flight > 0 and int(out) == 0, (in_flight, out)  # no part of the range was finished at Quit's cost
        wait_for(lambda: not any(alive(k) for k in kids), 10, "the workers end with the window")
    finally:
        window.kill()
        window.wait()
        end(kids)


DIE_WITH_PARENT = r"""
import multiprocessing, os, sys, time
from traintool.ui.trip.compute_process import die_with_parent

def child(parent_pid):
    die_with_parent(parent_pid, death_signal=False)  # the sentinel alone, as on macOS and Windows
    print("watching", flush=True)
    time.sleep(600)

if __name__ == "__main__":
    p = multiprocessing.get_context("spawn").Process(target=child, args=(os.getpid(),))
    p.start()
    print(p.pid, flush=True)
    time.sleep(600)
"""


def test_a_worker_watching_its_parents_sentinel_ends_with_it(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(DIE_WITH_PARENT)
    parent = subprocess.Popen([sys.executable, str(script)], env=environment(tmp_path), stdout=subprocess.PIPE, text=True)
    worker = 0
    try:
        worker = int(parent.stdout.readline())
        assert parent.stdout.readline().strip() == "watching"
        parent.kill()
        parent.wait()
        wait_for(lambda: not alive(worker), 10, "the worker ends with its parent")
    finally:
        parent.kill()
        parent.wait()
        end([worker] if worker else [])
