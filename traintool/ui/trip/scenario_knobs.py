"""The trip's route and scenario knobs: the route, the top-speed cap, what happens to cars that
cannot change gauge, and the departure. Each change is an undoable edit of the document."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, \
    QLineEdit, QSlider

from ... import io
from ...errors import TraintoolError
from ...model import Scenario, StrandedCars, edits
from ...model.clock import FIRST_DEPARTURE, LAST_DEPARTURE
from ...model.limits import limit_sentence, shown_range
from ..common.document_holder import DocumentHolder
from ..common.elided import ElidedCombo
from ..common.number_field import NumberBox
from ..common.preferences import Preferences

OPEN_ROUTE = "__open__"
INLINE_ROUTE = "__inline__"


def narrow(box: QComboBox) -> QComboBox:
    """A choice that shrinks with the panel (a long route's name elides) instead of widening it."""
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)
    return box


class ScenarioKnobs(QGroupBox):
    """`edit(op, *args, merge_key=None)` applies an edit and says why when the model refuses it."""

    refused = Signal(str)  # a figure typed that the knobs did not apply, as a sentence
    failed = Signal(str)  # a route file that could not be read, as a sentence

    def __init__(self, holder: DocumentHolder, preferences: Preferences, edit: Callable[..., bool]):
        super().__init__("Route and scenario")
        self.holder, self.preferences, self._edit = holder, preferences, edit
        self._updating = False
        form = QFormLayout(self)
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
        # On two lines: the longest label sets the width of the labels' column, and one line of it left
        # too little room beside it for the route's and the zone's names.
        form.addRow("Cars that cannot\nchange gauge", self.stranded_box)
        # The departure: a local date and time, and on a row of its own (a zone's name is up to 32
        # letters, "America/Argentina/ComodRivadavia") its IANA zone (blank: the first station's).
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
        form.addRow("Departure", self.departure_edit)
        form.addRow("Time zone", self.departure_zone)

        self.route_box.activated.connect(self._route_chosen)
        self.cap_enabled.toggled.connect(lambda _on: self._cap_edited())
        self.cap_spin.valueChanged.connect(lambda _v: self._cap_edited())
        self.cap_spin.refused.connect(self.refused)
        self.cap_slider.valueChanged.connect(self._slider_moved)
        self.stranded_box.activated.connect(self._stranded_chosen)
        self.departure_edit.editingFinished.connect(self._departure_edited)
        self.departure_zone.editingFinished.connect(self._departure_edited)
        holder.edited.connect(self._document_edited)
        preferences.units_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the document's values (again: after an edit refused, or in other units)."""
        self._refresh_routes()
        self._refresh_cap()

    def _document_edited(self, changes) -> None:
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

    def _set_cap_range(self) -> None:
        """The model's limits for the cap, in the units shown (the spin box cannot offer what the file refuses)."""
        u = self.preferences.units
        lo, hi = shown_range(Scenario, "top_speed_cap_m_s", u, self.cap_spin.decimals())
        self.cap_spin.set_rule(limit_sentence("Top speed cap", Scenario, "top_speed_cap_m_s", u))
        self.cap_spin.setRange(lo, hi)
        self.cap_slider.setRange(max(int(lo), 5), int(hi))

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
            u = self.preferences.units
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

    def _route_chosen(self, index: int) -> None:
        data = self.route_box.itemData(index)
        if data == OPEN_ROUTE:
            path, _ = QFileDialog.getOpenFileName(self, "Open a route", "", "traintool routes (*.route.json);;All files (*)")
            if not path:
                self.refresh()
                return
            try:
                route = io.load_route(path)
            except TraintoolError as e:
                self.failed.emit(str(e))
                self.refresh()
                return
            self._edit(edits.use_route, route)
        elif data not in (INLINE_ROUTE, None):
            self._edit(edits.choose_route, data, io.shipped_routes()[data])

    def _slider_moved(self, value: int) -> None:
        if not self._updating:
            self.cap_spin.setValue(value)

    def _cap_edited(self) -> None:
        if self._updating:
            return
        u = self.preferences.units
        cap = u.speed_to_si(self.cap_spin.value()) if self.cap_enabled.isChecked() else None
        self._edit(edits.set_scenario_field, "top_speed_cap_m_s", cap, f"{self.cap_spin.value():.0f} {u.speed_unit}",
                   merge_key="scenario:cap")

    def _stranded_chosen(self, index: int) -> None:
        data = self.stranded_box.itemData(index)
        if data is None or StrandedCars(data) is self.holder.document.scenario.stranded_cars:
            return
        choice = StrandedCars(data)  # Qt hands a str-based enum back as its str
        self._edit(edits.set_scenario_field, "stranded_cars", choice, choice.label.lower())
