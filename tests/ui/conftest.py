"""Fixtures for driving the real widgets with qtbot, offscreen.

`window` is a shown MainWindow on the default document (the armored train) with its settings in a
temporary file; its error dialogs are recorded in `window.errors` instead of shown, and the
unsaved-changes prompt answers Discard (tests that care replace `ask_save_changes`).
"""
import pytest
from PySide6.QtCore import QMimeData, QPointF, QRect, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

import builders
from settle import laid_out
from traintool.io import default_document
from traintool.model import Car, CarKind, Consist, Document
from traintool.ui.app.main_window import MainWindow
from traintool.ui.common.preferences import Preferences

ACTIONS = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def preferences(settings_file, qapp):
    QStandardPaths.setTestModeEnabled(True)  # autosave writes under ~/.qttest, never the user's data folder
    return Preferences(QSettings(str(settings_file), QSettings.Format.IniFormat))


def make_window(qtbot, document: Document, preferences: Preferences, monkeypatch) -> MainWindow:
    w = MainWindow(document, None, preferences)
    w.errors = []
    monkeypatch.setattr(w, "show_error", lambda title, message: w.errors.append(message))
    # A modal prompt would block the test run: by default, closing discards (tests that ask replace it).
    monkeypatch.setattr(w, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(w, "confirm", lambda title, question: True)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.plots is not None and w.trip_computer.result is not None)  # both come after the show
    w.layout_view.fit()
    return w


@pytest.fixture
def window(qtbot, preferences, monkeypatch):
    yield make_window(qtbot, default_document(), preferences, monkeypatch)
    # A QMimeData left on the clipboard is destroyed after Python at exit, which segfaults.
    QApplication.clipboard().clear()


@pytest.fixture
def small_window(qtbot, preferences, monkeypatch):
    """A window on a ten-car document built in code (no shipped data needed)."""
    yield make_window(qtbot, builders.small_document(), preferences, monkeypatch)
    QApplication.clipboard().clear()


@pytest.fixture
def big_window(qtbot, preferences, monkeypatch):
    """A window on 1,000 cars built in code."""
    yield make_window(qtbot, big_document(), preferences, monkeypatch)
    QApplication.clipboard().clear()


def big_document(n: int = 1000) -> Document:
    """n cars of three types, built in code."""
    loco = builders.make_type("loco", CarKind.LOCOMOTIVE)
    coach = builders.make_type("coach")
    sleeper = builders.make_type("sleeper", CarKind.SLEEPER, length_m=26.5)
    cars = [Car(type_id="loco")] + [Car(type_id="coach" if i % 3 else "sleeper") for i in range(n - 1)]
    return Document(name=f"{n} cars", car_types=[loco, coach, sleeper], consist=Consist(cars=cars),
                    route=builders.gauge_route())


class Ui:
    """Helpers the tests share, as the `ui` fixture (importlib mode: test modules cannot import each other)."""

    @staticmethod
    def send_drag(view, mime: QMimeData, pos: QPointF, *, drop: bool = True) -> None:
        """What Qt sends the view's viewport during a drag that ends at `pos`: enter, move, then drop (or leave)."""
        vp = view.viewport()
        for cls in (QDragEnterEvent, QDragMoveEvent):
            ev = cls(pos.toPoint(), ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(vp, ev)
        if drop:
            QApplication.sendEvent(vp, QDropEvent(pos, ACTIONS, mime, Qt.MouseButton.LeftButton,
                                                  Qt.KeyboardModifier.NoModifier))
        else:
            QApplication.sendEvent(vp, QDragLeaveEvent())

    @staticmethod
    def click_car(qtbot, view, i: int, mods=Qt.KeyboardModifier.NoModifier) -> None:
        view.scroll_to_car(i)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, view.car_rect(i).center().toPoint())

    @staticmethod
    def left_half(view, i: int) -> QPointF:
        """A point on the front half of car i: a drop there lands before it."""
        r = view.car_rect(i)
        return QPointF(r.left() + 2, r.center().y())

    @staticmethod
    def names(window) -> list[str]:
        return [c.name for c in window.holder.resolved_cars()]

    @staticmethod
    def type_ids(window) -> list[str]:
        return [c.type_id for c in window.holder.document.consist.cars]


@pytest.fixture
def ui():
    return Ui


@pytest.fixture
def open_window(qtbot, preferences, monkeypatch):
    """A function that opens a window on the document given (as `window` does on the default one)."""
    yield lambda document: make_window(qtbot, document, preferences, monkeypatch)
    QApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def _quick_ranges(monkeypatch):
    """Every window samples its trip's range on a worker; 500 samples a window would cost the
    suite minutes of CPU. Tests of the range itself are in tests/physics/test_ranges.py."""
    from traintool.ui.trip import range_computer

    monkeypatch.setattr(range_computer, "SAMPLES", 20)


_KEEP_TIMINGS_CHECK = None


@pytest.fixture(autouse=True)
def _no_background_timings_check(monkeypatch):
    """After a report the window computes the published-timings check if it is not kept (a minute or
    more of both cores, in a process of its own): only the tests of that do (`keep_timings_check`)."""
    global _KEEP_TIMINGS_CHECK
    from traintool.ui.files import export_report

    _KEEP_TIMINGS_CHECK = _KEEP_TIMINGS_CHECK or export_report.keep_timings_check
    monkeypatch.setattr(export_report, "keep_timings_check", lambda: None)


@pytest.fixture
def keep_timings_check():
    """The window's own keep_timings_check (the others get one that does nothing)."""
    return _KEEP_TIMINGS_CHECK


def first_window(qtbot, preferences, monkeypatch, width: int, height: int) -> MainWindow:
    """A new user's first window on a screen of width×height (the offscreen one is 800×800: screen_fit
    is told the larger one), as screen_fit sizes it and the window its docks."""
    from traintool.ui.app import screen_fit

    monkeypatch.setattr(screen_fit, "available", lambda w: QRect(0, 0, width, height))
    w = MainWindow(default_document(), None, preferences)
    monkeypatch.setattr(w, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.plots is not None and w.trip_computer.result is not None)
    qtbot.waitUntil(lambda: laid_out(w))
    assert w.frameGeometry().height() <= height and w.frameGeometry().width() <= width  # as screen_fit gives it
    return w


@pytest.fixture
def window_1400x900(qtbot, preferences, monkeypatch):
    return first_window(qtbot, preferences, monkeypatch, 1400, 900)


@pytest.fixture(params=[(1400, 900), (1280, 800)], ids=lambda size: f"{size[0]}x{size[1]}")
def small_screen_window(request, qtbot, preferences, monkeypatch):
    """A new user's first window on each of the small screens the window must fit: 1400×900 and 1280×800."""
    return first_window(qtbot, preferences, monkeypatch, *request.param)


@pytest.fixture
def dark_palette(qapp):
    """A dark desktop theme: the application's palette while the test runs."""
    before = QApplication.palette()
    dark = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2d2d2d"), (QPalette.ColorRole.Base, "#1e1e1e"),
                         (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Button, "#353535"), (QPalette.ColorRole.ButtonText, "#e6e6e6")):
        dark.setColor(role, QColor(colour))
    QApplication.setPalette(dark)
    yield dark
    QApplication.setPalette(before)
