"""A tab whose content is built the first time it is shown, or asked for: the window starts with
only what is in view (start-up time: benchmarks/startup_benchmark.py)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyTab(QWidget, Generic[W]):
    def __init__(self, build: Callable[[], W], parent: QWidget | None = None):
        super().__init__(parent)
        self._build = build
        self._content: W | None = None
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> W:
        """The tab's widget, built now if it was not yet."""
        if self._content is None:
            self._content = self._build()
            self._box.addWidget(self._content)
        return self._content

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.content()
        super().showEvent(event)
