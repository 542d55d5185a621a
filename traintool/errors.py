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
