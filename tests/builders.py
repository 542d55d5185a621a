"""Small documents and routes built in code, for tests of every layer."""
from typing import Any, TypeVar

from pydantic import BaseModel

from traintool.model import (
    BreakOfGauge, Car, CarKind, CarType, Consist, Document, GaugeChange, RefitFacility, Route, Section, Station,
)


def make_type(id: str = "coach", kind: CarKind = CarKind.COACH, **kw) -> CarType:
    base = dict(id=id, label=id.replace("-", " ").capitalize(), kind=kind, length_m=25.0, mass_kg=50_000.0,
                axles=4, bogies=2, max_speed_m_s=30.0, source="test")
    if kind is CarKind.LOCOMOTIVE:
        base.update(power_w=2_000_000.0, max_tractive_effort_n=300_000.0, gauge_mm=1435, mass_kg=120_000.0,
                    axles=6, bogies=2, length_m=20.0, gauge_change="none")
    base.update(kw)
    return CarType(**base)


def simple_route(length_m: float = 100_000.0, limit_m_s: float = 20.0, **section) -> Route:
    return Route(id="test", name="Test line",
                 stations=[Station(name="A", position_m=0), Station(name="B", position_m=length_m)],
                 sections=[Section(start_m=0, end_m=length_m, gauges_mm=[1435], speed_limit_m_s=limit_m_s, **section)])


def gauge_route() -> Route:
    """A – B (1435) – C (1520) with a bogie exchange at B."""
    return Route(id="gauge", name="Break of gauge",
                 stations=[Station(name="A", position_m=0), Station(name="B", position_m=50_000, dwell_s=300),
                           Station(name="C", position_m=100_000)],
                 sections=[Section(start_m=0, end_m=50_000, gauges_mm=[1435], speed_limit_m_s=20),
                           Section(start_m=50_000, end_m=100_000, gauges_mm=[1520], speed_limit_m_s=20)],
                 breaks_of_gauge=[BreakOfGauge(station="B", to_gauge_mm=1520, facility=RefitFacility())])



def small_document() -> Document:
    """Two locomotives (1435 and 1520 mm) and eight coaches on the break-of-gauge route."""
    loco = make_type("loco", CarKind.LOCOMOTIVE)
    loco_ru = make_type("loco-ru", CarKind.LOCOMOTIVE, gauge_mm=1520)
    coach = make_type("coach")
    cars = [Car(type_id="loco"), Car(type_id="loco-ru", name="Broad-gauge loco")] + [
        Car(type_id="coach", name=f"Coach {i + 1}") for i in range(8)]
    return Document(name="Small train", car_types=[loco, loco_ru, coach], consist=Consist(cars=cars),
                    route=gauge_route())


M = TypeVar("M", bound=BaseModel)


def _validated(model: M, **update: Any) -> M:
    """A copy with fields changed, validated as a loaded file is (model_copy would keep a list
    where the model declares a tuple, and check nothing)."""
    return type(model).model_validate({**dict(model), **update})


def infeasible_documents() -> dict[str, Document]:
    """One small document per kind of trip that cannot be made (ReasonKind values as keys)."""
    base = small_document()
    cars = list(base.consist.cars)
    stuck = [c.model_copy(update={"gauge_change": GaugeChange.NONE}) if i in (4, 5, 6) else c for i, c in enumerate(cars)]
    steep = _validated(gauge_route(), sections=[
        Section(start_m=0, end_m=20_000, gauges_mm=[1435], speed_limit_m_s=20),
        Section(start_m=20_000, end_m=50_000, gauges_mm=[1435], speed_limit_m_s=20, gradient_permille=60),
        Section(start_m=50_000, end_m=100_000, gauges_mm=[1520], speed_limit_m_s=20)])
    return {
        "empty_train": _validated(base, consist=Consist(cars=[])),
        "no_locomotive": _validated(base, consist=Consist(cars=[c for c in cars if c.type_id != "loco-ru"])),
        "cannot_change_gauge": _validated(base, consist=Consist(cars=stuck)),
        "stall": Document.model_validate({**base.model_dump(), "route": steep.model_dump()}),
    }
