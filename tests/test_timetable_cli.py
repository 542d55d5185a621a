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
