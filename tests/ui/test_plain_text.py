"""Nothing in a document makes the window read a file: every text from it is shown as text.

Qt reads a label's, a message box's or a tooltip's text as HTML when it looks like HTML, and
HTML loads images. Every string of the document here is `<img src="FIFO">`; a process of its
own watches the FIFO: opening it for writing without blocking succeeds only while a reader has
it open, so it sees any reader, and its open also lets that reader go on (the test never hangs).
"""
import csv
import json
import os
import subprocess
import sys

import pytest
from shiboken6 import isValid
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QMessageBox, QTabBar, QToolTip, QWidget

import builders
from traintool.model import Consist, Document, GaugeChange
from traintool.ui.app.main_window import MainWindow
from traintool.ui.common.preferences import Preferences

WATCHER = r"""
import os, sys, time
told = False
while True:
    try:
        fd = os.open(sys.argv[1], os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        time.sleep(0.002)
        continue
    if not told:  # told before the close: the reader reads until that close, so it cannot finish first
        with open(sys.argv[2], "w") as log:
            log.write("opened")
        told = True
    os.close(fd)
"""


class FifoWatch:
    def __init__(self, folder):
        self.fifo = folder / "fifo"
        self.log = folder / "fifo-opened"
        os.mkfifo(self.fifo)
        self.process = subprocess.Popen([sys.executable, "-c", WATCHER, str(self.fifo), str(self.log)])

    def opened(self) -> bool:
        return self.log.exists()

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(10)


@pytest.fixture
def fifo(tmp_path):
    watch = FifoWatch(tmp_path)
    yield watch
    watch.stop()


def hostile_document(marker: str) -> Document:
    """The small document with every text a user wrote replaced by `marker`, and three cars that
    cannot change gauge (the trip cannot be made, and says which cars)."""
    data = builders.small_document().model_dump(mode="json")
    data["name"] = data["notes"] = marker
    for t in data["car_types"]:
        t["label"] = t["source"] = t["notes"] = marker
        t["estimated"] = True
        t["ranges"] = {"mass_kg": {"low": t["mass_kg"] * 0.9, "high": t["mass_kg"] * 1.1, "source": marker}}
    for i, car in enumerate(data["consist"]["cars"]):
        car["name"] = marker
        if i in (4, 5, 6):
            car["gauge_change"] = GaugeChange.NONE.value
    route = data["route"]
    route["name"] = route["source"] = route["notes"] = marker
    for s in route["stations"]:
        s["name"] = f"{marker}{s['name']}"
    for sec in route["sections"]:
        sec["name"] = sec["source"] = marker
        sec["ranges"] = {"speed_limit_m_s": {"low": 15, "high": 20, "source": marker}}
    for b in route["breaks_of_gauge"]:
        b["station"] = f"{marker}{b['station']}"
        b["facility"]["source"] = b["facility"]["notes"] = marker
    stop = route["stations"][1]
    stop["ranges"] = {"dwell_s": {"low": 200, "high": 400, "source": marker}}
    return Document.model_validate(data)


class Dialogs:
    """Answers every message box as it comes up, after drawing it (drawing is what reads the
    images of rich text): Discard where offered, else closes it. Remembers what they said."""

    def __init__(self):
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._answer)
        self.timer.start()

    def _answer(self) -> None:
        # One box a tick, each checked alive: clicking a box ends its loop and may delete others.
        for box in QApplication.topLevelWidgets():
            if isValid(box) and isinstance(box, QMessageBox) and box.isVisible():
                box.grab()
                for label in box.findChildren(QLabel):
                    label.grab()
                self.seen.append(box.text())
                discard = box.button(QMessageBox.StandardButton.Discard)
                (discard or box.escapeButton() or box.buttons()[0]).click()
                return

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def dialogs():
    """The answering timer lives as long as the test: left running it would poke at the next test's
    windows while they are torn down."""
    d = Dialogs()
    yield d
    d.stop()


def columns(model, parent) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list widget's model hides it: one column
        return 1


def hover_everything(root: QWidget) -> int:
    """Every tooltip in `root`, shown as hovering shows it: a widget's own (help events), and
    each item's of every item view. Returns how many were shown."""
    shown = 0
    for w in [root] + root.findChildren(QWidget):
        if not isValid(w):
            continue  # a tooltip shown before it went away with its widget
        if w.toolTip():
            QToolTip.showText(w.mapToGlobal(QPoint(2, 2)), w.toolTip(), w)
            QApplication.processEvents()
            shown += 1
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            top = QModelIndex()
            stack = [model.index(r, c, top) for r in range(model.rowCount(top)) for c in range(columns(model, top))]
            while stack:
                index = stack.pop()
                if not index.isValid():
                    continue
                stack += [model.index(r, c, index) for r in range(model.rowCount(index))
                          for c in range(columns(model, index))]
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if tip:
                    QToolTip.showText(w.viewport().mapToGlobal(QPoint(2, 2)), tip, w.viewport())
                    QApplication.processEvents()
                    shown += 1
    QToolTip.hideText()
    return shown


def draw_every_label(root: QWidget) -> int:
    labels = [label for label in root.findChildren(QLabel) if isValid(label)]
    for label in labels:
        label.grab()
    return len(labels)


