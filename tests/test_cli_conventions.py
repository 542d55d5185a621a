"""Command-line conventions: streams for -o, one exit code a kind of outcome, each subcommand's own
usage, help for every option, values with units, sample ids, --quiet and progress, import-cars."""
import argparse
import csv
import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import builders
from traintool import cli
from traintool.cli import EXIT_BAD_INPUT, EXIT_INFEASIBLE, main
from traintool.io import document_to_json, load_document, sample_paths
from traintool.physics import compute_trip

ROOT = Path(__file__).resolve().parents[1]
GUARD_S = 300  # against a hang only


@pytest.fixture
def doc_file(tmp_path, small_document):
    p = tmp_path / "small.consist.json"
    p.write_text(document_to_json(small_document))
    return p


@pytest.fixture
def infeasible_file(tmp_path):
    p = tmp_path / "stuck.consist.json"
    p.write_text(document_to_json(builders.infeasible_documents()["no_locomotive"]))
    return p


def _run(*args, cwd, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "traintool", *map(str, args)], cwd=cwd, env=env,
                          timeout=GUARD_S, **kw)


# --- -o: files, stdout and streams -----------------------------------------------------------------

def test_dash_writes_the_csv_to_stdout_and_no_file_named_dash(doc_file, tmp_path):
    r = _run("export", doc_file, "--what", "legs", "-o", "-", cwd=tmp_path, capture_output=True)
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout.decode(), newline="")))
    assert rows[0][:2] == ["from", "to"] and len(rows) == 3
    assert not (tmp_path / "-").exists() and b"wrote" not in r.stdout


@pytest.mark.parametrize("name", ["/dev/stdout", "/proc/self/fd/1", "/dev/fd/1"])
def test_dev_stdout_into_a_redirected_file_appends_and_never_replaces_it(doc_file, tmp_path, name):
    log = tmp_path / "log.txt"
    log.write_text("earlier line\n")
    inode = log.stat().st_ino
    with open(log, "ab") as out:
        r = _run("export", doc_file, "--what", "legs", "-o", name, cwd=tmp_path, stdout=out, stderr=subprocess.PIPE)
    assert r.returncode == 0, r.stderr
    text = log.read_text()
    assert text.startswith("earlier line\nfrom,to,") and log.stat().st_ino == inode
    assert not list(tmp_path.glob(".log.txt.*.tmp"))


def test_a_report_of_a_sample_by_its_id_appended_to_a_redirected_stdout(tmp_path):
    """`report armored-train -o /dev/stdout >> log`: the sample by its id, the PDF after the old lines."""
    log = tmp_path / "log.txt"
    log.write_bytes(b"earlier line\n")
    inode = log.stat().st_ino
    with open(log, "ab") as out:
        r = _run("report", "armored-train", "-o", "/dev/stdout", cwd=tmp_path, stdout=out, stderr=subprocess.PIPE)
    assert r.returncode == 0, r.stderr
    data = log.read_bytes()
    assert data.startswith(b"earlier line\n%PDF-") and data.rstrip().endswith(b"%%EOF") and log.stat().st_ino == inode


def test_a_symlink_to_dev_stdout_is_a_stream_too(doc_file, tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to("/dev/stdout")
    r = _run("export", doc_file, "--what", "legs", "-o", link, cwd=tmp_path, capture_output=True)
    assert r.returncode == 0 and r.stdout.startswith(b"from,to,") and link.is_symlink()


def test_a_fifo_with_a_reader_gets_the_csv(doc_file, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    r = _run("export", doc_file, "--what", "legs", "-o", fifo, cwd=tmp_path, capture_output=True)
    reader.join(GUARD_S)
    assert r.returncode == 0, r.stderr
    assert got[0].startswith(b"from,to,")


def test_quiet_says_nothing_and_bom_on_request(doc_file, tmp_path, capsys):
    out = tmp_path / "cars.csv"
    assert main(["export", str(doc_file), "--what", "cars", "-o", str(out), "--bom", "--quiet"]) == 0
    said = capsys.readouterr()
    assert said.out == "" and said.err == ""
    assert out.read_bytes().startswith(b"\xef\xbb\xbf#,type id,")


# --- exit codes ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["compute"], ["compute", "--json"], ["report", "-o", "OUT.pdf"],
                                     ["export", "--what", "legs", "-o", "OUT.csv"]])
