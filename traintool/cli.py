"""The command line: open the GUI, compute a trip, print stats, validate, print the schema, write a
report or a CSV, import cars from a CSV.

The GUI and these commands call the same functions (traintool.io, traintool.physics, traintool.report).

Conventions, the same for every command: `-o -` (or any stream: /dev/stdout, a pipe) writes to the
stream; `--quiet` says nothing but errors; work over a second shows its progress on stderr when
stderr is a terminal; an error is one line on stderr starting "traintool:", with the exit code of
EXIT_CODES (a usage error also shows the command's own usage); numbers in JSON and CSV are rounded
to what their source is good for.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import re
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Sequence

from . import __version__
from .errors import SaveError, TraintoolError
from .numpy_threads import use_one_blas_thread
from .printable import EscapingWriter, printable, printable_lines
from .sizes import RANGE_SAMPLES
from .text import position_runs

if TYPE_CHECKING:
    from .physics.answer import Answer, Stamp
    from .physics.ranges import Driver, TripRange
    from .physics.result import Reason, ReasonKind
from .units import KMH, MPH, UnitSystem, format_duration

COMMANDS = ("compute", "info", "validate", "schema", "report", "export", "import-cars", "check-timings",
            "install-desktop", "uninstall-desktop")
EXIT_INFEASIBLE = 1  # the input was good, but the trip cannot be made
EXIT_INVALID = 1  # validate: the file is not a valid document or route
EXIT_BAD_INPUT = 2  # a usage error, or an input file that cannot be read or used
EXIT_NOT_WRITTEN = 2  # an output file could not be written: the old one is as it was
EXIT_OUTPUT_FAILED = 74  # stdout is closed or full (sysexits' EX_IOERR): what was printed is incomplete
EXIT_CODES = {0: "done", EXIT_INFEASIBLE: "the trip cannot be made, (validate) the file is not valid, or "
                                          "(check-timings) the validation set misses its targets",
              EXIT_BAD_INPUT: "a usage error, or a file that cannot be read, used or written",
              EXIT_OUTPUT_FAILED: "stdout is closed or full"}
MIN_SAMPLES, MAX_SAMPLES = 20, 100_000  # fewer than 20 draws give no 5th or 95th percentile worth the name
PROGRESS_AFTER_S = 1.0


class _Parser(argparse.ArgumentParser):
    """A usage error shows this (sub)command's own usage, then one line; a bad value is one line."""

    def error(self, message: str):
        command = self.prog.removeprefix("traintool").strip()
        if not message.startswith("argument "):
            self.print_usage(sys.stderr)
        line = printable_lines(message.removeprefix("argument ")).replace("\n", " / ")
        self.exit(EXIT_BAD_INPUT, f"traintool: {command + ': ' if command else ''}{line}\n")


def _quiet_option() -> _Parser:
    q = _Parser(add_help=False)
    q.add_argument("-q", "--quiet", action="store_true", help="say nothing but errors (no progress, no “wrote …”)")
    return q


def _add_units(p: argparse.ArgumentParser,
               what: str = "the unit system of what is printed or written, and of a bare --top-speed") -> None:
    p.add_argument("--units", choices=[u.value for u in UnitSystem], default="metric", help=f"{what} (default metric)")


def _add_range_options(p: argparse.ArgumentParser, implies: str = "") -> None:
    """--samples and --seed, the same for every command that gives a range (the window's defaults)."""
    p.add_argument("--samples", type=_positive_int, default=None, metavar="N",
                   help=f"samples of the estimated inputs for the range, {MIN_SAMPLES} to {MAX_SAMPLES:,} "
                        f"(default {RANGE_SAMPLES}, as the window){implies}")
    p.add_argument("--seed", type=_seed, default=None, metavar="S",
                   help=f"seed for the range, 0 to 2³²−1 (default: the window's fixed one){implies}")


def _document_help() -> str:
    return "a .consist.json document, or a shipped sample's id (armored-train, …)"


def _add_trip_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help=_document_help())
    p.add_argument("--route", metavar="ID_OR_FILE", help="a shipped route id or a .route.json file (default: the document's)")
    cap = p.add_mutually_exclusive_group()
    cap.add_argument("--top-speed", type=_speed, metavar="SPEED",
                     help="cap the speed for the whole trip: 31mph, 50kmh, 50km/h, 14m/s, or a bare number in --units")
    cap.add_argument("--top-speed-kmh", type=_kmh, metavar="X", dest="top_speed",
                     help="the same cap in km/h, whatever --units says")


