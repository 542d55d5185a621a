"""The inspector dock: the selected car's values (or the common values of several), editable.

An edit applies at once as one undoable step (stepping a spin box merges into one step). A value
the type gives is shown plain; an override is shown bold with a button to reset it. The fields
accept more than the model does: a value the model refuses is not applied, the field goes back
to the car's value and the reason is shown right under it.

Beside each figure a car type may give a range to (length, mass, top speed, and a locomotive's power and
tractive effort) a button shows the type's range and edits it (range_field.py). The range is the
type's: a car that overrides the figure keeps its own value in the trip's range.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox,
    QToolButton, QVBoxLayout, QWidget,
)

from ...errors import user_message
from ...model import Car, CarType, GaugeChange, edits
from ...model.limits import limit_sentence, shown_range
from ...quantities import shown_quantity
from ...units import UnitSystem, car_mass_text
from ..common.document_holder import DocumentHolder
from ..common import plain
from ..common.preferences import Preferences
from ..common.number_field import CountBox, NumberBox
from ..common.range_field import RangeButton, RangeTarget

MIXED = "—"
ERROR_STYLE = "color: #b00020;"
FIELDS = ("name", "length_m", "mass_kg", "axles", "max_speed_m_s", "armored", "gauge_change")
LABELS = {"name": "Name", "length_m": "Length", "mass_kg": "Mass", "axles": "Axles", "max_speed_m_s": "Max speed",
          "armored": "Armor", "gauge_change": "Gauge change"}
# The type's figures with a range; power and tractive effort (a locomotive's) are shown, not edited, here.
RANGED = ("length_m", "mass_kg", "max_speed_m_s", "power_w", "max_tractive_effort_n")
TYPE_ONLY = {"power_w": "Power", "max_tractive_effort_n": "Tractive effort"}


class Inspector(QWidget):
    def __init__(self, holder: DocumentHolder, preferences: Preferences, parent=None):
        super().__init__(parent)
        self.holder = holder
        self.preferences = preferences
        self._updating = False
        self.title = plain.label("No car selected")
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.type_label = plain.label()
        self.type_label.setWordWrap(True)
        self.type_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name = QLineEdit()
        self.name.setPlaceholderText("the type's name")
        self.name.setClearButtonEnabled(True)
        # Wider than the model allows: the model decides, and says why (see _refuse).
        self.length = self._spin(0.0, 1000.0, 2, " m")
        self.mass = self._spin(0.0, 10_000.0, 1, "")
        self.axles = CountBox()
        self.axles.setRange(0, 99)
        self.axles.setKeyboardTracking(False)
        self.axles.setSpecialValueText(MIXED)
        self.axles.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        self.max_speed = self._spin(0.0, 2000.0, 0, "")
        self.armored = QCheckBox("armored")
        self.gauge_change = QComboBox()
        for g in GaugeChange:
            self.gauge_change.addItem(g.label, g)
        self.widgets: dict[str, QWidget] = {
            "name": self.name, "length_m": self.length, "mass_kg": self.mass, "axles": self.axles,
            "max_speed_m_s": self.max_speed, "armored": self.armored, "gauge_change": self.gauge_change}
        for w in (self.name, self.armored, self.gauge_change):  # narrow docks: the fields shrink rather than overflow
            w.setMinimumWidth(60)  # (a number box shrinks as far as the value it shows: number_field.py)
        self.gauge_change.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.gauge_change.setMinimumContentsLength(6)
        self.resets: dict[str, QToolButton] = {}
        self.ranges: dict[str, RangeButton] = {}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.addRow("Type", self.type_label)
        for field in FIELDS:
            row = QHBoxLayout()
            row.setSpacing(2)  # a narrow dock: the value keeps the room the range beside it would take
            row.addWidget(self.widgets[field], 1)
            if field != "name":  # a name is reset by clearing it
                reset = QToolButton()
                reset.setText("↺")
                reset.setToolTip("Reset to the car type's value")
                reset.clicked.connect(lambda _=False, f=field: self._reset(f))
                row.addWidget(reset)
                self.resets[field] = reset
            if field in RANGED:
                self._range_button(field, row)
            label = plain.label(LABELS[field])
            self.labels[field] = label
            self.form.addRow(label, row)
            error = plain.label()
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            self.errors[field] = error
            self.form.addRow("", error)
            self.form.setRowVisible(error, False)
        # A locomotive type's power and tractive effort: its figures (the same for every car of the type), with their ranges.
        self.type_values: dict[str, QLabel] = {}
        self.type_rows: dict[str, QHBoxLayout] = {}
        for field, text in TYPE_ONLY.items():
            row = QHBoxLayout()
            value = plain.label()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setToolTip("The locomotive type's figure")
            row.addWidget(value, 1)
            self._range_button(field, row)
            self.type_values[field], self.type_rows[field] = value, row
            self.form.addRow(text, row)
            self.form.setRowVisible(row, False)
        self.hint = plain.label()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        self.fields = QWidget()  # hidden while nothing is selected: no value of a car that is not there
        self.fields.setLayout(self.form)
        policy = self.fields.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # the dock keeps the room the fields need (sized at start-up, empty)
        self.fields.setSizePolicy(policy)
        self.form.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.fields)
        layout.addWidget(self.hint)
        layout.addStretch(1)

        self.name.editingFinished.connect(self._name_edited)
        for field in ("length_m", "mass_kg", "axles", "max_speed_m_s"):  # a value the field cannot take, said under it
            self.widgets[field].refused.connect(lambda message, f=field: self._show_error(f, message))  # type: ignore[attr-defined]
        self.length.valueChanged.connect(lambda v: self._edit(
            "length_m", self.preferences.units.length_to_si(v), f"{v:g} {self.preferences.units.length_unit}"))
        self.mass.valueChanged.connect(lambda v: self._edit(
            "mass_kg", self.preferences.units.mass_to_si(v), f"{v:g} {self.preferences.units.mass_unit}"))
        self.axles.valueChanged.connect(lambda v: self._edit("axles", v, str(v)))
        self.max_speed.valueChanged.connect(lambda v: self._edit(
            "max_speed_m_s", self.preferences.units.speed_to_si(v), f"{v:g} {self.preferences.units.speed_unit}"))
        self.armored.clicked.connect(lambda v: self._edit("armored", v, "armored" if v else "not armored"))
        self.gauge_change.activated.connect(lambda _i: self._edit(
            "gauge_change", self.gauge_change.currentData(), self.gauge_change.currentText()))
        holder.selection_changed.connect(self._selection_changed)
        holder.edited.connect(self._edited)
        preferences.units_changed.connect(self.refresh)
        self.refresh()

    def _range_button(self, field: str, row: QHBoxLayout) -> None:
        button = RangeButton(self.holder, self.preferences)
        button.setObjectName(f"range:{field}")
        row.addWidget(button)
        self.ranges[field] = button

    @staticmethod
    def _spin(lo: float, hi: float, decimals: int, suffix: str) -> NumberBox:
        s = NumberBox()
        s.setRange(lo, hi)
        s.setDecimals(decimals)
        s.setSuffix(suffix)
        s.setKeyboardTracking(False)  # apply when the user finishes a number, not at every digit
        s.setSpecialValueText(MIXED)  # the minimum shows as "—": the selected cars differ
        s.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
        return s

    # --- showing the selection ---------------------------------------------------------------
    def error_text(self) -> str:
        """The reasons shown for refused values, one a line (empty when none)."""
        return "\n".join(e.text() for e in self.errors.values() if e.text())

    def _show_error(self, field: str | None, text: str) -> None:
        for f, label in self.errors.items():
            msg = text if f == field else ""
            label.setText(msg)
            self.form.setRowVisible(label, bool(msg))

    def _edited(self, changes) -> None:
        """Refresh only if the edit touched a selected car (or moved cars about)."""
        if changes.cars == edits.ALL or changes.car_types or set(changes.cars) & set(self.holder.selection):
            self.refresh()

    def _set_ranges(self) -> None:
        """The model's limits in the shown units; the value below the range shows "—" (the cars differ)."""
        units = self.preferences.units
        for spin, field, decimals in ((self.length, "length_m", units.decimals("length")),
                                      (self.mass, "mass_kg", units.decimals("mass")),
                                      (self.max_speed, "max_speed_m_s", units.decimals("speed")), (self.axles, "axles", 0)):
            if isinstance(spin, NumberBox):  # the precision the catalogue shows the same figure to
                spin.setDecimals(decimals)
            lo, hi = shown_range(Car, field, units, decimals)
            spin.set_rule(limit_sentence(LABELS[field], Car, field, units))
            if isinstance(spin, QSpinBox):  # axles: whole numbers
                spin.setRange(int(lo) - 1, int(hi))
            else:
                spin.setRange(lo - 10.0 ** -decimals, hi)

    def _selection_changed(self) -> None:
        self._show_error(None, "")
        self.refresh()

    def refresh(self) -> None:
        self._updating = True
        try:
            self._refresh()
        finally:
            self._updating = False

    def _refresh(self) -> None:
        sel = self.holder.selection
        cars = self.holder.resolved_cars()
        units: UnitSystem = self.preferences.units
        self.max_speed.setSuffix(f" {units.speed_unit}")
        self.length.setSuffix(f" {units.length_unit}")
        self.mass.setSuffix(f" {units.mass_unit}")
        self._set_ranges()
        for w in self.widgets.values():
            w.setEnabled(bool(sel))
        if self.fields.isHidden() == bool(sel):
            self.fields.setVisible(bool(sel))
            # Laid out now (the dock's scroll area too), not a turn later: the fields are where they are seen.
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        if not sel:
            self._clear()
            return
        self.hint.setText("Bold values override the car type's; ↺ resets them. Every change can be undone.")
        chosen = [cars[i] for i in sel]
        self.title.setText(f"Car {sel[0] + 1:,}: {chosen[0].name}" if len(sel) == 1 else f"{len(sel):,} cars selected")
        # Each distinct value once, by C-speed map()s: Ctrl+A on a 100,000-car train stays quick.
        types = list({id(t): t for t in map(attrgetter("type"), chosen)}.values())
        overridden_fields = frozenset().union(*set(map(attrgetter("overridden"), chosen)))
        if len(types) == 1:
            t = types[0]
            self.type_label.setText(f"{t.label}\n{t.kind.label}")
            self.type_label.setToolTip(plain.tip(t.source))
        else:
            self.type_label.setText(f"{MIXED} ({len(types)} types)")
            self.type_label.setToolTip("")

        def common(field: str) -> Any:
            values = set(map(attrgetter(field), chosen))
            return values.pop() if len(values) == 1 else None

        name = common("name")
        own = [self.holder.document.consist.cars[i].name for i in sel]
        self.name.setText(name if name is not None and any(own) else "")
        self.name.setPlaceholderText(name if name is not None else MIXED)
        self._set_bold(self.labels["name"], any(own))
        length = common("length_m")
        for spin, value in ((self.length, units.length(length) if length is not None else None),
                            (self.mass, _mass(common("mass_kg"), units)),
                            (self.max_speed, _conv(common("max_speed_m_s"), units))):
            spin.setValue(value if value is not None else spin.minimum())
        axles = common("axles")
        self.axles.setValue(axles if axles is not None else self.axles.minimum())
        armored = common("armored")
        self.armored.setTristate(armored is None)
        self.armored.setCheckState(Qt.CheckState.PartiallyChecked if armored is None
                                   else Qt.CheckState.Checked if armored else Qt.CheckState.Unchecked)
        gc = common("gauge_change")
        self.gauge_change.setCurrentIndex(list(GaugeChange).index(gc) if gc is not None else -1)
        for field, reset in self.resets.items():
            overridden = field in overridden_fields
            self._set_bold(self.labels[field], overridden)
            type_values = {_shown(field, t, units) for t in types}
            type_text = type_values.pop() if len(type_values) == 1 else "differs between the types"
            tip = (f"Overrides the car type's value ({type_text})" if overridden
                   else f"The car type's value ({type_text})")
            self.labels[field].setToolTip(plain.tip(tip))
            reset.setToolTip(plain.tip(f"Reset to the car type's value ({type_text})"))
            reset.setEnabled(overridden)
        self._refresh_ranges(types, overridden_fields, units)

    def _refresh_ranges(self, types: list[CarType], overridden: frozenset[str], units: UnitSystem) -> None:
        """The type's range beside each figure (one type selected), and a locomotive's power and tractive effort."""
        t = types[0] if len(types) == 1 else None
        for field, button in self.ranges.items():
            has = t is not None and getattr(t, field) is not None
            button.set_target(RangeTarget(("car_type", t.id), field, t, t.estimated, t.label) if has and t else None)
            if has and field in overridden:
                shown = button.shown.tooltip if button.shown else ""
                button.setToolTip(plain.tip(shown + " It is the car type's range: the selected cars' own "
                                                    "value is fixed, not drawn."))
        for field, row in self.type_rows.items():
            value = getattr(t, field) if t is not None else None
            self.form.setRowVisible(row, value is not None)
            self.type_values[field].setText(shown_quantity(field, value, units) if value is not None else "")

    def _clear(self) -> None:
        """Nothing selected: every field emptied (hidden too), so no value of the last car lingers."""
        self.title.setText("No car selected")
        self.type_label.setText("")
        self.type_label.setToolTip("")
        self.hint.setText("Click a car in the layout to see and change its values; Ctrl+A selects every car.")
        for spin in (self.length, self.mass, self.max_speed):
            spin.setValue(spin.minimum())
        self.axles.setValue(self.axles.minimum())
        self.name.clear()
        self.name.setPlaceholderText("")
        self.armored.setTristate(False)
        self.armored.setCheckState(Qt.CheckState.Unchecked)
        self.gauge_change.setCurrentIndex(-1)
        for r in self.resets.values():
            r.setEnabled(False)
            r.setToolTip("Reset to the car type's value")
        self._refresh_ranges([], frozenset(), self.preferences.units)
        for label in self.labels.values():
            self._set_bold(label, False)
            label.setToolTip("")

    @staticmethod
    def _set_bold(label: QLabel, bold: bool) -> None:
        f = QFont(label.font())
        f.setBold(bold)
        label.setFont(f)

    # --- edits ----------------------------------------------------------------------------------
    def _apply(self, field: str, value: Any, shown_value: str, merge_key: str | None) -> bool:
        """Set `field` of every selected car as one step (None resets it); if the model refuses, say why under the field."""
        sel = self.holder.selection
        err = self.holder.edit(edits.set_car_field, sel, field, value, shown_value or None, merge_key=merge_key,
                               report=False)
        if err is not None:
            self._show_error(field, f"Not applied{': ' + shown_value if shown_value else ''}. "
                                    f"{user_message(err, self.preferences.units)}")
            self.refresh()  # the field goes back to the car's value
            return False
        self._show_error(None, "")
        return True

    def _edit(self, field: str, value: Any, shown_value: str) -> None:
        if self._updating or not self.holder.selection:
            return
        if field == "armored":
            self.armored.setTristate(False)
        sel = self.holder.selection
        types = self.holder.document.type_by_id()
        cars = self.holder.document.consist.cars
        units = self.preferences.units
        # The type's own value (as the field shows it) is no override: the car follows its type again.
        if all(_shown_equal(field, getattr(types[cars[i].type_id], field), value, units) for i in sel):
            value = None
        # One merge key per field and selection while it lasts: stepping a spin box is one undo step.
        self._apply(field, value, shown_value, f"inspector:{field}:{sel[0]}:{len(sel)}")

    def _name_edited(self) -> None:
        if self._updating or not self.holder.selection:
            return
        text = self.name.text().strip() or None
        self._apply("name", text, f"“{text}”" if text else "", None)

    def _reset(self, field: str) -> None:
        self._apply(field, None, "", None)


