"""Reading and writing documents, routes and the catalogue.

The names are imported on first use (PEP 562): `from traintool import io` loads nothing, so a
module can refer to `io.load_document` without making the window's start wait for pydantic.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import describe_validation_error
    from .files import (
        DOCUMENT_SUFFIX, MAX_FILE_BYTES, ROUTE_SUFFIX, FileState, catalogue, default_document,
        default_document_path, document_from_data,
        document_to_json, file_state, load_catalogue, load_document, load_route, parse_json, published_timings,
        resolve_route, route_to_json, sample_paths, save_document, save_route, shipped_routes,
    )
    from .safe_write import safe_file_name, write_file

__all__ = [
    "DOCUMENT_SUFFIX", "FileState", "MAX_FILE_BYTES", "ROUTE_SUFFIX", "catalogue", "file_state", "default_document",
    "default_document_path",
    "describe_validation_error", "document_from_data", "document_to_json", "load_catalogue", "load_document",
    "load_route", "parse_json", "published_timings", "resolve_route", "route_to_json", "sample_paths",
    "save_document", "save_route", "safe_file_name", "shipped_routes", "write_file",
]


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import errors, files, safe_write

    module = {"describe_validation_error": errors, "write_file": safe_write, "safe_file_name": safe_write}.get(name, files)
    value = getattr(module, name)
    globals()[name] = value  # found directly from now on
    return value
