"""The refit facility in force at a break of gauge: the scenario's for that station, else the
break's own. One rule (Scenario.facility_at), and every reader of it follows it: the edits, the
trip, and the range's inputs."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

import builders
from traintool.errors import EditError
from traintool.model import BreakOfGauge, RefitFacility, RefitMethod, Route, Scenario, Section, Station
from traintool.model import edits as E
from traintool.physics.ranges import uncertain_inputs
from traintool.physics.trip import compute_trip

OWN = {"B": RefitFacility(lift_s=700.0), "C": RefitFacility(method=RefitMethod.TRANSSHIPMENT, tracks=3)}


def two_breaks() -> Route:
    """A – B (1435) – C (1520) – D (1435): a break at B and one at C, each with a facility of its own."""
    return Route(id="two-breaks", name="Two breaks",
                 stations=[Station(name="A", position_m=0), Station(name="B", position_m=50_000),
                           Station(name="C", position_m=100_000), Station(name="D", position_m=150_000)],
                 sections=[Section(start_m=0, end_m=50_000, gauges_mm=[1435], speed_limit_m_s=20),
                           Section(start_m=50_000, end_m=100_000, gauges_mm=[1520], speed_limit_m_s=20),
                           Section(start_m=100_000, end_m=150_000, gauges_mm=[1435], speed_limit_m_s=20)],
                 breaks_of_gauge=[BreakOfGauge(station="B", to_gauge_mm=1520, facility=OWN["B"]),
                                  BreakOfGauge(station="C", to_gauge_mm=1435, facility=OWN["C"])])


facilities = st.builds(RefitFacility, method=st.sampled_from(list(RefitMethod)), tracks=st.integers(1, 6),
                       lift_s=st.floats(60.0, 3600.0))
overrides = st.dictionaries(st.sampled_from(["B", "C"]), facilities)


@given(overrides)
def test_the_scenario_s_facility_where_it_has_one_else_the_break_s_own_for_every_reader(chosen):
    route = two_breaks()
    doc = builders.small_document().model_copy(update={"route": route,
                                                       "scenario": Scenario(facility_overrides=chosen)})
    in_force = {"B": chosen.get("B", OWN["B"]), "C": chosen.get("C", OWN["C"])}

    assert {b.station: doc.scenario.facility_at(b) for b in route.breaks_of_gauge} == in_force
    assert {s: E.facility_at(doc, route, s) for s in ("B", "C")} == in_force
    # The trip refits at each break by the method in force there.
    assert {r.station: r.method for r in compute_trip(doc, route).refits} == {s: f.method for s, f in in_force.items()}
    # The range draws each break's figures around the values in force there.
    for s, fac in in_force.items():
        drawn = [i for i in uncertain_inputs(doc, route) if i.key.startswith(f"facility:{s}:")]
        assert drawn, s
        assert all(i.value == float(getattr(fac, i.field)) for i in drawn), (s, drawn)


def test_a_station_without_a_break_has_no_facility_and_the_edit_says_so():
    doc = builders.small_document()
    with pytest.raises(KeyError):
        doc.route.break_at("A")
    with pytest.raises(EditError, match="“A” is not a break of gauge on the route Break of gauge"):
        E.facility_at(doc, doc.route, "A")
