"""A figure's range beside its value, in the inspector, the route editor and the facility form: shown in
the units chosen (the default spread marked as such), edited in its editor as one undo step, saved in
the file; a range the model refuses is said in a sentence and changes nothing."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox

from traintool.io import load_document, save_document
from traintool.ui.common.range_field import RangeButton, RangeEditor
from traintool.units import UnitSystem


def first_car_of(window, kind: str) -> int:
    cars = window.holder.resolved_cars()
    return next(i for i, c in enumerate(cars) if c.type.kind.value == kind)


def fill(editor: RangeEditor, low: float, high: float, source: str = "") -> None:
    editor.low.setValue(low)
    editor.high.setValue(high)
    editor.source.setText(source)


def open_inspector_range(qtbot, window, field: str, kind: str = "coach") -> tuple[RangeButton, RangeEditor]:
    window.holder.set_selection([first_car_of(window, kind)])
    button = window.inspector.ranges[field]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.editor is not None and button.editor.isVisible()
    return button, button.editor


def type_of(window, kind: str):
    return window.holder.resolved_cars()[first_car_of(window, kind)].type


def test_an_inspector_range_is_set_undone_redone_and_saved(qtbot, window, tmp_path):
    button, editor = open_inspector_range(qtbot, window, "mass_kg")
    t = type_of(window, "coach")
    assert button.text().startswith("±") and button.font().italic()  # the default spread, marked as such
    assert t.estimated and "mass_kg" not in t.ranges
    value_t = t.mass_kg / 1000
    fill(editor, value_t - 8, value_t + 7, "two builders' figures")
    editor.ok.click()
    assert not editor.isVisible()
    r = type_of(window, "coach").ranges["mass_kg"]
    assert (r.low, r.high, r.source) == (pytest.approx(t.mass_kg - 8000), pytest.approx(t.mass_kg + 7000),
                                         "two builders' figures")
    # Beside the spin box that shows the unit, the range leaves it out; its tooltip says it.
    assert button.text() == f"{value_t - 8:g}–{value_t + 7:g}" and not button.font().italic()
    assert f"{value_t - 8:g}–{value_t + 7:g} t" in button.toolTip()
    assert "two builders' figures" in button.toolTip()
    assert window.undo_stack.undoText().startswith("Set the mass range of")
    window.undo_stack.undo()
    assert "mass_kg" not in type_of(window, "coach").ranges and button.text().startswith("±")
    window.undo_stack.redo()
    assert type_of(window, "coach").ranges["mass_kg"] == r and not button.text().startswith("±")
    # Saved in the file, and shown again when the file is opened.
    path = save_document(window.holder.document, tmp_path / "ranged.traintool.json")
    window.holder.load(load_document(path), path)
    window.holder.set_selection([first_car_of(window, "coach")])
    assert type_of(window, "coach").ranges["mass_kg"] == r
    assert window.inspector.ranges["mass_kg"].text() == f"{value_t - 8:g}–{value_t + 7:g}"


def test_use_default_spread_clears_the_range_in_one_step(qtbot, window):
    button, editor = open_inspector_range(qtbot, window, "max_speed_m_s")
    speed = type_of(window, "coach").max_speed_m_s * 3.6
    fill(editor, speed - 5, speed + 5)
    editor.ok.click()
    assert "max_speed_m_s" in type_of(window, "coach").ranges
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.editor.clear.isEnabled() and button.editor.clear.text() == "Use default spread"
    steps = window.undo_stack.count()
    button.editor.clear.click()
    assert "max_speed_m_s" not in type_of(window, "coach").ranges and button.text() == "±10 %"
    assert window.undo_stack.count() == steps + 1


@pytest.mark.parametrize("low, high, said", [
    (90.0, 80.0, "The low end of the mass range, 90 t, is above its high end, 80 t"),
    (1.0, 2.0, "The mass range 1–2 t does not hold the mass itself"),
    (0.0, 90.0, "is not a mass"),
])
def test_an_invalid_range_is_said_in_a_sentence_and_changes_nothing(qtbot, window, low, high, said):
    button, editor = open_inspector_range(qtbot, window, "mass_kg")
    doc, steps = window.holder.document, window.undo_stack.count()
    fill(editor, low, high, "a guess")
    editor.ok.click()
    assert editor.isVisible() and editor.error.isVisible()  # still open, to put it right
    text = editor.error.text()
    assert text.startswith("Not applied: ") and said in text
    assert "pydantic" not in text and "validation error" not in text and "ranges." not in text
    assert window.holder.document is doc and window.undo_stack.count() == steps
    assert button.text().startswith("±")


def test_a_locomotives_power_and_tractive_effort_show_their_ranges(qtbot, window):
    window.holder.set_selection([first_car_of(window, "locomotive")])
    t = type_of(window, "locomotive")
    for field in ("power_w", "max_tractive_effort_n"):
        assert window.inspector.ranges[field].isEnabled()
        assert window.inspector.form.isRowVisible(window.inspector.type_rows[field])
    assert window.inspector.type_values["power_w"].text() == f"{t.power_w / 1000:,.0f} kW"
    window.holder.set_selection([first_car_of(window, "coach")])
    assert not window.inspector.ranges["power_w"].isEnabled()
    assert not window.inspector.form.isRowVisible(window.inspector.type_rows["power_w"])


def test_switching_units_converts_the_shown_range(qtbot, window):
    button, editor = open_inspector_range(qtbot, window, "max_speed_m_s")
    fill(editor, 40.0, 60.0, "timetables")  # km/h
    speed_kmh = type_of(window, "coach").max_speed_m_s * 3.6
    if not 40 <= speed_kmh <= 60:
        fill(editor, speed_kmh - 10, speed_kmh + 10, "timetables")
    editor.ok.click()
    r = type_of(window, "coach").ranges["max_speed_m_s"]
    assert " km/h:" in button.toolTip()
    window.commands.unit_actions[UnitSystem.IMPERIAL].trigger()
    low, high = (f"{x / 0.44704:.1f}".rstrip("0").rstrip(".") for x in (r.low, r.high))
    assert button.text() == f"{low}–{high}" and f"{low}–{high} mph" in button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.editor.low.suffix() == " mph"
    assert button.editor.low.value() == pytest.approx(r.low / 0.44704, abs=0.05)
    steps = window.undo_stack.count()
    button.editor.ok.click()  # unchanged: no rounding to mph moves the range
    assert window.undo_stack.count() == steps and type_of(window, "coach").ranges["max_speed_m_s"] == r


def test_a_section_and_a_dwell_range_are_edited_in_the_route_editor(qtbot, window):
    editor = window.plots.route_editor
    route = window.holder.route
    col = 4  # the speed limit's range
    assert editor.sections.item(0, col).text() == "±5 %" and editor.sections.item(0, col).font().italic()
    dialog = editor.edit_range(editor.sections, 0, col)
    limit = round(route.sections[0].speed_limit_m_s * 3.6, 1)  # as the editor shows it
    fill(dialog, limit - 10, limit, "a 1980s timetable")
    dialog.ok.click()
    r = window.holder.route.sections[0].ranges["speed_limit_m_s"]
    # The high end typed as the value shown is the value itself, not its rounding (which could miss it).
    assert r.low == pytest.approx((limit - 10) / 3.6) and r.high == route.sections[0].speed_limit_m_s
    assert window.holder.document.route is not None  # the route is the document's own now, ranges and all
    assert editor.sections.item(0, col).text() == f"{limit - 10:g}–{limit:g} km/h"
    assert "a 1980s timetable" in editor.sections.item(0, col).toolTip()
    # A dwell on the way: the first stop with one.
    row = next(i for i, s in enumerate(route.stations) if 0 < i < len(route.stations) - 1 and s.stop and s.dwell_s > 0)
    dialog = editor.edit_range(editor.stations, row, 3)
    minutes = route.stations[row].dwell_s / 60
    fill(dialog, minutes / 2, minutes * 3)
    dialog.ok.click()
    assert window.holder.route.stations[row].ranges["dwell_s"].high == pytest.approx(route.stations[row].dwell_s * 3)
    assert not editor.stations.item(row, 3).font().italic()
    window.undo_stack.undo()
    assert "dwell_s" not in window.holder.route.stations[row].ranges and editor.stations.item(row, 3).font().italic()
    window.undo_stack.undo()
    assert window.holder.document.route is None and editor.sections.item(0, col).text() == "±5 %"
    window.undo_stack.redo()
    assert editor.sections.item(0, col).text() == f"{limit - 10:g}–{limit:g} km/h"
    # The ends of the route time no dwell: nothing to range there.
    assert editor.edit_range(editor.stations, 0, 3) is None and editor.stations.item(0, 3).text() == "—"


def test_a_refused_route_range_is_said_in_the_editor(qtbot, window):
    editor = window.plots.route_editor
    doc = window.holder.document
    dialog = editor.edit_range(editor.sections, 0, 6)  # the gradient's range
    fill(dialog, 5.0, -5.0)
    dialog.ok.click()
    assert dialog.error.text() == "Not applied: The low end of the gradient range, 5 ‰, is above its high end, -5 ‰"
    assert window.holder.document is doc


def facility_button(window, station: str, field: str) -> RangeButton:
    return window.trip_panel.facility_box.findChild(RangeButton, f"range:{station}:{field}")


def test_a_facility_range_is_edited_in_the_facility_form(qtbot, window):
    panel = window.trip_panel
    panel.sections["facilities"].set_open(True)
    assert any(b.title() == "Khasan" for b in panel.facility_box.findChildren(QGroupBox))
    button = facility_button(window, "Khasan", "lift_s")
    assert button.text() == "±40 %"
    assert facility_button(window, "Khasan", "track_length_m") is None  # the layout, not an estimate
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    fill(button.editor, 8.0, 20.0, "Brest, 2019")  # minutes
    button.editor.ok.click()
    r = window.holder.document.scenario.facility_overrides["Khasan"].ranges["lift_s"]
    assert (r.low, r.high, r.source) == (480.0, 1200.0, "Brest, 2019")
    qtbot.waitUntil(lambda: facility_button(window, "Khasan", "lift_s") is not None
                    and facility_button(window, "Khasan", "lift_s").text() == "8–20", timeout=20000)
    window.commands.unit_actions[UnitSystem.IMPERIAL].trigger()  # minutes either way
    window.undo_stack.undo()
    assert "Khasan" not in window.holder.document.scenario.facility_overrides
    qtbot.waitUntil(lambda: facility_button(window, "Khasan", "lift_s") is not None
                    and facility_button(window, "Khasan", "lift_s").text() == "±40 %", timeout=20000)


def test_a_facility_track_count_takes_whole_numbers(qtbot, window):
    window.trip_panel.sections["facilities"].set_open(True)
    button = facility_button(window, "Khasan", "tracks")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.editor.low.decimals() == 0
    fill(button.editor, 1, 4)
    button.editor.ok.click()
    r = window.holder.document.scenario.facility_overrides["Khasan"].ranges["tracks"]
    assert (r.low, r.high) == (1, 4)


def test_a_figure_not_marked_as_an_estimate_shows_exact_and_can_be_given_a_range(qtbot, small_window):
    window = small_window  # its car types are not estimates
    button, editor = open_inspector_range(qtbot, window, "mass_kg")
    assert button.text() == "exact" and editor.clear.text() == "No range" and not editor.clear.isEnabled()
    fill(editor, 45.0, 55.0, "weighed")
    editor.ok.click()
    assert button.text() == "45–55"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    button.editor.clear.click()
    assert button.text() == "exact" and "mass_kg" not in type_of(window, "coach").ranges
