"""Export PDF and Print run off the window's thread, behind a progress dialog that cancels them;
a cancelled or failed report writes nothing, and Print to a PDF file goes through the safe writer."""
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from traintool.ui.files import export_report, printing
from conftest import REPORT_WAIT_MS


def _dialog() -> QProgressDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()), None)


def test_the_progress_dialogs_cancel_button_stops_the_work_on_its_thread(small_window, qtbot):
    from PySide6.QtWidgets import QPushButton

    steps, ended = [], []
    stop = threading.Event()

    def work(progress):
        k = 0
        while not stop.is_set():  # until cancelled (progress raises then)
            k += 1
            progress(k, 1_000_000)
            steps.append(threading.current_thread().name)
            stop.wait(0.005)
    job = export_report.run_with_progress(small_window, "Testing", export_report.ReportJob(work, thread=True),
                                          lambda v: ended.append("done"),
                                          lambda m: ended.append(m))
    job.cancelled.connect(lambda: ended.append("cancelled"))
    qtbot.waitUntil(lambda: _dialog() is not None, timeout=10_000)
    [cancel] = [b for b in _dialog().findChildren(QPushButton) if b.text() == "Cancel"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ended == ["cancelled"], timeout=10_000)
    stop.set()
    assert steps and set(steps) == {"traintool-report"}  # never on the window's thread
    qtbot.waitUntil(lambda: _dialog() is None, timeout=5_000)


def test_a_cancelled_export_writes_nothing_and_leaves_no_process(small_window, qtbot, tmp_path):
    w = small_window
    answer = w.trip_panel.range_computer.answer()
    out = tmp_path / "r.pdf"
    written = []
    job = export_report.write_in_background(w, answer, out, w.preferences.units, "a4", None, False,
                                            on_written=written.append)
    told = []  # the report's process tells of its pages as it lays them out: cancel at the first
    job.progress.connect(lambda done, total: told.append(done) or job.cancel())
    cancelled = []
    job.cancelled.connect(lambda: cancelled.append(True))
    qtbot.waitUntil(lambda: bool(cancelled) or bool(written) or bool(w.errors), timeout=REPORT_WAIT_MS)
    assert told and cancelled == [True] and written == [] and w.errors == [] and list(tmp_path.iterdir()) == []
    qtbot.waitUntil(lambda: job._process.exitcode is not None, timeout=5_000)  # terminated, not left running


def test_export_uses_the_windows_answer_and_its_range(small_window, qtbot, tmp_path):
    # Issue 26: the window said one range, File > Export PDF printed another (it sampled again, 200 times).
    import re

    from pypdf import PdfReader

    from traintool.units import format_duration

    w = small_window
    qtbot.waitUntil(lambda: w.trip_panel.range_computer.range is not None, timeout=30_000)
    r = w.trip_panel.range_computer.range
    out = tmp_path / "r.pdf"
    written = []
    export_report.write_in_background(w, w.trip_panel.range_computer.answer(), out, w.preferences.units, "a4",
                                      None, False, on_written=written.append)
    qtbot.waitUntil(lambda: written == [out], timeout=REPORT_WAIT_MS)
    first = re.sub(r"\s+", " ", PdfReader(str(out)).pages[0].extract_text())
    assert f"90 % between {format_duration(r.total_s.p5)} and {format_duration(r.total_s.p95)} ({r.samples} samples" in first


def test_print_to_a_pdf_file_on_a_full_disk_keeps_the_old_file(small_window, qtbot, small_tmpfs):
    # Issue 25: QPrinter left a cut PDF (no %%EOF) and the old file gone.
    from conftest import fill_up
    from PySide6.QtPrintSupport import QPrinter

    w = small_window
    out = small_tmpfs / "printed.pdf"
    answer = w.trip_panel.range_computer.answer()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printed = []
    printing.print_in_background(w, answer, printer, w.preferences.units, "a4", None, False,
                                      on_printed=lambda: printed.append(True))
    qtbot.waitUntil(lambda: printed == [True], timeout=REPORT_WAIT_MS)
    before = out.read_bytes()
    assert before.rstrip().endswith(b"%%EOF")
    fill_up(small_tmpfs, leave=len(before) // 4)
    printing.print_in_background(w, answer, printer, w.preferences.units, "a4", None, False,
                                      on_printed=lambda: printed.append(True))
    qtbot.waitUntil(lambda: bool(w.errors), timeout=REPORT_WAIT_MS)
    assert "No space left on device" in w.errors[0] and printed == [True]
    assert out.read_bytes() == before


def test_the_windows_answer_holds_the_document_its_trip_was_computed_from(small_window, qtbot):
    # Between an edit and its trip (the next turn of the event loop), the answer must not pair the
    # edited document with the previous trip: a report would print one document's cars beside another's time.
    from traintool.model import edits

    w = small_window
    ranges = w.trip_panel.range_computer
    before, trip = w.holder.document, w.trip_computer.result
    w.holder.edit(edits.delete_cars, [3])
    assert w.holder.document is not before
    answer = ranges.answer()
    assert answer.trip is trip and answer.document is before
    qtbot.waitUntil(lambda: w.trip_computer.result is not trip, timeout=10_000)
    answer = ranges.answer()
    assert answer.document is w.holder.document and len(answer.document.consist.cars) == len(before.consist.cars) - 1
