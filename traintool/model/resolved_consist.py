"""What the window derives from the open document, kept edit by edit without Qt: the resolved cars,
their lengths, the cars packed for a worker process, the consist's stats and the route, and each
edit's change record completed with the stretch of cars it replaced.

An edit re-resolves only the cars it touched (an edit copies the list of cars, not the cars), so a
100,000-car train costs what the edit changed; after any run of edits the state equals what
resolving the document afresh gives (tests/model/test_resolved_consist.py).
"""
from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from operator import attrgetter

from ..errors import TraintoolError
from .consist import CarResolver, ConsistStats, ResolvedCar, consist_stats, updated_stats
from .document import Document
from .edits import ALL, Changes
from .route import Route

MAX_DISTINCT = 4096  # distinct resolved cars in the packed form before it is packed afresh

Packed = tuple[list[ResolvedCar], "array[int]"]


def pack(cars: Sequence[ResolvedCar]) -> Packed:
    """The distinct cars (by identity: resolved cars alike are shared) and each position's index."""
    ids = list(map(id, cars))
    by_id = dict(zip(ids, cars))  # in order of first appearance (a later car of one id is the same object)
    number = {i: k for k, i in enumerate(by_id)}
    return list(by_id.values()), array("i", map(number.__getitem__, ids))


def unpack(packed: Packed) -> list[ResolvedCar]:
    distinct, index = packed
    return [distinct[i] for i in index.tolist()]


class ResolvedConsist:
    """`route_of(document)`: the route a document is timed on (io.resolve_route), or a
    TraintoolError saying why it has none."""

    def __init__(self, document: Document, route_of: Callable[[Document], Route]):
        self._document = document
        self._route_of = route_of
        self._resolver = CarResolver()  # an edit re-resolves only the cars it touched
        self._resolved: list[ResolvedCar] | None = None
        self._lengths: list[float] | None = None  # each resolved car's length (the layout and the overview share it)
        # The resolved cars packed for a worker process: each position's index among the distinct
        # cars; the list keeps those alive, so their ids, the dict's keys, stay theirs.
        self._codes: array[int] | None = None
        self._distinct: list[ResolvedCar] = []
        self._code_of: dict[int, int] = {}
        self._stats: ConsistStats | None = None
        self.route: Route | None = None
        self.route_error: str | None = None  # why there is no route (an unknown route_id, ...)
        self._resolve_route()

    @property
    def document(self) -> Document:
        return self._document

    def resolved_cars(self) -> list[ResolvedCar]:
        if self._resolved is None:
            self._resolved = self._resolver.resolve(self._document.consist.cars, self._document.type_by_id())
        return self._resolved

    def car_lengths(self) -> list[float]:
        """Each car's length, kept up to date edit by edit like the resolved cars (do not modify it)."""
        if self._lengths is None:
            self._lengths = list(map(attrgetter("length_m"), self.resolved_cars()))
        return self._lengths

    def packed_cars(self) -> Packed:
        """The resolved cars as `pack` gives them, kept edit by edit: handing a 100,000-car train to
        a worker process costs what the edit changed, not a pass over every car."""
        if self._codes is None:
            self._distinct, self._codes = pack(self.resolved_cars())
            self._code_of = {id(c): k for k, c in enumerate(self._distinct)}
        return list(self._distinct), self._codes  # a copy: the list grows, the array is never changed

    def stats(self) -> ConsistStats:
        """The consist's stats, computed once per document."""
        if self._stats is None:
            self._stats = consist_stats(self.resolved_cars())
        return self._stats

    def apply(self, document: Document, changes: Changes) -> Changes:
        """`document` replaces the one held, as `changes` says (an edit, its undo or its redo); the
        record completed with the stretch of cars replaced, which the views read."""
        old, self._document = self._document, document
        changes = changes.completed(old.consist.cars, document.consist.cars)
        if changes.consist:
            self._update_resolved(old, changes)
        if changes.route:
            self._resolve_route()
        return changes

    def _resolve_route(self) -> None:
        try:
            self.route, self.route_error = self._route_of(self._document), None
        except TraintoolError as e:
            self.route, self.route_error = None, str(e)

    def _code(self, car: ResolvedCar) -> int:
        k = self._code_of.get(id(car))
        if k is None:
            k = self._code_of[id(car)] = len(self._distinct)
            self._distinct.append(car)
        return k

    def _update_resolved(self, old: Document, changes: Changes) -> None:
        """The resolved cars (their lengths, the stats) of the new document, re-resolving only what the edit touched."""
        prev, self._resolved = self._resolved, None
        lengths, self._lengths = self._lengths, None
        codes, self._codes = self._codes, None
        if len(self._distinct) > MAX_DISTINCT:
            codes = None  # cars long gone pile up in the packed form: pack afresh when next asked
        stats, self._stats = self._stats, None
        doc = self._document
        if prev is None or changes.car_types or doc.car_types is not old.car_types or len(prev) != len(old.consist.cars):
            return  # resolved afresh when asked (CarResolver still reuses the cars it knows)
        cars = doc.consist.cars
        types = doc.type_by_id()
        if changes.cars != ALL:
            out = list(prev)
            idx = list(changes.cars)
            for i, r in zip(idx, self._resolver.resolve([cars[i] for i in idx], types)):
                out[i] = r
            self._resolved = out
            if lengths is not None:
                self._lengths = list(lengths)
                for i in idx:
                    self._lengths[i] = out[i].length_m
            if codes is not None:
                self._codes = array("i", codes)
                for i in idx:
                    self._codes[i] = self._code(out[i])
            if stats is not None:
                self._stats = updated_stats(stats, [prev[i] for i in idx], [out[i] for i in idx], out)
            return
        # Cars added, removed or moved: the cars before and after the edited stretch (the completed
        # record's) are the same objects. Only that stretch is resolved.
        assert changes.stretch is not None  # Changes.completed gives it to every such record
        start, old_stop, _ = changes.stretch
        end_same = len(old.consist.cars) - old_stop
        middle = self._resolver.resolve(cars[start:len(cars) - end_same], types)
        self._resolved = prev[:start] + middle + prev[len(prev) - end_same:]
        if lengths is not None:
            self._lengths = lengths[:start] + list(map(attrgetter("length_m"), middle)) + lengths[len(lengths) - end_same:]
        if codes is not None:
            self._codes = codes[:start] + array("i", map(self._code, middle)) + codes[len(codes) - end_same:]
        if stats is not None:
            self._stats = updated_stats(stats, prev[start:len(prev) - end_same], middle, self._resolved)
