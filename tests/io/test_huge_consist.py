"""A 100,000-car consist saves, loads and computes, with a clear answer (timings: benchmarks/)."""
from traintool.io import default_document, load_document, resolve_route, save_document
from traintool.model import Consist
from traintool.physics import compute_trip


def test_100000_cars_load_and_compute_without_hanging(tmp_path):
    doc = default_document()
    cars = doc.consist.cars[:3] + (doc.consist.cars[10],) * 99_997
    big = doc.model_copy(update={"consist": Consist(cars=cars)})
    path = tmp_path / "huge.consist.json"
    save_document(big, path)
    again = load_document(path)
    result = compute_trip(again, resolve_route(again))
    assert len(again.consist.cars) == 100_000
    # Two diesels cannot start 7 million tonnes: the answer says so, where, and by how much.
    [why] = result.reasons
    assert why.kind.value == "stall" and why.section_index == 0 and why.position_m == 0
    assert why.shortfall_n > 1e6 and result.total_s is None
