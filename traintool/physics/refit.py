"""The delay at a break of gauge: how long the refit facility holds the train, step by step.

Pure functions over the model; no Qt, no I/O. Times are seconds from the train's arrival.

The model of a bogie exchange (``RefitMethod.BOGIE_EXCHANGE``):

* Locomotives never change gauge: they are taken off and locomotives of the new gauge put on,
  once for the whole train (``locomotive_change_s``), whatever the number of locomotives.
* The other cars that can have their bogies exchanged are split, in order, into *cuts*, each
  fitting one exchange track (``track_length_m``). A single car longer than the track still forms
  a cut on its own (it is not refused: the jacks can be set under it with its ends overhanging the
  track); :func:`overlong_cars` lists such cars so that the trip can warn about them.
* A real facility has one shunting path and one shunting locomotive: it uncouples a cut and
  places it on an exchange track (``split_s_per_cut``) one cut at a time. A cut is placed on the
  track that becomes free first (the lowest-numbered track on a tie), as soon as both the shunting
  locomotive and that track are free. Taking a finished cut off its track is folded into the
  shunting of the next cut.
* On its track a cut is lifted (``lift_s``), its bogies swapped (``bogie_swap_s``), it is lowered
  (``lower_s``) and its cars coupled again (``couple_s_per_car`` per car in the cut); the tracks
  work in parallel.
* When the last cut is done, the locomotive change and then the brake test (``brake_test_s``)
  follow, one after the other: the brake test needs the new train locomotive's air, and the new
  locomotive can only be coupled to the reassembled train.
* How full to make the cuts is the facility's choice: every cut must fit the track, but a fuller
  cut is not always quicker (its cars are coupled one after another, while smaller cuts on
  parallel tracks are coupled at the same time). Of the ways of filling the cuts in order with a
  length limit up to the track's, the quickest is taken (the fewest cuts on a tie). So a longer
  exchange track or more tracks are never slower.

For N equal cuts on T tracks, with S = split_s_per_cut and W = lift + swap + lower + couple of one
cut, the cut phase ends at  max((N - 1)·S, r·(S + W) + j·S) + S + W  with r = (N - 1) // T and
j = (N - 1) % T: either the shunting locomotive or the tracks set the pace.

A gauge changer (``GAUGE_CHANGER``): the cars roll through at ``changer_speed_m_s`` (their length /
speed), as one cut; then the locomotive change and the brake test.

A transshipment (``TRANSSHIPMENT``): people and goods move across to a waiting train, car by car,
on ``tracks`` platforms at once: ``transship_s_per_car`` × cars / platforms, with no more platforms
than cars; then the locomotive change and the brake test.

Which cars a method accepts: a bogie exchange those with ``GaugeChange.BOGIE_EXCHANGE``, a gauge
changer those with ``GaugeChange.VARIABLE_GAUGE``, a transshipment every car (the car itself stays
behind). The others are listed in ``RefitResult.cannot_change`` by position and do not go through.
A consist with no car going through gets only the locomotive change (zero if it has none).
"""
from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import BreakOfGauge, GaugeChange, RefitFacility, RefitMethod, ResolvedCar
from .result import RefitResult, RefitStep, TimelineBar

# Step names, as the user reads them; the same names label the timeline bars.
SPLIT = "Split and shunt"
LIFT = "Lift"
SWAP = "Bogie swap"
LOWER = "Lower"
COUPLE = "Couple"
ROLL = "Roll through gauge changer"
TRANSSHIP = "Transship"
LOCO = "Locomotive change"
BRAKE = "Brake test"

CUT_STEPS = (SPLIT, LIFT, SWAP, LOWER, COUPLE)

ACCEPTS: dict[RefitMethod, frozenset[GaugeChange]] = {
    RefitMethod.BOGIE_EXCHANGE: frozenset({GaugeChange.BOGIE_EXCHANGE}),
    RefitMethod.GAUGE_CHANGER: frozenset({GaugeChange.VARIABLE_GAUGE}),
    RefitMethod.TRANSSHIPMENT: frozenset(GaugeChange),
}

_EPS = 1e-9  # metres or seconds: below any meaningful difference
MAX_PLANS = 500  # ways of filling the cuts tried at most (only degenerate facilities come near it)
MAX_CARS_PACKED = 1_000_000  # and at most this many cars packed over all of them (a train of thousands of cars)


def can_change(gauge_change: GaugeChange, method: RefitMethod) -> bool:
    """Whether a car with this running gear can go through a facility of this method."""
    return gauge_change in ACCEPTS[method]


