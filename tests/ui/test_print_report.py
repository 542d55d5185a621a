"""File > Print and Print Preview through their real dialogs: the pages painted on a printer are
the PDF's pages, word for word and point for point."""
import pypdfium2
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from traintool.physics.answer import Answer
from traintool.report import write_report
from traintool.ui.print_report import print_preview, print_report

def _pages(path) -> list[list[tuple[str, tuple[float, float, float, float]]]]:
    """Each page's characters with their boxes, in points."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        out = []
        for page in pdf:
            text = page.get_textpage()
            out.append([(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())])
        return out
    finally:
        pdf.close()


def _answer_when_shown(dialog_type, answer) -> list:
    """Answer the first dialog of `dialog_type` that opens, from the event loop it runs (a modal
    exec() returns only then); what was answered is kept in the list returned."""
    seen: list = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, dialog_type):
            seen.append(answer(dialog))
        else:
            QTimer.singleShot(20, poll)
    QTimer.singleShot(20, poll)
    return seen


def _pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # 1200 dpi: the painter is scaled to points
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


@pytest.mark.parametrize("page_size", ["a4", "letter"])
def test_file_print_through_the_dialog_paints_the_pdfs_pages(small_window, tmp_path, page_size):
    # Found this way: on a 1200-dpi printer every label of the plots was drawn 16 times too large,
    # and the text was laid out at the screen's resolution (a third larger than in the PDF).
    w = small_window
    w.preferences.page_size = page_size
    printed = tmp_path / "printed.pdf"
    accepted = _answer_when_shown(QPrintDialog, lambda d: d.accept() or True)
    assert print_report(w, _pdf_printer(printed))
    assert accepted == [True] and w.errors == []
    direct = tmp_path / "direct.pdf"
    write_report(Answer(w.holder.document, w.holder.route, w.trip_computer.result), direct, page_size=page_size)
    a, b = _pages(printed), _pages(direct)
    assert len(a) == len(b) >= 3
    for n, (pa, pb) in enumerate(zip(a, b)):
        assert "".join(c for c, _ in pa) == "".join(c for c, _ in pb), f"page {n + 1}"
        for (c, box_a), (_, box_b) in zip(pa, pb):
            assert box_a == pytest.approx(box_b, abs=0.5), (n + 1, c)


def test_a_cancelled_print_dialog_prints_nothing(small_window, tmp_path):
    printed = tmp_path / "printed.pdf"
    rejected = _answer_when_shown(QPrintDialog, lambda d: d.reject() or True)
    assert not print_report(small_window, _pdf_printer(printed))
    assert rejected == [True] and not printed.exists()


def test_print_preview_dialog_shows_as_many_pages_as_the_pdf(small_window, tmp_path):
    w = small_window

    def count_and_close(dialog):
        [preview] = dialog.findChildren(QPrintPreviewWidget)
        pages = preview.pageCount()
        dialog.reject()
        return pages
    shown = _answer_when_shown(QPrintPreviewDialog, count_and_close)
    print_preview(w, printer=_pdf_printer(tmp_path / "unused.pdf"))
    direct = tmp_path / "direct.pdf"
    write_report(Answer(w.holder.document, w.holder.route, w.trip_computer.result), direct)
    assert shown == [len(_pages(direct))] and shown[0] >= 3 and w.errors == []
