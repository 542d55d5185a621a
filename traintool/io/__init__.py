"""Reading and writing documents, routes and the catalogue."""
from .errors import describe_validation_error
from .files import (
    DOCUMENT_SUFFIX,
    MAX_FILE_BYTES,
    ROUTE_SUFFIX,
    atomic_write,
    catalogue,
    default_document,
    document_from_data,
    document_to_json,
    load_catalogue,
    load_document,
    load_route,
    parse_json,
    resolve_route,
    route_to_json,
    sample_paths,
    save_document,
    save_route,
    shipped_routes,
)

__all__ = [
    "DOCUMENT_SUFFIX", "MAX_FILE_BYTES", "ROUTE_SUFFIX", "atomic_write", "catalogue", "default_document",
    "describe_validation_error", "document_from_data", "document_to_json", "load_catalogue", "load_document",
    "load_route", "parse_json", "resolve_route", "route_to_json", "sample_paths", "save_document", "save_route",
    "shipped_routes",
]
