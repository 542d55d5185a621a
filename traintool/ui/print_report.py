"""File > Print and Print Preview: the report's pages painted onto a printer, the same as the PDF's.

traintool.report.pdf.paint_report lays the pages out in points on any paged device, so what is
printed or previewed is what Export PDF writes.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

from ..errors import TraintoolError
from ..report.pdf import REPORT_SAMPLES, paint_report

if TYPE_CHECKING:
    from .main_window import MainWindow


def report_painter(window: MainWindow, range_samples: int = REPORT_SAMPLES):
    """A function painting the report of the trip on screen onto a printer; None (and a message) if
    there is no trip to report."""
    c, route, doc = window.trip_computer, window.holder.route, window.holder.document
    if c.result is None or route is None:
        window.show_error("Nothing to print", c.error or window.holder.route_error or "The trip has not been computed.")
        return None
    result, units, page_size = c.result, window.preferences.units, window.preferences.page_size

    def paint(printer: QPrinter) -> None:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            paint_report(printer, doc, route, result, units=units, page_size=page_size, range_samples=range_samples)
        except TraintoolError as e:
            window.show_error("Could not print the report", str(e))
        finally:
            QGuiApplication.restoreOverrideCursor()
    return paint


def print_preview(window: MainWindow, show: bool = True, printer: QPrinter | None = None) -> QPrintPreviewDialog | None:
    """The preview dialog of the report's pages (shown and run unless `show` is false)."""
    paint = report_painter(window)
    if paint is None:
        return None
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, window)
    dialog.printer_ = printer  # type: ignore[attr-defined]  # the dialog does not own it: kept alive with it
    dialog.setWindowTitle("Print preview — the report")
    dialog.paintRequested.connect(paint)
    if show:
        dialog.exec()
    return dialog


def print_report(window: MainWindow, printer: QPrinter | None = None) -> bool:
    """Ask where and how to print (the print dialog), then paint the report there; False if there
    is nothing to print or the dialog was cancelled. `printer` preset: for the tests, a PDF file."""
    paint = report_painter(window)
    if paint is None:
        return False
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, window).exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint(printer)
    return True
