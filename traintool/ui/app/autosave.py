"""Autosave and recovery: unsaved work is written to a recovery file; after a crash, the next start offers it.

The recovery file is saved every minute, and a few seconds after an edit once the user pauses.
A clean close removes it. Files of a process that is still running are left alone. The writing
happens on a thread of its own: a 100,000-car document is 20 MB, and the window must not wait.
The files are the user's alone (0600 in a 0700 folder), written by the one safe writer; a failed
write is told through `failed` (the window shows it). The metadata beside each recovery file is
read like a document (bounded, validated); a bad one, or a recovery document that cannot be
loaded (broken, or from a newer traintool), is set aside once with a note and never offered
again. Each set-aside gets a name of its own (when, and a random part), so none replaces another.
"""
from __future__ import annotations

import errno
import os
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ...app_paths import recovery_dir
from ...errors import TraintoolError
from ...io import describe_validation_error, document_to_json, load_document, parse_json, write_file
from ...io.files import read_bytes
from ...io.safe_write import private_folder
from ...model import Consist, Document
from ...printable import printable
from ..common.document_holder import DocumentHolder

MAX_META_BYTES = 64 * 1024
SET_ASIDE = "set-aside"  # where a broken recovery pair goes: kept for the curious, never offered again


class RecoveryMeta(BaseModel):
    """What a `.meta.json` beside a recovery file says: whose it was, of which file, when."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    pid: int = Field(ge=1, le=2**31 - 1)
    path: str | None = Field(default=None, min_length=1, max_length=4096)
    saved_at: float = Field(ge=0, le=32503680000, allow_inf_nan=False)  # up to the year 3000

PERIOD_MS = 60_000
PAUSE_MS = 5_000


def read_meta(file: Path) -> RecoveryMeta:
    """The metadata of a recovery file, or TraintoolError saying what is wrong with it."""
    source = printable(file)
    data = parse_json(read_bytes(file, limit=MAX_META_BYTES), source)
    try:
        return RecoveryMeta.model_validate(data)
    except ValidationError as e:
        raise TraintoolError(f"{source}: {describe_validation_error(e, data)}") from None


@dataclass(frozen=True)
class Recovery:
    document_file: Path
    meta_file: Path
    original_path: Path | None
    saved_at: float

    def load(self) -> Document:
        return load_document(self.document_file)

    def discard(self) -> None:
        _unlink(self.document_file, self.meta_file)

    def set_aside(self) -> str:
        """This recovery, found unreadable, set aside (never offered again): a sentence saying where."""
        return set_aside(self.meta_file.parent, self.meta_file, self.document_file)


def _unlink(*files: Path) -> None:
    for f in files:
        try:
            f.unlink()
        except OSError:
            pass  # already gone, or not ours to remove: nothing to recover either way


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find_recoveries(folder: Path | None = None, notes: list[str] | None = None) -> list[Recovery]:
    """Recovery files left by traintool processes that are gone (crashed), newest first.

    A pair whose metadata is broken is moved to the `set-aside` folder and a line saying so is
    added to `notes` (when given): start-up goes on either way.
    """
    folder = folder or recovery_dir()
    found = []
    for meta_file in sorted(folder.glob("*.meta.json")):
        doc_file = meta_file.with_name(meta_file.name.removesuffix(".meta.json") + ".consist.json")
        try:
            meta = read_meta(meta_file)
        except TraintoolError as e:
            where = set_aside(folder, meta_file, doc_file)
            if notes is not None:
                notes.append(f"{e} — {where}")
            continue
        if _alive(meta.pid) or not doc_file.is_file():
            continue
        found.append(Recovery(doc_file, meta_file, Path(meta.path) if meta.path else None, meta.saved_at))
    return sorted(found, key=lambda r: -r.saved_at)


def set_aside(folder: Path, meta_file: Path, *files: Path) -> str:
    """Move a recovery pair that cannot be used into the `set-aside` folder, each file under a name
    no other set-aside has: a sentence saying where. If that cannot be done, the metadata is
    removed (so the pair is not met again at every start), the document is left where it is, and
    the sentence says so."""
    stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}"
    try:
        aside = private_folder(folder / SET_ASIDE)
        for f in (meta_file, *files):
            if f.exists():
                _move_new(f, aside, stamp)
    except OSError as e:
        _unlink(meta_file)
        kept = [f for f in files if f.exists()]
        left = f"; the document stays as {printable(kept[0])}" if kept else ""
        return (f"it could not be set aside ({printable(e.strerror or e)}): its metadata was removed, so "
                f"it is not offered again{left}")
    return f"set aside in {printable(aside)}"


def _move_new(file: Path, folder: Path, stamp: str) -> None:
    """`file` into `folder` as `STAMP.NAME`, never over a file there: a hard link made exclusively,
    then the old name removed (a file system without hard links: a rename to a name found free)."""
    for _ in range(100):
        target = folder / f"{stamp}.{file.name}"
        try:
            os.link(file, target, follow_symlinks=False)
        except FileExistsError:
            stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}"
            continue
        except OSError as e:
            if e.errno not in (errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
                raise
            if target.exists() or target.is_symlink():
                stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}"
                continue
            os.rename(file, target)
            return
        file.unlink()
        return
    raise OSError(errno.EEXIST, "no free name")


PIECE_CARS = 2_000  # cars serialized at a time by the writing thread


def document_json_in_pieces(document: Document) -> str:
    """The document as document_to_json saves it (its cars on compact lines), serialized a slice of
    cars at a time: pydantic holds the interpreter lock while it serializes, and a 100,000-car train
    at once would hold the window for over 100 ms whenever the recovery file is written; between two
    slices the window runs."""
    cars = document.consist.cars
    if len(cars) <= PIECE_CARS:
        return document_to_json(document)
    used = {c.type_id for c in cars}
    head = document.model_copy(update={"car_types": tuple(t for t in document.car_types if t.id in used),
                                       "consist": Consist()}).model_dump_json(indent=1, exclude_none=False) + "\n"
    if head.count('"cars": []') != 1:
        return document_to_json(document)  # (no other field is named so; if one ever is, at once)
    at = head.index('"cars": []')
    parts = [head[:at], '"cars": [']
    empty = Consist()
    for i in range(0, len(cars), PIECE_CARS):
        piece = empty.model_copy(update={"cars": cars[i:i + PIECE_CARS]}).model_dump_json(exclude_none=False)
        parts += [",\n"] if i else []
        parts.append(piece[len('{"cars":['):-2])  # '{"cars":[...]}' less its brackets
    parts += ["]", head[at + len('"cars": []'):]]
    return "".join(parts)  # one copy of the text, the only long hold of the lock left


class Autosave(QObject):
    failed = Signal(str)  # a write failed: why (emitted from the writing thread, delivered queued)

    def __init__(self, holder: DocumentHolder, folder: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.holder = holder
        self.folder = folder or recovery_dir()
        stem = f"recovery-{os.getpid()}-{id(holder):x}"
        self.document_file = self.folder / f"{stem}.consist.json"
        self.meta_file = self.folder / f"{stem}.meta.json"
        self.error: str | None = None
        self._writer: threading.Thread | None = None
        self._period = QTimer(self)
        self._period.timeout.connect(self.save_now)
        self._period.start(PERIOD_MS)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.save_now)
        holder.changed.connect(self._pause.start)

    def save_now(self) -> None:
        """Start writing the recovery file (or remove it when nothing is unsaved); `wait` waits for it."""
        if not self.holder.is_modified:
            self.remove()
            return
        if self._writer is not None and self._writer.is_alive():
            self._pause.start()  # a write is under way: this state is written once it is done
            return
        # Read on this thread: the document snapshot is immutable, the holder is not.
        document, path = self.holder.document, self.holder.path
        self._writer = threading.Thread(target=self._write, args=(document, path), name="autosave", daemon=True)
        self._writer.start()

    def _write(self, document: Document, path: Path | None) -> None:
        try:
            private_folder(self.folder)
            write_file(self.document_file, document_json_in_pieces(document), private=True)
            meta = RecoveryMeta(pid=os.getpid(), path=str(path) if path else None, saved_at=time.time())
            write_file(self.meta_file, meta.model_dump_json(), private=True)
            self.error = None
        except (TraintoolError, OSError) as e:
            # Never raised at the user mid-edit: the window shows it in the status bar (and once in a dialog).
            self.error = f"Autosave failed: {e}" if isinstance(e, TraintoolError) else f"Autosave failed: {self.folder}: {e.strerror or e}"
            self.failed.emit(self.error)

    def wait(self) -> None:
        if self._writer is not None:
            self._writer.join()

    def remove(self) -> None:
        self.wait()  # a write still under way would bring the file back
        _unlink(self.document_file, self.meta_file)
