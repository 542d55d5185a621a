"""Maximizing (a jump in the window's size) widens the trip panel and the catalogue with the window;
dragging its edge by a little leaves the docks as the user sized them."""
from settle import laid_out



def settle(qtbot, window, w: int, h: int) -> None:
    window.resize(w, h)
    qtbot.waitUntil(lambda: window.width() == w and window.height() == h)
    qtbot.waitUntil(lambda: laid_out(window))  # the docks' layout


def test_a_maximized_window_gives_the_docks_their_share(qtbot, window):
    settle(qtbot, window, 1400, 900)
    trip, catalogue, plots = window.trip_dock.width(), window.catalogue_dock.width(), window.plots_dock.height()
    settle(qtbot, window, 1920, 1080)
    assert abs(window.trip_dock.width() - trip * 1920 / 1400) <= 12
    assert abs(window.catalogue_dock.width() - catalogue * 1920 / 1400) <= 12
    assert window.plots_dock.height() > plots
    settle(qtbot, window, 1400, 900)  # restored: as before
    assert abs(window.trip_dock.width() - trip) <= 12 and abs(window.catalogue_dock.width() - catalogue) <= 12


def test_a_small_resize_leaves_the_docks_alone(qtbot, window):
    settle(qtbot, window, 1400, 900)
    trip = window.trip_dock.width()
    settle(qtbot, window, 1480, 900)
    assert window.trip_dock.width() == trip  # the new room goes to the train, as Qt gives it
