"""Every change a user can make to a document, as a pure function: document -> Edit.

An Edit holds the new document, the text of its undo step and a record of what changed (which
cars, the car types, the scenario, the route), in the spirit of Anki's OpChanges: the window
pushes one undo step and each view redraws only what the record names. The window, the command
line and the tests all change documents through these functions, and no other way.

Each new document is valid as a freshly loaded one would be (`Document.model_validate` of its
dumped data gives it back; the state-machine test checks this after every step). A 100,000-car
consist cannot be revalidated whole in the 50 ms an edit may take, so an edit validates what it
makes (the new cars, the new scenario or route) and the document-wide rules that what it changed
can break; what it did not touch was valid before. A refused edit raises EditError with a sentence
a user can act on, and changes nothing.
"""
from __future__ import annotations

import math
import operator
from datetime import date, datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain, compress, count, pairwise
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import EditError
from ..units import UnitSystem
from .car_type import KIND_LABELS, CarType
from .clock import Departure, default_departure_time, zone
from .consist import MAX_CARS, OVERRIDABLE, Car, Consist
from .document import Document, scenario_station_problem
from ..quantities import range_text, shown_quantity
from .limits import field_label, field_limits, limit_sentence, range_name
from .operations import Operation, OperationKind, ServiceKind, ServiceRules
from .ranges import RANGED_FIELDS, Range
from .route import BreakOfGauge, RefitFacility, Route, Section, Station
from .scenario import Assumptions, Haulage, Scenario, refit_key
from .validation import describe_validation_error

ALL: Literal["all"] = "all"


class NoChange(EditError):
    """The edit would leave the document as it is (a value typed again): not an error to show."""

CAR_FIELDS = ("name",) + OVERRIDABLE


@dataclass(frozen=True, slots=True)
class Changes:
    """What an edit changed. `cars`: the positions of cars whose values changed in place (their number
    and order did not), or ALL when cars were added, removed or reordered, or their types changed.
    `stretch`, when cars were added, removed or reordered and it is known: (start, old stop, new
    stop), the cars start..old stop were replaced by those at start..new stop; the cars before and
    after are the same objects (so a view of a 100,000-car train redoes only that stretch)."""

    cars: tuple[int, ...] | Literal["all"] = ()
    car_types: bool = False
    scenario: bool = False
    route: bool = False
    name: bool = False  # the document's name or notes
    stretch: tuple[int, int, int] | None = None

    def undone(self) -> Changes:
        """The changes of undoing this edit: the same, the stretch's stops swapped."""
        if self.stretch is None:
            return self
        start, old_stop, new_stop = self.stretch
        return replace(self, stretch=(start, new_stop, old_stop))

    @property
    def consist(self) -> bool:
        """The resolved cars (and so the consist's stats) may differ."""
        return self.cars == ALL or bool(self.cars) or self.car_types

    @property
    def trip(self) -> bool:
        """The trip's answer may differ."""
        return self.consist or self.scenario or self.route

    def completed(self, old: Sequence[Car], new: Sequence[Car]) -> Changes:
        """This record with its stretch known, for the cars `old` became `new`: the record's own when
        it holds for them, else found by identity (steps merged into one lose theirs). None when the
        cars did not move, or their types changed (then any car may differ)."""
        if self.cars != ALL or self.car_types:
            return self
        if self.stretch is not None and self.stretch[1] - self.stretch[2] == len(old) - len(new):
            return self
        start = _same_for(old, new, min(len(old), len(new)))
        end_same = min(_same_for(reversed(old), reversed(new), len(old)), len(old) - start, len(new) - start)
        return replace(self, stretch=(start, len(old) - end_same, len(new) - end_same))

    def __or__(self, other: Changes) -> Changes:
        if self.cars == ALL or other.cars == ALL:
            cars: tuple[int, ...] | Literal["all"] = ALL
        else:
            cars = tuple(sorted(set(self.cars) | set(other.cars)))
        return Changes(cars, self.car_types or other.car_types, self.scenario or other.scenario,
                       self.route or other.route, self.name or other.name)


EVERYTHING = Changes(ALL, True, True, True, True)


def _same_for(a: Iterable[object], b: Iterable[object], most: int) -> int:
    """How many items the two run through are the same objects before the first that is not (at
    most `most`): lazily at C speed, no list of flags made, and only as far as the first difference."""
    return next(compress(count(), map(operator.is_not, a, b)), most)


@dataclass(frozen=True, slots=True)
class Edit:
    document: Document
    label: str
    changes: Changes
    selection: tuple[int, ...] | None = None  # the cars to select afterwards (None: keep the selection)


# --- validation ---------------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def _refusal(e: ValidationError, model: type[BaseModel], data: Any, what: str) -> EditError:
    """The first problem pydantic found, as the project's error; a numeric limit keeps its field."""
    err = e.errors(include_url=False)[0]
    loc = err.get("loc", ())
    field = loc[0] if len(loc) == 1 and isinstance(loc[0], str) else None
    kind = err.get("type")
    if field is not None and kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        label = f"{what[0].upper()}{what[1:]}: {field_label(field, model).lower()}" if what else field_label(field, model)
        which = "low" if kind.startswith("greater") else "high"
        sentence = limit_sentence(label, model, field, None, which)
        return EditError(f"{sentence}.", in_units=partial(limit_sentence, label, model, field, which=which))
    text = describe_validation_error(e, data, limit=1)
    return EditError(f"{what}: {text}" if what else text[0].upper() + text[1:])


def _validate(model: type[M], data: dict[str, Any], what: str = "") -> M:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise _refusal(e, model, data, what) from None


def _fields(m: BaseModel, model: type[BaseModel] | None = None) -> dict[str, Any]:
    """A model's fields (those of `model`, default its own class) as they are: sub-models are kept as
    objects, which pydantic takes as valid."""
    return {k: getattr(m, k) for k in (model or type(m)).model_fields}


def _new_document(doc: Document, **update: Any) -> Document:
    return doc.model_copy(update=update)


def _check_cars(cars: Iterable[Car], types: Mapping[str, CarType], first: int = 0) -> None:
    for i, car in enumerate(cars, start=first):
        if car.type_id not in types:
            raise EditError(f"Car {i + 1}: its type '{car.type_id}' is not in the document's car types")


