"""The report's pages on how sure the answer is: its range, what drives it, the inputs' ranges
with their sources, and the published timings the model is checked against."""
from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from ..model.timings import TimingSource
from ..physics.ranges import Driver, Input, TripRange
from ..physics.timing_check import TimingCheck
from ..text import escaped as e
from ..units import UnitSystem, format_duration
from .figures import AXIS_PT, Axes
from .flow import PageFlow, font, metrics
from .tables import Citations, flow_table, mass_unit, public_text, same_precision, sentences

TOP_DRIVERS = 10
LOW_COLOR, HIGH_COLOR = "#3b6fb6", "#c8553d"
HIGH_PATTERN = QBrush(QColor(255, 255, 255, 150), Qt.BrushStyle.BDiagPattern)  # high apart from low in greyscale


def range_sentence(r: TripRange) -> str:
    """'90 % between 29 h 24 min and 35 h 54 min (500 samples)', or why there is no range."""
    if r.total_s is None:
        return f"in none of {r.samples} samples of the estimated inputs can the trip be made"
    out = (f"90 % between {format_duration(r.total_s.p5)} and {format_duration(r.total_s.p95)} "
           f"({r.samples} samples of the estimated inputs)")
    if r.feasible_samples < r.samples:
        out += f"; in {r.samples - r.feasible_samples} of them the trip cannot be made"
    return out


def _sentence(r: TripRange) -> str:
    return e(range_sentence(r)).replace("90 %", "90&nbsp;%")


def input_unit(field: str, u: UnitSystem) -> tuple[str, Callable[[float], float]]:
    """The unit an input of `field` is printed in, and its conversion from SI, in `u`."""
    by_field: dict[str, tuple[str, Callable[[float], float]]] = {
        "mass_kg": (mass_unit(u), u.mass), "length_m": (u.length_unit, u.length), "power_w": (u.power_unit, u.power),
        "max_tractive_effort_n": (u.force_unit, u.force), "max_speed_m_s": (u.speed_unit, u.speed),
        "speed_limit_m_s": (u.speed_unit, u.speed), "gradient_permille": ("‰", float),
        "tracks": ("tracks", float), "track_length_m": (u.length_unit, u.length),
        "length_factor": ("× length", float), "limit_factor": ("× limit", float), "allowance_percent": ("%", float),
        "allowance_min_per_100km": ("min/100 km", float)}
    return by_field.get(field, ("min", lambda s: s / 60))


def add_uncertainty(f: PageFlow, r: TripRange, drivers: Sequence[Driver], inputs: Sequence[Input],
                    total_s: float | None, sources: Citations, u: UnitSystem = UnitSystem.METRIC) -> None:
    """The range, the tornado chart of the strongest drivers and the table of every input's range in
    `u`, each range's source cited by its number (listed with the report's other sources)."""
    intro = ("<h2>How sure: the range and what drives it</h2>"
             f"<p>Every figure the data marks as an estimate was drawn between its low and its high value "
             f"(Latin hypercube sampling, a triangular distribution peaking at the value itself, seed {r.seed}); "
             + (f"the total is {_sentence(r)}.</p>" if r.total_s is not None else f"{_sentence(r)}.</p>"))
    if r.refit_s:
        flow_table(f, ["Break of gauge", "5th percentile", "Median", "95th percentile"],
                   [[e(st), e(format_duration(p.p5)), e(format_duration(p.p50)), e(format_duration(p.p95))]
                    for st, p in r.refit_s.items()], {1, 2, 3}, before=intro)
    else:
        f.html(intro)
    top = [d for d in drivers[:TOP_DRIVERS] if d.total_s_low is not None and d.total_s_high is not None]
    if top and total_s is not None:
        height = tornado_height(len(top))
        f.heading("<h3>What drives it</h3><p class=note>Each input alone moved from its low to its high value, "
                  "the others at their values; the line is the answer itself.</p>", keep=height + 6)
        f.figure(height, lambda p, rect: paint_tornado(p, rect, top, total_s))
    if r.total_s is None:  # no sample made the trip: no input moved the answer, and many are of stops never reached
        f.html(f"<p class=note>The trip cannot be made in any sample: the {len(inputs):,} estimated inputs drawn are "
               f"not listed, since none of them moves the answer.</p>")
        return
    rows = []
    for i in inputs:
        unit, shown = input_unit(i.field, u)
        rows.append([e(i.label), *same_precision([shown(i.low), shown(i.value), shown(i.high)]), e(unit),
                     sources.cite(i.source)])
    flow_table(f, ["Input", "Low", "Value", "High", "Unit", "Source"], rows, {1, 2, 3},
               before="<h3>The estimated inputs and their ranges</h3>")


