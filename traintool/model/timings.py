"""Published timings: what was observed, timetabled, forecast or called typical, with its sources.

`resources/timings.json` holds them. Each names a shipped sample, a route and two of its
stations, what was timed (the whole trip between them, the running time, or the stand at a break
of gauge), the range its wording allows (in seconds; either end may be open), when it happened
and when and where it was published, its kind and how far the source can be trusted.

A timing may instead be given as the two clock times a source states, each with its IANA zone
("departed 11:40 Asia/Vladivostok, arrived 17:50 Asia/Vladivostok"): the range is then derived
from them with `zoneinfo`, so a date when a zone changed its offset comes out right.

The split, fixed before anything is tuned: a timing is in the **validation** set when
`int(sha256(id).hexdigest(), 16) % 3 == 0`, else in **calibration** (`split_set`). The file
states each entry's set, and a file whose stated set breaks the rule is refused, so no entry is
moved between the sets by hand. Validation entries are never used to set a coefficient.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .car_type import Id

Kind = Literal["observed", "timetabled", "forecast", "typical"]
Confidence = Literal["high", "medium", "low"]
SetName = Literal["calibration", "validation"]
COUNTED_KINDS = frozenset({"observed", "timetabled"})
COUNTED_CONFIDENCE = frozenset({"high", "medium"})
_EVENT_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def split_set(timing_id: str) -> SetName:
    """The set a timing belongs to, from its id alone: one third validation, the rest calibration."""
    return "validation" if int(hashlib.sha256(timing_id.encode()).hexdigest(), 16) % 3 == 0 else "calibration"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimingSource(_Strict):
    title: str = Field(min_length=1, max_length=500)
    publisher: str = Field(min_length=1, max_length=500)
    date: str | None = Field(default=None, max_length=200)  # of the publication
    url: str | None = Field(default=None, max_length=2000)


class PublishedRange(_Strict):
    low: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    high: float | None = Field(default=None, ge=0, allow_inf_nan=False)

    @model_validator(mode="after")
    def _a_range(self) -> "PublishedRange":
        if self.low is None and self.high is None:
            raise ValueError("a published timing needs a low or a high value")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low:g} s is above high {self.high:g} s")
        return self

    @property
    def one_sided(self) -> bool:
        """'at least' or 'at most': exactly one end is open."""
        return (self.low is None) != (self.high is None)

    @property
    def value(self) -> float | None:
        """The published figure: the range's midpoint ('about 7 h' is 6.5 to 7.5 h, so 7 h); None when one-sided."""
        if self.low is None or self.high is None:
            return None
        return (self.low + self.high) / 2

    def text(self, fmt: Callable[[float], str]) -> str:
        """'at least 20 h', 'at most 1 h 30 min', '6 h 30 min to 7 h 30 min', '6 h 58 min'."""
        low, high = self.low, self.high
        if low is None:
            assert high is not None  # _a_range: one of them at least
            return f"at most {fmt(high)}"
        if high is None:
            return f"at least {fmt(low)}"
        return fmt(low) if low == high else f"{fmt(low)} to {fmt(high)}"


class ClockTime(_Strict):
    """A local clock time as a source states it, in the zone of the place (IANA name)."""
    local: datetime  # ISO 8601 without an offset: the zone gives it
    zone: str = Field(min_length=1, max_length=100)
    within_s: float = Field(default=0, ge=0, le=86400, allow_inf_nan=False)  # 'around 10:40': how far off it may be

    @field_validator("local")
    @classmethod
    def _naive(cls, v: datetime) -> datetime:
        if v.tzinfo is not None:
            raise ValueError("a clock time is local: give its zone, not an offset")
        return v

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"'{v}' is not an IANA time zone (such as Asia/Vladivostok)") from exc
        return v

    def instant(self) -> datetime:
        """In UTC: two aware times in the same zone subtract as wall times, across an offset change too."""
        return self.local.replace(tzinfo=ZoneInfo(self.zone)).astimezone(timezone.utc)


def range_from_clock(departure: ClockTime, arrival: ClockTime) -> PublishedRange:
    """The elapsed time between two local clock times, widened by how far off each may be."""
    elapsed = (arrival.instant() - departure.instant()).total_seconds()
    if elapsed <= 0:
        raise ValueError("the arrival is not after the departure")
    slack = departure.within_s + arrival.within_s
    return PublishedRange(low=max(0.0, elapsed - slack), high=elapsed + slack)


class Timing(_Strict):
    id: Id
    label: str = Field(min_length=1, max_length=500)
    sample: Id
    route_id: Id
    from_station: str
    to_station: str
    measure: Literal["total", "running", "refit"]
    station: str | None = None  # the break of gauge, for a refit
    kind: Kind
    confidence: Confidence
    set: SetName
    # YYYY, YYYY-MM or YYYY-MM-DD: when it happened or was timetabled; None when the source does not say
    event_date: str | None = Field(max_length=10)
    departure: ClockTime | None = None
    arrival: ClockTime | None = None
    published_s: PublishedRange
    wording: str = Field(min_length=1, max_length=5000)
    sources: tuple[TimingSource, ...] = Field(min_length=1)
    notes: str = Field(default="", max_length=5000)

    @model_validator(mode="before")
    @classmethod
    def _range_from_clock_times(cls, data: Any) -> Any:
        """Clock times give the range; a range stated beside them must be the one they give."""
        if not isinstance(data, dict) or data.get("departure") is None or data.get("arrival") is None:
            return data
        derived = range_from_clock(ClockTime.model_validate(data["departure"]), ClockTime.model_validate(data["arrival"]))
        stated = data.get("published_s")
        if stated is not None and PublishedRange.model_validate(stated) != derived:
            raise ValueError(f"{data.get('id')}: published_s {stated} is not what the clock times give "
                             f"({derived.low:g} to {derived.high:g} s): give one or the other")
        return {**data, "published_s": derived}

    @model_validator(mode="after")
    def _consistent(self) -> "Timing":
        if self.measure == "refit" and not self.station:
            raise ValueError(f"{self.id}: a refit timing names its break of gauge (station)")
        if (self.departure is None) != (self.arrival is None):
            raise ValueError(f"{self.id}: clock times come in pairs: a departure and an arrival")
        if self.event_date is not None and not _EVENT_DATE.match(self.event_date):
            raise ValueError(f"{self.id}: event_date '{self.event_date}' is not YYYY, YYYY-MM or YYYY-MM-DD")
        if self.set != split_set(self.id):
            raise ValueError(f"{self.id}: its set is '{split_set(self.id)}' by the fixed rule "
                             f"(sha256 of the id modulo 3), not '{self.set}'")
        return self

    @property
    def year(self) -> int | None:
        return None if self.event_date is None else int(self.event_date[:4])

    @property
    def one_sided(self) -> bool:
        return self.published_s.one_sided

    @property
    def counted(self) -> bool:
        """Whether it counts in coverage: observed or timetabled, high or medium confidence, two-sided."""
        return self.kind in COUNTED_KINDS and self.confidence in COUNTED_CONFIDENCE and not self.one_sided


class TimingsFile(_Strict):
    format: Literal["traintool.timings"] = "traintool.timings"
    version: Literal[2] = 2
    notes: str = ""
    timings: tuple[Timing, ...]

    @model_validator(mode="after")
    def _unique_ids(self) -> "TimingsFile":
        seen: set[str] = set()
        for t in self.timings:
            if t.id in seen:
                raise ValueError(f"the id '{t.id}' is used by two timings")
            seen.add(t.id)
        return self
