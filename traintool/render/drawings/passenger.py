"""Cars people ride in: coach, saloon, restaurant, kitchen, sleeper; and the baggage car."""
from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath, QPolygonF

from .common import (
    CREAM, DETAIL, EAVE_Y, FINE, GLASS, GLASS_CLEAR, GOLD, INK, RED, ROOF_Y, SILL_Y, STEEL, STEEL_LIGHT, WARM_LIGHT,
    Drawing, Spec, armor_plates, armored_bands, armored_windows, band, between_doors, circles, darker, end_doors,
    fit_count, lighter, louvres, passenger_body, rect, rects, roof_vents, spaced, star, windows,
)

WIN_TOP = -3.28  # top of an ordinary window
WIN_H = 1.0


def coach(d: Drawing, s: Spec) -> None:
    """Seats for the entourage: a plain coach; armoured: a row of small armoured windows."""
    if s.armored:
        passenger_body(d, s)
        armor_plates(d, s)
        armored_bands(d, s)
        a, b = between_doors(s, end_doors(d, s))
        n = fit_count(b - a, 1.5, 2)
        armored_windows(d, s, spaced(a, b, n, 0.5), 0.5, -3.2, 0.46)
    else:
        passenger_body(d, s, upper_from=-2.1)
        band(d, s, -2.1, 0.06, "#f4f4f4")
        a, b = between_doors(s, end_doors(d, s))
        n = fit_count(b - a, 1.95, 2)
        windows(d, spaced(a, b, n, 1.35), 1.35, WIN_TOP, WIN_H, frame=s.livery.frame)


def saloon(d: Drawing, s: Spec) -> None:
    """The leader's car: few large windows in gold frames, a double gold band and an emblem mid-car."""
    passenger_body(d, s, upper_from=None if s.armored else -2.1)
    if s.armored:
        armor_plates(d, s, seams_at=(EAVE_Y + 0.32,))
    doors = end_doors(d, s, both=False)
    band(d, s, -2.12, 0.14, GOLD)
    band(d, s, -1.86, 0.06, GOLD)
    band(d, s, EAVE_Y + 0.16, 0.08, GOLD)
    a, _ = between_doors(s, doors)
    b = s.x1 - 0.6  # no door at the rear: the saloon's windows run to the end
    n = fit_count(b - a, 3.4, 2)
    w = 2.3
    xs = spaced(a, b, n, w)
    # gold frames, then the panes: dark (armoured glass) with cream curtains drawn back
    d.add(rects(((x - 0.1, WIN_TOP - 0.1, w + 0.2, 1.2) for x in xs), 0.14), GOLD, darker(GOLD, 170), 0.04)
    d.add(rects(((x, WIN_TOP, w, 1.0) for x in xs), 0.1), GLASS if s.armored else "#51708a")
    curtains = QPainterPath()
    for x in xs:
        for left in (True, False):
            e = x if left else x + w
            k = 1 if left else -1
            curtains.addPolygon(QPolygonF([QPointF(e, WIN_TOP), QPointF(e + k * 0.42, WIN_TOP),
                                           QPointF(e + k * 0.2, WIN_TOP + 0.6), QPointF(e + k * 0.3, WIN_TOP + 1.0),
                                           QPointF(e, WIN_TOP + 1.0)]))
            curtains.closeSubpath()
    d.add(curtains, CREAM, None, 0.0, DETAIL)
    pelmets = rects((x + 0.42, WIN_TOP + 0.02, w - 0.84, 0.1) for x in xs)
    d.add(pelmets, "#8c1c22", None, 0.0, FINE)
    # the emblem: a red star in a gold ring, below the band mid-car
    cx, cy = s.length / 2, -1.52
    d.add(circles([(cx, cy, 0.3)]), GOLD, darker(GOLD, 180), 0.04)
    d.add(circles([(cx, cy, 0.22)]), RED)
    d.add(star(cx, cy, 0.19), "#f7e7a6", None, 0.0, DETAIL)


