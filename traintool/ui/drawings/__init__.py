"""Vector drawings of cars in side view, one code for the layout view, the icons and the PDF report.

paint_car() draws a car with its front (left end) at x = x_m·scale and rail level at
y = CAR_HEIGHT_M·scale, in painter units. Drawings are painter paths, so they stay sharp at
any zoom and come out as vectors in a PDF.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

from ...model import CarKind, CarType, ResolvedCar, resolve_car
from ...model import Car as _Car
from . import freight, locomotive, passenger, special
from .common import ARMOR_GREEN, buffers, running_gear

CAR_HEIGHT_M = 5.0  # from the rail to the top of the tallest drawing (rotor, antennas)

Drawer = Callable[[QPainter, float, bool, QColor], None]

DRAWERS: dict[CarKind, Drawer] = {
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

# Liveries: the armored train's green; ordinary stock in its usual colours.
CIVIL_COLORS: dict[CarKind, QColor] = {
    CarKind.LOCOMOTIVE: QColor("#2f6b3e"),
    CarKind.BOX_CAR: QColor("#7a4a2a"),
    CarKind.FLAT_CAR: QColor("#6b5a45"),
    CarKind.TANK_CAR: QColor("#2a2d30"),
    CarKind.SLEEPER: QColor("#23457a"),
    CarKind.BAGGAGE: QColor("#5b6a78"),
}
SELECTION = QColor(40, 120, 230)


def livery(car: ResolvedCar) -> QColor:
    if car.armored:
        return ARMOR_GREEN
    return CIVIL_COLORS.get(car.kind, passenger.CIVIL_BLUE)


def paint_car(painter: QPainter, car: ResolvedCar, x_m: float, *, scale: float = 1.0, selected: bool = False) -> None:
    """Draw `car` in side view: front at x = x_m·scale, rail at y = CAR_HEIGHT_M·scale."""
    length = car.length_m
    painter.save()
    painter.translate(x_m * scale, CAR_HEIGHT_M * scale)
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if selected:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor(SELECTION.red(), SELECTION.green(), SELECTION.blue(), 45)))
        painter.drawRoundedRect(QRectF(0.0, -CAR_HEIGHT_M, length, CAR_HEIGHT_M), 0.3, 0.3)
    color = livery(car)
    if car.is_locomotive:
        locomotive.locomotive(painter, length, car.armored, color, broad_gauge=(car.type.gauge_mm or 0) >= 1520)
    else:
        DRAWERS[car.kind](painter, length, car.armored, color)
    running_gear(painter, length, car.axles, car.type.bogies)
    buffers(painter, length)
    if selected:
        pen = QPen(SELECTION)
        pen.setWidthF(0.18)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(0.05, -CAR_HEIGHT_M + 0.05, length - 0.1, CAR_HEIGHT_M - 0.1), 0.3, 0.3)
    painter.restore()


def car_icon(car_type: CarType, size: QSize = QSize(96, 32)) -> QIcon:
    """The type's drawing, fitted into `size`, for the catalogue."""
    pix = QPixmap(size)
    pix.fill(Qt.GlobalColor.transparent)
    car = resolve_car(0, _Car(type_id=car_type.id), car_type)
    scale = min(size.width() / car.length_m, size.height() / CAR_HEIGHT_M)
    p = QPainter(pix)
    paint_car(p, car, (size.width() / scale - car.length_m) / 2, scale=scale)
    p.end()
    return QIcon(pix)


__all__ = ["CAR_HEIGHT_M", "DRAWERS", "car_icon", "livery", "paint_car"]
