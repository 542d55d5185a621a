"""Locomotives: a full-width body with a cab at each end (a twin-section locomotive: a cab at each
outer end, a gangway between the sections), the front headlight lit. Diesels show engine-room
grilles, an exhaust and radiator fans on the roof; electrics show side windows and pantographs."""
from __future__ import annotations

from PySide6.QtGui import QPainterPath

from .common import (
    DETAIL, FINE, GLASS_CLEAR, INK, RED, RUNNING, STEEL, STEEL_LIGHT, Drawing, Livery, Spec, circles, darker,
    fit_count, lighter, louvres, poly, rect, rects, spaced, windows,
)

SKIRT_Y = -1.08  # bottom of the body
SIDE_TOP = -3.98  # top of the body side
ROOF = -4.5  # top of the roof
CAB = 2.5  # length of a cab
LAMP_ON, LAMP_OFF = "#fff6c8", "#8f9498"


def _body(d: Drawing, c: Livery, a: float, b: float, cab_front: bool, cab_rear: bool) -> None:
    """The body between x = a and x = b: raked cab ends, a roof rounding down over them, the livery."""
    p = QPainterPath()
    p.moveTo(a, SKIRT_Y)
    if cab_front:
        p.lineTo(a, -2.7)
        p.lineTo(a + 0.42, SIDE_TOP + 0.02)
        p.cubicTo(a + 0.55, ROOF + 0.05, a + 0.75, ROOF, a + 1.2, ROOF)
    else:
        p.lineTo(a, SIDE_TOP + 0.1)
        p.quadTo(a, ROOF, a + 0.4, ROOF)
    if cab_rear:
        p.lineTo(b - 1.2, ROOF)
        p.cubicTo(b - 0.75, ROOF, b - 0.55, ROOF + 0.05, b - 0.42, SIDE_TOP + 0.02)
        p.lineTo(b, -2.7)
    else:
        p.lineTo(b - 0.4, ROOF)
        p.quadTo(b, ROOF, b, SIDE_TOP + 0.1)
    p.lineTo(b, SKIRT_Y)
    p.closeSubpath()
    d.add(p, c.body, INK, 0.06)
    if c.upper:  # two-tone: the upper part of the side, following the raked ends
        d.add(poly([(a + (0.06 if cab_front else 0.0), -2.55), (b - (0.06 if cab_rear else 0.0), -2.55),
                    (b - (0.42 if cab_rear else 0.0), SIDE_TOP + 0.02), (a + (0.42 if cab_front else 0.0), SIDE_TOP + 0.02)]),
              c.upper)
    d.add(poly([(a + (1.2 if cab_front else 0.4), ROOF), (b - (1.2 if cab_rear else 0.4), ROOF),
                (b - (1.0 if cab_rear else 0.2), ROOF + 0.2), (a + (1.0 if cab_front else 0.2), ROOF + 0.2)]), c.roof)
    if c.band:
        d.add(rects([(a + 0.02, -2.42, b - a - 0.04, 0.26), (a + 0.02, -1.78, b - a - 0.04, 0.1)]), c.band)


