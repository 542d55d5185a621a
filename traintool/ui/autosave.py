"""Autosave and recovery: unsaved work is written to a recovery file; after a crash, the next start offers it.

The recovery file is saved every minute, and a few seconds after an edit once the user pauses.
A clean close removes it. Files of a process that is still running are left alone. The writing
happens on a thread of its own: a 100,000-car document is 20 MB, and the window must not wait.
"""
from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from ..app_paths import recovery_dir
from ..errors import TraintoolError
from ..io import atomic_write, document_to_json, load_document
from ..model import Document
from .document_holder import DocumentHolder

PERIOD_MS = 60_000
PAUSE_MS = 5_000


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


def find_recoveries(folder: Path | None = None) -> list[Recovery]:
    """Recovery files left by traintool processes that are gone (crashed), newest first."""
    folder = folder or recovery_dir()
    found = []
    for meta in folder.glob("*.meta.json"):
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            pid = int(info["pid"])
            doc_file = meta.with_name(meta.name.replace(".meta.json", ".consist.json"))
            if _alive(pid) or not doc_file.is_file():
                continue
            original = Path(info["path"]) if info.get("path") else None
            found.append(Recovery(doc_file, meta, original, float(info.get("saved_at", 0))))
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a broken meta file is not a recovery
    return sorted(found, key=lambda r: -r.saved_at)


class Autosave(QObject):
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
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self.document_file, document_to_json(document), backup=False)
            meta = {"pid": os.getpid(), "path": str(path) if path else None, "saved_at": time.time()}
            atomic_write(self.meta_file, json.dumps(meta), backup=False)
            self.error = None
        except (TraintoolError, OSError) as e:
            self.error = str(e)  # autosave must never interrupt the user; the status bar can say so

    def wait(self) -> None:
        if self._writer is not None:
            self._writer.join()

    def remove(self) -> None:
        self.wait()  # a write still under way would bring the file back
        _unlink(self.document_file, self.meta_file)
