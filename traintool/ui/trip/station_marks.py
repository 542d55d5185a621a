"""Every station of the route on a plot, in one item: its line across the plot area and its name
running up the line, a break of gauge solid red, any other station dotted grey.

One item per plot, not a labelled pg.InfiniteLine per station: a start, a route edit or a change
of units builds one item, and a pan moves no labels (each InfiniteLine places its own label again
on every pan). A name is drawn only where it clears the names drawn before it (spaced_labels, a break of
gauge's first): of close stations (Khasan and Tumangang, 5 km apart) one is named until the view is
zoomed in far enough to part them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QApplication

from ...render.plot_geometry import BREAK_COLOR, STATION_COLOR, spaced_labels
from ..common import theme

LABEL_COLOR = QColor(60, 60, 60)
GAP_PX = 3  # between a line and its name


@dataclass(frozen=True)
class Station:
    x: float  # in the plot's units of distance
    name: str
    is_break: bool

    @property
    def label(self) -> str:
        return self.name + (" (break of gauge)" if self.is_break else "")


class StationMarks(pg.GraphicsObject):
    def __init__(self, stations: list[Station]):
        super().__init__()
        self.stations = sorted(stations, key=lambda s: s.x)
        self._x = np.array([s.x for s in self.stations], dtype=float)
        self._breaks = [k for k, s in enumerate(self.stations) if s.is_break]
        self.font = QFont()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # the plot's own pointer handling stays as it was

    def viewRangeChanged(self) -> None:  # noqa: N802 - pyqtgraph's name: the view moved, the plot area is the bounds
        self.prepareGeometryChange()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802
        vb = self.getViewBox()
        return QRectF(vb.viewRect()) if vb is not None else QRectF()

    def layout(self) -> list[tuple[Station, float, QRectF | None]]:
        """In scene coordinates: each station in view, its line's x, and its name's rectangle if drawn.
        Of stations closer than a pixel, one line (a break of gauge's first): a route of thousands
        of stops costs a pixel column each, not a line each."""
        vb = self.getViewBox()
        if vb is None or not len(self._x):
            return []
        view, area = vb.viewRect(), vb.sceneBoundingRect()
        pixel = view.width() / max(area.width(), 1.0)  # a line on the plot area's very edge is still in view
        lo = int(np.searchsorted(self._x, view.left() - pixel, side="left"))
        hi = int(np.searchsorted(self._x, view.right() + pixel, side="right"))
        t = self.sceneTransform()
        scene_x = t.m11() * self._x[lo:hi] + (t.m21() * view.center().y() + t.dx())
        breaks = [k - lo for k in self._breaks if lo <= k < hi]
        _, one_per_pixel = np.unique(np.round(scene_x), return_index=True)
        taken = {round(float(scene_x[k])) for k in breaks}
        picked = sorted(breaks + [int(k) for k in one_per_pixel if round(float(scene_x[k])) not in taken])
        stations = [self.stations[lo + k] for k in picked]
        xs = [float(scene_x[k]) for k in picked]
        metrics = QFontMetricsF(self.font)
        across = metrics.height()  # a name runs up its line: its height is its width across the plot
        # Left of its line; right of it where the plot area ends (the first station, at 0 km).
        centres = [x - GAP_PX - across / 2 if x - GAP_PX - across >= area.left() else x + GAP_PX + across / 2 for x in xs]
        drawn = spaced_labels(centres, [across + 2] * len(xs), [s.is_break for s in stations])
        out: list[tuple[Station, float, QRectF | None]] = []
        for s, x, centre, is_drawn in zip(stations, xs, centres, drawn):
            rect = None
            if is_drawn:
                along = min(metrics.horizontalAdvance(s.label), area.height())
                rect = QRectF(centre - across / 2, area.center().y() - along / 2, across, along)
            out.append((s, x, rect))
        return out

    def drawn_labels(self) -> dict[str, QRectF]:
        """The names drawn, with their rectangles in scene coordinates (what a person reads)."""
        return {s.label: rect for s, _x, rect in self.layout() if rect is not None}

    def paint(self, p: QPainter, *_args) -> None:
        vb = self.getViewBox()
        if vb is None:
            return
        area = vb.sceneBoundingRect()
        p.save()
        # Drawn in scene coordinates (pixels), not the view's stretched units: upright text, even lines.
        p.setTransform(self.sceneTransform().inverted()[0] * p.transform())
        p.setClipRect(area)
        p.setFont(self.font)
        metrics = QFontMetricsF(self.font)
        dotted = QPen(QColor(STATION_COLOR), 1, Qt.PenStyle.DotLine)
        solid = QPen(QColor(BREAK_COLOR), 2)
        for s, x, rect in self.layout():
            p.setPen(solid if s.is_break else dotted)
            p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            if rect is not None:
                p.save()
                p.setPen(theme.ink(QApplication.palette(), LABEL_COLOR))  # readable on a dark plot too
                p.translate(rect.right(), rect.bottom())
                p.rotate(-90)  # reading up the line
                text = metrics.elidedText(s.label, Qt.TextElideMode.ElideRight, rect.height())  # a short plot: "Khasan (break of g…"
                p.drawText(QRectF(0, -rect.width(), rect.height(), rect.width()),
                           Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, text)
                p.restore()
        p.restore()
