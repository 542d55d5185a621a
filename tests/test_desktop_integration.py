"""install-desktop writes the entry, icon and MIME types into the user's XDG data folder, idempotently."""
import configparser
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from traintool.cli import EXIT_NOT_WRITTEN, main
from traintool.app_paths import resources_dir


def test_install_and_uninstall_in_a_temporary_xdg_home(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["install-desktop"]) == 0
    assert main(["install-desktop"]) == 0  # idempotent
    out = capsys.readouterr().out
    desktop = tmp_path / "applications" / "traintool.desktop"
    icon = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "traintool.svg"
    mime = tmp_path / "mime" / "packages" / "traintool.xml"
    assert all(str(p) in out for p in (desktop, icon, mime))
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(desktop)
    e = entry["Desktop Entry"]
    assert e["Type"] == "Application" and e["Icon"] == "traintool" and e["Exec"].endswith(" %F")
    assert "application/x-traintool-consist+json" in e["MimeType"]
    assert ET.parse(icon).getroot().tag.endswith("svg")
    globs = [g.get("pattern") for g in ET.parse(mime).getroot().iter("{http://www.freedesktop.org/standards/shared-mime-info}glob")]
    assert globs == ["*.consist.json", "*.route.json"]
    assert main(["uninstall-desktop"]) == 0
    assert not desktop.exists() and not icon.exists() and not mime.exists()
    assert main(["uninstall-desktop"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def _exec_argv(exec_value: str, files: list[str]) -> list[str]:
    """The command a desktop runs for an Exec value, read as the Desktop Entry spec says (not as
    a shell would): the string value's escapes first (\\\\ \\n \\t \\r \\s), then arguments split at
    spaces outside double quotes, where a backslash escapes " ` $ and itself; then the field
    codes: %F the files, %f the first, %% a literal %."""
    value, i = "", 0
    while i < len(exec_value):
        c = exec_value[i]
        if c == "\\" and i + 1 < len(exec_value):
            value += {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(exec_value[i + 1], c + exec_value[i + 1])
            i += 2
        else:
            value += c
            i += 1
    args, current, quoted, started, i = [], "", False, False, 0
    while i < len(value):
        c = value[i]
        if quoted and c == "\\" and i + 1 < len(value) and value[i + 1] in '"`$\\':
            current += value[i + 1]
            i += 2
            continue
        if c == '"':
            quoted, started = not quoted, True
        elif c == " " and not quoted:
            if started:
                args.append(current)
            current, started = "", False
        else:
            current += c
            started = True
        i += 1
    assert not quoted, f"unbalanced quotes in {exec_value!r}"
    if started:
        args.append(current)
    argv = []
    for arg in args:
        if arg == "%F":
            argv += files
        elif arg == "%f":
            argv += files[:1]
        else:
            assert "%" not in arg.replace("%%", ""), f"a stray field code in {arg!r}"
            argv.append(arg.replace("%%", "%"))
    return argv


@pytest.mark.parametrize("folder", ["100% sure", "with spaces", 'quote " back \\ slash $HOME `x`', "tab\there;&|*?#()<>~"])
def test_an_install_under_an_odd_folder_name_launches(tmp_path, monkeypatch, folder):
    """The entry's Exec line, read per the spec, runs this traintool with the files, wherever it is
    installed (here: a stand-in `traintool-gui` script beside a stand-in python)."""
    from traintool import desktop_integration

    bin_dir = tmp_path / folder / "bin"
    bin_dir.mkdir(parents=True)
    record = tmp_path / "argv.json"
    script = bin_dir / "traintool-gui"  # what the desktop entry starts
    script.write_text(f"#!{sys.executable}\nimport json, sys\njson.dump(sys.argv, open({str(record)!r}, 'w'))\n")
    script.chmod(0o755)
    monkeypatch.setattr(desktop_integration.sys, "executable", str(bin_dir / "python3"))
    exec_value = next(line for line in desktop_integration.desktop_entry_text().splitlines()
                      if line.startswith("Exec="))[len("Exec="):]
    files = ["/tmp/a b.consist.json", "/tmp/50%.consist.json"]
    subprocess.run(_exec_argv(exec_value, files), check=True, timeout=60)
    assert json.loads(record.read_text()) == [str(script)] + files


@pytest.fixture
def x_display(tmp_path):
    """A real X server (Xvfb) for the test, on a display number it picks itself."""
    if shutil.which("Xvfb") is None:
        # The one test the suite skips for a missing tool, saying so in the summary (-ra).
        pytest.skip("Xvfb is not installed: `sudo apt-get install xvfb` (or tools/install-system-packages) runs it")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        display = f.readline().strip()
    assert display, "Xvfb did not start"
    yield f":{display}"
    server.terminate()
    server.wait(10)


def test_the_installed_desktop_entry_starts_traintool_on_a_real_x_display(tmp_path, monkeypatch, x_display):
    """What a double-click on a document does: run the entry's Exec line with the file, on the
    xcb platform (not offscreen); --exit-after-show quits as soon as the window is up."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["install-desktop"]) == 0
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(tmp_path / "data" / "applications" / "traintool.desktop")
    sample = str(resources_dir() / "samples" / "sleeper-train.consist.json")
    argv = _exec_argv(entry["Desktop Entry"]["Exec"], [sample]) + ["--exit-after-show"]
    assert Path(argv[0]).name == "traintool-gui"  # the windowed program (no console window on Windows)
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    env = {"DISPLAY": x_display, "PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(run),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           # the code under test, where it is not the installed one (a second checkout)
           **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"}}
    r = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "traintool:" not in r.stderr  # the file opened (a file that does not load is named on stderr)


def _install_desktop(data_home: Path, **kw) -> subprocess.CompletedProcess:
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root), XDG_DATA_HOME=str(data_home), HOME=str(data_home.parent))
    return subprocess.run([sys.executable, "-m", "traintool", "install-desktop"], env=env, capture_output=True,
                          text=True, timeout=120, **kw)


@pytest.mark.parametrize("blocked", ["applications", "icons", "data home"])
def test_install_desktop_into_a_blocked_data_folder_says_so_in_one_line(tmp_path, blocked):
    """A file where a folder must be: one line naming it, the exit code for "not written", no traceback."""
    data = tmp_path / "data"
    if blocked == "data home":
        data.write_text("a file, not a folder")
    else:
        data.mkdir()
        (data / blocked).write_text("a file, not a folder")
    r = _install_desktop(data)
    assert r.returncode == EXIT_NOT_WRITTEN, r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert "cannot be made" in r.stderr


def test_install_desktop_into_an_unwritable_data_folder_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    root = os.geteuid() == 0
    if root:  # root writes anywhere: the command runs as user nobody
        os.seteuid(65534)
    try:
        code = main(["install-desktop"])
    finally:
        if root:
            os.seteuid(0)
    err = capsys.readouterr().err
    assert code == EXIT_NOT_WRITTEN, err
    assert len(err.strip().splitlines()) == 1 and "Permission denied" in err, err
