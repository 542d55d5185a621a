"""CSV out: read back with the csv module, the numbers add up to the trip's."""
import csv
import io

import pytest

import builders
from traintool.cli import main
from traintool.io import document_to_json, sample_paths, load_document, resolve_route
from traintool.io.csv_export import CsvKind, csv_text
from traintool.physics import compute_trip
from traintool.units import UnitSystem


def read(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # RFC 4180 line ends, nothing else
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


@pytest.fixture
def doc_file(tmp_path, small_document):
    p = tmp_path / "small.consist.json"
    p.write_text(document_to_json(small_document))
    return p


def export(doc_file, tmp_path, what, *extra, code=0) -> list[dict[str, str]]:
    out = tmp_path / f"{what}.csv"
    assert main(["export", str(doc_file), "--what", what, "-o", str(out), *extra]) == code
    return read(out)


def test_the_legs_add_up_to_the_running_time_and_the_profile_ends_at_it(doc_file, tmp_path, small_document):
    r = compute_trip(small_document, small_document.route)
    legs = export(doc_file, tmp_path, "legs")
    assert [(leg["from"], leg["to"]) for leg in legs] == [("A", "B"), ("B", "C")]
    # Each time is to a tenth of a second, each distance to the metre: the sums within that.
    assert sum(float(leg["running time (s)"]) for leg in legs) == pytest.approx(r.running_s, abs=0.05 * len(legs))
    assert sum(float(leg["distance (km)"]) for leg in legs) == pytest.approx(r.distance_m / 1000, abs=5e-4 * len(legs))
    profile = export(doc_file, tmp_path, "profile")
    assert float(profile[-1]["running time (s)"]) == pytest.approx(r.running_s, abs=0.05)
    xs = [float(p["distance (km)"]) for p in profile]
    assert xs[0] == 0 and xs[-1] == pytest.approx(100.0)
    assert all(b - a == pytest.approx(0.1) for a, b in zip(xs, xs[1:]))  # the 100 m step
    times = [float(p["running time (s)"]) for p in profile]
    assert times == sorted(times)
    assert {p["section"] for p in profile} == {small_document.route.section_label(i) for i in range(2)}
    assert all(float(p["speed (km/h)"]) <= float(p["limit (km/h)"]) + 1e-6 for p in profile)


def test_a_coarser_step_and_imperial_units(doc_file, tmp_path, small_document):
    r = compute_trip(small_document, small_document.route)
    profile = export(doc_file, tmp_path, "profile", "--step-m", "1000", "--units", "imperial")
    assert len(profile) == 101  # 0, 1 km, ... 100 km
    assert float(profile[-1]["distance (mi)"]) == pytest.approx(100_000 / 1609.344, abs=5e-4)
    assert float(profile[-1]["running time (s)"]) == pytest.approx(r.running_s, abs=0.05)
    assert "average speed (mph)" in export(doc_file, tmp_path, "legs", "--units", "imperial")[0]


def test_the_refit_steps_add_up_to_each_refit(doc_file, tmp_path, small_document):
    r = compute_trip(small_document, small_document.route)
    rows = export(doc_file, tmp_path, "refits")
    [ref] = r.refits
    assert {row["station"] for row in rows} == {"B"}
    assert [row["step"] for row in rows] == [s.name for s in ref.steps]
    assert sum(float(row["duration (s)"]) for row in rows) == pytest.approx(ref.duration_s, abs=0.05 * len(rows))
    assert rows[0]["from gauge (mm)"] == "1435" and rows[0]["to gauge (mm)"] == "1520"


def test_the_cars_one_row_each_overrides_marked(tmp_path, small_document):
    from traintool.model import edits
    doc = edits.set_car_field(small_document, [3], "length_m", 31.5).document
    p = tmp_path / "d.consist.json"
    p.write_text(document_to_json(doc))
    rows = export(p, tmp_path, "cars")
    assert len(rows) == len(doc.consist.cars)
    assert [r["name"] for r in rows[2:]] == [f"Coach {i + 1}" for i in range(8)]
    assert rows[1]["type id"] == "loco-ru"
    assert rows[3]["length (m)"] == "31.5" and rows[3]["overridden"] == "length (m)"
    assert all(r["overridden"] == "" for k, r in enumerate(rows) if k != 3)


@pytest.mark.parametrize("kind", sorted(builders.infeasible_documents()))
def test_a_trip_that_cannot_be_made_gives_the_legs_it_runs(tmp_path, kind):
    """No total: the legs CSV lists every leg, with a running time for those run (they add up to the
    running time the result reports) and blanks after; the profile stops where the train does."""
    d = builders.infeasible_documents()[kind]
    r = compute_trip(d, d.route)
    assert r.total_s is None
    p = tmp_path / "d.consist.json"
    p.write_text(document_to_json(d))
    legs = export(p, tmp_path, "legs", code=1)  # written, and the exit code says the trip cannot be made
    assert len(legs) == len(r.legs)
    run = [leg for leg in legs if leg["running time (s)"] != ""]
    assert sum(float(leg["running time (s)"]) for leg in run) == pytest.approx(r.running_s, abs=0.05 * len(run))
    assert all(leg["running time (s)"] == "" for leg in legs[len(run):])  # the run legs come first
    profile = export(p, tmp_path, "profile", code=1)
    if profile:
        assert float(profile[-1]["distance (km)"]) <= r.reached_m / 1000 + 5e-4  # to the metre
        # A stall stops partway through a leg: the profile goes on to the stand, past the legs run.
        last = float(profile[-1]["running time (s)"])
        assert last == pytest.approx(r.running_s, abs=0.05) if kind != "stall" else last > r.running_s


def test_a_shipped_sample_in_every_kind():
    doc = load_document(sample_paths()["armored-train"])
    route = resolve_route(doc)
    r = compute_trip(doc, route)
    for kind in CsvKind:
        rows = list(csv.reader(io.StringIO(csv_text(kind, doc, route, r), newline="")))
        assert len({len(row) for row in rows}) == 1 and len(rows) > 1  # a rectangle with a header
    legs = list(csv.DictReader(io.StringIO(csv_text(CsvKind.LEGS, doc, route, r), newline="")))
    assert sum(float(leg["running time (s)"]) for leg in legs) == pytest.approx(r.running_s, abs=0.05 * len(legs))


def test_the_export_onto_a_fifo_nobody_reads_fails_without_waiting(doc_file, tmp_path, capsys):
    import os
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    assert main(["export", str(doc_file), "--what", "legs", "-o", str(fifo)]) == 2
    assert "out.csv: could not be written: nothing reads the pipe" in capsys.readouterr().err
    assert os.path.exists(fifo) and not os.path.isfile(fifo)
    assert main(["export", str(doc_file), "--what", "legs", "-o", str(doc_file)]) == 2  # never over its input
    assert doc_file.read_text().startswith("{")


def test_a_bad_step_is_refused(doc_file, tmp_path, capsys):
    with pytest.raises(SystemExit) as e:
        main(["export", str(doc_file), "--what", "profile", "--step-m", "0", "-o", str(tmp_path / "x.csv")])
    assert e.value.code == 2


def test_the_legs_give_each_legs_allowance_and_the_stand_that_follows_it():
    from traintool.io import load_document, sample_paths
    doc = load_document(sample_paths()["sleeper-train"])
    route = resolve_route(doc)
    r = compute_trip(doc, route)
    legs = list(csv.DictReader(io.StringIO(csv_text(CsvKind.LEGS, doc, route, r))))
    rounding = 0.05 * len(legs)  # each figure is written to a tenth of a second
    assert sum(float(leg["allowance (s)"]) for leg in legs) == pytest.approx(r.allowance_s, abs=rounding)
    assert r.allowance_s > 0
    stands = sum(float(leg["stand at 'to' (s)"]) for leg in legs)
    # the last stop stands for nothing
    assert r.running_s + r.allowance_s + stands == pytest.approx(r.total_s, abs=rounding)
    brest = next(leg for leg in legs if leg["to"] == "Brest")
    assert "Entry control" in brest["stand at 'to': its parts"] and "Refit" in brest["stand at 'to': its parts"]
