"""An unexpected error anywhere: a dialog with the error and "Copy details", a log file under the
user's data folder, and the document stays open and editable."""
import os
import subprocess
import sys
import threading
import traceback
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from traintool.ui.app.crash import KEEP_LOGS, CrashReporter, write_log


@pytest.fixture
def reporter(window, tmp_path, monkeypatch):
    """A reporter installed as the hooks, logging to tmp_path; its dialogs are recorded, copied and closed."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    r = CrashReporter(lambda: window, tmp_path / "logs")
    r.dialogs = []

    def answer(dialog):
        r.dialogs.append(dialog)
        dialog.copy_button.click()  # what the user does to file a report
        dialog.reject()

    monkeypatch.setattr(r, "show_dialog", answer)
    r.install()
    return r


def _raise():
    raise ZeroDivisionError("the physics divided by zero")


@pytest.mark.qt_no_exception_capture  # the exception must reach our hook, not pytest-qt's
def test_an_error_in_a_slot_shows_the_dialog_logs_it_and_the_document_survives(qtbot, window, reporter):
    cars_before = window.holder.document.consist.cars
    QTimer.singleShot(0, _raise)
    qtbot.waitUntil(lambda: len(reporter.dialogs) > 0)
    dialog = reporter.dialogs[0]
    assert dialog.parent() is window
    assert "ZeroDivisionError: the physics divided by zero" in dialog.text
    assert "_raise" in dialog.text and "traintool" in dialog.text.splitlines()[0]  # traceback and versions
    assert QApplication.clipboard().text() == dialog.text  # "Copy details"
    log = reporter.last_log
    assert log is not None and log.parent == reporter.folder and "the physics divided by zero" in log.read_text()
    # The window and its document are still there, and still work.
    assert window.isVisible() and window.holder.document.consist.cars == cars_before
    window.holder.set_selection([0])
    window.car_editing.delete()
    assert len(window.holder.document.consist.cars) == len(cars_before) - 1


def test_an_error_in_another_thread_is_shown_in_the_gui_thread(qtbot, reporter):
    t = threading.Thread(target=_raise)
    t.start()
    t.join()
    qtbot.waitUntil(lambda: len(reporter.dialogs) > 0)
    assert "ZeroDivisionError" in reporter.dialogs[0].text


def test_errors_while_the_dialog_is_up_are_logged_not_shown_again(qtbot, window, tmp_path, monkeypatch):
    r = CrashReporter(lambda: window, tmp_path)
    shown = []

    def answer(dialog):  # a paint that fails on every frame raises again while the dialog is up
        shown.append(dialog)
        try:
            raise ValueError("second")
        except ValueError:
            r.excepthook(*sys.exc_info())
        dialog.reject()

    monkeypatch.setattr(r, "show_dialog", answer)
    try:
        raise ValueError("first")
    except ValueError:
        r.excepthook(*sys.exc_info())
    assert len(shown) == 1
    logged = "".join(p.read_text() for p in tmp_path.glob("crash-*.log"))
    assert "ValueError: first" in logged and "ValueError: second" in logged


def test_the_dialog_says_when_the_log_could_not_be_written(qtbot, window, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    r = CrashReporter(lambda: window, blocker / "logs")
    shown = []
    monkeypatch.setattr(r, "show_dialog", lambda d: (shown.append(d), d.reject()))
    try:
        _raise()
    except ZeroDivisionError:
        r.excepthook(*sys.exc_info())
    assert r.last_log is None and len(shown) == 1


def test_only_the_newest_logs_are_kept(tmp_path):
    for i in range(KEEP_LOGS + 5):
        (tmp_path / f"crash-20260101-0000{i:02d}-1.log").write_text("old")
    new = write_log("".join(traceback.format_stack()), tmp_path)
    logs = sorted(tmp_path.glob("crash-*.log"))
    assert new in logs and len(logs) == KEEP_LOGS
