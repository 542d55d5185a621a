"""Reports for the shipped documents, read back: the headline, every car type, every assumption's source."""
import re
import unicodedata

import pytest
from hypothesis import given, strategies as st
from pypdf import PdfReader

import builders
from traintool.errors import SaveError
from traintool.io import load_document, resolve_route, sample_paths
from traintool.model import ASSUMPTION_SOURCES
from traintool.physics import compute_trip
from traintool.physics.answer import Answer
from traintool.report import write_report
from traintool.units import UnitSystem, format_duration


def _text(path) -> str:
    reader = PdfReader(str(path))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))  # NFKC: the "ﬂ" ligature reads "fl"


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s))


def _report_of(doc, tmp_path):
    """The report of `doc`'s trip on its route (no range), written to a file in tmp_path: its path."""
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, route, compute_trip(doc, route)), out)
    return out


@pytest.mark.parametrize("sample", sorted(sample_paths()))
def test_report_of_each_shipped_document(sample, tmp_path, qapp):
    doc = load_document(sample_paths()[sample])
    route = resolve_route(doc)
    result = compute_trip(doc, route)
    out = tmp_path / "report.pdf"
    write_report(Answer(doc, route, result), out)
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 3
    text = _text(out)
    assert format_duration(result.total_s) in text  # the headline equals compute_trip (and so compute --json)
    assert format_duration(result.refit_s) in text
    for t in {c.type.label.split(" (")[0] for c in doc.resolved_cars()}:
        assert _norm(t)[:18] in text, t  # a long label wraps in its cell: its start is on one line
    for src in set(ASSUMPTION_SOURCES.values()):
        assert _norm(src)[:60] in text, src
    assert "page 1" in text and doc.name.split(" (")[0][:20] in text


def test_imperial_letter_report(tmp_path, qapp):
    doc = load_document(sample_paths()["armored-train"])
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, route, compute_trip(doc, route)), out, units=UnitSystem.IMPERIAL, page_size="letter")
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    assert "31 mph" in _text(out)


def test_unwritable_path_gives_a_clear_error_and_no_file(tmp_path, qapp):
    doc = load_document(sample_paths()["armored-train"])
    route = resolve_route(doc)
    with pytest.raises(SaveError) as e:
        write_report(Answer(doc, route, compute_trip(doc, route)), tmp_path / "missing" / "r.pdf")
    assert "missing" in str(e.value)
    assert not list(tmp_path.rglob("*.pdf")) and not list(tmp_path.rglob("*.tmp"))


def test_a_failure_midway_through_the_pages_raises_and_leaves_no_file(tmp_path, qapp, monkeypatch):
    # Found in the bundled build: a plot that failed to import left the painter open, and Qt crashed
    # the process when the writer went away. Now the error reaches the caller and nothing is left behind.
    import traintool.report.pdf as pdf

    def broken(*_args):
        raise RuntimeError("the plot could not be drawn")

    monkeypatch.setattr(pdf, "paint_time_plot", broken)
    doc = load_document(sample_paths()["armored-train"])
    route = resolve_route(doc)
    with pytest.raises(RuntimeError, match="could not be drawn"):
        write_report(Answer(doc, route, compute_trip(doc, route)), tmp_path / "r.pdf")
    assert list(tmp_path.iterdir()) == []


def test_first_page_is_not_blank(tmp_path, qapp):
    doc = load_document(sample_paths()["armored-train"])
    out = _report_of(doc, tmp_path)
    # Rendered by PDFium (a wheel: no poppler needed), at 30 dpi, to grey levels.
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(out))
    try:
        pixels = pdf[0].render(scale=30 / 72, grayscale=True).to_numpy()
    finally:
        pdf.close()
    dark = int((pixels[::3, ::3] < 128).sum())
    assert dark > 30  # a blank page has none; page 1 is text (title, summary table, answer) since the drawing follows the trip


def test_cli_report(tmp_path):
    from traintool.cli import main

    out = tmp_path / "cli.pdf"
    assert main(["report", str(sample_paths()["sleeper-train"]), "-o", str(out), "--page-size", "a4"]) == 0
    assert out.stat().st_size > 10_000


