"""The refit facility at each break of gauge of the route, one form each: its method and the figures
that method uses, each edited as what it is, with the model's limits, and its range where it is an
estimate. Each change overrides the facility in the document's scenario (undoable)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QVBoxLayout, QWidget

from ...model import RANGED_FIELDS, RefitFacility, RefitMethod, edits
from ...model.limits import field_kind, field_label, limit_sentence, shown_range
from ...quantities import from_shown, to_shown, unit_of
from ...model.route import facility_fields
from ..common import plain
from ..common.document_holder import DocumentHolder
from ..common.number_field import CountBox, NumberBox
from ..common.preferences import Preferences
from ..common.theme import REFUSED_COLOR
from ..common.range_field import RangeButton, RangeTarget


class FacilityForms(QWidget):
    """`edit(op, *args, merge_key=None)` applies an edit and says why when the model refuses it."""

    def __init__(self, holder: DocumentHolder, preferences: Preferences, edit: Callable[..., bool]):
        super().__init__()
        self.holder, self.preferences, self._edit = holder, preferences, edit
        self._shown_key: tuple | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_field(self, station: str, field: str, value: Any) -> None:
        """Override one field of the refit facility at `station` (undoable)."""
        if self.holder.route is not None:
            self._edit(edits.set_facility_field, self.holder.route, station, field, value,
                       merge_key=f"facility:{station}:{field}")

    def show_facilities(self) -> None:
        """The route's facilities as the document has them now, in the units shown."""
        key = (self.holder.route, tuple(self.holder.document.scenario.facility_overrides.items()),
               self.preferences.units)
        if key == self._shown_key:
            return  # the same facilities: keep the widgets (and the focus of one being edited)
        self._shown_key = key
        # The field being edited is rebuilt with the new figures: the focus goes to its successor (same
        # name), not nowhere (where the next keys typed nothing and Ctrl+A went to the window).
        focused = QApplication.focusWidget()
        editing = next((w.objectName() for w in (focused, focused.parentWidget() if focused else None)
                        if w is not None and w.objectName().startswith("facility:")
                        and self.isAncestorOf(w)), None)
        while (taken := self._layout.takeAt(0)) is not None:  # None once the layout is empty
            w = taken.widget()
            if w is not None:
                w.setParent(None)  # gone at once from the panel (and from findChildren), deleted later
                w.deleteLater()
        route = self.holder.route
        if route is None:
            return
        for brk in route.breaks_of_gauge:
            fac = self.holder.document.scenario.facility_at(brk)
            self._layout.addWidget(self._form(brk.station, fac))
        successor = self.findChild(QWidget, editing) if editing else None
        if successor is not None:
            successor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _form(self, station: str, fac: RefitFacility) -> QGroupBox:
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
        method.activated.connect(lambda _i, w=method: self.set_field(station, "method", RefitMethod(w.currentData())))
        form.addRow(field_label("method", RefitFacility), method)
        message = plain.label()  # the form's own line for a figure it refuses
        message.setObjectName(f"facility-message:{station}")
        message.setWordWrap(True)
        message.setStyleSheet(f"color: {REFUSED_COLOR}")
        message.hide()
        for name in facility_fields(fac.method):
            spin = self._spin(station, fac, name)
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

    def _spin(self, station: str, fac: RefitFacility, name: str) -> CountBox | NumberBox:
        units = self.preferences.units
        kind = field_kind(RefitFacility, name)
        value = getattr(fac, name)
        spin: CountBox | NumberBox
        if kind == "count":
            spin = CountBox()
            spin.setRange(*map(int, shown_range(RefitFacility, name, units)))
            spin.setValue(int(value))
            spin.valueChanged.connect(lambda v: self.set_field(station, name, int(v)))
        else:
            decimals = 0 if kind == "length" else 1
            spin = NumberBox()
            spin.setDecimals(decimals)
            spin.setRange(*shown_range(RefitFacility, name, units, decimals))
            unit = unit_of(name, units)
            spin.setSuffix(f" {unit}" if unit else "")
            spin.setValue(to_shown(name, value, units))
            spin.valueChanged.connect(lambda v: self.set_field(station, name, from_shown(name, v, self.preferences.units)))
        spin.setKeyboardTracking(False)
        spin.set_rule(limit_sentence(field_label(name, RefitFacility), RefitFacility, name, units))
        spin.setObjectName(f"facility:{station}:{name}")
        spin.setToolTip((RefitFacility.model_fields[name].description or "").capitalize())
        return spin
