"""The route editor: stations and sections as tables, validated as the model validates, undoable.

An edit makes the route the document's own (saved inline with it); "Save route as…" writes it to
a .route.json file. A change the model refuses (a gap, an overlap, a break of gauge without a
facility) is not applied, and the reason is shown under the tables.
"""
from __future__ import annotations

from typing import Any, Callable

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from .. import io
from ..errors import TraintoolError
from ..io import describe_validation_error
from ..model import Route
from .document_holder import DocumentHolder
from .preferences import Preferences
from .recompute import TripComputer

STATION_COLUMNS = ["Station", "Position", "Dwell (min)", "Stops"]
SECTION_COLUMNS = ["Start", "End", "Gauge (mm)", "Speed limit", "Gradient (‰)"]


class RouteEditor(QWidget):
    def __init__(self, holder: DocumentHolder, preferences: Preferences, computer: TripComputer, parent=None):
        super().__init__(parent)
        self.holder, self.preferences, self.computer = holder, preferences, computer
        self._updating = False
        self.title = QLabel()
        self.stations = QTableWidget(0, len(STATION_COLUMNS))
        self.sections = QTableWidget(0, len(SECTION_COLUMNS))
        for t in (self.stations, self.sections):
            t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.error = QLabel()
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
        lay = QVBoxLayout(self)
        lay.addWidget(self.title)
        tables = QHBoxLayout()  # side by side: the plots dock is wide and short
        for label, table in (("Stations", self.stations), ("Sections", self.sections)):
            column = QVBoxLayout()
            column.addWidget(QLabel(label))
            column.addWidget(table, 1)
            tables.addLayout(column, 1)
        lay.addLayout(tables, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.error)
        self.stations.itemChanged.connect(self._station_edited)
        self.sections.itemChanged.connect(self._section_edited)
        add_station.clicked.connect(self.add_station)
        del_station.clicked.connect(self.delete_station)
        split.clicked.connect(self.split_section)
        merge.clicked.connect(self.merge_section)
        save.clicked.connect(self.save_as)
        computer.result_ready.connect(lambda _r: self.refresh())
        preferences.units_changed.connect(self.refresh)
        self.refresh()

    @property
    def route(self) -> Route | None:
        return self.computer.route

    def refresh(self) -> None:
        route = self.route
        if route is None:
            return
        u = self.preferences.units
        self._updating = True
        try:
            self.title.setText(f"<b>{route.name}</b>" + (" (the document's own)" if self.holder.document.route else
                                                          " (shipped: an edit makes it the document's own)"))
            self.stations.setHorizontalHeaderLabels(["Station", f"Position ({u.distance_unit})", "Dwell (min)", "Stops"])
            self.stations.setRowCount(len(route.stations))
            for i, s in enumerate(route.stations):
                self._set(self.stations, i, 0, s.name)
                self._set(self.stations, i, 1, f"{u.distance(s.position_m):g}")
                self._set(self.stations, i, 2, f"{s.dwell_s / 60:g}")
                stop = QTableWidgetItem()
                stop.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                stop.setCheckState(Qt.CheckState.Checked if s.stop else Qt.CheckState.Unchecked)
                self.stations.setItem(i, 3, stop)
            self.sections.setHorizontalHeaderLabels([f"Start ({u.distance_unit})", f"End ({u.distance_unit})",
                                                     "Gauge (mm)", f"Limit ({u.speed_unit})", "Gradient (‰)"])
            self.sections.setRowCount(len(route.sections))
            for i, sec in enumerate(route.sections):
                for col, text in enumerate((f"{u.distance(sec.start_m):g}", f"{u.distance(sec.end_m):g}",
                                            "/".join(map(str, sec.gauges_mm)), f"{u.speed(sec.speed_limit_m_s):.0f}",
                                            f"{sec.gradient_permille:g}")):
                    self._set(self.sections, i, col, text)
        finally:
            self._updating = False

    @staticmethod
    def _set(table: QTableWidget, row: int, col: int, text: str) -> None:
        item = table.item(row, col)
        if item is None:
            table.setItem(row, col, QTableWidgetItem(text))
        else:
            item.setText(text)

    def select_section(self, index: int) -> None:
        if 0 <= index < self.sections.rowCount():
            self.sections.selectRow(index)

    # --- edits ----------------------------------------------------------------------------------
    def apply(self, change: Callable[[dict[str, Any]], None], text: str) -> bool:
        """Change a copy of the route's data; apply it if the model accepts it, else say why."""
        route = self.route
        if route is None:
            return False
        data = route.model_dump()
        try:
            change(data)
            new = Route.model_validate(data)
        except ValidationError as e:
            self.error.setText("Not applied: " + describe_validation_error(e, data))
            self.refresh()
            return False
        except (ValueError, IndexError) as e:
            self.error.setText(f"Not applied: {e}")
            self.refresh()
            return False
        self.error.setText("")
        doc = self.holder.document
        self.holder.apply(doc.model_copy(update={"route": new}), text)
        return True

    def _number(self, text: str, what: str) -> float:
        try:
            return float(text.replace(",", "."))
        except ValueError:
            raise ValueError(f"{what}: “{text}” is not a number") from None

    def _station_edited(self, item: QTableWidgetItem) -> None:
        if self._updating:
            return
        row, col, u = item.row(), item.column(), self.preferences.units
        name = self.route.stations[row].name if self.route else ""

        def change(d: dict[str, Any]) -> None:
            st = d["stations"][row]
            if col == 0:
                old, new = st["name"], item.text().strip()
                st["name"] = new
                for b in d["breaks_of_gauge"]:  # a break of gauge follows its station's new name
                    if b["station"] == old:
                        b["station"] = new
            elif col == 1:
                st["position_m"] = u.distance_to_si(self._number(item.text(), "position"))
            elif col == 2:
                st["dwell_s"] = self._number(item.text(), "dwell") * 60
            else:
                st["stop"] = item.checkState() == Qt.CheckState.Checked
        self.apply(change, f"Edit station {name}")

    def _section_edited(self, item: QTableWidgetItem) -> None:
        if self._updating:
            return
        row, col, u = item.row(), item.column(), self.preferences.units

        def change(d: dict[str, Any]) -> None:
            s = d["sections"][row]
            if col == 0:
                s["start_m"] = u.distance_to_si(self._number(item.text(), "start"))
            elif col == 1:
                s["end_m"] = u.distance_to_si(self._number(item.text(), "end"))
            elif col == 2:
                s["gauges_mm"] = [int(self._number(g, "gauge")) for g in item.text().split("/")]
            elif col == 3:
                s["speed_limit_m_s"] = u.speed_to_si(self._number(item.text(), "speed limit"))
            else:
                s["gradient_permille"] = self._number(item.text(), "gradient")
        self.apply(change, f"Edit section {row + 1}")

    def add_station(self) -> None:
        """A new station halfway along the selected section (or the first), splitting it there."""
        row = max(self.sections.currentRow(), 0)

        def change(d: dict[str, Any]) -> None:
            s = d["sections"][row]
            mid = (s["start_m"] + s["end_m"]) / 2
            names = {st["name"] for st in d["stations"]}
            name = next(f"New station {k}" for k in range(1, 10_000) if f"New station {k}" not in names)
            d["stations"].append({"name": name, "position_m": mid, "dwell_s": 0.0, "stop": True})
            d["stations"].sort(key=lambda st: st["position_m"])
            d["sections"][row:row + 1] = [{**s, "end_m": mid}, {**s, "start_m": mid}]
        self.apply(change, "Add station")

    def delete_station(self) -> None:
        row = self.stations.currentRow()
        if row < 0:
            return

        def change(d: dict[str, Any]) -> None:
            if row in (0, len(d["stations"]) - 1):
                raise ValueError("the first and the last station stay: they are the route's ends")
            del d["stations"][row]
        self.apply(change, "Delete station")

    def split_section(self) -> None:
        row = self.sections.currentRow()
        if row < 0:
            return

        def change(d: dict[str, Any]) -> None:
            s = d["sections"][row]
            mid = (s["start_m"] + s["end_m"]) / 2
            d["sections"][row:row + 1] = [{**s, "end_m": mid}, {**s, "start_m": mid}]
        self.apply(change, f"Split section {row + 1}")

    def merge_section(self) -> None:
        row = self.sections.currentRow()
        if row < 0:
            return

        def change(d: dict[str, Any]) -> None:
            if row + 1 >= len(d["sections"]):
                raise ValueError("the last section has no next one to merge with")
            nxt = d["sections"].pop(row + 1)
            d["sections"][row]["end_m"] = nxt["end_m"]
        self.apply(change, f"Merge section {row + 1} with the next")

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
