"""The running time: the minimum-time speed profile a driver could run, leg by leg.

Per leg (stop to stop) the line is cut into segments over which the limit in force and the
forces on the train are constant. A limit holds until the rear of the train has left its
section, so a segment boundary sits at each section boundary and at each boundary plus the
train's length. Then:
- backward: the braking envelope at a constant service deceleration b, analytic
  (v² = v_end² + 2·b·d), gives the highest speed at each segment end that still meets every
  lower limit downstream and the stop;
- forward: from standstill the train accelerates with what is left of tractive effort after
  resistance (dx/dv = m_eff·v / F(v), dt/dv = m_eff / F(v), integrated over speed with
  Simpson's rule), cruises at the limit or at its balancing speed, and brakes onto the
  envelope. Cruising and braking are exact.
Integrating over speed rather than distance makes the work per leg a few hundred evaluations
of F, however long the leg: this is what lets the GUI recompute on every edit.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

from .traction import TrainForces

DV = 0.5  # m/s per quadrature step while accelerating (Simpson: error ~ DV⁴)
BALANCE_GAP = 5e-4  # approach a balancing speed to within this fraction, then hold it
STALL_SPEED = 0.05  # m/s: below this the train has stalled
BRAKE_SAMPLES = 6  # points drawn along each braking curve


class Stall(Exception):
    """The train stops where it must not: a gradient it cannot climb, or nothing to pull it."""

    def __init__(self, section_index: int, position_m: float):
        self.section_index = section_index
        self.position_m = position_m
        super().__init__(f"stalled in section {section_index} at {position_m:.0f} m")


@dataclass(frozen=True, slots=True)
class Segment:
    start_m: float
    end_m: float
    limit_m_s: float
    forces: TrainForces
    section_index: int  # the section under the front of the train


@dataclass
class Samples:
    """The profile as it is drawn: distance, speed, running time, limit."""

    x: list[float] = field(default_factory=list)
    v: list[float] = field(default_factory=list)
    t: list[float] = field(default_factory=list)
    limit: list[float] = field(default_factory=list)

    def add(self, x: float, v: float, t: float, limit: float) -> None:
        self.x.append(x)
        self.v.append(v)
        self.t.append(t)
        self.limit.append(limit)


def build_segments(starts: list[float], ends: list[float], limits: list[float], forces: list[TrainForces],
                   leg_start: float, leg_end: float, train_length: float) -> list[Segment]:
    """Segments of constant limit in force and constant forces between leg_start and leg_end.

    `starts`, `ends`, `limits`, `forces` describe the route's sections in order. The limit in
    force at front position x is the lowest limit of the sections under the train, [x - L, x].
    """
    cuts = {leg_start, leg_end}
    first = max(bisect.bisect_right(ends, leg_start - train_length) - 1, 0)
    for i in range(first, len(starts)):
        b = starts[i]
        if b >= leg_end:
            break
        for p in (b, b + train_length):
            if leg_start < p < leg_end:
                cuts.add(p)
    points = sorted(cuts)
    segments = []
    for p, q in zip(points, points[1:]):
        mid = 0.5 * (p + q)
        front = min(bisect.bisect_right(starts, mid) - 1, len(starts) - 1)
        rear = max(bisect.bisect_right(ends, max(mid - train_length, 0.0)), 0)
        limit = min(limits[rear:front + 1])
        if segments and segments[-1].limit_m_s == limit and segments[-1].section_index == front:
            segments[-1] = Segment(segments[-1].start_m, q, limit, forces[front], front)  # merge equal neighbours
        else:
            segments.append(Segment(p, q, limit, forces[front], front))
    return segments


def braking_envelope(segments: list[Segment], b: float) -> list[float]:
    """The highest speed allowed at each segment's end: every lower limit ahead and the stop met."""
    ends = [0.0] * len(segments)
    allowed_next_start = 0.0  # the leg ends at a stop
    for j in range(len(segments) - 1, -1, -1):
        seg = segments[j]
        ends[j] = min(seg.limit_m_s, allowed_next_start)
        allowed_next_start = min(seg.limit_m_s, math.sqrt(ends[j] ** 2 + 2.0 * b * (seg.end_m - seg.start_m)))
    return ends


def balancing_speed(f: TrainForces, v_max: float) -> float | None:
    """The speed at which tractive effort equals resistance, below v_max; None if above it.

    F(v) falls with v, so a bisection finds it. 0.0 means the train cannot move at all here.
    """
    if f.net_force(v_max) >= 0.0:
        return None
    if f.net_force(1e-6) <= 0.0:
        return 0.0
    lo, hi = 1e-6, v_max
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if f.net_force(mid) > 0.0:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def _simpson(f: TrainForces, v0: float, v1: float) -> tuple[float, float]:
    """Distance and time to change speed from v0 to v1 under the net force alone."""
    m = f.effective_mass_kg
    vm = 0.5 * (v0 + v1)
    f0, fm, f1 = f.net_force(v0), f.net_force(vm), f.net_force(v1)
    h = (v1 - v0) / 6.0
    dx = h * m * (v0 / f0 + 4.0 * vm / fm + v1 / f1)
    dt = h * m * (1.0 / f0 + 4.0 / fm + 1.0 / f1)
    return dx, dt


