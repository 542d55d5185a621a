"""The running time: the minimum-time speed profile a driver could run, leg by leg.

Per leg (stop to stop) the line is cut into segments over which the limit in force and the
forces on the train are constant. A limit holds until the rear of the train has left its
section, so a segment boundary sits at each section boundary and at each boundary plus the
train's length. Then:
- backward: the braking envelope at a constant service deceleration b, analytic
  (v² = v_end² + 2·b·d), gives the highest speed at each segment end that still meets every
  lower limit downstream and the stop;
- forward: from standstill the train accelerates with what is left of tractive effort after
  resistance, integrated over speed (dx = m_eff·v·dv / F(v), dt = m_eff·dv / F(v), Simpson's
  rule on steps of at most DV, split at every locomotive's adhesion/power knee), up to the limit
  or to its balancing speed (where F = 0), cruises there exactly, and brakes onto the envelope
  exactly. The profile is the lower of the two.
Integrating over speed rather than distance makes the work per leg a few hundred evaluations
of F however long the leg: this is what lets the GUI recompute on every edit.

A train that comes to a stand where it must not (a gradient it cannot climb) raises `Stall`,
which the trip records as a reason it cannot be made (infeasible, with the stall's position):
the integrator never loops or returns NaN.
"""
from __future__ import annotations

import bisect
import math
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .traction import TrainForces

DV = 0.5  # m/s: the longest quadrature step while changing speed (Simpson: error ~ DV⁴)
BALANCE_GAP = 5e-4  # approach a balancing speed to within this fraction, then hold it
BRAKE_SAMPLES = 6  # points drawn along each braking curve
TINY_FORCE_N = 1e-9  # stands in for a net force of exactly zero, so that nothing divides by it
EPS_M = 1e-6  # m: positions closer than this are the same point
CLEAR_M_S = 4 * DV  # a balancing speed this far above the limit is never near a step: 0.5·(vbal - v) > DV
MAX_PHASES = 10_000  # phases per segment: far above what any segment needs (about 5); a guard, not a limit


class Stall(Exception):
    """The train comes to a stand where it must not: it cannot climb a gradient, or start."""

    def __init__(self, section_index: int, position_m: float, forces: TrainForces):
        self.section_index = section_index
        self.position_m = position_m
        self.forces = forces
        super().__init__(f"stalled in section index {section_index} at {position_m:.0f} m")


@dataclass
class Samples:
    """The profile as it is drawn: distance, speed, running time, and the limit over the stretch
    that led to each sample (the plots draw it as a step line)."""

    x: list[float] = field(default_factory=list)
    v: list[float] = field(default_factory=list)
    t: list[float] = field(default_factory=list)
    limit: list[float] = field(default_factory=list)

    def add(self, x: float, v: float, t: float, limit: float) -> None:
        self.x.append(x)
        self.v.append(v)
        self.t.append(t)
        self.limit.append(limit)

    def truncate(self, n: int) -> None:
        """Forget every sample after the first n."""
        for xs in (self.x, self.v, self.t, self.limit):
            del xs[n:]


# ----------------------------------------------------------------------------- the segments

MANY_POINTS = 256  # cut points in a leg from which numpy computes the means quicker than plain Python
GRADE_STEP_PERMILLE = 0.5  # the averaged gradient varies by at most this much within one segment


