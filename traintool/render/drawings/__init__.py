"""Vector drawings of cars in side view: one drawing code for the layout view, the catalogue's icons
and the PDF report.

paint_car() draws a car with its front (left end) at x = x_m·scale and rail level at
y = CAR_HEIGHT_M·scale, in painter units, the drawing rising from there and spanning
car.length_m·scale. Every drawing is a list of styled QPainterPaths in metres, built once per
(kind, armored, length, axles, bogies, variant) and cached, then painted through the painter's
transform: painting a car costs a few dozen drawPath() calls and stays sharp at any zoom, and in
a PDF it comes out as vectors. Fine detail (rivets, grilles, curtains) is left out when the car is
drawn too small to show it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QIconEngine, QPainter, QPen, QPixmap

from ...model import Car, CarKind, CarType, ResolvedCar, resolve_car
from ..dimensions import CAR_HEIGHT_M
from . import freight, locomotive, passenger, special
from .common import ARMORED, GOLD, Drawing, Livery, Spec, buffers, running_gear, underframe

Builder = Callable[[Drawing, Spec], None]

BUILDERS: dict[CarKind, Builder] = {
    CarKind.LOCOMOTIVE: locomotive.locomotive,
    CarKind.COACH: passenger.coach,
    CarKind.SALOON: passenger.saloon,
    CarKind.RESTAURANT: passenger.restaurant,
    CarKind.KITCHEN: passenger.kitchen,
    CarKind.SLEEPER: passenger.sleeper,
    CarKind.BAGGAGE: passenger.baggage,
    CarKind.HELICOPTER_CAR: special.helicopter_car,
    CarKind.VEHICLE_CARRIER: special.vehicle_carrier,
    CarKind.SECURITY: special.security,
    CarKind.COMMUNICATIONS: special.communications,
    CarKind.GENERATOR: special.generator,
    CarKind.BOX_CAR: freight.box_car,
    CarKind.FLAT_CAR: freight.flat_car,
    CarKind.TANK_CAR: freight.tank_car,
}

# Kinds with a body people ride or work in: bellows at the ends, equipment under the floor.
_PASSENGER_LIKE = {CarKind.COACH, CarKind.SALOON, CarKind.RESTAURANT, CarKind.KITCHEN, CarKind.SLEEPER,
                   CarKind.BAGGAGE, CarKind.SECURITY, CarKind.COMMUNICATIONS, CarKind.GENERATOR}

# Ordinary (not armoured) stock in its usual colours. Armoured cars all wear the armoured train's
# dark green with its gold stripe (common.ARMORED).
CIVIL: dict[CarKind, Livery] = {
    CarKind.COACH: Livery(body="#2c5a8e", upper="#cfd4d8", roof="#6d7378", frame="#2b3238", seam="#1f3f63"),
    CarKind.SALOON: Livery(body="#5a1a26", upper="#e6dcc2", band=GOLD, roof="#4b4f52", frame="#6e5520", seam="#3d1019"),
    CarKind.RESTAURANT: Livery(body="#9a2a26", upper="#e9dfc6", band=GOLD, roof="#55595c", frame="#5b1712", seam="#6a1a17"),
    CarKind.KITCHEN: Livery(body="#8a2e24", upper="#e9dfc6", roof="#55595c", frame="#4f1510", seam="#5e1a14"),
    CarKind.SLEEPER: Livery(body="#1e3563", band=GOLD, roof="#4e5356", frame="#0f1a33", seam="#142447"),
    CarKind.BAGGAGE: Livery(body="#4c5a65", roof="#5c6165", frame="#22292e", seam="#333e46"),
    CarKind.SECURITY: Livery(body="#59636d", band="#d8a93a", roof="#3e4349", frame="#23282d", seam="#3f474f"),
    CarKind.COMMUNICATIONS: Livery(body="#5b6870", roof="#4b5055", frame="#252b2f", seam="#3e4950"),
    CarKind.GENERATOR: Livery(body="#5a6346", roof="#44483d", frame="#272b1e", seam="#3c432e"),
    CarKind.HELICOPTER_CAR: Livery(body="#4a3b30", roof="#3b3f41", frame="#241c16", seam="#2e241d"),
    CarKind.VEHICLE_CARRIER: Livery(body="#6b7176", roof="#8a9096", frame="#30353a", seam="#474d52"),
    CarKind.BOX_CAR: Livery(body="#7b3b22", roof="#6f7275", frame="#3a1c10", seam="#55281a"),
    CarKind.FLAT_CAR: Livery(body="#3b302a", roof="#3b302a", frame="#1e1814", seam="#2a211c"),
    CarKind.TANK_CAR: Livery(body="#2b2f33", band="#b9bec3", roof="#2b2f33", frame="#111315", seam="#1b1e21"),
}
LOCOMOTIVES: dict[str, Livery] = {
    # standard-gauge diesels: green and cream with a gold band, as the Korean State Railway's
    "diesel": Livery(body="#2d6a3f", upper="#e4dab8", band=GOLD, roof="#3e4441", frame="#1a231d", seam="#1d4429"),
    # broad-gauge (Russian) locomotives: red and grey
    "broad": Livery(body="#b3282d", upper="#a7adb2", band="#eeeeee", roof="#4a4f53", frame="#2a1012", seam="#7a1a1e"),
    "electric": Livery(body="#28589a", upper="#c7ccd1", band="#f0c419", roof="#4a4f53", frame="#15243d", seam="#1b3d6b"),
}
SELECTION = QColor(30, 110, 230)


def variant(car_type: CarType) -> tuple[str, ...]:
    """What changes a locomotive's drawing besides its size: traction, gauge, one or two sections.

    The model has no traction field: a locomotive whose label says 'electric' is drawn as one.
    """
    if car_type.kind is not CarKind.LOCOMOTIVE:
        return ()
    traction = "electric" if "electric" in car_type.label.lower() else "diesel"
    gauge = "broad" if (car_type.gauge_mm or 0) >= 1520 else "standard"
    sections = "twin" if car_type.bogies >= 4 and car_type.bogies % 2 == 0 else "single"
    return (traction, gauge, sections)


def _livery(kind: CarKind, armored: bool, var: tuple[str, ...]) -> Livery:
    if armored:
        return ARMORED
    if kind is CarKind.LOCOMOTIVE:
        if "electric" in var:
            return LOCOMOTIVES["electric"]
        return LOCOMOTIVES["broad" if "broad" in var else "diesel"]
    return CIVIL[kind]


def livery(car: ResolvedCar) -> QColor:
    """The car's main colour (for the overview strip)."""
    return QColor(_livery(car.kind, car.armored, variant(car.type)).body)


