"""Printing the report in the report's own process: the window asks where and how (the print
dialog), captures the printer's settings (PrinterSettings) and hands them to the job; the job lays
the report out, records its pages, rebuilds the printer and paints the pages chosen onto it, with
progress and Cancel. The window's thread does nothing but the dialogs and the progress: neither
the painting (which holds the interpreter's lock) nor Qt's print engine (which compresses the
pages) runs in the window's process.

Print to a PDF file writes the report's own PDF (its outline kept) through the one safe writer,
as Export PDF does; a page range chosen in the dialog keeps those pages only.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ...errors import PrintError
from ...printable import printable
from ...report.flow import Cancelled, PagePictures, replay
from ...units import UnitSystem
from .export_report import ReportJob, picture_dpi, pictures_job, run_with_progress, tell, with_kept_check, \
    write_in_background
from .printer_settings import PrinterSettings

if TYPE_CHECKING:
    from PySide6.QtGui import QPicture
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QWidget

    from ...physics.answer import Answer


def print_in_background(parent: QWidget, answer: Answer, printer: QPrinter, units: UnitSystem, page_size: str,
                        document_path: Path | None, modified: bool, on_printed: Callable[[], None]) -> ReportJob:
    """Print the report as `printer` (set by the print dialog) says, in a process of its own; Print
    to a PDF file writes the report's PDF through the safe writer instead."""
    settings = PrinterSettings.of(printer)
    if settings.output_format.name == "PdfFormat" and settings.output_file:
        return write_in_background(parent, answer, Path(settings.output_file), units, page_size, document_path,
                                   modified, on_written=lambda _p: on_printed(), pages=settings)
    return print_settings_in_background(parent, answer, settings, units, page_size, document_path, modified,
                                        on_printed)


def print_settings_in_background(parent: QWidget, answer: Answer, settings: PrinterSettings, units: UnitSystem,
                                 page_size: str, document_path: Path | None, modified: bool,
                                 on_printed: Callable[[], None]) -> ReportJob:
    """Lay out, record and print the report onto the printer `settings` describes, in a process of its own."""
    job = ReportJob(print_job, (with_kept_check(answer), units, page_size, document_path, modified, picture_dpi(),
                                settings))
    return run_with_progress(parent, "Printing the report", job, lambda _v: on_printed(),
                             lambda message: tell(parent, "Could not print the report", message))


def print_job(progress, answer: Answer, units: UnitSystem, page_size: str, document_path: Path | None,
              modified: bool, dpi: int, settings: PrinterSettings) -> None:
    """The job (in the report's process): the report's pages recorded, then printed as `settings` say."""
    data = pictures_job(progress, answer, units, page_size, document_path, modified, dpi)
    not_onto = [document_path] if document_path is not None else []
    print_pages(PagePictures.of(data), settings, page_size, progress, not_onto=not_onto)


def print_pages(pages: list[QPicture], settings: PrinterSettings, page_size: str,
                progress: Callable[[int, int], None], not_onto: list[Path] | None = None) -> None:
    """Paint the pages chosen in `settings` onto the printer they describe. A printer writing a file
    writes it to a temporary file first, then through the safe writer (never onto `not_onto`)."""
    from PySide6.QtPrintSupport import QPrinter

    native = settings.output_format == QPrinter.OutputFormat.NativeFormat
    if native:
        problem = print_plugin_problem()
        if problem is not None:
            raise PrintError(problem)
    printer = settings.printer()
    if native:
        _refuse_missing_printer(printer, settings.printer_name)
    order = settings.pages(len(pages), printer.supportsMultipleCopies())
    if not order:
        raise PrintError(f"The pages chosen ({settings.page_ranges or f'{settings.from_page}-{settings.to_page}'}) "
                         f"are not in the report, which has {len(pages)} pages.")
    temporary = _temporary_output(printer) if settings.output_file else None
    try:
        try:
            replay([pages[n - 1] for n in order], printer, page_size, on_page=lambda k: progress(k, len(order)))
        except Cancelled:
            printer.abort()
            raise
        if printer.printerState() == QPrinter.PrinterState.Error:
            raise PrintError(f"{_named(settings)} reported an error while printing; nothing more was sent.")
        if temporary is not None:
            from ...io.safe_write import write_file

            del printer  # its file is complete once it is gone
            write_file(settings.output_file, temporary.read_bytes(), not_onto=not_onto or [])
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
            temporary.parent.rmdir()


def _temporary_output(printer: QPrinter) -> Path:
    """A private temporary file for a printer that writes a file: the safe writer puts it in place."""
    import tempfile

    path = Path(tempfile.mkdtemp(prefix="traintool-print-")) / "printed.pdf"
    printer.setOutputFileName(str(path))
    return path


def _named(settings: PrinterSettings) -> str:
    return f"The printer “{printable(settings.printer_name)}”" if settings.printer_name else "The printer"


def _refuse_missing_printer(printer: QPrinter, name: str) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    if name and QPrinterInfo.printerInfo(name).isNull():
        raise PrintError(f"The printer “{printable(name)}” is not set up on this computer (any more); "
                         "nothing was printed.")
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or not printer.isValid():
        raise PrintError("No printer is set up on this computer; nothing was printed.")


def print_plugin_problem() -> str | None:
    """Why Qt cannot talk to this system's printers, or None. On Linux and the BSDs the printers
    come through a plugin of Qt's (printsupport/, CUPS): without it, or without the CUPS library it
    needs, QPrinter quietly falls back to writing a PDF. On macOS and Windows the platform's own
    plugin prints: nothing to look for."""
    if sys.platform in ("darwin", "win32"):
        return None
    from PySide6.QtCore import QPluginLoader

    plugins = sorted(p for folder in _plugin_folders() for p in (Path(folder) / "printsupport").glob("*")
                     if p.suffix in (".so", ".dylib", ".dll"))
    if not plugins:
        return "Printing is not available: Qt's print plugin (printsupport) is not installed; nothing was printed."
    reasons = []
    for plugin in plugins:
        loader = QPluginLoader(os.fspath(plugin))
        if loader.load():
            return None
        reasons.append(loader.errorString())
    return f"Printing is not available: Qt's print plugin could not be loaded ({printable(reasons[0])}); nothing was printed."


def _plugin_folders() -> list[str]:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.libraryPaths()
