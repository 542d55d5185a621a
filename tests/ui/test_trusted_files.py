"""The window and files it cannot trust: a file changed on disk is not overwritten unasked, a
document is open in one window only, big files load while the window keeps running, errors and
autosave failures are told in a readable way, and a broken recovery file never stops a start."""
import json
import os
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from traintool.io import load_document, save_document
from traintool.model import Car, Consist
from traintool.ui.app import app, autosave
from traintool.ui.common import plain
from traintool.ui.app.main_window import MainWindow
from traintool.ui.app.windows import Windows
from conftest import REPORT_WAIT_MS


def _delete_a_car(w):
    w.holder.set_selection([3])
    w.commands.delete.trigger()


@pytest.fixture
def opened(window, tmp_path):
    """The window with `t.consist.json` open and one car deleted (unsaved)."""
    path = tmp_path / "t.consist.json"
    save_document(window.holder.document, path)
    assert window.file.open_path(str(path))
    _delete_a_car(window)
    window.asked = []
    return window, path


def _changed_elsewhere(path):
    data = json.loads(path.read_text())
    data["name"] = "Changed by another program"
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("answer", ["cancel", "overwrite", "save as"])
def test_a_save_over_a_file_changed_on_disk_asks_first(opened, monkeypatch, tmp_path, answer):
    window, path = opened
    _changed_elsewhere(path)
    theirs = path.read_bytes()
    monkeypatch.setattr(window, "ask_conflict", lambda p: window.asked.append(p) or answer)
    other = tmp_path / "mine.consist.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    saved = window.file.save()
    assert window.asked == [path]
    if answer == "cancel":
        assert not saved and path.read_bytes() == theirs and window.isWindowModified()
    elif answer == "overwrite":
        assert saved and len(load_document(path).consist.cars) == 89 and not window.isWindowModified()
    else:
        assert saved and path.read_bytes() == theirs and len(load_document(other).consist.cars) == 89
        assert window.holder.path == other


def test_an_unchanged_file_saves_without_asking_and_twice_in_a_row(opened, monkeypatch):
    window, path = opened
    monkeypatch.setattr(window, "ask_conflict", lambda p: window.asked.append(p) or "cancel")
    assert window.file.save()
    _delete_a_car(window)
    assert window.file.save()  # the state of its own save is the new reference
    assert window.asked == [] and len(load_document(path).consist.cars) == 88


