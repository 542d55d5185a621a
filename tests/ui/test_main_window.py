"""The main window: title and status bar, files (open, save, revert, recent, drop), the unsaved-changes prompt, settings."""
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from traintool.io import load_document, sample_paths, save_document
from traintool.ui.app.main_window import MainWindow
from traintool.ui.common.preferences import Preferences
from traintool.units import UnitSystem
from conftest import REPORT_WAIT_MS

SAVE, DISCARD, CANCEL = QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Discard, \
    QMessageBox.StandardButton.Cancel


def delete_a_car(window) -> None:
    window.holder.set_selection([5])
    window.commands.delete.trigger()


def test_opens_on_the_armored_train(window):
    assert len(window.holder.document.consist.cars) == 90
    assert "armored train" in window.windowTitle().lower() and not window.isWindowModified()
    status = window.stats_label.text()
    assert "90 cars" in status and "50 km/h" in status and "2,258 m" in status and " t " in status
    assert "3 locomotives" in status and "1 helicopter car" in status


def test_title_marks_unsaved_changes_and_status_follows_edits(window):
    delete_a_car(window)
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    assert "89 cars" in window.stats_label.text()
    window.undo_stack.undo()
    assert not window.isWindowModified() and "90 cars" in window.stats_label.text()


def test_units_menu_switches_and_persists(window, settings_file):
    window.commands.unit_actions[UnitSystem.IMPERIAL].trigger()
    assert "31 mph" in window.stats_label.text() and "ft" in window.stats_label.text()
    again = Preferences(QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert again.units is UnitSystem.IMPERIAL


def test_open_a_bad_file_says_why_and_keeps_the_document(window, tmp_path):
    before = window.holder.document
    bad = tmp_path / "bad.consist.json"
    bad.write_text('{"format": "traintool.consist", "version": 1, "consist": {"cars": [{"type_id": "nope"}]}}')
    assert not window.file.open_path(str(bad))
    assert str(bad) in window.errors[-1] and "consist.cars[0]" in window.errors[-1] and "car 1" in window.errors[-1]
    broken = tmp_path / "broken.consist.json"
    broken.write_text('{"format": "traintool.consist", ')
    for path in (broken, tmp_path, tmp_path / "gone.consist.json"):
        assert not window.file.open_path(str(path))
    assert window.holder.document is before and len(window.errors) == 4
    assert window.undo_stack.count() == 0


def test_open_asks_about_unsaved_changes(window, tmp_path, monkeypatch):
    other = tmp_path / "other.consist.json"
    save_document(window.holder.document.model_copy(update={"name": "Other"}), other)
    delete_a_car(window)
    monkeypatch.setattr(window, "ask_save_changes", lambda: CANCEL)
    assert not window.file.open_path(str(other))
    assert len(window.holder.document.consist.cars) == 89 and window.isWindowModified()
    monkeypatch.setattr(window, "ask_save_changes", lambda: DISCARD)
    assert window.file.open_path(str(other))
    assert window.holder.document.name == "Other" and not window.isWindowModified()
    assert window.holder.path == other and "other.consist.json" in window.windowTitle()
    assert window.undo_stack.count() == 0
    assert str(other.resolve()) in window.preferences.recent_files


def test_save_answer_saves_before_opening(window, tmp_path, monkeypatch):
    mine, other = tmp_path / "mine.consist.json", tmp_path / "other.consist.json"
    save_document(window.holder.document, other)
    delete_a_car(window)
    monkeypatch.setattr(window, "ask_save_changes", lambda: SAVE)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "mine"), ""))
    assert window.file.open_path(str(other))
    assert len(load_document(mine).consist.cars) == 89  # saved (with the suffix added) before opening the other
    assert len(window.holder.document.consist.cars) == 90


