"""The plots read as a person uses them: readouts inside the plot area on both plots with a shared
crosshair, zoom and pan kept to the data, station names that never overlap, the refit legend clear of the bars."""
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPointF, QRectF

from settle import laid_out
from traintool.model import edits
from traintool.render.plot_geometry import spaced_labels
from traintool.units import UnitSystem


def _show(plots, plot) -> None:
    """Bring the plot's tab to the front (the time plot's tab is built when first shown)."""
    plots.tabs.setCurrentWidget(plots.time_tab if plot is plots.time_plot else plot)


def _scene_rect(item) -> QRectF:
    return item.mapRectToScene(item.boundingRect())


def test_readouts_sit_inside_the_plot_area_and_the_crosshair_is_shared(qtbot, window):
    plots = window.plots
    r = window.trip_computer.result
    for plot, readout in ((plots.speed_plot, plots.hover), (plots.time_plot, plots.time_hover)):
        _show(plots, plot)
        qtbot.waitUntil(lambda: laid_out(plot))
        vb = plot.getPlotItem().vb
        # The mouse high over the plot near its right end: where the old readout ran off the top.
        x = float(r.profile.distance_m[-1]) / 1000 * 0.9
        y = vb.viewRange()[1][1] * 0.98
        plot.scene().sigMouseMoved.emit(vb.mapViewToScene(QPointF(x, y)))
        assert readout.isVisible() and "near" in readout.toPlainText()
        assert vb.sceneBoundingRect().contains(_scene_rect(readout))
        assert [line.value() for line in plots.crosshairs] == [pytest.approx(x, rel=0.01)] * 2
        # Off the plot area, readouts and crosshairs go.
        plot.scene().sigMouseMoved.emit(QPointF(-50, -50))
        assert not readout.isVisible() and not any(line.isVisible() for line in plots.crosshairs)
    assert "from departure" in plots.time_hover.toPlainText()
    # Near the start, the readout moves to the other corner, clear of the pointer, still inside.
    plots.tabs.setCurrentWidget(plots.speed_plot)
    qtbot.waitUntil(lambda: laid_out(plots.speed_plot))
    vb = plots.speed_plot.getPlotItem().vb
    pointer = vb.mapViewToScene(QPointF(5, vb.viewRange()[1][1] * 0.9))
    plots.speed_plot.scene().sigMouseMoved.emit(pointer)
    qtbot.waitUntil(lambda: laid_out(plots.speed_plot))
    rect = _scene_rect(plots.hover)
    assert vb.sceneBoundingRect().contains(rect) and not rect.contains(pointer)
    # A change of units leaves no figure in the units of before.
    window.preferences.units = UnitSystem.IMPERIAL
    assert not plots.hover.isVisible() and not any(line.isVisible() for line in plots.crosshairs)
    window.preferences.units = UnitSystem.METRIC


def test_zoom_and_pan_stay_within_the_data(qtbot, window):
    plots = window.plots
    r = window.trip_computer.result
    end_km = float(r.profile.distance_m[-1]) / 1000
    for plot in (plots.speed_plot, plots.time_plot):
        _show(plots, plot)
        vb = plot.getPlotItem().vb
        vb.scaleBy((50, 50))  # a wheel's worth of zooming out, and more
        vb.translateBy(x=-1e6, y=-1e6)  # a drag far to the left and down
        (x0, x1), (y0, y1) = vb.viewRange()
        assert x0 >= -1e-6 and x1 <= end_km + 1e-6 and y0 >= -1e-6
    top_kmh = max(float(np.max(r.profile.speed_m_s)) * 3.6, 1)
    assert plots.speed_plot.getPlotItem().vb.viewRange()[1][1] <= max(top_kmh, float(np.nanmax(
        np.where(np.isfinite(r.profile.limit_m_s), r.profile.limit_m_s, 0))) * 3.6) * 1.06


