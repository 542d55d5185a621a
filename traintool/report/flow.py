"""A small page-flow engine over QPdfWriter: blocks of rich text and figures, top to bottom, page after page.

Units are PostScript points: the writer's resolution is set to 72 dpi, a printer's painter is scaled
to points, and text is laid out and measured against a 72-dpi device whatever the screen's, so a
report is the same on every machine and on paper as in the PDF. Each page gets a footer with the
document's name and "page N of M".

A report is laid out twice: once without painting (`out` None), to learn its number of pages and
where each section starts (for the footer's "of M", the contents list and the PDF's outline), then
painted. The layout depends only on the text and the page, so both passes break pages alike, and the
passes share their laid-out text (`TextCache`): laying rich text out is most of a report's time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from math import ceil
from typing import Callable, cast

from PySide6.QtCore import QIODevice, QMarginsF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPagedPaintDevice, QPainter, QPaintDevice,
    QPdfWriter, QPen, QPicture, QTextDocument,
)

MARGIN = 42.0
FOOTER = 18.0
BASE_FONT = "DejaVu Sans"


def font(size_pt: float, painter: QPainter | None = None, bold: bool = False) -> QFont:
    """The report's typeface at `size_pt` points, fractions kept (QFont(family, size) takes whole points).
    For a `painter`, sized so that text is `size_pt` in the painter's units (points) on any device: a
    font's points are turned into the device's pixels before the painter's scale to points applies."""
    f = QFont(BASE_FONT)
    dpi = painter.device().logicalDpiY() if painter is not None else 72
    f.setPointSizeF(size_pt * 72 / dpi)
    f.setBold(bold)
    return f


_POINTS: list[QImage] = []


def points_device() -> QPaintDevice:
    """A 72-dpi device that text is laid out and measured against, so that its units are points
    (the screen's resolution, 96 dpi or more, would make every font a third larger or more)."""
    if not _POINTS:
        image = QImage(8, 8, QImage.Format.Format_ARGB32)
        image.setDotsPerMeterX(round(72 / 0.0254))
        image.setDotsPerMeterY(round(72 / 0.0254))
        _POINTS.append(image)
    return _POINTS[0]


def metrics(f: QFont) -> QFontMetricsF:
    """`f`'s metrics in points."""
    return QFontMetricsF(f, points_device())

BODY_PT = 9.5  # running text; tables and notes a size smaller
TABLE_PT = 8.5
HEADING_GAP = {"<h1": 0.0, "<h2": 12.0, "<h3": 6.0}


CELL_PAD_PT = 4.0  # a table cell's padding left and right: a gap of 8 pt between columns


@cache
def css() -> str:
    """The report's style sheet. Margins as rich text's lengths (see px), so headings get the room
    they are given whatever the screen."""
    return f"""
body {{ font-family: "{BASE_FONT}"; font-size: {BODY_PT}pt; color: #222; }}
p {{ margin: 0 0 {px(4)} 0; }}
h1 {{ font-size: 20pt; margin: 0 0 {px(4)} 0; color: #1d3b24; }}
h2 {{ font-size: 14pt; margin: {px(16)} 0 {px(5)} 0; color: #1d3b24; }}
h3 {{ font-size: 11pt; margin: {px(10)} 0 {px(3)} 0; }}
table {{ font-size: {TABLE_PT}pt; margin: {px(2)} 0 {px(8)} 0; }}
th {{ font-weight: bold; }}
td, th {{ padding: {px(1.5)} {px(CELL_PAD_PT)} {px(1.5)} {px(CELL_PAD_PT)}; }}
td.fig {{ white-space: nowrap; }}
.big {{ font-size: 18pt; font-weight: bold; margin: {px(2)} 0 {px(4)} 0; }}
.note {{ color: #555; font-size: {TABLE_PT}pt; }}
.detail {{ color: #444; font-size: 8pt; }}
.warn {{ color: #a04000; }}
"""


_PX: list[float] = []


def px(pt: float) -> str:
    """`pt` points as a length for rich text's widths and paddings: Qt reads those as pixels of
    the screen's resolution (whatever it is) and turns them into the layout's points, so the
    ratio is measured once, on a cell padded by 100 px."""
    if not _PX:
        from PySide6.QtGui import QTextTable

        def x(padding: int) -> float:
            doc = QTextDocument()
            doc.documentLayout().setPaintDevice(points_device())
            doc.setHtml(f"<table cellspacing=0 cellpadding=0><tr><td style='padding-left: {padding}px'>x</td></tr></table>")
            doc.size()
            [table] = [t for t in doc.rootFrame().childFrames() if isinstance(t, QTextTable)]
            return doc.documentLayout().blockBoundingRect(table.cellAt(0, 0).firstCursorPosition().block()).x()
        pt_per_100px = x(200) - x(100)
        _PX.append(100 / pt_per_100px if pt_per_100px > 0 else 96 / 72)
    return f"{pt * _PX[0]:.2f}px"


