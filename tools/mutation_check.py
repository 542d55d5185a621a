"""A mutation check of the physics, the edits and the units: does some test fail when the code is wrong?

Each mutant below is one small, plausible mistake (a sign, a bound, a factor, a forgotten term)
written by hand. The script copies the checkout to a temporary folder, checks that the tests pass
there unmutated, then applies one mutant at a time to the copy, runs the tests that cover that
module (stopping at the first failure) and puts the file back. A mutant is killed when a test
fails, and survives when they all pass. The score is the share of mutants killed.

Equivalent mutants (changes no test can see because the program's behaviour does not change)
are listed apart, each with the reason, and are not run or counted.

Run from the checkout:  python tools/mutation_check.py [--only ID ...] [--list]
Exits 1 if fewer than 90 % of the mutants are killed (or the unmutated tests fail).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_SCORE = 0.90

RESISTANCE = "traintool/physics/resistance.py"
TRACTION = "traintool/physics/traction.py"
RUNNING = "traintool/physics/running.py"
REFIT = "traintool/physics/refit.py"
EDITS = "traintool/model/edits.py"
SCENARIO = "traintool/model/scenario.py"
QUANTITIES = "traintool/quantities.py"
UNITS = "traintool/units.py"

# The tests run for a mutant of each module: those that exercise it, fast enough to run per mutant.
PHYSICS_TESTS = ["tests/physics/test_resistance.py", "tests/physics/test_running.py", "tests/physics/test_trip.py",
                 "tests/physics/test_properties.py"]
TESTS = {
    RESISTANCE: PHYSICS_TESTS,
    TRACTION: PHYSICS_TESTS,
    RUNNING: PHYSICS_TESTS,
    REFIT: ["tests/physics/test_refit.py", "tests/physics/test_trip.py"],
    EDITS: ["tests/model/test_edits.py", "tests/model/test_consist_edits.py", "tests/model/test_edit_stretch.py",
            "tests/model/test_edits_state_machine.py"],
    SCENARIO: ["tests/model/test_facility_in_force.py", "tests/model/test_edits.py"],
    QUANTITIES: ["tests/test_quantities.py", "tests/model/test_edits.py"],
    UNITS: ["tests/test_units.py", "tests/model/test_consist_figures.py", "tests/io/test_csv_export.py",
            "tests/model/test_edits.py"],
}


@dataclass(frozen=True)
class Mutant:
    id: str
    path: str
    old: str  # occurs exactly once in the file
    new: str
    why: str = ""  # for an equivalent mutant: why no test can tell it apart


MUTANTS = [
    # --- resistance
    Mutant("R1", RESISTANCE, "return self.a + v * (self.b + self.c * v)", "return self.a + v * (self.b + self.c)"),
    Mutant("R2", RESISTANCE, "davis_si(mass / SHORT_TON, axles,", "davis_si(mass / 1000.0, axles,"),
    Mutant("R3", RESISTANCE, "a.davis_axle_lb * axles", "a.davis_axle_lb * short_tons"),
    Mutant("R4", RESISTANCE, "c=a.davis_k * air_units * LBF / MPH**2", "c=a.davis_k * air_units * LBF / MPH"),
    Mutant("R5", RESISTANCE, "a.lead_air_factor + (count - 1)", "a.lead_air_factor + count"),
    Mutant("R6", RESISTANCE, "gradient_permille / 1000.0", "gradient_permille / 100.0"),
    Mutant("R7", RESISTANCE, "a.curve_resistance_k / radius_m", "a.curve_resistance_k * radius_m"),
    Mutant("R8", RESISTANCE, "a.lead_air_factor if leading else 1.0", "1.0 if leading else a.lead_air_factor"),
    # --- traction
    Mutant("T1", TRACTION, "key=lambda fp: fp[1] / fp[0]", "key=lambda fp: fp[0] / fp[1]"),
    Mutant("T2", TRACTION, "return (self.power_below[k] / v if k else 0.0) + self.force_above[k]",
           "return (self.power_below[k] * v if k else 0.0) + self.force_above[k]"),
    Mutant("T3", TRACTION, "(min(a.adhesion_coefficient * c.mass_kg * G,", "(max(a.adhesion_coefficient * c.mass_kg * G,"),
    Mutant("T4", TRACTION, "not c.is_locomotive or c.type.gauge_mm == gauge_mm",
           "not c.is_locomotive or c.type.gauge_mm != gauge_mm"),
    Mutant("T5", TRACTION, "max_speed_m_s=min((c.max_speed_m_s", "max_speed_m_s=max((c.max_speed_m_s"),
    Mutant("T6", TRACTION, "fixed = grade_force(train.mass_kg, gradient_permille + curve_permille_)",
           "fixed = grade_force(train.mass_kg, gradient_permille)"),
    Mutant("T7", TRACTION, "effective_mass_kg=train.mass_kg * a.rotating_mass_factor,",
           "effective_mass_kg=train.mass_kg,"),
    Mutant("T8", TRACTION, "return self.traction(v) - self.resistance(v)", "return self.traction(v) + self.resistance(v)"),
    Mutant("T9", TRACTION, "k = bisect.bisect_right(self.knees, v)", "k = bisect.bisect_left(self.knees, v)",
           why="the two differ only at v exactly on a knee P/F, where P/v and F are the same force"),
    # --- running
    Mutant("U1", RUNNING, "math.sqrt(ends[j] ** 2 + 2.0 * b * (seg.end_m", "math.sqrt(ends[j] ** 2 + b * (seg.end_m"),
    Mutant("U2", RUNNING, "ends[j] = min(seg.limit_m_s, allowed_next_start)", "ends[j] = seg.limit_m_s"),
    Mutant("U3", RUNNING, "dx = h * m * (v0 / f0 + 4.0 * vm / fm + v1 / f1)", "dx = h * m * (v0 / f0 + 2.0 * vm / fm + v1 / f1)"),
    Mutant("U4", RUNNING, "dt = h * m * (1.0 / f0 + 4.0 / fm + 1.0 / f1)", "dt = h * m * (1.0 / f0 + 4.0 / fm)"),
    Mutant("U5", RUNNING, "run.t += (to_m - run.x) / run.v", "run.t += (to_m - run.x) / cap"),
    Mutant("U6", RUNNING, "    run.t += (v - v_end) / b\n", "    run.t += (v - v_end) / (2.0 * b)\n"),
    Mutant("U7", RUNNING, "hold = cap if vbal is None else min(vbal, cap)", "hold = cap"),
    Mutant("U8", RUNNING, "return x1 - (d if d > 0.0 else 0.0) / b2", "return x1 - (d if d > 0.0 else 0.0) / b"),
    Mutant("U9", RUNNING, "- (a + v * (b + c * v))", "- (a + v * (b + c))"),
    Mutant("U10", RUNNING, 'x1, brake_from, cap, out) == "target":\n                raise Stall',
           'x1, brake_from, cap, out) == "end":\n                raise Stall'),
    Mutant("U11", RUNNING, "    return lo  # the net force is still positive here",
           "    return hi  # the net force is still positive here",
           why="the loop ends with hi - lo at most 1e-12 of v_max: the two bounds give the same trip to far "
               "below any tolerance, and the held speed stays within BALANCE_GAP of either"),
    # --- refit
    Mutant("F1", REFIT, "RefitMethod.GAUGE_CHANGER: frozenset({GaugeChange.VARIABLE_GAUGE})",
           "RefitMethod.GAUGE_CHANGER: frozenset({GaugeChange.BOGIE_EXCHANGE})"),
    Mutant("F2", REFIT, "c.length_m > facility.track_length_m + _EPS", "c.length_m > facility.track_length_m - _EPS"),
    Mutant("F3", REFIT, "start = max(shunter, track_free)", "start = track_free"),
    Mutant("F4", REFIT, "shunter = start + s\n", "shunter = start\n"),
    Mutant("F5", REFIT, "        if k and over:", "        if over:"),
    Mutant("F6", REFIT, "t = sum(c.length_m for c in going) / facility.changer_speed_m_s",
           "t = sum(c.length_m for c in going) * facility.changer_speed_m_s"),
    Mutant("F7", REFIT, "cuts = min(facility.tracks, len(going))", "cuts = facility.tracks"),
    Mutant("F8", REFIT, "        t += d\n\n    return RefitResult", "\n    return RefitResult"),
    Mutant("F9", REFIT, "critical[COUPLE] += c * cut_cars[i]", "critical[COUPLE] += c"),
    Mutant("F10", REFIT, "    if going:\n        whole_train.append((BRAKE", "    if has_loco:\n        whole_train.append((BRAKE"),
    Mutant("F11", REFIT, "math.ceil(cuts / facility.tracks)", "math.floor(cuts / facility.tracks)",
           why="a lower bound that is lower still bounds every schedule: plan_cuts only stops its walk "
               "later, and picks the same quickest plan"),
    # --- edits
    Mutant("E1", EDITS, "bad = [i for i in sel if not 0 <= i < n]", "bad = [i for i in sel if not 0 <= i <= n]"),
    Mutant("E2", EDITS, "selection = (min(sel[0], len(cars) - 1),) if cars else ()", "selection = (sel[0],) if cars else ()"),
    Mutant("E3", EDITS, "before = sum(1 for i in sel if i < target)", "before = sum(1 for i in sel if i <= target)"),
    Mutant("E4", EDITS, "if at == sel[0] and sel == list(range(sel[0], sel[0] + len(sel))):", "if at == sel[0]:"),
    Mutant("E5", EDITS, "for i, j in zip(sel, reversed(sel)):", "for i, j in zip(sel, sel):"),
    Mutant("E6", EDITS, "target = sel[0] - 1 if step < 0 else sel[-1] + 2", "target = sel[0] - 1 if step < 0 else sel[-1] + 1"),
    Mutant("E7", EDITS, "wider = Range(low=min(r.low, value), high=max(r.high, value)",
           "wider = Range(low=r.low, high=max(r.high, value)"),
    Mutant("E8", EDITS, "        dwell.pop(station, None)\n", "        dwell[station] = 0.0\n"),
    Mutant("E9", EDITS, "stretch = (sel[0], sel[-1] + 1, sel[-1] + 1 - len(sel))", "stretch = (sel[0], sel[-1] + 1, sel[-1] + 1)"),
    Mutant("E10", SCENARIO, "return self.facility_overrides.get(brk.station, brk.facility)", "return brk.facility"),
    # --- how a figure is shown
    Mutant("Q1", QUANTITIES, "        return si / 60.0\n", "        return si / 3600.0\n"),
    Mutant("Q2", QUANTITIES, 'text = "0" if text == "-0" else text', "text = text"),
    Mutant("Q3", QUANTITIES, '        return "pace"\n', '        return "duration"\n'),
    Mutant("Q4", QUANTITIES, "return si * units.distance_to_si(1.0) / KM", "return si * KM / units.distance_to_si(1.0)"),
    Mutant("Q5", QUANTITIES, "return shown * KM / units.distance_to_si(1.0)", "return shown / KM"),
    Mutant("Q6", QUANTITIES, '"pace": f"min/100 {units.distance_unit}"', '"pace": "min/100 km"'),
    Mutant("Q7", QUANTITIES, '        return "percent"\n', '        return "plain"\n'),
    Mutant("Q8", QUANTITIES, 'if field.endswith("_percent"):', 'if field.endswith("_per_cent"):'),
    # --- units
    Mutant("N1", UNITS, "minutes = int(round(s / 60.0))", "minutes = int(s / 60.0)"),
    Mutant("N2", UNITS, "    if h >= DURATION_DAYS_FROM_H:", "    if h > DURATION_DAYS_FROM_H:"),
    Mutant("N3", UNITS, 'sign = "−" if seconds < 0 else ""', 'sign = ""'),
    Mutant("N4", UNITS, "return v_ms / (KMH if self is UnitSystem.METRIC else MPH)",
           "return v_ms * (KMH if self is UnitSystem.METRIC else MPH)"),
    Mutant("N5", UNITS, "return x_m if self is UnitSystem.METRIC else x_m / FOOT",
           "return x_m if self is UnitSystem.METRIC else x_m * FOOT"),
    Mutant("N6", UNITS, "return x * (TONNE if self is UnitSystem.METRIC else SHORT_TON)", "return x * TONNE"),
    Mutant("N7", UNITS, "    if s < 60:", "    if s < 30:"),
    Mutant("N8", UNITS, 'DECIMALS = {"length": (2, 1),', 'DECIMALS = {"length": (1, 1),'),
    Mutant("N9", UNITS, "return x * (KW if self is UnitSystem.METRIC else HP)", "return x * KW"),
    Mutant("N10", UNITS, 'return f"{ratio:.2f} {self.power_unit}', 'return f"{ratio:.1f} {self.power_unit}'),
]


def copy_checkout(to: Path) -> None:
    for name in ("traintool", "tests", "resources", "benchmarks", "tools"):
        shutil.copytree(ROOT / name, to / name, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
    shutil.copy(ROOT / "pyproject.toml", to)


def run_tests(checkout: Path, tests: list[str]) -> bool:
    """True when every test passes."""
    env = {**os.environ, "PYTHONPATH": str(checkout), "QT_QPA_PLATFORM": "offscreen", "HYPOTHESIS_PROFILE": "ci",
           "PYTHONDONTWRITEBYTECODE": "1"}
    r = subprocess.run([sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                        *tests], cwd=checkout, env=env, capture_output=True, text=True, timeout=1800)
    return r.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run only these mutant ids")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args()
    live = [m for m in MUTANTS if not m.why and (not args.only or m.id in args.only)]
    equivalent = [m for m in MUTANTS if m.why]
    for m in MUTANTS:  # a mutant whose text is not in its file (code changed) must be updated, not skipped
        count = (ROOT / m.path).read_text().count(m.old)
        if count != 1:
            print(f"{m.id}: its text occurs {count} times in {m.path}; update the mutant")
            return 1
    if args.list:
        for m in MUTANTS:
            print(f"{m.id:<4} {m.path}: {m.old.strip()!r} -> {m.new.strip()!r}{'  (equivalent)' if m.why else ''}")
        return 0
    with tempfile.TemporaryDirectory(prefix="traintool-mutants-") as tmp:
        checkout = Path(tmp)
        copy_checkout(checkout)
        groups = sorted({m.path for m in live})
        start = time.perf_counter()
        for path in groups:
            if not run_tests(checkout, TESTS[path]):
                print(f"The tests of {path} fail without any mutant: fix them first.")
                return 1
        print(f"Unmutated: the tests pass ({time.perf_counter() - start:.0f} s).")
        killed, survived = [], []
        for m in live:
            target = checkout / m.path
            original = target.read_text()
            target.write_text(original.replace(m.old, m.new, 1))
            t = time.perf_counter()
            try:
                dead = not run_tests(checkout, TESTS[m.path])
            finally:
                target.write_text(original)
            (killed if dead else survived).append(m)
            print(f"{m.id:<4} {'killed' if dead else 'SURVIVED':<9} {time.perf_counter() - t:5.0f} s  {m.path}: "
                  f"{m.old.strip()!r} -> {m.new.strip()!r}", flush=True)
    print("\nEquivalent mutants, not counted:")
    for m in equivalent:
        print(f"  {m.id:<4} {m.path}: {m.old.strip()!r} -> {m.new.strip()!r}\n       {m.why}")
    score = len(killed) / len(live) if live else 1.0
    print(f"\n{len(killed)} of {len(live)} mutants killed: {score:.0%} (required {REQUIRED_SCORE:.0%}); "
          f"{len(equivalent)} equivalent set apart.")
    if survived:
        print("Survivors: " + ", ".join(m.id for m in survived))
    return 0 if score >= REQUIRED_SCORE else 1


if __name__ == "__main__":
    sys.exit(main())
