"""The Edit menu's commands on the cars: delete, cut, copy, paste (traintool's cars, or rows from a
spreadsheet), duplicate, move, reverse, select all. Each change is one undo step, and the layout
scrolls to where the cars are after it."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication

from ...errors import TraintoolError, user_message
from ..files.document_window import DocumentWindow


def _edits():
    """The edits module, imported on first use (the frame shows before the model loads)."""
    from ...model import edits as module

    return module


class CarEditing:
    def __init__(self, window: DocumentWindow, scroll_to_car: Callable[[int], Any]):
        self.window, self.holder, self._scroll_to_car = window, window.holder, scroll_to_car

    def edit(self, op: Callable[..., Any], *args: Any) -> None:
        """Run a consist edit on the selection; scroll to where its cars are now."""
        if self.holder.edit(op, *args) is None and self.holder.selection:
            self._scroll_to_car(self.holder.selection[0])

    def refused(self, error: Exception) -> None:
        self.window.show_error("Not changed", user_message(error, self.window.preferences.units))

    def delete(self) -> None:
        if self.holder.selection:
            self.edit(_edits().delete_cars, self.holder.selection)

    def copy(self) -> None:
        from ..train.clipboard import cars_to_mime

        if self.holder.selection:
            QApplication.clipboard().setMimeData(cars_to_mime(self.holder.document, self.holder.selection))

    def cut(self) -> None:
        if self.holder.selection:
            self.copy()
            self.edit(_edits().delete_cars, self.holder.selection, "Cut")

    def paste(self) -> None:
        from ..train.clipboard import cars_from_mime

        try:
            got = cars_from_mime(QApplication.clipboard().mimeData())
        except TraintoolError as e:
            self.refused(e)
            return
        if got is None:
            from ..files.data_menu import paste_table  # rows from a spreadsheet

            if not paste_table(self.window, QApplication.clipboard().text()):
                self.window.statusBar().showMessage("Nothing to paste: the clipboard holds no traintool cars", 4000)
            return
        cars, types = got
        sel = self.holder.selection
        at = (max(sel) + 1) if sel else len(self.holder.document.consist.cars)
        self.edit(_edits().paste_cars, at, cars, types)

    def duplicate(self) -> None:
        if self.holder.selection:
            self.edit(_edits().duplicate_cars, self.holder.selection)

    def shift(self, step: int) -> None:
        if self.holder.selection:
            if self.holder.edit(_edits().shift_cars, self.holder.selection, step, report=False) is None:
                self._scroll_to_car(self.holder.selection[0])

    def reverse(self) -> None:
        if len(self.holder.selection) > 1:
            self.edit(_edits().reverse_cars, self.holder.selection)

    def select_all(self) -> None:
        self.holder.set_selection(range(len(self.holder.document.consist.cars)))
