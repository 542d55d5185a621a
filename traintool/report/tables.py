"""The report's tables: columns as wide as their content, headers that wrap only between their
phrases, figures that never wrap, a header row repeated on every page a table spans.

A header is its phrases: the name and the unit in brackets ("Max speed" and "(km/h)"); it may wrap
between them, never inside one. A figure (a numeric column's cell) is one unbreakable line. Text
columns share what room is left, each kept at least as wide as its longest word.
"""
from __future__ import annotations

import html
import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from ..text import escaped as e
from ..units import UnitSystem
from .flow import CELL_PAD_PT, TABLE_PT, font, metrics, px

if TYPE_CHECKING:
    from .flow import PageFlow

TEXT_WIDTH_PT = 511.0  # A4's text width (Letter's is 17 pt more: the tables keep to A4's)
PAD_PT = CELL_PAD_PT
SLACK_PT = 2.0  # Qt rounds a column to whole units: a width exactly the text's could still wrap it
WORD_CAP = 0.45 * TEXT_WIDTH_PT  # a longer word (a URL) may break rather than push the table off the page
KEEP_WHOLE = 8  # a table of this many rows or fewer is kept on one page (if a page holds it)
MIN_ROWS = 3  # a table split over pages starts with at least this many rows under its heading
MAX_ROWS_PER_PAGE = 80  # the search for the rows that fit a page looks no further
NOT_APPLICABLE = "–"  # an en dash for a value that does not apply
HEAD_BG, ZEBRA_BG = "#e6ece4", "#f3f5f2"


def plain(cell: str) -> str:
    """A cell's text as read: tags dropped (a line break a newline), entities as one character."""
    return html.unescape(re.sub(r"<[^>]*>", "", re.sub(r"<br\s*/?>", "\n", cell)))


def _words(text: str) -> list[str]:
    """Where a line may break: at a space or a newline, never at a no-break space."""
    return [w for w in re.split(r"[ \n]+", text) if w]


def header_phrases(header: str) -> list[str]:
    """'Max speed (km/h)' -> ['Max speed', '(km/h)']: the places a header may wrap are between these."""
    return [p for p in re.split(r" (?=\()", header) if p]


def unbroken(text: str) -> str:
    """`text` as one unbreakable piece: no-break spaces, and a word joiner after each character a
    line may break after ('km/h', 'Kowon–Hamhung')."""
    return re.sub(r"([/\-–—‐?!%])(?=.)", "\\1\u2060", text).replace(" ", "\u00a0")


def _header_html(header: str) -> str:
    return " ".join(e(unbroken(p)) for p in header_phrases(header))


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]],
                  numeric: Collection[int] = frozenset(), width: float = TEXT_WIDTH_PT) -> list[float]:
    """Each column's width in points, padding included. A column is as wide as its longest line if
    the table fits `width` so; else the text columns are narrowed toward their longest word (and
    their header's longest phrase), the widest giving up the most; figures are never narrowed."""
    body = metrics(font(TABLE_PT))
    bold = metrics(font(TABLE_PT, bold=True))
    natural, least = [], []
    for k, h in enumerate(headers):
        texts = [plain(r[k]) for r in rows if k < len(r)]
        # a phrase stays whole only if it fits with the space after it (where Qt may break)
        head_least = max((bold.horizontalAdvance(p + " ") for p in header_phrases(h)), default=0.0)
        head_full = bold.horizontalAdvance(h)
        widest = max((body.horizontalAdvance(line) for t in texts for line in t.split("\n")), default=0.0)
        if k in numeric:
            line, word = max(widest, head_full), max(widest, head_least)
        else:
            line = max(head_least, min(max(widest, head_full), WORD_CAP))
            word = max([head_least] + [min(body.horizontalAdvance(w), WORD_CAP) for t in texts for w in _words(t)])
        natural.append(line + 2 * PAD_PT + SLACK_PT)
        least.append(word + 2 * PAD_PT + SLACK_PT)
    if sum(natural) <= width:
        return natural  # the table no wider than its content
    if sum(least) >= width:
        return least
    give = (sum(natural) - width) / (sum(natural) - sum(least))
    return [n - (n - m) * give for n, m in zip(natural, least)]