@pytest.mark.parametrize("kind", sorted(builders.infeasible_documents()))
def test_a_trip_that_cannot_be_made_is_reported_with_its_reasons_first(kind, tmp_path, qapp):
    # Regression: a car that cannot change gauge crashed the report (it read cars[i].label).
    d = builders.infeasible_documents()[kind]
    result = compute_trip(d, d.route)
    out = tmp_path / "r.pdf"
    write_report(Answer(d, d.route, result), out)
    first = re.sub(r"\s+", "", _norm(PdfReader(str(out)).pages[0].extract_text()))  # lines wrap anywhere
    assert "Thetripcannotbemade" in first
    for why in result.reasons:
        assert re.sub(r"\s+", "", why.message) in first
    assert "not run" in _text(out)  # the legs it never reaches


def test_cars_left_behind_are_said_in_the_report(tmp_path, qapp):
    from traintool.model import StrandedCars

    d = builders.infeasible_documents()["cannot_change_gauge"]
    d = d.model_copy(update={"scenario": d.scenario.model_copy(update={"stranded_cars": StrandedCars.LEAVE_BEHIND})})
    result = compute_trip(d, d.route)
    out = tmp_path / "r.pdf"
    write_report(Answer(d, d.route, result), out)
    text = _text(out)
    assert result.feasible and format_duration(result.total_s) in text
    assert "Left behind at B: 3 coaches, cars 5-7" in text and "they are left behind here" in text


def test_report_names_the_cars_that_cannot_change_gauge(tmp_path, qapp):
    # It raised AttributeError (ResolvedCar has no label) for any train with such a car.
    import builders
    from traintool.model import Car, Consist, Document

    doc = builders.small_document()
    stuck = builders.make_type("stuck", label="Fixed-axle wagon", gauge_change="none")
    doc = Document(name="Stuck", car_types=[*doc.car_types, stuck], route=doc.route,
                   consist=Consist(cars=[*doc.consist.cars, Car(type_id="stuck", name="Wagon 9")]))
    result = compute_trip(doc, doc.route)
    last = len(doc.consist.cars) - 1
    assert any(last in r.cannot_change for r in result.refits)
    out = tmp_path / "stuck.pdf"
    write_report(Answer(doc, doc.route, result), out)
    assert f"Car {last + 1} (Wagon 9) cannot change gauge here" in _text(out)


def test_report_fonts_keep_fractional_point_sizes(qapp):
    from traintool.report.flow import BASE_FONT, font

    f = font(5.5)  # QFont(family, 5.5) would make it 5 pt
    assert f.pointSizeF() == 5.5 and f.family() == BASE_FONT


def test_the_report_gives_the_range_its_drivers_the_inputs_and_the_timings_check(tmp_path, qapp):
    from traintool.physics.answer import compute_answer
    from traintool.physics.ranges import drivers, trip_range, uncertain_inputs

    doc = load_document(sample_paths()["armored-train"])
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    write_report(compute_answer(doc, route, samples=60), out)
    reader = PdfReader(str(out))
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    r = trip_range(doc, route, 60)
    assert f"90 % between {format_duration(r.total_s.p5)} and {format_duration(r.total_s.p95)}" in first
    # Page 1 tells every part of the answer, and which consist the published trips support.
    trip = compute_trip(doc, route)
    assert f"running-time allowance {format_duration(trip.allowance_s)}" in first and trip.allowance_s > 0
    assert f"operations at stops {format_duration(trip.operations_s)}" in first
    assert "WHICH CONSIST THE PUBLISHED TRIPS SUPPORT" in first and "leaders-train-21" in first
    text = re.sub(r"\s+", "", _text(out))  # table cells wrap anywhere
    assert "Operationsatstops" in text and "Whorunsthetrain" in text
    assert "Howsure:therangeandwhatdrivesit" in text and "Themodelagainstpublishedtimings" in text
    for i in uncertain_inputs(doc, route):
        assert re.sub(r"\s+", "", i.source)[:40] in text, i.key  # every input's range with its source
    # The strongest driver, named on the page: a railway's share of the line limits, drawn once per trip.
    top = drivers(doc, route)[0].input
    assert top.owner == "railway" and re.sub(r"\s+", "", top.label) in text


