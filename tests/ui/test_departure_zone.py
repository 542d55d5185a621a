"""The departure's time zone reads whole in the trip panel of a new user's first window, at 1400×900 and at
1280×800: the zone the blank field stands for (grey), and any IANA zone typed into it, up to the longest
name the database has ("America/Argentina/ComodRivadavia"). It was elided to "Asia/Pyon…". The panel
gets no sideways scrolling for it."""
from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLineEdit, QStyle, QStyleOptionFrame

from settle import laid_out

LONGEST_ZONE = max(sorted(available_timezones()), key=len)


def text_room(edit: QLineEdit) -> float:
    """The width a line edit draws its text (or its placeholder) in: the style's contents rectangle less
    the text margins and the 2 px Qt keeps on each side."""
    opt = QStyleOptionFrame()
    edit.initStyleOption(opt)
    contents = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, opt, edit)
    margins = edit.textMargins()
    return contents.width() - margins.left() - margins.right() - 2 * 2


def assert_reads_whole(edit: QLineEdit, text: str) -> None:
    need = QFontMetricsF(edit.font()).horizontalAdvance(text)
    assert need <= text_room(edit), (text, need, text_room(edit), edit.width())


def assert_no_sideways_scrolling(panel) -> None:
    scroll = panel.scroll_area
    body = scroll.widget()
    assert body.minimumSizeHint().width() <= scroll.viewport().width(), (body.minimumSizeHint(), scroll.viewport().width())
    assert scroll.horizontalScrollBar().maximum() == 0


def test_the_zone_a_blank_departure_stands_for_reads_whole(qtbot, small_screen_window):
    panel = small_screen_window.trip_panel
    zone = panel.knobs.departure_zone
    assert zone.text() == "" and zone.placeholderText() == "Asia/Pyongyang"
    assert_reads_whole(zone, zone.placeholderText())
    assert_no_sideways_scrolling(panel)


def test_a_typed_zone_reads_whole_up_to_the_longest_name(qtbot, small_screen_window):
    w = small_screen_window
    panel = w.trip_panel
    zone = panel.knobs.departure_zone
    for typed in ("Asia/Yekaterinburg", LONGEST_ZONE):
        qtbot.mouseClick(zone, Qt.MouseButton.LeftButton, pos=zone.rect().center())
        qtbot.waitUntil(zone.hasFocus)
        qtbot.keyClick(zone, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(zone, typed)
        qtbot.keyClick(zone, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: w.holder.document.scenario.departure.time_zone == typed)
        qtbot.waitUntil(lambda: laid_out(w))
        assert zone.text() == typed
        assert_reads_whole(zone, typed)
        assert_no_sideways_scrolling(panel)
