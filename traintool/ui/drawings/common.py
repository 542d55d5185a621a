"""Shared parts of every car drawing: running gear, underframe, buffers, body shell, windows.

Drawings work in metres in the car's own frame: x from 0 (front) to the car's length, y upward
is negative (Qt's y grows down), rail level at y = 0. paint_car() sets up that frame.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

WHEEL_R = 0.46
FLOOR_Y = -1.25  # top of the underframe
ROOF_Y = -4.15  # top of a coach body's side wall
BODY_TOP = -4.35  # top of the roof

ARMOR_GREEN = QColor("#2e5a37")
ARMOR_DARK = QColor("#1d3b24")
ARMOR_LINE = QColor("#173020")
GOLD = QColor("#d6b243")
GLASS = QColor("#27343d")
GLASS_LIGHT = QColor("#8fb2c6")
STEEL = QColor("#3b3f43")
RUNNING_GEAR = QColor("#26282a")


def pen(color: QColor | str, width: float = 0.06) -> QPen:
    p = QPen(QColor(color))
    p.setWidthF(width)
    p.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return p


def fill(painter: QPainter, path: QPainterPath, color: QColor | str, outline: QColor | str | None = None,
         width: float = 0.06) -> None:
    painter.setBrush(QBrush(QColor(color)))
    painter.setPen(pen(outline, width) if outline is not None else Qt.PenStyle.NoPen)
    painter.drawPath(path)


def rect(x: float, y: float, w: float, h: float, radius: float = 0.0) -> QPainterPath:
    p = QPainterPath()
    if radius:
        p.addRoundedRect(QRectF(x, y, w, h), radius, radius)
    else:
        p.addRect(QRectF(x, y, w, h))
    return p


def running_gear(painter: QPainter, length: float, axles: int, bogies: int) -> None:
    """Wheels grouped in bogies (or single axles spread out), the bogie frames, the underframe."""
    painter.setBrush(QBrush(RUNNING_GEAR))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRect(QRectF(0.5, FLOOR_Y, length - 1.0, 0.3))  # underframe
    centres: list[float] = []
    if bogies:
        per = max(axles // bogies, 1)
        spacing = 1.9 if per <= 2 else 1.6
        inset = min(max(length * 0.14, 2.4), length / (2 * bogies) + 0.5)
        for b in range(bogies):
            cx = inset + (length - 2 * inset) * (b / (bogies - 1) if bogies > 1 else 0.5)
            first = cx - spacing * (per - 1) / 2
            axle_x = [first + spacing * k for k in range(per)]
            painter.setBrush(QBrush(STEEL))
            painter.drawRoundedRect(QRectF(axle_x[0] - 0.8, -1.05, axle_x[-1] - axle_x[0] + 1.6, 0.45), 0.12, 0.12)
            centres += axle_x
    else:
        n = max(axles, 2)
        inset = length * 0.2
        centres = [inset + (length - 2 * inset) * k / (n - 1) for k in range(n)]
    painter.setBrush(QBrush(RUNNING_GEAR))
    painter.setPen(pen("#111111", 0.05))
    for cx in centres:
        painter.drawEllipse(QPointF(cx, -WHEEL_R), WHEEL_R, WHEEL_R)
    painter.setBrush(QBrush(QColor("#9aa0a6")))
    painter.setPen(Qt.PenStyle.NoPen)
    for cx in centres:
        painter.drawEllipse(QPointF(cx, -WHEEL_R), 0.12, 0.12)


def buffers(painter: QPainter, length: float) -> None:
    painter.setBrush(QBrush(QColor("#1a1a1a")))
    painter.setPen(Qt.PenStyle.NoPen)
    for x in (0.0, length - 0.5):
        painter.drawRect(QRectF(x, -1.15, 0.5, 0.22))


def coach_shell(length: float, top: float = ROOF_Y) -> QPainterPath:
    """A coach body: straight sides, a rounded roof, slightly rounded ends."""
    p = QPainterPath()
    x0, x1 = 0.45, length - 0.45
    p.moveTo(x0, FLOOR_Y)
    p.lineTo(x0, top + 0.25)
    p.quadTo(x0, top - 0.2, x0 + 0.8, top - 0.2)
    p.lineTo(x1 - 0.8, top - 0.2)
    p.quadTo(x1, top - 0.2, x1, top + 0.25)
    p.lineTo(x1, FLOOR_Y)
    p.closeSubpath()
    return p


def window_row(painter: QPainter, x0: float, x1: float, count: int, w: float, y: float, h: float,
               color: QColor = GLASS, radius: float = 0.08, frame: QColor | None = None) -> None:
    """`count` windows of width w spread evenly between x0 and x1."""
    if count <= 0:
        return
    painter.setBrush(QBrush(color))
    painter.setPen(pen(frame, 0.05) if frame is not None else Qt.PenStyle.NoPen)
    gap = (x1 - x0 - count * w) / (count + 1)
    for k in range(count):
        x = x0 + gap + k * (w + gap)
        painter.drawRoundedRect(QRectF(x, y, w, h), radius, radius)


def armor_plates(painter: QPainter, length: float, top: float = ROOF_Y) -> None:
    """Plate seams and rivet lines: what makes an armored car read as armored."""
    painter.setPen(pen(ARMOR_LINE, 0.05))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for y in (top + 0.55, FLOOR_Y - 0.45):
        painter.drawLine(QPointF(0.6, y), QPointF(length - 0.6, y))
    n = max(int(length / 3.2), 2)
    for k in range(1, n):
        x = length * k / n
        painter.drawLine(QPointF(x, top + 0.55), QPointF(x, FLOOR_Y - 0.45))
    painter.setBrush(QBrush(ARMOR_LINE))
    painter.setPen(Qt.PenStyle.NoPen)
    x = 0.9
    while x < length - 0.8:
        painter.drawEllipse(QPointF(x, FLOOR_Y - 0.3), 0.05, 0.05)
        x += 0.6


def yellow_band(painter: QPainter, length: float, y: float, h: float = 0.16) -> None:
    painter.setBrush(QBrush(GOLD))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRect(QRectF(0.45, y, length - 0.9, h))
