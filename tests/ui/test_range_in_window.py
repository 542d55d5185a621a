"""The answer's range in the window: computed on a worker after edits settle, shown under the total,
its drivers charted; a bar clicked selects what it belongs to; a stale range never shows."""
import pytest

from traintool.io import resolve_route
from traintool.model import edits
from traintool.physics.ranges import drivers, trip_range
from traintool.units import format_duration


def _wait_range(qtbot, window):
    ranges = window.trip_panel.range_computer
    qtbot.waitUntil(lambda: ranges.range is not None, timeout=20_000)
    return ranges


def test_the_panel_shows_the_range_the_physics_gives_and_the_chart_its_drivers(qtbot, window):
    ranges = _wait_range(qtbot, window)
    doc = window.holder.document
    expected = trip_range(doc, resolve_route(doc), samples=ranges.samples)
    assert ranges.range == expected  # the same seed: the same range as the command line's
    text = window.trip_panel.answer.range_label.text()
    assert text.startswith(f"90 % between {format_duration(expected.total_s.p5)} and "
                           f"{format_duration(expected.total_s.p95)}")
    chart = window.plots.drivers_chart
    assert [d.input.key for d in chart.shown] == [d.input.key for d in drivers(doc, resolve_route(doc))[:10]]


def test_an_edit_makes_the_range_stale_until_it_is_computed_again(qtbot, window):
    ranges = _wait_range(qtbot, window)
    before = ranges.range
    window.holder.edit(edits.delete_cars, list(range(40, 80)))
    qtbot.waitUntil(lambda: ranges.range is None, timeout=20000)  # never the old range beside the new answer
    assert window.trip_panel.answer.range_label.text() == "Range: computing…"
    ranges = _wait_range(qtbot, window)
    assert ranges.range != before and ranges.range.total_s.p50 < before.total_s.p50  # 40 coaches fewer


def test_clicking_a_car_type_driver_selects_its_cars(qtbot, window):
    _wait_range(qtbot, window)
    chart = window.plots.drivers_chart
    bar = next(d for d in chart.shown if d.input.owner == "car_type")
    chart.input_clicked.emit(bar.input)
    types = set(bar.input.owner_id.split(","))
    expected = [i for i, c in enumerate(window.holder.document.consist.cars) if c.type_id in types]
    assert window.holder.selection == expected and expected


def test_a_train_too_long_to_sample_says_so(qtbot, open_window):
    from traintool.io import default_document
    from traintool.model import Car

    doc = default_document()
    big = edits.insert_cars(doc, 3, [Car(type_id="kp-armored-coach")] * 2_000).document
    w = open_window(big)
    qtbot.waitUntil(lambda: "over 2,000 cars" in w.trip_panel.answer.range_label.text(), timeout=10_000)
    assert w.trip_panel.range_computer.range is None
    assert not w.plots.bands[w.plots.speed_plot][2].isVisible() and w.plots.range is None  # no band either
