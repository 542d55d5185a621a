"""Turn pydantic's validation errors into messages that name the field and the car: the one place that does.

Files (io) prefix the file's name; edits (model/edits.py) say it as a refusal. No raw pydantic text reaches a user.
"""
from __future__ import annotations

from typing import Any

from pydantic import ValidationError


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
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
        name = str(name)[:80]
        return f" (car {i + 1}{', ' + name if name else ''})"
    if len(loc) >= 2 and loc[0] in ("car_types", "sections", "stations") and isinstance(loc[1], int):
        try:
            raw = data[loc[0]][loc[1]]
            label = raw.get("id") or raw.get("name") if isinstance(raw, dict) else None
        except (KeyError, IndexError, TypeError):
            label = None
        return f" ({str(label)[:80]})" if label else ""
    return ""


def describe_validation_error(exc: ValidationError, data: Any = None, *, limit: int = 5) -> str:
    """One line per problem (at most `limit`): 'field path (car 3, name): what is wrong'."""
    lines = []
    errors = exc.errors(include_url=False)
    for err in errors[:limit]:
        loc = tuple(err.get("loc", ()))
        msg = str(err.get("msg", "invalid"))
        msg = msg.removeprefix("Value error, ")
        path = _field_path(loc)
        if path:
            lines.append(f"{path}{_car_hint(loc, data)}: {msg}")
        else:
            lines.append(msg)
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more problems")
    return "\n".join(lines)