def table_html(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Collection[int] = frozenset(),
               details: Sequence[str] | None = None, widths: Sequence[float] | None = None) -> str:
    """The table as rich text: cells are HTML already escaped; numeric columns right-aligned and
    unwrapped; an empty cell an en dash; zebra rows; `details[i]` (if any) a paragraph across the
    whole width under row i, in its shade. `widths` (column_widths of all the rows) keeps the columns
    of a table split over pages the same on each."""
    rows = aligned_decimals(rows, numeric)
    widths = list(widths or column_widths(headers, rows, numeric))

    def cell(tag: str, k: int, text: str, attrs: str) -> str:
        if k in numeric and tag == "td":
            attrs += " class=fig"  # a figure: one line (the style sheet's nowrap)
        attrs += " align=right" if k in numeric else " align=left"
        if tag == "th":
            attrs += " valign=bottom"  # a header of two lines and one of one end on the same line
        return f"<{tag}{attrs}>{text if text.strip() not in ('', 'None') else NOT_APPLICABLE}</{tag}>"

    head = "".join(cell("th", k, _header_html(h), f" bgcolor='{HEAD_BG}' width={px(widths[k])[:-2]}")
                   for k, h in enumerate(headers))
    body = []
    for n, r in enumerate(rows):
        shade = f" bgcolor='{ZEBRA_BG}'" if n % 2 else ""
        body.append("<tr>" + "".join(cell("td", k, c, shade) for k, c in enumerate(r)) + "</tr>")
        if details and details[n]:
            body.append(f"<tr><td colspan={len(headers)}{shade}><span class=detail>{details[n]}</span></td></tr>")
    return (f"<table width={px(sum(widths))[:-2]} cellspacing=0 cellpadding=0><thead><tr>{head}</tr></thead>"
            f"{''.join(body)}</table>")


_NUMBER = re.compile(r"^([−\-+]?[\d,]+)(?:\.(\d+))?(\*?)$")
FIGURE_SPACE, POINT_SPACE = "\u2007", "\u2008"  # as wide as a digit; as wide as a decimal point


def aligned_decimals(rows: Sequence[Sequence[str]], numeric: Collection[int]) -> list[list[str]]:
    """Each numeric column's figures padded after their last digit (a figure space per missing
    decimal, a point space for a missing point), so that right-aligned they line up on the point:
    12.5 over 3.25 over 40 read as one column. Cells that are not a plain figure are left as they are."""
    out = [list(r) for r in rows]
    for k in numeric:
        parsed = {}
        for n, r in enumerate(out):
            match = _NUMBER.match(r[k]) if k < len(r) else None
            if match:
                parsed[n] = match
        places = max((len(m.group(2) or "") for m in parsed.values()), default=0)
        starred = any(m.group(3) for m in parsed.values())
        if not places and not starred:
            continue
        for n, m in parsed.items():
            have = len(m.group(2) or "")
            pad = FIGURE_SPACE * (places - have) + (POINT_SPACE if places and not have else "")
            out[n][k] = out[n][k][:len(out[n][k]) - len(m.group(3))] + pad + (m.group(3) or ("\u2009" if starred else ""))
    return out


def flow_table(f: PageFlow, headers: Sequence[str], rows: Sequence[Sequence[str]],
               numeric: Collection[int] = frozenset(), before: str = "", details: Sequence[str] | None = None,
               widths: Sequence[float] | None = None) -> None:
    """A table over as many pages as it needs, each page holding as many whole rows (with their
    details) as fit under the header row, which is repeated on each; `before` (its heading) stays
    with its first rows (at least MIN_ROWS, or the whole table if it has KEEP_WHOLE rows or fewer);
    the columns are the same width on every page."""
    widths = list(widths or column_widths(headers, rows, numeric))
    if not rows:
        f.html(before + table_html(headers, rows, numeric, widths=widths))
        return

    def part(k: int, n: int, prefix: str) -> str:
        return prefix + table_html(headers, rows[k:k + n], numeric, details[k:k + n] if details else None, widths)
    starts, r = [], 1  # each row's first row in the table: the header is row 0; a row with details takes two
    for i in range(len(rows)):
        starts.append(r)
        r += 2 if details and details[i] else 1
    heights = _row_heights(f, part(0, len(rows), ""), starts)
    k = 0
    while k < len(rows):
        prefix = before if k == 0 else ""
        # The page's table: its fixed part (heading, header row, margins) from one row laid out, then
        # as many rows as the room left holds, by their heights in the whole table; checked once laid out.
        fixed = f.gap(prefix) + f.measure(part(k, 1, prefix)) - heights[k]
        room = f.room() - fixed
        n = 0
        while k + n < len(rows) and n < MAX_ROWS_PER_PAGE and heights[k + n] <= room:
            room -= heights[k + n]
            n += 1
        while n > 1 and f.gap(prefix) + f.measure(part(k, n, prefix)) > f.room():
            n -= 1  # rounding in the layout: one row fewer
        if len(rows) - k - n == 1 and n > MIN_ROWS:
            n -= 1  # not one row alone on the next page
        short = n < len(rows) - k and (n < MIN_ROWS or (k == 0 and len(rows) <= KEEP_WHOLE))
        if (n == 0 or (k == 0 and short)) and not f.at_top():
            f.new_page()  # not a heading with a row or two at the foot of a page: the table starts on the next
            continue
        n = max(n, 1)  # one row taller than a page: PageFlow slices it, the only way left
        f.html(part(k, n, prefix))
        k += n
        if k < len(rows):
            f.new_page()  # the rest under the header row again, on the next page


