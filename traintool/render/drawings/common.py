"""Shared parts of every car drawing: the cached drawing itself, liveries, running gear, buffers,
body shells, windows and armour.

Drawings are built once per (kind, armored, length, axles, bogies, variant) in the car's own frame,
in metres: x from 0 (the front, left end) to the car's length over buffers, rail level at y = 0
and y growing downward as in Qt, so everything above the rail has a negative y. paint_car() maps
that frame onto the painter with a translation and a scale, so painting a car is a few dozen
fills of cached paths.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QGradient, QLinearGradient, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF, QTransform,
)

# --- vertical datums (metres; negative is above the rail) ---------------------------------------
WHEEL_R = 0.46  # a 920 mm wheel
BUFFER_Y = -1.06  # buffer and coupler centre line, 1,060 mm above the rail (UIC)
SILL_Y = -1.12  # lower edge of a body side
EAVE_Y = -3.92  # top of a body side, where the roof begins
ROOF_Y = -4.30  # top of a coach roof: a coach is ~4.3 m tall from the rail
END_M = 0.62  # buffer length: a body starts this far in from the car's end
MIN_LINE_PX = 0.35  # outlines thinner than this on the device are not drawn
UNITS_PER_M = 100.0  # finished drawings are stored in centimetres (see Drawing.finish)

# --- levels of detail: the smallest scale (px per metre) at which a layer is still drawn --------
ALWAYS = 0.0
DETAIL = 7.0  # seams, grilles, ribs, springs: lost in a blur below this
FINE = 16.0  # rivets, curtains, bolts, lamp shades: only when zoomed in

# --- palette -----------------------------------------------------------------------------------
INK = "#161a17"  # outlines
RUNNING = "#25282a"  # wheels, bogie frames
STEEL = "#4a4f54"  # underframe equipment, buffers
STEEL_LIGHT = "#8d949a"
GLASS = "#1d262b"  # tinted, armoured glass
GLASS_CLEAR = "#9ec3d6"  # ordinary glass
GLASS_SHINE = "#d4e8f2"
WARM_LIGHT = "#f6d889"  # a lit dining room
GOLD = "#e2bd3f"
RED = "#b8282e"
CREAM = "#efe6cc"


@dataclass(frozen=True)
class Livery:
    """The colours of one car: its body, the band along it, the roof and the window frames."""

    body: str
    band: str | None = None  # the stripe along the body
    upper: str | None = None  # a window band in another colour (two-tone liveries)
    roof: str = "#3d4240"
    frame: str = "#202622"  # window frames and trim
    seam: str = "#1a2e1f"  # plate seams and panel lines


ARMORED = Livery(body="#2a4e32", band=GOLD, roof="#353b37", frame="#121a14", seam="#1a3120")


@dataclass(frozen=True)
class Spec:
    """What a builder needs to know about the car it draws."""

    length: float
    armored: bool
    axles: int
    bogies: int
    variant: tuple[str, ...]
    livery: Livery

    @property
    def x0(self) -> float:
        """Front face of the body."""
        return min(END_M, self.length * 0.06)

    @property
    def x1(self) -> float:
        """Rear face of the body."""
        return self.length - self.x0


# --- the cached drawing ------------------------------------------------------------------------
@dataclass
class Layer:
    """Paths of one style, in metres: filled with `brush`, outlined in `line` (width in metres)."""

    path: QPainterPath
    brush: QBrush | None
    line: str | None
    width: float
    min_scale: float
    key: tuple[object, str | None, float, float]


@dataclass
class Fill:
    """What is painted: a path, its brush, the smallest scale (px/m) at which it is drawn."""

    path: QPainterPath
    brush: QBrush
    min_scale: float


@dataclass
class Drawing:
    """A car's drawing as styled painter paths, in metres, in painting order.

    Consecutive additions in the same style are merged into one path, so a row of ten windows
    costs one call. finish() turns every outline into a filled path once (QPainterPathStroker),
    because filling is several times cheaper than stroking curves at paint time: painting a
    finished drawing is only fills.
    """

    layers: list[Layer] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    _silhouette: QPainterPath | None = None

    def add(self, path: QPainterPath, fill: str | QBrush | None = None, line: str | None = None,
            width: float = 0.05, detail: float = ALWAYS) -> None:
        if path.isEmpty():
            return
        if isinstance(fill, QBrush):
            brush: QBrush | None = fill
            fill_key: object = ("brush", len(self.layers))  # never merged
        else:
            brush = QBrush(QColor(fill)) if fill is not None else None
            fill_key = fill
        key = (fill_key, line, round(width, 4) if line else 0.0, detail)
        if self.layers and self.layers[-1].key == key:
            self.layers[-1].path.addPath(path)
            return
        merged = QPainterPath(path)
        merged.setFillRule(Qt.FillRule.WindingFill)
        self.layers.append(Layer(merged, brush, line, width, detail, key))

    def lines(self, segments: Iterable[tuple[float, float, float, float]], color: str, width: float = 0.05,
              detail: float = ALWAYS) -> None:
        """Straight strokes (x1, y1, x2, y2), as one layer."""
        p = QPainterPath()
        for x1, y1, x2, y2 in segments:
            p.moveTo(x1, y1)
            p.lineTo(x2, y2)
        self.add(p, None, color, width, detail)

    def finish(self, length: float, height: float) -> "Drawing":
        """Freeze the drawing for painting: outlines become fills, metres become centimetres,
        and anything reaching out of the car's rectangle (0..length, rail..height) is clipped.

        Qt's raster engine fills paths with coordinates of about 1 (metres) an order of magnitude
        slower than the same shapes in larger units, whatever the painter's scale: the frozen
        paths are in centimetres, painted through a further scale of 1/100.
        """
        to_cm = QTransform.fromScale(UNITS_PER_M, UNITS_PER_M)
        stroker = QPainterPathStroker()
        stroker.setCapStyle(Qt.PenCapStyle.FlatCap)
        stroker.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        stroker.setMiterLimit(2.0)
        stroker.setCurveThreshold(0.25)  # in centimetres: smooth at any zoom on screen
        limits = QRectF(0.0, -height * UNITS_PER_M, length * UNITS_PER_M, height * UNITS_PER_M)
        clip = QPainterPath()
        clip.addRect(limits)

        def inside(p: QPainterPath) -> QPainterPath:
            return p if limits.contains(p.boundingRect()) else p.intersected(clip)

        self.fills = []
        for layer in self.layers:
            path = to_cm.map(layer.path)
            path.setFillRule(Qt.FillRule.WindingFill)
            if layer.brush is not None:
                brush = QBrush(layer.brush)
                brush.setTransform(to_cm)  # gradients were laid out in metres
                self.fills.append(Fill(inside(path), brush, layer.min_scale))
            if layer.line is not None:
                stroker.setWidth(layer.width * UNITS_PER_M)
                outline = stroker.createStroke(path)
                outline.setFillRule(Qt.FillRule.WindingFill)
                outline = inside(outline)
                # an outline thinner than a third of a pixel is left out: it would only grey the edge
                min_scale = max(layer.min_scale, MIN_LINE_PX / max(layer.width, 1e-6))
                self.fills.append(Fill(outline, QBrush(QColor(layer.line)), min_scale))
        return self

    def paint(self, painter: QPainter, scale: float) -> None:
        """Paint in the drawing's frame (metres); `scale` is the size of a metre on the device, in px."""
        painter.scale(1.0 / UNITS_PER_M, 1.0 / UNITS_PER_M)
        painter.setPen(Qt.PenStyle.NoPen)
        for f in self.fills:
            if scale >= f.min_scale:
                painter.setBrush(f.brush)
                painter.drawPath(f.path)
        painter.scale(UNITS_PER_M, UNITS_PER_M)

    def silhouette(self) -> QPainterPath:
        """The car's outer shape (in the frozen drawing's centimetres): the outer contours of every part drawn
        at any size, without the holes between them (outlined, a vehicle carrier's open cage filled up at a
        small size). Made on first use (a few milliseconds) and kept with the drawing."""
        if self._silhouette is None:
            whole = QPainterPath()
            whole.setFillRule(Qt.FillRule.WindingFill)
            for f in self.fills:
                if f.min_scale <= ALWAYS:
                    whole.addPath(f.path)
            contours = whole.simplified().toSubpathPolygons()
            outer = QPainterPath()
            for i, contour in enumerate(contours):
                if contour.isEmpty() or any(j != i and other.containsPoint(contour.first(), Qt.FillRule.OddEvenFill)
                                            for j, other in enumerate(contours)):
                    continue  # a hole, inside another contour
                outer.addPolygon(contour)
                outer.closeSubpath()
            self._silhouette = outer
        return self._silhouette

    def paint_edge(self, painter: QPainter, color: QColor, px: float) -> None:
        """A line `px` device pixels wide along the silhouette, in the drawing's frame (metres), under the
        car: the half of it outside the car shows, so the car's shape stands out from what is behind it."""
        pen = QPen(color, px)
        pen.setCosmetic(True)  # device pixels, at any zoom
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.scale(1.0 / UNITS_PER_M, 1.0 / UNITS_PER_M)
        painter.strokePath(self.silhouette(), pen)
        painter.scale(UNITS_PER_M, UNITS_PER_M)

    def bounds(self) -> QRectF:
        """Where the drawing paints, in metres."""
        r = QRectF()
        for f in self.fills:
            r = r.united(f.path.boundingRect())
        k = 1.0 / UNITS_PER_M
        return QRectF(r.x() * k, r.y() * k, r.width() * k, r.height() * k)


