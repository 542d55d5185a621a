"""Autosave writes a recovery file; a later start finds it once its process is gone; a clean close removes it."""
import json
import subprocess
import sys

from traintool.ui.app.autosave import Autosave, find_recoveries


def test_autosave_and_recovery(window, tmp_path):
    folder = tmp_path / "recovery"
    auto = Autosave(window.holder, folder)
    auto.save_now()
    assert not auto.document_file.exists()  # nothing unsaved, nothing written
    window.holder.set_selection([3])
    window.commands.delete.trigger()
    auto.save_now()
    auto.wait()  # written on a thread of its own
    assert auto.document_file.exists() and auto.meta_file.exists()
    assert find_recoveries(folder) == []  # this process is alive: its files are not a recovery
    # Pretend the process crashed: a PID that is surely gone.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    meta = json.loads(auto.meta_file.read_text())
    auto.meta_file.write_text(json.dumps({**meta, "pid": int(dead.stdout)}))
    (rec,) = find_recoveries(folder)
    assert len(rec.load().consist.cars) == 89
    window.file.restore_recovery(rec.load(), rec.original_path)
    assert len(window.holder.document.consist.cars) == 89 and window.isWindowModified()
    rec.discard()
    assert find_recoveries(folder) == []


def _edit_and_autosave_into(window, folder):
    """Point the window's autosave at `folder`, make an unsaved edit and start its autosave."""
    window.autosave.folder = folder
    window.autosave.document_file = folder / "r.consist.json"
    window.autosave.meta_file = folder / "r.meta.json"
    window.holder.set_selection([3])
    window.commands.delete.trigger()
    window.autosave.save_now()


def test_clean_close_removes_the_recovery_file(window, tmp_path):
    _edit_and_autosave_into(window, tmp_path)
    window.autosave.wait()
    assert window.autosave.document_file.exists()
    window.close()  # the fixture answers "Discard"
    assert not window.autosave.document_file.exists()


def test_a_clean_close_during_a_write_leaves_no_recovery_file(window, tmp_path):
    _edit_and_autosave_into(window, tmp_path)  # not waited for: the close comes while it may still be writing
    window.close()
    assert list(tmp_path.iterdir()) == []


def test_a_long_train_s_recovery_file_written_in_pieces_loads_back_as_the_document(tmp_path, monkeypatch):
    """The cars are serialized a slice at a time (the window runs in between); the file is the document."""
    from traintool.io import default_document, document_to_json, load_document
    from traintool.model import Consist
    from traintool.ui.app import autosave

    doc = default_document()
    long = doc.model_copy(update={"consist": Consist(cars=doc.consist.cars * 7), "name": 'A "cars": [] name'})
    monkeypatch.setattr(autosave, "PIECE_CARS", 50)
    for k, document in enumerate((doc, long, long.model_copy(update={"consist": Consist(cars=long.consist.cars[:100])}))):
        (tmp_path / f"{k}.consist.json").write_text(autosave.document_json_in_pieces(document))
        (tmp_path / f"{k}-whole.consist.json").write_text(document_to_json(document))
        assert load_document(tmp_path / f"{k}.consist.json") == load_document(tmp_path / f"{k}-whole.consist.json")
    assert len(load_document(tmp_path / "1.consist.json").consist.cars) == len(doc.consist.cars) * 7 > 150
