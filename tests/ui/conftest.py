import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication, QMessageBox

from traintool.io import default_document
from traintool.ui.main_window import MainWindow
from traintool.ui.preferences import Preferences


@pytest.fixture
def preferences(tmp_path, qapp):
    QStandardPaths.setTestModeEnabled(True)  # autosave writes under ~/.qttest, never the user's data folder
    return Preferences(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, preferences, monkeypatch):
    w = MainWindow(default_document(), None, preferences)
    errors: list[str] = []
    w.errors = errors
    monkeypatch.setattr(w, "show_error", lambda title, message: errors.append(message))
    # A modal prompt would block the test run: by default, closing discards (tests that ask replace it).
    monkeypatch.setattr(w, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.layout_view.fit()
    yield w
    # A QMimeData left on the clipboard is destroyed after Python at exit, which segfaults.
    QApplication.clipboard().clear()
