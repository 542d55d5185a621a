"""Where each car sits in the layout view: the train wrapped into rows like lines of text.

Pure geometry in metres, no Qt: the view, the overview and the tests use it.
"""
from __future__ import annotations

import bisect
import operator
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


def _first_false(flags: list[bool]) -> int:
    try:
        return flags.index(False)
    except ValueError:
        return len(flags)


def replace_lengths(old: Placement, old_lengths: list[float], lengths: list[float], row_width_m: float,
                    stretch: tuple[int, int, int] | None = None) -> Placement:
    """`place(lengths, row_width_m, old.row_height_m)`, reusing `old` (made by place with the same row width
    for `old_lengths`) where it can: the rows before the one holding the car before the first changed length stay, the greedy wrap runs
    from there until its rows start where the old ones did (the same cars from then on), and the rest
    of the old placement is taken over, shifted. An edit of a car or two in 100,000 then wraps a row or two.
    """
    n_old, n = len(old_lengths), len(lengths)
    if stretch is not None:  # what the edit replaced, if known: old_lengths[start:old_stop] by lengths[start:stop]
        head, old_stop, stop = stretch
        tail = n - stop
    else:
        head = _first_false(list(map(operator.eq, old_lengths, lengths)))  # at C speed: 100,000 in a few ms
        if head == n_old == n:
            return old
        tail = min(_first_false(list(map(operator.eq, reversed(old_lengths), reversed(lengths)))), n_old - head, n - head)
    if not old.row_starts or head == 0:
        return place(lengths, row_width_m, old.row_height_m)
    first_row = old.row[head - 1]  # the row of the car before the change: the changed car may fit in it now
    i0 = old.row_starts[first_row]
    xs, rows, starts = old.x[:i0], old.row[:i0], old.row_starts[:first_row]
    widest = 0.0
    for r in range(first_row):  # the rows kept: their right ends
        last = old.row_starts[r + 1] - 1
        widest = max(widest, old.x[last] + old_lengths[last])
    delta = n - n_old
    limit = row_width_m - MARGIN_M
    x, row, end = MARGIN_M, first_row - 1, 0.0
    resync_from = n - tail  # from here on the new cars are the old ones, `delta` places along
    old_starts = set(old.row_starts)
    for i in range(i0, n):
        length = lengths[i]
        if row < first_row or (x + length > limit and x > MARGIN_M):
            if i > i0 and i >= resync_from and (i - delta) in old_starts:
                j = i - delta  # the old row starting at j is this row: take the rest over
                shift = row + 1 - old.row[j]
                xs = xs + old.x[j:]
                rows = rows + ([r + shift for r in old.row[j:]] if shift else old.row[j:])
                starts = starts + [s + delta for s in old.row_starts[old.row[j]:]]
                widest = max(widest, end)
                for r in range(old.row[j], old.rows):
                    last = (old.row_starts[r + 1] if r + 1 < old.rows else n_old) - 1
                    widest = max(widest, old.x[last] + old_lengths[last])
                return Placement(xs, rows, starts, old.row_height_m, max(widest + MARGIN_M, row_width_m))
            widest = max(widest, end)
            row += 1
            starts.append(i)
            x = MARGIN_M
        xs.append(x)
        rows.append(row)
        end = x + length
        x = end + GAP_M
    widest = max(widest, end)
    return Placement(xs, rows, starts, old.row_height_m, max(widest + MARGIN_M, row_width_m))
