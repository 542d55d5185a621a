"""The range's 90 % band behind the speed and time lines, and a trip that stops on the way shown
against the whole route."""
import numpy as np
import pytest
from PySide6.QtCore import QPointF

import builders
from settle import laid_out
from traintool.model import edits
from traintool.physics import compute_trip
from traintool.units import UnitSystem, format_duration


def _band_shown(plots, plot) -> bool:
    low, high, fill, swatch = plots.bands[plot]
    return fill.isVisible() and any(label.text.startswith("90 % band") for _, label in plots.legends[plot].items)


def _wait_range(qtbot, window):
    ranges = window.trip_panel.range_computer
    qtbot.waitUntil(lambda: ranges.range is not None, timeout=30_000)
    return ranges.range


def test_the_band_is_the_ranges_own_drawn_behind_the_lines_and_read_at_the_pointer(qtbot, window):
    plots = window.plots
    r = _wait_range(qtbot, window)
    b = r.bands
    assert plots.range is r and b.reached == len(b.grid)  # every draw makes the default trip
    for plot, pair, scale in ((plots.speed_plot, b.speed_m_s, 3.6), (plots.time_plot, b.elapsed_s, 1 / 3600)):
        low, high, fill, _ = plots.bands[plot]
        assert _band_shown(plots, plot)
        for edge, values in zip((low, high), pair):
            x, y = edge.getData()
            assert np.allclose(x, b.grid.distance_m / 1000) and np.allclose(y, values * scale, rtol=1e-6)
        line = plots.speed_curve if plot is plots.speed_plot else plots.time_curve
        assert fill.zValue() < line.zValue() and fill.zValue() < plots.baseline_speed_curve.zValue()
        assert fill.path().boundingRect().width() > 0  # something is filled
    [label] = [lab.text for _, lab in plots.legends[plots.speed_plot].items if lab.text.startswith("90 %")]
    assert label == f"90 % band, {r.samples} samples"
    # The readouts give the band at the pointer.
    plots.tabs.setCurrentWidget(plots.time_tab)
    qtbot.waitUntil(lambda: laid_out(plots.time_tab))
    vb = plots.time_plot.getPlotItem().vb
    plots.time_plot.scene().sigMouseMoved.emit(vb.mapViewToScene(QPointF(600.0, vb.viewRange()[1][1] / 2)))
    (v5, v95), (t5, t95), _ = b.at(600_000)
    assert f"90 %: {format_duration(t5)} – {format_duration(t95)}" in plots.time_hover.toPlainText()
    assert f"90 %: {v5 * 3.6:.0f}–{v95 * 3.6:.0f} km/h" in plots.hover.toPlainText()
    assert plots.hover.toPlainText().startswith("600.0 km")  # the pointer's distance, not the nearest sample's
    # In other units, the same band in those.
    window.preferences.units = UnitSystem.IMPERIAL
    x, y = plots.bands[plots.speed_plot][1].getData()
    assert np.allclose(y, b.speed_m_s[1] * 3.6 / 1.609344, rtol=1e-5) and x[-1] == pytest.approx(1201 / 1.609344)
    window.preferences.units = UnitSystem.METRIC


def test_an_edit_greys_the_band_until_the_new_range_comes(qtbot, window):
    from traintool.render.plot_geometry import STALE_BAND_COLOR

    plots = window.plots
    before = _wait_range(qtbot, window)
    window.holder.edit(edits.delete_cars, list(range(40, 80)))
    qtbot.waitUntil(lambda: window.trip_panel.range_computer.range is None, timeout=10_000)
    # The old band stays (nothing jumps), greyed: never in the band's colour beside the new answer.
    assert all(_band_shown(plots, p) for p in (plots.speed_plot, plots.time_plot)) and plots.range_stale
    assert all(plots.bands[p][2].brush().color().getRgb() == STALE_BAND_COLOR for p in (plots.speed_plot, plots.time_plot))
    after = _wait_range(qtbot, window)
    assert _band_shown(plots, plots.time_plot) and plots.range is after
    _, y = plots.bands[plots.time_plot][1].getData()
    assert y[-1] == pytest.approx(after.bands.elapsed_s[1][-1] / 3600) and y[-1] < before.bands.elapsed_s[1][-1] / 3600


def test_without_a_range_there_is_no_band(qtbot, window):
    plots = window.plots
    _wait_range(qtbot, window)
    plots.show_range(None)
    assert not any(_band_shown(plots, p) for p in (plots.speed_plot, plots.time_plot))
    plots.show_readout(600.0)
    assert "90 %" not in plots.hover.toPlainText() and "90 %" not in plots.time_hover.toPlainText()


@pytest.mark.parametrize("kind", ["stall", "cannot_change_gauge"])
def test_a_trip_that_stops_is_shown_against_the_whole_route(qtbot, open_window, kind):
    d = builders.infeasible_documents()[kind]
    w = open_window(d)
    plots = w.plots
    r = compute_trip(d, d.route)
    end_km, reached_km = d.route.length_m / 1000, r.reached_m / 1000
    assert reached_km < end_km
    for plot in (plots.speed_plot, plots.time_plot):
        vb = plot.getPlotItem().vb
        assert vb.state["limits"]["xLimits"][1] == pytest.approx(end_km)  # not where the train stopped
        vb.autoRange()
        (x0, x1), _ = vb.viewRange()
        assert x0 <= 1e-6 and x1 >= end_km - 1e-6
        vb.scaleBy((50, 50))
        (x0, x1), _ = vb.viewRange()
        assert x0 >= -1e-6 and x1 <= end_km + 1e-6
        [region] = [item for p, item in plots._unreached if p is plot]
        assert region.getRegion() == pytest.approx((reached_km, end_km))
        assert region.lines[0].childItems()[0].toPlainText() == "not reached ▸"
    plots.show_readout((reached_km + end_km) / 2)
    assert "not reached" in plots.hover.toPlainText() and "not reached" in plots.time_hover.toPlainText()


def test_a_trip_made_whole_has_no_unreached_part(qtbot, window):
    from traintool.model import GaugeChange

    plots = window.plots
    assert plots._unreached == []
    armored = [i for i, c in enumerate(window.holder.resolved_cars()) if c.armored and c.kind.value == "coach"]
    window.holder.edit(edits.set_car_field, armored, "gauge_change", GaugeChange.NONE)
    qtbot.waitUntil(lambda: window.trip_computer.result.total_s is None, timeout=20_000)
    assert [p for p, _ in plots._unreached] == [plots.speed_plot]  # stopped at Khasan: the rest of the route marked
    plots.tabs.setCurrentWidget(plots.time_tab)  # and on the time plot, built now
    assert [p for p, _ in plots._unreached] == [plots.speed_plot, plots.time_plot]
    vb = plots.speed_plot.getPlotItem().vb
    assert vb.state["limits"]["xLimits"][1] == pytest.approx(window.holder.route.length_m / 1000)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.trip_computer.result.total_s is not None, timeout=20_000)
    assert plots._unreached == []
