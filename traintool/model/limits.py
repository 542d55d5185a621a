"""The model's field limits, read from the pydantic fields, and said in the user's units.

Spin boxes and sliders take their ranges from here, and a refused edit names the limit it broke
("Top speed cap must be at most 335 mph"): the model is the one place a limit is written.
"""
from __future__ import annotations

import math
import typing
from dataclasses import dataclass
from enum import Enum

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..quantities import quantity, to_shown, unit_of
from ..units import UnitSystem


@dataclass(frozen=True)
class Limits:
    """The range a field accepts, in SI; None where it is open. `*_open`: the bound itself is refused."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False


def _metadata(info: FieldInfo) -> list[object]:
    """The constraints of a field, including those of an Annotated alias inside `X | None`."""
    found = list(info.metadata)
    for arg in typing.get_args(info.annotation):
        if typing.get_origin(arg) is typing.Annotated:
            for extra in arg.__metadata__:
                found.extend(extra.metadata if isinstance(extra, FieldInfo) else [extra])
    return found


def field_limits(model: type[BaseModel], field: str) -> Limits:
    low = high = None
    low_open = high_open = False
    for m in _metadata(model.model_fields[field]):
        if isinstance(m, at.Ge):
            low = float(m.ge)  # type: ignore[arg-type]
        elif isinstance(m, at.Gt):
            low, low_open = float(m.gt), True  # type: ignore[arg-type]
        elif isinstance(m, at.Le):
            high = float(m.le)  # type: ignore[arg-type]
        elif isinstance(m, at.Lt):
            high, high_open = float(m.lt), True  # type: ignore[arg-type]
    return Limits(low, high, low_open, high_open)


def field_kind(model: type[BaseModel], field: str) -> str:
    """How a form edits `field`: "choice" (an enum), "count" (an integer), else its quantity
    ("duration", "speed", "length", "distance", "mass" or "plain")."""
    annotation = model.model_fields[field].annotation
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "choice"
    if annotation is int:
        return "count"
    return quantity(field)


def shown_range(model: type[BaseModel], field: str, units: UnitSystem, decimals: int = 0) -> tuple[float, float]:
    """The range a spin box showing `field` to `decimals` takes: every value it can show is one the model accepts."""
    lim = field_limits(model, field)
    step = 10.0 ** -decimals
    lo = to_shown(field, lim.low, units) if lim.low is not None else 0.0
    hi = to_shown(field, lim.high, units) if lim.high is not None else 1e9
    lo = math.ceil(round(lo / step, 9)) * step
    hi = math.floor(round(hi / step, 9)) * step
    if lim.low_open and lo <= to_shown(field, lim.low or 0.0, units):
        lo += step
    if lim.high_open and hi >= to_shown(field, lim.high or 0.0, units):
        hi -= step
    return lo, hi


def _nice(x: float, down: bool) -> str:
    """A limit as a person writes it: 3 significant figures, rounded inwards so the value said is allowed."""
    if x == 0 or not math.isfinite(x):
        return f"{x:g}"
    digits = max(0, 2 - int(math.floor(math.log10(abs(x)))))
    scale = 10.0 ** digits
    v = (math.floor if down else math.ceil)(round(x * scale, 6)) / scale
    return f"{v:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{v:,.0f}"


def limit_sentence(label: str, model: type[BaseModel], field: str, units: UnitSystem | None,
                   which: str | None = None) -> str | None:
    """'Top speed cap must be at most 335 mph' (None for a field with no numeric limit).

    `which`: "low" or "high" says only the bound that was broken; None says both."""
    lim = field_limits(model, field)
    units = units or UnitSystem.METRIC
    unit = unit_of(field, units)
    unit = f" {unit}" if unit else ""
    parts = []
    if lim.low is not None and which != "high":
        parts.append(f"{'more than' if lim.low_open else 'at least'} {_nice(to_shown(field, lim.low, units), False)}{unit}")
    if lim.high is not None and which != "low":
        parts.append(f"{'less than' if lim.high_open else 'at most'} {_nice(to_shown(field, lim.high, units), True)}{unit}")
    if not parts:
        return None
    return f"{label} must be {' and '.join(parts)}"


def field_label(field: str, model: type[BaseModel] | None = None) -> str:
    """How a form or a message names a field: its title in the model where it has one ("Speed through
    the changer"), else made from its name ('top_speed_cap_m_s' -> 'Top speed cap')."""
    title = model.model_fields[field].title if model is not None and field in model.model_fields else None
    if title:
        return title
    for suffix in ("_m_s", "_kg", "_mm", "_m", "_s", "_w", "_n", "_m2"):
        if field.endswith(suffix):
            field = field.removesuffix(suffix)
            break
    return field.replace("_s_per_", " per ").replace("_", " ").capitalize()


# How a message names a figure where its field's title would not do.
_RANGE_NAMES = {"max_speed_m_s": "top speed", "max_tractive_effort_n": "tractive effort", "gradient_permille": "gradient",
                "dwell_s": "dwell"}


def range_name(field: str, model: type[BaseModel]) -> str:
    """'mass', 'speed limit', 'lift': a figure as a sentence names it."""
    return _RANGE_NAMES.get(field) or field_label(field, model).lower()
