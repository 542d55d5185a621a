"""Help: the guide (F1) shipped with the package, the keyboard shortcuts listed from the window's own
actions, and About with the version, the licence and the data's sources."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import traintool
from traintool.app_paths import resources_dir
from traintool.io import catalogue, shipped_routes
from traintool.ui.app.help import menu_entries


# Keys some keyboards have for a command of their own, which the standard keys add.
DEDICATED = {"New", "Open", "Save", "Shift+Save", "Close", "Undo", "Redo", "Cut", "Copy", "Paste", "Zoom In",
             "Zoom Out", "Help", "Exit", "Refresh", "Find", "Print"}


def shown_text(window) -> str:
    assert window.help.dialog is not None and window.help.dialog.isVisible()
    return window.help.dialog.browser.toPlainText()


def test_the_help_menu_holds_the_guide_the_shortcuts_and_about(window):
    texts = [a.text() for a in window.help_menu.actions() if not a.isSeparator()]
    assert texts == ["traintool &Guide", "&Keyboard Shortcuts", "&About traintool"]
    assert window.menuBar().actions()[-1].menu() is window.help_menu


def test_f1_opens_the_shipped_guide(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.layout_view, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help.dialog is not None and window.help.dialog.isVisible())
    text = shown_text(window)
    assert "traintool: a short guide" in text and "break of gauge" in text and "Ctrl+D" in text
    assert (resources_dir() / "guide.html").is_file()


def test_the_shortcuts_list_every_action_with_keys(window):
    window.commands.shortcuts.trigger()
    text = shown_text(window)
    with_keys = [(path, a) for path, a in menu_entries(window.menuBar()) if a.shortcuts()]
    assert len(with_keys) >= 15
    for path, action in with_keys:
        name = action.text().replace("&", "")
        assert name in text, name
        typed = [k.toString() for k in action.shortcuts() if k.toString() not in DEDICATED]
        assert typed, name
        for key in typed:
            assert key in text, (name, key)
    assert "Duplicate" in text and "Ctrl+D" in text and "Undo" in text
    # The dedicated keys some keyboards have (Open, Save, Zoom In) are left out of the list.
    assert not any(line.endswith((", Open", ", Save", ", Zoom In", ", Shift+Save")) for line in text.splitlines())


def test_the_shortcuts_follow_a_changed_action(window):
    window.commands.reverse.setShortcut("Ctrl+Shift+R")  # a new key shows without anyone editing a list
    window.commands.shortcuts.trigger()
    assert "Reverse Order" in shown_text(window) and "Ctrl+Shift+R" in shown_text(window)


def test_about_gives_the_version_the_licence_and_the_sources(window):
    window.commands.about.trigger()
    text = shown_text(window)
    assert f"traintool {traintool.__version__}" in text and "Licence: MIT" in text
    assert f"{len(catalogue())} car types" in text
    for route in shipped_routes().values():
        assert route.name in text and route.source[:60] in text
    window.commands.guide.trigger()  # one help window at a time
    assert "short guide" in shown_text(window)
    assert sum(1 for w in QApplication.topLevelWidgets() if w.isVisible() and w.parent() is window) == 1


def test_the_guide_ships_in_the_wheel_config():
    import tomllib
    from pathlib import Path

    data = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    patterns = data["tool"]["setuptools"]["package-data"]["traintool.resources"]
    assert "*.html" in patterns