def _speed_steps(f: TrainForces, v: float, target: float) -> list[float]:
    """Speeds to step through from v to target: DV apart, split at the adhesion/power knee,
    closing in geometrically on a balancing speed where the integrand grows without bound."""
    knee = f.power_w / f.max_force_n if f.max_force_n > 0 else math.inf
    steps = []
    sign = 1.0 if target > v else -1.0
    while (target - v) * sign > 1e-9:
        gap = abs(target - v)
        step = min(DV, gap if gap < 1e-3 else max(0.5 * gap, 1e-4) if gap < 2 * DV else DV)
        nxt = v + sign * step
        if min(v, nxt) < knee < max(v, nxt):
            nxt = knee
        if (target - nxt) * sign < 0:
            nxt = target
        steps.append(nxt)
        v = nxt
    return steps


def run_leg(segments: list[Segment], b: float, t0: float, out: Samples) -> float:
    """Run one leg from a standstill to a stop; append samples; return the leg's running time.

    Raises Stall if the train comes to a stand before the stop.
    """
    ends = braking_envelope(segments, b)
    t = t0
    v = 0.0
    out.add(segments[0].start_m, 0.0, t, segments[0].limit_m_s)
    for seg, v_end in zip(segments, ends):
        x, x1, cap, f = seg.start_m, seg.end_m, seg.limit_m_s, seg.forces

        def brake_point(speed: float) -> float:
            return x1 - max(speed * speed - v_end * v_end, 0.0) / (2.0 * b)

        while x < x1 - 1e-9:
            if v > v_end and x >= brake_point(v) - 1e-6:
                # On the braking curve: brake to the segment end, exactly.
                for k in range(1, BRAKE_SAMPLES + 1):
                    vk = v + (v_end - v) * k / BRAKE_SAMPLES
                    out.add(brake_point(vk), vk, t + (v - vk) / b, cap)
                t += (v - v_end) / b
                v, x = v_end, x1
                break
            vbal = balancing_speed(f, cap)
            if vbal == 0.0 and v < STALL_SPEED:
                raise Stall(seg.section_index, x)
            if vbal is None:
                target = cap
            elif v < vbal:
                target = vbal * (1.0 - BALANCE_GAP)
            else:
                target = vbal * (1.0 + BALANCE_GAP) if vbal > 0 else 0.0
            if abs(v - target) > 1e-9 and not (vbal is not None and abs(v - vbal) <= vbal * BALANCE_GAP + 1e-9):
                x, v, t, done = _change_speed(f, x, v, t, target, x1, brake_point, cap, out)
                if v < STALL_SPEED and not done:
                    raise Stall(seg.section_index, x)
                if vbal is not None and not done and abs(target - v) < 1e-9 and vbal > 0:
                    v = vbal  # close enough: hold the balancing speed
                continue
            # Cruise at the limit (or the balancing speed) until braking must begin.
            stop_at = min(max(brake_point(v), x), x1)
            if stop_at > x:
                t += (stop_at - x) / v
                x = stop_at
                out.add(x, v, t, cap)
            if x >= x1 - 1e-9:
                break
        if v <= 0.0 and seg is not segments[-1]:
            raise Stall(seg.section_index, x1)
    return t - t0


def _change_speed(f: TrainForces, x: float, v: float, t: float, target: float, x1: float, brake_point, cap: float,
                  out: Samples) -> tuple[float, float, float, bool]:
    """Accelerate (or slow on a grade) from v toward target; stop early at the segment end or on
    meeting the braking curve. Returns x, v, t and whether the segment end or the curve was met."""
    for nxt in _speed_steps(f, v, target):
        dx, dt = _simpson(f, v, nxt)
        if x + dx >= min(x1, brake_point(nxt)):
            # The event lies within this step: find the speed where it happens.
            lo, hi = v, nxt
            for _ in range(40):
                mid = 0.5 * (lo + hi)
                if x + _simpson(f, v, mid)[0] >= min(x1, brake_point(mid)):
                    hi = mid
                else:
                    lo = mid
            ddx, ddt = _simpson(f, v, hi)
            x_new = min(x + ddx, x1)
            t += ddt
            v = hi
            out.add(x_new, v, t, cap)
            return x_new, v, t, True
        x += dx
        t += dt
        v = nxt
        out.add(x, v, t, cap)
        if v < STALL_SPEED:
            return x, v, t, False
    return x, v, t, False
