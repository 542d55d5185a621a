"""The PySide6 pin excludes exactly the broken combination: PySide6 6.12.0 on Python 3.11, where
every call of a Qt method that returns nothing drops a reference to None, until the interpreter
frees None and dies ("none_dealloc"). On Python 3.12 and later None is immortal and its count
never moves, so the same release is fine there, and the pin lets it in."""
import sys
from importlib.metadata import requires

import builders
from packaging.requirements import Requirement
from PySide6.QtGui import QColor, QImage, QPainter

from traintool.model import Car, CarKind, resolve_car
from traintool.render.drawings import CAR_HEIGHT_M, paint_car

PAINTS = 300
BOUND = 50  # None's count may move a little with what Python itself allocates, never by hundreds


def _cars():
    cars = []
    for kind in CarKind:
        t = builders.make_type(kind.value.replace("_", "-"), kind, armored=True, length_m=25.0)
        cars.append(resolve_car(Car(type_id=t.id), t))
    return cars


def test_painting_cars_does_not_drop_references_to_none(qapp):
    cars = _cars()
    img = QImage(400, int(CAR_HEIGHT_M * 12), QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    try:
        for car in cars:  # the drawings are built and cached on first use
            paint_car(painter, car, 0.5, scale=12.0)
        before = sys.getrefcount(None)
        for k in range(PAINTS):
            paint_car(painter, cars[k % len(cars)], 0.5, scale=12.0)  # each paint makes dozens of void calls
            drift = sys.getrefcount(None) - before
            if abs(drift) > BOUND:
                break  # stop before the interpreter frees None and aborts the whole test run
    finally:
        painter.end()
    assert abs(drift) <= BOUND, (
        f"painting {k + 1} cars moved None's reference count by {drift}: this PySide6 drops references "
        f"to None (6.12.0 on Python 3.11 does); see the pin in pyproject.toml")


def _pyside_requirements() -> list[Requirement]:
    return [r for r in map(Requirement, requires("traintool") or []) if r.name.lower() == "pyside6-essentials"]


def test_the_pin_refuses_6_12_0_on_python_3_11_only():
    def allowed(version: str, python: str) -> bool:
        env = {"python_version": python, "python_full_version": python + ".0", "extra": ""}
        applying = [r for r in _pyside_requirements() if r.marker is None or r.marker.evaluate(env)]
        assert applying, python
        return all(r.specifier.contains(version, prereleases=True) for r in applying)

    assert not allowed("6.12.0", "3.11")
    assert allowed("6.11.3", "3.11") and allowed("6.12.1", "3.11")
    for python in ("3.12", "3.13", "3.14"):
        assert allowed("6.12.0", python) and allowed("6.11.3", python)
    assert not allowed("6.5.3", "3.12")
