"""View > Units reaches the inspector, the catalogue and the route editor (and the facility form), the
layout's tooltips, the status bar and the consist figures: lengths, masses, speeds, powers and forces
alike; the route editor shows figures as a person writes them."""
import re

import pytest
from PySide6.QtCore import Qt

from traintool.model import RefitMethod
from traintool.ui.trip.route_cells import rounded
from traintool.units import FOOT, HP, LBF, MILE, SHORT_TON, UnitSystem

NUMBER = re.compile(r"-?\d+(\.\d)?")  # at most one decimal


def type_in(qtbot, spin, text: str) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)


@pytest.mark.parametrize("units", list(UnitSystem))
def test_the_route_editor_shows_rounded_figures_in_the_units_chosen(window, units):
    window.commands.unit_actions[units].trigger()
    editor = window.plots.route_editor
    route = window.holder.route
    unit = "km" if units is UnitSystem.METRIC else "mi"
    assert editor.stations.horizontalHeaderItem(1).text().replace("\n", " ") == f"Position ({unit})"
    assert editor.sections.horizontalHeaderItem(3).text().replace("\n", " ") == f"Limit ({units.speed_unit})"
    per = 1000.0 if units is UnitSystem.METRIC else MILE
    for i, station in enumerate(route.stations):
        text = editor.stations.item(i, 1).text()
        assert NUMBER.fullmatch(text), text
        assert float(text) == pytest.approx(station.position_m / per, abs=0.05)
        assert NUMBER.fullmatch(editor.stations.item(i, 2).text())
    for i in range(editor.sections.rowCount()):
        for col in (0, 1, 3, 5):  # start, end, limit, gradient (4 and 6: their ranges)
            assert NUMBER.fullmatch(editor.sections.item(i, col).text()), editor.sections.item(i, col).text()


def test_rounded_writes_figures_as_people_do():
    assert rounded(2.64083, 1) == "2.6" and rounded(75.1859, 1) == "75.2" and rounded(5.0, 1) == "5"
    assert rounded(1201.04, 1) == "1201" and rounded(-0.04, 1) == "0" and rounded(47.5, 0) == "48"


def test_an_edit_in_miles_is_stored_in_metres(qtbot, window):
    window.commands.unit_actions[UnitSystem.IMPERIAL].trigger()
    editor = window.plots.route_editor
    before = window.holder.route.stations[1].position_m
    editor.stations.item(1, 1).setText(rounded(before / MILE + 1, 1))
    qtbot.waitUntil(lambda: window.holder.route.stations[1].position_m != before, timeout=20000)
    assert window.holder.route.stations[1].position_m == pytest.approx(float(rounded(before / MILE + 1, 1)) * MILE)


def test_the_inspector_shows_lengths_in_feet_and_takes_them(qtbot, window):
    ins = window.inspector
    window.holder.set_selection([10])
    car = window.holder.resolved_cars()[10]
    assert ins.length.suffix() == " m" and ins.length.value() == pytest.approx(car.length_m, abs=0.005)
    window.commands.unit_actions[UnitSystem.IMPERIAL].trigger()
    assert ins.length.suffix() == " ft" and ins.length.value() == pytest.approx(car.length_m / FOOT, abs=0.05)  # to a tenth of a foot
    assert ins.max_speed.suffix() == " mph"
    type_in(qtbot, ins.length, "80")
    assert window.holder.resolved_cars()[10].length_m == pytest.approx(80 * FOOT)
    assert "ft" in ins.labels["length_m"].toolTip()
    from traintool.model import Car
    from traintool.model.limits import field_limits

    assert ins.length.maximum() == pytest.approx(field_limits(Car, "length_m").high / FOOT, abs=0.1)  # in feet
    window.commands.unit_actions[UnitSystem.METRIC].trigger()
    assert ins.length.suffix() == " m" and ins.length.value() == pytest.approx(24.38, abs=0.005)


def test_the_catalogue_follows_the_units(window):
    item = window.catalogue.item_for(window.catalogue.types[0].id)
    t = window.catalogue.types[0]
    assert " m · " in item.text(0) and " m," in item.toolTip(0)
    window.commands.unit_actions[UnitSystem.IMPERIAL].trigger()
    assert f"{t.length_m / FOOT:.1f}".rstrip("0").rstrip(".") + " ft · " in item.text(0)
    assert " ft," in item.toolTip(0) and "mph" in item.toolTip(0) and " m · " not in item.text(0)
    window.commands.unit_actions[UnitSystem.METRIC].trigger()
    assert " m · " in item.text(0)


