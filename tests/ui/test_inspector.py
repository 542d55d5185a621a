"""The inspector: the selected car's values, edits applied at once and undoable, invalid values refused with the reason."""
import pytest
from PySide6.QtCore import Qt

from traintool.units import UnitSystem


def type_in(qtbot, spin, text: str) -> None:
    """Select the spin box's text, type `text` and press Enter, as a user would."""
    spin.setFocus()
    spin.selectAll()
    le = spin.lineEdit()
    qtbot.keyClicks(le, text)
    qtbot.keyClick(le, Qt.Key.Key_Return)


def test_shows_the_selected_car(window):
    ins = window.inspector
    assert not ins.length.isEnabled() and "No car" in ins.title.text()
    window.holder.set_selection([38])
    car = window.holder.resolved_cars()[38]
    assert ins.length.isEnabled()
    assert car.name in ins.title.text() and car.type.label in ins.type_label.text()
    assert ins.length.value() == pytest.approx(car.length_m)
    assert ins.mass.value() == pytest.approx(car.mass_kg / 1000, abs=0.05)
    assert ins.axles.value() == car.axles
    assert ins.armored.isChecked() == car.armored
    assert ins.gauge_change.currentData() == car.gauge_change


def test_a_typed_value_applies_at_once_as_an_override_and_undoes(qtbot, window):
    ins = window.inspector
    window.holder.set_selection([10])
    type_in(qtbot, ins.mass, "95")
    car = window.holder.resolved_cars()[10]
    assert car.mass_kg == pytest.approx(95_000) and car.overridden == {"mass_kg"}
    assert ins.labels["mass_kg"].font().bold() and ins.resets["mass_kg"].isEnabled()
    assert not ins.labels["length_m"].font().bold()
    assert window.undo_stack.undoText() == "Set mass of car 11 to 95 t"
    qtbot.mouseClick(ins.resets["mass_kg"], Qt.MouseButton.LeftButton)
    assert "mass_kg" not in window.holder.resolved_cars()[10].overridden
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.holder.resolved_cars()[10].overridden == frozenset()


def test_stepping_a_spin_box_is_one_undo_step(qtbot, window):
    ins = window.inspector
    window.holder.set_selection([10])
    before = window.holder.document
    count = window.undo_stack.count()
    for _ in range(3):
        qtbot.keyClick(ins.axles, Qt.Key.Key_Up)
    assert window.holder.resolved_cars()[10].axles == 7
    assert window.undo_stack.count() == count + 1
    window.undo_stack.undo()
    assert window.holder.document == before
    qtbot.keyClick(ins.axles, Qt.Key.Key_Up)
    qtbot.keyClick(ins.axles, Qt.Key.Key_Down)  # back to the type's value: no override, no step to undo
    assert window.holder.document == before and window.undo_stack.count() == count
    assert not window.isWindowModified()


def test_several_cars_show_common_values_and_edit_together(qtbot, window):
    ins = window.inspector
    window.holder.set_selection([0, 5])  # a locomotive and an armored coach
    assert "2 cars selected" in ins.title.text()
    assert ins.mass.text() == "—"  # they differ
    assert ins.armored.checkState() == Qt.CheckState.PartiallyChecked
    type_in(qtbot, ins.max_speed, "40")
    cars = window.holder.resolved_cars()
    assert cars[0].max_speed_m_s == pytest.approx(40 / 3.6) and cars[5].max_speed_m_s == pytest.approx(40 / 3.6)
    # 40 km/h is below the armored coach type's range: the label says the range stays (the README's promise).
    assert window.undo_stack.undoText() == "Set max speed of 2 cars to 40 km/h (outside the range of Armored coach " \
        "(DPRK leader's train), which stays)"
    ins.armored.click()
    assert window.holder.resolved_cars()[0].armored and window.holder.resolved_cars()[5].armored


def test_rename_and_reset_the_name(qtbot, window):
    ins = window.inspector
    window.holder.set_selection([10])
    ins.name.setFocus()
    ins.name.selectAll()
    qtbot.keyClicks(ins.name, "My coach")
    qtbot.keyClick(ins.name, Qt.Key.Key_Return)
    assert window.holder.resolved_cars()[10].name == "My coach"
    assert window.undo_stack.undoText() == "Rename car 11 to “My coach”"
    ins.name.clear()
    ins.name.editingFinished.emit()
    assert window.holder.document.consist.cars[10].name is None


@pytest.mark.parametrize("field, text, reason", [
    ("length", "0", "Length must be more than 0 m"),
    ("axles", "1", "Axles must be at least 2"),
])
def test_invalid_values_are_refused_in_place_with_the_reason(qtbot, window, field, text, reason):
    ins = window.inspector
    window.holder.set_selection([10])
    before = window.holder.document
    spin = getattr(ins, field)
    shown = spin.value()
    type_in(qtbot, spin, text)
    assert window.holder.document == before
    assert reason in ins.error_text()
    key = {"length": "length_m", "mass": "mass_kg", "axles": "axles", "max_speed": "max_speed_m_s"}[field]
    assert ins.errors[key].isVisibleTo(ins)  # under the field itself
    assert spin.value() == pytest.approx(shown)  # the field shows the car's value again
    window.holder.set_selection([11])
    assert ins.error_text() == ""


@pytest.mark.parametrize("field, maximum", [("length", 100), ("mass", 1000), ("axles", 32), ("max_speed", 540)])
def test_the_fields_offer_no_more_than_the_model_accepts(window, field, maximum):
    """Their ranges come from the model's limits: a value the field offers is one the saved file reloads with."""
    window.holder.set_selection([10])
    assert getattr(window.inspector, field).maximum() == maximum


def test_a_too_long_name_is_refused(qtbot, window):
    ins = window.inspector
    window.holder.set_selection([10])
    before = window.holder.document
    ins.name.setText("x" * 201)
    ins.name.editingFinished.emit()
    assert window.holder.document == before and "at most 200 characters" in ins.error_text()


def test_imperial_units(qtbot, window):
    ins = window.inspector
    window.preferences.units = UnitSystem.IMPERIAL
    window.holder.set_selection([10])
    assert ins.max_speed.suffix().strip() == "mph" and ins.max_speed.value() == pytest.approx(31, abs=0.6)
    assert ins.max_speed.maximum() == 335  # 150 m/s, the model's limit, in whole mph
    type_in(qtbot, ins.max_speed, "25")
    assert window.holder.resolved_cars()[10].max_speed_m_s == pytest.approx(25 * 0.44704)


@pytest.mark.parametrize("units", list(UnitSystem))
def test_the_inspector_shows_a_length_and_mass_as_the_catalogue_does(qtbot, window, units):
    # A car of its type's figures: the inspector's fields read the figure the catalogue's entry shows,
    # to the same precision ('85.3 ft' in both, not '85.30 ft' beside '85.3 ft').
    ins = window.inspector
    window.preferences.units = units
    window.holder.set_selection([38])
    car = window.holder.resolved_cars()[38]
    facts = window.catalogue.item_for(car.type.id).text(0).splitlines()[1].split(" · ")
    for spin, fact in ((ins.length, facts[0]), (ins.mass, facts[1])):
        shown = spin.lineEdit().text().removesuffix(spin.suffix())
        assert float(shown) == float(fact.split()[0]), (shown, fact)
        assert len(shown.partition(".")[2]) == units.decimals("length" if spin is ins.length else "mass")
