"""A figure's range beside its value: a small button that shows it ("70–85 t", or "±10 %" for the default
spread) and opens an editor of its low and high values and its source.

The inspector, the route editor and the refit facility form use these. The range shown is the one the
trip's range draws the figure over (physics/ranges.py): the data's own, else the default spread for an
estimated figure, else none ("exact"). Every change is one undoable edit (edits.set_range, clear_range)
through the document holder; a range the model refuses is not applied and the editor says why.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractSpinBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel, QLayout, QLineEdit, QPushButton,
    QToolButton, QVBoxLayout, QWidget,
)

from ...errors import EditError, user_message
from ...model import edits
from ...model.car_type import RangedModel
from ...model.edits import RangeOwner
from ...model.limits import field_kind, limit_sentence, range_name, shown_range
from ...physics.ranges import default_spread, effective_range
from ...quantities import from_shown, to_shown, unit_of
from ...units import UnitSystem
from .document_holder import DocumentHolder
from . import plain
from .number_field import NumberBox
from .preferences import Preferences

DEFAULT_COLOR = "#666666"  # a default spread is shown grey and in italics: no one stated it
ERROR_STYLE = "color: #b00020;"
DECIMALS = {"mass": 1, "length": 2, "speed": 1, "power": 0, "force": 1, "gradient": 1, "duration": 1, "count": 0}


@dataclass(frozen=True)
class RangeTarget:
    """What a range belongs to: the owner (as edits names it), the figure, the model holding it now, whether
    the figure is an estimate (so that it has a default spread), and how a title names the owner."""

    owner: RangeOwner
    field: str
    model: RangedModel  # a CarType, Section, Station or RefitFacility
    estimated: bool
    what: str


@dataclass(frozen=True)
class ShownRange:
    text: str  # short, for beside the value: "70–85 t", "±10 %", "exact"
    tooltip: str  # the whole of it: the ends, the source
    stated: bool  # the data states the range
    default: bool  # the default spread for the figure's kind
    low: float | None = None  # SI; None for an exact figure
    high: float | None = None
    source: str = ""


def _decimals(target: RangeTarget) -> int:
    return DECIMALS.get(field_kind(type(target.model), target.field), 1)


def compact(x: float) -> str:
    """A figure in a few characters: 3 significant digits for most, whole numbers from 100 up."""
    digits = 0 if abs(x) >= 100 else 1 if abs(x) >= 10 else 2
    text = f"{x:,.{digits}f}"
    text = text.rstrip("0").rstrip(".") if digits else text
    return "0" if text == "-0" else text


def spread_text(field: str, units: UnitSystem) -> str:
    """'±10 %', '±2 ‰': the default spread of a figure's kind."""
    spread, relative, _why = default_spread(field)
    if relative:
        return f"±{spread * 100:g} %"
    unit = unit_of(field, units)
    return f"±{compact(to_shown(field, spread, units))}" + (f" {unit}" if unit else "")


def describe(target: RangeTarget, units: UnitSystem, with_unit: bool = True) -> ShownRange:
    """How a figure's range is shown beside it, in `units` (`with_unit`: the short text says the unit too;
    beside a spin box that shows it, the room is better kept)."""
    field = target.field
    found = effective_range(target.model, field, target.estimated)
    unit = unit_of(field, units)
    suffix = f" {unit}" if unit else ""
    name = range_name(field, type(target.model))
    if found is None:
        return ShownRange("exact", f"The {name} is not marked as an estimate: the trip's range takes it as it is. "
                                   "Click to give it a range.", False, False)
    low, high, source, stated = found
    ends = f"{compact(to_shown(field, low, units))}–{compact(to_shown(field, high, units))}{suffix}"
    if stated:
        short = ends if with_unit else ends.removesuffix(suffix)
        return ShownRange(short, f"Range {ends}: {source}. Click to change it.", True, False, low, high, source)
    return ShownRange(spread_text(field, units), f"Default spread, {ends}: {source}. Click to state a range.",
                      False, True, low, high, source)


def apply_range(holder: DocumentHolder, target: RangeTarget, low: float, high: float, source: str,
                units: UnitSystem) -> EditError | None:
    """Set the range as one undoable step; the refusal, if the model refuses it."""
    return holder.edit(edits.set_range, holder.route, target.owner, target.field, low, high, source, units,
                       report=False)


def clear_range(holder: DocumentHolder, target: RangeTarget) -> EditError | None:
    return holder.edit(edits.clear_range, holder.route, target.owner, target.field, report=False)


