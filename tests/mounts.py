"""Real file systems for tests of full and read-only disks: a tmpfs mounted as root (as CI runs)."""
import os
import subprocess
from pathlib import Path

import pytest


def tmpfs(folder: Path, options: str) -> Path:
    """Mount a tmpfs with `options` (e.g. "size=4m", "ro,size=1m") on the new folder `folder`, or skip
    saying why (only root can mount; root ignores a folder's permissions, not a read-only file system)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a file system needs root (CI runs as root)")
    folder.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a file system here: {r.stderr.strip()}")
    return folder


def unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], check=False)