def test_a_trip_that_cannot_be_made_exits_1_from_every_command_with_its_causes_once(infeasible_file, tmp_path,
                                                                                      capsys, command):
    argv = [command[0], str(infeasible_file)] + [a.replace("OUT", str(tmp_path / "out")) for a in command[1:]]
    assert main(argv) == EXIT_INFEASIBLE
    d = builders.infeasible_documents()["no_locomotive"]
    causes = [why.message for why in compute_trip(d, d.route).reasons]
    err = capsys.readouterr().err
    assert err == f"traintool: the trip cannot be made: {' '.join(causes)}\n"
    assert not err.startswith("traintool: the trip cannot be made: No locomotive: ")


BAD_VALUES = [
    ["compute", "DOC", "--range", "--seed=-1"],
    ["compute", "DOC", "--seed", "x"],
    ["compute", "DOC", "--samples", "1"],
    ["compute", "DOC", "--samples", "100001"],
    ["compute", "DOC", "--top-speed", "nan"],
    ["compute", "DOC", "--top-speed", "inf"],
    ["compute", "DOC", "--top-speed", "-5kmh"],
    ["compute", "DOC", "--top-speed", "50 furlongs"],
    ["compute", "DOC", "--top-speed-kmh", "nan"],
    ["compute", "DOC", "--units", "cubits"],
    ["compute", "DOC", "--route", "nowhere"],
    ["compute", "no-such-sample"],
    ["info", "no-such-sample"],
    ["info", "DOC", "--units", "x"],
    ["validate", "MISSING"],
    ["schema", "--format", "x"],
    ["report", "DOC", "-o", "OUT.pdf", "--page-size", "a0"],
    ["report", "DOC", "-o", "OUT.pdf", "--top-speed", "inf"],
    ["export", "DOC", "--what", "x", "-o", "OUT.csv"],
    ["export", "DOC", "--what", "profile", "--step-m", "nan", "-o", "OUT.csv"],
    ["export", "DOC", "--what", "profile", "--step-m", "0", "-o", "OUT.csv"],
    ["import-cars", "DOC", "MISSING", "-o", "OUT.json"],
    ["import-cars", "DOC", "CSV", "--at", "0", "-o", "OUT.json"],
    ["check-timings", "--samples", "0"],
]


@pytest.mark.parametrize("argv", BAD_VALUES, ids=" ".join)
def test_every_command_error_is_one_line_with_exit_code_2(doc_file, tmp_path, capsys, argv):
    csv_file = tmp_path / "cars.csv"
    csv_file.write_text("type id\nloco\n")
    subs = {"DOC": str(doc_file), "MISSING": str(tmp_path / "missing.csv"), "CSV": str(csv_file)}
    argv = [subs.get(a, a.replace("OUT", str(tmp_path / "out"))) for a in argv]
    try:
        code = main(argv)
    except SystemExit as e:
        code = e.code
    said = capsys.readouterr()
    assert code == EXIT_BAD_INPUT
    lines = said.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("traintool: "), said.err
    assert "Traceback" not in said.err and said.out == ""


@pytest.mark.parametrize("command", [["compute", "DOC"], ["info", "DOC"], ["validate", "DOC"], ["schema"],
                                     ["report", "DOC", "-o", "x.pdf"], ["export", "DOC", "--what", "legs", "-o", "x.csv"],
                                     ["import-cars", "DOC", "x.csv", "-o", "x.json"], ["check-timings"]])
def test_an_unknown_flag_shows_the_subcommands_own_usage(doc_file, capsys, command):
    with pytest.raises(SystemExit) as e:
        main([str(doc_file) if a == "DOC" else a for a in command] + ["--no-such-flag"])
    err = capsys.readouterr().err
    assert e.value.code == EXIT_BAD_INPUT
    assert err.startswith(f"usage: traintool {command[0]} ") and "COMMAND" not in err
    assert err.splitlines()[-1] == f"traintool: {command[0]}: unrecognized arguments: --no-such-flag"


