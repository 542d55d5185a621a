"""A plain fixed-step integrator of the same physics, for checking the fast one.

Steps of dx metres along each leg: a forward pass (accelerate, v² += 2·a(v)·dx with a midpoint
step, capped by the limit in force) and a backward pass (v² ≤ v_next² + 2·b·dx), the lower of
the two at each point; time is the sum of dx over the mean speed of each step. Slow on purpose:
it is the obvious method, so it is easy to trust.
"""
from __future__ import annotations

import math

import numpy as np

from traintool.model import Document, Route
from traintool.physics.running import build_segments
from traintool.physics.trip import _leg_train_length, _section_forces, _stops


def reference_running_time(document: Document, route: Route, dx: float = 1.0) -> float:
    cars = document.resolved_cars()
    gauges = route.gauge_by_section()
    forces = _section_forces(cars, route, gauges, document)
    cap = document.scenario.top_speed_cap_m_s
    limits = [min(s.speed_limit_m_s, f.max_speed_m_s, cap if cap is not None else math.inf)
              for s, f in zip(route.sections, forces)]
    starts = [s.start_m for s in route.sections]
    ends = [s.end_m for s in route.sections]
    b = document.scenario.assumptions.service_braking_m_s2
    total = 0.0
    stops = _stops(route)
    for i0, i1 in zip(stops, stops[1:]):
        x0, x1 = route.stations[i0].position_m, route.stations[i1].position_m
        segs = build_segments(starts, ends, limits, forces, x0, x1,
                              _leg_train_length(forces, starts, x0, 0.0))
        n = max(int(round((x1 - x0) / dx)), 1)
        h = (x1 - x0) / n
        xs = x0 + h * np.arange(n + 1)
        seg_ends = np.array([s.end_m for s in segs])
        idx = np.minimum(np.searchsorted(seg_ends, xs, side="left"), len(segs) - 1)
        lim = np.array([s.limit_m_s for s in segs])[idx]
        # A point on a boundary takes the lower of the two limits around it.
        lim[1:] = np.minimum(lim[1:], np.array([s.limit_m_s for s in segs])[np.minimum(idx[1:] + 0, len(segs) - 1)])
        fwd = np.empty(n + 1)
        fwd[0] = 0.0
        v2 = 0.0
        for k in range(n):
            f = segs[idx[k + 1]].forces
            v = math.sqrt(v2)
            a1 = f.acceleration(v)
            vm = math.sqrt(max(v2 + a1 * h, 0.0))
            v2 = max(v2 + 2.0 * f.acceleration(vm) * h, 0.0)
            v2 = min(v2, lim[k + 1] ** 2)
            fwd[k + 1] = v2
        bwd = np.empty(n + 1)
        bwd[n] = 0.0
        for k in range(n - 1, -1, -1):
            bwd[k] = min(bwd[k + 1] + 2.0 * b * h, lim[k] ** 2)
        v = np.sqrt(np.minimum(fwd, bwd))
        vmean = 0.5 * (v[1:] + v[:-1])
        total += float(np.sum(h / np.maximum(vmean, 1e-9)))
    return total