def check_route_keys(doc: Document, route: Route | None) -> None:
    """The scenario names only stations the route has (else the saved file would not load again)."""
    problem = scenario_station_problem(doc.scenario, route)
    if problem:
        raise EditError(problem)


def _count(n: int, what: str = "car") -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"


def type_phrase(types: Sequence[CarType]) -> str:
    """'3 armored coaches', '2 cars': how undo steps name the cars they touch."""
    n = len(types)
    labels = {t.label for t in types}
    if len(labels) == 1:
        label = types[0].label.split(" (")[0]
        if n == 1:
            return label
        if label[1:2].islower():  # "Armored coach" reads "armored coach" inside a sentence; "DF4B" stays
            label = label[0].lower() + label[1:]
        return f"{n:,} {label}{'es' if label.endswith(('ch', 'sh', 's')) else 's'}"
    kinds = {t.kind for t in types}
    if len(kinds) == 1:
        k = KIND_LABELS[types[0].kind].lower()
        return k if n == 1 else f"{n:,} {k}s"
    return _count(n)


def _phrase(doc: Document, indices: Sequence[int]) -> str:
    types = doc.type_by_id()
    cars = doc.consist.cars
    return type_phrase([types[cars[i].type_id] for i in indices])


def _indices(doc: Document, indices: Iterable[int], *, at_least: int = 1) -> list[int]:
    n = len(doc.consist.cars)
    sel = sorted(set(indices))
    if len(sel) < at_least:
        raise EditError("No car is selected" if at_least == 1 else f"Select at least {at_least} cars")
    bad = [i for i in sel if not 0 <= i < n]
    if bad:
        raise EditError(f"There is no car {bad[0] + 1:,}: the consist has {_count(n)}")
    return sel


def _with_cars(doc: Document, cars: tuple[Car, ...], *, car_types: tuple[CarType, ...] | None = None) -> Document:
    if len(cars) > MAX_CARS:
        raise EditError(f"A consist holds at most {MAX_CARS:,} cars; this would make it {len(cars):,}. "
                        f"Nothing was changed.")
    update: dict[str, Any] = {"consist": Consist.model_construct(cars=cars)}
    if car_types is not None:
        update["car_types"] = car_types
    return _new_document(doc, **update)


def new_document(like: Document, today: date | None = None) -> Document:
    """An empty, untitled document on the same route as `like` (File > New), departing at 08:00
    tomorrow (`today`: the date it is made; the machine's date if not given)."""
    return Document(name="Untitled", route_id=like.route_id, route=like.route,
                    scenario=Scenario(departure=Departure(local=default_departure_time(today))))


# --- the consist ----------------------------------------------------------------------------------

def _merge_types(doc: Document, cars: Sequence[Car], types: Sequence[CarType]) -> tuple[list[Car], tuple[CarType, ...]]:
    """Bring `types` into the document. A type whose id the document has with other figures comes in
    under a new id ('armored-coach-2'), and the incoming cars follow it: a pasted car keeps its own figures."""
    have = {t.id: t for t in doc.car_types}
    added: list[CarType] = []
    renamed: dict[str, str] = {}
    for t in types:
        if t.id in renamed or (t.id in have and have[t.id] == t):
            continue
        if t.id in have:
            # The same figures already came in under another id (a second paste): use that one.
            same = next((o.id for o in have.values() if o.model_copy(update={"id": t.id}) == t), None)
            if same is not None:
                renamed[t.id] = same
                continue
            base = t.id[:60]
            new_id = next(f"{base}-{k}" for k in range(2, 100_000) if f"{base}-{k}" not in have)
            renamed[t.id] = new_id
            t = t.model_copy(update={"id": new_id})
        have[t.id] = t
        added.append(t)
    if renamed:
        cars = [c.model_copy(update={"type_id": renamed[c.type_id]}) if c.type_id in renamed else c for c in cars]
    return list(cars), doc.car_types + tuple(added)


def insert_cars(doc: Document, at: int, cars: Sequence[Car], types: Sequence[CarType] = (),
                verb: str = "Insert") -> Edit:
    """Insert `cars` before position `at` (clamped to the ends), bringing in the car types they use."""
    if not cars:
        raise EditError(f"Nothing to {verb.lower()}: no cars")
    old = doc.consist.cars
    new_cars, car_types = _merge_types(doc, cars, types)
    by_id = {t.id: t for t in car_types}
    _check_cars(new_cars, by_id)
    phrase = type_phrase([by_id[c.type_id] for c in new_cars])
    if len(old) + len(cars) > MAX_CARS:
        raise EditError(f"A consist holds at most {MAX_CARS:,} cars: “{verb} {phrase}” would make it "
                        f"{len(old) + len(cars):,}. Nothing was changed.")
    at = max(0, min(at, len(old)))
    document = _with_cars(doc, old[:at] + tuple(new_cars) + old[at:],
                          car_types=car_types if len(car_types) != len(doc.car_types) else None)
    return Edit(document, f"{verb} {phrase}", Changes(ALL, car_types=len(car_types) != len(doc.car_types),
                                                      stretch=(at, at, at + len(new_cars))),
                tuple(range(at, at + len(new_cars))))


def paste_cars(doc: Document, at: int, cars: Sequence[Car], types: Sequence[CarType]) -> Edit:
    """Paste cars copied from any document, with the definitions of their types (see _merge_types)."""
    return insert_cars(doc, at, cars, types, verb="Paste")


def insert_types(doc: Document, at: int, types: Sequence[CarType]) -> Edit:
    """One new car of each of `types` (from the catalogue), inserted at `at`."""
    return insert_cars(doc, at, [Car(type_id=t.id) for t in types], types)


def _without(cars: tuple[Car, ...], sel: list[int]) -> tuple[Car, ...]:
    """The cars but those at the sorted positions `sel`: slices joined at C speed (100,000 cars in a millisecond)."""
    bounds = [-1, *sel, len(cars)]
    return tuple(chain.from_iterable(cars[a + 1:b] for a, b in pairwise(bounds)))