@dataclass(frozen=True)
class LineProfile:
    """The route's sections as the segment builder reads them, with running integrals of the
    gradient and of the curve term, so that their mean over any stretch costs two look-ups.

    `curve` is the curve resistance as an equivalent gradient, ‰ (k / R: newtons per kilonewton
    of weight, the same unit as a gradient's pull). Kept as lists of floats: the segment builder
    reads a few entries at a time, which plain indexing does faster than numpy.
    """

    starts: list[float]
    ends: list[float]
    limits: list[float]  # the limit in force per section (section, slowest car, cap)
    grade: list[float]  # ‰ per section
    curve: list[float]  # ‰ equivalent per section
    grade_before: list[float]  # ∫ grade from the route's start to each section's start, ‰·m
    curve_before: list[float]

    @classmethod
    def of(cls, starts: list[float], ends: list[float], limits: list[float], grade: list[float],
           curve: list[float]) -> "LineProfile":
        lengths = np.asarray(ends, dtype=float) - np.asarray(starts, dtype=float)
        g, c = np.asarray(grade, dtype=float), np.asarray(curve, dtype=float)
        before = np.zeros(len(starts))
        return cls(starts, ends, limits, g.tolist(), c.tolist(),
                   np.concatenate([before[:1], np.cumsum(g * lengths)[:-1]]).tolist(),
                   np.concatenate([before[:1], np.cumsum(c * lengths)[:-1]]).tolist())

    def section_at(self, x: float) -> int:
        i = bisect.bisect_right(self.starts, x) - 1  # never past the last section: it starts before x
        return i if i > 0 else 0

    def means_under(self, xs: list[float], length: float) -> tuple[list[float], list[float]]:
        """The gradient and curve term averaged over a train of `length` with its front at each of
        xs, ‰: the difference of the running integrals at the front and at the rear. Before the
        route's start the first section is taken to go on (the rear of a train standing at the
        first station lies there)."""
        starts, grade, curve, gb, cb = self.starts, self.grade, self.curve, self.grade_before, self.curve_before
        if length <= 0.0:
            at = [self.section_at(x) for x in xs]
            return [grade[i] for i in at], [curve[i] for i in at]
        if len(xs) > MANY_POINTS:  # the same sums, element by element, in numpy
            front = np.asarray(xs, dtype=float)
            s, g, c, g_b, c_b = (np.asarray(a, dtype=float) for a in (starts, grade, curve, gb, cb))
            i1 = np.maximum(np.searchsorted(s, front, side="right") - 1, 0)
            rear = front - length
            i0 = np.maximum(np.searchsorted(s, rear, side="right") - 1, 0)
            g1, c1 = g_b[i1] + g[i1] * (front - s[i1]), c_b[i1] + c[i1] * (front - s[i1])
            return (((g1 - (g_b[i0] + g[i0] * (rear - s[i0]))) / length).tolist(),
                    ((c1 - (c_b[i0] + c[i0] * (rear - s[i0]))) / length).tolist())
        bisect_right = bisect.bisect_right
        grades: list[float] = []
        curves: list[float] = []
        for x in xs:
            i = bisect_right(starts, x) - 1
            i = i if i > 0 else 0
            d = x - starts[i]
            g1, c1 = gb[i] + grade[i] * d, cb[i] + curve[i] * d
            x0 = x - length
            i = bisect_right(starts, x0) - 1
            i = i if i > 0 else 0
            d = x0 - starts[i]
            grades.append((g1 - (gb[i] + grade[i] * d)) / length)
            curves.append((c1 - (cb[i] + curve[i] * d)) / length)
        return grades, curves


@dataclass(frozen=True, slots=True)
class Segment:
    start_m: float
    end_m: float
    limit_m_s: float  # the limit in force: the lowest of every section under the train
    forces: TrainForces  # with the gradient and curve averaged over the train's length (see build_segments)
    section_index: int  # the section under the front of the train at the segment's start


