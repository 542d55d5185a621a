"""Every editable field of the window gets every hostile value, typed as keys into the focused widget.

For each value: no crash dialog; either the value is refused, with a sentence in the widget's own message
area (in the window's words, never pydantic's) and the document unchanged, or it is applied as typed (never
silently clamped or changed). The number boxes: the inspector, the cap, the refit facility, the range
editor, the railways' rules and the operations. The table cells: the route editor's stations and sections
and the trip panel's dwell at stops (typed after F2). Pasted rows are below and in test_data_menu."""
import math

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QApplication, QLabel

from keyboard import retype

K, M = Qt.Key, Qt.KeyboardModifier
HOSTILE = ["-5", "abc", "0", "1e309", "nan", "", "9" * 10_000]


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def inspector_field(field):
    def get(qtbot, window):
        if window.holder.selection != [10]:
            window.holder.set_selection([10])
        return window.inspector.widgets[field], window.inspector.errors[field]
    return get


def cap(qtbot, window):
    panel = window.trip_panel
    if not panel.knobs.cap_enabled.isChecked():
        qtbot.mouseClick(panel.knobs.cap_enabled, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.knobs.cap_spin.isEnabled)
    return panel.knobs.cap_spin, panel.answer.baseline_label


def facility_field(name):
    def get(qtbot, window):
        panel = window.trip_panel
        if not panel.sections["facilities"].is_open:
            qtbot.mouseClick(panel.sections["facilities"].header, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.findChild(QLabel, "facility-message:Khasan") is not None)
        spin = next(w for w in panel.facility_box.findChildren(QAbstractSpinBox)
                    if w.objectName() == f"facility:Khasan:{name}")
        qtbot.waitUntil(lambda: spin.isVisible() and spin.lineEdit().height() > 10)
        panel.scroll_area.ensureWidgetVisible(spin)
        return spin, panel.findChild(QLabel, "facility-message:Khasan")
    return get


def range_end(end):
    def get(qtbot, window):
        button = window.inspector.ranges["mass_kg"]
        if button.editor is None or not button.editor.isVisible():
            window.holder.set_selection([10])
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: button.editor is not None and button.editor.isVisible())
            button.editor.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is button.editor)
        return getattr(button.editor, end), button.editor.error
    return get


def settled(qtbot, window) -> None:
    """The trip shown is the document's (a view rebuilt by the result of an edit is rebuilt by now)."""
    computer = window.trip_computer
    qtbot.waitUntil(lambda: computer.result_inputs is not None and computer.result_inputs[0] is window.holder.document,
                    timeout=20_000)


def operations_field(name):
    """A figure of "Service, railways, operations": a railway's rule, or an operation's minutes."""
    def get(qtbot, window):
        panel = window.trip_panel
        settled(qtbot, window)
        section = panel.sections["operations"]
        if not section.is_open:
            qtbot.mouseClick(section.header, Qt.MouseButton.LeftButton)
        view = panel.operations

        def shown():  # looked up afresh: a new trip builds the view's boxes again
            return next((w for w in view.findChildren(QAbstractSpinBox)
                         if w.objectName() == name and w.isVisible() and w.lineEdit().height() > 10), None)

        qtbot.waitUntil(lambda: shown() is not None)
        spin = shown()
        panel.scroll_area.ensureWidgetVisible(spin)
        return spin, view.message
    return get


FIELDS = {"inspector length": inspector_field("length_m"), "inspector mass": inspector_field("mass_kg"),
          "inspector axles": inspector_field("axles"), "inspector max speed": inspector_field("max_speed_m_s"),
          "cap": cap, "facility tracks": facility_field("tracks"), "facility bogie swap": facility_field("bogie_swap_s"),
          "range low": range_end("low"), "range high": range_end("high"),
          "railway allowance": operations_field("railway:ksr:allowance_percent"),
          "railway allowance per 100 km": operations_field("railway:ksr:allowance_min_per_100km"),
          "railway limit factor": operations_field("railway:ksr:limit_factor"),
          "railway stop dwell": operations_field("railway:ksr:stop_dwell_s"),
          "railway top speed": operations_field("railway:rzd:max_speed_m_s"),
          "operation minutes": operations_field("operation:Khasan/border_entry")}


def past_bounds(spin) -> list[str]:
    decimals = spin.decimals() if hasattr(spin, "decimals") else 0
    step = 10.0 ** -decimals
    return [f"{spin.maximum() + 1:.{decimals}f}", f"{spin.maximum() + step:.{decimals}f}",
            f"{spin.minimum() - 1:.{decimals}f}"]


