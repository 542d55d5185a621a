"""A 100,000-car consist saves, loads and computes in seconds, with a clear answer."""
import time

from traintool.io import default_document, load_document, resolve_route, save_document
from traintool.model import Consist
from traintool.physics import compute_trip


def test_100000_cars_load_and_compute_without_hanging(tmp_path):
    doc = default_document()
    cars = doc.consist.cars[:3] + (doc.consist.cars[10],) * 99_997
    big = doc.model_copy(update={"consist": Consist(cars=cars)})
    path = tmp_path / "huge.consist.json"
    start = time.perf_counter()
    save_document(big, path)
    again = load_document(path)
    result = compute_trip(again, resolve_route(again))
    assert time.perf_counter() - start < 30  # seconds on CI's 2 cores; about 2.5 s here
    assert len(again.consist.cars) == 100_000
    # Two diesels cannot start 7 million tonnes: the answer says so and names where.
    assert not result.feasible
    assert result.warnings[0].section_index == 0 and "cannot climb" in result.warnings[0].message
