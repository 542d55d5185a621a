"""A trip adds running, dwell and refit; the default document answers the article."""
import math

import numpy as np
import pytest

from traintool.io import default_document, resolve_route, shipped_routes
from traintool.model import Consist, GaugeChange, RefitFacility, RefitMethod, Scenario, StrandedCars
from traintool.physics import compute_trip
from traintool.physics.refit import compute_refit
from traintool.physics.result import ReasonKind


def test_total_is_running_plus_dwell_plus_refit(small_document):
    r = compute_trip(small_document, small_document.route)
    assert r.feasible and not r.warnings
    assert r.total_s == pytest.approx(r.running_s + r.dwell_s + r.refit_s)
    assert r.dwells == [("B", 300.0)]
    assert r.refit_s == pytest.approx(sum(x.duration_s for x in r.refits)) and r.refit_s > 0
    assert [(leg.from_station, leg.to_station, leg.distance_m) for leg in r.legs] == [("A", "B", 50_000),
                                                                                       ("B", "C", 50_000)]
    assert sum(leg.running_s for leg in r.legs) == pytest.approx(r.running_s)
    assert r.distance_m == 100_000


def test_the_refit_is_the_one_refit_py_computes(small_document):
    d = small_document
    r = compute_trip(d, d.route)
    brk = d.route.breaks_of_gauge[0]
    [refit] = r.refits
    assert refit == compute_refit(d.resolved_cars(), brk, brk.facility, 1435, 50_000)
    assert (refit.station, refit.from_gauge_mm, refit.to_gauge_mm, refit.position_m) == ("B", 1435, 1520, 50_000)


def test_a_facility_override_replaces_the_routes(small_document):
    slower = RefitFacility(tracks=1, track_length_m=60)  # 8 coaches of 25 m: 4 cuts on one track
    d = small_document.model_copy(update={"scenario": Scenario(facility_overrides={"B": slower})})
    base, r = compute_trip(small_document, small_document.route), compute_trip(d, d.route)
    brk = d.route.breaks_of_gauge[0]
    assert r.refit_s == compute_refit(d.resolved_cars(), brk, slower, 1435, 50_000).duration_s > base.refit_s
    assert r.running_s == base.running_s


def test_dwell_override_replaces_the_route_dwell(small_document):
    d = small_document.model_copy(update={"scenario": Scenario(dwell_overrides_s={"B": 1200})})
    r = compute_trip(d, d.route)
    assert r.dwell_s == 1200 and r.dwells == [("B", 1200)]


def test_dwell_only_where_the_train_stops(line, doc):
    route = line((5000, 30, 0), (5000, 30, 0), (5000, 30, 0), stops=(1,), passes=(0,), dwell_s=120)
    d = doc(route)
    r = compute_trip(d, route)
    assert r.dwells == [("Station 2", 120)] and r.dwell_s == 120
    assert [(leg.from_station, leg.to_station) for leg in r.legs] == [("Start", "Station 2"), ("Station 2", "End")]
    # The ends never count, even with a dwell of their own.
    assert all(name not in ("Start", "End") for name, _ in r.dwells)


def _stuck(small_document, positions, stranded=StrandedCars.STOP):
    cars = list(small_document.consist.cars)
    for i in positions:
        cars[i] = cars[i].model_copy(update={"gauge_change": GaugeChange.NONE})
    return small_document.model_copy(update={"consist": Consist(cars=cars),
                                             "scenario": Scenario(stranded_cars=stranded)})


def test_cars_that_cannot_change_gauge_stop_the_trip_by_default(small_document):
    d = _stuck(small_document, [5])
    r = compute_trip(d, d.route)
    assert r.refits[0].cannot_change == [5]
    [why] = r.reasons
    assert why.kind is ReasonKind.CANNOT_CHANGE_GAUGE and why.car_indices == (5,) and why.station == "B"
    assert "Car 6 (Coach 4) cannot change gauge at B" in why.message and why.gauge_mm == 1520
    # It runs to the break and stands there: no duration, the first leg's time kept, the second not run.
    assert r.total_s is None and r.legs[0].running_s > 0 and r.legs[1].running_s is None
    assert r.reached_m == 50_000 and r.refit_s == 0 and r.dwell_s == 0  # neither the refit nor B's dwell happens
    assert not [w for w in r.warnings if w.car_index == 5]  # a reason, not one more warning


def test_many_cars_that_cannot_change_are_one_reason_that_names_them_as_runs(small_document):
    d = _stuck(small_document, [2, 3, 4, 5, 8])
    [why] = compute_trip(d, d.route).reasons
    assert why.car_indices == (2, 3, 4, 5, 8)
    assert why.message.startswith("5 coaches, cars 3-6 and 9 cannot change gauge at B")


