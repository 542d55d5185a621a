"""What the plots show belongs to the window's document as it is now: the readout goes with the pointer and
with the document, a section highlight goes with the edit that made it stale and follows the units, a
baseline pinned on one document is never drawn on another."""
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

import builders
from traintool.io import save_document
from traintool.units import UnitSystem


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def point_at(qtbot, plot, x_shown: float, y_share: float = 0.5) -> None:
    """Move the mouse over the plot at distance `x_shown` (in the units shown); each call of a test at
    another distance (a move to where the pointer already is sends no event)."""
    vb = plot.getPlotItem().vb
    y0, y1 = vb.viewRange()[1]
    scene = vb.mapViewToScene(QPointF(x_shown, y0 + (y1 - y0) * y_share))
    qtbot.mouseMove(plot.viewport(), plot.mapFromScene(scene))


def test_the_readout_goes_when_the_pointer_leaves_and_when_the_document_changes(qtbot, window, ui):
    activate(qtbot, window)
    plots = window.plots
    qtbot.waitUntil(lambda: plots.speed_plot.isVisible() and plots.speed_plot.width() > 100)
    point_at(qtbot, plots.speed_plot, 21)
    qtbot.waitUntil(plots.hover.isVisible)
    qtbot.mouseMove(window.layout_view.viewport(), window.layout_view.viewport().rect().center())
    qtbot.waitUntil(lambda: not plots.hover.isVisible())
    point_at(qtbot, plots.speed_plot, 30)
    qtbot.waitUntil(plots.hover.isVisible)
    ui.click_car(qtbot, window.layout_view, 3)  # the pointer goes to the train, the key deletes a car
    point_at(qtbot, plots.speed_plot, 40)
    qtbot.waitUntil(plots.hover.isVisible)
    qtbot.keyClick(window.layout_view, Qt.Key.Key_Delete)
    assert not plots.hover.isVisible() and not any(line.isVisible() for line in plots.crosshairs)


def click_first_reason(qtbot, window):
    reasons = window.trip_panel.answer.reasons
    qtbot.waitUntil(lambda: reasons.count() > 0 and reasons.isVisible())
    window.trip_panel.scroll_area.ensureWidgetVisible(reasons)
    qtbot.mouseClick(reasons.viewport(), Qt.MouseButton.LeftButton, pos=reasons.visualItemRect(reasons.item(0)).center())


def region(plots):
    return tuple(plots._highlight.getRegion()) if plots._highlight is not None else None


def test_a_section_highlight_follows_the_units_and_goes_with_the_next_edit(qtbot, open_window, ui):
    window = open_window(builders.infeasible_documents()["stall"])
    activate(qtbot, window)
    plots = window.ensure_plots()
    click_first_reason(qtbot, window)
    qtbot.waitUntil(lambda: plots._highlight is not None)
    assert region(plots) == pytest.approx((20, 50))  # the steep section, in km
    window.preferences.units = UnitSystem.IMPERIAL
    assert region(plots) == pytest.approx((20 / 1.609344, 50 / 1.609344))  # in miles, as the axis
    window.preferences.units = UnitSystem.METRIC
    ui.click_car(qtbot, window.layout_view, 3)
    qtbot.keyClick(window.layout_view, Qt.Key.Key_Delete)
    assert region(plots) is None and plots.highlighted_section is None


def test_a_baseline_stays_with_its_document(qtbot, window, tmp_path):
    activate(qtbot, window)
    panel, plots = window.trip_panel, window.plots
    qtbot.mouseClick(panel.answer.pin, Qt.MouseButton.LeftButton)
    assert len(plots.baseline_speed_curve.getData()[0]) > 0
    other = tmp_path / "other.consist.json"
    save_document(builders.small_document(), other)
    assert window.file.open_path(str(other))
    qtbot.waitUntil(lambda: window.trip_computer.result is not None
                    and window.trip_computer.result.distance_m == window.holder.route.length_m)
    assert panel.baseline is None and not panel.answer.baseline_label.text()
    x, _ = plots.baseline_speed_curve.getData()
    assert x is None or len(x) == 0
    assert not panel.answer.total_delta.text()
