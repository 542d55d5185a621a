"""The train wrapped into rows: the bisecting wrap places every car where the plain greedy wrap does,
and wrapping again after an edit, from the old placement, gives exactly what wrapping afresh gives."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traintool.render.dimensions import GAP_M
from traintool.ui.train.train_layout import MARGIN_M, place

# Lengths in half metres and the 1.2 m gap: a row's cars and gaps span a whole number of tenths, and
# the room in a row (its width less two 2 m margins) is never one, so no car is a rounding error
# away from fitting: the greedy wrap's sums and place()'s, made in another order, wrap alike.
LENGTHS = st.lists(st.sampled_from([8.0, 14.5, 20.0, 25.0, 26.5, 150.0]), max_size=120)
WIDTHS = st.sampled_from([4.05, 60.05, 93.55, 140.05, 400.05])


def greedy(lengths: list[float], row_width_m: float) -> tuple[list[float], list[int], float]:
    """The wrap as text wraps, car by car: the specification place() must meet."""
    xs, rows, x, row, widest = [], [], MARGIN_M, -1, 0.0
    for length in lengths:
        if row < 0 or (x + length > row_width_m - MARGIN_M and x > MARGIN_M):
            row += 1
            x = MARGIN_M
        xs.append(x)
        rows.append(row)
        widest = max(widest, x + length)
        x += length + GAP_M
    return xs, rows, max(widest + MARGIN_M, row_width_m)


@settings(max_examples=400, deadline=None)
@given(lengths=LENGTHS, width=WIDTHS)
def test_place_wraps_the_cars_as_the_greedy_wrap_does(lengths, width):
    p = place(lengths, width, 9.0)
    xs, rows, width_m = greedy(lengths, width)
    assert list(p.row) == rows and list(p.x) == pytest.approx(xs, abs=1e-9) and p.width_m == pytest.approx(width_m)
    assert p.rows == len(set(rows)) and p.row_starts == [rows.index(r) for r in range(p.rows)]
    for r in range(p.rows):  # each row's cars, read per row, are those of the wrap
        cars = p.cars_in_rows(r, r)
        assert p.x.row_slice(r) == list(p.x)[cars.start:cars.stop] and all(rows[i] == r for i in cars)


@settings(max_examples=400, deadline=None)
@given(lengths=LENGTHS, at=st.integers(0, 130), cut=st.integers(0, 4),
       new=st.lists(st.sampled_from([8.0, 20.0, 25.0, 150.0]), max_size=4), width=WIDTHS)
def test_wrapping_again_after_an_edit_equals_wrapping_afresh(lengths, at, cut, new, width):
    """Cars `at`..`at + cut` replaced by `new` (an insert, a delete, a move's two halves, a length set)."""
    old = place(lengths, width, 9.0)
    at = min(at, len(lengths))
    edited = lengths[:at] + new + lengths[at + cut:]
    again = place(edited, width, 9.0, old, at)
    fresh = place(edited, width, 9.0)
    assert again == fresh
    assert list(again.x) == list(fresh.x) and list(again.row) == list(fresh.row)


@settings(max_examples=200, deadline=None)
@given(lengths=LENGTHS, edits=st.lists(st.tuples(st.integers(0, 130), st.integers(0, 3),
                                                 st.lists(st.sampled_from([8.0, 26.5, 150.0]), max_size=3)),
                                       max_size=8), width=WIDTHS)
def test_a_run_of_edits_wrapped_each_from_the_last_equals_wrapping_afresh(lengths, edits, width):
    p = place(lengths, width, 9.0)
    for at, cut, new in edits:
        at = min(at, len(lengths))
        lengths = lengths[:at] + new + lengths[at + cut:]
        p = place(lengths, width, 9.0, p, at)
        assert p == place(lengths, width, 9.0)


@given(lengths=LENGTHS.filter(bool), width=WIDTHS, data=st.data())
def test_a_placement_reads_as_lists_of_each_cars_left_end_and_row(lengths, width, data):
    p = place(lengths, width, 6.0)
    n = len(lengths)
    assert len(p.x) == len(p.row) == n
    i = data.draw(st.integers(-n, n - 1))
    assert p.x[i] == list(p.x)[i] and p.row[i] == list(p.row)[i]
    assert p.x[i:] == list(p.x)[i:] and p.row[:i] == list(p.row)[:i]
    for outside in (n, -n - 1):
        with pytest.raises(IndexError):
            p.x[outside]
        with pytest.raises(IndexError):
            p.row[outside]
