"""The window resolves cars after each edit by reusing what it resolved before (CarResolver): over any
sequence of edits the result must equal resolving every car from scratch."""
from hypothesis import given, settings
from hypothesis import strategies as st

import builders
from traintool.model import Car, CarResolver, GaugeChange, resolve_car

DOC = builders.small_document()
TYPES = DOC.type_by_id()
CARS = list(DOC.consist.cars)

edits = st.lists(st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 200)),
    st.tuples(st.just("duplicate"), st.integers(0, 200)),
    st.tuples(st.just("move"), st.integers(0, 200), st.integers(0, 200)),
    st.tuples(st.just("override"), st.integers(0, 200), st.sampled_from(["mass_kg", "axles", "armored", "gauge_change", "name"])),
    st.tuples(st.just("reset"), st.integers(0, 200)),
    st.tuples(st.just("new"), st.sampled_from(sorted(TYPES))),
), max_size=25)

VALUES = {"mass_kg": 55_000.0, "axles": 6, "armored": True, "gauge_change": GaugeChange.NONE, "name": "Renamed"}


def _apply(cars: list[Car], edit) -> list[Car]:
    cars = list(cars)  # as the window does: a new list, the untouched cars the same objects
    kind, *args = edit
    if kind == "new":
        return cars + [Car(type_id=args[0])]
    if not cars:
        return cars
    i = args[0] % len(cars)
    if kind == "delete":
        del cars[i]
    elif kind == "duplicate":
        cars.insert(i, cars[i])  # the same object twice: both positions must resolve
    elif kind == "move":
        cars.insert(args[1] % len(cars), cars.pop(i))
    elif kind == "override":
        cars[i] = cars[i].model_copy(update={args[1]: VALUES[args[1]]})
    elif kind == "reset":
        cars[i] = Car(type_id=cars[i].type_id)
    return cars


@settings(max_examples=300, deadline=None)
@given(edits)
def test_resolving_after_edits_equals_resolving_afresh(sequence):
    resolver = CarResolver()
    cars = CARS
    assert resolver.resolve(cars, TYPES) == [resolve_car(c, TYPES[c.type_id]) for c in cars]
    for edit in sequence:
        cars = _apply(cars, edit)
        assert resolver.resolve(cars, TYPES) == [resolve_car(c, TYPES[c.type_id]) for c in cars]


def test_a_car_type_replaced_under_the_same_id_is_resolved_again():
    resolver = CarResolver()
    resolver.resolve(CARS, TYPES)
    tid = CARS[0].type_id
    heavier = {**TYPES, tid: TYPES[tid].model_copy(update={"mass_kg": TYPES[tid].mass_kg * 2})}
    again = resolver.resolve(CARS, heavier)
    assert again == [resolve_car(c, heavier[c.type_id]) for c in CARS]
