"""A printer's settings as chosen in the print dialog, as a small picklable value: the window's
process asks where and how to print; the report's process rebuilds the printer from this value
and prints there (a QPrinter cannot cross from one process to another).

The pages chosen (a page range) and the copies are the application's to honour: Qt paints every
page it is given, and its PDF engine (Print to File) makes no copies of its own. A printer that
makes copies itself (CUPS) is handed the count instead, so that it prints them once each.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageRanges, QPageSize
from PySide6.QtPrintSupport import QPrintEngine, QPrinter

# Qt's key for the CUPS job options the print dialog sets (odd or even pages, pages per sheet, a
# banner, a page range the server applies): qcups_p.h defines PPK_CupsOptions as 0xfe00.
_CUPS_OPTIONS = QPrintEngine.PrintEnginePropertyKey(0xFE00)


@dataclass(frozen=True)
class PrinterSettings:
    printer_name: str
    output_format: QPrinter.OutputFormat
    output_file: str
    copies: int
    collate: bool
    duplex: QPrinter.DuplexMode
    color_mode: QPrinter.ColorMode
    page_order: QPrinter.PageOrder
    print_range: QPrinter.PrintRange
    page_ranges: str  # QPageRanges.toString(): "2-3,5"
    from_page: int
    to_page: int
    page_size_points: tuple[float, float]
    page_size_id: QPageSize.PageSizeId
    orientation: QPageLayout.Orientation
    margins: tuple[float, float, float, float]  # left, top, right, bottom, in `units`
    units: QPageLayout.Unit
    resolution: int
    doc_name: str
    full_page: bool
    cups_options: tuple[str, ...] = ()

    @staticmethod
    def of(printer: QPrinter) -> PrinterSettings:
        layout = printer.pageLayout()
        size = layout.pageSize()
        points = size.size(QPageSize.Unit.Point)
        m = layout.margins()
        cups = printer.printEngine().property(_CUPS_OPTIONS)
        return PrinterSettings(
            printer_name=printer.printerName(), output_format=printer.outputFormat(),
            output_file=printer.outputFileName(), copies=printer.copyCount(), collate=printer.collateCopies(),
            duplex=printer.duplex(), color_mode=printer.colorMode(), page_order=printer.pageOrder(),
            print_range=printer.printRange(), page_ranges=printer.pageRanges().toString(),
            from_page=printer.fromPage(), to_page=printer.toPage(),
            page_size_points=(points.width(), points.height()), page_size_id=size.id(),
            orientation=layout.orientation(), margins=(m.left(), m.top(), m.right(), m.bottom()),
            units=layout.units(), resolution=printer.resolution(), doc_name=printer.docName(),
            full_page=printer.fullPage(), cups_options=tuple(str(o) for o in cups) if isinstance(cups, list) else ())

    def printer(self) -> QPrinter:
        """A printer set as this value says (in the process that prints)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(self.output_format)
        if self.output_format == QPrinter.OutputFormat.NativeFormat:
            printer.setPrinterName(self.printer_name)
        printer.setOutputFileName(self.output_file)
        printer.setResolution(self.resolution)
        printer.setDocName(self.doc_name)
        printer.setCopyCount(self.copies)
        printer.setCollateCopies(self.collate)
        printer.setDuplex(self.duplex)
        printer.setColorMode(self.color_mode)
        printer.setPageOrder(self.page_order)
        printer.setPrintRange(self.print_range)
        printer.setPageRanges(QPageRanges.fromString(self.page_ranges))
        printer.setFullPage(self.full_page)
        if self.page_size_id == QPageSize.PageSizeId.Custom:
            size = QPageSize(QSizeF(*self.page_size_points), QPageSize.Unit.Point)
        else:
            size = QPageSize(self.page_size_id)
        printer.setPageLayout(QPageLayout(size, self.orientation, QMarginsF(*self.margins), self.units))
        if self.cups_options:
            printer.printEngine().setProperty(_CUPS_OPTIONS, list(self.cups_options))
        return printer

    def pages(self, count: int, printer_makes_copies: bool) -> list[int]:
        """The pages (from 1) of a report of `count` pages to paint, in order: those chosen, each
        copy painted here unless the printer makes the copies itself."""
        chosen = list(range(1, count + 1))
        if self.print_range == QPrinter.PrintRange.PageRange:
            ranges = QPageRanges.fromString(self.page_ranges)
            if ranges.isEmpty() and self.from_page > 0:
                ranges.addRange(self.from_page, max(self.from_page, self.to_page))
            chosen = [n for n in chosen if ranges.contains(n)]
        if self.page_order == QPrinter.PageOrder.LastPageFirst:
            chosen.reverse()
        copies = 1 if printer_makes_copies else max(1, self.copies)
        if self.collate:
            return chosen * copies
        return [n for n in chosen for _ in range(copies)]