def delete_cars(doc: Document, indices: Iterable[int], verb: str = "Delete") -> Edit:
    sel = _indices(doc, indices)
    phrase = _phrase(doc, sel)
    cars = _without(doc.consist.cars, sel)
    selection = (min(sel[0], len(cars) - 1),) if cars else ()
    stretch = (sel[0], sel[-1] + 1, sel[-1] + 1 - len(sel))
    return Edit(_with_cars(doc, cars), f"{verb} {phrase}", Changes(ALL, stretch=stretch), selection)


def move_cars(doc: Document, indices: Iterable[int], target: int, verb: str = "Move") -> Edit:
    """Move the cars, in their order, to land before the car now at `target` (len: to the end)."""
    sel = _indices(doc, indices)
    cars = doc.consist.cars
    if not 0 <= target <= len(cars):
        raise EditError(f"There is no place {target + 1:,} to move to: the consist has {_count(len(cars))}")
    moving = tuple(cars[i] for i in sel)
    before = sum(1 for i in sel if i < target)
    rest = _without(cars, sel)
    at = max(0, min(target - before, len(rest)))
    new = rest[:at] + moving + rest[at:]
    if at == sel[0] and sel == list(range(sel[0], sel[0] + len(sel))):
        raise NoChange("The cars are already there")
    stop = max(sel[-1] + 1, at + len(moving))  # from here on every car is where it was
    return Edit(_with_cars(doc, new), f"{verb} {_phrase(doc, sel)}", Changes(ALL, stretch=(min(sel[0], at), stop, stop)),
                tuple(range(at, at + len(moving))))


def shift_cars(doc: Document, indices: Iterable[int], step: int) -> Edit:
    """Move the cars one place towards the front (-1) or the back (+1)."""
    sel = _indices(doc, indices)
    n = len(doc.consist.cars)
    if step < 0 and sel[0] == 0:
        raise EditError("The first selected car is already at the front")
    if step > 0 and sel[-1] == n - 1:
        raise EditError("The last selected car is already at the back")
    target = sel[0] - 1 if step < 0 else sel[-1] + 2
    e = move_cars(doc, sel, target)
    return Edit(e.document, f"{e.label} {'left' if step < 0 else 'right'}", e.changes, e.selection)


def duplicate_cars(doc: Document, indices: Iterable[int]) -> Edit:
    """Copies of the cars (a car is immutable: the copy is the same object), right after the last of them."""
    sel = _indices(doc, indices)
    cars = doc.consist.cars
    return insert_cars(doc, sel[-1] + 1, [cars[i] for i in sel], verb="Duplicate")


def reverse_cars(doc: Document, indices: Iterable[int]) -> Edit:
    """Reverse the order of the cars among their own places."""
    sel = _indices(doc, indices, at_least=2)
    cars = list(doc.consist.cars)
    for i, j in zip(sel, reversed(sel)):
        cars[i] = doc.consist.cars[j]
    return Edit(_with_cars(doc, tuple(cars)), f"Reverse {_phrase(doc, sel)}", Changes(tuple(sel)), tuple(sel))


def set_car_field(doc: Document, indices: Iterable[int], field: str, value: Any, shown: str | None = None) -> Edit:
    """Set (or with None, reset to the type's value) one field of the cars at `indices`."""
    if field not in CAR_FIELDS:
        raise EditError(f"A car has no field '{field}' a user can set")
    sel = _indices(doc, indices)
    cars = list(doc.consist.cars)
    done: dict[Car, Car] = {}  # cars alike (most of a long train) become one new car, resolved once
    for i in sel:
        car = cars[i]
        new = done.get(car)
        if new is None:
            if value is None:
                new = car.model_copy(update={field: None})
            else:
                data = {**_fields(car), field: value}
                new = _validate(Car, data)  # the same value for every car: the message names the field
            done[car] = new
        cars[i] = new
    if all(cars[i] is doc.consist.cars[i] or cars[i] == doc.consist.cars[i] for i in sel):
        raise NoChange("Nothing to change: the cars have that value already")
    what = f"car {sel[0] + 1:,}" if len(sel) == 1 else _count(len(sel))
    label = field_label(field).lower()
    if field == "name":
        text = f"Rename {what} to “{value}”" if value else f"Reset the name of {what}"
    else:
        text = (f"Reset {label} of {what}" if value is None else
                f"Set {label} of {what} to {shown if shown is not None else value}{_outside_type_range(doc, sel, field, value)}")
    return Edit(_with_cars(doc, tuple(cars)), text, Changes(tuple(sel)), None)


def _outside_type_range(doc: Document, sel: list[int], field: str, value: Any) -> str:
    """A note for the undo step when a car's own value lies outside its type's range. The type's range is
    the type's (the other cars of the type draw from it): it is not widened; the car's value is fixed."""
    if not _is_number(value):
        return ""
    types = doc.type_by_id()
    for i in sel:
        t = types[doc.consist.cars[i].type_id]
        r = getattr(t, "ranges", {}).get(field)
        if r is not None and not r.low <= value <= r.high:
            return f" (outside the range of {t.label}, which stays)"
    return ""


def set_car_type_field(doc: Document, type_id: str, field: str, value: Any, shown: str | None = None) -> Edit:
    """Change a field of one of the document's car types (every car of that type follows)."""
    types = list(doc.car_types)
    k = next((i for i, t in enumerate(types) if t.id == type_id), None)
    if k is None:
        raise EditError(f"The document has no car type '{type_id}'")
    if field == "id":
        raise EditError("A car type's id cannot be changed: the cars refer to it")
    if field not in CarType.model_fields:
        raise EditError(f"A car type has no field '{field}'")
    data, widened = _widen({**_fields(types[k]), field: value}, field)  # see "ranges" below
    types[k] = _validate(CarType, data, f"car type {type_id}")
    if types[k] == doc.car_types[k]:
        raise NoChange("Nothing to change: the car type has that value already")
    return Edit(_new_document(doc, car_types=tuple(types)),
                f"Set the {field_label(field).lower()} of {types[k].label} to {shown if shown is not None else value}"
                f"{widened}", Changes(ALL, car_types=True))


def set_name(doc: Document, name: str) -> Edit:
    new = _validate(Document, {**_fields(doc), "consist": Consist(), "name": name}, "")
    return Edit(_new_document(doc, name=new.name), f"Rename the document to “{new.name}”", Changes(name=True))


