"""What a field takes from the wheel and the keyboard, app-wide.

- Spin boxes and combo boxes take the mouse wheel only when they have focus. Qt's own change their
  value under a passing wheel: scrolling a form over them edited values the user never meant to (a
  refit figure, a car's axles) and committed them. Here each takes the focus only by click or Tab
  (strong focus), and a wheel over one without focus scrolls the view it is in instead.
- Undo and Redo belong to a text field only while it holds an edit of its own. A field whose value is
  committed (a spin box after Enter, a field refilled from the document) lets them through to the
  window, so that Ctrl+Z right after Enter undoes the value just committed.
- `finish_edit` commits the edit in progress in the focused field, as leaving it would: a window
  action (Save, Duplicate, Undo from the menu) runs on the document with that value in it.
"""
from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QDoubleSpinBox, QLineEdit,
    QSpinBox, QWidget,
)
from shiboken6 import isValid

GUARDED = (QAbstractSpinBox, QComboBox)


def guarded(obj: QObject) -> QWidget | None:
    """The spin box or combo `obj` is, or is part of (a spin box's line edit), if any."""
    for w in (obj, obj.parent()):
        if isinstance(w, GUARDED):
            return w
    return None


def committed(spin: QAbstractSpinBox) -> bool:
    """Whether the spin box shows its value as is: nothing typed into it since its value was set."""
    if not isinstance(spin, (QSpinBox, QDoubleSpinBox)):
        return False
    if spin.specialValueText() and spin.value() == spin.minimum():
        return spin.text() == spin.specialValueText()
    return spin.text() == spin.prefix() + spin.textFromValue(spin.value()) + spin.suffix()  # type: ignore[arg-type]


def holds_own_edit(field: QLineEdit, event: QKeyEvent) -> bool:
    """Whether Undo (or Redo) in `field` has something of the field's own to undo (or redo)."""
    spin = field.parent()
    if isinstance(spin, QAbstractSpinBox):
        return not committed(spin)
    return field.isUndoAvailable() if event.matches(QKeySequence.StandardKey.Undo) else field.isRedoAvailable()


class InputGuard(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(obj, GUARDED):
            obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel:
            w = guarded(obj)
            if w is not None and not w.hasFocus():
                scroll_view_around(w, event)  # type: ignore[arg-type]
                return True
        elif kind == QEvent.Type.ShortcutOverride and isinstance(obj, (QLineEdit, QAbstractSpinBox)):
            # A spin box hands the event to its line edit itself (not through this filter): both are checked.
            field = obj.lineEdit() if isinstance(obj, QAbstractSpinBox) else obj
            key = cast(QKeyEvent, event)
            if (key.matches(QKeySequence.StandardKey.Undo) or key.matches(QKeySequence.StandardKey.Redo)) \
                    and not holds_own_edit(field, key):
                event.ignore()  # not the field's: the window's shortcut runs
                return True
        return False


def scroll_view_around(w: QWidget, event: QWheelEvent) -> None:
    """Give the wheel to the scroll bar of the nearest scrolling view that holds `w` (none: nothing scrolls)."""
    area = w.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        return
    horizontal = abs(event.angleDelta().x()) > abs(event.angleDelta().y())
    bar = area.horizontalScrollBar() if horizontal else area.verticalScrollBar()
    QApplication.sendEvent(bar, QWheelEvent(event.position(), event.globalPosition(), event.pixelDelta(),
                                            event.angleDelta(), event.buttons(), event.modifiers(), event.phase(),
                                            event.inverted(), event.source()))


def finish_edit() -> None:
    """Commit the edit in progress in the focused field (a line edit, a spin box, a table cell's editor)
    as leaving it would, and give the focus back to it (or to its table)."""
    w = QApplication.focusWidget()
    if not isinstance(w, (QLineEdit, QAbstractSpinBox)):
        return
    view = w.parentWidget()
    while view is not None and not isinstance(view, QAbstractItemView):
        view = view.parentWidget()
    back = view if view is not None else guarded(w) or w  # a cell's editor closes as it commits
    w.clearFocus()  # the focus-out commits: editingFinished, a spin box's value, a delegate's commitData
    if isValid(back) and back.isVisible():
        back.setFocus(Qt.FocusReason.OtherFocusReason)


def install(app: QApplication) -> None:
    """Guard every spin box, combo and text field of the application (once; widgets made before too)."""
    if app.property("traintool_input_guard"):
        return
    guard = InputGuard(app)
    app.installEventFilter(guard)
    app.setProperty("traintool_input_guard", True)
    for w in app.allWidgets():
        if isinstance(w, GUARDED):
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