def type_value(qtbot, spin, text: str) -> None:
    qtbot.mouseClick(spin.lineEdit(), Qt.MouseButton.LeftButton)
    assert spin.hasFocus()
    qtbot.keyClick(spin.lineEdit(), K.Key_A, M.ControlModifier)
    qtbot.keyClick(spin.lineEdit(), K.Key_Backspace)
    if len(text) > 100:  # typed key by key, each key re-reads the whole text: pasted (Ctrl+V) instead
        QApplication.clipboard().setText(text)
        qtbot.keyClick(spin.lineEdit(), K.Key_V, M.ControlModifier)
    else:
        QTest.keyClicks(spin.lineEdit(), text)
    qtbot.keyClick(spin.lineEdit(), K.Key_Return)


@pytest.mark.parametrize("where", FIELDS)
def test_every_hostile_value_is_refused_in_a_sentence_or_applied_as_typed(qtbot, window, where):
    activate(qtbot, window)
    spin, message = FIELDS[where](qtbot, window)
    values = HOSTILE + past_bounds(spin)
    for text in values:
        spin, message = FIELDS[where](qtbot, window)
        before = window.holder.document
        type_value(qtbot, spin, text)
        assert not window.errors, (where, text[:20], window.errors)
        if window.holder.document is before:
            said = message.text()
            assert said.startswith("Not applied") and message.isVisibleTo(message.window()), (where, text[:20], said)
            assert len(said) < 400  # a sentence, not the 10,000 characters typed
            assert "should" not in said, (where, text[:20], said)  # the window's words, not pydantic's
        else:
            typed = float(text)
            assert math.isfinite(typed) and spin.minimum() <= typed <= spin.maximum(), (where, text[:20])
            qtbot.waitUntil(lambda: FIELDS[where](qtbot, window)[0].value() == pytest.approx(typed))  # not clamped


@pytest.mark.parametrize("column, value, rule", [
    (2, "-5", "Length must be more than 0 m"), (2, "nan", "length (m)"), (2, "1e309", "length (m)"),
    (3, "0", "Mass must be more than 0 t"), (4, "1", "Axles must be at least 2"), (5, "-3", "Max speed must be at least"),
])
def test_a_pasted_row_past_a_limit_names_the_limit_in_the_users_units(qtbot, window, ui, column, value, rule):
    activate(qtbot, window)
    cells = ["kp-armored-security", "Pasted", "", "", "", ""]
    cells[column] = value
    QApplication.clipboard().setText("\t".join(cells) + "\r\n")
    ui.click_car(qtbot, window.layout_view, 3)
    before = window.holder.document
    qtbot.keyClick(window.layout_view, K.Key_V, M.ControlModifier)
    assert window.holder.document is before
    assert len(window.errors) == 1 and rule in window.errors[0], window.errors
    if math.isfinite(float(value)):  # past a limit: the limit, then what was typed
        assert f"not '{value}'" in window.errors[0]
    else:  # no number at all: the column and the value named
        assert f"'{value}' is not a finite number" in window.errors[0]
    assert "Input should" not in window.errors[0]


# --- table cells: the route editor's stations and sections, the trip panel's dwell at stops ---------------
# Each: where the table is, the cell (row, column), and values past the model's bounds in the units shown.
def route_table(which):
    def get(qtbot, window):
        plots = window.ensure_plots()
        window.plots_dock.show()
        bar = plots.tabs.tabBar()
        if plots.tabs.currentWidget() is not plots.route_editor_tab:
            qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                             pos=bar.tabRect(plots.tabs.indexOf(plots.route_editor_tab)).center())
        editor = plots.route_editor_tab.content()
        qtbot.waitUntil(lambda: editor.isVisible())
        table = getattr(editor, which)
        editor.body_scroll.ensureWidgetVisible(table, 0, 0)
        return table, editor.error
    return get


def dwell_table(qtbot, window):
    panel = window.trip_panel
    section = panel.sections["stops"]
    if not section.is_open:
        qtbot.mouseClick(section.header, Qt.MouseButton.LeftButton)
    panel.scroll_area.ensureWidgetVisible(panel.dwells.stops)
    return panel.dwells.stops, panel.dwells.message


