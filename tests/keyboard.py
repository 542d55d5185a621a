"""Typing into the window as a person does."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def type_figure(qtbot, box, text: str) -> None:
    """Focus the number box `box` in its active window, select what it shows (Ctrl+A), type `text` and
    confirm with Return."""
    window = box.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
