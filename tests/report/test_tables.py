"""The report's tables as Qt lays them out: where headers and cells may wrap, and how wide columns are."""
import html
import io
import re

from hypothesis import example, given, settings, strategies as st
from PySide6.QtGui import QTextTable

from traintool.report.flow import rich_text
from traintool.report.tables import TEXT_WIDTH_PT, WORD_CAP, column_widths, header_phrases, sentences, table_html

WORD = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=14)
UNIT = st.sampled_from(["(km/h)", "(m)", "(t)", "(‰)", "(kW)", "(90 %)", "(lb per short ton)", "(km/h, mph)", ""])
HEADER = st.tuples(st.lists(WORD, min_size=1, max_size=4).map(" ".join), UNIT).map(lambda t: f"{t[0]} {t[1]}".strip())
FIGURE = st.one_of(
    st.floats(-1e6, 1e7, allow_nan=False).map(lambda x: f"{x:,.1f}"),
    st.integers(0, 10_000).map(lambda n: f"{n // 60} h {n % 60:02d} min"),
    st.tuples(st.floats(0, 500), st.floats(0, 500)).map(lambda t: f"{t[0]:.2f}–{t[1]:.2f} km/h"),
    st.integers(1, 100_000).map(lambda n: f"{n}–{n + 9}"),
)
TEXT = st.lists(WORD, min_size=0, max_size=25).map(" ".join)


@st.composite
def tables(draw):
    columns = draw(st.integers(1, 7))
    numeric = draw(st.sets(st.integers(0, columns - 1)))
    headers = [draw(HEADER) for _ in range(columns)]
    rows = [[draw(FIGURE) if k in numeric else draw(TEXT) for k in range(columns)]
            for _ in range(draw(st.integers(1, 5)))]
    return headers, rows, numeric


def _laid_out(headers, rows, numeric):
    """The table's cells as Qt lays them out: [row][column] -> (text, the lines' first indices)."""
    doc = rich_text(table_html(headers, [[html.escape(c) for c in r] for r in rows], numeric), TEXT_WIDTH_PT)
    doc.size()
    [table] = [t for t in doc.rootFrame().childFrames() if isinstance(t, QTextTable)]
    out = []
    for r in range(table.rows()):
        row = []
        for c in range(table.columns()):
            block = table.cellAt(r, c).firstCursorPosition().block()
            layout = block.layout()
            row.append((block.text(), [layout.lineAt(i).textStart() for i in range(layout.lineCount())]))
        out.append(row)
    return out, doc.size().width()


@settings(max_examples=60, deadline=None)
@given(tables())
@example((["0 0 0 0AG (km/h)", "0 A 000000AAAAG 0000000000000A (km/h)", "0 (km/h)", "0 (km/h)", "0 (km/h)",
           "0 0 00000000000 K (km/h)"], [["0.0", "", "10 h 00 min", "", "", ""]], {0, 2}))  # a phrase that fit, without its space
def test_a_header_wraps_only_between_its_phrases_and_a_figure_never_wraps(qapp, table):
    headers, rows, numeric = table
    cells, width = _laid_out(headers, rows, numeric)
    for text, starts in cells[0]:  # the header row: a break only where a unit in brackets begins
        for i in starts[1:]:
            assert text[i - 1] == " " and text[i] == "(", (text, starts)
    # A table whose longest words alone are wider than the page (hypothesis found seven columns of
    # 12-digit words under headers of 20 characters) cannot keep them all whole: Qt squeezes it to the page.
    words_fit = sum(column_widths(headers, rows, numeric, width=0.0)) <= TEXT_WIDTH_PT
    for row in cells[1:]:
        for k, (text, starts) in enumerate(row):
            if k in numeric:
                assert len(starts) == 1, (text, starts)  # a figure is one line
            elif words_fit:
                assert all(text[i - 1].isspace() for i in starts[1:]), (text, starts)  # never inside a word
    if sum(column_widths(headers, rows, numeric)) <= TEXT_WIDTH_PT:
        assert width <= TEXT_WIDTH_PT + 1  # the page's width is kept whenever it can be


