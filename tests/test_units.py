"""The units the user reads: each conversion against its definition (written out here, not taken from
the code), the way back, and the texts of durations, lengths, masses and power per mass."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from traintool.units import UnitSystem, car_length_text, car_mass_text, format_duration, kmh_to_ms

METRIC, IMPERIAL = UnitSystem.METRIC, UnitSystem.IMPERIAL


def test_each_unit_is_its_definition():
    # 1 mi = 1,609.344 m, 1 ft = 0.3048 m, 1 short ton = 2,000 lb of 0.45359237 kg, 1 hp = 550 ft·lbf/s,
    # 1 lbf = 0.45359237 kg × 9.80665 m/s².
    assert METRIC.speed(100 / 3.6) == pytest.approx(100) and IMPERIAL.speed(1609.344 / 3600 * 60) == pytest.approx(60)
    assert kmh_to_ms(90) == pytest.approx(25)
    assert METRIC.distance(1_201_000) == pytest.approx(1201) and IMPERIAL.distance(1609.344 * 5) == pytest.approx(5)
    assert METRIC.length(24.5) == 24.5 and IMPERIAL.length(0.3048 * 80) == pytest.approx(80)
    assert METRIC.mass(64_000) == pytest.approx(64) and IMPERIAL.mass(2000 * 0.45359237 * 70) == pytest.approx(70)
    assert METRIC.power(2_200_000) == pytest.approx(2200)
    assert IMPERIAL.power(550 * 0.3048 * 0.45359237 * 9.80665 * 3000) == pytest.approx(3000)
    assert METRIC.force(300_000) == pytest.approx(300) and IMPERIAL.force(0.45359237 * 9.80665 * 10) == pytest.approx(10)


@given(st.sampled_from(list(UnitSystem)), st.floats(min_value=0, max_value=1e7, allow_nan=False))
def test_every_unit_converts_back_to_what_it_was(units, x):
    for shown, back in ((units.speed, units.speed_to_si), (units.distance, units.distance_to_si),
                        (units.length, units.length_to_si), (units.mass, units.mass_to_si),
                        (units.power, units.power_to_si), (units.force, units.force_to_si)):
        assert back(shown(x)) == pytest.approx(x, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("seconds, text", [
    (0, "0 s"), (29.4, "29 s"), (59, "59 s"), (60, "1 min"), (89, "1 min"), (91, "2 min"), (45 * 60, "45 min"),
    (90 * 60, "1 h 30 min"), (20 * 3600 + 5 * 60, "20 h 05 min"), (23 * 3600 + 59 * 60 + 40, "24 h 00 min"),
    (24 * 3600, "24 h 00 min"), (31 * 3600 + 7 * 60, "31 h 07 min"), (71 * 3600 + 59 * 60, "71 h 59 min"),
    (72 * 3600, "3 d 0 h 00 min"), (80 * 3600 + 5 * 60, "3 d 8 h 05 min"), (-5 * 60, "−5 min"), (-30, "−30 s"),
    (float("nan"), "—"), (float("inf"), "—"),
])
def test_a_duration_reads_as_people_write_it(seconds, text):
    assert format_duration(seconds) == text


def test_a_car_length_and_mass_read_to_their_precision():
    assert car_length_text(24.5, METRIC) == "24.5 m" and car_length_text(26.125, METRIC) == "26.12 m"
    assert car_length_text(25.0, METRIC) == "25 m" and car_length_text(0.3048 * 85.25, IMPERIAL) == "85.2 ft"
    assert car_mass_text(64_250, METRIC) == "64.2 t" and car_mass_text(2000 * 0.45359237 * 70, IMPERIAL) == "70 tons"


def test_power_per_mass_reads_in_kw_per_tonne_or_hp_per_ton():
    assert METRIC.power_per_mass(2_200_000, 1_000_000) == "2.20 kW/t"
    hp, ton = 550 * 0.3048 * 0.45359237 * 9.80665, 2000 * 0.45359237
    assert IMPERIAL.power_per_mass(1.29 * hp * 1000, 1000 * ton) == "1.29 hp/ton"
    assert METRIC.power_per_mass(2_200_000, 0) == "0.00 kW/t"  # no train: no ratio, not a division by zero


@given(st.sampled_from(list(UnitSystem)), st.floats(0.0, 1000.0))
def test_a_car_length_and_mass_read_back_within_half_their_last_digit(units, x):
    # The one precision rule: what is shown parses back to the figure within half a unit of its last decimal.
    for text, kind, shown_exact in ((car_length_text(x, units), "length", units.length(x)),
                                    (car_mass_text(x * 1000.0, units), "mass", units.mass(x * 1000.0))):
        number, unit = text.split(" ")
        assert unit == (units.length_unit if kind == "length" else units.mass_unit)
        assert len(number.partition(".")[2]) <= units.decimals(kind)
        assert abs(float(number) - shown_exact) <= 0.5 * 10.0 ** -units.decimals(kind) + 1e-9
