"""Turn pydantic's validation errors into messages that name the field and the car: the one place that does.

Files (io) prefix the file's name; edits (model/edits.py) say it as a refusal. No raw pydantic text
reaches a user, and nothing a file holds is echoed raw: every value is made printable and cut short.
"""
from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..printable import printable


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + printable(part, 80)  # an unknown key may be megabytes long
    return out


def _car_hint(loc: tuple[Any, ...], data: Any) -> str:
    """' (car 13, Armored coach 3)' when the error is inside a car of the consist."""
    if len(loc) >= 3 and loc[0] == "consist" and loc[1] == "cars" and isinstance(loc[2], int):
        i = loc[2]
        name = ""
        try:
            raw = data["consist"]["cars"][i]
            if isinstance(raw, dict):
                name = raw.get("name") or raw.get("type_id") or ""
        except (KeyError, IndexError, TypeError):
            pass
        name = printable(name, 80)
        return f" (car {i + 1}{', ' + name if name else ''})"
    if len(loc) >= 2 and loc[0] in ("car_types", "sections", "stations") and isinstance(loc[1], int):
        try:
            raw = data[loc[0]][loc[1]]
            label = raw.get("id") or raw.get("name") if isinstance(raw, dict) else None
        except (KeyError, IndexError, TypeError):
            label = None
        return f" ({printable(label, 80)})" if label else ""
    return ""


def describe_validation_error(exc: ValidationError, data: Any = None, *, limit: int = 5,
                              prefix: tuple[Any, ...] = (), offset: int = 0) -> str:
    """One line per problem (at most `limit`): 'field path (car 3, name): what is wrong'.

    `prefix` and `offset` place the errors of a slice of a list (validated on its own) in the file.
    """
    lines = []
    errors = exc.errors(include_url=False, include_input=False)
    count = exc.error_count()
    for err in errors[:limit]:
        loc = tuple(err.get("loc", ()))
        if prefix:
            loc = prefix + ((loc[0] + offset,) + loc[1:] if loc and isinstance(loc[0], int) else loc)
        msg = str(err.get("msg", "invalid"))
        msg = msg.removeprefix("Value error, ")
        path = _field_path(loc)
        line = f"{path}{_car_hint(loc, data)}: {msg}" if path else msg
        lines.append(printable(line))
    if count > limit:
        more = f"{count - limit:,} more problems" + (" in this slice of the list, and perhaps more after it"
                                                     if prefix else "")
        lines.append(f"... and {more}")
    return "\n".join(lines)
