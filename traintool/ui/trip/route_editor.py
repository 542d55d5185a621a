"""The route editor: stations and sections as tables, validated as the model validates, undoable.

An edit makes the route the document's own (saved inline with it); "Save route as…" writes it to
a .route.json file. A change the model refuses (a gap, an overlap, a break of gauge without a
facility) is not applied, and the reason is shown under the tables.

Each station's IANA time zone is its own column: typed (a completer offers the database's names) or
cleared, an unknown name refused with a sentence. A station with none keeps the zone of the station
before it; a route that gives none is told in the departure's zone, and a line under the title
says so.

Beside a station's dwell and a section's speed limit and gradient, a "Range" column shows the range the
trip's range draws the figure over ("45–55 km/h", or the default spread "±15 %" in grey italics);
double-clicking it (or Enter) opens the range editor (range_field.py).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFileDialog, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea, QSplitter, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from ... import io
from ...errors import TraintoolError, user_message
from ...model import Route, edits
from ...physics.timetable import departure_zone, station_zones, zone_note
from ..common import plain
from ..common.document_holder import DocumentHolder
from ..common.preferences import Preferences
from ..common.range_field import DEFAULT_COLOR, RangeEditor, RangeTarget, describe, open_editor
from . import route_cells
from .recompute import TripComputer
from .route_cells import NAME_MOST, ZoneDelegate, rounded

STATION_COLUMNS = ["Station", "Position", "Dwell (min)", "Range", "Stops", "Time zone"]
SECTION_COLUMNS = ["Start", "End", "Gauge (mm)", "Speed limit", "Range", "Gradient (‰)", "Range"]
# The range columns, and the figure each ranges.
STATION_RANGES = {3: "dwell_s"}
SECTION_RANGES = {4: "speed_limit_m_s", 6: "gradient_permille"}
STOPS = 4
ROWS_SHOWN = 5  # each table shows at least this many rows; a shorter tab scrolls the editor as a whole
ZONE = 5
ZONE_TIP = ("The station's IANA time zone (such as Asia/Pyongyang): its times are told by that clock. Blank: the "
            "zone of the station before it")
RANGE_TIP = "The range of the figure to its left, as the trip's range draws it; double-click to change it"
# The columns that take the room left over, their text elided when short of it and whole in the tooltip:
# a station's name and its zone. The others are as wide as their figures and their header's longest
# word (the headers wrap), so that at 1280×800 neither table scrolls sideways.
STATION_STRETCH = (0, ZONE)


def fit_columns(table: QTableWidget, stretch: tuple[int, ...] = ()) -> None:
    """Each column as wide as its content, but those in `stretch`, which share what is left."""
    header = table.horizontalHeader()
    for col in range(table.columnCount()):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch if col in stretch else
                                    QHeaderView.ResizeMode.ResizeToContents)


def rows_high(table: QTableWidget, rows: int) -> int:
    """The height that shows the header, `rows` rows and the horizontal scroll bar in full."""
    return (table.horizontalHeader().sizeHint().height() + rows * table.verticalHeader().defaultSectionSize()
            + table.horizontalScrollBar().sizeHint().height() + 2 * table.frameWidth())


class RouteEditor(QWidget):
    def __init__(self, holder: DocumentHolder, preferences: Preferences, computer: TripComputer, parent=None):
        super().__init__(parent)
        self.holder, self.preferences, self.computer = holder, preferences, computer
        self._updating = False
        self.title = plain.rich_label()  # built below from escaped parts
        self.stations = QTableWidget(0, len(STATION_COLUMNS))
        self.sections = QTableWidget(0, len(SECTION_COLUMNS))
        for t in (self.stations, self.sections):
            t.verticalHeader().hide()  # a station's name and a section's ends say which row it is
            t.setTextElideMode(Qt.TextElideMode.ElideRight)
            t.setWordWrap(False)
            # Rows as tall as a line of text and a little air (the style's 30 px took a sixth of the dock).
            t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 8)
            t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        fit_columns(self.stations, STATION_STRETCH)
        fit_columns(self.sections)
        self.stations.setItemDelegateForColumn(ZONE, ZoneDelegate(self.stations))
        self.error = plain.label()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        add_station = QPushButton("Add station")
        del_station = QPushButton("Delete station")
        split = QPushButton("Split section")
        merge = QPushButton("Merge with next")
        save = QPushButton("Save route as…")
        buttons = QHBoxLayout()
        for b in (add_station, del_station, split, merge, save):
            buttons.addWidget(b)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addWidget(self.title)
        # Side by side (the plots dock is wide and short), split where the user drags the handle.
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        for label, table in (("Stations", self.stations), ("Sections", self.sections)):
            column = QWidget()
            column_lay = QVBoxLayout(column)
            column_lay.setContentsMargins(0, 0, 0, 0)
            column_lay.addWidget(plain.label(label))
            column_lay.addWidget(table, 1)
            self.split.addWidget(column)
        lay.addWidget(self.split, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.error)
        # A short plots dock scrolls the editor as a whole: its tables keep their rows (squeezed, they
        # showed one and a half each) and the dock its small minimum, so that the plots can be short.
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidget(body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body_scroll)
        self.stations.itemChanged.connect(self._station_edited)
        self.sections.itemChanged.connect(self._section_edited)
        self.range_editor: RangeEditor | None = None
        self.zone_note = ""  # where the route gives no zone, which clock its times are told by (refresh)
        self.stations.itemActivated.connect(self._range_activated)
        self.sections.itemActivated.connect(self._range_activated)
        add_station.clicked.connect(self.add_station)
        del_station.clicked.connect(self.delete_station)
        split.clicked.connect(self.split_section)
        merge.clicked.connect(self.merge_section)
        save.clicked.connect(self.save_as)
        # the scenario's departure zone tells the stations without one
        holder.edited.connect(lambda changes: self.refresh() if changes.route or changes.scenario else None)
        preferences.units_changed.connect(self.refresh)
        self.refresh()
        for table in (self.stations, self.sections):  # with the headers' labels (two lines) set
            table.setMinimumHeight(rows_high(table, ROWS_SHOWN))
        # The sections get the room their figures need, the stations' name and zone what is left (also as the
        # dock widens or narrows); the handle between them moves it.
        sections = self.sections
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 0)
        self.split.setSizes([10_000, sections.horizontalHeader().length() + 2 * sections.frameWidth()
                             + sections.verticalScrollBar().sizeHint().width()])

    @property
    def route(self) -> Route | None:
        return self.holder.route

    def refresh(self) -> None:
        route = self.route
        if route is None:
            self.title.setText(f"<b>No route</b>: {plain.escape(self.holder.route_error or '')}")
            self.stations.setRowCount(0)
            self.sections.setRowCount(0)
            self.zone_note = ""
            return
        u = self.preferences.units
        self._updating = True
        try:
            fallback = departure_zone(self.holder.document, route)
            # Where the route gives no zone, which clock its times are told by: in the title's line, as a
            # line of its own would make the editor taller than the plots' dock allows.
            self.zone_note = zone_note(route, fallback) or ""
            self.title.setText(f"<b>{plain.escape(route.name)}</b>" + (" (the document's own)" if self.holder.document.route else
                                                          " (shipped: an edit makes it the document's own)")
                               + (f"<br><span style='color: {DEFAULT_COLOR}'>{plain.escape(self.zone_note)}</span>"
                                  if self.zone_note else ""))
            self.stations.setHorizontalHeaderLabels(["Station", f"Position\n({u.distance_unit})", "Dwell\n(min)",
                                                     "Range", "Stops", "Time\nzone"])
            self.stations.setRowCount(len(route.stations))
            told_in = station_zones(route, fallback)
            for i, s in enumerate(route.stations):
                self._set(self.stations, i, 0, s.name).setToolTip(plain.tip(s.name))
                self._set(self.stations, i, 1, rounded(u.distance(s.position_m), 1))
                self._set(self.stations, i, 2, rounded(s.dwell_s / 60, 1))
                self._set_range(self.stations, i, 3, self.range_target(self.stations, i, 3))
                stop = QTableWidgetItem()
                stop.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                stop.setCheckState(Qt.CheckState.Checked if s.stop else Qt.CheckState.Unchecked)
                self.stations.setItem(i, STOPS, stop)
                zone_item = self._set(self.stations, i, ZONE, s.time_zone or "")
                zone_item.setToolTip(plain.tip(f"{s.time_zone}: {ZONE_TIP}" if s.time_zone else
                                               f"No zone of its own: its times are told in {told_in[s.name]}. Type "
                                               "an IANA zone (such as Asia/Pyongyang) to give it one"))
            self.sections.setHorizontalHeaderLabels([f"Start\n({u.distance_unit})", f"End\n({u.distance_unit})",
                                                     "Gauge\n(mm)", f"Limit\n({u.speed_unit})", "Range",
                                                     "Gradient\n(‰)", "Range"])
            self.sections.setRowCount(len(route.sections))
            for i, sec in enumerate(route.sections):
                for col, text in ((0, rounded(u.distance(sec.start_m), 1)), (1, rounded(u.distance(sec.end_m), 1)),
                                  (2, "/".join(map(str, sec.gauges_mm))), (3, rounded(u.speed(sec.speed_limit_m_s), 0)),
                                  (5, rounded(sec.gradient_permille, 1))):
                    self._set(self.sections, i, col, text)
                for col in SECTION_RANGES:
                    self._set_range(self.sections, i, col, self.range_target(self.sections, i, col))
            for table, cols in ((self.stations, STATION_RANGES), (self.sections, SECTION_RANGES)):
                for col in cols:
                    header = table.horizontalHeaderItem(col)
                    if header is not None:
                        header.setToolTip(RANGE_TIP)
        finally:
            self._updating = False

    def range_target(self, table: QTableWidget, row: int, col: int) -> RangeTarget | None:
        """The figure whose range the cell shows (None: the cell is no range, or the figure has none to take)."""
        route = self.route
        if route is None:
            return None
        if table is self.sections and col in SECTION_RANGES:
            sec = route.sections[row]
            return RangeTarget(("section", row), SECTION_RANGES[col], sec, sec.estimated,
                               route.section_label(row, self.preferences.units).capitalize())
        if table is self.stations and col in STATION_RANGES:
            st = route.stations[row]
            if row in (0, len(route.stations) - 1) or not st.stop:
                return None  # no dwell on the way is timed here
            return RangeTarget(("station", row), "dwell_s", st, st.dwell_s > 0, f"The stop at {st.name}")
        return None

    def _set_range(self, table: QTableWidget, row: int, col: int, target: RangeTarget | None) -> None:
        item = table.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)  # edited in the range editor
            table.setItem(row, col, item)
        if target is None:
            item.setText("—")
            item.setToolTip("Not a stop on the way: no dwell here is timed")
            return
        shown = describe(target, self.preferences.units)
        tip = shown.tooltip.replace("Click", "Double-click")
        if target.owner[0] == "station" and target.model.name in self.holder.document.scenario.dwell_overrides_s:  # type: ignore[attr-defined]
            tip += " The scenario sets this dwell (Dwell at stops): the trip takes it as set, its range is not drawn."
        item.setText(shown.text)
        item.setToolTip(plain.tip(tip))
        font = QFont(item.font())
        font.setItalic(not shown.stated)
        item.setFont(font)
        item.setForeground(QBrush(QColor(DEFAULT_COLOR)) if not shown.stated else QBrush())

    def _range_activated(self, item: QTableWidgetItem) -> None:
        self.edit_range(item.tableWidget(), item.row(), item.column())

    def edit_range(self, table: QTableWidget, row: int, col: int) -> RangeEditor | None:
        """Open the range editor of the figure a range cell shows."""
        target = self.range_target(table, row, col)
        if target is None:
            return None
        self.range_editor = open_editor(self.range_editor, self.holder, self.preferences, target, self.window())
        return self.range_editor

    @staticmethod
    def _set(table: QTableWidget, row: int, col: int, text: str) -> QTableWidgetItem:
        item = table.item(row, col)
        if item is None:
            item = QTableWidgetItem(text)
            table.setItem(row, col, item)
        else:
            item.setText(text)
        return item

    def select_section(self, index: int) -> None:
        if 0 <= index < self.sections.rowCount():
            self.sections.selectRow(index)

    # --- edits ----------------------------------------------------------------------------------
    def _edit(self, op, *args) -> bool:
        """A route edit (model/edits.py) on the holder's route; if the model refuses it, say why under the tables."""
        route = self.route
        if route is None:
            return False
        err = self.holder.edit(op, route, *args, report=False)
        if err is not None:
            self.error.setText(f"Not applied: {user_message(err, self.preferences.units)}")
            self.refresh()
            return False
        self.error.setText("")
        return True

    def _refuse(self, sentence: str) -> None:
        self.error.setText(f"Not applied: {sentence}")
        self.refresh()  # the cell shows the document's value again

    def _number(self, text: str, what: str) -> float | None:
        try:
            return route_cells.number(text, what)
        except ValueError as err:
            self._refuse(str(err))
            return None

    def _gauges(self, text: str) -> tuple[int, ...] | None:
        try:
            return route_cells.gauges(text)
        except ValueError as err:
            self._refuse(str(err))
            return None

    def _station_edited(self, item: QTableWidgetItem) -> None:
        if self._updating:
            return
        row, col, u = item.row(), item.column(), self.preferences.units
        if col in STATION_RANGES:
            return
        if col == 0:
            if len(item.text()) > NAME_MOST:
                self._refuse(f"a station's name is at most {NAME_MOST} characters, not {len(item.text()):,}")
            else:
                self._edit(edits.rename_station, row, item.text())
        elif col == STOPS:
            self._edit(edits.set_station_field, row, "stop", item.checkState() == Qt.CheckState.Checked)
        elif col == ZONE:
            self._edit(edits.set_station_time_zone, row, item.text())
        else:
            x = self._number(item.text(), "position" if col == 1 else "dwell")
            if x is not None:
                self._edit(edits.set_station_field, row, *(("position_m", u.distance_to_si(x)) if col == 1 else
                                                            ("dwell_s", x * 60)))

    def _section_edited(self, item: QTableWidgetItem) -> None:
        if self._updating:
            return
        row, col, u = item.row(), item.column(), self.preferences.units
        if col in SECTION_RANGES:
            return
        if col == 2:
            gauges = self._gauges(item.text())
            if gauges is not None:
                self._edit(edits.set_section_field, row, "gauges_mm", gauges)
            return
        x = self._number(item.text(), SECTION_COLUMNS[col].lower())
        if x is None:
            return
        field, value = {0: ("start_m", u.distance_to_si(x)), 1: ("end_m", u.distance_to_si(x)),
                        3: ("speed_limit_m_s", u.speed_to_si(x)), 5: ("gradient_permille", x)}[col]
        self._edit(edits.set_section_field, row, field, value)

    def add_station(self) -> None:
        """A new station halfway along the selected section (or the first), splitting it there."""
        self._edit(edits.add_station, max(self.sections.currentRow(), 0))

    def delete_station(self) -> None:
        row = self.stations.currentRow()
        if row >= 0:
            self._edit(edits.remove_station, row)

    def split_section(self) -> None:
        row = self.sections.currentRow()
        if row >= 0:
            self._edit(edits.split_section, row)

    def merge_section(self) -> None:
        row = self.sections.currentRow()
        if row >= 0:
            self._edit(edits.merge_section, row)

    def save_as(self) -> None:
        route = self.route
        if route is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save the route", f"{route.id}{io.ROUTE_SUFFIX}",
                                              "traintool routes (*.route.json)")
        if not path:
            return
        if not path.endswith(io.ROUTE_SUFFIX):
            path += io.ROUTE_SUFFIX
        try:
            io.save_route(route, path)
        except TraintoolError as e:
            self.error.setText(str(e))