def test_a_report_without_a_range_says_nothing_of_one(tmp_path, qapp):
    doc = load_document(sample_paths()["sleeper-train"])
    out = _report_of(doc, tmp_path)
    text = _text(out)
    assert "How sure" not in text and "90 % between" not in text and "published timings" in text


def test_a_run_is_one_row_only_where_every_printed_field_is_equal(tmp_path, qapp):
    # Found in issue 26: cars 16-17 "× 2" were the Leader's saloon and the Conference saloon.
    from traintool.model import Car, Consist
    from traintool.report.pdf import car_runs

    base = builders.small_document()  # loco, broad-gauge loco, 8 coaches named "Coach 1".."Coach 8"
    cars = list(base.consist.cars[:2]) + [Car(type_id="coach", name="Day coach")] * 5 + [
        Car(type_id="coach", name="Leader's saloon"), Car(type_id="coach", name="Conference saloon")]
    doc = base.model_copy(update={"consist": Consist(cars=cars)})
    assert car_runs(doc.resolved_cars()) == [(0, 1), (1, 2), (2, 7), (7, 8), (8, 9)]
    assert car_runs(base.resolved_cars()) == [(k, k + 1) for k in range(10)]  # names differ: no run
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, doc.route, compute_trip(doc, doc.route)), out)
    text = _text(out)
    assert "3–7" in text and "Leader's saloon" in text and "Conference saloon" in text


def test_a_full_list_of_ten_thousand_cars_fits_forty_pages_with_each_distinct_car_drawn_once(tmp_path, qapp):
    from traintool.model import Car, Consist

    base = builders.small_document()
    cars = list(base.consist.cars[:2]) + [Car(type_id="coach", name=f"Coach {i // 500}") for i in range(10_000)]
    doc = base.model_copy(update={"consist": Consist(cars=cars)})
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, doc.route, compute_trip(doc, doc.route)), out, full_car_list=True)
    reader = PdfReader(str(out))
    assert len(reader.pages) <= 40
    text = _text(out)
    assert "each of the 3 distinct cars is drawn once" in text  # two locomotives and the coach
    assert all(f"Coach {k}" in text for k in range(20))  # every run listed: 20 names of 500 cars


def test_cli_report_full_car_list(tmp_path):
    from traintool.cli import main
    from traintool.io import document_to_json

    p = tmp_path / "d.consist.json"
    p.write_text(document_to_json(builders.small_document()))
    assert main(["report", str(p), "--full-car-list", "-o", str(tmp_path / "r.pdf")]) == 0
    assert "Coach 5" in _text(tmp_path / "r.pdf")


@given(xs=st.lists(st.floats(0, 500), min_size=1, max_size=60).map(sorted),
       breaks=st.lists(st.booleans(), min_size=60, max_size=60))
def test_station_names_never_overlap_and_a_break_of_gauge_keeps_its_name(xs, breaks):
    from traintool.report.figures import LABEL_GAP_PT, station_labels

    is_break = breaks[:len(xs)]
    kept = station_labels(xs, is_break)
    assert kept == sorted(set(kept)) and kept
    assert all(xs[b] - xs[a] >= LABEL_GAP_PT for a, b in zip(kept, kept[1:]))
    # A break of gauge loses its name only to another break's too close before it.
    for i, brk in enumerate(is_break):
        if brk and i not in kept:
            assert any(is_break[k] and 0 <= xs[i] - xs[k] < LABEL_GAP_PT for k in kept)


def test_the_published_timings_take_a_page_for_every_six_timings_at_most(qapp):
    # Their notes were in a narrow fifth column, a few words a line: 17 timings ran over 8 pages.
    # Now each row is one line or three, its sources and why a miss a paragraph across the table.
    from PySide6.QtCore import QBuffer, QIODevice

    from traintool.report.flow import PageFlow
    from traintool.report.tables import Citations
    from traintool.report.timings_cache import compute_and_keep, kept_checks
    from traintool.report.uncertainty import add_timings_check

    checks = kept_checks() or compute_and_keep()  # the real figures: their notes are what takes the room
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    flow = PageFlow(buffer, "a4", "footer", "title")
    add_timings_check(flow, checks, Citations())
    flow.finish()
    timings = len(checks)
    assert timings >= 10 and flow.page <= timings / 6 + 1


