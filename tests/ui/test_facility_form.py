"""The refit facility form: built from the model (what each figure is, its label and limits), only the
figures the chosen method uses, in the units shown; a refused value is said in a sentence, never pydantic's text."""
import pytest
from PySide6.QtWidgets import (
    QAbstractSpinBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QSpinBox, QWidget,
)

from traintool.model import RefitFacility, RefitMethod, edits
from traintool.model.limits import field_kind, field_label
from traintool.model.route import facility_fields
from traintool.units import UnitSystem


def form_of(panel, station: str) -> dict[str, QWidget]:
    """The form of `station`'s facility: row label -> field widget."""
    box = next(b for b in panel.facility_box.findChildren(QGroupBox) if b.title() == station)
    form = box.layout()
    assert isinstance(form, QFormLayout)
    rows = {}
    for i in range(form.rowCount()):
        if form.itemAt(i, QFormLayout.ItemRole.LabelRole) is None:
            continue  # the form's message line, across both columns
        label = form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget()
        field = form.itemAt(i, QFormLayout.ItemRole.FieldRole).widget()
        if not isinstance(field, (QComboBox, QSpinBox, QDoubleSpinBox)):  # a figure with its range beside it
            field = field.findChild(QAbstractSpinBox)
        assert isinstance(label, QLabel)
        rows[label.text()] = field
    return rows


def settle(qtbot, window):
    qtbot.waitUntil(lambda: window.trip_computer.result is not None and not window.trip_computer._running, timeout=20000)


def choose_method(qtbot, window, station: str, method: RefitMethod) -> None:
    combo = form_of(window.trip_panel, station)["Method"]
    combo.setCurrentIndex(combo.findData(method))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: window.holder.document.scenario.facility_overrides.get(station) is not None
                    and window.holder.document.scenario.facility_overrides[station].method is method, timeout=20000)
    qtbot.waitUntil(lambda: [l for l, w in form_of(window.trip_panel, station).items()]
                    == ["Method"] + [field_label(f, RefitFacility) for f in facility_fields(method)], timeout=20000)


@pytest.mark.parametrize("method", list(RefitMethod))
def test_the_form_shows_the_figures_the_method_uses_with_the_models_labels(qtbot, window, method):
    choose_method(qtbot, window, "Khasan", method)
    rows = form_of(window.trip_panel, "Khasan")
    for label in rows:
        assert "_" not in label and not label.endswith((" s", " m"))  # a person's words, not a field name
    fields = facility_fields(method)
    assert len(rows) == 1 + len(fields)
    for name in fields:
        spin = rows[field_label(name, RefitFacility)]
        kind = field_kind(RefitFacility, name)
        assert isinstance(spin, QSpinBox if kind == "count" else QDoubleSpinBox)
        suffix = {"duration": " min", "speed": " km/h", "length": " m", "count": ""}[kind]
        assert spin.suffix() == suffix, name


def test_the_changer_speed_is_a_speed_in_the_units_shown(qtbot, window):
    choose_method(qtbot, window, "Khasan", RefitMethod.GAUGE_CHANGER)
    spin = form_of(window.trip_panel, "Khasan")["Speed through the changer"]
    assert spin.suffix() == " km/h" and spin.value() == pytest.approx(10.0)
    assert spin.maximum() == pytest.approx(72.0)  # the model's 20 m/s, in km/h
    spin.setValue(15.0)
    qtbot.waitUntil(lambda: window.holder.document.scenario.facility_overrides["Khasan"].changer_speed_m_s
                    == pytest.approx(15 / 3.6), timeout=20000)
    window.commands.unit_actions[UnitSystem.IMPERIAL].trigger()
    spin = form_of(window.trip_panel, "Khasan")["Speed through the changer"]
    assert spin.suffix() == " mph" and spin.value() == pytest.approx(15 / 1.609344, abs=0.05)
    assert spin.maximum() == pytest.approx(44.7, abs=0.05)


def test_a_refused_facility_value_is_a_sentence_not_pydantics_text(qtbot, window):
    panel = window.trip_panel
    panel.facility_box.set_field("Khasan", "changer_speed_m_s", 600.0)  # what the old form sent: 10 "minutes" × 60
    text = panel.answer.baseline_label.text()
    assert text.startswith("Not applied: ") and "at most 72 km/h" in text and "speed through the changer" in text
    for raw in ("validation error", "pydantic", "RefitFacility", "changer_speed_m_s", "input_value"):
        assert raw not in text
    assert "Khasan" not in window.holder.document.scenario.facility_overrides


def test_the_break_of_gauge_tree_keeps_what_was_opened_across_edits(qtbot, window):
    panel = window.trip_panel
    top = panel.refits.topLevelItem(0)
    top.setExpanded(True)
    refit = window.trip_computer.result.refit_s
    panel.facility_box.set_field("Khasan", "tracks", 5)
    qtbot.waitUntil(lambda: window.trip_computer.result.refit_s != refit, timeout=20000)
    assert panel.refits.topLevelItem(0) is not top  # rebuilt with the new figures
    assert panel.refits.topLevelItem(0).isExpanded()
    panel.refits.topLevelItem(0).setExpanded(False)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.trip_computer.result.refit_s == refit, timeout=20000)
    assert not panel.refits.topLevelItem(0).isExpanded()


def test_the_range_varies_the_same_facility_figures_the_form_shows():
    from traintool.physics.ranges import _facility_fields

    for method in RefitMethod:
        fac = RefitFacility(method=method)
        assert set(_facility_fields(fac)) <= set(facility_fields(method))
        assert {"locomotive_change_s", "brake_test_s"} <= set(_facility_fields(fac))
