"""CSV in: the cars CSV reads back to the same cars; a bad row names its line and column, and nothing is taken."""
import math

import pytest
from hypothesis import given, settings, strategies as st

import builders
from traintool.errors import DocumentError
from traintool.io.csv_export import CsvKind, csv_text
from traintool.io.csv_import import parse_cars
from traintool.model import Car, CarKind, Consist, Document, GaugeChange
from traintool.units import UnitSystem

TYPES = [builders.make_type("loco", CarKind.LOCOMOTIVE), builders.make_type("coach"),
         builders.make_type("sleeper", CarKind.SLEEPER, label="Sleeper, “Wagon-Lits”", length_m=26.4)]

finite = dict(allow_nan=False, allow_infinity=False)
cars_strategy = st.lists(st.builds(
    Car,
    type_id=st.sampled_from([t.id for t in TYPES]),
    name=st.none() | st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)
    .filter(lambda s: s.strip() == s and s.strip()),
    length_m=st.none() | st.floats(1, 60, **finite),
    mass_kg=st.none() | st.floats(1000, 300_000, **finite),
    axles=st.none() | st.integers(2, 32),
    max_speed_m_s=st.none() | st.floats(1, 100, **finite),
    armored=st.none() | st.booleans(),
    gauge_change=st.none() | st.sampled_from(list(GaugeChange)),
), min_size=1, max_size=20)


# Half the last place the CSV writes, in SI: a length to the centimetre (or foot's hundredth), a mass to
# the kilogram (t or short tons, three decimals), a speed to a hundredth of a km/h or mph.
WRITTEN = {"length_m": 0.005, "mass_kg": 0.5, "max_speed_m_s": 0.005 * 0.44704}


def same(a: Car, b: Car) -> bool:
    """Equal, floats to within the precision the CSV writes them with."""
    da, db = a.model_dump(), b.model_dump()
    if da.keys() != db.keys():
        return False
    return all(math.isclose(x, y, abs_tol=WRITTEN[k] * 1.0001) if isinstance(x, float) and isinstance(y, float)
               else x == y for k, x, y in zip(da.keys(), da.values(), db.values()))


@settings(max_examples=60, deadline=None)
@given(cars=cars_strategy, units=st.sampled_from(list(UnitSystem)), reader=st.sampled_from(list(UnitSystem)))
def test_export_then_import_gives_the_same_cars(cars, units, reader):
    """Written in either unit system, read under either (the headers name the units)."""
    doc = Document(name="t", car_types=TYPES, consist=Consist(cars=cars))
    text = csv_text(CsvKind.CARS, doc, builders.simple_route(), None, units)
    got, types = parse_cars(text, TYPES, "cars.csv", reader)
    assert len(got) == len(cars)
    for a, b in zip(cars, got):
        assert same(a, b), (a, b)
    assert {t.id for t in types} == {c.type_id for c in cars}


def test_pasted_spreadsheet_rows_without_a_header_by_label_or_id():
    text = "Coach\tFirst\t\t\t\t\t\r\ncoach\tSecond\t30\t40\t6\t120\tyes\tVariable-gauge axles\r\nLoco\t\n"
    cars, types = parse_cars(text, TYPES, "the pasted table")
    assert [c.type_id for c in cars] == ["coach", "coach", "loco"]
    assert cars[0].overrides() == {} and cars[0].name == "First"
    assert cars[1].overrides() == {"length_m": 30.0, "mass_kg": 40_000.0, "axles": 6,
                                   "max_speed_m_s": pytest.approx(120 / 3.6), "armored": True,
                                   "gauge_change": GaugeChange.VARIABLE_GAUGE}
    assert cars[2].name is None and {t.id for t in types} == {"coach", "loco"}


def test_a_header_row_picks_the_columns_in_any_order():
    text = "name,mass (t),type,max speed (mph)\nA,60,Coach,50\nB,,sleeper,\n"
    cars, _ = parse_cars(text, TYPES, "x.csv")
    assert cars[0].mass_kg == 60_000 and cars[0].max_speed_m_s == pytest.approx(50 * 0.44704)
    assert cars[1].type_id == "sleeper" and cars[1].overrides() == {}


@pytest.mark.parametrize("text, where", [
    ("type,name,length (m)\ncoach,A,25\nwagon,B,25\n", "line 3, column 1 (type), car 2 (B): no car type 'wagon'"),
    ("type,name,length (m)\ncoach,A,25\ncoach,B,long\n", "line 3, column 3 (length (m)), car 2 (B): 'long' is not a number"),
    ("type,name,length (m)\ncoach,A,-4\n", "line 2, column 3 (length (m)), car 1 (A): Length must be more than 0 m and at most 100 m, not '-4'"),
    ("type\tname\taxles\ncoach\tA\t4.5\n", "line 2, column 3 (axles), car 1 (A): '4.5' is not a whole number"),
    ("type,armored\n\ncoach,maybe\n", "line 3, column 2 (armored), car 1: 'maybe' is neither yes nor no"),
    ("type,gauge change\ncoach,sideways\n", "line 2, column 2 (gauge change), car 1: 'sideways' is none of"),
    ("type,name\ncoach,A,surplus\n", "line 2, column 3, car 1 (A): a value in no column"),
    ("type,name\n,A\n", "line 2, column 1 (type), car 1 (A): no car type given"),
    ("type,axles\ncoach,inf\n", "line 2, column 2 (axles), car 1: 'inf' is not a finite number"),
    ("type,length (m)\ncoach,nan\n", "line 2, column 2 (length (m)), car 1: 'nan' is not a finite number"),
])
def test_a_bad_row_names_its_line_and_column_and_nothing_is_taken(text, where):
    with pytest.raises(DocumentError) as e:
        parse_cars(text, TYPES, "cars.csv")
    assert str(e.value).startswith("cars.csv: nothing was imported: ")
    assert where in str(e.value)


def test_every_bad_row_is_named_not_only_the_first():
    text = "type,length (m)\n" + "".join(f"coach,x{i}\n" for i in range(15))
    with pytest.raises(DocumentError) as e:
        parse_cars(text, TYPES, "cars.csv")
    assert "line 2," in str(e.value) and "line 11," in str(e.value) and "(and 5 more)" in str(e.value)


def test_an_empty_table_is_refused():
    with pytest.raises(DocumentError, match="no cars"):
        parse_cars("\n\n", TYPES, "cars.csv")