def test_every_option_of_every_command_has_help():
    parser = cli._parser()
    missing = [f"{name} {'/'.join(a.option_strings) or a.dest}"
               for name, sub in parser.subcommands.items() for a in sub._actions
               if not isinstance(a, argparse._HelpAction) and not (a.help or "").strip()]
    assert missing == []


def test_the_readme_has_the_exit_code_table():
    readme = (ROOT / "README.md").read_text()
    for code in cli.EXIT_CODES:
        assert f"| {code} " in readme


# --- options -------------------------------------------------------------------------------------------

def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_samples_implies_range(doc_file, capsys):
    out = _json(capsys, ["compute", str(doc_file), "--json", "--samples", "20"])
    assert out["range"]["samples"] == 20


def test_a_speed_takes_its_unit_or_follows_units(doc_file, capsys):
    def running(*extra):
        return _json(capsys, ["compute", str(doc_file), "--json", *extra])["running_s"]

    mph31 = running("--top-speed", "31mph")
    assert running("--top-speed", "31", "--units", "imperial") == mph31
    assert running("--top-speed", "31 mph") == mph31
    assert running("--top-speed-kmh", "50") == running("--top-speed", "50kmh") == running("--top-speed", "50km/h")
    assert running("--top-speed", "50") == running("--top-speed", "50kmh")  # metric by default
    assert running("--top-speed", "50kmh") != mph31


def test_compute_info_and_export_accept_a_samples_id(capsys, tmp_path):
    doc = load_document(sample_paths()["armored-train"])
    assert _json(capsys, ["info", "armored-train", "--json"])["cars"] == len(doc.consist.cars)
    assert _json(capsys, ["compute", "armored-train", "--json"])["total_s"] > 20 * 3600
    assert main(["export", "armored-train", "--what", "cars", "-o", str(tmp_path / "c.csv"), "-q"]) == 0


def test_validate_accepts_a_samples_id_as_the_other_commands_do(capsys):
    # Found in the audit of issue 26: `validate armored-train` said "no such file".
    assert main(["validate", "armored-train"]) == 0
    assert capsys.readouterr().out.strip().endswith(": valid")


def test_info_in_imperial_names_short_tons(capsys):
    # Found in the audit of issue 26: `info --units imperial` said "mass 8,130 tons", the report "short tons".
    assert main(["info", "armored-train", "--units", "imperial"]) == 0
    mass = next(line for line in capsys.readouterr().out.splitlines() if line.strip().startswith("mass"))
    assert mass.endswith(" short tons")


def test_info_json_gives_the_stats_in_si(doc_file, small_document, capsys):
    out = _json(capsys, ["info", str(doc_file), "--json"])
    st = small_document.stats()
    assert out["cars"] == st.cars and out["axles"] == st.axles
    assert out["mass_kg"] == pytest.approx(st.mass_kg, abs=0.5) and out["length_m"] == pytest.approx(st.length_m, abs=0.005)
    assert out["count_by_kind"] == {k.value: n for k, n in st.count_by_kind.items()}


def test_json_figures_carry_no_float_noise_and_times_are_floats(capsys):
    out = _json(capsys, ["compute", "armored-train", "--json"])
    assert all(isinstance(d["dwell_s"], float) for d in out["dwells"])
    assert isinstance(out["dwell_s"], float)

    def figures(x, key=""):
        if isinstance(x, dict):
            for k, v in x.items():
                yield from figures(v, k)
        elif isinstance(x, list):
            for v in x:
                yield from figures(v, key)
        elif isinstance(x, float):
            yield key, x

    noisy = [(k, x) for k, x in figures(out) if len(repr(x).split(".")[-1]) > 3]
    assert noisy == []
    # The timetable's and the range's figures too (found in the audit: "stand_s": 21720.000000000015).
    out = _json(capsys, ["compute", "armored-train", "--json", "--timetable", "--samples", "20"])
    assert out["timetable"]["stops"] and out["range"]["total_s"]
    noisy = [(k, x) for k, x in figures(out) if len(repr(x).split(".")[-1]) > 3 and k not in ("low", "value", "high")]
    assert noisy == []