def test_the_facility_track_length_follows_the_units(qtbot, window):
    from PySide6.QtWidgets import QDoubleSpinBox

    panel = window.trip_panel
    window.commands.unit_actions[UnitSystem.IMPERIAL].trigger()
    spin = panel.facility_box.findChild(QDoubleSpinBox, "facility:Khasan:track_length_m")
    assert spin.suffix() == " ft" and spin.value() == pytest.approx(220 / FOOT, abs=0.5)
    assert window.holder.document.scenario.facility_overrides.get("Khasan") is None \
        or window.holder.document.scenario.facility_overrides["Khasan"].method is RefitMethod.BOGIE_EXCHANGE


def test_masses_powers_and_forces_follow_the_units_in_every_widget(qtbot, window):
    """In imperial, a mass is in (short) tons, a power in horsepower, a tractive effort in pounds-force,
    wherever the window shows one; an edit in tons is stored in kilograms."""
    ins = window.inspector
    loco = next(i for i, c in enumerate(window.holder.resolved_cars()) if c.type.power_w)
    car = window.holder.resolved_cars()[loco]
    window.holder.set_selection([loco])
    window.commands.unit_actions[UnitSystem.IMPERIAL].trigger()
    assert ins.mass.suffix() == " tons" and ins.mass.value() == pytest.approx(car.mass_kg / SHORT_TON, abs=0.05)
    assert ins.type_values["power_w"].text() == f"{car.type.power_w / HP:,.0f} hp"
    assert ins.type_values["max_tractive_effort_n"].text() == f"{car.type.max_tractive_effort_n / LBF:,.0f} lbf"
    item = window.catalogue.item_for(car.type.id)
    tons = f"{car.type.mass_kg / SHORT_TON:.1f}".rstrip("0").rstrip(".")
    assert f"{tons} tons" in item.text(0) and f"{tons} tons," in item.toolTip(0)
    assert f"{tons} tons" in window.layout_view.car_tooltip(loco)
    assert " ft · " in window.layout_view.car_tooltip(loco)
    st = window.holder.stats()
    assert f"{st.mass_kg / SHORT_TON:,.0f} tons" in window.stats_label.text()
    figures = window.figures
    qtbot.waitUntil(lambda: figures.labels["mass_per_axle"].text() == "Tons per axle")
    assert figures.train["mass"].text() == f"{st.mass_kg / SHORT_TON:,.0f} tons"
    assert figures.train["power"].text() == f"{st.power_w / HP:,.0f} hp"
    assert figures.train["tractive_effort"].text() == f"{st.tractive_effort_n / LBF:,.0f} lbf"
    type_in(qtbot, ins.mass, "100")
    assert window.holder.resolved_cars()[loco].mass_kg == pytest.approx(100 * SHORT_TON)
    assert window.undo_stack.undoText().endswith("100 tons")
    window.commands.unit_actions[UnitSystem.METRIC].trigger()
    assert ins.mass.suffix() == " t" and ins.mass.value() == pytest.approx(100 * SHORT_TON / 1000, abs=0.05)
    qtbot.waitUntil(lambda: figures.labels["mass_per_axle"].text() == "Tonnes per axle")  # at the dock's next refresh
    assert " t · " in window.layout_view.car_tooltip(loco) and " m · " in window.layout_view.car_tooltip(loco)


def test_why_a_trip_stalls_is_told_in_the_units_chosen(qtbot, open_window):
    import builders

    w = open_window(builders.infeasible_documents()["stall"])
    panel = w.trip_panel
    qtbot.waitUntil(lambda: w.trip_computer.result is not None and bool(w.trip_computer.result.reasons), timeout=20000)
    why = w.trip_computer.result.reasons[0]
    assert panel.answer.headline_reason.text() == why.message and " kN" in why.message
    w.commands.unit_actions[UnitSystem.IMPERIAL].trigger()
    qtbot.waitUntil(lambda: " lbf" in panel.answer.headline_reason.text(), timeout=20000)
    imperial = why.text(UnitSystem.IMPERIAL, w.holder.route)
    assert panel.answer.headline_reason.text() == imperial and "section 2 (mi 12.4274–mi 31.0686)" in imperial
    assert " lbf" in panel.answer.reasons.item(0).text() and " kN" not in panel.answer.reasons.item(0).text()
    assert "km" not in panel.answer.reasons.item(0).text()
