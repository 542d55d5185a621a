"""Freight wagons: box car, flat car, tank car."""
from __future__ import annotations

from PySide6.QtGui import QPainterPath

from .common import (
    DETAIL, FINE, INK, RUNNING, SILL_Y, STEEL, STEEL_LIGHT, Drawing, Spec, armor_plates, band, circles, darker,
    fit_count, lighter, rect, rects, vertical_gradient,
)


def box_car(d: Drawing, s: Spec) -> None:
    """A covered wagon: a ribbed body, a curved roof, big sliding doors mid-car on their tracks."""
    x0, x1 = s.x0, s.x1
    body = s.livery.body
    top, roof = -3.95, -4.22
    d.add(rect(x0, top, x1 - x0, SILL_Y - top + 0.05), body, INK, 0.05)
    r = QPainterPath()
    r.moveTo(x0 - 0.04, top + 0.02)
    r.quadTo(x0, roof, x0 + 0.6, roof)
    r.lineTo(x1 - 0.6, roof)
    r.quadTo(x1, roof, x1 + 0.04, top + 0.02)
    r.closeSubpath()
    d.add(r, s.livery.roof, INK, 0.05)
    # top chord and side sill
    d.add(rects([(x0, top, x1 - x0, 0.16), (x0, SILL_Y - 0.14, x1 - x0, 0.19)]), darker(body, 125))
    # exterior posts (the ribs)
    n = fit_count(x1 - x0, 1.05, 4)
    ribs = [(x0 + (x1 - x0) * k / n - 0.06, top + 0.16, 0.12, SILL_Y - top - 0.3) for k in range(1, n)]
    d.add(rects(ribs), lighter(body, 118), darker(body, 150), 0.025, DETAIL)
    # two sliding doors meeting mid-car, on their tracks
    L = s.length
    w = min(2.6, (x1 - x0) * 0.16)
    dx = [L / 2 - w - 0.02, L / 2 + 0.02]
    d.add(rects([(x, top + 0.22, w, SILL_Y - top - 0.4) for x in dx]), darker(body, 112), INK, 0.05)
    d.lines([(x + w * f, top + 0.35, x + w * f, SILL_Y - 0.3) for x in dx for f in (0.25, 0.5, 0.75)],
            darker(body, 150), 0.06, DETAIL)  # door corrugations
    track_x, track_w = L / 2 - 2 * w - 0.3, 4 * w + 0.6  # the doors slide open over the side
    d.add(rects([(track_x, top + 0.12, track_w, 0.1), (track_x, SILL_Y - 0.2, track_w, 0.08)]), RUNNING)
    d.lines([(L / 2 - 0.18, -3.4, L / 2 - 0.18, -1.6), (L / 2 + 0.18, -3.4, L / 2 + 0.18, -1.6)], STEEL_LIGHT, 0.06,
            DETAIL)  # locking bars
    # the data panel and a hand brake wheel at the rear
    d.add(rect(x0 + 0.6, -2.2, 1.6, 0.7), "#e9e6dc", None, 0.0, DETAIL)
    d.lines([(x0 + 0.7, -2.05 + 0.15 * k, x0 + 2.1 - 0.3 * (k % 2), -2.05 + 0.15 * k) for k in range(4)], "#3a3a3a",
            0.04, FINE)
    if s.armored:
        armor_plates(d, s, top=top + 0.2, bottom=SILL_Y - 0.15)
        band(d, s, -2.4, 0.1)


