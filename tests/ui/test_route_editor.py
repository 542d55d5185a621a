"""Route edits are validated as the model validates, undoable, and saved inline or as a file."""
from traintool.io import load_route


def test_route_edit_applies_and_undoes(qtbot, window):
    editor = window.plots.route_editor
    before = window.trip_computer.result.running_s
    item = editor.sections.item(0, 3)  # the first section's speed limit
    item.setText("20")
    qtbot.waitUntil(lambda: window.trip_computer.result.running_s > before, timeout=20000)
    assert window.holder.document.route is not None  # the route is now the document's own
    assert abs(window.holder.document.route.sections[0].speed_limit_m_s - 20 / 3.6) < 1e-9
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: abs(window.trip_computer.result.running_s - before) < 1e-6, timeout=20000)
    assert window.holder.document.route is None


def test_a_gap_is_refused_with_the_reason(qtbot, window):
    editor = window.plots.route_editor
    doc = window.holder.document
    gap_start = window.holder.route.sections[0].end_m / 1000 + 1
    editor.sections.item(1, 0).setText(f"{gap_start:g}")  # section 2 would start 1 km after section 1 ends
    assert window.holder.document is doc
    assert "gap" in editor.error.text() and "sections[1]" in editor.error.text()
    editor.sections.item(0, 3).setText("fast")
    assert "not a number" in editor.error.text() and window.holder.document is doc


def test_add_station_and_save_route(qtbot, window, tmp_path):
    editor = window.plots.route_editor
    n = len(window.holder.route.stations)
    editor.sections.selectRow(2)
    editor.add_station()
    qtbot.waitUntil(lambda: len(window.holder.route.stations) == n + 1, timeout=20000)
    from traintool.io import save_route

    save_route(window.holder.route, tmp_path / "r.route.json")
    assert len(load_route(tmp_path / "r.route.json").stations) == n + 1