def test_each_source_is_printed_once_and_cited_by_its_number_and_headers_once_a_page(tmp_path, qapp):
    doc = load_document(sample_paths()["armored-train"])
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, route, compute_trip(doc, route), timings_check=_every_timing_missed()), out)
    text = _text(out)
    # A table's header row once on each page it spans: a row held back from the foot of a page was
    # drawn under a second header on the same page.
    assert all(len(re.findall(r"Gauge\s*\(mm\)", page.extract_text())) <= 1 for page in PdfReader(str(out)).pages)
    lines = "\n".join(unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(str(out)).pages)
    listed = re.findall(r"^\[(\d+)\][ \t]\S", lines, re.M)  # "[12] Davis (1926) ...": a line of a numbered list
    assert listed and len(listed) == len(set(listed)) and sorted(map(int, listed)) == list(range(1, len(listed) + 1))
    for src in set(ASSUMPTION_SOURCES.values()):
        assert text.count(_norm(src)) == 1, src
    # A section's source shared with others is a number; the route's sections used to repeat it in full.
    shared = "Intermediate distances are estimates scaled to that total."
    assert text.count(shared) == 1
    assert "shared/seed" not in text and text.count("https://") >= 10  # the timings' sources, with their addresses


def test_a_trip_that_stops_prints_no_stop_it_never_reaches_hatches_the_rest_and_says_each_cause_once(tmp_path, qapp):
    # Issue 26: a refit and dwells were printed for stations the train never reaches, the plots were
    # empty boxes without the window's "not reached" hatching, and a cause said its kind twice.
    stall = builders.infeasible_documents()["stall"]
    result = compute_trip(stall, stall.route)
    assert result.reached_m < stall.route.stations[1].position_m  # it stalls before B, the break of gauge
    out = tmp_path / "stall.pdf"
    write_report(Answer(stall, stall.route, result), out)
    text = _text(out)
    assert "Break of gauge at B" not in text and "not reached" in text
    no_loco = builders.infeasible_documents()["no_locomotive"]
    result = compute_trip(no_loco, no_loco.route)
    out = tmp_path / "no-loco.pdf"
    write_report(Answer(no_loco, no_loco.route, result), out)
    first = _norm(PdfReader(str(out)).pages[0].extract_text())
    for why in result.reasons:
        assert first.count(_norm(why.kind.label)) == 1, why.kind.label


def test_every_figure_of_an_imperial_report_is_imperial(tmp_path, qapp):
    # Issue 26: the inputs-and-ranges table (t, m, kW, kN, km/h) and the refit facility table
    # ("220 m", "10 km/h") stayed metric beside mph elsewhere; tons were not said to be short tons.
    from traintool.physics.answer import compute_answer

    doc = load_document(sample_paths()["armored-train"])
    route = resolve_route(doc)
    out = tmp_path / "imperial.pdf"
    write_report(compute_answer(doc, route, samples=20), out, units=UnitSystem.IMPERIAL)
    text = _text(out)
    metric = re.compile(r"\d\s*(?:km/h|kW|kN|t|m|km)\b")  # a figure in a metric unit
    def between(first: str, then: str) -> str:
        start = text.index(first)
        return text[start:text.index(then, start)]
    tables = [between("The facility", "How sure: the range"),  # the refit facility's fields
              between("The estimated inputs and their ranges", "The consist")]
    for table in tables:
        assert not metric.findall(table), metric.findall(table)
        assert not re.search(r"\b(?:km/h|kW|kN|t)\b", table)  # nor a metric unit column
    assert "ft" in tables[0] and "mph" in tables[0]
    assert {"short tons", "hp", "mph", "lbf"} <= set(re.findall(r"short tons|hp|mph|lbf", tables[1]))


