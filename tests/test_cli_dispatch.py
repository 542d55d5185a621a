"""From a terminal, `traintool WORD` is a command, or a file to open in the window: anything else is
said so on stderr with exit code 2 (and the nearest command), and no window opens."""
import contextlib
import io
import os
import string
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from traintool.cli import COMMANDS, EXIT_BAD_INPUT, main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "armored-train.consist.json"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    # A fresh interpreter: it shows whether Qt (and so a window) was loaded at all.
    code = ("import sys; from traintool.cli import main; rc = main(sys.argv[1:]);"
            "print('Qt loaded' if 'PySide6.QtWidgets' in sys.modules else 'no Qt'); sys.exit(rc)")
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "QT_QPA_PLATFORM": "offscreen",
                               "XDG_RUNTIME_DIR": str(cwd),
                               # the code under test, where it is not the installed one (a second checkout)
                               **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"}})


def test_a_mistyped_command_is_named_with_the_nearest_command_and_no_window_opens(tmp_path):
    r = _run("comptue", str(SAMPLE), cwd=tmp_path)
    assert r.returncode == EXIT_BAD_INPUT
    assert r.stderr.strip() == "traintool: 'comptue' is neither a command nor a file; did you mean `traintool compute`?"
    assert r.stdout.strip() == "no Qt"


def test_a_word_like_no_command_lists_the_commands(tmp_path):
    r = _run("frobnicate", cwd=tmp_path)
    assert r.returncode == EXIT_BAD_INPUT
    assert "'frobnicate' is neither a command nor a file" in r.stderr
    assert all(c in r.stderr for c in COMMANDS)
    assert r.stdout.strip() == "no Qt"


def test_the_issues_own_typo_names_the_command_it_meant(tmp_path):
    r = _run("check-timingz", cwd=tmp_path)
    assert r.returncode == EXIT_BAD_INPUT
    assert "'check-timingz' is neither a command nor a file" in r.stderr and "check-timings" in r.stderr
    assert r.stdout.strip() == "no Qt"


def test_a_missing_file_after_an_existing_one_is_named_and_no_window_opens(tmp_path):
    r = _run(str(SAMPLE), "gone.consist.json", cwd=tmp_path)
    assert r.returncode == EXIT_BAD_INPUT
    assert r.stderr.strip() == "traintool: no such file: 'gone.consist.json'"
    assert r.stdout.strip() == "no Qt"


def test_an_existing_file_opens_the_window(tmp_path):
    r = _run(str(SAMPLE), "--exit-after-show", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Qt loaded" and "traintool:" not in r.stderr


def test_a_file_named_like_a_typo_is_still_a_file(tmp_path):
    (tmp_path / "comptue").write_bytes(SAMPLE.read_bytes())
    r = _run("comptue", "--exit-after-show", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "Qt loaded"


WORDS = st.text(string.ascii_letters + string.digits + "-_.", min_size=1, max_size=30).filter(
    lambda w: not w.startswith("-") and w not in COMMANDS and w not in (".", ".."))


@settings(max_examples=200, deadline=None)
@given(word=WORDS)
def test_any_first_word_neither_command_nor_file_exits_2_naming_it(word):
    err = io.StringIO()
    with tempfile.TemporaryDirectory() as empty, contextlib.chdir(empty), contextlib.redirect_stderr(err):
        assert main([word]) == EXIT_BAD_INPUT
    assert err.getvalue().startswith(f"traintool: {word!r} is neither a command nor a file;")
    assert err.getvalue().count("\n") == 1  # one line
