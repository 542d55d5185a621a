"""Who hauls the train: after a locomotive change, the locomotive the next section's railway puts on."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.builders import make_type
from traintool.model import (Car, CarKind, Consist, Document, Haulage, Operation, OperationKind, Railway, Route,
                             Scenario, Section, ServiceKind, ServiceRules, Station)
from traintool.physics import compute_trip, trip_to_dict
from traintool.physics.result import ReasonKind

WEAK = make_type("weak", CarKind.LOCOMOTIVE, power_w=600_000.0, max_tractive_effort_n=150_000.0,
                 max_speed_m_s=22.0, mass_kg=80_000.0, length_m=15.0)
STRONG = make_type("strong", CarKind.LOCOMOTIVE, power_w=3_000_000.0, max_tractive_effort_n=350_000.0,
                   max_speed_m_s=40.0)
BROAD = make_type("broad", CarKind.LOCOMOTIVE, gauge_mm=1520, power_w=2_500_000.0)
COACH = make_type("coach", mass_kg=55_000.0, max_speed_m_s=45.0)
SERVICE = ServiceKind.INTERNATIONAL


def _rules(loco=None, count=1, note=""):
    return ServiceRules(locomotive_id=loco.id if loco else None, locomotive_type=loco, locomotive_count=count,
                        locomotive_note=note)


def _route(first=None, second=None, change=True, services=()):
    """A flat line A - B - C, 1435 mm: railway one runs A - B, railway two B - C; the train stops at B and
    (when `change`) its locomotive is changed there."""
    ops = (Operation(kind=OperationKind.LOCOMOTIVE_CHANGE, duration_s=600, services=services),) if change else ()
    return Route(id="change", name="Change line",
                 stations=[Station(name="A", position_m=0), Station(name="B", position_m=60_000, stop=True,
                                                                   operations=ops),
                           Station(name="C", position_m=160_000)],
                 sections=[Section(start_m=0, end_m=60_000, gauges_mm=[1435], speed_limit_m_s=40, railway="one"),
                           Section(start_m=60_000, end_m=160_000, gauges_mm=[1435], speed_limit_m_s=40,
                                   railway="two")],
                 railways=[Railway(id="one", name="Railway One", services={SERVICE: first or _rules()}),
                           Railway(id="two", name="Railway Two", services={SERVICE: second or _rules()})])


def _document(route, loco=WEAK, haulage=Haulage.RAILWAYS, coaches=12):
    cars = [Car(type_id=loco.id)] + [Car(type_id="coach")] * coaches
    return Document(name="Test", car_types=[loco, COACH], consist=Consist(cars=cars), route=route,
                    scenario=Scenario(service=SERVICE, haulage=haulage))


def _legs(result):
    return [leg.running_s for leg in result.legs]


def test_after_the_change_the_railways_locomotive_runs_the_train_as_if_it_had_hauled_it_from_the_start():
    route = _route(second=_rules(STRONG))
    changed = compute_trip(_document(route), route)
    weak_all_way = compute_trip(_document(route, haulage=Haulage.OWN), route)
    strong_all_way = compute_trip(_document(route, loco=STRONG, haulage=Haulage.OWN), route)
    # Before the change: the consist's own (weak) locomotive; after it: the railway's strong one.
    assert changed.legs[0].running_s == pytest.approx(weak_all_way.legs[0].running_s, rel=1e-9)
    assert changed.legs[1].running_s == pytest.approx(strong_all_way.legs[1].running_s, rel=1e-9)
    assert changed.legs[1].running_s < 0.9 * weak_all_way.legs[1].running_s  # the change is felt
    assert [(h.station, h.by_railway) for h in changed.hauls] == [("A", False), ("B", True)]
    assert changed.hauls[1].railway == "Railway Two" and changed.hauls[1].locomotive == STRONG.label


def test_two_railway_locomotives_pull_as_two_in_the_consist():
    route = _route(second=_rules(WEAK, count=2))
    changed = compute_trip(_document(route), route)
    two = _document(route, haulage=Haulage.OWN)
    two = two.model_copy(update={"consist": Consist(cars=[Car(type_id="weak")] + list(two.consist.cars))})
    assert changed.legs[1].running_s == pytest.approx(compute_trip(two, route).legs[1].running_s, rel=1e-9)
    assert changed.hauls[1].locomotive == f"2 × {WEAK.label}"


def test_no_change_of_locomotive_for_this_service_keeps_the_consists_own():
    route = _route(second=_rules(STRONG), services=(ServiceKind.FREIGHT,))
    assert _legs(compute_trip(_document(route), route)) == _legs(compute_trip(_document(route, haulage=Haulage.OWN),
                                                                              route))


def test_a_railway_that_names_its_locomotive_only_in_words_leaves_the_consists_own_and_says_so():
    route = _route(second=_rules(note="DF11 diesel"))
    r = compute_trip(_document(route), route)
    assert not r.hauls[1].by_railway and "DF11 diesel" in r.hauls[1].note and "no catalogue type" in r.hauls[1].note
    assert r.hauls[1].locomotive == f"the consist's own: {WEAK.label}"
    assert trip_to_dict(r)["hauled_by"][1] == {"station": "B", "from_m": 60_000.0, "railway": "Railway Two",
                                               "locomotive": f"the consist's own: {WEAK.label}",
                                               "by_railway": False, "note": r.hauls[1].note}


def _gauge_route(broad_rules):
    """A (1435) - B, break of gauge to 1520 - C; railway two (broad) runs B - C."""
    from traintool.model import BreakOfGauge, RefitFacility
    route = _route(second=broad_rules, change=False)
    sections = [route.sections[0], route.sections[1].model_copy(update={"gauges_mm": (1520,)})]
    return Route(id="g", name="Gauge line", stations=route.stations, sections=sections, railways=route.railways,
                 breaks_of_gauge=[BreakOfGauge(station="B", to_gauge_mm=1520, facility=RefitFacility())])


def test_a_consist_without_a_locomotive_for_the_new_gauge_is_hauled_by_the_railways():
    hauled = _gauge_route(_rules(BROAD))
    r = compute_trip(_document(hauled), hauled)
    assert r.feasible and r.total_s is not None and r.hauls[1].locomotive == BROAD.label
    own = compute_trip(_document(hauled, haulage=Haulage.OWN), hauled)
    assert [x.kind for x in own.reasons] == [ReasonKind.NO_LOCOMOTIVE] and own.reasons[0].gauge_mm == 1520
    unhauled = _gauge_route(_rules())
    assert [x.kind for x in compute_trip(_document(unhauled), unhauled).reasons] == [ReasonKind.NO_LOCOMOTIVE]


_locos = st.sampled_from([None, WEAK, STRONG, BROAD])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=_locos, second=_locos, count=st.integers(1, 3), change=st.booleans(), coaches=st.integers(0, 30),
       gauge_break=st.booleans())
def test_with_the_consists_own_locomotives_the_answer_is_todays_whatever_the_railways_name(
        first, second, count, change, coaches, gauge_break):
    def route_of(a, b):
        return _gauge_route(b) if gauge_break else _route(first=a, second=b, change=change)

    named = route_of(_rules(first, count), _rules(second, count))
    today = route_of(_rules(), _rules())
    doc = _document(named, haulage=Haulage.OWN, coaches=coaches)
    got = compute_trip(doc, named)
    want = compute_trip(doc.model_copy(update={"route": today}), today)
    assert got.total_s == want.total_s and _legs(got) == _legs(want) and got.reasons == want.reasons
    assert not any(h.by_railway for h in got.hauls)


def test_a_draw_of_a_locomotive_types_figures_moves_the_railways_locomotive_of_that_type_too():
    """One draw per car type: the railway's locomotive of the consist's own type is as uncertain as the
    consist's, so with it hauling after the change the power's swing is that of the consist's own hauling
    throughout (it would be smaller if the draw left the railway's locomotive alone)."""
    from traintool.physics.ranges import drivers
    from traintool.model import Range
    weak = WEAK.model_copy(update={"estimated": True, "ranges": {"power_w": Range(low=400_000.0, high=900_000.0)}})
    route = _route(second=_rules(weak))

    def swing(haulage):
        doc = _document(route, loco=weak, haulage=haulage, coaches=20)
        return next(d.swing_s for d in drivers(doc, route) if d.input.key == "car_type:weak:power_w")

    assert swing(Haulage.RAILWAYS) == pytest.approx(swing(Haulage.OWN), rel=1e-9)
    stronger = _route(second=_rules(STRONG))  # a type the consist lacks: taken at its own figures
    doc = _document(stronger, loco=weak, coaches=20)
    alone = _document(stronger, loco=weak, haulage=Haulage.OWN, coaches=20)
    power = [next(d.swing_s for d in drivers(x, stronger) if d.input.key == "car_type:weak:power_w") for x in (doc, alone)]
    assert 0 < power[0] < power[1]


def test_a_railways_locomotive_of_a_type_the_consist_lacks_is_drawn_over_its_own_range():
    """The railway's locomotive hauls after the change whether or not the consist has one of its type: its
    figures are as uncertain as they would be in the consist, so they are inputs of the range too."""
    from traintool.model import Range
    from traintool.physics.ranges import drivers, uncertain_inputs
    strong = STRONG.model_copy(update={"estimated": True, "power_w": 1_000_000.0,
                                       "ranges": {"power_w": Range(low=600_000.0, high=1_400_000.0)}})
    route = _route(second=_rules(strong))
    doc = _document(route, coaches=20)
    keys = {i.key for i in uncertain_inputs(doc, route)}
    assert "car_type:strong:power_w" in keys
    swing = next(d.swing_s for d in drivers(doc, route) if d.input.key == "car_type:strong:power_w")
    after_change = compute_trip(doc, route).legs[1].running_s
    assert 0.02 * after_change < swing  # a weaker or stronger locomotive after B moves the answer
    own = _document(route, haulage=Haulage.OWN, coaches=20)
    assert "car_type:strong:power_w" not in {i.key for i in uncertain_inputs(own, route)}