def test_the_report_says_page_n_of_m_has_an_outline_and_a_contents_list_past_eight_pages(tmp_path, qapp):
    doc = load_document(sample_paths()["armored-train"])
    out = _report_of(doc, tmp_path)
    reader = PdfReader(str(out))
    pages = len(reader.pages)
    assert pages > 8
    for n, page in enumerate(reader.pages, 1):
        assert f"page {n} of {pages}" in _norm(page.extract_text())
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append((item.title, reader.get_destination_page_number(item)))
    walk(reader.outline)
    for title in ("The answer", "The trip", "The cars", "Assumptions", "Sources"):
        assert any(t == title for t, _ in titles), title
    contents = _norm(reader.pages[1].extract_text() + reader.pages[0].extract_text())
    assert "Contents" in contents
    for title, page in titles:
        if title in ("The trip", "The cars", "Assumptions"):
            assert title in _norm(reader.pages[page].extract_text())  # the bookmark leads to its section


def test_a_long_document_name_never_overprints_the_page_number(tmp_path, qapp):
    doc = builders.small_document()
    doc = doc.model_copy(update={"name": "A very long name " * 12})
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, doc.route, compute_trip(doc, doc.route)), out)
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(out))
    try:
        page = pdf[0]
        text = page.get_textpage()
        found = text.search("page 1 of")
        start, count = found.get_next()
        label = text.get_charbox(start)
        for i in range(text.count_chars()):
            box = text.get_charbox(i)
            if i < start and abs(box[1] - label[1]) < 3:  # the footer's line
                assert box[2] < label[0], "a character of the name runs into the page number"
    finally:
        pdf.close()


def test_cli_report_samples_the_range_as_asked_and_stamps_its_input(tmp_path, capsys):
    # Issue 26: the report sampled its own range 200 times, with no --samples; the window samples 500.
    import hashlib

    from traintool.cli import main
    from traintool.sizes import RANGE_SAMPLES

    doc = sample_paths()["sleeper-train"]
    out = tmp_path / "r.pdf"
    assert main(["report", str(doc), "--samples", "30", "-o", str(out)]) == 0
    first = re.sub(r"\s+", " ", _norm(PdfReader(str(out)).pages[0].extract_text()))
    assert "(30 samples of the estimated inputs)" in first
    assert doc.name in first and hashlib.sha256(doc.read_bytes()).hexdigest() in first.replace(" ", "")
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    assert f"default {RANGE_SAMPLES}, as the window" in " ".join(capsys.readouterr().out.split())


def test_stations_left_unnamed_on_the_plot_are_named_under_it(tmp_path, qapp):
    # Issue 26: station names were cut or dropped, and print cannot zoom.
    from traintool.report.figures import unnamed_stations

    doc = load_document(sample_paths()["freight-60"])
    route = resolve_route(doc)
    left_out = unnamed_stations(route, 511)
    assert left_out  # Warszawa Wschodnia sits too close to its neighbour to be named on A4
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, route, compute_trip(doc, route)), out)
    note = re.search(r"Stations too close to be named above[^:]*: ([^.]*)\.", _text(out))
    assert note and note.group(1).split(", ") == left_out


@given(owner=st.text(st.characters(codec="ascii", categories=["L", "Zs"]), min_size=1, max_size=120),
       parameter=st.sampled_from(["mass", "length", "top speed", "power", "bogie swap"]))
def test_a_drivers_label_cut_to_fit_keeps_its_parameter(qapp, owner, parameter):
    # Issue 26: "Box car: sliding-wall wagon, Habbiins type (4 axles, loa…": mass or speed?
    from traintool.report.figures import AXIS_PT
    from traintool.report.flow import font, metrics
    from traintool.report.uncertainty import driver_label

    m = metrics(font(AXIS_PT))
    shown = driver_label(f"{owner}: {parameter}", m, 160)
    assert shown.endswith(f": {parameter}") and m.horizontalAdvance(shown) <= 160 + 0.5