def flat_car(d: Drawing, s: Spec) -> None:
    """A low, open deck on a deep side sill, stanchions at the ends, a hand brake wheel."""
    x0, x1 = s.x0, s.x1
    body = s.livery.body
    deck = -1.42
    L = s.length
    # fish-bellied side sill: deepest between the bogies
    sill = QPainterPath()
    belly = min(4.5, L * 0.24)
    sill.moveTo(x0, deck + 0.12)
    sill.lineTo(x1, deck + 0.12)
    sill.lineTo(x1, -0.92)
    sill.lineTo(x1 - belly, -0.92)
    sill.lineTo(x1 - belly - 1.2, -0.62)
    sill.lineTo(x0 + belly + 1.2, -0.62)
    sill.lineTo(x0 + belly, -0.92)
    sill.lineTo(x0, -0.92)
    sill.closeSubpath()
    d.add(sill, body, INK, 0.05)
    d.add(rect(x0, deck, x1 - x0, 0.14), "#8b6b45" if not s.armored else darker(body, 120), INK, 0.04)  # the deck
    d.lines([(x, deck + 0.02, x, deck + 0.12) for x in [x0 + 0.4 * k for k in range(1, int((x1 - x0) / 0.4))]],
            "#5e4529", 0.02, FINE)  # planks
    n = fit_count(x1 - x0, 1.6, 4)
    pockets = [(x0 + (x1 - x0) * k / n - 0.09, deck + 0.16, 0.18, 0.22) for k in range(1, n)]
    d.add(rects(pockets), darker(body, 140), None, 0.0, DETAIL)  # stake pockets
    # end stanchions and the hand brake
    d.add(rects([(x0 + 0.05, deck - 1.0, 0.14, 1.0), (x1 - 0.19, deck - 1.0, 0.14, 1.0)]), darker(body, 110), INK, 0.03)
    d.add(circles([(x1 - 0.55, deck - 0.55, 0.28)]), None, "#1c1c1c", 0.06)
    d.lines([(x1 - 0.55, deck - 0.83, x1 - 0.55, deck - 0.27), (x1 - 0.83, deck - 0.55, x1 - 0.27, deck - 0.55),
             (x1 - 0.55, deck - 0.27, x1 - 0.55, deck)], "#1c1c1c", 0.05)
    # container spigots along the deck
    d.add(rects((x0 + (x1 - x0) * f - 0.1, deck - 0.1, 0.2, 0.1) for f in (0.02, 0.34, 0.5, 0.66, 0.98)),
          STEEL_LIGHT, None, 0.0, FINE)
    if s.armored:
        band(d, s, deck + 0.3, 0.1)


def tank_car(d: Drawing, s: Spec) -> None:
    """A cylindrical tank on saddles: dished ends, bands, a dome with its hatch, a ladder and walkway."""
    x0, x1 = s.x0, s.x1
    L = s.length
    top, bottom = -4.1, -1.28
    ta, tb = x0 + 0.2, x1 - 0.2
    body = s.livery.body
    # underframe and saddles
    d.add(rect(x0, -1.3, x1 - x0, 0.3), RUNNING)
    d.add(rects([(ta + 1.4, -1.6, 0.9, 0.4), (tb - 2.3, -1.6, 0.9, 0.4)]), STEEL, INK, 0.03)
    # the barrel, shaded as a cylinder
    barrel = QPainterPath()
    barrel.addRoundedRect(ta, top, tb - ta, bottom - top, min(0.75, (tb - ta) / 4), (bottom - top) / 2)
    shade = vertical_gradient(top, bottom, [(0.0, lighter(body, 150)), (0.22, lighter(body, 230)),
                                            (0.45, body), (1.0, darker(body, 160))])
    d.add(barrel, shade, INK, 0.06)
    # bands holding it to the frame, and the light stripe of its markings
    bands = [(ta + (tb - ta) * f - 0.06, top + 0.02, 0.12, bottom - top - 0.04) for f in (0.18, 0.82)]
    d.add(rects(bands), darker(body, 140), None, 0.0, DETAIL)
    if s.livery.band:
        d.add(rect(ta + 1.0, -2.55, tb - ta - 2.0, 0.14), s.livery.band)
    d.add(rect(ta + (tb - ta) * 0.3, -2.28, 0.55, 0.4), "#f08a24", INK, 0.02, DETAIL)  # danger placard
    d.add(rect(ta + (tb - ta) * 0.3 + 0.02, -2.08, 0.51, 0.015), INK, None, 0.0, FINE)
    # dome with its hatch, the walkway and its handrail, the ladder
    cx = L / 2
    d.add(rect(cx - 0.6, top - 0.32, 1.2, 0.4, 0.08), lighter(body, 120), INK, 0.04)
    d.add(rect(cx - 0.42, top - 0.42, 0.84, 0.12, 0.04), darker(body, 130), INK, 0.03)
    d.lines([(cx - 2.0, top - 0.55, cx + 2.0, top - 0.55), (cx - 2.0, top - 0.55, cx - 2.0, top + 0.05),
             (cx + 2.0, top - 0.55, cx + 2.0, top + 0.05)], "#c8ccd0", 0.05, DETAIL)
    ladder_x = cx + 1.1
    rungs = [(ladder_x, y, ladder_x + 0.4, y) for y in [bottom + 0.05 - 0.3 * k for k in range(1, 10)] if y > top]
    d.lines([(ladder_x, top, ladder_x, -1.1), (ladder_x + 0.4, top, ladder_x + 0.4, -1.1)], "#b8bdc2", 0.05, DETAIL)
    d.lines(rungs, "#b8bdc2", 0.04, FINE)
    # bottom outlet valve
    d.add(rect(cx - 0.15, bottom - 0.05, 0.3, 0.3), STEEL, INK, 0.02)
    if s.armored:
        armor_plates(d, s, top=top + 0.4, bottom=bottom - 0.3, pitch=3.0)
