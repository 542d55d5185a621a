"""A plain fixed-step integrator of the trip's running time, for checking the fast one.

It is written again from the formulas (DESIGN.md, REFERENCE.md and the requirements), and imports
nothing from traintool.physics, so a mistake there shows up as a disagreement here:
- resistance: the AREA-modified Davis law evaluated in its own imperial units (lb per short ton,
  mph), car by car, then converted to newtons; plus the gradient's m·g·i and the curve term
  k / R per kN acting over the train's length: with mass="uniform" (the rule traintool uses) the
  train's mass spread evenly over its length; with mass="per_car" each car's mass over its own
  length, car by car where each car is (the finer rule, which traintool's is checked against);
- tractive effort: Σ over the locomotives of the gauge of min(μ·m·g, P / v, TE_max);
- the limit in force at a front position x: the lowest limit of every section that the train,
  from x - L to x, touches, capped by the slowest car and the scenario's cap;
- steps of dx metres: a forward pass (v² += 2·a·dx with a midpoint step, capped by the limit in
  force) and a backward pass (v² ≤ v²_next + 2·b·dx, 0 at each stop); the lower of the two at
  each point; time is the sum of dx over the mean speed of each step (exact for constant
  acceleration, so also for starting from rest and braking to a stop).
Slow on purpose: it is the obvious method, so it is easy to trust.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

from traintool.model import Document, Route

MPH_IN_M_S = 0.44704
LBF_IN_N = 4.4482216152605
SHORT_TON_IN_KG = 907.18474
GRAVITY = 9.80665


class ReferenceStall(Exception):
    """The train came to a stand before the stop."""

    def __init__(self, section_index: int):
        self.section_index = section_index
        super().__init__(f"stalled in section index {section_index}")


class _TrainOnGauge:
    def __init__(self, document: Document, gauge_mm: int, mass: str):
        a = document.scenario.assumptions
        cars = [c for c in document.resolved_cars() if not c.is_locomotive or c.type.gauge_mm == gauge_mm]
        self.mass = sum(c.mass_kg for c in cars)
        self.effective_mass = self.mass * a.rotating_mass_factor
        self.length = sum(c.length_m for c in cars)
        # Where the mass is: runs of cars of equal mass per metre, (from, to metres behind the front, kg/m).
        self.density: list[tuple[float, float, float]] = []
        behind = 0.0
        for c in cars:
            rho = c.mass_kg / c.length_m if mass == "per_car" else self.mass / self.length
            if self.density and self.density[-1][2] == rho:
                self.density[-1] = (self.density[-1][0], behind + c.length_m, rho)
            else:
                self.density.append((behind, behind + c.length_m, rho))
            behind += c.length_m
        self.max_speed = min((c.max_speed_m_s for c in cars), default=0.0)

        def davis_lb(V: float) -> float:
            """The modified Davis law as AREA writes it: lb per short ton, times the car's tons."""
            total = 0.0
            for i, c in enumerate(cars):
                tons = c.mass_kg / SHORT_TON_IN_KG
                n = c.axles
                w = tons / n
                k = a.davis_k * (a.lead_air_factor if i == 0 else 1.0)
                total += tons * (a.davis_a_lb_per_ton + a.davis_axle_lb / w + a.davis_b_lb_per_ton_mph * V
                                 + k * V * V / (w * n))
            return total

        # The law is a quadratic in V: three values give its coefficients exactly.
        r0, r1, r2 = davis_lb(0.0), davis_lb(1.0), davis_lb(2.0)
        c2 = (r2 - 2 * r1 + r0) / 2
        c1 = r1 - r0 - c2
        self.r0 = r0 * LBF_IN_N
        self.r1 = c1 * LBF_IN_N / MPH_IN_M_S
        self.r2 = c2 * LBF_IN_N / MPH_IN_M_S**2
        # Locomotives alike are counted once, with their number.
        self.locos = list(Counter(
            (min(a.adhesion_coefficient * c.mass_kg * GRAVITY, c.type.max_tractive_effort_n), c.type.power_w)
            for c in cars if c.is_locomotive).items())

    def tractive_effort(self, v: float) -> float:
        if v <= 0.0:
            return sum(n * f for (f, _), n in self.locos)
        return sum(n * min(f, p / v) for (f, p), n in self.locos)


def reference_running_time(document: Document, route: Route, dx: float = 1.0, mass: str = "uniform") -> float:
    """The running time (s) over the route, stop to stop, with steps of about dx metres."""
    return sum(reference_leg_times(document, route, dx, mass))