def _every_timing_missed():
    """A check of every published timing, each a miss (so that every one's notes are printed), its
    figures made up (the real check takes a minute)."""
    from traintool.io import published_timings
    from traintool.physics.ranges import Percentiles
    from traintool.physics.timing_check import TimingCheck

    out = []
    for t in published_timings().timings:
        v = (t.published_s.value or 3600.0) * 1.5
        out.append(TimingCheck(t, v, Percentiles(v * 0.9, v, v * 1.1), "model slower"))
    return tuple(out)


@pytest.mark.parametrize("sample", sorted(sample_paths()))
def test_each_note_and_source_is_printed_once_and_no_internal_path(sample, tmp_path, qapp):
    # Issue 26: one gradient note was printed under 14 sections, and "a copy is in shared/seed" three
    # times; the armored train's notes named resources/timings.json, a file only a checkout has.
    doc = load_document(sample_paths()[sample])
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, route, compute_trip(doc, route), timings_check=_every_timing_missed()), out)
    text = _text(out)
    assert not re.findall(r"\S*(?:resources/|shared/|\.json\b|/work/|/home/|/tmp/)\S*", text)
    text = re.sub(r"(?:And a|A)s under “[^”]*”\.", "", text)  # a pointer to a note said under an earlier timing
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\[])", text) if len(s.strip()) >= 30]
    twice = {s for s in sentences if sentences.count(s) > 1}
    assert not twice


def test_the_full_list_of_the_armored_train_repeated_to_ten_thousand_cars_takes_at_most_forty_pages(tmp_path, qapp):
    """Issue 26 measured 429 pages for this list. Here the cars' names mostly differ (the benchmark's train,
    benchmarks/report_benchmark.py): almost every car is a line of its own, the hard case for the list."""
    from traintool.model import Consist
    from traintool.report.pdf import car_runs

    base = load_document(sample_paths()["armored-train"])
    cars = (base.consist.cars * (10_000 // len(base.consist.cars) + 1))[:10_000]
    doc = base.model_copy(update={"consist": Consist(cars=cars)})
    runs = car_runs(doc.resolved_cars())
    assert len(runs) > 9_000  # the hard case indeed
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, resolve_route(doc), compute_trip(doc, resolve_route(doc))), out, full_car_list=True)
    reader = PdfReader(str(out))
    marks: list[tuple[str, int]] = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else marks.append((item.title, reader.get_destination_page_number(item)))
    walk(reader.outline)
    titles = [t for t, _ in marks]
    start = dict(marks)["Every car: position, name, kind"]
    end = marks[titles.index("Every car: position, name, kind") + 1][1]  # the section after the list
    assert end - start + 1 <= 40, f"the car list takes {end - start + 1} pages"
    # The list's first and last pages, read back (pypdf takes a second a page of this list).
    first = _norm(reader.pages[start].extract_text())
    last = " ".join(_norm(reader.pages[n].extract_text()) for n in (end - 1, end))  # the next section may start a page
    around = _norm(reader.pages[start - 1].extract_text()) + first
    kinds = len({(c.type.id, c.length_m, c.mass_kg, c.axles, c.max_speed_m_s, c.armored, c.gauge_change)
                 for c in doc.resolved_cars()})
    assert f"each of the {kinds} distinct cars is drawn once" in around
    for text, some in ((first, runs[:30]), (last, runs[-30:])):  # each run on a line of its own
        for a, b in some:
            where = f"{a + 1}–{b}" if b - a > 1 else f"{a + 1}"
            assert re.search(rf"(^| ){where} {re.escape(cars[a].name[:12])}", text), (where, cars[a].name)


