"""File > Export PDF… in the window, and the background job that Print and Print Preview share:
the report of the answer the window shows (nothing is computed again), laid out, painted and
written in a process of its own, with a progress dialog that can cancel it, as Anki runs its
background operations: the window stays live. (Printing itself: printing.py.)

A PDF goes through the one safe writer: a symlink is not followed, the open document is never
written over, and a failed write leaves the old file whole. That holds for Print to a PDF file too:
its pages are the report's own PDF, written as Export PDF writes it.
"""
from __future__ import annotations

import pickle
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QObject, QTimer, QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from ... import __version__
from ...errors import TraintoolError
from ...physics.timing_check import CHECK_SAMPLES
from ...report.flow import Cancelled
from ...units import UnitSystem
from ..common import plain

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from ...physics.answer import Answer
    from .printer_settings import PrinterSettings


class _Signals(QObject):
    progress = Signal(int, int)  # pages done, pages in all (0, 0 while laid out)
    done = Signal(object)  # what the job returned
    failed = Signal(str)


class ReportJob(QObject):
    """`work(progress, *args)` run in a process of its own (`work` a module's function, its
    arguments picklable), or on a thread where a process cannot be had (or `thread` is asked for: a
    printer cannot cross to another process). `progress(done, total)` raises Cancelled once cancel()
    is called. `done`, `failed` or `cancelled` comes on the window's thread.

    A thread shares the window's interpreter lock: on a busy machine the window then waits up to a
    few hundred milliseconds at a time; a process has a lock of its own."""

    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    progress = Signal(int, int)

    def __init__(self, work: Callable[..., object], args: tuple = (), parent: QObject | None = None,
                 thread: bool = False):
        super().__init__(parent)
        self._work, self._args, self._on_thread = work, args, thread
        self._cancel = threading.Event()
        self._signals = _Signals()
        self._signals.progress.connect(self.progress)
        self._signals.done.connect(self.done)
        self._signals.failed.connect(self._failed)
        self._process: BaseProcess | None = None
        self._stop: Any = None  # the process's stop flag (a multiprocessing Event), once it is started

    def start(self) -> None:
        target = self._run if self._on_thread else self._run_process
        threading.Thread(target=target, name="traintool-report", daemon=True).start()

    def _run_process(self) -> None:
        """Start the process and relay what it tells, from a thread: a spawned process is handed
        its arguments through a pipe it reads only once its interpreter is up, a second or so, and
        the window must not wait for that."""
        try:
            conn = self._start_process()
        except (OSError, ValueError, ImportError, pickle.PicklingError):
            self._run()  # no process to be had here: this thread, slower to the touch, never wrong
            return
        self._read(conn)

    def cancel(self) -> None:
        """Stop the work: a process is asked to stop at its next page (a printer is then aborted, a
        temporary file removed), and ended if it has not within STOP_WITHIN_S."""
        self._cancel.set()
        if self._stop is not None:
            self._stop.set()
        process = self._process
        if process is not None and process.is_alive():
            timer = threading.Timer(STOP_WITHIN_S, lambda: process.terminate() if process.is_alive() else None)
            timer.daemon = True
            timer.start()

    def _failed(self, message: str) -> None:
        if message == CANCELLED:
            self.cancelled.emit()
        else:
            self.failed.emit(message)

    def _tell(self, result: object, error: str | None) -> None:
        try:
            self._signals.done.emit(result) if error is None else self._signals.failed.emit(error)
        except RuntimeError:
            pass  # the window was closed meanwhile: nobody is left to tell

    def _start_process(self):
        import multiprocessing

        context = multiprocessing.get_context("spawn")  # never forked: a fork of a process running Qt is not safe
        ours, theirs = context.Pipe(duplex=False)
        self._stop = context.Event()
        self._process = context.Process(target=_in_process, args=(theirs, self._stop, self._work, self._args),
                                        daemon=True, name="traintool-report")
        if self._cancel.is_set():
            raise OSError("cancelled before it started")
        self._process.start()
        if self._cancel.is_set():  # cancelled while it started: cancel() may have found it not yet alive
            self._process.terminate()
        theirs.close()  # the child's end: once it is gone, reading ours ends
        return ours

    def _read(self, conn) -> None:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                self._tell(None, CANCELLED if self._cancel.is_set() else "The report could not be made: its "
                                                                          "process ended unexpectedly")
                break
            if message[0] == "progress":
                try:
                    self._signals.progress.emit(message[1], message[2])
                except RuntimeError:
                    self.cancel()
                continue
            self._tell(message[1] if message[0] == "done" else None, None if message[0] == "done" else message[1])
            break
        conn.close()
        if self._process is not None:
            self._process.join(5)

    def _run(self) -> None:
        signals = self._signals

        def progress(done: int, total: int) -> None:
            if self._cancel.is_set():
                raise Cancelled()
            try:
                signals.progress.emit(done, total)
            except RuntimeError:  # the window was closed meanwhile: stop
                raise Cancelled() from None
        self._tell(*_outcome(self._work, progress, self._args))


