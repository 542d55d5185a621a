"""The plots under the wheel, as a person scrolls them: the distance axis zooms, to no less than 100 m;
the value axis stays fitted to what is in view."""
import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication


def wheel(widget, notches: int, at: QPoint) -> None:
    QApplication.sendEvent(widget, QWheelEvent(QPointF(at), QPointF(widget.mapToGlobal(at)), QPoint(0, 0),
                                               QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                                               Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))


def settle(qtbot, vb):
    """The view box fits its value axis on its next update."""
    qtbot.waitUntil(lambda: not vb._autoRangeNeedsUpdate if hasattr(vb, "_autoRangeNeedsUpdate") else True)
    vb.updateAutoRange()


def test_eighty_notches_in_stop_at_100_m_and_the_value_axis_fits_the_view(qtbot, window):
    plots = window.plots
    plot = plots.speed_plot
    qtbot.waitUntil(lambda: plot.isVisible() and plot.width() > 100)
    vb = plot.getPlotItem().vb
    (_, _), (y0_before, y1_before) = vb.viewRange()
    centre = vb.mapViewToScene(QPointF(300, (y0_before + y1_before) / 2))
    at = plot.mapFromScene(centre)
    for _ in range(80):
        wheel(plot.viewport(), 1, at)
    settle(qtbot, vb)
    (x0, x1), (y0, y1) = vb.viewRange()
    assert x1 - x0 >= 0.1 - 1e-9 and np.isfinite([x0, x1]).all()
    # The value axis is the speed around the pointer, not the whole trip's zoomed about the middle.
    x, v = plots.speed_curve.getData()
    seen = v[(x >= x0) & (x <= x1)]
    if len(seen):
        assert y0 <= float(seen.min()) + 1e-6 and float(seen.max()) <= y1 + 1e-6
    assert y1 - y0 >= 1 - 1e-9


def test_six_notches_keep_every_speed_of_the_view_in_the_view(qtbot, window):
    plots = window.plots
    plot = plots.speed_plot
    qtbot.waitUntil(lambda: plot.isVisible() and plot.width() > 100)
    vb = plot.getPlotItem().vb
    (x0, x1), (y0, y1) = vb.viewRange()
    span = x1 - x0
    at = plot.mapFromScene(vb.mapViewToScene(QPointF((x0 + x1) / 2, (y0 + y1) / 2)))
    for _ in range(6):
        wheel(plot.viewport(), 1, at)
    settle(qtbot, vb)
    (x0, x1), (y0, y1) = vb.viewRange()
    x, v = plots.speed_curve.getData()
    seen = v[(x >= x0) & (x <= x1)]
    assert len(seen) and y0 <= float(seen.min()) + 1e-6 and float(seen.max()) <= y1 + 1e-6
    assert x1 - x0 < span * 0.8  # the distance zoomed in
