"""The data traintool ships: the car catalogue, the routes and the sample documents.

Every file must load with the pydantic models, carry its sources, and stay in sync with the
scripts that write it (tools/build_routes.py, tools/build_samples.py).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from traintool.model import (
    Assumptions, CarKind, Catalogue, Document, GaugeChange, RefitMethod, Route, RouteFile,
)

ROOT = Path(__file__).resolve().parents[2]
RES = ROOT / "resources"
ROUTE_FILES = sorted((RES / "routes").glob("*.route.json"))
SAMPLE_FILES = sorted((RES / "samples").glob("*.consist.json"))
KMH = 3.6
G = 9.81

# route id -> (shortest, longest) plausible length, km
ROUTE_LENGTHS_KM = {
    "pyongyang-vladivostok": (1100, 1300),  # "some 1,200 km" (Chosun Ilbo), 1,180 km (BBC)
    "pyongyang-moscow": (9500, 11000),      # 10,267 km for the through car; ~20,000 km round trip in 2001
    "pyongyang-beijing": (1250, 1450),      # 1,364 km for train K27/K28
    "warsaw-minsk": (500, 620),             # line 2 214 km + Brest - Minsk ~350 km
    "beijing-pyongyang": (1250, 1450),      # pyongyang-beijing reversed
    "vladivostok-moscow": (9200, 9300),     # 9,259 km for the Rossiya
    "moscow-vladivostok": (9200, 9300),
    "beijing-ulaanbaatar": (1500, 1600),    # 1,553 km for trains K23/K24
    "ulaanbaatar-beijing": (1500, 1600),
}


def _load_tool(name: str):
    spec = importlib.util.spec_from_file_location(f"_tt_{name}", ROOT / "tools" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    try:
        spec.loader.exec_module(mod)
    finally:
        del sys.modules[spec.name]
    return mod


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.model_validate_json((RES / "catalogue.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def routes() -> dict[str, RouteFile]:
    out = {}
    for p in ROUTE_FILES:
        r = RouteFile.model_validate_json(p.read_text(encoding="utf-8"))
        out[r.id] = r
    return out


@pytest.fixture(scope="module")
def samples() -> dict[str, Document]:
    return {p.name.removesuffix(".consist.json"): Document.model_validate_json(p.read_text(encoding="utf-8"))
            for p in SAMPLE_FILES}


# ------------------------------------------------------------------------------------ catalogue

def test_catalogue_has_every_kind(catalogue):
    assert len(catalogue.car_types) >= 18
    kinds = {t.kind for t in catalogue.car_types}
    assert kinds == set(CarKind), f"missing kinds: {set(CarKind) - kinds}"


def test_every_car_type_says_where_its_figures_come_from(catalogue):
    for t in catalogue.car_types:
        assert t.source.strip() or t.estimated, t.id
        assert t.source.strip(), f"{t.id}: even an estimate names what it rests on"
        if not t.estimated:
            assert "estimate" not in t.source.lower(), f"{t.id}: says estimate but is not marked estimated"


def test_armored_types_are_limited_to_the_articles_31_mph(catalogue):
    armored = [t for t in catalogue.car_types if t.armored]
    assert len(armored) >= 9
    for t in armored:
        assert t.max_speed_m_s * KMH == pytest.approx(50.0, abs=0.01), t.id
        assert t.estimated and "31 mph" in t.notes, t.id
        assert 60_000 <= t.mass_kg <= 95_000, t.id


def test_locomotives(catalogue):
    locos = [t for t in catalogue.car_types if t.kind is CarKind.LOCOMOTIVE]
    assert {t.gauge_mm for t in locos} >= {1435, 1520}
    for t in locos:
        assert t.gauge_change is GaugeChange.NONE, t.id
        assert t.power_w and t.max_tractive_effort_n and t.gauge_mm, t.id
        # the starting tractive effort cannot be much above what the wheels can grip
        assert t.max_tractive_effort_n <= 0.40 * t.mass_kg * G, t.id


def test_gauge_change_methods_are_all_represented(catalogue):
    changes = {t.gauge_change for t in catalogue.car_types}
    assert changes == set(GaugeChange)


# ------------------------------------------------------------------------------------ routes

def test_the_listed_routes_are_shipped(routes):
    assert set(routes) == set(ROUTE_LENGTHS_KM)


@pytest.mark.parametrize("path", ROUTE_FILES, ids=lambda p: p.name)
def test_route_validates_and_is_sourced(path):
    r = RouteFile.model_validate_json(path.read_text(encoding="utf-8"))
    assert path.name == f"{r.id}.route.json"
    lo, hi = ROUTE_LENGTHS_KM[r.id]
    assert lo <= r.length_m / 1000 <= hi
    assert r.source.strip() and r.notes.strip()
    assert "estimate" in r.notes.lower()
    for i, s in enumerate(r.sections):
        assert s.source.strip(), r.section_label(i)
        assert 10 / KMH <= s.speed_limit_m_s <= 160 / KMH, r.section_label(i)
        assert abs(s.gradient_permille) <= 12, r.section_label(i)
        assert s.length_m <= 200_000 + 1e-6, r.section_label(i)
    for b in r.breaks_of_gauge:
        assert b.facility.source.strip()
    for st in r.stations[1:-1]:
        assert st.dwell_s <= 3600, st.name


def test_vladivostok_route_changes_gauge_at_khasan(routes):
    r = routes["pyongyang-vladivostok"]
    assert [(b.station, b.to_gauge_mm, b.facility.method) for b in r.breaks_of_gauge] == [
        ("Khasan", 1520, RefitMethod.BOGIE_EXCHANGE)]
    khasan = next(s.position_m for s in r.stations if s.name == "Khasan")
    gauges = r.gauge_by_section()
    for sec, g in zip(r.sections, gauges):
        assert g == (1435 if sec.end_m <= khasan else 1520)
    # Rajin - Tumangang - Khasan is dual gauge
    rajin = next(s.position_m for s in r.stations if s.name == "Rajin")
    assert all(s.gauges_mm == (1435, 1520) for s in r.sections if rajin <= s.start_m < khasan)
    # the refit facility keeps the code's defaults for what no source states
    assert r.breaks_of_gauge[0].facility.model_fields_set <= {"method", "source", "notes"}
    assert [s.name for s in r.stations][0] == "Pyongyang" and r.stations[-1].name == "Vladivostok"


def test_beijing_route_has_no_break_of_gauge(routes):
    r = routes["pyongyang-beijing"]
    assert not r.breaks_of_gauge and set(r.gauge_by_section()) == {1435}


def test_moscow_and_brest_breaks(routes):
    assert [(b.station, b.to_gauge_mm) for b in routes["pyongyang-moscow"].breaks_of_gauge] == [("Tumangang", 1520)]
    assert [(b.station, b.to_gauge_mm) for b in routes["warsaw-minsk"].breaks_of_gauge] == [("Brest", 1520)]


# ------------------------------------------------------------------------------------ samples

def test_the_samples_are_shipped(samples):
    assert {"armored-train", "leaders-train-21", "sleeper-train", "freight-60"} <= set(samples)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_validates_with_its_own_car_types(path, catalogue, routes):
    d = Document.model_validate_json(path.read_text(encoding="utf-8"))
    assert d.route_id in routes and d.route is None
    assert d.notes.strip()
    by_id = {t.id: t for t in catalogue.car_types}
    used = {c.type_id for c in d.consist.cars}
    assert {t.id for t in d.car_types} == used
    for t in d.car_types:  # a copy of the catalogue entry, not a variant of it
        assert t.model_dump() == by_id[t.id].model_dump(), t.id
    assert all(c.name for c in d.consist.cars)


def test_default_document_is_the_articles_90_car_train(samples, routes):
    d = samples["armored-train"]
    s = d.stats()
    assert s.cars == 90
    assert s.count_by_kind[CarKind.RESTAURANT] == 1
    assert s.count_by_kind[CarKind.HELICOPTER_CAR] == 1
    assert s.count_by_kind[CarKind.KITCHEN] >= 1 and s.count_by_kind[CarKind.SECURITY] >= 1
    assert s.max_speed_m_s * KMH == pytest.approx(50.0, abs=0.5)
    assert d.scenario.top_speed_cap_m_s is None
    assert d.route_id == "pyongyang-vladivostok"
    gauges = {c.type.gauge_mm for c in d.resolved_cars() if c.is_locomotive}
    assert gauges == {1435, 1520}
    ru = [c for c in d.resolved_cars() if c.is_locomotive and c.type.gauge_mm == 1520]
    assert len(ru) == 1 and "Khasan" in ru[0].name
    assert "estimate" in d.notes.lower() and "21" in d.notes and "90" in d.notes
    assert all(c.armored for c in d.resolved_cars() if not c.is_locomotive)


def test_leaders_train_has_21_carriages(samples):
    s = samples["leaders-train-21"].stats()
    assert s.cars - s.locomotives == 21
    # The cars' own limit: the 2019 trip to Hanoi averaged over 60 km/h through China with its stops, so
    # the reported 60 km/h is the railways' speed for the special, not the cars' (the sample's notes).
    assert s.max_speed_m_s * KMH == pytest.approx(100.0, abs=0.5)
    assert samples["leaders-train-21"].scenario.service.value == "special"


def test_variable_gauge_and_transshipment_samples(samples):
    vg = samples["sleeper-train-variable-gauge"]
    assert vg.scenario.facility_overrides["Brest"].method is RefitMethod.GAUGE_CHANGER
    assert all(c.gauge_change is GaugeChange.VARIABLE_GAUGE for c in vg.resolved_cars() if not c.is_locomotive)
    fr = samples["freight-60"]
    assert fr.stats().cars - fr.stats().locomotives == 60
    assert fr.scenario.facility_overrides["Brest"].method is RefitMethod.TRANSSHIPMENT


@pytest.mark.parametrize("stem", ["armored-train", "leaders-train-21", "sleeper-train",
                                  "sleeper-train-variable-gauge", "freight-60"])
def test_every_gauge_has_locomotives_that_can_start_the_train_on_every_climb(stem, samples, routes):
    """A sanity check of the data, not of the physics: on each gauge of its route the sample has
    locomotives of that gauge, and they can start the train on the steepest climb of that gauge
    (tractive effort limited by adhesion, against weight on the gradient and the Davis
    resistance at rest)."""
    d, r = samples[stem], routes[samples[stem].route_id]
    a = Assumptions()
    cars = d.resolved_cars()
    lb_per_short_ton = 4.4482 / 907.18  # N per kg
    for sec, gauge in zip(r.sections, r.gauge_by_section()):
        locos = [c for c in cars if c.is_locomotive and c.type.gauge_mm == gauge]
        assert locos, f"{stem}: no {gauge} mm locomotive for {sec.name}"
        train = [c for c in cars if not (c.is_locomotive and c.type.gauge_mm != gauge)]
        mass = sum(c.mass_kg for c in train)
        rest = sum(c.mass_kg * (a.davis_a_lb_per_ton + a.davis_axle_lb / (c.mass_kg / c.axles / 907.18))
                   * lb_per_short_ton for c in train)
        need = mass * G * max(sec.gradient_permille, 0) / 1000 + rest
        have = sum(min(c.type.max_tractive_effort_n, a.adhesion_coefficient * c.mass_kg * G) for c in locos)
        assert have > 1.2 * need, f"{stem}: {gauge} mm locomotives cannot start the train on {sec.name}"


# ------------------------------------------------------------------------------------ in sync

def test_samples_are_in_sync_with_the_build_script(tmp_path):
    written = _load_tool("build_samples").build(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in SAMPLE_FILES)
    for p in written:
        shipped = RES / "samples" / p.name
        assert p.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8"), (
            f"{p.name} is out of date: run python tools/build_samples.py")


def test_routes_are_in_sync_with_the_build_script(tmp_path):
    written = _load_tool("build_routes").build(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in ROUTE_FILES)
    for p in written:
        shipped = RES / "routes" / p.name
        assert p.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8"), (
            f"{p.name} is out of date: run python tools/build_routes.py")


def test_the_io_layer_loads_what_is_shipped():
    from traintool import io

    assert len(io.catalogue()) >= 18
    assert set(io.shipped_routes()) == set(ROUTE_LENGTHS_KM)
    assert all(isinstance(r, Route) for r in io.shipped_routes().values())
    assert io.default_document().name == "Kim Jong Un's armored train"
    for stem, path in io.sample_paths().items():
        d = io.load_document(path)
        assert io.resolve_route(d).id == d.route_id, stem
