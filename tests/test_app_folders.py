"""One module finds traintool's folders: the desktop files follow XDG, the recovery files and crash
logs live in the application's data folder."""
import os
import subprocess
import sys

from traintool.app_folders import app_data_dir, crash_log_dir, data_home, recovery_dir


def test_data_home_follows_xdg_and_ignores_a_relative_value(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert data_home() == tmp_path
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")  # the spec says: ignore it
    monkeypatch.setenv("HOME", str(tmp_path))
    assert data_home() == tmp_path / ".local" / "share"


def test_recovery_files_and_crash_logs_share_the_application_data_folder(tmp_path):
    # A fresh interpreter: the folder depends on the names the application sets, as the app sets them.
    code = ("from PySide6.QtCore import QCoreApplication; app = QCoreApplication([]);"
            "app.setApplicationName('traintool'); app.setOrganizationName('traintool');"
            "from traintool.app_folders import app_data_dir, recovery_dir, crash_log_dir;"
            "print(app_data_dir()); print(recovery_dir()); print(crash_log_dir())")
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    base, recovery, logs = out.stdout.split()
    assert base.startswith(str(tmp_path / "data"))
    assert recovery == os.path.join(base, "recovery") and logs == os.path.join(base, "crash-logs")


def test_the_folders_of_this_process_agree(qapp):
    assert recovery_dir().parent == crash_log_dir().parent == app_data_dir()
