"""The trip along the route on a common grid of distances, and the 90 % bands of a range there.

Each sampled trip is read at the same points of the route (the grid): its running speed and its
elapsed time from departure (running, dwell and refits, so the time band widens at each stop and
break of gauge). The grid is every GRID_STEP_M along the route (coarser on a route so long that it
would pass GRID_POINTS), closer near the stops and the changes of section where the speed changes
fast, and each stop and break of gauge twice: once as the train arrives, once as it leaves, so that
the time steps up there as the drawn time line does. Kept in float32: seven digits, a tenth of a
second in a day, and half the bytes across the process boundary.

Which draws a band is over: at each point, the draws that get there. A draw in which the trip
cannot be made counts up to where it stops (a stall, a break of gauge it cannot pass) and not
beyond, so the band shows how far, and how fast, such trains run. At the route's end only the
draws that make the trip are left: the time band's end is the range of the total.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model import Route
from .result import TripResult
from .trip import stop_indices

GRID_STEP_M = 1_000.0
GRID_POINTS = 2_000  # at most, before the points added near stops and limits: a longer route is read at a coarser step
# Where the speed changes fast, closer points: a train brakes to a stop in a few hundred metres and
# gathers speed over kilometres, so every point at a doubling distance on either side of each
# stop (25 m to 3.2 km), and of each change of section (100 m to 1.6 km: a limit, a gradient).
NEAR_STOP_M = 25.0 * 2.0 ** np.arange(8)
NEAR_SECTION_M = 100.0 * 2.0 ** np.arange(5)
BAND = (5.0, 95.0)  # percentiles


@dataclass(frozen=True, eq=False)
class Grid:
    """Where the trips are read: distances (m, ascending) and, for each, whether it is the moment
    the train leaves (a stop's second point) rather than arrives."""

    distance_m: np.ndarray  # float64
    leaves: np.ndarray  # bool

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Grid) and np.array_equal(self.distance_m, other.distance_m) \
            and np.array_equal(self.leaves, other.leaves)

    def __len__(self) -> int:
        return len(self.distance_m)


def route_grid(route: Route) -> Grid:
    length = route.length_m
    step = max(GRID_STEP_M, length / GRID_POINTS)
    even = np.linspace(0.0, length, int(np.ceil(length / step)) + 1) if length > 0 else np.zeros(1)
    stations = [route.stations[i].position_m for i in stop_indices(route)]
    changes = np.array([sec.start_m for sec in route.sections[1:]], float)
    near: list[np.ndarray] = [even, changes]
    for around, offsets in ((stations, NEAR_STOP_M), (changes, NEAR_SECTION_M)):
        for x0 in around:
            near += [x0 - offsets, x0 + offsets]
    stops = sorted(set(stations) - {0.0, length})
    x = np.unique(np.concatenate(near))
    x = x[(x >= 0) & (x <= length) & ~np.isin(x, stops)]
    x = np.concatenate([x, stops, stops])
    leaves = np.concatenate([np.zeros(len(x) - len(stops), bool), np.ones(len(stops), bool)])
    order = np.lexsort((leaves, x))  # by distance, arriving before leaving
    return Grid(x[order], leaves[order])


def along_grid(result: TripResult, route: Route, grid: Grid) -> tuple[np.ndarray, np.ndarray]:
    """The trip's speed (m/s) and elapsed time (s) at each point of the grid, NaN where the train
    never gets (past where it stops; at the stop where it stops, on leaving)."""
    p = result.profile
    speed = np.full(len(grid), np.nan, np.float32)
    elapsed = np.full(len(grid), np.nan, np.float32)
    if not len(p.distance_m):
        return speed, elapsed
    x = grid.distance_m
    reach = min(result.reached_m, float(p.distance_m[-1]))
    got = (x < reach) | ((x <= reach) & ~grid.leaves)
    xs, leaving = x[got], grid.leaves[got]
    lo, hi, t = _weights(p.distance_m, xs, leaving)
    speed[got] = _lerp(p.speed_m_s, lo, hi, t)
    # Stands at their stations, as time_line draws them (passed on leaving, not yet on arriving), and
    # the allowance spread over each leg.
    elapsed[got] = _lerp(p.time_s, lo, hi, t) + result.time_added(xs, leaving)
    return speed, elapsed


