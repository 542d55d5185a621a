"""Locomotives: a hood unit with its cab at the front, headlights, radiator grilles."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath

from .common import FLOOR_Y, GLASS_LIGHT, GOLD, fill, pen, rect


def locomotive(painter: QPainter, length: float, armored: bool, color: QColor, *, broad_gauge: bool = False) -> None:
    """A diesel with a cab at the front (left) and a long hood; broad-gauge types in grey and red."""
    body_color = QColor("#6d7278") if broad_gauge else color
    stripe = QColor("#b3262a") if broad_gauge else GOLD
    cab_w = min(3.6, length * 0.2)
    # long hood and cab as one outline: the cab stands taller
    p = QPainterPath()
    p.moveTo(0.5, FLOOR_Y)
    p.lineTo(0.5, -3.2)
    p.lineTo(1.0, -4.45)
    p.lineTo(0.5 + cab_w, -4.45)
    p.lineTo(0.5 + cab_w, -3.85)
    p.lineTo(length - 1.1, -3.85)
    p.quadTo(length - 0.5, -3.85, length - 0.5, -3.3)
    p.lineTo(length - 0.5, FLOOR_Y)
    p.closeSubpath()
    fill(painter, p, body_color, "#111111", 0.07)
    # cab windows: the raked front screen and a side window
    screen = QPainterPath()
    screen.moveTo(0.62, -3.25)
    screen.lineTo(1.05, -4.25)
    screen.lineTo(1.6, -4.25)
    screen.lineTo(1.6, -3.25)
    screen.closeSubpath()
    fill(painter, screen, GLASS_LIGHT, "#111111", 0.04)
    fill(painter, rect(1.9, -4.25, cab_w - 1.7, 0.9, 0.08), GLASS_LIGHT, "#111111", 0.04)
    # stripes along the body and a headlight
    painter.setBrush(QBrush(stripe))
    painter.setPen(pen(stripe.darker(150), 0.03))
    painter.drawRect(QRectF(0.5, -2.15, length - 1.0, 0.28))
    painter.drawRect(QRectF(0.5, -1.6, length - 1.0, 0.1))
    painter.setBrush(QBrush(QColor("#fff4b8")))
    painter.setPen(pen("#111111", 0.04))
    painter.drawEllipse(QPointF(0.8, -2.7), 0.2, 0.2)
    # hood doors and radiator grilles
    painter.setPen(pen(body_color.darker(170), 0.05))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    n = max(int((length - cab_w - 2) / 1.6), 3)
    x0 = 1.0 + cab_w
    step = (length - 1.2 - x0) / n
    for k in range(n):
        painter.drawRect(QRectF(x0 + k * step + 0.1, -3.65, step - 0.2, 1.3))
    painter.setPen(pen("#151515", 0.05))
    gx = length - 2.8
    y = -3.55
    while y < -2.5:
        painter.drawLine(QPointF(gx, y), QPointF(gx + 1.8, y))
        y += 0.18
    # exhaust and horn on the hood roof
    fill(painter, rect(length * 0.55, -4.15, 0.5, 0.3), "#222222")
    if armored:
        painter.setPen(pen("#0c1a0f", 0.05))
        for k in range(1, n):
            painter.drawLine(QPointF(x0 + k * step, -3.85), QPointF(x0 + k * step, FLOOR_Y))