def test_two_windows_on_one_file_cannot_happen_and_the_last_save_never_silently_wins(qtbot, preferences, monkeypatch,
                                                                                        tmp_path):
    errors, asked = [], []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, message: errors.append(message))
    monkeypatch.setattr(MainWindow, "ask_save_changes", lambda self: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(MainWindow, "ask_conflict", lambda self, p: asked.append(p) or "cancel")
    ws = Windows(preferences, persist_layout=False)
    path = tmp_path / "t.consist.json"
    from traintool.io import default_document

    save_document(default_document(), path)
    ws.open_files([str(path)])
    first = ws.windows[0]
    second = ws.open_window(default_document())
    ws.show(second)
    try:
        for how in (lambda: second.file.open_path(str(path)), lambda: second.file.open_path(str(tmp_path / "." / path.name))):
            assert how()
            assert second.holder.path is None and len(ws.windows) == 2  # brought forward, not opened twice
        hard = tmp_path / "hard.consist.json"
        os.link(path, hard)
        assert second.file.open_path(str(hard)) and second.holder.path is None
        # A second window saving over the file the first has open (Save As onto it) changes it on
        # disk: the first's next save asks instead of silently winning.
        second.file.save_to(path)
        _delete_a_car(first)
        assert not first.file.save() and asked == [path]
    finally:
        for w in list(ws.windows):
            w.close()


def _big_file(tmp_path, n=30_000):
    from traintool.io import default_document

    doc = default_document()
    doc = doc.model_copy(update={"consist": Consist(cars=[Car(type_id=doc.consist.cars[i % 10].type_id, name=f"c{i}")
                                                          for i in range(n)])})
    path = tmp_path / "big.consist.json"
    save_document(doc, path)
    return path


def test_a_big_file_loads_off_the_gui_thread_with_its_progress(window, tmp_path, qtbot, monkeypatch):
    path = _big_file(tmp_path)
    from traintool import io

    threads, seen_dialog = [], []
    real = io.load_document
    monkeypatch.setattr(io, "load_document",
                        lambda p, **kw: threads.append(threading.current_thread()) or real(p, **kw))
    monkeypatch.setattr("traintool.ui.files.loading.PROGRESS_AFTER_MS", 1)
    ticks = []
    timer = QTimer()
    values = []

    def tick():
        ticks.append(1)
        dialogs = window.findChildren(QProgressDialog)
        seen_dialog.extend(dialogs)
        values.extend((d.labelText(), d.value()) for d in dialogs)

    timer.timeout.connect(tick)
    timer.start(1)
    assert window.file.open_path(str(path))
    timer.stop()
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert ticks  # the GUI thread ran its timers while the file loaded
    assert seen_dialog
    assert any(label == "Checking big.consist.json…" and 0 < value < 100 for label, value in values), values
    assert window.findChildren(QProgressDialog) == [] or not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    assert len(window.holder.document.consist.cars) == 30_000


def test_a_fifo_handed_over_is_refused_and_the_windows_keep_running(qtbot, preferences, monkeypatch, tmp_path):
    errors = []
    monkeypatch.setattr(MainWindow, "show_error", lambda self, title, message: errors.append(message))
    ws = Windows(preferences, persist_layout=False)
    from traintool.io import default_document

    ws.show(ws.open_window(default_document()))
    fifo = tmp_path / "x.consist.json"
    os.mkfifo(fifo)
    try:
        ws.open_files([str(fifo)])
        assert len(ws.windows) == 1 and "not a regular file" in errors[0]
    finally:
        for w in list(ws.windows):
            w.close()


def test_an_error_dialog_quotes_a_10_mb_key_in_a_few_hundred_characters(window, tmp_path, monkeypatch):
    data = json.loads(window.holder.document.model_dump_json())
    data["k" * 10_000_000] = 1
    p = tmp_path / "k.consist.json"
    p.write_text(json.dumps(data))
    shown = []
    monkeypatch.setattr(plain, "tell", lambda parent, title, text, **k: shown.append(text))
    monkeypatch.setattr(window, "show_error", lambda title, message: MainWindow.show_error(window, title, message))
    assert not window.file.open_path(str(p))
    (text,) = shown
    assert len(text) < 2000 and "10,000,000 characters" in text and "\x1b" not in text


def test_an_error_dialog_escapes_control_characters(window, monkeypatch):
    shown = []
    monkeypatch.setattr(plain, "tell", lambda parent, title, text, **k: shown.append(text))
    MainWindow.show_error(window, "t", "bad \x1b[31mname\x07\nsecond line " + "x" * 5000)
    lines = shown[0].splitlines()
    assert lines[0] == "bad \\x1b[31mname\\x07" and len(lines[1]) < 400


def test_autosave_failures_show_in_the_status_bar_and_once_in_a_dialog(window, tmp_path, qtbot):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the recovery folder should be")
    window.autosave.folder = blocker / "recovery"
    window.autosave.document_file = window.autosave.folder / "r.consist.json"
    window.autosave.meta_file = window.autosave.folder / "r.meta.json"
    for _ in range(2):
        _delete_a_car(window)
        window.autosave.save_now()
        window.autosave.wait()
        qtbot.waitUntil(lambda: "Autosave failed" in window.statusBar().currentMessage())
        window.statusBar().clearMessage()
    assert len(window.errors) == 1 and "Autosave failed" in window.errors[0]


def test_autosave_files_are_private(window, tmp_path):
    folder = tmp_path / "recovery"
    window.autosave.folder = folder
    window.autosave.document_file = folder / "r.consist.json"
    window.autosave.meta_file = folder / "r.meta.json"
    _delete_a_car(window)
    window.autosave.save_now()
    window.autosave.wait()
    modes = [oct(os.stat(p).st_mode & 0o777) for p in (folder, folder / "r.consist.json", folder / "r.meta.json")]
    assert modes == ["0o700", "0o600", "0o600"]


@pytest.mark.parametrize("meta", [
    {"pid": 10**30, "path": None, "saved_at": 1.0},
    {"pid": 1, "path": None, "saved_at": 1e300},
    {"pid": -5, "path": None, "saved_at": 1.0},
    {"pid": 999999, "path": "x" * 100_000, "saved_at": 1.0},
    "fifo",
    [1, 2, 3],
])
def test_a_bad_recovery_file_is_set_aside_with_a_note_and_start_up_goes_on(window, tmp_path, monkeypatch, meta):
    folder = tmp_path / "recovery"
    folder.mkdir()
    meta_file = folder / "recovery-1-1.meta.json"
    if meta == "fifo":
        os.mkfifo(meta_file)
    else:
        meta_file.write_text(json.dumps(meta))
    save_document(window.holder.document, folder / "recovery-1-1.consist.json")
    monkeypatch.setattr(autosave, "recovery_dir", lambda: folder)
    asked = []
    monkeypatch.setattr(plain, "ask", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    app.offer_recovery(window)  # raised before: a crash dialog at every start, and no files opened
    assert asked == [] and len(window.errors) == 1 and "set aside" in window.errors[0]
    assert not meta_file.exists() and list((folder / "set-aside").glob(f"*.{meta_file.name}"))
    window.errors.clear()
    app.offer_recovery(window)  # the next start: nothing to say
    assert window.errors == []


STARTED = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from traintool.ui.common import plain
plain.tell = lambda parent, title, text, **k: print(json.dumps({"dialog": title}))
plain.ask = lambda *a, **k: QMessageBox.StandardButton.No
from traintool.ui.app.app import run_gui
from traintool.ui.app.main_window import MainWindow

app = QApplication(sys.argv[:1])  # run_gui takes this one; the timer below needs it first

def check():
    titles = sorted(w.windowTitle() for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    if sum("traintool" in t and "Opening" not in t for t in titles) >= 2:
        print(json.dumps({"titles": titles}))
        QApplication.instance().exit(0)

timer = QTimer()
timer.timeout.connect(check)
timer.start(50)
sys.exit(run_gui(sys.argv[1:] + ["--new-instance"]))
"""


def test_a_start_with_a_bad_recovery_file_still_opens_the_files_named(tmp_path):
    """`"pid": 10**30` in a recovery file raised at every start, before the second file opened."""
    import subprocess
    import sys

    from traintool.io import default_document

    recovery = tmp_path / "traintool" / "recovery"  # $XDG_DATA_HOME/traintool (app_paths)
    recovery.mkdir(parents=True)
    (recovery / "recovery-1-1.meta.json").write_text('{"pid": 1000000000000000000000000000000, "saved_at": 1}')
    save_document(default_document(), recovery / "recovery-1-1.consist.json")
    files = []
    for name in ("First", "Second"):
        files.append(tmp_path / f"{name}.consist.json")
        save_document(default_document().model_copy(update={"name": name}), files[-1])
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path)}
    r = subprocess.run([sys.executable, "-c", STARTED, *map(str, files)], capture_output=True, text=True, timeout=120,
                       env=env)
    assert r.returncode == 0, r.stderr
    out = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert {"dialog": "A recovery file was set aside"} in out
    (titles,) = [o["titles"] for o in out if "titles" in o]
    assert titles[0].startswith("First") and titles[1].startswith("Second")
    assert list((recovery / "set-aside").glob("*.recovery-1-1.meta.json"))


def test_export_pdf_onto_a_full_disk_says_so_and_keeps_the_previous_report(window, small_tmpfs, monkeypatch, qtbot):
    from conftest import fill_up

    from traintool.ui.files import export_report

    out = small_tmpfs / "report.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))  # wherever the action lives
    written = []
    monkeypatch.setattr(export_report, "_offer_to_open", lambda parent, path: written.append(path))
    window.export_pdf()
    qtbot.waitUntil(lambda: written == [out], timeout=REPORT_WAIT_MS)  # written on a thread of its own
    before = out.read_bytes()
    assert before.startswith(b"%PDF") and window.errors == []
    fill_up(small_tmpfs, leave=len(before) // 4)
    window.export_pdf()
    qtbot.waitUntil(lambda: bool(window.errors), timeout=REPORT_WAIT_MS)
    assert "No space left on device" in window.errors[0] and written == [out]
    assert out.read_bytes() == before


def test_a_big_bad_file_is_checked_in_another_process_and_never_parsed_in_the_window(window, tmp_path, monkeypatch):
    """Millions of keys hold Python's lock for seconds while parsed: such a file is refused by a
    child process, and the window's process never parses it (nor holds its gigabyte)."""
    from traintool import io
    from traintool.io import files
    from traintool.ui.files import loading

    data = json.loads(window.holder.document.model_dump_json())
    data["scenario"]["dwell_overrides_s"] = {str(i): -1 for i in range(20_000)}
    p = tmp_path / "bad.consist.json"
    p.write_text(json.dumps(data))
    monkeypatch.setattr(loading, "CHILD_CHECK_BYTES", p.stat().st_size - 1)
    parsed = []
    real = files.parse_json
    monkeypatch.setattr(files, "parse_json", lambda text, source: parsed.append(source) or real(text, source))
    before = window.holder.document
    assert not window.file.open_path(str(p))
    assert parsed == [] and window.holder.document is before
    assert window.errors == [f"{p}: scenario.dwell_overrides_s: 20,000 entries, more than the 10,000 a route can "
                             "have stations"]
    good = tmp_path / "good.consist.json"
    save_document(window.holder.document, good)
    monkeypatch.setattr(loading, "CHILD_CHECK_BYTES", good.stat().st_size - 1)
    assert window.file.open_path(str(good)) and len(parsed) == 1  # a good one: checked there, then loaded here
    assert io.file_state(good) == window.file.disk_state


def test_crash_logs_are_private(tmp_path):
    from traintool.ui.app.crash import write_log

    folder = tmp_path / "crash-logs"
    first, second = write_log("Traceback: one", folder), write_log("Traceback: two", folder)
    assert first != second and first.read_text() == "Traceback: one\n"  # two in one second: two logs
    assert [oct(os.stat(p).st_mode & 0o777) for p in (folder, first, second)] == ["0o700", "0o600", "0o600"]
