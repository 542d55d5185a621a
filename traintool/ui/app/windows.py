"""The document windows of one traintool process: each document in its own window, with its own
undo stack; the preferences (units, recent files) are shared by all of them.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from ... import io
from ...errors import TraintoolError
from ..files.loading import load_document
from . import screen_fit
from .main_window import MainWindow
from ..common.preferences import Preferences

if TYPE_CHECKING:
    from ...model import Document

class Windows(QObject):
    def __init__(self, preferences: Preferences | None = None, *, persist_layout: bool = True,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.preferences = preferences or Preferences()
        self.persist_layout = persist_layout
        self.windows: list[MainWindow] = []
        self._held: list[str] | None = None  # files kept back while the first window opens (hold)

    def open_window(self, document: Document | None, path: Path | None = None, *, opening: str = "",
                    disk_state=None) -> MainWindow:
        """A window on `document`; without one, the window's frame saying "Opening `opening`…"
        (start-up shows it at once and calls its set_up when the document is loaded)."""
        # File > Open of a file open elsewhere brings that window forward (window_for).
        w = MainWindow(document, path, self.preferences, persist_layout=self.persist_layout, opening=opening,
                       disk_state=disk_state, find_window=self.window_for)
        if self.windows:
            screen_fit.cascade(w, self.windows[-1])
        w.closed.connect(lambda: self._forget(w))
        w.new_window_requested.connect(lambda: self.show(self.open_window(io.default_document(),
                                                                                 io.default_document_path())))
        self.windows.append(w)
        return w

    def active(self) -> MainWindow | None:
        """The window the user works in: the focused one, else the newest."""
        w = QApplication.activeWindow()
        if isinstance(w, MainWindow) and w in self.windows:
            return w
        return self.windows[-1] if self.windows else None

    def window_for(self, path: Path) -> MainWindow | None:
        """The window that has `path` open (by its real path, or as the same file through a hard link)."""
        target = path.resolve()
        for w in self.windows:
            if w.holder is not None and w.holder.path is not None and (
                    w.holder.path.resolve() == target or _same_file(w.holder.path, target)):
                return w
        return None

    def open_files(self, files: list[str]) -> None:
        """Open each file in a window of its own (or bring forward the one that has it already);
        with no file, bring the newest window forward. A file that does not load is reported in
        the active window, whose document is untouched. Between `hold` and `release` they wait."""
        if self._held is not None:
            self._held += files
            return
        if not files:
            if (active := self.active()) is not None:
                self.show(active)
            return
        for f in files:
            path = Path(f)
            w = self.window_for(path)
            if w is None:
                try:
                    document, state = load_document(path, self.active())  # never read on the GUI thread
                except TraintoolError as e:
                    if (active := self.active()) is not None:
                        active.show_error("Could not open the file", str(e))
                    continue
                w = self.open_window(document, path, disk_state=state)
                self.preferences.add_recent(str(path.resolve()))
            self.show(w)

    def hold(self) -> None:
        """Keep the files handed over from now until `release`: the first window is still opening,
        and it may be opening one of them (it would open twice)."""
        self._held = []

    def release(self) -> None:
        files, self._held = self._held or [], None
        if files:
            self.open_files(files)

    @staticmethod
    def show(w: MainWindow) -> None:
        w.show()
        w.raise_()
        w.activateWindow()

    def _forget(self, w: MainWindow) -> None:
        if w in self.windows:
            self.windows.remove(w)
            w.deleteLater()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False
