"""The window on 100,000 cars (the model's limit): it opens, stays responsive while the trip is
computed, and every edit, undo and redo is right. Timings are in benchmarks/huge_consist_benchmark.py;
here, what must hold whatever the machine."""
import os

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from traintool.io import default_document, load_document, resolve_route, save_document
from traintool.model import Consist, Haulage
from traintool.physics import compute_trip
from traintool.ui.trip import recompute
from traintool.ui.app.main_window import MainWindow
from traintool.ui.train.overview import SELECTED
from traintool.units import format_duration

N = 100_000


@pytest.fixture(scope="module")
def huge_file(tmp_path_factory):
    """The armored train repeated to 100,000 cars, saved: loading it gives distinct car objects, as any file does."""
    doc = default_document()
    cars = (doc.consist.cars * (N // len(doc.consist.cars) + 1))[:N]
    path = tmp_path_factory.mktemp("huge") / "huge.consist.json"
    # Its own 3,336 locomotives haul it throughout: the one locomotive a railway puts on could not.
    scenario = doc.scenario.model_copy(update={"haulage": Haulage.OWN})
    save_document(doc.model_copy(update={"name": "100,000 cars", "consist": Consist(cars=cars), "scenario": scenario}),
                  path)
    return path


@pytest.fixture
def huge(qtbot, preferences, monkeypatch, huge_file):
    """The window shown on the file, its trip computed."""
    w = MainWindow(load_document(huge_file), huge_file, preferences)
    monkeypatch.setattr(w, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    w.errors = []
    monkeypatch.setattr(w, "show_error", lambda title, message: w.errors.append(message))
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitUntil(lambda: w.trip_computer.result is not None and w.plots is not None, timeout=60_000)
    return w


def _wait_for_new_result(qtbot, w, before):
    qtbot.waitUntil(lambda: w.trip_computer.result is not before, timeout=60_000)
    return w.trip_computer.result


def test_opens_with_the_right_figures(huge):
    w = huge
    assert w.stats_label.text().startswith("100,000 cars ·") and "33,335 coaches" in w.stats_label.text()
    assert w.windowTitle().startswith("100,000 cars")
    expected = compute_trip(w.holder.document, resolve_route(w.holder.document))
    assert expected.feasible  # 3,336 locomotives pull it; the refit of 100,000 cars takes months
    assert w.trip_computer.result.total_s == expected.total_s
    assert w.trip_panel.answer.total.text() == format_duration(expected.total_s)


def test_the_trip_is_computed_in_another_process_while_the_window_keeps_running(qtbot, huge, monkeypatch):
    # In another process, not a thread: a thread would hold the window's interpreter lock.
    from traintool.ui.trip import compute_process

    w = huge
    here, sent = [], []
    monkeypatch.setattr(recompute, "_compute", lambda *a: here.append(a))  # the GUI thread's own path
    run = compute_process.run

    def spy(name, fn, *args, done):
        sent.append((name, os.getpid()))
        return run(name, fn, *args, done=done)

    monkeypatch.setattr(compute_process, "run", spy)
    before = w.trip_computer.result
    ticks = []
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: ticks.append(w.trip_computer.result is before))
    heartbeat.start(10)
    w.holder.set_selection([50_000])
    w.car_editing.delete()
    after = _wait_for_new_result(qtbot, w, before)
    heartbeat.stop()
    assert sent == [("trip", os.getpid())] and here == []
    pool = compute_process._pools["trip"]
    assert pool._processes and all(pid != os.getpid() for pid in pool._processes)
    assert after.total_s == compute_trip(w.holder.document, resolve_route(w.holder.document)).total_s
    assert sum(ticks) >= 3  # the timer kept firing while the answer was being computed


def test_delete_undo_redo_in_the_middle(qtbot, huge):
    w = huge
    cars = list(w.holder.document.consist.cars)
    w.holder.set_selection([50_000])
    before = w.trip_computer.result
    w.car_editing.delete()
    after_delete = list(w.holder.document.consist.cars)
    assert len(after_delete) == N - 1 and after_delete == cars[:50_000] + cars[50_001:]
    assert w.stats_label.text().startswith("99,999 cars")
    assert _wait_for_new_result(qtbot, w, before).total_s == compute_trip(
        w.holder.document, resolve_route(w.holder.document)).total_s
    w.undo_stack.undo()
    assert list(w.holder.document.consist.cars) == cars and w.holder.selection == [50_000]
    assert [c.name for c in w.holder.resolved_cars()[49_999:50_002]] == [
        c.name or w.holder.document.type_by_id()[c.type_id].label for c in cars[49_999:50_002]]
    w.undo_stack.redo()
    assert list(w.holder.document.consist.cars) == after_delete


def test_select_all_and_change_a_value_of_every_car(qtbot, huge):
    w = huge
    w.car_editing.select_all()
    assert w.inspector.title.text() == "100,000 cars selected"
    w.inspector.axles.setValue(6)  # applies to every car at once, as one step
    assert {c.axles for c in w.holder.resolved_cars()} == {6}
    assert w.undo_stack.undoText() == "Set axles of 100,000 cars to 6"
    w.undo_stack.undo()
    assert {c.axles for c in w.holder.resolved_cars()} != {6}


def test_a_selected_car_shows_in_the_overview_though_cars_outnumber_its_pixels(qtbot, huge):
    w = huge
    overview = w.overview
    w.holder.set_selection([70_000])
    qtbot.waitUntil(lambda: not overview._later.isActive())  # the strip is drawn again at the next turn
    image = overview.grab().toImage()
    ends = overview._ensure_ends()
    x = int(overview._x((ends[69_999] + ends[70_000]) / 2))
    y = overview.height() // 2
    assert image.pixelColor(x, y) == SELECTED
    assert all(image.pixelColor(x + dx, y) != SELECTED for dx in (-40, 40))  # one car: a sliver, not a band


def test_an_edit_past_the_limit_is_refused_with_the_reason_and_changes_nothing(qtbot, huge):
    w = huge
    cars = w.holder.document.consist.cars
    steps = w.undo_stack.count()
    w.holder.set_selection([5])
    w.car_editing.copy()
    w.car_editing.paste()  # would make 100,001
    w.car_editing.duplicate()
    w.catalogue.append_requested.emit(w.holder.document.car_types[0])
    assert len(w.errors) == 3
    assert all(e.startswith("A consist holds at most 100,000 cars: “") and "would make it 100,001" in e
               for e in w.errors)
    assert "“Paste" in w.errors[0] and "“Duplicate" in w.errors[1] and "“Insert" in w.errors[2]
    assert w.holder.document.consist.cars is cars and w.undo_stack.count() == steps and not w.isWindowModified()
    QApplication.clipboard().clear()
