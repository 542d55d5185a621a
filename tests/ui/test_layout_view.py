"""The layout view driven like a user: select, drag in from the catalogue, reorder by drag, zoom, scroll."""
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from traintool.ui.train.mime import MOVE_MIME


def test_insert_by_double_click_in_the_catalogue(qtbot, window, ui):
    helicopter = next(t for t in window.catalogue.types if t.kind.value == "helicopter_car")
    tree = window.catalogue.tree
    item = window.catalogue.item_for(helicopter.id)
    tree.scrollToItem(item)
    pos = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert ui.type_ids(window)[-1] == helicopter.id and len(ui.type_ids(window)) == 91
    assert window.holder.selection == [90]
    assert window.undo_stack.undoText() == f"Insert {helicopter.label.split(' (')[0]}"


def test_insert_by_drag_from_the_catalogue(window, ui):
    original = window.holder.document
    coach = next(t for t in window.catalogue.types if t.kind.value == "coach" and t.armored)
    item = window.catalogue.item_for(coach.id)
    item.setSelected(True)
    mime = window.catalogue.tree.mimeData([item, item, item])  # what the tree's own drag carries
    view = window.layout_view
    ui.send_drag(view, mime, ui.left_half(view, 5), drop=False)  # hovering shows where it would land...
    ui.send_drag(view, mime, ui.left_half(view, 5))  # ...and dropping inserts there
    assert ui.type_ids(window)[5:8] == [coach.id] * 3 and len(ui.type_ids(window)) == 93
    assert window.holder.selection == [5, 6, 7]
    assert window.undo_stack.undoText() == "Insert 3 armored coaches"
    assert window.isWindowModified() and window.windowTitle().count("*") == 1
    window.undo_stack.undo()
    assert window.holder.document == original and not window.isWindowModified()


def test_a_drop_on_the_back_half_of_a_car_lands_after_it(window, ui):
    coach = next(t for t in window.catalogue.types if t.kind.value == "coach")
    view = window.layout_view
    r = view.car_rect(7)
    ui.send_drag(view, window.catalogue.tree.mimeData([window.catalogue.item_for(coach.id)]),
                 QPointF(r.right() - 2, r.center().y()))
    assert ui.type_ids(window)[8] == coach.id


def test_foreign_drops_are_ignored(window, ui):
    from PySide6.QtCore import QMimeData

    before = window.holder.document
    for fmt, data in (("application/x-traintool-car-types", b"not json"),
                      ("application/x-traintool-car-types", b'[{"id": "x"}]'),
                      ("application/x-traintool-car-types", b'{"a": 1}'),
                      (MOVE_MIME, b'{"pid": 1, "view": 2}')):  # a move started elsewhere
        md = QMimeData()
        md.setData(fmt, data)
        window.holder.set_selection([3])
        ui.send_drag(window.layout_view, md, ui.left_half(window.layout_view, 10))
    assert window.holder.document == before


def test_reorder_by_drag_moves_the_selection_and_shows_where_it_lands(window, ui):
    view = window.layout_view
    names = ui.names(window)
    window.holder.set_selection([3, 4])
    mime = view.move_mime()
    ui.send_drag(view, mime, ui.left_half(view, 10), drop=False)
    assert view.drop_index is None  # the marker goes when the drag leaves
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent

    vp = view.viewport()
    for cls in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(vp, cls(ui.left_half(view, 10).toPoint(), Qt.DropAction.MoveAction, mime,
                                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    assert view.drop_index == 10  # the marker shows where the cars will land
    ui.send_drag(view, mime, ui.left_half(view, 10))
    assert view.drop_index is None
    assert ui.names(window) == names[:3] + names[5:10] + names[3:5] + names[10:]
    assert window.holder.selection == [8, 9]
    assert window.undo_stack.undoText().startswith("Move 2 ")
    window.undo_stack.undo()
    assert ui.names(window) == names


def test_reorder_a_scattered_selection_to_the_front(window, ui):
    view = window.layout_view
    names = ui.names(window)
    window.holder.set_selection([20, 40, 60])
    ui.send_drag(view, view.move_mime(), ui.left_half(view, 0))
    assert ui.names(window)[:4] == [names[20], names[40], names[60], names[0]]
    assert window.holder.selection == [0, 1, 2]


def test_mouse_drag_of_a_selected_car_starts_a_move(qtbot, window, ui, monkeypatch):
    view = window.layout_view
    started = []
    monkeypatch.setattr(view.gestures, "_start_move_drag", lambda: started.append(window.holder.selection))
    ui.click_car(qtbot, view, 12)
    r = view.car_rect(12)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=r.center().toPoint())
    qtbot.mouseMove(view.viewport(), (r.center() + QPointF(40, 0)).toPoint())
    assert started == [[12]]
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=(r.center() + QPointF(40, 0)).toPoint())


def test_select_click_ctrl_shift(qtbot, window, ui):
    view = window.layout_view
    ui.click_car(qtbot, view, 10)
    ui.click_car(qtbot, view, 12, Qt.KeyboardModifier.ControlModifier)
    assert window.holder.selection == [10, 12]
    ui.click_car(qtbot, view, 15, Qt.KeyboardModifier.ShiftModifier)
    assert window.holder.selection == list(range(12, 16))
    ui.click_car(qtbot, view, 13, Qt.KeyboardModifier.ControlModifier)
    assert window.holder.selection == [12, 14, 15]
    ui.click_car(qtbot, view, 14)
    assert window.holder.selection == [14]
    r = view.car_rect(0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(int(r.left()) + 5, int(r.top()) - 3))
    assert window.holder.selection == []  # a click between rows clears it


