"""How a figure is shown, from its field's name: the units shown and back, and as a sentence says it."""
import math

from hypothesis import given
from hypothesis import strategies as st

from traintool.quantities import from_shown, range_text, shown_quantity, to_shown, unit_of
from traintool.units import UnitSystem

FIELDS = ["max_speed_m_s", "position_m", "length_m", "mass_kg", "dwell_s", "split_s_per_cut", "power_w",
          "max_tractive_effort_n", "gradient_permille", "tracks", "allowance_min_per_100km", "allowance_percent"]


@given(st.sampled_from(FIELDS), st.sampled_from(list(UnitSystem)), st.floats(-1e7, 1e7, allow_nan=False))
def test_what_is_shown_reads_back_as_the_figure(field, units, si):
    assert math.isclose(from_shown(field, to_shown(field, si, units), units), si, rel_tol=1e-12, abs_tol=1e-9)


def test_a_figure_in_the_units_shown_as_a_sentence_says_it():
    # 78 t; 50 km/h is 31.07 mph (1 mile = 1609.344 m); a duration in minutes; a count bare.
    assert shown_quantity("mass_kg", 78_000.0, UnitSystem.METRIC) == "78 t"
    assert shown_quantity("max_speed_m_s", 50 / 3.6, UnitSystem.METRIC) == "50 km/h"
    assert shown_quantity("max_speed_m_s", 50 / 3.6, UnitSystem.IMPERIAL) == "31.07 mph"
    assert shown_quantity("lift_s", 750.0, UnitSystem.METRIC) == "12.5 min"
    assert shown_quantity("power_w", 2_430_000.0, UnitSystem.METRIC) == "2,430 kW"
    assert shown_quantity("tracks", 3, UnitSystem.METRIC) == "3"
    assert shown_quantity("gradient_permille", -0.001, UnitSystem.METRIC) == "0 ‰"  # never "-0"
    assert unit_of("tracks", UnitSystem.IMPERIAL) == ""


def test_a_range_says_its_unit_once():
    assert range_text("mass_kg", 70_000.0, 85_000.0, UnitSystem.METRIC) == "70–85 t"
    assert range_text("tracks", 1, 4, UnitSystem.METRIC) == "1–4"


def test_an_allowance_per_distance_is_per_100_of_the_distance_shown():
    # UIC 451-1's minutes per 100 km; per 100 miles a mile is 1.609344 km, so 1 min/100 km is 1.609344 min/100 mi.
    assert shown_quantity("allowance_min_per_100km", 1.0, UnitSystem.METRIC) == "1 min/100 km"
    assert shown_quantity("allowance_min_per_100km", 1.0, UnitSystem.IMPERIAL) == "1.61 min/100 mi"
    assert shown_quantity("allowance_percent", 7.5, UnitSystem.IMPERIAL) == "7.5 %"
