"""The PDF report: the train, the route, the answer and every assumption behind it, in one file."""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF
from PySide6.QtGui import QGuiApplication, QPagedPaintDevice, QPainter

from .. import __version__
from ..errors import SaveError
from ..io.safe_write import write_file
from ..model import ASSUMPTION_SOURCES, Document, GaugeChange, RefitFacility, ResolvedCar, Route, describe_cars
from ..model.consist_figures import figure_labels, figure_texts
from ..physics import timing_check
from ..physics.answer import Answer, no_range_reason
from ..physics.result import Reason, haul_line
from ..physics.trip import section_rules
from ..physics.timing_check import TimingCheck
from ..printable import printable
from ..render.dimensions import CAR_HEIGHT_M
from ..text import escaped as e
from ..units import UnitSystem, format_duration
from .assumptions import assumption_cells
from .figures import (
    LABEL_PT, SPEED_PLOT_PT, TIME_PLOT_PT, consist_rows, paint_consist_row, paint_speed_plot, paint_time_plot,
    paint_timeline, timeline_height, unnamed_stations,
)
from .flow import Bookmark, PageFlow, PagePictures, TextCache
from .tables import NOT_APPLICABLE, Citations, flow_table, mass_unit, public_text, sentences, table_html
from .timetable_page import add_timetable
from .uncertainty import add_timings_check, add_uncertainty, range_sentence
from .page_size import default_page_size

MAX_GROUP_ROWS = 200  # the car list stops here (7 pages) unless the full list is asked for
MAX_DRAWN_ROWS = 24  # a longer consist (over 2 pages) has each distinct car drawn once
MAX_SECTION_ROWS = 200  # the route's sections likewise: the rest are in the route's file
METRES_PER_ROW = 170.0  # the consist drawing: about six cars a row


def _short(label: str) -> str:
    return label.split(" (")[0]


# Human labels (with units) for a refit facility's fields.
FACILITY_LABELS = {
    "method": "Method", "tracks": "Exchange tracks", "track_length_m": "Track length",
    "split_s_per_cut": "Split and shunt, per cut", "lift_s": "Lift a cut", "bogie_swap_s": "Bogie swap",
    "lower_s": "Lower a cut", "couple_s_per_car": "Couple, per car", "locomotive_change_s": "Locomotive change",
    "brake_test_s": "Brake test", "changer_speed_m_s": "Speed through the gauge changer",
    "transship_s_per_car": "Transship, per car",
}


def _car_values(c: ResolvedCar, u: UnitSystem, mark: bool) -> list[str]:
    def m(field: str, text: str) -> str:
        return text + ("*" if mark and field in c.overridden else "")
    return [m("length_m", f"{u.length(c.length_m):,.1f}"), m("mass_kg", f"{u.mass(c.mass_kg):,.1f}"),
            m("max_speed_m_s", f"{u.speed(c.max_speed_m_s):,.0f}"), m("gauge_change", e(c.gauge_change.label)
                                                                     if c.gauge_change is not GaugeChange.NONE else "–")]


INDEX_PT, INDEX_LINE_PT, INDEX_COLUMNS = 6.5, 7.6, 3  # the full list of a long train: about 290 cars a page