# --- path helpers ------------------------------------------------------------------------------
def rect(x: float, y: float, w: float, h: float, radius: float = 0.0) -> QPainterPath:
    p = QPainterPath()
    if radius > 0:
        p.addRoundedRect(QRectF(x, y, w, h), radius, radius)
    else:
        p.addRect(QRectF(x, y, w, h))
    return p


def rects(items: Iterable[tuple[float, float, float, float]], radius: float = 0.0) -> QPainterPath:
    p = QPainterPath()
    for x, y, w, h in items:
        if radius > 0:
            p.addRoundedRect(QRectF(x, y, w, h), radius, radius)
        else:
            p.addRect(QRectF(x, y, w, h))
    return p


def circles(items: Iterable[tuple[float, float, float]]) -> QPainterPath:
    p = QPainterPath()
    for cx, cy, r in items:
        p.addEllipse(QPointF(cx, cy), r, r)
    return p


def poly(points: Sequence[tuple[float, float]]) -> QPainterPath:
    p = QPainterPath()
    p.addPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    p.closeSubpath()
    return p


def spaced(x0: float, x1: float, count: int, width: float) -> list[float]:
    """Left edges of `count` items of `width` spread between x0 and x1 with equal gaps."""
    if count <= 0:
        return []
    gap = (x1 - x0 - count * width) / (count + 1)
    return [x0 + gap + k * (width + gap) for k in range(count)]


