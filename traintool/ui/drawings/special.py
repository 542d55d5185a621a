"""The armored train's special cars: helicopter, vehicle carrier, security, communications, generator."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPolygonF  # noqa: F401

from .common import FLOOR_Y, GLASS, GLASS_LIGHT, ROOF_Y, fill, pen, rect, window_row
from .passenger import body, doors


def deck(painter: QPainter, length: float, color: QColor, y: float = FLOOR_Y - 0.15) -> None:
    fill(painter, rect(0.45, y, length - 0.9, FLOOR_Y - y + 0.05), color.darker(115), "#151515", 0.05)


def helicopter_car(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    deck(painter, length, color)
    # end bulkheads that shield the load
    for x in (0.45, length - 1.05):
        fill(painter, rect(x, -2.6, 0.6, 1.3), color, "#151515", 0.05)
    cx = length / 2
    heli = QColor("#55624a")
    # skids
    painter.setPen(pen("#1a1a1a", 0.12))
    painter.drawLine(QPointF(cx - 3.2, -1.5), QPointF(cx + 2.6, -1.5))
    for dx in (-2.0, 1.2):
        painter.drawLine(QPointF(cx + dx, -1.5), QPointF(cx + dx + 0.3, -2.0))
    # fuselage: a rounded cabin and a tapering tail boom
    cab = QPainterPath()
    cab.addEllipse(QRectF(cx - 3.6, -3.75, 5.0, 1.9))
    fill(painter, cab, heli, "#1e2419", 0.06)
    boom = QPolygonF([QPointF(cx + 1.0, -3.3), QPointF(cx + 6.5, -3.45), QPointF(cx + 6.5, -3.2), QPointF(cx + 1.0, -2.4)])
    boom_path = QPainterPath()
    boom_path.addPolygon(boom)
    boom_path.closeSubpath()
    fill(painter, boom_path, heli, "#1e2419", 0.06)
    fin = QPainterPath()
    fin.addPolygon(QPolygonF([QPointF(cx + 6.0, -3.4), QPointF(cx + 6.9, -4.4), QPointF(cx + 7.1, -4.4),
                              QPointF(cx + 6.7, -3.2)]))
    fill(painter, fin, heli, "#1e2419", 0.05)
    # canopy window
    canopy = QPainterPath()
    canopy.addEllipse(QRectF(cx - 3.4, -3.55, 1.8, 1.0))
    fill(painter, canopy, GLASS_LIGHT, "#1e2419", 0.04)
    # mast and main rotor, tail rotor
    painter.setPen(pen("#1a1a1a", 0.12))
    painter.drawLine(QPointF(cx - 0.9, -3.75), QPointF(cx - 0.9, -4.15))
    painter.setPen(pen("#1a1a1a", 0.14))
    painter.drawLine(QPointF(cx - 6.5, -4.2), QPointF(cx + 4.7, -4.1))
    painter.setPen(pen("#1a1a1a", 0.08))
    painter.drawLine(QPointF(cx + 6.8, -3.0), QPointF(cx + 7.4, -4.0))
    # tie-down straps
    painter.setPen(pen("#c9a227", 0.06))
    for dx in (-2.6, 2.2):
        painter.drawLine(QPointF(cx + dx, -1.4), QPointF(cx + dx + 0.5, -2.2))


def _limousine(painter: QPainter, x: float, y: float, w: float) -> None:
    """A car in side view, its wheels at y."""
    p = QPainterPath()
    p.moveTo(x, y - 0.25)
    p.lineTo(x, y - 0.65)
    p.lineTo(x + w * 0.22, y - 0.72)
    p.lineTo(x + w * 0.33, y - 1.15)
    p.lineTo(x + w * 0.75, y - 1.15)
    p.lineTo(x + w * 0.86, y - 0.72)
    p.lineTo(x + w, y - 0.62)
    p.lineTo(x + w, y - 0.25)
    p.closeSubpath()
    fill(painter, p, "#111418", "#000000", 0.03)
    window_row(painter, x + w * 0.33, x + w * 0.76, 2, w * 0.17, y - 1.08, 0.3, GLASS_LIGHT, 0.03)
    painter.setBrush(QBrush(QColor("#2b2b2b")))
    painter.setPen(pen("#888888", 0.03))
    for wx in (x + w * 0.2, x + w * 0.8):
        painter.drawEllipse(QPointF(wx, y - 0.25), 0.28, 0.28)


def vehicle_carrier(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    deck(painter, length, color)
    # an open frame with two decks of limousines
    upper = -2.75
    painter.setPen(pen(color.darker(140), 0.14))
    n = max(int(length / 3.0), 3)
    for k in range(n + 1):
        x = 0.6 + (length - 1.2) * k / n
        painter.drawLine(QPointF(x, FLOOR_Y - 0.1), QPointF(x, -4.25))
    painter.drawLine(QPointF(0.6, -4.25), QPointF(length - 0.6, -4.25))
    fill(painter, rect(0.6, upper, length - 1.2, 0.15), color, color.darker(160), 0.04)
    count = max(int((length - 1.5) / 5.6), 1)
    w = 4.9
    for deck_y in (FLOOR_Y - 0.15, upper):
        for k in range(count):
            _limousine(painter, 1.0 + k * (length - 2.0) / count + ((length - 2.0) / count - w) / 2, deck_y, w)


def _turret(painter: QPainter, cx: float, color: QColor, facing: int) -> None:
    fill(painter, rect(cx - 0.9, ROOF_Y - 0.75, 1.8, 0.75, 0.3), color.darker(110), "#10200f", 0.05)
    painter.setPen(pen("#0d0d0d", 0.16))
    painter.drawLine(QPointF(cx + 0.6 * facing, ROOF_Y - 0.45), QPointF(cx + 2.4 * facing, ROOF_Y - 0.75))


def security(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    body(painter, length, armored, color)
    doors(painter, length, color)
    window_row(painter, 2.4, length - 2.4, max(int(length / 3.6), 3), 0.9, -3.2, 0.28, GLASS, 0.02)  # firing slits
    _turret(painter, length * 0.28, color, -1)
    _turret(painter, length * 0.72, color, 1)


def communications(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    body(painter, length, armored, color)
    doors(painter, length, color)
    window_row(painter, 2.4, length - 2.4, max(int(length / 3.2), 3), 0.6, -3.3, 0.5, GLASS, 0.04)
    painter.setPen(pen("#111111", 0.07))
    for k in range(4):  # a row of whip antennas, kept under the drawing's height
        x = length * (0.12 + 0.08 * k)
        painter.drawLine(QPointF(x, ROOF_Y - 0.15), QPointF(x, ROOF_Y - 0.8))
        painter.drawLine(QPointF(x - 0.25, ROOF_Y - 0.6), QPointF(x + 0.25, ROOF_Y - 0.6))
    # a dish on a short mast, and the radio room's cream panel
    cx = length * 0.72
    painter.drawLine(QPointF(cx, ROOF_Y - 0.15), QPointF(cx, ROOF_Y - 0.4))
    dish = QPainterPath()
    dish.moveTo(cx - 1.1, ROOF_Y - 0.8)
    dish.quadTo(cx - 0.2, ROOF_Y - 0.1, cx + 1.1, ROOF_Y - 0.8)
    dish.closeSubpath()
    fill(painter, dish, "#d9dcdf", "#222222", 0.05)
    fill(painter, rect(length * 0.55, -3.5, length * 0.3, 0.9, 0.05), QColor("#d8d2b8"), "#222222", 0.05)
    painter.setPen(pen("#b3262a", 0.12))
    painter.drawLine(QPointF(length * 0.57, -3.05), QPointF(length * 0.83, -3.05))


def generator(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    body(painter, length, armored, color)
    # louvre panels and exhaust stacks
    painter.setPen(pen("#0f1f12", 0.06))
    for panel in range(3):
        x0 = length * (0.18 + 0.24 * panel)
        fill(painter, rect(x0, -3.7, length * 0.18, 1.8), color.darker(125), "#0f1f12", 0.05)
        painter.setPen(pen("#0f1f12", 0.06))
        y = -3.5
        while y < -2.0:
            painter.drawLine(QPointF(x0 + 0.2, y), QPointF(x0 + length * 0.18 - 0.2, y))
            y += 0.22
    for k in range(2):
        x = length * (0.4 + 0.2 * k)
        fill(painter, rect(x, ROOF_Y - 0.9, 0.45, 0.75), "#303030", "#101010", 0.04)
    window_row(painter, 0.9, length * 0.16, 1, 0.6, -3.3, 0.5, GLASS, 0.04)
