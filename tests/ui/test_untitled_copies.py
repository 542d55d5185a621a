"""The shipped samples and the default train open as untitled copies: the title says "(copy)" and no shipped
path, Save asks where (in the user's documents folder), Export suggests that folder; the shipped file is never
written."""
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from traintool.app_paths import resources_dir
from traintool.io import default_document, default_document_path, sample_paths
from traintool.model import edits
from traintool.ui.app.document_file import documents_dir
from traintool.ui.app.main_window import MainWindow


@pytest.fixture
def asked(monkeypatch):
    """Every save dialog's suggested path, answered with what `asked.answer` holds ("" cancels)."""
    class Asked:
        starts: list[str] = []
        answer = ""
    a = Asked()
    a.starts = []

    def dialog(_parent, _caption, start, _filter):
        a.starts.append(start)
        return a.answer, ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return a


@pytest.fixture
def shipped_window(qtbot, preferences, monkeypatch):
    """A window on the default train, opened as the app opens it (from its shipped file)."""
    w = MainWindow(default_document(), default_document_path(), preferences)
    w.errors = []
    monkeypatch.setattr(w, "show_error", lambda title, message: w.errors.append(message))
    monkeypatch.setattr(w, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    qtbot.addWidget(w)
    return w


def shipped_bytes() -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sample_paths().values()}


def test_the_default_train_is_an_untitled_copy(shipped_window, asked, tmp_path):
    w, before = shipped_window, shipped_bytes()
    assert w.holder.path is None and w.file.disk_state is None
    title = w.windowTitle()
    assert title.startswith("Kim Jong Un's armored train (copy)") and str(resources_dir()) not in title
    assert "samples" not in title and not w.commands.revert.isEnabled()
    w.holder.edit(edits.delete_cars, [3])
    assert not w.file.save()  # Save asks where; cancelled, nothing written
    assert asked.starts == [str(documents_dir() / "Kim Jong Un's armored train (copy).consist.json")]
    asked.answer = str(tmp_path / "mine.consist.json")
    assert w.file.save()
    assert w.holder.path == tmp_path / "mine.consist.json" and "(copy)" not in w.windowTitle()
    assert shipped_bytes() == before


def test_a_sample_opened_from_the_menu_or_by_path_is_an_untitled_copy(shipped_window, asked):
    w, before = shipped_window, shipped_bytes()
    samples = next(a.menu() for a in w.file_menu.actions() if a.menu() and "Sample" in a.text())
    next(a for a in samples.actions() if "freight" in a.text().lower()).trigger()
    assert w.holder.path is None and "(copy)" in w.windowTitle() and "freight" in w.windowTitle().lower()
    assert "resources" not in w.windowTitle()
    for path in sample_paths().values():
        assert w.file.open_path(str(path)) and w.holder.path is None and "(copy)" in w.windowTitle()
        w.holder.edit(edits.delete_cars, [0])
        assert not w.file.save() and asked.starts[-1].startswith(str(documents_dir()))
    assert shipped_bytes() == before


def test_a_file_of_the_users_keeps_its_path(shipped_window, tmp_path):
    from traintool.io import save_document

    mine = tmp_path / "mine.consist.json"
    save_document(default_document(), mine)
    assert shipped_window.file.open_path(str(mine))
    assert shipped_window.holder.path == mine and "(copy)" not in shipped_window.windowTitle()
    assert str(mine) in shipped_window.windowTitle()


def test_export_suggests_the_documents_folder(qtbot, shipped_window, asked):
    shipped_window.show()
    qtbot.waitUntil(lambda: shipped_window.trip_computer.result is not None)
    shipped_window.commands.export.trigger()  # cancelled: nothing written
    assert asked.starts == [str(documents_dir() / "Kim Jong Un's armored train (copy).pdf")]


def test_the_app_opens_the_default_train_from_its_shipped_file():
    from traintool.ui.app.app import _load_first

    document, path, error, _state = _load_first(None)
    assert error is None and path == default_document_path() and document == default_document()
