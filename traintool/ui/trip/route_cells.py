"""What the route editor's cells show and how what is typed in them is read: figures written as people
write them, a typed figure or list of gauges checked against the model's own limits, and the time zone
cell's editor."""
from __future__ import annotations

import math
import typing

import annotated_types as at
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QStyledItemDelegate

from ...model import Section, Station
from ...model.car_type import Gauge
from ...printable import printable

SHOWN_TYPED = 40  # characters of a refused value quoted back: a sentence, not the 10,000 characters typed


def _bound(metadata: list[object], kind: type, name: str) -> int:
    """A limit the model states (annotated_types' MaxLen, Ge or Le, by its attribute's name) as a number."""
    return next(int(getattr(m, name)) for m in metadata if isinstance(m, kind))


# The model's own limits, said in the editor's sentences before the model would refuse in its words.
NAME_MOST = _bound(Station.model_fields["name"].metadata, at.MaxLen, "max_length")
GAUGES_MOST = _bound(Section.model_fields["gauges_mm"].metadata, at.MaxLen, "max_length")
GAUGE_MM = (_bound(typing.get_args(Gauge)[1].metadata, at.Ge, "ge"), _bound(typing.get_args(Gauge)[1].metadata, at.Le, "le"))


def rounded(x: float, decimals: int) -> str:
    """A figure as a person writes it in a table: "2.6", "75.2", "120", never "2.64083" (and no
    thousands separator, which would read as a decimal comma when typed back)."""
    text = f"{x:.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def number(text: str, what: str) -> float:
    """The figure typed; ValueError with a sentence if it is none ("nan", "1e309" and 10,000 nines
    parse as floats, but are no figure)."""
    try:
        x = float(text.replace(",", "."))
    except ValueError:
        x = math.nan
    if not math.isfinite(x):
        raise ValueError(f"{what}: “{printable(text, SHOWN_TYPED)}” is not a number")
    return x


def gauges(text: str) -> tuple[int, ...]:
    """The gauges typed ("1435" or "1435/1520"), each a whole number of millimetres the model takes;
    ValueError with a sentence otherwise."""
    parts = text.split("/")
    if len(parts) > GAUGES_MOST:
        raise ValueError(f"a section has one to {GAUGES_MOST} gauges, not {len(parts)}")
    out = []
    for part in parts:
        x = number(part, "gauge")
        if x != int(x) or not GAUGE_MM[0] <= x <= GAUGE_MM[1]:
            raise ValueError(f"a gauge is a whole number from {GAUGE_MM[0]:,} to {GAUGE_MM[1]:,} mm, "
                             f"not “{printable(part, SHOWN_TYPED)}”")
        out.append(int(x))
    return tuple(out)


class ZoneDelegate(QStyledItemDelegate):
    """The time zone cell's editor: a line that offers the zone database's names as you type."""

    names: list[str] | None = None  # read once, when a zone is first edited

    def createEditor(self, parent, option, index):  # noqa: N802 (Qt's name)
        from zoneinfo import available_timezones

        if ZoneDelegate.names is None:
            ZoneDelegate.names = sorted(available_timezones())
        line = QLineEdit(parent)
        line.setMaxLength(64)  # the longest key the model takes
        completer = QCompleter(ZoneDelegate.names, line)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # "Vladi" finds Asia/Vladivostok
        line.setCompleter(completer)
        return line