def _mass(v: float | None, units: UnitSystem) -> float | None:
    return None if v is None else units.mass(v)


def _conv(v: float | None, units: UnitSystem) -> float | None:
    return None if v is None else units.speed(v)


def _shown_equal(field: str, a: Any, b: Any, units: UnitSystem) -> bool:
    """Whether two values look the same in the inspector's fields (to their decimals)."""
    if a is None or b is None:
        return a is b
    if field == "length_m":
        return round(units.length(a), 2) == round(units.length(b), 2)
    if field == "mass_kg":
        return round(units.mass(a), 1) == round(units.mass(b), 1)
    if field == "max_speed_m_s":
        return round(units.speed(a)) == round(units.speed(b))
    return a == b


def _shown(field: str, t: CarType, units: UnitSystem) -> str:
    """A car type's value of `field` as the inspector shows it."""
    value = getattr(t, field)
    return _format(field, value, units)


def _format(field: str, value: Any, units: UnitSystem) -> str:
    if value is None:
        return "none"
    if field == "length_m":
        return f"{units.length(value):.2f}".rstrip("0").rstrip(".") + f" {units.length_unit}"
    if field == "mass_kg":
        return car_mass_text(value, units)
    if field == "max_speed_m_s":
        return f"{units.speed(value):.0f} {units.speed_unit}"
    if field == "armored":
        return "armored" if value else "not armored"
    if field == "gauge_change":
        return GaugeChange(value).label
    return str(value)
