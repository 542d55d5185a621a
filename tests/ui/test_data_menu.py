"""File > Export CSV and Import Cars from CSV in the window."""
import csv
import io

import pytest
from PySide6.QtWidgets import QFileDialog

from conftest import REPORT_WAIT_MS
from traintool.io.csv_export import CsvKind


@pytest.mark.parametrize("kind", list(CsvKind))
def test_export_each_csv_from_the_window(window, tmp_path, monkeypatch, kind):
    out = tmp_path / f"{kind.value}"  # the dialog's answer without the suffix: it is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV (*.csv)"))
    [action] = [a for a in window.commands.data_actions.csv_menu.actions() if a.text().replace("&", "").lower().startswith(
        {"legs": "legs", "refits": "refit", "cars": "cars", "profile": "speed", "timetable": "timetable"}[kind.value])]
    action.trigger()
    rows = list(csv.reader(io.StringIO((tmp_path / f"{kind.value}.csv").read_text("utf-8"), newline="")))
    r = window.trip_computer.result
    expected = {CsvKind.LEGS: len(r.legs), CsvKind.CARS: len(window.holder.document.consist.cars),
                CsvKind.REFITS: sum(len(x.steps) for x in r.refits), CsvKind.TIMETABLE: len(r.stops)}
    if kind in expected:
        assert len(rows) - 1 == expected[kind]
    else:
        assert float(rows[-1][2]) == pytest.approx(r.running_s, abs=0.05)  # to a tenth of a second


def test_the_byte_order_mark_is_a_kept_choice_of_the_export_menu(window, tmp_path, monkeypatch):
    out = tmp_path / "cars.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "CSV (*.csv)"))
    cars = next(a for a in window.commands.data_actions.csv_menu.actions() if a.text().replace("&", "").startswith("Cars"))
    cars.trigger()
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    window.commands.data_actions.csv_bom.trigger()  # as a click on the checkable item does
    assert window.preferences.csv_bom
    cars.trigger()
    assert out.read_bytes().startswith(b"\xef\xbb\xbf#,type id,")
    window.commands.data_actions.csv_bom.trigger()
    assert not window.preferences.csv_bom


def test_an_export_that_cannot_be_written_says_why(window, tmp_path, monkeypatch):
    import os
    fifo = tmp_path / "legs.csv"
    os.mkfifo(fifo)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(fifo), "CSV (*.csv)"))
    window.commands.data_actions.csv_menu.actions()[0].trigger()
    assert len(window.errors) == 1 and "legs.csv" in window.errors[0]


def test_import_cars_from_csv_is_one_undo_step(window, tmp_path):
    from traintool.ui.files.data_menu import import_cars

    before = window.holder.document
    n = len(before.consist.cars)
    p = tmp_path / "more.csv"
    p.write_text("type id,name,length (m)\r\nkp-armored-security,Extra 1,\r\nkp-armored-security,Extra 2,30\r\n", "utf-8")
    assert import_cars(window, str(p))
    cars = window.holder.document.consist.cars
    assert len(cars) == n + 2 and cars[-1].name == "Extra 2" and cars[-1].length_m == 30
    window.undo_stack.undo()
    assert window.holder.document is before or window.holder.document == before


def test_a_bad_row_imports_nothing_and_names_line_and_column(window, tmp_path):
    from traintool.ui.files.data_menu import import_cars

    before = window.holder.document
    p = tmp_path / "bad.csv"
    p.write_text("type,name\r\nkp-armored-security,A\r\nno-such-type,B\r\n", "utf-8")
    assert not import_cars(window, str(p))
    assert window.holder.document == before and window.undo_stack.count() == 0
    assert len(window.errors) == 1 and "line 3, column 1 (type)" in window.errors[0]