# --- progress --------------------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_while_work_goes_on_and_quiet_hides_it(doc_file, monkeypatch, capsys):
    """The work (the trip) waits until the ticker has spoken: no clock in the test."""
    import traintool.physics as physics

    term = _Terminal()
    monkeypatch.setattr(sys, "__stderr__", term)
    monkeypatch.setattr(cli, "PROGRESS_AFTER_S", 0.0)
    real = physics.compute_trip
    spoke = threading.Event()
    monkeypatch.setattr(term, "flush", lambda: spoke.set())

    def waiting(doc, route):
        assert spoke.wait(GUARD_S)
        return real(doc, route)

    monkeypatch.setattr(physics, "compute_trip", waiting)
    assert main(["compute", str(doc_file)]) == 0
    assert "traintool: computing the trip…" in term.getvalue()
    assert term.getvalue().endswith("\r\x1b[K")  # wiped at the end
    term.seek(0)
    term.truncate()
    spoke.set()
    assert main(["compute", str(doc_file), "--quiet"]) == 0
    assert term.getvalue() == ""


def test_no_progress_when_stderr_is_not_a_terminal(doc_file, monkeypatch):
    monkeypatch.setattr(sys, "__stderr__", io.StringIO())
    monkeypatch.setattr(cli, "PROGRESS_AFTER_S", 0.0)
    assert main(["compute", str(doc_file)]) == 0
    assert sys.__stderr__.getvalue() == ""


# --- import-cars ----------------------------------------------------------------------------------------

def test_import_cars_from_the_command_line_adds_them_by_the_edit_and_keeps_a_backup(doc_file, tmp_path, capsys):
    cars_csv = tmp_path / "more.csv"
    cars_csv.write_text("type id,name,length (m),overridden\r\ncoach,=Extra 1,,\r\ncoach,Extra 2,30.5,length (m)\r\n")
    before = load_document(doc_file)
    assert main(["import-cars", str(doc_file), str(cars_csv), "-o", str(doc_file)]) == 0
    assert "wrote" in capsys.readouterr().out
    after = load_document(doc_file)
    assert [c.name for c in after.consist.cars[-2:]] == ["=Extra 1", "Extra 2"]
    assert after.consist.cars[-1].length_m == 30.5 and after.consist.cars[:-2] == before.consist.cars
    assert load_document(str(doc_file) + "~") == before
    out = tmp_path / "first.consist.json"
    assert main(["import-cars", str(doc_file), str(cars_csv), "--at", "1", "-o", str(out)]) == 0
    assert [c.name for c in load_document(out).consist.cars[:2]] == ["=Extra 1", "Extra 2"]