def build_segments(line: LineProfile, forces_at: Callable[[float, float], TrainForces],
                   leg_start: float, leg_end: float, train_length: float) -> list[Segment]:
    """Segments of constant limit in force and nearly constant forces between leg_start and leg_end.

    With the front of the train at x, the train covers [x - L, x]:
    - the limit in force is the lowest limit of the sections it overlaps. So a lowered limit
      applies as the front reaches its section, a raised one once the rear has left the section
      before. At a leg's start the rear may still be in an earlier section, and that counts;
    - the gradient and curve act over the train's length: their pull is that of their mean over
      [x - L, x], the train's mass taken as spread evenly over its length (as SUMO takes the slope
      between the train's front and rear). Between two points where the front or the rear crosses
      a section boundary that mean is linear in x; it is cut into pieces over which it varies by
      at most GRADE_STEP_PERMILLE, each given its exact mean, so the work done against the
      gradient over each piece is exact.
    `forces_at(grade, curve)` gives the train's forces for a mean gradient and curve term.
    The work is linear in the sections under the train and the leg: the limit in force comes
    from a sliding-window minimum, the means from running integrals.
    """
    L = train_length
    starts, ends, limits = line.starts, line.ends, line.limits
    n = len(starts)
    first = max(bisect.bisect_right(ends, leg_start - L) - 1, 0)
    last = bisect.bisect_left(starts, leg_end)
    near = starts[first:last]
    points = sorted({x for x in (leg_start, leg_end, *near, *(s + L for s in near)) if leg_start <= x <= leg_end})
    grades, curves = line.means_under(points, L)

    window: deque[int] = deque()  # sections under the train whose limits rise from the left
    pushed = first
    route_start = starts[0]
    pieces: list[_Piece] = []
    for k in range(len(points) - 1):
        p, q = points[k], points[k + 1]
        mid = 0.5 * (p + q)
        while pushed < n and starts[pushed] <= mid:
            while window and limits[window[-1]] >= limits[pushed]:
                window.pop()
            window.append(pushed)
            pushed += 1
        rear = max(mid - L, route_start)
        while len(window) > 1 and ends[window[0]] <= rear:
            window.popleft()
        limit = limits[window[0]]
        gp, cp, gq, cq = grades[k], curves[k], grades[k + 1], curves[k + 1]
        steps = max(1, math.ceil(abs((gq + cq) - (gp + cp)) / GRADE_STEP_PERMILLE - 1e-9))
        if steps == 1:
            _add_piece(pieces, p, q, limit, gp, gq, cp, cq)
            continue
        for j in range(steps):
            a, b = j / steps, (j + 1) / steps
            _add_piece(pieces, p + (q - p) * a, p + (q - p) * b, limit,
                       gp + (gq - gp) * a, gp + (gq - gp) * b, cp + (cq - cp) * a, cp + (cq - cp) * b)
    segments = []
    for piece in pieces:
        length = piece.end - piece.start
        forces = forces_at(piece.grade_area / length, piece.curve_area / length)
        runs = piece.limits
        for i, (start, limit) in enumerate(runs):
            end = runs[i + 1][0] if i + 1 < len(runs) else piece.end
            segments.append(Segment(start, end, limit, forces, line.section_at(start)))
    return segments


@dataclass(slots=True)
class _Piece:
    """A stretch of nearly constant pull being grown: the range of the mean pull in it, the
    integrals of the mean gradient and curve term over it, and the limits in force along it
    (each from where it starts). A piece is cut by the pull alone, and its segments (one per
    limit) share its forces: a limit the train never reaches changes nothing it runs through."""

    start: float
    end: float
    limits: list[tuple[float, float]]  # (from, limit in force), in order
    low: float
    high: float
    grade_area: float
    curve_area: float


def _add_piece(pieces: list[_Piece], a: float, b: float, limit: float, ga: float, gb: float,
               ca: float, cb: float) -> None:
    """Add the stretch [a, b] (mean gradient ga to gb, curve term ca to cb, linear; `limit` in
    force) to the last piece if that keeps its pull within GRADE_STEP_PERMILLE, else start a new one."""
    pa, pb = ga + ca, gb + cb
    lo, hi = (pa, pb) if pa <= pb else (pb, pa)
    area_g, area_c = 0.5 * (ga + gb) * (b - a), 0.5 * (ca + cb) * (b - a)
    last = pieces[-1] if pieces else None
    if last is not None:
        low = lo if lo < last.low else last.low
        high = hi if hi > last.high else last.high
        if high - low <= GRADE_STEP_PERMILLE + 1e-12:
            last.end = b
            last.low, last.high = low, high
            last.grade_area += area_g
            last.curve_area += area_c
            if last.limits[-1][1] != limit:
                last.limits.append((a, limit))
            return
    pieces.append(_Piece(a, b, [(a, limit)], lo, hi, area_g, area_c))


