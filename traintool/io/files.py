"""Reading and writing traintool files: versioned JSON, atomic saves, clear errors."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..errors import DocumentError, SaveError
from ..app_paths import resources_dir
from ..model import FILE_VERSION, BreakOfGauge, Car, Catalogue, CarType, Document, Route, RouteFile, Section, Station
from ..model.document import scenario_station_problem
from ..model.scenario import route_as_chosen
from ..printable import printable
from .errors import describe_validation_error
from .railway_locomotives import fill_document_locomotives, fill_route_locomotives
from .safe_write import write_file

if TYPE_CHECKING:
    from ..model.timings import TimingsFile

MAX_FILE_BYTES = 50 * 1024 * 1024  # refuse before parsing: nobody's consist is this big
DOCUMENT_SUFFIX = ".consist.json"
ROUTE_SUFFIX = ".route.json"
DEFAULT_SAMPLE = "armored-train"

M = TypeVar("M", bound=BaseModel)
Progress = Callable[[str, float], None]  # (what is being done: "Reading" or "Checking", fraction done)

_KNOWN_FORMATS = {"traintool.consist": "a consist document", "traintool.route": "a route",
                  "traintool.catalogue": "a car catalogue"}


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)  # at C speed: a file of millions of keys must not crawl through a Python loop
    if len(out) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise ValueError(f"the key '{printable(k, 80)}' appears twice in one object")
            seen.add(k)
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


def read_bytes(path: str | os.PathLike[str], limit: int = MAX_FILE_BYTES, progress: Progress | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; DocumentError naming the file otherwise.

    Opened without blocking (a FIFO must not hang us) and checked after opening (the name may have
    changed meanwhile); never more than `limit` + 1 bytes are read, whatever the size the file
    claims (a device says 0 and never ends).
    """
    shown = printable(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise DocumentError(f"{shown}: no such file", path=str(path)) from None
    except PermissionError:
        raise DocumentError(f"{shown}: permission denied", path=str(path)) from None
    except OSError as e:
        if e.errno == errno.ENXIO:  # a socket
            raise DocumentError(f"{shown}: not a regular file, and traintool reads only files", path=str(path)) from None
        raise DocumentError(f"{shown}: cannot be read: {e.strerror or e}", path=str(path)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise DocumentError(f"{shown}: is a folder, not a file", path=str(path))
        if not stat.S_ISREG(st.st_mode):
            raise DocumentError(f"{shown}: not a regular file (a device, a pipe or a socket), and traintool reads "
                                "only files", path=str(path))
        system = system_file_kind(fd, st)
        if system is not None:
            raise DocumentError(f"{shown}: a file of the system ({system}), not a traintool file: it is never read",
                                path=str(path))
        too_big = DocumentError(f"{shown}: over the {limit / 2**20:g} MiB limit for a traintool file", path=str(path))
        if st.st_size > limit:
            raise too_big
        os.set_blocking(fd, True)
        chunks, got = [], 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
            if progress is not None:
                progress("Reading", min(got / max(st.st_size, 1), 1.0))
        if got > limit:  # it grew after the check, or lies about its size
            raise too_big
        return b"".join(chunks)
    except OSError as e:
        raise DocumentError(f"{shown}: cannot be read: {e.strerror or e}", path=str(path)) from None
    finally:
        os.close(fd)


# The kernel's own file systems: their "regular files" are views of the kernel that may block a
# read for ever (/proc/kmsg), never end, or change the system when read. Refused by kind.
PSEUDO_FILE_SYSTEMS = frozenset({
    "proc", "sysfs", "debugfs", "tracefs", "securityfs", "configfs", "cgroup", "cgroup2", "devtmpfs", "devpts",
    "efivarfs", "bpf", "pstore", "fusectl", "mqueue", "binfmt_misc", "nsfs", "rpc_pipefs", "autofs", "selinuxfs",
    "hugetlbfs", "devfs", "fdescfs", "procfs"})
_PSEUDO_FOLDERS = ("/proc/", "/sys/", "/dev/")


def system_file_kind(fd: int, st: os.stat_result) -> str | None:
    """The kernel file system an open file lives on ("proc", "sysfs", ...), or None for an ordinary one.

    By the file system's type, found from the file's device in the mount table, wherever it is
    mounted; where no mount table can be read, by the folder the open file resolves to.
    """
    device = f"{os.major(st.st_dev)}:{os.minor(st.st_dev)}"
    try:
        with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as mounts:
            for line in mounts:
                fields = line.split()
                if len(fields) > 3 and fields[2] == device and "-" in fields:
                    kind = fields[fields.index("-") + 1]
                    return kind if kind in PSEUDO_FILE_SYSTEMS else None
    except OSError:
        pass
    for link in (f"/proc/self/fd/{fd}", f"/dev/fd/{fd}"):
        try:
            where = os.path.realpath(link)
        except (OSError, ValueError):
            continue
        if where.startswith(_PSEUDO_FOLDERS):
            return where.split("/")[1]
    return None


@dataclass(frozen=True)
class FileState:
    """What a file on disk was when traintool last read or wrote it: a save compares."""

    size: int
    mtime_ns: int
    sha256: str


def file_state(path: str | os.PathLike[str]) -> FileState | None:
    """The file's size, modification time and hash now; None if it is not there (or not a file we read)."""
    try:
        st = os.stat(path)
        data = read_bytes(path)
    except (OSError, DocumentError):
        return None
    return FileState(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


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


# Where a file holds many items: validated a slice at a time, so that a file of 100,000 bad cars
# stops at the first slice with errors instead of building millions of error records (gigabytes).
SLICE = 1000
_MANY: dict[type[BaseModel], list[tuple[tuple[str, ...], type[BaseModel]]]] = {
    Document: [(("consist", "cars"), Car), (("car_types",), CarType), (("route", "sections"), Section),
               (("route", "stations"), Station), (("route", "breaks_of_gauge"), BreakOfGauge)],
    RouteFile: [(("sections",), Section), (("stations",), Station), (("breaks_of_gauge",), BreakOfGauge)],
    Catalogue: [(("car_types",), CarType)],
}
# Maps keyed by station name: pydantic checks a map's length only after validating every entry.
MAX_MAP_ENTRIES = 10_000
_MAPS: dict[type[BaseModel], list[tuple[str, ...]]] = {
    Document: [("scenario", "dwell_overrides_s"), ("scenario", "facility_overrides")],
}


def _at(data: Any, where: tuple[str, ...]) -> Any:
    for key in where:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _replaced(data: Any, where: tuple[str, ...], value: Any) -> Any:
    """A copy of `data` (only along `where`) with the value there replaced."""
    if not where:
        return value
    return {**data, where[0]: _replaced(data[where[0]], where[1:], value)}


def _prevalidate(model: type[BaseModel], data: Any, source: str, progress: Progress | None = None) -> Any:
    """Refuse oversized maps, validate long lists a slice at a time; returns the data with those
    lists already validated (pydantic takes model instances as they are)."""
    for where in _MAPS.get(model, ()):
        found = _at(data, where)
        if isinstance(found, dict) and len(found) > MAX_MAP_ENTRIES:
            raise DocumentError(f"{source}: {'.'.join(where)}: {len(found):,} entries, more than the "
                                f"{MAX_MAP_ENTRIES:,} a route can have stations", path=source, field=".".join(where))
    for where, item in _MANY.get(model, ()):
        found = _at(data, where)
        if not isinstance(found, list) or len(found) <= SLICE:
            continue
        limit = _max_length(model, where)
        if limit is not None and len(found) > limit:
            continue  # pydantic says "too long" at once
        adapter = _list_adapter(item)
        done: list[Any] = []
        for start in range(0, len(found), SLICE):
            if progress is not None:
                progress("Checking", start / len(found))
            try:
                done += adapter.validate_python(found[start:start + SLICE])
            except ValidationError as e:
                raise DocumentError(f"{source}: {describe_validation_error(e, data, prefix=where, offset=start)}",
                                    path=source) from None
        data = _replaced(data, where, done)
    return data


@cache
def _list_adapter(item: type[BaseModel]) -> TypeAdapter[list[Any]]:
    return TypeAdapter(list[item])  # type: ignore[valid-type]


def _max_length(model: type[BaseModel], where: tuple[str, ...]) -> int | None:
    """The max_length pydantic enforces on the field at `where`, if any."""
    import typing

    current: Any = model
    info = None
    for key in where:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(key)
        if info is None:
            return None
        args = [a for a in typing.get_args(info.annotation) if a is not type(None)]
        current = args[0] if len(args) == 1 and typing.get_origin(info.annotation) is not list else info.annotation
    for m in info.metadata if info else ():
        if isinstance(getattr(m, "max_length", None), int):
            return int(m.max_length)
    return None


def validate(model: type[M], data: Any, source: str, progress: Progress | None = None) -> M:
    try:
        return model.model_validate(_prevalidate(model, data, source, progress))
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


def document_from_data(data: Any, source: str, progress: Progress | None = None) -> Document:
    _check_format(data, "traintool.consist", source)
    _fill_car_types(data)
    fill_document_locomotives(data, catalogue, source)
    doc = validate(Document, data, source, progress)
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


def load_document(path: str | os.PathLike[str], progress: Progress | None = None) -> Document:
    """Read a `.consist.json`. Raises DocumentError naming the file, the field and the car.

    `progress` (called on this thread) hears how far reading and checking have come."""
    source = printable(path)
    data = parse_json(read_bytes(path, progress=progress), source)
    if progress is not None:
        progress("Checking", 0.0)
    return document_from_data(data, source, progress)


def load_route(path: str | os.PathLike[str]) -> Route:
    source = printable(path)
    data = parse_json(read_bytes(path), source)
    _check_format(data, "traintool.route", source)
    fill_route_locomotives(data, catalogue, source)
    rf = validate(RouteFile, data, source)
    return Route.model_validate({k: getattr(rf, k) for k in Route.model_fields})  # the railways' locomotive types kept


def load_catalogue(path: str | os.PathLike[str]) -> list[CarType]:
    source = printable(path)
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


def save_document(doc: Document, path: str | os.PathLike[str]) -> Path:
    """Save with the previous version kept as `NAME~`; returns the file written (a symlink's target)."""
    return write_file(path, document_to_json(doc), backup=True)


def save_route(route: Route, path: str | os.PathLike[str]) -> Path:
    return write_file(path, route_to_json(route), backup=True)


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
    from ..model.timings import TimingsFile  # its models are built when first asked for, not at the window's start

    path = resources_dir() / "timings.json"
    return validate(TimingsFile, parse_json(read_bytes(path), str(path)), str(path))


def sample_paths() -> dict[str, Path]:
    """The shipped sample documents: stem (e.g. 'armored-train') -> path."""
    return {p.name.removesuffix(DOCUMENT_SUFFIX): p
            for p in sorted((resources_dir() / "samples").glob("*" + DOCUMENT_SUFFIX))}


def default_document_path() -> Path:
    """The shipped file of the armored train (a window opens it as an untitled copy)."""
    return sample_paths()[DEFAULT_SAMPLE]


def default_document() -> Document:
    """The armored train of the article: what traintool opens with."""
    return load_document(default_document_path())


def resolve_route(doc: Document, route: str | os.PathLike[str] | None = None) -> Route:
    """The route to compute on: an explicit id or file, else the document's own, else its route_id; with
    each refit where the scenario puts it (Scenario.refit_places)."""
    return route_as_chosen(_named_route(doc, route), doc.scenario)


def _named_route(doc: Document, route: str | os.PathLike[str] | None) -> Route:
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