def rich_text(body: str, width: float) -> QTextDocument:
    """`body` laid out in the report's style, `width` points wide."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(points_device())
    doc.setDefaultStyleSheet(css())
    doc.setDefaultFont(font(BODY_PT))
    doc.setDocumentMargin(0)
    doc.setHtml(f"<body>{body}</body>")
    doc.setTextWidth(width)
    return doc


class TextCache:
    """Rich text laid out once per (body, width) and kept for one report's passes: the second pass
    lays out the same blocks as the first (only the contents list and the footers differ)."""

    def __init__(self) -> None:
        self._docs: dict[tuple[str, float], QTextDocument] = {}

    def document(self, body: str, width: float) -> QTextDocument:
        key = (body, width)
        doc = self._docs.get(key)
        if doc is None:
            doc = self._docs[key] = rich_text(body, width)
        return doc


class PagePictures:
    """Pages recorded as pictures: the painter's commands of each page, as QPicture keeps them, in
    points. The report's process paints them; the window replays them onto a printer or its preview,
    which is quick, where laying the report out is not."""

    def __init__(self) -> None:
        self.pages: list[QPicture] = []

    def start_page(self, width: float, height: float) -> QPainter:
        picture = QPicture()
        picture.setBoundingRect(QRect(0, 0, ceil(width), ceil(height)))
        self.pages.append(picture)
        return QPainter(picture)

    def data(self) -> list[bytes]:
        """Each page's commands, to be handed to another process (PagePictures.of turns them back)."""
        return [bytes(cast(memoryview, page.data())) for page in self.pages]  # typed `object` by PySide

    @staticmethod
    def of(data: list[bytes]) -> list[QPicture]:
        pages = []
        for page in data:
            picture = QPicture()
            picture.setData(page)
            pages.append(picture)
        return pages


def replay(pages: list[QPicture], printer: QPagedPaintDevice, page_size: str,
           on_page: Callable[[int], None] | None = None) -> None:
    """Paint recorded pages onto a printer (or a preview's), its page set to the report's, the
    painter scaled to points as PageFlow scales it. `on_page(n)` after each page may raise Cancelled."""
    printer.setPageLayout(page_layout(page_size))
    if hasattr(printer, "setFullPage"):
        printer.setFullPage(True)
    painter = QPainter(printer)
    try:
        # A picture plays in its own units, pixels at Qt's default resolution (it scales them to the
        # device's itself): recorded in points, it is scaled from points to those.
        scale = QPicture().logicalDpiX() / 72.0
        for n, page in enumerate(pages):
            if n:
                printer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.drawPicture(0, 0, page)
            painter.restore()
            if on_page is not None:
                on_page(n + 1)
    finally:
        painter.end()


def page_layout(page_size: str) -> QPageLayout:
    """A report's page: A4 or Letter, portrait, the margins the report's own."""
    size = QPageSize(QPageSize.PageSizeId.Letter if page_size == "letter" else QPageSize.PageSizeId.A4)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


class Cancelled(Exception):
    """The report was cancelled while it was laid out or painted: nothing is written."""


@dataclass(frozen=True)
class Bookmark:
    title: str
    level: int  # 0 a section (h1, h2), 1 a part of one (h3)
    page: int  # from 1


_HEADING = re.compile(r"<h([123])[^>]*>(.*?)</h\1>", re.S)


def _plain(fragment: str) -> str:
    import html

    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