def braking_envelope(segments: list[Segment], b: float) -> list[float]:
    """The highest speed allowed at each segment's end: every lower limit ahead and the stop met."""
    ends = [0.0] * len(segments)
    allowed_next_start = 0.0  # the leg ends at a stop
    for j in range(len(segments) - 1, -1, -1):
        seg = segments[j]
        ends[j] = min(seg.limit_m_s, allowed_next_start)
        allowed_next_start = min(seg.limit_m_s, math.sqrt(ends[j] ** 2 + 2.0 * b * (seg.end_m - seg.start_m)))
    return ends


# ----------------------------------------------------------------------------- forces over speed

def balancing_speed(f: TrainForces, v_max: float) -> float | None:
    """The speed where tractive effort equals resistance, if it is below v_max; else None.

    0.0 means the train cannot move at all here: the net force is not positive even at a
    standstill. The net force falls as speed rises, so the root is bracketed; the Illinois form
    of regula falsi closes the bracket from both sides in a dozen evaluations or so (a bisection
    took 64).
    """
    net = _net_of(f)
    f_hi = net(v_max)
    if f_hi > 0.0:
        return None
    f_lo = net(0.0)
    if f_lo <= 0.0:
        return 0.0
    lo, hi = 0.0, v_max
    side = 0
    for _ in range(200):
        if hi - lo <= 1e-12 * v_max:
            break
        mid = (lo * f_hi - hi * f_lo) / (f_hi - f_lo)
        if not lo < mid < hi:
            mid = 0.5 * (lo + hi)
        f_mid = net(mid)
        if f_mid > 0.0:
            lo, f_lo = mid, f_mid
            if side == 1:
                f_hi *= 0.5
            side = 1
        else:
            hi, f_hi = mid, f_mid
            if side == -1:
                f_lo *= 0.5
            side = -1
    return lo  # the net force is still positive here, so accelerating toward it never divides by 0


def _net_of(f: TrainForces) -> Callable[[float], float]:
    """f.net_force as a function of speed alone, the same sums in the same order, with the
    coefficients bound once: this is the integrator's innermost call."""
    t, r = f.traction, f.resistance
    knees, power_below, force_above = t.knees, t.power_below, t.force_above
    a, b, c = r.a, r.b, r.c
    bisect_right = bisect.bisect_right

    def net(v: float) -> float:
        k = bisect_right(knees, v)
        return ((power_below[k] / v if k else 0.0) + force_above[k]) - (a + v * (b + c * v))
    return net


def _simpson(net: Callable[[float], float], m: float, v0: float, v1: float,
             net0: float) -> tuple[float, float, float]:
    """Distance and time to go from speed v0 to v1 under the net force alone (no knee in between),
    given the net force as a function of speed, the effective mass m and the net force at v0; and
    the net force at v1, which the next step starts from (so a run of steps evaluates each end once).

    The force is kept on the side that moves the speed the right way: a net force of exactly 0
    would mean the train holds its speed, which a tiny force of the right sign approximates.
    """
    vm = 0.5 * (v0 + v1)
    fm, net1 = net(vm), net(v1)
    if v1 > v0:
        f0 = net0 if net0 > TINY_FORCE_N else TINY_FORCE_N
        f1 = net1 if net1 > TINY_FORCE_N else TINY_FORCE_N
        fm = fm if fm > TINY_FORCE_N else TINY_FORCE_N
    else:
        f0 = net0 if net0 < -TINY_FORCE_N else -TINY_FORCE_N
        f1 = net1 if net1 < -TINY_FORCE_N else -TINY_FORCE_N
        fm = fm if fm < -TINY_FORCE_N else -TINY_FORCE_N
    h = (v1 - v0) / 6.0
    dx = h * m * (v0 / f0 + 4.0 * vm / fm + v1 / f1)
    dt = h * m * (1.0 / f0 + 4.0 / fm + 1.0 / f1)
    return dx, dt, net1


