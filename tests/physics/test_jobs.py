"""What a trip computation in a worker process takes and gives back: the cars packed by identity,
the refit timelines as columns; both come back out equal to what went in."""
import pickle

import numpy as np

from hypothesis import given
from hypothesis import strategies as st

from traintool.io import default_document, resolve_route
from traintool.model import CarResolver, Consist
from traintool.physics import compute_trip
from traintool.model.resolved_consist import pack, unpack
from traintool.physics.jobs import trip_job, without_consist
from traintool.physics.result import TimelineBar, TimelineColumns, trip_to_dict

DOC = default_document()
CARS = CarResolver().resolve(DOC.consist.cars, DOC.type_by_id())


@given(st.lists(st.integers(0, len(CARS) - 1), max_size=200))
def test_pack_then_unpack_gives_the_same_cars_in_the_same_order(picks):
    cars = [CARS[i] for i in picks]
    distinct, index = pack(cars)
    assert len({id(c) for c in distinct}) == len(distinct) == len({id(c) for c in cars})
    back = unpack(pickle.loads(pickle.dumps((distinct, index))))
    assert [c == d for c, d in zip(back, cars)] == [True] * len(cars) and len(back) == len(cars)
    assert all(a is b for a, b in zip(unpack((distinct, index)), cars))


def test_a_worker_s_trip_equals_the_trip_computed_here_its_timeline_as_columns():
    doc = DOC.model_copy(update={"consist": Consist(cars=DOC.consist.cars * 20)})
    route = resolve_route(doc)
    cars = CarResolver().resolve(doc.consist.cars, doc.type_by_id())
    here = compute_trip(doc, route, cars)
    assert here.refits and len(here.refits[0].timeline) > 20
    there, seconds = pickle.loads(pickle.dumps(trip_job(without_consist(doc), route, pack(cars))))
    assert seconds > 0
    assert all(isinstance(r.timeline, TimelineColumns) for r in there.refits)
    assert trip_to_dict(there) == trip_to_dict(here)
    assert all(np.array_equal(getattr(there.profile, f), getattr(here.profile, f)) for f in vars(here.profile))
    assert [list(r.timeline) for r in there.refits] == [list(r.timeline) for r in here.refits]
    assert [r.timeline for r in there.refits] == [r.timeline for r in here.refits]  # columns equal a list


@given(st.lists(st.tuples(st.integers(-1, 50), st.integers(-1, 50), st.sampled_from(["Lift", "Bogie swap", "Roll"]),
                          st.floats(0, 1e6), st.floats(0, 1e6)), max_size=60),
       st.integers(-70, 70), st.integers(-70, 70), st.integers(-3, 3).filter(bool))
def test_timeline_columns_read_as_the_list_of_bars_they_were_made_from(rows, i, j, step):
    bars = [TimelineBar(*r) for r in rows]
    columns = pickle.loads(pickle.dumps(TimelineColumns(bars)))
    assert len(columns) == len(bars) and list(columns) == bars and columns == bars
    assert columns[i:j:step] == bars[i:j:step]
    if -len(bars) <= i < len(bars):
        assert columns[i] == bars[i]
    else:
        try:
            columns[i]
        except IndexError:
            pass
        else:
            raise AssertionError("an index out of range must raise IndexError")