@lru_cache(maxsize=1024)
def drawing(kind: CarKind, armored: bool, length: float, axles: int, bogies: int, var: tuple[str, ...]) -> Drawing:
    """The drawing of one car shape, built once and kept (the layout view asks for it on every paint)."""
    spec = Spec(length=length, armored=armored, axles=axles, bogies=bogies, variant=var,
                livery=_livery(kind, armored, var))
    d = Drawing()
    heavy = kind is CarKind.LOCOMOTIVE
    axle_x = running_gear(d, spec, heavy=heavy, sections=2 if "twin" in var else 1)
    if kind in _PASSENGER_LIKE:
        underframe(d, spec, axle_x)
    BUILDERS[kind](d, spec)
    buffers(d, spec)
    return d.finish(length, CAR_HEIGHT_M)


def drawing_for(car: ResolvedCar) -> Drawing:
    """The cached drawing of a car: its kind and type, with its own overrides (length, axles, armour)."""
    bogies = car.type.bogies
    if bogies and car.axles % bogies:  # an axle override that does not share over the bogies
        bogies = 0
    return drawing(car.kind, bool(car.armored), round(float(car.length_m), 3), int(car.axles), int(bogies),
                   variant(car.type))


EDGE_PX = 2.0  # the outline's width: half of it, a device pixel, shows outside the car (1.5 filled a carrier's cage)


