"""The consist edits do what their names say, checked against the cars' names (each car's own) on
any selection (hypothesis): delete, move, shift, reverse and duplicate, and the selection each leaves."""
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import builders
from traintool.errors import EditError
from traintool.model import Car, Consist
from traintool.model import edits as E

N = 9


def _doc():
    doc = builders.small_document()
    cars = [Car(type_id="loco", name="car 0")] + [Car(type_id="coach", name=f"car {i}") for i in range(1, N)]
    return doc.model_copy(update={"consist": Consist(cars=cars)})


DOC = _doc()
selections = st.sets(st.integers(0, N - 1), min_size=1).map(sorted)


def names(doc) -> list[int]:
    return [int(c.name.split()[1]) for c in doc.consist.cars]


@given(selections)
def test_delete_leaves_the_others_in_order_and_selects_the_car_after(sel):
    e = E.delete_cars(DOC, sel)
    rest = [i for i in range(N) if i not in sel]
    assert names(e.document) == rest
    # The first car after the first one deleted is selected; the new last car when none is left after it.
    after = [i for i in rest if i > sel[0]]
    assert e.selection == ((rest.index(after[0]),) if after else (len(rest) - 1,) if rest else ())


@given(selections, st.integers(0, N))
def test_move_gathers_the_cars_between_the_targets_neighbours(sel, target):
    rest = [i for i in range(N) if i not in sel]
    k = sum(1 for i in rest if i < target)  # the unselected cars before the target stay before the cars moved
    expected = rest[:k] + sel + rest[k:]
    try:
        e = E.move_cars(DOC, sel, target)
    except E.NoChange:
        assert expected == list(range(N))  # nothing to do, and only then
        return
    assert expected != list(range(N))
    assert names(e.document) == expected
    assert [names(e.document)[i] for i in e.selection] == sel  # the cars moved stay selected


@given(selections)
def test_shift_moves_the_cars_one_place_past_their_neighbour(sel):
    for step in (-1, 1):
        if (step < 0 and sel[0] == 0) or (step > 0 and sel[-1] == N - 1):
            with pytest.raises(EditError, match="already at the"):
                E.shift_cars(DOC, sel, step)
            continue
        # The car just before the first selected (or just after the last) now sits on the other side.
        passed = sel[0] - 1 if step < 0 else sel[-1] + 1
        rest = [i for i in range(N) if i not in sel]
        k = rest.index(passed) + (0 if step < 0 else 1)
        try:
            got = names(E.shift_cars(DOC, sel, step).document)
        except E.NoChange:
            got = list(range(N))
        assert got == rest[:k] + sel + rest[k:]


@given(selections)
def test_reverse_turns_the_selected_cars_round_in_their_own_places(sel):
    assume(len(sel) >= 2)
    e = E.reverse_cars(DOC, sel)
    expected = list(range(N))
    for place, car in zip(sel, reversed(sel)):
        expected[place] = car
    assert names(e.document) == expected and list(e.selection) == sel


def test_duplicate_puts_the_copies_after_the_last_selected():
    e = E.duplicate_cars(DOC, [1, 3])
    assert names(e.document) == [0, 1, 2, 3, 1, 3, 4, 5, 6, 7, 8]
    assert list(e.selection) == [4, 5]