def _index(xp: np.ndarray, x: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Where x goes in xp: before equal points, or after them where `right` (few: the stops' leaving)."""
    k = np.searchsorted(xp, x, side="left")
    if right.any():
        k[right] = np.searchsorted(xp, x[right], side="right")
    return k


def _weights(xp: np.ndarray, x: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The points of xp each x lies between and how far along; where xp repeats a point (a stop:
    arrival, departure), the first of them, or the last where `right`."""
    if len(xp) < 2:
        zero = np.zeros(len(x), int)
        return zero, zero, np.zeros(len(x))
    hi = np.minimum(np.maximum(_index(xp, x, right), 1), len(xp) - 1)
    lo = hi - 1
    x0, x1 = xp[lo], xp[hi]
    t = np.divide(x - x0, x1 - x0, out=right.astype(float), where=x1 > x0)
    return lo, hi, np.minimum(np.maximum(t, 0.0), 1.0)  # past either end: the end's value


def _lerp(fp: np.ndarray, lo: np.ndarray, hi: np.ndarray, t: np.ndarray) -> np.ndarray:
    a = fp[lo]
    out: np.ndarray = a + t * (fp[hi] - a)  # numpy types arithmetic on an untyped dtype as Any
    return out


@dataclass(frozen=True, eq=False)
class TripBands:
    """The 5th and 95th percentiles of the running speed and the elapsed time at each point of the
    grid, over the draws that get there (`reaching`: how many); NaN where none does."""

    grid: Grid
    reaching: np.ndarray  # int32
    speed_m_s: tuple[np.ndarray, np.ndarray]  # (p5, p95), float32
    elapsed_s: tuple[np.ndarray, np.ndarray]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TripBands) and self.grid == other.grid \
            and np.array_equal(self.reaching, other.reaching) \
            and all(np.array_equal(a, b, equal_nan=True) for a, b in zip(
                (*self.speed_m_s, *self.elapsed_s), (*other.speed_m_s, *other.elapsed_s)))

    @property
    def reached(self) -> int:
        """How many points some draw gets to: the band is drawn over the grid's first `reached`."""
        return int(np.count_nonzero(self.reaching))

    def at(self, x_m: float) -> tuple[tuple[float, float], tuple[float, float], int] | None:
        """The speed band, the time band (the train leaving, at a stop) and the draws there, at a
        distance; None past where any draw gets."""
        n = self.reached
        x = self.grid.distance_m[:n]
        if n == 0 or not 0 <= x_m <= x[-1]:
            return None
        lo, hi, t = _weights(x, np.array([x_m]), np.array([True]))

        def band(pair: tuple[np.ndarray, np.ndarray]) -> tuple[float, float]:
            a, b = (float(_lerp(v[:n].astype(float), lo, hi, t)[0]) for v in pair)
            return a, b

        k = min(int(np.searchsorted(x, x_m, side="right")), n - 1)
        return band(self.speed_m_s), band(self.elapsed_s), int(self.reaching[k])


def bands(grid: Grid, speed: np.ndarray, elapsed: np.ndarray) -> TripBands:
    """The bands of draws × grid arrays of speed and elapsed time (NaN where a draw never gets)."""
    if not len(elapsed):
        elapsed = speed = np.full((1, len(grid)), np.nan, np.float32)  # no draws: no band anywhere
    reaching = np.count_nonzero(~np.isnan(elapsed), axis=0).astype(np.int32)
    return TripBands(grid, reaching, _band(speed, reaching), _band(elapsed, reaching))


def _band(values: np.ndarray, count: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column, the percentiles of its numbers (NaN sorts last) by np.percentile's linear rule."""
    s = np.sort(np.ascontiguousarray(values.T), axis=1)  # each point's draws in a row of their own: a fast sort
    cols = np.arange(values.shape[1])
    out = []
    for q in BAND:
        h = (np.maximum(count, 1) - 1) * q / 100.0
        lo = np.floor(h).astype(int)
        hi = np.minimum(lo + 1, np.maximum(count - 1, 0))
        a, b = s[cols, lo].astype(np.float64), s[cols, hi].astype(np.float64)
        v = a + (h - lo) * (b - a)
        out.append(np.where(count > 0, v, np.nan).astype(np.float32))
    return out[0], out[1]
