"""The trip's stops and their dwells, typed in the table; a dwell that is no dwell is told under it."""
from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QTreeWidgetItem, QVBoxLayout, QWidget

from ...model import edits
from ...physics import TripResult
from ...printable import printable
from ..common import plain
from ..common.document_holder import DocumentHolder
from ..common.theme import REFUSED_COLOR
from .answer_tables import answer_table, fit_rows

MAX_DWELL_MIN = 30 * 24 * 60  # the model's longest dwell (route.Seconds), in minutes


class DwellTable(QWidget):
    """`edit(op, *args, merge_key=None)` applies an edit and says why when the model refuses it."""

    def __init__(self, holder: DocumentHolder, edit: Callable[..., bool]):
        super().__init__()
        self.holder, self._edit = holder, edit
        self._filling = False
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.stops = answer_table(["Stop", "Dwell (min)"], stretch=(0,))
        self.stops.setRootIsDecorated(False)
        column.addWidget(self.stops)
        # The table's own message area: a typed dwell it refuses is told under it, where the user looks.
        self.message = plain.label()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {REFUSED_COLOR}")
        self.message.hide()
        column.addWidget(self.message)
        self.stops.itemChanged.connect(self._dwell_edited)

    def show_result(self, r: TripResult) -> None:
        self._filling = True
        try:
            self.stops.clear()
            for station, dwell in r.dwells:
                stop = QTreeWidgetItem([station, f"{dwell / 60:g}"])
                stop.setData(1, Qt.ItemDataRole.UserRole, stop.text(1))  # put back when a typed dwell is refused
                stop.setFlags(stop.flags() | Qt.ItemFlag.ItemIsEditable)
                self.stops.addTopLevelItem(stop)
        finally:
            self._filling = False
        fit_rows(self.stops)

    def _dwell_edited(self, item: QTreeWidgetItem, column: int) -> None:
        """A dwell typed in the table. Called while the table commits its editor: the table is not
        refilled here (that would delete the item being committed); the edit runs a turn later."""
        if self._filling or column != 1:
            return
        station, typed, route = item.text(0), item.text(1), self.holder.route
        try:
            minutes = float(typed.replace(",", "."))
        except ValueError:
            minutes = math.nan
        if not 0 <= minutes <= MAX_DWELL_MIN:  # also refuses nan and inf
            self._filling = True
            try:
                item.setText(1, item.data(1, Qt.ItemDataRole.UserRole))  # the document's dwell again
            finally:
                self._filling = False
            self.message.setText(f"Not applied: the dwell at {printable(station, 60)} is a number of minutes "
                                 f"from 0 to {MAX_DWELL_MIN:,.0f}, not “{printable(typed, 40)}”.")
            self.message.show()
            return
        self.message.hide()
        if route is not None:
            QTimer.singleShot(0, self, lambda: self._edit(edits.set_dwell, route, station, minutes * 60.0))