# --- the scenario ----------------------------------------------------------------------------------

def _with_scenario(doc: Document, scenario: Scenario, label: str, route: Route | None) -> Edit:
    if scenario == doc.scenario:
        raise NoChange("Nothing to change: the scenario has that value already")
    new = _new_document(doc, scenario=scenario)
    check_route_keys(new, route)
    return Edit(new, label, Changes(scenario=True))


def set_scenario_field(doc: Document, field: str, value: Any, shown: str | None = None) -> Edit:
    """Set a scenario field by name ('top_speed_cap_m_s', 'assumptions.davis_k', any field added later)."""
    data = _fields(doc.scenario)
    if field.startswith("assumptions."):
        name = field.removeprefix("assumptions.")
        if name not in Assumptions.model_fields:
            raise EditError(f"There is no assumption '{name}'")
        data["assumptions"] = _validate(Assumptions, {**_fields(doc.scenario.assumptions), name: value})
    elif field in ("dwell_overrides_s", "facility_overrides") or field not in Scenario.model_fields:
        raise EditError(f"The scenario has no field '{field}' to set this way")
    else:
        data[field] = value
    scenario = _validate(Scenario, data)
    label = field_label(field.removeprefix("assumptions.")).lower()
    text = (f"Set the {label} to {shown if shown is not None else value}" if value is not None
            else f"Clear the {label}")
    if field == "top_speed_cap_m_s":
        text = f"Cap top speed at {shown if shown is not None else f'{value:g} m/s'}" if value is not None else "Clear speed cap"
    return _with_scenario(doc, scenario, text, None)


def set_departure(doc: Document, local: datetime, time_zone: str | None) -> Edit:
    """Depart at the wall-clock time `local` in `time_zone` (None: the first station's zone)."""
    departure = _validate(Departure, {"local": local, "time_zone": time_zone}, "the departure")
    scenario = doc.scenario.model_copy(update={"departure": departure})
    zone = f" ({time_zone})" if time_zone else ""
    return _with_scenario(doc, scenario, f"Depart at {local.isoformat(sep=' ', timespec='minutes')}{zone}", None)


def _station(route: Route, station: str) -> Station:
    s = next((s for s in route.stations if s.name == station), None)
    if s is None:
        raise EditError(f"The route {route.name} has no station “{station}”")
    return s


def set_dwell(doc: Document, route: Route, station: str, seconds: float | None) -> Edit:
    """The dwell at `station` for this scenario (None: the route's own again)."""
    _station(route, station)
    dwell = dict(doc.scenario.dwell_overrides_s)
    if seconds is None:
        dwell.pop(station, None)
    else:
        dwell[station] = seconds
    scenario = _validate(Scenario, {**_fields(doc.scenario), "dwell_overrides_s": dwell}, f"the dwell at {station}")
    text = f"Set dwell at {station}" if seconds is not None else f"Reset dwell at {station}"
    return _with_scenario(doc, scenario, text, route)


def set_service(doc: Document, service: ServiceKind) -> Edit:
    """The kind of service the train runs as: each railway runs it by its rules for that kind."""
    # A railway's rules the scenario overrides are rules for the service it had: they go with it.
    dropped = len(doc.scenario.railway_overrides)
    scenario = _validate(Scenario, {**_fields(doc.scenario), "service": service, "railway_overrides": {}})
    return _with_scenario(doc, scenario, f"Run as: {service.label.lower()}"
                          + (f" (rules set for {_count(dropped, 'railway')} dropped: they were for the other "
                             f"service)" if dropped else ""), None)


def set_haulage(doc: Document, haulage: Haulage) -> Edit:
    """Who hauls the train after a locomotive change: the railways' locomotives, or the consist's own."""
    scenario = _validate(Scenario, {**_fields(doc.scenario), "haulage": haulage})
    return _with_scenario(doc, scenario, haulage.label, None)


def operation_at(route: Route, station: str, kind: OperationKind, service: ServiceKind) -> Operation:
    """The route's operation of `kind` at `station` for `service`."""
    st = _station(route, station)
    op = next((o for o in st.operations if o.kind is kind and o.applies_to(service)), None)
    if op is None:
        raise EditError(f"{station} has no {kind.label.lower()} for a {service.label.lower()} train")
    return op


def set_operation(doc: Document, route: Route, station: str, kind: OperationKind, seconds: float | None) -> Edit:
    """How long the operation `kind` at `station` takes, for this scenario (None: the route's own again)."""
    if kind is not OperationKind.SCHEDULED_STOP:
        operation_at(route, station, kind, doc.scenario.service)
    else:
        _station(route, station)
    key = f"{station}/{kind.value}"
    ops = dict(doc.scenario.operation_overrides_s)
    if seconds is None:
        ops.pop(key, None)
    else:
        ops[key] = seconds
    scenario = _validate(Scenario, {**_fields(doc.scenario), "operation_overrides_s": ops},
                         f"the {kind.label.lower()} at {station}")
    text = f"Set {kind.label.lower()} at {station}" if seconds is not None else f"Reset {kind.label.lower()} at {station}"
    return _with_scenario(doc, scenario, text, route)


def rules_of(doc: Document, route: Route, railway: str) -> ServiceRules:
    """A railway's rules in force for the scenario's service: the scenario's, else the route's."""
    rw = next((r for r in route.railways if r.id == railway), None)
    if rw is None:
        raise EditError(f"There is no railway '{railway}' on the route {route.name}")
    return doc.scenario.railway_overrides.get(railway) or rw.rules(doc.scenario.service)


def set_railway_rule(doc: Document, route: Route, railway: str, field: str, value: Any) -> Edit:
    """Override one of a railway's rules for the scenario's service (its allowance, its limit factor, ...)."""
    current = rules_of(doc, route, railway)
    if field not in ServiceRules.model_fields or field in ("source", "ranges"):
        raise EditError(f"A railway's rules have no figure '{field}'")
    name = next(r.name for r in route.railways if r.id == railway)
    data = {**_fields(current), field: value}
    r = current.ranges.get(field)
    if r is not None and value is not None and not r.low <= value <= r.high:  # a value outside its range: drop the range
        data["ranges"] = {k: v for k, v in current.ranges.items() if k != field}
    rules = _validate(ServiceRules, data, f"{name}: {field_label(field, ServiceRules).lower()}")
    scenario = _validate(Scenario, {**_fields(doc.scenario),
                                    "railway_overrides": {**doc.scenario.railway_overrides, railway: rules}})
    return _with_scenario(doc, scenario, f"Set {name}'s {field_label(field, ServiceRules).lower()}", route)