def restaurant(d: Drawing, s: Spec) -> None:
    """Wide, lit dining windows, each with a table and its lamp; small kitchen windows at the rear."""
    passenger_body(d, s, upper_from=None if s.armored else -2.1)
    if s.armored:
        armor_plates(d, s, seams_at=(EAVE_Y + 0.32,))
        armored_bands(d, s)
    else:
        band(d, s, -2.1, 0.06, GOLD)
    doors = end_doors(d, s)
    a, b = between_doors(s, doors)
    kitchen = min(4.2, (b - a) * 0.25)
    n = fit_count(b - a - kitchen, 2.9, 2)
    w = min(2.3, (b - a - kitchen) / n - 0.35)
    xs = spaced(a, b - kitchen, n, w)
    frame = s.livery.frame if s.armored else darker(GOLD, 140)
    d.add(rects(((x - 0.08, WIN_TOP - 0.08, w + 0.16, 1.06) for x in xs), 0.1), frame)
    d.add(rects(((x, WIN_TOP, w, 0.9) for x in xs), 0.08), WARM_LIGHT)
    # inside: a table with its cloth, a lamp with a red shade on each
    tables = rects((x + w / 2 - w * 0.32, WIN_TOP + 0.72, w * 0.64, 0.1) for x in xs)
    d.add(tables, "#fbf6e8", "#7a5a2a", 0.025)
    lamps = QPainterPath()
    for x in xs:
        cx = x + w / 2
        lamps.addRect(cx - 0.02, WIN_TOP + 0.5, 0.04, 0.22)
        lamps.addPolygon(QPolygonF([QPointF(cx - 0.16, WIN_TOP + 0.52), QPointF(cx + 0.16, WIN_TOP + 0.52),
                                    QPointF(cx + 0.09, WIN_TOP + 0.34), QPointF(cx - 0.09, WIN_TOP + 0.34)]))
        lamps.closeSubpath()
    d.add(lamps, "#b8322a", None, 0.0, DETAIL)
    chairs = rects((x + dx, WIN_TOP + 0.5, 0.08, 0.4) for x in xs for dx in (w * 0.1, w * 0.9 - 0.08))
    d.add(chairs, "#6a3b1e", None, 0.0, FINE)
    # kitchen end: two small windows, a roof vent
    kx = spaced(b - kitchen, b, 2, 0.55)
    if s.armored:
        armored_windows(d, s, kx, 0.55, -3.2, 0.42)
    else:
        windows(d, kx, 0.55, -3.2, 0.45, glass=GLASS_CLEAR, frame=s.livery.frame, radius=0.05, shine=False)
    roof_vents(d, [b - kitchen * 0.7, b - kitchen * 0.3])
    roof_vents(d, spaced(a, b - kitchen, n, 0.1))


def kitchen(d: Drawing, s: Spec) -> None:
    """Small high windows, a provisions door, a vent grille; on the roof a chimney and a vented lantern."""
    passenger_body(d, s, upper_from=None if s.armored else -2.3)
    if s.armored:
        armor_plates(d, s)
        armored_bands(d, s)
    a, b = between_doors(s, end_doors(d, s))
    # the roof lantern over the range, with its louvres
    la, lb = a + (b - a) * 0.42, a + (b - a) * 0.82
    lantern = QPainterPath()
    lantern.moveTo(la, ROOF_Y + 0.02)
    lantern.lineTo(la + 0.3, ROOF_Y - 0.36)
    lantern.lineTo(lb - 0.3, ROOF_Y - 0.36)
    lantern.lineTo(lb, ROOF_Y + 0.02)
    lantern.closeSubpath()
    d.add(lantern, lighter(s.livery.roof, 120), INK, 0.04)
    slat_x = [la + 0.45 + 0.22 * k for k in range(int((lb - la - 0.9) / 0.22) + 1)]
    d.lines([(x, ROOF_Y - 0.3, x, ROOF_Y - 0.04) for x in slat_x], INK, 0.04, DETAIL)
    # chimney with a cap, and a wisp of smoke
    cx = a + (b - a) * 0.25
    d.add(rect(cx - 0.18, -4.72, 0.36, 0.46), "#3a3c3d", INK, 0.04)
    d.add(rect(cx - 0.3, -4.84, 0.6, 0.14, 0.03), "#26282a")
    smoke = QPainterPath()
    smoke.moveTo(cx + 0.1, -4.86)
    smoke.cubicTo(cx + 0.5, -4.9, cx + 0.4, -4.95, cx + 1.1, -4.93)
    d.add(smoke, None, "#a7abad", 0.08, DETAIL)
    roof_vents(d, [a + (b - a) * f for f in (0.1, 0.9)])
    # small high windows at the pantry end, a double provisions door, a grille at the range
    xs = spaced(a, a + (b - a) * 0.38, 3, 0.6)
    if s.armored:
        armored_windows(d, s, xs, 0.6, -3.35, 0.4)
    else:
        windows(d, xs, 0.6, -3.35, 0.48, frame=s.livery.frame, radius=0.05, shine=False)
    dw = 1.5
    dx = a + (b - a) * 0.62 - dw / 2
    leaves = rects([(dx, -3.45, dw / 2, 2.2), (dx + dw / 2, -3.45, dw / 2, 2.2)], 0.03)
    d.add(leaves, darker(s.livery.body, 115), INK, 0.04)
    mid = dx + dw / 2
    d.lines([(mid - 0.12, -2.5, mid - 0.12, -2.1), (mid + 0.12, -2.5, mid + 0.12, -2.1)], STEEL_LIGHT, 0.05, FINE)
    gx = a + (b - a) * 0.8
    louvres(d, gx, -3.4, min(1.6, (b - gx) - 0.2), 0.85, darker(s.livery.body, 130))


