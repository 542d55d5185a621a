"""What the File menu's data and print actions need of the window they act for: its document, its
preferences, its trip and the answer on screen, a way to edit the cars and to tell the user, and
itself as the parent of their dialogs. The window gives it; nothing here knows the window's class."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar, QWidget

    from ..common.document_holder import DocumentHolder
    from ..common.preferences import Preferences
    from ..trip.range_computer import RangeComputer
    from ..trip.recompute import TripComputer


class DocumentWindow(Protocol):
    @property
    def holder(self) -> DocumentHolder: ...

    @property
    def preferences(self) -> Preferences: ...

    @property
    def trip_computer(self) -> TripComputer: ...

    @property
    def range_computer(self) -> RangeComputer: ...

    def show_error(self, title: str, message: str) -> None: ...

    def edit_cars(self, op: Callable[..., Any], *args: Any) -> None:
        """Run an edit of the cars as one undo step, and show where its cars are now."""

    def statusBar(self) -> QStatusBar: ...  # noqa: N802 - Qt's name

    def window(self) -> QWidget:
        """The window itself, as a widget: the parent of the actions' dialogs."""
