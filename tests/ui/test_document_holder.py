"""The views follow the holder's change records (the stretch each edit replaced): after any run of
edits, undos and redos, what they hold equals building them again. The derived state itself is
tested without Qt in tests/model/test_resolved_consist.py."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import builders
from traintool.model import Car, CarKind, Consist, Document, edits
from traintool.ui.common.document_holder import DocumentHolder


def test_the_layout_and_overview_after_edits_equal_those_made_afresh(qtbot, big_window):
    """The views update from the stretch each edit replaced; what they hold equals building them again."""
    from traintool.ui.train.train_layout import place

    w = big_window
    view, overview = w.layout_view, w.overview
    for op, args in ((edits.delete_cars, ([5],)), (edits.duplicate_cars, ([300],)), (edits.move_cars, ([10, 11], 700)),
                     (edits.shift_cars, ([999 - 3], 1)), (edits.set_car_field, ([40], "length_m", 11.0))):
        overview._ensure_ends()
        assert w.holder.edit(op, *args) is None
        for undo in (False, True):
            if undo:
                w.undo_stack.undo()
            lengths = [c.length_m for c in w.holder.document.resolved_cars()]
            assert view._lengths == lengths
            assert view.placement == place(lengths, *view._placed_for)
            import itertools

            assert overview._ensure_ends() == pytest.approx(list(itertools.accumulate(lengths)))


def _repeated(doc: Document, times: int) -> Document:
    """The document with its cars repeated."""
    return Document.model_validate({**doc.model_dump(), "consist": {"cars": [c.model_dump() for c in doc.consist.cars] * times}})


VIEW_STEPS = st.lists(st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 80), st.integers(1, 3)),
    st.tuples(st.just("duplicate"), st.integers(0, 80), st.integers(1, 3)),
    st.tuples(st.just("move"), st.integers(0, 80), st.integers(0, 80)),
    st.tuples(st.just("shift"), st.integers(0, 80), st.sampled_from([-1, 1])),
    st.tuples(st.just("length"), st.integers(0, 80), st.sampled_from([8.0, 12.5, 26.5, 60.0])),
    st.tuples(st.just("mass"), st.integers(0, 80), st.just(61_000.0)),
    st.just(("undo",)), st.just(("redo",)),
), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=VIEW_STEPS, zoom=st.sampled_from([2.5, 6.0, 20.0]))
def test_the_layout_and_overview_follow_any_edits_as_if_built_afresh(qtbot, steps, zoom):
    """Each view updates from the edit's record (the stretch it replaced, the cars it set) and the
    holder's lengths: after any run of edits, undos and redos, what they hold equals building them again."""
    import itertools

    from traintool.ui.train.layout_view import LayoutView
    from traintool.ui.train.overview import Overview
    from traintool.ui.train.train_layout import place

    holder = DocumentHolder(_repeated(builders.small_document(), 5))
    view, overview = LayoutView(holder), Overview(holder)
    qtbot.addWidget(view)
    qtbot.addWidget(overview)
    view.resize(500, 300)
    view.set_zoom(zoom)
    overview._ensure_ends()
    for kind, *args in steps:
        n = len(holder.document.consist.cars)
        k = args[0] % n if args and n else 0
        picked = list(range(k, min(k + (args[1] if kind in ("delete", "duplicate") else 1), n)))
        if kind == "delete" and n:
            holder.edit(edits.delete_cars, picked, report=False)
        elif kind == "duplicate" and n:
            holder.edit(edits.duplicate_cars, picked, report=False)
        elif kind == "move" and n:
            holder.edit(edits.move_cars, picked, args[1] % (n + 1), report=False)
        elif kind == "shift" and n:
            holder.edit(edits.shift_cars, picked, args[1], report=False)
        elif kind == "length" and n:
            holder.edit(edits.set_car_field, picked, "length_m", args[1], report=False)
        elif kind == "mass" and n:
            holder.edit(edits.set_car_field, picked, "mass_kg", args[1], report=False)
        elif kind == "undo":
            holder.undo_stack.undo()
        elif kind == "redo":
            holder.undo_stack.redo()
        lengths = [c.length_m for c in holder.document.resolved_cars()]
        assert holder.car_lengths() == lengths and view._lengths == lengths
        assert view.placement == place(lengths, *view._placed_for)
        assert list(view.placement.x) == list(place(lengths, *view._placed_for).x)
        assert overview._ensure_ends() == list(itertools.accumulate(lengths))


def test_the_overview_strip_after_edits_is_the_strip_drawn_afresh(qtbot, big_window):
    """Drawn again a turn of the event loop after each edit or selection, from the ends summed again
    from the edited car: once settled, it is the strip a new overview draws."""
    from PySide6.QtGui import QImage

    from traintool.ui.train.overview import Overview

    w = big_window
    overview = w.overview
    for op, args in ((edits.delete_cars, ([5],)), (edits.set_car_field, ([40], "length_m", 60.0)),
                     (edits.move_cars, ([10, 11], 700)), (edits.duplicate_cars, ([300],))):
        assert w.holder.edit(op, *args) is None
        w.holder.set_selection([500])
        qtbot.waitUntil(lambda: not overview._later.isActive())
        fresh = Overview(w.holder)
        qtbot.addWidget(fresh)
        fresh.resize(overview.size())
        fresh.set_visible_cars(*overview._view)
        rgb = QImage.Format.Format_RGB32
        assert overview.grab().toImage().convertToFormat(rgb) == fresh.grab().toImage().convertToFormat(rgb)


@pytest.mark.parametrize("zoom", [1.0, 6.0])  # whole rows from the row cache; cars from the car cache
def test_the_layout_drawn_after_edits_is_the_layout_drawn_afresh(qtbot, zoom):
    """Rows and cars an edit did not change come from the caches; what is painted equals a new view's."""
    from PySide6.QtGui import QImage

    from traintool.ui.train.layout_view import LayoutView

    coach, sleeper = builders.make_type("coach"), builders.make_type("sleeper", CarKind.SLEEPER, length_m=26.5)
    cars = [Car(type_id="loco")] + [Car(type_id="coach" if i % 3 else "sleeper") for i in range(599)]
    holder = DocumentHolder(Document(name="600 cars", car_types=[builders.make_type("loco", CarKind.LOCOMOTIVE), coach,
                                                                 sleeper], consist=Consist(cars=cars),
                                     route=builders.gauge_route()))
    view = LayoutView(holder)
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.set_zoom(zoom)
    rgb = QImage.Format.Format_RGB32

    def image(v: LayoutView) -> QImage:
        return v.viewport().grab().toImage().convertToFormat(rgb)

    image(view)  # the caches filled before the edits
    for op, args in ((edits.delete_cars, ([3],)), (edits.set_car_field, ([20], "length_m", 40.0)),
                     (edits.move_cars, ([1, 2], 30)), (edits.duplicate_cars, ([7],)),
                     (edits.set_car_field, ([12], "mass_kg", 90_000.0))):
        assert holder.edit(op, *args) is None
        holder.set_selection([4, 9])
        fresh = LayoutView(holder)
        qtbot.addWidget(fresh)
        fresh.resize(view.size())
        fresh.set_zoom(zoom)
        assert image(view) == image(fresh)