def test_import_reads_off_the_window_thread_while_the_window_runs(window, tmp_path, monkeypatch):
    """The file is read and checked on another thread: the window's own events are handled meanwhile."""
    import threading

    from PySide6.QtCore import QTimer

    from traintool.io import csv_import

    window_ran = threading.Event()
    seen = []

    def slow_read(path, types, units):
        seen.append(threading.current_thread() is threading.main_thread())
        if not window_ran.wait(20):  # only the window's event loop, running meanwhile, can set it
            raise AssertionError("the window did not run while the file was read")
        return csv_import.parse_cars("type id\nkp-armored-security\n", types, str(path), units)

    monkeypatch.setattr(csv_import, "read_cars_csv", slow_read)
    QTimer.singleShot(0, window_ran.set)
    n = len(window.holder.document.consist.cars)
    from traintool.ui.files.data_menu import import_cars
    assert import_cars(window, str(tmp_path / "x.csv"))
    assert seen == [False] and len(window.holder.document.consist.cars) == n + 1


def test_fifty_megabytes_of_empty_rows_are_refused_unread(window, tmp_path):
    from traintool.ui.files.data_menu import import_cars

    p = tmp_path / "empty-rows.csv"
    p.write_bytes(b"type id\r\n" + b"\r\n" * (25 * 2**20))
    before = window.holder.document
    assert not import_cars(window, str(p))
    assert window.holder.document is before and "over the 32 MiB limit" in window.errors[-1]


def test_paste_tab_separated_rows_from_a_spreadsheet(window):
    from PySide6.QtWidgets import QApplication

    n = len(window.holder.document.consist.cars)
    QApplication.clipboard().setText("kp-armored-security\tFrom Excel\t\t78\r\nkp-armored-security\tSecond\r\n")
    window.commands.paste.trigger()
    cars = window.holder.document.consist.cars
    assert len(cars) == n + 2 and [c.name for c in cars[-2:]] == ["From Excel", "Second"]
    assert cars[-2].mass_kg == 78_000 and window.undo_stack.count() == 1
    QApplication.clipboard().setText("kp-armored-security\tX\tnot a length\r\n")
    window.commands.paste.trigger()
    assert len(window.holder.document.consist.cars) == n + 2 and "line 1, column 3" in window.errors[-1]


def test_print_preview_shows_the_same_pages_as_the_pdf(small_window, qtbot, tmp_path):
    """The preview replays the pages the report's process recorded: as many as the PDF's, for either page size."""
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    from traintool.report import write_report
    from traintool.report.flow import PagePictures, replay
    from traintool.ui.files.export_report import with_kept_check
    from traintool.ui.files.print_report import report_pages_job

    w = small_window
    qtbot.waitUntil(lambda: w.trip_panel.range_computer.range is not None, timeout=30_000)  # the answer then holds
    for size in ("a4", "letter"):
        w.preferences.page_size = size
        job = report_pages_job(w, w.trip_panel.range_computer.answer())
        with qtbot.waitSignal(job.done, timeout=REPORT_WAIT_MS) as recorded:
            job.start()
        pages = PagePictures.of(recorded.args[0])
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # kept: the preview does not own it
        preview = QPrintPreviewWidget(printer)
        preview.paintRequested.connect(lambda onto: replay(pages, onto, size))
        preview.updatePreview()
        out = tmp_path / f"{size}.pdf"
        write_report(with_kept_check(w.trip_panel.range_computer.answer()), out, page_size=size)  # the preview's answer
        assert preview.pageCount() == len(PdfReader(str(out)).pages) >= 3
        preview.deleteLater()
    assert w.errors == []


def test_print_preview_dialog_opens_from_the_file_menu(small_window, qtbot, monkeypatch):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    opened = []
    monkeypatch.setattr(QPrintPreviewDialog, "open", lambda self: opened.append(self))
    [action] = [a for a in small_window.file_menu.actions() if a.text() == "Print Pre&view…"]
    action.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=REPORT_WAIT_MS)  # once its pages are made, off the window's thread
    assert len(opened) == 1 and small_window.errors == []
