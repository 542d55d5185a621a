"""A recovery that cannot be used is set aside once, with a note, and never offered again; set-asides
never replace one another; one that cannot be made says so (and keeps the document)."""
import json
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from traintool.io import save_document
from traintool.model import FILE_VERSION
from traintool.ui.app import app, autosave
from traintool.ui.common import plain


@pytest.fixture
def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _pair(folder, pid, document_text: str, stem: str = "recovery-1-1"):
    (folder / f"{stem}.meta.json").write_text(json.dumps({"pid": pid, "path": None, "saved_at": 1_700_000_000}))
    (folder / f"{stem}.consist.json").write_text(document_text)


@pytest.fixture
def recovery(tmp_path, monkeypatch):
    folder = tmp_path / "recovery"
    folder.mkdir(mode=0o700)
    monkeypatch.setattr(autosave, "recovery_dir", lambda: folder)
    return folder


def _newer(document) -> str:
    data = json.loads(document.model_dump_json())
    data["version"] = FILE_VERSION + 1
    return json.dumps(data)


@pytest.mark.parametrize("kind", ["broken", "newer"])
def test_a_recovery_that_cannot_be_loaded_is_offered_once_then_set_aside(window, recovery, dead_pid, monkeypatch, kind):
    text = "{ not json" if kind == "broken" else _newer(window.holder.document)
    _pair(recovery, dead_pid, text)
    asked = []
    monkeypatch.setattr(plain, "ask", lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Yes)
    app.offer_recovery(window)
    assert asked == ["Recover unsaved work?"]
    (said,) = window.errors
    assert ("newer traintool" if kind == "newer" else "recovery-1-1.consist.json") in said
    assert "set aside in" in said
    kept = sorted(p.name for p in (recovery / "set-aside").iterdir())
    assert len(kept) == 2 and kept[0].endswith("recovery-1-1.consist.json") and kept[1].endswith(".meta.json")
    assert not list(recovery.glob("recovery-*"))
    asked.clear()
    window.errors.clear()
    app.offer_recovery(window)  # the next start: never offered again, nothing to say
    assert asked == [] and window.errors == []


def test_set_asides_of_the_same_name_never_replace_one_another(recovery, dead_pid, small_document):
    texts = ["first broken", "second broken"]
    for text in texts:
        _pair(recovery, dead_pid, text)
        (recovery / "recovery-1-1.meta.json").write_text('{"pid": -1}')  # broken metadata: set aside at once
        notes: list[str] = []
        assert autosave.find_recoveries(notes=notes) == []
        assert len(notes) == 1 and "set aside in" in notes[0]
    documents = sorted((recovery / "set-aside").glob("*.recovery-1-1.consist.json"))
    assert sorted(p.read_text() for p in documents) == sorted(texts)
    assert len(list((recovery / "set-aside").glob("*.recovery-1-1.meta.json"))) == 2


def test_a_set_aside_that_cannot_be_made_says_so_and_keeps_the_document(recovery, small_document):
    (recovery / "set-aside").write_text("a file where the folder should be")
    (recovery / "recovery-1-1.meta.json").write_text('{"pid": -1}')
    save_document(small_document, recovery / "recovery-1-1.consist.json")
    notes: list[str] = []
    assert autosave.find_recoveries(notes=notes) == []
    (note,) = notes
    assert "could not be set aside" in note and "set aside in" not in note
    assert "recovery-1-1.consist.json" in note  # where the document stays
    assert (recovery / "recovery-1-1.consist.json").exists()
    assert not (recovery / "recovery-1-1.meta.json").exists()
    notes.clear()
    assert autosave.find_recoveries(notes=notes) == [] and notes == []  # not met again