def sleeper(d: Drawing, s: Spec) -> None:
    """The compartment rhythm: for each compartment a window with a fanlight; one door, the attendant's."""
    passenger_body(d, s)
    if s.armored:
        armor_plates(d, s)
        band(d, s, -2.32, 0.12)
        band(d, s, EAVE_Y + 0.16, 0.08, CREAM)
    else:
        band(d, s, -2.1, 0.07, GOLD)
        band(d, s, EAVE_Y + 0.18, 0.07, GOLD)
    a, _ = between_doors(s, end_doors(d, s, both=False))
    b = s.x1 - 0.9  # the attendant's window at the rear end
    n = fit_count(b - a, 2.05, 2)
    step = (b - a) / n
    if s.armored:  # each compartment: a pair of small armoured windows, the pairs well apart
        w = 0.42
        xs = [a + k * step + step / 2 + dx for k in range(n) for dx in (-w - 0.09, 0.09)]
        armored_windows(d, s, xs, w, -3.25, 0.62)
        d.lines([(x, -3.0, x + w, -3.0) for x in xs], s.livery.frame, 0.06, DETAIL)  # fanlight bars
        partitions = [(a + k * step, -3.5, a + k * step, -2.5) for k in range(1, n)]
        d.lines(partitions, darker(s.livery.body, 150), 0.06, DETAIL)  # marked on the side
    else:
        w = min(1.2, step - 0.45)
        xs = [a + k * step + (step - w) / 2 for k in range(n)]
        windows(d, xs, w, WIN_TOP, WIN_H, frame=s.livery.frame, radius=0.08)
        d.lines([(x, WIN_TOP + 0.3, x + w, WIN_TOP + 0.3) for x in xs], s.livery.frame, 0.06, DETAIL)  # fanlights
        curtains = rects((x + dx, WIN_TOP + 0.3, 0.2, 0.7) for x in xs for dx in (0.0, w - 0.2))
        d.add(curtains, "#b7a37a", None, 0.0, FINE)
    # the attendant's small window by the door
    if s.armored:
        armored_windows(d, s, [b + 0.25], 0.35, -3.2, 0.4)
    else:
        windows(d, [b + 0.2], 0.45, WIN_TOP, 0.6, frame=s.livery.frame, radius=0.05, shine=False)


def baggage(d: Drawing, s: Spec) -> None:
    """A large sliding door mid-car on its rail, small barred windows, a plain body."""
    passenger_body(d, s)
    if s.armored:
        armor_plates(d, s)
        armored_bands(d, s)
    else:
        band(d, s, -2.1, 0.06, "#d8dbdd")
    L = s.length
    w = min(3.2, L * 0.16)
    x = L / 2 - w / 2
    top = -3.6
    rail_y = top - 0.12
    d.add(rect(x - w * 0.55, rail_y, 2.1 * w, 0.1), "#1b1d1e")  # the rail the door slides on
    d.add(rects([(x, top, w / 2, SILL_Y - top - 0.05), (x + w / 2, top, w / 2, SILL_Y - top - 0.05)]),
          lighter(s.livery.body, 115), INK, 0.06)
    ribs = [(x + w * k / 8, top + 0.15, x + w * k / 8, SILL_Y - 0.2) for k in range(1, 8) if k != 4]
    d.lines(ribs, darker(s.livery.body, 140), 0.05, DETAIL)
    d.add(rects([(x + w / 2 - 0.2, -2.5, 0.08, 0.5), (x + w / 2 + 0.12, -2.5, 0.08, 0.5)]), STEEL_LIGHT, INK, 0.02)
    rollers = circles([(x + 0.12, rail_y - 0.05, 0.08), (x + w - 0.12, rail_y - 0.05, 0.08)])
    d.add(rollers, STEEL, None, 0.0, FINE)
    # small barred windows towards each end, and the guard's door
    doors = end_doors(d, s, both=False)
    a, b = between_doors(s, doors)
    xs = spaced(a, x - 0.3, 2, 0.55) + spaced(x + w + 0.3, b, 2, 0.55)
    if s.armored:
        armored_windows(d, s, xs, 0.55, -3.3, 0.42)
    else:
        windows(d, xs, 0.55, -3.3, 0.45, glass=GLASS, frame=s.livery.frame, radius=0.04, shine=False)
    bars = [(xx + 0.55 * k / 4, -3.3, xx + 0.55 * k / 4, -2.88) for xx in xs for k in (1, 2, 3)]
    d.lines(bars, "#8d949a", 0.03, FINE)
