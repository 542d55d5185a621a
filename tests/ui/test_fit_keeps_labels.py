"""Fit Whole Train picks the largest zoom the train fits at, the zoom at which its rows keep their numbers
(and names) included: stepping down by 3 % it skipped over it, so that at 1280×800 with a car selected the
train was drawn at 1.96 px/m, numberless and in half the room, where 2 px/m with its numbers fitted."""
from PySide6.QtCore import QSize

from traintool.ui.train.train_layout import place
from traintool.ui.train.train_painter import NAME_MIN_ZOOM, NUMBER_MIN_ZOOM


def fits(view, zoom: float, room: QSize) -> bool:
    lengths = view.holder.car_lengths()
    return place(lengths, room.width() / zoom, view._row_height_m(zoom)).height_m * zoom <= room.height()


def test_fit_never_drops_the_labels_that_would_have_fitted(qtbot, window, monkeypatch):
    view = window.layout_view
    checked = 0
    for width in range(300, 820, 23):
        for height in range(200, 620, 19):
            room = QSize(width, height)
            monkeypatch.setattr(view, "maximumViewportSize", lambda room=room: room)
            view.fit()
            zoom = view.zoom
            assert fits(view, zoom, room), (width, height, zoom)
            for threshold in (NUMBER_MIN_ZOOM, NAME_MIN_ZOOM):
                if zoom < threshold:
                    assert not fits(view, threshold, room), (width, height, zoom, threshold)
            checked += 1
    assert checked > 400
