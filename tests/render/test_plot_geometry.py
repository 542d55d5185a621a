"""The plots' geometry, shared by the window and the report."""
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from traintool.render.plot_geometry import STEP_COLORS, limit_steps, step_color, track_label

samples = st.lists(st.tuples(st.floats(0.1, 1e4), st.floats(0, 100)), min_size=2, max_size=50)


@given(samples)
def test_each_limit_holds_over_the_stretch_that_led_to_its_sample(pairs):
    x = np.cumsum([dx for dx, _ in pairs])
    limit = np.array([v for _, v in pairs])
    xs, ys = limit_steps(x, limit)
    assert len(xs) == len(ys) == 2 * (len(x) - 1)
    for i in range(1, len(x)):  # the stretch x[i-1]..x[i] is drawn flat at limit[i]
        assert (xs[2 * i - 2], xs[2 * i - 1]) == (x[i - 1], x[i])
        assert ys[2 * i - 2] == ys[2 * i - 1] == limit[i]


def test_fewer_than_two_samples_are_drawn_as_they_are():
    xs, ys = limit_steps(np.array([5.0]), np.array([20.0]))
    assert list(xs) == [5.0] and list(ys) == [20.0]


def test_step_colours_are_distinct_then_repeat_and_tracks_are_named():
    assert len({step_color(k) for k in range(len(STEP_COLORS))}) == len(STEP_COLORS)
    assert step_color(len(STEP_COLORS)) == step_color(0)
    assert (track_label(-1), track_label(0), track_label(2)) == ("whole train", "track 1", "track 3")


def test_plot_limits_reach_the_routes_end_even_where_the_trip_stops_short():
    from traintool.render.plot_geometry import data_limits

    x = np.array([0.0, 400.0, 873.0])  # the train stopped at 873 km of 1,201
    assert data_limits(x, np.array([0.0, 50.0, 0.0]), end=1201.0) == {
        "xMin": 0.0, "xMax": 1201.0, "yMin": 0.0, "yMax": pytest.approx(52.5), "minXRange": 0.0, "minYRange": 0.0}
    assert data_limits(x, np.array([0.0, 50.0, 0.0]))["xMax"] == 873.0  # without the route: the data's own
    # A band past where no draw gets is NaN: it never makes the limits NaN.
    assert data_limits(x, np.array([np.nan, np.nan]), np.array([1.0, np.nan]), end=1201.0)["yMax"] == pytest.approx(1.05)
