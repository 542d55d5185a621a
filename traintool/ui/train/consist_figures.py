"""The consist's figures, for the whole train and for the selection, side by side: a compact table
in a dock of its own, in the units of View > Units.

What it shows is `consist_stats` worded by model/consist_figures.py. An edit, a selection change or
a switch of units is redrawn once, at the next turn of the event loop, however many came at once;
a hidden table is redrawn only when it is shown again.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from ...model.consist import ConsistStats, consist_stats
from ...model.consist_figures import FIGURES, figure_labels, figure_texts
from ...text import counted
from ..common import plain
from ..common.document_holder import DocumentHolder
from ..common.preferences import Preferences


class ConsistFigures(QWidget):
    def __init__(self, holder: DocumentHolder, preferences: Preferences, parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtCore import Qt

        self.holder, self.preferences = holder, preferences
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 4, 8, 4)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(1)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for col, title in ((1, "Train"), (2, "Selection")):
            head = plain.rich_label(f"<b>{plain.escape(title)}</b>")
            grid.addWidget(head, 0, col, right)
        self.train: dict[str, QLabel] = {}
        self.selection: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        for row, (key, label) in enumerate(FIGURES, start=1):
            self.labels[key] = plain.label(label)
            grid.addWidget(self.labels[key], row, 0)
            for col, cells in ((1, self.train), (2, self.selection)):
                cell = cells[key] = plain.label()
                cell.setAlignment(right)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(cell, row, col)
        grid.setColumnStretch(3, 1)  # a wide dock leaves its room right of the table, the values by their names
        grid.setRowStretch(len(FIGURES) + 1, 1)  # a tall dock leaves its room below the table
        self._stale = {"train", "selection"}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        holder.edited.connect(self._edited)
        holder.selection_changed.connect(lambda: self._schedule("selection"))
        preferences.units_changed.connect(lambda: self._schedule("train", "selection"))
        self.refresh()

    def _edited(self, changes) -> None:
        if changes.consist or changes.car_types:
            self._schedule("train", "selection")  # a selected car may have changed too

    def _schedule(self, *columns: str) -> None:
        self._stale.update(columns)
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Redraw the columns an edit, the selection or the units made stale."""
        self._timer.stop()
        stale, self._stale = self._stale, set()
        for key, label in figure_labels(self.preferences.units).items():
            self.labels[key].setText(label)
        if "train" in stale:
            self._fill(self.train, self.holder.stats())
        if "selection" in stale:
            self._fill(self.selection, self.selection_stats())

    def selection_stats(self) -> ConsistStats:
        selected = self.holder.selection
        cars = self.holder.resolved_cars()
        if len(selected) == len(cars):  # all of it (or none of an empty train): the train's own, kept up to date
            return self.holder.stats()
        return consist_stats(list(map(cars.__getitem__, selected)))

    def _fill(self, cells: dict[str, QLabel], stats: ConsistStats) -> None:
        for key, text in figure_texts(stats, self.preferences.units).items():
            cells[key].setText(text)
        kinds = ", ".join(counted(n, k.label.lower()) for k, n in stats.count_by_kind.items())
        cells["cars"].setToolTip(kinds)