def _row_heights(f: PageFlow, table: str, starts: Sequence[int]) -> list[float]:
    """The height of each row (with its details) as laid out in `table`; `starts`: each one's first
    row in the table."""
    from PySide6.QtGui import QTextTable

    doc = f.document(table)
    doc.size()
    [t] = [x for x in doc.rootFrame().childFrames() if isinstance(x, QTextTable)]
    layout = doc.documentLayout()
    # The top of a row's first cell's text: the padding above it is the same in every row.
    tops = [layout.blockBoundingRect(t.cellAt(r, 0).firstCursorPosition().block()).y() for r in range(t.rows())]
    tops.append(layout.frameBoundingRect(t).bottom())
    return [tops[b] - tops[a] for a, b in zip(starts, [*starts[1:], len(tops) - 1])]


class Citations:
    """Sources numbered once across the report: `cite` gives a source its number (the same each
    time it is cited); `flow_list` prints those not printed yet, under a heading."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self._printed = 0

    def cite(self, source: str) -> str:
        return f"[{self.numbers.setdefault(source.strip() or 'not given', len(self.numbers) + 1)}]"

    def cite_all(self, sources: Sequence[str]) -> str:
        """'[3–5, 7]' for several sources, each numbered once."""
        nums = sorted({int(self.cite(s)[1:-1]) for s in sources})
        spans: list[list[int]] = []
        for n in nums:  # runs of numbers as one span: [23–25, 28]
            if spans and n == spans[-1][1] + 1:
                spans[-1][1] = n
            else:
                spans.append([n, n])
        text = ", ".join(f"{a}" if a == b else f"{a}, {b}" if b == a + 1 else f"{a}–{b}" for a, b in spans)
        return f"[{text}]" if nums else ""

    def flow_list(self, f: PageFlow, heading: str) -> None:
        new = list(self.numbers.items())[self._printed:]
        if not new:
            return
        self._printed = len(self.numbers)
        items = [f"<p class=note>[{k}] {e(public_text(src))}</p>" for src, k in new]
        f.heading(f"<h3>{e(heading)}</h3>", keep=f.measure(items[0]))
        for item in items:
            f.html(item)
            f.space(2.5)


def same_precision(values: Sequence[float], digits: int = 4) -> list[str]:
    """`values` rounded to `digits` significant digits, then all to the same number of decimals,
    as few as the rounded values need (at most 3): 24.25, 25.00, 25.75; 45, 50, 60 (not 60.0012)."""
    rounded = [float(f"{v:.{digits}g}") for v in values]

    def decimals(v: float) -> int:
        text = f"{v:.3f}".rstrip("0")
        return len(text) - text.index(".") - 1
    d = max((decimals(v) for v in rounded), default=0)
    return [f"{v:,.{d}f}" for v in rounded]


def sentences(text: str) -> list[str]:
    """A source in its sentences (a full stop and a space before a capital or a quotation opening
    with one, after a word of three letters or more or a bracket: 'A. A. Trani' and 'St. Petersburg' stay whole)."""
    return [s for s in re.split(r"(?:(?<=[a-z]{3}\.)|(?<=\)\.))\s+(?=['‘“\"]?[A-Z])", text.strip()) if s]


def mass_unit(u: UnitSystem) -> str:
    """The mass unit named in full where it could be taken for another ton."""
    return "t" if u is UnitSystem.METRIC else "short tons"


def public_text(text: str) -> str:
    """`text` without what only the project's own files mean ("a copy is in shared/seed",
    "resources/timings.json"): a report is handed to people who have none of them."""
    text = re.sub(r"\s*\ba copy is in [\w./-]+;?\s*", " ", text)
    text = re.sub(r"\bresources/timings\.json\b", "traintool's list of published timings", text)
    text = re.sub(r"\b(?:resources|shared)/[\w./-]*\w", "traintool's shipped data", text)
    return re.sub(r"\(\s+", "(", re.sub(r"\s{2,}", " ", text)).strip()
