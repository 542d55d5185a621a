"""The bundled build for people without Python: PyInstaller builds the folder from packaging/traintool.spec,
and the executable in it starts the window, computes a trip and writes a report with nothing but itself.

Slow (about half a minute to build here): `-m "not slow"` leaves it out locally; CI runs it.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "armored-train.consist.json"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("bundle")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(where / "dist"), "--workpath", str(where / "build"),
                    str(ROOT / "packaging" / "traintool.spec")], check=True, cwd=where, timeout=900)
    exe = where / "dist" / "traintool" / ("traintool.exe" if os.name == "nt" else "traintool")
    assert exe.is_file()
    return exe


def _run(exe: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    # Only what a desktop session gives a program: no Python, no virtual environment, no checkout on the path.
    home.mkdir(exist_ok=True)
    env = {"HOME": str(home), "XDG_RUNTIME_DIR": str(home), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
           "LANG": "C.UTF-8"}
    return subprocess.run([str(exe), *args], cwd=home, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_the_built_program_shows_its_window_and_exits(bundle, tmp_path):
    r = _run(bundle, tmp_path / "home", "--exit-after-show")
    # Exit code 1 and a traceback if any part of the first window (the plots too) failed to load.
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.slow
def test_the_built_program_computes_and_writes_a_report(bundle, tmp_path):
    r = _run(bundle, tmp_path / "home", "compute", str(SAMPLE))
    assert r.returncode == 0, r.stderr
    assert "total     1 d 7 h" in r.stdout  # the shipped document's answer, from the bundled physics
    out = tmp_path / "report.pdf"
    r = _run(bundle, tmp_path / "home", "report", str(SAMPLE), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 50_000
