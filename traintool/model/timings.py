"""Published timings: what was observed or timetabled, with its sources, for checking the model.

`resources/timings.json` holds them. Each names a shipped sample, a route and two of its
stations, what was timed (the whole trip between them, the running time, or the stand at a break
of gauge), the range its wording allows (in seconds; either end may be open) and its sources.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .car_type import Id


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TimingSource(_Strict):
    title: str = Field(min_length=1, max_length=500)
    publisher: str = Field(min_length=1, max_length=500)
    date: str | None = Field(default=None, max_length=200)
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

    def text(self, fmt: Callable[[float], str]) -> str:
        """'at least 20 h', 'at most 1 h 30 min', '6 h 30 min to 7 h 30 min', '6 h 58 min'."""
        low, high = self.low, self.high
        if low is None:
            assert high is not None  # _a_range: one of them at least
            return f"at most {fmt(high)}"
        if high is None:
            return f"at least {fmt(low)}"
        return fmt(low) if low == high else f"{fmt(low)} to {fmt(high)}"


class Timing(_Strict):
    id: Id
    label: str = Field(min_length=1, max_length=500)
    sample: Id
    route_id: Id
    from_station: str
    to_station: str
    measure: Literal["total", "running", "refit"]
    station: str | None = None  # the break of gauge, for a refit
    published_s: PublishedRange
    wording: str = Field(min_length=1, max_length=5000)
    year: int | None = Field(default=None, ge=1900, le=2100)
    sources: tuple[TimingSource, ...] = Field(min_length=1)
    notes: str = Field(default="", max_length=5000)

    @model_validator(mode="after")
    def _refit_has_a_station(self) -> "Timing":
        if self.measure == "refit" and not self.station:
            raise ValueError(f"{self.id}: a refit timing names its break of gauge (station)")
        return self


class TimingsFile(_Strict):
    format: Literal["traintool.timings"] = "traintool.timings"
    version: Literal[1] = 1
    notes: str = ""
    timings: tuple[Timing, ...]
