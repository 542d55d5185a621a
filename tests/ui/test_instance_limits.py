"""The single instance holds under any runtime folder and against launches that say nothing: a
socket path too long for the system moves to a private folder of our own; idle connections are
limited in number, bytes and time."""
import os
import subprocess
import sys
import tempfile

import pytest
from PySide6.QtNetwork import QLocalSocket

from traintool.io import default_document, save_document
from traintool.ui.app import instance
from traintool.ui.app.instance import InstanceServer


@pytest.fixture
def long_runtime_dir(tmp_path, monkeypatch):
    """A private runtime folder whose path is 134 characters, and a temporary folder of our own."""
    base = tmp_path / "r"
    deep = base / ("x" * (134 - len(str(base)) - 1))
    deep.mkdir(parents=True, mode=0o700)
    deep.chmod(0o700)
    assert len(str(deep)) == 134
    short_tmp = tmp_path / "t"
    short_tmp.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    monkeypatch.setenv("TMPDIR", str(short_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(short_tmp))
    return deep


def test_a_runtime_folder_too_deep_for_a_socket_uses_a_private_one_of_ours(long_runtime_dir, tmp_path):
    name = instance.server_name()
    assert name is not None and len(os.fsencode(name)) <= instance.SOCKET_PATH_MAX
    folder = os.path.dirname(name)
    assert folder == str(tmp_path / "t" / f"traintool-{os.geteuid()}")
    assert (os.stat(folder).st_mode & 0o777) == 0o700


def test_a_second_launch_under_a_deep_runtime_folder_hands_over(qtbot, long_runtime_dir, tmp_path):
    server = InstanceServer()
    assert server.listen() and server.listening
    received = []
    server.files_received.connect(received.append)
    doc = tmp_path / "handed.consist.json"
    save_document(default_document(), doc)
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_RUNTIME_DIR": str(long_runtime_dir), "TMPDIR": str(tmp_path / "t"),
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    second = subprocess.Popen([sys.executable, "-m", "traintool", str(doc)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    finally:
        second.kill()
        out, err = second.communicate()
    assert second.returncode == 0, err
    assert received == [[str(doc)]]
    server.close()


@pytest.fixture
def server(tmp_path):
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    server = InstanceServer(str(run / "traintool.socket"))
    assert server.listen()
    yield server
    server.close()


def _connect(server, payload: bytes) -> QLocalSocket:
    sock = QLocalSocket()
    sock.connectToServer(server.name)
    assert sock.waitForConnected(2000)
    sock.write(payload)
    sock.flush()
    return sock


def test_idle_connections_are_limited_in_number_and_bytes(qtbot, server, monkeypatch):
    monkeypatch.setattr(instance, "IDLE_MS", 600_000, raising=False)
    clients = [_connect(server, b"x" * 100_000) for _ in range(3 * 16)]  # no newline: messages that never end
    def turned_away() -> int:
        return sum(c.state() == QLocalSocket.LocalSocketState.UnconnectedState for c in clients)

    # Every launch either held by the server, its bytes all read, or turned away.
    qtbot.waitUntil(lambda: server.connections + turned_away() == len(clients)
                    and server.buffered_bytes() == 100_000 * server.connections, timeout=30_000)
    assert 0 < server.connections <= 16
    big = [c for c in clients if c.state() == QLocalSocket.LocalSocketState.ConnectedState][0]
    big.write(b"y" * (4 * 2**20))  # more than any message: answered "error" and dropped, not buffered
    for _ in range(50):
        qtbot.waitUntil(lambda: big.bytesToWrite() == 0 or big.state() != QLocalSocket.LocalSocketState.ConnectedState,
                        timeout=20_000)
        assert server.buffered_bytes() <= 16 * 100_000 + 2**20
        if big.state() != QLocalSocket.LocalSocketState.ConnectedState:
            break
    for c in clients:
        c.abort()


def test_a_launch_that_says_nothing_is_dropped_in_time(qtbot, server, monkeypatch):
    monkeypatch.setattr(instance, "IDLE_MS", 300, raising=False)
    silent = _connect(server, b"")
    qtbot.waitUntil(lambda: server.connections == 1, timeout=10_000)
    qtbot.waitUntil(lambda: server.connections == 0, timeout=10_000)
    silent.abort()


def test_a_temporary_folder_too_deep_for_a_socket_falls_back_to_tmp(tmp_path, monkeypatch):
    deep = tmp_path / ("y" * (134 - len(str(tmp_path)) - 1))
    deep.mkdir()
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(deep))
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    name = instance.server_name()
    assert name == f"/tmp/traintool-{os.geteuid()}/traintool.socket"
