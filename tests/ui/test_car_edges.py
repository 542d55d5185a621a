"""Each car stands out from the layout's canvas in the light and the dark theme alike: its outline is drawn in
an edge colour of at least 3:1 contrast against the canvas (WCAG 2.1, 1.4.11 non-text contrast), so that
its shape, and so its kind, is seen at a glance. The armoured train's dark green (#2a4e32) on the dark
canvas was 1.7:1, and a vehicle carrier's grey roof on the light paper 2.9:1."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from settle import laid_out
from wcag import contrast
from traintool.io import default_document
from traintool.ui.common import theme
from traintool.ui.train.catalogue import TYPE_ROLE

NON_TEXT_CONTRAST = 3.0  # WCAG 2.1 success criterion 1.4.11



def test_the_contrast_ratio_is_wcags():
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)  # WCAG's own example


@pytest.fixture(params=["light", "dark"])
def themed_window(request, open_window):
    if request.param == "dark":
        request.getfixturevalue("dark_palette")
    return open_window(default_document())


def outline_contrast(image, canvas: QColor, left: int, right: int, top: int, bottom: int) -> list[float]:
    """Down each pixel column of a car, from above it: the best contrast against the canvas among the first
    three pixels that are not the canvas (the car's edge as drawn, anti-aliasing included)."""
    found = []
    for x in range(left, right):
        column = [QColor(image.pixel(x, y)) for y in range(top, bottom)]
        edge = [c for c in column if c.rgb() != canvas.rgb()][:3]
        if edge:
            found.append(max(contrast(c, canvas) for c in edge))
    return found


def test_every_kind_of_car_has_an_outline_that_stands_out_from_the_canvas(qtbot, themed_window):
    w = themed_window
    view = w.layout_view
    palette = view.palette()
    canvas = theme.canvas(palette)
    assert contrast(theme.car_edge(palette), canvas) >= NON_TEXT_CONTRAST
    cars = w.holder.resolved_cars()
    first_of_each = {}
    for i, car in enumerate(cars):
        first_of_each.setdefault((car.kind, bool(car.armored)), i)
    assert len(first_of_each) >= 10  # locomotives, and the armoured train's coaches, saloons, carriers ...
    for (kind, armored), i in first_of_each.items():
        view.scroll_to_car(i)
        qtbot.waitUntil(lambda: laid_out(view))
        image = view.viewport().grab().toImage()
        ratio = image.devicePixelRatio()
        r = view.car_rect(i)
        assert r.height() >= 10  # drawn large enough to have an edge to look at (14 px: the whole train fitted)
        inset = r.width() * 0.1  # the ends are buffers and couplers
        found = outline_contrast(image, canvas, int((r.left() + inset) * ratio), int((r.right() - inset) * ratio),
                                 int((r.top() - 4) * ratio), int((r.bottom() - 1) * ratio))
        weak = [c for c in found if c < NON_TEXT_CONTRAST]
        assert found and len(weak) <= 0.05 * len(found), (kind, armored, len(weak), len(found), min(found))


def test_the_catalogues_drawings_are_outlined_against_its_list(qtbot, themed_window):
    """The catalogue's icons stand on the list's own background (the palette's base): outlined there too."""
    tree = themed_window.catalogue.tree
    back = tree.palette().color(tree.viewport().backgroundRole())
    armoured = next(tree.topLevelItem(g).child(k) for g in range(tree.topLevelItemCount())
                    for k in range(tree.topLevelItem(g).childCount())
                    if tree.topLevelItem(g).child(k).data(0, TYPE_ROLE).armored)
    size = tree.iconSize()
    icon = armoured.icon(0).pixmap(size)
    image = QImage(icon.size(), QImage.Format.Format_RGB32)
    image.fill(back)
    painter = QPainter(image)
    painter.drawPixmap(0, 0, icon)
    painter.end()
    found = outline_contrast(image, back, image.width() // 4, image.width() * 3 // 4, 0, image.height())
    weak = [c for c in found if c < NON_TEXT_CONTRAST]
    assert found and len(weak) <= 0.05 * len(found), (len(weak), len(found))
