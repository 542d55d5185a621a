"""The mouse wheel edits a spin box or combo only when it has focus; over one without focus it scrolls the view."""
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox


def wheel(widget, notches: int = 1) -> None:
    """Turn the wheel over the middle of `widget` (one notch: 120 eighths of a degree; up is positive)."""
    pos = QPointF(widget.rect().center())
    QApplication.sendEvent(widget, QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                                               QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                                               Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False))


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_a_passing_wheel_over_the_axles_changes_nothing(qtbot, window, ui):
    activate(qtbot, window)
    ui.click_car(qtbot, window.layout_view, 3)
    axles = window.inspector.axles
    before, shown = window.holder.document, axles.value()
    wheel(axles.lineEdit())
    wheel(axles)
    assert axles.value() == shown and window.holder.document is before
    # Clicked into, it is the user's: the wheel steps it (one undoable edit).
    qtbot.mouseClick(axles.lineEdit(), Qt.MouseButton.LeftButton)
    assert axles.hasFocus()
    wheel(axles)  # (a sent event does not travel from the line edit to its spin box as the real one does)
    assert axles.value() == shown + 1 and window.holder.document is not before


def test_scrolling_the_trip_panel_over_the_refit_form_scrolls_it(qtbot, window):
    activate(qtbot, window)
    panel = window.trip_panel
    qtbot.mouseClick(panel.sections["facilities"].header, Qt.MouseButton.LeftButton)
    spin = next(s for s in panel.facility_box.findChildren(QAbstractSpinBox) if s.isVisible())
    bar = panel.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())  # room to scroll up
    assert bar.maximum() > 0
    before, shown, at = window.holder.document, spin.value(), bar.value()
    wheel(spin)
    assert spin.value() == shown and window.holder.document is before
    assert bar.value() < at  # the panel scrolled instead


def test_every_spin_box_and_combo_takes_focus_only_by_click_or_tab(window):
    window.ensure_plots()
    widgets = window.findChildren(QAbstractSpinBox) + window.findChildren(QComboBox)
    assert len(widgets) > 5
    wrong = [w.objectName() or type(w).__name__ for w in widgets if w.focusPolicy() != Qt.FocusPolicy.StrongFocus]
    assert not wrong


@pytest.mark.parametrize("which", ["stranded", "route"])
def test_a_passing_wheel_over_a_trip_combo_changes_nothing(qtbot, window, which):
    activate(qtbot, window)
    box = {"stranded": window.trip_panel.knobs.stranded_box, "route": window.trip_panel.knobs.route_box}[which]
    before, index = window.holder.document, box.currentIndex()
    wheel(box, -1)
    wheel(box, 1)
    unchanged = box.currentIndex() == index and window.holder.document is before
    assert unchanged
