"""File > Print and Print Preview through their real dialogs: the pages painted on a printer are
the PDF's pages, word for word and point for point."""
import pypdfium2
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from traintool.report import write_report
from traintool.ui.files.print_report import print_preview, print_report
from conftest import REPORT_WAIT_MS

def _pages(path) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Each page's characters with their boxes, in points."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        out = []
        for page in pdf:
            text = page.get_textpage()
            out.append([(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())])
        return out
    finally:
        pdf.close()


def _answer_when_shown(dialog_type, answer) -> list:
    """Answer the first dialog of `dialog_type` that opens, from the event loop it runs (a modal
    exec() returns only then); what was answered is kept in the list returned."""
    seen: list = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, dialog_type):
            seen.append(answer(dialog))
        else:
            QTimer.singleShot(20, poll)
    QTimer.singleShot(20, poll)
    return seen


def _pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1200 dpi: the painter is scaled to points
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.parametrize("page_size", ["a4", "letter"])
def test_pages_painted_on_a_printer_are_the_pdfs_pages(small_window, tmp_path, page_size):
    # Found this way: on a 1200-dpi printer every label of the plots was drawn 16 times too large,
    # and the text was laid out at the screen's resolution (a third larger than in the PDF).
    from traintool.report.pdf import paint_report

    answer = small_window.trip_panel.range_computer.answer()
    printed = tmp_path / "printed.pdf"
    printer = _pdf_printer(printed)
    paint_report(printer, answer, page_size=page_size)
    del printer  # the printer's file is complete once it is gone
    direct = tmp_path / "direct.pdf"
    write_report(answer, direct, page_size=page_size)
    a, b = _pages(printed), _pages(direct)
    assert len(a) == len(b) >= 3
    for n, (pa, pb) in enumerate(zip(a, b)):
        assert "".join(c for c, _ in pa) == "".join(c for c, _ in pb), f"page {n + 1}"
        for (c, box_a), (_, box_b) in zip(pa, pb):
            assert box_a == pytest.approx(box_b, abs=0.5), (n + 1, c)


def test_file_print_to_a_pdf_file_through_the_dialog_writes_the_windows_report(small_window, qtbot, tmp_path):
    w = small_window
    qtbot.waitUntil(lambda: w.trip_panel.range_computer.range is not None, timeout=30_000)
    printed = tmp_path / "printed.pdf"
    accepted = _answer_when_shown(QPrintDialog, lambda d: d.accept() or True)
    job = print_report(w, _pdf_printer(printed))
    assert job is not None and accepted == [True]
    with qtbot.waitSignal(job.done, timeout=REPORT_WAIT_MS):
        pass
    direct = tmp_path / "direct.pdf"
    from traintool.ui.files.export_report import with_kept_check

    # The window's answer with the published-timings check as kept (or not yet), as the window hands it on.
    write_report(with_kept_check(w.trip_panel.range_computer.answer()), direct, page_size=w.preferences.page_size)
    a, b = _pages(printed), _pages(direct)
    assert len(a) == len(b) >= 3 and w.errors == []
    text = "".join(c for page in a for c, _ in page)
    r = w.trip_panel.range_computer.range
    from traintool.units import format_duration
    assert format_duration(r.total_s.p5) in text and format_duration(r.total_s.p95) in text  # the window's range


def test_a_cancelled_print_dialog_prints_nothing(small_window, tmp_path):
    printed = tmp_path / "printed.pdf"
    rejected = _answer_when_shown(QPrintDialog, lambda d: d.reject() or True)
    assert print_report(small_window, _pdf_printer(printed)) is None
    assert rejected == [True] and not printed.exists()


def _print_to(window, qtbot, path) -> list:
    """Print to the PDF file `path` through the print dialog; wait for the job to end. Returns what it ended with."""
    accepted = _answer_when_shown(QPrintDialog, lambda d: d.accept() or True)
    job = print_report(window, _pdf_printer(path))
    assert accepted == [True] and job is not None
    ended: list = []
    job.done.connect(lambda value: ended.append(("done", value)))
    job.failed.connect(lambda message: ended.append(("failed", message)))
    qtbot.waitUntil(lambda: bool(ended), timeout=REPORT_WAIT_MS)
    return ended


def test_print_to_a_pdf_file_follows_no_symlink_planted_by_another_user(small_window, qtbot, tmp_path,
                                                                         as_another_user):
    # Issue 25: QPrinter wrote through another user's planted symlink onto its target.
    import os

    target = tmp_path / "victim.txt"
    target.write_text("our own file")
    link = tmp_path / "printed.pdf"
    link.symlink_to(target)
    os.lchown(link, 65534, 65534)  # planted by user nobody
    ended = _print_to(small_window, qtbot, link)
    assert target.read_text() == "our own file"
    assert ended[0][0] == "failed" and "symlink of another user" in ended[0][1]