CANCELLED = "\0cancelled"


def _outcome(work: Callable[..., object], progress, args: tuple) -> tuple[object, str | None]:
    """(result, None) or (None, the message of a failure, or CANCELLED)."""
    try:
        return work(progress, *args), None
    except Cancelled:
        return None, CANCELLED
    except TraintoolError as e:
        return None, str(e)
    except Exception as e:  # a bug: reported, and the window carries on
        sys.excepthook(type(e), e, e.__traceback__)
        return None, "The report could not be made: an unexpected error (reported)"


STOP_WITHIN_S = 3.0  # a cancelled process that has not stopped by then (a page taking longer) is ended


def _in_process(conn, stop, work: Callable[..., object], args: tuple) -> None:
    """The report's process: pages told as they are done; it stops when asked (`stop` set) or when
    the window's process is gone."""
    import os

    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # pages only: no window, no display
    parent = os.getppid()

    def progress(done: int, total: int) -> None:
        if stop.is_set() or os.getppid() != parent:
            raise Cancelled()  # cancelled, or the window's process died: nobody is left to tell
        try:
            conn.send(("progress", done, total))
        except OSError:
            raise Cancelled() from None  # the window's end is closed: likewise
    result, error = _outcome(work, progress, args)
    try:
        conn.send(("done", result) if error is None else ("failed", error))
    except (OSError, ValueError):
        pass
    conn.close()


SHOW_PROGRESS_AFTER_MS = 300  # a report done sooner shows no dialog at all


_RUNNING: set[ReportJob] = set()  # the jobs under way, each kept until it ends


