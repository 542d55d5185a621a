"""The Timetable tab: each stop's arrival and departure by the local clock, its UTC offset, the
stand and its parts (children of the stop's row), each time with its 90 % range once the range has
come. Built from physics/timetable.py, as the command line, the CSV and the report are."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..common import plain
from ...model import Document, Route
from ...physics import TripResult
from ...physics.bands import TripBands
from ...physics.timetable import Timetable, build_timetable, offset_text, utc_offset_text
from ...units import format_duration

COLUMNS = ["Station", "Arrival", "Departure", "UTC offset", "Time zone", "Stand"]


class TimetableView(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        self.heading = plain.label()
        self.heading.setWordWrap(True)
        self.note = plain.label()  # how stations without a zone are told
        self.note.setWordWrap(True)
        self.note.hide()
        self.table = QTreeWidget()
        self.table.setHeaderLabels(COLUMNS)
        self.table.setUniformRowHeights(True)
        header = self.table.header()
        header.setStretchLastSection(False)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 0
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.table.headerItem().setToolTip(1, "By the station's clock; “+1”: the day after the departure's. "
                                              "With the range: the 5th to the 95th percentile of the draws")
        lay.addWidget(self.heading)
        lay.addWidget(self.note)
        lay.addWidget(self.table, 1)
        self.timetable: Timetable | None = None

    def show_trip(self, result: TripResult | None, document: Document, route: Route | None,
                  bands: TripBands | None) -> None:
        self.table.clear()
        if result is None or route is None:
            self.timetable = None
            self.heading.setText("No trip to tell by the clock.")
            self.note.hide()
            return
        t = self.timetable = build_timetable(result, document, route, bands)
        self.heading.setText(f"Departs {t.departure:%A %d %B %Y, %H:%M} {t.time_zone} "
                             f"({utc_offset_text(t.departure)}). Times by each station's clock"
                             + ("" if bands is not None else "; their ranges come with the trip's range")
                             + ("." if t.complete else ". The trip cannot be made: the timetable stops where the "
                                                       "train does."))
        self.note.setText(t.zone_note or "")
        self.note.setVisible(bool(t.zone_note))
        for row in t.rows:
            item = QTreeWidgetItem([row.station, row.arrival.text() if row.arrival else "",
                                    row.departure.text() if row.departure else "", offset_text(row), row.time_zone,
                                    format_duration(row.stand_s) if row.stand_s else ""])
            for p in row.parts:
                child = QTreeWidgetItem([f"    {p.label}", "", "", "", "", format_duration(p.duration_s)])
                if p.source:
                    child.setToolTip(0, p.source)
                item.addChild(child)
            self.table.addTopLevelItem(item)
            item.setExpanded(True)
