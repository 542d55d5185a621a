"""The report's timetable page, read back as text."""
import re
import unicodedata

import pytest
from pypdf import PdfReader

from traintool.io import load_document, resolve_route, sample_paths
from traintool.physics import compute_trip
from traintool.physics.answer import Answer, compute_answer
from traintool.physics.ranges import trip_range
from traintool.physics.timetable import build_timetable
from traintool.report import write_report
from traintool.units import format_duration


def _pages(path) -> list[str]:
    return [re.sub(r"\s+", " ", unicodedata.normalize("NFKC", p.extract_text() or "")) for p in PdfReader(str(path)).pages]


def _ranged_report(doc, tmp_path):
    """The report of `doc` with a range of 40 draws, in tmp_path: (its route, its trip, the PDF's path)."""
    route = resolve_route(doc)
    result = compute_trip(doc, route)
    out = tmp_path / "r.pdf"
    write_report(compute_answer(doc, route, samples=40, trip=result), out)
    return route, result, out


def test_the_report_has_a_timetable_page_with_each_stop_by_its_clock_and_range(tmp_path, qapp):
    doc = load_document(sample_paths()["dandong-pyongyang-train"])
    route, result, out = _ranged_report(doc, tmp_path)
    page = next(p for p in _pages(out) if "The timetable Departs" in p)  # not the contents list
    assert "Departs Pyongyang Saturday 28 April 2018, 10:00 Asia/Pyongyang (UTC+8:30)" in page
    expected = build_timetable(result, doc, route, trip_range(doc, route, 40).bands)
    flat = page.replace(" ", "")  # cells wrap anywhere
    for row in expected.rows:
        assert row.station in page
        for c in (row.arrival, row.departure):
            if c is not None:
                assert c.text().replace(", ", "").replace(" ", "") in flat, (row.station, c.text())  # a time over its range
    assert "UTC+8:30" in page and "UTC+8" in page and "Asia/Shanghai" in page
    sinuiju = next(s for s in result.stops if s.station == "Sinuiju")
    assert sinuiju.parts  # its stand, by its parts (the border's exit control)
    for part in sinuiju.parts:
        assert f"{part.label} {format_duration(part.duration_s)}" in page


def test_a_route_without_zones_says_so_on_the_page(tmp_path, qapp, small_document):
    out = tmp_path / "r.pdf"
    write_report(Answer(small_document, small_document.route, compute_trip(small_document, small_document.route)), out)
    page = next(p for p in _pages(out) if "The timetable Departs" in p)  # not the contents list
    assert "The route gives no time zones: every time is told in UTC" in page
    assert "No range was sampled" in page


def test_a_time_and_its_range_are_never_broken_inside(tmp_path, qapp):
    # The Arrival column wrapped "04:26 +1, 90 % 03:11–06:03" as "04:26 +1, 90" / "%" / "03:11–06:03".
    doc = load_document(sample_paths()["armored-train"])
    route, result, out = _ranged_report(doc, tmp_path)
    texts = [re.sub(r"[ \t\u00a0]+", " ", unicodedata.normalize("NFKC", p.extract_text() or ""))
             for p in PdfReader(str(out)).pages]
    lines = [line.strip() for text in texts if re.search(r"The timetable\s+Departs", text) for line in text.splitlines()]
    assert lines
    expected = build_timetable(result, doc, route, trip_range(doc, route, 40).bands)
    said = [c.text() for row in expected.rows for c in (row.arrival, row.departure) if c is not None]
    assert any(", 90 % " in t for t in said)
    for t in said:
        time, _, spread = t.partition(", ")
        def bare(text: str) -> str:
            return re.sub(r"[\s\u2060]+", "", text)
        assert any(bare(time) in bare(line) for line in lines), time
        if spread:
            level, times = spread.split(" % ")
            assert any(bare(f"{level} %") in bare(line) for line in lines), spread  # "90 %" never broken
            assert any(bare(times) in bare(line) for line in lines), spread  # nor the range's times


def test_the_timetable_fits_the_page_in_imperial_on_letter(tmp_path, qapp):
    # Kept whole, a time and its range made the table wider than the page: "Parts of the stop" was cut.
    import pypdfium2

    from traintool.report.flow import MARGIN
    from traintool.units import UnitSystem

    doc = load_document(sample_paths()["armored-train"])
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    write_report(compute_answer(doc, route, samples=40), out, units=UnitSystem.IMPERIAL, page_size="letter")
    pdf = pypdfium2.PdfDocument(str(out))
    try:
        for page in pdf:
            text = page.get_textpage()
            if "The timetable" in text.get_text_range() and "Departs" in text.get_text_range():
                right = max(text.get_charbox(i)[2] for i in range(text.count_chars()))
                assert right <= page.get_width() - MARGIN + 1
                break
        else:
            raise AssertionError("no timetable page")
    finally:
        pdf.close()


@pytest.mark.parametrize("units", ["metric", "imperial"])
@pytest.mark.parametrize("sample", sorted(sample_paths()))
def test_no_text_of_any_page_runs_past_the_right_margin(sample, units, tmp_path, qapp):
    # Found in the audit of issue 26: on A4 (narrower than Letter) the timetable of four samples was wider
    # than the page, its last column cut ("Dwell 10 min; Ex"), and in imperial so was the car list's.
    import pypdfium2

    from traintool.report.flow import MARGIN
    from traintool.units import UnitSystem

    doc = load_document(sample_paths()[sample])
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    write_report(compute_answer(doc, route, samples=20), out, units=UnitSystem(units), page_size="a4")
    pdf = pypdfium2.PdfDocument(str(out))
    try:
        for n, page in enumerate(pdf, 1):
            text = page.get_textpage()
            said = text.get_text_range()
            edge = page.get_width() - MARGIN + 1
            past = [said[i] for i in range(text.count_chars()) if text.get_charbox(i)[2] > edge]
            assert not past, f"page {n}: {''.join(past)[:60]!r} runs past the margin"
    finally:
        pdf.close()
