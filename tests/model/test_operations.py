"""Railways and operations as data: what the model accepts, and the edits that change them."""
import json

import pytest
from pydantic import ValidationError

from traintool.cli import main
from traintool.errors import EditError
from traintool.io import load_document, sample_paths, shipped_routes
from traintool.model import OperationKind, Route, ServiceKind, edits
from traintool.physics import compute_trip


def _route_data():
    return shipped_routes()["warsaw-minsk"].model_dump()


def test_a_section_names_a_railway_the_route_has():
    data = _route_data()
    data["sections"][0]["railway"] = "sncf"
    with pytest.raises(ValidationError, match=r"sections\[0\].*no railway has the id 'sncf'"):
        Route.model_validate(data)


def test_an_operation_kind_comes_once_per_service_at_a_station():
    data = _route_data()
    brest = next(s for s in data["stations"] if s["name"] == "Brest")
    brest["operations"] = [*brest["operations"], brest["operations"][0]]
    with pytest.raises(ValidationError, match="two 'border_entry' operations"):
        Route.model_validate(data)


def test_a_scenario_override_must_name_a_station_and_a_railway_of_the_route():
    doc = load_document(sample_paths()["sleeper-train"])
    route = shipped_routes()["warsaw-minsk"]
    with pytest.raises(EditError, match="no railway 'sncf'"):
        edits.set_railway_rule(doc, route, "sncf", "allowance_percent", 5.0)
    with pytest.raises(EditError, match="Brest has no exit control"):
        edits.set_operation(doc, route, "Brest", OperationKind.BORDER_EXIT, 600.0)
    with pytest.raises(EditError):
        edits.set_railway_rule(doc, route, "pkp", "limit_factor", 3.0)  # above what the model accepts


def test_the_service_sets_which_operations_apply():
    doc = load_document(sample_paths()["sleeper-train"])
    route = shipped_routes()["warsaw-minsk"]
    scheduled = compute_trip(doc, route)
    special = compute_trip(edits.set_service(doc, ServiceKind.SPECIAL).document, route)
    kinds = lambda r: {(s.station, p.kind) for s in r.stops for p in s.parts}  # noqa: E731
    assert ("Brest", "customs") in kinds(scheduled) and ("Brest", "customs") not in kinds(special)
    assert special.operations_s < scheduled.operations_s


def test_an_operation_override_replaces_the_routes_duration():
    doc = load_document(sample_paths()["sleeper-train"])
    route = shipped_routes()["warsaw-minsk"]
    before = compute_trip(doc, route)
    doc = edits.set_operation(doc, route, "Brest", OperationKind.CUSTOMS, 3 * 3600.0).document
    after = compute_trip(doc, route)
    [customs] = [p for s in after.stops for p in s.parts if p.kind == "customs"]
    assert customs.duration_s == 3 * 3600.0
    old = next(p for s in before.stops for p in s.parts if p.kind == "customs").duration_s
    assert after.total_s == pytest.approx(before.total_s + 3 * 3600.0 - old)


def test_compute_json_gives_every_part_under_stable_keys(capsys, tmp_path):
    assert main(["compute", str(sample_paths()["sleeper-train"]), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"allowance_s", "operations_s", "operations"} <= set(out)
    assert set(out["operations"]) == {k.value for k in OperationKind}
    parts = [p for s in out["stops"] for p in s["parts"]]
    assert out["total_s"] == pytest.approx(out["running_s"] + out["allowance_s"] + sum(p["duration_s"] for p in parts))
    assert all(p["source"] for p in parts if p["kind"] not in ("dwell", "refit"))
    assert out["operations"]["customs"] == pytest.approx(sum(p["duration_s"] for p in parts if p["kind"] == "customs"))
