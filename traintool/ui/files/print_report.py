"""File > Print and Print Preview: the report's pages, the same as the PDF's, onto a printer.

The report's process (the one Export PDF uses) lays the pages out and records each as a picture
(report.flow.PagePictures), with progress and Cancel; the window then only replays them, onto the
preview (on the window's thread, as Qt's preview requires; its events handled between two pages) or
onto the printer (on a thread). A replay takes milliseconds a page, where laying the report out
takes seconds: the window stays live.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtGui import QPicture
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from ...report.flow import PagePictures, replay
from .export_report import ReportJob, picture_dpi, pictures_job, run_with_progress, tell, with_kept_check

if TYPE_CHECKING:
    from ...physics.answer import Answer
    from .document_window import DocumentWindow


def window_answer(window: DocumentWindow) -> Answer | None:
    """The answer on screen; None (and a message) if there is no trip to report."""
    answer = window.range_computer.answer()
    if answer is None:
        c = window.trip_computer
        window.show_error("Nothing to print", c.error or window.holder.route_error or "The trip has not been computed.")
    return answer


def report_pages_job(window: DocumentWindow, answer: Answer) -> ReportJob:
    """A job recording the report's pages of `answer` as pictures, in the window's units and page size."""
    holder, preferences = window.holder, window.preferences
    return ReportJob(pictures_job, (with_kept_check(answer), preferences.units, preferences.page_size, holder.path, holder.is_modified,
                                    picture_dpi()))


def print_preview(window: DocumentWindow, printer: QPrinter | None = None) -> ReportJob | None:
    """Prepare the report's pages in the background, then show the preview (window-modal; it replays
    the pages). None if there is no trip to report. `printer` preset: for the tests."""
    answer = window_answer(window)
    if answer is None:
        return None
    page_size = window.preferences.page_size

    parent = window.window()

    def show(data: object) -> None:
        preview_dialog(parent, PagePictures.of(data), page_size, printer).open()  # type: ignore[arg-type]
    return run_with_progress(parent, "Preparing the print preview", report_pages_job(window, answer), show,
                             lambda message: tell(parent, "Could not preview the report", message))


class _Preview(QPrintPreviewDialog):
    def __init__(self, printer: QPrinter, parent: QWidget) -> None:
        super().__init__(printer, parent)
        self.kept_printer = printer  # the dialog does not own its printer: kept alive with it


def preview_dialog(parent: QWidget, pages: list[QPicture], page_size: str,
                   printer: QPrinter | None = None) -> QPrintPreviewDialog:
    """The preview dialog of recorded pages; its Print button replays them onto the printer chosen."""
    dialog = _Preview(printer or QPrinter(QPrinter.PrinterMode.HighResolution), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle("Print preview — the report")
    dialog.paintRequested.connect(lambda onto: replay(pages, onto, page_size, on_page=_between_pages))
    return dialog


def _between_pages(_page: int) -> None:
    """The preview asks for every page at once, on the window's thread: the window's own events
    (its timers, its painting) are handled between two pages, so that it never waits for the lot.
    Input waits for the end (a click could ask for the pages again while they are replayed)."""
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def print_report(window: DocumentWindow, printer: QPrinter | None = None) -> ReportJob | None:
    """Ask where and how to print (the print dialog), then print the report in the background; None
    if there is nothing to print or the dialog was cancelled. `printer` preset: for the tests."""
    from .export_report import print_in_background

    answer = window_answer(window)
    if answer is None:
        return None
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, window.window()).exec() != QPrintDialog.DialogCode.Accepted:
        return None
    holder = window.holder
    return print_in_background(window.window(), answer, printer, window.preferences.units, window.preferences.page_size,
                               holder.path, holder.is_modified,
                               on_printed=lambda: window.statusBar().showMessage("Report printed", 4000))