@pytest.mark.parametrize("units", ["metric", "imperial"])
def test_every_assumption_is_in_the_reports_units_with_its_published_figure_beside_it(units, tmp_path, qapp):
    # Found in the audit of issue 26: a metric report gave the Davis terms in "lb per short ton" (their
    # meaning said so too), an imperial one the braking in m/s² and curve resistance in N/kN · m.
    from traintool.units import LBF, MPH, SHORT_TON

    doc = load_document(sample_paths()["armored-train"])
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    u = UnitSystem(units)
    write_report(Answer(doc, route, compute_trip(doc, route)), out, units=u)
    text = _text(out)
    start = text.index("Every coefficient the computation used")
    table = text[start:text.index("Resistance: modified Davis", start)]
    a = doc.scenario.assumptions
    if u is UnitSystem.METRIC:
        assert not re.search(r"\b(?:lb|mph)\b|short ton", table.replace(f"{a.davis_a_lb_per_ton:g} lb per short ton", "")
                             .replace(f"{a.davis_axle_lb:g} lb per axle", "")
                             .replace(f"{a.davis_b_lb_per_ton_mph:g} lb per short ton per mph", "")
                             .replace(_norm(f"{a.davis_k:g} lb per mph² per car"), "")), table  # only as published
        assert f"{a.davis_a_lb_per_ton * LBF / SHORT_TON * 1000:.3g} N/t" in table
        assert f"{a.davis_axle_lb * LBF:.3g} N per axle" in table
        assert _norm(f"{a.service_braking_m_s2:g} m/s²") in table
    else:
        assert not re.search(_norm(r"m/s²|N/kN|\bkm/h\b|\bN\b"), table), table
        assert f"{a.service_braking_m_s2 / MPH:.3g} mph/s" in table
        assert f"{a.davis_a_lb_per_ton:g} lb per short ton" in table


def test_a_block_taller_than_a_page_breaks_between_lines_and_what_follows_goes_on_under_it(tmp_path, qapp):
    # Found in the audit of issue 26: notes longer than a page were sliced through a line (its top half at
    # the foot of one page, its bottom half atop the next), and the page where they ended was left blank.
    import pypdfium2

    doc = load_document(sample_paths()["sleeper-train"])
    lines = [f"Marker{n:03d} is a note long enough to wrap over the text width of the page, said once, so that its "
             f"words can be counted back." for n in range(60)]
    doc = doc.model_copy(update={"notes": "\n".join(lines)})
    route = resolve_route(doc)
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, route, compute_trip(doc, route)), out)
    from traintool.report.flow import FOOTER, MARGIN

    pdf = pypdfium2.PdfDocument(str(out))
    texts = []  # each page's text, only the characters wholly inside its text area (not clipped at its edges)
    try:
        for page in pdf:
            text, height = page.get_textpage(), page.get_height()
            texts.append("".join(text.get_text_range(i, 1) for i in range(text.count_chars())
                                 if text.get_charbox(i)[3] <= height - MARGIN + 0.5
                                 and text.get_charbox(i)[1] >= MARGIN + FOOTER - 0.5))
    finally:
        pdf.close()
    for n in range(60):  # a line sliced through shows whole on neither page
        assert sum(t.count(f"Marker{n:03d}") for t in texts) == 1, n
    assert sum("Marker" in t for t in texts) >= 3  # the notes did span pages
    last = max(k for k, t in enumerate(texts) if "Marker059" in t)
    assert "The trip" in texts[last], "the page where the notes end was left blank below them"


def test_page_one_never_says_no_sample_made_the_trip_when_none_was_drawn(tmp_path, qapp):
    # Found in the audit of issue 26: an answer with no range (none asked for) read "Range: none: in no
    # sample can the trip be made" on page 1, of a trip that can be made.
    from traintool.physics.answer import compute_answer

    doc = builders.small_document()
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, doc.route, compute_trip(doc, doc.route)), out)
    first = _norm(PdfReader(str(out)).pages[0].extract_text())
    assert "in no sample" not in first and "Range no range was sampled for this report" in first
    stuck = builders.infeasible_documents()["no_locomotive"]
    write_report(compute_answer(stuck, stuck.route, samples=20), out)
    first = _norm(PdfReader(str(out)).pages[0].extract_text())
    assert "Range in none of 20 samples of the estimated inputs can the trip be made" in first