def test_print_to_a_pdf_file_never_replaces_the_open_document(small_window, qtbot, tmp_path):
    # Issue 25: printing onto the open document's own name replaced it without a word.
    w = small_window
    doc_path = tmp_path / "plan.pdf"
    assert w.file.save_to(doc_path)
    before = doc_path.read_bytes()
    ended = _print_to(w, qtbot, doc_path)
    assert ended[0][0] == "failed" and w.errors == [ended[0][1]]
    assert doc_path.read_bytes() == before


def _text_pages(path) -> list[str]:
    """Each page's text, the stamp's time left out (a minute may turn between two reports)."""
    import re

    return [re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", "", "".join(c for c, _ in page)) for page in _pages(path)]


def test_print_preview_replays_the_pdfs_pages_made_while_the_window_keeps_turning(small_window, qtbot, tmp_path):
    # The preview laid out and painted the whole report on the window's thread: it froze for seconds.
    from traintool.ui.files.export_report import with_kept_check

    w = small_window
    qtbot.waitUntil(lambda: w.trip_panel.range_computer.range is not None, timeout=30_000)
    ticks = {"before the preview": 0, "after": 0}

    def tick() -> None:
        shown = any(d.isVisible() for d in w.findChildren(QPrintPreviewDialog))
        ticks["after" if shown else "before the preview"] += 1
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    job = print_preview(w, printer=_pdf_printer(tmp_path / "unused.pdf"))
    assert job is not None  # the pages are made in the background: the call returns at once

    def dialog():
        shown = [d for d in w.findChildren(QPrintPreviewDialog) if d.isVisible()]
        return shown[0] if shown else None
    qtbot.waitUntil(lambda: dialog() is not None and dialog().findChild(QPrintPreviewWidget).pageCount() > 0,
                    timeout=REPORT_WAIT_MS)
    timer.stop()
    assert ticks["before the preview"] >= 3  # the window's event loop turned while the pages were made
    previewed = dialog().findChild(QPrintPreviewWidget).pageCount()
    # What the preview prints (its Print button asks the same pages for the printer chosen): the PDF's pages.
    printed = tmp_path / "printed.pdf"
    printer = _pdf_printer(printed)
    dialog().paintRequested.emit(printer)
    del printer
    dialog().reject()
    direct = tmp_path / "direct.pdf"
    write_report(with_kept_check(w.trip_panel.range_computer.answer()), direct, page_size=w.preferences.page_size)
    assert previewed == len(_pages(direct)) >= 3
    assert _text_pages(printed) == _text_pages(direct) and w.errors == []


def test_print_to_a_printer_prints_the_pages_the_reports_process_made(small_window, qtbot, tmp_path):
    from traintool.ui.files import export_report, printing
    from traintool.ui.files.printer_settings import PrinterSettings

    w = small_window
    answer = w.trip_panel.range_computer.answer()
    printed = tmp_path / "printed.pdf"
    done = []  # a printer writing PDF, the way a printer's pages go (File > Print to a file takes Export PDF's way)
    printing.print_settings_in_background(w, answer, PrinterSettings.of(_pdf_printer(printed)), w.preferences.units,
                                          "a4", None, False, on_printed=lambda: done.append(True))
    qtbot.waitUntil(lambda: done == [True], timeout=REPORT_WAIT_MS)
    direct = tmp_path / "direct.pdf"
    write_report(export_report.with_kept_check(answer), direct)
    assert _text_pages(printed) == _text_pages(direct) and len(_pages(direct)) >= 3 and w.errors == []


def test_a_report_made_in_the_window_then_keeps_the_timings_check(small_window, qtbot, tmp_path, monkeypatch):
    # The report does not compute the published-timings check (a minute or more): the window does,
    # after the report, in a process of its own, so that the next report quotes it.
    from traintool.ui.files import export_report

    asked = []
    monkeypatch.setattr(export_report, "keep_timings_check", lambda: asked.append(True))
    written = []
    export_report.write_in_background(small_window, small_window.trip_panel.range_computer.answer(),
                                      tmp_path / "r.pdf", small_window.preferences.units, "a4", None, False,
                                      on_written=written.append)
    qtbot.waitUntil(lambda: bool(written), timeout=REPORT_WAIT_MS)
    assert asked == [True]


def test_the_window_computes_the_check_in_a_process_of_its_own_and_keeps_it(qapp, qtbot, tmp_path, monkeypatch,
                                                                           keep_timings_check):
    from traintool.report.timings_cache import kept_checks

    monkeypatch.setattr("traintool.app_paths.cache_dir", lambda: tmp_path)
    assert kept_checks(20) is None
    job = keep_timings_check(samples=20)  # 200 in the window: 20 is enough to see it kept
    assert job is not None and keep_timings_check(samples=20) is None  # one at a time
    with qtbot.waitSignal(job.done, timeout=REPORT_WAIT_MS):
        pass
    kept = kept_checks(20)
    assert kept is not None and len(kept) >= 10
