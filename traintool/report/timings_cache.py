"""The published-timings check, kept on disk: the report quotes it, and it takes a minute or more.

The check (physics.timing_check) runs every shipped sample over its route, a range each: 20-odd
ranges of 200 samples. It depends only on what ships and on the model, not on the document, so its
figures are kept in the user's cache folder under a key made of everything they follow from: the
traintool version, the samples, the shipped data (timings, routes, samples, catalogue) and the code
of the model and the physics (a checkout's edits change the figures without a new version).

A report never computes it: the window and `traintool report` read the kept figures into the answer
(Answer.timings_check), and the report quotes them or says they are not yet computed. Computing
them is `traintool check-timings`'s, or the window's, in a process of its own after a report
(ui/files/export_report.keep_timings_check); the next report quotes them. A report made in a few
seconds that says "not yet computed" is honest; one that stalls a minute on a figure about the
model, not the document, is not worth it.

The kept file is the cache's own: one that is not a regular file (a symlink, a FIFO, a device) is
never read, and is removed before the figures are written; one that cannot be read as the figures
of these timings (garbage, another shape, too big) is taken as missing.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path

from ..model.timings import Timing
from ..physics.timing_check import CHECK_SAMPLES, ArrivalCheck, TimingCheck

MAX_KEPT_BYTES = 1_000_000  # the figures of 20-odd timings take 5 kB


def cache_file(samples: int = CHECK_SAMPLES, folder: Path | None = None) -> Path | None:
    """Where the check's figures for this data, this code and these samples are kept, in `folder` (the
    user's cache folder unless given); None if the data cannot be read to make the key."""
    from .. import __version__
    from ..app_paths import cache_dir, resources_dir

    digest = hashlib.sha256(f"{__version__} {samples}".encode())
    package = Path(__file__).resolve().parent.parent
    # Each file under its name inside its folder, in that order: the key is the same wherever the
    # checkout, the data or the installed package is.
    folders = {"resources": (resources_dir(), "**/*.json"), "model": (package / "model", "*.py"),
               "physics": (package / "physics", "*.py")}
    files = sorted((f"{name}/{p.relative_to(root).as_posix()}", p)
                   for name, (root, pattern) in folders.items() for p in root.glob(pattern))
    for key, path in files:
        try:
            digest.update(key.encode() + path.read_bytes())
        except OSError:
            return None
    return (folder or cache_dir()) / f"timings-check-{digest.hexdigest()[:20]}.json"


def kept_checks(samples: int = CHECK_SAMPLES, folder: Path | None = None) -> tuple[TimingCheck, ...] | None:
    """The check's figures as kept on disk; None if they are not (yet), or cannot be trusted."""
    from ..io import published_timings

    path = cache_file(samples, folder)
    if path is None:
        return None
    return _read(path, published_timings().timings)


def compute_and_keep(samples: int = CHECK_SAMPLES, progress: Callable[[int, int], None] | None = None,
                     folder: Path | None = None) -> tuple[TimingCheck, ...]:
    """Check every published timing (a minute or more) and keep the figures; `progress(done, all)`
    after each timing may raise to stop."""
    from ..io import load_document, published_timings, sample_paths, shipped_routes
    from ..physics.timing_check import check_timing

    timings = published_timings().timings
    routes, documents = shipped_routes(), {}
    checks = []
    for n, t in enumerate(timings):
        if t.sample not in documents:
            documents[t.sample] = load_document(sample_paths()[t.sample])
        checks.append(check_timing(t, documents[t.sample], routes[t.route_id], samples))
        if progress is not None:
            progress(n + 1, len(timings))
    keep(checks, samples, folder)
    return tuple(checks)


def keep(checks: Sequence[TimingCheck], samples: int = CHECK_SAMPLES, folder: Path | None = None) -> bool:
    """Keep the figures of a check of every published timing; False if there is no place to (the next
    report says the check is not yet computed)."""
    from ..errors import SaveError
    from ..io.safe_write import private_folder, write_file

    path = cache_file(samples, folder)
    if path is None:
        return False
    rows = [{"id": c.timing.id, "value_s": c.value_s, "verdict": c.verdict,
             "arrival": None if c.arrival is None else c.arrival.to_row(),
             "range_s": None if c.range_s is None else {"p5": c.range_s.p5, "p50": c.range_s.p50, "p95": c.range_s.p95}}
            for c in checks]
    try:
        private_folder(path.parent)
        _clear_the_way(path)
        write_file(path, json.dumps(rows).encode(), private=True, follow_symlinks=False)
    except (SaveError, OSError):
        return False
    return True


def _clear_the_way(path: Path) -> None:
    """Remove what is at `path` if it is not a regular file (a symlink is removed, never followed):
    the folder is the cache's own, private, and the file's name is ours."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        os.unlink(path)


def _read(path: Path, timings: Sequence[Timing]) -> tuple[TimingCheck, ...] | None:
    from ..errors import TraintoolError
    from ..io.files import parse_json, read_bytes
    from ..physics.ranges import Percentiles

    def seconds(x: object) -> float:
        if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x) or x < 0:
            raise ValueError(f"not a duration: {x!r}")
        return float(x)
    try:
        if os.path.islink(path):
            return None  # not the cache's own file
        # No FIFO, device or huge file: refused, never waited on; strict JSON (no NaN, no key twice).
        data = parse_json(read_bytes(path, limit=MAX_KEPT_BYTES), str(path))
        by_id = {t.id: t for t in timings}
        out = []
        for row in data:
            p, value, verdict = row["range_s"], row["value_s"], row["verdict"]
            if not isinstance(verdict, str):
                raise ValueError(f"not a verdict: {verdict!r}")
            arrival = row.get("arrival")
            out.append(TimingCheck(by_id[row["id"]], None if value is None else seconds(value),
                                   None if p is None else Percentiles(seconds(p["p5"]), seconds(p["p50"]), seconds(p["p95"])),
                                   verdict, None if arrival is None else ArrivalCheck.from_row(arrival)))
        return tuple(out) if sorted(c.timing.id for c in out) == sorted(by_id) else None
    except (TraintoolError, OSError, ValueError, KeyError, TypeError):  # garbage: computed again, never trusted
        return None
