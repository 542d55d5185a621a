"""The open document: one immutable Document snapshot at a time, its undo stack, the selection.

Every edit makes a new Document and pushes a command that swaps it in; undo swaps the old one
back. Widgets listen to `changed` and redraw from `document`: none keeps a copy of its own.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..model import MAX_CARS, Car, CarResolver, Consist, ConsistStats, Document, ResolvedCar, consist_stats

_MERGE_IDS: dict[str, int] = {}


def _merge_id(key: str | None) -> int:
    if key is None:
        return -1
    return _MERGE_IDS.setdefault(key, 1000 + len(_MERGE_IDS))


class ReplaceDocument(QUndoCommand):
    """Swap one snapshot for another; consecutive commands with the same merge key become one step."""

    def __init__(self, holder: "DocumentHolder", before: Document, after: Document, text: str,
                 merge_key: str | None, selection_after: list[int] | None):
        super().__init__(text)
        self._holder = holder
        self._before, self._after = before, after
        self._selection_before = list(holder.selection)
        self._selection_after = selection_after
        self._merge = _merge_id(merge_key)

    def id(self) -> int:  # noqa: A003 - Qt's name
        return self._merge

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ReplaceDocument) or other.id() != self.id() or self.id() < 0:
            return False
        self._after = other._after
        self._selection_after = other._selection_after
        self.setText(other.text())
        if self._after == self._before:  # typed back to where it was: no step to undo
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self._holder._set(self._after, self._selection_after)

    def undo(self) -> None:
        self._holder._set(self._before, self._selection_before)


class DocumentHolder(QObject):
    changed = Signal()
    edit_refused = Signal(str)  # why an edit was not made (the window says so)
    selection_changed = Signal()
    path_changed = Signal()

    def __init__(self, document: Document, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._document = document
        self._path = path
        self._selection: list[int] = []
        self._resolved: list[ResolvedCar] | None = None
        self._resolver = CarResolver()  # an edit re-resolves only the cars it touched
        self._stats: ConsistStats | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        self.path_changed.emit()

    # --- the document -------------------------------------------------------------------
    @property
    def document(self) -> Document:
        return self._document

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def resolved_cars(self) -> list[ResolvedCar]:
        if self._resolved is None:
            self._resolved = self._resolver.resolve(self._document.consist.cars, self._document.type_by_id())
        return self._resolved

    def stats(self) -> ConsistStats:
        """The consist's stats, computed once per document (the status bar and the trip panel share them)."""
        if self._stats is None:
            self._stats = consist_stats(self.resolved_cars())
        return self._stats

    def apply(self, new_document: Document, text: str, merge_key: str | None = None,
              selection: list[int] | None = None) -> None:
        """Make `new_document` current as one undoable step called `text`."""
        if new_document == self._document and selection is None:
            return
        self.undo_stack.push(ReplaceDocument(self, self._document, new_document, text, merge_key, selection))

    def set_cars(self, cars: list[Car], text: str, selection: list[int] | None = None,
                 extra_types: list | None = None) -> None:
        """Replace the consist's cars (adding any car types they need) as one undoable step."""
        if len(cars) > MAX_CARS:
            self.edit_refused.emit(f"A consist holds at most {MAX_CARS:,} cars: “{text}” would make it "
                                   f"{len(cars):,}. Nothing was changed.")
            return
        doc = self._document
        update: dict = {"consist": Consist(cars=cars)}
        if extra_types:
            have = {t.id for t in doc.car_types}
            new = [t for t in extra_types if t.id not in have]
            if new:
                update["car_types"] = doc.car_types + new
        self.apply(doc.model_copy(update=update), text, selection=selection)

    def load(self, document: Document, path: Path | None) -> None:
        """A new document: nothing to undo, nothing modified."""
        self.undo_stack.clear()
        self._path = path
        self._set(document, [])
        self.undo_stack.setClean()
        self.path_changed.emit()

    def mark_saved(self, path: Path) -> None:
        self._path = path
        self.undo_stack.setClean()
        self.path_changed.emit()

    def _set(self, document: Document, selection: list[int] | None) -> None:
        self._document = document
        self._resolved = None
        self._stats = None
        n = len(document.consist.cars)
        if selection is not None:
            self._selection = [i for i in selection if 0 <= i < n]
        else:
            self._selection = [i for i in self._selection if i < n]
        self.changed.emit()
        self.selection_changed.emit()

    # --- the selection ------------------------------------------------------------------
    @property
    def selection(self) -> list[int]:
        return list(self._selection)

    def set_selection(self, indices) -> None:
        n = len(self._document.consist.cars)
        new = sorted({i for i in indices if 0 <= i < n})
        if new != self._selection:
            self._selection = new
            self.selection_changed.emit()
