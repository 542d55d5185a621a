"""A small page-flow engine over QPdfWriter: blocks of rich text and figures, top to bottom, page after page.

Units are PostScript points (the writer's resolution is set to 72 dpi). Each page gets a footer
with the document's name and the page number.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor, QFont, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPdfWriter, QPen, QTextDocument,
)

MARGIN = 42.0
FOOTER = 18.0
BASE_FONT = "DejaVu Sans"


def font(size_pt: float) -> QFont:
    """The report's typeface at `size_pt` points, fractions kept (QFont(family, size) takes whole points)."""
    f = QFont(BASE_FONT)
    f.setPointSizeF(size_pt)
    return f

CSS = """
body { font-family: "DejaVu Sans"; font-size: 8.5pt; color: #222; }
h1 { font-size: 18pt; margin: 0 0 4pt 0; color: #1d3b24; }
h2 { font-size: 13pt; margin: 10pt 0 3pt 0; color: #1d3b24; }
h3 { font-size: 10.5pt; margin: 6pt 0 2pt 0; }
table { border-collapse: collapse; }
th { background: #e6ece4; text-align: left; padding: 2pt 5pt; font-weight: bold; }
td { padding: 1.5pt 6pt 1.5pt 3pt; border-bottom: 0.5pt solid #ddd; }
.num { text-align: right; }
.big { font-size: 16pt; font-weight: bold; }
.note { color: #555; }
.warn { color: #a04000; }
"""


class PageFlow:
    """Pages painted onto a PDF writer (from `out`) or onto any paged device given, a printer above all:
    the same pages either way, laid out in points."""

    def __init__(self, out: str | QIODevice | QPagedPaintDevice, page_size: str, footer_text: str, title: str):
        size = QPageSize(QPageSize.PageSizeId.Letter if page_size == "letter" else QPageSize.PageSizeId.A4)
        layout = QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        if isinstance(out, QPagedPaintDevice):
            self.writer = out
            if hasattr(out, "setFullPage"):
                out.setFullPage(True)  # a printer: our margins are in the layout, not the printer's
            out.setPageLayout(layout)
            scale = out.logicalDpiX() / 72.0
        else:
            pdf = QPdfWriter(out)
            pdf.setResolution(72)
            pdf.setPageLayout(layout)
            pdf.setTitle(title)
            pdf.setCreator("traintool")
            self.writer, scale = pdf, 1.0
        pts = size.size(QPageSize.Unit.Point)
        self.page_w, self.page_h = pts.width(), pts.height()
        self.width = self.page_w - 2 * MARGIN
        self.bottom = self.page_h - MARGIN - FOOTER
        self.painter = QPainter(self.writer)
        if scale != 1.0:
            self.painter.scale(scale, scale)  # points on a device of another resolution
        self.footer_text = footer_text
        self.page = 1
        self.y = MARGIN

    def _footer(self) -> None:
        p = self.painter
        p.save()
        p.setPen(QPen(QColor("#888888"), 0.5))
        y = self.page_h - MARGIN - FOOTER + 6
        p.drawLine(QPointF(MARGIN, y), QPointF(self.page_w - MARGIN, y))
        p.setFont(font(7))
        r = QRectF(MARGIN, y + 2, self.width, FOOTER)
        p.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.footer_text)
        p.drawText(r, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"page {self.page}")
        p.restore()

    def new_page(self) -> None:
        self._footer()
        self.writer.newPage()
        self.page += 1
        self.y = MARGIN

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom and self.y > MARGIN:
            self.new_page()

    def _doc(self, body: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultStyleSheet(CSS)
        doc.setDefaultFont(font(9))
        doc.setDocumentMargin(0)
        doc.setHtml(f"<body>{body}</body>")
        doc.setTextWidth(self.width)
        return doc

    def measure(self, body: str) -> float:
        """The height `body` would take."""
        return self._doc(body).size().height()

    def room(self) -> float:
        """The height left on this page."""
        return self.bottom - self.y

    def at_top(self) -> bool:
        return self.y <= MARGIN

    def html(self, body: str) -> None:
        """A block of rich text; one taller than the page is split across pages."""
        doc = self._doc(body)
        h = doc.size().height()
        if h <= self.bottom - self.y:
            self._draw(doc, 0, h)
            self.y += h
            return
        if self.y > MARGIN and h <= self.bottom - MARGIN:
            self.new_page()
            self._draw(doc, 0, h)
            self.y += h
            return
        offset = 0.0  # taller than a page: slice it (callers keep blocks short so this is rare)
        while offset < h:
            if self.bottom - self.y < 40:
                self.new_page()
            room = self.bottom - self.y
            self._draw(doc, offset, room)
            offset += room
            if offset < h:
                self.new_page()
            else:
                self.y += room

    def _draw(self, doc: QTextDocument, offset: float, height: float) -> None:
        p = self.painter
        p.save()
        p.translate(MARGIN, self.y - offset)
        doc.drawContents(p, QRectF(0, offset, self.width, height))
        p.restore()

    def figure(self, height: float, paint: Callable[[QPainter, QRectF], None]) -> None:
        """A figure of the given height, drawn by `paint` into its rectangle (vector)."""
        self.ensure(height)
        rect = QRectF(MARGIN, self.y, self.width, height)
        self.painter.save()
        self.painter.setClipRect(rect.adjusted(-2, -2, 2, 2))
        paint(self.painter, rect)
        self.painter.restore()
        self.y += height + 6

    def space(self, h: float) -> None:
        self.y += h

    def finish(self) -> None:
        self._footer()
        self.painter.end()

    def abandon(self) -> None:
        """End the painter after a failure midway: Qt crashes if the writer dies while painted on."""
        if self.painter.isActive():
            self.painter.end()


def page_size_points(page_size: str) -> QSizeF:
    size = QPageSize(QPageSize.PageSizeId.Letter if page_size == "letter" else QPageSize.PageSizeId.A4)
    return size.size(QPageSize.Unit.Point)
