"""Print runs in the report's process: the printer's settings cross as a value, the printer is
rebuilt there and the pages chosen painted onto it; the window's process paints nothing. Errors
there (no such printer, no print plugin) come back as one sentence."""
import pickle
import re

import pytest
from hypothesis import given, strategies as st
from pypdf import PdfReader
from PySide6.QtGui import QPageRanges
from PySide6.QtPrintSupport import QPrinter

from traintool.errors import PrintError
from traintool.report import write_report
from traintool.ui.files import printing
from traintool.ui.files.export_report import picture_dpi, with_kept_check
from traintool.ui.files.printer_settings import PrinterSettings
from conftest import REPORT_WAIT_MS


def _pdf_printer(path, pages: str = "", copies: int = 1, collate: bool = True) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    if pages:
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setPageRanges(QPageRanges.fromString(pages))
    printer.setCopyCount(copies)
    printer.setCollateCopies(collate)
    return printer


def _texts(path) -> list[str]:
    """Each page's text, the stamp's time left out (a minute may turn between two reports)."""
    return [re.sub(r"\d{4}-\d\d-\d\d\s\d\d:\d\d\sUTC", "", page.extract_text()) for page in PdfReader(str(path)).pages]


@given(copies=st.integers(1, 9), collate=st.booleans(), duplex=st.sampled_from(list(QPrinter.DuplexMode)),
       grey=st.booleans(), reverse=st.booleans(), first=st.integers(1, 30), length=st.integers(0, 30),
       resolution=st.sampled_from([300, 600, 1200]), doc_name=st.text(max_size=20))
def test_a_printers_settings_cross_to_another_process_whole(qapp, copies, collate, duplex, grey, reverse, first,
                                                             length, resolution, doc_name):
    printer = _pdf_printer("/tmp/unused.pdf", f"{first}-{first + length}", copies, collate)
    printer.setDuplex(duplex)
    printer.setColorMode(QPrinter.ColorMode.GrayScale if grey else QPrinter.ColorMode.Color)
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst if reverse else QPrinter.PageOrder.FirstPageFirst)
    printer.setResolution(resolution)
    printer.setDocName(doc_name)
    settings = PrinterSettings.of(printer)
    crossed = pickle.loads(pickle.dumps(settings))
    assert crossed == settings
    assert PrinterSettings.of(crossed.printer()) == settings


@given(count=st.integers(1, 40), first=st.integers(1, 45), length=st.integers(0, 10), copies=st.integers(1, 4),
       collate=st.booleans(), reverse=st.booleans())
def test_the_pages_painted_are_those_chosen_once_per_copy(qapp, count, first, length, copies, collate, reverse):
    printer = _pdf_printer("/tmp/unused.pdf", f"{first}-{first + length}", copies, collate)
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst if reverse else QPrinter.PageOrder.FirstPageFirst)
    settings = PrinterSettings.of(printer)
    chosen = [n for n in range(1, count + 1) if first <= n <= first + length]
    painted = settings.pages(count, printer_makes_copies=False)
    assert sorted(painted) == sorted(chosen * copies)
    assert settings.pages(count, printer_makes_copies=True) == (chosen[::-1] if reverse else chosen)
    if collate and chosen:  # each copy whole before the next
        assert painted[:len(chosen)] == (chosen[::-1] if reverse else chosen)


@pytest.mark.parametrize("collate", [True, False])
def test_the_print_job_prints_the_page_range_chosen_and_its_copies(small_window, qtbot, tmp_path, collate):
    w = small_window
    qtbot.waitUntil(lambda: w.trip_panel.range_computer.range is not None, timeout=30_000)
    answer = with_kept_check(w.trip_panel.range_computer.answer())
    out = tmp_path / "printed.pdf"
    settings = PrinterSettings.of(_pdf_printer(out, "2-3", copies=2, collate=collate))
    told = []
    printing.print_job(lambda done, total: told.append((done, total)), answer, w.preferences.units, "a4", None, False,
                       picture_dpi(), settings)
    direct = tmp_path / "direct.pdf"
    write_report(answer, direct)
    pages = _texts(direct)
    assert len(pages) >= 3
    expected = [pages[1], pages[2], pages[1], pages[2]] if collate else [pages[1], pages[1], pages[2], pages[2]]
    assert _texts(out) == expected
    assert told[-1] == (4, 4)  # the pages printed were told as they went


def _print(window, settings: PrinterSettings) -> list:
    ended: list = []
    job = printing.print_settings_in_background(window, window.trip_panel.range_computer.answer(), settings,
                                                window.preferences.units, "a4", None, False,
                                                on_printed=lambda: ended.append(("printed", None)))
    job.failed.connect(lambda message: ended.append(("failed", message)))
    job.cancelled.connect(lambda: ended.append(("cancelled", None)))
    return ended, job


