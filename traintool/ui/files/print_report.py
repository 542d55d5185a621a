"""File > Print and Print Preview: the report's pages, the same as the PDF's, onto a printer.

The report's process (the one Export PDF uses) lays the pages out and records each as a picture
(report.flow.PagePictures), with progress and Cancel. The preview replays them on the window's
thread (as Qt's preview requires; its events handled between two pages); a print is made in the
report's process from the settings chosen in the print dialog (printing.py), File > Print and the
preview's own Print button alike: the window stays live.
"""
from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QMetaObject, Qt
from PySide6.QtGui import QPicture
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QToolBar, QWidget

from ...printable import printable
from ...report.flow import PagePictures, replay
from ..common import plain
from .export_report import ReportJob, picture_dpi, pictures_job, run_with_progress, tell, with_kept_check
from .printing import print_in_background

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
        preview_dialog(parent, PagePictures.of(data), page_size, printer,  # type: ignore[arg-type]
                       print_it=lambda chosen: _print(window, answer, chosen)).open()
    return run_with_progress(parent, "Preparing the print preview", report_pages_job(window, answer), show,
                             lambda message: tell(parent, "Could not preview the report", message))


class _Preview(QPrintPreviewDialog):
    def __init__(self, printer: QPrinter, parent: QWidget) -> None:
        super().__init__(printer, parent)
        self.kept_printer = printer  # the dialog does not own its printer: kept alive with it


def preview_dialog(parent: QWidget, pages: list[QPicture], page_size: str, printer: QPrinter | None = None,
                   print_it: Callable[[QPrinter], object] | None = None) -> QPrintPreviewDialog:
    """The preview dialog of recorded pages. Its Print button asks where and how to print (the print
    dialog, on the preview's printer), closes the preview and hands the printer to `print_it`, which
    prints in the background: Qt's own button would paint the whole report onto the printer on the
    window's thread, and write a PDF file past the safe writer."""
    dialog = _Preview(printer or QPrinter(QPrinter.PrinterMode.HighResolution), parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle("Print preview — the report")
    dialog.paintRequested.connect(lambda onto: replay(pages, onto, page_size, on_page=_between_pages))
    action = print_action(dialog)
    action.triggered.disconnect()  # Qt's own print (QPrintPreviewDialog's _q_print)
    action.setEnabled(print_it is not None)

    def print_chosen() -> None:
        if print_it is not None and ask_printer(dialog.printer(), dialog):
            dialog.accept()
            print_it(dialog.printer())
    action.triggered.connect(print_chosen)
    bar = action.associatedObjects()[0] if action.associatedObjects() else None
    if isinstance(bar, QToolBar):  # wide enough for the whole tool bar: Print is its last button
        dialog.resize(max(dialog.sizeHint().width(), bar.sizeHint().width() + 24), max(dialog.sizeHint().height(), 700))
    return dialog


def print_action(dialog: QPrintPreviewDialog):
    """The preview's Print button's action: the one on its tool bar that Qt names "Print"."""
    name = QCoreApplication.translate("QPrintPreviewDialog", "Print")
    [action] = [a for bar in dialog.findChildren(QToolBar) for a in bar.actions() if a.text() == name]
    return action


def ask_printer(printer: QPrinter, parent: QWidget) -> bool:
    """The print dialog on `printer`: True once a printer, or a file, is chosen."""
    dialog = QPrintDialog(printer, parent)
    _file_check_without_opening(dialog)
    return dialog.exec() == QPrintDialog.DialogCode.Accepted


def _file_check_without_opening(dialog: QPrintDialog) -> None:
    """Qt's print dialog (on Linux) checks a file to print to by opening it for writing, on the
    window's thread: a FIFO with no reader then hangs the window for good. The file is checked here
    instead, without opening it: a file that is there is replaced only if the user says so; anything
    else (a folder, a FIFO, a device, a read-only folder) is for the safe writer to refuse, in one
    sentence in the window."""
    buttons = dialog.findChild(QDialogButtonBox)
    file_name = dialog.findChild(QLineEdit, "filename")
    if buttons is None or file_name is None:
        return  # not Qt's Linux dialog: nothing is opened there

    def check() -> None:
        if not file_name.isEnabled():  # a printer: Qt's own checks (of its CUPS options), where Qt has them
            if not QMetaObject.invokeMethod(dialog, "_q_checkFields"):
                dialog.accept()
            return
        path = os.path.join(os.path.expanduser("~"), file_name.text())  # relative: to home, as Qt takes it
        if _is_file(path) and plain.ask(dialog, dialog.windowTitle(), f"{printable(path)} already exists. "
                                        "Do you want to replace it?", default=QMessageBox.StandardButton.No) \
                != QMessageBox.StandardButton.Yes:
            return
        dialog.accept()
    buttons.accepted.disconnect()
    buttons.accepted.connect(check)


def _is_file(path: str) -> bool:
    """A regular file is there (through symlinks; a FIFO is looked at, never opened)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _between_pages(_page: int) -> None:
    """The preview asks for every page at once, on the window's thread: the window's own events
    (its timers, its painting) are handled between two pages, so that it never waits for the lot.
    Input waits for the end (a click could ask for the pages again while they are replayed)."""
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def print_report(window: DocumentWindow, printer: QPrinter | None = None) -> ReportJob | None:
    """Ask where and how to print (the print dialog), then print the report in the background; None
    if there is nothing to print or the dialog was cancelled. `printer` preset: for the tests."""
    answer = window_answer(window)
    if answer is None:
        return None
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    if not ask_printer(printer, window.window()):
        return None
    return _print(window, answer, printer)


def _print(window: DocumentWindow, answer: Answer, printer: QPrinter) -> ReportJob:
    holder = window.holder
    return print_in_background(window.window(), answer, printer, window.preferences.units, window.preferences.page_size,
                               holder.path, holder.is_modified,
                               on_printed=lambda: window.statusBar().showMessage("Report printed", 4000))
