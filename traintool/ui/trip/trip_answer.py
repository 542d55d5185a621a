"""The trip's answer: the total, its parts and their changes since a pinned baseline, the range of
the total, and why the trip cannot be made, or what to watch (each line clicks to its cars or section)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, \
    QVBoxLayout, QWidget

from ...model import describe_cars
from ...units import UnitSystem, format_duration
from ..common import plain
from ..common.document_holder import DocumentHolder
from ..common.theme import REFUSED_COLOR, WARNING_COLOR
from .baseline import Baseline, signed_duration

if TYPE_CHECKING:
    from ...physics import TripResult
    from ...physics.ranges import TripRange

FIGURES = (("running", "Running"), ("allowance", "Running-time allowance"), ("dwell", "Dwell at stops"),
           ("refit", "Refit"), ("operations", "Operations at stops"), ("distance", "Distance"),
           ("average", "Average speed"))


class TripAnswer(QWidget):
    section_clicked = Signal(int)

    def __init__(self, holder: DocumentHolder):
        super().__init__()
        self.holder = holder
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self._answer_box())

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
        self.warnings.itemClicked.connect(self._warning_clicked)
        self.reasons.itemClicked.connect(self._reason_clicked)

    def _answer_box(self) -> QGroupBox:
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
        # The figures read as one table, a line each: the style's spacing between them pushed the refit
        # settings' header under the dock's edge once the departure's time zone took a row of its own.
        grid.setVerticalSpacing(2)
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
        self.headline_reason.setStyleSheet(f"color: {REFUSED_COLOR}")
        self.headline_reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headline_reason.hide()
        self.figures: dict[str, tuple[QLabel, QLabel]] = {}
        for row, (key, text) in enumerate(FIGURES, start=2):
            value, delta = plain.label("—"), plain.label()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)  # "1,000 of 1,201 km (as far as it gets)" wraps rather than runs off
            name = plain.label(text)  # on one line: "Running-time allowance" wrapped took the line the time zone needs
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(delta, row, 2)
            self.figures[key] = (value, delta)
        pin_row = QHBoxLayout()
        pin_row.setSpacing(4)
        self.pin = QPushButton("Pin as baseline")
        self.clear_pin = QPushButton("Clear baseline")
        self.baseline_label = plain.label()  # also the panel's line for knobs not applied
        self.baseline_label.setWordWrap(True)
        pin_row.addWidget(self.pin)
        pin_row.addWidget(self.clear_pin)
        column.addLayout(total_row)
        column.addWidget(self.range_label)
        column.addLayout(grid)
        column.addLayout(pin_row)
        column.addWidget(self.baseline_label)
        column.addWidget(self.headline_reason)
        return answer

    def _empty_train(self) -> bool:
        return not self.holder.document.consist.cars

    def show_range(self, r: TripRange) -> None:
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

    def show_error(self, message: str) -> None:
        self.total.setText("—")
        self.headline_reason.hide()
        self.reasons.hide()
        self.warnings.clear()
        item = QListWidgetItem(message)
        item.setForeground(QBrush(QColor(REFUSED_COLOR)))
        self.warnings.addItem(item)

    def show_result(self, r: TripResult, b: Baseline | None, u: UnitSystem) -> None:
        self.pin.setEnabled(True)
        self._show_figures(r, u)
        self._show_deltas(r, b)
        self._show_reasons(r, u)
        self._show_warnings(r)
        if self._empty_train():
            self._tidy_empty(r, u)

    def _show_figures(self, r: TripResult, u: UnitSystem) -> None:
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

    def _show_deltas(self, r: TripResult, b: Baseline | None) -> None:
        # A change is told only between two trips that can be made: an impossible one has no time.
        deltas = {"running": r.running_s - b.running_s, "dwell": r.dwell_s - b.dwell_s,
                  "refit": r.refit_s - b.refit_s, "total": r.total_s - b.total_s} \
            if b is not None and b.total_s is not None and r.total_s is not None else {}
        self.total_delta.setText(signed_duration(deltas["total"]) if deltas else "")
        for key, (_, delta) in self.figures.items():
            delta.setText(signed_duration(deltas[key]) if key in deltas else "")
        self.baseline_label.setText(f"Compared with the baseline “{b.label}”" if b else "")
        self.clear_pin.setEnabled(b is not None)

    def _show_reasons(self, r: TripResult, u: UnitSystem) -> None:
        self.reasons.clear()
        for why in r.reasons:
            item = QListWidgetItem(f"✖ {why.kind.label}: {why.text(u, self.holder.route)}")
            item.setForeground(QBrush(QColor(REFUSED_COLOR)))
            item.setData(Qt.ItemDataRole.UserRole, (list(why.car_indices), why.section_index))
            item.setToolTip("Click to select the cars concerned" if why.car_indices else
                            "Click to show the section" if why.section_index is not None else "")
            self.reasons.addItem(item)
        cars = self.holder.resolved_cars()
        for station, left in r.left_behind:
            item = QListWidgetItem(f"Left behind at {station}: {describe_cars(left, cars)}")
            item.setData(Qt.ItemDataRole.UserRole, (list(left), None))
            self.reasons.addItem(item)
        self.reasons.setVisible(bool(r.reasons or r.left_behind))

    def _show_warnings(self, r: TripResult) -> None:
        self.warnings.clear()
        for w in r.warnings:
            item = QListWidgetItem("⚠ " + w.message)
            item.setForeground(QBrush(QColor(WARNING_COLOR)))
            item.setData(Qt.ItemDataRole.UserRole, (w.car_index, w.section_index))
            self.warnings.addItem(item)
        self.warnings.setVisible(bool(r.warnings))

    def _tidy_empty(self, r: TripResult, u: UnitSystem) -> None:
        """No cars: the trip cannot be made and the panel says why (the reasons stay); there is nothing to
        time, so no figure "as far as it gets", no range, no baseline to pin: only the route's distance."""
        self.range_label.setText("")
        for key, (value, delta) in self.figures.items():
            value.setText(f"{u.distance(r.distance_m):,.0f} {u.distance_unit}" if key == "distance" else "—")
            delta.setText("")
        self.total_delta.setText("")
        self.pin.setEnabled(False)

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
