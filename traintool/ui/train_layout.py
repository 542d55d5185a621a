"""Where each car sits in the layout view: the train wrapped into rows like lines of text.

Pure geometry in metres, no Qt: the view, the overview and the tests use it.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..render.dimensions import CAR_HEIGHT_M, GAP_M

MARGIN_M = 2.0


@dataclass(frozen=True)
class Placement:
    x: list[float]  # left end of each car, metres from the row's start
    row: list[int]  # the row of each car
    row_starts: list[int]  # index of the first car of each row
    row_height_m: float
    width_m: float

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
        end = self.row_starts[last_row + 1] if last_row + 1 < self.rows else len(self.x)
        return range(self.row_starts[first_row], end)

    def row_at(self, y: float) -> int:
        return min(max(int((y - MARGIN_M) // self.row_height_m), 0), max(self.rows - 1, 0))

    def insertion_index(self, x: float, y: float, lengths: list[float]) -> int:
        """Where a drop at (x, y) inserts: before the first car of the row whose middle is right of x."""
        if not self.x:
            return 0
        r = self.row_at(y)
        cars = self.cars_in_rows(r, r)
        for i in cars:
            if x < self.x[i] + lengths[i] / 2:
                return i
        return cars.stop if cars else len(self.x)

    def car_at(self, x: float, y: float, lengths: list[float]) -> int | None:
        if not self.x:
            return None
        r = self.row_at(y)
        top = self.y(r)
        if not (top <= y <= top + CAR_HEIGHT_M):
            return None
        cars = self.cars_in_rows(r, r)
        lefts = [self.x[i] for i in cars]
        k = bisect.bisect_right(lefts, x) - 1
        if k < 0:
            return None
        i = cars.start + k
        return i if x <= self.x[i] + lengths[i] else None


def place(lengths: list[float], row_width_m: float, row_height_m: float) -> Placement:
    """Wrap the cars into rows no wider than row_width_m (a car longer than a row gets one alone)."""
    # Runs after every edit over every car (100,000 at most): the loop does as little as it can.
    xs: list[float] = []
    rows: list[int] = []
    starts: list[int] = []
    add_x, add_row = xs.append, rows.append
    limit = row_width_m - MARGIN_M
    x = MARGIN_M
    row = -1
    end = widest = 0.0  # the right end of the last car placed; the widest row's
    for i, length in enumerate(lengths):
        if row < 0 or (x + length > limit and x > MARGIN_M):
            widest = max(widest, end)
            row += 1
            starts.append(i)
            x = MARGIN_M
        add_x(x)
        add_row(row)
        end = x + length
        x = end + GAP_M
    widest = max(widest, end)
    return Placement(xs, rows, starts, row_height_m, max(widest + MARGIN_M, row_width_m))
