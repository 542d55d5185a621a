"""File > Export PDF… in the window: choose where, write the report (traintool.report), offer to open it."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..errors import TraintoolError
from ..model import Document, Route
from ..physics.result import TripResult
from ..report import default_page_size, write_report
from ..units import UnitSystem
from . import plain


def export_pdf_interactive(parent: QWidget, document: Document, route: Route, result: TripResult,
                           units: UnitSystem, suggested: Path | None = None, page_size: str | None = None) -> Path | None:
    start = str(suggested or Path.home() / f"{document.name}.pdf")
    path, _ = QFileDialog.getSaveFileName(parent, "Export the report as PDF", start, "PDF (*.pdf)")
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    # The report is written here, on the window's thread, with a busy cursor as its only feedback
    # (benchmarks/report_benchmark.py times it).
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write_report(document, route, result, path, units=units, page_size=page_size or default_page_size())
    except TraintoolError as e:
        QGuiApplication.restoreOverrideCursor()
        plain.tell(parent, "Could not export the report", str(e))
        return None
    QGuiApplication.restoreOverrideCursor()
    answer = plain.ask(parent, "Report written", f"Wrote {path}.",
                       QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                       icon=QMessageBox.Icon.Information)
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))
    return Path(path)
