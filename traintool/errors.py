"""The project's one exception family: each carries a message a user can act on."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .units import UnitSystem


class TraintoolError(Exception):
    """Base of every error traintool raises on purpose."""


class DocumentError(TraintoolError):
    """A document, route or catalogue file could not be read, parsed or validated.

    The message names the file, the field path and, for a car, its position and name.
    """

    def __init__(self, message: str, *, path: str | None = None, field: str | None = None):
        self.path = path
        self.field = field
        super().__init__(message)


class SaveError(TraintoolError):
    """A document could not be written; the file on disk is unchanged."""


class ComputeError(TraintoolError):
    """A trip cannot be computed at all (for example a route with no sections)."""


class EditError(TraintoolError):
    """An edit the model refuses (model/edits.py); the document is unchanged.

    When the refusal is a field's numeric limit, the model hands `in_units`, which states it in the
    units the user sees ("Top speed cap must be at most 335 mph"); `message(units)` uses it, and
    is otherwise the plain message.
    """

    def __init__(self, message: str, *, in_units: Callable[[UnitSystem | None], str | None] | None = None):
        self.in_units = in_units
        super().__init__(message)

    def message(self, units: UnitSystem | None = None) -> str:
        sentence = self.in_units(units) if self.in_units is not None else None
        return f"{sentence}." if sentence else str(self)


def user_message(error: BaseException, units: UnitSystem | None = None) -> str:
    """The one sentence a widget shows for an error: an EditError in `units`, else its message.

    pydantic's raw text never gets here: model/edits.py turns each validation error into an
    EditError naming the field."""
    if isinstance(error, EditError):
        return error.message(units)
    return str(error)


class PrintError(TraintoolError):
    """The report could not be printed (no such printer, no print plugin, the printer failed)."""
