"""The trip panel: route and scenario knobs, and the answer — total, its parts, legs, refits, warnings.

Figures update from the TripComputer after every edit; scenario and route changes are undoable
document edits like any other. A pinned baseline shows each figure's change since it was pinned.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDateTimeEdit, QDoubleSpinBox, QFileDialog, QFormLayout, QGridLayout, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QSlider,
    QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget, QFrame,
)

from ... import io
from ...errors import TraintoolError, user_message
from ...model import RANGED_FIELDS, RefitFacility, RefitMethod, Scenario, StrandedCars, describe_cars, edits
from ...model.clock import FIRST_DEPARTURE, LAST_DEPARTURE
from ...model.limits import field_kind, field_label, from_shown, limit_sentence, shown_range, to_shown, unit_of
from ...model.route import facility_fields
from ...printable import printable
from ...units import UnitSystem, format_duration
from ..common import plain
from ..common.document_holder import DocumentHolder
from ..common.elided import ElidedCombo
from ..common.number_field import CountBox, NumberBox
from ..common.preferences import Preferences
from ..common.range_field import RangeButton, RangeTarget
from .recompute import TripComputer
from .operations_view import OperationsView
from ..common.sections import Section

if TYPE_CHECKING:
    from ...model import Document, Route
    from ...physics import TripResult
    from .range_computer import RangeComputer

OPEN_ROUTE = "__open__"
INLINE_ROUTE = "__inline__"


REASON_COLOR = "#b00020"
LEG_DELTA = 5  # the legs table's column of changes since the baseline
MAX_DWELL_MIN = 30 * 24 * 60  # the model's longest dwell (route.Seconds), in minutes


@dataclass(frozen=True)
class Baseline:
    total_s: float | None  # None: the pinned trip could not be made
    running_s: float
    dwell_s: float
    refit_s: float
    label: str
    result: TripResult  # the whole pinned trip: the plots draw its lines, the legs compare with its legs
    route: Route | None  # the route it was timed on (its time line needs the stations)
    document: Document | None = None  # the document pinned: the train graph draws it from its own departure


def fit_rows(tree: QTreeWidget) -> None:
    """Size a table to show all its rows (those under a closed row do not count)."""
    rows, row_height = 0, max(tree.sizeHintForRow(0), tree.fontMetrics().height() + 4)
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        rows += 1 + (top.childCount() if top is not None and top.isExpanded() else 0)
    tree.setFixedHeight(tree.header().sizeHint().height() + max(rows, 1) * row_height + 2 * tree.frameWidth() + 2)


def narrow(box: QComboBox) -> QComboBox:
    """A choice that shrinks with the panel (a long route's name elides) instead of widening it."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    return box


def signed_duration(delta_s: float) -> str:
    if abs(delta_s) < 30:
        return "±0 min"
    return ("+" if delta_s > 0 else "") + format_duration(delta_s)


class TripPanel(QWidget):
    section_clicked = Signal(int)
    baseline_changed = Signal(object)  # the Baseline pinned, or None when cleared

    def __init__(self, holder: DocumentHolder, preferences: Preferences, computer: TripComputer, parent=None):
        super().__init__(parent)
        self.holder, self.preferences, self.computer = holder, preferences, computer
        self.baseline: Baseline | None = None
        self.range_computer: RangeComputer  # given by install_trip
        self._updating = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)  # the body as wide as the view, never wider: no sideways scrolling
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area = scroll
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)

        # route and cap
        knobs = QGroupBox("Route and scenario")
        form = QFormLayout(knobs)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a long label over its field
        self.route_box = narrow(ElidedCombo())
        form.addRow("Route", self.route_box)
        cap_row = QHBoxLayout()
        self.cap_enabled = QCheckBox("Cap")
        self.cap_slider = QSlider(Qt.Orientation.Horizontal)
        self.cap_spin = NumberBox()
        self.cap_spin.setDecimals(0)
        self.cap_spin.setKeyboardTracking(False)
        self.cap_slider.setMinimumWidth(40)
        cap_row.addWidget(self.cap_enabled)
        cap_row.addWidget(self.cap_slider, 1)
        cap_row.addWidget(self.cap_spin)
        form.addRow("Top speed", cap_row)
        self.stranded_box = narrow(ElidedCombo())
        for choice in StrandedCars:
            self.stranded_box.addItem(choice.label, choice)
        self.stranded_box.setToolTip("What happens at a break of gauge to cars its facility cannot refit: the trip "
                                     "stops there (nothing hidden), or the train goes on without them")
        form.addRow("Cars that cannot change gauge", self.stranded_box)
        # The departure: a local date and time, and its IANA zone (blank: the first station's).
        depart_row = QHBoxLayout()
        self.departure_edit = QDateTimeEdit()
        self.departure_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.departure_edit.setCalendarPopup(True)
        self.departure_edit.setMinimumDateTime(QDateTime(QDate(FIRST_DEPARTURE.year, 1, 1), QTime(0, 0)))
        self.departure_edit.setMaximumDateTime(QDateTime(QDate(LAST_DEPARTURE.year - 1, 12, 31), QTime(23, 59)))
        self.departure_edit.setToolTip("When the trip starts, by the clock of the departure's zone")
        self.departure_zone = QLineEdit()
        self.departure_zone.setMaxLength(64)
        self.departure_zone.setToolTip("The departure's IANA time zone, such as Asia/Pyongyang; blank: the first "
                                       "station's (UTC if the route gives none)")
        depart_row.addWidget(self.departure_edit)
        depart_row.addWidget(self.departure_zone, 1)
        form.addRow("Departure", depart_row)
        lay.addWidget(knobs)

        # the answer
        answer = QGroupBox("Trip")
        # The sentences that wrap go in a column of their own: a grid's spanning rows do not grow with
        # their wrapped lines, so a two-line range ran under the total.
        column = QVBoxLayout(answer)
        total_row = QHBoxLayout()
        grid = QGridLayout()
        self.total = plain.label("—")
        big = QFont(self.total.font())
        big.setPointSizeF(big.pointSizeF() * 1.8)
        big.setBold(True)
        self.total.setFont(big)
        self.total.setWordWrap(True)
        total_row.addWidget(self.total, 1)
        self.total_delta = plain.label()
        total_row.addWidget(self.total_delta)
        grid.setColumnStretch(1, 1)
        # The answer's range, from the estimated inputs (range_computer.py): it comes a moment later.
        self.range_label = plain.label()
        self.range_label.setWordWrap(True)
        # Two lines kept for it, what it says or not: "computing…" (one line) and the range (two) took turns,
        # and everything under it jumped at every edit.
        self.range_label.setMinimumHeight(2 * self.range_label.fontMetrics().lineSpacing())
        self.range_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.range_label.setToolTip("Every figure marked as an estimate drawn between its low and high value: the "
                                    "total in 90 % of the draws. What drives it: the plots' “What drives it” tab")
        # Why the trip cannot be made: the first reason in large type under "Cannot complete".
        self.headline_reason = plain.label()
        self.headline_reason.setWordWrap(True)
        reason_font = QFont(self.headline_reason.font())
        reason_font.setPointSizeF(reason_font.pointSizeF() * 1.15)
        reason_font.setBold(True)
        self.headline_reason.setFont(reason_font)
        self.headline_reason.setStyleSheet(f"color: {REASON_COLOR}")
        self.headline_reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headline_reason.hide()
        self.figures: dict[str, tuple[QLabel, QLabel]] = {}
        for row, (key, text) in enumerate((("running", "Running"), ("allowance", "Running-time allowance"),
                                           ("dwell", "Dwell at stops"), ("refit", "Refit"),
                                           ("operations", "Operations at stops"),
                                           ("distance", "Distance"), ("average", "Average speed")), start=2):
            value, delta = plain.label("—"), plain.label()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)  # "1,000 of 1,201 km (as far as it gets)" wraps rather than runs off
            name = plain.label(text)
            name.setWordWrap(True)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(delta, row, 2)
            self.figures[key] = (value, delta)
        pin_row = QHBoxLayout()
        pin_row.setSpacing(4)
        self.pin = QPushButton("Pin as baseline")
        self.clear_pin = QPushButton("Clear baseline")
        self.baseline_label = plain.label()
        self.baseline_label.setWordWrap(True)
        pin_row.addWidget(self.pin)
        pin_row.addWidget(self.clear_pin)
        column.addLayout(total_row)
        column.addWidget(self.range_label)
        column.addLayout(grid)
        column.addLayout(pin_row)
        column.addWidget(self.baseline_label)
        column.addWidget(self.headline_reason)
        lay.addWidget(answer)

        self.reasons = QListWidget()
        self.reasons.setWordWrap(True)
        self.reasons.setMaximumHeight(130)
        self.reasons.setToolTip("Why the trip cannot be made, one line per cause. Click one to select its cars")
        self.reasons.hide()
        lay.addWidget(self.reasons)

        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.warnings.setMaximumHeight(110)
        self.warnings.setToolTip("Click a warning to select the car or section it is about")
        lay.addWidget(self.warnings)

        # The tables and the refit settings fold away, so that each is one click from the trip's answer.
        self.legs = self._tree(["From", "To", "Distance", "Running", "Average", "Δ"], stretch=(0, 1))
        self.legs.setRootIsDecorated(False)  # a leg has no parts: no room lost to the tree's indent
        self.legs.headerItem().setToolTip(LEG_DELTA, "The change in running time since the baseline was pinned")
        self.refits = self._tree(["Break of gauge", "Method", "Cars", "Cuts", "Delay"], stretch=(0, 1))
        self.stops = self._tree(["Stop", "Dwell (min)"], stretch=(0,))
        self.stops.setRootIsDecorated(False)
        self.operations = OperationsView(holder, self._edit, self._tree, preferences)
        # The table's own message area: a typed dwell it refuses is told under it, where the user looks.
        stops_box = QWidget()
        stops_column = QVBoxLayout(stops_box)
        stops_column.setContentsMargins(0, 0, 0, 0)
        stops_column.addWidget(self.stops)
        self.dwell_message = plain.label()
        self.dwell_message.setWordWrap(True)
        self.dwell_message.setStyleSheet(f"color: {REASON_COLOR}")
        self.dwell_message.hide()
        stops_column.addWidget(self.dwell_message)
        self.facility_box = QWidget()
        self.facility_layout = QVBoxLayout(self.facility_box)
        self.facility_layout.setContentsMargins(0, 0, 0, 0)
        # The settings first, folded: their headers show under the answer without scrolling.
        self.sections = {"facilities": Section("Refit facilities", self.facility_box, opened=False),
                         "stops": Section("Dwell at stops", stops_box, opened=False),
                         "operations": Section("Service, railways, operations",
                                               self.operations, opened=False),
                         "legs": Section("Legs", self.legs), "refits": Section("Breaks of gauge", self.refits)}
        for section in self.sections.values():
            lay.addWidget(section)
        lay.addStretch(1)

        self.route_box.activated.connect(self._route_chosen)
        self.cap_enabled.toggled.connect(lambda _on: self._cap_edited())
        self.cap_spin.valueChanged.connect(lambda _v: self._cap_edited())
        self.cap_spin.refused.connect(self.baseline_label.setText)  # the panel's line for knobs not applied
        self.cap_slider.valueChanged.connect(self._slider_moved)
        self.pin.clicked.connect(self.pin_baseline)
        self.clear_pin.clicked.connect(self.clear_baseline)
        self.warnings.itemClicked.connect(self._warning_clicked)
        self.reasons.itemClicked.connect(self._reason_clicked)
        self.stranded_box.activated.connect(self._stranded_chosen)
        self.departure_edit.editingFinished.connect(self._departure_edited)
        self.departure_zone.editingFinished.connect(self._departure_edited)
        self.stops.itemChanged.connect(self._dwell_edited)
        computer.result_ready.connect(self.show_result)
        computer.failed.connect(self.show_error)
        holder.edited.connect(self._edited)
        holder.loaded.connect(self._document_replaced)
        preferences.units_changed.connect(self._units_changed)
        self._refresh_knobs()
        if computer.result is not None:
            self.show_result(computer.result)
        elif computer.error:
            self.show_error(computer.error)

    @staticmethod
    def _tree(headers: list[str], stretch: tuple[int, ...]) -> QTreeWidget:
        """A table that fits its width: the figures' columns as wide as their contents, the names'
        (`stretch`) sharing what is left and eliding a long name."""
        t = QTreeWidget()
        t.setHeaderLabels(headers)
        t.setRootIsDecorated(True)
        t.setUniformRowHeights(True)
        t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = t.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        for column in range(len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column in stretch
                                        else QHeaderView.ResizeMode.ResizeToContents)
        # As tall as its rows (no empty space pushing the next section down), kept so as rows open and close.
        t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        t.itemExpanded.connect(lambda _item: fit_rows(t))
        t.itemCollapsed.connect(lambda _item: fit_rows(t))
        return t

    @property
    def units(self) -> UnitSystem:
        return self.preferences.units

    # --- knobs ------------------------------------------------------------------------------
    def _edited(self, changes) -> None:
        if changes.route:
            self._refresh_routes()
            self._updating = True
            try:
                self._refresh_departure()  # the first station's zone may be another
            finally:
                self._updating = False
        cap_follows_train = changes.consist and self.holder.document.scenario.top_speed_cap_m_s is None
        if changes.scenario or cap_follows_train:
            self._refresh_cap()

    def _document_replaced(self) -> None:
        """Another document: the baseline pinned on the old one (its lines, its deltas) and its messages go."""
        self.dwell_message.hide()
        if self.baseline is not None:
            self.clear_baseline(reshow=False)  # the result in hand is the old document's: the new one's follows

    def _set_cap_range(self) -> None:
        """The model's limits for the cap, in the units shown (the spin box cannot offer what the file refuses)."""
        lo, hi = shown_range(Scenario, "top_speed_cap_m_s", self.units, self.cap_spin.decimals())
        self.cap_spin.rule = limit_sentence("Top speed cap", Scenario, "top_speed_cap_m_s", self.units)
        self.cap_spin.setRange(lo, hi)
        self.cap_slider.setRange(max(int(lo), 5), int(hi))

    def _refresh_knobs(self) -> None:
        self._refresh_routes()
        self._refresh_cap()

    def _refresh_routes(self) -> None:
        self._updating = True
        try:
            doc = self.holder.document
            self.route_box.clear()
            for rid, r in io.shipped_routes().items():
                self.route_box.addItem(r.name, rid)
                self.route_box.setItemData(self.route_box.count() - 1, r.name, Qt.ItemDataRole.ToolTipRole)
            if doc.route is not None:
                self.route_box.addItem(f"{doc.route.name} (in this document)", INLINE_ROUTE)
                self.route_box.setCurrentIndex(self.route_box.count() - 1)
            elif doc.route_id is not None:
                found = self.route_box.findData(doc.route_id)
                if found < 0:  # say so, rather than show another route as chosen
                    self.route_box.addItem(f"Unknown route '{doc.route_id}'", INLINE_ROUTE)
                    found = self.route_box.count() - 1
                self.route_box.setCurrentIndex(found)
            self.route_box.addItem("Open route file…", OPEN_ROUTE)
        finally:
            self._updating = False

    def _refresh_cap(self) -> None:
        self._updating = True
        try:
            u = self.units
            cap = self.holder.document.scenario.top_speed_cap_m_s
            self.cap_spin.setSuffix(f" {u.speed_unit}")
            self._set_cap_range()
            self.cap_enabled.setChecked(cap is not None)
            self.cap_spin.setEnabled(cap is not None)
            self.cap_slider.setEnabled(cap is not None)
            shown = round(u.speed(cap)) if cap is not None else round(u.speed(self.holder.stats().max_speed_m_s or 0))
            self.cap_spin.setValue(shown)
            self.cap_slider.setValue(int(shown))
            self.stranded_box.setCurrentIndex(list(StrandedCars).index(self.holder.document.scenario.stranded_cars))
            self._refresh_departure()
        finally:
            self._updating = False

    def _refresh_departure(self) -> None:
        d = self.holder.document.scenario.departure
        self.departure_edit.setDateTime(QDateTime(QDate(d.local.year, d.local.month, d.local.day),
                                                  QTime(d.local.hour, d.local.minute)))
        self.departure_zone.setText(d.time_zone or "")
        route = self.holder.route
        first = route.stations[0].time_zone if route is not None else None
        # Grey in the empty field: the zone that blank means (the tooltip says why).
        self.departure_zone.setPlaceholderText(first or "UTC")

    def _departure_edited(self) -> None:
        if self._updating:
            return
        q = self.departure_edit.dateTime()
        local = datetime(q.date().year(), q.date().month(), q.date().day(), q.time().hour(), q.time().minute())
        zone = self.departure_zone.text().strip() or None
        d = self.holder.document.scenario.departure
        if (local, zone) == (d.local, d.time_zone):
            return
        self._edit(edits.set_departure, local, zone)

    def _units_changed(self) -> None:
        self._refresh_knobs()
        if self.computer.result is not None:
            self.show_result(self.computer.result)

    def _route_chosen(self, index: int) -> None:
        data = self.route_box.itemData(index)
        doc = self.holder.document
        if data == OPEN_ROUTE:
            path, _ = QFileDialog.getOpenFileName(self, "Open a route", "", "traintool routes (*.route.json);;All files (*)")
            if not path:
                self._refresh_knobs()
                return
            try:
                route = io.load_route(path)
            except TraintoolError as e:
                self.show_error(str(e))
                self._refresh_knobs()
                return
            self._edit(edits.use_route, route)
        elif data not in (INLINE_ROUTE, None):
            self._edit(edits.choose_route, data, io.shipped_routes()[data])

    def _edit(self, op, *args, merge_key: str | None = None) -> bool:
        """An edit of the scenario or the route; if the model refuses it, say why and show the document's values again."""
        err = self.holder.edit(op, *args, merge_key=merge_key, report=False)
        if err is not None:
            self._refresh_knobs()
            if self.computer.result is not None:
                self.show_result(self.computer.result)  # the document's values again (this rewrites the label)
            self.baseline_label.setText(f"Not applied: {user_message(err, self.units)}")
            return False
        return True

    def _slider_moved(self, value: int) -> None:
        if not self._updating:
            self.cap_spin.setValue(value)

    def _cap_edited(self) -> None:
        if self._updating:
            return
        cap = self.units.speed_to_si(self.cap_spin.value()) if self.cap_enabled.isChecked() else None
        self._edit(edits.set_scenario_field, "top_speed_cap_m_s", cap, f"{self.cap_spin.value():.0f} {self.units.speed_unit}",
                   merge_key="scenario:cap")

    def _stranded_chosen(self, index: int) -> None:
        data = self.stranded_box.itemData(index)
        if data is None or StrandedCars(data) is self.holder.document.scenario.stranded_cars:
            return
        choice = StrandedCars(data)  # Qt hands a str-based enum back as its str
        self._edit(edits.set_scenario_field, "stranded_cars", choice, choice.label.lower())

    def _dwell_edited(self, item: QTreeWidgetItem, column: int) -> None:
        """A dwell typed in the table. Called while the table commits its editor: the table is not
        refilled here (that would delete the item being committed); the edit runs a turn later."""
        if self._updating or column != 1:
            return
        station, typed, route = item.text(0), item.text(1), self.holder.route
        try:
            minutes = float(typed.replace(",", "."))
        except ValueError:
            minutes = math.nan
        if not 0 <= minutes <= MAX_DWELL_MIN:  # also refuses nan and inf
            self._updating = True
            try:
                item.setText(1, item.data(1, Qt.ItemDataRole.UserRole))  # the document's dwell again
            finally:
                self._updating = False
            self.dwell_message.setText(f"Not applied: the dwell at {printable(station, 60)} is a number of minutes "
                                       f"from 0 to {MAX_DWELL_MIN:,.0f}, not “{printable(typed, 40)}”.")
            self.dwell_message.show()
            return
        self.dwell_message.hide()
        if route is not None:
            QTimer.singleShot(0, self, lambda: self._edit(edits.set_dwell, route, station, minutes * 60.0))

    def set_facility_field(self, station: str, field: str, value) -> None:
        """Override one field of the refit facility at `station` (undoable)."""
        if self.holder.route is not None:
            self._edit(edits.set_facility_field, self.holder.route, station, field, value,
                       merge_key=f"facility:{station}:{field}")

    # --- the answer ---------------------------------------------------------------------------
    def show_range(self, r, _drivers=None) -> None:
        if self._empty_train():
            self.range_label.setText("")  # no train, no trip: nothing to range over
            return
        if r.total_s is None:
            self.range_label.setText(f"In none of {r.samples} draws of the estimates can the trip be made")
            return
        text = (f"90 % between {format_duration(r.total_s.p5)} and {format_duration(r.total_s.p95)}"
                f" ({r.samples} draws of the estimates)")
        if r.feasible_samples < r.samples:
            text += f"; in {r.samples - r.feasible_samples} the trip cannot be made"
        self.range_label.setText(text)

    def show_range_pending(self, text: str) -> None:
        self.range_label.setText("" if self._empty_train() else text[0].upper() + text[1:])

    def _empty_train(self) -> bool:
        return not self.holder.document.consist.cars

    def show_error(self, message: str) -> None:
        self.total.setText("—")
        self.headline_reason.hide()
        self.reasons.hide()
        self.warnings.clear()
        item = QListWidgetItem(message)
        item.setForeground(QBrush(QColor("#b00020")))
        self.warnings.addItem(item)

    def show_result(self, r: TripResult) -> None:
        self._updating = True
        try:
            self._show(r)
        finally:
            self._updating = False

    def _show(self, r: TripResult) -> None:
        self.pin.setEnabled(True)
        u = self.units
        cars = self.holder.resolved_cars()
        if r.total_s is None:
            self.total.setText("Cannot complete")
            self.headline_reason.setText(r.reasons[0].text(u, self.holder.route))
        else:
            self.total.setText(format_duration(r.total_s))
        self.headline_reason.setVisible(r.total_s is None)
        run_note = "" if r.feasible else " (as far as it gets)"
        vals = {"running": format_duration(r.running_s) + run_note, "dwell": format_duration(r.dwell_s) + run_note,
                "refit": format_duration(r.refit_s) + run_note,
                "allowance": format_duration(r.allowance_s) + run_note,
                "operations": format_duration(r.operations_s) + run_note,
                "distance": f"{u.distance(r.distance_m):,.0f} {u.distance_unit}" if r.feasible else
                f"{u.distance(r.reached_m):,.0f} of {u.distance(r.distance_m):,.0f} {u.distance_unit}",
                "average": f"{u.speed(r.average_speed_m_s):.1f} {u.speed_unit}" if r.average_speed_m_s else "—"}
        for key, text in vals.items():
            self.figures[key][0].setText(text)
        b = self.baseline
        # A change is told only between two trips that can be made: an impossible one has no time.
        deltas = {"running": r.running_s - b.running_s, "dwell": r.dwell_s - b.dwell_s,
                  "refit": r.refit_s - b.refit_s, "total": r.total_s - b.total_s} \
            if b is not None and b.total_s is not None and r.total_s is not None else {}
        self.total_delta.setText(signed_duration(deltas["total"]) if deltas else "")
        for key, (_, delta) in self.figures.items():
            delta.setText(signed_duration(deltas[key]) if key in deltas else "")
        self.baseline_label.setText(f"Compared with the baseline “{b.label}”" if b else "")
        self.clear_pin.setEnabled(b is not None)

        self.reasons.clear()
        for why in r.reasons:
            item = QListWidgetItem(f"✖ {why.kind.label}: {why.text(u, self.holder.route)}")
            item.setForeground(QBrush(QColor(REASON_COLOR)))
            item.setData(Qt.ItemDataRole.UserRole, (list(why.car_indices), why.section_index))
            item.setToolTip("Click to select the cars concerned" if why.car_indices else
                            "Click to show the section" if why.section_index is not None else "")
            self.reasons.addItem(item)
        for station, left in r.left_behind:
            item = QListWidgetItem(f"Left behind at {station}: {describe_cars(left, cars)}")
            item.setData(Qt.ItemDataRole.UserRole, (list(left), None))
            self.reasons.addItem(item)
        self.reasons.setVisible(bool(r.reasons or r.left_behind))

        self.warnings.clear()
        for w in r.warnings:
            item = QListWidgetItem("⚠ " + w.message)
            item.setForeground(QBrush(QColor("#a04000")))
            item.setData(Qt.ItemDataRole.UserRole, (w.car_index, w.section_index))
            self.warnings.addItem(item)
        self.warnings.setVisible(bool(r.warnings))

        self.legs.clear()
        # Each leg against the same leg of the baseline (a leg the baseline never ran has no change).
        was = {(leg.from_station, leg.to_station): leg.running_s for leg in b.result.legs
               if leg.running_s is not None} if b is not None else {}
        for leg in r.legs:
            speed = leg.average_speed_m_s
            self.legs.addTopLevelItem(QTreeWidgetItem([
                leg.from_station, leg.to_station, f"{u.distance(leg.distance_m):,.0f} {u.distance_unit}",
                format_duration(leg.running_s) if leg.running_s is not None else "not run",
                f"{u.speed(speed):.0f} {u.speed_unit}" if speed is not None else "—",
                signed_duration(leg.running_s - was[leg.from_station, leg.to_station])
                if (leg.from_station, leg.to_station) in was and leg.running_s is not None else ""]))
        self.legs.setColumnHidden(LEG_DELTA, b is None)
        # The breaks the user opened stay open across edits (a break is known by its station).
        tops = [self.refits.topLevelItem(i) for i in range(self.refits.topLevelItemCount())]
        opened = {t.data(0, Qt.ItemDataRole.UserRole) for t in tops if t is not None and t.isExpanded()}
        self.refits.clear()
        for ref in r.refits:
            top = QTreeWidgetItem([f"{ref.station} ({ref.from_gauge_mm}→{ref.to_gauge_mm} mm)", ref.method.label,
                                   str(ref.cars), str(ref.cuts), format_duration(ref.duration_s)])
            for step in ref.steps:
                top.addChild(QTreeWidgetItem([f"  {step.name}", "", "", "", format_duration(step.duration_s)]))
            top.setData(0, Qt.ItemDataRole.UserRole, ref.station)
            self.refits.addTopLevelItem(top)
            top.setExpanded(ref.station in opened)
        self._fill_stops(r)
        self.operations.show_result(r)
        for tree in (self.operations.railways, self.operations.stands):
            fit_rows(tree)
        for tree in (self.legs, self.refits, self.stops):
            fit_rows(tree)
        self._build_facilities(r)
        if self._empty_train():
            self._tidy_empty(r)

    def _tidy_empty(self, r: TripResult) -> None:
        """No cars: the trip cannot be made and the panel says why (the reasons stay); there is nothing to
        time, so no figure "as far as it gets", no range, no refit, no baseline to pin: only the route's."""
        u = self.units
        self.range_label.setText("")
        for key, (value, delta) in self.figures.items():
            value.setText(f"{u.distance(r.distance_m):,.0f} {u.distance_unit}" if key == "distance" else "—")
            delta.setText("")
        self.total_delta.setText("")
        self.pin.setEnabled(False)
        for i in range(self.legs.topLevelItemCount()):
            leg = self.legs.topLevelItem(i)
            if leg is not None:
                leg.setText(3, "—")
                leg.setText(4, "—")
                leg.setText(LEG_DELTA, "")
        self.refits.clear()
        fit_rows(self.refits)

    def _fill_stops(self, r: TripResult) -> None:
        self.stops.clear()
        for station, dwell in r.dwells:
            stop = QTreeWidgetItem([station, f"{dwell / 60:g}"])
            stop.setData(1, Qt.ItemDataRole.UserRole, stop.text(1))  # put back when a typed dwell is refused
            stop.setFlags(stop.flags() | Qt.ItemFlag.ItemIsEditable)
            self.stops.addTopLevelItem(stop)

    def _build_facilities(self, r: TripResult) -> None:
        key = (self.holder.route, tuple(self.holder.document.scenario.facility_overrides.items()), self.units)
        if key == getattr(self, "_facility_key", None):
            return  # the same facilities: keep the widgets (and the focus of one being edited)
        self._facility_key = key
        # The field being edited is rebuilt with the new figures: the focus goes to its successor (same
        # name), not nowhere (where the next keys typed nothing and Ctrl+A went to the window).
        focused = QApplication.focusWidget()
        editing = next((w.objectName() for w in (focused, focused.parentWidget() if focused else None)
                        if w is not None and w.objectName().startswith("facility:")
                        and self.facility_box.isAncestorOf(w)), None)
        while (taken := self.facility_layout.takeAt(0)) is not None:  # None once the layout is empty
            w = taken.widget()
            if w is not None:
                w.setParent(None)  # gone at once from the panel (and from findChildren), deleted later
                w.deleteLater()
        route = self.holder.route
        if route is None:
            return
        for brk in route.breaks_of_gauge:
            fac = self.holder.document.scenario.facility_overrides.get(brk.station, brk.facility)
            self.facility_layout.addWidget(self._facility_form(brk.station, fac))
        successor = self.facility_box.findChild(QWidget, editing) if editing else None
        if successor is not None:
            successor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _facility_form(self, station: str, fac: RefitFacility) -> QGroupBox:
        """The facility's method and the figures that method uses, each edited as what it is (a count, a
        duration in minutes, a speed in the units shown, a length), with the model's limits and labels."""
        box = QGroupBox(station)
        form = QFormLayout(box)
        method = QComboBox()
        for m in RefitMethod:
            method.addItem(m.label, m)
        method.setCurrentIndex(list(RefitMethod).index(fac.method))
        method.setToolTip("How this station changes the train's gauge; the figures below are those it uses")
        method.setObjectName(f"facility:{station}:method")
        method.activated.connect(lambda _i, w=method: self.set_facility_field(station, "method", RefitMethod(w.currentData())))
        form.addRow(field_label("method", RefitFacility), method)
        message = plain.label()  # the form's own line for a figure it refuses
        message.setObjectName(f"facility-message:{station}")
        message.setWordWrap(True)
        message.setStyleSheet(f"color: {REASON_COLOR}")
        message.hide()
        for name in facility_fields(fac.method):
            spin = self._facility_spin(station, fac, name)
            spin.refused.connect(lambda text, m=message: (m.setText(text), m.show()))
            if name not in RANGED_FIELDS["RefitFacility"]:
                form.addRow(field_label(name, RefitFacility), spin)
                continue
            # The figure's range beside it (range_field.py): every facility figure is an estimate.
            cell = QWidget()
            row = QHBoxLayout(cell)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(2)
            row.addWidget(spin, 1)
            button = RangeButton(self.holder, self.preferences)
            button.setObjectName(f"range:{station}:{name}")
            button.set_target(RangeTarget(("facility", station), name, fac, True, f"The facility at {station}"))
            row.addWidget(button)
            form.addRow(field_label(name, RefitFacility), cell)
        form.addRow(message)
        return box

    def _facility_spin(self, station: str, fac: RefitFacility, name: str) -> CountBox | NumberBox:
        kind = field_kind(RefitFacility, name)
        value = getattr(fac, name)
        spin: CountBox | NumberBox
        if kind == "count":
            spin = CountBox()
            spin.setRange(*map(int, shown_range(RefitFacility, name, self.units)))
            spin.setValue(int(value))
            spin.valueChanged.connect(lambda v: self.set_facility_field(station, name, int(v)))
        else:
            decimals = 0 if kind == "length" else 1
            spin = NumberBox()
            spin.setDecimals(decimals)
            spin.setRange(*shown_range(RefitFacility, name, self.units, decimals))
            unit = unit_of(name, self.units)
            spin.setSuffix(f" {unit}" if unit else "")
            spin.setValue(to_shown(name, value, self.units))
            spin.valueChanged.connect(lambda v: self.set_facility_field(station, name, from_shown(name, v, self.units)))
        spin.setKeyboardTracking(False)
        spin.rule = limit_sentence(field_label(name, RefitFacility), RefitFacility, name, self.units)
        spin.setObjectName(f"facility:{station}:{name}")
        spin.setToolTip((RefitFacility.model_fields[name].description or "").capitalize())
        return spin

    # --- baseline and warnings ---------------------------------------------------------------
    def pin_baseline(self) -> None:
        r = self.computer.result
        if r is None:
            return
        self.baseline = Baseline(r.total_s, r.running_s, r.dwell_s, r.refit_s,
                                 f"{self.holder.document.name}, {len(self.holder.document.consist.cars)} cars",
                                 r, self.holder.route, self.holder.document)
        self.baseline_changed.emit(self.baseline)
        self.show_result(r)

    def clear_baseline(self, reshow: bool = True) -> None:
        self.baseline = None
        self.baseline_changed.emit(None)
        if reshow and self.computer.result is not None:
            self.show_result(self.computer.result)

    def _reason_clicked(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        cars, section = data
        if cars:
            self.holder.set_selection(list(cars))
        elif section is not None:
            self.section_clicked.emit(section)

    def _warning_clicked(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        car, section = data
        if car is not None:
            self.holder.set_selection([car])
        if section is not None:
            self.section_clicked.emit(section)


def install_trip(holder: DocumentHolder, preferences: Preferences, parent: QWidget):
    """A window's trip computation, its panel, and what its plots dock shows until the plots are built.

    What fills the plots dock (pyqtgraph, a quarter of a second to load) is built by `build_plots`
    once the window is on screen.
    """
    from .range_computer import RangeComputer

    computer = TripComputer(holder, parent)
    panel = TripPanel(holder, preferences, computer)
    panel.range_computer = RangeComputer(holder, computer, parent=parent)
    panel.range_computer.range_ready.connect(panel.show_range)
    panel.range_computer.pending.connect(panel.show_range_pending)
    loading = plain.label("Loading the plots…")
    loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return computer, panel, loading


def build_plots(holder: DocumentHolder, preferences: Preferences, computer: TripComputer, panel: TripPanel):
    """The plots and the route editor, in their tabs, linked to the panel. The route editor and the
    drivers' chart are built when their tab is first shown (a tenth of the plots' start-up)."""
    from ..common.lazy_tab import LazyTab
    from .plots import TripPlots

    plots = TripPlots(preferences, computer)
    panel.section_clicked.connect(plots.highlight_section)
    panel.baseline_changed.connect(lambda b: plots.show_baseline(b.result, b.route) if b else plots.show_baseline(None, None))
    if panel.baseline is not None:  # pinned before the plots were built
        plots.show_baseline(panel.baseline.result, panel.baseline.route)
    plots.follow_range(panel.range_computer)

    def route_editor():
        from .route_editor import RouteEditor

        editor = RouteEditor(holder, preferences, computer)
        panel.section_clicked.connect(editor.select_section)
        if plots.highlighted_section is not None:  # clicked in the panel before the editor was built
            editor.select_section(plots.highlighted_section)
        return editor

    def drivers_chart():
        from .drivers_chart import DriversChart

        chart = DriversChart()
        ranges = panel.range_computer
        ranges.range_ready.connect(lambda _r, top: chart.show_drivers(top, computer.result.total_s if computer.result else None))
        ranges.pending.connect(chart.show_pending)
        if ranges.range is not None:
            chart.show_drivers(ranges.drivers, computer.result.total_s if computer.result else None)
        elif ranges.pending_reason is not None:
            chart.show_pending(ranges.pending_reason)
        chart.input_clicked.connect(lambda inp: _select_input(holder, panel, inp))
        return chart

    plots.route_editor_tab = LazyTab(route_editor)
    plots.tabs.addTab(plots.route_editor_tab, "Route editor")
    plots.drivers_tab = LazyTab(drivers_chart)
    plots.tabs.addTab(plots.drivers_tab, "What drives it")
    _add_clock_tabs(holder, preferences, computer, panel, plots)
    return plots


def _add_clock_tabs(holder: DocumentHolder, preferences: Preferences, computer: TripComputer, panel: TripPanel,
                    plots) -> None:
    """The Timetable and Train graph tabs, each built when first shown and redrawn with every trip,
    range, baseline and change of units after that."""
    from ..common.lazy_tab import LazyTab

    ranges = panel.range_computer

    def bands():
        r = ranges.range
        return r.bands if r is not None and computer.result is not None else None

    def baseline():
        b = panel.baseline
        if b is None or b.route is None or b.document is None:
            return None
        return b.result, b.route, b.document

    def follow(redraw) -> None:
        computer.result_ready.connect(lambda _r: redraw())
        computer.failed.connect(lambda _e: redraw())
        ranges.range_ready.connect(lambda _r, _top: redraw())
        ranges.pending.connect(lambda _why: redraw())
        panel.baseline_changed.connect(lambda _b: redraw())
        preferences.units_changed.connect(redraw)
        redraw()

    def timetable():
        from .timetable_view import TimetableView

        view = TimetableView()
        follow(lambda: view.show_trip(computer.result, holder.document, holder.route, bands()))
        return view

    def train_graph():
        from .train_graph import TrainGraph

        graph = TrainGraph()
        plots.share_crosshair(graph.plot)
        follow(lambda: graph.show_trip(computer.result, holder.document, holder.route, bands(), preferences.units,
                                       baseline()))
        return graph

    plots.timetable_tab = LazyTab(timetable)
    plots.tabs.addTab(plots.timetable_tab, "Timetable")
    plots.train_graph_tab = LazyTab(train_graph)
    plots.tabs.addTab(plots.train_graph_tab, "Train graph")


def _select_input(holder: DocumentHolder, panel: TripPanel, inp) -> None:
    """A driver clicked: select the cars of its car type(s), or show its section."""
    if inp.owner == "car_type":
        types = set(inp.owner_id.split(","))
        holder.set_selection([i for i, c in enumerate(holder.document.consist.cars) if c.type_id in types])
    elif inp.owner == "section":
        panel.section_clicked.emit(int(inp.owner_id))
