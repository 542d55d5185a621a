"""CSV safety and honesty: no cell a spreadsheet runs, names read back exactly, numbers stay numbers,
one unit system a file, no float noise, and an import that refuses what it cannot apply."""
import csv
import io
import re

import pytest
from hypothesis import given, strategies as st

import builders
from traintool.errors import DocumentError
from traintool.io import load_document, resolve_route, sample_paths
from traintool.io.csv_export import CsvKind, csv_text, number_cell, text_cell, text_from_cell
from traintool.io.csv_import import MAX_CSV_BYTES, MAX_ROWS, parse_cars, read_cars_csv
from traintool.model import Car, Consist, Document
from traintool.physics import compute_trip
from traintool.units import UnitSystem

FORMULAS = ["=1+2", "+cmd|' /C calc'!A0", "@SUM(1,2)", '=HYPERLINK("http://x","y")', "-2+3", "\tx", "\rx",
            "'=1+2", "''@SUM(1)", "'Tis", "'", "-"]
TRIGGERS = tuple("=+-@\t\r")


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


@given(st.text())
def test_a_text_cell_is_never_a_formula_and_reads_back_exactly(s):
    cell = text_cell(s)
    assert not cell.startswith(TRIGGERS)
    assert text_from_cell(cell) == s


def test_formula_names_are_written_as_text_and_imported_back_exactly():
    doc = builders.small_document()
    cars = [Car(type_id="coach", name=n) for n in FORMULAS]
    doc = Document(name="t", car_types=doc.car_types, consist=Consist(cars=cars))
    text = csv_text(CsvKind.CARS, doc, builders.gauge_route(), None)
    names = [r[3] for r in rows_of(text)[1:]]
    assert all(not n.startswith(TRIGGERS) for n in names)
    assert names[0] == "'=1+2" and names[3] == "'=HYPERLINK(\"http://x\",\"y\")"
    got, _ = parse_cars(text, doc.car_types, "cars.csv")
    assert [c.name for c in got] == FORMULAS


def test_station_names_that_look_like_formulas_are_text_in_every_kind():
    doc = builders.small_document()
    route = builders.gauge_route()
    route = type(route).model_validate({**route.model_dump(), "stations": [
        {**s.model_dump(), "name": n} for s, n in zip(route.stations, ["=A", "@B", "C"])],
        "breaks_of_gauge": [{**route.breaks_of_gauge[0].model_dump(), "station": "@B"}]})
    r = compute_trip(doc, route)
    legs = rows_of(csv_text(CsvKind.LEGS, doc, route, r))
    assert legs[1][:2] == ["'=A", "'@B"]
    refits = rows_of(csv_text(CsvKind.REFITS, doc, route, r))
    assert {row[0] for row in refits[1:]} == {"'@B"}


def test_a_negative_number_is_a_number_not_text():
    """A descending grade is written as a bare number (a spreadsheet reads it as one), in a numeric column."""
    doc = builders.small_document()
    route = builders.simple_route(gradient_permille=-3.5)
    r = compute_trip(doc, route)
    rows = rows_of(csv_text(CsvKind.PROFILE, doc, route, r))
    assert {row[4] for row in rows[1:]} == {"-3.5"}
    assert number_cell(-21.1, 2) == "-21.1" and number_cell(-0.0001, 2) == "0"


PRECISION_RE = {"(s)": r"\d+(\.\d)?", "(km)": r"\d+(\.\d{1,3})?", "(mi)": r"\d+(\.\d{1,3})?",
                "(km/h)": r"\d+(\.\d{1,2})?", "(mph)": r"\d+(\.\d{1,2})?", "(m)": r"\d+(\.\d{1,2})?",
                "(ft)": r"\d+(\.\d{1,2})?", "(t)": r"\d+(\.\d{1,3})?", "(short tons)": r"\d+(\.\d{1,3})?",
                "(‰)": r"-?\d+(\.\d{1,2})?"}


@pytest.mark.parametrize("units", list(UnitSystem))
def test_no_float_noise_and_one_unit_system_a_file(units):
    doc = load_document(sample_paths()["armored-train"])
    route = resolve_route(doc)
    r = compute_trip(doc, route)
    other = {UnitSystem.METRIC: ("(mi)", "(mph)", "(ft)", "(short tons)"),
             UnitSystem.IMPERIAL: ("(km)", "(km/h)", "(m)", "(t)")}[units]
    for kind in CsvKind:
        rows = rows_of(csv_text(kind, doc, route, r, units))
        header = rows[0]
        assert not [h for h in header if h.endswith(other)], (kind, header)  # one unit system
        checked = 0
        for k, h in enumerate(header):
            unit = next((u for u in PRECISION_RE if h.endswith(u)), None)
            if unit is None:
                continue
            for row in rows[1:]:
                if row[k]:
                    assert re.fullmatch(PRECISION_RE[unit], row[k]), (kind, h, row[k])
                    checked += 1
        assert checked


