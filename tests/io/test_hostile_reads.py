"""Reading what a hostile or careless user hands traintool: FIFOs, devices, files that lie about
their size, millions of errors, megabyte keys. Each is refused (or loaded) promptly, naming the
file, with the first few problems only.

The FIFO and device cases run in a child process with a timeout and a memory limit: before the
fix they hung or grew to gigabytes, and a test must fail, not take the machine with it."""
import json
import os
import resource
import subprocess
import sys

import pytest

from traintool.errors import DocumentError
from traintool.io import MAX_FILE_BYTES, load_document
from traintool.io.files import MAX_MAP_ENTRIES, SLICE, read_bytes
import builders

GUARD_S = 120  # a safety net against a hang, not a timing


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _traintool(*args, timeout=GUARD_S):
    return subprocess.run([sys.executable, "-m", "traintool", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, preexec_fn=_limit_memory)


@pytest.mark.parametrize("command", [["validate"], ["compute"], ["info"], ["compute", "--route"]])
def test_a_fifo_is_refused_at_once_by_every_command(tmp_path, command):
    fifo = tmp_path / "x.consist.json"
    os.mkfifo(fifo)
    if command[-1] == "--route":  # a good document, the FIFO as its route file
        doc = tmp_path / "good.consist.json"
        doc.write_text(builders.small_document().model_dump_json())
        args = [command[0], doc, "--route", tmp_path / "r.route.json"]
        fifo.rename(tmp_path / "r.route.json")
    else:
        args = [*command, fifo]
    r = _traintool(*args)
    assert r.returncode in (1, 2)
    assert "not a regular file" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_an_endless_device_is_refused_without_reading_it(tmp_path, device):
    link = tmp_path / "x.consist.json"
    link.symlink_to(device)
    r = _traintool("validate", link)
    assert r.returncode == 1
    assert str(link) in r.stderr and "not a regular file" in r.stderr
    with pytest.raises(DocumentError, match="not a regular file"):
        load_document(link)


def test_a_socket_is_refused(tmp_path):
    import socket

    path = tmp_path / "x.consist.json"
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    try:
        with pytest.raises(DocumentError, match="not a regular file"):
            load_document(path)
    finally:
        s.close()


def test_the_reader_never_reads_past_its_limit(tmp_path):
    """The size the file claims is not trusted: the reader stops at limit + 1 bytes."""
    p = tmp_path / "f.json"
    p.write_bytes(b" " * 5000)
    assert len(read_bytes(p, limit=5000)) == 5000
    with pytest.raises(DocumentError, match="over the"):
        read_bytes(p, limit=4999)
    assert MAX_FILE_BYTES == 50 * 2**20


def _with_cars(tmp_path, cars):
    data = json.loads(builders.small_document().model_dump_json())
    data["consist"]["cars"] = cars
    p = tmp_path / "x.consist.json"
    p.write_text(json.dumps(data))
    return p


def test_100000_bad_cars_report_the_first_few_problems_and_stop_early(tmp_path):
    bad = {"type_id": "coach", "length_m": -1, "mass_kg": -1, "axles": 99, "armored": "x", "extra": 1}
    p = _with_cars(tmp_path, [bad] * 100_000)
    with pytest.raises(DocumentError) as e:
        load_document(p)
    lines = str(e.value).splitlines()
    assert len(lines) <= 6
    assert lines[0] == f"{p}: consist.cars[0].length_m (car 1, coach): Input should be greater than 0"
    more = int(lines[-1].split()[2].replace(",", ""))
    assert more < 5 * SLICE  # the errors of one slice of 1,000 cars, not of all 100,000 (500,000)


def test_a_bad_car_after_the_first_slice_is_named_by_its_position(tmp_path):
    cars = [{"type_id": "coach"}] * 5000
    cars = cars[:3456] + [{"type_id": "coach", "mass_kg": -5, "name": "Bad one"}] + cars[3457:]
    with pytest.raises(DocumentError) as e:
        load_document(_with_cars(tmp_path, cars))
    assert "consist.cars[3456].mass_kg (car 3457, Bad one): Input should be greater than 0" in str(e.value)
    good = load_document(_with_cars(tmp_path, [{"type_id": "coach", "name": f"c{i}"} for i in range(2500)]))
    assert [c.name for c in good.consist.cars] == [f"c{i}" for i in range(2500)]


def test_millions_of_dwell_overrides_are_refused_by_their_count(tmp_path):
    data = json.loads(builders.small_document().model_dump_json())
    data["scenario"]["dwell_overrides_s"] = {str(i): -1 for i in range(MAX_MAP_ENTRIES + 1)}
    p = tmp_path / "x.consist.json"
    p.write_text(json.dumps(data))
    with pytest.raises(DocumentError) as e:
        load_document(p)
    assert str(e.value) == (f"{p}: scenario.dwell_overrides_s: {MAX_MAP_ENTRIES + 1:,} entries, more than the "
                            f"{MAX_MAP_ENTRIES:,} a route can have stations")


def test_a_10_mb_unknown_key_is_cut_to_a_readable_length(tmp_path):
    data = json.loads(builders.small_document().model_dump_json())
    data["k" * 10_000_000] = 1
    p = tmp_path / "x.consist.json"
    p.write_text(json.dumps(data))
    with pytest.raises(DocumentError) as e:
        load_document(p)
    message = str(e.value)
    assert len(message) < 1000 and "Extra inputs are not permitted" in message and "10,000,000 characters" in message


def test_control_characters_in_names_and_paths_are_escaped_in_one_line(tmp_path):
    p = tmp_path / "evil\x1b]0;pwned\x07.consist.json"
    p.write_text(json.dumps({**json.loads(builders.small_document().model_dump_json()),
                             "consist": {"cars": [{"type_id": "coach", "name": "line1\nline2\x1b[31m", "axles": 1}]}}))
    with pytest.raises(DocumentError) as e:
        load_document(p)
    message = str(e.value)
    assert "\x1b" not in message and "\x07" not in message and "\n" not in message
    assert "evil\\x1b]0;pwned\\x07" in message and "line1\\nline2\\x1b[31m" in message


def test_a_route_of_millions_of_bad_breaks_of_gauge_stops_at_the_first_slice(tmp_path):
    from builders import gauge_route
    from traintool.io import load_route, route_to_json

    data = json.loads(route_to_json(gauge_route()))
    data["breaks_of_gauge"] = [{"station": 5}] * 300_000
    p = tmp_path / "r.route.json"
    p.write_text(json.dumps(data))
    with pytest.raises(DocumentError) as e:
        load_route(p)
    lines = str(e.value).splitlines()
    assert lines[0].startswith(f"{p}: breaks_of_gauge[0].station") and len(lines) <= 6
    assert int(lines[-1].split()[2].replace(",", "")) < 3 * SLICE


@pytest.mark.parametrize("system_file", ["/proc/self/status", "/sys/kernel/mm/transparent_hugepage/enabled",
                                         "/proc/self/mountinfo"])
def test_a_file_of_the_kernel_is_refused_by_kind_before_any_read(tmp_path, system_file):
    """/proc and /sys hold "regular files" that block for ever (/proc/kmsg, tried in a process of its
    own below) or never end: refused by the file system they are on, under any name."""
    if not os.path.exists(system_file):
        pytest.skip(f"{system_file} is not on this system")
    link = tmp_path / "plan.consist.json"
    link.symlink_to(system_file)
    with pytest.raises(DocumentError, match=r"a file of the system \((proc|sysfs)\)"):
        read_bytes(link)


def test_validate_answers_at_once_for_a_link_to_the_kernels_messages(tmp_path):
    """`ln -s /proc/kmsg plan.consist.json; traintool validate plan.consist.json` blocked for ever."""
    import subprocess
    import sys

    if not os.path.exists("/proc/kmsg"):
        pytest.skip("no /proc/kmsg here")
    (tmp_path / "plan.consist.json").symlink_to("/proc/kmsg")
    r = subprocess.run([sys.executable, "-m", "traintool", "validate", "plan.consist.json"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "a file of the system (proc)" in r.stderr + r.stdout


def test_a_mount_of_proc_elsewhere_is_refused_too(tmp_path):
    """By kind, not by name: /proc mounted under another folder is still the kernel's."""
    import subprocess

    where = tmp_path / "elsewhere"
    where.mkdir()
    if subprocess.run(["mount", "-t", "proc", "proc", str(where)], capture_output=True).returncode != 0:
        pytest.skip("cannot mount here (needs root)")
    try:
        with pytest.raises(DocumentError, match=r"system \(proc\)"):
            read_bytes(where / "self" / "status")
    finally:
        subprocess.run(["umount", str(where)], capture_output=True)


def test_an_ordinary_file_is_no_system_file(tmp_path):
    from traintool.io.files import system_file_kind

    p = tmp_path / "x.json"
    p.write_text("{}")
    fd = os.open(p, os.O_RDONLY)
    try:
        assert system_file_kind(fd, os.fstat(fd)) is None
    finally:
        os.close(fd)


def test_the_size_limit_is_said_in_mib(tmp_path):
    p = tmp_path / "big.consist.json"
    p.write_bytes(b" " * (3 * 2**20 + 1))
    with pytest.raises(DocumentError, match=r"over the 3 MiB limit"):
        read_bytes(p, limit=3 * 2**20)
