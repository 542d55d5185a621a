"""Every benchmark script still runs: each once, at a small size (--quick). Its figures are not
asserted here (timings belong to the scripts' own full runs, on a quiet machine)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).resolve().parent.parent / "benchmarks").glob("*_benchmark.py"))


def test_the_benchmarks_are_found():
    assert len(BENCHMARKS) >= 6  # a renamed script that stops matching the pattern would drop out unseen


@pytest.mark.slow
@pytest.mark.parametrize("script", BENCHMARKS, ids=[p.stem for p in BENCHMARKS])
def test_each_benchmark_runs_quickly(script, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    r = subprocess.run([sys.executable, str(script), "--quick"], env=env, cwd=tmp_path, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout.strip(), "the benchmark printed no figures"
    assert "Traceback" not in r.stderr