def fit_count(span: float, pitch: float, minimum: int = 1) -> int:
    return max(int(span / pitch), minimum)


def vertical_gradient(top: float, bottom: float, stops: Sequence[tuple[float, str]]) -> QBrush:
    """A brush shading from top to bottom (in the drawing's metres), as for a cylinder."""
    g = QLinearGradient(0.0, top, 0.0, bottom)
    g.setSpread(QGradient.Spread.PadSpread)
    for at, color in stops:
        g.setColorAt(at, QColor(color))
    return QBrush(g)


# --- running gear ------------------------------------------------------------------------------
def _bogie_centres(start: float, length: float, bogies: int, half_span: float, heavy: bool) -> list[float]:
    if bogies == 1:
        return [start + length / 2]
    inset = max(length * (0.2 if heavy else 0.155), half_span + min(END_M, length * 0.06) + 0.3)
    inset = min(inset, length / 2)
    pitch = (length - 2 * inset) / (bogies - 1)
    return [start + inset + pitch * b for b in range(bogies)]


def running_gear(d: Drawing, s: Spec, *, heavy: bool = False, sections: int = 1) -> list[float]:
    """Wheels, grouped in bogies (or single axles spread along the car), with their frames.

    A car of several sections (a twin-section locomotive) has its bogies shared among them.
    Returns the axle positions. Everything stays within the car's length whatever the numbers.
    """
    length, axles, bogies = s.length, max(s.axles, 1), s.bogies
    positions: list[float] = []
    groups: list[list[float]] = []  # the axles of each bogie
    if bogies:
        per = max(axles // bogies, 1)
        spacing = 2.5 if per <= 2 else 1.85
        if heavy and per <= 2:
            spacing = 2.7
        sections = sections if sections > 1 and bogies % sections == 0 else 1
        part = length / sections
        half_span = spacing * (per - 1) / 2 + WHEEL_R
        centres = [c for k in range(sections) for c in _bogie_centres(k * part, part, bogies // sections, half_span, heavy)]
        room = min((b - a for a, b in zip(centres, centres[1:])), default=length - 2 * s.x0) * 0.85
        if per > 1 and spacing * (per - 1) + 2 * WHEEL_R + 0.2 > room:
            spacing = max((room - 2 * WHEEL_R - 0.2) / (per - 1), 0.0)
        for cx in centres:
            first = cx - spacing * (per - 1) / 2
            groups.append([first + spacing * k for k in range(per)])
            positions += groups[-1]
    else:
        inset = max(length * (0.24 if axles <= 2 else 0.16), s.x0 + 0.6)
        positions = [inset + (length - 2 * inset) * k / max(axles - 1, 1) for k in range(axles)]
        if axles == 1:
            positions = [length / 2]
    # Shrink the wheels if the axles are closer than a wheel (absurd types still draw sanely).
    closest = min((b - a for a, b in zip(positions, positions[1:])), default=2 * WHEEL_R + 0.2)
    r = max(min(WHEEL_R, closest * 0.46, length * 0.05), 0.02)
    f = r / WHEEL_R
    edge = r + 0.02

    def clamp(x: float) -> float:
        return min(max(x, edge), length - edge)

    positions = [clamp(x) for x in positions]
    groups = [[clamp(x) for x in g] for g in groups]
    ay = -r
    # the wheels, then the bogie side frames over them, then the axle boxes
    d.add(circles((x, ay, r - 0.02 * f) for x in positions), RUNNING, "#0d0e0f", 0.04 * f)  # the tread on the rail
    d.add(circles((x, ay, r * 0.8) for x in positions), None, "#4f5459", 0.035 * f, DETAIL)  # tyre
    d.add(circles((x, ay, r * 0.3) for x in positions), "#6f767d")  # hub
    if groups:
        frame_path = QPainterPath()
        bolster = QPainterPath()
        springs = QPainterPath()
        for g in groups:
            a, b = g[0], g[-1]
            over = 0.55 * f
            lo, hi = max(a - over, 0.01), min(b + over, length - 0.01)
            top, bottom = ay - 0.42 * f, ay - 0.06 * f
            pts = [(lo, ay - 0.16 * f), (lo + 0.12 * f, top), (hi - 0.12 * f, top), (hi, ay - 0.16 * f),
                   (hi - 0.25 * f, bottom)]
            if len(g) == 2 and b - a > 1.6 * f:  # dropped middle, where the bolster rests
                mid = (a + b) / 2
                pts += [(b - 0.45 * f, bottom), (mid + 0.45 * f, ay + 0.2 * f), (mid - 0.45 * f, ay + 0.2 * f),
                        (a + 0.45 * f, bottom)]
            pts.append((lo + 0.25 * f, bottom))
            frame_path.addPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))
            frame_path.closeSubpath()
            mid = (a + b) / 2
            bolster.addRect(QRectF(mid - 0.6 * f, top - 0.12 * f, 1.2 * f, 0.14 * f))
            for x in g:  # coil springs over each axle box
                springs.addRect(QRectF(x - 0.14 * f, top + 0.04 * f, 0.28 * f, 0.2 * f))
        d.add(bolster, RUNNING)
        d.add(frame_path, STEEL, INK, 0.04 * f)
        d.add(springs, "#2e3236", None, 0.0, DETAIL)
    else:
        # single axles: W-irons (axle guards) hanging from the solebar, and leaf springs
        guards = rects((x - 0.36 * f, SILL_Y + 0.2, 0.72 * f, max(-SILL_Y - 0.2 - r * 1.2, 0.05)) for x in positions)
        d.add(guards, STEEL, INK, 0.04 * f)
        leaves = QPainterPath()
        for x in positions:
            leaves.moveTo(x - 0.8 * f, ay - 0.62 * f)
            leaves.quadTo(x, ay - 0.2 * f, x + 0.8 * f, ay - 0.62 * f)
        d.add(leaves, None, RUNNING, 0.12 * f)
    boxes = rects((x - 0.17 * f, ay - 0.2 * f, 0.34 * f, 0.34 * f) for x in positions)
    d.add(boxes, "#3a3f44", INK, 0.03 * f)  # axle boxes
    d.add(circles((x, ay - 0.03 * f, 0.07 * f) for x in positions), "#8d949a", None, 0.0, DETAIL)
    return positions


def buffers(d: Drawing, s: Spec) -> None:
    """Side buffers and the screw coupling's hook at both ends, and the buffer beams."""
    length, x0, x1 = s.length, s.x0, s.x1
    reach = x0  # from the body face to the car's end
    beam = rects([(x0 - 0.08, BUFFER_Y - 0.32, 0.16, 0.62), (x1 - 0.08, BUFFER_Y - 0.32, 0.16, 0.62)])
    d.add(beam, RUNNING)
    casing = rects([(x0 - reach * 0.55, BUFFER_Y - 0.17, reach * 0.55, 0.34),
                    (x1, BUFFER_Y - 0.17, reach * 0.55, 0.34)])
    d.add(casing, STEEL, INK, 0.03)
    plunger = rects([(reach * 0.12, BUFFER_Y - 0.11, reach * 0.35, 0.22),
                     (length - reach * 0.47, BUFFER_Y - 0.11, reach * 0.35, 0.22)])
    d.add(plunger, STEEL_LIGHT, INK, 0.03, DETAIL)
    heads = rects([(0.0, BUFFER_Y - 0.23, reach * 0.14, 0.46),
                   (length - reach * 0.14, BUFFER_Y - 0.23, reach * 0.14, 0.46)], radius=reach * 0.05)
    d.add(heads, RUNNING)
    hook = QPainterPath()
    for end, sign in ((x0, -1), (x1, 1)):
        hook.moveTo(end, BUFFER_Y + 0.12)
        hook.lineTo(end + sign * reach * 0.7, BUFFER_Y + 0.12)
    d.add(hook, None, RUNNING, 0.08, DETAIL)


def underframe(d: Drawing, s: Spec, axle_x: Sequence[float]) -> None:
    """The solebar and the equipment hung between the bogies (tanks, batteries, brake gear)."""
    x0, x1 = s.x0, s.x1
    d.add(rect(x0 + 0.1, SILL_Y, x1 - x0 - 0.2, 0.22), RUNNING)
    if len(axle_x) < 2:
        return
    # the gap between the first bogie and the last one
    gaps = sorted(zip(axle_x, axle_x[1:]), key=lambda ab: ab[1] - ab[0], reverse=True)
    a, b = gaps[0]
    a, b = a + WHEEL_R + 0.5, b - WHEEL_R - 0.5
    if b - a < 1.5:
        return
    widths = [(b - a) * f for f in (0.22, 0.3, 0.16)]
    xs = spaced(a, b, len(widths), sum(widths) / len(widths))
    items = [(x, SILL_Y + 0.22, w, 0.42 - 0.1 * (k % 2)) for k, (x, w) in enumerate(zip(xs, widths))]
    d.add(rects(items, 0.06), STEEL, INK, 0.03)


# --- bodies --------------------------------------------------------------------------------------
def coach_shell(s: Spec, *, eave: float = EAVE_Y, roof: float = ROOF_Y,
                sill: float = SILL_Y) -> tuple[QPainterPath, QPainterPath]:
    """A coach body side with slightly rounded lower corners, and its roof with domed ends."""
    x0, x1 = s.x0, s.x1
    side = QPainterPath()
    side.moveTo(x0, eave)
    side.lineTo(x1, eave)
    side.lineTo(x1, sill - 0.18)
    side.quadTo(x1, sill, x1 - 0.18, sill)
    side.lineTo(x0 + 0.18, sill)
    side.quadTo(x0, sill, x0, sill - 0.18)
    side.closeSubpath()
    top = QPainterPath()
    dome = min(0.55, (x1 - x0) / 4)
    top.moveTo(x0, eave + 0.02)
    top.lineTo(x0, eave - 0.06)
    top.cubicTo(x0, roof + 0.05, x0 + dome * 0.3, roof, x0 + dome, roof)
    top.lineTo(x1 - dome, roof)
    top.cubicTo(x1 - dome * 0.3, roof, x1, roof + 0.05, x1, eave - 0.06)
    top.lineTo(x1, eave + 0.02)
    top.closeSubpath()
    return side, top


def passenger_body(d: Drawing, s: Spec, *, eave: float = EAVE_Y, roof: float = ROOF_Y, gangways: bool = True,
                   upper_from: float | None = None) -> None:
    """Gangway bellows, the body side in the livery (two-tone if it has an upper colour) and the roof."""
    c = s.livery
    if gangways:
        g = rects([(s.x0 - 0.26, -3.62, 0.3, 2.1), (s.x1 - 0.04, -3.62, 0.3, 2.1)], 0.05)
        d.add(g, "#2a2c2d", INK, 0.03)
        folds = [(x, -3.55, x, -1.6) for e in (s.x0 - 0.2, s.x1 + 0.04) for x in (e, e + 0.08, e + 0.16)]
        d.lines(folds, "#4b4f52", 0.025, FINE)
    side, top = coach_shell(s, eave=eave, roof=roof)
    d.add(side, c.body, INK, 0.05)
    if c.upper and upper_from is not None:
        d.add(rect(s.x0, eave, s.x1 - s.x0, upper_from - eave), c.upper)
    d.add(top, c.roof, INK, 0.05)
    # gutter line along the eaves
    d.lines([(s.x0 + 0.2, eave - 0.04, s.x1 - 0.2, eave - 0.04)], "#0e110f", 0.04, DETAIL)


def band(d: Drawing, s: Spec, y: float, h: float, color: str | None = None) -> None:
    """A stripe along the whole body, in the livery's band colour unless told otherwise."""
    col = color or s.livery.band
    if col:
        d.add(rect(s.x0, y, s.x1 - s.x0, h), col)


def end_doors(d: Drawing, s: Spec, *, top: float = -3.55, both: bool = True) -> list[tuple[float, float]]:
    """Entrance doors near the ends, with a small window and a step; returns their (x, width)."""
    armored = s.armored
    w = 0.82 if s.length > 10 else s.length * 0.08
    xs = [s.x0 + 0.35]
    if both:
        xs.append(s.x1 - 0.35 - w)
    c = s.livery
    door_color = QColor(c.body).darker(112).name()
    d.add(rects([(x, top, w, SILL_Y - top) for x in xs], 0.04), door_color, INK, 0.04)
    win_h = 0.42 if armored else 0.75
    d.add(rects([(x + 0.18, top + 0.22, w - 0.36, win_h) for x in xs], 0.05), GLASS if armored else GLASS_CLEAR,
          c.frame, 0.05)
    d.add(rects([(x + 0.1, SILL_Y - 0.02, w - 0.2, 0.16) for x in xs]), RUNNING)  # steps
    d.lines([(x + w - 0.14, -2.35, x + w - 0.14, -1.95) for x in xs], STEEL_LIGHT, 0.05, FINE)  # handles
    return [(x, w) for x in xs]


def between_doors(s: Spec, doors: list[tuple[float, float]]) -> tuple[float, float]:
    """The stretch of body side between the entrance doors."""
    a = max((x + w for x, w in doors if x < s.length / 2), default=s.x0 + 0.2)
    b = min((x for x, w in doors if x > s.length / 2), default=s.x1 - 0.2)
    return a + 0.15, b - 0.15


def armored_bands(d: Drawing, s: Spec) -> None:
    """The armoured train's livery: a gold stripe under the windows and a fine one at the eaves."""
    band(d, s, -2.32, 0.12)
    band(d, s, EAVE_Y + 0.18, 0.05)


def star(cx: float, cy: float, r: float) -> QPainterPath:
    """A five-pointed star, point up."""
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = r if k % 2 == 0 else r * 0.42
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return poly(pts)


def windows(d: Drawing, xs: Iterable[float], w: float, y: float, h: float, *, glass: str = GLASS_CLEAR,
            frame: str = INK, frame_w: float = 0.05, radius: float = 0.1, shine: bool = True) -> None:
    xs = list(xs)
    d.add(rects(((x, y, w, h) for x in xs), radius), glass, frame, frame_w)
    if shine and glass != GLASS:
        # a reflection: a pale slanted stripe across each pane
        p = QPainterPath()
        for x in xs:
            k = min(w, h) * 0.35
            p.addPolygon(QPolygonF([QPointF(x + w * 0.18, y + h * 0.9), QPointF(x + w * 0.18 + k, y + h * 0.9),
                                    QPointF(x + w * 0.55 + k, y + h * 0.1), QPointF(x + w * 0.55, y + h * 0.1)]))
            p.closeSubpath()
        d.add(p, GLASS_SHINE, None, 0.0, DETAIL)


def armored_windows(d: Drawing, s: Spec, xs: Iterable[float], w: float, y: float, h: float) -> None:
    """Small windows of thick glass in heavy frames, with the armour shutter half drawn over each."""
    xs = list(xs)
    d.add(rects(((x - 0.08, y - 0.08, w + 0.16, h + 0.16) for x in xs), 0.05), s.livery.frame)
    d.add(rects(((x, y, w, h) for x in xs), 0.03), GLASS)
    d.add(rects(((x - 0.06, y - 0.06, w + 0.12, h * 0.3) for x in xs)), QColor(s.livery.body).darker(125).name(),
          INK, 0.03, DETAIL)
    d.add(circles((x + dx, y + h + 0.16, 0.035) for x in xs for dx in (0.05, w - 0.05)), INK, None, 0.0, FINE)


def armor_plates(d: Drawing, s: Spec, top: float = EAVE_Y + 0.1, bottom: float = SILL_Y - 0.05,
                 pitch: float = 2.6, seams_at: Sequence[float] = ()) -> None:
    """Plate seams and rows of rivets: what makes an armoured body read as armour."""
    x0, x1 = s.x0 + 0.1, s.x1 - 0.1
    n = fit_count(x1 - x0, pitch, 2)
    xs = [x0 + (x1 - x0) * k / n for k in range(1, n)]
    ys = list(seams_at) or [top + 0.25, bottom - 0.3]
    segs = [(x, top, x, bottom) for x in xs] + [(x0, y, x1, y) for y in ys]
    d.lines(segs, s.livery.seam, 0.035, DETAIL)
    rivets = []
    for y in ys:
        x = x0 + 0.2
        while x < x1 - 0.1:
            rivets.append((x - 0.03, y + 0.06, 0.06, 0.06))
            x += 0.42
    for x in xs:
        y = top + 0.2
        while y < bottom - 0.1:
            rivets.append((x + 0.06, y - 0.03, 0.06, 0.06))
            y += 0.42
    d.add(rects(rivets), QColor(s.livery.body).lighter(135).name(), None, 0.0, FINE)  # squares: cheaper than dots


def roof_vents(d: Drawing, xs: Iterable[float], roof: float = ROOF_Y, color: str = "#55595a") -> None:
    """Mushroom ventilators on a roof."""
    p = QPainterPath()
    for x in xs:
        p.addRect(QRectF(x - 0.07, roof - 0.12, 0.14, 0.14))
        p.addRoundedRect(QRectF(x - 0.22, roof - 0.24, 0.44, 0.14), 0.07, 0.07)
    d.add(p, color, INK, 0.03, DETAIL)


def louvres(d: Drawing, x: float, y: float, w: float, h: float, color: str, pitch: float = 0.14) -> None:
    """A grille panel: a frame and horizontal slats."""
    d.add(rect(x, y, w, h, 0.04), color, INK, 0.04)
    n = max(int(h / pitch), 1)
    d.lines([(x + 0.08, y + h * (k + 0.5) / n, x + w - 0.08, y + h * (k + 0.5) / n) for k in range(n)],
            "#0d110e", 0.045, DETAIL)


def lighter(color: str, factor: int) -> str:
    return QColor(color).lighter(factor).name()


def darker(color: str, factor: int) -> str:
    return QColor(color).darker(factor).name()
