"""The report's pages on how sure the answer is: its range, what drives it, the inputs' ranges
with their sources, and the published timings the model is checked against."""
from __future__ import annotations

import html
from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter

from ..model import Document, Route
from ..physics.ranges import Driver, Input, TripRange
from ..physics.timing_check import CHECK_SAMPLES, TimingCheck
from ..units import format_duration
from .flow import PageFlow, font

TOP_DRIVERS = 10
LOW_COLOR, HIGH_COLOR = "#3b6fb6", "#c8553d"


def e(text: object) -> str:
    return html.escape(str(text))


def range_sentence(r: TripRange) -> str:
    """'90 % between 29 h 24 min and 35 h 54 min (500 samples)', or why there is no range."""
    if r.total_s is None:
        return f"in none of {r.samples} samples of the estimated inputs can the trip be made"
    out = (f"90 % between {format_duration(r.total_s.p5)} and {format_duration(r.total_s.p95)} "
           f"({r.samples} samples of the estimated inputs)")
    if r.feasible_samples < r.samples:
        out += f"; in {r.samples - r.feasible_samples} of them the trip cannot be made"
    return out


def add_uncertainty(f: PageFlow, r: TripRange, drivers: Sequence[Driver], inputs: Sequence[Input],
                    total_s: float | None, tables) -> None:
    """The range, the tornado chart of the strongest drivers and the table of every input's range.
    `tables(f, headers, rows, numeric, before=...)` flows a table over pages (pdf._tables)."""
    f.html("<h2>How sure: the range and what drives it</h2>"
           f"<p>Every figure the data marks as an estimate was drawn between its low and its high value "
           f"(Latin hypercube sampling, a triangular distribution peaking at the value itself, seed {r.seed}); "
           f"the total is {e(range_sentence(r))}.</p>")
    if r.refit_s:
        tables(f, ["Break of gauge", "5th percentile", "median", "95th percentile"],
               [[e(st), e(format_duration(p.p5)), e(format_duration(p.p50)), e(format_duration(p.p95))]
                for st, p in r.refit_s.items()], {1, 2, 3})
    top = [d for d in drivers[:TOP_DRIVERS] if d.total_s_low is not None and d.total_s_high is not None]
    if top and total_s is not None:
        f.ensure(40 + 16 * len(top))
        f.html("<h3>What drives it</h3><p class=note>Each input alone moved from its low (blue) to its high "
               "(red) value, the others at their values; the line is the answer itself.</p>")
        f.figure(24 + 16 * len(top), lambda p, rect: paint_tornado(p, rect, top, total_s))
    rows = [[e(i.label), f"{i.shown(i.low):,.4g}–{i.shown(i.high):,.4g} {e(i.unit)}", f"{i.shown(i.value):,.4g}",
             e(i.source)] for i in inputs]
    tables(f, ["Input", "Range", "Value", "Source of the range"], rows, {1, 2},
           before="<h3>The estimated inputs and their ranges</h3>")


def paint_tornado(p: QPainter, rect: QRectF, top: Sequence[Driver], total_s: float) -> None:
    ends = [x for d in top for x in (d.total_s_low, d.total_s_high) if x is not None] + [total_s]
    lo, hi = min(ends), max(ends)
    span = (hi - lo) or 1.0
    label_w = rect.width() * 0.45
    left, width = rect.left() + label_w + 6, rect.width() - label_w - 12

    def x(t: float) -> float:
        return left + (t - lo) / span * width

    p.setFont(font(6.5))
    for k, d in enumerate(top):
        y = rect.top() + 4 + 16 * k
        p.setPen(QColor("#333333"))
        p.drawText(QRectF(rect.left(), y, label_w, 12), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   p.fontMetrics().elidedText(d.input.label, Qt.TextElideMode.ElideRight, int(label_w)))
        for value, color in ((d.total_s_low, LOW_COLOR), (d.total_s_high, HIGH_COLOR)):
            assert value is not None
            a, b = sorted((x(total_s), x(value)))
            p.fillRect(QRectF(a, y + 1, max(b - a, 0.8), 10), QColor(color))
    p.setPen(QColor("#222222"))
    base = x(total_s)
    bottom = rect.top() + 4 + 16 * len(top)
    p.drawLine(QPointF(base, rect.top()), QPointF(base, bottom))
    p.drawText(QRectF(left, bottom + 2, width, 12), Qt.AlignmentFlag.AlignCenter,
               f"{format_duration(lo)}  ·  {format_duration(total_s)}  ·  {format_duration(hi)}")


