"""File > Export PDF… and File > Print… in the window: the report of the answer the window shows
(nothing is computed again), laid out, painted and written on a thread of its own, with a progress
dialog that can cancel it, as Anki runs its background operations: the window stays live.

A PDF goes through the one safe writer: a symlink is not followed, the open document is never
written over, and a failed write leaves the old file whole. That holds for Print to a PDF file too:
its pages are the report's own PDF, written as Export PDF writes it.
"""
from __future__ import annotations

import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QObject, QTimer, QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from ..errors import TraintoolError
from ..units import UnitSystem

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ..physics.answer import Answer


class _Signals(QObject):
    progress = Signal(int, int)  # pages done, pages in all (0, 0 while laid out)
    done = Signal(object)  # what the job returned
    failed = Signal(str)


class ReportJob(QObject):
    """`work(progress)` run on a thread of its own; `progress(done, total)` raises Cancelled once
    cancel() is called. `done` or `failed` comes on the window's thread, `cancelled` if it was."""

    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    progress = Signal(int, int)

    def __init__(self, work: Callable[[Callable[[int, int], None]], object], parent: QObject | None = None):
        super().__init__(parent)
        self._work, self._cancel = work, threading.Event()
        self._signals = _Signals()
        self._signals.progress.connect(self.progress)
        self._signals.done.connect(self.done)
        self._signals.failed.connect(self._failed)
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="traintool-report", daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def _failed(self, message: str) -> None:
        if message == "\0cancelled":
            self.cancelled.emit()
        else:
            self.failed.emit(message)

    def _run(self) -> None:
        from ..report.flow import Cancelled

        signals = self._signals

        def progress(done: int, total: int) -> None:
            if self._cancel.is_set():
                raise Cancelled()
            try:
                signals.progress.emit(done, total)
            except RuntimeError:  # the window was closed meanwhile: stop
                raise Cancelled() from None
        try:
            result = self._work(progress)
        except Cancelled:
            result, error = None, "\0cancelled"
        except TraintoolError as e:
            result, error = None, str(e)
        except Exception as e:  # a bug: reported, and the window carries on
            sys.excepthook(type(e), e, e.__traceback__)
            result, error = None, "The report could not be made: an unexpected error (reported)"
        else:
            error = None
        try:
            signals.done.emit(result) if error is None else signals.failed.emit(error)
        except RuntimeError:
            pass  # the window was closed meanwhile: nobody is left to tell


SHOW_PROGRESS_AFTER_MS = 300  # a report done sooner shows no dialog at all


def run_with_progress(parent: QWidget, title: str, work: Callable[[Callable[[int, int], None]], object],
                      on_done: Callable[[object], None], on_failed: Callable[[str], None]) -> ReportJob:
    """Start `work` on its own thread behind a progress dialog with Cancel (shown only if it takes
    a moment). Returns the job (kept by the parent while it runs)."""
    dialog = QProgressDialog(f"{title}: laying out the pages…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(2**31 - 1)  # shown by the timer below, not by Qt's estimate from setValue
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = ReportJob(work, parent)
    parent._report_job = job  # type: ignore[attr-defined]  # kept alive while it runs
    running = [True]
    QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, dialog, lambda: dialog.show() if running[0] else None)

    def progress(done: int, total: int) -> None:
        if total:
            dialog.setMaximum(total)
            dialog.setValue(done)
            dialog.setLabelText(f"{title}: page {done:,} of {total:,}")

    def finish() -> None:
        running[0] = False
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
        parent._report_job = None  # type: ignore[attr-defined]

    job.progress.connect(progress)
    job.done.connect(lambda value: (finish(), on_done(value)))
    job.failed.connect(lambda message: (finish(), on_failed(message)))
    job.cancelled.connect(finish)
    dialog.canceled.connect(job.cancel)
    job.start()
    return job


def stamped(answer: Answer, document_path: Path | None, modified: bool) -> Answer:
    """`answer` with what it was made from (the file's SHA-256 is read here, on the job's thread)."""
    from ..physics.answer import Stamp

    return replace(answer, stamp=Stamp.of(document_path, answer.route, modified))


def report_file_name(document_path: Path | None, untitled: Path) -> Path:
    """The report's suggested file: beside the document, never the document itself (a document
    called plan.pdf gets "plan report.pdf")."""
    if document_path is None:
        return untitled
    suggested = document_path.with_suffix("").with_suffix(".pdf")
    if suggested.name == document_path.name:
        suggested = document_path.with_name(f"{suggested.stem} report.pdf")
    return suggested


def export_pdf_interactive(parent: QWidget, answer: Answer, units: UnitSystem, suggested: Path,
                           page_size: str, document_path: Path | None, modified: bool,
                           ask: Callable[[], str] | None = None) -> ReportJob | None:
    """Ask where, then write the report in the background; offer to open it when written. `ask`
    (the tests') stands for the file dialog."""
    if ask is not None:
        path = ask()
    else:
        path, _ = QFileDialog.getSaveFileName(parent, "Export the report as PDF", str(suggested), "PDF (*.pdf)")
    if not path:
        return None
    if not path.lower().endswith(".pdf"):
        path += ".pdf"
    return write_in_background(parent, answer, Path(path), units, page_size, document_path, modified,
                               on_written=lambda p: _offer_to_open(parent, p))


def write_in_background(parent: QWidget, answer: Answer, path: Path, units: UnitSystem, page_size: str,
                        document_path: Path | None, modified: bool,
                        on_written: Callable[[Path], None]) -> ReportJob:
    """Lay out, paint and write the report to `path` on a thread of its own, never over the document."""
    not_onto = [document_path] if document_path is not None else []

    def work(progress):
        from ..report.pdf import write_report

        return write_report(stamped(answer, document_path, modified), path, units=units, page_size=page_size,
                            not_onto=not_onto, progress=progress)

    def failed(message: str) -> None:
        _tell(parent, "Could not write the report", message)
    return run_with_progress(parent, "Writing the report", work, lambda p: on_written(Path(p)), failed)  # type: ignore[arg-type]


def _tell(parent: QWidget, title: str, message: str) -> None:
    show_error = getattr(parent, "show_error", None)  # the window's, in plain text
    if show_error is not None:
        show_error(title, message)
    else:
        box = QMessageBox(QMessageBox.Icon.Critical, title, message, QMessageBox.StandardButton.Close, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()


def _offer_to_open(parent: QWidget, path: Path) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, "Report written", f"Wrote {path}.",
                      QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if box.exec() == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_in_background(parent: QWidget, answer: Answer, printer: QPrinter, units: UnitSystem, page_size: str,
                        document_path: Path | None, modified: bool, on_printed: Callable[[], None]) -> ReportJob:
    """Paint the report onto `printer` on a thread of its own (Qt paints onto a printer from any
    thread); printing to a PDF file writes the report's PDF through the safe writer instead."""
    from PySide6.QtPrintSupport import QPrinter

    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
        return write_in_background(parent, answer, Path(printer.outputFileName()), units, page_size, document_path,
                                   modified, on_written=lambda _p: on_printed())

    def work(progress):
        from ..report.flow import Cancelled
        from ..report.pdf import paint_report

        try:
            return paint_report(printer, stamped(answer, document_path, modified), units=units,
                                page_size=page_size, progress=progress)
        except Cancelled:
            printer.abort()
            raise

    def failed(message: str) -> None:
        _tell(parent, "Could not print the report", message)
    return run_with_progress(parent, "Printing the report", work, lambda _v: on_printed(), failed)
