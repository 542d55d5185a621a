"""The window keeps the cyclic collector away from what lives long, and makes no cycles of its own
that only the collector could free: at 100,000 cars either cost a pause inside an edit."""
import gc
import weakref

import pytest

import builders
from traintool.model import Consist
from traintool.ui.common import heap
from traintool.ui.common.document_holder import DocumentHolder
from traintool.ui.train.train_layout import place


@pytest.fixture
def collector_restored():
    yield
    gc.unfreeze()
    gc.enable()


def test_a_placement_is_freed_as_soon_as_it_is_dropped(collector_restored):
    gc.disable()  # only reference counting: a placement in a cycle would outlive its last name
    p = place([25.0] * 5_000, 300.0, 6.0)
    assert p.row[4_999] == p.rows - 1 and p.x[1] > p.x[0]  # its views read it
    gone = weakref.ref(p)
    del p
    assert gone() is None


def big(cars: int):
    doc = builders.small_document()
    cars_ = list(doc.consist.cars) * (cars // len(doc.consist.cars) + 1)
    return doc.model_copy(update={"consist": Consist(cars=cars_[:cars])})


def test_a_big_document_is_settled_out_of_the_collectors_reach(qapp, collector_restored):
    holder = DocumentHolder(builders.small_document())
    gc.unfreeze()
    holder.load(big(heap.BIG_DOCUMENT_CARS), None)
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert frozen >= heap.BIG_DOCUMENT_CARS  # the cars (each a tracked object) among them
    alive = {id(o) for o in gc.get_objects()}  # the generations the collector scans
    assert id(holder.document.consist) not in alive
    assert not any(id(c) in alive for c in holder.document.consist.cars[:100])


def test_a_small_document_is_left_to_the_collector(qapp, collector_restored):
    holder = DocumentHolder(builders.small_document())
    gc.unfreeze()
    holder.load(big(heap.BIG_DOCUMENT_CARS - 1), None)
    assert gc.get_freeze_count() == 0