def overlong_cars(cars: Sequence[ResolvedCar], facility: RefitFacility) -> list[int]:
    """Positions of the cars going through a bogie exchange that are longer than its track.

    Each is worked as a cut of its own (see the module notes); the trip may want to warn.
    """
    if facility.method is not RefitMethod.BOGIE_EXCHANGE:
        return []
    return [i for i, c in enumerate(cars) if not c.is_locomotive and can_change(c.gauge_change, facility.method)
            and c.length_m > facility.track_length_m + _EPS]


# ----------------------------------------------------------------------------- bogie exchange

@dataclass(frozen=True)
class CutSchedule:
    """The cut phase of a bogie exchange, for given cut sizes."""

    makespan_s: float  # from arrival to the end of the last cut's coupling
    tracks: list[int]  # the exchange track of each cut
    bars: list[TimelineBar]
    critical_s: dict[str, float]  # share of each cut step on the critical path; adds up to makespan_s


def schedule_cuts(cut_cars: Sequence[int], facility: RefitFacility, with_bars: bool = True) -> CutSchedule:
    """Schedule cuts of the given numbers of cars, in order, on the facility's exchange tracks.

    One shunting locomotive places the cuts one at a time, each on the track that is free first.
    Without bars (when plans are only compared) the timeline is left empty.
    """
    s, lift, swap, lower, c = (facility.split_s_per_cut, facility.lift_s, facility.bogie_swap_s,
                               facility.lower_s, facility.couple_s_per_car)
    free = [(0.0, t) for t in range(facility.tracks)]  # (time the track is free, track): a heap
    last_on_track = [-1] * facility.tracks
    shunter = 0.0
    tracks: list[int] = []
    ends: list[float] = []
    pred: list[tuple[str, int] | None] = []  # what the shunting of each cut waited for
    bars: list[TimelineBar] = []
    for i, k in enumerate(cut_cars):
        track_free, t = heapq.heappop(free)
        start = max(shunter, track_free)
        if start <= 0.0:
            pred.append(None)
        elif shunter >= track_free:
            pred.append(("shunter", i - 1))
        else:
            pred.append(("track", last_on_track[t]))
        if with_bars:
            now = start
            for name, d in ((SPLIT, s), (LIFT, lift), (SWAP, swap), (LOWER, lower), (COUPLE, c * k)):
                bars.append(TimelineBar(track=t, cut=i, step=name, start_s=now, end_s=now + d))
                now += d
        else:  # the same additions in the same order, so the same makespan to the bit, without the loop
            now = start + s + lift + swap + lower + c * k
        shunter = start + s
        heapq.heappush(free, (now, t))
        last_on_track[t] = i
        tracks.append(t)
        ends.append(now)

    critical = dict.fromkeys(CUT_STEPS, 0.0)
    if not ends:
        return CutSchedule(0.0, [], [], critical)
    makespan = max(ends)
    i = max(j for j, e in enumerate(ends) if e == makespan)
    # Walk the critical path back from the last cut to finish.
    kind = "track"
    while True:
        if kind == "track":  # the whole of cut i is on the path
            critical[SPLIT] += s
            critical[LIFT] += lift
            critical[SWAP] += swap
            critical[LOWER] += lower
            critical[COUPLE] += c * cut_cars[i]
        else:  # only the shunting of cut i is on the path
            critical[SPLIT] += s
        p = pred[i]
        if p is None:
            break
        kind, i = p
    return CutSchedule(makespan, tracks, bars, critical)


def _pack(lengths: Sequence[float], limit: float, strict: bool) -> tuple[list[int], float | None]:
    """Fill cuts in order, a new cut when the next car would not fit `limit` (``<`` if strict).

    A car alone always makes a cut. Returns the numbers of cars per cut and the longest cut of
    more than one car (None when every cut is a single car).
    """
    sizes: list[int] = []
    longest: float | None = None
    total = 0.0
    k = 0
    for length in lengths:
        t = total + length
        over = t >= limit - _EPS if strict else t > limit + _EPS
        if k and over:
            sizes.append(k)
            if k > 1:
                longest = total if longest is None else max(longest, total)
            total, k = length, 1
        else:
            total, k = t, k + 1
    if k:
        sizes.append(k)
        if k > 1:
            longest = total if longest is None else max(longest, total)
    return sizes, longest