def _cabs(d: Drawing, c: Livery, ends: list[tuple[float, int]], lit_front: bool) -> None:
    """Each cab: the raked windscreen, a side window, the door and its steps, the lamps.

    `ends` holds (x of the cab's end face, +1 when the cab faces left / -1 when it faces right).
    """
    screen = QPainterPath()
    side_windows, doors = [], []
    for e, k in ends:
        screen.addPath(poly([(e + k * 0.08, -2.95), (e + k * 0.38, SIDE_TOP + 0.12), (e + k * 0.62, SIDE_TOP + 0.12),
                             (e + k * 0.62, -2.95)]))
        side_windows.append(e + k * 0.85 - (0.95 if k < 0 else 0.0))
        doors.append(e + k * 1.95 - (0.62 if k < 0 else 0.0))
    d.add(screen, GLASS_CLEAR, INK, 0.04)
    windows(d, side_windows, 0.95, -3.7, 0.78, frame=INK, radius=0.08)
    d.add(rects(((x, -3.75, 0.62, 2.6) for x in doors), 0.05), None, darker(c.body, 160), 0.05)
    d.add(rects(((x + 0.14, -3.6, 0.34, 0.5) for x in doors), 0.04), GLASS_CLEAR, INK, 0.03, DETAIL)
    steps = [(x + 0.05, -1.1 - 0.2 * j, x + 0.57, -1.1 - 0.2 * j) for x in doors for j in (0, 1)]
    d.lines(steps, STEEL_LIGHT, 0.05, DETAIL)
    for e, k in ends:
        lit = lit_front and k > 0  # the leading cab's lamps are on; a trailing cab shows red
        d.add(circles([(e + k * 0.1, -2.3, 0.17)]), LAMP_ON if lit else LAMP_OFF, INK, 0.04)
        if lit:
            d.add(circles([(e + k * 0.1, -2.3, 0.28)]), None, "#ffe98a", 0.05, DETAIL)  # its glow
        d.add(circles([(e + k * 0.07, -1.4, 0.08)]), "#f2f2f2" if lit else RED, INK, 0.02, DETAIL)  # marker
        d.add(circles([(e + k * 0.7, ROOF + 0.08, 0.12)]), LAMP_ON if lit else LAMP_OFF, INK, 0.03, DETAIL)  # top lamp


def _machine_room(d: Drawing, c: Livery, ma: float, mb: float, electric: bool) -> None:
    """The side between the cabs: windows and filter grilles (electric), or louvres and portholes (diesel)."""
    if electric:
        xs = spaced(ma, mb, fit_count(mb - ma, 1.6, 2), 0.7)
        windows(d, xs, 0.7, -3.55, 0.6, frame=INK, radius=0.06, shine=False)
        d.add(rects(((x - 0.05, -2.95, 0.8, 0.45) for x in xs), 0.03), darker(c.upper or c.body, 120), None, 0.0, DETAIL)
        d.lines([(x, -2.95 + 0.11 * j, x + 0.7, -2.95 + 0.11 * j) for x in xs for j in (1, 2, 3)], INK, 0.03, FINE)
        return
    n = fit_count(mb - ma, 2.1, 2)
    w = (mb - ma) / n - 0.3
    grille = darker(c.upper or c.body, 135)
    for j in range(n):
        x = ma + 0.15 + j * (w + 0.3)
        if j % 3 == 1:
            windows(d, [x + w / 2 - 0.3], 0.6, -3.7, 0.5, frame=INK, radius=0.25, shine=False)  # a porthole
        else:
            louvres(d, x, -3.75, w, 0.95, grille, pitch=0.13)
    seams = [(ma + j * (mb - ma) / n, -2.6, ma + j * (mb - ma) / n, -1.2) for j in range(1, n)]
    d.lines(seams, darker(c.body, 150), 0.04, DETAIL)  # the engine-room doors


def _roof_equipment(d: Drawing, c: Livery, ma: float, mb: float, electric: bool) -> None:
    if electric:
        for px in (ma + 1.6, mb - 1.6) if mb - ma > 5 else ((ma + mb) / 2,):
            _pantograph(d, px)
        d.add(rect(ma + (mb - ma) * 0.35, ROOF - 0.22, (mb - ma) * 0.3, 0.24, 0.05), "#5a5f63", INK, 0.03)  # resistors
        insulators = circles((x, ROOF - 0.1, 0.07) for x in spaced(ma + 3.0, mb - 3.0, 4, 0.0))
        d.add(insulators, "#c8c0a8", None, 0.0, FINE)
        return
    ex = ma + (mb - ma) * 0.3
    d.add(rect(ex - 0.25, ROOF - 0.28, 0.5, 0.3, 0.04), "#2a2c2d", INK, 0.03)  # exhaust
    d.add(rect(ex - 0.2, ROOF - 0.34, 0.4, 0.07), "#4a3b30", None, 0.0, FINE)  # soot
    fa, fb = ma + (mb - ma) * 0.55, mb - 0.2
    d.add(poly([(fa, ROOF + 0.02), (fa + 0.25, ROOF - 0.2), (fb - 0.25, ROOF - 0.2), (fb, ROOF + 0.02)]),
          lighter(c.roof, 115), INK, 0.04)  # the radiator section, its fans
    fans = spaced(fa, fb, max(int((fb - fa) / 1.6), 1), 1.1)
    d.add(rects(((x, ROOF - 0.18, 1.1, 0.12) for x in fans), 0.05), "#1c1e1f", None, 0.0, DETAIL)


