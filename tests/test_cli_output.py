"""What the command line writes and prints: a failed write exits 1 and keeps the old file; the
input is never the output; a closed or full stdout ends quietly; every echoed value is one
printable line of a readable length."""
import json
import os
import stat
import subprocess
import sys

import pytest

from conftest import fill_up
from traintool.cli import EXIT_NOT_WRITTEN, EXIT_OUTPUT_FAILED, main
from traintool.io import document_to_json
import builders

GUARD_S = 120  # against a hang only


@pytest.fixture
def doc_file(tmp_path, small_document):
    p = tmp_path / "small.consist.json"
    p.write_text(document_to_json(small_document))
    return p


def _run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "traintool", *map(str, args)], text=True, timeout=GUARD_S, **kw)


def test_a_report_onto_a_full_disk_exits_1_and_keeps_the_previous_report(small_tmpfs, doc_file, capsys):
    out = small_tmpfs / "report.pdf"
    assert main(["report", str(doc_file), "-o", str(out)]) == 0
    before = out.read_bytes()
    fill_up(small_tmpfs, leave=len(before) // 4)
    assert main(["report", str(doc_file), "-o", str(out)]) == EXIT_NOT_WRITTEN
    captured = capsys.readouterr()
    assert "wrote" not in captured.out.split("\n", 1)[1]  # only the first, good report said so
    assert f"traintool: {out}: could not be saved: No space left on device" in captured.err
    assert out.read_bytes() == before and not [f for f in os.listdir(small_tmpfs) if f.endswith(".tmp")]


def test_a_report_over_its_own_input_is_refused(doc_file, capsys):
    before = doc_file.read_bytes()
    assert main(["report", str(doc_file), "-o", str(doc_file)]) == EXIT_NOT_WRITTEN
    assert "the input" in capsys.readouterr().err
    assert doc_file.read_bytes() == before


def test_a_report_onto_a_full_device_or_an_unread_fifo_fails_and_leaves_it(tmp_path, doc_file, capsys):
    """Such a path is written as a stream, never replaced: a FIFO nobody reads, a full device, fail."""
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    targets = [(fifo, "nothing reads the pipe")]
    if os.geteuid() == 0:
        full = tmp_path / "full"
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))  # a /dev/full of our own, as root may
        targets.append((full, "No space left on device"))
    for target, why in targets:
        kind = stat.S_IFMT(os.lstat(target).st_mode)
        assert main(["report", str(doc_file), "-o", str(target)]) == EXIT_NOT_WRITTEN
        assert why in capsys.readouterr().err
        assert stat.S_IFMT(os.lstat(target).st_mode) == kind


def test_validate_onto_a_full_stdout_ends_quietly_with_its_own_exit_code(doc_file):
    with open("/dev/full", "w") as full:
        r = _run("validate", doc_file, stdout=full, stderr=subprocess.PIPE)
    assert r.returncode == EXIT_OUTPUT_FAILED
    assert "Traceback" not in r.stderr and "No space left on device" in r.stderr


def test_a_closed_stdout_ends_quietly_with_its_own_exit_code():
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has left before a line is written (`traintool schema | head -0`)
    try:
        r = _run("schema", stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    assert r.returncode == EXIT_OUTPUT_FAILED
    assert r.stderr == ""


def _bad_doc(tmp_path, name, car_name="ok", extra=None):
    data = json.loads(builders.small_document().model_dump_json())
    data["consist"]["cars"][0]["name"] = car_name
    data["consist"]["cars"][0]["mass_kg"] = -1
    data.update(extra or {})
    p = tmp_path / name
    p.write_text(json.dumps(data))
    return p


def test_validate_prints_one_escaped_line_per_problem(tmp_path):
    p = _bad_doc(tmp_path, "evil\x1b[2J.consist.json", car_name="a\nb\nc\nd\ne\x1b]0;owned\x07")
    r = _run("validate", p, capture_output=True)
    assert r.returncode == 1
    lines = r.stderr.splitlines()
    assert len(lines) == 1, lines  # one problem, one line
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    assert "evil\\x1b[2J.consist.json" in lines[0] and "a\\nb\\nc\\nd\\ne\\x1b]0;owned\\x07" in lines[0]


def test_a_2_mb_key_is_not_echoed_in_full(tmp_path):
    p = _bad_doc(tmp_path, "k.consist.json", extra={"k" * 2_000_000: 1})
    r = _run("validate", p, capture_output=True)
    assert r.returncode == 1 and len(r.stderr) < 2000 and "2,000,000 characters" in r.stderr


def test_a_good_document_with_an_escape_in_its_name_is_printed_escaped(tmp_path, capsys):
    p = tmp_path / "x.consist.json"
    p.write_text(document_to_json(builders.small_document().model_copy(update={"name": "Train\x1b[31m red"})))
    assert main(["info", str(p)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and out.splitlines()[0] == "Train\\x1b[31m red"
    assert main(["validate", str(tmp_path / "new\nline.consist.json")]) == 2
    assert capsys.readouterr().err.splitlines() == [f"traintool: {tmp_path}/new\\nline.consist.json: no such file"]


def test_whatever_a_command_prints_has_its_control_characters_escaped(tmp_path, capsys):
    """The safety net: compute prints the document's and stations' names in its table."""
    p = tmp_path / "x.consist.json"
    p.write_text(document_to_json(builders.small_document().model_copy(update={"name": "Train\x1b[2J\u202e red"})))
    assert main(["compute", str(p)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "Train\\x1b[2J\\u202e red" in out
    assert out.count("\n") > 5  # the table's own lines are left as they are