class PageFlow:
    """Pages painted onto a PDF writer (from `out`), onto any paged device given (a printer), or
    recorded as pictures (PagePictures): the same pages every way, laid out in points. With `out` None nothing is painted: the pages are
    only laid out, and `page` and `bookmarks` say how many there are and where each section starts.
    `pages` is the number of pages of the whole (from a layout before), for the footer's "of M";
    `on_page` is told of each page finished and may raise Cancelled; `texts` keeps laid-out text
    for the next pass of the same report."""

    def __init__(self, out: str | QIODevice | QPagedPaintDevice | PagePictures | None, page_size: str, footer_text: str, title: str,
                 pages: int | None = None, on_page: Callable[[int], None] | None = None,
                 texts: TextCache | None = None):
        layout = page_layout(page_size)
        size = layout.pageSize()
        self.writer: QPagedPaintDevice | None
        self.painter: QPainter | None
        scale = 1.0
        self.pictures = out if isinstance(out, PagePictures) else None
        if out is None or isinstance(out, PagePictures):
            self.writer = None
        elif isinstance(out, QPagedPaintDevice):
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
        self.painter = QPainter(self.writer) if self.writer is not None else None
        if self.pictures is not None:
            self.painter = self.pictures.start_page(self.page_w, self.page_h)
        if self.painter is not None and scale != 1.0:
            self.painter.scale(scale, scale)  # points on a device of another resolution
        self.footer_text = footer_text
        self.pages, self.on_page = pages, on_page
        self.texts = texts or TextCache()
        self.bookmarks: list[Bookmark] = []
        self.page = 1
        self.y = MARGIN

    def page_label(self) -> str:
        return f"page {self.page} of {self.pages}" if self.pages else f"page {self.page}"

    def _footer(self) -> None:
        p = self.painter
        if p is None:
            return
        p.save()
        p.setPen(QPen(QColor("#888888"), 0.5))
        y = self.page_h - MARGIN - FOOTER + 6
        p.drawLine(QPointF(MARGIN, y), QPointF(self.page_w - MARGIN, y))
        p.setFont(font(7, p))
        r = QRectF(MARGIN, y + 2, self.width, FOOTER)
        label = self.page_label()
        m = metrics(font(7))
        room = self.width - m.horizontalAdvance(label) - 12  # a long name is cut short of "page N of M"
        p.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                   m.elidedText(self.footer_text, Qt.TextElideMode.ElideMiddle, room))
        p.drawText(r, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, label)
        p.restore()

    def new_page(self) -> None:
        self._footer()
        if self.on_page is not None:
            self.on_page(self.page)
        if self.writer is not None:
            self.writer.newPage()
        elif self.pictures is not None and self.painter is not None:
            self.painter.end()
            self.painter = self.pictures.start_page(self.page_w, self.page_h)
        self.page += 1
        self.y = MARGIN

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom and self.y > MARGIN:
            self.new_page()

    def document(self, body: str) -> QTextDocument:
        """`body` laid out across the text's width (kept for the report's next pass: not to be changed)."""
        return self.texts.document(body, self.width)

    def measure(self, body: str) -> float:
        """The height `body` would take."""
        return self.document(body).size().height()

    def room(self) -> float:
        """The height left on this page."""
        return self.bottom - self.y

    def at_top(self) -> bool:
        return self.y <= MARGIN

    def heading(self, body: str, keep: float = 80.0) -> None:
        """A heading (and any short text under it) on the page with at least `keep` points of what
        follows it: never a heading alone at the foot of a page."""
        if self.gap(body) + self.measure(body) + keep > self.room() and not self.at_top():
            self.new_page()
        self.html(body)

    def gap(self, body: str) -> float:
        """The room above a block that opens with a heading (rich text drops a block's first margin);
        none at the top of a page."""
        return 0.0 if self.at_top() else HEADING_GAP.get(body[:3], 0.0)

    def html(self, body: str) -> None:
        """A block of rich text; one taller than the page is split across pages."""
        self.y += self.gap(body)
        doc = self.document(body)
        h = doc.size().height()
        if h <= self.bottom - self.y:
            self._draw(doc, 0, h, body)
            self.y += h
            return
        if self.y > MARGIN and h <= self.bottom - MARGIN:
            self.new_page()
            self._draw(doc, 0, h, body)
            self.y += h
            return
        offset = 0.0  # taller than a page: sliced between lines (callers keep blocks short so this is rare)
        while offset < h:
            if self.bottom - self.y < 40:
                self.new_page()
            end = min(h, offset + self.bottom - self.y)
            if end < h:
                end = _cut_between_lines(doc, offset, end)
            self._draw(doc, offset, end - offset, body)
            if end < h:
                self.new_page()
            else:
                self.y += end - offset  # what follows goes on under the last slice
            offset = end

    def _draw(self, doc: QTextDocument, offset: float, height: float, body: str = "") -> None:
        if offset == 0:  # the block's top is on this page: so are its headings
            self.bookmarks += [Bookmark(_plain(text), 0 if level in "12" else 1, self.page)
                               for level, text in _HEADING.findall(body)]
        p = self.painter
        if p is None:
            return
        p.save()
        p.translate(MARGIN, self.y - offset)
        doc.drawContents(p, QRectF(0, offset, self.width, height))
        p.restore()

    def figure(self, height: float, paint: Callable[[QPainter, QRectF], None]) -> None:
        """A figure of the given height, drawn by `paint` into its rectangle (vector)."""
        self.ensure(height)
        rect = QRectF(MARGIN, self.y, self.width, height)
        if self.painter is None:
            self.y += height + 6
            return
        self.painter.save()
        self.painter.setClipRect(rect.adjusted(-2, -2, 2, 2))
        paint(self.painter, rect)
        self.painter.restore()
        self.y += height + 6

    def space(self, h: float) -> None:
        self.y += h

    def finish(self) -> None:
        self._footer()
        if self.on_page is not None:
            self.on_page(self.page)
        if self.painter is not None:
            self.painter.end()

    def abandon(self) -> None:
        """End the painter after a failure midway: Qt crashes if the writer dies while painted on."""
        if self.painter is not None and self.painter.isActive():
            self.painter.end()


def _cut_between_lines(doc: QTextDocument, start: float, limit: float) -> float:
    """The lowest place in (start, limit] of `doc` that cuts through no line of text (of any block,
    table cells' included); `limit` itself if a line is taller than that."""
    layout = doc.documentLayout()
    lines: list[tuple[float, float]] = []
    block = doc.begin()
    while block.isValid():
        text = block.layout()
        if text is not None and text.lineCount():
            top = layout.blockBoundingRect(block).top() - text.boundingRect().top()
            for k in range(text.lineCount()):
                line = text.lineAt(k).rect()
                lines.append((top + line.top(), top + line.bottom()))
        block = block.next()
    places = sorted({y for line in lines for y in line if start < y <= limit}, reverse=True)
    return next((y for y in places if not any(a < y < b for a, b in lines)), limit)