def _speed_steps(knees: Sequence[float], v: float, target: float, singular: float | None) -> list[float]:
    """The speeds to step through from v to target.

    At most DV apart; split at every knee (where the integrand has a kink); and, when the target
    lies next to a balancing speed `singular` (where 1/F grows without bound), each step at
    most halves the distance to it, so the steps close in geometrically.
    """
    steps: list[float] = []
    sign = 1.0 if target > v else -1.0
    # Only a knee strictly between here and the target can cut a step (most legs have none).
    knees = [k for k in knees if (k - v) * sign > 1e-12 and (target - k) * sign > 1e-12]
    while (target - v) * sign > 1e-12:
        h = DV if singular is None else min(DV, 0.5 * abs(singular - v))
        nxt = v + sign * h
        if (target - nxt) * sign < 1e-9:
            nxt = target
        for k in knees:
            if (k - v) * sign > 1e-12 and (nxt - k) * sign > 1e-12:
                nxt = k  # knees are sorted: going up the first one found is the nearest,
                if sign > 0:  # going down the last one
                    break
        steps.append(nxt)
        v = nxt
    return steps


# ----------------------------------------------------------------------------- the forward pass

@dataclass
class _Run:
    """Where the train is: position, speed, clock."""

    x: float
    v: float
    t: float


def run_leg(segments: list[Segment], b: float, t0: float, out: Samples) -> float:
    """Run one leg from a standstill to a stop; append samples; return the leg's running time.

    Raises Stall if the train comes to a stand before the stop.
    """
    ends = braking_envelope(segments, b)
    run = _Run(segments[0].start_m, 0.0, t0)
    out.add(run.x, 0.0, t0, segments[0].limit_m_s)
    for seg, v_end in zip(segments, ends):
        _run_segment(seg, v_end, b, run, out)
    return run.t - t0


def _run_segment(seg: Segment, v_end: float, b: float, run: _Run, out: Samples) -> None:
    """Carry the train to the segment's end at no more than v_end, as fast as it can go."""
    x1, cap, f = seg.end_m, seg.limit_m_s, seg.forces
    run.v = min(run.v, cap)  # rounding: the envelope already keeps the entry speed under the limit

    v_end2, b2 = v_end * v_end, 2.0 * b

    def brake_from(v: float) -> float:
        """Where braking from speed v must begin to reach the segment end at v_end."""
        d = v * v - v_end2
        return x1 - (d if d > 0.0 else 0.0) / b2

    # Look for the balancing speed a little above the limit too: close to it the integrand is
    # steep even if the train never gets there. One well above the limit (the net force still
    # positive at cap + CLEAR_M_S) changes nothing: the train holds the limit, and the steps up to
    # it are DV long either way. So it is not looked for (the root costs a dozen evaluations).
    net = _net_of(f)
    clear = cap + CLEAR_M_S
    vbal = None if clear < 2.0 * cap and net(clear) > 0.0 else balancing_speed(f, 2.0 * cap)
    hold = cap if vbal is None else min(vbal, cap)  # the speed the train settles at
    up_to = cap if vbal is None else min(cap, vbal * (1.0 - BALANCE_GAP))
    for _ in range(MAX_PHASES):
        if run.x >= x1 - EPS_M:
            run.x = x1
            return
        if run.v > v_end and run.x >= brake_from(run.v) - EPS_M:
            _brake(run, v_end, b, cap, brake_from, out)
            return
        if vbal == 0.0:
            # Not even a standstill is held: the train slows to a stand, unless the segment ends first.
            if _change_speed(f, net, run, 0.0, None, x1, brake_from, cap, out) == "target":
                raise Stall(seg.section_index, run.x, f)
        elif run.v < up_to - 1e-12:
            _change_speed(f, net, run, up_to, vbal, x1, brake_from, cap, out)
        elif vbal is not None and run.v > vbal * (1.0 + BALANCE_GAP):
            # Entering a grade too steep to hold the speed: the train slows toward its balancing speed.
            _change_speed(f, net, run, vbal * (1.0 + BALANCE_GAP), vbal, x1, brake_from, cap, out)
        else:
            run.v = hold  # within BALANCE_GAP of it: hold it from here
            _cruise(run, min(max(brake_from(run.v), run.x), x1), cap, out)
    raise RuntimeError(f"running-time integrator made no progress in section index {seg.section_index}")


