"""What the readout over the trip's plots says at a distance: where it is, the trip's speed and time
there, and the range's 90 % band there."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ...model import Route
from ...physics import TripResult
from ...units import UnitSystem, format_duration

if TYPE_CHECKING:
    from ...physics.ranges import TripRange


def band_lines(rng: TripRange, x_m: float, u: UnitSystem) -> tuple[str, str]:
    """The band at a distance, as a line of each readout ("" where there is none)."""
    assert rng.bands is not None
    there = rng.bands.at(x_m)
    if there is None:
        return "", ""
    (v5, v95), (t5, t95), n = there
    of = "" if n == rng.samples else f" of the {n:,} draws that get here"
    return (f"\n90 %{of}: {u.speed(v5):.0f}–{u.speed(v95):.0f} {u.speed_unit}",
            f"\n90 %{of}: {format_duration(t5)} – {format_duration(t95)}")


def place(route: Route, x_m: float, u: UnitSystem) -> str:
    """The section at a distance and the station nearest it."""
    sec = next((k for k, s in enumerate(route.sections) if s.start_m <= x_m <= s.end_m), None)
    near = min(route.stations, key=lambda s: abs(s.position_m - x_m))
    where = route.section_label(sec, u) if sec is not None else ""
    return f"{where} · near {near.name}"


def speed_text(r: TripResult, x_m: float, u: UnitSystem) -> str:
    """The speed and the running time at the pointer's own distance, read between the profile's samples
    (they are far apart where the train cruises); past where a trip that stops got, none."""
    p = r.profile
    if x_m > p.distance_m[-1] + 1e-6:
        return "not reached"
    speed = float(np.interp(x_m, p.distance_m, p.speed_m_s))
    running = float(np.interp(x_m, p.distance_m, p.time_s))
    return f"{u.speed(speed):.0f} {u.speed_unit} · {format_duration(running)} running"


def time_text(tx: np.ndarray, tt: np.ndarray, x_shown: float) -> str:
    """The time from departure on the time line (`tx` in the units shown, `tt` in hours) at a distance:
    after the stop's dwell and refit where the pointer is on a stop (the line's last point there)."""
    if x_shown > tx[-1] + 1e-9:
        return "not reached"
    k = int(np.clip(np.searchsorted(tx, x_shown, side="right") - 1, 0, len(tx) - 1))
    h = float(tt[k])
    if k + 1 < len(tx) and tx[k + 1] > tx[k]:
        h += (float(tt[k + 1]) - h) * (x_shown - tx[k]) / (tx[k + 1] - tx[k])
    return f"{format_duration(h * 3600)} from departure"


def texts(r: TripResult, route: Route, rng: TripRange | None, u: UnitSystem, x_shown: float,
          tx: np.ndarray | None, tt: np.ndarray | None) -> tuple[str, str | None]:
    """The speed plot's readout and the time plot's (None without a time line) at a distance in the
    units shown; `rng` the range whose band applies here, if any; `tx`, `tt` the time line drawn."""
    x_m = u.distance_to_si(x_shown)
    at = f"{u.distance(x_m):,.1f} {u.distance_unit}"
    where = place(route, x_m, u)
    speed_band, time_band = band_lines(rng, x_m, u) if rng is not None else ("", "")
    speed = f"{at} · {speed_text(r, x_m, u)}{speed_band}\n{where}"
    if tx is None or tt is None or not len(tx):
        return speed, None
    return speed, f"{at} · {time_text(tx, tt, x_shown)}{time_band}\n{where}"
