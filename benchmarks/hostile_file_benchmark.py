"""Peak memory and time to refuse (or load) the worst documents of at most 50 MB.

Each file is loaded by `traintool validate` in a process of its own, whose peak resident memory
(ru_maxrss of the child) and wall time are printed. Target: at most about 1 GB for any file under
the 50 MB limit, and the first few problems reported, never millions.

Run:  python benchmarks/hostile_file_benchmark.py [FOLDER] [--quick]   (FOLDER: where the files are made;
default a temp dir. --quick: each case at a hundredth of its size; it checks the script still runs.)
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import builders  # noqa: E402


def _base() -> dict:
    return json.loads(builders.small_document().model_dump_json())


def bad_dwell_overrides(scale: float = 1.0) -> dict:
    n = int(4_000_000 * scale)
    doc = _base()
    doc["scenario"]["dwell_overrides_s"] = {str(i): -1 for i in range(n)}
    return doc


def bad_cars(scale: float = 1.0) -> dict:
    n = int(100_000 * scale)
    doc = _base()
    # Every field of every car wrong: 16 errors a car, 1.6 million in all.
    bad = {"type_id": "?", "name": 1, "length_m": -1, "mass_kg": -1, "axles": 99, "max_speed_m_s": -1,
           "armored": "x", "gauge_change": "x", **{f"k{i}": 0 for i in range(8)}}
    doc["consist"]["cars"] = [bad] * n
    return doc


def huge_key(scale: float = 1.0) -> dict:
    doc = _base()
    doc["k" * int(10_000_000 * scale)] = 1
    return doc


def empty_objects(scale: float = 1.0) -> list:
    return [{}] * int(8_000_000 * scale)  # 24 MB of "{}, "


def many_strings(scale: float = 1.0) -> list:
    return ["ab"] * int(8_000_000 * scale)


CASES = {"4 million bad dwell_overrides_s": bad_dwell_overrides, "100,000 bad cars": bad_cars,
         "a 10 MB unknown key": huge_key, "8 million empty objects": empty_objects, "8 million strings": many_strings}


def measure(path: Path) -> tuple[float, float, int, int]:
    """(seconds, peak MB of the child, exit code, lines on stderr)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "traintool", "validate", str(path)], capture_output=True, text=True)
    dt = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest of any child so far: the files run largest-last is not
    # guaranteed, so each case runs in a fresh interpreter below.
    return dt, max(peak, before) / 1024, r.returncode, len(r.stderr.splitlines())


def main() -> None:
    quick = "--quick" in sys.argv
    argv = [a for a in sys.argv if a != "--quick"]
    if len(argv) > 2 and argv[1] == "--one":
        folder, name = Path(argv[2]), argv[3]
        path = folder / "case.consist.json"
        path.write_text(json.dumps(CASES[name](0.01 if quick else 1.0), separators=(",", ":")))
        size = path.stat().st_size
        dt, peak, rc, lines = measure(path)
        print(f"{name:<34} {size / 2**20:6.1f} MiB  exit {rc}  {lines:3d} lines  {dt:6.2f} s  peak {peak:7.0f} MB")
        return
    folder = Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp(prefix="traintool-hostile-"))
    for name in CASES:  # one process per case: ru_maxrss of children is a running maximum
        subprocess.run([sys.executable, __file__, "--one", str(folder), name] + (["--quick"] if quick else []),
                       check=True)
    os.unlink(folder / "case.consist.json")


if __name__ == "__main__":
    main()
