"""A single opening: a second launch hands its files to the running traintool and exits 0; each
document opens in a window of its own, with its own undo stack."""
import socket
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from traintool.io import default_document, save_document
from traintool.ui.app.instance import InstanceServer, hand_over, parse_message
from traintool.ui.app.main_window import MainWindow
from traintool.ui.app.windows import Windows


@pytest.fixture
def windows(qtbot, preferences, monkeypatch):
    errors = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, message: errors.append(message))
    monkeypatch.setattr(MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard)
    ws = Windows(preferences, persist_layout=False)
    ws.errors = errors
    ws.show(ws.open_window(default_document()))
    yield ws
    for w in list(ws.windows):
        w.close()


@pytest.fixture
def runtime_dir(tmp_path):
    d = tmp_path / "run"
    d.mkdir(mode=0o700)
    return d


def launch(runtime_dir, *files):
    """`traintool FILE...` as the desktop starts it, in the session whose runtime folder is runtime_dir."""
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(runtime_dir.parent),
           "XDG_RUNTIME_DIR": str(runtime_dir), "XDG_CONFIG_HOME": str(runtime_dir.parent),
           "XDG_DATA_HOME": str(runtime_dir.parent)}
    return subprocess.Popen([sys.executable, "-m", "traintool", *map(str, files)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_second_launch_hands_its_file_to_the_first_and_exits_0(qtbot, windows, runtime_dir, tmp_path):
    server = InstanceServer(str(runtime_dir / "traintool.socket"))
    assert server.listen()
    server.files_received.connect(windows.open_files)
    doc = default_document().model_copy(update={"name": "Handed over"})
    save_document(doc, tmp_path / "other.consist.json")

    second = launch(runtime_dir, tmp_path / "other.consist.json")
    qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)  # our event loop answers it meanwhile
    assert second.returncode == 0, second.stderr.read()
    qtbot.waitUntil(lambda: len(windows.windows) == 2)
    first, opened = windows.windows
    assert opened.holder.document.name == "Handed over"
    assert opened.holder.path == tmp_path / "other.consist.json"
    # Each window has its own undo stack: an edit in one leaves the other alone.
    opened.holder.set_selection([0])
    opened.car_editing.delete()
    assert opened.undo_stack.count() == 1 and first.undo_stack.count() == 0
    assert len(first.holder.document.consist.cars) == len(default_document().consist.cars)
    server.close()


def test_the_same_file_again_brings_its_window_forward(qtbot, windows, tmp_path):
    path = tmp_path / "a.consist.json"
    save_document(default_document(), path)
    windows.open_files([str(path)])
    windows.open_files([str(tmp_path / "." / "a.consist.json")])
    assert len(windows.windows) == 2 and windows.windows[1].holder.path == path


def test_a_bad_file_handed_over_is_reported_and_nothing_is_lost(qtbot, windows, tmp_path):
    bad = tmp_path / "bad.consist.json"
    bad.write_text('{"name": 3}')
    before = windows.windows[0].holder.document
    windows.open_files([str(bad), str(tmp_path / "gone.consist.json")])
    assert len(windows.windows) == 1 and windows.windows[0].holder.document is before
    assert len(windows.errors) == 2 and "bad.consist.json" in windows.errors[0] and "gone.consist.json" in windows.errors[1]


def test_no_file_brings_the_newest_window_forward(qtbot, windows):
    windows.open_files([])
    assert len(windows.windows) == 1 and windows.windows[0].isVisible()


def test_with_no_traintool_running_a_launch_starts_its_own(runtime_dir):
    assert hand_over(["x.consist.json"], str(runtime_dir / "traintool.socket")) is False


def test_a_socket_left_by_a_crash_is_replaced(qtbot, runtime_dir):
    name = str(runtime_dir / "traintool.socket")
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(name)  # bound, never listened, then closed: the file stays, as after a crash
    stale.close()
    server = InstanceServer(name)
    assert server.listen()
    server.close()


def test_a_running_traintool_is_not_taken_over(qtbot, runtime_dir):
    name = str(runtime_dir / "traintool.socket")
    first = InstanceServer(name)
    assert first.listen()
    assert InstanceServer(name).listen() is False
    assert first.listening
    first.close()


@pytest.mark.parametrize("data", [b"", b"\xff\xfe", b"[]", b'{"open": "x"}', b'{"open": [1]}', b"nonsense"])
def test_anything_but_a_list_of_paths_is_ignored(data):
    assert parse_message(data) is None


def test_a_garbage_message_gets_error_and_opens_nothing(qtbot, windows, runtime_dir):
    name = str(runtime_dir / "traintool.socket")
    server = InstanceServer(name)
    server.listen()
    received = []
    server.files_received.connect(received.append)
    client = socket.socket(socket.AF_UNIX)
    client.connect(name)
    client.sendall(b"\x00garbage\n")
    client.settimeout(0.01)
    reply = b""

    def answered():
        nonlocal reply
        try:
            reply += client.recv(100)
        except TimeoutError:
            pass
        return b"\n" in reply

    qtbot.waitUntil(answered)
    assert reply == b"error\n" and received == [] and len(windows.windows) == 1
    client.close()
    server.close()


def test_quit_closes_every_window_unless_one_keeps_its_changes(qtbot, windows, monkeypatch):
    first = windows.windows[0]
    windows.windows[0].commands.new_window.trigger()
    second = windows.windows[1]
    assert second is not first and second.isVisible()
    second.holder.set_selection([0])
    second.car_editing.delete()  # unsaved changes
    monkeypatch.setattr(second, "ask_save_changes", lambda: QMessageBox.StandardButton.Cancel)
    first.commands.quit.trigger()
    assert second.isVisible() and second in windows.windows  # Cancel: quitting stops there
    monkeypatch.setattr(second, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    first.commands.quit.trigger()
    assert windows.windows == []


def test_close_window_closes_only_that_one(qtbot, windows):
    windows.windows[0].commands.new_window.trigger()
    first, second = windows.windows
    second.commands.close.trigger()
    assert windows.windows == [first] and first.isVisible()


def test_a_bare_server_name_is_not_mistaken_for_a_missing_socket_file(qtbot, tmp_path, monkeypatch):
    # Qt puts a bare name in its temporary folder: the "no socket file" shortcut must not apply to it.
    monkeypatch.chdir(tmp_path)
    name = f"traintool-test-{tmp_path.name}"
    server = InstanceServer(name)
    assert server.listen()
    assert InstanceServer(name).listen() is False  # it answers: left alone, not replaced
    server.close()
