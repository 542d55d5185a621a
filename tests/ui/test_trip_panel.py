"""The trip panel shows what compute_trip gives, live, in the chosen units, against a baseline."""
import numpy as np
import pytest

import builders

from traintool.io import resolve_route
from traintool.physics import compute_trip
from traintool.render.plot_geometry import time_line
from traintool.units import UnitSystem, format_duration


def _expected(window):
    doc = window.holder.document
    return compute_trip(doc, resolve_route(doc))


def test_panel_figures_equal_compute_trip(window):
    panel, r = window.trip_panel, _expected(window)
    assert panel.answer.total.text() == format_duration(r.total_s)
    assert panel.answer.figures["refit"][0].text() == format_duration(r.refit_s)
    assert panel.answer.figures["running"][0].text() == format_duration(r.running_s)
    assert panel.answer.figures["distance"][0].text() == "1,201 km"
    assert panel.legs.topLevelItemCount() == len(r.legs)
    khasan = panel.refits.topLevelItem(0)
    assert khasan.text(0).startswith("Khasan") and khasan.text(4) == format_duration(r.refits[0].duration_s)
    assert khasan.childCount() == len(r.refits[0].steps)


def test_removing_a_car_and_capping_speed_update_the_panel(qtbot, window):
    panel = window.trip_panel
    before = panel.answer.figures["refit"][0].text()
    window.holder.set_selection(list(range(40, 80)))
    window.commands.delete.trigger()
    qtbot.waitUntil(lambda: panel.answer.figures["refit"][0].text() != before, timeout=20000)
    assert panel.answer.figures["refit"][0].text() == format_duration(_expected(window).refit_s)
    running = window.trip_computer.result.running_s
    panel.knobs.cap_enabled.setChecked(True)
    panel.knobs.cap_spin.setValue(30)
    qtbot.waitUntil(lambda: window.trip_computer.result.running_s > running, timeout=20000)
    assert window.holder.document.scenario.top_speed_cap_m_s == pytest.approx(30 / 3.6)
    assert panel.answer.total.text() == format_duration(_expected(window).total_s)
    window.undo_stack.undo()  # the cap is an undoable edit
    qtbot.waitUntil(lambda: window.trip_computer.result.running_s == pytest.approx(running), timeout=20000)


def test_units_switch_converts_every_figure(qtbot, window):
    window.preferences.units = UnitSystem.IMPERIAL
    panel = window.trip_panel
    assert panel.answer.figures["distance"][0].text() == f"{1201.0 / 1.609344:,.0f} mi"
    assert panel.answer.figures["average"][0].text().endswith("mph")
    assert all(panel.legs.topLevelItem(i).text(2).endswith("mi") for i in range(panel.legs.topLevelItemCount()))
    x, _ = window.plots.speed_curve.getData()
    assert x[-1] == pytest.approx(window.trip_computer.result.distance_m / 1609.344)
    window.preferences.units = UnitSystem.METRIC


def test_a_pinned_baseline_tells_each_figures_change_with_its_sign(qtbot, window):
    from traintool.model import edits

    panel, holder = window.trip_panel, window.holder
    panel.pin_baseline()
    assert "baseline" in panel.answer.baseline_label.text()
    pinned = window.trip_computer.result

    def changes() -> dict[str, str]:
        return {"total": panel.answer.total_delta.text(), **{k: delta.text() for k, (_, delta) in panel.answer.figures.items()}}

    # Hamhung's 5 min stop becomes 2 h 20 min: the dwell, and so the trip, grow by 2 h 15 min; the
    # running and the refits do not move.
    holder.edit(edits.set_dwell, holder.route, "Hamhung", 140 * 60.0)
    qtbot.waitUntil(lambda: window.trip_computer.result is not pinned, timeout=20000)
    assert changes() == {"total": "+2 h 15 min", "dwell": "+2 h 15 min", "running": "±0 min", "refit": "±0 min",
                         "distance": "", "average": "", "allowance": "", "operations": ""}
    # No stop at Hamhung: 5 min less than the baseline, with a minus.
    edited = window.trip_computer.result
    holder.edit(edits.set_dwell, holder.route, "Hamhung", 0.0)
    qtbot.waitUntil(lambda: window.trip_computer.result is not edited, timeout=20000)
    assert changes()["total"] == changes()["dwell"] == "−5 min"
    panel.clear_baseline()
    assert set(changes().values()) == {""}


