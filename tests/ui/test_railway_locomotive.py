"""The locomotive a railway puts on at a change, chosen in the operations view as a person does."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from traintool.ui.trip.operations_view import NO_LOCOMOTIVE, RANGE, VALUE

from .test_operations_view import _opened, _row
from keyboard import type_figure

RZD = "Russian Railways"


def _combo(view) -> QComboBox:
    return view.railways.itemWidget(_row(view.railways, RZD, "Locomotive put on"), VALUE)


def _count(view):
    return view.railways.itemWidget(_row(view.railways, RZD, "Locomotives put on (count)"), VALUE)


def _rzd(window):
    return window.holder.document.scenario.railway_overrides.get("rzd")


def _ctrl_z_in_the_table(qtbot, window, view):
    """Ctrl+Z pressed in the railways' table, the window active, as a person does after a change."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.railways.setFocus()
    qtbot.waitUntil(view.railways.hasFocus)
    qtbot.keyClick(view.railways, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _type_count(qtbot, view, text):
    type_figure(qtbot, _count(view), text)


def test_the_railways_locomotive_and_count_are_chosen_the_trip_follows_and_ctrl_z_undoes(qtbot, window):
    view = _opened(qtbot, window)
    qtbot.waitUntil(lambda: "From Khasan (Russian Railways): 2TE116" in view.hauls.text(), timeout=20000)
    combo = _combo(view)
    assert combo.itemText(0) == NO_LOCOMOTIVE and combo.currentData() == "ru-2te116"
    ksr = view.railways.itemWidget(_row(view.railways, "Korean State Railway", "Locomotive put on"), VALUE)
    assert not {"ru-tep70", "ru-2te116"} & {ksr.itemData(i) for i in range(ksr.count())}  # broad gauge: not offered
    running = window.trip_computer.result.running_s
    # a locomotive's long name does not widen the table: its Range column stays inside the panel
    header = view.railways.header()
    assert header.sectionPosition(RANGE) + header.sectionSize(RANGE) <= view.railways.viewport().width()

    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)  # opens its list, and takes the focus
    qtbot.keyClick(combo.view(), Qt.Key.Key_Escape)
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 2TE116 -> TEP70, the weaker
    qtbot.waitUntil(lambda: _rzd(window) is not None and _rzd(window).locomotive_id == "ru-tep70", timeout=20000)
    assert window.undo_stack.undoText().startswith(f"{RZD} puts on 1 × TEP70")
    qtbot.waitUntil(lambda: "From Khasan (Russian Railways): TEP70" in view.hauls.text(), timeout=20000)
    qtbot.waitUntil(lambda: window.trip_computer.result.running_s > running, timeout=20000)
    qtbot.waitUntil(lambda: _combo(view).currentData() == "ru-tep70", timeout=20000)

    _type_count(qtbot, view, "3")
    qtbot.waitUntil(lambda: _rzd(window).locomotive_count == 3, timeout=20000)
    qtbot.waitUntil(lambda: "3 × TEP70" in view.hauls.text(), timeout=20000)

    _ctrl_z_in_the_table(qtbot, window, view)
    qtbot.waitUntil(lambda: _rzd(window).locomotive_count == 1, timeout=20000)
    qtbot.waitUntil(lambda: _count(view).value() == 1, timeout=20000)
    _ctrl_z_in_the_table(qtbot, window, view)
    qtbot.waitUntil(lambda: _rzd(window) is None, timeout=20000)
    qtbot.waitUntil(lambda: window.trip_computer.result.running_s == pytest.approx(running), timeout=20000)
    qtbot.waitUntil(lambda: _combo(view).currentData() == "ru-2te116", timeout=20000)


def test_none_leaves_the_consists_own_on_and_the_count_is_then_off(qtbot, window):
    view = _opened(qtbot, window)
    combo = _combo(view)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)  # the first item: none
    qtbot.waitUntil(lambda: _rzd(window) is not None and _rzd(window).locomotive_id is None, timeout=20000)
    qtbot.waitUntil(lambda: "From Khasan (Russian Railways): the consist's own" in view.hauls.text(), timeout=20000)
    qtbot.waitUntil(lambda: not _count(view).isEnabled(), timeout=20000)


@pytest.mark.parametrize("typed", ["abc", "0", "9", "-1", "99999999999999999999"])
def test_a_hostile_count_is_refused_in_a_sentence_and_changes_nothing(qtbot, window, typed):
    view = _opened(qtbot, window)
    before = window.holder.document
    _type_count(qtbot, view, typed)
    qtbot.waitUntil(view.message.isVisible)
    assert "Not applied" in view.message.text() and "1 to 8" in view.message.text()
    assert window.holder.document is before and _count(view).value() == 1
