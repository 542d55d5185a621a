"""The print preview's own Print button, clicked as a person would: it asks where to print (the
print dialog, answered here by typing a file name and clicking its Print button), closes the
preview and prints in the background as File > Print does; Print to a PDF file goes through the
safe writer, so a hostile file name is refused in one sentence and the window keeps running."""
import os
import re
import subprocess

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox, QToolBar

from traintool.report import write_report
from traintool.ui.files.export_report import with_kept_check
from traintool.ui.files.print_report import print_action, print_preview
from conftest import REPORT_WAIT_MS


def _preview(window, qtbot) -> QPrintPreviewDialog:
    assert print_preview(window) is not None

    def shown():
        dialogs = [d for d in window.findChildren(QPrintPreviewDialog) if d.isVisible()]
        return dialogs[0] if dialogs and dialogs[0].findChild(QPrintPreviewWidget).pageCount() > 0 else None
    qtbot.waitUntil(lambda: shown() is not None, timeout=REPORT_WAIT_MS)
    return shown()


def _answer_print_dialog(qtbot, path) -> list[str]:
    """Type `path` as the file to print to in the print dialog once it opens, and click its Print
    button; a question (replace the file?) is answered Yes. What was seen is kept in the list returned."""
    seen: list[str] = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is not None or "print dialog" not in seen:
            QTimer.singleShot(20, poll)  # first: what follows may open a dialog inside the click
        if isinstance(dialog, QPrintDialog) and "print dialog" not in seen:
            seen.append("print dialog")
            name = dialog.findChild(QLineEdit, "filename")
            assert name.isEnabled()  # Print to File (PDF): the only printer here
            name.selectAll()
            qtbot.keyClicks(name, str(path))
            print_button = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(print_button, Qt.MouseButton.LeftButton)
        elif isinstance(dialog, QPrintDialog):  # still open after its Print button: it refused the file
            seen.append("print dialog again")
            dialog.reject()
        elif isinstance(dialog, QMessageBox):
            seen.append(dialog.text())
            dialog.done(QMessageBox.StandardButton.Yes)
    QTimer.singleShot(20, poll)
    return seen


def _click_print(qtbot, dialog: QPrintPreviewDialog) -> None:
    [bar] = dialog.findChildren(QToolBar)
    button = bar.widgetForAction(print_action(dialog))
    assert button is not None and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _texts(path) -> list[str]:
    return [re.sub(r"\d{4}-\d\d-\d\d\s\d\d:\d\d\sUTC", "", p.extract_text()) for p in PdfReader(str(path)).pages]


def test_the_previews_print_button_writes_the_reports_pdf_through_the_safe_writer(small_window, qtbot, tmp_path):
    # Qt's own button painted the whole report onto the printer on the window's thread, and its
    # PDF engine wrote the file itself (past the safe writer, no outline).
    w = small_window
    qtbot.waitUntil(lambda: w.trip_panel.range_computer.range is not None, timeout=30_000)
    dialog = _preview(w, qtbot)
    painted = []
    dialog.paintRequested.connect(lambda printer: painted.append(printer.outputFileName()))
    out = tmp_path / "printed.pdf"
    seen = _answer_print_dialog(qtbot, out)
    _click_print(qtbot, dialog)
    assert seen == ["print dialog"]
    qtbot.waitUntil(out.exists, timeout=REPORT_WAIT_MS)
    qtbot.waitUntil(lambda: w.statusBar().currentMessage() == "Report printed", timeout=10_000)  # by our job
    assert str(out) not in painted  # never painted onto the printer in the window
    assert not any(d.isVisible() for d in w.findChildren(QPrintPreviewDialog))  # the preview closed, as Qt's does
    reader = PdfReader(str(out))
    assert reader.outline  # the report's own PDF, with its bookmarks
    direct = tmp_path / "direct.pdf"
    write_report(with_kept_check(w.trip_panel.range_computer.answer()), direct, page_size=w.preferences.page_size)
    assert _texts(out) == _texts(direct) and w.errors == []


def _fifo(tmp_path):
    path = tmp_path / "pipe.pdf"
    os.mkfifo(path)
    return path, "not a regular file"


def _folder(tmp_path):
    path = tmp_path / "folder.pdf"
    path.mkdir()
    return path, "it is a folder"


def _symlink_to_dev_zero(tmp_path):
    path = tmp_path / "zero.pdf"
    path.symlink_to("/dev/zero")
    return path, "not a regular file"


def _read_only_folder(tmp_path):
    # A folder on a read-only file system: root (as CI runs) ignores a folder's permissions, not that.
    if os.geteuid() != 0:
        pytest.skip("mounting a read-only file system needs root (CI runs as root)")
    folder = tmp_path / "read-only"
    folder.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a file system here: {r.stderr.strip()}")
    return folder / "report.pdf", "Read-only file system"


@pytest.mark.parametrize("hostile", [_fifo, _folder, _symlink_to_dev_zero, _read_only_folder])
def test_a_hostile_file_to_print_to_from_the_preview_is_one_sentence(small_window, qtbot, tmp_path, hostile, request):
    w = small_window
    target, reason = hostile(tmp_path)
    if target.parent.name == "read-only":
        request.addfinalizer(lambda: subprocess.run(["umount", "-l", str(target.parent)], check=False))
    before = sorted(os.listdir(target.parent))
    dialog = _preview(w, qtbot)
    # Qt's print dialog opened the file to check it, on the window's thread (the interpreter's lock
    # held): a FIFO with no reader hung the window for good. A reader in another process rescues the
    # test if that happens, and leaves a mark saying so.
    mark = tmp_path.parent / f"{tmp_path.name}-rescued"
    rescuer = subprocess.Popen(["sh", "-c", 'sleep 20; [ -p "$1" ] && touch "$2" && cat "$1" > /dev/null', "rescue",
                                str(target), str(mark)])
    try:
        seen = _answer_print_dialog(qtbot, target)
        _click_print(qtbot, dialog)
    finally:
        rescuer.kill()
        rescuer.wait()
    rescued = [True] if mark.exists() else []
    assert rescued == [] and seen == ["print dialog"]  # accepted at once: no hang, no question, no refusal
    qtbot.waitUntil(lambda: bool(w.errors), timeout=REPORT_WAIT_MS)
    assert len(w.errors) == 1 and str(target) in w.errors[0] and reason in w.errors[0]
    assert sorted(os.listdir(target.parent)) == before  # nothing written, no temporary file left
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=5_000)  # the window keeps running
    timer.stop()
    assert w.isVisible()
