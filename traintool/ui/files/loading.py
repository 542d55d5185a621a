"""Loading a document (or a table of cars) off the GUI thread: the windows keep painting while a big file (or a slow
disk) is read and validated, and after a moment a dialog says what is opening and how far it is
(reading the file, then checking it: a 100,000-car train a slice of 1,000 cars at a time).

`load_document` returns when the document is loaded, as a plain call would (the callers stay
simple), but runs an event loop meanwhile that leaves out the user's clicks and keys (and the
dialog is modal), so no edit or second open starts in the middle.
"""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ... import io
from ...errors import DocumentError
from ...printable import printable
from ..common import plain

if TYPE_CHECKING:
    from ...model import Document

T = TypeVar("T")
PROGRESS_AFTER_MS = 300  # a quick load shows nothing; a slow one says what it does
# A file this big is first checked by `traintool validate` in a process of its own: Python's JSON
# parser holds the interpreter's lock for the whole parse (seconds, for a hostile 50 MB file of
# millions of keys), which would freeze the window however the loading thread is scheduled, and
# its memory would be ours. Only a file found good is then loaded here.
CHILD_CHECK_BYTES = 8 * 2**20


def _big(path: str | os.PathLike[str]) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return False  # the loader says why
    # `validate` reads a .route.json as a route: such a name is loaded here, as any small file is.
    return stat.S_ISREG(st.st_mode) and st.st_size > CHILD_CHECK_BYTES and not str(path).endswith(io.ROUTE_SUFFIX)


def _check_in_a_child(path: str | os.PathLike[str]) -> None:
    """DocumentError if `traintool validate` finds the file bad; nothing if it is good, or if no
    child could do the check (then the loading here finds what there is to find)."""
    command = ([sys.executable, "validate", str(path)] if getattr(sys, "frozen", False)  # the bundle runs the CLI
               else [sys.executable, "-m", "traintool", "validate", str(path)])
    try:
        r = subprocess.run(command, capture_output=True, text=True, timeout=600,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except (OSError, subprocess.SubprocessError):
        return
    if r.returncode == 1 and r.stderr.strip():
        raise DocumentError(r.stderr.strip(), path=str(path))


class _Done(QObject):
    finished = Signal()  # emitted by the loading thread, delivered in the GUI thread's loop
    progress = Signal(str, int)  # what is being done, percent


def load_document(path: str | os.PathLike[str], parent: QWidget | None = None) -> tuple[Document, io.FileState | None]:
    """io.load_document on a thread of its own, with the file's state as read (for the save's
    conflict check); raises what it raises (DocumentError above all)."""
    def work(tell: Callable[[str, float], None]) -> tuple[Document, io.FileState | None]:
        if _big(path):
            tell("Checking", 0.0)
            _check_in_a_child(path)
        state = io.file_state(path)
        return io.load_document(path, progress=tell), state

    return off_the_window_thread(work, printable(Path(path).name, 120), parent, "load-document")


def off_the_window_thread(work: Callable[[Callable[[str, float], None]], T], name: str, parent: QWidget | None,
                          thread_name: str) -> T:
    """`work(tell)` on a thread of its own, the window painting meanwhile (and, after a moment, a
    dialog saying "{stage} {name}…" as `tell(stage, fraction)` reports); returns what it returns,
    raises what it raises."""
    outcome: dict[str, object] = {}
    done = _Done()
    loop = QEventLoop()
    done.finished.connect(loop.quit)

    last = [("", -1)]

    def tell(stage: str, fraction: float) -> None:  # on the working thread: only changes are sent
        step = (stage, int(fraction * 100))
        if step != last[0]:
            last[0] = step
            done.progress.emit(*step)

    def run() -> None:
        try:
            outcome["value"] = work(tell)
        except BaseException as e:  # noqa: BLE001 - handed to the GUI thread, raised there as it came
            outcome["error"] = e
        finally:
            done.finished.emit()

    thread = threading.Thread(target=run, name=thread_name, daemon=True)
    thread.start()
    dialog: list[QProgressDialog] = []
    now: list = ["Reading", 0]  # the stage and its percentage, as the loading thread last told them

    def update(stage: str, percent: int) -> None:
        now[:] = [stage, percent]
        for d in dialog:
            d.setLabelText(f"{stage} {name}…")
            d.setValue(percent)

    done.progress.connect(update)

    def show_progress() -> None:
        if outcome:
            return
        d = QProgressDialog(f"{now[0]} {name}…", "", 0, 100, parent)
        d.setLabel(plain.label(f"{now[0]} {name}…"))  # a file's name shown as written, never as HTML
        d.setCancelButton(None)  # a thread cannot be stopped mid-parse; closing the window is the way out
        d.setWindowTitle("traintool")
        d.setMinimumDuration(0)
        d.setModal(True)
        d.setAutoClose(False)
        d.setAutoReset(False)
        d.setValue(int(now[1]))
        d.show()
        dialog.append(d)

    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(show_progress)
    timer.start(PROGRESS_AFTER_MS)
    if not outcome:
        # Painting, timers and sockets go on; clicks and keys wait until the document is there (the
        # window they would act on is in the middle of changing).
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    thread.join()
    timer.stop()
    for d in dialog:
        d.close()
        d.deleteLater()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
