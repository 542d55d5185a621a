"""What the window derives from the document (model/resolved_consist.py) is kept edit by edit: it
re-resolves only the cars an edit touched and updates the stats rather than redoing them. After any
sequence of edits, undos and redos, everything equals what resolving the document afresh gives, and
each completed change record names the stretch of cars that was really replaced. No Qt here."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import builders
from traintool import io
from traintool.errors import TraintoolError
from traintool.model import GaugeChange, consist_stats, edits
from traintool.model.edits import NoChange
from traintool.model import resolved_consist
from traintool.model.resolved_consist import ResolvedConsist, unpack

STEPS = st.lists(st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 30)),
    st.tuples(st.just("duplicate"), st.integers(0, 30)),
    st.tuples(st.just("shift"), st.integers(0, 30), st.sampled_from([-1, 1])),
    st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 30)),
    st.tuples(st.just("set"), st.integers(0, 30), st.sampled_from([("mass_kg", 60_000.0), ("length_m", 12.5),
                                                                   ("max_speed_m_s", 3.0), ("armored", True),
                                                                   ("gauge_change", GaugeChange.NONE)])),
    st.tuples(st.just("type"), st.sampled_from([("mass_kg", 70_000.0), ("max_speed_m_s", 4.0)])),
    st.tuples(st.just("route"), st.sampled_from(sorted(io.shipped_routes()))),
    st.just(("undo",)), st.just(("redo",)),
), max_size=20)


def _route_or_error(document):
    try:
        return io.resolve_route(document), None
    except TraintoolError as e:
        return None, str(e)


class UndoStack:
    """The holder's undo stack without Qt: each step's documents and record, applied as the holder does."""

    def __init__(self, derived: ResolvedConsist):
        self.derived, self.steps, self.done = derived, [], 0

    def push(self, edit):
        before = self.derived.document
        del self.steps[self.done:]
        self.steps.append((before, edit.document, edit.changes))
        self.done += 1
        return before, self.derived.apply(edit.document, edit.changes)

    def undo(self):
        if not self.done:
            return None
        self.done -= 1
        before, after, changes = self.steps[self.done]
        return after, self.derived.apply(before, changes.undone())

    def redo(self):
        if self.done == len(self.steps):
            return None
        before, after, changes = self.steps[self.done]
        self.done += 1
        return before, self.derived.apply(after, changes)


def _edit(doc, kind, args):
    n = len(doc.consist.cars)
    k = args[0] % n if args and n and isinstance(args[0], int) else 0
    if kind == "delete" and n:
        return edits.delete_cars(doc, [k])
    if kind == "duplicate" and n:
        return edits.duplicate_cars(doc, [k])
    if kind == "shift" and n:
        return edits.shift_cars(doc, [k], args[1])
    if kind == "move" and n:
        return edits.move_cars(doc, [k], args[1] % (n + 1))
    if kind == "set" and n:
        return edits.set_car_field(doc, [k], *args[1])
    if kind == "type":
        return edits.set_car_type_field(doc, "coach", *args[0])
    if kind == "route":
        return edits.choose_route(doc, args[0], io.shipped_routes()[args[0]])
    return None


@settings(max_examples=150, deadline=None)
@given(steps=STEPS)
def test_the_derived_state_after_any_edits_equals_resolving_afresh(steps):
    derived = ResolvedConsist(builders.small_document(), io.resolve_route)
    derived.stats()  # known before the edits: from now on they are updated
    derived.car_lengths()
    derived.packed_cars()
    stack = UndoStack(derived)
    for kind, *args in steps:
        if kind in ("undo", "redo"):
            step = stack.undo() if kind == "undo" else stack.redo()
        else:
            try:
                edit = _edit(derived.document, kind, args)
            except (NoChange, TraintoolError):
                edit = None
            step = stack.push(edit) if edit is not None else None
        doc = derived.document
        if step is not None:  # the completed record's stretch is the one replaced
            old, changes = step
            if changes.stretch is not None:
                start, old_stop, new_stop = changes.stretch
                a, b = old.consist.cars, doc.consist.cars
                assert len(a) - old_stop == len(b) - new_stop
                assert all(x is y for x, y in zip(a[:start], b[:start]))
                assert all(x is y for x, y in zip(a[old_stop:], b[new_stop:]))
        fresh = doc.resolved_cars()
        assert derived.resolved_cars() == fresh
        assert derived.car_lengths() == [c.length_m for c in fresh]
        assert all(a is b for a, b in zip(unpack(derived.packed_cars()), derived.resolved_cars()))
        assert len(unpack(derived.packed_cars())) == len(fresh)
        assert (derived.route, derived.route_error) == _route_or_error(doc)
        got, want = derived.stats(), consist_stats(fresh)
        assert got.count_by_kind == want.count_by_kind and got.max_speed_m_s == want.max_speed_m_s
        assert (got.cars, got.axles, got.locomotives, got.armored) == (want.cars, want.axles, want.locomotives,
                                                                       want.armored)
        for f in ("length_m", "mass_kg", "power_w", "tractive_effort_n"):
            assert getattr(got, f) == pytest.approx(getattr(want, f), rel=1e-9, abs=1e-6)


def test_the_packed_cars_are_packed_afresh_once_cars_long_gone_pile_up(monkeypatch):
    derived = ResolvedConsist(builders.small_document(), io.resolve_route)
    monkeypatch.setattr(resolved_consist, "MAX_DISTINCT", 3)
    derived.packed_cars()
    for k in range(6):  # each mass makes a new resolved car; the old ones would stay in the packed form
        edit = edits.set_car_field(derived.document, [0], "mass_kg", 50_000.0 + k)
        derived.apply(edit.document, edit.changes)
        distinct, codes = derived.packed_cars()
        assert [distinct[i] for i in codes] == derived.resolved_cars()
        assert len(distinct) <= 3 + 1 + len({id(c) for c in derived.resolved_cars()})


def test_a_document_without_a_route_says_why():
    doc = builders.small_document().model_copy(update={"route": None, "route_id": "no-such-route"})
    derived = ResolvedConsist(doc, io.resolve_route)
    assert derived.route is None and "no-such-route" in (derived.route_error or "")
