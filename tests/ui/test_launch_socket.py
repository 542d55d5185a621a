"""The launch socket lives in a folder only this user may enter: another user who plants a socket
(or a folder) first is never handed our files, and a hand-over never reads files on the GUI thread."""
import os
import socket
import stat
import tempfile
import threading

import pytest

from traintool.io import default_document, save_document
from traintool.ui.app import instance
from traintool.ui.app.instance import hand_over, server_name


class Impostor:
    """A socket of user nobody's at `path` that takes a hand-over and answers "ok", recording it."""

    def __init__(self, path, as_another_user):
        self.received = b""
        with as_another_user():
            self.sock = socket.socket(socket.AF_UNIX)
            self.sock.bind(str(path))
            self.sock.listen()
        self.sock.settimeout(0.2)
        self.stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            conn.settimeout(5)
            self.received += conn.recv(65536)
            conn.sendall(b"ok\n")
            conn.close()

    def close(self):
        self.stop = True
        self.thread.join()
        self.sock.close()


@pytest.fixture
def shared_tmp(tmp_path, monkeypatch):
    """A world-writable temporary folder (as /tmp is) and no XDG_RUNTIME_DIR."""
    import shutil

    top = tempfile.mkdtemp(prefix="traintool-shared-")  # not under tmp_path: user nobody must reach it
    os.chmod(top, 0o755)
    base = os.path.join(top, "tmp")
    os.mkdir(base)
    os.chmod(base, 0o1777)
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", base)
    monkeypatch.setattr(tempfile, "tempdir", base)
    from pathlib import Path

    yield Path(base)
    shutil.rmtree(top)


def test_without_a_runtime_folder_another_users_socket_gets_nothing(qapp, shared_tmp, as_another_user, tmp_path):
    """Another user made every name we might fall back to first: Qt's runtime-USER folder, the old
    fixed socket name, and traintool's own folder. The launch must not hand them our file."""
    user = "root" if os.geteuid() == 0 else os.environ.get("USER", "")
    with as_another_user():
        (shared_tmp / f"runtime-{user}").mkdir(mode=0o700)
        (shared_tmp / f"traintool-{os.getuid()}").mkdir(mode=0o700)
    impostor = Impostor(shared_tmp / f"traintool-{user}.socket", as_another_user)
    doc = tmp_path / "secret.consist.json"
    save_document(default_document(), doc)
    try:
        name = server_name()
        assert hand_over([str(doc)]) is False  # nobody trustworthy runs: this launch starts its own
    finally:
        impostor.close()
    assert impostor.received == b"" and name is None


def test_the_socket_folder_is_private_and_ours(qapp, shared_tmp):
    name = server_name()
    folder = os.path.dirname(name)
    st = os.lstat(folder)
    assert stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) == 0o700
    assert folder == str(shared_tmp / f"traintool-{os.geteuid()}")


@pytest.mark.parametrize("mode", [0o755, 0o777])
def test_a_runtime_folder_others_may_enter_is_not_used(qapp, shared_tmp, monkeypatch, tmp_path, mode):
    runtime = tmp_path / "run"
    runtime.mkdir()
    runtime.chmod(mode)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert not server_name().startswith(str(runtime))


def test_a_runtime_folder_of_another_user_is_not_used(qapp, shared_tmp, monkeypatch, tmp_path, as_another_user):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    os.chown(runtime, 65534, 65534)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert not server_name().startswith(str(runtime))


def test_a_private_runtime_folder_is_used(qapp, monkeypatch, tmp_path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    assert server_name() == str(runtime / "traintool.socket")
    assert instance.socket_folder() == runtime


def test_a_fifo_handed_over_by_a_launch_is_refused_and_the_next_launch_is_answered(qtbot, preferences, monkeypatch,
                                                                                  tmp_path):
    """Before: the first traintool opened the FIFO on its GUI thread and froze; the next launch
    waited 10 s for an answer and started a second traintool."""
    import os
    import subprocess
    import sys

    from PySide6.QtWidgets import QMessageBox

    from traintool.ui.app.instance import InstanceServer
    from traintool.ui.app.main_window import MainWindow
    from traintool.ui.app.windows import Windows

    errors = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, message: errors.append(message))
    monkeypatch.setattr(MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    ws = Windows(preferences, persist_layout=False)
    ws.show(ws.open_window(default_document()))
    server = InstanceServer(str(runtime / "traintool.socket"))
    assert server.listen()
    server.files_received.connect(ws.open_files)
    fifo = tmp_path / "x.consist.json"
    os.mkfifo(fifo)
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_RUNTIME_DIR": str(runtime), "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    try:
        for files in ([fifo], []):  # the FIFO, then a plain launch that must be answered, not start its own
            launch = subprocess.Popen([sys.executable, "-m", "traintool", *map(str, files)], env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            qtbot.waitUntil(lambda: launch.poll() is not None, timeout=60_000)
            assert launch.returncode == 0, launch.stderr.read()
        assert len(ws.windows) == 1 and len(errors) == 1 and "not a regular file" in errors[0]
    finally:
        server.close()
        for w in list(ws.windows):
            w.close()