TORNADO_ROW_PT = 16.0


def driver_label(label: str, m: QFontMetricsF, width: float) -> str:
    """An input's label cut to `width`, its parameter kept: "Box car: sliding-wall wag…: mass", not
    "Box car: sliding-wall wagon, Habbiins type (4 axles, loa…"."""
    if m.horizontalAdvance(label) <= width:
        return label
    label = re.sub(r" \([^()]*\)$", "", label)  # "11 car types: top speed (Armored …, …)": the list goes first
    if m.horizontalAdvance(label) <= width or ": " not in label:
        return m.elidedText(label, Qt.TextElideMode.ElideRight, width)
    owner, parameter = label.rsplit(": ", 1)
    tail = f": {parameter}"
    return m.elidedText(owner, Qt.TextElideMode.ElideRight, max(width - m.horizontalAdvance(tail), 20)) + tail


def tornado_height(rows: int) -> float:
    return 16 + TORNADO_ROW_PT * rows + 8 + 28


def paint_tornado(p: QPainter, rect: QRectF, top: Sequence[Driver], total_s: float) -> None:
    """A bar per input from the answer to the total with the input at its low (blue) and high (red)
    value, on an axis of hours; the labels at the left, the legend above, both outside the data."""
    ends = [x / 3600 for d in top for x in (d.total_s_low, d.total_s_high) if x is not None] + [total_s / 3600]
    lo, hi = min(ends), max(ends)
    pad = (hi - lo) * 0.05 or 0.5
    m = metrics(font(AXIS_PT))
    label_w = min(max(m.horizontalAdvance(d.input.label) for d in top), rect.width() * 0.45) + 8
    plot = QRectF(rect.left() + label_w - 38, rect.top() + 16 - 8, rect.width() - label_w + 38,
                  TORNADO_ROW_PT * len(top) + 8 + 8 + 26)
    ax = Axes(p, plot, (lo - pad, hi + pad), (len(top) - 0.5, -0.5), "total trip time (h)", "")
    p.setFont(font(AXIS_PT, p))
    for k, d in enumerate(top):
        y = ax.px(0, k).y()
        p.setPen(QColor("#333333"))
        p.drawText(QRectF(rect.left(), y - 6, label_w - 8, 12), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   driver_label(d.input.label, m, label_w - 8))
        for value, color in ((d.total_s_low, LOW_COLOR), (d.total_s_high, HIGH_COLOR)):
            assert value is not None
            a, b = ax.px(total_s / 3600, k - 0.3), ax.px(value / 3600, k + 0.3)
            box = QRectF(a, b).normalized()
            box.setWidth(max(box.width(), 0.8))
            p.fillRect(box, QColor(color))
            if color == HIGH_COLOR:
                p.fillRect(box, HIGH_PATTERN)
    p.setPen(QPen(QColor("#222222"), 0.9))
    p.drawLine(ax.px(total_s / 3600, -0.5), ax.px(total_s / 3600, len(top) - 0.5))
    x = rect.left()  # the legend, above the plot
    for text, color in (("input at its low value", LOW_COLOR), ("at its high value", HIGH_COLOR)):
        p.fillRect(QRectF(x, rect.top() + 2, 9, 8), QColor(color))
        if color == HIGH_COLOR:
            p.fillRect(QRectF(x, rect.top() + 2, 9, 8), HIGH_PATTERN)
        p.setPen(QColor("#333333"))
        p.drawText(QPointF(x + 13, rect.top() + 9.5), text)
        x += 13 + m.horizontalAdvance(text) + 14
    p.setPen(QPen(QColor("#222222"), 0.9))
    p.drawLine(QPointF(x, rect.top() + 6), QPointF(x + 9, rect.top() + 6))
    p.setPen(QColor("#333333"))
    p.drawText(QPointF(x + 13, rect.top() + 9.5), f"the answer, {format_duration(total_s)}")


