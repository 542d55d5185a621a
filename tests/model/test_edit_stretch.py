"""The stretch an edit says it replaced (Changes.stretch) is the one it replaced: every car before and
after it is the same object as before the edit, so the window may redo that stretch alone."""
from hypothesis import given, settings
from hypothesis import strategies as st

import builders
from traintool.model import Document, edits

DOC = builders.small_document()
LONG = Document.model_validate({**DOC.model_dump(), "consist": {"cars": [c.model_dump() for c in DOC.consist.cars] * 4}})
N = len(LONG.consist.cars)

PICKS = st.lists(st.integers(0, N - 1), min_size=1, max_size=6, unique=True)
EDITS = st.one_of(
    st.tuples(st.just(edits.delete_cars), PICKS),
    st.tuples(st.just(edits.duplicate_cars), PICKS),
    st.tuples(st.just(edits.move_cars), PICKS, st.integers(0, N)),
    st.tuples(st.just(edits.shift_cars), PICKS, st.sampled_from([-1, 1])),
    st.tuples(st.just(edits.insert_types), st.integers(0, N), st.lists(st.sampled_from(DOC.car_types), min_size=1,
                                                                        max_size=3)),
)


def _holds(before: tuple, after: tuple, stretch: tuple[int, int, int]) -> bool:
    start, old_stop, new_stop = stretch
    return (0 <= start <= old_stop <= len(before) and start <= new_stop <= len(after)
            and len(before) - old_stop == len(after) - new_stop
            and all(a is b for a, b in zip(before[:start], after[:start]))
            and all(a is b for a, b in zip(before[old_stop:], after[new_stop:])))


@settings(max_examples=300, deadline=None)
@given(EDITS)
def test_an_edit_s_stretch_leaves_every_car_outside_it_the_same_object(edit):
    op, *args = edit
    try:
        e = op(LONG, *args)
    except edits.EditError:
        return  # refused (a car already at the end, nothing to move): nothing changed, no stretch
    assert e.changes.stretch is not None
    before, after = LONG.consist.cars, e.document.consist.cars
    assert _holds(before, after, e.changes.stretch)
    assert _holds(after, before, e.changes.undone().stretch)  # undoing it replaces the same stretch back
    assert (e.changes | edits.Changes(cars=(0,))).stretch is None  # steps merged: the stretch is not known


@settings(max_examples=300, deadline=None)
@given(EDITS, EDITS)
def test_a_record_completed_knows_its_stretch_even_for_steps_merged(first, second):
    """What the window's views read: the stretch of a record completed for the cars it changed, its own
    when it has one, else found by identity (two steps merged into one undo step lose theirs)."""
    try:
        e1 = first[0](LONG, *first[1:])
        e2 = second[0](e1.document, *second[1:])
    except edits.EditError:
        return
    before, after = LONG.consist.cars, e2.document.consist.cars
    merged = (e1.changes | e2.changes).completed(before, after)
    assert merged.stretch is not None and _holds(before, after, merged.stretch)
    assert e1.changes.completed(before, e1.document.consist.cars) == e1.changes  # its own stretch kept
    assert edits.EVERYTHING.completed(before, after).stretch is None  # types changed: any car may differ
    assert edits.Changes(cars=(0,)).completed(before, before).stretch is None  # no car moved
