"""The PDF report: the train, the route, the answer and every assumption behind it, in one file."""
from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Collection, Iterable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QGuiApplication

from .. import __version__
from ..errors import SaveError
from ..io.safe_write import write_file
from ..model import ASSUMPTION_SOURCES, Document, RefitFacility, Route, describe_cars
from ..physics.result import TripResult
from ..printable import printable
from ..render.dimensions import CAR_HEIGHT_M
from ..units import UnitSystem, format_duration
from .figures import LABEL_PT, consist_rows, paint_consist_row, paint_speed_plot, paint_time_plot, paint_timeline
from .flow import PageFlow
from .uncertainty import add_timings_check, add_uncertainty, range_sentence, uncertainty_for
from .page_size import default_page_size

ROWS_PER_TABLE = 30
METRES_PER_ROW = 170.0  # the consist drawing: about six cars a row


REPORT_SAMPLES = 200  # draws for the report's range: a few seconds for the default train


def e(text: object) -> str:
    return html.escape(str(text))


def _tables(f: PageFlow, headers: list[str], rows: list[list[str]], numeric: Collection[int] = frozenset(),
            before: str = "") -> None:
    """A table in chunks that each fit a page, the header repeated on each."""
    for k in range(0, max(len(rows), 1), ROWS_PER_TABLE):
        f.html((before if k == 0 else "") + _table(headers, rows[k:k + ROWS_PER_TABLE], numeric))


def _short(label: str) -> str:
    return label.split(" (")[0]


def _table(headers: list[str], rows: list[list[str]], numeric: Collection[int] = frozenset()) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td{' class=num' if k in numeric else ''}>{c}</td>" for k, c in enumerate(r))
                   + "</tr>" for r in rows)
    return f"<table width='100%'><tr>{head}</tr>{body}</table>"