def test_columns_take_their_width_from_content(qapp):
    headers = ["Stop", "Dwell"]
    narrow = column_widths(headers, [["Rajin", "5 min"]], {1})
    assert sum(narrow) < TEXT_WIDTH_PT / 3  # a table of short values stays narrow
    prose = "a long explanation of where this figure comes from " * 4
    wide = column_widths(["Input", "Value", "Source"], [["mass", "1,234.5", prose]], {1})
    assert sum(wide) <= TEXT_WIDTH_PT + 0.01 and wide[2] > wide[1]  # prose takes the room left
    assert wide[2] <= WORD_CAP + 20 or sum(wide) == TEXT_WIDTH_PT


def test_header_phrases_are_the_name_and_its_unit():
    assert header_phrases("Max speed (km/h)") == ["Max speed", "(km/h)"]
    assert header_phrases("Gauge change") == ["Gauge change"]
    assert header_phrases("Model (90 %)") == ["Model", "(90 %)"]


def test_a_source_is_split_into_its_sentences_but_not_at_initials():
    text = ("Davis (1926) as modified by A. A. Trani, Virginia Tech. Intermediate distances are estimates. "
            "Gradient: average from station elevations (25 m to 40 m).")
    assert sentences(text) == ["Davis (1926) as modified by A. A. Trani, Virginia Tech.",
                               "Intermediate distances are estimates.",
                               "Gradient: average from station elevations (25 m to 40 m)."]


def test_figures_of_a_row_share_their_precision():
    from traintool.report.tables import same_precision

    assert same_precision([24.25, 25.0, 25.75]) == ["24.25", "25.00", "25.75"]
    assert same_precision([45.0, 50.0000001, 60.0012]) == ["45", "50", "60"]  # 4 significant digits, then decimals
    assert same_precision([1944.3, 2065.0, 2252.2]) == ["1,944", "2,065", "2,252"]
    assert same_precision([0.6, 1.0, 1.4]) == ["0.6", "1.0", "1.4"]


def test_a_table_over_pages_repeats_its_header_once_a_page_and_keeps_its_rows_in_order(qapp):
    # A row held back from the foot of a page (so none is left alone on the next) was drawn under a
    # second header row on the same page.
    from PySide6.QtCore import QBuffer, QIODevice
    from pypdf import PdfReader

    from traintool.report.flow import PageFlow
    from traintool.report.tables import flow_table

    for rows in range(20, 60):  # among them, one more than a page holds (the last row the shortest)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        f = PageFlow(buffer, "a4", "footer", "title")
        f.html("<p>Text above the table.</p>")
        flow_table(f, ["Row", "Figure (m)"], [[f"row{i:03d}", f"{i:,.1f}"] for i in range(rows)], {1},
                   before="<h3>Heading</h3>", details=["a note under the row"] * (rows - 1) + [""])
        f.finish()
        pages = [p.extract_text() for p in PdfReader(io.BytesIO(bytes(buffer.data().data()))).pages]
        with_rows = [p for p in pages if "row" in p]
        assert [p.count("Figure") for p in with_rows] == [1] * len(with_rows)
        assert [int(x) for p in pages for x in re.findall(r"row(\d{3})", p)] == list(range(rows))
        assert all(len(re.findall(r"row\d{3}", p)) != 1 for p in pages)  # no row alone on a page


@given(st.lists(st.tuples(st.integers(0, 99_999), st.integers(0, 3)), min_size=1, max_size=12))
def test_figures_of_a_column_line_up_on_their_decimal_point(figures):
    # Issue 26: Low/Value/High columns mixed precision, their points all over the place.
    from traintool.report.flow import TABLE_PT, font, metrics
    from traintool.report.tables import aligned_decimals

    cells = [f"{n / 10 ** d:,.{d}f}" for n, d in figures]
    m = metrics(font(TABLE_PT))
    padded = [r[0] for r in aligned_decimals([[c] for c in cells], {0})]
    integer_parts = [c.split(".")[0] if "." in c else c.rstrip("\u2007\u2008\u2009") for c in padded]
    # right-aligned, the point sits at (cell width - width after the integer part): the same for all
    after = {round(m.horizontalAdvance(c) - m.horizontalAdvance(i), 2) for c, i in zip(padded, integer_parts)}
    assert len(after) == 1, (cells, padded)
