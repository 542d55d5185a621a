"""Published timings against the model's range: the stretch of route, the verdicts, the shipped check."""
import json

import pytest

from traintool.cli import main
from traintool.io import load_document, published_timings, sample_paths, shipped_routes
from traintool.model.timings import PublishedRange, Timing, TimingSource
from traintool.physics import compute_trip
from traintool.physics.ranges import Percentiles
from traintool.physics.timing_check import _verdict, check_timing


def _timing(low, high, measure="total", station=None) -> Timing:
    return Timing(id="t", label="t", sample="armored-train", route_id="pyongyang-vladivostok", from_station="Pyongyang",
                  to_station="Vladivostok", measure=measure, station=station,
                  published_s=PublishedRange(low=low, high=high), wording="w",
                  sources=(TimingSource(title="t", publisher="p"),))


@pytest.mark.parametrize("low, high, verdict", [
    (None, 50, "model slower"), (None, 100, "inside"), (50, 100, "inside"), (150, 250, "inside"),
    (150, None, "inside"), (201, None, "model faster"), (210, 300, "model faster"), (10, 99, "model slower")])
def test_a_published_range_is_inside_when_it_meets_the_models(low, high, verdict):
    assert _verdict(_timing(low, high), Percentiles(100.0, 150.0, 200.0)) == verdict
    assert _verdict(_timing(low, high), None) == "cannot be made"


def test_a_stretch_of_route_starts_at_its_first_station_and_keeps_the_breaks_inside():
    route = shipped_routes()["pyongyang-moscow"]
    part = route.between("Rajin", "Khabarovsk")
    names = [s.name for s in route.stations]
    assert [s.name for s in part.stations] == names[names.index("Rajin"):names.index("Khabarovsk") + 1]
    assert part.stations[0].position_m == 0
    assert part.length_m == pytest.approx(route.stations[names.index("Khabarovsk")].position_m
                                          - route.stations[names.index("Rajin")].position_m)
    assert [b.station for b in part.breaks_of_gauge] == ["Tumangang"]
    # From the break on, the train starts on the new gauge: no break at the first station.
    after = route.between("Tumangang", "Ussuriysk")
    assert not after.breaks_of_gauge and set(after.gauge_by_section()) == {1520}
    with pytest.raises(ValueError, match="does not come before"):
        route.between("Khabarovsk", "Rajin")


def test_the_whole_route_checked_is_the_trip_itself():
    d = load_document(sample_paths()["armored-train"])
    route = shipped_routes()["pyongyang-vladivostok"]
    c = check_timing(_timing(72000, None), d, route, samples=30)
    assert c.value_s == pytest.approx(compute_trip(d, route).total_s)
    assert c.range_s.p5 <= c.value_s <= c.range_s.p95 and c.verdict == "inside"
    refit = check_timing(_timing(7200, None, "refit", "Khasan"), d, route, samples=30)
    assert refit.value_s == pytest.approx(compute_trip(d, route).refits[0].duration_s)


# What the model makes of each published timing (the default 200 samples and seed; kim-2019-khasan-stop
# sits at the edge: its 5th percentile is within a minute of the published 1 h 30 min); each miss's likely
# causes are in the timing's notes in resources/timings.json. A change here is a change in what
# traintool answers: say why in the commit, and never tune a coefficient to one case.
EXPECTED = {
    "kim-2023-pyongyang-vladivostok": "inside",
    "kim-2023-pyongyang-khasan": "model faster",
    "kim-2023-refit-border": "inside",
    "kim-2019-khasan-stop": "model slower",
    "kim-2019-khasan-ussuriysk": "inside",
    "kim-2019-pyongyang-vladivostok": "inside",
    "kim-jong-il-2001-pyongyang-moscow": "inside",
    "kim-jong-il-2001-khasan-moscow": "inside",
    "brest-2008-moscow-express": "model slower",
    "brest-2012-bogie-exchange-about-1h": "inside",
    "brest-2016-russian-railways": "inside",
    "brest-2019-warsaw-moscow": "inside",
    "brest-2019-polonez": "inside",
    "warsaw-minsk-night-train": "inside",
    "train-51-pyongyang-dandong": "inside",
    "train-51-pyongyang-sinuiju": "inside",
    "k28-pyongyang-beijing": "inside",
}


def test_which_published_timings_fall_inside_the_models_range(capsys):
    assert main(["check-timings", "--json"]) == 0
    checks = json.loads(capsys.readouterr().out)
    assert {c["id"]: c["verdict"] for c in checks} == EXPECTED
    assert {t.id for t in published_timings().timings} == set(EXPECTED)
    for c in checks:
        assert c["sources"] and c["range_s"]["p5"] <= c["range_s"]["p50"] <= c["range_s"]["p95"]