def test_station_labels_never_overlap_and_part_when_zoomed(qtbot, window):
    plots = window.plots
    route = window.holder.route
    for plot in (plots.speed_plot, plots.time_plot):
        _show(plots, plot)
        marks = plots.station_marks[plot]

        def overlapping(rects) -> bool:
            rs = list(rects)
            return any(a.intersects(b) for i, a in enumerate(rs) for b in rs[i + 1:])

        plot.getPlotItem().vb.autoRange()
        qtbot.waitUntil(lambda: laid_out(plot))
        area = plot.getPlotItem().vb.sceneBoundingRect()
        names = marks.drawn_labels()
        assert names and not overlapping(names.values())
        assert all(area.contains(r.center()) for r in names.values())
        # 5 km apart on a whole-route view: one name, the break of gauge's.
        assert "Khasan (break of gauge)" in names and "Tumangang" not in names
        assert len(marks.layout()) == len(route.stations)  # every station's line, named or not
        pos = {s.name: s.position_m / 1000 for s in route.stations}
        mid = (pos["Tumangang"] + pos["Khasan"]) / 2
        plot.getPlotItem().vb.setXRange(mid - 8, mid + 8, padding=0)
        qtbot.waitUntil(lambda: {"Tumangang", "Khasan (break of gauge)"} <= set(marks.drawn_labels()))
        names = marks.drawn_labels()
        assert {"Tumangang", "Khasan (break of gauge)"} <= set(names) and not overlapping(names.values())  # parted
        assert {s.name for s, _x, _r in marks.layout()} == {"Tumangang", "Khasan"}  # only what is in view
        plot.getPlotItem().vb.autoRange()


def test_station_names_are_painted_up_their_lines(qtbot, window):
    """What the marks say they draw is what is on screen: ink in each name's rectangle, a solid red
    line at the break of gauge."""
    plots = window.plots
    plot = plots.speed_plot
    plots.tabs.setCurrentWidget(plot)
    plot.getPlotItem().vb.autoRange()
    qtbot.waitUntil(lambda: laid_out(plot))
    marks = plots.station_marks[plot]
    image = plot.grab().toImage()
    ratio = image.devicePixelRatio()
    to_view = plot.mapFromScene

    def ink(rect) -> int:
        r = to_view(rect).boundingRect()
        return sum(image.pixelColor(int(x * ratio), int(y * ratio)).lightness() < 140
                   for x in range(r.left(), r.right()) for y in range(r.top(), r.bottom(), 2))

    for name, rect in marks.drawn_labels().items():
        assert ink(rect) > 10, name
    khasan = next(x for s, x, _r in marks.layout() if s.name == "Khasan")
    y = int(to_view(QPointF(khasan, plot.getPlotItem().vb.sceneBoundingRect().top() + 5)).y() * ratio)
    colours = [image.pixelColor(int(to_view(QPointF(khasan, 0)).x() * ratio) + dx, y) for dx in (-1, 0, 1)]
    assert any(c.red() > 150 and c.green() < 100 for c in colours)


def test_spaced_labels_keep_the_first_and_drop_what_would_overlap():
    assert spaced_labels([0, 5, 20, 24, 40], [10] * 5) == [True, False, True, False, True]
    assert spaced_labels([30, 0], [10, 10]) == [True, True]  # order of the input does not matter
    assert spaced_labels([], []) == []
    # A label marked first is placed before the others, and they make room around it.
    assert spaced_labels([0, 5, 20, 24, 40], [10] * 5, [False, True, False, False, False]) == [False, True, True, False, True]


@given(st.lists(st.tuples(st.floats(-1e4, 1e4), st.floats(0.1, 100), st.booleans()), max_size=40))
def test_spaced_labels_never_overlap_and_every_label_dropped_would_overlap_one_drawn(labels):
    centres, extents, first = (list(v) for v in zip(*labels)) if labels else ([], [], [])
    shown = spaced_labels(centres, extents, first)
    rects = [(c - e / 2, c + e / 2) for c, e in zip(centres, extents)]
    drawn = [r for r, s in zip(rects, shown) if s]
    assert all(a[1] <= b[0] or b[1] <= a[0] for i, a in enumerate(drawn) for b in drawn[i + 1:])
    for r, s in zip(rects, shown):
        assert s or any(not (r[1] <= d[0] or d[1] <= r[0]) for d in drawn)
    # Every label marked first that clears the others marked first is drawn.
    firsts = [r for r, f in zip(rects, first) if f]
    for r, s, f in zip(rects, shown, first):
        if f and not s:
            assert any(d is not r and not (r[1] <= d[0] or d[1] <= r[0]) for d in firsts)


def test_refit_legend_is_clear_of_the_bars(qtbot, window):
    plots = window.plots
    plots.tabs.setCurrentWidget(plots.refit_tab)
    qtbot.waitUntil(lambda: laid_out(plots.refit_tab))
    assert plots.refit_plot.legend.items  # a step per entry
    legend = _scene_rect(plots.refit_plot.legend)
    vb = plots.refit_plot.getPlotItem().vb
    assert not legend.intersects(vb.sceneBoundingRect())