def _pantograph(d: Drawing, px: float) -> None:
    """A single-arm pantograph, lowered, on its insulators."""
    base = ROOF - 0.02
    d.add(rects([(px - 0.75, base - 0.18, 0.16, 0.18), (px + 0.6, base - 0.18, 0.16, 0.18)], 0.04), "#d9d2bd", INK, 0.02)
    d.add(rect(px - 0.8, base - 0.26, 1.6, 0.08), "#3a3d40")
    arms = QPainterPath()
    arms.moveTo(px - 0.6, base - 0.28)
    arms.lineTo(px + 0.55, base - 0.36)
    arms.lineTo(px - 0.35, -4.93)
    d.add(arms, None, "#1d1f21", 0.06)
    d.add(rect(px - 0.75, -4.97, 0.8, 0.07, 0.03), "#1d1f21")  # the pan head


def _section(d: Drawing, s: Spec, a: float, b: float, *, cab_front: bool, cab_rear: bool, lit_front: bool) -> None:
    """One locomotive body between x = a and x = b, with the cabs it has."""
    c = s.livery
    electric = "electric" in s.variant
    _body(d, c, a, b, cab_front, cab_rear)
    ends = ([(a, 1)] if cab_front else []) + ([(b, -1)] if cab_rear else [])
    _cabs(d, c, ends, lit_front)
    ma = a + (CAB if cab_front else 0.6)
    mb = b - (CAB if cab_rear else 0.6)
    if mb - ma > 1.0:
        _machine_room(d, c, ma, mb, electric)
        _roof_equipment(d, c, ma, mb, electric)
    if cab_front and not electric:
        d.add(rect(a + 1.6, ROOF - 0.16, 0.45, 0.14, 0.05), STEEL, INK, 0.02, DETAIL)  # horn
    # under the frame: the fuel tank (diesel) or battery and transformer boxes (electric)
    mid, tank_w = (a + b) / 2, min((b - a) * 0.3, 5.0)
    d.add(rect(mid - tank_w / 2, SKIRT_Y, tank_w, 0.52, 0.18), STEEL if electric else RUNNING, INK, 0.03)
    d.lines([(a + 0.2, SKIRT_Y + 0.03, b - 0.2, SKIRT_Y + 0.03)], INK, 0.06)
    if s.armored:  # plates over the lower body
        xs = [a + (b - a) * k / 6 for k in range(1, 6)]
        d.lines([(x, -2.6, x, -1.25) for x in xs] + [(a + 0.2, -2.6, b - 0.2, -2.6)], c.seam, 0.04, DETAIL)
        rivets = rects((a + 0.35 + 0.42 * k, -2.53, 0.06, 0.06) for k in range(int((b - a - 0.7) / 0.42)))
        d.add(rivets, lighter(c.body, 135), None, 0.0, FINE)


def locomotive(d: Drawing, s: Spec) -> None:
    L, x0, x1 = s.length, s.x0, s.x1
    if "twin" in s.variant and L > 2 * (2 * CAB + 1):
        mid = L / 2
        _section(d, s, x0, mid - 0.35, cab_front=True, cab_rear=False, lit_front=True)
        _section(d, s, mid + 0.35, x1, cab_front=False, cab_rear=True, lit_front=False)
        d.add(rect(mid - 0.4, -3.6, 0.8, 2.2, 0.05), "#2a2c2d", INK, 0.03)  # the gangway between the sections
        d.add(rect(mid - 0.5, -1.2, 1.0, 0.16), RUNNING)
    elif L > 2 * CAB + 0.8:
        _section(d, s, x0, x1, cab_front=True, cab_rear=True, lit_front=True)
    else:  # too short for two cabs: a shunter with one
        _section(d, s, x0, x1, cab_front=True, cab_rear=False, lit_front=True)
