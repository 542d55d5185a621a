"""Text too long for its place ends with "…" (the whole of it in the tooltip), never cut mid-letter."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_the_status_bar_ends_with_an_ellipsis_when_the_window_is_narrow(qtbot, window):
    window.resize(700, 700)
    qtbot.waitUntil(lambda: window.stats_label.width() < window.stats_label.fontMetrics().horizontalAdvance(
        window.stats_label.text()))
    label = window.stats_label
    shown = label.shown_text()
    assert shown.endswith("…") and label.text().startswith(shown[:-1])
    assert label.fontMetrics().horizontalAdvance(shown) <= label.width()
    assert label.toolTip() == label.text()


def test_the_route_choice_ends_with_an_ellipsis_when_narrow(qtbot, window):
    box = window.trip_panel.knobs.route_box
    window.resizeDocks([window.trip_dock], [260], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    full = box.currentText()
    qtbot.waitUntil(lambda: box.fontMetrics().horizontalAdvance(full) > box.width() - 30)
    shown = box.shown_text()
    assert shown != full and shown.endswith("…") and full.startswith(shown[:-1])
