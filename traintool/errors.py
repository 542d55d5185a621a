"""The project's one exception family: each carries a message a user can act on."""


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

    When the refusal is a field's numeric limit, `message(units)` states it in the units the user
    sees ("Top speed cap must be at most 335 mph."); otherwise it is the plain message.
    """

    def __init__(self, message: str, *, model: type | None = None, field: str | None = None, label: str = "",
                 which: str | None = None):
        self.model, self.field, self.label, self.which = model, field, label, which
        super().__init__(message)

    def message(self, units=None) -> str:
        if self.model is not None and self.field is not None:
            from .model.limits import limit_sentence

            sentence = limit_sentence(self.label, self.model, self.field, units, self.which)
            if sentence:
                return sentence + "."
        return str(self)


def user_message(error: BaseException, units=None) -> str:
    """The one sentence a widget shows for an error: the project's own message, never pydantic's raw text."""
    if isinstance(error, EditError):
        return error.message(units)
    if isinstance(error, TraintoolError):
        return str(error)
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        from .model.validation import describe_validation_error

        return describe_validation_error(error)
    return str(error)
