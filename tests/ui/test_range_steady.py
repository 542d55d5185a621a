"""While the range of an edited trip is computed, nothing moves: the line of the range keeps its room
(the pin button stays under the pointer) and the band of before stays on the plots, greyed, until the new one."""
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication

from traintool.render.plot_geometry import BAND_COLOR, STALE_BAND_COLOR


def laid_out_pin_y(panel) -> int:
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    return panel.answer.pin.mapTo(panel, QPoint(0, 0)).y()


def test_nothing_moves_while_the_range_is_computed_again(qtbot, window, ui):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    panel, plots, ranges = window.trip_panel, window.plots, window.trip_panel.range_computer
    qtbot.waitUntil(lambda: ranges.range is not None and plots.bands[plots.speed_plot][2].isVisible())
    settled = laid_out_pin_y(panel)
    seen = []  # the pin's place and the band, as each pending and ready came

    def record(state: str) -> None:
        fill = plots.bands[plots.speed_plot][2]
        seen.append((state, laid_out_pin_y(panel), fill.isVisible(), fill.brush().color().getRgb()))

    ranges.pending.connect(lambda _why: record("pending"))
    ranges.range_ready.connect(lambda _r, _top: record("ready"))
    ui.click_car(qtbot, window.layout_view, 5)
    qtbot.keyClick(window.layout_view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1][0] == "ready", timeout=30_000)
    pending = [s for s in seen if s[0] == "pending"]
    assert pending
    for state, y, band_shown, colour in seen:
        assert y == settled, (state, y, settled)  # the pin button never moved
        assert band_shown, state  # the band never vanished
    assert pending[0][3] == STALE_BAND_COLOR and seen[-1][3] == BAND_COLOR
