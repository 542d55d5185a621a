"""traintool: a desktop train consist explorer.

The Python API, in five lines::

    import traintool
    doc = traintool.load_document("my-train.consist.json")   # or traintool.default_document()
    trip = traintool.compute_trip(doc)                        # on the document's own route
    print(traintool.format_duration(trip.total_s), trip.refits[0].duration_s)
    traintool.save_document(doc, "copy.consist.json")
"""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

from .errors import ComputeError, DocumentError, SaveError, TraintoolError
from .units import format_duration

if TYPE_CHECKING:
    from .io import default_document, load_document, load_route, resolve_route, save_document, shipped_routes
    from .model import Document, Route
    from .physics.result import TripResult

_FROM_IO = {"default_document", "load_document", "load_route", "resolve_route", "save_document", "shipped_routes"}


def __getattr__(name: str) -> object:
    # The file functions load pydantic and the model: imported on first use, so that
    # `import traintool` (and the window's start) does not pay for what it does not use yet.
    if name in _FROM_IO:
        from . import io

        return getattr(io, name)
    raise AttributeError(f"module 'traintool' has no attribute {name!r}")


def compute_trip(document: "Document", route: "Route | str | None" = None) -> "TripResult":
    """The trip of `document` over `route` (a Route, a shipped route id or a route file; default: the document's)."""
    from .io import resolve_route
    from .model import Route as _Route
    from .physics import compute_trip as _compute

    r = route if isinstance(route, _Route) else resolve_route(document, route)
    return _compute(document, r)


__all__ = [
    "ComputeError", "DocumentError", "SaveError", "TraintoolError", "__version__", "compute_trip",
    "default_document", "format_duration", "load_document", "load_route", "resolve_route", "save_document",
    "shipped_routes",
]