def railway_gauges(route: Route, railway: str) -> set[int]:
    """The gauges the train runs on in the sections `railway` runs, wherever a refit the route allows at
    more than one place is made: a locomotive the railway puts on runs on one of them."""
    routes = [route] + [route.with_refit_at(b.station, p) for b in route.breaks_of_gauge for p in b.places()
                        if p != b.station]
    return {g for r in routes for s, g in zip(r.sections, r.gauge_by_section()) if s.railway == railway}


def locomotives_for(route: Route, railway: str, types: Iterable[CarType]) -> list[CarType]:
    """The locomotives among `types` that run on the railway's track, each id once (the first given wins)."""
    gauges, seen, found = railway_gauges(route, railway), set(), []
    for t in types:
        if t.is_locomotive and t.gauge_mm in gauges and t.id not in seen:
            seen.add(t.id)
            found.append(t)
    return found


def set_railway_locomotive(doc: Document, route: Route, railway: str, locomotive: CarType | None,
                           count: int = 1) -> Edit:
    """The locomotive `railway` puts on at a change, and how many (None: the consist's own haul on)."""
    current = rules_of(doc, route, railway)
    name = next(r.name for r in route.railways if r.id == railway)
    if locomotive is not None:
        if not locomotive.is_locomotive:
            raise EditError(f"{locomotive.label} is not a locomotive: {name} cannot put it on")
        gauges = railway_gauges(route, railway)
        if locomotive.gauge_mm not in gauges:
            raise EditError(f"{name} cannot put on {locomotive.label}: it runs on {locomotive.gauge_mm} mm, and "
                            f"{name}'s track on the route is {' and '.join(f'{g} mm' for g in sorted(gauges)) or 'none'}")
    data = {**_fields(current), "locomotive_id": locomotive.id if locomotive is not None else None,
            "locomotive_type": locomotive, "locomotive_count": count}
    rules = _validate(ServiceRules, data, f"{name}: the number of locomotives")
    scenario = _validate(Scenario, {**_fields(doc.scenario),
                                    "railway_overrides": {**doc.scenario.railway_overrides, railway: rules}})
    what = rules.locomotive_label if locomotive is not None else "none (the consist's own locomotives haul on)"
    if locomotive is not None and count == 1:
        what = f"1 × {what}"
    return _with_scenario(doc, scenario, f"{name} puts on {what}", route)


def facility_at(doc: Document, route: Route, station: str) -> RefitFacility:
    """The refit facility in force at the break of gauge at `station` (Scenario.facility_at); an edit's
    refusal where the route has no break there."""
    try:
        brk = route.break_at(station)
    except KeyError as exc:
        raise EditError(exc.args[0]) from None
    return doc.scenario.facility_at(brk)


def set_facility_field(doc: Document, route: Route, station: str, field: str, value: Any,
                       shown: str | None = None) -> Edit:
    """Override one field of the refit facility at a break of gauge, for this scenario."""
    current = facility_at(doc, route, station)
    if field not in RefitFacility.model_fields:
        raise EditError(f"A refit facility has no field '{field}'")
    data, widened = _widen({**_fields(current), field: value}, field)  # see "ranges" below
    new = _validate(RefitFacility, data, f"the facility at {station}")
    overrides = {**doc.scenario.facility_overrides, station: new}
    scenario = _validate(Scenario, {**_fields(doc.scenario), "facility_overrides": overrides})
    return _with_scenario(doc, scenario, f"Set {field_label(field, RefitFacility).lower()} at {station}"
                          + (f" to {shown}" if shown else "") + widened, route)


def reset_facility(doc: Document, route: Route, station: str) -> Edit:
    facility_at(doc, route, station)
    if station not in doc.scenario.facility_overrides:
        raise EditError(f"The facility at {station} is the route's already")
    overrides = {k: v for k, v in doc.scenario.facility_overrides.items() if k != station}
    scenario = _validate(Scenario, {**_fields(doc.scenario), "facility_overrides": overrides})
    return _with_scenario(doc, scenario, f"Reset the facility at {station}", route)


def set_refit_place(doc: Document, route: Route, station: str, place: str) -> Edit:
    """Make the refit of a break of gauge at `place`, one of the places the route allows for it;
    `station` is where the refit is now (the route's place or the one the scenario chose)."""
    brk = next((b for b in route.breaks_of_gauge if b.station == station), None)
    if brk is None:
        raise EditError(f"“{station}” is not a break of gauge on the route {route.name}")
    if place not in brk.places():
        raise EditError(f"The refit at {station} cannot be made at “{place}” (its places: {', '.join(brk.places())})")
    # The key is where the document's route puts the refit: a route of its own may have been edited (and
    # saved) with the refit already moved.
    own = doc.route.breaks_of_gauge if doc.route is not None else ()
    key = next((b.station for b in own if station in b.places()), None) or refit_key(doc.scenario, station)
    places = {k: v for k, v in doc.scenario.refit_places.items() if k not in (key, station) and v != station}
    if place != key:
        places[key] = place
    scenario = _validate(Scenario, {**_fields(doc.scenario), "refit_places": places})
    if scenario == doc.scenario:
        raise NoChange(f"Nothing to change: the refit is made at {place} already")
    new = _new_document(doc, scenario=scenario)
    # The route moves its break of gauge: the holder resolves the route again.
    return Edit(new, f"Make the refit at {place}", Changes(scenario=True, route=True))


# --- the route ---------------------------------------------------------------------------------------

def _keep_keys(scenario: Scenario, names: set[str]) -> tuple[Scenario, int]:
    """The scenario without the overrides at stations not in `names`, and how many it dropped."""
    dwell = {k: v for k, v in scenario.dwell_overrides_s.items() if k in names}
    facility = {k: v for k, v in scenario.facility_overrides.items() if k in names}
    dropped = len(scenario.dwell_overrides_s) + len(scenario.facility_overrides) - len(dwell) - len(facility)
    if not dropped:
        return scenario, 0
    return scenario.model_copy(update={"dwell_overrides_s": dwell, "facility_overrides": facility}), dropped


