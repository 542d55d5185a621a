"""The departure field, the Timetable tab and the Train graph tab, driven as a person would."""
from datetime import datetime, timedelta

import pyqtgraph as pg

from PySide6.QtCore import Qt

from traintool.io import resolve_route
from traintool.physics import compute_trip
from traintool.physics.timetable import build_timetable, train_path


def _select_all_and_type(qtbot, widget, text):
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _type_departure(qtbot, panel, digits):
    """Tab into the date and time from the field before it (which selects the year), then type the
    digits: each section, once full, moves on to the next."""
    panel.knobs.stranded_box.setFocus()
    qtbot.waitUntil(panel.knobs.stranded_box.hasFocus)
    qtbot.keyClick(panel.knobs.stranded_box, Qt.Key.Key_Tab)
    qtbot.waitUntil(panel.knobs.departure_edit.hasFocus)
    qtbot.keyClicks(panel.knobs.departure_edit, digits)
    qtbot.keyClick(panel.knobs.departure_edit, Qt.Key.Key_Return)


def test_the_clock_tabs_are_built_only_when_first_shown(window):
    assert not window.plots.timetable_tab.is_built and not window.plots.train_graph_tab.is_built


def test_the_timetable_tab_tells_the_trip_by_the_local_clock(qtbot, window):
    plots = window.plots
    plots.tabs.setCurrentWidget(plots.timetable_tab)
    qtbot.waitUntil(lambda: plots.timetable_tab.is_built)
    view = plots.timetable_tab.content()
    doc = window.holder.document
    expected = build_timetable(window.trip_computer.result, doc, resolve_route(doc))
    table = view.table
    assert table.topLevelItemCount() == len(expected.rows)
    last = table.topLevelItem(table.topLevelItemCount() - 1)
    assert last.text(0) == "Vladivostok" and last.text(4) == "Asia/Vladivostok" and last.text(3) == "UTC+10"
    assert last.text(1).startswith(expected.rows[-1].arrival.text(with_range=False))
    khasan = next(table.topLevelItem(i) for i in range(table.topLevelItemCount())
                  if table.topLevelItem(i).text(0) == "Khasan")
    assert [khasan.child(i).text(0).strip() for i in range(khasan.childCount())] == [
        p.label for p in next(r for r in expected.rows if r.station == "Khasan").parts]
    assert "2023" in view.heading.text() and "Asia/Pyongyang" in view.heading.text()
    # The range comes a moment later: each time then says its 90 %.
    qtbot.waitUntil(lambda: window.trip_panel.range_computer.range is not None, timeout=30_000)
    qtbot.waitUntil(lambda: ", 90 % " in table.topLevelItem(table.topLevelItemCount() - 1).text(1), timeout=10_000)


def test_typing_a_departure_moves_the_timetable_and_undo_puts_it_back(qtbot, window):
    panel, plots = window.trip_panel, window.plots
    plots.tabs.setCurrentWidget(plots.timetable_tab)
    view = plots.timetable_tab.content()
    before = window.holder.document.scenario.departure
    _type_departure(qtbot, panel, "201508142200")
    qtbot.waitUntil(lambda: window.holder.document.scenario.departure.local == datetime(2015, 8, 14, 22, 0))
    qtbot.waitUntil(lambda: "14 August 2015" in view.heading.text())
    assert "UTC+9" in view.heading.text()  # the day before Pyongyang went to UTC+8:30
    first = view.table.topLevelItem(0)
    assert first.text(2).startswith("22:00") and first.text(3) == "UTC+9"
    second = view.table.topLevelItem(1)
    assert second.text(3) == "UTC+8:30"  # Hamhung, after midnight on the 15th
    window.undo_stack.undo()
    assert window.holder.document.scenario.departure == before
    qtbot.waitUntil(lambda: "September 2023" in view.heading.text())


def test_a_zone_that_is_not_one_is_refused_with_a_sentence(qtbot, window):
    panel = window.trip_panel
    before = window.holder.document
    _select_all_and_type(qtbot, panel.knobs.departure_zone, "Asia/Pyongyng")
    assert "Asia/Pyongyng" in panel.answer.baseline_label.text() and "IANA time zone" in panel.answer.baseline_label.text()
    assert window.holder.document is before and not window.errors
    assert panel.knobs.departure_zone.text() == ""  # the document's value shown again
    _select_all_and_type(qtbot, panel.knobs.departure_zone, "Europe/Moscow")
    qtbot.waitUntil(lambda: window.holder.document.scenario.departure.time_zone == "Europe/Moscow")


