"""Every kind of car has a drawing of its own, recognisably different from the others."""
import itertools

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter

from traintool.model import Car, CarKind, resolve_car
from traintool.ui.drawings import CAR_HEIGHT_M, car_icon, paint_car
import builders

SCALE = 12.0


def _render(car, selected=False) -> np.ndarray:
    img = QImage(int(27 * SCALE), int(CAR_HEIGHT_M * SCALE), QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    paint_car(p, car, 0.5, scale=SCALE, selected=selected)
    p.end()
    ptr = img.constBits()
    return np.frombuffer(ptr, dtype=np.uint8, count=img.sizeInBytes()).reshape(img.height(), img.width(), 4).copy()


def _car(kind: CarKind, armored: bool = True):
    t = builders.make_type(kind.value.replace("_", "-"), kind, armored=armored, length_m=25.0)
    return resolve_car(0, Car(type_id=t.id), t)


@pytest.fixture(scope="module")
def images(qapp):
    return {kind: _render(_car(kind)) for kind in CarKind}


def test_no_drawing_is_blank(images):
    for kind, img in images.items():
        assert (img[..., :3] < 200).any(axis=-1).mean() > 0.15, kind


def test_every_pair_of_kinds_differs(images):
    for a, b in itertools.combinations(CarKind, 2):
        differ = np.any(np.abs(images[a].astype(int) - images[b].astype(int)) > 40, axis=-1).mean()
        assert differ > 0.02, (a, b, differ)


def test_armored_and_plain_coaches_differ(qapp):
    diff = np.any(np.abs(_render(_car(CarKind.COACH, True)).astype(int) - _render(_car(CarKind.COACH, False))) > 40, -1)
    assert diff.mean() > 0.05


def test_selection_is_visible_and_drawing_is_deterministic(qapp):
    car = _car(CarKind.SALOON)
    assert (_render(car) == _render(car)).all()
    assert (_render(car, selected=True) != _render(car)).any()


def test_drawing_stays_within_its_length(qapp):
    img = _render(_car(CarKind.HELICOPTER_CAR))
    right_of_car = img[:, int(25.5 * SCALE) + 2:, :3]
    assert (right_of_car == 255).all()


def test_every_catalogue_type_has_an_icon(qapp):
    from traintool.io import catalogue

    for t in catalogue():
        assert not car_icon(t, QSize(96, 32)).isNull(), t.id
