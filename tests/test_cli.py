"""The command line: the same answers as the API, one-line errors with exit code 2."""
import json
import subprocess
import sys

import pytest

from traintool.cli import main
from traintool.io import document_to_json, sample_paths
from traintool.physics import compute_trip
from traintool.physics.result import trip_to_dict


@pytest.fixture
def doc_file(tmp_path, small_document):
    p = tmp_path / "small.consist.json"
    p.write_text(document_to_json(small_document))
    return p


def test_compute_json_equals_the_api(doc_file, small_document, capsys):
    assert main(["compute", str(doc_file), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    expected = trip_to_dict(compute_trip(small_document, small_document.route))
    assert out == json.loads(json.dumps(expected))
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