@cache
def _checks(samples: int) -> tuple[TimingCheck, ...]:
    """The shipped timings checked: they do not depend on the document, and the check takes tens of
    seconds, so its figures are kept on disk under a key made of everything they follow from (the
    shipped data, the code of the model and the physics, the samples); any change makes a new key."""
    from ..io import load_document, published_timings, sample_paths, shipped_routes
    from ..physics.timing_check import check_timing

    timings = published_timings().timings
    cache_file = _cache_file(samples)
    kept = _read_checks(cache_file, timings) if cache_file is not None else None
    if kept is not None:
        return kept
    checks = tuple(check_timing(t, load_document(sample_paths()[t.sample]), shipped_routes()[t.route_id], samples)
                   for t in timings)
    if cache_file is not None:
        _write_checks(cache_file, checks)
    return checks


def _cache_file(samples: int):
    """Where the check's figures for this data, this code and these samples are kept (None: nowhere)."""
    import hashlib
    from pathlib import Path

    from .. import __version__
    from ..app_paths import data_dir, resources_dir

    digest = hashlib.sha256(f"{__version__} {samples}".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted([*resources_dir().rglob("*.json"), *(package / "model").glob("*.py"),
                        *(package / "physics").glob("*.py")]):
        try:
            digest.update(path.name.encode() + path.read_bytes())
        except OSError:
            return None
    return data_dir() / "cache" / f"timings-check-{digest.hexdigest()[:20]}.json"


def _read_checks(path, timings) -> tuple[TimingCheck, ...] | None:
    import json

    from ..errors import TraintoolError
    from ..io.files import read_bytes
    from ..physics.ranges import Percentiles

    try:
        data = json.loads(read_bytes(path, limit=1_000_000))
        by_id = {t.id: t for t in timings}
        out = []
        for row in data:
            p = row["range_s"]
            out.append(TimingCheck(by_id[row["id"]], row["value_s"],
                                   None if p is None else Percentiles(p["p5"], p["p50"], p["p95"]), row["verdict"]))
        return tuple(out) if len(out) == len(timings) else None
    except (TraintoolError, ValueError, KeyError, TypeError):  # a kept file that cannot be read is computed again
        return None


def _write_checks(path, checks: Sequence[TimingCheck]) -> None:
    import json

    from ..errors import SaveError
    from ..io.safe_write import private_folder, write_file

    rows = [{"id": c.timing.id, "value_s": c.value_s, "verdict": c.verdict,
             "range_s": None if c.range_s is None else {"p5": c.range_s.p5, "p50": c.range_s.p50, "p95": c.range_s.p95}}
            for c in checks]
    try:
        private_folder(path.parent)
        write_file(path, json.dumps(rows).encode())
    except (SaveError, OSError):
        pass  # no place to keep them: the next report checks again


def add_timings_check(f: PageFlow, tables) -> None:
    checks = _checks(CHECK_SAMPLES)  # as `traintool check-timings` gives them
    inside = sum(c.verdict == "inside" for c in checks)
    heading = ("<h2>The model against published timings</h2>"
               f"<p>How the model's 90 % range compares with timings that were observed or timetabled: {inside} of "
               f"{len(checks)} fall inside. A miss is not tuned away: the notes say what the model does not know of.</p>")
    rows = []
    for c in checks:
        t = c.timing
        model = (f"{format_duration(c.range_s.p5)} – {format_duration(c.range_s.p95)}" if c.range_s is not None
                 else "cannot be made")
        src = "; ".join(f"{s.publisher}" + (f", {s.date}" if s.date else "") for s in t.sources)
        rows.append([e(t.label), e(t.published_s.text(format_duration)), e(model), e(c.verdict),
                     e(src) + (f"<br><i>{e(t.notes)}</i>" if t.notes and c.verdict != "inside" else "")])
    tables(f, ["Timing", "Published", "Model (90 %)", "Verdict", "Sources; why a miss"], rows, before=heading)


def uncertainty_for(document: Document, route: Route, samples: int):
    """(range, drivers, inputs) for the report; None for a train too long to sample in a report's time."""
    from ..physics.ranges import drivers, trip_range, uncertain_inputs

    if len(document.consist.cars) > 2_000:
        return None
    inputs = uncertain_inputs(document, route)
    return trip_range(document, route, samples, inputs=inputs), drivers(document, route, inputs), inputs