def test_a_range_in_which_no_sample_makes_the_trip_lists_no_inputs(tmp_path, qapp):
    # Found in the audit of issue 26: the armored train without its locomotives printed three pages of
    # inputs' ranges (dwells and a refit at stations it never reaches) under "in none of 500 samples".
    from traintool.physics.answer import compute_answer

    stuck = builders.infeasible_documents()["no_locomotive"]
    answer = compute_answer(stuck, stuck.route, samples=20)
    assert answer.range is not None and answer.range.total_s is None and answer.inputs
    out = tmp_path / "r.pdf"
    write_report(answer, out)
    text = _text(out)
    assert "The estimated inputs and their ranges" not in text
    assert f"the {len(answer.inputs)} estimated inputs drawn are not listed" in text
    assert not any(i.label in text for i in answer.inputs if i.owner in ("station", "facility"))


def test_the_stated_time_rule_gives_an_example_of_each_form_as_the_report_prints_it(tmp_path, qapp):
    # Found in the audit of issue 26: page 1 said "in days and hours beyond" 72 h, beside "24 d 8 h 01 min".
    doc = builders.small_document()
    out = tmp_path / "r.pdf"
    write_report(Answer(doc, doc.route, compute_trip(doc, doc.route)), out)
    first = _norm(PdfReader(str(out)).pages[0].extract_text())
    rule = first[first.index("Times are"):]
    rule = rule[:rule.index(".")]
    examples = re.findall(r"“([^”]+)”", rule)
    assert len(examples) == 3, rule  # up to 72 h, beyond, under an hour
    unit = {"d": 86400, "h": 3600, "min": 60}
    for example in examples:
        seconds = sum(int(n) * unit[u] for n, u in re.findall(r"(\d+) (d|h|min)", example))
        assert format_duration(seconds) == example
    assert any(" d " in x for x in examples)


def test_page_one_says_why_there_is_no_range_once(tmp_path, qapp):
    # Found in the audit of issue 26: the 10,000-car report said "no range: sampling a train of over 2,000
    # cars would take minutes" in the summary table and again under the answer.
    from traintool.physics.answer import compute_answer
    from traintool.sizes import RANGE_MAX_CARS

    base = builders.small_document()
    cars = base.consist.cars
    doc = base.model_copy(update={"consist": base.consist.model_copy(
        update={"cars": cars[:2] + cars[2:3] * (RANGE_MAX_CARS + 1)})})
    answer = compute_answer(doc, doc.route)
    assert answer.no_range is not None
    out = tmp_path / "r.pdf"
    write_report(answer, out)
    first = _norm(PdfReader(str(out)).pages[0].extract_text()).lower()
    assert first.count(_norm(answer.no_range).lower().removeprefix("no range: ")) == 1


def test_a_refit_of_days_is_drawn_against_hours_one_of_hours_against_minutes(tmp_path, qapp):
    # Found in the audit of issue 26: the 10,000-car train's refit of 22 days read "10000 20000 30000"
    # minutes along the timeline's axis.
    from traintool.model import Consist

    base = load_document(sample_paths()["armored-train"])
    route = resolve_route(base)
    out = tmp_path / "r.pdf"
    write_report(Answer(base, route, compute_trip(base, route)), out)
    assert "minutes from arrival at the break of gauge" in _text(out)
    long = base.model_copy(update={"consist": Consist(cars=base.consist.cars * 12)})
    result = compute_trip(long, route)
    assert result.refits[0].duration_s > 86400  # over a day
    write_report(Answer(long, route, result), out)
    text = _text(out)
    assert "hours from arrival at the break of gauge" in text and "minutes from arrival" not in text


def test_the_report_says_who_hauls_each_stretch_and_cites_the_railways_locomotive(tmp_path, qapp):
    from traintool.model import Haulage
    from traintool.model import edits as E
    doc = load_document(sample_paths()["leaders-train-21"])
    text = _text(_report_of(doc, tmp_path))
    assert "after a locomotive change: hauled by the railways' locomotives at changes" in text
    assert ("From Khasan (Russian Railways): 2TE116 twin-section diesel locomotive (Russian Railways), put on by "
            "the railway") in text
    own = E.set_haulage(doc, Haulage.OWN).document
    text = _text(_report_of(own, tmp_path))
    assert "From Khasan (Russian Railways): the consist's own" in text and "put on by the railway" not in text