def run_with_progress(parent: QWidget, title: str, job: ReportJob,
                      on_done: Callable[[object], None], on_failed: Callable[[str], None]) -> ReportJob:
    """Start `job` behind a progress dialog with Cancel (shown only if it takes a moment). Returns
    the job (kept by the parent while it runs)."""
    dialog = QProgressDialog(f"{title}: laying out the pages…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(2**31 - 1)  # shown by the timer below, not by Qt's estimate from setValue
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job.setParent(parent)
    _RUNNING.add(job)  # kept alive while it runs
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
        _RUNNING.discard(job)

    job.progress.connect(progress)
    def done(value: object) -> None:
        finish()
        on_done(value)
        keep_timings_check()  # for the next report, if this one said it was not yet computed

    def failed(message: str) -> None:
        finish()
        on_failed(message)
    job.done.connect(done)
    job.failed.connect(failed)
    job.cancelled.connect(finish)
    dialog.canceled.connect(job.cancel)
    job.start()
    return job


def picture_dpi() -> int:
    """The resolution a picture's text is sized in, in this process (the report's process is given it)."""
    from PySide6.QtGui import QPicture

    return QPicture().logicalDpiY()


def with_kept_check(answer: Answer) -> Answer:
    """`answer` with the published-timings check as kept on disk (read in a few milliseconds; None
    if it is not yet computed: the report says so)."""
    from ...report.timings_cache import kept_checks

    return replace(answer, timings_check=kept_checks())


_CHECKING: list[ReportJob] = []  # the published-timings check being computed, if it is


def keep_timings_check(samples: int = CHECK_SAMPLES) -> ReportJob | None:
    """Compute the published-timings check in a process of its own, without a dialog, if it is not
    kept on disk yet (one at a time, whatever the windows): the reports made after it quote it. The
    folder is this process's (the report's process is not told the tests' folders)."""
    from ...app_paths import cache_dir
    from ...report.timings_cache import kept_checks

    if _CHECKING or kept_checks(samples) is not None:
        return None
    job = ReportJob(check_job, (samples, cache_dir()))  # no parent: it outlives the window that started it
    _CHECKING.append(job)
    for signal in (job.done, job.failed, job.cancelled):
        signal.connect(lambda *_: _CHECKING.clear())
    job.start()
    return job


def check_job(progress, samples: int, folder: Path) -> None:
    import os

    from ...report.timings_cache import compute_and_keep

    if hasattr(os, "nice"):
        os.nice(10)  # the window and its reports first: nobody waits for this
    compute_and_keep(samples, progress=progress, folder=folder)


def stamped(answer: Answer, document_path: Path | None, modified: bool) -> Answer:
    """`answer` with what it was made from (the file's SHA-256 is read here, in the job, not the window)."""
    from ...physics.answer import Stamp

    return replace(answer, stamp=Stamp.of(document_path, answer.route, __version__, modified))


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
                        on_written: Callable[[Path], None], pages: PrinterSettings | None = None) -> ReportJob:
    """Lay out, paint and write the report to `path` in a process of its own, never over the
    document. `pages`: a print dialog's settings (Print to a PDF file), whose page range is kept."""
    job = ReportJob(write_job, (with_kept_check(answer), path, units, page_size, document_path, modified, pages))

    def failed(message: str) -> None:
        tell(parent, "Could not write the report", message)
    return run_with_progress(parent, "Writing the report", job, lambda p: on_written(Path(p)), failed)  # type: ignore[arg-type]


def write_job(progress, answer: Answer, path: Path, units: UnitSystem, page_size: str, document_path: Path | None,
              modified: bool, pages: PrinterSettings | None = None) -> Path:
    from ...errors import PrintError
    from ...io.safe_write import write_file
    from ...report.pdf import pdf_page_count, pdf_pages, report_pdf

    not_onto = [document_path] if document_path is not None else []
    data = report_pdf(stamped(answer, document_path, modified), units=units, page_size=page_size, progress=progress)
    if pages is not None:  # a file is one copy: the page range and order are what is kept
        count = pdf_page_count(data)
        chosen = pages.pages(count, printer_makes_copies=True)
        if not chosen:
            raise PrintError(f"The pages chosen ({pages.page_ranges}) are not in the report, which has {count} pages.")
        if chosen != list(range(1, count + 1)):
            data = pdf_pages(data, chosen)
    return write_file(path, data, not_onto=not_onto)


def tell(parent: QWidget, title: str, message: str) -> None:
    """A failure told in the window's message (plain text), or in a message box."""
    show_error = getattr(parent, "show_error", None)  # the window's, in plain text
    if show_error is not None:
        show_error(title, message)
    else:
        plain.tell(parent, title, message)


def _offer_to_open(parent: QWidget, path: Path) -> None:
    answer = plain.ask(parent, "Report written", f"Wrote {path}.",
                       QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                       icon=QMessageBox.Icon.Information)
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def pictures_job(progress, answer: Answer, units: UnitSystem, page_size: str, document_path: Path | None,
                 modified: bool, dpi: int) -> list[bytes]:
    """The report's pages recorded as pictures, for Print and Print Preview to replay (`dpi`: the
    window's, which a picture's text is sized in)."""
    from ...report.pdf import report_pictures

    return report_pictures(stamped(answer, document_path, modified), units=units, page_size=page_size,
                           progress=progress, dpi=dpi)
