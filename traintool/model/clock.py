"""Clock times: the departure of a trip (a local wall-clock time and its IANA zone) and the time
zones of stations, read with the standard library's zoneinfo (the tzdata package carries the
database where the system has none, as on Windows)."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, Field, field_validator

from .car_type import StrictModel

# An IANA key as the database spells them ("Asia/Pyongyang", "America/Argentina/Buenos_Aires",
# "Etc/GMT+9", "UTC"): no dots, so no path can climb out of the database's folder.
_ZONE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}")
# Files of the database that are not zones of a place: the machine's own zone, and the folders of
# the other builds of the same zones.
_NOT_A_PLACE = ("localtime", "posixrules", "Factory")
_NOT_A_PLACE_PREFIX = ("posix/", "right/")

# The earliest and latest departure: the database's rules are historical from 1970 on, and a trip
# of up to 30 days past 2200 would still be a date Python can hold.
FIRST_DEPARTURE = datetime(1900, 1, 1)
LAST_DEPARTURE = datetime(2200, 1, 1)


@lru_cache(maxsize=256)
def zone(key: str) -> ZoneInfo:
    """The zone of an IANA key; ValueError with a sentence if there is none of that name."""
    shown = key if len(key) <= 64 else key[:60] + "..."
    if len(key) > 64 or not _ZONE_KEY.fullmatch(key) or key in _NOT_A_PLACE or key.startswith(_NOT_A_PLACE_PREFIX):
        raise ValueError(f"'{shown}' is not an IANA time zone (a name like Asia/Pyongyang or Europe/Moscow)")
    try:
        return ZoneInfo(key)
    except (OSError, ValueError):  # not found (ZoneInfoNotFoundError is a KeyError: below), a folder, a bad file
        raise ValueError(f"'{shown}' is not an IANA time zone (a name like Asia/Pyongyang or Europe/Moscow)") from None
    except KeyError:
        raise ValueError(f"'{shown}' is not an IANA time zone (a name like Asia/Pyongyang or Europe/Moscow)") from None


def _check_zone(key: str) -> str:
    zone(key)
    return key


TimeZone = Annotated[str, Field(max_length=64, description="an IANA time zone, such as Asia/Pyongyang"),
                     AfterValidator(_check_zone)]


def default_departure_time(today: date | None = None) -> datetime:
    """When a new document departs: 08:00 tomorrow, local time at the first station."""
    day = (today or date.today()) + timedelta(days=1)
    return datetime.combine(day, time(8, 0))


class Departure(StrictModel):
    """When the trip starts: a wall-clock time at the first station, in `time_zone` (None: the first
    station's zone; UTC when the route gives none)."""

    local: datetime = Field(default=datetime(2026, 1, 1, 8, 0),
                            description="local date and time of departure, without an offset (ISO 8601)")
    time_zone: TimeZone | None = Field(default=None, description="IANA zone of `local`; none: the first station's")

    @field_validator("local")
    @classmethod
    def _local(cls, v: datetime) -> datetime:
        if v.tzinfo is not None:
            raise ValueError("give the local time without an offset (the zone is time_zone), "
                             f"as {v.replace(tzinfo=None).isoformat(timespec='minutes')}")
        if not FIRST_DEPARTURE <= v < LAST_DEPARTURE:
            raise ValueError(f"{v.isoformat(timespec='minutes')} is not between {FIRST_DEPARTURE.year} "
                             f"and {LAST_DEPARTURE.year}")
        return v
