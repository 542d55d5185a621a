"""Unexpected errors: a log file, a dialog with the error and a "Copy details" button, and the
document stays open. The app never dies on an exception; autosave protects the work meanwhile.
"""
from __future__ import annotations

import datetime
import itertools
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from ... import __version__
from ...app_paths import crash_log_dir
from ...printable import printable
from ...text import escaped as escape

KEEP_LOGS = 20  # the newest logs are kept, the older ones removed
_serial = itertools.count(1)  # two errors in one second get two logs, not one overwritten


def details(kind: type[BaseException], value: BaseException, tb) -> str:
    """What a bug report needs: the versions, then the traceback."""
    import platform
    import traceback

    from PySide6 import __version__ as pyside_version

    head = (f"traintool {__version__}, Python {platform.python_version()}, PySide6 {pyside_version}, "
            f"{platform.platform()}\n{datetime.datetime.now().isoformat(timespec='seconds')}\n\n")
    return head + "".join(traceback.format_exception(kind, value, tb))


def write_log(text: str, folder: Path | None = None) -> Path | None:
    """Write the crash log; None if even that fails (a full disk must not raise from here)."""
    from ...errors import SaveError
    from ...io.safe_write import private_folder, write_file

    folder = folder or crash_log_dir()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}-{os.getpid()}-{next(_serial)}.log"
    try:
        private_folder(folder)  # a traceback may quote the user's files: theirs alone (0600 in 0700)
        write_file(path, text + "\n", private=True)
        for old in sorted(folder.glob("crash-*.log"))[:-KEEP_LOGS]:
            old.unlink()
    except (OSError, SaveError):
        return None
    return path


class CrashDialog(QDialog):
    """The error in a sentence, where the log is, the details, and "Copy details"."""

    def __init__(self, summary: str, text: str, log: Path | None, parent: QWidget | None = None):
        # Imported here, not with the module: the crash reporter is installed before the first
        # window shows, and these (Qt's enums above all) cost that window 20 ms.
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QStyle, QVBoxLayout

        super().__init__(parent)
        self.setWindowTitle("traintool: something went wrong")
        self.text = text
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        where = f"A report was written to {log}." if log else "The report could not be written to disk."
        message = QLabel(f"<b>{escape(summary)}</b><p>Your document is still open, and autosave keeps a copy. "
                         f"Save it under a new name if in doubt.</p><p>{escape(where)}</p>")
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_view = QPlainTextEdit(text)
        self.details_view.setReadOnly(True)
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton("&Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(message, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.details_view, 1)
        box.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.text)
        self.copy_button.setText("Copied")


class CrashReporter(QObject):
    """Installed as sys.excepthook and threading.excepthook.

    An error raised while the dialog is up (a paint that fails on every frame) is logged, not
    shown again: one dialog at a time, never a cascade of them.
    """

    _from_thread = Signal(str, str)

    def __init__(self, get_window: Callable[[], QWidget | None], folder: Path | None = None,
                 parent: QObject | None = None, *, dialogs: bool = True):
        super().__init__(parent)
        self.get_window = get_window
        self.folder = folder
        self.show_dialogs = dialogs  # False for --exit-after-show: nobody is there to answer
        self.reported = 0
        self.showing = False
        self.last_log: Path | None = None
        self._from_thread.connect(self._report)  # emitted from another thread: queued to this one

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = lambda a: self.excepthook(a.exc_type, a.exc_value, a.exc_traceback)

    def excepthook(self, kind, value, tb) -> None:
        try:
            text = details(kind, value, tb)
            if sys.__stderr__ is not None:  # None under pythonw and a Windows gui-script: the log and dialog remain
                try:
                    sys.__stderr__.write(text)
                except (OSError, ValueError):
                    pass  # a closed or broken stderr must not cost the log and the dialog
            summary = printable(f"{kind.__name__}: {value}")  # one readable line, whatever the error quotes
            if threading.current_thread() is threading.main_thread():
                self._report(summary, text)
            else:
                self._from_thread.emit(summary, text)  # dialogs belong to the GUI thread
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            pass

    def _report(self, summary: str, text: str) -> None:
        self.last_log = write_log(text, self.folder)
        self.reported += 1
        if self.showing or not self.show_dialogs:
            return
        self.showing = True
        try:
            self.show_dialog(CrashDialog(summary, text, self.last_log, self.get_window()))
        finally:
            self.showing = False

    def show_dialog(self, dialog: CrashDialog) -> None:
        """Show the dialog modally (tests answer it programmatically)."""
        dialog.exec()
        dialog.deleteLater()
