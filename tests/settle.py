"""Conditions for qtbot.waitUntil that say Qt has finished laying out, where a fixed wait would guess
how long it takes."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget


def laid_out(widget: QWidget) -> bool:
    """`widget` is shown and laid out. A layout is redone when Qt delivers the LayoutRequest events
    that a change posts (widgets and a plot's graphics items alike): those pending are delivered here,
    with those they post in turn; then each plot's graphics layout must say it is done, and its view
    have fitted and moved to its range."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    plots = widget.findChildren(pg.PlotWidget) + ([widget] if isinstance(widget, pg.PlotWidget) else [])
    return widget.isVisible() and all(_plot_done(p) for p in plots if p.isVisible())


def _plot_done(plot: pg.PlotWidget) -> bool:
    # A ViewBox fits its range to the data, and moves its items to a new range, when it is next
    # painted: pyqtgraph's own flags say whether either is still to do.
    vb = plot.getPlotItem().vb
    return plot.getPlotItem().layout.isActivated() and not vb._autoRangeNeedsUpdate and not vb._matrixNeedsUpdate