class RangeEditor(QDialog):
    """Low, high and source of one figure's range, in the units shown; "Use default spread" clears it."""

    def __init__(self, holder: DocumentHolder, preferences: Preferences, target: RangeTarget, parent=None):
        super().__init__(parent)
        self.holder, self.preferences, self.target = holder, preferences, target
        units = preferences.units
        field, cls = target.field, type(target.model)
        name = range_name(field, cls)
        self.setWindowTitle(f"Range of the {name}")
        shown = describe(target, units)
        value = getattr(target.model, field)
        unit = unit_of(field, units)
        decimals = _decimals(target)
        self.heading = plain.rich_label(f"<b>{plain.escape(target.what)}</b>: "
                                        + plain.escape(f"{name} {compact(to_shown(field, value, units))}"
                                                       + (f" {unit}" if unit else "")))
        self.heading.setWordWrap(True)
        self.state = plain.label(
            "A range stated for this figure." if shown.stated else
            f"Now the default spread for an estimated {name}, {shown.text}: "
            f"{shown.source.split(': ', 1)[-1]}." if shown.default else
            f"The {name} is not marked as an estimate: it has no range until you give it one.")
        self.state.setWordWrap(True)
        self.state.setStyleSheet(f"color: {DEFAULT_COLOR};")
        # One step wider than the model allows: a refused end is said in a sentence, not silently clamped.
        lo, hi = shown_range(cls, field, units, decimals)
        step = 10.0 ** -decimals
        self.low, self.high = NumberBox(), NumberBox()
        for spin, end in ((self.low, shown.low), (self.high, shown.high)):
            spin.set_rule(limit_sentence(name.capitalize(), cls, field, units))
            spin.refused.connect(self._say)
            spin.setDecimals(decimals)
            spin.setRange(lo - step, hi + step)
            spin.setSuffix(f" {unit}" if unit else "")
            spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
            spin.setValue(to_shown(field, end if end is not None else value, units))
        self._first = (self.low.value(), self.high.value())
        self.shown = shown
        self.source = QLineEdit(target.model.ranges[field].source if shown.stated else "")
        self.source.setPlaceholderText("where the range comes from")
        self.source.setMaxLength(2000)
        self.error = plain.label()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        form = QFormLayout()
        form.addRow("Low", self.low)
        form.addRow("High", self.high)
        form.addRow("Source", self.source)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.clear = QPushButton("Use default spread" if target.estimated else "No range")
        self.clear.setToolTip(f"Drop this range: the trip's range then takes the default spread, {spread_text(field, units)}"
                              if target.estimated else "Drop this range: the figure is taken as it is")
        self.clear.setEnabled(shown.stated)
        buttons.addButton(self.clear, QDialogButtonBox.ButtonRole.ResetRole)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        self.clear.clicked.connect(self.use_default)
        lay = QVBoxLayout(self)
        for w in (self.heading, self.state):
            lay.addWidget(w)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        lay.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never squeezed below what it shows
        self.setMinimumWidth(320)

    def _si(self, spin: QDoubleSpinBox) -> float:
        """The SI value of an end. An end shown as the value itself, or as an end the range had, is that figure:
        rounding to the units shown must neither put an end past the value nor move a range left as it was."""
        field, units = self.target.field, self.preferences.units
        for figure in (getattr(self.target.model, field), self.shown.low, self.shown.high):
            if figure is not None and round(spin.value(), spin.decimals()) == round(to_shown(field, figure, units),
                                                                                   spin.decimals()):
                return figure
        si = from_shown(field, spin.value(), units)
        return round(si) if field_kind(type(self.target.model), field) == "count" else si

    def _changed(self) -> bool:
        return self.shown.stated or self.source.text().strip() != "" or (self.low.value(), self.high.value()) != self._first

    def _refused(self, err: EditError) -> None:
        self._say(f"Not applied: {user_message(err, self.preferences.units)}")

    def _say(self, sentence: str) -> None:
        self.error.setText(sentence)
        self.error.show()
        self.adjustSize()  # taller by the sentence: the fields keep their height

    def apply(self) -> None:
        if not self._changed():
            self.accept()  # the default spread looked at, not changed: nothing to state
            return
        err = apply_range(self.holder, self.target, self._si(self.low), self._si(self.high), self.source.text(),
                          self.preferences.units)
        if err is not None:
            self._refused(err)
            return
        self.accept()

    def use_default(self) -> None:
        err = clear_range(self.holder, self.target)
        if err is not None:
            self._refused(err)
            return
        self.accept()


class RangeButton(QToolButton):
    """The range beside a value; click to edit it. `set_target(None)`: nothing to range (shown "—", disabled).
    Beside a spin box that shows the unit the range's text leaves it out (`with_unit`), to stay narrow; the
    tooltip says it."""

    def __init__(self, holder: DocumentHolder, preferences: Preferences, parent: QWidget | None = None,
                 with_unit: bool = False):
        super().__init__(parent)
        self.holder, self.preferences, self.with_unit = holder, preferences, with_unit
        self.target: RangeTarget | None = None
        self.editor: RangeEditor | None = None
        self.shown: ShownRange | None = None
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAutoRaise(True)  # a link-like figure beside the value, not a second big button
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.setFont(small)
        self.clicked.connect(self.open_editor)
        self.set_target(None)

    def set_target(self, target: RangeTarget | None) -> None:
        self.target = target
        if target is None:
            self.shown = None
            self.setText("—")
            self.setToolTip("")
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self.shown = describe(target, self.preferences.units, self.with_unit)
        self.setText(self.shown.text)
        self.setToolTip(plain.tip(self.shown.tooltip))
        font = QFont(self.font())
        font.setItalic(not self.shown.stated)
        self.setFont(font)
        # Little padding: in a narrow dock the range must leave the value its room.
        self.setStyleSheet("QToolButton { padding: 0px 1px; " + ("" if self.shown.stated else f"color: {DEFAULT_COLOR}; ")
                           + "}")

    def open_editor(self) -> None:
        if self.target is None:
            return
        if self.editor is not None:
            self.editor.deleteLater()  # the last one, closed: one editor at a time
        self.editor = RangeEditor(self.holder, self.preferences, self.target, self.window())
        self.editor.open()  # window-modal, without a nested event loop


def open_editor(previous: RangeEditor | None, holder: DocumentHolder, preferences: Preferences,
                target: RangeTarget, parent: QWidget) -> RangeEditor:
    """The range editor of `target`, opened; the previous one (closed by now) let go: one at a time."""
    if previous is not None:
        previous.deleteLater()
    editor = RangeEditor(holder, preferences, target, parent)
    editor.open()
    return editor
