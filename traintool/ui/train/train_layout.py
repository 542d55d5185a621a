"""Where each car sits in the layout view: the train wrapped into rows like lines of text.

Pure geometry in metres, no Qt: the view, the overview and the tests use it.

The wrap runs after every edit over a train of up to 100,000 cars, so nothing in it loops over
the cars in Python. It keeps `ahead[k]`, the length of cars 0..k-1 each followed by a gap (summed
at C speed), and the index of each row's first car: a row from car s holds the cars s..e-1 while
ahead[e] - ahead[s] is at most its room plus one gap, so each row's end is one bisection. A car's
left end is worked out when asked, summed from its row's start: a row's drawing depends on its
cars alone, wherever it lies in the train (the view caches whole rows by the cars in them).
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import accumulate, repeat
from operator import add
from typing import TypeVar, overload

from ...render.dimensions import CAR_HEIGHT_M, GAP_M

MARGIN_M = 2.0
T = TypeVar("T")


class _PerCar(Sequence[T]):
    """A figure of each car of a placement, read as a list and worked out per car when read."""

    def __init__(self, p: Placement):
        self._p = p

    def __len__(self) -> int:
        return len(self._p.ahead) - 1

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self._at(k) for k in range(*i.indices(len(self)))]
        try:
            return self._at(range(len(self))[i])
        except IndexError:
            raise IndexError("car index out of range") from None

    def _at(self, i: int) -> T:
        raise NotImplementedError

    def _row_of(self, i: int) -> int:
        return bisect.bisect_right(self._p.row_starts, i) - 1


class _Lefts(_PerCar[float]):
    """Each car's left end, metres from the row's start."""

    def _at(self, i: int) -> float:
        p = self._p
        s = p.row_starts[self._row_of(i)]
        return reduce(add, map(add, p.lengths[s:i], repeat(GAP_M, i - s)), MARGIN_M)  # as row_slice sums

    def row_slice(self, row: int) -> list[float]:
        """The left ends of one row's cars, at C speed, from its cars alone."""
        p = self._p
        span = p.cars_in_rows(row, row)
        if not span:
            return []
        return list(accumulate(map(add, p.lengths[span.start:span.stop - 1], repeat(GAP_M, len(span) - 1)),
                               initial=MARGIN_M))


class _Rows(_PerCar[int]):
    """The row of each car."""

    def _at(self, i: int) -> int:
        return self._row_of(i)


@dataclass(frozen=True)
class Placement:
    lengths: Sequence[float]  # each car's
    ahead: list[float]  # ahead[k]: the length of cars 0..k-1, each with the gap after it (len: cars + 1)
    row_starts: list[int]  # index of the first car of each row
    spans: list[float]  # each row's length, from its first car's left end to its last car's right end
    row_height_m: float
    width_m: float

    # The views are made when read, not kept: kept, they would point back at the placement, and a
    # 100,000-car placement in a reference cycle waits for the cyclic collector, whose pass then
    # frees its lists all at once inside some later edit (60-80 ms).
    @property
    def x(self) -> _Lefts:
        """Each car's left end, metres from its row's start."""
        return _Lefts(self)

    @property
    def row(self) -> _Rows:
        """The row of each car."""
        return _Rows(self)

    def y(self, row: int) -> float:
        """Top of a row's car band."""
        return MARGIN_M + row * self.row_height_m

    @property
    def rows(self) -> int:
        return len(self.row_starts)

    @property
    def height_m(self) -> float:
        return 2 * MARGIN_M + self.rows * self.row_height_m

    def cars_in_rows(self, first_row: int, last_row: int) -> range:
        first_row = max(first_row, 0)
        last_row = min(last_row, self.rows - 1)
        if first_row > last_row:
            return range(0)
        end = self.row_starts[last_row + 1] if last_row + 1 < self.rows else len(self.ahead) - 1
        return range(self.row_starts[first_row], end)

    def row_at(self, y: float) -> int:
        return min(max(int((y - MARGIN_M) // self.row_height_m), 0), max(self.rows - 1, 0))

    def insertion_index(self, x: float, y: float, lengths: Sequence[float]) -> int:
        """Where a drop at (x, y) inserts: before the first car of the row whose middle is right of x."""
        if not self.row_starts:
            return 0
        r = self.row_at(y)
        cars = self.cars_in_rows(r, r)
        for i, left in zip(cars, self.x.row_slice(r)):
            if x < left + lengths[i] / 2:
                return i
        return cars.stop

    def car_at(self, x: float, y: float, lengths: Sequence[float]) -> int | None:
        if not self.row_starts:
            return None
        r = self.row_at(y)
        top = self.y(r)
        if not (top <= y <= top + CAR_HEIGHT_M):
            return None
        cars = self.cars_in_rows(r, r)
        lefts = self.x.row_slice(r)
        k = bisect.bisect_right(lefts, x) - 1  # a row's lefts increase
        if k < 0:
            return None
        i = cars.start + k
        return i if x <= lefts[k] + lengths[i] else None


def place(lengths: Sequence[float], row_width_m: float, row_height_m: float,
          old: Placement | None = None, same: int = 0) -> Placement:
    """Wrap the cars into rows no wider than row_width_m (a car longer than a row gets one alone).

    `old`, if given, was made with the same row width and height for a train whose first `same`
    cars had these lengths: its sums up to car `same` and its rows before the one holding car
    `same - 1` are kept (they saw only those cars), and the wrap goes on from there. The result is
    exactly what placing afresh gives.
    """
    n = len(lengths)
    room = row_width_m - 2 * MARGIN_M + GAP_M
    if old is None or same <= 0 or not old.row_starts:
        ahead = list(accumulate(map(add, lengths, repeat(GAP_M, n)), initial=0.0))
        starts: list[int] = []
        spans: list[float] = []
    else:
        same = min(same, n, len(old.ahead) - 1)
        ahead = old.ahead[:same] + list(accumulate(map(add, lengths[same:], repeat(GAP_M, n - same)),
                                                   initial=old.ahead[same]))
        keep = bisect.bisect_right(old.row_starts, same - 1) - 1  # the row of car same - 1: wrapped again
        starts, spans = old.row_starts[:keep], old.spans[:keep]
    s = old.row_starts[len(starts)] if starts and old is not None else 0
    while s < n:
        base = ahead[s]
        e = min(max(bisect.bisect_right(ahead, base + room, s + 1) - 1, s + 1), n)
        starts.append(s)
        spans.append(ahead[e] - GAP_M - base)
        s = e
    widest = MARGIN_M + max(spans) if spans else 0.0  # the right end of the widest row
    return Placement(lengths, ahead, starts, spans, row_height_m, max(widest + MARGIN_M, row_width_m))
