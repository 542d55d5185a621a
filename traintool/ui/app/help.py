"""Help > About, Keyboard Shortcuts and the user guide (F1): one small dialog showing rich text.

The shortcuts are listed from the window's own actions, so the list cannot go out of date; the
guide is resources/guide.html, shipped with the package.
"""
from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QMenu, QMenuBar, QTextBrowser, QVBoxLayout, QWidget

from ... import __version__
from ...app_paths import resources_dir
from ...text import escaped as escape

GUIDE = "guide.html"
LICENCE = "MIT"


class HelpDialog(QDialog):
    """A window of text with a Close button; links open in the user's browser."""

    def __init__(self, title: str, html: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 560)


def menu_entries(menubar: QMenuBar) -> list[tuple[str, QAction]]:
    """Every action of the menu bar with its menu path ("Edit", "File > Open Sample"), in menu order."""
    out: list[tuple[str, QAction]] = []

    def walk(path: str, actions: Iterable[QAction]) -> None:
        for a in actions:
            menu = a.menu()
            if isinstance(menu, QMenu):
                walk(f"{path} > {_plain(a.text())}" if path else _plain(a.text()), menu.actions())
            elif not a.isSeparator():
                out.append((path, a))
    walk("", menubar.actions())
    return out


def _typed(seq: QKeySequence) -> bool:
    """A sequence typed on an ordinary keyboard: not a dedicated key (Open, Save, Help, Zoom In…) that
    the standard keys add for keyboards that have one, and that would only clutter the list."""
    combos = [seq[i] for i in range(seq.count())]  # type: ignore[index]  # PySide6's stubs lack __getitem__
    return bool(combos) and all(c.key().value < Qt.Key.Key_Help.value for c in combos)


def _plain(text: str) -> str:
    """A menu text without its mnemonic marks ("Save &As…" -> "Save As…")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


# The layout's own keys and mouse (layout_view.py): no menu has them.
LAYOUT_KEYS = [("Select the car to the left or right", "←, →"), ("Select the car above or below", "↑, ↓"),
               ("Select the first or last car", "Home, End"), ("Extend the selection", "Shift+←, →, ↑, ↓, Home, End"),
               ("Fit the whole train", "F"), ("Zoom in or out", "Ctrl+wheel")]
COMMAND = "command"  # an action's property: its name in the list, where its text changes (Undo Set dwell at…)


def shortcuts_html(menubar: QMenuBar) -> str:
    """A table of every menu action that has a shortcut, with all its keys as this platform writes them,
    and the layout's own keys."""
    rows = []
    for path, action in menu_entries(menubar):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if _typed(k)]
        if keys:
            name = action.property(COMMAND) or _plain(action.text())
            rows.append(f"<tr><td>{escape(path)}</td><td>{escape(name)}</td>"
                        f"<td><b>{escape(', '.join(keys))}</b></td></tr>")
    rows += [f"<tr><td>In the layout</td><td>{escape(what)}</td><td><b>{escape(keys)}</b></td></tr>"
             for what, keys in LAYOUT_KEYS]
    return ("<h2>Keyboard shortcuts</h2><table cellpadding='4'>"
            "<tr><th align='left'>Menu</th><th align='left'>Command</th><th align='left'>Keys</th></tr>"
            + "".join(rows) + "</table>")


def about_html(car_types, routes) -> str:
    """The version, the licence and where the shipped data comes from."""
    sources = sorted({t.source for t in car_types if t.source})
    route_items = "".join(f"<li><b>{escape(r.name)}</b>: {escape(r.source or 'no source given')}</li>" for r in routes)
    return (f"<h2>traintool {escape(__version__)}</h2>"
            "<p>A desktop train consist explorer: build a train car by car, read its trip time and its "
            "break-of-gauge delays.</p>"
            f"<p>Licence: <b>{LICENCE}</b> (the LICENSE file that comes with traintool).</p>"
            "<h3>Where the data comes from</h3>"
            f"<p><b>Car types</b>: the catalogue's {len(car_types)} car types draw on {len(sources)} sources; "
            "each type names its own, in the catalogue's tooltip, the inspector's type tooltip and the PDF "
            "report. Figures no source states are marked as estimates and given a range.</p>"
            f"<p><b>Routes</b>:</p><ul>{route_items}</ul>"
            "<p>Refit facilities: estimates tuned to travellers' accounts of bogie exchange at Brest, Chop and "
            "Yahodyn; each facility's source is in its route file and the report.</p>")


def guide_html() -> str:
    """The user guide shipped with the package (resources/guide.html)."""
    path = resources_dir() / GUIDE
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        return f"<p>The guide could not be read: {escape(str(path))}: {escape(e.strerror or str(e))}</p>"


class HelpWindows:
    """The guide, the keyboard shortcuts and About for one window: one at a time, not modal, so that
    the user can read it and work."""

    def __init__(self, window: QMainWindow):
        self.window = window
        self.dialog: HelpDialog | None = None  # the one shown

    def _show(self, title: str, html: str) -> None:
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = HelpDialog(title, html, self.window)
        self.dialog.show()

    def show_guide(self) -> None:
        self._show("traintool guide", guide_html())

    def show_shortcuts(self) -> None:
        self._show("Keyboard shortcuts", shortcuts_html(self.window.menuBar()))

    def show_about(self) -> None:
        from ... import io

        self._show("About traintool", about_html(io.catalogue(), list(io.shipped_routes().values())))