# A speed as people write it: the number, then its unit if any.
_SPEED_UNITS = {"kmh": KMH, "km/h": KMH, "kph": KMH, "mph": MPH, "m/s": 1.0, "ms": 1.0}
_SPEED_TEXT = re.compile(r"\s*([^\s a-zA-Z/]+|[a-zA-Z]+(?=\s*$))\s*([a-zA-Z/]*)\s*")


def _finite_number(text: str, what: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number; give {what}") from None
    if not math.isfinite(x):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number; give {what}")
    return x


class _Speed(NamedTuple):
    number: float
    per_unit: float | None  # m/s in one unit of `number`; None for a bare number (then --units says which)
    text: str  # as given, for messages


def _speed(text: str) -> _Speed:
    m = _SPEED_TEXT.fullmatch(text)
    what = "a positive speed such as 31mph or 50kmh"
    if m is None or (m.group(2) and m.group(2).lower() not in _SPEED_UNITS):
        raise argparse.ArgumentTypeError(f"{text!r}: give {what} (units: kmh, km/h, mph, m/s)")
    x = _finite_number(m.group(1), what)
    if x <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give {what}")
    return _Speed(x, _SPEED_UNITS[m.group(2).lower()] if m.group(2) else None, text)


def _kmh(text: str) -> _Speed:
    x = _finite_number(text, "a positive speed in km/h")
    if x <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: give a positive speed in km/h")
    return _Speed(x, KMH, f"{text} km/h")


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if not MIN_SAMPLES <= n <= MAX_SAMPLES:
        raise argparse.ArgumentTypeError(f"{text}: give a whole number of samples from {MIN_SAMPLES} to "
                                         f"{MAX_SAMPLES:,}")
    return n


def _seed(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 0 <= n < 2**32:
        raise argparse.ArgumentTypeError(f"{text}: give a whole number from 0 to {2**32 - 1} as the seed")
    return n


def _positive_step(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        x = float("nan")
    if not 0.1 <= x <= 1_000_000:  # nan and inf fail here too
        raise argparse.ArgumentTypeError(f"{text}: give a step from 0.1 to 1,000,000 m")
    return x


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="traintool", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="A train consist explorer. Without a command, opens the window.",
        epilog="The window:\n"
               "  traintool [FILE...] [--new-instance] [--exit-after-show] [--screenshot OUT.png]\n"
               "      opens the window on the armored train, or on each FILE (each must exist).\n"
               "  traintool-gui [FILE...] is the same without a console window: what the desktop menu\n"
               "      and a double-click on a document start.\n\n"
               "Exit codes:\n" + "".join(f"  {code:<3} {text}\n" for code, text in EXIT_CODES.items()))
    p.add_argument("--version", action="version", version=f"traintool {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    q = [_quiet_option()]
    c = sub.add_parser("compute", parents=q, help="print the trip time over a route; exit 1 if the trip cannot be made")
    _add_trip_options(c)
    c.add_argument("--json", action="store_true", help="print JSON (SI units) instead of a table")
    _add_units(c)
    c.add_argument("--range", action="store_true",
                   help="also give the range the estimated inputs allow (5th-95th percentile) and what drives it")
    _add_range_options(c, "; implies --range")
    c.add_argument("--timetable", action="store_true",
                   help="print the timetable: each stop's arrival and departure by the local clock (with --range, "
                        "each time's 90 %% range; with --json, ISO 8601 times with their offsets)")
    t = sub.add_parser("check-timings", parents=q,
                       help="compare the model's ranges with published timings (resources/timings.json); "
                            "exit 1 if the validation set misses its targets")
    t.add_argument("--samples", type=_positive_int, default=None, metavar="N",
                   help=f"samples per timing, {MIN_SAMPLES} to {MAX_SAMPLES:,} (default 200)")
    t.add_argument("--json", action="store_true", help="print JSON (seconds) instead of a table")
    t.add_argument("--set", choices=["calibration", "validation", "all"], default="all", dest="timing_set",
                   help="which entries to list and sum up (default all; the exit status always follows validation)")
    i = sub.add_parser("info", parents=q, help="print the consist's stats")
    i.add_argument("file", help=_document_help())
    i.add_argument("--json", action="store_true", help="print JSON (SI units) instead of a table")
    _add_units(i)
    v = sub.add_parser("validate", parents=q, help="check a document or route file; exit 0 if valid, 1 if not")
    v.add_argument("file", help="a .consist.json document, a shipped sample's id, or a .route.json route")
    s = sub.add_parser("schema", parents=q, help="print the JSON Schema of the file formats")
    s.add_argument("--format", choices=["consist", "route", "catalogue", "all"], default="all",
                   help="which file format (default: all three)")
    r = sub.add_parser("report", parents=q, help="write a PDF report; exit 1 (after writing it) if the trip cannot be made")
    _add_trip_options(r)
    _add_units(r)
    r.add_argument("--page-size", choices=["a4", "letter"], default=None, help="default: from the locale")
    r.add_argument("--full-car-list", action="store_true",
                   help="list every run of cars (default: the first 200 runs; a run is cars alike in every field printed)")
    _add_range_options(r)
    r.add_argument("-o", "--output", required=True, metavar="OUT.pdf", help="the PDF to write; - for stdout")
    x = sub.add_parser("export", parents=q,
                       help="write the trip's numbers as CSV; exit 1 (after writing it) if the trip cannot be made")
    _add_trip_options(x)
    x.add_argument("--what", choices=["legs", "refits", "cars", "profile", "timetable"], required=True,
                   help="the legs, the refit steps at each break, the cars, the speed profile or the timetable")
    x.add_argument("--step-m", type=_positive_step, default=100.0, metavar="M",
                   help="the profile's distance step in metres, 0.1 to 1,000,000 (default 100)")
    _add_units(x)
    x.add_argument("--range", action="store_true",
                   help="with --what timetable: each time's 90 %% range, as compute --range and report give it")
    _add_range_options(x, "; implies --range")
    x.add_argument("--bom", action="store_true", help="begin with a UTF-8 byte-order mark (for spreadsheets that need one)")
    x.add_argument("-o", "--output", required=True, metavar="OUT.csv", help="the CSV to write; - for stdout")
    m = sub.add_parser("import-cars", parents=q,
                       help="add the cars of a CSV (as export --what cars writes it) to a document, as the window's "
                            "File > Import Cars does")
    m.add_argument("file", help=_document_help())
    m.add_argument("csv", metavar="CSV", help="the cars, one a row: a header row names the columns and their units")
    m.add_argument("--at", type=int, default=None, metavar="N",
                   help="insert before car N (1 is the first; default: after the last)")
    _add_units(m, "the units of a table without a header row (a header names its own)")
    m.add_argument("-o", "--output", required=True, metavar="OUT.consist.json",
                   help="the document to write (the input itself is allowed: its old version is kept as NAME~); "
                        "- for stdout")
    sub.add_parser("install-desktop", parents=q, help="add traintool to the desktop menu and open .consist.json files with it")
    sub.add_parser("uninstall-desktop", parents=q, help="remove what install-desktop added")
    p.subcommands = sub.choices  # type: ignore[attr-defined]  # each subcommand's parser, for its own usage
    return p


def _document_path(text: str) -> str:
    """A document's path: the file named, or a shipped sample's when no such file is there."""
    if os.path.lexists(text) or os.sep in text or text.endswith(".json"):
        return text
    from .io import sample_paths

    samples = sample_paths()
    if text in samples:
        return str(samples[text])
    from .errors import DocumentError

    raise DocumentError(f"{printable(text)}: no such file, nor a shipped sample (the samples: {', '.join(samples)})")


def _load_with_scenario(args: argparse.Namespace):
    from .io import load_document, resolve_route

    from .model.edits import NoChange, set_scenario_field

    with _progress(args, "reading the document"):
        doc = load_document(_document_path(args.file))
    if args.top_speed is not None:
        number, per_unit, text = args.top_speed
        cap = number * (per_unit if per_unit is not None else UnitSystem(args.units).speed_to_si(1.0))
        try:
            doc = set_scenario_field(doc, "top_speed_cap_m_s", cap).document
        except NoChange:
            pass  # the document's own cap already
        except TraintoolError as e:
            raise TraintoolError(f"--top-speed {text}: {e}") from None
    return doc, resolve_route(doc, args.route)


def _compute(args: argparse.Namespace, doc, route):
    from .physics import compute_trip

    with _progress(args, "computing the trip"):
        return compute_trip(doc, route)


def _cannot_be_made(result, route, units: UnitSystem) -> int:
    """A trip that cannot be made: its causes, each once, on one line on stderr; the exit code."""
    causes = dict.fromkeys(why.text(units, route).strip() for why in result.reasons)  # each once, in order
    _say("the trip cannot be made: " + " ".join(c if c.endswith(".") else c + "." for c in causes))
    return EXIT_INFEASIBLE


def _samples_asked(args: argparse.Namespace) -> int:
    """The draws for the answer's range: 0 if none is asked for (--samples and --seed imply --range; a
    command without --range, the report, always gives one)."""
    wanted = getattr(args, "range", True) or args.samples is not None or args.seed is not None
    return (args.samples or RANGE_SAMPLES) if wanted else 0


def _range_option(args: argparse.Namespace) -> str:
    """The option that asked for the range, as the user gave it: for a message about it."""
    return "--range" if getattr(args, "range", False) else "--samples" if args.samples is not None else "--seed"


def _answer(args: argparse.Namespace, doc, route, stamp: Stamp | None = None) -> Answer:
    """The answer, made once and in this one place for every command: the trip, and its range as
    --range, --samples and --seed ask, within the window's size limit (physics.answer)."""
    from .physics.answer import compute_answer
    from .physics.ranges import DEFAULT_SEED

    result = _compute(args, doc, route)
    samples = _samples_asked(args)
    if not samples:
        return compute_answer(doc, route, samples=0, trip=result, stamp=stamp)
    with _progress(args, "sampling the range"):
        return compute_answer(doc, route, samples=samples, seed=DEFAULT_SEED if args.seed is None else args.seed,
                              trip=result, stamp=stamp)


def cmd_compute(args: argparse.Namespace) -> int:
    from .physics.ranges import range_to_dict
    from .physics.result import haul_line, trip_to_dict
    from .physics.timetable import build_timetable, timetable_lines, timetable_to_dict

    doc, route = _load_with_scenario(args)
    wants_range = _samples_asked(args) > 0
    answer = _answer(args, doc, route)
    result, ranged = answer.trip, answer.range
    bands = ranged.bands if ranged is not None else None
    timetable = build_timetable(result, doc, route, bands) if args.timetable else None
    u = UnitSystem(args.units)
    if args.json:
        out = trip_to_dict(result)
        if ranged is not None:
            out.update(range_to_dict(ranged, answer.drivers))
        elif wants_range:
            out.update({"range": None, "drivers": [], "no_range": answer.no_range})
        if timetable is not None:
            out["timetable"] = timetable_to_dict(timetable)
        out = rounded(out)  # type: ignore[assignment]  # every figure, the timetable's too (its times are text)
        print(json.dumps(out, indent=2))
        return 0 if result.feasible else _cannot_be_made(result, route, u)
    km = f"{u.distance(result.distance_m):,.0f} {u.distance_unit}"
    if result.total_s is None:
        print(f"{doc.name} — {route.name}")
        print(f"  cannot complete: reaches {u.distance(result.reached_m):,.1f} of {km}, because:")
        for reasons in _grouped(result.reasons).values():
            for why in reasons:
                print(f"    - {why.text(u, route)}")
        print(f"  running {format_duration(result.running_s):>16}   (the legs it can run)")
    else:
        print(f"{doc.name} — {route.name}")
        print(f"  total   {format_duration(result.total_s):>16}   over {km},"
              f" average {u.speed(result.average_speed_m_s or 0.0):.1f} {u.speed_unit}")
        print(f"  running {format_duration(result.running_s):>16}")
        print(f"  allowance {format_duration(result.allowance_s):>14}")
        print(f"  dwell   {format_duration(result.dwell_s):>16}")
        print(f"  refit   {format_duration(result.refit_s):>16}")
        for label, seconds in _operations_by_kind(result):
            print(f"  {label:<24}{format_duration(seconds):>16}")
    print()
    print(f"  {'from':<22} {'to':<22} {u.distance_unit:>8} {'running':>14} {u.speed_unit:>7}")
    for leg in result.legs:
        running = format_duration(leg.running_s) if leg.running_s is not None else "not run"
        speed = f"{u.speed(leg.average_speed_m_s):7.1f}" if leg.average_speed_m_s is not None else f"{'–':>7}"
        print(f"  {leg.from_station[:22]:<22} {leg.to_station[:22]:<22} {u.distance(leg.distance_m):8.1f}"
              f" {running:>14} {speed}")
    print()
    print("  who hauls the train:")
    for h in result.hauls:
        print(f"    {haul_line(h)}")
    for r in result.refits:
        print()
        print(f"  break of gauge at {r.station}: {r.from_gauge_mm} → {r.to_gauge_mm} mm, {r.method.label.lower()},"
              f" {r.cars} cars in {r.cuts} cuts: {format_duration(r.duration_s)}")
        for step in r.steps:
            print(f"    {step.name:<32} {format_duration(step.duration_s):>14}")
    for station, cars in result.left_behind:
        print()
        print(f"  left behind at {station}: {len(cars)} {'car' if len(cars) == 1 else 'cars'}"
              f" ({position_runs(cars)})")
    if ranged is not None:
        _print_range(ranged, answer.drivers)
    elif wants_range:
        print()
        print(f"  {answer.no_range}")
    if timetable is not None:
        print()
        print("  timetable (local time at each station):")
        for line in timetable_lines(timetable):
            print(f"  {line}")
    if not args.quiet:
        for w in result.warnings:
            print(f"warning: {w.message}", file=sys.stderr)
    return 0 if result.feasible else _cannot_be_made(result, route, u)


def _operations_by_kind(result) -> list[tuple[str, float]]:
    """Each kind of operation the trip stands for (border, locomotive, crew, ...), with its total."""
    out: dict[str, float] = {}
    for stop in result.stops:
        for p in stop.parts:
            if p.kind not in ("dwell", "refit"):
                out[p.label] = out.get(p.label, 0.0) + p.duration_s
    return list(out.items())


def _print_range(r: TripRange, drivers: Sequence[Driver]) -> None:
    """The range and its ten strongest drivers, as the answer holds them."""
    print()
    total = r.total_s
    if total is None:
        print(f"  range: in none of {r.samples} samples can the trip be made")
        return
    print(f"  range over {r.samples} samples (seed {r.seed}): total {format_duration(total.p50)}, "
          f"90 % between {format_duration(total.p5)} and {format_duration(total.p95)}")
    if r.feasible_samples < r.samples:
        print(f"    in {r.samples - r.feasible_samples} of the samples the trip cannot be made")
    for station, p in r.refit_s.items():
        print(f"    refit at {station}: {format_duration(p.p50)} ({format_duration(p.p5)}"
              f" to {format_duration(p.p95)})")
    for kind, p in r.parts_s.items():
        print(f"    {kind.replace('_', ' ')}: {format_duration(p.p50)} ({format_duration(p.p5)}"
              f" to {format_duration(p.p95)})")
    print("  what drives it (each input alone from its low to its high value):")
    for d in drivers[:10]:
        lo, hi = d.total_s_low, d.total_s_high
        ends = (f"{format_duration(lo) if lo is not None else 'cannot'} → "
                f"{format_duration(hi) if hi is not None else 'cannot'}")
        print(f"    {d.input.label[:60]:<60} {ends}")


def _grouped(reasons: list[Reason]) -> dict[ReasonKind, list[Reason]]:
    """The reasons by kind, kinds in the order they first appear."""
    out: dict[ReasonKind, list[Reason]] = {}
    for why in reasons:
        out.setdefault(why.kind, []).append(why)
    return out


def cmd_info(args: argparse.Namespace) -> int:
    from .io import load_document

    doc = load_document(_document_path(args.file))
    st = doc.stats()
    if args.json:
        print(json.dumps(rounded({
            "name": doc.name, "cars": st.cars, "count_by_kind": {k.value: n for k, n in st.count_by_kind.items()},
            "length_m": st.length_m, "mass_kg": st.mass_kg, "axles": st.axles, "max_speed_m_s": st.max_speed_m_s,
            "power_w": st.power_w, "tractive_effort_n": st.tractive_effort_n, "locomotives": st.locomotives,
            "armored": st.armored}), indent=2))
        return 0
    u = UnitSystem(args.units)
    print(printable(doc.name))
    print(f"  cars        {st.cars}")
    for kind, n in st.count_by_kind.items():
        print(f"    {kind.label:<20} {n}")
    print(f"  length      {u.length(st.length_m):,.0f} {u.length_unit}")
    print(f"  mass        {u.mass(st.mass_kg):,.0f} {'short tons' if u is UnitSystem.IMPERIAL else u.mass_unit}")
    print(f"  axles       {st.axles}")
    print(f"  max speed   {u.speed(st.max_speed_m_s):.0f} {u.speed_unit}")
    print(f"  power       {u.power(st.power_w):,.0f} {u.power_unit} ({u.power_per_mass(st.power_w, st.mass_kg)})")
    print(f"  tractive effort {u.force(st.tractive_effort_n):,.0f} {u.force_unit}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .errors import DocumentError
    from .io import ROUTE_SUFFIX, load_document, load_route

    path = args.file if str(args.file).endswith(ROUTE_SUFFIX) else _document_path(args.file)  # or a sample's id
    if not os.path.exists(path):  # a file that is not there is a usage error, as for every command
        raise DocumentError(f"{printable(path)}: no such file")
    try:
        if str(path).endswith(ROUTE_SUFFIX):
            load_route(path)
        else:
            load_document(path)
    except TraintoolError as e:
        print(printable_lines(e), file=sys.stderr)
        return EXIT_INVALID
    if not args.quiet:
        print(f"{printable(args.file)}: valid")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .model import Catalogue, Document, RouteFile

    schemas = {"consist": Document.model_json_schema(), "route": RouteFile.model_json_schema(),
               "catalogue": Catalogue.model_json_schema()}
    print(json.dumps(schemas if args.format == "all" else schemas[args.format], indent=2))
    return 0


def _inputs(args: argparse.Namespace) -> list[str]:
    """The files a command reads: never written over by its -o."""
    return [_document_path(args.file)] + ([args.route] if args.route and Path(args.route).exists() else [])


def _wrote(args: argparse.Namespace, written: Path | None) -> None:
    """Say what was written: for a file, on stdout; nothing for a stream (stdout may be the data)."""
    if written is not None and not args.quiet:
        print(f"wrote {printable(args.output)}")


def cmd_report(args: argparse.Namespace) -> int:
    from .io.safe_write import is_stream
    from .physics.answer import Stamp
    from .report import default_page_size, write_report

    doc, route = _load_with_scenario(args)
    answer = _answer(args, doc, route, stamp=Stamp.of(Path(_document_path(args.file)), route, __version__))
    result = answer.trip
    from dataclasses import replace

    from .report.timings_cache import kept_checks

    answer = replace(answer, timings_check=kept_checks())
    if answer.timings_check is None and not args.quiet and sys.stderr is not None and sys.stderr.isatty():
        # A word for a person at a terminal, as the progress is; a script's stderr keeps to errors.
        print("traintool: the check against published timings is not yet computed: the report says so; "
              "`traintool check-timings` computes it (a minute or more) for the reports after it", file=sys.stderr)
    u = UnitSystem(args.units)
    options = dict(units=u, page_size=args.page_size or default_page_size(), full_car_list=args.full_car_list)
    if args.output == "-" and sys.stdout.isatty():
        raise TraintoolError("-o -: stdout is a terminal, and a PDF is not for reading there; "
                             "redirect it (> report.pdf) or name a file")
    with _progress(args, "writing the report"):
        if is_stream(args.output):
            written = _report_to_stream(args.output, answer, options, _inputs(args))
        else:
            written = write_report(answer, args.output, not_onto=_inputs(args), **options)
    _wrote(args, written)
    return 0 if result.feasible else _cannot_be_made(result, route, u)


def _report_to_stream(output: str, answer, options: dict, inputs: list[str]) -> Path | None:
    """The report is made as a file (in a private temporary folder), then copied to the stream in order."""
    import tempfile

    from .io.safe_write import write_output
    from .report import write_report

    with tempfile.TemporaryDirectory(prefix="traintool-") as folder:
        pdf = Path(folder) / "report.pdf"
        write_report(answer, pdf, **options)
        with open(pdf, "rb") as f:
            return write_output(output, iter(lambda: f.read(1 << 20), b""), not_onto=inputs)


def cmd_export(args: argparse.Namespace) -> int:
    from .io.csv_export import CsvKind, csv_chunks, write_csv
    from .io.safe_write import stream_fd_of

    ranged = _samples_asked(args) > 0
    asked = _range_option(args)
    if ranged and args.what != "timetable":
        raise TraintoolError(f"{asked}: only the timetable has ranges, not the {args.what}")
    doc, route = _load_with_scenario(args)
    answer = _answer(args, doc, route)
    if ranged and answer.range is None:
        raise TraintoolError(f"{asked}: {answer.no_range}; leave out {asked} for the timetable without its ranges")
    result, u = answer.trip, UnitSystem(args.units)
    bands = answer.range.bands if answer.range is not None else None
    if stream_fd_of(args.output) == 1 and sys.stdout.isatty():
        # A terminal is for reading: the rows go through the escaping stdout (a name cannot drive it).
        for chunk in csv_chunks(CsvKind(args.what), doc, route, result, u, args.step_m, bands=bands):
            sys.stdout.write(chunk.decode("utf-8").replace("\r\n", "\n"))
        return 0 if result.feasible else _cannot_be_made(result, route, u)
    with _progress(args, "writing the rows"):
        written = write_csv(args.output, CsvKind(args.what), doc, route, result, u, args.step_m,
                            not_onto=_inputs(args), bom=args.bom, streams=True, bands=bands)
    _wrote(args, written)
    return 0 if result.feasible else _cannot_be_made(result, route, u)


def cmd_import_cars(args: argparse.Namespace) -> int:
    """The document with the CSV's cars inserted by the edit the window's import makes, written by the
    safe writer (the old document kept as NAME~)."""
    from .io import catalogue, document_to_json, load_document, save_document
    from .io.csv_import import read_cars_csv
    from .io.safe_write import is_stream, write_output
    from .model import edits

    path = _document_path(args.file)
    doc = load_document(path)
    types = list(doc.car_types) + [t for t in catalogue() if t.id not in doc.type_by_id()]
    cars, used = read_cars_csv(args.csv, types, UnitSystem(args.units))
    at = len(doc.consist.cars) if args.at is None else args.at - 1
    if not 0 <= at <= len(doc.consist.cars):
        raise TraintoolError(f"--at {args.at}: give a car number from 1 to {len(doc.consist.cars) + 1}")
    edit = edits.insert_cars(doc, at, cars, used, "Import")
    if is_stream(args.output):
        write_output(args.output, document_to_json(edit.document), not_onto=[path, args.csv])
        return 0
    # Onto the document itself is allowed (its old version kept as NAME~); never onto the CSV.
    _refuse_onto(args.output, args.csv)
    save_document(edit.document, args.output)
    if not args.quiet:
        print(f"wrote {printable(args.output)}: {edit.label}, {len(edit.document.consist.cars):,} cars")
    return 0


def _refuse_onto(output: str, source: str) -> None:
    from .errors import SaveError

    try:
        a, b = os.stat(output), os.stat(source)
    except OSError:
        return
    if (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino):
        raise SaveError(f"{printable(output)}: could not be saved: it is {printable(source)}, the input; "
                        "choose another name for the output")


def cmd_check_timings(args: argparse.Namespace) -> int:
    from functools import cache

    from .io import load_document, published_timings, sample_paths, shipped_routes
    from .physics.timing_check import CHECK_SAMPLES, agreement_line, check_timing, summarize

    document = cache(lambda stem: load_document(sample_paths()[stem]))
    routes = shipped_routes()
    timings = published_timings().timings
    # Validation decides the exit status whichever set is listed, so it is always computed.
    wanted = [t for t in timings if args.timing_set == "all" or t.set in (args.timing_set, "validation")]
    with _progress(args, "checking the published timings"):
        checks = [check_timing(t, document(t.sample), routes[t.route_id], samples=args.samples or CHECK_SAMPLES)
                  for t in wanted]
    if len(wanted) == len(timings):
        from .report.timings_cache import keep

        keep(checks, args.samples or CHECK_SAMPLES)  # the reports made after it quote it
    validation = summarize(checks, "validation")
    listed = [c for c in checks if args.timing_set == "all" or c.timing.set == args.timing_set]
    names = ["calibration", "validation"] if args.timing_set == "all" else [args.timing_set]
    summaries = [summarize(checks, name) for name in names]
    status = 1 if validation.missed_targets() else 0
    if args.json:
        print(json.dumps({
            "summary": {s.name: s.as_dict() for s in summaries},
            "validation_meets_targets": status == 0,
            "timings": [{
                "id": c.timing.id, "set": c.timing.set, "kind": c.timing.kind, "confidence": c.timing.confidence,
                "one_sided": c.timing.one_sided, "counted": c.counted, "measure": c.timing.measure,
                "published_s": c.timing.published_s.model_dump(), "published_value_s": c.timing.published_s.value,
                "value_s": c.value_s, "range_s": None if c.range_s is None else
                {"p5": c.range_s.p5, "p50": c.range_s.p50, "p95": c.range_s.p95},
                "error": c.error, "verdict": c.verdict, "minutes": c.minutes,
                "arrival": None if c.arrival is None else c.arrival.as_dict(),
                "sources": [s.model_dump() for s in c.timing.sources]} for c in listed]}, indent=2))
        return status
    for c in listed:
        t = c.timing
        computed = (f"{_short_duration(c.range_s.p5)} – {_short_duration(c.range_s.p95)}" if c.range_s is not None
                    else "cannot be made")
        nominal = _short_duration(c.value_s)
        shown = "" if c.counted else f" (shown, not counted: {_why_not_counted(t)})"
        print(f"  {c.verdict:<14} {t.id:<46} {t.set:<11} published {t.published_s.text(_short_duration):<22} "
              f"model {nominal} ({computed}){shown}")
        print(f"  {'':<14} {t.label[:100]}")
        if c.arrival is not None:  # given as two clock times: by duration and by arrival
            print(f"  {'':<14} duration: {c.verdict}{_minutes_off(c.minutes)}; arrival: {c.arrival.text()}")
        print(f"  {'':<14} {t.kind}, {t.confidence} confidence; source: {t.sources[0].publisher[:80]}")
    for s in summaries:
        print(agreement_line(s))
    if args.timing_set == "calibration":
        print(agreement_line(validation))  # the exit status follows it
    if status:
        print(f"check-timings: the validation set misses its targets: {'; '.join(validation.missed_targets())}",
              file=sys.stderr)
    return status


def _minutes_off(minutes: float | None) -> str:
    """' (model +42 min)': how far the model's nominal duration is from the published one."""
    return "" if minutes is None else f" (model {minutes:+.0f} min)"


def _why_not_counted(t) -> str:
    reasons = ([f"{t.kind}"] if t.kind not in ("observed", "timetabled") else []) + \
              (["low confidence"] if t.confidence == "low" else []) + (["one-sided"] if t.one_sided else [])
    return ", ".join(reasons)


def _short_duration(seconds: float | None) -> str:
    return "–" if seconds is None else format_duration(seconds)


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


def _open_window(argv: list[str]) -> int:
    """The window, from a terminal: only for files that exist. A mistyped command would otherwise
    be opened as a file, and its error would show in a window instead of here."""
    from .ui.app.app import parse_args, run_gui

    missing = [f for f in parse_args(argv).files if not Path(f).exists()]
    if missing:
        first = missing[0]
        if first == argv[0]:
            import difflib  # here, not at the top: the window's start-up does not pay for it

            close = difflib.get_close_matches(first, COMMANDS, n=1, cutoff=0.5)
            hint = (f"did you mean `traintool {close[0]}`?" if close else
                    f"the commands are {', '.join(COMMANDS)} (traintool --help says more)")
            print(f"traintool: {first!r} is neither a command nor a file; {hint}", file=sys.stderr)
        else:
            print(f"traintool: no such file: {', '.join(map(repr, missing))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return run_gui(argv)


def main(argv: Sequence[str] | None = None) -> int:
    use_one_blas_thread()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        return _open_window(argv)
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    if extra:  # an unknown flag after a command: that command's usage, not the top level's
        parser.subcommands[args.command].error(f"unrecognized arguments: {' '.join(extra)}")  # type: ignore[attr-defined]
    handler = {"compute": cmd_compute, "info": cmd_info, "validate": cmd_validate,
               "schema": cmd_schema, "report": cmd_report, "export": cmd_export, "import-cars": cmd_import_cars,
               "check-timings": cmd_check_timings, "install-desktop": cmd_install_desktop,
               "uninstall-desktop": cmd_uninstall_desktop}[args.command]
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


# Decimals kept in JSON, by the name's unit suffix (the longest first): a time to a tenth of a second,
# a distance to the centimetre, a speed to the mm/s, masses to the kilogram, powers and forces whole.
_JSON_DECIMALS = (("_m_s", 3), ("_s_low", 1), ("_s_high", 1), ("_s", 1), ("_m", 2), ("_kg", 0), ("_w", 0), ("_n", 0))
_JSON_SIGNIFICANT = 6  # a figure of no known unit (a driver's low and high): six significant digits


def rounded(value: object, key: str = "") -> object:
    """`value` (JSON-ready) with every figure rounded to what its source is good for, and a figure
    named as a float (dwell_s) always a float: 0.0 beside 4140.0, never 0."""
    if isinstance(value, dict):  # a key of no unit ("p5", a station) takes its parent's ("total_s")
        return {k: rounded(v, k if _decimals(k) is not None else key) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [rounded(v, key) for v in value]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    decimals = _decimals(key)
    if decimals is not None:
        return float(round(float(value), decimals))
    if isinstance(value, int) or not math.isfinite(value):
        return value
    return float(f"{value:.{_JSON_SIGNIFICANT}g}")


def _decimals(key: str) -> int | None:
    return next((d for suffix, d in _JSON_DECIMALS if key.endswith(suffix)), None)


@contextlib.contextmanager
def _progress(args: argparse.Namespace, stage: str):
    """After PROGRESS_AFTER_S, "traintool: {stage}… N s" on stderr, kept up to date and wiped at the
    end; only when stderr is a terminal (a log or a pipe gets no ticker) and not --quiet."""
    err = sys.__stderr__
    if getattr(args, "quiet", False) or err is None or not err.isatty():
        yield
        return
    done = threading.Event()
    start = time.monotonic()

    def tick() -> None:
        shown = False
        while not done.wait(0.25 if shown else PROGRESS_AFTER_S):
            err.write(f"\r\x1b[Ktraintool: {stage}… {time.monotonic() - start:.0f} s")
            err.flush()
            shown = True
        if shown:
            err.write("\r\x1b[K")
            err.flush()

    ticker = threading.Thread(target=tick, name="progress", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        done.set()
        ticker.join()


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