def _cruise(run: _Run, to_m: float, cap: float, out: Samples) -> None:
    if to_m > run.x:
        run.t += (to_m - run.x) / run.v
        run.x = to_m
        out.add(run.x, run.v, run.t, cap)


def _brake(run: _Run, v_end: float, b: float, cap: float, brake_from: Callable[[float], float],
           out: Samples) -> None:
    """Brake at b from the current speed to v_end at the segment end: exact, sampled for the plot."""
    v = run.v
    for k in range(1, BRAKE_SAMPLES + 1):
        vk = v_end + (v - v_end) * (BRAKE_SAMPLES - k) / BRAKE_SAMPLES  # exactly v_end at the last
        out.add(brake_from(vk), vk, run.t + (v - vk) / b, cap)
    run.t += (v - v_end) / b
    run.v = v_end
    run.x = brake_from(v_end)


def _change_speed(f: TrainForces, net: Callable[[float], float], run: _Run, target: float,
                  singular: float | None, x1: float, brake_from: Callable[[float], float], cap: float,
                  out: Samples) -> str:
    """Accelerate (or slow on a grade) from the current speed toward target (`net`: f's net force).

    Stops early on reaching the segment end or the braking curve, whichever comes first.
    Returns "target", "end" or "brake".
    """
    m = f.effective_mass_kg
    force = net(run.v)
    for nxt in _speed_steps(f.traction.knees, run.v, target, singular):
        dx, dt, force_next = _simpson(net, m, run.v, nxt, force)
        if run.x + dx >= brake_from(nxt):  # (never beyond x1)
            # The event lies within this step: find the speed where it happens.
            hi = _event_speed(net, m, run, force, nxt, x1, brake_from)
            dx, dt, _ = _simpson(net, m, run.v, hi, force)
            run.x = min(run.x + dx, x1)
            run.v, run.t = hi, run.t + dt
            out.add(run.x, run.v, run.t, cap)
            return "end" if run.x >= x1 - EPS_M else "brake"
        run.x, run.v, run.t = run.x + dx, nxt, run.t + dt
        force = force_next
        out.add(run.x, run.v, run.t, cap)
    return "target"


def _event_speed(net: Callable[[float], float], m: float, run: _Run, force: float, nxt: float, x1: float,
                 brake_from: Callable[[float], float]) -> float:
    """The speed between run.v and nxt at which the train reaches the segment end or the braking
    curve, whichever is first: the root of g(u) = x + D(u) - min(x1, brake_from(u)), with D the
    distance to go from run.v to u. Newton's method (dD/du = m·u / F(u)) kept inside a bracket
    that bisection shrinks whenever a Newton step would leave it; returns a speed on the side
    where the event has happened (g ≥ 0), to a few micrometres. (`net`: the net force as a function
    of speed, m the effective mass, `force` the net force at run.v.)"""

    def g(u: float) -> tuple[float, float]:
        dx, _, force_u = _simpson(net, m, run.v, u, force)
        end, brake = x1, brake_from(u)
        value = run.x + dx - min(end, brake)
        slope = m * u / (force_u or TINY_FORCE_N)
        if brake < end:  # the braking curve binds: −d(brake_from)/du = u / b, by a difference
            slope += (brake_from(u - 1e-6) - brake) / 1e-6
        return value, slope

    lo, hi = run.v, nxt  # g(lo) < 0 ≤ g(hi)
    u = hi
    value, slope = g(u)
    for _ in range(60):
        if abs(value) < 1e-7:
            return u  # within 0.1 µm of the event
        if abs(hi - lo) < 1e-13 * (1.0 + abs(hi)):
            break
        if value >= 0.0:
            hi = u
        else:
            lo = u
        step = u - value / slope if slope else None
        u = step if step is not None and min(lo, hi) < step < max(lo, hi) else 0.5 * (lo + hi)
        value, slope = g(u)
    return u if value >= 0.0 else hi