CELLS = {  # name: (table, row, column, past the model's bounds)
    "station name": (route_table("stations"), 1, 0, ["x" * 201]),
    "station position": (route_table("stations"), 1, 1, ["50001"]),
    "station dwell": (route_table("stations"), 5, 2, ["43201", "-0.1"]),
    "section start": (route_table("sections"), 1, 0, ["50001"]),
    "section end": (route_table("sections"), 1, 1, ["50001"]),
    "section gauge": (route_table("sections"), 1, 2, ["380", "3001", "1435/1520/1000/600"]),
    "section limit": (route_table("sections"), 1, 3, ["541", "0.5"]),
    "section gradient": (route_table("sections"), 1, 5, ["80.1", "-80.1"]),
    "dwell at a stop": (dwell_table, 0, 1, ["43201"]),
}


def cell(table, row: int, col: int):
    if hasattr(table, "topLevelItem"):  # a tree: the trip panel's
        item = table.topLevelItem(row)
        return item, table.visualRect(table.indexFromItem(item, col))
    return table.item(row, col), table.visualItemRect(table.item(row, col))


def type_in_cell(qtbot, table, row: int, col: int, text: str) -> None:
    """Click the cell, F2 to edit it (the keyboard's way in), type over it, Enter."""
    item, _rect = cell(table, row, col)
    table.scrollTo(table.indexFromItem(item, col) if hasattr(table, "topLevelItem") else table.indexFromItem(item))
    _item, rect = cell(table, row, col)  # scrolled to, as a person scrolls to a cell out of view
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, K.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not table and QApplication.focusWidget() is not None)
    retype(qtbot, QApplication.focusWidget(), text)
    # The delegate commits the typed text a turn of the event loop after Enter.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def number(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return math.nan


@pytest.mark.parametrize("where", CELLS)
def test_every_hostile_value_typed_in_a_cell_is_refused_in_a_sentence_or_applied_as_typed(qtbot, window, where):
    activate(qtbot, window)
    get, row, col, past = CELLS[where]
    for text in HOSTILE + past:
        table, message = get(qtbot, window)
        settled(qtbot, window)
        before = window.holder.document
        type_in_cell(qtbot, table, row, col, text)

        def refused() -> bool:
            return message.isVisibleTo(message.window()) and message.text().startswith("Not applied")

        qtbot.waitUntil(lambda: window.holder.document is not before or refused())  # the dwell table's, a turn later
        assert not window.errors, (where, text[:20], window.errors)
        if window.holder.document is before:
            said = message.text()
            assert len(said) < 400, (where, text[:20], said[:100])  # a sentence, not the text typed
            assert "should" not in said, (where, text[:20], said)  # the editor's words, not pydantic's
            shown = cell(get(qtbot, window)[0], row, col)[0].text(col) if hasattr(table, "topLevelItem") else \
                table.item(row, col).text()
            assert shown != text or text == "", (where, text[:20])  # the document's value shown again
        else:  # applied: as typed, not clamped or changed
            table, _message = get(qtbot, window)
            qtbot.waitUntil(lambda: cell(table, row, col)[0] is not None)
            item = cell(table, row, col)[0]
            shown = item.text(col) if hasattr(table, "topLevelItem") else item.text()
            if col == 0 and where == "station name":
                assert shown == text, (where, text[:20])
            else:
                assert math.isfinite(number(text)) and number(shown) == pytest.approx(number(text), abs=0.051), (
                    where, text[:20], shown)


def test_every_hostile_zone_typed_for_the_departure_is_refused_in_a_sentence(qtbot, window):
    """The departure's time zone (a name, not a figure): each hostile value is refused on the panel's line
    for knobs not applied, naming what was typed; the field shows the document's zone again."""
    activate(qtbot, window)
    knobs, line = window.trip_panel.knobs, window.trip_panel.answer.baseline_label
    zone = knobs.departure_zone
    for text in [t for t in HOSTILE if t] + ["Asia/Nowhere", "../../etc/passwd", "UTC"]:
        before = window.holder.document
        qtbot.mouseClick(zone, Qt.MouseButton.LeftButton)
        assert zone.hasFocus()
        retype(qtbot, zone, text)
        assert not window.errors, (text[:20], window.errors)
        if text == "UTC":  # a zone that exists: applied as typed
            qtbot.waitUntil(lambda: window.holder.document.scenario.departure.time_zone == "UTC")
            continue
        qtbot.waitUntil(lambda: line.text().startswith("Not applied"))
        assert window.holder.document is before, text[:20]
        assert len(line.text()) < 400 and "should" not in line.text(), line.text()
        assert zone.text() == (before.scenario.departure.time_zone or ""), text[:20]  # the document's zone again