def paint_car(painter: QPainter, car: ResolvedCar, x_m: float, *, scale: float = 1.0, selected: bool = False,
              edge: QColor | None = None) -> None:
    """Draw `car` in side view: front at x = x_m·scale, rail at y = CAR_HEIGHT_M·scale, rising upward;
    outlined in `edge`, where what is behind it would hide its shape (the layout's canvas in a dark theme)."""
    d = drawing_for(car)
    length = car.length_m
    painter.save()
    painter.translate(x_m * scale, CAR_HEIGHT_M * scale)
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    # The level of detail follows the size on the device (a PDF is drawn in full detail).
    t = painter.deviceTransform()
    px_per_m = max(abs(t.m11()) + abs(t.m21()), 1e-9)
    if edge is not None:
        d.paint_edge(painter, edge, EDGE_PX)
    d.paint(painter, px_per_m)
    if selected:
        px = 1.0 / px_per_m  # one device pixel, in metres
        area = QRectF(0.0, -CAR_HEIGHT_M, length, CAR_HEIGHT_M)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(SELECTION.red(), SELECTION.green(), SELECTION.blue(), 55)))
        painter.drawRoundedRect(area, 0.35, 0.35)
        pen = QPen(SELECTION)
        pen.setWidthF(max(2.0 * px, 0.12))  # two pixels, or 12 cm when zoomed in
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        w = pen.widthF() / 2
        painter.drawRoundedRect(area.adjusted(w, w, -w, -w), 0.35, 0.35)
    painter.restore()


def car_icon(car_type: CarType, size: QSize = QSize(96, 32), edge: QColor | None = None) -> QIcon:
    """The type's drawing, fitted into the size shown and standing on a rail, for the catalogue list
    (outlined in `edge`, as paint_car). Drawn when Qt first shows it, at the size and pixel ratio it asks
    for (_CarIconEngine)."""
    return QIcon(_CarIconEngine(car_type, size, edge))


def car_pixmap(car_type: CarType, size: QSize, ratio: float = 1.0, edge: QColor | None = None) -> QPixmap:
    """The type's drawing in a pixmap of `size` (device-independent pixels) at the pixel ratio given."""
    car = resolve_car(Car(type_id=car_type.id), car_type)
    pix = QPixmap(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.GlobalColor.transparent)
    w, h = size.width(), size.height()
    scale = min((w - 2) / car.length_m, (h - 2) / CAR_HEIGHT_M)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    x = (w / scale - car.length_m) / 2
    p.translate(0, h - 1 - CAR_HEIGHT_M * scale)
    p.setPen(QPen(QColor("#7a7a7a"), 1.0))
    p.drawLine(QPointF(0.5, CAR_HEIGHT_M * scale + 0.5), QPointF(w - 0.5, CAR_HEIGHT_M * scale + 0.5))
    paint_car(p, car, x, scale=scale, edge=edge)
    p.end()
    return pix


class _CarIconEngine(QIconEngine):
    """A car type's icon, drawn on first show and kept per size and pixel ratio. The catalogue's 24
    icons drawn up front, at 1x and 2x, were a twentieth of start-up; most are scrolled out of view."""

    def __init__(self, car_type: CarType, size: QSize, edge: QColor | None = None):
        super().__init__()
        self._type, self._size, self._edge = car_type, QSize(size), edge
        self._drawn: dict[tuple[int, int, float], QPixmap] = {}

    def _pixmap(self, size: QSize, ratio: float) -> QPixmap:
        key = (size.width(), size.height(), ratio)
        pix = self._drawn.get(key)
        if pix is None:
            pix = self._drawn[key] = car_pixmap(self._type, size, ratio, self._edge)
        return pix

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:  # noqa: N802 - Qt's name
        return self._size.scaled(size, Qt.AspectRatioMode.KeepAspectRatio)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._pixmap(size, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:  # noqa: N802
        return self._pixmap(size, scale)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        painter.drawPixmap(rect, self._pixmap(rect.size(), device.devicePixelRatioF() if device else 1.0))

    def clone(self) -> QIconEngine:
        return _CarIconEngine(self._type, self._size, self._edge)


__all__ = ["BUILDERS", "CAR_HEIGHT_M", "car_icon", "car_pixmap", "drawing", "drawing_for", "livery", "paint_car", "variant"]