def test_import_cars_refuses_a_bad_table_and_writes_nothing(doc_file, tmp_path, capsys):
    cars_csv = tmp_path / "bad.csv"
    cars_csv.write_text("type id,name,colour\r\ncoach,A,red\r\n")
    out = tmp_path / "out.consist.json"
    assert main(["import-cars", str(doc_file), str(cars_csv), "-o", str(out)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("traintool: ") and "column 3 (colour): not a column traintool reads" in err
    assert not out.exists()
    assert main(["import-cars", str(doc_file), str(cars_csv), "-o", str(cars_csv)]) == EXIT_BAD_INPUT


def test_import_cars_says_every_problem_of_the_table(doc_file, tmp_path, capsys):
    # Found in the audit of issue 26: the problems were one "; "-joined sentence, cut at 300 characters
    # on the command line (only the first of three was read), and a row's length was not checked once
    # another of its cells had failed.
    cars_csv = tmp_path / "bad.csv"
    cars_csv.write_text("type id,name,length (m),armored,gauge change\r\n"
                        "coach,Coach with a long name to make the message long,-21.1,maybe,none\r\n"
                        "coach,Another coach with a long name,25,no,teleport\r\n")
    assert main(["import-cars", str(doc_file), str(cars_csv), "-o", str(tmp_path / "out.json")]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nothing was imported" in err
    for where in ("line 2, column 3 (length (m))", "line 2, column 4 (armored)", "line 3, column 5 (gauge change)"):
        assert where in err, where
    assert "not '-21.1'" in err  # the length's problem too, though the same row's armored cell failed


def test_import_cars_to_stdout(doc_file, tmp_path):
    cars_csv = tmp_path / "more.csv"
    cars_csv.write_text("type id\ncoach\n")
    r = _run("import-cars", doc_file, cars_csv, "-o", "-", cwd=tmp_path, capture_output=True)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["consist"]["cars"]) == 11


def test_dash_onto_a_closed_pipe_ends_quietly_with_74(doc_file, tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        r = _run("export", doc_file, "--what", "profile", "-o", "-", cwd=tmp_path, stdout=write_end,
                 stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    assert r.returncode == cli.EXIT_OUTPUT_FAILED and "Traceback" not in r.stderr


def test_a_pdf_is_not_poured_onto_a_terminal(doc_file, tmp_path):
    import pty

    main_fd, terminal = pty.openpty()
    try:
        r = _run("report", doc_file, "-o", "-", cwd=tmp_path, stdout=terminal, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(terminal)
        os.close(main_fd)
    assert r.returncode == EXIT_BAD_INPUT
    assert r.stderr == ("traintool: -o -: stdout is a terminal, and a PDF is not for reading there; "
                        "redirect it (> report.pdf) or name a file\n")


def test_the_window_export_refuses_a_stream_the_command_line_writes(doc_file, small_document, tmp_path):
    from traintool.errors import SaveError
    from traintool.io.csv_export import CsvKind, write_csv

    r = compute_trip(small_document, small_document.route)
    with pytest.raises(SaveError, match="device or system file"):
        write_csv("/dev/stdout", CsvKind.LEGS, small_document, small_document.route, r)


def test_a_cause_given_twice_is_said_once(capsys):
    from types import SimpleNamespace

    from traintool.physics.result import Reason, ReasonKind
    from traintool.units import UnitSystem

    why = Reason(ReasonKind.NO_LOCOMOTIVE, "No locomotive runs on 1520 mm.")
    other = Reason(ReasonKind.TOO_SLOW, "Too slow to tell a time")
    assert cli._cannot_be_made(SimpleNamespace(reasons=[why, other, why]), None, UnitSystem.METRIC) == EXIT_INFEASIBLE
    assert capsys.readouterr().err == ("traintool: the trip cannot be made: No locomotive runs on 1520 mm. "
                                       "Too slow to tell a time.\n")


def test_a_csv_onto_a_terminal_has_its_control_characters_escaped(tmp_path):
    import pty

    p = tmp_path / "x.consist.json"
    doc = builders.small_document()
    cars = tuple(c.model_copy(update={"name": "\x1b[2Jred"}) if i == 2 else c for i, c in enumerate(doc.consist.cars))
    p.write_text(document_to_json(doc.model_copy(update={"consist": doc.consist.model_copy(update={"cars": cars})})))
    main_fd, terminal = pty.openpty()
    try:
        r = _run("export", p, "--what", "cars", "-o", "-", cwd=tmp_path, stdout=terminal, stderr=subprocess.PIPE)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # EIO: the terminal's other end is closed and everything is read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main_fd)
    assert r.returncode == 0, r.stderr
    assert b"\x1b" not in shown and b"\\x1b[2Jred" in shown


def test_install_desktop_into_a_blocked_data_folder_is_one_line(tmp_path, monkeypatch, capsys):
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))
    assert main(["install-desktop"]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("traintool: ") and "cannot be made: Not a directory" in err


def test_stdout_redirected_onto_the_input_is_refused(doc_file, tmp_path):
    before = doc_file.read_bytes()
    with open(doc_file, "ab") as out:
        r = _run("export", doc_file, "--what", "legs", "-o", "-", cwd=tmp_path, stdout=out, stderr=subprocess.PIPE,
                 text=True)
    assert r.returncode == EXIT_BAD_INPUT and "the input" in r.stderr
    assert doc_file.read_bytes() == before


def test_a_socket_is_refused_as_an_output(doc_file, tmp_path, capsys):
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        assert main(["export", str(doc_file), "--what", "legs", "-o", str(path)]) == EXIT_BAD_INPUT
    assert "it is a socket" in capsys.readouterr().err
