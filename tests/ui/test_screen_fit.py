"""Every window fits the screen's available area (the offscreen screen is 800×800, smaller than the
window's 1400×900): the first, each New Window cascaded after it, and one reopened on a geometry saved
on a larger screen."""
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from traintool.io import default_document
from traintool.ui.app.main_window import MainWindow
from traintool.ui.app.windows import Windows


def inside(w) -> bool:
    area = w.screen().availableGeometry()
    return area.contains(w.frameGeometry()) and w.width() > 300 and w.height() > 300


def test_the_first_window_fits_a_small_screen(qtbot, preferences):
    w = MainWindow(default_document(), None, preferences)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert inside(w), (w.frameGeometry(), w.screen().availableGeometry())
    w.close()


def test_a_geometry_saved_on_a_larger_screen_is_brought_inside(qtbot, preferences):
    w = MainWindow(default_document(), None, preferences)
    qtbot.addWidget(w)
    w.setGeometry(QRect(2000, 1500, 2600, 1700))  # as saved on a 4K screen, far right and down
    preferences.settings.setValue("window/geometry", w.saveGeometry())
    again = MainWindow(default_document(), None, preferences)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert inside(again), again.frameGeometry()


def test_new_windows_cascade_inside_the_screen(qtbot, preferences, monkeypatch):
    ws = Windows(preferences, persist_layout=False)
    first = ws.open_window(default_document())
    qtbot.addWidget(first)
    ws.show(first)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    for _ in range(4):  # Ctrl+Shift+N, as the user opens one after another
        newest = ws.windows[-1]
        monkeypatch.setattr(newest, "ask_save_changes", lambda: None)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is newest)
        qtbot.keyClick(newest, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: ws.windows[-1] is not newest)
        qtbot.addWidget(ws.windows[-1])
    assert len(ws.windows) == 5
    for w in ws.windows:
        qtbot.waitExposed(w)
        assert inside(w), w.frameGeometry()
    assert ws.windows[1].pos() != ws.windows[0].pos()  # cascaded, not on top of each other
