"""The inspector dock: the selected car's values (or the common values of several), editable.

An edit applies at once as one undoable step (typing in a spin box merges into one step).
A value the type gives is shown plain; an override is shown bold with a button to reset it.
"""
from __future__ import annotations

from typing import Any, Callable

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QToolButton,
    QVBoxLayout, QWidget,
)

from ..model import Car, GaugeChange
from ..units import UnitSystem
from .document_holder import DocumentHolder
from .preferences import Preferences

MIXED = "—"


class Inspector(QWidget):
    def __init__(self, holder: DocumentHolder, preferences: Preferences, parent=None):
        super().__init__(parent)
        self.holder = holder
        self.preferences = preferences
        self._updating = False
        self.title = QLabel("No car selected")
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.type_label = QLabel()
        self.type_label.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setPlaceholderText("the type's name")
        self.length = self._spin(1.0, 100.0, 2, " m")
        self.mass = self._spin(0.1, 1000.0, 1, " t")
        self.axles = QSpinBox()
        self.axles.setRange(2, 32)
        self.max_speed = self._spin(1.0, 500.0, 0, "")
        self.armored = QCheckBox("armored")
        self.gauge_change = QComboBox()
        for g in GaugeChange:
            self.gauge_change.addItem(g.label, g)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.resets: dict[str, QToolButton] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow("Type", self.type_label)
        form.addRow("Name", self.name)
        for field, widget, text in (("length_m", self.length, "Length"), ("mass_kg", self.mass, "Mass"),
                                    ("axles", self.axles, "Axles"), ("max_speed_m_s", self.max_speed, "Max speed"),
                                    ("armored", self.armored, "Armor"), ("gauge_change", self.gauge_change, "Gauge change")):
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            reset = QToolButton(text="↺")
            reset.setToolTip("Reset to the car type's value")
            reset.clicked.connect(lambda _=False, f=field: self._reset(f))
            row.addWidget(reset)
            self.resets[field] = reset
            label = QLabel(text)
            self.labels[field] = label
            form.addRow(label, row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)

        self.name.editingFinished.connect(self._name_edited)
        self.length.valueChanged.connect(lambda v: self._edit("length_m", v))
        self.mass.valueChanged.connect(lambda v: self._edit("mass_kg", v * 1000.0))
        self.axles.valueChanged.connect(lambda v: self._edit("axles", v))
        self.max_speed.valueChanged.connect(lambda v: self._edit("max_speed_m_s", self.preferences.units.speed_to_si(v)))
        self.armored.toggled.connect(lambda v: self._edit("armored", v))
        self.gauge_change.activated.connect(lambda _i: self._edit("gauge_change", self.gauge_change.currentData()))
        holder.selection_changed.connect(self.refresh)
        holder.changed.connect(self.refresh)
        preferences.units_changed.connect(self.refresh)
        self.refresh()

    @staticmethod
    def _spin(lo: float, hi: float, decimals: int, suffix: str) -> QDoubleSpinBox:
        s = QDoubleSpinBox()
        s.setRange(lo, hi)
        s.setDecimals(decimals)
        s.setSuffix(suffix)
        s.setKeyboardTracking(False)  # apply when the user finishes a number, not at every digit
        s.setSpecialValueText(MIXED)
        return s

    def _widgets(self) -> list[QWidget]:
        return [self.name, self.length, self.mass, self.axles, self.max_speed, self.armored, self.gauge_change]

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
        for w in self._widgets():
            w.setEnabled(bool(sel))
        if not sel:
            self.title.setText("No car selected")
            self.type_label.setText("")
            self.error.setText("")
            for r in self.resets.values():
                r.setEnabled(False)
            return
        chosen = [cars[i] for i in sel]
        self.title.setText(f"Car {sel[0] + 1}: {chosen[0].name}" if len(sel) == 1 else f"{len(sel)} cars selected")
        types = {c.type.label for c in chosen}
        self.type_label.setText(types.pop() if len(types) == 1 else MIXED)

        def common(get: Callable[[Any], Any]) -> Any:
            values = {get(c) for c in chosen}
            return values.pop() if len(values) == 1 else None

        name = common(lambda c: c.name)
        self.name.setText(name if name is not None else "")
        self.name.setPlaceholderText("the type's name" if name is not None else MIXED)
        for spin, value in ((self.length, common(lambda c: c.length_m)),
                            (self.mass, _div(common(lambda c: c.mass_kg), 1000.0)),
                            (self.max_speed, _conv(common(lambda c: c.max_speed_m_s), units))):
            spin.setValue(value if value is not None else spin.minimum())
        axles = common(lambda c: c.axles)
        self.axles.setValue(axles if axles is not None else 2)
        armored = common(lambda c: c.armored)
        self.armored.setTristate(armored is None)
        self.armored.setCheckState(Qt.CheckState.PartiallyChecked if armored is None
                                   else Qt.CheckState.Checked if armored else Qt.CheckState.Unchecked)
        gc = common(lambda c: c.gauge_change)
        self.gauge_change.setCurrentIndex(list(GaugeChange).index(gc) if gc is not None else -1)
        for field, label in self.labels.items():
            overridden = any(field in c.overridden for c in chosen)
            f = QFont(label.font())
            f.setBold(overridden)
            label.setFont(f)
            label.setToolTip("overrides the car type's value" if overridden else "the car type's value")
            self.resets[field].setEnabled(overridden)

    def _apply(self, change: Callable[[Car], dict[str, Any]], text: str, merge_key: str | None) -> None:
        sel = self.holder.selection
        cars = list(self.holder.document.consist.cars)
        try:
            for i in sel:
                cars[i] = Car.model_validate({**cars[i].model_dump(), **change(cars[i])})
        except ValidationError as e:
            err = e.errors(include_url=False)[0]
            self.error.setText(f"Not applied: {'.'.join(map(str, err['loc']))}: {err['msg']}")
            return
        self.error.setText("")
        self.holder.apply(
            self.holder.document.model_copy(update={"consist": self.holder.document.consist.model_copy(
                update={"cars": cars})}), text, merge_key, sel)

    def _edit(self, field: str, value: Any) -> None:
        if self._updating or not self.holder.selection:
            return
        if field == "armored" and self.armored.checkState() == Qt.CheckState.PartiallyChecked:
            return
        sel = self.holder.selection
        what = f"car {sel[0] + 1}" if len(sel) == 1 else f"{len(sel)} cars"
        pretty = self.labels[field].text().lower()
        self._apply(lambda c: {field: value}, f"Set {pretty} of {what}", f"inspector:{field}:{sel}")

    def _name_edited(self) -> None:
        if self._updating or not self.holder.selection:
            return
        text = self.name.text().strip() or None
        if all(self.holder.document.consist.cars[i].name == text for i in self.holder.selection):
            return
        self._apply(lambda c: {"name": text}, "Rename car" if len(self.holder.selection) == 1 else "Rename cars", None)

    def _reset(self, field: str) -> None:
        self._apply(lambda c: {field: None}, f"Reset {self.labels[field].text().lower()}", None)


def _div(v: float | None, d: float) -> float | None:
    return None if v is None else v / d


def _conv(v: float | None, units: UnitSystem) -> float | None:
    return None if v is None else units.speed(v)
