"""Every kind of car has a drawing of its own, recognisably different from the others, drawn
within its car's rectangle, cheaply enough to paint a long train."""
import itertools

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter

from traintool.model import Car, CarKind, resolve_car
from traintool.render.drawings import CAR_HEIGHT_M, car_icon, drawing, drawing_for, livery, paint_car
import builders

SCALE = 12.0
WIDTH_M = 27.0
X_M = 0.5


def _render(car, selected=False, scale=SCALE, width_m=WIDTH_M) -> np.ndarray:
    img = QImage(int(width_m * scale), int(CAR_HEIGHT_M * scale), QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    paint_car(p, car, X_M, scale=scale, selected=selected)
    p.end()
    ptr = img.constBits()
    return np.frombuffer(ptr, dtype=np.uint8, count=img.sizeInBytes()).reshape(img.height(), img.width(), 4).copy()


def _car(kind: CarKind, armored: bool = True, **kw):
    t = builders.make_type(kind.value.replace("_", "-"), kind, armored=armored, **{"length_m": 25.0, **kw})
    return resolve_car(Car(type_id=t.id), t)


def _differ(a: np.ndarray, b: np.ndarray) -> float:
    """The share of pixels that differ visibly."""
    return float(np.any(np.abs(a.astype(int) - b.astype(int)) > 40, axis=-1).mean())


@pytest.fixture(scope="module", params=[True, False], ids=["armored", "plain"])
def images(request, qapp):
    return {kind: _render(_car(kind, request.param)) for kind in CarKind}


def test_no_drawing_is_blank(images):
    for kind, img in images.items():
        inked = (img[..., :3] < 200).any(axis=-1).mean()
        assert inked > (0.08 if kind is CarKind.FLAT_CAR else 0.2), (kind, inked)


def test_every_pair_of_kinds_differs(images):
    for a, b in itertools.combinations(CarKind, 2):
        assert _differ(images[a], images[b]) > 0.02, (a, b)


@pytest.mark.parametrize("kind", list(CarKind))
def test_armored_and_plain_cars_differ(qapp, kind):
    assert _differ(_render(_car(kind, True)), _render(_car(kind, False))) > 0.03, kind


def test_locomotives_of_each_traction_and_gauge_differ(qapp):
    diesel = _car(CarKind.LOCOMOTIVE, False, gauge_mm=1435)
    broad = _car(CarKind.LOCOMOTIVE, False, gauge_mm=1520)
    electric = resolve_car(Car(type_id="e"), builders.make_type("e", CarKind.LOCOMOTIVE, label="Electric locomotive",
                                                                   length_m=25.0))
    twin = _car(CarKind.LOCOMOTIVE, False, axles=12, bogies=4)
    imgs = [_render(c) for c in (diesel, broad, electric, twin)]
    for a, b in itertools.combinations(imgs, 2):
        assert _differ(a, b) > 0.02


def test_selection_is_visible_and_drawing_is_deterministic(qapp):
    car = _car(CarKind.SALOON)
    assert (_render(car) == _render(car)).all()
    assert _differ(_render(car, selected=True), _render(car)) > 0.2  # a tint over the whole car, an outline


@pytest.mark.parametrize("selected", [False, True])
@pytest.mark.parametrize("scale", [4.0, 40.0])
def test_drawing_stays_within_its_rect(qapp, scale, selected):
    for kind in CarKind:
        for armored in (False, True):
            img = _render(_car(kind, armored), selected=selected, scale=scale)
            left = img[:, : int(X_M * scale) - 1, :3]
            right = img[:, int((X_M + 25.0) * scale) + 2:, :3]
            assert (left == 255).all() and (right == 255).all(), (kind, armored, scale)


ODD_SHAPES = [dict(length_m=3.0, axles=2, bogies=0), dict(length_m=6.0, axles=3, bogies=0),
              dict(length_m=100.0, axles=32, bogies=8), dict(length_m=12.0, axles=8, bogies=2),
              dict(length_m=40.0, axles=12, bogies=4), dict(length_m=9.0, axles=2, bogies=1)]


@pytest.mark.parametrize("shape", ODD_SHAPES, ids=lambda s: f"{s['length_m']}m-{s['axles']}ax-{s['bogies']}b")
def test_any_shape_draws_within_its_length_and_height(qapp, shape):
    for kind in CarKind:
        for armored in (False, True):
            car = _car(kind, armored, **shape)
            r = drawing_for(car).bounds()
            assert r.left() >= -1e-6 and r.right() <= car.length_m + 1e-6, (kind, shape, r)
            assert r.top() >= -CAR_HEIGHT_M - 1e-6 and r.bottom() <= 1e-6, (kind, shape, r)


def test_wheels_follow_axles_and_bogies(qapp):
    """More axles put more ink under the car; the count comes from the car, overrides included."""
    base = _car(CarKind.BOX_CAR, False)
    six = resolve_car(Car(type_id=base.type.id, axles=6), base.type)  # three axles a bogie
    rail_band = slice(int((CAR_HEIGHT_M - 0.5) * SCALE), int(CAR_HEIGHT_M * SCALE))
    assert _differ(_render(base)[rail_band], _render(six)[rail_band]) > 0.02


def test_drawings_are_cached_per_shape(qapp):
    a, b = _car(CarKind.COACH), _car(CarKind.COACH)
    assert drawing_for(a) is drawing_for(b)
    assert drawing_for(a) is not drawing_for(_car(CarKind.COACH, length_m=26.4))
    assert drawing.cache_info().hits > 0


def test_livery_tells_armored_cars_from_plain(qapp):
    assert livery(_car(CarKind.COACH, True)) != livery(_car(CarKind.COACH, False))
    assert livery(_car(CarKind.TANK_CAR, False)).lightness() < 80  # black/grey tank


def test_every_catalogue_type_has_an_icon(qapp):
    from traintool.io import catalogue

    for t in catalogue():
        icon = car_icon(t, QSize(96, 32))
        assert not icon.isNull(), t.id
        for ratio in (1.0, 2.0):  # a plain screen and a HiDPI one: each drawn at its own resolution
            pix = icon.pixmap(QSize(96, 32), ratio)
            assert pix.devicePixelRatio() == ratio and pix.size() == QSize(96, 32) * ratio, t.id
            img = pix.toImage()
            assert any(img.pixelColor(x, y).alpha() > 0
                       for x in range(0, img.width(), 3) for y in range(0, img.height(), 2)), t.id


def test_catalogue_icons_are_drawn_when_shown_and_only_once(qtbot, monkeypatch):
    """Start-up draws none of the catalogue's icons: each is drawn when its row is first painted,
    once per size and pixel ratio, so the rows scrolled out of view cost nothing."""
    import traintool.render.drawings as drawings
    from traintool.io import catalogue
    from traintool.ui.train.catalogue import TYPE_ROLE, CatalogueWidget

    drawn: list[str] = []
    real = drawings.car_pixmap
    monkeypatch.setattr(drawings, "car_pixmap", lambda t, *a: drawn.append(t.id) or real(t, *a))
    types = catalogue()
    widget = CatalogueWidget(types)
    qtbot.addWidget(widget)
    assert drawn == []
    widget.resize(320, 260)  # a few rows' height: most types are out of view
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: bool(drawn))
    first = list(drawn)
    assert 0 < len(set(first)) < len(types) and len(set(first)) == len(first)
    widget.tree.viewport().repaint()
    assert drawn == first  # painted again from what was drawn
    tree = widget.tree
    last_group = tree.topLevelItem(tree.topLevelItemCount() - 1)
    bottom = last_group.child(last_group.childCount() - 1).data(0, TYPE_ROLE)
    assert bottom.id not in first
    tree.scrollToBottom()
    tree.viewport().repaint()
    assert bottom.id in drawn[len(first):]


def test_pdf_output_is_vector(qapp, tmp_path):
    """The report paints the same drawings into a PDF: they arrive as paths, not images."""
    from PySide6.QtGui import QPageSize, QPdfWriter

    out = tmp_path / "cars.pdf"
    w = QPdfWriter(str(out))
    w.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    p = QPainter(w)
    for i, kind in enumerate(CarKind):
        paint_car(p, _car(kind), 0.5, scale=300.0 if i == 0 else 100.0)
        p.translate(0, 600)
    p.end()
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/Subtype /Image" not in data