def kind_key(k: int) -> str:
    """A, B, …, Z, AA, AB, …: a kind of car as the full list names it."""
    return (kind_key(k // 26 - 1) if k >= 26 else "") + chr(ord("A") + k % 26)


def _car_index(f: PageFlow, cars: Sequence[ResolvedCar], runs: Sequence[tuple[int, int]], u: UnitSystem,
               units_heads: list[str]) -> None:
    """The full list of a long train: each kind of car (alike in all but its name) once, with its
    figures and a key; then every run of cars, in three columns a page: positions, name, kind."""
    kinds: dict[_Kind, int] = {}
    for c in cars:
        kinds.setdefault(_printed(c)[:1] + _printed(c)[2:], len(kinds))
    first: dict[int, int] = {}
    for i, c in enumerate(cars):
        first.setdefault(kinds[_printed(c)[:1] + _printed(c)[2:]], i)
    counts: dict[int, int] = {}
    for c in cars:
        k = kinds[_printed(c)[:1] + _printed(c)[2:]]
        counts[k] = counts.get(k, 0) + 1
    rows = [[kind_key(k), e(_short(cars[i].type.label)), f"{counts[k]:,}", *_car_values(cars[i], u, mark=True)]
            for k, i in first.items()]
    flow_table(f, ["Kind", "Type", "Cars", *units_heads], rows, {2, 3, 4, 5},
               before=f"<h2>The cars</h2><p class=note>{len(cars):,} cars of {len(kinds):,} kinds: each kind's figures "
                      f"once, then every car with its kind. A run of cars alike in every field printed is one line. "
                      f"Values marked * override the car type's.</p>")
    entries = [(f"{a + 1}–{b}" if b - a > 1 else f"{a + 1}", cars[a].name or "(no name)",
                kind_key(kinds[_printed(cars[a])[:1] + _printed(cars[a])[2:]])) for a, b in runs]
    f.heading("<h3>Every car: position, name, kind</h3>", keep=INDEX_LINE_PT * 10)
    while entries:
        if f.room() < INDEX_LINE_PT * 10:
            f.new_page()
        per_column = int((f.room() - 6) // INDEX_LINE_PT)
        page, entries = entries[:per_column * INDEX_COLUMNS], entries[per_column * INDEX_COLUMNS:]
        lines = min(per_column, len(page))
        f.figure(lines * INDEX_LINE_PT, partial(_paint_index, entries=page, per_column=per_column))
        if entries:
            f.new_page()


def _paint_index(p: QPainter, rect: QRectF, entries: Sequence[tuple[str, str, str]], per_column: int) -> None:
    from PySide6.QtCore import Qt

    from .flow import font, metrics

    p.setFont(font(INDEX_PT, p))
    m = metrics(font(INDEX_PT))
    col_w = rect.width() / INDEX_COLUMNS
    pos_w, kind_w = m.horizontalAdvance("00000–00000") + 4, m.horizontalAdvance("WWW") + 4
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    for n, (where, name, kind) in enumerate(entries):
        x = rect.left() + (n // per_column) * col_w
        y = rect.top() + (n % per_column) * INDEX_LINE_PT
        p.drawText(QRectF(x, y, pos_w - 4, INDEX_LINE_PT), right, where)
        name_w = col_w - pos_w - kind_w - 6
        p.drawText(QRectF(x + pos_w, y, name_w, INDEX_LINE_PT), left,
                   m.elidedText(name, Qt.TextElideMode.ElideRight, name_w))
        p.drawText(QRectF(x + pos_w + name_w, y, kind_w, INDEX_LINE_PT), left, kind)


def car_runs(cars: Sequence[ResolvedCar]) -> list[tuple[int, int]]:
    """[start, end) of each run of cars alike in every field the car list prints: a run is one row."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(cars) + 1):
        if i == len(cars) or _printed(cars[i]) != _printed(cars[start]):
            runs.append((start, i))
            start = i
    return runs


# What a car's drawing shows; what the car list prints of it; what the list's key of kinds prints (its name left out).
_Drawn = tuple[str, float, float, int, float, bool, GaugeChange]
_Printed = tuple[str, str, float, float, float, GaugeChange, frozenset[str]]
_Kind = tuple[str, float, float, float, GaugeChange, frozenset[str]]


def _drawn(c: ResolvedCar) -> _Drawn:
    """What a car's drawing shows: its type and figures, not its name."""
    return (c.type.id, c.length_m, c.mass_kg, c.axles, c.max_speed_m_s, c.armored, c.gauge_change)


def _printed(c: ResolvedCar) -> _Printed:
    """What the car list prints of a car (the units do not change which cars are alike)."""
    return (c.type.label, c.name, c.length_m, c.mass_kg, c.max_speed_m_s, c.gauge_change, c.overridden)


Progress = Callable[[int, int], None]  # (pages done, pages in all; 0, 0 while laid out); raises Cancelled to stop


def write_report(answer: Answer, path: str | os.PathLike[str], *, units: UnitSystem = UnitSystem.METRIC,
                 page_size: str = "a4", full_car_list: bool = False,
                 not_onto: Iterable[str | os.PathLike[str]] = (), progress: Progress | None = None) -> Path:
    """Write the report of `answer` to `path` through the one safe writer: a failure (a full disk, a
    device or one of the `not_onto` inputs in the way) raises SaveError and leaves the previous report
    as it was; Cancelled (from `progress`) writes nothing. Returns the file written."""
    data = report_pdf(answer, units=units, page_size=page_size, full_car_list=full_car_list, progress=progress)
    return write_file(path, data, not_onto=not_onto)


def report_pdf(answer: Answer, *, units: UnitSystem = UnitSystem.METRIC, page_size: str = "a4",
               full_car_list: bool = False, progress: Progress | None = None) -> bytes:
    """The report's PDF, with an outline (bookmarks) of its sections. May run on a thread of its own."""
    _application()
    # Painted into memory, then written: QPdfWriter does not report a failed write.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pages, marks = paint_report(buffer, answer, units=units, page_size=page_size, full_car_list=full_car_list,
                                progress=progress)
    data = bytes(buffer.data().data())
    buffer.close()
    if not data:
        raise SaveError("the PDF writer wrote nothing")
    return with_outline(data, marks)


def report_pictures(answer: Answer, *, units: UnitSystem = UnitSystem.METRIC, page_size: str = "a4",
                    full_car_list: bool = False, progress: Progress | None = None,
                    dpi: int | None = None) -> list[bytes]:
    """The report's pages recorded as pictures (PagePictures.of turns them back), for a printer or a
    print preview to replay: the same pages as the PDF's. `dpi`: the resolution of the process that
    replays them (a picture's text is sized in it; see _application)."""
    _application(dpi)
    pictures = PagePictures()
    paint_report(pictures, answer, units=units, page_size=page_size, full_car_list=full_car_list, progress=progress)
    return pictures.data()


def _application(dpi: int | None = None) -> None:
    """A QGuiApplication for the fonts, if none runs (the command line's, the report's process).

    A picture sizes its text in pixels of the default resolution of the process that records it and
    plays them in those of the one that replays it: the report's process is given the window's (an
    offscreen screen of `dpi`), or text previewed on a Mac (72 dpi) would be a third smaller."""
    if QGuiApplication.instance() is not None:
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    config = None
    if dpi is not None and os.environ["QT_QPA_PLATFORM"] == "offscreen":
        import json
        import tempfile

        screen = {"name": "report", "x": 0, "y": 0, "width": 1000, "height": 1000, "logicalDpi": dpi,
                  "logicalBaseDpi": dpi, "dpr": 1}
        with tempfile.NamedTemporaryFile("w", suffix=".json", prefix="traintool-screen-", delete=False) as f:
            json.dump({"screens": [screen]}, f)
        config = f.name
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    try:
        _application.app = QGuiApplication([])  # type: ignore[attr-defined]  # kept alive for later reports
    finally:
        if config is not None:
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
            os.unlink(config)


def with_outline(data: bytes, marks: Sequence[Bookmark]) -> bytes:
    """`data` with an outline of `marks`. Qt's PDF writer makes none (QPdfWriter has no outline API),
    so pypdf adds it to the pages Qt wrote."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    parent = None
    for mark in marks:
        item = writer.add_outline_item(title=mark.title, page_number=mark.page - 1, parent=parent if mark.level else None)
        if mark.level == 0:
            parent = item
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_page_count(data: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def pdf_pages(data: bytes, pages: Sequence[int]) -> bytes:
    """The PDF `data` with only `pages` (from 1), in that order: a page range chosen for Print to a
    file. The outline goes: its sections would point at pages left out."""
    import io

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter()
    for n in pages:
        writer.add_page(reader.pages[n - 1])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def paint_report(out: QIODevice | QPagedPaintDevice | PagePictures, answer: Answer, *, units: UnitSystem = UnitSystem.METRIC,
                 page_size: str = "a4", full_car_list: bool = False,
                 progress: Progress | None = None) -> tuple[int, list[Bookmark]]:
    """Paint the report's pages: as a PDF into `out` (a buffer), onto a printer, or as pictures
    (the same pages). Laid out first without painting, for "page N of M", the contents list and the
    outline. Returns the number of pages and the sections' bookmarks."""
    footer = f"traintool report — {answer.document.name}"
    texts = TextCache()  # each pass lays out the same text: once is enough

    def layout(contents: Sequence[Bookmark] | None, pages: int | None,
               paint_onto: QIODevice | QPagedPaintDevice | PagePictures | None) -> PageFlow:
        def on_page(done: int) -> None:
            if progress is not None and paint_onto is not None:
                progress(done, pages or done)
            elif progress is not None:
                progress(0, 0)  # laid out, not painted: a chance to cancel
        flow = PageFlow(paint_onto, page_size, footer, answer.document.name, pages=pages, on_page=on_page,
                        texts=texts)
        try:
            _content(flow, answer, units, full_car_list, contents)
            flow.finish()
        finally:
            flow.abandon()
        return flow

    first = layout(None, None, None)
    contents = None
    if first.page > CONTENTS_FROM_PAGES:
        placeholder = [Bookmark(m.title, m.level, 999) for m in first.bookmarks if m.level == 0]
        first = layout(placeholder, None, None)  # the contents list moves what follows it
        contents = [m for m in first.bookmarks if m.level == 0]
    painted = layout(contents, first.page, out)
    return painted.page, painted.bookmarks


CONTENTS_FROM_PAGES = 8  # a longer report opens with a list of its sections


def _contents_html(contents: Sequence[Bookmark]) -> str:
    rows = "".join(f"<tr><td>{e(m.title)}</td><td align=right>{m.page}</td></tr>" for m in contents
                   if m.title != "Contents")
    return f"<h2>Contents</h2><table width=100% cellspacing=0 cellpadding=1>{rows}</table>"


def _content(f: PageFlow, answer: Answer, u: UnitSystem, full_car_list: bool = False,
             contents: Sequence[Bookmark] | None = None) -> None:
    doc, route, r = answer.document, answer.route, answer.trip
    cars = doc.resolved_cars()
    st = doc.stats()
    sc = doc.scenario
    # 1. title block, stamp, the summary table and the headline answer; the contents of a long report
    cap = f"{u.speed(sc.top_speed_cap_m_s):.0f} {u.speed_unit}" if sc.top_speed_cap_m_s is not None else "none"
    if r.total_s is not None:
        average = f" at an average {u.speed(r.average_speed_m_s):.1f} {u.speed_unit}" if r.average_speed_m_s else ""
        answer_html = (f"<p class=big>{e(format_duration(r.total_s))}</p>"
                       f"<p>of which running {e(format_duration(r.running_s))}, the railways' running-time allowance "
                       f"{e(format_duration(r.allowance_s))}, dwell at stops {e(format_duration(r.dwell_s))}, refit at "
                       f"breaks of gauge {e(format_duration(r.refit_s))}, border procedures and other operations at "
                       f"stops {e(format_duration(r.operations_s))} (run as: {e(sc.service.label.lower())}); "
                       f"{u.distance(r.distance_m):,.0f} {u.distance_unit}{average}.</p>")
    else:
        answer_html = ("<p class=big>The trip cannot be made</p>"
                       + "".join(f"<p class=warn>✖ {cause_html(why, u, route)}</p>" for why in r.reasons)
                       + f"<p>The train gets {u.distance(r.reached_m):,.1f} {u.distance_unit} of the route's "
                         f"{u.distance(r.distance_m):,.0f} {u.distance_unit}. The running time of the legs it can run "
                         f"is {e(format_duration(r.running_s))}; there is no total.</p>")
    ranged = answer.range
    if ranged is not None and r.total_s is not None:
        answer_html += f"<p><b>{e(range_sentence(ranged).capitalize())}.</b> What drives it: “How sure”.</p>"
    # (why there is no range is said once, in the summary table above)
    answer_html += "".join(f"<p class=warn>Left behind at {e(station)}: {e(describe_cars(left, cars))}.</p>"
                           for station, left in r.left_behind)
    warnings = "".join(f"<p class=warn>⚠ {e(w.message)}</p>" for w in r.warnings)
    notes = "".join(f"<p class=note>{e(public_text(par))}</p>" for par in doc.notes.split("\n") if par.strip())
    units_said = ("metric (km, km/h, t = tonnes)" if u is UnitSystem.METRIC
                  else "imperial (miles, mph, tons = short tons of 2,000 lb)")
    f.html(f"<h1>{e(doc.name)}</h1><p class=note>{stamp_html(answer)}</p>"
           f"<p class=note>Units: {units_said}. {e(TIME_RULE)}</p>"
           f"<p><b>Route:</b> {e(route.name)} ({u.distance(route.length_m):,.0f} {u.distance_unit}, "
           f"{len(route.stations)} stations, {_count(len(route.breaks_of_gauge), 'break', 'breaks')} of gauge)<br>"
           f"<b>Scenario:</b> top-speed cap {e(cap)}; dwell overrides {len(sc.dwell_overrides_s)}; "
           f"refit facility overrides {len(sc.facility_overrides)}; cars that cannot change gauge: "
           f"{e(sc.stranded_cars.label.lower())}; after a locomotive change: {e(sc.haulage.label.lower())}</p>"
           + table_html(["Summary", "Trip time"], summary_rows(answer, u))
           + f"<h2>The answer</h2>{answer_html}{warnings}"
           f"<h2>Notes</h2>{notes or '<p class=note>(none)</p>'}")
    if contents:
        f.html(_contents_html(contents))

    # 2. the trip: the legs, the plots, the stops
    legs = [[e(leg.from_station), e(leg.to_station), f"{u.distance(leg.distance_m):,.1f}",
             e(format_duration(leg.running_s)) if leg.running_s is not None else "not run",
             f"{u.speed(leg.average_speed_m_s):.1f}" if leg.average_speed_m_s is not None else ""]
            for leg in r.legs]
    flow_table(f, ["From", "To", f"Distance ({u.distance_unit})", "Running", f"Average ({u.speed_unit})"], legs,
               {2, 3, 4}, before="<h2>The trip</h2>")
    f.heading("<h3>Speed against distance</h3><p class=note>The key is under the plot; station names above it.</p>",
              keep=SPEED_PLOT_PT + 6)
    f.figure(SPEED_PLOT_PT, lambda p, rect: paint_speed_plot(p, rect, r, route, u))
    unnamed = unnamed_stations(route, f.width)
    if unnamed:
        f.html(f"<p class=note>Stations too close to be named above (their lines are drawn; the legs and "
               f"stops name them): {e(', '.join(unnamed))}.</p>")
    f.heading("<h3>Time against distance</h3><p class=note>Vertical steps: dwell and refit stops.</p>",
              keep=TIME_PLOT_PT + 6)
    f.figure(TIME_PLOT_PT, lambda p, rect: paint_time_plot(p, rect, r, route, u))
    dwells = [(s, d) for s, d in r.dwells if reached(answer, s)]
    if dwells:
        flow_table(f, ["Stop", "Dwell"], [[e(s), e(format_duration(d))] for s, d in dwells], {1},
                   before="<h3>Dwell at stops</h3>")
    else:
        f.html("<h3>Dwell at stops</h3><p>No intermediate stops"
               + (" before the train stops for good" if not r.feasible else "") + ".</p>")
    operations = [[e(s.station), e(p.label), e(format_duration(p.duration_s)), e(public_text(p.source))]
                  for s in r.stops for p in s.parts if p.kind not in ("dwell", "refit")]
    if operations:
        flow_table(f, ["Stop", "Operation", "Duration", "Source"], operations, {2},
                   before="<h3>Operations at stops</h3>")
    railways = [rw for rw in route.railways if any(sec.railway == rw.id for sec in route.sections)]
    if railways:
        rows = []
        for rw in railways:
            rules = sc.railway_overrides.get(rw.id) or rw.rules(sc.service)
            top = f"{u.speed(rules.max_speed_m_s):.0f}" if rules.max_speed_m_s else NOT_APPLICABLE
            per_100 = rules.allowance_min_per_100km * u.distance_to_si(1.0) / 1000.0  # per 100 of the report's unit
            rows.append([e(rw.name), e(f"{rules.allowance_percent:g} % + {per_100:.3g} min/100 {u.distance_unit}"),
                         e(f"{rules.limit_factor:g}"), e(top), e(public_text(rules.source))])
        flow_table(f, ["Railway", "Allowance", "Limit factor", f"Top speed ({u.speed_unit})", "Source"], rows, {2, 3},
                   before=f"<h3>Who runs the train ({e(sc.service.label.lower())})</h3>")
    add_timetable(f, doc, route, r, ranged)

    # 3. each break of gauge: its steps, its facility and the refit's timeline
    for ref in [ref for ref in r.refits if reached(answer, ref.station)]:
        fac = sc.facility_at(route.break_at(ref.station))
        facility_rows = [[e(FACILITY_LABELS.get(name, name.replace("_", " ").capitalize())),
                          e(facility_value(name, getattr(fac, name), u)),
                          e(facility_meaning(RefitFacility.model_fields[name].description or ""))]
                         for name in RefitFacility.model_fields if name not in ("source", "notes", "ranges")]
        fate = ("are left behind here" if any(station == ref.station for station, _ in r.left_behind)
                else "stop the trip here")
        cannot = (f"<p class=warn>{e(describe_cars(ref.cannot_change, cars))} cannot change gauge here "
                  f"({e(ref.method.label.lower())}): they {fate}.</p>" if ref.cannot_change else "")
        flow_table(f, ["Step", "Duration"], [[e(s.name), e(format_duration(s.duration_s))] for s in ref.steps], {1},
                   before=f"<h2>Break of gauge at {e(ref.station)}</h2><p>{ref.from_gauge_mm} mm → "
                          f"{ref.to_gauge_mm} mm by {e(ref.method.label.lower())}: {ref.cars} cars in {ref.cuts} "
                          f"cuts, <b>{e(format_duration(ref.duration_s))}</b>.</p>{cannot}")
        if ref.timeline:
            height = timeline_height(ref)
            f.heading("<h3>The refit, track by track</h3><p class=note>Each bar is a step on one cut; the cuts "
                      "are worked on the facility's tracks at once.</p>", keep=height + 6)
            f.figure(height, partial(paint_timeline, refit=ref))
        flow_table(f, ["Field", "Value", "Meaning"], facility_rows, before="<h3>The facility</h3>")
        f.html(f"<p class=note>Source: {e(public_text(fac.source) or 'not given')}</p>")

    # 4. how sure: the range, its drivers, the inputs' ranges
    sources = Citations()
    if ranged is not None:
        add_uncertainty(f, ranged, answer.drivers, answer.inputs, r.total_s, sources, u)
    # 5. the consist drawn car by car, and its stats
    f.html("<h2>The consist</h2>")
    scale = f.width / METRES_PER_ROW
    row_h = CAR_HEIGHT_M * scale + LABEL_PT + 3
    drawn = consist_rows(cars, METRES_PER_ROW)
    if len(drawn) > MAX_DRAWN_ROWS:
        first: dict[_Drawn, int] = {}
        for i, c in enumerate(cars):
            first.setdefault(_drawn(c), i)
        kinds_of_car = list(first.values())
        distinct = [cars[i] for i in kinds_of_car]
        f.html(f"<p class=note>{len(cars):,} cars, too many to draw one by one: each of the {len(distinct):,} "
               f"distinct cars is drawn once, in the order it first appears.</p>")
        drawn = [[kinds_of_car[i] for i in row] for row in consist_rows(distinct, METRES_PER_ROW)]
    for row in drawn:
        f.figure(row_h, partial(paint_consist_row, cars=cars, indices=row, scale=scale))
    kinds = ", ".join(f"{n:,} × {k.label.lower()}" for k, n in st.count_by_kind.items())
    figures, labels = figure_texts(st, u), figure_labels(u)  # as the window's Consist figures words them
    f.html(table_html(["Figure", "Value"], [
        ["Cars", f"{st.cars:,} ({e(kinds)})"], ["Length over buffers", f"{u.length(st.length_m):,.1f} {u.length_unit}"],
        ["Mass", f"{u.mass(st.mass_kg):,.1f} {mass_unit(u)}"], ["Axles", f"{st.axles:,}"],
        ["Maximum speed (lowest car)", f"{u.speed(st.max_speed_m_s):.0f} {u.speed_unit}"],
        ["Power (all locomotives)", figures["power"]], [labels["power_per_tonne"], figures["power_per_tonne"]],
        ["Tractive effort", figures["tractive_effort"]]]))

    # 6. the car list, its header repeated on every page it spans; a run of cars alike in every printed field is one row
    runs = car_runs(cars)
    units_heads = [f"Length ({u.length_unit})", f"Mass ({mass_unit(u)})", f"Max speed ({u.speed_unit})", "Gauge change"]
    if full_car_list and len(runs) > MAX_GROUP_ROWS:
        _car_index(f, cars, runs, u, units_heads)
    else:
        shown = runs[:MAX_GROUP_ROWS]
        more = (f" The first {len(shown):,} of {len(runs):,} rows are printed: the whole list is in the report "
                f"written with the full car list (traintool report --full-car-list) or in File > Export CSV > Cars."
                if len(runs) > len(shown) else "")
        heading = (f"<h2>The cars</h2><p class=note>A run of cars alike in every field printed is one row. Values "
                   f"marked * override the car type's.{e(more)}</p>")
        # No count column: "3–7" says it, and in imperial the table was wider than A4's text with one.
        rows = [[f"{a + 1}–{b}" if b - a > 1 else f"{a + 1}", e(_short(cars[a].type.label)), e(cars[a].name),
                 *_car_values(cars[a], u, mark=True)] for a, b in shown]
        flow_table(f, ["Cars", "Type", "Name", *units_heads], rows, {0, 3, 4, 5}, before=heading)

    # the model against published timings
    add_timings_check(f, answer.timings_check, sources)

    # 7. assumptions, each with its source; the car types and the route's sections, with theirs
    a = sc.assumptions
    rows = []
    for name in type(a).model_fields:
        label, value, unit, meaning = assumption_cells(a, name, u)
        rows.append([e(label), value, e(unit), e(meaning),
                     sources.cite(ASSUMPTION_SOURCES[name]) if name in ASSUMPTION_SOURCES else ""])
    flow_table(f, ["Coefficient", "Value", "Unit", "Meaning", "Source"], rows, {1},
               before="<h2>Assumptions</h2><p>Every coefficient the computation used, with its source.</p>")
    f.html("<p class=note>Resistance: modified Davis per car (leading unit with the larger air term) plus gradient "
           "m·g·i and curve resistance m·g·k/R, both averaged over the train's length (its mass taken as spread "
           "evenly along it, as SUMO takes the slope between a train's front and rear; within 0.1 % of placing each "
           "car's mass where the car is, on every shipped sample); tractive effort per locomotive the lower of "
           "adhesion, its starting effort and power/speed; only locomotives of the gauge the train is on pull and "
           "count. A limit holds until the rear of the train has left its section. Units inside the computation "
           "are SI.</p>")
    f.html("<h3>Who hauls the train</h3><p class=note>At a locomotive change (a station's, for the service run, "
           "or a break of gauge) the railway of the next section puts on the locomotive its rules name, and the "
           "train so hauled is timed (its mass, length, power, tractive effort, top speed and resistance); "
           "elsewhere the consist's own locomotives of the gauge haul. " + e(sc.haulage.label) + ".</p>"
           + "".join(f"<p>{e(haul_line(h))}</p>" for h in r.hauls))
    used = list({c.type.id: c.type for c in cars}.values())
    hauling = {h.locomotive for h in r.hauls if h.by_railway}
    used += [t for t in {x.locomotive_type.id: x.locomotive_type for x in section_rules(route, sc)
                         if x.locomotive_type is not None and x.locomotive_label in hauling}.values() if t not in used]
    flow_table(f, ["Car type", f"Length ({u.length_unit})", f"Mass ({mass_unit(u)})", "Axles", f"Power ({u.power_unit})",
                   "Estimate", "Source"],
               [[e(t.label), f"{u.length(t.length_m):,.1f}", f"{u.mass(t.mass_kg):,.1f}", str(t.axles),
                 f"{u.power(t.power_w):,.0f}" if t.power_w else "", "yes" if t.estimated else "no",
                 sources.cite(t.source)] for t in used], {1, 2, 3, 4}, before="<h3>Car types</h3>")
    f.heading(f"<h3>The route</h3><p>{e(route.name)}. Source: {e(public_text(route.source) or 'not given')}</p>")
    for par in route.notes.split("\n"):
        if par.strip():
            f.html(f"<p class=note>{e(public_text(par))}</p>")
    # A sentence that backs several sections is a numbered source; one of a single section's own is
    # printed under its row.
    shown_sections = route.sections[:MAX_SECTION_ROWS]
    said = [sentences(public_text(sec.source)) for sec in shown_sections]
    backs: dict[str, int] = {}
    for sec_sentences in said:
        for sentence in set(sec_sentences):
            backs[sentence] = backs.get(sentence, 0) + 1
    section_notes: dict[str, str] = {}  # a note shared by sections (no source: "Speed limit an estimate."), keyed once

    def noted(sentence: str) -> str:
        return section_notes.setdefault(sentence, f"note {kind_key(len(section_notes)).lower()}")
    rows, own = [], []
    for i, sec in enumerate(shown_sections):
        rows.append([e(route.section_label(i, u)[len("section "):]), e(" / ".join(map(str, sec.gauges_mm))),
                     f"{u.speed(sec.speed_limit_m_s):.0f}", f"{sec.gradient_permille:+.1f}" if sec.gradient_permille else "0.0",
                     "yes" if sec.estimated else "no",
                     ", ".join(x for x in [sources.cite_all([x for x in said[i] if backs[x] > 1 and not is_note(x)])]
                               + [noted(x) for x in said[i] if backs[x] > 1 and is_note(x)] if x)])
        own.append(e(" ".join(x for x in said[i] if backs[x] == 1)))
    flow_table(f, ["Section", "Gauge (mm)", f"Limit ({u.speed_unit})", "Gradient (‰)", "Estimate", "Sources"], rows,
               {1, 2, 3}, details=own, before="<h3>The route's sections</h3>" + (
                   f"<p class=note>The first {len(shown_sections):,} of {len(route.sections):,} sections.</p>"
                   if len(route.sections) > len(shown_sections) else ""))
    if section_notes:
        f.html("<p class=note><b>Notes on several sections:</b> " + " ".join(
            f"<i>{key}</i>: {e(text)}" for text, key in section_notes.items()) + "</p>")
    sources.flow_list(f, "Sources")


def facility_value(name: str, value: object, u: UnitSystem) -> str:
    """A refit facility's field as the report prints it, in `u`."""
    if name == "changer_speed_m_s":
        return f"{u.speed(float(value)):.0f} {u.speed_unit}"  # type: ignore[arg-type]
    if name.endswith("_s") or "_s_per_" in name:
        return format_duration(float(value))  # type: ignore[arg-type]
    if name == "track_length_m":
        return f"{u.length(float(value)):,.0f} {u.length_unit}"  # type: ignore[arg-type]
    return getattr(value, "label", str(value))


def facility_meaning(description: str) -> str:
    """A field's description without the units and default figures written for the file's editor
    ("…, m/s (walking pace, 10-15 km/h)"): the value beside it is in the report's units already."""
    text = re.sub(r"\s*\((?:estimate|walking pace)[^)]*\)", "", description)
    text = re.sub(r",\s*(?:m/s|m)\b", "", text)
    text = re.sub(r";\s*estimate: .*$", "", text)
    return text.strip()


def is_note(sentence: str) -> bool:
    """A sentence of a source field that cites nothing (no address, no year): a note on the data,
    printed as a note, not numbered among the sources."""
    return not re.search(r"https?://|\b(?:1[89]\d\d|20\d\d)\b", sentence)


def reached(answer: Answer, station: str) -> bool:
    """Whether the train reaches `station` (every station of a trip that can be made)."""
    r = answer.trip
    if r.feasible:
        return True
    where = next((s.position_m for s in answer.route.stations if s.name == station), None)
    return where is not None and where <= r.reached_m + 1e-6


def cause_html(why: Reason, u: UnitSystem, route: Route) -> str:
    """A cause that stops the trip, its kind said once: "No locomotive: No locomotive runs on…" is
    the sentence alone."""
    text = why.text(u, route)
    if text.lower().startswith(why.kind.label.lower()):
        return e(text)
    return f"<b>{e(why.kind.label)}:</b> {e(text)}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


TIME_RULE = ("Times are in hours and minutes up to 72 h (\u201c29 h 18 min\u201d), in days, hours and minutes "
             "beyond (\u201c3 d 4 h 00 min\u201d), under an hour in minutes (\u201c45 min\u201d).")


def stamp_html(answer: Answer) -> str:
    """What the report was made from: the input file and its SHA-256, the route's id, the version, when."""
    s = answer.stamp
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    if s is None or s.file_name is None:
        source = "a document never saved"
    elif s.sha256 is None:
        source = f"{e(s.file_name)} with unsaved changes"
    else:
        source = f"{e(s.file_name)} (SHA-256 {s.sha256})"
    route_id = s.route_id if s is not None else answer.route.id
    return (f"Made from {source}; route id {e(route_id)}; traintool {e(__version__)}; {now}.")


def summary_rows(answer: Answer, u: UnitSystem) -> list[list[str]]:
    """Page 1's table: the nominal answer, its percentiles, the strongest drivers, the published timings."""
    r, rng = answer.trip, answer.range
    rows = [["Nominal (every input at its value)", e(format_duration(r.total_s)) if r.total_s is not None
             else "cannot be made"]]
    if rng is not None and rng.total_s is not None:
        rows += [[f"5th percentile ({rng.samples:,} samples)", e(format_duration(rng.total_s.p5))],
                 ["Median", e(format_duration(rng.total_s.p50))],
                 ["95th percentile", e(format_duration(rng.total_s.p95))]]
    elif rng is not None:
        rows.append(["Range", e(range_sentence(rng))])  # in none of the samples can the trip be made
    else:
        rows.append(["Range", e(answer.no_range or "no range was sampled for this report")])
    movers = [d for d in answer.drivers if d.total_s_low is not None or d.total_s_high is not None]
    for k, d in enumerate(movers[:3]):  # a driver that leaves the trip impossible at both ends drives nothing
        low = format_duration(d.total_s_low) if d.total_s_low is not None else "cannot be made"
        high = format_duration(d.total_s_high) if d.total_s_high is not None else "cannot be made"
        rows.append([f"Driver {k + 1}: {e(d.input.label)}", f"{e(low)} – {e(high)}"])
    rows.append(["Published timings", e(agreement_line(answer.timings_check))])
    return rows


def agreement_line(checks: Sequence[TimingCheck] | None) -> str:
    """One line on how the model agrees with published timings: the validation set's, as
    `traintool check-timings` judges it; or that the check is not yet computed (see timings_cache)."""
    if checks is None:
        return "not yet computed (see “The model against published timings”)"
    return timing_check.agreement_line(timing_check.summarize(checks, "validation"))
