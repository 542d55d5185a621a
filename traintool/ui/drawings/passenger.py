"""Cars people ride in: coach, saloon, restaurant, kitchen, sleeper, baggage."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPainter

from .common import (
    ARMOR_DARK, FLOOR_Y, GLASS, GLASS_LIGHT, GOLD, ROOF_Y, armor_plates, coach_shell, fill, pen, rect, window_row,
    yellow_band,
)

CIVIL_BLUE = QColor("#2f5c8a")
CIVIL_GREY = QColor("#c9ced3")


def body(painter: QPainter, length: float, armored: bool, color: QColor, top: float = ROOF_Y) -> None:
    fill(painter, coach_shell(length, top), color, ARMOR_DARK if armored else "#1c1c1c")
    if armored:
        armor_plates(painter, length, top)


def doors(painter: QPainter, length: float, color: QColor) -> None:
    painter.setBrush(QBrush(color.darker(125)))
    painter.setPen(pen(color.darker(170), 0.04))
    for x in (0.9, length - 1.9):
        painter.drawRect(QRectF(x, ROOF_Y + 0.5, 1.0, FLOOR_Y - ROOF_Y - 0.55))


def coach(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    body(painter, length, armored, color)
    doors(painter, length, color)
    if armored:  # small, thick armored windows with heavy frames
        window_row(painter, 2.4, length - 2.4, max(int(length / 2.6), 3), 0.7, -3.35, 0.62, GLASS, 0.04, GOLD.darker(150))
    else:
        window_row(painter, 2.3, length - 2.3, max(int(length / 2.1), 4), 1.35, -3.4, 1.0, GLASS_LIGHT, 0.12)


def saloon(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    body(painter, length, armored, color)
    yellow_band(painter, length, -2.05, 0.22)
    yellow_band(painter, length, -3.85, 0.1)
    window_row(painter, 2.0, length - 2.0, max(int(length / 4.2), 3), 2.6, -3.45, 1.15, GLASS_LIGHT, 0.15, GOLD)
    # the emblem: a gold disc mid-car
    painter.setBrush(QBrush(GOLD))
    painter.setPen(pen(GOLD.darker(160), 0.05))
    painter.drawEllipse(QPointF(length / 2, -1.62), 0.28, 0.28)


def restaurant(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    body(painter, length, armored, color)
    doors(painter, length, color)
    # wide dining windows, each with a table lamp
    n = max(int(length / 4.4), 3)
    x0, x1, w = 2.3, length - 5.0, 3.0
    window_row(painter, x0, x1, n, w, -3.5, 1.25, QColor("#f1d58a"), 0.1, GOLD.darker(130))
    gap = (x1 - x0 - n * w) / (n + 1)
    painter.setPen(pen("#5a3b1a", 0.06))
    for k in range(n):
        cx = x0 + gap + k * (w + gap) + w / 2
        painter.drawLine(QPointF(cx - 0.7, -2.45), QPointF(cx + 0.7, -2.45))  # table
        painter.setBrush(QBrush(QColor("#fff3c4")))
        painter.drawEllipse(QPointF(cx, -2.8), 0.18, 0.18)  # lamp
    # the kitchen end: small windows
    window_row(painter, length - 5.0, length - 2.0, 2, 0.6, -3.4, 0.6, GLASS, 0.04)


def kitchen(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    body(painter, length, armored, color)
    doors(painter, length, color)
    window_row(painter, 2.4, length * 0.45, 3, 0.55, -3.3, 0.5, GLASS, 0.04)
    # a clerestory (raised roof lantern) with vents over the range, a serving hatch below it
    fill(painter, rect(length * 0.45, ROOF_Y - 0.55, length * 0.4, 0.4, 0.05), color.lighter(120), "#222222", 0.04)
    painter.setPen(pen("#222222", 0.05))
    x = length * 0.47
    while x < length * 0.84:
        painter.drawLine(QPointF(x, ROOF_Y - 0.5), QPointF(x, ROOF_Y - 0.2))
        x += 0.3
    fill(painter, rect(length * 0.52, -3.45, length * 0.26, 1.05, 0.05), QColor("#c8c2b0"), "#222222", 0.05)
    painter.setPen(pen("#222222", 0.04))
    for k in range(1, 6):
        y = -3.45 + 1.05 * k / 6
        painter.drawLine(QPointF(length * 0.52, y), QPointF(length * 0.78, y))
    # chimney
    fill(painter, rect(length * 0.3, ROOF_Y - 0.95, 0.5, 0.8), "#4a4a4a", "#222222", 0.04)
    fill(painter, rect(length * 0.3 - 0.1, ROOF_Y - 1.05, 0.7, 0.15), "#222222")
    painter.setPen(pen("#9a9a9a", 0.08))
    for k in range(3):  # a wisp of steam
        painter.drawLine(QPointF(length * 0.3 + 0.25 + 0.15 * k, ROOF_Y - 1.2 - 0.25 * k),
                         QPointF(length * 0.3 + 0.45 + 0.15 * k, ROOF_Y - 1.4 - 0.25 * k))


def sleeper(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    body(painter, length, armored, color)
    doors(painter, length, color)
    # compartments: a large window and a small one beside it, repeated
    n = max(int(length / 2.4), 4)
    x0, x1 = 2.2, length - 2.2
    step = (x1 - x0) / n
    painter.setPen(pen(GOLD.darker(150) if armored else "#1b2a33", 0.04))
    for k in range(n):
        x = x0 + k * step
        painter.setBrush(QBrush(GLASS if armored else GLASS_LIGHT))
        painter.drawRoundedRect(QRectF(x + 0.15, -3.4, step * 0.58, 0.75 if armored else 0.95), 0.06, 0.06)
        painter.setBrush(QBrush(GLASS))
        painter.drawRoundedRect(QRectF(x + step * 0.8, -3.55, step * 0.14, 0.35), 0.03, 0.03)
    yellow_band(painter, length, -2.3, 0.07)


def baggage(painter: QPainter, length: float, armored: bool, color: QColor) -> None:
    body(painter, length, armored, color)
    # a large sliding door with its rail
    w = min(3.2, length * 0.22)
    x = length / 2 - w / 2
    door = rect(x, ROOF_Y + 0.45, w, FLOOR_Y - ROOF_Y - 0.5)
    fill(painter, door, QColor("#8d9288"), "#111111", 0.08)  # a bare steel door stands out on any livery
    painter.setPen(pen("#111111", 0.07))
    painter.drawLine(QPointF(x, ROOF_Y + 0.45), QPointF(x + w, FLOOR_Y - 0.05))  # the door's braces
    painter.drawLine(QPointF(x + w, ROOF_Y + 0.45), QPointF(x, FLOOR_Y - 0.05))
    painter.setPen(pen("#111111", 0.08))
    painter.drawLine(QPointF(x - 0.4, ROOF_Y + 0.4), QPointF(x + 2 * w, ROOF_Y + 0.4))
    painter.drawLine(QPointF(x + w * 0.85, -2.5), QPointF(x + w * 0.85, -2.0))  # handle
    window_row(painter, 2.0, x - 0.5, 2, 0.6, -3.3, 0.5, GLASS, 0.04)
    window_row(painter, x + w + 0.5, length - 2.0, 2, 0.6, -3.3, 0.5, GLASS, 0.04)
