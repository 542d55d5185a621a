"""The locomotive a railway puts on at a change, as a file names it: a catalogue car type by id.

Files name the type by id (`locomotive_id`); reading one fills in the type itself from the catalogue
(`ServiceRules.locomotive_type`, which is never saved), so the physics has its figures. An id that is
no locomotive of the catalogue is refused in one sentence naming the file, the railway, the service
and the id.

An older file names the locomotive in free text (`locomotive`). Such a name is taken as a catalogue
type when it is that type's id, or when every word of it is a word of that type's label and of no
other locomotive's ('EP09 electric' is the 'EP09 electric locomotive (PKP Intercity)'): nothing the
name said is lost. Any other name ('DF11 diesel', for which the catalogue has no type) is kept as the
rules' note, the railway names no type, and the consist's own locomotives haul; the report and
`compute` say so.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from ..errors import DocumentError
from ..model import CarType

_WORD = re.compile(r"[^\s(),;]+")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def type_for_name(name: str, types: Sequence[CarType]) -> CarType | None:
    """The catalogue locomotive an older file's free-text name stands for, or None (see the module notes)."""
    locos = [t for t in types if t.is_locomotive]
    by_id = next((t for t in locos if t.id == name.strip()), None)
    if by_id is not None:
        return by_id
    words = _words(name)
    if not words:
        return None
    found = [t for t in locos if words <= _words(t.label)]
    return found[0] if len(found) == 1 else None


def _rules_in(data: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, rules) for each railway's rules of a service in a route's data (malformed parts are left
    for validation to report)."""
    railways = data.get("railways") if isinstance(data, dict) else None
    if not isinstance(railways, list):
        return
    for i, rw in enumerate(railways):
        services = rw.get("services") if isinstance(rw, dict) else None
        if not isinstance(services, dict):
            continue
        name = rw.get("name") or rw.get("id") or f"railway {i + 1}"
        for service, rules in services.items():
            if isinstance(rules, dict):
                yield f"railways[{i}] ({name}), {service} service", rules


Types = Callable[[], Sequence[CarType]]  # the catalogue, read only when a file names a locomotive


def _fill(where: str, rules: dict[str, Any], catalogue: Types, source: str) -> None:
    """Migrate an older free-text name, then put in the named type (or refuse an unknown id)."""
    rules.pop("locomotive_type", None)  # only the catalogue says what a locomotive is
    if "locomotive" not in rules and not isinstance(rules.get("locomotive_id"), str):
        return
    types = catalogue()
    if "locomotive" in rules:
        old = rules.pop("locomotive")
        found = type_for_name(old, types) if isinstance(old, str) else None
        if found is not None and rules.get("locomotive_id") in (None, found.id):
            rules["locomotive_id"] = found.id
        elif old is not None and not isinstance(old, str):
            rules["locomotive_note"] = old  # not text: validation refuses it, naming the field
        elif isinstance(old, str) and old.strip():
            note = rules.get("locomotive_note")
            rules["locomotive_note"] = f"{note}; {old}" if isinstance(note, str) and note else old
    rid = rules.get("locomotive_id")
    if not isinstance(rid, str):
        return  # none, or not an id at all: validation says so
    t = next((t for t in types if t.id == rid), None)
    if t is None or not t.is_locomotive:
        known = ", ".join(t.id for t in types if t.is_locomotive)
        what = "is not a locomotive" if t is not None else "is not a car type"
        raise DocumentError(f"{source}: {where}: locomotive_id '{rid}' {what} of the catalogue (its locomotives: "
                            f"{known})", path=source, field="locomotive_id")
    rules["locomotive_type"] = t


def fill_route_locomotives(data: Any, catalogue: Types, source: str) -> None:
    """In a route's data (a route file's, or a document's own route): each railway's locomotive."""
    for where, rules in _rules_in(data):
        _fill(where, rules, catalogue, source)


def fill_document_locomotives(data: Any, catalogue: Types, source: str) -> None:
    """In a document's data: its own route's railways' locomotives and those of its scenario's rules."""
    if not isinstance(data, dict):
        return
    fill_route_locomotives(data.get("route"), catalogue, source)
    scenario = data.get("scenario")
    overrides = scenario.get("railway_overrides") if isinstance(scenario, dict) else None
    if isinstance(overrides, dict):
        for rid, rules in overrides.items():
            if isinstance(rules, dict):
                _fill(f"scenario.railway_overrides.{rid}", rules, catalogue, source)
