"""What the speed, time and refit plots show, the same on screen (pyqtgraph) and on paper (QPainter):
the lines' points and the colours. No Qt: each surface turns these into its own items."""
from __future__ import annotations

import bisect

import numpy as np

from ..model import Route
from ..physics.result import TripResult

SPEED_COLOR = "#1f5fbf"  # the train's speed, and the time line
LIMIT_COLOR = "#c0392b"  # the limit in force, dashed
BASELINE_COLOR = "#9aa5b1"  # the pinned baseline's speed and time: muted, dashed
BAND_COLOR = (31, 95, 191, 45)  # the range's 90 % band behind the speed and time lines (RGBA): the line's blue, light
BAND_EDGE_COLOR = (31, 95, 191, 90)
STALE_BAND_COLOR = (128, 128, 128, 40)  # the band of before, greyed, while the range of the edited trip is computed
STALE_BAND_EDGE_COLOR = (128, 128, 128, 80)
UNREACHED_COLOR = (110, 110, 110, 55)  # the part of the route a trip that stops never reaches (RGBA), hatched
BREAK_COLOR = "#c0392b"  # a break of gauge: a solid line
STATION_COLOR = "#999999"  # any other station: a dotted line
# Sections shaded by gauge (RGBA); other gauges are grey.
GAUGE_COLORS: dict[int, tuple[int, int, int, int]] = {
    1435: (60, 140, 80, 40), 1520: (200, 120, 40, 45), 1000: (90, 90, 200, 40), 1668: (160, 60, 160, 40)}
OTHER_GAUGE_COLOR = (128, 128, 128, 30)
# The refit timeline: one colour per step, in the order the steps first appear.
STEP_COLORS = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#9d755d", "#eeca3b", "#bab0ac"]


def gauge_color(gauge_mm: int) -> tuple[int, int, int, int]:
    return GAUGE_COLORS.get(gauge_mm, OTHER_GAUGE_COLOR)


def step_color(k: int) -> str:
    """The colour of the k-th step of a timeline (the colours repeat after nine)."""
    return STEP_COLORS[k % len(STEP_COLORS)]


def time_line(result: TripResult, route: Route) -> tuple[np.ndarray, np.ndarray]:
    """Distance and elapsed time (s) of the whole trip: every stand as a vertical step at its station,
    the running-time allowance spread over each leg."""
    p = result.profile
    x = np.asarray(p.distance_m, float)
    t = np.asarray(p.time_s, float)
    stands = [(s.position_m, s.departure_s - s.arrival_s) for s in result.stops if s.departure_s > s.arrival_s]
    # The train stands: time passes, distance does not. A point where it leaves each stand.
    xs = np.concatenate([x, [a for a, _ in stands]])
    ts = np.concatenate([t, np.interp([a for a, _ in stands], x, t) if len(x) else np.zeros(len(stands))])
    leaving = np.concatenate([np.zeros(len(x), bool), np.ones(len(stands), bool)])
    order = np.lexsort((leaving, xs))
    xs, ts, leaving = xs[order], ts[order], leaving[order]
    return xs, ts + result.time_added(xs, leaving)


def limit_steps(x: np.ndarray, limit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The limit in force as a step line: each sample's limit holds over the stretch that led to it."""
    if len(x) < 2:
        return x, limit
    xs = np.repeat(x, 2)[1:-1]
    ys = np.repeat(limit[1:], 2)
    return xs, ys


def track_label(track: int) -> str:
    """A refit timeline's row: an exchange track, or the whole train (track -1) for the steps it takes together."""
    return "whole train" if track < 0 else f"track {track + 1}"


def spaced_labels(centres: list[float], extents: list[float], first: list[bool] | None = None) -> list[bool]:
    """Which labels to draw so that none overlaps another: a label (centred at its centre, `extent`
    wide, both in pixels) is drawn only if it clears every label drawn before it. Left to right,
    the labels marked `first` before all the others (a break of gauge keeps its name beside a station)."""
    shown = [False] * len(centres)
    lefts: list[float] = []  # the labels drawn, as intervals sorted by their left end
    rights: list[float] = []
    for i in sorted(range(len(centres)), key=lambda k: (not (first and first[k]), centres[k])):
        left, right = centres[i] - extents[i] / 2, centres[i] + extents[i] / 2
        k = bisect.bisect_left(lefts, left)
        if (k > 0 and rights[k - 1] > left) or (k < len(lefts) and lefts[k] < right):
            continue
        lefts.insert(k, left)
        rights.insert(k, right)
        shown[i] = True
    return shown


def data_limits(x: np.ndarray, *ys: np.ndarray, end: float | None = None, min_x_span: float = 0.0,
                min_y_span: float = 0.0) -> dict[str, float]:
    """How far a plot may zoom out and pan: the route (`end`: its length; else the data's distance) and
    from zero to a little above the data's top (a view of -7,000 km or -1,000 km/h shows nothing). A
    trip that stops on the way keeps the whole route in reach: how far it got is the point. And how far
    it may zoom in: spans below `min_x_span` and `min_y_span` (100 m, 1 km/h in the units shown) tell
    nothing, and eighty wheel notches made an axis of 621.60942121… km and an empty plot."""
    top = max((float(np.nanmax(y)) for y in ys if np.isfinite(y).any()), default=1.0)
    top = top * 1.05 if top > 0 else 1.0
    right = end if end is not None and end > 0 else float(x[-1]) if len(x) and x[-1] > 0 else 1.0
    return {"xMin": 0.0, "xMax": right, "yMin": 0.0, "yMax": top,
            "minXRange": min(min_x_span, right), "minYRange": min(min_y_span, top)}
