"""The speed profile export: rows a second and peak memory, as the step shrinks.

Run:  python benchmarks/export_benchmark.py [--quick] [--step-m M ...]

Each step runs `traintool export armored-train --route pyongyang-moscow --what profile --step-m S
-o /dev/null` in a child process of its own and reports its peak resident memory (ru_maxrss): the
rows are written as they are made, so the peak should stay flat while the rows grow tenfold a step.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(step_m: float) -> tuple[int, float, float]:
    """(bytes written, seconds, peak MiB) of one export onto a counting pipe."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "traintool", "export", "armored-train", "--route", "pyongyang-moscow",
                              "--what", "profile", "--step-m", str(step_m), "-o", "-", "--quiet"],
                             stdout=subprocess.PIPE, env=env)
    assert child.stdout is not None
    written = 0
    while chunk := child.stdout.read(1 << 20):
        written += len(chunk)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"export --step-m {step_m} failed with {child.returncode}")
    return written, time.perf_counter() - start, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="two coarse steps: checks the script runs")
    parser.add_argument("--step-m", type=float, nargs="+", default=[100.0, 10.0],
                        help="the steps to run (default 100 and 10 m; 1 m writes about 700 MiB)")
    args = parser.parse_args()
    steps = [1000.0, 100.0] if args.quick else args.step_m
    print(f"{'step (m)':>9} {'MiB written':>12} {'seconds':>8} {'peak RSS (MiB)':>15}")
    for step in steps:
        written, seconds, peak = run(step)
        print(f"{step:>9g} {written / 2**20:>12.1f} {seconds:>8.1f} {peak:>15.0f}")


if __name__ == "__main__":
    main()
