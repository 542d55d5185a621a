"""Edit menu and shortcuts: delete, cut, copy, paste, duplicate, move, reverse; undo and redo back to the original."""
import json

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QApplication

from traintool.ui.train.mime import CARS_MIME


def test_delete_a_multi_selection_with_the_delete_key(qtbot, window, ui):
    names = ui.names(window)
    view = window.layout_view
    ui.click_car(qtbot, view, 12)
    ui.click_car(qtbot, view, 15, Qt.KeyboardModifier.ShiftModifier)
    ui.click_car(qtbot, view, 30, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert ui.names(window) == names[:12] + names[16:30] + names[31:]
    assert window.undo_stack.undoText() == "Delete 5 cars"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ui.names(window) == names
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(ui.names(window)) == 85


def test_move_left_right_duplicate_reverse(window, ui):
    names = ui.names(window)
    window.holder.set_selection([5])
    window.commands.left.trigger()
    assert ui.names(window)[4] == names[5] and window.holder.selection == [4]
    window.commands.right.trigger()
    assert ui.names(window) == names
    window.holder.set_selection([0])
    window.commands.left.trigger()  # already first: nothing to do, nothing to undo
    assert ui.names(window) == names and window.undo_stack.undoText().endswith("right")
    window.holder.set_selection([5, 6])
    window.commands.duplicate.trigger()
    assert ui.names(window)[5:9] == [names[5], names[6], names[5], names[6]]
    assert window.holder.selection == [7, 8] and window.undo_stack.undoText().startswith("Duplicate")
    window.holder.set_selection([0, 1, 2])
    window.commands.reverse.trigger()
    assert ui.names(window)[:3] == names[2::-1]
    assert window.undo_stack.undoText().startswith("Reverse")


def test_alt_arrows_move_the_selection(qtbot, window, ui):
    names = ui.names(window)
    window.holder.set_selection([10, 11])
    qtbot.keyClick(window.layout_view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.layout_view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert ui.names(window)[12:14] == names[10:12] and window.holder.selection == [12, 13]


def test_copy_paste_at_the_selection(window, ui):
    window.holder.set_selection([17])  # the restaurant car
    window.commands.copy.trigger()
    md = QApplication.clipboard().mimeData()
    payload = json.loads(bytes(md.data(CARS_MIME)))
    assert [c["type_id"] for c in payload["cars"]] == [window.holder.document.consist.cars[17].type_id]
    assert payload["car_types"][0]["id"] == payload["cars"][0]["type_id"]  # the type travels with the car
    assert "Restaurant" in md.text()
    window.holder.set_selection([0])
    window.commands.paste.trigger()  # lands after the selection
    cars = window.holder.resolved_cars()
    assert len(cars) == 91 and cars[1].kind.value == "restaurant" and window.holder.selection == [1]
    assert window.undo_stack.undoText().startswith("Paste")


def test_cut_and_paste_moves_cars(window, ui):
    names = ui.names(window)
    window.holder.set_selection([3, 4])
    window.commands.cut.trigger()
    assert ui.names(window) == names[:3] + names[5:]
    window.holder.set_selection([])
    window.commands.paste.trigger()  # nothing selected: at the end
    assert ui.names(window) == names[:3] + names[5:] + names[3:5]


def test_paste_into_another_document_brings_the_car_types(small_window, window):
    window.holder.set_selection([38])  # the helicopter car: a type the small document lacks
    window.commands.copy.trigger()
    small_window.commands.paste.trigger()
    doc = small_window.holder.document
    assert doc.consist.cars[-1].type_id == window.holder.document.consist.cars[38].type_id
    assert doc.consist.cars[-1].type_id in {t.id for t in doc.car_types}


def test_foreign_or_broken_clipboard_is_ignored(window):
    before = window.holder.document
    cb = QApplication.clipboard()
    cb.setText("not a train")
    window.commands.paste.trigger()
    for data in (b'{"cars": [{"type_id": "ghost"}], "car_types": []}',  # a car without its type
                 b"\xff\xfe not utf-8",
                 b'{"cars": "x"}',
                 b"[" * 100_000,  # deeply nested
                 b'{"cars": [], "car_types": []}'):
        md = QMimeData()
        md.setData(CARS_MIME, data)
        cb.setMimeData(md)
        window.commands.paste.trigger()
    assert window.holder.document == before
    assert "Nothing to paste" in window.statusBar().currentMessage()


def test_undo_everything_back_to_the_original_and_redo(window, ui):
    original = window.holder.document
    window.holder.set_selection([2, 3])
    window.commands.delete.trigger()
    window.holder.set_selection([0])
    window.commands.duplicate.trigger()
    window.commands.right.trigger()
    window.holder.set_selection([10, 20])
    window.commands.copy.trigger()
    window.commands.paste.trigger()
    window.holder.set_selection([5, 6, 7])
    window.commands.reverse.trigger()
    view = window.layout_view
    ui.send_drag(view, view.move_mime(), ui.left_half(view, 40))
    edited = window.holder.document
    texts = [window.undo_stack.text(i) for i in range(window.undo_stack.count())]
    assert len(texts) == 6 and all(t and t[0].isupper() for t in texts)
    window.commands.undo.trigger()
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert window.holder.document == original and not window.isWindowModified()
    while window.undo_stack.canRedo():
        window.commands.redo.trigger()
    assert window.holder.document == edited and window.isWindowModified()


def test_edit_actions_follow_the_selection(window):
    window.holder.set_selection([])
    assert not window.commands.delete.isEnabled() and not window.commands.copy.isEnabled()
    window.holder.set_selection([1])
    assert window.commands.delete.isEnabled() and window.commands.copy.isEnabled()


def test_the_undo_history_is_in_the_view_menu(window):
    window.holder.set_selection([3])
    window.commands.delete.trigger()
    toggle = window.history_dock.toggleViewAction()
    assert toggle in window.view_menu.actions()
    toggle.trigger()
    assert window.history_dock.isVisible()
    assert window.undo_view.stack() is window.undo_stack and window.undo_view.model().rowCount() == 2