def test_cars_left_behind_let_the_train_go_on_without_them(small_document):
    d = _stuck(small_document, [5, 6], StrandedCars.LEAVE_BEHIND)
    r = compute_trip(d, d.route)
    assert r.feasible and r.total_s == pytest.approx(r.running_s + r.dwell_s + r.refit_s)
    assert r.left_behind == [("B", (5, 6))] and r.refits[0].cannot_change == [5, 6]
    # The train beyond B is two coaches lighter and shorter: the refit has 6 coaches to do, and
    # the second leg runs as the same train without them would.
    assert r.refits[0].cars == 6
    without = small_document.model_copy(update={"consist": Consist(
        cars=[c for i, c in enumerate(small_document.consist.cars) if i not in (5, 6)])})
    alone = compute_trip(without, without.route)
    assert r.legs[1].running_s == pytest.approx(alone.legs[1].running_s, rel=1e-12)
    assert r.refits[0].duration_s == pytest.approx(alone.refits[0].duration_s)
    assert r.legs[0].running_s == pytest.approx(compute_trip(d.model_copy(update={"scenario": Scenario()}),
                                                             d.route).legs[0].running_s, rel=1e-12)


def test_a_car_longer_than_the_exchange_track_is_named(small_document):
    short = RefitFacility(track_length_m=20.0)  # the coaches are 25 m
    d = small_document.model_copy(update={"scenario": Scenario(facility_overrides={"B": short})})
    r = compute_trip(d, d.route)
    assert r.feasible
    assert sorted(w.car_index for w in r.warnings) == list(range(2, 10))
    assert "longer than the exchange track at B" in r.warnings[0].message


def test_a_gauge_changer_and_variable_gauge_cars(small_document):
    cars = [c.model_copy(update={"gauge_change": GaugeChange.VARIABLE_GAUGE}) if c.type_id == "coach" else c
            for c in small_document.consist.cars]
    changer = RefitFacility(method=RefitMethod.GAUGE_CHANGER)
    d = small_document.model_copy(update={"consist": Consist(cars=cars),
                                          "scenario": Scenario(facility_overrides={"B": changer})})
    r = compute_trip(d, d.route)
    assert r.feasible and not r.warnings and r.refits[0].method is RefitMethod.GAUGE_CHANGER
    assert r.total_s == pytest.approx(r.running_s + r.dwell_s + r.refit_s)


def test_only_locomotives_of_the_gauge_pull_and_weigh(small_document):
    # Both halves are alike but for which locomotive pulls: the same running time each side.
    r = compute_trip(small_document, small_document.route)
    assert r.legs[0].running_s == pytest.approx(r.legs[1].running_s, rel=1e-9)


def test_the_profile_covers_the_route_once_in_order(small_document):
    p = compute_trip(small_document, small_document.route).profile
    assert p.distance_m[0] == 0 and p.distance_m[-1] == pytest.approx(100_000)
    assert np.all(np.diff(p.distance_m) >= -1e-9) and np.all(np.diff(p.time_s) >= -1e-9)


def test_the_default_document_answers_the_article():
    doc = default_document()
    r = compute_trip(doc, resolve_route(doc))
    assert r.feasible and not r.warnings
    assert r.total_s >= 20 * 3600  # "at least 20 hours" (BBC, in the article)
    khasan = [x for x in r.refits if x.station == "Khasan"]
    assert len(khasan) == 1 and 2 * 3600 <= khasan[0].duration_s <= 10 * 3600  # "several hours"
    assert khasan[0].from_gauge_mm == 1435 and khasan[0].to_gauge_mm == 1520
    assert r.profile.speed_m_s.max() == pytest.approx(50 / 3.6, rel=1e-6)  # 31 mph


@pytest.mark.parametrize("route_id", sorted(shipped_routes()))
def test_every_shipped_route_computes(route_id):
    doc = default_document()
    r = compute_trip(doc, shipped_routes()[route_id])
    assert r.feasible and math.isfinite(r.total_s) and r.total_s > 0
    assert r.total_s == pytest.approx(r.running_s + r.allowance_s + r.dwell_s + r.refit_s + r.operations_s)


@pytest.mark.parametrize("route_id", sorted(shipped_routes()))
def test_the_stops_are_the_trip_station_by_station(route_id):
    """Each stop's arrival is the running time of the legs before it plus every earlier stand; the
    last arrival is the trip's total, and the stands add up to the dwell and the refits."""
    doc = default_document()
    route = shipped_routes()[route_id]
    result = compute_trip(doc, route)
    stops = result.stops
    assert [s.station for s in stops][0] == route.stations[0].name
    for stop, leg in zip(stops[1:], result.legs):
        assert leg.to_station == stop.station
    for before, after, leg in zip(stops, stops[1:], result.legs):
        assert after.arrival_s == pytest.approx(before.departure_s + leg.running_s + leg.allowance_s)
        assert before.departure_s == pytest.approx(before.arrival_s + sum(p.duration_s for p in before.parts))
    stands = [p for s in stops for p in s.parts]
    assert sum(p.duration_s for p in stands if p.kind == "dwell") == pytest.approx(result.dwell_s)
    assert sum(p.duration_s for p in stands if p.kind == "refit") == pytest.approx(result.refit_s)
    assert sum(p.duration_s for p in stands if p.kind not in ("dwell", "refit")) == pytest.approx(result.operations_s)
    if result.feasible:
        assert stops[-1].station == route.stations[-1].name
        assert stops[-1].arrival_s == pytest.approx(result.total_s)
