"""The consist's figures: consist_stats (tallied by identity) against a plain car-by-car count, and
their wording against small trains worked out by hand."""
import math

from hypothesis import given, strategies as st

import builders
from traintool.model import CarKind, consist_stats, resolve_car
from traintool.model.consist import Car
from traintool.model.consist_figures import FIGURES, NONE, figure_labels, figure_texts, length_text
from traintool.units import UnitSystem

LOCO = builders.make_type("loco", CarKind.LOCOMOTIVE)
COACH = builders.make_type("coach")
SLEEPER = builders.make_type("sleeper", CarKind.SLEEPER, length_m=26.5, mass_kg=61_300.0, axles=4, armored=True,
                             max_speed_m_s=22.2)
SHARED = [resolve_car(Car(type_id=t.id), t) for t in (LOCO, COACH, SLEEPER)]


def one_of_each_or_own(pick: int):
    """A car shared with other cars alike (as CarResolver shares them), or one of its own (a copy)."""
    car = SHARED[pick % 3]
    return car if pick < 3 else resolve_car(Car(type_id=car.type.id, mass_kg=40_000.0 + pick), car.type)


@given(st.lists(st.integers(0, 9), max_size=60))
def test_the_stats_equal_a_plain_count_car_by_car(picks):
    cars = [one_of_each_or_own(p) for p in picks]
    got = consist_stats(cars)
    locos = [c for c in cars if c.type.kind is CarKind.LOCOMOTIVE]
    assert got.cars == len(cars)
    assert got.axles == sum(c.axles for c in cars)
    assert math.isclose(got.length_m, sum(c.length_m for c in cars), abs_tol=1e-9)
    assert math.isclose(got.mass_kg, sum(c.mass_kg for c in cars), abs_tol=1e-6)
    assert got.max_speed_m_s == min((c.max_speed_m_s for c in cars), default=0.0)
    assert got.locomotives == len(locos) and got.armored == sum(c.armored for c in cars)
    assert math.isclose(got.power_w, sum(c.type.power_w for c in locos), abs_tol=1e-6)
    assert math.isclose(got.tractive_effort_n, sum(c.type.max_tractive_effort_n for c in locos), abs_tol=1e-6)
    for kind in CarKind:
        assert got.count_by_kind.get(kind, 0) == sum(c.type.kind is kind for c in cars)
    assert list(got.count_by_kind) == [k for k in CarKind if k in got.count_by_kind]  # in the catalogue's order


def test_the_small_train_worked_out_by_hand():
    # Two locomotives (20 m, 120 t, 6 axles, 2 MW, 300 kN, 30 m/s) and eight coaches (25 m, 50 t, 4 axles, 30 m/s).
    stats = builders.small_document().stats()
    metric = figure_texts(stats, UnitSystem.METRIC)
    assert metric == {
        "cars": "10", "length": "240 m", "mass": "640 t", "axles": "44", "power": "4,000 kW",
        "power_per_tonne": "6.25 kW/t", "tractive_effort": "600 kN", "max_speed": "108 km/h",
        "mass_per_axle": "14.5 t",  # 640 t / 44 axles = 14.545 t
    }
    imperial = figure_texts(stats, UnitSystem.IMPERIAL)
    assert imperial == {
        "cars": "10", "axles": "44",
        "length": "787 ft",  # 240 m / 0.3048 m
        "mass": "705 tons",  # 640,000 kg / 907.18474 kg (the short ton, 2,000 lb) = 705.48
        "power": "5,364 hp",  # 4,000,000 W / 745.69987 W = 5,364.1
        "power_per_tonne": "7.60 hp/ton",  # 5,364.1 hp / 705.48 tons
        "tractive_effort": "134,885 lbf",  # 600,000 N / 4.4482216 N = 134,885.4
        "max_speed": "67 mph",  # 30 m/s / 0.44704
        "mass_per_axle": "16.0 tons",  # 705.48 tons / 44 axles = 16.03
    }
    assert figure_labels(UnitSystem.IMPERIAL)["mass_per_axle"] == "Tons per axle"
    assert figure_labels(UnitSystem.IMPERIAL)["power_per_tonne"] == "Power per ton"
    assert figure_labels(UnitSystem.METRIC) == dict(FIGURES)


def test_coaches_alone_have_no_power_figures():
    cars = builders.small_document().resolved_cars()[2:5]  # three coaches
    texts = figure_texts(consist_stats(cars), UnitSystem.METRIC)
    assert texts["cars"] == "3" and texts["length"] == "75 m" and texts["mass"] == "150 t"
    assert texts["mass_per_axle"] == "12.5 t"
    assert texts["power"] == texts["power_per_tonne"] == texts["tractive_effort"] == NONE


def test_no_cars_is_a_dash_for_every_figure_never_a_zero():
    texts = figure_texts(consist_stats([]), UnitSystem.IMPERIAL)
    assert list(texts) == [key for key, _label in FIGURES]
    assert set(texts.values()) == {NONE}


def test_a_long_train_is_measured_in_km_or_miles():
    assert length_text(9_999.0, UnitSystem.METRIC) == "9,999 m"
    assert length_text(12_345.0, UnitSystem.METRIC) == "12.35 km"
    assert length_text(3_000.0, UnitSystem.IMPERIAL) == "9,843 ft"
    assert length_text(16_093.44, UnitSystem.IMPERIAL) == "10.00 mi"


def test_a_long_train_tallied_by_numpy_equals_a_plain_count():
    """From NUMPY_TALLY cars on the tally is numpy's: the same figures, the kinds in the same order."""
    from traintool.model.consist import NUMPY_TALLY

    cars = [one_of_each_or_own(i % 7 if i % 11 else 3 + i % 5) for i in range(NUMPY_TALLY + 1001)]
    got, small = consist_stats(cars), consist_stats(cars[:NUMPY_TALLY - 1])
    assert got.cars == len(cars) and got.axles == sum(c.axles for c in cars)
    assert math.isclose(got.mass_kg, sum(c.mass_kg for c in cars), rel_tol=1e-12)
    assert got.locomotives == sum(c.type.kind is CarKind.LOCOMOTIVE for c in cars)
    assert got.count_by_kind == {k: sum(c.type.kind is k for c in cars) for k in CarKind
                                 if any(c.type.kind is k for c in cars)}
    assert got.max_speed_m_s == min(c.max_speed_m_s for c in cars) == small.max_speed_m_s
