"""The window's document as a file: new, open, save, save as, revert, and the question before
unsaved changes are dropped. A file changed on disk since it was read or written here is not
overwritten unasked; a shipped file (a sample, the default train) opens as an untitled copy."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox

from ... import io  # a lazy package: nothing is loaded until a name of it is used
from ...app_paths import resources_dir
from ...errors import TraintoolError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QWidget

    from ...model import Document
    from ..common.document_holder import DocumentHolder
    from ..common.preferences import Preferences

FILE_FILTER = "traintool documents (*.consist.json);;All files (*)"


def is_shipped(path: Path) -> bool:
    """A file that ships with traintool (a sample, the default train): opened as an untitled copy, never overwritten."""
    try:
        return path.resolve().is_relative_to(resources_dir().resolve())
    except OSError:
        return False


def documents_dir() -> Path:
    """Where a new file is suggested: the user's documents folder (their home if the platform has none)."""
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


class FileQuestions(Protocol):
    """What the window asks and tells the user about its file (the tests answer in its stead)."""

    def ask_save_changes(self) -> QMessageBox.StandardButton: ...

    def ask_conflict(self, path: Path) -> str: ...

    def confirm(self, title: str, question: str) -> bool: ...

    def show_error(self, title: str, message: str) -> None: ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name

    def window(self) -> QWidget: ...


class DocumentFile:
    def __init__(self, user: FileQuestions, holder: DocumentHolder, preferences: Preferences, *,
                 document_shown: Callable[[], Any], find_window: Callable[[Path], Any] | None,
                 disk_state: io.FileState | None, copy_of_shipped: bool):
        """`document_shown()`: another document is in the window (or recovered work), to be shown
        whole; `find_window(path)`: the window that has a file open already, if any (brought forward
        instead of opening it twice); `disk_state`: the file as it was read (io.FileState)."""
        self.user, self.holder, self.preferences = user, holder, preferences
        self._document_shown, self._find_window = document_shown, find_window
        self.disk_state = disk_state  # the file as last read or written: a save checks it is unchanged
        self.copy_of_shipped = copy_of_shipped  # the document is an untitled copy of a shipped file

    def untitled_name(self) -> str:
        """The document's name, marked as a copy while it is an unsaved copy of a shipped file."""
        copy = self.copy_of_shipped and self.holder.path is None
        return self.holder.document.name + (" (copy)" if copy else "")

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document."""
        if not self.holder.is_modified:
            return True
        answer = self.user.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_document(self) -> None:
        from ...model import edits

        if self.maybe_save():
            self.copy_of_shipped = False
            self.holder.load(edits.new_document(self.holder.document), None)
            self.disk_state = None
            self._document_shown()

    def open_dialog(self) -> None:
        start = str(self.holder.path.parent) if self.holder.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.user.window(), "Open a consist", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        """Open a document (read off the GUI thread); on failure say why and keep the current one
        untouched. A document another window has open already is brought forward instead."""
        from ..files.loading import load_document

        other = self._find_window(Path(path)) if self._find_window else None
        if other is not None:
            other.show()
            other.raise_()
            other.activateWindow()
            return True
        try:
            doc, state = load_document(path, self.user.window())
        except TraintoolError as e:
            self.user.show_error("Could not open the file", str(e))
            if not Path(path).exists():
                self.preferences.remove_recent(str(Path(path)))
            return False
        if not self.maybe_save():
            return False
        self.holder.load(doc, self.as_opened(Path(path)))
        self.disk_state = state if self.holder.path is not None else None
        self.preferences.add_recent(str(Path(path).resolve()))
        self._document_shown()
        return True

    def as_opened(self, path: Path | None) -> Path | None:
        """The path a document opened from `path` is saved to: none for a shipped file, which opens as
        an untitled copy ("… (copy)"), so that Save asks where and the shipped file stays as it is."""
        self.copy_of_shipped = path is not None and is_shipped(path)
        if self.copy_of_shipped:
            self.disk_state = None
            return None
        return path

    def restore_recovery(self, document: Document, original: Path | None) -> None:
        """Open recovered work as an unsaved change to its original file."""
        self.holder.load(document, self.as_opened(original))
        self.disk_state = io.file_state(self.holder.path) if self.holder.path else None
        self.holder.undo_stack.resetClean()  # not saved anywhere yet: the title shows it modified
        self._document_shown()

    def save(self) -> bool:
        if self.holder.path is None:
            return self.save_as()
        return self.save_to(self.holder.path)

    def save_as(self) -> bool:
        start = str(self.holder.path or documents_dir() / io.safe_file_name(self.untitled_name(), io.DOCUMENT_SUFFIX))
        path, _ = QFileDialog.getSaveFileName(self.user.window(), "Save the consist", start, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(io.DOCUMENT_SUFFIX):
            path += io.DOCUMENT_SUFFIX
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Save; a file changed on disk since it was read or written here is not overwritten unasked."""
        if self.holder.path is not None and path == self.holder.path and self.disk_state is not None:
            if io.file_state(path) != self.disk_state:
                answer = self.user.ask_conflict(path)
                if answer == "save as":
                    return self.save_as()
                if answer != "overwrite":
                    return False
        try:
            io.save_document(self.holder.document, path)
        except TraintoolError as e:
            self.user.show_error("Could not save", str(e))
            return False
        self.disk_state = io.file_state(path)
        self.holder.mark_saved(path)
        self.preferences.add_recent(str(path.resolve()))
        self.user.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def revert(self) -> None:
        if self.holder.path is None or not self.holder.is_modified:
            return
        if not self.user.confirm("Revert", f"Discard your changes and reload {self.holder.path.name} from disk?"):
            return
        from ..files.loading import load_document

        try:
            doc, state = load_document(self.holder.path, self.user.window())
        except TraintoolError as e:
            self.user.show_error("Could not revert", str(e))
            return
        self.holder.load(doc, self.holder.path)
        self.disk_state = state
