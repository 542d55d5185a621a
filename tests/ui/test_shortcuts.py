"""Every shortcut of the window works on every platform: no key two actions share, standard keys expanded
as Qt expands them on Windows, X11 (KDE, GNOME) and macOS."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from traintool.ui.app import shortcuts

S = QKeySequence.StandardKey
WIN, X11, KDE, GNOME, MAC = 1, 2, 4, 8, 16
ALL = WIN | X11 | KDE | GNOME | MAC
# The schemes as Qt selects rows for them (a KDE or GNOME desktop also takes the X11 rows).
SCHEMES = {"windows": WIN, "x11": X11, "kde": KDE | X11, "gnome": GNOME | X11, "macos": MAC}

# Qt's table of standard key bindings (qtbase src/gui/kernel/qplatformtheme.cpp), the rows of the keys a
# window menu may use: (key, priority, sequence, platforms). The first binding of a key is its priority-1 row.
ROWS = [
    (S.HelpContents, 1, "Ctrl+?", MAC), (S.HelpContents, 0, "F1", WIN | X11), (S.HelpContents, 0, "Help", ALL),
    (S.WhatsThis, 1, "Shift+F1", ALL),
    (S.Open, 1, "Ctrl+O", ALL), (S.Open, 0, "Open", ALL),
    (S.Close, 0, "Ctrl+F4", MAC), (S.Close, 1, "Ctrl+F4", WIN), (S.Close, 1, "Ctrl+W", MAC),
    (S.Close, 0, "Ctrl+W", WIN | X11), (S.Close, 0, "Close", ALL),
    (S.Save, 1, "Ctrl+S", ALL), (S.Save, 0, "Save", ALL),
    (S.SaveAs, 1, "Ctrl+Shift+S", ALL), (S.SaveAs, 0, "Shift+Save", ALL),
    (S.New, 1, "Ctrl+N", ALL), (S.New, 0, "New", ALL),
    (S.Delete, 0, "Ctrl+D", X11), (S.Delete, 1, "Del", ALL), (S.Delete, 0, "Meta+D", MAC),
    (S.Cut, 1, "Ctrl+X", ALL), (S.Cut, 0, "Shift+Del", WIN | X11), (S.Cut, 0, "F20", X11), (S.Cut, 0, "Meta+K", MAC),
    (S.Cut, 0, "Cut", ALL),
    (S.Copy, 0, "Ctrl+Ins", X11 | WIN), (S.Copy, 1, "Ctrl+C", ALL), (S.Copy, 0, "F16", X11), (S.Copy, 0, "Copy", ALL),
    (S.Paste, 0, "Ctrl+Shift+Ins", X11), (S.Paste, 1, "Ctrl+V", ALL), (S.Paste, 0, "Shift+Ins", WIN | X11),
    (S.Paste, 0, "F18", X11), (S.Paste, 0, "Meta+Y", MAC), (S.Paste, 0, "Paste", ALL),
    (S.Undo, 0, "Alt+Backspace", WIN), (S.Undo, 1, "Ctrl+Z", ALL), (S.Undo, 0, "F14", X11), (S.Undo, 0, "Undo", ALL),
    (S.Redo, 0, "Alt+Shift+Backspace", WIN), (S.Redo, 0, "Ctrl+Shift+Z", ALL), (S.Redo, 1, "Ctrl+Y", WIN),
    (S.Redo, 0, "Redo", ALL),
    (S.Refresh, 1, "Ctrl+R", GNOME | MAC), (S.Refresh, 0, "F5", WIN | X11), (S.Refresh, 0, "Refresh", ALL),
    (S.ZoomIn, 1, "Ctrl++", ALL), (S.ZoomIn, 0, "Zoom In", ALL),
    (S.ZoomOut, 1, "Ctrl+-", ALL), (S.ZoomOut, 0, "Zoom Out", ALL),
    (S.Print, 1, "Ctrl+P", ALL),
    (S.Find, 0, "Ctrl+F", ALL), (S.Find, 0, "Find", ALL),
    (S.SelectAll, 1, "Ctrl+A", ALL),
    (S.Preferences, 0, "Ctrl+,", MAC),
    (S.Quit, 0, "Ctrl+Q", X11 | MAC), (S.Quit, 0, "Exit", X11 | MAC),
]
KEYS = {row[0] for row in ROWS}


def bindings_on(scheme: int):
    def bindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:
        assert key in KEYS, f"{key.name}: add Qt's rows for this standard key to ROWS"
        rows = [r for r in ROWS if r[0] == key and r[3] & scheme]
        firsts = [QKeySequence(r[2]) for r in rows if r[1] == 1][-1:]  # Qt prepends priority rows: the last one leads
        return firsts + [QKeySequence(r[2]) for r in rows if QKeySequence(r[2]) not in firsts]
    return bindings


def names(seqs) -> set[str]:
    return {s.toString() for s in seqs}


def menu_actions(window):
    """Every action reachable from the menu bar, submenus included."""
    out, todo = [], list(window.menuBar().actions())
    while todo:
        a = todo.pop()
        if a.menu() is not None:
            todo += a.menu().actions()
        elif not a.isSeparator():
            out.append(a)
    return out


def test_the_table_is_qts_for_this_platform(qapp):
    """The rows above give what Qt gives here for one of the schemes (the offscreen platform uses Windows')."""
    live = {k: names(QKeySequence.keyBindings(k)) for k in KEYS}
    matching = [s for s, bits in SCHEMES.items() if all(names(bindings_on(bits)(k)) == live[k] for k in KEYS)]
    assert matching, {k.name: (sorted(v), sorted(names(bindings_on(WIN)(k)))) for k, v in live.items()
                      if v != names(bindings_on(WIN)(k))}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_two_menu_actions_share_a_key_on_any_platform(window, scheme):
    actions = menu_actions(window)
    assert window.commands.duplicate in actions and window.commands.delete in actions
    unknown = [a.text() for a in actions if a.shortcuts() and a not in window.commands.shortcut_specs]
    assert not unknown, f"shortcuts set around _shortcuts, not checked here: {unknown}"
    given = shortcuts.assign({a: window.commands.shortcut_specs[a] for a in actions if a in window.commands.shortcut_specs},
                             bindings_on(SCHEMES[scheme]))
    owner: dict[str, str] = {}
    for action, seqs in given.items():
        for s in seqs:
            assert owner.setdefault(s.toString(), action.text()) == action.text(), \
                f"{scheme}: {s.toString()} is both {owner[s.toString()]} and {action.text()}"
    # Duplicate is Ctrl+D everywhere, Delete keeps Del; X11's extra Ctrl+D for Delete is left out.
    assert "Ctrl+D" in names(given[window.commands.duplicate])
    assert "Del" in names(given[window.commands.delete]) and "Ctrl+D" not in names(given[window.commands.delete])


def test_the_window_uses_the_settled_shortcuts_of_this_platform(window):
    settled = shortcuts.assign(window.commands.shortcut_specs)
    for action, seqs in settled.items():
        assert names(action.shortcuts()) == names(seqs), action.text()


def test_an_extra_binding_claimed_by_another_action_is_dropped_not_the_first():
    from PySide6.QtGui import QAction

    a, b = QAction("Delete"), QAction("Duplicate")
    x11 = bindings_on(X11)
    got = shortcuts.assign({a: (S.Delete,), b: ("Ctrl+D",)}, x11)
    assert names(got[a]) == {"Del"} and names(got[b]) == {"Ctrl+D"}
    got = shortcuts.assign({a: (S.Delete,)}, x11)  # alone, Delete keeps its X11 extra
    assert names(got[a]) == {"Del", "Ctrl+D"}
    clash = shortcuts.assign({a: (S.Delete,), b: ("Del",)}, x11)  # a first binding is never dropped: a real clash
    assert "Del" in names(clash[a]) and "Del" in names(clash[b])


def test_ctrl_d_duplicates_the_selection(qtbot, window):
    """Under Xvfb (QT_QPA_PLATFORM=xcb) this is the X11 scheme, where Ctrl+D was ambiguous and did nothing."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.holder.set_selection([5])
    window.layout_view.setFocus()
    qtbot.keyClick(window.layout_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert len(window.holder.document.consist.cars) == 91
    assert window.holder.document.consist.cars[6].type_id == window.holder.document.consist.cars[5].type_id
