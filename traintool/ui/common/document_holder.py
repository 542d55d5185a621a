"""The open document: one immutable Document snapshot at a time, its route, its undo stack, the selection.

`edit(op, ...)` is how a user's change reaches the document (`load` replaces it whole, with
nothing to undo, when a file is opened or read again): it runs a pure edit of model/edits.py, pushes
one QUndoCommand that swaps the new snapshot in (undo swaps the old one back), and emits `edited`
with the edit's change record, so that each view redraws only what the record names. The holder
owns the route resolved from the document (a shipped one by id, or the document's own): every view
reads `holder.route`, and none keeps a copy of the document or the route.
"""
from __future__ import annotations

from array import array
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ...errors import EditError, TraintoolError
from ...model import CarResolver, ConsistStats, Document, ResolvedCar, Route, consist_stats
from ...model.consist import updated_stats
from ...model.edits import ALL, EVERYTHING, Changes, Edit, NoChange
from . import heap

MAX_DISTINCT = 4096  # distinct resolved cars in the packed form before it is packed afresh
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
        self._document = document
        self._path = path
        self._selection: list[int] = []
        self._resolved: list[ResolvedCar] | None = None
        self._lengths: list[float] | None = None  # each resolved car's length (the layout and the overview share it)
        # The resolved cars packed for a worker process (physics.jobs.pack): each position's index among
        # the distinct cars; the list keeps those alive, so their ids, the dict's keys, stay theirs.
        self._codes: array[int] | None = None
        self._distinct: list[ResolvedCar] = []
        self._code_of: dict[int, int] = {}
        self._resolver = CarResolver()  # an edit re-resolves only the cars it touched
        self._stats: ConsistStats | None = None
        self.route: Route | None = None
        self.route_error: str | None = None  # why there is no route (an unknown route_id, ...)
        self._resolve_route()
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

    def car_lengths(self) -> list[float]:
        """Each car's length, kept up to date edit by edit like the resolved cars (do not modify it)."""
        if self._lengths is None:
            self._lengths = list(map(attrgetter("length_m"), self.resolved_cars()))
        return self._lengths

    def packed_cars(self) -> tuple[list[ResolvedCar], array[int]]:
        """The resolved cars as physics.jobs.pack gives them, kept edit by edit: handing a 100,000-car
        train to the trip's worker process costs what the edit changed, not a pass over every car."""
        if self._codes is None:
            from ...physics.jobs import pack

            self._distinct, self._codes = pack(self.resolved_cars())
            self._code_of = {id(c): k for k, c in enumerate(self._distinct)}
        return list(self._distinct), self._codes  # a copy: the list grows, the array is never changed

    def _code(self, car: ResolvedCar) -> int:
        k = self._code_of.get(id(car))
        if k is None:
            k = self._code_of[id(car)] = len(self._distinct)
            self._distinct.append(car)
        return k

    def stats(self) -> ConsistStats:
        """The consist's stats, computed once per document (the status bar and the trip panel share them)."""
        if self._stats is None:
            self._stats = consist_stats(self.resolved_cars())
        return self._stats

    def edit(self, op: Callable[..., Edit], *args: Any, merge_key: str | None = None, report: bool = True,
             **kwargs: Any) -> EditError | None:
        """Run `op(document, *args, **kwargs)` and make its result current as one undoable step.

        A refused edit changes nothing: its EditError is returned and, with `report`, emitted as
        `edit_refused` for the window to show. `merge_key`: consecutive steps with the same key
        (typing in one spin box) become one.
        """
        try:
            result = op(self._document, *args, **kwargs)
        except NoChange:
            return None
        except EditError as e:
            if report:
                self.edit_refused.emit(e)
            return e
        self.undo_stack.push(ReplaceDocument(self, self._document, result, merge_key))
        return None

    def load(self, document: Document, path: Path | None) -> None:
        """A new document: nothing to undo, nothing modified."""
        self.undo_stack.clear()
        self._path = path
        self._resolved = self._lengths = self._codes = None
        self._set(document, EVERYTHING, [])
        self.undo_stack.setClean()
        self.path_changed.emit()
        self.loaded.emit()
        heap.settle_document(len(document.consist.cars))

    def mark_saved(self, path: Path) -> None:
        self._path = path
        self.undo_stack.setClean()
        self.path_changed.emit()

    def _resolve_route(self) -> None:
        from ... import io

        try:
            self.route, self.route_error = io.resolve_route(self._document), None
        except TraintoolError as e:
            self.route, self.route_error = None, str(e)

    def _set(self, document: Document, changes: Changes, selection: list[int] | None) -> None:
        old, self._document = self._document, document
        changes = changes.completed(old.consist.cars, document.consist.cars)  # the views read its stretch
        if changes.consist:
            self._update_resolved(old, changes)
        if changes.route:
            self._resolve_route()
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

    def _update_resolved(self, old: Document, changes: Changes) -> None:
        """The resolved cars (their lengths, the stats) of the new document, re-resolving only what the edit touched."""
        prev, self._resolved = self._resolved, None
        lengths, self._lengths = self._lengths, None
        codes, self._codes = self._codes, None
        if len(self._distinct) > MAX_DISTINCT:
            codes = None  # cars long gone pile up in the packed form: pack afresh when next asked
        stats, self._stats = self._stats, None
        doc = self._document
        if prev is None or changes.car_types or doc.car_types is not old.car_types or len(prev) != len(old.consist.cars):
            return  # resolved afresh when asked (CarResolver still reuses the cars it knows)
        cars = doc.consist.cars
        types = doc.type_by_id()
        if changes.cars != ALL:
            out = list(prev)
            idx = list(changes.cars)
            for i, r in zip(idx, self._resolver.resolve([cars[i] for i in idx], types)):
                out[i] = r
            self._resolved = out
            if lengths is not None:
                self._lengths = list(lengths)
                for i in idx:
                    self._lengths[i] = out[i].length_m
            if codes is not None:
                self._codes = array("i", codes)
                for i in idx:
                    self._codes[i] = self._code(out[i])
            if stats is not None:
                self._stats = updated_stats(stats, [prev[i] for i in idx], [out[i] for i in idx], out)
            return
        # Cars added, removed or moved: the cars before and after the edited stretch (the completed
        # record's) are the same objects (an edit copies the list, not the cars). Only that stretch
        # is resolved.
        assert changes.stretch is not None  # Changes.completed gives it to every such record
        start, old_stop, _ = changes.stretch
        end_same = len(old.consist.cars) - old_stop
        middle = self._resolver.resolve(cars[start:len(cars) - end_same], types)
        self._resolved = prev[:start] + middle + prev[len(prev) - end_same:]
        if lengths is not None:
            self._lengths = lengths[:start] + list(map(attrgetter("length_m"), middle)) + lengths[len(lengths) - end_same:]
        if codes is not None:
            self._codes = codes[:start] + array("i", map(self._code, middle)) + codes[len(codes) - end_same:]
        if stats is not None:
            self._stats = updated_stats(stats, prev[start:len(prev) - end_same], middle, self._resolved)

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
