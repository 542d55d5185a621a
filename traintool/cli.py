"""The command line: open the GUI, compute a trip, print stats, validate, print the schema, write a report.

The GUI and these commands call the same functions (traintool.io, traintool.physics, traintool.report).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import SaveError, TraintoolError
from .printable import EscapingWriter, printable, printable_lines
from .units import UnitSystem, format_duration

COMMANDS = ("compute", "info", "validate", "schema", "report", "install-desktop", "uninstall-desktop")
EXIT_BAD_INPUT = 2
EXIT_NOT_WRITTEN = 1  # a file (report, desktop entry) could not be written: the old one is as it was
EXIT_OUTPUT_FAILED = 74  # stdout is closed or full (sysexits' EX_IOERR): what was printed is incomplete


def _add_trip_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a .consist.json document")
    p.add_argument("--route", metavar="ID_OR_FILE", help="a shipped route id or a .route.json file (default: the document's)")
    p.add_argument("--top-speed-kmh", type=float, metavar="X", help="cap the speed for the whole trip, km/h")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="traintool", description="A train consist explorer. Without a command, opens the window.")
    p.add_argument("--version", action="version", version=f"traintool {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    c = sub.add_parser("compute", help="print the trip time over a route")
    _add_trip_options(c)
    c.add_argument("--json", action="store_true", help="print JSON (SI units) instead of a table")
    c.add_argument("--units", choices=[u.value for u in UnitSystem], default="metric")
    i = sub.add_parser("info", help="print the consist's stats")
    i.add_argument("file")
    i.add_argument("--units", choices=[u.value for u in UnitSystem], default="metric")
    v = sub.add_parser("validate", help="check a document or route file; exit 0 if valid, 1 if not")
    v.add_argument("file")
    s = sub.add_parser("schema", help="print the JSON Schema of the file formats")
    s.add_argument("--format", choices=["consist", "route", "catalogue", "all"], default="all")
    r = sub.add_parser("report", help="write a PDF report")
    _add_trip_options(r)
    r.add_argument("--units", choices=[u.value for u in UnitSystem], default="metric")
    r.add_argument("--page-size", choices=["a4", "letter"], default=None, help="default: from the locale")
    r.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    sub.add_parser("install-desktop", help="add traintool to the desktop menu and open .consist.json files with it")
    sub.add_parser("uninstall-desktop", help="remove what install-desktop added")
    return p


def _load_with_scenario(args: argparse.Namespace):
    from .io import load_document, resolve_route
    from .units import kmh_to_ms

    doc = load_document(args.file)
    if args.top_speed_kmh is not None:
        if not args.top_speed_kmh >= 0:
            raise TraintoolError(f"--top-speed-kmh: {args.top_speed_kmh} is not a speed (0 or more)")
        doc = doc.model_copy(update={"scenario": doc.scenario.model_copy(
            update={"top_speed_cap_m_s": kmh_to_ms(args.top_speed_kmh)})})
    return doc, resolve_route(doc, args.route)


def cmd_compute(args: argparse.Namespace) -> int:
    from .physics import compute_trip
    from .physics.result import trip_to_dict

    doc, route = _load_with_scenario(args)
    result = compute_trip(doc, route)
    if args.json:
        print(json.dumps(trip_to_dict(result), indent=2))
        return 0
    u = UnitSystem(args.units)
    print(f"{doc.name} — {route.name}")
    print(f"  total   {format_duration(result.total_s):>16}   over {u.distance(result.distance_m):,.0f} {u.distance_unit},"
          f" average {u.speed(result.average_speed_m_s):.1f} {u.speed_unit}")
    print(f"  running {format_duration(result.running_s):>16}")
    print(f"  dwell   {format_duration(result.dwell_s):>16}")
    print(f"  refit   {format_duration(result.refit_s):>16}")
    print()
    print(f"  {'from':<22} {'to':<22} {u.distance_unit:>8} {'running':>14} {u.speed_unit:>7}")
    for leg in result.legs:
        print(f"  {leg.from_station[:22]:<22} {leg.to_station[:22]:<22} {u.distance(leg.distance_m):8.1f}"
              f" {format_duration(leg.running_s):>14} {u.speed(leg.average_speed_m_s):7.1f}")
    for r in result.refits:
        print()
        print(f"  break of gauge at {r.station}: {r.from_gauge_mm} → {r.to_gauge_mm} mm, {r.method.label.lower()},"
              f" {r.cars} cars in {r.cuts} cuts: {format_duration(r.duration_s)}")
        for step in r.steps:
            print(f"    {step.name:<32} {format_duration(step.duration_s):>14}")
    for w in result.warnings:
        print(f"warning: {w.message}", file=sys.stderr)
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    from .io import load_document

    doc = load_document(args.file)
    st = doc.stats()
    u = UnitSystem(args.units)
    print(printable(doc.name))
    print(f"  cars        {st.cars}")
    for kind, n in st.count_by_kind.items():
        print(f"    {kind.label:<20} {n}")
    print(f"  length      {u.distance(st.length_m) * (1000 if u is UnitSystem.METRIC else 5280):,.0f}"
          f" {'m' if u is UnitSystem.METRIC else 'ft'}")
    print(f"  mass        {st.mass_kg / 1000:,.0f} t")
    print(f"  axles       {st.axles}")
    print(f"  max speed   {u.speed(st.max_speed_m_s):.0f} {u.speed_unit}")
    print(f"  power       {st.power_w / 1000:,.0f} kW ({st.power_per_tonne_w / 1000:.2f} kW/t)")
    print(f"  tractive effort {st.tractive_effort_n / 1000:,.0f} kN")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .io import ROUTE_SUFFIX, load_document, load_route

    try:
        if str(args.file).endswith(ROUTE_SUFFIX):
            load_route(args.file)
        else:
            load_document(args.file)
    except TraintoolError as e:
        print(printable_lines(e), file=sys.stderr)
        return 1
    print(f"{printable(args.file)}: valid")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .model import Catalogue, Document, RouteFile

    schemas = {"consist": Document.model_json_schema(), "route": RouteFile.model_json_schema(),
               "catalogue": Catalogue.model_json_schema()}
    print(json.dumps(schemas if args.format == "all" else schemas[args.format], indent=2))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from .physics import compute_trip
    from .report import default_page_size, write_report

    doc, route = _load_with_scenario(args)
    result = compute_trip(doc, route)
    inputs = [args.file] + ([args.route] if args.route and Path(args.route).exists() else [])
    write_report(doc, route, result, args.output, units=UnitSystem(args.units),
                 page_size=args.page_size or default_page_size(), not_onto=inputs)
    print(f"wrote {printable(args.output)}")
    return 0


def cmd_install_desktop(args: argparse.Namespace) -> int:
    from .desktop_integration import install

    for path in install():
        print(f"wrote {printable(path)}")
    return 0


def cmd_uninstall_desktop(args: argparse.Namespace) -> int:
    from .desktop_integration import uninstall

    removed = uninstall()
    for path in removed:
        print(f"removed {printable(path)}")
    if not removed:
        print("nothing to remove: traintool's desktop entry was not installed")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        from .ui.app import run_gui

        return run_gui(argv)
    args = _parser().parse_args(argv)
    handler = {"compute": cmd_compute, "info": cmd_info, "validate": cmd_validate,
               "schema": cmd_schema, "report": cmd_report,
               "install-desktop": cmd_install_desktop, "uninstall-desktop": cmd_uninstall_desktop}[args.command]
    try:
        with _escaped_output():
            code = handler(args)
        sys.stdout.flush()  # a full or closed stdout fails here, inside the try, not at exit
        return code
    except SaveError as e:
        _say(e)
        return EXIT_NOT_WRITTEN
    except TraintoolError as e:
        _say(e)  # one line a user can act on: never a traceback for bad input
        return EXIT_BAD_INPUT
    except OSError as e:
        if e.errno is None or sys.stdout.closed or not _is_stdout_error(e):
            raise
        # stdout is closed (a pipe whose reader left) or full (/dev/full): nothing more can be said
        # there; Python's own flush at exit must not print a traceback either.
        _silence_stdout()
        if not isinstance(e, BrokenPipeError):
            _say(f"could not write the output: {e.strerror or e}")
        return EXIT_OUTPUT_FAILED


@contextlib.contextmanager
def _escaped_output():
    """While a command runs, whatever it prints has its control characters escaped (a document or
    station name quoted in a table cannot drive the terminal)."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingWriter(sys.stdout), EscapingWriter(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _say(message: object) -> None:
    """One line on stderr, every value in it printable."""
    try:
        print(f"traintool: {' / '.join(printable_lines(message).splitlines())}", file=sys.stderr, flush=True)
    except OSError:
        pass  # stderr is gone too: the exit code says it


def _is_stdout_error(e: OSError) -> bool:
    import errno

    return e.errno in (errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG)


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
