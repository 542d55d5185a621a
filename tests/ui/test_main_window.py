"""Drive the real widgets: insert, reorder, select, delete, copy/paste, undo to the original."""
import json

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from traintool.io import load_document, save_document
from traintool.ui.catalogue import mime_for_types
from traintool.ui.mime import MOVE_MIME


def _drop(view, mime: QMimeData, pos: QPointF) -> None:
    vp = view.viewport()
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    for cls in (QDragEnterEvent, QDragMoveEvent):
        ev = cls(pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(vp, ev)
    QApplication.sendEvent(vp, QDropEvent(pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def _click(qtbot, view, i, mods=Qt.KeyboardModifier.NoModifier):
    view.scroll_to_car(i)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, view.car_rect(i).center().toPoint())


def _ids(window):
    return [c.type_id for c in window.holder.document.consist.cars]


def test_opens_on_the_armored_train(window):
    assert len(window.holder.document.consist.cars) == 90
    assert "armored train" in window.windowTitle()
    assert "90 cars" in window.stats_label.text() and "50 km/h" in window.stats_label.text()


def test_insert_by_double_click_and_by_drag(qtbot, window):
    original = window.holder.document
    helicopter = next(t for t in window.catalogue.types if t.kind.value == "helicopter_car")
    item = window.catalogue.item_for(helicopter.id)
    window.catalogue.tree.itemDoubleClicked.emit(item, 0)
    assert _ids(window)[-1] == helicopter.id and len(_ids(window)) == 91
    assert window.undo_stack.undoText().startswith("Insert")
    # Drag a type onto the left half of car 6: it lands before car 6.
    coach = next(t for t in window.catalogue.types if t.id.startswith("passenger") or t.kind.value == "coach")
    target = window.layout_view.car_rect(5)
    _drop(window.layout_view, mime_for_types([coach, coach]), QPointF(target.left() + 2, target.center().y()))
    assert _ids(window)[5:7] == [coach.id, coach.id] and len(_ids(window)) == 93
    assert window.holder.selection == [5, 6]
    assert window.windowTitle().count("*") == 1 and window.isWindowModified()
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert window.holder.document == original


def test_select_click_ctrl_shift_and_delete(qtbot, window):
    view = window.layout_view
    _click(qtbot, view, 10)
    _click(qtbot, view, 12, Qt.KeyboardModifier.ControlModifier)
    assert window.holder.selection == [10, 12]
    _click(qtbot, view, 15, Qt.KeyboardModifier.ShiftModifier)
    assert window.holder.selection == list(range(12, 16))
    names = [c.name for c in window.holder.resolved_cars()]
    window.act_delete.trigger()
    assert len(window.holder.document.consist.cars) == 86
    assert [c.name for c in window.holder.resolved_cars()] == names[:12] + names[16:]
    window.undo_stack.undo()
    assert [c.name for c in window.holder.resolved_cars()] == names


def test_rubber_band_and_select_all(qtbot, window):
    view = window.layout_view
    r0, r1 = view.car_rect(20), view.car_rect(22)
    start = QPoint(int(r0.left()) + 3, int(r0.top()) - 4)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(r0.left()) + 2, int(r0.top()) - 3))
    qtbot.mouseMove(view.viewport(), QPoint(int(r1.right()) - 3, int(r1.bottom()) - 3))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(r1.right()) - 3, int(r1.bottom()) - 3))
    assert window.holder.selection == [20, 21, 22], start
    window.act_select_all.trigger()
    assert len(window.holder.selection) == 90


def test_reorder_by_drag_moves_the_selection(window):
    names = [c.name for c in window.holder.resolved_cars()]
    window.holder.set_selection([3, 4])
    mime = QMimeData()
    mime.setData(MOVE_MIME, json.dumps([3, 4]).encode())
    target = window.layout_view.car_rect(10)
    _drop(window.layout_view, mime, QPointF(target.left() + 2, target.center().y()))
    after = [c.name for c in window.holder.resolved_cars()]
    assert after == names[:3] + names[5:10] + names[3:5] + names[10:]
    assert window.holder.selection == [8, 9]
    assert window.undo_stack.undoText().startswith("Move")


def test_move_left_right_duplicate_reverse(window):
    names = [c.name for c in window.holder.resolved_cars()]
    window.holder.set_selection([5])
    window.act_left.trigger()
    assert [c.name for c in window.holder.resolved_cars()][4] == names[5]
    window.act_right.trigger()
    assert [c.name for c in window.holder.resolved_cars()] == names
    window.holder.set_selection([5, 6])
    window.act_duplicate.trigger()
    assert [c.name for c in window.holder.resolved_cars()][5:9] == [names[5], names[6], names[5], names[6]]
    window.holder.set_selection([0, 1, 2])
    window.act_reverse.trigger()
    assert [c.name for c in window.holder.resolved_cars()][:3] == names[2::-1]


