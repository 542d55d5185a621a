"""One module owns the application's folders: the real paths, as a freshly started traintool sees them,
and what the GUI writes there."""
import subprocess
import sys
from pathlib import Path

import pytest

# A real start of the GUI whose window set-up fails: the crash reporter must write its log.
CRASHING_START = """
import sys
from traintool.ui.app import main_window

original = main_window.MainWindow.set_up
def set_up(self, *args):
    original(self, *args)
    raise RuntimeError("a fault planted by the test")
main_window.MainWindow.set_up = set_up
from traintool.gui import main
sys.exit(main(["--exit-after-show"]))
"""


def _env(home: Path, **more: str) -> dict[str, str]:
    run = home / "run"
    run.mkdir(parents=True, mode=0o700, exist_ok=True)
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(run),
            **more}


def _paths(env: dict[str, str]) -> dict[str, str]:
    code = ("from traintool import app_paths as p; from PySide6.QtCore import QSettings; p.set_names(); s = QSettings();"
            "print(p.data_dir()); print(p.recovery_dir()); print(p.crash_log_dir()); print(s.fileName());"
            "print(s.status().name)")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    return dict(zip(("data", "recovery", "crash", "settings", "status"), out.splitlines()))


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG paths are Linux's")
def test_the_folders_are_the_ones_the_readme_names(tmp_path):
    home = tmp_path / "home"
    paths = _paths(_env(home))
    share = home / ".local" / "share" / "traintool"  # not .../traintool/traintool
    assert paths["data"] == str(share)
    assert paths["recovery"] == str(share / "recovery")
    assert paths["crash"] == str(share / "crash-logs")
    # The settings did not move when the organisation name was dropped from the data paths.
    assert paths["settings"] == str(home / ".config" / "traintool" / "traintool.conf")
    assert paths["status"] == "NoError"


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG paths are Linux's")
def test_xdg_data_home_is_honoured(tmp_path):
    paths = _paths(_env(tmp_path / "home", XDG_DATA_HOME=str(tmp_path / "data")))
    assert paths["data"] == str(tmp_path / "data" / "traintool")


@pytest.mark.parametrize("stderr", ["open", "closed"])
def test_a_crash_is_logged_in_the_data_folder_even_with_no_stderr(tmp_path, stderr):
    """Closed: as under pythonw or a Windows gui-script, where sys.stderr and sys.__stderr__ are None."""
    home = tmp_path / "home"
    argv = [sys.executable, "-c", CRASHING_START]
    if stderr == "closed":
        argv = ["sh", "-c", 'exec "$@" 2>&-', "sh", *argv]
    r = subprocess.run(argv, env=_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    assert r.returncode == 1, r.stderr  # --exit-after-show: 1 when an error was reported
    logs = list((home / ".local" / "share" / "traintool" / "crash-logs").glob("crash-*.log"))
    assert len(logs) == 1, r.stderr
    assert "RuntimeError: a fault planted by the test" in logs[0].read_text()
    assert ("a fault planted by the test" in r.stderr) == (stderr == "open")


def test_the_folders_module_and_the_io_layer_load_no_qt():
    # The command line and the io layer use app_paths (resources_dir) without loading Qt.
    code = ("import sys, traintool.app_paths as p, traintool.io; p.resources_dir(); p.xdg_data_home();"
            "print([m for m in sys.modules if m.startswith('PySide6')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
