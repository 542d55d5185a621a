"""Start-up: the window is on screen before pydantic, the model and the plots load, then it opens
its document; a window set up after its show looks as one built whole."""
import json
import subprocess
import sys

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from settle import laid_out
from traintool.io import default_document, save_document
from traintool.ui.app.main_window import MainWindow

# The app as `traintool` starts it, with probes that record what had loaded at each step.
PROBED = """
import json, os, sys
SOCKET = os.path.join(os.environ["XDG_RUNTIME_DIR"], "traintool.socket")
from PySide6.QtWidgets import QApplication
from traintool.ui.app import main_window
from traintool.ui.app.app import run_gui

events = []
HEAVY = ("pydantic", "traintool.model", "pyqtgraph", "PySide6.QtNetwork")

def probe(cls, name, label, then=None):
    original = getattr(cls, name)
    def wrapper(self, *args):
        loaded = [m for m in HEAVY if m in sys.modules]
        result = original(self, *args)
        events.append({"event": label, "loaded": loaded, "title": self.window().windowTitle(),
                       "text": self.text() if label == "painted" else "", "listening": os.path.exists(SOCKET)})
        if then:
            then(self)
        return result
    setattr(cls, name, wrapper)

probe(main_window.MainWindow, "showEvent", "shown")
probe(main_window._OpeningNote, "paintEvent", "painted")
probe(main_window.MainWindow, "set_up", "set up", then=QUIT_AFTER_SET_UP)
rc = run_gui(sys.argv[1:])
print(json.dumps({"rc": rc, "events": events}))
"""


def start(tmp_path, *args, quit_after_set_up=False):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(runtime)}
    then = "lambda w: QApplication.instance().quit()" if quit_after_set_up else "None"
    r = subprocess.run([sys.executable, "-c", PROBED.replace("QUIT_AFTER_SET_UP", then), *map(str, args)],
                       capture_output=True, text=True, timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout.strip().splitlines()[-1])
    # A file is read off the GUI thread, and the frame may paint again meanwhile: repeats are one step.
    order = [e["event"] for e in out["events"]]
    order = [e for i, e in enumerate(order) if i == 0 or e != order[i - 1]]
    return out["rc"], order, {e["event"]: e for e in reversed(out["events"])}  # each event's first time


def test_the_window_shows_and_paints_before_the_model_loads_then_opens_the_armored_train(tmp_path):
    rc, order, at = start(tmp_path, "--exit-after-show")
    assert rc == 0
    assert order[:3] == ["shown", "painted", "set up"]  # the document waits for the first paint
    assert at["shown"]["loaded"] == [] and at["painted"]["loaded"] == []
    assert "Opening the armored train…" in at["painted"]["text"]
    assert "traintool.model" in at["set up"]["loaded"] or "pydantic" in at["set up"]["loaded"]
    assert at["set up"]["title"].startswith(default_document().name)  # the seed document's name, in the title


def test_a_desktop_launch_with_a_file_opens_it_and_listens_for_later_launches(tmp_path):
    path = tmp_path / "mine.consist.json"
    save_document(default_document().model_copy(update={"name": "Mine"}), path)
    rc, order, at = start(tmp_path, path, quit_after_set_up=True)
    assert rc == 0 and order[:3] == ["shown", "painted", "set up"]
    # No traintool ran: no socket file, so QtNetwork waited until the window was up.
    assert at["shown"]["loaded"] == []
    assert "Opening “mine.consist.json”…" in at["painted"]["text"]
    assert at["set up"]["title"].startswith("Mine")
    assert at["set up"]["listening"]  # for later launches' files, from its show on
    assert not (tmp_path / "run" / "traintool.socket").exists()  # removed again when it quit


def _dock_sizes(w: MainWindow) -> tuple[int, ...]:
    return (w.catalogue_dock.width(), w.catalogue_dock.height(), w.inspector_dock.height(), w.trip_dock.width(),
            w.plots_dock.height())


def _frame_set_up_after_show(qtbot, preferences, size: tuple[int, int] | None = None) -> MainWindow:
    w = MainWindow(None, None, preferences, opening="the armored train")
    qtbot.addWidget(w)
    if size is not None:  # as on a screen that has the room (the window fits the 800×800 offscreen one)
        w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.set_up(default_document())
    qtbot.waitUntil(lambda: w.plots is not None and laid_out(w))
    return w


def _shown_whole(qtbot, preferences) -> MainWindow:
    w = MainWindow(default_document(), None, preferences)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: laid_out(w))
    return w


def test_a_window_set_up_after_its_show_keeps_the_saved_dock_sizes(qtbot, preferences, monkeypatch):
    first = _shown_whole(qtbot, preferences)
    first.resizeDocks([first.trip_dock], [520], Qt.Orientation.Horizontal)
    first.resizeDocks([first.plots_dock], [350], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: laid_out(first))
    assert first.close()
    # The same saved layout, in a window built whole and in one set up after its show (offscreen,
    # the screen is smaller than the first window: both are restored to the same clamped size).
    whole = _shown_whole(qtbot, preferences)
    expected = _dock_sizes(whole)
    assert whole.close()
    w = _frame_set_up_after_show(qtbot, preferences)
    monkeypatch.setattr(w, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    assert w._layout_restored
    assert _dock_sizes(w) == expected


def test_on_a_first_run_the_inspector_is_whole_and_the_train_has_the_room(qtbot, preferences, monkeypatch):
    w = _frame_set_up_after_show(qtbot, preferences, (1400, 900))
    monkeypatch.setattr(w, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    assert w.inspector_dock.height() >= w.inspector_dock.sizeHint().height() - 12  # no scroll bar to speak of
    assert w.centralWidget().width() > w.trip_dock.width() > 300


def test_a_window_closed_while_it_opens_closes_without_asking(qtbot, preferences):
    w = MainWindow(None, None, preferences, opening="the armored train")
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.closed):
        assert w.close()
    assert w.holder is None


def test_a_file_handed_over_while_the_first_window_opens_it_opens_once(qtbot, preferences, tmp_path):
    from traintool.ui.app.windows import Windows

    path = tmp_path / "mine.consist.json"
    save_document(default_document(), path)
    windows = Windows(preferences, persist_layout=False)
    windows.hold()
    first = windows.open_window(None, opening="“mine.consist.json”")  # Windows deletes it once closed
    windows.open_files([str(path)])  # a double-click on the same file, before the first window has it
    assert windows.windows == [first]
    first.set_up(default_document(), path)
    windows.release()
    assert windows.windows == [first]  # the window that has it, brought forward: not a second one
    other = tmp_path / "other.consist.json"
    save_document(default_document(), other)
    windows.open_files([str(other)])  # after the release, straight away
    assert len(windows.windows) == 2 and windows.windows[1].holder.path == other
    for w in list(windows.windows):
        w.holder.undo_stack.setClean()
        w.close()


def test_a_window_whose_set_up_failed_still_closes_cleanly(qtbot, preferences, monkeypatch):
    import traintool.io

    w = MainWindow(None, None, preferences, opening="the armored train")
    qtbot.addWidget(w)
    w.show()
    monkeypatch.setattr(traintool.io, "catalogue", lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        w.set_up(default_document())
    assert w.holder is not None and not w.is_ready
    with qtbot.waitSignal(w.closed):
        assert w.close()  # no question, no AttributeError from what set_up did not build