def test_a_document_of_image_tags_makes_the_window_read_no_file(qtbot, tmp_path, fifo, dialogs):
    marker = f'<img src="{fifo.fifo}">'
    path = tmp_path / "hostile.consist.json"
    document = hostile_document(marker)
    path.write_text(document.model_dump_json())
    preferences = Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w = MainWindow(document, path, preferences)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.plots is not None and w.trip_computer.result is not None, timeout=20_000)
    panel = w.trip_panel
    # The trip cannot be made: its reason names the cars, in large type under "Cannot complete".
    qtbot.waitUntil(lambda: panel.answer.total.text() == "Cannot complete", timeout=20_000)
    assert marker in panel.answer.headline_reason.text()
    # A car selected: the inspector's title and type label.
    w.layout_view.fit()
    car = w.layout_view.car_rect(4).center().toPoint()
    qtbot.mouseClick(w.layout_view.viewport(), Qt.MouseButton.LeftButton, pos=car)
    qtbot.waitUntil(lambda: w.holder.selection == [4] or list(w.holder.selection) == [4])
    assert marker in w.inspector.title.text()
    # The layout's own tooltip for the car.
    QApplication.sendEvent(w.layout_view.viewport(), QHelpEvent(QEvent.Type.ToolTip, car,
                                                                w.layout_view.viewport().mapToGlobal(car)))
    # The baseline line names the document.
    qtbot.mouseClick(panel.answer.pin, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: marker in panel.answer.baseline_label.text())
    # Every tab of the plots (the route editor's title is the route's name), each drawn.
    tabs = w.plots.tabs
    bar = tabs.findChild(QTabBar)
    for i in range(tabs.count()):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
        qtbot.waitUntil(lambda i=i: tabs.currentIndex() == i)
        tabs.currentWidget().grab()
    assert marker in w.plots.route_editor.title.text() or "&lt;img" in w.plots.route_editor.title.text()
    assert draw_every_label(w) > 20
    rich = [label.text() for label in w.findChildren(QLabel)
            if label.textFormat() != Qt.TextFormat.PlainText and marker in label.text()]
    assert not rich, rich  # a label of rich text shows the document's texts escaped
    assert hover_everything(w) > 5
    assert not fifo.opened(), "a text of the document was read as HTML"
    # Cars imported from CSV, named so too: shown in the inspector, the layout's tooltip; a bad row's
    # error (naming the car) in a dialog.
    from traintool.ui.files.data_menu import import_cars

    cars_before = len(w.holder.document.consist.cars)
    for name, rows in (("bad.csv", [["coach", marker, "-5"]]), ("good.csv", [["coach", marker, "50"]])):
        with open(tmp_path / name, "w", newline="") as out:
            csv.writer(out).writerows([["type_id", "name", "mass (t)"], *rows])
        import_cars(w, str(tmp_path / name))
    qtbot.waitUntil(lambda: len(w.holder.document.consist.cars) == cars_before + 1)
    assert any("bad.csv" in said for said in dialogs.seen), dialogs.seen
    w.holder.set_selection([cars_before])
    assert marker in w.inspector.title.text()
    draw_every_label(w)
    hover_everything(w)
    assert not fifo.opened(), "a car name from a CSV file was read as HTML"
    # A document that does not open: its error names the car.
    bad = json.loads(path.read_text())
    bad["consist"]["cars"][2]["mass_kg"] = -5
    bad_path = tmp_path / "bad.consist.json"
    bad_path.write_text(json.dumps(bad))
    assert not w.file.open_path(str(bad_path))
    assert any(marker in said and "mass" in said for said in dialogs.seen), dialogs.seen
    # Closing with unsaved changes asks first, naming the document; the answer comes from a timer.
    qtbot.keyClicks(w.inspector.name, "x")
    qtbot.keyClick(w.inspector.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.holder.is_modified)
    w.close()
    qtbot.waitUntil(lambda: not w.isVisible())
    assert any("Unsaved" in s or "Save the changes" in s for s in dialogs.seen), dialogs.seen
    assert not fifo.opened(), "a text of the document was read as HTML"
    QApplication.clipboard().clear()


def test_a_tooltip_that_looks_like_html_is_shown_as_written(qtbot):
    from traintool.ui.common import plain

    assert plain.tip("Coach 3, 50 t") == "Coach 3, 50 t"  # a plain one is kept as it is
    label = QLabel()
    qtbot.addWidget(label)
    label.setText(plain.tip('<img src="x">\n<b>two</b>'))
    assert label.textFormat() == Qt.TextFormat.AutoText
    from PySide6.QtGui import Qt as GuiQt, QTextDocument

    assert GuiQt.mightBeRichText(label.text())  # shown as rich text, so it must be escaped text in it

    doc = QTextDocument()
    doc.setHtml(label.text())
    assert doc.toPlainText() == '<img src="x">\n<b>two</b>'


def test_the_report_of_such_a_document_reads_no_file(tmp_path, fifo):
    """The report is HTML laid out by Qt: every text of the document in it is escaped."""
    marker = f'<img src="{fifo.fifo}">'
    path = tmp_path / "hostile.consist.json"
    path.write_text(hostile_document(marker).model_dump_json())
    out = tmp_path / "report.pdf"
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ, PYTHONPATH=root, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "traintool", "report", str(path), "--full-car-list", "-o", str(out)],
                       env=env, capture_output=True, text=True, timeout=300)
    assert out.exists(), r.stderr  # the trip cannot be made: the report says why, and is written
    assert not fifo.opened(), "a text of the document was read as HTML in the report"
