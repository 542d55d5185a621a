"""Freight wagons: box car, flat car, tank car."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath

from .common import FLOOR_Y, fill, pen, rect
from .special import deck


def box_car(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    top = -4.0
    fill(painter, rect(0.45, top, length - 0.9, FLOOR_Y - top, 0.1), color, "#1a1a1a", 0.06)
    painter.setPen(pen(color.darker(150), 0.06))
    x = 0.45 + 0.9
    while x < length - 0.9:  # ribs
        painter.drawLine(QPointF(x, top + 0.1), QPointF(x, FLOOR_Y - 0.1))
        x += 0.9
    w = min(2.8, length * 0.25)
    fill(painter, rect(length / 2 - w / 2, top + 0.25, w, FLOOR_Y - top - 0.35), color.darker(115), "#111111", 0.07)
    painter.setPen(pen("#111111", 0.06))
    painter.drawLine(QPointF(length / 2 - w / 2, top + 0.25), QPointF(length / 2 + w / 2, FLOOR_Y - 0.1))
    painter.drawLine(QPointF(length / 2 + w / 2, top + 0.25), QPointF(length / 2 - w / 2, FLOOR_Y - 0.1))


def flat_car(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    deck(painter, length, color, FLOOR_Y - 0.25)
    painter.setPen(pen(color.darker(150), 0.12))
    n = max(int(length / 3.0), 3)
    for k in range(n + 1):  # stakes
        x = 0.6 + (length - 1.2) * k / n
        painter.drawLine(QPointF(x, FLOOR_Y - 0.25), QPointF(x, FLOOR_Y - 0.85))


def tank_car(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    tank = QPainterPath()
    tank.addRoundedRect(QRectF(0.8, -3.9, length - 1.6, 2.5), 1.2, 1.2)
    fill(painter, tank, color, "#0a0a0a", 0.07)
    painter.setBrush(QBrush(color.lighter(160)))
    painter.setPen(pen("#0a0a0a", 0.05))
    painter.drawRect(QRectF(length / 2 - 0.5, -4.3, 1.0, 0.45))  # dome
    painter.setPen(pen(color.lighter(180), 0.08))
    painter.drawLine(QPointF(1.8, -3.3), QPointF(length - 1.8, -3.3))  # highlight
    painter.setPen(pen("#0a0a0a", 0.08))
    for x in (length * 0.25, length * 0.75):  # tank bands
        painter.drawLine(QPointF(x, -3.9), QPointF(x, -1.4))
    painter.drawLine(QPointF(0.5, -1.35), QPointF(length - 0.5, -1.35))
