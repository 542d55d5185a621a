"""The armoured train's special cars: security, communications, generator, helicopter car and
vehicle carrier."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath, QPolygonF, QTransform

from .common import (
    DETAIL, EAVE_Y, FINE, GLASS_CLEAR, INK, RED, ROOF_Y, RUNNING, SILL_Y, STEEL, STEEL_LIGHT,
    Drawing, Spec, armor_plates, armored_bands, armored_windows, band, between_doors, circles, darker, end_doors,
    fit_count, lighter, louvres, passenger_body, poly, rect, rects, spaced, star, windows,
)


# --- security car ------------------------------------------------------------------------------
def _turret(d: Drawing, s: Spec, cx: float, facing: int) -> None:
    """A low domed gun turret on the roof, its barrel pointing along the train."""
    body = darker(s.livery.body, 112)
    dome = QPainterPath()
    dome.moveTo(cx - 0.95, ROOF_Y + 0.04)
    dome.lineTo(cx - 0.85, ROOF_Y - 0.22)
    dome.cubicTo(cx - 0.7, ROOF_Y - 0.62, cx + 0.7, ROOF_Y - 0.62, cx + 0.85, ROOF_Y - 0.22)
    dome.lineTo(cx + 0.95, ROOF_Y + 0.04)
    dome.closeSubpath()
    d.add(rect(cx - 1.05, ROOF_Y - 0.1, 2.1, 0.14), darker(s.livery.body, 140))  # turret ring
    d.add(dome, body, INK, 0.05)
    # mantlet and barrel
    mx = cx + facing * 0.72
    d.add(rect(mx - 0.16, ROOF_Y - 0.42, 0.32, 0.24, 0.05), darker(s.livery.body, 150), INK, 0.03)
    barrel = QPainterPath()
    tip = mx + facing * 1.45
    barrel.moveTo(mx, ROOF_Y - 0.3)
    barrel.lineTo(tip, ROOF_Y - 0.42)
    d.add(barrel, None, "#101211", 0.11)
    d.add(rect(min(tip, tip - facing * 0.22), ROOF_Y - 0.48, 0.22, 0.12, 0.03), "#101211")  # muzzle, at the tip
    d.add(rects([(cx - 0.25, ROOF_Y - 0.58, 0.5, 0.07)]), lighter(body, 120), None, 0.0, DETAIL)  # hatch
    slits = [(cx - 0.45, ROOF_Y - 0.3, cx - 0.15, ROOF_Y - 0.3), (cx + 0.15, ROOF_Y - 0.3, cx + 0.45, ROOF_Y - 0.3)]
    d.lines(slits, "#0a0c0b", 0.06, DETAIL)


def security(d: Drawing, s: Spec) -> None:
    """Guards and weapons: firing slits along the side, two gun turrets and a searchlight on the roof."""
    passenger_body(d, s)
    if s.armored:
        armor_plates(d, s, pitch=2.0, seams_at=(EAVE_Y + 0.3, -2.6, SILL_Y - 0.3))
        armored_bands(d, s)
    else:
        band(d, s, -2.32, 0.16)
    a, b = between_doors(s, end_doors(d, s))
    n = fit_count(b - a, 1.7, 2)
    xs = spaced(a, b, n, 0.8)
    # firing slits with their steel covers, and gun ports below
    d.add(rects(((x - 0.08, -3.27, 0.96, 0.26) for x in xs), 0.04), s.livery.frame)
    d.add(rects(((x, -3.2, 0.8, 0.12) for x in xs)), "#050606")
    d.add(circles((x + 0.4, -2.75, 0.11) for x in xs[1::2]), "#0b0c0c", lighter(s.livery.body, 120), 0.04)
    _turret(d, s, a + (b - a) * 0.2, -1)
    _turret(d, s, a + (b - a) * 0.8, 1)
    # searchlight mid-roof
    cx = s.length / 2
    d.add(rect(cx - 0.08, ROOF_Y - 0.3, 0.16, 0.3), STEEL)
    d.add(rect(cx - 0.3, ROOF_Y - 0.6, 0.6, 0.34, 0.1), "#2b2f30", INK, 0.04)
    d.add(rect(cx - 0.34, ROOF_Y - 0.56, 0.1, 0.26, 0.03), "#f3f0d8", None, 0.0, DETAIL)


# --- communications car --------------------------------------------------------------------------
def communications(d: Drawing, s: Spec) -> None:
    """Antennas everywhere: a satellite dish, whips, a radome and a wire aerial between two masts."""
    passenger_body(d, s)
    if s.armored:
        armor_plates(d, s)
        armored_bands(d, s)
    else:
        band(d, s, -2.2, 0.08, "#e0e3e5")
    a, _ = between_doors(s, end_doors(d, s, both=False))
    b = s.x1 - 0.6  # no door at the rear
    xs = spaced(a, a + (b - a) * 0.45, 4, 0.55)
    if s.armored:
        armored_windows(d, s, xs, 0.55, -3.2, 0.45)
    else:
        windows(d, xs, 0.55, -3.2, 0.5, frame=s.livery.frame, radius=0.05, shine=False)
    # equipment room: cable entry panels and a louvred cooling grille
    ex = a + (b - a) * 0.55
    panels = rects([(ex, -3.35, 0.9, 1.0), (ex + 1.05, -3.35, 0.9, 1.0)], 0.04)
    d.add(panels, darker(s.livery.body, 118), INK, 0.04)
    d.add(circles((ex + 0.45 + 1.05 * k, -2.65, 0.09) for k in range(2)), STEEL_LIGHT, INK, 0.02, DETAIL)
    louvres(d, b - 1.9, -3.35, 1.5, 0.9, darker(s.livery.body, 130))
    u = (b - a) / 20.0  # the roof is laid out along the stretch between the doors
    # satellite dish on a pedestal, seen three-quarters: a tilted ellipse with its feed
    dx = a + u * 14.0
    rw = min(0.7, u * 1.6)
    pedestal = poly([(dx - 0.3, ROOF_Y + 0.02), (dx + 0.3, ROOF_Y + 0.02), (dx + 0.1, ROOF_Y - 0.3),
                     (dx - 0.1, ROOF_Y - 0.3)])
    d.add(pedestal, STEEL, INK, 0.03)
    place = QTransform()
    place.translate(dx, -4.6)
    place.rotate(-22)
    dish = QPainterPath()
    dish.addEllipse(QPointF(0, 0), rw, 0.24)
    d.add(place.map(dish), "#e6e8ea", INK, 0.04)
    inner = QPainterPath()
    inner.addEllipse(QPointF(0.03, 0.02), rw * 0.72, 0.15)
    d.add(place.map(inner), "#c3c8cc", None, 0.0, DETAIL)
    feed = QPainterPath()
    feed.moveTo(-rw * 0.6, 0.1)
    feed.lineTo(0.1, -0.2)
    feed.lineTo(rw * 0.6, 0.12)
    d.add(place.map(feed), None, "#2b2e30", 0.03, DETAIL)
    # radome
    rx = a + u * 5.0
    dome = QPainterPath()
    dome.moveTo(rx - 0.9, ROOF_Y + 0.03)
    dome.cubicTo(rx - 0.9, -4.98, rx + 0.9, -4.98, rx + 0.9, ROOF_Y + 0.03)
    dome.closeSubpath()
    d.add(dome, "#e4e6de", INK, 0.04)
    d.lines([(rx - 0.7, ROOF_Y - 0.25, rx + 0.7, ROOF_Y - 0.25)], "#b9bdb3", 0.03, FINE)
    # whip antennas with their base insulators, and a wire aerial between two short masts
    whips = [a + u * k for k in (1.0, 9.0, 10.2, 19.0)]  # thick enough to show as hairlines when small
    d.add(rects(((x - 0.07, ROOF_Y - 0.22, 0.14, 0.24) for x in whips), 0.03), "#c9a46a", INK, 0.02)
    d.lines([(x, ROOF_Y - 0.2, x + 0.04, -4.94) for x in whips], "#141617", 0.07)
    m0, m1 = a + u * 2.4, a + u * 8.0
    d.lines([(m0, ROOF_Y, m0, -4.9), (m1, ROOF_Y, m1, -4.9)], "#141617", 0.07)
    wire = QPainterPath()
    wire.moveTo(m0, -4.86)
    wire.quadTo((m0 + m1) / 2, -4.62, m1, -4.86)
    d.add(wire, None, "#2e3133", 0.03, DETAIL)
    d.add(circles([(m0 + 0.25, -4.84, 0.05), (m1 - 0.25, -4.84, 0.05)]), "#e8e0c8", INK, 0.015, FINE)
    if s.length > 6:
        d.add(rect(s.x1 - 1.3, ROOF_Y - 0.2, 0.7, 0.22, 0.05), "#5a5f61", INK, 0.03, DETAIL)  # air conditioner


# --- generator car ----------------------------------------------------------------------------------
def generator(d: Drawing, s: Spec) -> None:
    """Diesel generator sets: big louvred grilles, exhaust stacks and a radiator fan housing on the roof."""
    passenger_body(d, s)
    if s.armored:
        armor_plates(d, s)
        armored_bands(d, s)
    else:
        band(d, s, -2.2, 0.08, "#d6d9cf")
    a, _ = between_doors(s, end_doors(d, s, both=False))
    b = s.x1 - 0.5  # no door at the rear
    # the attendant's end: two small windows
    xs = spaced(a, a + 2.2, 2, 0.5)
    if s.armored:
        armored_windows(d, s, xs, 0.5, -3.2, 0.42)
    else:
        windows(d, xs, 0.5, -3.2, 0.48, frame=s.livery.frame, radius=0.05, shine=False)
    # up to three engine bays, each a tall louvred grille over a low access door, a stack above
    ga, gb = a + 2.6, b
    n = max(min(3, int((gb - ga) / 3.2)), 1)
    w = (gb - ga) / n - 0.5
    bays = [ga + k * (w + 0.5) + 0.25 for k in range(n)]
    grille = darker(s.livery.body, 135)
    for gx in bays:
        louvres(d, gx, -3.55, w, 1.35, grille, pitch=0.15)
    access = rects(((gx + w * 0.3, -2.05, w * 0.4, 0.8) for gx in bays), 0.03)
    d.add(access, None, darker(s.livery.body, 150), 0.04, DETAIL)
    # roof: exhaust stacks with rain caps, and the radiator fan housing
    stacks = [gx + w / 2 for gx in bays]
    d.add(rects(((x - 0.16, -4.72, 0.32, 0.46) for x in stacks)), "#2c2e2f", INK, 0.03)
    d.add(rects(((x - 0.24, -4.82, 0.48, 0.1) for x in stacks), 0.03), "#1b1c1d")
    d.add(rects(((x - 0.16, -4.72, 0.32, 0.12) for x in stacks)), "#5e4a3a", None, 0.0, FINE)  # soot
    fa, fb = a + 0.4, a + 2.6
    housing = QPainterPath()
    housing.moveTo(fa, ROOF_Y + 0.03)
    housing.lineTo(fa + 0.2, ROOF_Y - 0.3)
    housing.lineTo(fb - 0.2, ROOF_Y - 0.3)
    housing.lineTo(fb, ROOF_Y + 0.03)
    housing.closeSubpath()
    d.add(housing, lighter(s.livery.roof, 115), INK, 0.04)
    d.lines([(fa + 0.3 + k * 0.14, ROOF_Y - 0.26, fa + 0.3 + k * 0.14, ROOF_Y - 0.04)
             for k in range(int((fb - fa - 0.6) / 0.14) + 1)], INK, 0.03, DETAIL)
    # fuel tank under the floor
    mid = s.length / 2
    tank_w = min(6.0, s.length * 0.24)
    d.add(rect(mid - tank_w / 2, SILL_Y + 0.22, tank_w, 0.5, 0.2), "#1f2122", INK, 0.03)


# --- helicopter car -------------------------------------------------------------------------------------
def _helicopter(d: Drawing, x: float, base: float, length: float) -> None:
    """A light helicopter on its skids, facing the front; `base` is the deck it stands on."""
    k = length / 12.0
    col, dark = "#6b7748", "#414a2b"
    skid_y = base - 0.08 * k
    belly = base - 0.55 * k
    top = base - 2.05 * k
    # skids and struts
    d.lines([(x + 0.4 * k, skid_y, x + 5.0 * k, skid_y)], "#1b1d1a", 0.12 * k)
    struts = [(x + 1.3 * k, skid_y, x + 1.5 * k, belly), (x + 3.9 * k, skid_y, x + 3.7 * k, belly)]
    d.lines(struts, "#1b1d1a", 0.09 * k)
    # tail boom, tapering and rising, then the fin and tail rotor
    boom = poly([(x + 4.6 * k, belly - 0.35 * k), (x + 10.9 * k, top + 0.55 * k), (x + 10.9 * k, top + 0.85 * k),
                 (x + 4.6 * k, belly - 0.05 * k)])
    d.add(boom, col, INK, 0.04)
    fin = poly([(x + 10.2 * k, top + 0.62 * k), (x + 10.95 * k, top - 0.5 * k), (x + 11.4 * k, top - 0.5 * k),
                (x + 11.15 * k, top + 0.7 * k), (x + 10.9 * k, top + 0.95 * k), (x + 10.4 * k, top + 0.9 * k)])
    d.add(fin, col, INK, 0.04)
    d.lines([(x + 9.0 * k, top + 0.95 * k, x + 9.9 * k, top + 0.85 * k)], dark, 0.1 * k)  # stabiliser
    # the tail rotor: a faint disc (#AARRGGBB) and the blade seen edge on
    d.add(circles([(x + 11.35 * k, top - 0.05 * k, 0.62 * k)]), "#403a3f35", "#902a2d29", 0.03, DETAIL)
    d.lines([(x + 11.35 * k, top - 0.65 * k, x + 11.35 * k, top + 0.55 * k)], "#1b1d1a", 0.09 * k)
    # cabin: rounded nose, deep body, engine cowling on top
    cabin = QPainterPath()
    cabin.moveTo(x + 0.05 * k, belly - 0.55 * k)
    cabin.cubicTo(x, belly - 1.2 * k, x + 0.6 * k, top + 0.1 * k, x + 1.8 * k, top + 0.05 * k)
    cabin.lineTo(x + 4.2 * k, top + 0.05 * k)
    cabin.cubicTo(x + 5.0 * k, top + 0.1 * k, x + 5.5 * k, belly - 0.7 * k, x + 5.2 * k, belly - 0.25 * k)
    cabin.lineTo(x + 4.6 * k, belly)
    cabin.lineTo(x + 0.7 * k, belly)
    cabin.quadTo(x + 0.1 * k, belly, x + 0.05 * k, belly - 0.55 * k)
    cabin.closeSubpath()
    d.add(cabin, col, INK, 0.05)
    cowl = QPainterPath()
    cowl.moveTo(x + 1.9 * k, top + 0.1 * k)
    cowl.lineTo(x + 2.2 * k, top - 0.4 * k)
    cowl.lineTo(x + 4.3 * k, top - 0.4 * k)
    cowl.quadTo(x + 5.1 * k, top - 0.3 * k, x + 5.2 * k, top + 0.2 * k)
    cowl.closeSubpath()
    d.add(cowl, dark, INK, 0.04)
    # glazing: the big curved canopy and a cabin window, a door line
    canopy = QPainterPath()
    canopy.moveTo(x + 0.1 * k, belly - 0.75 * k)
    canopy.cubicTo(x + 0.15 * k, belly - 1.25 * k, x + 0.7 * k, top + 0.2 * k, x + 1.7 * k, top + 0.2 * k)
    canopy.lineTo(x + 1.75 * k, belly - 0.75 * k)
    canopy.closeSubpath()
    d.add(canopy, GLASS_CLEAR, INK, 0.04)
    d.add(rect(x + 2.15 * k, top + 0.35 * k, 1.0 * k, 0.6 * k, 0.1 * k), GLASS_CLEAR, INK, 0.03)
    door = [(x + dx * k, top + 0.25 * k, x + dx * k, belly - 0.05 * k) for dx in (2.0, 3.35)]
    d.lines(door, dark, 0.04, DETAIL)
    # exhaust, mast and hub, the main rotor's blades seen edge on (one along the boom, one forward)
    d.add(rect(x + 4.3 * k, top - 0.28 * k, 0.5 * k, 0.22 * k, 0.05 * k), "#2a2b26", None, 0.0, DETAIL)
    mast_x = x + 3.1 * k
    d.add(rect(mast_x - 0.1 * k, top - 0.75 * k, 0.2 * k, 0.38 * k), "#2b2d28")
    d.add(rect(mast_x - 0.35 * k, top - 0.88 * k, 0.7 * k, 0.18 * k, 0.06 * k), "#2b2d28")
    blades = QPainterPath()
    blades.moveTo(mast_x, top - 0.8 * k)
    blades.quadTo(x + 7.0 * k, top - 0.82 * k, x + 10.8 * k, top - 0.55 * k)
    blades.moveTo(mast_x, top - 0.8 * k)
    blades.quadTo(x + 1.5 * k, top - 0.82 * k, x - 0.3 * k, top - 0.62 * k)
    d.add(blades, None, "#1b1d1a", 0.11 * k)
    # marking: the red star in a white ring on the boom
    sx, sy = x + 7.0 * k, (top + belly) / 2 - 0.05 * k
    d.add(circles([(sx, sy, 0.28 * k)]), "#f2f2ee", RED, 0.05 * k, DETAIL)
    d.add(star(sx, sy, 0.24 * k), RED, None, 0.0, DETAIL)


def helicopter_car(d: Drawing, s: Spec) -> None:
    """A well flat car carrying a light helicopter, tied down; armoured: shield walls at both ends."""
    L = s.length
    x0, x1 = s.x0, s.x1
    end = min(5.6, L * 0.22)  # the raised ends over the bogies
    deck_hi, deck_lo = -1.38, -0.98
    frame = QPainterPath()  # raised over the bogies, dropped between them
    frame.moveTo(x0, deck_hi)
    frame.lineTo(x0 + end, deck_hi)
    frame.lineTo(x0 + end + 0.6, deck_lo)
    frame.lineTo(x1 - end - 0.6, deck_lo)
    frame.lineTo(x1 - end, deck_hi)
    frame.lineTo(x1, deck_hi)
    frame.lineTo(x1, -0.95)
    frame.lineTo(x1 - end, -0.95)
    frame.lineTo(x1 - end - 0.6, deck_lo + 0.55)
    frame.lineTo(x0 + end + 0.6, deck_lo + 0.55)
    frame.lineTo(x0 + end, -0.95)
    frame.lineTo(x0, -0.95)
    frame.closeSubpath()
    body = s.livery.body
    d.add(frame, body, INK, 0.05)
    d.add(rect(x0 + end + 0.6, deck_lo, (x1 - end - 0.6) - (x0 + end + 0.6), 0.12), darker(body, 130))  # well deck
    d.lines([(x0 + 0.2, deck_hi + 0.1, x0 + end, deck_hi + 0.1), (x1 - end, deck_hi + 0.1, x1 - 0.2, deck_hi + 0.1)],
            darker(body, 150), 0.04, DETAIL)
    rings = [x0 + end + 1.0 + 1.2 * k for k in range(int((L - 2 * end - 2) / 1.2) + 1)]
    d.add(rects((x, -1.12, 0.14, 0.12) for x in rings), darker(body, 150), None, 0.0, FINE)  # tie-down points
    # the helicopter, sized to the well
    span = (x1 - end - 0.6) - (x0 + end + 0.6)
    hl = min(12.0, span + 2 * end * 0.5)
    hx = L / 2 - hl * 0.47
    _helicopter(d, hx, deck_lo, hl)
    # tie-down straps from the skids to the deck
    k = hl / 12.0
    straps = [(hx + 1.0 * k, deck_lo + 0.05, hx + 0.1, deck_lo - 0.5), (hx + 4.6 * k, deck_lo - 0.45, hx + 5.3 * k, deck_lo + 0.05)]
    d.lines(straps, "#c9a227", 0.05, DETAIL)
    if s.armored:  # armour shields over the raised ends, with vision slits
        for xa in (x0, x1 - 0.4):
            d.add(rect(xa, -3.3, 0.4, 3.3 + deck_hi), body, INK, 0.05)
        for e, sign in ((x0, 1), (x1, -1)):  # the raking buttress behind each shield
            buttress = poly([(e + sign * 0.4, -3.3), (e + sign * 1.3, -2.4), (e + sign * 1.3, deck_hi), (e + sign * 0.4, deck_hi)])
            d.add(buttress, darker(body, 112), INK, 0.04)
        d.lines([(x0 + 0.5, -2.7, x0 + 1.1, -2.2), (x1 - 0.5, -2.7, x1 - 1.1, -2.2)], s.livery.seam, 0.04, DETAIL)
        d.add(rects([(x0, deck_hi + 0.12, end, 0.1), (x1 - end, deck_hi + 0.12, end, 0.1)]), s.livery.band)


# --- vehicle carrier -------------------------------------------------------------------------------
def _limousine(d: Drawing, x: float, base: float, length: float, color: str = "#111417") -> None:
    """A long saloon car in side view, facing the front, standing on `base`."""
    k = length / 6.0
    h = 1.45
    wr = 0.36 * k
    body = QPainterPath()
    body.moveTo(x, base - 0.32)
    body.lineTo(x, base - 0.78)
    body.quadTo(x + 0.05 * k, base - 0.88, x + 0.3 * k, base - 0.9)
    body.lineTo(x + 1.5 * k, base - 0.98)
    body.lineTo(x + 2.1 * k, base - h)
    body.lineTo(x + 4.2 * k, base - h)
    body.lineTo(x + 4.95 * k, base - 0.98)
    body.lineTo(x + 5.8 * k, base - 0.92)
    body.quadTo(x + 6.0 * k, base - 0.88, x + 6.0 * k, base - 0.72)
    body.lineTo(x + 6.0 * k, base - 0.32)
    body.lineTo(x + 5.35 * k, base - 0.32)
    body.arcTo(QRectF(x + 4.75 * k - wr - 0.08, base - 0.32 - wr - 0.05, 2 * wr + 0.16, 2 * wr + 0.16), 0, 180)
    body.lineTo(x + 1.6 * k, base - 0.32)
    body.arcTo(QRectF(x + 1.05 * k - wr - 0.08, base - 0.32 - wr - 0.05, 2 * wr + 0.16, 2 * wr + 0.16), 0, 180)
    body.closeSubpath()
    d.add(body, color, "#000000", 0.03)
    glass = QPainterPath()
    glass.addPolygon(QPolygonF([QPointF(x + 1.72 * k, base - 1.0), QPointF(x + 2.2 * k, base - h + 0.08),
                                QPointF(x + 3.05 * k, base - h + 0.08), QPointF(x + 3.05 * k, base - 1.0)]))
    glass.closeSubpath()
    glass.addPolygon(QPolygonF([QPointF(x + 3.2 * k, base - 1.0), QPointF(x + 3.2 * k, base - h + 0.08),
                                QPointF(x + 4.12 * k, base - h + 0.08), QPointF(x + 4.7 * k, base - 1.0)]))
    glass.closeSubpath()
    d.add(glass, "#5d7584")
    d.lines([(x + 0.2 * k, base - 0.62, x + 5.85 * k, base - 0.62)], "#b9c0c6", 0.03, DETAIL)  # chrome
    d.add(circles([(x + 1.05 * k, base - wr, wr), (x + 4.75 * k, base - wr, wr)]), "#1a1a1a", "#000000", 0.02)
    hubcaps = circles([(x + 1.05 * k, base - wr, wr * 0.55), (x + 4.75 * k, base - wr, wr * 0.55)])
    d.add(hubcaps, "#aeb4b9", None, 0.0, DETAIL)


def vehicle_carrier(d: Drawing, s: Spec) -> None:
    """A two-deck car carrier under an open frame, limousines on both decks."""
    x0, x1 = s.x0, s.x1
    body = s.livery.body
    lower, upper, roof = -1.34, -2.98, -4.6
    d.add(rect(x0, lower, x1 - x0, 0.4), body, INK, 0.05)  # main frame and deck
    d.add(rect(x0 + 0.1, lower + 0.4, x1 - x0 - 0.2, 0.12), RUNNING)
    d.add(rect(x0, upper, x1 - x0, 0.16), body, INK, 0.04)  # upper deck
    roof_path = QPainterPath()
    roof_path.moveTo(x0, roof + 0.2)
    roof_path.quadTo(x0, roof, x0 + 0.4, roof)
    roof_path.lineTo(x1 - 0.4, roof)
    roof_path.quadTo(x1, roof, x1, roof + 0.2)
    roof_path.lineTo(x1, roof + 0.32)
    roof_path.lineTo(x0, roof + 0.32)
    roof_path.closeSubpath()
    d.add(roof_path, s.livery.roof, INK, 0.04)
    # limousines: as many as fit on each deck
    car_len = min(6.0, (x1 - x0 - 0.6) * 0.95)
    per_deck = max(int((x1 - x0 - 0.6) / (car_len + 0.6)), 1)
    slots = spaced(x0 + 0.3, x1 - 0.3, per_deck, car_len)
    for y in (lower, upper):
        for x in slots:
            _limousine(d, x, y, car_len)
    # the open side frame: posts, diagonal braces in each end bay, and the top chord
    n = fit_count(x1 - x0, 2.7, 2)
    posts = [x0 + (x1 - x0) * k / n for k in range(n + 1)]
    frame_col = lighter(body, 112) if s.armored else darker(body, 115)
    uprights = rects((min(max(x - 0.08, x0), x1 - 0.16), roof + 0.3, 0.16, lower - roof - 0.3) for x in posts)
    d.add(uprights, frame_col, INK, 0.03)
    braces = [(posts[0] + 0.1, roof + 0.35, posts[1] - 0.1, upper), (posts[-1] - 0.1, roof + 0.35, posts[-2] + 0.1, upper)]
    d.lines(braces, frame_col, 0.1)
    d.add(rect(x0, roof + 0.3, x1 - x0, 0.14), frame_col, INK, 0.03)
    if s.armored:
        band(d, s, lower + 0.12, 0.1)
        walls = rects([(x0, roof + 0.3, 0.35, lower - roof - 0.3), (x1 - 0.35, roof + 0.3, 0.35, lower - roof - 0.3)])
        d.add(walls, body, INK, 0.04)  # armoured end walls
        bolts = rects((x - 0.04, y - 0.04, 0.08, 0.08) for x in posts for y in (upper - 0.2, lower - 0.2))
        d.add(bolts, lighter(body, 135), None, 0.0, FINE)
