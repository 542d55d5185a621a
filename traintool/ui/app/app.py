"""Start the GUI: `traintool [FILE...] [--screenshot OUT.png] [--exit-after-show] [--new-instance]`."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..common import heap

SCREENSHOT_SIZE = (1600, 1000)
PAINT_WAIT_MS = 300  # a window not painted by then (started minimized) loads its document all the same


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The window's arguments (argparse exits 2 on a bad option, as on the command line)."""
    p = argparse.ArgumentParser(prog="traintool", description="A train consist explorer.")
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="a .consist.json document, each in a window of its own (default: the armored train)")
    p.add_argument("--screenshot", metavar="OUT.png", help="render the window offscreen at 1600×1000 to a PNG and exit")
    p.add_argument("--exit-after-show", action="store_true", help="quit as soon as the first window is shown (exit code 1 if an error happened meanwhile)")
    p.add_argument("--new-instance", action="store_true",
                   help="start a traintool of its own even if one is running (by default the files go to that one)")
    return p.parse_args(argv)


def offer_recovery(window) -> None:
    """After a crash, offer the unsaved work the last run left behind."""
    import datetime

    from PySide6.QtWidgets import QMessageBox

    from ...errors import TraintoolError
    from ...printable import printable
    from ..common import plain
    from .autosave import find_recoveries

    notes: list[str] = []
    recoveries = find_recoveries(notes=notes)
    if notes:
        window.show_error("A recovery file was set aside", "\n".join(notes))
    for rec in recoveries:
        when = datetime.datetime.fromtimestamp(rec.saved_at).strftime("%Y-%m-%d %H:%M")
        answer = plain.ask(
            window, "Recover unsaved work?",
            f"traintool stopped without saving “{printable(rec.original_path or 'an untitled document')}”. "
            f"Restore the work autosaved at {when}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            try:
                window.file.restore_recovery(rec.load(), rec.original_path)
            except TraintoolError as e:
                # Broken, or written by a newer traintool: once told, never offered again.
                window.show_error("Could not recover", f"{e}\n\nThe recovery file was {rec.set_aside()}.")
                continue
        rec.discard()
        break


def run_gui(argv: list[str]) -> int:
    args = parse_args(argv)
    heap.hold()
    try:
        return _run_gui(args)
    finally:
        heap.at_quit()


def _run_gui(args: argparse.Namespace) -> int:
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ...app_paths import set_names

    existing = QApplication.instance()  # the tests' (a QApplication too)
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    set_names()
    app.setDesktopFileName("traintool")
    # --screenshot and --exit-after-show check this very process: they never hand over.
    single = not (args.screenshot or args.exit_after_show or args.new_instance)
    if single:
        from .instance import hand_over

        if hand_over(args.files):
            return 0  # the running traintool has the files

    from .crash import CrashReporter
    from .windows import Windows

    # Our QMimeData left on the clipboard would be destroyed after Python at exit (a crash):
    # leave only its text there.
    app.aboutToQuit.connect(lambda: app.clipboard().setText(app.clipboard().text()))
    app.aboutToQuit.connect(_stop_workers)
    windows = Windows(persist_layout=not args.screenshot, parent=app)
    reporter = CrashReporter(windows.active, parent=app, dialogs=not args.exit_after_show)
    reporter.install()
    first, rest = (args.files[0], args.files[1:]) if args.files else (None, [])

    if args.screenshot:
        document, path, error, _state = _load_first(first)
        if error:
            return 2  # a picture of another document would mislead
        heap.settle()
        return _screenshot(app, windows.open_window(document, path), args.screenshot)

    # The window is shown first, saying what it opens; the document, pydantic and the views load
    # in the next turn of the event loop (start-up time: benchmarks/startup_benchmark.py).
    windows.hold()  # files handed over meanwhile open once this window has its own (finish_opening)
    window = windows.open_window(None, opening=f"“{Path(first).name}”" if first else "the armored train")
    window.show()
    if single:
        from .instance import InstanceServer

        server = InstanceServer(parent=app)
        server.files_received.connect(windows.open_files)
        server.listen()  # if it cannot, this one still works; it only takes no files from later launches

    started = False

    def finish_opening() -> None:
        nonlocal started
        if started or window not in windows.windows:
            return  # done already (painted, then the wait ran out), or closed while it opened
        started = True
        try:
            document, path, error, state = _load_first(first, window)
            window.set_up(document, path, state)
        finally:
            # After the plots and the first trip, which set_up queued: then the window is ready.
            QTimer.singleShot(0, heap.settle)
            if args.exit_after_show:  # quits, whether the set-up worked or not, and never waits on a question
                # The plots are built right after the set-up (queued before this quit): an error there fails the start too.
                QTimer.singleShot(0, app.quit)
            else:
                windows.release()
        if args.exit_after_show:
            return
        if error:
            window.show_error("Could not open the file", error)
        if rest:  # before the recovery question: the files asked for come first, whatever it finds
            windows.open_files(rest)
        offer_recovery(window)

    # Loaded once the frame is painted: a timer queued now would run before the first paint and
    # leave an empty, unpainted window up while pydantic and the model load.
    window.frame_painted.connect(lambda: QTimer.singleShot(0, finish_opening))
    QTimer.singleShot(PAINT_WAIT_MS, finish_opening)
    rc = app.exec()
    return 1 if args.exit_after_show and reporter.reported else rc


def _stop_workers() -> None:
    """Quit ends the computations in flight at once (never imported just for this)."""
    workers = sys.modules.get("traintool.ui.trip.compute_process")
    if workers is not None:
        workers.shut_down()


def _load_first(file: str | None, window=None):
    """The document to open first, its path, the error if the file given could not be read (then
    the armored train opens instead), and the file as it was read (io.FileState, with the window).
    With the window (shown, saying "Opening…"), the file is read off the GUI thread, so the window
    paints meanwhile."""
    from ... import io
    from ...errors import TraintoolError

    if file:
        try:
            if window is None:
                return io.load_document(file), Path(file), None, None
            from ..files.loading import load_document

            document, state = load_document(file, window)
            return document, Path(file), None, state
        except TraintoolError as e:
            from ...printable import printable_lines

            print(f"traintool: {printable_lines(e)}", file=sys.stderr)
            return io.default_document(), io.default_document_path(), str(e), None
    return io.default_document(), io.default_document_path(), None, None  # the window opens it as an untitled copy


def _wait_for_range(app, window, seconds: float = 120.0) -> bool:
    """Until the window's range has come, or it said why there is none; False if neither in time."""
    import time

    panel = window.trip_panel
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if panel.range_computer.range is not None or panel.answer.range_label.text().startswith("No range"):
            return True
        if window.trip_computer.error is not None or window.holder.route is None:
            return True  # no trip, so no range to wait for: the picture shows why
        app.processEvents()
        time.sleep(0.01)
    return False


def _screenshot(app, window, out: str) -> int:
    from PySide6.QtCore import QBuffer, QIODevice

    from ...errors import SaveError
    from ...io import write_file
    from ...printable import printable

    window.resize(*SCREENSHOT_SIZE)
    window.show()
    app.processEvents()
    window.layout_view.fit()
    app.processEvents()
    # The picture shows what a person sees a moment later: the answer with its range, which comes
    # from a process of its own (a failure there is this start's failure too).
    if not _wait_for_range(app, window):
        print("traintool: the range of the trip could not be computed", file=sys.stderr)
        window.holder.undo_stack.setClean()
        window.close()
        return 1
    # The layout passes the range's sentence asks for (it may wrap onto another line): each pass
    # settles one level of nested layouts and posts the next.
    for _ in range(5):
        app.processEvents()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = window.grab().save(buffer, "PNG")
    window.holder.undo_stack.setClean()
    window.close()
    try:
        if not ok:
            raise SaveError(f"{printable(out)}: could not be saved: the picture could not be made")
        write_file(out, bytes(buffer.data().data()), follow_symlinks=False)  # the one writer: no symlink, no device
    except SaveError as e:
        print(f"traintool: {e}", file=sys.stderr)
        return 2
    return 0
