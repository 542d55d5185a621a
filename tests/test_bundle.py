"""The bundled build for people without Python: PyInstaller builds the folder from packaging/traintool.spec,
with two executables: traintool-gui starts the window; traintool is the command line (computes a trip,
writes a report, says what a mistyped command should be) and starts the window too. Each runs with
nothing but the folder.

Slow (about half a minute to build here): `-m "not slow"` leaves it out locally; CI runs it.
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "armored-train.consist.json"


def _exe(folder: Path, name: str) -> Path:
    return folder / (name + ".exe" if os.name == "nt" else name)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("bundle")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(where / "dist"), "--workpath", str(where / "build"),
                    str(ROOT / "packaging" / "traintool.spec")], check=True, cwd=where, timeout=900)
    return where / "dist" / "traintool"


@pytest.fixture(scope="module")
def bundle(folder) -> Path:
    """The command-line program."""
    exe = _exe(folder, "traintool")
    assert exe.is_file()
    return exe


@pytest.fixture(scope="module")
def gui(folder) -> Path:
    """The windowed program."""
    exe = _exe(folder, "traintool-gui")
    assert exe.is_file()
    return exe


def _run(exe: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    # Only what a desktop session gives a program: no Python, no virtual environment, no checkout on the path.
    home.mkdir(exist_ok=True)
    env = {"HOME": str(home), "XDG_RUNTIME_DIR": str(home), "QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
           "LANG": "C.UTF-8"}
    return subprocess.run([str(exe), *args], cwd=home, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize("program", ["gui", "bundle"], ids=["traintool-gui", "traintool"])
def test_each_built_program_shows_its_window_and_exits(program, request, tmp_path):
    exe = request.getfixturevalue(program)
    r = _run(exe, tmp_path / "home", str(SAMPLE), "--exit-after-show")
    # Exit code 1 and a traceback if any part of the first window (the plots too) failed to load.
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr and "traintool:" not in r.stderr  # the file opened


@pytest.mark.slow
def test_the_built_command_line_prints_help_and_names_a_mistyped_command(bundle, tmp_path):
    r = _run(bundle, tmp_path / "home", "--help")
    assert r.returncode == 0 and "compute" in r.stdout and "traintool-gui" in r.stdout, r.stderr
    r = _run(bundle, tmp_path / "home", "comptue", str(SAMPLE))
    assert r.returncode == 2 and "compute" in r.stderr, r.stderr


@pytest.mark.slow
def test_the_built_gui_program_never_takes_its_argument_for_a_command(gui, tmp_path):
    # What a double-click on a document called "compute" gives it: a file to open, not a command.
    home = tmp_path / "home"
    home.mkdir()
    (home / "compute").write_bytes((SAMPLE).read_bytes())
    r = _run(gui, home, "compute", "--exit-after-show")
    assert r.returncode == 0 and "traintool:" not in r.stderr, r.stderr


@pytest.mark.slow
def test_the_built_program_computes_and_writes_a_report(bundle, tmp_path):
    r = _run(bundle, tmp_path / "home", "compute", str(SAMPLE))
    assert r.returncode == 0, r.stderr
    # The shipped document's answer from the bundled physics is the one this checkout computes.
    from traintool.io import load_document, resolve_route
    from traintool.physics import compute_trip
    from traintool.units import format_duration
    doc = load_document(SAMPLE)
    total = compute_trip(doc, resolve_route(doc)).total_s
    assert total is not None and f"total {format_duration(total)}" in " ".join(r.stdout.split())
    out = tmp_path / "report.pdf"
    r = _run(bundle, tmp_path / "home", "report", str(SAMPLE), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 50_000


@pytest.mark.slow
def test_the_built_gui_samples_its_range_in_a_process_of_its_own(gui, tmp_path):
    # The range comes from a spawned process: in the bundle that process starts the program again,
    # which must become the worker (freeze_support), not a second window nor an error.
    out = tmp_path / "shot.png"
    r = subprocess.run([str(gui), "--screenshot", str(out)], capture_output=True, text=True, timeout=300,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)})
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"\x89PNG")