def _dropping(n: int) -> str:
    return f" (dropping {n} override{'s' if n != 1 else ''} at stations not on it)" if n else ""


def choose_route(doc: Document, route_id: str, route: Route) -> Edit:
    """Use the shipped route `route` (of id `route_id`) instead of the document's route."""
    if route.id != route_id:
        raise EditError(f"The route given is '{route.id}', not '{route_id}'")
    if doc.route is None and doc.route_id == route_id:
        raise NoChange(f"The document uses the route {route.name} already")
    scenario, dropped = _keep_keys(doc.scenario, {s.name for s in route.stations})
    new = _new_document(doc, route=None, route_id=route_id, scenario=scenario)
    return Edit(new, f"Choose route {route.name}{_dropping(dropped)}", Changes(scenario=bool(dropped), route=True))


def use_route(doc: Document, route: Route, verb: str = "Use route") -> Edit:
    """Make `route` (read from a file, or edited) the document's own."""
    route = _validate(Route, _fields(route, Route), "the route")  # a RouteFile or a route built in code: as a file would load
    scenario, dropped = _keep_keys(doc.scenario, {s.name for s in route.stations})
    new = _new_document(doc, route=route, scenario=scenario)
    if new == doc:
        raise NoChange("Nothing to change: the document has this route already")
    return Edit(new, f"{verb} {route.name}{_dropping(dropped)}", Changes(scenario=bool(dropped), route=True))


def _edited_route(doc: Document, route: Route, text: str, scenario: Scenario | None = None, **update: Any) -> Edit:
    new_route = _validate(Route, {**_fields(route), **update}, "the route")
    if new_route == route and scenario is None:
        raise NoChange("Nothing to change: the route is like that already")
    new = _new_document(doc, route=new_route, scenario=scenario or doc.scenario)
    check_route_keys(new, new_route)
    return Edit(new, text, Changes(scenario=scenario is not None, route=True))


def _row(rows: Sequence[Any], index: int, what: str) -> Any:
    if not 0 <= index < len(rows):
        raise EditError(f"There is no {what} {index + 1}: the route has {len(rows)}")
    return rows[index]


def rename_station(doc: Document, route: Route, index: int, name: str) -> Edit:
    """Rename a station; its breaks of gauge, dwell and facility overrides follow the new name."""
    old = _row(route.stations, index, "station").name
    name = name.strip()
    if name == old:
        raise NoChange("Nothing to change: the station has that name already")
    if not name:
        raise EditError("A station needs a name")
    stations = list(route.stations)
    stations[index] = _validate(Station, {**_fields(stations[index]), "name": name}, f"station {index + 1}")
    def renamed(n: str) -> str:
        return name if n == old else n

    breaks = tuple(b.model_copy(update={"station": renamed(b.station),
                                        "alternatives": tuple(map(renamed, b.alternatives))})
                   for b in route.breaks_of_gauge)
    lengths = tuple(r.model_copy(update={"from_station": renamed(r.from_station), "to_station": renamed(r.to_station)})
                    for r in route.length_ranges)
    sc = doc.scenario

    def follow(d: dict[str, Any]) -> dict[str, Any]:
        return {(name if k == old else k): v for k, v in d.items()}

    scenario = None
    places = {renamed(k): renamed(v) for k, v in sc.refit_places.items()}
    if old in sc.dwell_overrides_s or old in sc.facility_overrides or places != sc.refit_places:
        scenario = sc.model_copy(update={"dwell_overrides_s": follow(sc.dwell_overrides_s),
                                         "facility_overrides": follow(sc.facility_overrides), "refit_places": places})
    return _edited_route(doc, route, f"Rename station {old} to {name}", scenario,
                         stations=tuple(stations), breaks_of_gauge=breaks, length_ranges=lengths)


def set_station_field(doc: Document, route: Route, index: int, field: str, value: Any) -> Edit:
    """Set a station's position, dwell or stop (its name: rename_station)."""
    if field == "name":
        return rename_station(doc, route, index, value)
    st = _row(route.stations, index, "station")
    if field not in Station.model_fields:
        raise EditError(f"A station has no field '{field}'")
    stations = list(route.stations)
    data, widened = _widen({**_fields(st), field: value}, field)  # see "ranges" below
    stations[index] = _validate(Station, data, f"station {st.name}")
    return _edited_route(doc, route, f"Edit station {st.name}{widened}", stations=tuple(stations))


def set_station_time_zone(doc: Document, route: Route, index: int, key: str | None) -> Edit:
    """The IANA time zone a station's clock keeps (`key` blank or None: none of its own, so that it
    keeps the zone of the station before it, or the departure's)."""
    st = _row(route.stations, index, "station")
    key = (key or "").strip() or None
    if key is not None:
        try:
            zone(key)
        except ValueError as e:
            raise EditError(f"{e}: {st.name} keeps "
                            + (st.time_zone if st.time_zone else "no zone of its own")) from None
    if key == st.time_zone:
        raise NoChange(f"Nothing to change: {st.name} is in that time zone already")
    stations = list(route.stations)
    stations[index] = st.model_copy(update={"time_zone": key})
    text = f"Set the time zone of {st.name} to {key}" if key else f"Clear the time zone of {st.name}"
    return _edited_route(doc, route, text, stations=tuple(stations))


def add_station(doc: Document, route: Route, section: int) -> Edit:
    """A new station halfway along a section, splitting the section there."""
    s = _row(route.sections, section, "section")
    mid = (s.start_m + s.end_m) / 2
    names = {st.name for st in route.stations}
    name = next(f"New station {k}" for k in range(1, 100_000) if f"New station {k}" not in names)
    stations = sorted((*route.stations, Station(name=name, position_m=mid)), key=lambda x: x.position_m)
    sections = (*route.sections[:section], s.model_copy(update={"end_m": mid}), s.model_copy(update={"start_m": mid}),
                *route.sections[section + 1:])
    return _edited_route(doc, route, f"Add station {name}", stations=tuple(stations), sections=sections)


