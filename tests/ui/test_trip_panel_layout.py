"""The trip panel fits a 1400x900 window: no sideways scrolling, no column or figure cut off at the right,
the reason under "Cannot complete" wrapped, and the refit settings one click away."""
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QTreeWidget, QWidget

from traintool.model import GaugeChange, edits


def _right_edge_in(widget: QWidget, area: QWidget) -> int:
    return widget.mapTo(area, QPoint(widget.width(), 0)).x()


def assert_fits(qtbot, panel) -> None:
    """Once Qt has laid the panel out (the assertions below are asked again until they hold, or time runs out)."""
    qtbot.waitUntil(lambda: _fits(panel))


def _fits(panel) -> None:
    viewport = panel.scroll_area.viewport()
    body = panel.scroll_area.widget()
    assert panel.scroll_area.horizontalScrollBar().maximum() == 0
    assert body.width() <= viewport.width()
    for w in body.findChildren(QWidget):
        if w.isVisibleTo(body) and w.width() > 0:
            assert _right_edge_in(w, body) <= body.width(), (type(w).__name__, getattr(w, "text", lambda: "")())
    for label in body.findChildren(QLabel):
        if label.isVisibleTo(body) and label.text():  # the whole text shown: wrapped, not cut
            assert label.height() >= label.heightForWidth(label.width()) if label.wordWrap() \
                else label.width() >= label.sizeHint().width(), label.text()
    for tree in body.findChildren(QTreeWidget):
        if not tree.isVisibleTo(body):
            continue
        assert tree.header().length() <= tree.viewport().width()
        for column in range(tree.columnCount()):  # the figures' columns are never narrower than their figures
            if not tree.isColumnHidden(column) and tree.header().sectionResizeMode(column) != tree.header().ResizeMode.Stretch:
                assert tree.columnWidth(column) >= tree.sizeHintForColumn(column)


def test_the_panel_fits_at_1400_by_900_with_a_baseline_and_an_impossible_trip(qtbot, window):
    panel = window.trip_panel
    assert window.width() == 1400
    assert_fits(qtbot, panel)
    # The range under the total is longer than the panel is wide: it wraps, not runs off or under the total.
    qtbot.waitUntil(lambda: panel.range_computer.range is not None, timeout=20_000)
    assert "between" in panel.answer.range_label.text()
    assert_fits(qtbot, panel)
    panel.pin_baseline()
    assert_fits(qtbot, panel)
    armored = [i for i, c in enumerate(window.holder.resolved_cars()) if c.armored and c.kind.value == "coach"]
    window.holder.edit(edits.set_car_field, armored, "gauge_change", GaugeChange.NONE)
    qtbot.waitUntil(lambda: panel.answer.total.text() == "Cannot complete", timeout=20000)
    assert panel.answer.headline_reason.isVisibleTo(panel) and len(panel.answer.headline_reason.text()) > 60
    assert_fits(qtbot, panel)


def test_refit_settings_are_one_click_away(qtbot, window):
    panel = window.trip_panel
    viewport = panel.scroll_area.viewport()
    section = panel.sections["facilities"]
    header = section.header
    # Its header shows without scrolling ...
    top = header.mapTo(viewport, QPoint(0, header.height())).y()
    assert panel.scroll_area.verticalScrollBar().value() == 0 and top <= viewport.height()
    assert not panel.facility_box.isVisibleTo(panel)
    # ... and one click opens the facility's figures.
    qtbot.mouseClick(header, Qt.MouseButton.LeftButton)
    assert panel.facility_box.isVisibleTo(panel) and section.is_open
    spins = [w for w in panel.facility_box.findChildren(QWidget) if w.objectName().startswith("facility:")]
    assert spins and all(s.isVisibleTo(panel) for s in spins)
    assert_fits(qtbot, panel)
    qtbot.mouseClick(header, Qt.MouseButton.LeftButton)
    assert not panel.facility_box.isVisibleTo(panel)


def test_refit_settings_header_shows_in_a_new_users_first_window_at_1400_by_900(qtbot, window_1400x900):
    """As the window sizes itself and its docks on a first run (the `window` fixture resizes a window whose
    docks keep Qt's sizes): the header showed there, and was pushed under the dock's edge by the time zone's row."""
    panel = window_1400x900.trip_panel
    qtbot.waitUntil(lambda: panel.range_computer.range is not None, timeout=30_000)  # the range's two lines
    viewport = panel.scroll_area.viewport()
    header = panel.sections["facilities"].header
    bottom = header.mapTo(viewport, QPoint(0, header.height())).y()
    assert panel.scroll_area.verticalScrollBar().value() == 0 and bottom <= viewport.height(), (bottom, viewport.height())
