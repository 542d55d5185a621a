"""The programs keep numpy's OpenBLAS to one thread (its pool spins on every core while it waits,
for linear algebra traintool never does), unless the user said otherwise."""
import os
import subprocess
import sys

from traintool.io import default_document_path

PROBE = """
import os, sys
from traintool.{module} import main
main({argv})
import numpy  # loaded by the command; its BLAS threads started then
print(os.environ.get("OPENBLAS_NUM_THREADS"), len(os.listdir("/proc/self/task")))
"""


def _run(module: str, argv: list[str], **env: str) -> tuple[str, int]:
    base = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    r = subprocess.run([sys.executable, "-c", PROBE.format(module=module, argv=argv)], capture_output=True,
                       text=True, timeout=120, env={**base, "QT_QPA_PLATFORM": "offscreen", **env})
    assert r.returncode == 0, r.stderr
    value, threads = r.stdout.split()[-2:]
    return value, int(threads)


def test_the_command_line_starts_one_blas_thread_unless_told_otherwise():
    command = ["compute", str(default_document_path())]
    value, threads = _run("cli", command)
    assert value == "1"
    assert _run("cli", command, OPENBLAS_NUM_THREADS="1") == (value, threads)  # the same as asking for one
    told, more = _run("cli", command, OPENBLAS_NUM_THREADS="2")
    assert told == "2"  # the user's own setting stands
    if (os.cpu_count() or 1) > 1:
        assert more > threads  # and is what makes the pool


def test_the_window_starts_one_blas_thread(tmp_path):
    value, _threads = _run("gui", ["--exit-after-show"], HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path),
                           XDG_DATA_HOME=str(tmp_path), XDG_RUNTIME_DIR=str(tmp_path))
    assert value == "1"