def _lower_bound(cuts: int, facility: RefitFacility) -> float:
    """No schedule of this many cuts (of one car at least) can end earlier."""
    s, c = facility.split_s_per_cut, facility.couple_s_per_car
    work = facility.lift_s + facility.bogie_swap_s + facility.lower_s + c
    return max(cuts * s + work, math.ceil(cuts / facility.tracks) * (s + work))


def plan_cuts(lengths: Sequence[float], facility: RefitFacility) -> list[int]:
    """The numbers of cars in each cut, in order: the quickest way of filling the cuts.

    The candidates are the cuts filled in order up to a length limit, for every limit up to the
    track's length; they are walked from the fullest (fewest cuts) down, and the walk stops when
    no plan with more cuts can be quicker. The result is the quickest (the fewest cuts on a tie),
    so it never gets slower with a longer track or more tracks. (For a train of thousands of cars
    of mixed lengths the walk is cut short after MAX_CARS_PACKED cars packed, to stay fast; the
    fullest plans, tried first, are then the candidates.)
    """
    if not lengths:
        return []
    best: list[int] | None = None
    best_s = math.inf
    limit, strict = facility.track_length_m, False
    for _ in range(max(1, min(MAX_PLANS, MAX_CARS_PACKED // len(lengths)))):
        sizes, longest = _pack(lengths, limit, strict)
        if best is not None and _lower_bound(len(sizes), facility) >= best_s - _EPS:
            break
        makespan = schedule_cuts(sizes, facility, with_bars=False).makespan_s
        if makespan < best_s - _EPS:
            best, best_s = sizes, makespan
        if longest is None:  # every cut is one car: there is no finer plan
            break
        limit, strict = longest, True  # the next plan: every cut shorter than this one's longest
    assert best is not None
    return best


# ----------------------------------------------------------------------------- the refit

def compute_refit(cars: Sequence[ResolvedCar], brk: BreakOfGauge, facility: RefitFacility, from_gauge_mm: int,
                  position_m: float) -> RefitResult:
    """The refit of the whole consist `cars` (front to back) at a break of gauge.

    `facility` is the one in force (the scenario's override or the route's). See the module notes
    for the model. The steps add up to `duration_s`: for a bogie exchange each is its share of the
    critical path. Timeline bars of whole-train steps have track = cut = -1.
    """
    method = facility.method
    has_loco = any(c.is_locomotive for c in cars)
    going: list[ResolvedCar] = []
    cannot: list[int] = []
    for i, c in enumerate(cars):
        if c.is_locomotive:
            continue
        if can_change(c.gauge_change, method):
            going.append(c)
        else:
            cannot.append(i)

    steps: list[RefitStep] = []
    bars: list[TimelineBar] = []
    cuts = 0
    t = 0.0
    if going:
        if method is RefitMethod.BOGIE_EXCHANGE:
            sizes = plan_cuts([c.length_m for c in going], facility)
            sched = schedule_cuts(sizes, facility)
            cuts = len(sizes)
            steps += [RefitStep(name, sched.critical_s[name]) for name in CUT_STEPS]
            bars += sched.bars
            t = sched.makespan_s
        elif method is RefitMethod.GAUGE_CHANGER:
            cuts = 1
            t = sum(c.length_m for c in going) / facility.changer_speed_m_s
            steps.append(RefitStep(ROLL, t))
            bars.append(TimelineBar(track=0, cut=0, step=ROLL, start_s=0.0, end_s=t))
        else:  # transshipment, on as many platforms as there are (no more than cars)
            cuts = min(facility.tracks, len(going))
            t = facility.transship_s_per_car * len(going) / cuts
            steps.append(RefitStep(TRANSSHIP, t))
            bars += [TimelineBar(track=p, cut=p, step=TRANSSHIP, start_s=0.0, end_s=t) for p in range(cuts)]

    whole_train = []
    if has_loco:
        whole_train.append((LOCO, facility.locomotive_change_s))
    if going:
        whole_train.append((BRAKE, facility.brake_test_s))
    for name, d in whole_train:
        steps.append(RefitStep(name, d))
        bars.append(TimelineBar(track=-1, cut=-1, step=name, start_s=t, end_s=t + d))
        t += d

    return RefitResult(station=brk.station, position_m=position_m, from_gauge_mm=from_gauge_mm,
                       to_gauge_mm=brk.to_gauge_mm, method=method, cars=len(going), cuts=cuts, duration_s=t,
                       steps=steps, timeline=bars, cannot_change=cannot)