def test_rubber_band_and_select_all(qtbot, window):
    view = window.layout_view
    r0, r1 = view.car_rect(20), view.car_rect(22)
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=QPoint(int(r0.left()) + 2, int(r0.top()) - 3))
    qtbot.mouseMove(vp, QPoint(int(r1.right()) - 3, int(r1.bottom()) - 3))
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(int(r1.right()) - 3, int(r1.bottom()) - 3))
    assert window.holder.selection == [20, 21, 22]
    window.commands.select_all.trigger()
    assert len(window.holder.selection) == 90


def test_keyboard_selection(qtbot, window):
    view = window.layout_view
    view.setFocus()
    window.holder.set_selection([5])
    view.gestures.set_anchor(5)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert window.holder.selection == [6]
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.holder.selection == [6, 7, 8]
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert window.holder.selection == [89]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert window.holder.selection == [0]


def test_zoom_with_ctrl_wheel_and_keys_fit_and_scroll(qtbot, window):
    view = window.layout_view
    fitted = view.zoom
    assert view.visible_range() == (0, 89)  # fitted: the whole train is in view
    assert view.verticalScrollBar().maximum() == 0
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted * 1.25)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == pytest.approx(fitted)
    from PySide6.QtGui import QWheelEvent

    at = view.car_rect(20).center()

    def wheel(dy, mods=Qt.KeyboardModifier.ControlModifier):
        ev = QWheelEvent(at, view.viewport().mapToGlobal(at), QPoint(), QPoint(0, dy), Qt.MouseButton.NoButton, mods,
                         Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(view.viewport(), ev)

    for _ in range(8):
        wheel(120)
        r = view.car_rect(20)  # the car pointed at stays at the pointer's height (rows re-wrap: it may move sideways)
        assert r.top() <= at.y() <= r.bottom() and 0 <= r.left() < view.viewport().width()
    assert view.zoom == pytest.approx(fitted * 1.15 ** 8)
    assert view.verticalScrollBar().maximum() > 0
    first = view.visible_range()[0]
    wheel(-360, Qt.KeyboardModifier.NoModifier)  # a plain wheel scrolls
    assert view.visible_range()[0] > first
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # fit the whole train
    assert view.zoom == pytest.approx(fitted) and view.visible_range() == (0, 89)
    view.set_zoom(60)
    qtbot.keyClick(view, Qt.Key.Key_F)  # F fits too
    assert view.zoom == pytest.approx(fitted)


def test_zoomed_in_a_car_wider_than_the_view_scrolls_sideways(window):
    view = window.layout_view
    view.set_zoom(80)
    hsb = view.horizontalScrollBar()
    assert hsb.maximum() > 0
    view.scroll_to_car(40)
    view.centre_on_car(40)
    r = view.car_rect(40)
    assert r.left() < view.viewport().width() / 2 < r.right()


def test_overview_click_scrolls_the_view_there(qtbot, window):
    view = window.layout_view
    view.set_zoom(20)
    view.verticalScrollBar().setValue(0)
    ov = window.overview
    qtbot.mouseClick(ov, Qt.MouseButton.LeftButton, pos=QPoint(ov.width() - 6, ov.height() // 2))
    first, last = view.visible_range()
    assert last == 89
    assert ov._view == (first, last)  # the strip marks what is in view


def test_the_layout_is_drawn(window):
    img = window.layout_view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colours = {img.pixel(x, y) for x in range(0, img.width(), 17) for y in range(0, img.height(), 13)}
    assert len(colours) > 20


def test_a_thousand_cars_fit_paint_and_reorder(big_window, ui):
    view = big_window.layout_view  # how long the paint takes: benchmarks/layout_benchmark.py
    assert len(big_window.holder.document.consist.cars) == 1000
    assert view.visible_range() == (0, 999) and view.verticalScrollBar().maximum() == 0
    view.viewport().repaint()
    names = ui.names(big_window)
    big_window.holder.set_selection(range(100, 1000, 9))
    ui.send_drag(view, view.move_mime(), ui.left_half(view, 0))
    assert ui.names(big_window)[:3] == [names[100], names[109], names[118]]
    big_window.undo_stack.undo()
    assert ui.names(big_window) == names


def test_catalogue_groups_by_kind_and_filters(qtbot, window):
    cat = window.catalogue
    tree = cat.tree
    groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert len(groups) >= 10 and sum(g.childCount() for g in groups) == len(cat.types)
    assert all(not cat.item_for(t.id).icon(0).isNull() for t in cat.types)  # each type with its drawing
    qtbot.keyClicks(cat.filter, "helic")
    shown = [g.child(j) for g in groups if not g.isHidden() for j in range(g.childCount()) if not g.child(j).isHidden()]
    assert len(shown) == 1 and "Helicopter" in shown[0].text(0)
    cat.filter.clear()
    assert not any(g.isHidden() for g in groups)