NOT_YET_COMPUTED = ("The check of the model against published timings is not yet computed for this version of "
                    "the data and the model. It takes a minute or more and does not depend on this document: "
                    "the window computes it in the background after a report, and `traintool check-timings` "
                    "computes it too; the reports made after it quote it.")


def add_timings_check(f: PageFlow, checks: Sequence[TimingCheck] | None, sources: Citations) -> None:
    """A row per timing (what, published, the model's range, the verdict), its sources cited by
    number (the report's one list gives them in full, with their addresses) and, for a miss, why,
    in a paragraph across the table under it. `checks` as `traintool check-timings` gives them;
    None: not yet computed."""
    if checks is None:
        f.html(f"<h2>The model against published timings</h2><p>{e(NOT_YET_COMPUTED)}</p>")
        return
    inside = sum(c.verdict == "inside" for c in checks)
    heading = ("<h2>The model against published timings</h2>"
               f"<p>How the model's 90 % range compares with timings that were observed or timetabled: {inside} of "
               f"{len(checks)} fall inside. A miss is not tuned away: the notes say what the model does not know of.</p>")
    rows, details = [], []
    said: dict[str, str] = {}  # a sentence of the notes, once: the timing it was first said under
    for c in checks:
        t = c.timing
        model = (f"{_duration(c.range_s.p5)} – {_duration(c.range_s.p95)}" if c.range_s is not None
                 else "cannot be made")
        rows.append([e(t.label), e(t.published_s.text(_duration)), e(model), e(c.verdict)])
        cited = sources.cite_all([source_entry(s) for s in t.sources])
        details.append(f"<b>Sources:</b> {cited}." + (f" <i>Why a miss:</i> {_why_a_miss(t.notes, t.label, said)}"
                                                     if t.notes and c.verdict != "inside" else ""))
    flow_table(f, ["Timing", "Published", "Model (90 %)", "Verdict"], rows, before=heading, details=details)


def _why_a_miss(notes: str, label: str, said: dict[str, str]) -> str:
    """A miss's notes, each sentence printed once in the table: one said under an earlier timing is
    pointed to ("as under …"), not printed again. `said` is updated."""
    new, before = [], []
    for sentence in sentences(public_text(notes)):
        if sentence in said:
            before.append(said[sentence])
        else:
            said[sentence] = label
            new.append(sentence)
    text = e(" ".join(new))
    if before:
        text += f" {'And a' if new else 'A'}s under “{e('”, “'.join(dict.fromkeys(before)))}”."
    return text.strip()


def source_entry(s: TimingSource) -> str:
    """A published timing's source as the list of sources gives it: title, publisher, date, address."""
    parts = [s.title, public_text(s.publisher)] + ([s.date] if s.date else [])
    return ", ".join(p for p in parts if p) + "." + (f" {s.url}" if s.url else "")


def _duration(seconds: float) -> str:
    """A duration that never wraps inside itself ('1 d 5 h 00 min'): a range wraps between its ends."""
    return format_duration(seconds).replace(" ", "\u00a0")
