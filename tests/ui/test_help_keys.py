"""Help and keyboard: the guide names the menus where things are, the shortcut list names every key
(the layout's too) without a live label, the layout shows a focus ring and Down moves between rows."""
import re
from pathlib import Path
from html import unescape

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from traintool.ui.app.help import menu_entries, shortcuts_html


def test_every_menu_path_the_guide_names_is_in_the_menus(window):
    paths = {(p.split(" > ")[0], a.text().replace("&", "").rstrip("…")) for p, a in menu_entries(window.menuBar())}
    paths |= {tuple(p.split(" > ")[:2]) for p, _ in menu_entries(window.menuBar()) if " > " in p}  # submenus
    docks = {(menu, a.text()) for menu, a in [("View", a) for a in window.view_menu.actions()]}
    # The checkout's guide (an editable install of another checkout would show that one's).
    guide = (Path(__file__).resolve().parents[2] / "resources" / "guide.html").read_text("utf-8")
    named = re.findall(r"\b(File|Edit|View|Help|Data) &gt; ([A-Z][\w ]*\w)", guide)
    assert named
    for menu, item in named:
        assert any(m == menu and t and item.startswith(t) for m, t in paths | docks), f"{menu} > {item}"


def test_the_shortcut_list_names_the_layouts_keys_and_no_live_label(qtbot, window):
    window.holder.set_selection([3])
    qtbot.keyClick(window.layout_view, Qt.Key.Key_Delete)  # an undo step, whose name the Undo item shows
    assert window.commands.undo.text().startswith("&Undo Delete")
    text = unescape(re.sub("<[^>]+>", " ", shortcuts_html(window.menuBar())))
    assert "Delete car" not in text and re.search(r"\bUndo\b", text)
    for keys in ("Home, End", "↑, ↓", "Ctrl+wheel", "←, →"):
        assert keys in text


def test_down_and_up_move_between_rows(qtbot, window, ui):
    view = window.layout_view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    p = view.placement
    assert p.rows > 2
    first_of_row_1 = p.cars_in_rows(1, 1).start
    ui.click_car(qtbot, view, first_of_row_1 + 1)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    (below,) = window.holder.selection
    assert p.row[below] == 2
    middle = view.car_rect(first_of_row_1 + 1).center().x()
    assert view.car_rect(below).left() - 20 <= middle <= view.car_rect(below).right() + 20
    qtbot.keyClick(view, Qt.Key.Key_Up)
    (back,) = window.holder.selection
    assert p.row[back] == 1
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(window.holder.selection) > 2  # a row's worth selected


def test_the_layout_shows_a_focus_ring_when_tabbed_to(qtbot, window):
    view = window.layout_view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.catalogue.filter.setFocus()
    highlight = view.palette().color(view.palette().ColorRole.Highlight).rgb()

    def corner_pixel() -> int:
        image: QImage = view.viewport().grab().toImage()
        return image.pixel(1, image.height() // 2)

    assert corner_pixel() != highlight
    for _ in range(40):  # Tab until the layout has the focus
        if view.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert view.hasFocus()
    assert corner_pixel() == highlight
