"""A trip adds running, dwell and refit; the default document answers the article."""
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from traintool.io import default_document, resolve_route, shipped_routes
from traintool.model import Car, CarKind, Consist, Document, GaugeChange, Route, Scenario, Section, Station
from traintool.physics import compute_trip
import builders


def test_total_is_running_plus_dwell_plus_refit(small_document):
    r = compute_trip(small_document, small_document.route)
    assert r.feasible
    assert r.total_s == pytest.approx(r.running_s + r.dwell_s + r.refit_s)
    assert r.dwells == [("B", 300.0)]
    assert r.refit_s == pytest.approx(sum(x.duration_s for x in r.refits)) and r.refit_s > 0
    assert [(leg.from_station, leg.to_station) for leg in r.legs] == [("A", "B"), ("B", "C")]
    assert sum(leg.running_s for leg in r.legs) == pytest.approx(r.running_s)


def test_dwell_override_replaces_the_route_dwell(small_document):
    doc = small_document.model_copy(update={"scenario": Scenario(dwell_overrides_s={"B": 1200})})
    assert compute_trip(doc, doc.route).dwell_s == 1200


def test_a_car_that_cannot_change_gauge_is_named(small_document):
    cars = list(small_document.consist.cars)
    cars[5] = cars[5].model_copy(update={"gauge_change": GaugeChange.NONE})
    doc = small_document.model_copy(update={"consist": Consist(cars=cars)})
    r = compute_trip(doc, doc.route)
    w = [w for w in r.warnings if w.car_index == 5]
    assert w and "car 6 (Coach 4)" in w[0].message and "cannot change gauge" in w[0].message


def test_only_locomotives_of_the_gauge_pull_and_weigh(small_document):
    r = compute_trip(small_document, small_document.route)
    # Both halves are alike but for which locomotive pulls; both legs are run.
    assert all(leg.running_s > 0 for leg in r.legs)


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
    assert math.isfinite(r.total_s) and r.total_s > 0


# --- properties over random routes and consists ---------------------------------------------

sections = st.lists(st.tuples(st.floats(200, 20_000), st.floats(3, 45), st.floats(-15, 15)), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(sections, st.integers(0, 40), st.floats(2e5, 6e6), st.floats(0, 1), st.one_of(st.none(), st.floats(1, 50)))
def test_trip_properties(secs, coaches, power, stop_fraction, cap):
    x, built = 0.0, []
    for length, limit, grad in secs:
        built.append(Section(start_m=x, end_m=x + length, gauges_mm=[1435], speed_limit_m_s=limit, gradient_permille=grad))
        x += length
    stations = [Station(name="A", position_m=0)]
    k = int(stop_fraction * (len(built) - 1))
    if 0 < k < len(built):
        stations.append(Station(name="M", position_m=built[k - 1].end_m, dwell_s=60))
    stations.append(Station(name="Z", position_m=x))
    route = Route(id="r", name="R", stations=stations, sections=built)
    loco = builders.make_type("loco", CarKind.LOCOMOTIVE, power_w=power, max_speed_m_s=50)
    coach = builders.make_type("coach", max_speed_m_s=50)
    doc = Document(car_types=[loco, coach], route=route, scenario=Scenario(top_speed_cap_m_s=cap),
                   consist=Consist(cars=[Car(type_id="loco")] + [Car(type_id="coach")] * coaches))
    r = compute_trip(doc, route)
    p = r.profile
    for value in (r.total_s, r.running_s, r.dwell_s, r.refit_s):
        assert math.isfinite(value) and value >= 0
    assert np.all(np.isfinite(p.speed_m_s)) and np.all(np.isfinite(p.time_s))
    if r.feasible:
        assert r.total_s == pytest.approx(r.running_s + r.dwell_s + r.refit_s)
        assert np.all(p.speed_m_s <= p.limit_m_s + 1e-9)
        assert np.all(p.speed_m_s <= (cap if cap is not None else 50) + 1e-9)
        # A tighter cap never makes the trip faster.
        tighter = doc.model_copy(update={"scenario": Scenario(top_speed_cap_m_s=(cap or 50) * 0.7)})
        slow = compute_trip(tighter, route)
        assert not slow.feasible or slow.running_s >= r.running_s * (1 - 1e-6)  # to the solver's precision
    else:
        assert r.warnings
