"""Reading and writing traintool files: versioned JSON, atomic saves, clear errors."""
from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import DocumentError, SaveError
from ..app_paths import resources_dir
from ..model import FILE_VERSION, Catalogue, CarType, Document, Route, RouteFile
from ..model.document import scenario_station_problem
from ..model.timings import TimingsFile
from .errors import describe_validation_error

MAX_FILE_BYTES = 50 * 1024 * 1024  # refuse before parsing: nobody's consist is this big
DOCUMENT_SUFFIX = ".consist.json"
ROUTE_SUFFIX = ".route.json"
DEFAULT_SAMPLE = "armored-train"

M = TypeVar("M", bound=BaseModel)

_KNOWN_FORMATS = {"traintool.consist": "a consist document", "traintool.route": "a route",
                  "traintool.catalogue": "a car catalogue"}


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"the key '{k}' appears twice in one object")
        out[k] = v
    return out


def parse_json(text: str | bytes, source: str) -> Any:
    """Parse strict JSON (no NaN, no duplicate keys); errors name the source."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise DocumentError(f"{source}: not a text file in UTF-8 (byte {e.start})", path=source) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DocumentError(f"{source}: the file is empty", path=source)
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as e:
        raise DocumentError(f"{source}: not valid JSON: {e.msg} at line {e.lineno}, column {e.colno}", path=source) from None
    except ValueError as e:
        raise DocumentError(f"{source}: {e}", path=source) from None
    except RecursionError:
        raise DocumentError(f"{source}: nested too deeply to be a traintool file", path=source) from None


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    p = Path(path)
    try:
        if p.is_dir():
            raise DocumentError(f"{p}: is a folder, not a file", path=str(p))
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DocumentError(f"{p}: {size / 1e6:.0f} MB is over the {MAX_FILE_BYTES // 2**20} MB limit for a traintool file",
                                path=str(p))
        return p.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{p}: no such file", path=str(p)) from None
    except PermissionError:
        raise DocumentError(f"{p}: permission denied", path=str(p)) from None
    except OSError as e:
        raise DocumentError(f"{p}: cannot be read: {e.strerror or e}", path=str(p)) from None


def _check_format(data: Any, expected: str, source: str) -> None:
    if not isinstance(data, dict):
        raise DocumentError(f"{source}: not a traintool file (the top level is not an object)", path=source)
    fmt = data.get("format")
    if fmt != expected:
        what = _KNOWN_FORMATS.get(fmt) if isinstance(fmt, str) else None
        if what:
            raise DocumentError(f"{source}: this is {what}, not {_KNOWN_FORMATS[expected]}", path=source, field="format")
        raise DocumentError(f"{source}: not {_KNOWN_FORMATS[expected]} (format is {fmt!r}, expected '{expected}')",
                            path=source, field="format")
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FILE_VERSION:
        raise DocumentError(f"{source}: written by a newer traintool (format version {version}; this one reads "
                            f"1 to {FILE_VERSION})",
                            path=source, field="version")


def validate(model: type[M], data: Any, source: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise DocumentError(f"{source}: {describe_validation_error(e, data)}", path=source) from None
    except RecursionError:
        raise DocumentError(f"{source}: nested too deeply to be a traintool file", path=source) from None


def _fill_car_types(data: dict[str, Any]) -> None:
    """A hand-written document may name shipped car types without copying them in: add those."""
    cars = data.get("consist", {}).get("cars") if isinstance(data.get("consist"), dict) else None
    types = data.setdefault("car_types", [])
    if not isinstance(cars, list) or not isinstance(types, list):
        return
    # Only well-formed ids count here: anything else is left for validation to report.
    have = {t.get("id") for t in types if isinstance(t, dict) and isinstance(t.get("id"), str)}
    missing = {c.get("type_id") for c in cars if isinstance(c, dict) and isinstance(c.get("type_id"), str)} - have
    if not missing:
        return
    for t in catalogue():
        if t.id in missing:
            types.append(t.model_dump(mode="json"))


def document_from_data(data: Any, source: str) -> Document:
    _check_format(data, "traintool.consist", source)
    _fill_car_types(data)
    doc = validate(Document, data, source)
    _check_shipped_route(doc, source)
    return doc


def _check_shipped_route(doc: Document, source: str) -> None:
    """A route named by id must be one traintool ships, and the scenario may name only its stations
    (a document's own route is checked by the model)."""
    if doc.route is not None or doc.route_id is None:
        return
    routes = shipped_routes()
    if doc.route_id not in routes:
        raise DocumentError(f"{source}: route_id: no shipped route with id '{doc.route_id}' "
                            f"(shipped: {', '.join(routes)})", path=source, field="route_id")
    problem = scenario_station_problem(doc.scenario, routes[doc.route_id])
    if problem:
        raise DocumentError(f"{source}: {problem}", path=source, field="scenario")


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read a `.consist.json`. Raises DocumentError naming the file, the field and the car."""
    source = str(path)
    return document_from_data(parse_json(read_bytes(path), source), source)


def load_route(path: str | os.PathLike[str]) -> Route:
    source = str(path)
    data = parse_json(read_bytes(path), source)
    _check_format(data, "traintool.route", source)
    rf = validate(RouteFile, data, source)
    return Route.model_validate(rf.model_dump(exclude={"format", "version"}))


def load_catalogue(path: str | os.PathLike[str]) -> list[CarType]:
    source = str(path)
    data = parse_json(read_bytes(path), source)
    _check_format(data, "traintool.catalogue", source)
    return list(validate(Catalogue, data, source).car_types)


def document_to_json(doc: Document) -> str:
    """The saved form: only the car types the consist uses, so a file carries what it needs."""
    used = {c.type_id for c in doc.consist.cars}
    slim = doc.model_copy(update={"car_types": tuple(t for t in doc.car_types if t.id in used)})
    return slim.model_dump_json(indent=1, exclude_none=False) + "\n"


def route_to_json(route: Route) -> str:
    return RouteFile.model_validate(route.model_dump()).model_dump_json(indent=1) + "\n"


def atomic_write(path: str | os.PathLike[str], text: str, *, backup: bool = True) -> None:
    """Write beside the target, fsync, then rename: a crash leaves the old file or the new one.

    The previous version is kept as `NAME~`.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    data = text.encode("utf-8")
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix="." + target.name + ".", suffix=".tmp", dir=folder)
        _usual_permissions(tmp_name)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if backup and target.is_file():
            bak = target.with_name(target.name + "~")
            try:
                _copy_for_backup(target, bak)
            except OSError:
                pass  # a missing backup must not stop the save itself
        os.replace(tmp_name, target)
        tmp_name = None
        try:
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError:
            pass  # not every platform can fsync a folder
    except OSError as e:
        reason = e.strerror or str(e)
        raise SaveError(f"{target}: could not be saved: {reason}") from None
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def _usual_permissions(path: str) -> None:
    """mkstemp makes files private (0600); a saved document gets what any new file would (0666 less umask)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _copy_for_backup(src: Path, dst: Path) -> None:
    # A hard link would share the inode the rename replaces; a copy keeps the old bytes for certain.
    data = src.read_bytes()
    with open(dst, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def save_document(doc: Document, path: str | os.PathLike[str]) -> None:
    atomic_write(path, document_to_json(doc))


def save_route(route: Route, path: str | os.PathLike[str]) -> None:
    atomic_write(path, route_to_json(route))


# --- what traintool ships -------------------------------------------------------------------

@cache
def catalogue() -> list[CarType]:
    """The shipped car catalogue."""
    return load_catalogue(resources_dir() / "catalogue.json")


@cache
def shipped_routes() -> dict[str, Route]:
    """The shipped routes by id, in name order."""
    routes = [load_route(p) for p in sorted((resources_dir() / "routes").glob("*" + ROUTE_SUFFIX))]
    return {r.id: r for r in sorted(routes, key=lambda r: r.name)}


@cache
def published_timings() -> TimingsFile:
    """The shipped published timings (resources/timings.json), validated."""
    path = resources_dir() / "timings.json"
    return validate(TimingsFile, parse_json(read_bytes(path), str(path)), str(path))


def sample_paths() -> dict[str, Path]:
    """The shipped sample documents: stem (e.g. 'armored-train') -> path."""
    return {p.name.removesuffix(DOCUMENT_SUFFIX): p
            for p in sorted((resources_dir() / "samples").glob("*" + DOCUMENT_SUFFIX))}


def default_document() -> Document:
    """The armored train of the article: what traintool opens with."""
    return load_document(sample_paths()[DEFAULT_SAMPLE])


def resolve_route(doc: Document, route: str | os.PathLike[str] | None = None) -> Route:
    """The route to compute on: an explicit id or file, else the document's own, else its route_id."""
    if route is not None:
        key = str(route)
        routes = shipped_routes()
        if key in routes:
            return routes[key]
        if Path(key).suffix == ".json" or Path(key).exists():
            return load_route(key)
        raise DocumentError(f"no shipped route with id '{key}' and no such route file (shipped: {', '.join(routes)})")
    if doc.route is not None:
        return doc.route
    if doc.route_id is not None:
        routes = shipped_routes()
        if doc.route_id not in routes:
            raise DocumentError(f"route_id: no shipped route with id '{doc.route_id}' (shipped: {', '.join(routes)})",
                                field="route_id")
        return routes[doc.route_id]
    raise DocumentError("the document has no route: choose one (route_id or an inline route)", field="route_id")
