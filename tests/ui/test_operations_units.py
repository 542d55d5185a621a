"""The operations view (the railways' rules and the operations at the stops) in the units chosen, and
whole: under imperial units the railway's top speed was shown and edited in km/h beside a range in mph,
and the allowance in minutes per 100 km; narrow columns cut the railways' names, the rules and their
sources ("Korean Stat…", "Allowance p…", "estimate: a …")."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QComboBox, QStyle

from settle import laid_out
from traintool.ui.trip.operations_view import RANGE, VALUE
from traintool.units import KM, MILE, UnitSystem
from keyboard import type_figure

RZD_TOP_SPEED = 60 / 3.6  # m/s: the Russian Railways' top speed for the leader's train in the shipped route


def opened(qtbot, window):
    section = window.trip_panel.sections["operations"]
    if not section.is_open:
        qtbot.mouseClick(section.header, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(section.content.isVisible)
    qtbot.waitUntil(lambda: laid_out(window))
    return window.trip_panel.operations


def rows(tree):
    """Every row of a table, top-level and under its parent, in order."""
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        yield top
        for k in range(top.childCount()):
            yield top.child(k)


def rule_box(view, railway: str, field: str):
    """The box of a railway's rule on the table's rows now (a new trip builds the boxes again)."""
    boxes = (view.railways.itemWidget(item, VALUE) for item in rows(view.railways))
    return next(box for box in boxes if box is not None and box.objectName() == f"railway:{railway}:{field}")


def row_of(tree, box):
    return next(item for item in rows(tree) if tree.itemWidget(item, VALUE) is box)


def shown_texts(view) -> list[str]:
    """Every text the two tables show: headers, cells and the boxes' figures with their suffixes."""
    texts = []
    for tree in (view.railways, view.stands):
        texts += [tree.headerItem().text(c) for c in range(tree.columnCount())]
        for item in rows(tree):
            texts += [item.text(c) for c in range(tree.columnCount())]
            box = tree.itemWidget(item, VALUE)
            if box is not None:
                texts.append(box.currentText() if isinstance(box, QComboBox) else box.text())
    return texts


def test_every_figure_follows_imperial_units_and_is_typed_in_them(qtbot, window):
    view = opened(qtbot, window)
    window.preferences.units = UnitSystem.IMPERIAL
    qtbot.waitUntil(lambda: "mph" in " ".join(shown_texts(view)))
    metric = [t for t in shown_texts(view) if "km" in t]
    assert not metric, metric
    speed = rule_box(view, "rzd", "max_speed_m_s")
    assert speed.value() == pytest.approx(RZD_TOP_SPEED / (MILE / 3600), abs=0.5)  # 60 km/h is 37 mph
    speed_row = row_of(view.railways, speed)
    assert "mph" in speed_row.text(0) and speed_row.text(RANGE) == "24.9–49.7"  # the range in the box's unit
    per_distance = rule_box(view, "ksr", "allowance_min_per_100km")
    assert "min/100 mi" in row_of(view.railways, per_distance).text(0)

    # Typed in mph, kept in SI.
    type_figure(qtbot, speed, "40")
    qtbot.waitUntil(lambda: "rzd" in window.holder.document.scenario.railway_overrides, timeout=20000)
    assert window.holder.document.scenario.railway_overrides["rzd"].max_speed_m_s == pytest.approx(40 * MILE / 3600)
    # 1.6 min per 100 mi is 1 min per 100 km.
    per_distance = rule_box(view, "ksr", "allowance_min_per_100km")
    type_figure(qtbot, per_distance, "1.6")
    qtbot.waitUntil(lambda: "ksr" in window.holder.document.scenario.railway_overrides, timeout=20000)
    assert window.holder.document.scenario.railway_overrides["ksr"].allowance_min_per_100km == pytest.approx(
        1.6 * KM / MILE, abs=0.01)

    window.preferences.units = UnitSystem.METRIC
    qtbot.waitUntil(lambda: "km/h" in " ".join(shown_texts(view)))
    assert not [t for t in shown_texts(view) if "mph" in t or " mi" in t]
    assert rule_box(view, "rzd", "max_speed_m_s").value() == pytest.approx(64, abs=0.5)  # 40 mph


def cell_room(tree, item, col: int) -> float:
    margin = tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    return tree.visualRect(tree.indexFromItem(item, col)).width() - 2 * margin


@pytest.mark.parametrize("units", list(UnitSystem))
def test_every_cell_reads_whole_and_the_tables_fit_the_panel(qtbot, small_screen_window, units):
    w = small_screen_window
    w.preferences.units = units
    view = opened(qtbot, w)
    panel = w.trip_panel
    for tree in (view.railways, view.stands):
        panel.scroll_area.ensureWidgetVisible(tree)
        qtbot.waitUntil(lambda: laid_out(w))
        metrics = QFontMetricsF(tree.font())
        header = tree.header()
        for c in range(tree.columnCount()):
            need = metrics.horizontalAdvance(tree.headerItem().text(c))
            assert need <= header.sectionSize(c) - 8, (tree.headerItem().text(c), need, header.sectionSize(c))
        for item in rows(tree):
            if item.isFirstColumnSpanned():
                room = tree.viewport().width() - tree.visualRect(tree.indexFromItem(item, 0)).left()
                assert metrics.horizontalAdvance(item.text(0)) <= room, item.text(0)
                continue
            for c in range(tree.columnCount()):
                font_metrics = QFontMetricsF(item.font(c))
                assert font_metrics.horizontalAdvance(item.text(c)) <= cell_room(tree, item, c), (item.text(c), c)
            box = tree.itemWidget(item, VALUE)
            if isinstance(box, QComboBox):  # a railway's locomotive: its class whole in the box
                assert box.width() >= box.sizeHint().width(), (box.objectName(), box.currentText(), box.width())
            elif box is not None:  # the figure with its suffix whole in its box, the box as tall as it needs
                assert box.height() >= box.minimumSizeHint().height(), (box.objectName(), box.height())
                edit = box.lineEdit()
                assert QFontMetricsF(edit.font()).horizontalAdvance(edit.text()) <= edit.contentsRect().width() - 4, (
                    box.objectName(), edit.text())
        # the table inside the panel, not cut by its right edge
        right = tree.mapTo(panel.scroll_area.viewport(), QPoint(tree.width(), 0)).x()
        assert right <= panel.scroll_area.viewport().width()
    assert panel.scroll_area.widget().minimumSizeHint().width() <= panel.scroll_area.viewport().width()


def click_name(qtbot, tree, item) -> None:
    """A click on the row's name, as a person picks a row."""
    rect = tree.visualRect(tree.indexFromItem(item, 0))
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 20, rect.center().y()))


def test_a_rows_source_is_read_whole_under_the_tables(qtbot, window):
    view = opened(qtbot, window)
    window.trip_panel.scroll_area.ensureWidgetVisible(view.railways)
    click_name(qtbot, view.railways, row_of(view.railways, rule_box(view, "rzd", "max_speed_m_s")))
    qtbot.waitUntil(lambda: "Reuters (2001) saw the leader's train pass Ussuriysk" in view.source_line.text())
    assert view.source_line.isVisible() and view.source_line.wordWrap()
    exit_control = next(item for item in rows(view.stands)
                        if item.text(0) == "Exit control" and item.parent().text(0) == "Tumangang")
    window.trip_panel.scroll_area.ensureWidgetVisible(view.stands)
    click_name(qtbot, view.stands, exit_control)
    qtbot.waitUntil(lambda: "a formality of 5-45 min" in view.source_line.text())
    assert view.source_line.text().startswith("Exit control at Tumangang: ")
