"""Start the GUI: `traintool [FILE] [--screenshot OUT.png] [--exit-after-show]`."""
from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

SCREENSHOT_SIZE = (1600, 1000)


def _parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="traintool", description="A train consist explorer.")
    p.add_argument("file", nargs="?", help="a .consist.json document (default: the armored train)")
    p.add_argument("--screenshot", metavar="OUT.png", help="render the window offscreen at 1600×1000 to a PNG and exit")
    p.add_argument("--exit-after-show", action="store_true", help="quit as soon as the first window is shown")
    return p.parse_args(argv)


def _install_excepthook(get_window) -> None:
    """An unexpected error shows a dialog and the document stays open: the app never dies on one."""
    from PySide6.QtWidgets import QMessageBox

    def hook(kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        sys.__stderr__.write(text)
        window = get_window()
        try:
            box = QMessageBox(QMessageBox.Icon.Critical, "traintool: something went wrong",
                              f"{kind.__name__}: {value}\n\nYour document is still open; save it under a new name "
                              "if in doubt.", QMessageBox.StandardButton.Ok, window)
            box.setDetailedText(text)
            box.exec()
        except Exception:  # noqa: BLE001 - the hook itself must never raise
            pass

    sys.excepthook = hook


def offer_recovery(window) -> None:
    """After a crash, offer the unsaved work the last run left behind."""
    from PySide6.QtWidgets import QMessageBox

    from ..errors import TraintoolError
    from .autosave import find_recoveries

    for rec in find_recoveries():
        when = __import__("datetime").datetime.fromtimestamp(rec.saved_at).strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            window, "Recover unsaved work?",
            f"traintool stopped without saving “{rec.original_path or 'an untitled document'}”. "
            f"Restore the work autosaved at {when}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            try:
                window.restore_recovery(rec.load(), rec.original_path)
            except TraintoolError as e:
                window.show_error("Could not recover", str(e))
                continue
        rec.discard()
        break


def run_gui(argv: list[str]) -> int:
    args = _parse(argv)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from .. import io
    from ..errors import TraintoolError
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("traintool")
    app.setOrganizationName("traintool")
    app.setDesktopFileName("traintool")
    # Our QMimeData left on the clipboard would be destroyed after Python at exit (a crash):
    # leave only its text there.
    app.aboutToQuit.connect(lambda: app.clipboard().setText(app.clipboard().text()))
    window_ref: list = []
    _install_excepthook(lambda: window_ref[0] if window_ref else None)

    error = None
    path = None
    try:
        if args.file:
            path = Path(args.file)
            document = io.load_document(path)
        else:
            document = io.default_document()
    except TraintoolError as e:
        print(f"traintool: {e}", file=sys.stderr)
        if args.screenshot:
            return 2  # a picture of another document would mislead
        error, path = str(e), None
        document = io.default_document()
    window = MainWindow(document, path, persist_layout=not args.screenshot)
    window_ref.append(window)
    if not (args.screenshot or args.exit_after_show):  # those two must never wait on a question
        QTimer.singleShot(0, lambda: offer_recovery(window))
    if args.screenshot:
        window.resize(*SCREENSHOT_SIZE)
        window.show()
        app.processEvents()
        window.layout_view.fit()
        app.processEvents()
        ok = window.grab().save(args.screenshot)
        window.holder.undo_stack.setClean()
        window.close()
        if not ok:
            print(f"traintool: could not write {args.screenshot}", file=sys.stderr)
        return 0 if ok else 2
    window.show()
    if error and not args.exit_after_show:
        QTimer.singleShot(0, lambda: window.show_error("Could not open the file", error))
    if args.exit_after_show:
        QTimer.singleShot(0, app.quit)
    return app.exec()