def test_the_train_graph_draws_the_trip_by_the_clock_and_shares_the_crosshair(qtbot, window):
    plots = window.plots
    plots.tabs.setCurrentWidget(plots.train_graph_tab)
    qtbot.waitUntil(lambda: plots.train_graph_tab.is_built)
    graph = plots.train_graph_tab.content()
    doc = window.holder.document
    start = datetime.fromisoformat("2023-09-10T17:00:00+09:00").timestamp()
    x, y = graph.train.getData()
    px, pt = train_path(window.trip_computer.result)
    assert len(x) == len(px) and abs(y[0] - start) < 1 and abs(y[-1] - (start + pt[-1])) < 1
    assert graph.clock_zone == "Asia/Pyongyang"
    assert len(graph.zone_lines) == 1 and graph.zone_lines[0].label.format == "UTC+9 → UTC+10"
    assert graph.nights  # the trip runs through two nights
    # UTC by the user's choice: a click on the box, then the item.
    graph.clock_box.setFocus()
    qtbot.keyClick(graph.clock_box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: graph.clock_zone == "UTC")
    assert graph.axis.tickStrings([start, start + 16 * 3600], 1, 3600) == ["08:00", "Mon 11 Sep"]  # 17:00 in Pyongyang
    # The pointer over the graph stands the crosshair at the same distance on the speed plot too
    # (the scene's own signal, as tests/ui/test_plots.py moves the pointer: offscreen, no hover events).
    vb = graph.plot.getPlotItem().vb
    qtbot.waitUntil(lambda: vb.width() > 100)
    where = vb.mapViewToScene(vb.viewRect().center())
    graph.plot.scene().sigMouseMoved.emit(where)
    speed_line = plots._crosshair[plots.speed_plot]
    assert speed_line.isVisible() and abs(speed_line.value() - vb.mapSceneToView(where).x()) < 1e-6


def test_a_pinned_baseline_is_a_second_train(qtbot, window):
    plots, panel = window.plots, window.trip_panel
    plots.tabs.setCurrentWidget(plots.train_graph_tab)
    graph = plots.train_graph_tab.content()
    qtbot.mouseClick(panel.answer.pin, Qt.MouseButton.LeftButton)
    _type_departure(qtbot, panel, "202309110500")
    qtbot.waitUntil(lambda: window.holder.document.scenario.departure.local == datetime(2023, 9, 11, 5, 0))
    qtbot.waitUntil(lambda: abs(graph.train.getData()[1][0] - graph.baseline.getData()[1][0] - 12 * 3600) < 1)
    doc = window.holder.document
    assert len(graph.baseline.getData()[0]) == len(train_path(compute_trip(doc, resolve_route(doc)))[0])


def test_the_timetable_csv_from_the_window_carries_the_ranges_once_they_have_come(qtbot, window, tmp_path,
                                                                                 monkeypatch):
    import csv

    from PySide6.QtWidgets import QFileDialog

    qtbot.waitUntil(lambda: window.trip_panel.range_computer.range is not None, timeout=30_000)
    out = tmp_path / "tt.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV (*.csv)"))
    [action] = [a for a in window.commands.data_actions.csv_menu.actions() if a.text().replace("&", "") == "Timetable…"]
    action.trigger()
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    last = rows[-1]
    assert last["station"] == "Vladivostok" and last["arrival 5 %"] < last["arrival"] < last["arrival 95 %"]


def test_the_pointer_over_the_train_graph_reads_the_clock_there(qtbot, window):
    plots = window.plots
    plots.tabs.setCurrentWidget(plots.train_graph_tab)
    graph = plots.train_graph_tab.content()
    doc = window.holder.document
    khasan = next(r for r in build_timetable(window.trip_computer.result, doc, resolve_route(doc)).rows
                  if r.station == "Khasan")
    vb = graph.plot.getPlotItem().vb
    qtbot.waitUntil(lambda: vb.width() > 100)
    graph.plot.scene().sigMouseMoved.emit(vb.mapViewToScene(pg.Point(khasan.position_m / 1000, vb.viewRect().center().y())))
    text = graph.readout.toPlainText()
    assert graph.readout.isVisible()
    # On a stop: its departure, by Khasan's clock, then by the axis's (Pyongyang, an hour behind).
    assert f"{khasan.departure.at:%a %d %b %H:%M} Asia/Vladivostok (UTC+10)" in text
    assert f"{(khasan.departure.at - timedelta(hours=1)):%H:%M} Asia/Pyongyang" in text