def remove_station(doc: Document, route: Route, index: int) -> Edit:
    """Remove a station between the ends, with the scenario's overrides at it."""
    st = _row(route.stations, index, "station")
    if index in (0, len(route.stations) - 1):
        raise EditError("The first and the last station stay: they are the route's ends")
    if any(b.station == st.name for b in route.breaks_of_gauge):
        raise EditError(f"{st.name} is a break of gauge: change the gauge of the sections first")
    stations = route.stations[:index] + route.stations[index + 1:]
    scenario, dropped = _keep_keys(doc.scenario, {s.name for s in stations})
    return _edited_route(doc, route, f"Remove station {st.name}", scenario if dropped else None, stations=stations)


def set_section_field(doc: Document, route: Route, index: int, field: str, value: Any) -> Edit:
    """Set a section's start, end, gauges, speed limit, gradient, ..."""
    s = _row(route.sections, index, "section")
    if field not in Section.model_fields:
        raise EditError(f"A section has no field '{field}'")
    sections = list(route.sections)
    data, widened = _widen({**_fields(s), field: value}, field)  # see "ranges" below
    sections[index] = _validate(Section, data, route.section_label(index))
    return _edited_route(doc, route, f"Edit section {index + 1}{widened}", sections=tuple(sections))


def split_section(doc: Document, route: Route, index: int) -> Edit:
    s = _row(route.sections, index, "section")
    mid = (s.start_m + s.end_m) / 2
    sections = (*route.sections[:index], s.model_copy(update={"end_m": mid}), s.model_copy(update={"start_m": mid}),
                *route.sections[index + 1:])
    return _edited_route(doc, route, f"Split section {index + 1}", sections=sections)


def merge_section(doc: Document, route: Route, index: int) -> Edit:
    """Merge a section with the next one (the first's gauge, limit and gradient hold over both)."""
    s = _row(route.sections, index, "section")
    if index + 1 >= len(route.sections):
        raise EditError("The last section has no next one to merge with")
    nxt = route.sections[index + 1]
    sections = (*route.sections[:index], s.model_copy(update={"end_m": nxt.end_m}), *route.sections[index + 2:])
    return _edited_route(doc, route, f"Merge section {index + 1} with the next", sections=sections)


def set_break_of_gauge(doc: Document, route: Route, station: str, to_gauge_mm: int | None) -> Edit:
    """Add (or with None, remove) a break of gauge at a station."""
    _station(route, station)
    breaks = [b for b in route.breaks_of_gauge if b.station != station]
    if to_gauge_mm is not None:
        old = next((b.facility for b in route.breaks_of_gauge if b.station == station), RefitFacility())
        breaks.append(_validate(BreakOfGauge, {"station": station, "to_gauge_mm": to_gauge_mm, "facility": old},
                                f"the break of gauge at {station}"))
    scenario = None
    if to_gauge_mm is None and station in doc.scenario.facility_overrides:
        scenario = doc.scenario.model_copy(update={"facility_overrides": {
            k: v for k, v in doc.scenario.facility_overrides.items() if k != station}})
    text = f"Break of gauge at {station}" if to_gauge_mm is not None else f"No break of gauge at {station}"
    return _edited_route(doc, route, text, scenario, breaks_of_gauge=tuple(breaks))


# --- ranges on estimated figures ---------------------------------------------------------------------
#
# A figure marked as an estimate can carry a range: a low and a high value with its source (model/ranges.py).
# The owner of a range is named as the trip's inputs name it: ("car_type", type id), ("section", index),
# ("station", index) or ("facility", the break of gauge's station). A facility's range, like its figures,
# is the scenario's (set_facility_field): setting one makes the facility the scenario's own.
#
# A value edited to lie outside its range (set_car_type_field, set_section_field, set_station_field,
# set_facility_field) WIDENS the range to hold the new value: the user meant the value, and refusing it
# for a range they may not even be looking at would be a puzzle. The undo step says so, and the range's
# source says it was widened by hand (a source must not vouch for a range it did not give). A range
# set on its own must hold the value as it is: that edit is refused with a sentence saying so.

# Who holds a range, and its key: a car type's id, a section's or a station's index, a break of gauge's
# station, an operation's 'station/kind' (the route's operation for the scenario's service), a railway's id
# (its rules for the scenario's service, which a range makes the scenario's own, as set_railway_rule does).
RangeOwner = tuple[Literal["car_type", "section", "station", "facility", "operation", "railway"], "str | int"]

WIDENED = " (widened by hand to hold the value)"
def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _widen(data: dict[str, Any], field: str) -> tuple[dict[str, Any], str]:
    """`data` (a ranged model's fields, one of them just set) with the range of `field` widened to hold
    its new value, and a note for the undo step ('' when the range held it already, or there is none).
    A figure set to none keeps no range: there is nothing to range over."""
    ranges: dict[str, Range] = data.get("ranges") or {}
    r = ranges.get(field)
    value = data.get(field)
    if r is None:
        return data, ""
    if value is None:
        return {**data, "ranges": {k: v for k, v in ranges.items() if k != field}}, ""
    if not _is_number(value) or r.low <= value <= r.high:
        return data, ""  # held, or not a number: the field's own check says what is wrong
    source = r.source if r.source.endswith(WIDENED) or len(r.source) + len(WIDENED) > 2000 else r.source + WIDENED
    wider = Range(low=min(r.low, value), high=max(r.high, value), source=source)
    return {**data, "ranges": {**ranges, field: wider}}, " (its range widened to hold it)"