def test_copy_paste_and_foreign_clipboard(window):
    window.holder.set_selection([17])  # the restaurant car
    window.act_copy.trigger()
    window.holder.set_selection([0])
    window.act_paste.trigger()
    cars = window.holder.resolved_cars()
    assert len(cars) == 91 and cars[1].kind.value == "restaurant"
    QApplication.clipboard().setText("not a train")
    window.act_paste.trigger()
    md = QMimeData()
    md.setData("application/x-traintool-cars", b'{"cars": [{"type_id": "ghost"}], "car_types": []}')
    QApplication.clipboard().setMimeData(md)
    window.act_paste.trigger()
    assert len(window.holder.document.consist.cars) == 91


def test_undo_everything_back_to_the_original_and_redo(window):
    original = window.holder.document
    window.holder.set_selection([2, 3])
    window.act_delete.trigger()
    window.holder.set_selection([0])
    window.act_duplicate.trigger()
    window.act_right.trigger()
    edited = window.holder.document
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert window.holder.document == original and not window.isWindowModified()
    while window.undo_stack.canRedo():
        window.undo_stack.redo()
    assert window.holder.document == edited


def test_inspector_edits_valid_and_invalid(window):
    ins = window.inspector
    window.holder.set_selection([10])
    ins.mass.setValue(95.0)
    car = window.holder.resolved_cars()[10]
    assert car.mass_kg == pytest.approx(95_000) and "mass_kg" in car.overridden
    assert ins.resets["mass_kg"].isEnabled() and ins.labels["mass_kg"].font().bold()
    ins.resets["mass_kg"].click()
    assert "mass_kg" not in window.holder.resolved_cars()[10].overridden
    # Several cars: a common edit applies to all, in one undo step.
    window.holder.set_selection([10, 11, 12])
    ins.max_speed.setValue(40.0)
    assert all(abs(window.holder.resolved_cars()[i].max_speed_m_s - 40 / 3.6) < 1e-9 for i in (10, 11, 12))
    # Invalid: the model refuses, the inspector says why, the document is unchanged.
    before = window.holder.document
    ins._apply(lambda c: {"axles": 1}, "bad", None)
    assert window.holder.document == before and "axles" in ins.error.text()
    window.holder.set_selection([10])
    ins.name.setText("My coach")
    ins.name.editingFinished.emit()
    assert window.holder.resolved_cars()[10].name == "My coach"


def test_open_bad_file_keeps_the_document(window, tmp_path):
    before = window.holder.document
    bad = tmp_path / "bad.consist.json"
    bad.write_text('{"format": "traintool.consist", "version": 1, "consist": {"cars": [{"type_id": "nope"}]}}')
    assert not window.open_path(str(bad))
    assert window.holder.document is before
    assert str(bad) in window.errors[-1] and "consist.cars[0]" in window.errors[-1]
    for path in (tmp_path, tmp_path / "gone.consist.json"):
        assert not window.open_path(str(path))
    assert window.holder.document is before and len(window.errors) == 3


def test_unsaved_changes_prompt(window, tmp_path, monkeypatch):
    other = tmp_path / "other.consist.json"
    save_document(window.holder.document.model_copy(update={"name": "Other"}), other)
    window.holder.set_selection([5])
    window.act_delete.trigger()
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Cancel)
    assert not window.open_path(str(other))
    assert len(window.holder.document.consist.cars) == 89
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    assert window.open_path(str(other))
    assert window.holder.document.name == "Other" and not window.isWindowModified()
    assert str(other.resolve()) in window.preferences.recent_files


def test_save_clears_the_modified_mark(window, tmp_path):
    window.holder.set_selection([5])
    window.act_delete.trigger()
    assert window.isWindowModified()
    path = tmp_path / "saved.consist.json"
    assert window.save_to(path)
    assert not window.isWindowModified() and len(load_document(path).consist.cars) == 89
    assert not window.save_to(tmp_path / "missing" / "x.consist.json")
    assert window.errors


def test_units_switch_changes_the_status_bar(window):
    window.unit_actions[window.preferences.units.__class__("imperial")].trigger()
    assert "31 mph" in window.stats_label.text()


def test_export_pdf_from_the_window(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    from pypdf import PdfReader

    out = tmp_path / "from-window.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Close)
    window.preferences.page_size = "letter"
    window.act_export.trigger()
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
