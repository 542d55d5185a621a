"""The report's timetable page: each stop by the local clock, with its range (physics/timetable.py,
as the window's Timetable tab and the command line tell it)."""
from __future__ import annotations

from ..model import Document, Route
from ..physics.ranges import TripRange
from ..physics.result import TripResult
from ..physics.timetable import NIGHT, ClockTime, build_timetable, offset_text, parts_text, utc_offset_text
from ..text import escaped as e
from ..units import format_duration
from .flow import PageFlow
from .tables import flow_table, unbroken


def add_timetable(f: PageFlow, doc: Document, route: Route, r: TripResult, trip_range: TripRange | None) -> None:
    """A page of its own: the departure, then one row per stop."""
    t = build_timetable(r, doc, route, trip_range.bands if trip_range is not None else None)
    f.new_page()
    said = (f"<h2>The timetable</h2><p>Departs {e(route.stations[0].name)} {t.departure:%A %d %B %Y, %H:%M} "
            f"{e(t.time_zone)} ({utc_offset_text(t.departure)}). Every time is by the clock of the station's own "
            f"time zone (IANA, with the offset in force then and there); “+1” is the day after the departure's.")
    said += (" Each time is followed by its 90 % range over the sampled trips." if trip_range is not None
             else " No range was sampled for this report.")
    said += "</p>"
    if t.zone_note:
        said += f"<p class=warn>{e(t.zone_note)}</p>"
    if not t.complete:
        said += "<p class=warn>The trip cannot be made: the timetable stops where the train does.</p>"
    rows = [[e(row.station), _moment_html(row.arrival) if row.arrival else "",
             _moment_html(row.departure) if row.departure else "", e(offset_text(row)), e(row.time_zone),
             e(format_duration(row.stand_s)) if row.stand_s else "", e(parts_text(row))] for row in t.rows]
    # "Parts", not "Parts of the stop": a header phrase never wraps, and beside a time kept whole with its
    # range, the long one made the table wider than A4's text (its last column was cut).
    flow_table(f, ["Station", "Arrival", "Departure", "UTC offset", "Time zone", "Stand", "Parts"],
               rows, {5}, before=said)
    f.html(f"<p class=note>In the window, the Train graph tab draws this timetable against distance, with the "
           f"night ({NIGHT[0]:02d}:00–{NIGHT[1]:02d}:00 local) shaded.</p>")


def _moment_html(moment: ClockTime) -> str:
    """A time over its range ('04:26 +1' over '90 % 03:11–06:03'), none of the three broken inside;
    a narrow column may put the range's times under its '90 %' (it wrapped as '04:26 +1, 90' / '%' /
    '03:11–06:03')."""
    time, _, spread = moment.text().partition(", ")
    html = e(unbroken(time))
    if spread:
        level, _, times = spread.partition(" % ")
        html += f"<br>{e(unbroken(level + ' %'))} {e(unbroken(times))}"
    return html
