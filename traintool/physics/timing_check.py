"""Published timings against the model: does the published figure lie within the computed range?

For each timing, the sample's trip over the stretch of route between its two stations is
computed as a range (physics.ranges). A two-sided published range is read as one figure, its
midpoint ('about 7 h' is 6.5 to 7.5 h: 7 h), and that figure is **inside** when it lies within the
model's 5th to 95th percentile. A one-sided bound ('at least 20 h') is only **consistent** or
**inconsistent** (the model's P95 below an 'at least', its P5 above an 'at most'), and never counts
in coverage; neither do forecasts, typical values or low-confidence entries: they are shown.

Each set (calibration, validation; model.timings.split_set) is summed up as coverage k/n with
its exact (Clopper-Pearson) 90 % interval, the median error of the nominal answer
|nominal/published - 1|, its median signed error (bias), and the median band width
(P95 - P5)/P50. The validation set is held to TARGETS; nothing is tuned to a validation entry.

A timing given as two clock times ("departed 11:40 Asia/Vladivostok, arrived 17:50 Asia/Vladivostok")
is also compared by arrival: the model's train leaves at the published departure, and its arrival at
the published arrival's station (timetable.arrival_at, by that station's clock) with the range of
the total (P5 and P95 added to the departure) is set against the published arrival: **inside**,
**model earlier** or **model later**, with the minutes between them. Moments are compared, not
wall-clock readings, so a zone or a date change between the two stations is no error. The coverage
and the medians keep counting the duration's verdict alone: a clock-time entry is one entry, once.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median
from typing import Any, Callable, Iterable

from pydantic import JsonValue

from ..model import Document, Route
from ..model.clock import Departure, zone
from ..model.timings import ClockTime, SetName, Timing
from .ranges import DEFAULT_SEED, Percentiles, trip_range
from .result import TripResult
from .timetable import arrival_at
from .trip import compute_trip

# Per timing. At 200 samples the percentiles move by minutes between seeds, and the whole check of
# the 71 shipped timings took 28 s of CPU (1 min 41 s of wall time with the machine's two cores
# shared eight ways), well under the three minutes CI allows it.
CHECK_SAMPLES = 200

# The validation set's targets (issue 23): coverage of the 90 % band, median |error| of the nominal
# answer, median signed error, median band width relative to the median.
MIN_COVERAGE = 0.80
MAX_MEDIAN_ERROR = 0.15
MAX_ABS_BIAS = 0.05
MAX_MEDIAN_WIDTH = 0.40
CONFIDENCE_LEVEL = 0.90  # of the coverage's binomial interval


@dataclass(frozen=True)
class ArrivalCheck:
    """A clock-time timing by its arrival: the model's train leaves when the published one did."""

    published: datetime  # aware, by the clock the source gives the arrival in
    model: datetime | None  # aware, by the clock of the arrival station (its route zone); None: it never gets there
    low: datetime | None  # the model's arrival at the total's P5 and P95, by the published arrival's clock
    high: datetime | None
    verdict: str  # "inside", "model earlier", "model later" or "cannot be made"

    @property
    def minutes(self) -> float | None:
        """The model's (nominal) arrival minus the published one, in minutes (negative: the model is earlier)."""
        return None if self.model is None else (self.model - self.published).total_seconds() / 60

    def as_dict(self) -> dict[str, Any]:
        """Under stable keys (check-timings --json): ISO 8601 times with their offsets."""
        def iso(t: datetime | None) -> str | None:
            return None if t is None else t.isoformat(timespec="minutes")
        return {"published": iso(self.published), "model": iso(self.model), "p5": iso(self.low), "p95": iso(self.high),
                "verdict": self.verdict, "minutes": self.minutes}

    def to_row(self) -> dict[str, Any]:
        """Every figure, to the microsecond and with its zone's key, for a file that keeps the check
        (`from_row` gives it back equal)."""
        def key(t: datetime | None) -> str | None:
            return None if t is None else getattr(t.tzinfo, "key", None)
        return {"verdict": self.verdict, **{name: None if (t := getattr(self, name)) is None else
                                             [t.isoformat(), key(t)] for name in ("published", "model", "low", "high")}}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "ArrivalCheck":
        def moment(pair: list[str | None] | None) -> datetime | None:
            if pair is None:
                return None
            t = datetime.fromisoformat(str(pair[0]))
            return t.astimezone(zone(pair[1])) if pair[1] else t
        published = moment(row["published"])
        if published is None:
            raise ValueError("an arrival check without its published arrival")
        return cls(published, moment(row["model"]), moment(row["low"]), moment(row["high"]), str(row["verdict"]))

    def text(self) -> str:
        """'model later by 42 min: arrives 18:43 (90 % 17:10–20:02), published 18:01 Asia/Vladivostok',
        every time by the published arrival's clock, a time on another date than it marked '+1 d'."""
        key = getattr(self.published.tzinfo, "key", "")
        if self.model is None:
            return f"cannot be made; published {self.published:%H:%M} {key}"
        minutes = self.minutes or 0.0
        said = self.verdict if self.verdict == "inside" else f"{self.verdict} by {abs(minutes):.0f} min"
        band = "" if self.low is None or self.high is None else \
            f" (90 % {self._clock(self.low)}–{self._clock(self.high)})"
        return (f"{said}: arrives {self._clock(self.model)}{band}, published {self.published:%H:%M} {key} "
                f"({minutes:+.0f} min)")

    def _clock(self, t: datetime) -> str:
        shown = t.astimezone(self.published.tzinfo)
        day = (shown.date() - self.published.date()).days
        return f"{shown:%H:%M}" + (f" {day:+d} d" if day else "")