def write_report(document: Document, route: Route, result: TripResult, path: str | os.PathLike[str], *,
                 units: UnitSystem = UnitSystem.METRIC, page_size: str = "a4",
                 range_samples: int = REPORT_SAMPLES, not_onto: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Write the report to `path` through the one safe writer: a failure (a full disk, a device or
    one of the `not_onto` inputs in the way) raises SaveError and leaves the previous report as it
    was. Returns the file written. `range_samples` draws of the estimated inputs give the answer's
    range (0: none)."""
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        write_report._app = QGuiApplication([])  # type: ignore[attr-defined]  # kept alive for later reports
    # Painted into memory, then written: QPdfWriter does not report a failed write.
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    flow = PageFlow(buffer, page_size, f"traintool report — {document.name}", document.name)
    try:
        ranged = uncertainty_for(document, route, range_samples) if range_samples else None
        _content(flow, document, route, result, units, ranged)
        flow.finish()
    finally:
        flow.abandon()
    data = bytes(buffer.data().data())
    buffer.close()
    if not data:
        raise SaveError(f"{printable(path)}: could not be saved: the PDF writer wrote nothing")
    return write_file(path, data, not_onto=not_onto)


def _content(f: PageFlow, doc: Document, route: Route, r: TripResult, u: UnitSystem, ranged) -> None:
    cars = doc.resolved_cars()
    st = doc.stats()
    sc = doc.scenario
    # 1. title block and the headline answer
    cap = f"{u.speed(sc.top_speed_cap_m_s):.0f} {u.speed_unit}" if sc.top_speed_cap_m_s is not None else "none"
    if r.total_s is not None:
        average = f" at an average {u.speed(r.average_speed_m_s):.1f} {u.speed_unit}" if r.average_speed_m_s else ""
        answer = (f"<p class=big>{e(format_duration(r.total_s))}</p>"
                  f"<p>of which running {e(format_duration(r.running_s))}, dwell at stops "
                  f"{e(format_duration(r.dwell_s))}, refit at breaks of gauge {e(format_duration(r.refit_s))}; "
                  f"{u.distance(r.distance_m):,.0f} {u.distance_unit}{average}.</p>")
    else:
        answer = ("<p class=big>The trip cannot be made</p>"
                  + "".join(f"<p class=warn>✖ <b>{e(why.kind.label)}:</b> {e(why.message)}</p>" for why in r.reasons)
                  + f"<p>The train gets {u.distance(r.reached_m):,.1f} {u.distance_unit} of the route's "
                    f"{u.distance(r.distance_m):,.0f} {u.distance_unit}. The running time of the legs it can run is {e(format_duration(r.running_s))}; "
                    f"there is no total.</p>")
    if ranged is not None and r.total_s is not None:
        answer += f"<p><b>{e(range_sentence(ranged[0]).capitalize())}.</b> What drives it: page “How sure”.</p>"
    elif ranged is None and len(cars) > 2_000:
        answer += "<p class=note>No range: sampling a train of over 2,000 cars would take minutes.</p>"
    answer += "".join(f"<p class=warn>Left behind at {e(station)}: {e(describe_cars(left, cars))}.</p>"
                      for station, left in r.left_behind)
    warnings = "".join(f"<p class=warn>⚠ {e(w.message)}</p>" for w in r.warnings)
    notes = "".join(f"<p class=note>{e(par)}</p>" for par in doc.notes.split("\n") if par.strip())
    f.html(f"<h1>{e(doc.name)}</h1><p class=note>traintool {e(__version__)} · report of "
           f"{dt.date.today().isoformat()} · units: {'metric (km, km/h)' if u is UnitSystem.METRIC else 'imperial (miles, mph)'}</p>"
           f"<p><b>Route:</b> {e(route.name)} ({u.distance(route.length_m):,.0f} {u.distance_unit}, "
           f"{len(route.stations)} stations, {len(route.breaks_of_gauge)} break(s) of gauge)<br>"
           f"<b>Scenario:</b> top-speed cap {e(cap)}; dwell overrides {len(sc.dwell_overrides_s)}; "
           f"refit facility overrides {len(sc.facility_overrides)}; cars that cannot change gauge: "
           f"{e(sc.stranded_cars.label.lower())}</p><h2>The answer</h2>{answer}{warnings}"
           f"<h2>Notes</h2>{notes or '<p class=note>(none)</p>'}")

    # 2. the consist drawn car by car, and its stats
    f.html("<h2>The consist</h2>")
    scale = f.width / METRES_PER_ROW
    row_h = CAR_HEIGHT_M * scale + LABEL_PT + 3
    for row in consist_rows(cars, f.width, METRES_PER_ROW):
        f.figure(row_h, partial(paint_consist_row, cars=cars, indices=row, scale=scale))
    kinds = ", ".join(f"{n} × {k.label.lower()}" for k, n in st.count_by_kind.items())
    f.html(_table(["Figure", "Value"], [
        ["Cars", f"{st.cars} ({e(kinds)})"], ["Length over buffers", f"{st.length_m:,.1f} m"],
        ["Mass", f"{st.mass_kg / 1000:,.1f} t"], ["Axles", str(st.axles)],
        ["Maximum speed (lowest car)", f"{u.speed(st.max_speed_m_s):.0f} {u.speed_unit}"],
        ["Power (all locomotives)", f"{st.power_w / 1000:,.0f} kW"],
        ["Power per tonne", f"{st.power_per_tonne_w / 1000:.2f} kW/t"],
        ["Tractive effort", f"{st.tractive_effort_n / 1000:,.0f} kN"]]))

    # 3. the car list, its header repeated on every page it spans
    f.html("<h2>The cars</h2><p class=note>Values marked * override the car type's.</p>")
    rows = []
    for i, c in enumerate(cars):
        def mark(field: str, text: str) -> str:
            return text + ("*" if field in c.overridden else "")
        rows.append([f"{i + 1}&nbsp;", e(_short(c.type.label)), e(c.name), mark("length_m", f"{c.length_m:g} m"),
                     mark("mass_kg", f"{c.mass_kg / 1000:g} t"),
                     mark("max_speed_m_s", f"{u.speed(c.max_speed_m_s):.0f} {u.speed_unit}"),
                     mark("gauge_change", e(c.gauge_change.label))])
    _tables(f, ["#", "Type", "Name", "Length", "Mass", "Max speed", "Gauge change"], rows, {0, 3, 4, 5})

    # 4. the trip
    f.html("<h2>The trip</h2>" + _table(
        ["From", "To", "Distance", "Running", "Average"],
        [[e(leg.from_station), e(leg.to_station), f"{u.distance(leg.distance_m):,.1f} {u.distance_unit}",
          e(format_duration(leg.running_s)) if leg.running_s is not None else "not run",
          f"{u.speed(leg.average_speed_m_s):.1f} {u.speed_unit}" if leg.average_speed_m_s is not None else "–"]
         for leg in r.legs],
        {2, 3, 4}))
    f.ensure(290)  # keep each plot with its heading
    f.html("<h3>Speed against distance</h3><p class=note>Blue: the speed profile; red dashes: the limit in force; "
           "bands: the gauge of each section; red lines: breaks of gauge.</p>")
    f.figure(230, lambda p, rect: paint_speed_plot(p, rect, r, route, u))
    f.ensure(250)
    f.html("<h3>Time against distance</h3><p class=note>Vertical steps: dwell and refit stops.</p>")
    f.figure(200, lambda p, rect: paint_time_plot(p, rect, r, route, u))
    f.html("<h3>Dwell at stops</h3>" + (_table(["Stop", "Dwell"], [[e(s), e(format_duration(d))] for s, d in r.dwells], {1})
                                       if r.dwells else "<p>No intermediate stops.</p>"))

    # 5. each break of gauge
    for ref in r.refits:
        fac = sc.facility_overrides.get(ref.station) or next(b.facility for b in route.breaks_of_gauge
                                                             if b.station == ref.station)
        facility_rows = [[e(name.replace("_", " ")), e(_fmt_field(name, getattr(fac, name))),
                          e(RefitFacility.model_fields[name].description or "")]
                         for name in RefitFacility.model_fields if name not in ("source", "notes")]
        fate = ("are left behind here" if any(station == ref.station for station, _ in r.left_behind)
                else "stop the trip here")
        cannot = (f"<p class=warn>{e(describe_cars(ref.cannot_change, cars))} cannot change gauge here "
                  f"({e(ref.method.label.lower())}): they {fate}.</p>" if ref.cannot_change else "")
        f.html(f"<h2>Break of gauge at {e(ref.station)}</h2><p>{ref.from_gauge_mm} mm → {ref.to_gauge_mm} mm by "
               f"{e(ref.method.label.lower())}: {ref.cars} cars in {ref.cuts} cuts, "
               f"<b>{e(format_duration(ref.duration_s))}</b>.</p>{cannot}"
               + _table(["Step", "Duration"], [[e(s.name), e(format_duration(s.duration_s))] for s in ref.steps], {1})
               + "<h3>The facility</h3>" + _table(["Field", "Value", "Meaning"], facility_rows)
               + f"<p class=note>Source: {e(fac.source or 'not given')}</p>")
        height = 40 + 14 * len({b.track for b in ref.timeline})
        f.figure(height, partial(paint_timeline, refit=ref))

    # 6. how sure: the range, its drivers, the inputs' ranges; the model against published timings
    if ranged is not None:
        add_uncertainty(f, ranged[0], ranged[1], ranged[2], r.total_s, _table)
    add_timings_check(f, _table)

    # 7. assumptions, each with its source
    a = sc.assumptions
    f.html("<h2>Assumptions</h2><p>Every coefficient the computation used, with its source.</p>")
    for name in type(a).model_fields:
        f.html(f"<p><b>{e(name.replace('_', ' '))} = {getattr(a, name):g}</b> — "
               f"{e(type(a).model_fields[name].description or '')}. <i>Source:</i> {e(ASSUMPTION_SOURCES.get(name, ''))}</p>")
    f.html(""        + "<p class=note>Resistance: modified Davis per car (leading unit with the larger air term) plus gradient "
          "m·g·i and curve resistance m·g·k/R, both averaged over the train's length (its mass taken as spread "
          "evenly along it, as SUMO takes the slope between a train's front and rear; within 0.1 % of placing each "
          "car's mass where the car is, on every shipped sample); tractive effort per locomotive the lower of adhesion, its starting effort and power/speed; only "
          "locomotives of the gauge the train is on pull and count. A limit holds until the rear of the train has "
          "left its section. Units inside the computation are SI.</p>")
    # Sources are long and shared: print each once, with the car types and sections it backs.
    used = list({c.type.id: c.type for c in cars}.values())
    _tables(f, ["Car type", "Figures"],
            [[e(t.label), f"{t.length_m:g} m, {t.mass_kg / 1000:g} t, {t.axles} axles"
              + (f", {t.power_w / 1000:,.0f} kW" if t.power_w else "") + (" (estimate)" if t.estimated else "")]
             for t in used], before="<h3>Car types</h3>")
    by_source: dict[str, list[str]] = {}
    for t in used:
        by_source.setdefault(t.source or "not given", []).append(_short(t.label))
    f.html("<h3>Sources of the car types</h3>")
    for src, labels in by_source.items():
        f.html(f"<p><b>{e(', '.join(labels))}:</b> {e(src)}</p>")
    f.html(f"<h3>The route</h3><p>{e(route.name)}. Source: {e(route.source or 'not given')}</p>")
    for par in route.notes.split("\n"):
        if par.strip():
            f.html(f"<p class=note>{e(par)}</p>")
    by_section_source: dict[str, list[str]] = {}
    for i, sec in enumerate(route.sections):
        if sec.source:
            by_section_source.setdefault(sec.source + (" (estimated)" if sec.estimated else ""), []).append(
                route.section_label(i))
    for src, labels in by_section_source.items():
        f.html(f"<p class=note><b>{e('; '.join(labels))}:</b> {e(src)}</p>")


def _fmt_field(name: str, value: object) -> str:
    if name == "changer_speed_m_s":
        return f"{float(value) * 3.6:g} km/h"  # type: ignore[arg-type]
    if name.endswith("_s") or "_s_per_" in name:
        return format_duration(float(value))  # type: ignore[arg-type]
    if name == "track_length_m":
        return f"{value:g} m"
    return getattr(value, "label", str(value))
