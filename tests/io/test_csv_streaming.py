"""Export streams its rows: memory stays bounded however many rows the profile has."""
import os
import tracemalloc

import builders
from traintool.io import csv_export
from traintool.io.csv_export import CsvKind, write_csv
from traintool.physics import compute_trip


def _peak_bytes(doc, route, r, step_m: float, out) -> tuple[int, int]:
    """The peak of traced memory while the profile is written, and the bytes written."""
    tracemalloc.start()
    try:
        write_csv(out, CsvKind.PROFILE, doc, route, r, step_m=step_m)
        return tracemalloc.get_traced_memory()[1], os.path.getsize(out)
    finally:
        tracemalloc.stop()


def test_ten_times_the_rows_take_no_more_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_export, "PROFILE_BLOCK", 2_000)  # blocks far smaller than the rows
    doc = builders.small_document()
    r = compute_trip(doc, doc.route)
    small, small_size = _peak_bytes(doc, doc.route, r, 10.0, tmp_path / "a.csv")  # 10,000 rows
    big, big_size = _peak_bytes(doc, doc.route, r, 1.0, tmp_path / "b.csv")  # 100,000 rows
    assert big_size > 9 * small_size
    assert big < 1.5 * small + 256 * 1024, (small, big)
    assert big < 2 * 2**20  # 100,000 rows held as lists of strings would be over 30 MB


def test_a_stream_gets_the_rows_as_they_come(tmp_path, monkeypatch):
    """Onto /dev/null (a stream): the same bounded memory, no temporary file."""
    monkeypatch.setattr(csv_export, "PROFILE_BLOCK", 2_000)
    doc = builders.small_document()
    r = compute_trip(doc, doc.route)
    tracemalloc.start()
    try:
        assert write_csv("/dev/null", CsvKind.PROFILE, doc, doc.route, r, step_m=1.0, streams=True) is None
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 2**20


def test_pieces_that_fail_midway_leave_the_old_file_and_no_temporary_file(tmp_path):
    """An export interrupted while its rows are made (an error, Ctrl+C) leaves what was there."""
    import pytest

    from traintool.io.safe_write import write_file

    out = tmp_path / "profile.csv"
    out.write_text("old\n")

    def pieces():
        yield b"new rows\n"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_file(out, pieces())
    assert out.read_text() == "old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["profile.csv"]