def _minutes(text: str) -> int:
    """'2 h 05 min' or '45 min' read back as minutes (a test's own reading, not the program's)."""
    m = re.fullmatch(r"(?:(\d+) h )?(\d+) min", text)
    assert m, text
    return int(m[1] or 0) * 60 + int(m[2])


def test_a_pinned_baseline_is_drawn_beside_the_trip_and_its_legs_compared(qtbot, window):
    plots, panel = window.plots, window.trip_panel

    def points(curve) -> int:
        x, _ = curve.getData()
        return 0 if x is None else len(x)

    assert points(plots.baseline_speed_curve) == points(plots.baseline_time_curve) == 0
    assert panel.legs.isColumnHidden(5)
    panel.pin_baseline()
    pinned = window.trip_computer.result
    x, v = plots.baseline_speed_curve.getData()
    assert np.allclose(x, pinned.profile.distance_m / 1000) and np.allclose(v, pinned.profile.speed_m_s * 3.6)
    _, bt = plots.baseline_time_curve.getData()
    assert bt[-1] == pytest.approx(pinned.total_s / 3600)
    # A slower trip (capped at 40 km/h): its own lines move, the baseline's stay; each leg tells its
    # change, which reads back as the leg's own difference to the nearest minute, a plus before it.
    window.holder.edit(edits.set_scenario_field, "top_speed_cap_m_s", 40 / 3.6)
    qtbot.waitUntil(lambda: window.trip_computer.result is not pinned, timeout=20000)
    after = window.trip_computer.result
    _, bt2 = plots.baseline_time_curve.getData()
    assert bt2[-1] == pytest.approx(pinned.total_s / 3600)
    assert not panel.legs.isColumnHidden(5)
    for k, (leg, old) in enumerate(zip(after.legs, pinned.legs)):
        assert (leg.from_station, leg.to_station) == (old.from_station, old.to_station)
        shown, delta = panel.legs.topLevelItem(k).text(5), leg.running_s - old.running_s
        if delta < 30:  # a leg too short to reach 40 km/h (Tumangang - Khasan, over the river)
            assert shown == "±0 min"
        else:
            assert shown.startswith("+") and abs(_minutes(shown[1:]) * 60 - delta) <= 30, shown
    assert any(panel.legs.topLevelItem(k).text(5).startswith("+") for k in range(len(after.legs)))  # not vacuous
    panel.clear_baseline()
    assert points(plots.baseline_speed_curve) == points(plots.baseline_time_curve) == 0
    assert panel.legs.isColumnHidden(5)


def test_the_hidden_tabs_are_built_when_first_shown_and_catch_up_on_what_happened(qtbot, window):
    """The time plot, the refit timeline, the route editor and the drivers' chart are left out of
    start-up; shown, each comes with the trip, its refits, the section clicked meanwhile and the
    range's state of the moment."""
    plots, panel = window.plots, window.trip_panel
    assert not any(tab.is_built for tab in (plots.time_tab, plots.refit_tab, plots.route_editor_tab, plots.drivers_tab))
    plots.tabs.setCurrentWidget(plots.time_tab)  # built now, with the trip drawn on it
    tx, tt = plots.time_curve.getData()
    assert plots.time_tab.is_built and tt[-1] == pytest.approx(window.trip_computer.result.total_s / 3600)
    assert set(plots.station_marks) == {plots.speed_plot, plots.time_plot}
    plots.tabs.setCurrentWidget(plots.refit_tab)
    assert plots.refit_tab.is_built and len(plots.refit_plot.bars) == len({b.step for r in window.trip_computer.result.refits
                                                                 for b in r.timeline})
    panel.section_clicked.emit(3)  # a section clicked in the panel before the editor exists
    plots.tabs.setCurrentWidget(plots.route_editor_tab)
    assert plots.route_editor_tab.is_built
    assert [i.row() for i in plots.route_editor.sections.selectionModel().selectedRows()] == [3]
    panel.section_clicked.emit(5)  # and once built, it follows
    assert [i.row() for i in plots.route_editor.sections.selectionModel().selectedRows()] == [5]

    ranges = panel.range_computer
    window.holder.edit(edits.delete_cars, [10])  # a range on its way
    qtbot.waitUntil(lambda: ranges.pending_reason is not None, timeout=20000)
    plots.tabs.setCurrentWidget(plots.drivers_tab)
    assert plots.drivers_tab.is_built and plots.drivers_chart.note.text() == "Range: computing…"
    qtbot.waitUntil(lambda: ranges.range is not None, timeout=20000)
    assert plots.drivers_chart.shown and "inputs that move the total most" in plots.drivers_chart.note.text()