def _ranged_model(model: BaseModel, field: str, low: Any, high: Any, source: str, what: str,
                  units: UnitSystem) -> BaseModel:
    """`model` with the range low-high of `field`, checked so that each refusal is a sentence to act on."""
    cls = type(model)
    allowed = RANGED_FIELDS[cls.__name__]
    name = range_name(field, cls) if field in cls.model_fields else field
    if field not in allowed:
        raise EditError(f"The {name} of {what} cannot carry a range: only its "
                        f"{', '.join(range_name(f, cls) for f in allowed)} can")
    value = getattr(model, field)
    if value is None:
        raise EditError(f"{what[0].upper()}{what[1:]} has no {name} to give a range to")
    for end, x in (("low", low), ("high", high)):
        if not _is_number(x):
            raise EditError(f"The {end} end of the {name} range must be a number, not “{x}”")

    def q(x: float) -> str:
        return shown_quantity(field, x, units)

    if low > high:
        raise EditError(f"The low end of the {name} range, {q(low)}, is above its high end, {q(high)}")
    if isinstance(value, int) and not (float(low).is_integer() and float(high).is_integer()):
        raise EditError(f"{name[0].upper()}{name[1:]} are counted in whole numbers, so its range must be too, "
                        f"not {q(low)} to {q(high)}")
    lim = field_limits(cls, field)
    for end, x in (("low", low), ("high", high)):
        below = lim.low is not None and (x < lim.low or (lim.low_open and x == lim.low))
        above = lim.high is not None and (x > lim.high or (lim.high_open and x == lim.high))
        if below or above:
            rule = limit_sentence(f"A{'n' if name[0] in 'aeiou' else ''} {name}", cls, field, units,
                                  "low" if below else "high")
            raise EditError(f"The {end} end of the {name} range, {q(x)}, is not a {name} {what} can have: {rule}")
    if not low <= value <= high:
        raise EditError(f"The {name} range {range_text(field, low, high, units)} does not hold the {name} itself, "
                        f"{q(value)}: a range is around its value (change the value first, or widen the range)")
    if not isinstance(source, str) or len(source) > 2000:
        raise EditError(f"A range's source is a text of at most 2,000 characters")
    ranges = {**getattr(model, "ranges"), field: Range(low=float(low), high=float(high), source=source.strip())}
    return _validate(cls, {**_fields(model), "ranges": ranges}, what)


def _unranged_model(model: BaseModel, field: str, what: str) -> BaseModel:
    ranges: dict[str, Range] = getattr(model, "ranges")
    if field not in ranges:
        raise NoChange(f"The {range_name(field, type(model))} of {what} has no range of its own")
    return model.model_copy(update={"ranges": {k: v for k, v in ranges.items() if k != field}})


def range_of(doc: Document, route: Route | None, owner: RangeOwner) -> tuple[BaseModel, str]:
    """The model that holds the owner's ranges (a car type, a section, a station, the facility in force),
    and how a sentence names it."""
    kind, key = owner
    if kind == "car_type":
        t = doc.type_by_id().get(str(key))
        if t is None:
            raise EditError(f"The document has no car type '{key}'")
        return t, t.label
    if route is None:
        raise EditError("The document has no route to give a range on")
    if kind == "section":
        return _row(route.sections, int(key), "section"), route.section_label(int(key))
    if kind == "station":
        st = _row(route.stations, int(key), "station")
        return st, f"the stop at {st.name}"
    if kind == "facility":
        return facility_at(doc, route, str(key)), f"the facility at {key}"
    if kind == "operation":
        station, op_kind = _operation_key(str(key))
        return operation_at(route, station, op_kind, doc.scenario.service), f"the {op_kind.label.lower()} at {station}"
    if kind == "railway":
        rules = rules_of(doc, route, str(key))
        name = next(r.name for r in route.railways if r.id == key)
        return rules, f"{name} running a {doc.scenario.service.label.lower()}"
    raise EditError(f"Nothing of the kind '{kind}' carries a range")


def _operation_key(key: str) -> tuple[str, OperationKind]:
    """'Khasan/border_entry' -> ('Khasan', OperationKind.BORDER_ENTRY), as operation_overrides_s keys them."""
    station, _, kind = key.rpartition("/")
    try:
        return station, OperationKind(kind)
    except ValueError:
        raise EditError(f"“{kind}” is not an operation at a station") from None


def _replace_ranged(doc: Document, route: Route | None, owner: RangeOwner, new: BaseModel, label: str) -> Edit:
    kind, key = owner
    if kind == "car_type":
        types = tuple(new if t.id == key else t for t in doc.car_types)
        return Edit(_new_document(doc, car_types=types), label, Changes(ALL, car_types=True))
    assert route is not None  # range_of refused a route-less owner
    if kind == "section":
        sections: list[Any] = list(route.sections)
        sections[int(key)] = new
        return _edited_route(doc, route, label, sections=tuple(sections))
    if kind == "station":
        stations: list[Any] = list(route.stations)
        stations[int(key)] = new
        return _edited_route(doc, route, label, stations=tuple(stations))
    if kind == "operation":
        station, op_kind = _operation_key(str(key))
        old = operation_at(route, station, op_kind, doc.scenario.service)
        stations = [s.model_copy(update={"operations": tuple(new if o is old else o for o in s.operations)})
                    if s.name == station else s for s in route.stations]
        return _edited_route(doc, route, label, stations=tuple(stations))
    if kind == "railway":
        railways = {**doc.scenario.railway_overrides, str(key): new}
        scenario = _validate(Scenario, {**_fields(doc.scenario), "railway_overrides": railways})
        return _with_scenario(doc, scenario, label, route)
    overrides = {**doc.scenario.facility_overrides, str(key): new}
    scenario = _validate(Scenario, {**_fields(doc.scenario), "facility_overrides": overrides})
    return _with_scenario(doc, scenario, label, route)


def set_range(doc: Document, route: Route | None, owner: RangeOwner, field: str, low: float, high: float,
              source: str = "", units: UnitSystem = UnitSystem.METRIC) -> Edit:
    """Give the owner's figure `field` the range low-high (SI) with its source; `units`: those the
    refusals and the undo step say the figures in."""
    model, what = range_of(doc, route, owner)
    new = _ranged_model(model, field, low, high, source, what, units)
    if new == model:
        raise NoChange("Nothing to change: the figure has that range already")
    name = range_name(field, type(model))
    return _replace_ranged(doc, route, owner, new,
                           f"Set the {name} range of {what} to {range_text(field, low, high, units)}")


def clear_range(doc: Document, route: Route | None, owner: RangeOwner, field: str) -> Edit:
    """Remove the owner's own range of `field`: an estimated figure goes back to the default spread for its
    kind (physics/ranges.py), an exact one has no range."""
    model, what = range_of(doc, route, owner)
    new = _unranged_model(model, field, what)
    return _replace_ranged(doc, route, owner, new, f"Clear the {range_name(field, type(model))} range of {what}")