def test_close_with_unsaved_changes_cancel_keeps_the_window(qtbot, window, monkeypatch):
    delete_a_car(window)
    asked = []
    monkeypatch.setattr(window, "ask_save_changes", lambda: asked.append(1) or CANCEL)
    assert not window.close()
    assert window.isVisible() and asked == [1]
    monkeypatch.setattr(window, "ask_save_changes", lambda: DISCARD)
    assert window.close()


def test_new_asks_and_gives_an_empty_consist(window, monkeypatch):
    delete_a_car(window)
    monkeypatch.setattr(window, "ask_save_changes", lambda: CANCEL)
    window.commands.new.trigger()
    assert len(window.holder.document.consist.cars) == 89
    monkeypatch.setattr(window, "ask_save_changes", lambda: DISCARD)
    window.commands.new.trigger()
    assert window.holder.document.consist.cars == () and window.holder.path is None
    assert "0 cars" in window.stats_label.text()
    window.layout_view.viewport().repaint()  # the empty view paints its hint


def test_save_and_save_as(window, tmp_path, monkeypatch):
    delete_a_car(window)
    target = tmp_path / "saved"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.commands.save.trigger()  # no path yet: Save asks where
    path = tmp_path / "saved.consist.json"
    assert window.holder.path == path and not window.isWindowModified()
    assert len(load_document(path).consist.cars) == 89
    delete_a_car(window)
    window.commands.save.trigger()
    assert len(load_document(path).consist.cars) == 88 and not window.isWindowModified()
    assert not window.file.save_to(tmp_path / "missing" / "x.consist.json")
    assert window.errors and window.holder.path == path


def test_revert_reloads_the_file(window, tmp_path):
    path = tmp_path / "t.consist.json"
    save_document(window.holder.document, path)
    assert window.file.open_path(str(path))
    assert not window.commands.revert.isEnabled()
    delete_a_car(window)
    assert window.commands.revert.isEnabled()
    window.commands.revert.trigger()
    assert len(window.holder.document.consist.cars) == 90 and not window.isWindowModified()


def test_open_sample_and_recent_menus(window, tmp_path):
    samples = next(a.menu() for a in window.file_menu.actions() if a.menu() and "Sample" in a.text())
    assert len(samples.actions()) == len(sample_paths()) >= 2
    freight = next(a for a in samples.actions() if "freight" in a.text().lower())
    freight.trigger()
    assert "freight" in window.holder.document.name.lower() and window.holder.path is None  # an untitled copy
    recent = window.commands.recent_menu.actions()
    assert recent and "freight" in recent[0].text()
    recent_paths = window.preferences.recent_files
    missing = tmp_path / "gone.consist.json"
    window.preferences.add_recent(str(missing))
    window.commands.recent_menu.actions()[0].trigger()  # a recent file that is gone: said, and dropped from the list
    assert str(missing) not in window.preferences.recent_files and window.preferences.recent_files == recent_paths


def _file_drop(target, path: Path) -> None:
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(target.width() / 2, target.height() / 2)
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(target, QDropEvent(pos, Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))


@pytest.mark.parametrize("on", ["window", "layout"])
def test_drop_a_document_file_to_open_it(qtbot, window, tmp_path, on):
    path = tmp_path / "dropped.consist.json"
    save_document(window.holder.document.model_copy(update={"name": "Dropped"}), path)
    _file_drop(window if on == "window" else window.layout_view.viewport(), path)
    qtbot.waitUntil(lambda: window.holder.document.name == "Dropped")
    assert window.holder.path == path


def test_window_layout_and_recent_files_persist(qtbot, window, preferences, tmp_path, monkeypatch):
    path = tmp_path / "r.consist.json"
    save_document(window.holder.document, path)
    window.file.open_path(str(path))
    window.inspector_dock.hide()
    window.resize(1234, 800)
    assert window.close()
    again = MainWindow(window.holder.document, None, preferences)
    qtbot.addWidget(again)
    again.show()
    assert again._layout_restored and not again.inspector_dock.isVisible()
    assert preferences.settings.value("window/geometry") is not None  # (offscreen, the size is clamped to its screen)
    assert again.preferences.recent_files[0] == str(path.resolve())
    monkeypatch.setattr(again, "ask_save_changes", lambda: DISCARD)