def reference_leg_times(document: Document, route: Route, dx: float = 1.0, mass: str = "uniform") -> list[float]:
    if mass not in ("uniform", "per_car"):
        raise ValueError(f"mass: 'uniform' or 'per_car', not {mass!r}")
    scenario = document.scenario
    a = scenario.assumptions
    gauges = route.gauge_by_section()
    trains = {g: _TrainOnGauge(document, g, mass) for g in set(gauges)}
    cap = scenario.top_speed_cap_m_s if scenario.top_speed_cap_m_s is not None else math.inf
    secs = route.sections
    # The railway that runs a section runs it at its limit times its limit factor, at most at its top
    # speed for the service (model/operations.py).
    rules = {r.id: scenario.railway_overrides.get(r.id) or r.rules(scenario.service) for r in route.railways}
    factor = [rules[s.railway].limit_factor if s.railway else 1.0 for s in secs]
    top = [(rules[s.railway].max_speed_m_s if s.railway else None) or math.inf for s in secs]
    limits = [min(s.speed_limit_m_s * f, t, trains[g].max_speed, cap) for s, f, t, g in zip(secs, factor, top, gauges)]
    starts = np.array([s.start_m for s in secs])
    breaks = {b.station for b in route.breaks_of_gauge}
    last = len(route.stations) - 1
    stops = [st.position_m for i, st in enumerate(route.stations) if i in (0, last) or st.stop or st.name in breaks]
    times = []
    for x0, x1 in zip(stops, stops[1:]):
        first = int(np.searchsorted(starts, x0, side="right")) - 1
        train = trains[gauges[first]]  # no leg crosses a break of gauge: every break is a stop
        n = max(int(round((x1 - x0) / dx)), 1)
        h = (x1 - x0) / n
        xs = x0 + h * np.arange(n + 1)
        # The limit in force at each point: section i counts while the train touches it, s_i ≤ x ≤ e_i + L.
        lim2 = np.full(n + 1, np.inf)
        for s, limit in zip(secs, limits):
            lo = np.searchsorted(xs, s.start_m - 1e-9, side="left")
            hi = np.searchsorted(xs, s.end_m + train.length + 1e-9, side="right")
            lim2[lo:hi] = np.minimum(lim2[lo:hi], limit * limit)
        # The gradient and curve of each step, with the front at its middle: car by car.
        mid = xs[:-1] + 0.5 * h
        section_of_step = np.searchsorted(starts, mid, side="right") - 1
        r0_of_step = (train.r0 + _grade_and_curve_force(train, secs, a.curve_resistance_k, mid)).tolist()
        fwd = _forward(train, r0_of_step, lim2.tolist(), h, section_of_step)
        # Backward: v²[k] ≤ v²[k+1] + 2·b·h and 0 at the stop, i.e. the running minimum from the end
        # of lim²[j] + 2·b·h·(j - k).
        lim2[-1] = 0.0
        ramp = 2.0 * a.service_braking_m_s2 * h * np.arange(n + 1)
        bwd = np.minimum.accumulate((lim2 + ramp)[::-1])[::-1] - ramp
        v = np.sqrt(np.maximum(np.minimum(fwd, bwd), 0.0))
        times.append(float(np.sum(h / np.maximum(0.5 * (v[1:] + v[:-1]), 1e-12))))
    return times


def _grade_and_curve_force(train: _TrainOnGauge, secs, curve_k: float, front: np.ndarray) -> np.ndarray:
    """N at each front position: Σ over runs of cars of ρ·g·∫ (i + k/R) / 1000 over the run's span."""
    # ‰ of pull per section: gradient plus the curve term k / R.
    pull = np.array([s.gradient_permille + (curve_k / s.curve_radius_m if s.curve_radius_m else 0.0) for s in secs])
    edges = np.array([secs[0].start_m] + [s.end_m for s in secs])
    integral = np.concatenate([[0.0], np.cumsum(pull * np.diff(edges))])  # ∫ pull from the start, ‰·m

    def integral_to(y: np.ndarray) -> np.ndarray:
        # Before the route's start the first section goes on (the rear of a train at the first station).
        return np.where(y < edges[0], pull[0] * (y - edges[0]), np.interp(y, edges, integral))

    force = np.zeros_like(front)
    for near, far, rho in train.density:
        force += rho * GRAVITY / 1000.0 * (integral_to(front - near) - integral_to(front - far))
    return force


def _forward(train: _TrainOnGauge, r0_of_step: list[float], lim2: list[float], h: float,
             section_of_step: np.ndarray) -> np.ndarray:
    """v² at each point accelerating as hard as the train can, capped by the limit in force."""
    me, r1, r2 = train.effective_mass, train.r1, train.r2
    te = train.tractive_effort
    out = [0.0] * len(lim2)
    v2 = 0.0
    for k, r0 in enumerate(r0_of_step):
        v = math.sqrt(v2)
        acc = (te(v) - (r0 + v * (r1 + r2 * v))) / me
        vm = math.sqrt(max(v2 + acc * h, 0.0))  # half a step on: v² grows by 2·a·(h/2)
        v2 = v2 + 2.0 * h * (te(vm) - (r0 + vm * (r1 + r2 * vm))) / me
        if v2 > lim2[k + 1]:
            v2 = lim2[k + 1]
        if v2 <= 0.0:
            raise ReferenceStall(int(section_of_step[k]))
        out[k + 1] = v2
    return np.array(out)
