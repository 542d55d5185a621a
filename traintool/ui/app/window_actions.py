"""The window's commands: each a QAction with its shortcuts (clashes settled by shortcuts.apply),
placed in the menus, in the train's area (the keys that change or select cars act only with the
focus there) and in the layout's right-click menu."""
from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMenu, QWidget

from ... import io  # a lazy package: nothing is loaded until a name of it is used
from ...units import UnitSystem
from ..common.preferences import Preferences
from . import shortcuts
from .car_editing import CarEditing
from .document_file import DocumentFile
from .help import HelpWindows

if TYPE_CHECKING:
    from ..files.data_menu import DataActions
    from ..train.layout_view import LayoutView


class WindowActions:
    def __init__(self, window: QMainWindow, *, file: DocumentFile, cars: CarEditing, help: HelpWindows,
                 undo_stack: QUndoStack, layout_view: LayoutView, train_area: QWidget,
                 new_window: Callable[[], Any], export_pdf: Callable[[], Any]):
        from ..common.input_guard import finish_edit

        self.window, self._finish_edit = window, finish_edit
        S = QKeySequence.StandardKey
        self.shortcut_specs: dict[QAction, tuple] = {}  # each action's shortcuts as asked (tests check them on every platform)
        self._settled = False  # until the end of __init__: each action alone, then all at once
        self.new = self.action("&New", file.new_document, S.New)
        self.open = self.action("&Open…", file.open_dialog, S.Open)
        self.save = self.action("&Save", file.save, S.Save)
        self.save_as = self.action("Save &As…", file.save_as, S.SaveAs)
        self.revert = self.action("&Revert", file.revert)
        self.new_window = self.action("New &Window", new_window, "Ctrl+Shift+N",
                                      "Open the armored train in a window of its own")
        self.close = self.action("&Close Window", window.close, S.Close)
        # Quit closes every window; a window whose changes the user keeps (Cancel) stops it.
        self.quit = self.action("&Quit", lambda: QApplication.closeAllWindows(), S.Quit)
        self.export = self.action("&Export PDF…", export_pdf, "Ctrl+E")
        self.undo = self.action("&Undo", undo_stack.undo, S.Undo)
        self.redo = self.action("&Redo", undo_stack.redo)
        self.set_shortcuts(self.redo, "Ctrl+Shift+Z", "Ctrl+Y")
        # Named for the step they undo or redo, enabled when there is one (as QUndoStack's own actions).
        for a, word, can, text in ((self.undo, "&Undo", undo_stack.canUndo, undo_stack.undoText),
                                   (self.redo, "&Redo", undo_stack.canRedo, undo_stack.redoText)):
            a.setEnabled(can())
            a.setText(f"{word} {text()}".strip())
        self.undo.setProperty("command", "Undo")  # its name in Help > Keyboard Shortcuts (help.COMMAND)
        self.redo.setProperty("command", "Redo")
        undo_stack.canUndoChanged.connect(self.undo.setEnabled)
        undo_stack.canRedoChanged.connect(self.redo.setEnabled)
        undo_stack.undoTextChanged.connect(lambda t: self.undo.setText(f"&Undo {t}".strip()))
        undo_stack.redoTextChanged.connect(lambda t: self.redo.setText(f"&Redo {t}".strip()))
        self.cut = self.action("Cu&t", cars.cut, S.Cut)
        self.copy = self.action("&Copy", cars.copy, S.Copy)
        self.paste = self.action("&Paste", cars.paste, S.Paste)
        self.duplicate = self.action("D&uplicate", cars.duplicate, "Ctrl+D")  # wins over X11's Delete extra Ctrl+D
        self.delete = self.action("&Delete", cars.delete, S.Delete)
        self.select_all = self.action("Select &All", cars.select_all, S.SelectAll)
        self.left = self.action("Move &Left", lambda: cars.shift(-1), "Alt+Left")
        self.right = self.action("Move &Right", lambda: cars.shift(1), "Alt+Right")
        self.reverse = self.action("Re&verse Order", cars.reverse)
        self.zoom_in = self.action("Zoom &In", layout_view.zoom_in, S.ZoomIn)
        self.set_shortcuts(self.zoom_in, S.ZoomIn, "Ctrl+=")
        self.zoom_out = self.action("Zoom &Out", layout_view.zoom_out, S.ZoomOut)
        self.fit = self.action("&Fit Whole Train", layout_view.fit, "Ctrl+0")
        self.guide = self.action("traintool &Guide", help.show_guide, S.HelpContents, "A short guide to the window")
        self.shortcuts = self.action("&Keyboard Shortcuts", help.show_shortcuts)
        self.about = self.action("&About traintool", help.show_about)
        self._settled = True
        shortcuts.apply(self.shortcut_specs)  # clashes settled (X11's Delete gives Ctrl+D up to Duplicate)
        for a in self.on_cars:
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            train_area.addAction(a)
        for a in (self.zoom_in, self.zoom_out, self.fit):  # harmless anywhere in the window
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(a)
        # The layout view's right-click menu.
        layout_view.addActions([self.cut, self.copy, self.paste, self.duplicate, self.delete])
        sep = QAction(window)
        sep.setSeparator(True)
        layout_view.addActions([sep, self.left, self.right, self.reverse])
        self.recent_menu: QMenu | None = None  # File > Open Recent, once the menus are built
        self.unit_actions: dict[UnitSystem, QAction] = {}
        self.data_actions: DataActions | None = None

    @property
    def on_cars(self) -> tuple[QAction, ...]:
        return (self.cut, self.copy, self.paste, self.duplicate, self.delete, self.select_all, self.left, self.right,
                self.reverse)

    def action(self, text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = "") -> QAction:
        """An action of the window; the edit in progress in a field is committed before it runs."""
        a = QAction(text, self.window)
        if shortcut is not None:
            self.set_shortcuts(a, shortcut)
        if tip:
            a.setStatusTip(tip)

        def run(*_: object) -> None:
            self._finish_edit()
            slot()

        a.triggered.connect(run)
        return a

    def set_shortcuts(self, action: QAction, *specs: Any) -> None:
        """Give `action` these shortcuts (standard keys or sequences); `shortcuts.apply` settles clashes."""
        self.shortcut_specs[action] = specs
        # Once the actions are built, all again: a new action's shortcut may win over an older one's extra.
        shortcuts.apply(self.shortcut_specs if self._settled else {action: specs})

    def show_selection(self, selection: list[int]) -> None:
        """The commands on cars enabled when there are cars to act on."""
        for a in (self.cut, self.copy, self.duplicate, self.delete, self.left, self.right):
            a.setEnabled(bool(selection))
        self.reverse.setEnabled(len(selection) > 1)

    def build_menus(self, menus: tuple[QMenu, QMenu, QMenu, QMenu], preferences: Preferences,
                    open_path: Callable[[str], Any], data_actions: Callable[[QMenu], DataActions],
                    docks: list[QDockWidget]) -> None:
        """The File, Edit, View and Help menus. `data_actions(file_menu)` adds File's CSV and
        print entries; `docks` each get an entry of View that shows or hides it."""
        file, edit, view, help_menu = menus
        file.addActions([self.new, self.new_window, self.open])
        samples = file.addMenu("Open &Sample")
        for stem, path in io.sample_paths().items():
            samples.addAction(self.action(stem.replace("-", " ").capitalize(), partial(open_path, str(path))))
        self.recent_menu = file.addMenu("Open &Recent")
        self.fill_recent(preferences.recent_files, open_path)
        preferences.recent_changed.connect(lambda: self.fill_recent(preferences.recent_files, open_path))
        file.addSeparator()
        file.addActions([self.save, self.save_as, self.revert])
        file.addSeparator()
        file.addAction(self.export)
        self.data_actions = data_actions(file)
        self.set_shortcuts(self.data_actions.print_report, QKeySequence.StandardKey.Print)
        pages = file.addMenu("Report Page Si&ze")
        page_group = QActionGroup(self.window)
        for size, text in (("a4", "A4"), ("letter", "Letter")):
            a = QAction(text, self.window, checkable=True)
            a.setChecked(preferences.page_size == size)
            a.triggered.connect(lambda _=False, size=size: setattr(preferences, "page_size", size))
            page_group.addAction(a)
            pages.addAction(a)
        file.addSeparator()
        file.addActions([self.close, self.quit])
        edit.addActions([self.undo, self.redo])
        edit.addSeparator()
        edit.addActions([self.cut, self.copy, self.paste, self.duplicate, self.delete])
        edit.addSeparator()
        edit.addActions([self.select_all, self.left, self.right, self.reverse])
        view.addActions([self.zoom_in, self.zoom_out, self.fit])
        view.addSeparator()
        units = view.addMenu("&Units")
        group = QActionGroup(self.window)
        for u, text in ((UnitSystem.METRIC, "&Metric (km/h, km)"), (UnitSystem.IMPERIAL, "&Imperial (mph, miles)")):
            a = QAction(text, self.window, checkable=True)
            a.setChecked(preferences.units is u)
            a.triggered.connect(lambda _=False, u=u: setattr(preferences, "units", u))
            group.addAction(a)
            units.addAction(a)
            self.unit_actions[u] = a
        preferences.units_changed.connect(lambda: self.unit_actions[preferences.units].setChecked(True))
        view.addSeparator()
        for dock in docks:
            view.addAction(dock.toggleViewAction())
        help_menu.addActions([self.guide, self.shortcuts])
        help_menu.addSeparator()
        help_menu.addAction(self.about)

    def fill_recent(self, files: list[str], open_path: Callable[[str], Any]) -> None:
        assert self.recent_menu is not None
        self.recent_menu.clear()
        for f in files:
            self.recent_menu.addAction(self.action(f, partial(open_path, f)))
        self.recent_menu.setEnabled(bool(files))
