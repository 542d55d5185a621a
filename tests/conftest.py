"""Shared fixtures. Tests never need a display: Qt runs on the offscreen platform."""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QStandardPaths  # noqa: E402

QStandardPaths.setTestModeEnabled(True)  # what a test writes (autosave, crash logs, kept figures) stays out of the user's folders

import pytest  # noqa: E402

import builders  # noqa: E402
from mounts import tmpfs, unmount  # noqa: E402
from traintool.model import Document  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _one_qapplication(qapp):
    """The session's QApplication comes first, whichever test runs first. Otherwise a command run
    in-process (a report) makes a bare QGuiApplication, and a window test after it aborts the run."""
    return qapp


@pytest.fixture
def small_document() -> Document:
    return builders.small_document()


class ReadOnlyFolder:
    """A folder the test may not write into, holding `document`, a file already saved there.

    Root ignores file permissions, so for root `denied()` also drops the effective user to
    nobody for its block (the real user stays root, so it can come back).
    """

    def __init__(self, folder, document):
        self.folder, self.document = folder, document

    def denied(self):
        import contextlib

        @contextlib.contextmanager
        def block():
            if os.geteuid() != 0:
                yield
                return
            os.seteuid(65534)
            try:
                yield
            finally:
                os.seteuid(0)

        return block()


@pytest.fixture
def read_only_folder(small_document):
    import shutil
    import tempfile
    from pathlib import Path

    from traintool.io import save_document

    base = Path(tempfile.mkdtemp(prefix="traintool-ro-"))  # not under tmp_path: nobody must reach it
    base.chmod(0o755)
    folder = base / "read-only"
    folder.mkdir()
    document = folder / "train.consist.json"
    save_document(small_document, document)
    document.chmod(0o644)
    folder.chmod(0o555)
    yield ReadOnlyFolder(folder, document)
    folder.chmod(0o755)
    shutil.rmtree(base)


# Hypothesis: under CI a fixed seed (derandomize), so a submission never fails by chance; locally
# it explores, and every failure it finds becomes an @example next to its test.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, max_examples=120, deadline=None, print_blob=True)
_hypothesis_settings.register_profile("dev", max_examples=120, deadline=None)
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def as_another_user():
    """A context manager running its block as user nobody (65534), as another user on the machine
    would: only root can become someone else, so elsewhere the test is skipped (CI runs as root)."""
    import contextlib

    if os.geteuid() != 0:
        pytest.skip("needs root to act as a second user (CI runs as root)")

    @contextlib.contextmanager
    def block():
        os.setegid(65534)
        os.seteuid(65534)
        try:
            yield
        finally:
            os.seteuid(0)
            os.setegid(0)

    return block


@pytest.fixture
def small_tmpfs(tmp_path):
    """A real file system of 4 MiB (room for a whole report) that fills up (tmpfs, mounted as root), or a skip saying why."""
    mount = tmpfs(tmp_path / "small-disk", "size=4m")
    yield mount
    unmount(mount)


def fill_up(folder, leave: int = 0):
    """Fill the file system of `folder` until `leave` bytes (about) remain; returns the filler file."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass  # full
    finally:
        os.close(fd)
    size = filler.stat().st_size
    os.truncate(filler, max(size - leave, 0))
    return filler

# How long a test waits for a report written in the background: the first report after a change of
# the shipped data or the code checks every published timing (minutes on a busy machine), later ones
# read that check from disk (seconds).
REPORT_WAIT_MS = 600_000
