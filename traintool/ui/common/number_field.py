"""Spin boxes that keep what the user typed and refuse it in a sentence, never by silently changing it.

Qt's spin boxes drop the keys that would make a value they cannot take: "-5" in a field from 0 left
"5" (or "- m" and a wrong message), "99999" in a field up to 100 left "99", and a value outside the range
snapped to its bound on Enter. Here the text stays as typed; on Enter, or when the field is left, a value
the box cannot take is refused: the field shows its value again and `refused` says why in one sentence
(its owner shows it in the field's own message area).
"""
from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QDoubleSpinBox, QSpinBox, QStyle, QStyleOptionSpinBox

from ...printable import printable

ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
NARROWEST = 60  # px: a narrow dock squeezes a box this far, if the value it shows still fits


def _figure(x: float, decimals: int) -> str:
    text = f"{x:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if decimals else text


def typed_number(box: QAbstractSpinBox) -> str:
    """What the user typed, without the box's prefix and suffix."""
    text = box.text()
    prefix, suffix = box.prefix(), box.suffix()  # type: ignore[attr-defined]
    if prefix and text.startswith(prefix):
        text = text[len(prefix):]
    if suffix and text.endswith(suffix):
        text = text[: -len(suffix)]
    return text.strip()


def refusal(box: QAbstractSpinBox) -> str:
    """The sentence for a value the box cannot take: what was typed, and what it takes."""
    typed = typed_number(box)
    try:
        x = float(typed.replace(",", "").replace("−", "-"))
    except ValueError:
        x = math.nan
    decimals = box.decimals() if isinstance(box, QDoubleSpinBox) else 0
    lo = box.minimum() + (10.0 ** -decimals if box.specialValueText() else 0.0)  # type: ignore[attr-defined]
    rule = getattr(box, "rule", None) or (f"The value is from {_figure(lo, decimals)} to "
                                          f"{_figure(box.maximum(), decimals)}{box.suffix()}")  # type: ignore[attr-defined]
    what = "is not a number" if not math.isfinite(x) else "is out of range"
    shown = printable(typed, 40) if typed else ""
    return f"Not applied: “{shown}” {what}. {rule}."


class _Checked:
    """What both boxes share (a mixin: each declares its own `refused` signal)."""

    rule: str | None = None  # the limits in a sentence ("Length must be more than 0 m…"); None: said from the range

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.textChanged.connect(lambda _text: self.updateGeometry())  # type: ignore[attr-defined]  # its minimum follows

    def set_rule(self, sentence: str | None) -> None:
        """The limits in a sentence, said when a typed value is refused (None: said from the range)."""
        self.rule = sentence

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """Never narrower than the value it shows (a narrow dock cut "152.1 tons" to "152.1 ton"), and no
        wider than that either: Qt's own minimum fits the largest value the box takes, too wide for a dock."""
        hint = super().minimumSizeHint()  # type: ignore[misc]
        text = self.text() + " "  # type: ignore[attr-defined]  # as Qt measures it, with room for the cursor
        option = QStyleOptionSpinBox()
        self.initStyleOption(option)  # type: ignore[attr-defined]
        width = self.fontMetrics().horizontalAdvance(text) + 2  # type: ignore[attr-defined]
        size = self.style().sizeFromContents(  # type: ignore[attr-defined]
            QStyle.ContentsType.CT_SpinBox, option, QSize(width, hint.height()), self)
        return QSize(max(size.width(), NARROWEST), hint.height())

    def validate(self, text: str, pos: int):
        state, fixed, at = super().validate(text, pos)  # type: ignore[misc]
        if state == QValidator.State.Invalid:  # kept as typed: refused in a sentence on Enter, not dropped
            return QValidator.State.Intermediate, text, pos
        return state, fixed, at

    def _acceptable(self) -> bool:
        return super().validate(self.text(), 0)[0] == QValidator.State.Acceptable  # type: ignore[misc, attr-defined]

    def _refuse(self) -> None:
        message = refusal(self)  # type: ignore[arg-type]
        self.setValue(self.value())  # type: ignore[attr-defined]  # the field shows its value again
        self.selectAll()  # type: ignore[attr-defined]  # ready to be typed over
        self.refused.emit(message)  # type: ignore[attr-defined]

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in ENTER and not self._acceptable():
            self._refuse()
            event.accept()
            return
        super().keyPressEvent(event)  # type: ignore[misc]

    def focusOutEvent(self, event) -> None:  # noqa: N802
        if not self._acceptable():
            self._refuse()
        super().focusOutEvent(event)  # type: ignore[misc]


class NumberBox(_Checked, QDoubleSpinBox):
    refused = Signal(str)


class CountBox(_Checked, QSpinBox):
    refused = Signal(str)
