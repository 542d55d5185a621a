"""Text shown as text: labels, message boxes and tooltips that never read a name as HTML.

Qt shows a label's, a message box's or a tooltip's text as HTML when it looks like HTML
(Qt.TextFormat.AutoText), and HTML may load images: a car named `<img src="/dev/zero">` would
make the window read that file. So every text the program shows goes through here: labels and
message boxes are plain text, and a widget that builds rich text of its own escapes every part
it did not write itself (`escape`).
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from ...text import escaped as escape  # the one escaping, for widgets that build rich text

__all__ = ["ask", "escape", "label", "message_box", "plain_format", "rich_label", "tell", "tip"]

Button = QMessageBox.StandardButton


def plain_format():
    """Qt.TextFormat.PlainText. Qt's namespace is imported on first use: creating it costs 15 ms,
    which the window's first frame does not wait for."""
    from PySide6.QtCore import Qt

    return Qt.TextFormat.PlainText





def label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label whose text is shown as written."""
    made = QLabel(parent)
    made.setTextFormat(plain_format())
    made.setText(text)
    return made


def rich_label(markup: str = "", parent: QWidget | None = None) -> QLabel:
    """A label of rich text the caller built, every outside part passed through `escape`."""
    from PySide6.QtCore import Qt

    made = QLabel(parent)
    made.setTextFormat(Qt.TextFormat.RichText)
    made.setText(markup)
    return made


def tip(text: str) -> str:
    """A tooltip that shows `text` as written. Qt reads a tooltip that might be rich text as HTML:
    such a text becomes escaped rich text that keeps its lines as they are; any other is kept."""
    from PySide6.QtGui import Qt

    if not Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre'>{escape(text)}</p>"


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: Button = Button.Ok, default: Button = Button.NoButton) -> QMessageBox:
    """A message box whose text is shown as written."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(plain_format())
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return box


def ask(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Yes | Button.No,
        default: Button = Button.NoButton, icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> Button:
    """QMessageBox.question, its text plain: the button the user chose."""
    return Button(message_box(parent, icon, title, text, buttons, default).exec())


def tell(parent: QWidget | None, title: str, text: str,
         icon: QMessageBox.Icon = QMessageBox.Icon.Critical) -> None:
    """QMessageBox.critical (or another icon), its text plain."""
    message_box(parent, icon, title, text).exec()