def test_an_imperial_cars_csv_reads_back_under_metric_settings():
    doc = builders.small_document()
    from traintool.model import edits
    doc = edits.set_car_field(doc, [3], "length_m", 31.5).document
    doc = edits.set_car_field(doc, [4], "mass_kg", 61_000.0).document
    text = csv_text(CsvKind.CARS, doc, doc.route, None, UnitSystem.IMPERIAL)
    assert rows_of(text)[0][4:7] == ["length (ft)", "mass (short tons)", "axles"]
    got, _ = parse_cars(text, doc.car_types, "cars.csv", UnitSystem.METRIC)
    assert got[3].length_m == pytest.approx(31.5, abs=0.005) and got[3].overrides().keys() == {"length_m"}
    assert got[4].mass_kg == pytest.approx(61_000, abs=0.5) and got[4].overrides().keys() == {"mass_kg"}
    assert all(not c.overrides() for k, c in enumerate(got) if k not in (3, 4))


def test_a_bom_on_request():
    doc = builders.small_document()
    assert csv_text(CsvKind.CARS, doc, doc.route, None, bom=True).startswith("\ufeff#,")
    assert not csv_text(CsvKind.CARS, doc, doc.route, None).startswith("\ufeff")
    got, _ = parse_cars(csv_text(CsvKind.CARS, doc, doc.route, None, bom=True), doc.car_types, "c.csv")
    assert len(got) == len(doc.consist.cars)


def exported_cars_with(changes: dict[tuple[int, str], str]) -> tuple[str, Document]:
    doc = builders.small_document()
    rows = rows_of(csv_text(CsvKind.CARS, doc, doc.route, None))
    for (car, column), value in changes.items():
        rows[car][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue(), doc


def test_the_reported_import_is_refused_one_sentence_per_problem():
    """The exported header (with its overridden column), length -21.1, armored 'maybe', gauge change
    'teleport': each refused, naming its line, column and car; nothing imported."""
    text, doc = exported_cars_with({(3, "length (m)"): "-21.1", (4, "armored"): "maybe",
                                    (4, "gauge change"): "teleport"})
    with pytest.raises(DocumentError) as e:
        parse_cars(text, doc.car_types, "cars.csv")
    said = str(e.value)
    assert said.startswith("cars.csv: nothing was imported: ")
    assert "line 4, column 5 (length (m)), car 3 (Coach 1): Length must be more than 0 m" in said and "not '-21.1'" in said
    assert "line 5, column 9 (armored), car 4 (Coach 2): 'maybe' is neither yes nor no" in said
    assert "line 5, column 10 (gauge change), car 4 (Coach 2): 'teleport' is none of" in said
    assert said.count("\n") == 2  # one problem a line


def test_a_value_edited_in_a_spreadsheet_is_applied_though_overridden_does_not_name_it():
    text, doc = exported_cars_with({(3, "length (m)"): "26.5", (4, "mass (t)"): "50.000"})
    got, _ = parse_cars(text, doc.car_types, "cars.csv")
    assert got[2].overrides() == {"length_m": 26.5}
    assert got[3].overrides() == {}  # the type's own 50 t, written with more zeros


@pytest.mark.parametrize("header, where", [
    ("type,name,colour", "line 1, column 3 (colour): not a column traintool reads"),
    ("type,mass (t),name,mass (t)", "line 1, column 4 (mass (t)): a second column for the mass, after column 2"),
    ("type,mass (t),mass (kg)", "line 1, column 3 (mass (kg)): a second column for the mass"),
])
def test_a_column_it_does_not_use_or_twice_is_refused(header, where):
    with pytest.raises(DocumentError) as e:
        parse_cars(header + "\ncoach,A,B,C\n", [builders.make_type()], "cars.csv")
    assert where in str(e.value)


def test_overridden_naming_a_column_that_is_not_there_is_refused():
    with pytest.raises(DocumentError, match=r"line 2, column 3 \(overridden\), car 1 \(A\): 'colour' is not a column"):
        parse_cars("type,name,overridden\ncoach,A,colour\n", [builders.make_type()], "cars.csv")


def test_a_type_label_that_contradicts_the_type_id_is_refused():
    with pytest.raises(DocumentError, match=r"column 2 \(type\), car 1: 'Sleeper' is not the label"):
        parse_cars("type id,type\ncoach,Sleeper\n", [builders.make_type()], "cars.csv")


def test_rows_are_bounded_even_when_blank():
    with pytest.raises(DocumentError, match="over 101,000 rows"):
        parse_cars("type\n" + "\r\n" * MAX_ROWS, [builders.make_type()], "cars.csv")


def test_a_file_over_the_byte_limit_is_refused_unread(tmp_path):
    p = tmp_path / "big.csv"
    with open(p, "wb") as f:
        f.truncate(MAX_CSV_BYTES + 1)  # sparse: no disk used
    with pytest.raises(DocumentError, match="over the 32 MiB limit"):
        read_cars_csv(p, [builders.make_type()])