def test_a_screenshot_window_leaves_the_saved_layout_alone(qtbot, preferences):
    from traintool.io import default_document

    w = MainWindow(default_document(), None, preferences, persist_layout=False)
    qtbot.addWidget(w)
    w.show()
    w.close()
    assert preferences.settings.value("window/geometry") is None


def test_export_pdf_from_the_window(window, tmp_path, monkeypatch, qtbot):
    from pypdf import PdfReader

    from traintool.ui.files import export_report

    out = tmp_path / "from-window.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    offered = []
    monkeypatch.setattr(export_report, "_offer_to_open", lambda parent, path: offered.append(path))
    window.preferences.page_size = "letter"
    window.commands.export.trigger()
    qtbot.waitUntil(lambda: offered == [out], timeout=REPORT_WAIT_MS)  # written on a thread of its own
    box = PdfReader(str(out)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_export_pdf_never_suggests_nor_replaces_the_open_document(window, tmp_path, monkeypatch, qtbot):
    # Issue 25: a document called plan.pdf was suggested as its own report's name, and replaced.
    doc_path = tmp_path / "plan.pdf"
    assert window.file.save_to(doc_path)
    before = doc_path.read_bytes()
    suggested = []

    def dialog(parent, caption, start, filters):
        suggested.append(start)
        return str(doc_path), filters  # the user picks the document all the same
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    window.commands.export.trigger()
    qtbot.waitUntil(lambda: bool(window.errors), timeout=REPORT_WAIT_MS)
    assert suggested == [str(tmp_path / "plan report.pdf")]
    assert doc_path.read_bytes() == before and "plan.pdf" in window.errors[0]


def _assert_still_unsaved(window, path, before_file, cars) -> None:
    """The save failed visibly: a dialog naming the file, the title mark kept, nothing lost."""
    assert len(window.errors) == 1 and str(path) in window.errors[0]
    assert window.isWindowModified() and "[*]" in window.windowTitle()
    assert window.holder.path == path and len(window.holder.document.consist.cars) == cars
    assert path.read_bytes() == before_file


def test_saving_to_a_full_disk_says_so_and_the_document_stays_unsaved(window, tmp_path, monkeypatch):
    import errno
    import os

    from traintool.io import files as io_files

    path = tmp_path / "t.consist.json"
    save_document(window.holder.document, path)
    assert window.file.open_path(str(path))
    delete_a_car(window)

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(io_files.os, "fsync", no_space)
    before = path.read_bytes()
    window.commands.save.trigger()
    _assert_still_unsaved(window, path, before, 89)
    assert "No space left on device" in window.errors[0]
    monkeypatch.undo()  # space again: the same document saves
    window.commands.save.trigger()
    assert not window.isWindowModified() and len(load_document(path).consist.cars) == 89


def test_saving_into_a_read_only_folder_says_so_and_the_document_stays_unsaved(window, read_only_folder):
    path = read_only_folder.document
    assert window.file.open_path(str(path))
    delete_a_car(window)
    before = path.read_bytes()
    with read_only_folder.denied():
        window.commands.save.trigger()
    _assert_still_unsaved(window, path, before, 9)
    assert "Permission denied" in window.errors[0]


def test_a_recent_files_entry_that_is_no_list_gives_no_recent_files(tmp_path, qapp):
    # A settings file edited by hand (or by another program): an integer where the list belongs.
    ini = tmp_path / "settings.ini"
    ini.write_text("[General]\nrecent_files=@Variant(\\0\\0\\0\\x2\\0\\0\\0\\x5)\n")
    prefs = Preferences(QSettings(str(ini), QSettings.Format.IniFormat))
    assert prefs.recent_files == []
    prefs.add_recent("/tmp/a.consist.json")
    assert prefs.recent_files == ["/tmp/a.consist.json"]