def compare_arrival(departure: ClockTime, arrival: ClockTime, model: datetime | None,
                    total: Percentiles | None) -> ArrivalCheck:
    """The published arrival against the model's: `model` its nominal arrival (aware), `total` the
    range of the trip's total from the published departure."""
    published = arrival.local.replace(tzinfo=zone(arrival.zone))
    if model is None or total is None:
        return ArrivalCheck(published, model, None, None, "cannot be made")
    start = departure.instant()
    low, high = ((start + timedelta(seconds=s)).astimezone(published.tzinfo) for s in (total.p5, total.p95))
    verdict = "model earlier" if high < published else "model later" if low > published else "inside"
    return ArrivalCheck(published, model, low, high, verdict)


def departing_as_published(document: Document, departure: ClockTime) -> Document:
    """The document with the timing's departure as the trip's (the physics does not depend on it)."""
    scenario = document.scenario.model_copy(
        update={"departure": Departure(local=departure.local, time_zone=departure.zone)})
    return document.model_copy(update={"scenario": scenario})


def arrival_check(timing: Timing, document: Document, stretch: Route, nominal: TripResult,
                   total: Percentiles | None) -> ArrivalCheck | None:
    if timing.departure is None or timing.arrival is None or timing.measure != "total":
        return None
    model = arrival_at(nominal, departing_as_published(document, timing.departure), stretch, timing.to_station) \
        if nominal.feasible else None
    return compare_arrival(timing.departure, timing.arrival, model, total)


@dataclass(frozen=True)
class TimingCheck:
    timing: Timing
    value_s: float | None  # the model's answer with every input at its value; None: it cannot be made
    range_s: Percentiles | None  # 5th, 50th and 95th percentiles; None: in no sample can it be made
    # two-sided: "inside", "model faster" (the published time is longer), "model slower";
    # one-sided: "consistent", "inconsistent"; either: "cannot be made"
    verdict: str
    arrival: ArrivalCheck | None = None  # for a timing given as two clock times: by arrival as well

    @property
    def minutes(self) -> float | None:
        """The model's nominal duration minus the published figure, in minutes; None when one-sided or not made."""
        published = self.timing.published_s.value
        if published is None or self.value_s is None:
            return None
        return (self.value_s - published) / 60

    @property
    def counted(self) -> bool:
        """Whether it counts in coverage and the medians (model.timings.Timing.counted)."""
        return self.timing.counted

    @property
    def error(self) -> float | None:
        """nominal / published - 1 (negative: the model is faster); None when one-sided or not made."""
        published = self.timing.published_s.value
        if published is None or self.value_s is None or published <= 0:
            return None
        return self.value_s / published - 1

    @property
    def width(self) -> float | None:
        """(P95 - P5) / P50 of the model's range."""
        if self.range_s is None or self.range_s.p50 <= 0:
            return None
        return (self.range_s.p95 - self.range_s.p5) / self.range_s.p50


def check_timing(timing: Timing, document: Document, route: Route, samples: int = CHECK_SAMPLES,
                 seed: int = DEFAULT_SEED) -> TimingCheck:
    """`route` is the timing's whole route: the check takes the stretch between its stations."""
    stretch = route.between(timing.from_station, timing.to_station)
    nominal = compute_trip(document, stretch)
    r = trip_range(document, stretch, samples=samples, seed=seed)
    if timing.measure == "refit":
        assert timing.station is not None  # the model requires it of a refit
        value = next((x.duration_s for x in nominal.refits if x.station == timing.station), None)
        computed = r.refit_s.get(timing.station)
    elif timing.measure == "running":
        value, computed = nominal.running_s if nominal.feasible else None, r.running_s
    else:
        value, computed = nominal.total_s, r.total_s
    return TimingCheck(timing, value, computed, _verdict(timing, computed),
                       arrival_check(timing, document, stretch, nominal, r.total_s))


def _verdict(timing: Timing, computed: Percentiles | None) -> str:
    if computed is None:
        return "cannot be made"
    low, high = timing.published_s.low, timing.published_s.high
    if timing.published_s.one_sided:
        if low is not None and computed.p95 < low:
            return "inconsistent"  # 'at least low', and the model is below it even at its P95
        if high is not None and computed.p5 > high:
            return "inconsistent"  # 'at most high', and the model is above it even at its P5
        return "consistent"
    value = timing.published_s.value
    assert value is not None  # two-sided
    if value > computed.p95:
        return "model faster"
    if value < computed.p5:
        return "model slower"
    return "inside"


