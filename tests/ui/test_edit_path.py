"""The window changes documents only through DocumentHolder.edit; the bugs the old paths had."""
import pytest

from traintool.io import load_document, save_document
from traintool.model import edits
from traintool.units import UnitSystem


def test_the_cap_in_imperial_offers_only_what_the_file_reloads_with(qtbot, window, tmp_path):
    panel = window.trip_panel
    window.preferences.units = UnitSystem.IMPERIAL
    assert panel.knobs.cap_spin.maximum() == 335  # 150 m/s, the model's limit; it offered 500 mph (223 m/s)
    panel.knobs.cap_enabled.setChecked(True)
    panel.knobs.cap_spin.setValue(500)
    cap = window.holder.document.scenario.top_speed_cap_m_s
    assert cap is not None and cap <= 150
    path = tmp_path / "capped.consist.json"
    save_document(window.holder.document, path)
    assert load_document(path).scenario.top_speed_cap_m_s == cap


def test_a_document_with_an_unknown_route_has_no_route_not_the_previous_ones(qtbot, window):
    doc = window.holder.document.model_copy(update={"route_id": "nowhere", "route": None})
    window.holder.load(doc, None)
    assert window.holder.route is None and "nowhere" in window.holder.route_error
    qtbot.waitUntil(lambda: window.trip_computer.error is not None, timeout=20000)
    assert "nowhere" in window.trip_computer.error
    editor = window.ensure_plots().route_editor
    assert editor.stations.rowCount() == 0  # nothing of the previous route to edit
    editor.add_station()
    assert window.holder.document is doc and window.holder.document.route is None


def test_renaming_a_station_in_the_route_editor_keeps_its_dwell(qtbot, window):
    holder = window.holder
    assert holder.edit(edits.set_dwell, holder.route, "Khasan", 7380.0) is None
    editor = window.ensure_plots().route_editor
    row = [s.name for s in holder.route.stations].index("Khasan")
    editor.stations.item(row, 0).setText("Khasan border")
    assert holder.document.scenario.dwell_overrides_s == {"Khasan border": 7380.0}
    assert holder.route.stations[row].name == "Khasan border"
    window.undo_stack.undo()
    assert holder.document.scenario.dwell_overrides_s == {"Khasan": 7380.0}
    assert holder.route.stations[row].name == "Khasan"


def test_typing_in_a_spin_box_is_one_step_and_a_step_between_ends_it(qtbot, window):
    panel, holder, stack = window.trip_panel, window.holder, window.undo_stack
    steps = stack.count()
    panel.knobs.cap_enabled.setChecked(True)
    for v in (40, 41, 42):
        panel.knobs.cap_spin.setValue(v)
    assert stack.count() == steps + 1
    # A step with another key between: the cap typed after it is a step of its own (keys merge
    # consecutive steps only), and each undo goes back one of them.
    holder.edit(edits.set_scenario_field, "top_speed_cap_m_s", 20.0, merge_key="another field")
    panel.knobs.cap_spin.setValue(43)
    assert stack.count() == steps + 3
    assert holder.document.scenario.top_speed_cap_m_s == pytest.approx(43 / 3.6)
    stack.undo()
    assert holder.document.scenario.top_speed_cap_m_s == 20.0
    stack.undo()
    assert holder.document.scenario.top_speed_cap_m_s == pytest.approx(42 / 3.6)
    stack.undo()
    assert holder.document.scenario.top_speed_cap_m_s is None and stack.count() == steps + 3


def test_a_refused_edit_is_said_and_changes_nothing(qtbot, window):
    before = window.holder.document
    window.holder.edit(edits.set_scenario_field, "top_speed_cap_m_s", 1000.0)
    assert window.holder.document is before
    assert window.errors and "at most 540 km/h" in window.errors[-1]


@pytest.mark.parametrize("changes, views", [
    (edits.Changes(scenario=True), {"trip"}),
    (edits.Changes(cars=(3,)), {"trip", "consist"}),
])
def test_views_redraw_what_the_change_record_names(qtbot, window, changes, views, monkeypatch):
    relaid = []
    monkeypatch.setattr(window.layout_view, "_document_changed", lambda *_: relaid.append(1))
    window.holder.edited.emit(changes)
    assert bool(relaid) == ("consist" in views and changes.cars == edits.ALL)
    assert window.trip_computer._timer.isActive() == ("trip" in views)
