"""The command line: the same answers as the API, one-line errors with exit code 2."""
import json
import subprocess
import sys

import pytest

import builders
from traintool.cli import main
from traintool.io import document_to_json, sample_paths
from traintool.physics import compute_trip
from traintool.physics.result import trip_to_dict


@pytest.fixture
def doc_file(tmp_path, small_document):
    p = tmp_path / "small.consist.json"
    p.write_text(document_to_json(small_document))
    return p


def close(a, b) -> bool:
    """Equal, each figure to within the rounding the JSON does (a tenth of a second, a centimetre)."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(close, a, b))
    if isinstance(a, float) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return abs(a - b) <= 0.05 + 1e-9 * abs(b)
    return a == b


def test_compute_json_equals_the_api(doc_file, small_document, capsys):
    assert main(["compute", str(doc_file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    expected = trip_to_dict(compute_trip(small_document, small_document.route))
    assert close(out, json.loads(json.dumps(expected)))
    for key in ("total_s", "running_s", "dwell_s", "refit_s", "distance_m", "legs", "refits"):
        assert key in out
    assert {"from", "to", "distance_m", "running_s"} <= set(out["legs"][0])
    assert {"station", "method", "cars", "duration_s", "steps"} <= set(out["refits"][0])


def test_compute_table_and_top_speed_cap(doc_file, capsys):
    assert main(["compute", str(doc_file)]) == 0
    table = capsys.readouterr().out
    assert "total" in table and "break of gauge at B" in table
    main(["compute", str(doc_file), "--json"])
    free = json.loads(capsys.readouterr().out)
    main(["compute", str(doc_file), "--json", "--top-speed-kmh", "30"])
    capped = json.loads(capsys.readouterr().out)
    assert capped["running_s"] > free["running_s"]


def test_default_document_takes_at_least_20_hours_with_hours_at_khasan(capsys):
    assert main(["compute", str(sample_paths()["armored-train"]), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total_s"] >= 20 * 3600
    khasan = [r for r in out["refits"] if r["station"] == "Khasan"]
    assert khasan and 2 * 3600 <= khasan[0]["duration_s"] <= 12 * 3600


def test_info_and_validate(doc_file, capsys):
    assert main(["info", str(doc_file)]) == 0
    assert "cars        10" in capsys.readouterr().out
    assert main(["validate", str(doc_file)]) == 0


def test_validate_bad_file_exits_1_naming_the_car(tmp_path, small_document, capsys):
    data = json.loads(document_to_json(small_document))
    data["consist"]["cars"][2]["mass_kg"] = 0
    p = tmp_path / "bad.consist.json"
    p.write_text(json.dumps(data))
    assert main(["validate", str(p)]) == 1
    err = capsys.readouterr().err
    assert "consist.cars[2].mass_kg" in err and "Coach 1" in err


def test_bad_input_is_one_line_exit_2_never_a_traceback(tmp_path):
    p = tmp_path / "broken.consist.json"
    p.write_text("{ not json")
    r = subprocess.run([sys.executable, "-m", "traintool", "compute", str(p)], capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and str(p) in r.stderr and "Traceback" not in r.stderr


def test_unknown_route_is_a_clear_error(doc_file, capsys):
    assert main(["compute", str(doc_file), "--route", "atlantis"]) == 2
    assert "atlantis" in capsys.readouterr().err


def test_schema_is_generated_from_the_model(capsys):
    assert main(["schema"]) == 0
    schemas = json.loads(capsys.readouterr().out)
    assert schemas["consist"]["properties"]["format"]["const"] == "traintool.consist"
    assert "Section" in schemas["route"]["$defs"]


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and "traintool 0.1.0" in capsys.readouterr().out


@pytest.mark.parametrize("kind", sorted(builders.infeasible_documents()))
def test_a_trip_that_cannot_be_made_says_so_first_and_exits_1(tmp_path, capsys, kind):
    d = builders.infeasible_documents()[kind]
    p = tmp_path / f"{kind}.consist.json"
    p.write_text(document_to_json(d))
    assert main(["compute", str(p)]) == 1
    said = capsys.readouterr()
    out = said.out.splitlines()
    result = compute_trip(d, d.route)
    causes = [why.message for why in result.reasons]
    assert said.err == f"traintool: the trip cannot be made: {' '.join(causes)}\n"
    assert all(said.out.count(c) == 1 for c in causes)  # each cause once, never under its own label
    assert not any(line.lstrip().startswith("total") for line in out)  # no duration for it
    assert main(["compute", str(p), "--json"]) == 1
    said = capsys.readouterr()
    assert said.err.startswith("traintool: the trip cannot be made: ")
    js = json.loads(said.out)
    assert js["feasible"] is False and js["total_s"] is None
    assert [r["kind"] for r in js["reasons"]] == [kind]
    if kind == "stall":
        [why] = js["reasons"]
        assert 20_000 < why["position_m"] < 50_000 and why["shortfall_n"] > 0 and why["section_index"] == 1
        assert js["legs"][0]["running_s"] is None and js["reached_m"] == why["position_m"]
    if kind == "cannot_change_gauge":
        assert js["reasons"][0]["car_indices"] == [4, 5, 6] and js["reasons"][0]["station"] == "B"


def test_the_json_of_a_feasible_trip_has_no_reasons(doc_file, capsys):
    assert main(["compute", str(doc_file), "--json"]) == 0
    js = json.loads(capsys.readouterr().out)
    assert js["feasible"] is True and js["reasons"] == [] and js["total_s"] > 0


def test_compute_range_json_gives_percentiles_and_drivers_largest_swing_first(capsys):
    sample = str(sample_paths()["armored-train"])
    assert main(["compute", sample, "--range", "--samples", "40", "--seed", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    r = out["range"]
    assert (r["samples"], r["seed"]) == (40, 3)
    assert r["total_s"]["p5"] <= r["total_s"]["p50"] <= r["total_s"]["p95"]
    assert set(r["refit_s"]) == {"Khasan"}
    swings = [abs(d["total_s_high"] - d["total_s_low"]) for d in out["drivers"]]
    assert swings == sorted(swings, reverse=True) and all(d["source"] for d in out["drivers"])
    assert {"input", "low", "high", "unit", "total_s_low", "total_s_high", "source"} <= set(out["drivers"][0])
    # The same seed, the same answer; the table says it in words.
    assert main(["compute", sample, "--range", "--samples", "40", "--seed", "3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["range"] == r
    assert main(["compute", sample, "--range", "--samples", "40", "--seed", "3"]) == 0
    assert "90 % between" in capsys.readouterr().out


def test_validate_refuses_an_unknown_route_id_and_a_scenario_naming_a_missing_station(tmp_path, capsys):
    import json

    from traintool.cli import main
    from traintool.io import default_document, document_to_json

    data = json.loads(document_to_json(default_document()))
    data["route_id"] = "nowhere"
    bad = tmp_path / "bad.consist.json"
    bad.write_text(json.dumps(data))
    assert main(["validate", str(bad)]) == 1
    assert "route_id: no shipped route with id 'nowhere'" in capsys.readouterr().err
    data = json.loads(document_to_json(default_document()))
    data["scenario"]["dwell_overrides_s"] = {"Atlantis": 60}
    bad.write_text(json.dumps(data))
    assert main(["validate", str(bad)]) == 1
    assert "'Atlantis' is not a station of the route" in capsys.readouterr().err


def test_compute_range_is_the_answer_the_window_makes(small_document, tmp_path, capsys):
    """The command line's range and drivers are the answer's (physics.answer.compute_answer), and a train
    the window gives no range (over RANGE_MAX_CARS cars) gets none here either, with the window's reason."""
    from traintool.physics.answer import compute_answer
    from traintool.physics.ranges import range_to_dict
    from traintool.sizes import RANGE_MAX_CARS

    doc_file = tmp_path / "small.consist.json"
    doc_file.write_text(document_to_json(small_document))
    assert main(["compute", str(doc_file), "--samples", "20", "--seed", "5", "--json"]) == 0
    answer = compute_answer(small_document, small_document.route, samples=20, seed=5)
    expected = json.loads(json.dumps(range_to_dict(answer.range, answer.drivers)))
    out = json.loads(capsys.readouterr().out)
    assert close({k: out[k] for k in expected}, expected)

    cars = small_document.consist.cars
    long = small_document.model_copy(update={"consist": small_document.consist.model_copy(
        update={"cars": cars[:2] + cars[2:3] * (RANGE_MAX_CARS - 1)})})
    long_file = tmp_path / "long.consist.json"
    long_file.write_text(document_to_json(long))
    code = main(["compute", str(long_file), "--samples", "20", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert (out["range"], out["drivers"]) == (None, [])
    assert f"over {RANGE_MAX_CARS:,} cars" in out["no_range"]
    assert main(["compute", str(long_file), "--range"]) == code  # the trip's own exit code, range or none
    assert f"no range: sampling a train of over {RANGE_MAX_CARS:,} cars" in capsys.readouterr().out


def test_compute_says_who_hauls_each_stretch_in_text_and_json(capsys):
    assert main(["compute", "sleeper-train"]) == 0
    text = capsys.readouterr().out
    assert "who hauls the train:" in text
    assert ("From Brest (Belarusian Railway): TEP70 passenger diesel locomotive (Russian / Belarusian Railways), "
            "put on by the railway") in text
    assert main(["compute", "sleeper-train", "--json"]) == 0
    hauled = json.loads(capsys.readouterr().out)["hauled_by"]
    assert [(h["station"], h["railway"], h["by_railway"]) for h in hauled] == [
        ("Warszawa Centralna", "PKP Polskie Linie Kolejowe", False), ("Brest", "Belarusian Railway", True)]
    assert hauled[1]["locomotive"].startswith("TEP70") and hauled[1]["from_m"] > 0