def binomial_interval(k: int, n: int, level: float = CONFIDENCE_LEVEL) -> tuple[float, float]:
    """Clopper-Pearson (exact) interval for a proportion k/n: each tail holds (1 - level) / 2."""
    if not 0 <= k <= n or n == 0:
        raise ValueError(f"no proportion {k} of {n}")
    tail = (1 - level) / 2

    def upper_tail(p: float) -> float:  # P(X >= k)
        return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(k, n + 1))

    def lower_tail(p: float) -> float:  # P(X <= k)
        return sum(math.comb(n, i) * p ** i * (1 - p) ** (n - i) for i in range(0, k + 1))

    low = 0.0 if k == 0 else _bisect(lambda p: upper_tail(p) - tail)  # increasing in p
    high = 1.0 if k == n else _bisect(lambda p: tail - lower_tail(p))  # increasing in p
    return low, high


def _bisect(f: Callable[[float], float], lo: float = 0.0, hi: float = 1.0) -> float:
    """The root of an increasing f on [lo, hi], to 1e-12."""
    for _ in range(60):
        mid = (lo + hi) / 2
        if f(mid) < 0:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


@dataclass(frozen=True)
class SetSummary:
    name: str  # "calibration", "validation" or "all"
    checks: tuple[TimingCheck, ...]  # every entry of the set, counted or shown

    @property
    def counted(self) -> tuple[TimingCheck, ...]:
        return tuple(c for c in self.checks if c.counted)

    @property
    def inside(self) -> int:
        return sum(c.verdict == "inside" for c in self.counted)

    @property
    def coverage(self) -> float | None:
        n = len(self.counted)
        return self.inside / n if n else None

    @property
    def coverage_interval(self) -> tuple[float, float] | None:
        n = len(self.counted)
        return binomial_interval(self.inside, n) if n else None

    @property
    def median_abs_error(self) -> float | None:
        errors = [abs(e) for c in self.counted if (e := c.error) is not None]
        return median(errors) if errors else None

    @property
    def bias(self) -> float | None:
        errors = [e for c in self.counted if (e := c.error) is not None]
        return median(errors) if errors else None

    @property
    def median_width(self) -> float | None:
        widths = [w for c in self.counted if (w := c.width) is not None]
        return median(widths) if widths else None

    def missed_targets(self) -> list[str]:
        """The targets this set misses, each as a short phrase; [] when it meets them all."""
        missed = []
        if self.coverage is None or self.coverage < MIN_COVERAGE:
            missed.append(f"coverage {_pct(self.coverage)} < {_pct(MIN_COVERAGE)}")
        if self.median_abs_error is None or self.median_abs_error > MAX_MEDIAN_ERROR:
            missed.append(f"median |error| {_pct(self.median_abs_error)} > {_pct(MAX_MEDIAN_ERROR)}")
        if self.bias is None or abs(self.bias) > MAX_ABS_BIAS:
            missed.append(f"|bias| {_pct(self.bias, signed=True)} > {_pct(MAX_ABS_BIAS)}")
        if self.median_width is None or self.median_width > MAX_MEDIAN_WIDTH:
            missed.append(f"median band width {_pct(self.median_width)} > {_pct(MAX_MEDIAN_WIDTH)}")
        return missed

    def as_dict(self) -> dict[str, JsonValue]:
        """The summary under stable keys (check-timings --json)."""
        interval = self.coverage_interval
        return {"set": self.name, "entries": len(self.checks), "counted": len(self.counted), "inside": self.inside,
                "coverage": self.coverage,
                "coverage_interval_90": None if interval is None else list(interval),
                "median_abs_error": self.median_abs_error, "bias": self.bias, "median_width": self.median_width,
                "missed_targets": list(self.missed_targets())}


def summarize(checks: Iterable[TimingCheck], set_name: SetName | str) -> SetSummary:
    """The checks of one set ('calibration', 'validation'), or of every entry ('all')."""
    return SetSummary(set_name, tuple(c for c in checks if set_name == "all" or c.timing.set == set_name))


def agreement_line(summary: SetSummary) -> str:
    """One line for the report's first page: how the set's published figures sit in the model's band."""
    n = len(summary.counted)
    if n == 0:
        return f"No countable published timing in the {summary.name} set."
    interval = summary.coverage_interval
    assert interval is not None
    missed = summary.missed_targets()
    verdict = ("meets the targets" if not missed else "misses the targets: " + ", ".join(missed))
    return (f"{summary.name.capitalize()} set: {summary.inside} of {n} published timings inside the model's "
            f"90 % range ({_pct(summary.coverage)}, 90 % interval {_pct(interval[0])}–{_pct(interval[1])}); "
            f"median error {_pct(summary.median_abs_error)}, bias {_pct(summary.bias, signed=True)}, "
            f"band width {_pct(summary.median_width)}; {verdict}.")


def _pct(x: float | None, signed: bool = False) -> str:
    if x is None:
        return "–"
    if signed:
        v = round(x * 100)  # a bias under half a point is none: "0 %", never "-0 %"
        return f"{v:+d} %" if v else "0 %"
    return f"{x * 100:.0f} %"
