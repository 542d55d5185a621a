"""Unit conversions, in one place. Everything inside traintool is SI (m, kg, s, N, W)."""
from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import numpy as np  # for the type only: the window's frame, which imports this, starts without numpy

# One value or a whole profile's array: the conversions work on both alike.
Quantity = TypeVar("Quantity", float, "np.ndarray")

KMH = 1000.0 / 3600.0  # m/s in one km/h
MPH = 1609.344 / 3600.0  # m/s in one mph
KM = 1000.0
MILE = 1609.344
FOOT = 0.3048
TONNE = 1000.0
SHORT_TON = 907.18474  # kg in one short ton (2,000 lb): the imperial ton of North American railways
KN = 1000.0
KW = 1000.0
HP = 745.69987158227022  # W in one (mechanical) horsepower
LBF = 4.4482216152605  # N in one pound-force
G = 9.80665  # standard gravity, m/s²


# The decimals a figure of each kind is shown to, (metric, imperial): the one rule for the inspector's
# fields, the catalogue and the layout's tooltips. A car's length to the centimetre or to a tenth of a
# foot (3 cm), a mass to a tenth of a tonne or of a short ton, a top speed whole.
DECIMALS = {"length": (2, 1), "mass": (1, 1), "speed": (0, 0)}


def kmh_to_ms(v: float) -> float:
    return v * KMH


class UnitSystem(str, Enum):
    METRIC = "metric"
    IMPERIAL = "imperial"

    def decimals(self, kind: str) -> int:
        """The decimals a figure of `kind` ('length', 'mass', 'speed') is shown to in this system."""
        return DECIMALS[kind][self is UnitSystem.IMPERIAL]

    @property
    def speed_unit(self) -> str:
        return "km/h" if self is UnitSystem.METRIC else "mph"

    @property
    def distance_unit(self) -> str:
        return "km" if self is UnitSystem.METRIC else "mi"

    @property
    def length_unit(self) -> str:
        """A car's or a track's length: metres, or feet."""
        return "m" if self is UnitSystem.METRIC else "ft"

    def length(self, x_m: Quantity) -> Quantity:
        """m to the display unit of a length (a car, a track)."""
        return x_m if self is UnitSystem.METRIC else x_m / FOOT

    def length_to_si(self, x: Quantity) -> Quantity:
        return x if self is UnitSystem.METRIC else x * FOOT

    def speed(self, v_ms: Quantity) -> Quantity:
        """m/s to the display unit."""
        return v_ms / (KMH if self is UnitSystem.METRIC else MPH)

    def speed_to_si(self, v: Quantity) -> Quantity:
        return v * (KMH if self is UnitSystem.METRIC else MPH)

    def distance(self, x_m: Quantity) -> Quantity:
        """m to the display unit."""
        return x_m / (KM if self is UnitSystem.METRIC else MILE)

    def distance_to_si(self, x: Quantity) -> Quantity:
        return x * (KM if self is UnitSystem.METRIC else MILE)

    @property
    def mass_unit(self) -> str:
        """Tonnes, or (short) tons."""
        return "t" if self is UnitSystem.METRIC else "tons"

    def mass(self, kg: Quantity) -> Quantity:
        return kg / (TONNE if self is UnitSystem.METRIC else SHORT_TON)

    def mass_to_si(self, x: Quantity) -> Quantity:
        return x * (TONNE if self is UnitSystem.METRIC else SHORT_TON)

    @property
    def power_unit(self) -> str:
        return "kW" if self is UnitSystem.METRIC else "hp"

    def power_per_mass(self, w: float, kg: float) -> str:
        """A train's power for its mass: '1.06 kW/t', '1.29 hp/ton' (0 for no mass)."""
        ratio = self.power(w) / self.mass(kg) if kg else 0.0
        return f"{ratio:.2f} {self.power_unit}/{'t' if self is UnitSystem.METRIC else 'ton'}"

    def power(self, w: Quantity) -> Quantity:
        return w / (KW if self is UnitSystem.METRIC else HP)

    def power_to_si(self, x: Quantity) -> Quantity:
        return x * (KW if self is UnitSystem.METRIC else HP)

    @property
    def force_unit(self) -> str:
        """A tractive effort: kilonewtons, or pounds-force."""
        return "kN" if self is UnitSystem.METRIC else "lbf"

    def force(self, n: Quantity) -> Quantity:
        return n / (KN if self is UnitSystem.METRIC else LBF)

    def force_to_si(self, x: Quantity) -> Quantity:
        return x * (KN if self is UnitSystem.METRIC else LBF)


def car_length_text(x_m: float, units: UnitSystem) -> str:
    """A car's length as a person writes it: to the centimetre in metres, to a tenth of a foot."""
    shown = f"{units.length(x_m):.{units.decimals('length')}f}".rstrip("0").rstrip(".")
    return f"{shown} {units.length_unit}"


def car_mass_text(kg: float, units: UnitSystem) -> str:
    """A car's mass as a person writes it: to a tenth of a tonne, or of a ton."""
    return f"{units.mass(kg):.{units.decimals('mass')}f}".rstrip("0").rstrip(".") + f" {units.mass_unit}"


DURATION_DAYS_FROM_H = 72


def format_duration(seconds: float) -> str:
    """'29 h 18 min', '1 h 30 min', '45 min', '30 s' — how people read trip times: hours and minutes
    up to 72 h (a trip of a day and a half reads '35 h 52 min', as timetables give it), days beyond
    ('3 d 4 h 00 min'). The one rule for every time shown, printed or exported as text."""
    if seconds != seconds or seconds in (float("inf"), float("-inf")):
        return "—"
    sign = "−" if seconds < 0 else ""
    s = abs(seconds)
    if s < 60:
        return f"{sign}{s:.0f} s"
    minutes = int(round(s / 60.0))
    h, m = divmod(minutes, 60)
    if h >= DURATION_DAYS_FROM_H:
        d, h = divmod(h, 24)
        return f"{sign}{d} d {h} h {m:02d} min"
    if h:
        return f"{sign}{h} h {m:02d} min"
    return f"{sign}{m} min"
