"""Typing into the window as a person does."""
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def retype(qtbot, field, text: str) -> None:
    """In the focused `field`: select all (Ctrl+A), delete it, enter `text` (pasted when long, as a person
    pastes a huge value rather than typing it) and confirm with Return."""
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    if len(text) > 100:
        QApplication.clipboard().setText(text)
        qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    else:
        QTest.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def type_figure(qtbot, box, text: str) -> None:
    """Focus the number box `box` in its active window and retype it with `text`."""
    window = box.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    retype(qtbot, box.lineEdit(), text)
