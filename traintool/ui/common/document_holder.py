"""The open document: one immutable Document snapshot at a time, its route, its undo stack, the selection.

`edit(op, ...)` is how a user's change reaches the document (`load` replaces it whole, with
nothing to undo, when a file is opened or read again): it runs a pure edit of model/edits.py, pushes
one QUndoCommand that swaps the new snapshot in (undo swaps the old one back), and emits `edited`
with the edit's change record, completed with the stretch of cars it replaced, so that each view
redraws only what the record names. What is derived from the document (the resolved cars, their
lengths and stats, the cars packed for a worker, the route) is model/resolved_consist.py's, kept
edit by edit; the holder hands it on (`holder.route`, `holder.resolved_cars()`, ...), and no view
keeps a copy of the document or the route.
"""
from __future__ import annotations

from array import array
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ... import io  # a lazy package: the route is resolved when a holder is made
from ...errors import EditError
from ...model import ConsistStats, Document, ResolvedCar, Route
from ...model.edits import EVERYTHING, Changes, Edit, NoChange
from ...model.resolved_consist import ResolvedConsist
from . import heap

MERGE_ID = 1000  # every mergeable step has this Qt id; its merge key says with which step it merges


class ReplaceDocument(QUndoCommand):
    """Swap one snapshot for another; consecutive commands with the same merge key become one step."""

    def __init__(self, holder: DocumentHolder, before: Document, edit: Edit, merge_key: str | None):
        super().__init__(edit.label)
        self._holder = holder
        self._before, self._after = before, edit.document
        self._changes = edit.changes
        self._selection_before = holder.selection
        self._selection_after = list(edit.selection) if edit.selection is not None else None
        self._merge_key = merge_key

    def id(self) -> int:  # noqa: A003 - Qt's name
        return MERGE_ID if self._merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, ReplaceDocument) or other._merge_key != self._merge_key or self._merge_key is None:
            return False
        self._after = other._after
        self._changes = self._changes | other._changes
        self._selection_after = other._selection_after
        self.setText(other.text())
        if self._after == self._before:  # typed back to where it was: no step to undo
            self.setObsolete(True)
        return True

    def redo(self) -> None:
        self._holder._set(self._after, self._changes, self._selection_after)

    def undo(self) -> None:
        self._holder._set(self._before, self._changes.undone(), self._selection_before)


class DocumentHolder(QObject):
    changed = Signal()  # the document changed, in any way (autosave, the title)
    edited = Signal(object)  # the Changes record of an edit, an undo or a redo: views redraw what it names
    edit_refused = Signal(object)  # an EditError: why an edit was not made (the window says so)
    selection_changed = Signal()
    path_changed = Signal()
    loaded = Signal()  # another document replaced this one (new, open, revert): what belonged to the old one goes

    def __init__(self, document: Document, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._path = path
        self._selection: list[int] = []
        self.derived = ResolvedConsist(document, io.resolve_route)  # the document, and what is derived from it
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        self.path_changed.emit()

    # --- the document -------------------------------------------------------------------
    @property
    def document(self) -> Document:
        return self.derived.document

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def route(self) -> Route | None:
        return self.derived.route

    @property
    def route_error(self) -> str | None:
        """Why there is no route (an unknown route_id, ...)."""
        return self.derived.route_error

    def resolved_cars(self) -> list[ResolvedCar]:
        return self.derived.resolved_cars()

    def car_lengths(self) -> list[float]:
        """Each car's length, kept up to date edit by edit like the resolved cars (do not modify it)."""
        return self.derived.car_lengths()

    def packed_cars(self) -> tuple[list[ResolvedCar], array[int]]:
        """The resolved cars packed for the trip's worker process, kept edit by edit."""
        return self.derived.packed_cars()

    def stats(self) -> ConsistStats:
        """The consist's stats (the status bar and the trip panel share them)."""
        return self.derived.stats()

    def edit(self, op: Callable[..., Edit], *args: Any, merge_key: str | None = None, report: bool = True,
             **kwargs: Any) -> EditError | None:
        """Run `op(document, *args, **kwargs)` and make its result current as one undoable step.

        A refused edit changes nothing: its EditError is returned and, with `report`, emitted as
        `edit_refused` for the window to show. `merge_key`: consecutive steps with the same key
        (typing in one spin box) become one.
        """
        try:
            result = op(self.derived.document, *args, **kwargs)
        except NoChange:
            return None
        except EditError as e:
            if report:
                self.edit_refused.emit(e)
            return e
        self.undo_stack.push(ReplaceDocument(self, self.derived.document, result, merge_key))
        return None

    def load(self, document: Document, path: Path | None) -> None:
        """A new document: nothing to undo, nothing modified."""
        self.undo_stack.clear()
        self._path = path
        self._set(document, EVERYTHING, [])
        self.undo_stack.setClean()
        self.path_changed.emit()
        self.loaded.emit()
        heap.settle_document(len(document.consist.cars))

    def mark_saved(self, path: Path) -> None:
        self._path = path
        self.undo_stack.setClean()
        self.path_changed.emit()

    def _set(self, document: Document, changes: Changes, selection: list[int] | None) -> None:
        changes = self.derived.apply(document, changes)  # completed: the views read its stretch
        n = len(document.consist.cars)
        before = self._selection
        if selection is not None:
            self._selection = sorted({i for i in selection if 0 <= i < n})
        else:
            self._selection = [i for i in self._selection if i < n]
        self.changed.emit()
        self.edited.emit(changes)
        if self._selection != before:
            self.selection_changed.emit()

    # --- the selection ------------------------------------------------------------------
    @property
    def selection(self) -> list[int]:
        return list(self._selection)

    def set_selection(self, indices) -> None:
        n = len(self.derived.document.consist.cars)
        new = sorted({i for i in indices if 0 <= i < n})
        if new != self._selection:
            self._selection = new
            self.selection_changed.emit()