def test_a_train_that_cannot_change_gauge_says_so_first_and_its_reason_selects_the_cars(qtbot, window):
    from traintool.model import GaugeChange, StrandedCars, edits

    panel = window.trip_panel
    armored = [i for i, c in enumerate(window.holder.resolved_cars()) if c.armored and c.kind.value == "coach"]
    window.holder.edit(edits.set_car_field, armored, "gauge_change", GaugeChange.NONE)
    qtbot.waitUntil(lambda: panel.answer.total.text() == "Cannot complete", timeout=20000)
    r = _expected(window)
    assert r.total_s is None and [why.kind.value for why in r.reasons] == ["cannot_change_gauge"]
    # The first reason in the big type, one line for the cause however many cars (not one per car).
    assert panel.answer.headline_reason.isVisibleTo(panel) and panel.answer.headline_reason.text() == r.reasons[0].message
    assert panel.answer.headline_reason.text().startswith(f"{len(armored)} armored coaches, cars ")
    assert panel.answer.reasons.count() == 1 and panel.answer.warnings.count() == 0
    panel.answer._reason_clicked(panel.answer.reasons.item(0))
    assert window.holder.selection == armored
    assert "not run" in [panel.legs.topLevelItem(i).text(3) for i in range(panel.legs.topLevelItemCount())]
    # Leaving them behind is the user's choice: undoable, saved in the scenario, said in the panel.
    panel.knobs.stranded_box.setCurrentIndex(1)
    panel.knobs.stranded_box.activated.emit(1)
    qtbot.waitUntil(lambda: panel.answer.total.text() != "Cannot complete", timeout=20000)
    assert window.holder.document.scenario.stranded_cars is StrandedCars.LEAVE_BEHIND
    assert panel.answer.total.text() == format_duration(_expected(window).total_s)
    assert panel.answer.reasons.item(0).text().startswith(f"Left behind at Khasan: {len(armored)} armored coaches")
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.answer.total.text() == "Cannot complete", timeout=20000)
    assert panel.knobs.stranded_box.currentData() == StrandedCars.STOP


@pytest.mark.parametrize("kind", sorted(builders.infeasible_documents()))
def test_every_kind_of_impossible_trip_is_a_headline_not_a_duration(open_window, kind):
    d = builders.infeasible_documents()[kind]
    w = open_window(d)
    r = compute_trip(d, d.route)
    panel = w.trip_panel
    assert panel.answer.total.text() == "Cannot complete" and panel.answer.headline_reason.text() == r.reasons[0].message
    assert [panel.answer.reasons.item(i).text() for i in range(panel.answer.reasons.count())] == [
        f"✖ {why.kind.label}: {why.message}" for why in r.reasons]
    assert panel.answer.figures["average"][0].text() == "—"


def test_clicking_a_warning_selects_the_car(qtbot, window):
    from traintool.model import edits

    # An exchange track shorter than every coach: each is named in a warning.
    window.holder.edit(edits.set_facility_field, window.holder.route, "Khasan", "track_length_m", 20.0)
    qtbot.waitUntil(lambda: window.trip_panel.answer.warnings.count() > 0, timeout=20000)
    item = window.trip_panel.answer.warnings.item(0)
    car = window.trip_computer.result.warnings[0].car_index
    assert f"car {car + 1} " in item.text()
    window.trip_panel.answer._warning_clicked(item)
    assert window.holder.selection == [car]


def test_facility_and_dwell_edits_are_undoable(qtbot, window):
    panel = window.trip_panel
    refit = window.trip_computer.result.refit_s
    panel.facility_box.set_field("Khasan", "tracks", 6)
    qtbot.waitUntil(lambda: window.trip_computer.result.refit_s < refit, timeout=20000)
    assert window.holder.document.scenario.facility_overrides["Khasan"].tracks == 6
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.trip_computer.result.refit_s == pytest.approx(refit), timeout=20000)
    stop = panel.dwells.stops.topLevelItem(0)
    station = stop.text(0)  # the table is refilled once the edit is applied
    stop.setText(1, "45")
    qtbot.waitUntil(lambda: window.holder.document.scenario.dwell_overrides_s.get(station) == 2700, timeout=20000)


def test_plots_hold_the_profile(window):
    r = window.trip_computer.result
    x, v = window.plots.speed_curve.getData()
    assert np.allclose(x, r.profile.distance_m / 1000) and np.allclose(v, r.profile.speed_m_s * 3.6)
    tx, tt = window.plots.time_curve.getData()
    assert tt[-1] == pytest.approx(r.total_s / 3600)  # the time line ends at the total, stops included
    xs, ts = time_line(r, window.holder.route)
    assert np.all(np.diff(xs) >= 0) and np.all(np.diff(ts) >= -1e-9)


def test_refit_timeline_is_drawn_when_shown_and_follows_edits(qtbot, window):
    plots = window.plots
    computer = window.trip_computer

    def drawn():
        """(step, bar count, latest bar end in hours) of each bar item on the refit tab."""
        return {item.opts["name"]: (len(item.opts["x0"]), float(max(item.opts["x0"] + item.opts["width"])))
                for item in plots.refit_plot.bars}

    def expected():
        bars = computer.result.refits[0].timeline
        return {step: (sum(1 for b in bars if b.step == step), max(b.end_s for b in bars if b.step == step) / 3600)
                for step in dict.fromkeys(b.step for b in bars)}

    plots.tabs.setCurrentWidget(plots.refit_tab)
    assert drawn().keys() == expected().keys()
    assert all(drawn()[k] == (n, pytest.approx(end)) for k, (n, end) in expected().items())
    before = computer.result
    window.holder.set_selection(list(range(40, 80)))
    window.car_editing.delete()  # fewer cars: fewer cuts, a shorter exchange
    qtbot.waitUntil(lambda: computer.result is not before, timeout=20000)
    assert all(drawn()[k] == (n, pytest.approx(end)) for k, (n, end) in expected().items())
    # Not shown, it waits: an edit costs nothing there until the tab comes back.
    plots.tabs.setCurrentWidget(plots.speed_plot)
    before = computer.result
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: computer.result is not before, timeout=20000)
    assert plots._timeline_stale
    plots.tabs.setCurrentWidget(plots.refit_tab)
    assert all(drawn()[k] == (n, pytest.approx(end)) for k, (n, end) in expected().items())
