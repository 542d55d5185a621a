"""The timetable on the command line and in CSV: clock times by each station's zone, ISO 8601 with
offsets in JSON and CSV."""
import csv
import json
from datetime import datetime, timedelta

from traintool.cli import main
from traintool.io import load_document, resolve_route, sample_paths
from traintool.physics import compute_trip

DANDONG = str(sample_paths()["dandong-pyongyang-train"])  # departs 10:00 on 28 April 2018, Pyongyang at UTC+8:30


def test_compute_timetable_json_gives_times_with_their_offsets(capsys):
    assert main(["compute", DANDONG, "--timetable", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    t = out["timetable"]
    assert t["departure"] == "2018-04-28T10:00:00+08:30" and t["time_zone"] == "Asia/Pyongyang"
    by_name = {s["station"]: s for s in t["stops"]}
    assert by_name["Sinuiju"]["arrival"]["utc_offset"] == "+08:30"
    assert by_name["Dandong"]["arrival"]["utc_offset"] == "+08:00"  # China: half an hour behind Pyongyang then
    start = datetime.fromisoformat(t["departure"])
    for stop in out["stops"][1:]:  # the same moments as the trip's elapsed times
        arrival = datetime.fromisoformat(by_name[stop["station"]]["arrival"]["time"])
        # The clock time is to the second (cut), the JSON's seconds to the tenth (rounded): within both.
        assert abs((arrival - start) - timedelta(seconds=stop["arrival_s"])) <= timedelta(seconds=1.05)


def test_compute_timetable_text_with_ranges(capsys):
    assert main(["compute", DANDONG, "--timetable", "--range", "--samples", "20"]) == 0
    text = capsys.readouterr().out
    assert "departs 2018-04-28 10:00 Asia/Pyongyang (UTC+8:30)" in text
    dandong = next(line for line in text.splitlines() if line.strip().startswith("Dandong") and " arr " in line)
    assert "UTC+8 " in dandong and "Asia/Shanghai" in dandong and ", 90 % " in dandong


def test_export_timetable_csv(tmp_path, capsys):
    out = tmp_path / "t.csv"
    assert main(["export", DANDONG, "--what", "timetable", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    doc = load_document(DANDONG)
    result = compute_trip(doc, resolve_route(doc))
    assert [r["station"] for r in rows] == [s.station for s in result.stops]
    assert rows[0]["departure"] == "2018-04-28T10:00:00+08:30" and rows[0]["arrival"] == ""
    beijing = rows[-1]
    assert beijing["time zone"] == "Asia/Shanghai" and beijing["departure"] == ""
    arrival = datetime.fromisoformat(beijing["arrival"])
    assert arrival.utcoffset() == timedelta(hours=8)
    assert int(beijing["arrival day"]) == (arrival.date() - datetime(2018, 4, 28).date()).days


def _range_end(t: datetime, at: datetime, day: int) -> str:
    """A range end as the timetable prints it beside its time `at` (on day `day`): '14:55', '00:45 +1'."""
    shift = (t.date() - at.date()).days
    return f"{t:%H:%M}" + (f" {day + shift:+d}" if shift else "")


def test_export_compute_and_report_give_one_answer_for_the_same_document(tmp_path, capsys):
    """Issue 26: `export --range` sampled a range of its own (no --samples, no --seed, no size limit);
    the three commands now hand on the one answer: the same totals and the same times' ranges."""
    import re
    import unicodedata

    from pypdf import PdfReader

    from traintool.units import format_duration

    asked = ["--samples", "40", "--seed", "7"]
    assert main(["compute", DANDONG, "--range", "--timetable", "--json", *asked]) == 0
    computed = json.loads(capsys.readouterr().out)
    table = tmp_path / "t.csv"
    assert main(["export", DANDONG, "--what", "timetable", "--range", *asked, "-o", str(table)]) == 0
    rows = {r["station"]: r for r in csv.DictReader(table.open(encoding="utf-8", newline=""))}
    pdf = tmp_path / "r.pdf"
    assert main(["report", DANDONG, *asked, "-o", str(pdf)]) == 0
    text = " ".join(p.extract_text() or "" for p in PdfReader(str(pdf)).pages)
    text = re.sub(r"–\s", "–", re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)))  # a cell may break after '–'

    total = computed["range"]["total_s"]
    assert (f"90 % between {format_duration(total['p5'])} and {format_duration(total['p95'])} "
            f"(40 samples of the estimated inputs)") in text
    spreads = 0
    for stop in computed["timetable"]["stops"]:
        for end in ("arrival", "departure"):
            moment = stop[end]
            if moment is None:
                continue
            row = rows[stop["station"]]
            assert (row[f"{end} 5 %"], row[f"{end} 95 %"]) == (moment["p5"] or "", moment["p95"] or "")
            if moment["p5"] and moment["p5"] != moment["p95"]:
                spreads += 1
                day = moment["day"]
                low, high = (datetime.fromisoformat(moment[p]) for p in ("p5", "p95"))
                at = datetime.fromisoformat(moment["time"])
                ends = [_range_end(t, at, day) for t in (low, high)]
                assert f"90 % {ends[0]}–{ends[1]}" in text, (stop["station"], end, ends)
    assert spreads >= 6  # the ranges were compared, not only their absence


def test_export_range_keeps_the_size_limit_the_window_and_compute_keep(tmp_path, capsys):
    """A train over RANGE_MAX_CARS gets no range from export either: refused in one sentence, no file."""
    from traintool.io import document_to_json
    from traintool.sizes import RANGE_MAX_CARS

    doc = load_document(DANDONG)
    cars = doc.consist.cars
    long = doc.model_copy(update={"consist": doc.consist.model_copy(
        update={"cars": tuple(cars) + (cars[-1],) * (RANGE_MAX_CARS + 1 - len(cars))})})
    source = tmp_path / "long.consist.json"
    source.write_text(document_to_json(long))
    out = tmp_path / "t.csv"
    assert main(["export", str(source), "--what", "timetable", "--range", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"over {RANGE_MAX_CARS:,} cars" in err and err.startswith("traintool: --range:") and err.count("\n") == 1
    assert not out.exists()


def test_export_refuses_a_range_of_what_has_none_naming_the_option_given(tmp_path, capsys):
    out = tmp_path / "legs.csv"
    assert main(["export", DANDONG, "--what", "legs", "--seed", "3", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("traintool: --seed") and "only the timetable has ranges, not the legs" in err
    assert not out.exists()
