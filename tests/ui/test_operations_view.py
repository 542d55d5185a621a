"""The trip's operations in the window: each part with its source and range, edited like any estimate."""
import pytest
from PySide6.QtCore import Qt

from traintool.model import ServiceKind
from traintool.ui.trip.operations_view import RANGE, SOURCE_ROLE, VALUE
from keyboard import type_figure


def _row(tree, group, name):
    """The row `name` under the railway's or the stop's row `group`."""
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        for k in range(top.childCount() if top.text(0) == group else 0):
            if top.child(k).text(0) == name:
                return top.child(k)
    raise AssertionError(f"no row {name} under {group}")


def _opened(qtbot, window):
    """The operations section, unfolded by a click on its header."""
    section = window.trip_panel.sections["operations"]
    if not section.content.isVisible():
        qtbot.mouseClick(section.header, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(section.content.isVisible)
    return window.trip_panel.operations


def _type_into(qtbot, tree, item, text):
    """Type a figure into the row's box as a person does, and confirm it with Return."""
    type_figure(qtbot, tree.itemWidget(item, VALUE), text)


def test_each_operation_is_shown_with_its_source_and_range(qtbot, window):
    view = _opened(qtbot, window)
    r = window.trip_computer.result
    exit_control = _row(view.stands, "Tumangang", "Exit control")
    part = next(p for s in r.stops if s.station == "Tumangang" for p in s.parts if p.kind == "border_exit")
    assert view.stands.itemWidget(exit_control, VALUE).value() == pytest.approx(part.duration_s / 60)
    assert exit_control.text(RANGE) == "5–45" and "special" in exit_control.data(0, SOURCE_ROLE)
    ksr = _row(view.railways, "Korean State Railway", "Time allowance (%)")
    assert ksr.text(RANGE) and ksr.data(0, SOURCE_ROLE)  # its range and where it comes from
    assert ServiceKind(view.service.currentData()) is ServiceKind.SPECIAL
    assert window.trip_panel.answer.figures["allowance"][0].text() != "0 s"
    # Opened, the tables fit the panel's width: no sideways scrolling.
    qtbot.waitUntil(lambda: window.trip_panel.scroll_area.horizontalScrollBar().maximum() == 0)


def test_an_operation_and_a_railways_rule_are_edited_and_undone(qtbot, window):
    view = _opened(qtbot, window)
    total = window.trip_computer.result.total_s
    _type_into(qtbot, view.stands, _row(view.stands, "Khasan", "Entry control"), "75")
    qtbot.waitUntil(lambda: window.holder.document.scenario.operation_overrides_s.get("Khasan/border_entry") == 4500,
                    timeout=20000)
    qtbot.waitUntil(lambda: window.trip_computer.result.total_s == pytest.approx(total + 3600), timeout=20000)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.trip_computer.result.total_s == pytest.approx(total), timeout=20000)
    assert not window.holder.document.scenario.operation_overrides_s

    _type_into(qtbot, view.railways, _row(view.railways, "Russian Railways", "Time allowance (%)"), "20")
    qtbot.waitUntil(lambda: "rzd" in window.holder.document.scenario.railway_overrides, timeout=20000)
    assert window.holder.document.scenario.railway_overrides["rzd"].allowance_percent == 20
    qtbot.waitUntil(lambda: window.trip_computer.result.total_s > total, timeout=20000)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: not window.holder.document.scenario.railway_overrides, timeout=20000)


def test_the_kind_of_service_is_chosen_by_keyboard_and_undone(qtbot, window):
    view = _opened(qtbot, window)
    total = window.trip_computer.result.total_s
    view.service.setFocus()
    qtbot.keyClick(view.service, Qt.Key.Key_Down)  # special -> international passenger
    qtbot.waitUntil(lambda: window.holder.document.scenario.service is ServiceKind.INTERNATIONAL, timeout=20000)
    qtbot.waitUntil(lambda: window.trip_computer.result.total_s != pytest.approx(total), timeout=20000)
    assert _row(view.stands, "Khasan", "Customs")  # a scheduled train clears customs; a special does not
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.holder.document.scenario.service is ServiceKind.SPECIAL, timeout=20000)


def test_the_gauge_exchange_is_moved_to_tumangang_by_keyboard_and_undone(qtbot, window):
    view = _opened(qtbot, window)
    assert view.refit_place.isVisible() and view.refit_place.currentText() == "Gauge exchange at Khasan"
    assert "not known" in view.refit_place.toolTip()
    view.refit_place.setFocus()
    qtbot.keyClick(view.refit_place, Qt.Key.Key_Up)  # the stations in route order: Tumangang comes first
    qtbot.waitUntil(lambda: window.holder.document.scenario.refit_places == {"Khasan": "Tumangang"}, timeout=20000)
    qtbot.waitUntil(lambda: [r.station for r in window.trip_computer.result.refits] == ["Tumangang"], timeout=20000)
    qtbot.waitUntil(lambda: view.refit_place.currentText() == "Gauge exchange at Tumangang", timeout=20000)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: [r.station for r in window.trip_computer.result.refits] == ["Khasan"], timeout=20000)
    assert window.holder.document.scenario.refit_places == {}


def test_who_hauls_after_a_change_is_chosen_by_keyboard_shown_stretch_by_stretch_and_undone(qtbot, window):
    from traintool.model import Haulage
    view = _opened(qtbot, window)
    assert view.haulage.isVisible() and view.haulage.currentText() == Haulage.RAILWAYS.label
    # The default train leaves Pyongyang behind its own locomotives; at Khasan Russian Railways puts its 2TE116 on.
    qtbot.waitUntil(lambda: "From Khasan (Russian Railways): 2TE116" in view.hauls.text(), timeout=20000)
    assert "put on by the railway" in view.hauls.text() and view.hauls.text().startswith("From Pyongyang")
    view.haulage.setFocus()
    qtbot.keyClick(view.haulage, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.holder.document.scenario.haulage is Haulage.OWN, timeout=20000)
    qtbot.waitUntil(lambda: "put on by the railway" not in view.hauls.text(), timeout=20000)
    assert "From Khasan (Russian Railways): the consist's own" in view.hauls.text()
    assert window.undo_stack.undoText() == Haulage.OWN.label
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.holder.document.scenario.haulage is Haulage.RAILWAYS, timeout=20000)
    qtbot.waitUntil(lambda: view.haulage.currentText() == Haulage.RAILWAYS.label, timeout=20000)
