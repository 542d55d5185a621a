"""A save that the system refuses (a full disk, a read-only folder, a file-size limit) says so,
naming the file and the reason, and leaves the old file as it was and no temporary file behind."""
import errno
import os
import subprocess
import sys

import pytest

from traintool.errors import SaveError
from traintool.io import default_document, load_document, save_document
from traintool.io import files as io_files


def _leftovers(folder):
    return [f for f in os.listdir(folder) if f.endswith(".tmp")]


def test_a_full_disk_says_so_and_keeps_the_old_file(tmp_path, small_document, monkeypatch):
    path = tmp_path / "t.consist.json"
    save_document(small_document, path)
    before = path.read_bytes()

    def no_space(fd):
        # Where a full disk shows on file systems with delayed allocation (ext4, xfs): at fsync.
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(io_files.os, "fsync", no_space)
    with pytest.raises(SaveError) as e:
        save_document(default_document(), path)
    assert str(path) in str(e.value) and "No space left on device" in str(e.value)
    assert path.read_bytes() == before and _leftovers(tmp_path) == []


def test_a_write_cut_short_by_the_kernel_keeps_the_old_file(tmp_path, small_document):
    """A real short write: the process may not write more than 4 KiB to a file (RLIMIT_FSIZE)."""
    path = tmp_path / "t.consist.json"
    save_document(small_document, path)
    before = path.read_bytes()
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write with EFBIG instead of killing us\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "from traintool.errors import SaveError\n"
        "from traintool.io import default_document, save_document\n"
        "try:\n"
        "    save_document(default_document(), sys.argv[1])\n"
        "except SaveError as e:\n"
        "    print(e)\n"
        "    sys.exit(3)\n")
    r = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 3, r.stderr
    assert str(path) in r.stdout and "File too large" in r.stdout
    assert path.read_bytes() == before and _leftovers(tmp_path) == []
    assert len(default_document().model_dump_json()) > 4096  # so the limit did cut it


def test_a_read_only_folder_says_so_and_keeps_the_old_file(read_only_folder):
    before = read_only_folder.document.read_bytes()
    # Read before the block: as nobody, a checkout in a private folder (root's 0700 home) is out of reach.
    document = default_document()
    with read_only_folder.denied(), pytest.raises(SaveError) as e:
        save_document(document, read_only_folder.document)
    assert str(read_only_folder.document) in str(e.value) and "Permission denied" in str(e.value)
    assert read_only_folder.document.read_bytes() == before
    assert _leftovers(read_only_folder.folder) == []
    assert len(load_document(read_only_folder.document).consist.cars) == 10