def test_print_paints_in_the_reports_process_not_the_windows(small_window, qtbot, tmp_path, monkeypatch):
    # The replay onto the printer ran on a thread of the window's process: it held the interpreter's
    # lock ~90 ms a page and Qt's PDF engine ~200 ms, and the window froze that long.
    from traintool.report import flow

    def not_here(*_args, **_kw):
        raise AssertionError("pages painted in the window's process")
    monkeypatch.setattr(flow, "replay", not_here)
    monkeypatch.setattr(printing, "replay", not_here)
    w = small_window
    out = tmp_path / "printed.pdf"
    ended, job = _print(w, PrinterSettings.of(_pdf_printer(out, "1-2")))
    qtbot.waitUntil(lambda: bool(ended), timeout=REPORT_WAIT_MS)
    assert ended == [("printed", None)] and w.errors == []
    qtbot.waitUntil(lambda: job._process.exitcode is not None, timeout=10_000)  # a process of its own, ended
    assert job._process.exitcode == 0
    assert len(PdfReader(str(out)).pages) == 2


def test_a_printer_that_is_not_there_is_one_sentence(small_window, qtbot, tmp_path):
    w = small_window
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    settings = PrinterSettings.of(printer)
    from dataclasses import replace

    gone = replace(settings, output_format=QPrinter.OutputFormat.NativeFormat, printer_name="Office-3rd-floor",
                   output_file="")
    ended, _job = _print(w, gone)
    qtbot.waitUntil(lambda: bool(ended), timeout=REPORT_WAIT_MS)
    assert ended[0][0] == "failed" and w.errors == [ended[0][1]]
    assert "“Office-3rd-floor” is not set up on this computer" in w.errors[0] and w.errors[0].count(".") == 1
    assert w.isVisible()


@pytest.mark.parametrize("plugin", [None, b"not a library"])
def test_a_print_plugin_that_cannot_be_loaded_is_said_so(qapp, tmp_path, monkeypatch, plugin):
    folder = tmp_path / "plugins"
    (folder / "printsupport").mkdir(parents=True)
    if plugin is not None:
        (folder / "printsupport" / "libcupsprintersupport.so").write_bytes(plugin)
    monkeypatch.setattr(printing, "_plugin_folders", lambda: [str(folder)])
    settings = PrinterSettings.of(QPrinter(QPrinter.PrinterMode.HighResolution))
    from dataclasses import replace

    native = replace(settings, output_format=QPrinter.OutputFormat.NativeFormat, output_file="")
    with pytest.raises(PrintError, match="Printing is not available: Qt's print plugin"):
        printing.print_pages([], native, "a4", lambda done, total: None)


def test_the_print_plugin_here_is_found(qapp):
    assert printing.print_plugin_problem() is None


def test_cancel_stops_the_print_in_its_process_and_leaves_no_file(small_window, qtbot, tmp_path):
    import tempfile
    from pathlib import Path

    before = set(Path(tempfile.gettempdir()).glob("traintool-print-*"))
    w = small_window
    out = tmp_path / "printed.pdf"
    ended, job = _print(w, PrinterSettings.of(_pdf_printer(out)))
    firsts = []  # the pages are recorded (page 1 of N...), then printed (page 1 of N again): cancel there

    def progress(done: int, total: int) -> None:
        firsts.extend([done] if done == 1 else [])
        if len(firsts) == 2:
            job.cancel()
    job.progress.connect(progress)
    qtbot.waitUntil(lambda: bool(ended), timeout=REPORT_WAIT_MS)
    assert ended == [("cancelled", None)] and w.errors == []
    qtbot.waitUntil(lambda: job._process.exitcode is not None, timeout=10_000)
    assert job._process.exitcode == 0  # it stopped (and aborted the printer), it was not killed
    assert list(tmp_path.iterdir()) == [] and set(Path(tempfile.gettempdir()).glob("traintool-print-*")) == before


def test_print_to_a_pdf_file_keeps_the_page_range_chosen(small_window, qtbot, tmp_path):
    from traintool.ui.files.printing import print_in_background

    w = small_window
    qtbot.waitUntil(lambda: w.trip_panel.range_computer.range is not None, timeout=30_000)
    answer = w.trip_panel.range_computer.answer()
    out = tmp_path / "printed.pdf"
    printed = []
    print_in_background(w, answer, _pdf_printer(out, "2-3"), w.preferences.units, "a4", None, False,
                        on_printed=lambda: printed.append(True))
    qtbot.waitUntil(lambda: printed == [True], timeout=REPORT_WAIT_MS)
    direct = tmp_path / "direct.pdf"
    write_report(with_kept_check(answer), direct)
    assert _texts(out) == _texts(direct)[1:3] and w.errors == []
