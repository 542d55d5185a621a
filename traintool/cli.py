"""The command line: open the GUI, compute a trip, print stats, validate, print the schema, write a report.

The GUI and these commands call the same functions (traintool.io, traintool.physics, traintool.report).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from . import __version__
from .errors import SaveError, TraintoolError
from .numpy_threads import use_one_blas_thread
from .printable import EscapingWriter, printable, printable_lines
from .text import position_runs

if TYPE_CHECKING:
    from .physics.result import Reason, ReasonKind
from .sizes import RANGE_SAMPLES
from .units import UnitSystem, format_duration

COMMANDS = ("compute", "info", "validate", "schema", "report", "export", "check-timings", "install-desktop", "uninstall-desktop")
EXIT_BAD_INPUT = 2
EXIT_NOT_WRITTEN = 1  # a file (report, desktop entry) could not be written: the old one is as it was
EXIT_OUTPUT_FAILED = 74  # stdout is closed or full (sysexits' EX_IOERR): what was printed is incomplete


def _add_trip_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a .consist.json document")
    p.add_argument("--route", metavar="ID_OR_FILE", help="a shipped route id or a .route.json file (default: the document's)")
    p.add_argument("--top-speed-kmh", type=float, metavar="X", help="cap the speed for the whole trip, km/h")


def _positive_int(text: str) -> int:
    n = int(text)
    if not 1 <= n <= 100_000:
        raise argparse.ArgumentTypeError(f"{text}: give a number of samples from 1 to 100,000")
    return n


def _positive_step(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        x = float("nan")
    if not 0.1 <= x <= 1_000_000:
        raise argparse.ArgumentTypeError(f"{text}: give a step from 0.1 to 1,000,000 m")
    return x


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="traintool", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="A train consist explorer. Without a command, opens the window.",
        epilog="The window:\n"
               "  traintool [FILE...] [--new-instance] [--exit-after-show] [--screenshot OUT.png]\n"
               "      opens the window on the armored train, or on each FILE (each must exist).\n"
               "  traintool-gui [FILE...] is the same without a console window: what the desktop menu\n"
               "      and a double-click on a document start.")
    p.add_argument("--version", action="version", version=f"traintool {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    c = sub.add_parser("compute", help="print the trip time over a route; exit 1 if the trip cannot be made")
    _add_trip_options(c)
    c.add_argument("--json", action="store_true", help="print JSON (SI units) instead of a table")
    c.add_argument("--units", choices=[u.value for u in UnitSystem], default="metric")
    c.add_argument("--range", action="store_true",
                   help="also give the range the estimated inputs allow (5th-95th percentile) and what drives it")
    c.add_argument("--samples", type=_positive_int, default=None, metavar="N",
                   help=f"samples for --range (default {RANGE_SAMPLES})")
    c.add_argument("--timetable", action="store_true",
                   help="print the timetable: each stop's arrival and departure by the local clock (with --range, "
                        "each time's 90 %% range; with --json, ISO 8601 times with their offsets)")
    c.add_argument("--seed", type=int, default=None, metavar="S", help="seed for --range (default: a fixed one)")
    t = sub.add_parser("check-timings", help="compare the model's ranges with published timings (resources/timings.json); "
                                             "exit 1 if the validation set misses its targets")
    t.add_argument("--samples", type=_positive_int, default=None, metavar="N", help="samples per timing (default 200)")
    t.add_argument("--json", action="store_true", help="print JSON (seconds) instead of a table")
    t.add_argument("--set", choices=["calibration", "validation", "all"], default="all", dest="timing_set",
                   help="which entries to list and sum up (default all; the exit status always follows validation)")
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
    r.add_argument("--full-car-list", action="store_true",
                   help="list every run of cars (default: the first 200 runs; a run is cars alike in every field printed)")
    r.add_argument("--samples", type=_positive_int, default=None, metavar="N",
                   help=f"samples of the estimated inputs for the answer's range (default {RANGE_SAMPLES}, as the window)")
    r.add_argument("-o", "--output", required=True, metavar="OUT.pdf")
    x = sub.add_parser("export", help="write the trip's numbers as CSV for a spreadsheet")
    _add_trip_options(x)
    x.add_argument("--what", choices=["legs", "refits", "cars", "profile", "timetable"], required=True,
                   help="the legs, the refit steps at each break, the cars, the speed profile or the timetable")
    x.add_argument("--step-m", type=_positive_step, default=100.0, metavar="M",
                   help="the profile's distance step in metres (default 100)")
    x.add_argument("--units", choices=[u.value for u in UnitSystem], default="metric")
    x.add_argument("--range", action="store_true",
                   help="with --what timetable: each time's 90 %% range (500 samples, the fixed seed)")
    x.add_argument("-o", "--output", required=True, metavar="OUT.csv")
    sub.add_parser("install-desktop", help="add traintool to the desktop menu and open .consist.json files with it")
    sub.add_parser("uninstall-desktop", help="remove what install-desktop added")
    return p


def _load_with_scenario(args: argparse.Namespace):
    from .io import load_document, resolve_route
    from .units import kmh_to_ms

    from .model.edits import NoChange, set_scenario_field

    doc = load_document(args.file)
    if args.top_speed_kmh is not None:
        try:
            doc = set_scenario_field(doc, "top_speed_cap_m_s", kmh_to_ms(args.top_speed_kmh)).document
        except NoChange:
            pass  # the document's own cap already
        except TraintoolError as e:
            raise TraintoolError(f"--top-speed-kmh {args.top_speed_kmh:g}: {e}") from None
    return doc, resolve_route(doc, args.route)


EXIT_INFEASIBLE = 1  # the input was good, but the trip cannot be made


def cmd_compute(args: argparse.Namespace) -> int:
    from .physics import compute_trip
    from .physics.result import trip_to_dict
    from .physics.timetable import build_timetable, timetable_lines, timetable_to_dict

    doc, route = _load_with_scenario(args)
    result = compute_trip(doc, route)
    bands: list = []  # the range's bands, for the timetable
    ranged = _range(args, doc, route, bands) if args.range or args.samples or args.seed is not None else None
    timetable = build_timetable(result, doc, route, bands[0] if bands else None) if args.timetable else None
    if args.json:
        out = trip_to_dict(result)
        if ranged is not None:
            out.update(ranged)
        if timetable is not None:
            out["timetable"] = timetable_to_dict(timetable)
        print(json.dumps(out, indent=2))
        return 0 if result.feasible else EXIT_INFEASIBLE
    u = UnitSystem(args.units)
    km = f"{u.distance(result.distance_m):,.0f} {u.distance_unit}"
    if result.total_s is None:
        print(f"cannot run: {result.reasons[0].text(u, route)}")
        print(f"{doc.name} — {route.name}")
        print(f"  cannot complete: reaches {u.distance(result.reached_m):,.1f} of {km}")
        for kind, reasons in _grouped(result.reasons).items():
            print(f"  {kind.label}:")
            for why in reasons:
                print(f"    - {why.text(u, route)}")
        print(f"  running {format_duration(result.running_s):>16}   (the legs it can run)")
    else:
        print(f"{doc.name} — {route.name}")
        print(f"  total   {format_duration(result.total_s):>16}   over {km},"
              f" average {u.speed(result.average_speed_m_s or 0.0):.1f} {u.speed_unit}")
        print(f"  running {format_duration(result.running_s):>16}")
        print(f"  dwell   {format_duration(result.dwell_s):>16}")
        print(f"  refit   {format_duration(result.refit_s):>16}")
    print()
    print(f"  {'from':<22} {'to':<22} {u.distance_unit:>8} {'running':>14} {u.speed_unit:>7}")
    for leg in result.legs:
        running = format_duration(leg.running_s) if leg.running_s is not None else "not run"
        speed = f"{u.speed(leg.average_speed_m_s):7.1f}" if leg.average_speed_m_s is not None else f"{'–':>7}"
        print(f"  {leg.from_station[:22]:<22} {leg.to_station[:22]:<22} {u.distance(leg.distance_m):8.1f}"
              f" {running:>14} {speed}")
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
        _print_range(ranged, u)
    if timetable is not None:
        print()
        print("  timetable (local time at each station):")
        for line in timetable_lines(timetable):
            print(f"  {line}")
    for w in result.warnings:
        print(f"warning: {w.message}", file=sys.stderr)
    return 0 if result.feasible else EXIT_INFEASIBLE


def _range(args: argparse.Namespace, doc, route, bands: list | None = None) -> dict:
    """The range and its ten strongest drivers, as the JSON gives them (and its bands into `bands`)."""
    from .physics.ranges import DEFAULT_SAMPLES, DEFAULT_SEED, drivers, range_to_dict, trip_range, uncertain_inputs

    inputs = uncertain_inputs(doc, route)
    r = trip_range(doc, route, args.samples or DEFAULT_SAMPLES, DEFAULT_SEED if args.seed is None else args.seed,
                   inputs=inputs)
    if bands is not None and r.bands is not None:
        bands.append(r.bands)
    return range_to_dict(r, drivers(doc, route, inputs))


def _print_range(ranged: dict, u: UnitSystem) -> None:
    r = ranged["range"]
    print()
    total = r["total_s"]
    if total is None:
        print(f"  range: in none of {r['samples']} samples can the trip be made")
        return
    print(f"  range over {r['samples']} samples (seed {r['seed']}): total {format_duration(total['p50'])}, "
          f"90 % between {format_duration(total['p5'])} and {format_duration(total['p95'])}")
    if r["feasible_samples"] < r["samples"]:
        print(f"    in {r['samples'] - r['feasible_samples']} of the samples the trip cannot be made")
    for station, p in r["refit_s"].items():
        print(f"    refit at {station}: {format_duration(p['p50'])} ({format_duration(p['p5'])}"
              f" to {format_duration(p['p95'])})")
    print("  what drives it (each input alone from its low to its high value):")
    for d in ranged["drivers"][:10]:
        lo, hi = d["total_s_low"], d["total_s_high"]
        ends = (f"{format_duration(lo) if lo is not None else 'cannot'} → "
                f"{format_duration(hi) if hi is not None else 'cannot'}")
        print(f"    {d['input'][:60]:<60} {ends}")


def _grouped(reasons: list[Reason]) -> dict[ReasonKind, list[Reason]]:
    """The reasons by kind, kinds in the order they first appear."""
    out: dict[ReasonKind, list[Reason]] = {}
    for why in reasons:
        out.setdefault(why.kind, []).append(why)
    return out


def cmd_info(args: argparse.Namespace) -> int:
    from .io import load_document

    doc = load_document(args.file)
    st = doc.stats()
    u = UnitSystem(args.units)
    print(printable(doc.name))
    print(f"  cars        {st.cars}")
    for kind, n in st.count_by_kind.items():
        print(f"    {kind.label:<20} {n}")
    print(f"  length      {u.length(st.length_m):,.0f} {u.length_unit}")
    print(f"  mass        {u.mass(st.mass_kg):,.0f} {u.mass_unit}")
    print(f"  axles       {st.axles}")
    print(f"  max speed   {u.speed(st.max_speed_m_s):.0f} {u.speed_unit}")
    print(f"  power       {u.power(st.power_w):,.0f} {u.power_unit} ({u.power_per_mass(st.power_w, st.mass_kg)})")
    print(f"  tractive effort {u.force(st.tractive_effort_n):,.0f} {u.force_unit}")
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
    from .physics.answer import Stamp, compute_answer
    from .report import default_page_size, write_report

    doc, route = _load_with_scenario(args)
    answer = compute_answer(doc, route, samples=args.samples or RANGE_SAMPLES, stamp=Stamp.of(Path(args.file), route))
    inputs = [args.file] + ([args.route] if args.route and Path(args.route).exists() else [])
    write_report(answer, args.output, units=UnitSystem(args.units),
                 page_size=args.page_size or default_page_size(), not_onto=inputs,
                 full_car_list=args.full_car_list)
    print(f"wrote {printable(args.output)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .io.csv_export import CsvKind, write_csv
    from .physics import compute_trip

    doc, route = _load_with_scenario(args)
    result = compute_trip(doc, route)
    inputs = [args.file] + ([args.route] if args.route and Path(args.route).exists() else [])
    bands = None
    if args.range and args.what == "timetable":
        from .physics.ranges import trip_range

        bands = trip_range(doc, route).bands
    write_csv(args.output, CsvKind(args.what), doc, route, result, UnitSystem(args.units), args.step_m,
              not_onto=inputs, bands=bands)
    print(f"wrote {printable(args.output)}")
    return 0


def cmd_check_timings(args: argparse.Namespace) -> int:
    from functools import cache

    from .io import load_document, published_timings, sample_paths, shipped_routes
    from .physics.timing_check import CHECK_SAMPLES, agreement_line, check_timing, summarize

    document = cache(lambda stem: load_document(sample_paths()[stem]))
    routes = shipped_routes()
    timings = published_timings().timings
    # Validation decides the exit status whichever set is listed, so it is always computed.
    wanted = [t for t in timings if args.timing_set == "all" or t.set in (args.timing_set, "validation")]
    checks = [check_timing(t, document(t.sample), routes[t.route_id], samples=args.samples or CHECK_SAMPLES)
              for t in wanted]
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
                "error": c.error, "verdict": c.verdict,
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
        print(f"  {'':<14} {t.kind}, {t.confidence} confidence; source: {t.sources[0].publisher[:80]}")
    for s in summaries:
        print(agreement_line(s))
    if args.timing_set == "calibration":
        print(agreement_line(validation))  # the exit status follows it
    if status:
        print(f"check-timings: the validation set misses its targets: {'; '.join(validation.missed_targets())}",
              file=sys.stderr)
    return status


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
    from .ui.app import parse_args, run_gui

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
    args = _parser().parse_args(argv)
    handler = {"compute": cmd_compute, "info": cmd_info, "validate": cmd_validate,
               "schema": cmd_schema, "report": cmd_report, "export": cmd_export, "check-timings": cmd_check_timings,
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
