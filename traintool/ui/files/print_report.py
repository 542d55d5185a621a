"""File > Print and Print Preview: the report's pages painted onto a printer, the same as the PDF's.

traintool.report.pdf.paint_report lays the pages out in points on any paged device, so what is
printed or previewed is what Export PDF writes, of the same answer: the one the window shows.
Print runs on a thread of its own (export_report.print_in_background); the preview paints when its
dialog asks, on the window's thread, as Qt's preview requires.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

from ...errors import TraintoolError
from ...report.pdf import paint_report

if TYPE_CHECKING:
    from ...physics.answer import Answer
    from .document_window import DocumentWindow
    from .export_report import ReportJob


def window_answer(window: DocumentWindow) -> Answer | None:
    """The answer on screen; None (and a message) if there is no trip to report."""
    answer = window.range_computer.answer()
    if answer is None:
        c = window.trip_computer
        window.show_error("Nothing to print", c.error or window.holder.route_error or "The trip has not been computed.")
    return answer


def report_painter(window: DocumentWindow):
    """A function painting the report of the answer on screen onto a printer (the preview's); None
    (and a message) if there is no trip to report."""
    answer = window_answer(window)
    if answer is None:
        return None
    units, page_size = window.preferences.units, window.preferences.page_size

    def paint(printer: QPrinter) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            paint_report(printer, answer, units=units, page_size=page_size)
        except TraintoolError as e:
            window.show_error("Could not print the report", str(e))
        finally:
            QGuiApplication.restoreOverrideCursor()
    return paint


def print_preview(window: DocumentWindow, show: bool = True, printer: QPrinter | None = None) -> QPrintPreviewDialog | None:
    """The preview dialog of the report's pages (shown and run unless `show` is false)."""
    paint = report_painter(window)
    if paint is None:
        return None
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, window.window())
    dialog.printer_ = printer  # type: ignore[attr-defined]  # the dialog does not own it: kept alive with it
    dialog.setWindowTitle("Print preview — the report")
    dialog.paintRequested.connect(paint)
    if show:
        dialog.exec()
    return dialog


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
