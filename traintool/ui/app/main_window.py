"""The main window: the layout view in the middle, the catalogue and inspector in docks, menus.

The window is built in two steps so that it is on screen about as soon as an empty Qt window
would be: first the frame (menu titles, the saved geometry, "Opening the armored train…"), then
`set_up` fills it with the document, the views and the docks, which need pydantic, the model
and the catalogue. This module imports those on first use, never at import; the same goes for
Qt's namespace of enums (`Qt`), whose creation alone costs 15 ms.
"""
from __future__ import annotations

from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QDockWidget, QFileDialog, QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea, QUndoView,
    QVBoxLayout, QWidget,
)

from ... import io  # a lazy package: nothing is loaded until a name of it is used
from ...errors import TraintoolError
from ...app_paths import resources_dir
from ...text import counted
from ...units import UnitSystem
from ..common import plain
from ..common.preferences import Preferences

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from ...model import Document
    from ..common.document_holder import DocumentHolder
    from .help import HelpDialog

FILE_FILTER = "traintool documents (*.consist.json);;All files (*)"
DOCK_SCALE_STEP = 200  # px: a change of the window's size by this much at once scales the docks with it


def is_shipped(path: Path) -> bool:
    """A file that ships with traintool (a sample, the default train): opened as an untitled copy, never overwritten."""
    try:
        return path.resolve().is_relative_to(resources_dir().resolve())
    except OSError:
        return False


def documents_dir() -> Path:
    """Where a new file is suggested: the user's documents folder (their home if the platform has none)."""
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def edits():
    """The edits module, imported on first use (the frame shows before the model loads)."""
    from ...model import edits as module

    return module


class _OpeningNote(QLabel):
    """The frame's centre until set_up: says what opens, and tells when the frame is on screen."""

    painted = Signal()

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not getattr(self, "_told", False):
            self._told = True
            self.painted.emit()


class MainWindow(QMainWindow):
    closed = Signal()  # the window was closed (its document saved or discarded)
    new_window_requested = Signal()
    frame_painted = Signal()  # the frame without its document is on screen: set_up may take its time now

    def __init__(self, document: Document | None = None, path: Path | None = None,
                 preferences: Preferences | None = None, *, persist_layout: bool = True, opening: str = "",
                 disk_state=None):
        """With a document, the whole window; without, only its frame saying "Opening `opening`…",
        to be filled by `set_up`. `persist_layout=False` (the --screenshot run) neither restores nor
        saves the window's layout."""
        super().__init__()
        self.setObjectName("MainWindow")
        from ..common import input_guard

        input_guard.install(cast(QApplication, QApplication.instance()))  # no value changed by a passing wheel
        self.preferences = preferences or Preferences()
        self._persist_layout = persist_layout
        self.holder: DocumentHolder = None  # type: ignore[assignment]  # set_up gives it; every method but set_up runs after
        self.disk_state = disk_state  # the file as last read or written (io.FileState): a save checks it is unchanged
        self.find_window: Callable[[Path], MainWindow | None] | None = None  # set by Windows: the window that has a file open already
        self._autosave_told = False  # an autosave failure is shown in a dialog once, then in the status bar
        self.is_ready = False  # set_up has run to its end (a failed one leaves a window that only closes)
        self.copy_of_shipped = False  # the document is an untitled copy of a shipped file (_as_opened)
        self.help_dialog: HelpDialog | None = None  # the guide, the shortcuts or About, when shown
        self.plots: QWidget | None = None  # built once the window is on screen (ensure_plots)
        self.setWindowIcon(QIcon(str(resources_dir() / "traintool.svg")))
        self.setWindowTitle(f"Opening {opening} — traintool" if opening else "traintool")
        # Centred by its markup (word-wrapped, the text is as wide as the label), not by Qt.AlignmentFlag.
        note = _OpeningNote(f'<p align="center">Opening {plain.escape(opening)}…</p>' if opening else "")
        note.setWordWrap(True)
        note.painted.connect(self.frame_painted)
        self.setCentralWidget(note)
        mb = self.menuBar()
        self.file_menu, self.edit_menu, self.view_menu = (mb.addMenu(t) for t in ("&File", "&Edit", "&View"))
        self.help_menu = mb.addMenu("&Help")
        self.resize(1400, 900)
        if self._persist_layout:
            geometry = self.preferences.settings.value("window/geometry")
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
        from .screen_fit import fit

        fit(self)  # a smaller screen (or a larger scale) than 1400×900, or than where it was saved
        if document is not None:
            self.set_up(document, path)

    def set_up(self, document: Document, path: Path | None = None) -> None:
        """Give the frame its document: build the views, the trip computation, the actions and menus."""
        from PySide6.QtCore import Qt

        from ..train.catalogue import CatalogueWidget
        from ..train.consist_figures import ConsistFigures
        from ..common.document_holder import DocumentHolder
        from ..train.inspector import Inspector
        from ..train.layout_view import LayoutView
        from ..train.overview import Overview
        from ..trip.trip_panel import install_trip

        assert cast("DocumentHolder | None", self.holder) is None, "set up once; holder.load() changes the document"
        path = self._as_opened(path)
        self.holder = DocumentHolder(document, path, self)
        self.undo_stack = self.holder.undo_stack
        self.layout_view = LayoutView(self.holder)
        self.overview = Overview(self.holder)
        centre = QWidget()
        box = QVBoxLayout(centre)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.overview)
        box.addWidget(self.layout_view, 1)
        self.setCentralWidget(centre)
        # The train: its layout and overview strip. The shortcuts that change or select cars act only with
        # the focus in here; elsewhere (a table, a field) the key is that widget's.
        self.train_area = centre
        self.catalogue = CatalogueWidget(io.catalogue())
        self.inspector = Inspector(self.holder, self.preferences)
        scroll = QScrollArea()  # a short dock scrolls the inspector rather than clipping it
        scroll.setWidget(self.inspector)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.undo_view = QUndoView(self.undo_stack)
        self.undo_view.setEmptyLabel("Opened")
        self.trip_computer, self.trip_panel, plots_placeholder = install_trip(self.holder, self.preferences, self)
        Area = Qt.DockWidgetArea
        self.catalogue_dock = self._dock("Catalogue", self.catalogue, Area.LeftDockWidgetArea)
        self.inspector_dock = self._dock("Inspector", scroll, Area.LeftDockWidgetArea)
        self.history_dock = self._dock("Undo history", self.undo_view, Area.RightDockWidgetArea)
        self.history_dock.hide()
        self.trip_dock = self._dock("Trip", self.trip_panel, Area.RightDockWidgetArea)
        self.plots_dock = self._dock("Plots", plots_placeholder, Area.BottomDockWidgetArea)
        self.figures = ConsistFigures(self.holder, self.preferences)
        self.figures_dock = self._dock("Consist figures", self.figures, Area.BottomDockWidgetArea)
        self.splitDockWidget(self.plots_dock, self.figures_dock, Qt.Orientation.Horizontal)  # beside the plots, as tall
        self.trip_panel.section_clicked.connect(lambda _i: self.plots_dock.show())
        from ..common.elided import ElidedLabel

        self.stats_label = ElidedLabel()  # ends with "…" where the window is too narrow for it
        self.statusBar().addWidget(self.stats_label, 1)

        from .autosave import Autosave

        self.autosave = Autosave(self.holder, parent=self)
        self.autosave.failed.connect(self._autosave_failed)
        if path is not None and self.disk_state is None:
            self.disk_state = io.file_state(path)
        self._build_actions()
        self._build_menus()
        self.setAcceptDrops(True)

        self.catalogue.append_requested.connect(lambda t: self.layout_view.insert_types(
            [t], len(self.holder.document.consist.cars)))
        self.layout_view.open_file_requested.connect(self.open_path)
        self.layout_view.visible_cars_changed.connect(self.overview.set_visible_cars)
        self.overview.car_clicked.connect(self.layout_view.centre_on_car)
        self.holder.edited.connect(lambda changes: self._update_status() if changes.consist or changes.name else None)
        self.holder.edit_refused.connect(self._refused)
        self.holder.selection_changed.connect(self._update_actions)
        self.holder.path_changed.connect(self._update_title)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.preferences.units_changed.connect(self._update_status)
        self.preferences.units_changed.connect(self._units_changed)
        self._units_changed()
        self.preferences.recent_changed.connect(self._fill_recent)
        self._update_status()
        self._update_title()
        self._update_actions()
        if self.isVisible():
            # Set up after the show (start-up): show the new content now (Qt would a turn later)
            # and lay it out, so that the dock sizes restored below hold against what it asks for.
            for w in (centre, self.statusBar(), self.catalogue_dock, self.inspector_dock, self.trip_dock,
                      self.plots_dock, self.figures_dock):
                w.show()
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            QTimer.singleShot(0, self.ensure_plots)
        self._restore_docks()
        self.is_ready = True

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """A dock named for the saved layout."""
        dock = QDockWidget(title, self)
        dock.setObjectName(title.replace(" ", "_").lower() + "_dock")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # --- actions and menus ------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        """An action of the window; the edit in progress in a field is committed before it runs."""
        from ..common.input_guard import finish_edit

        a = QAction(text, self)
        if shortcut is not None:
            self._shortcuts(a, shortcut)
        if tip:
            a.setStatusTip(tip)
        def run(*_) -> None:
            finish_edit()
            slot()

        a.triggered.connect(run)
        return a

    def _shortcuts(self, action: QAction, *specs) -> None:
        """Give `action` these shortcuts (standard keys or sequences); `shortcuts.apply` settles clashes."""
        from . import shortcuts

        self.shortcut_specs[action] = specs
        # Once the actions are built, all again: a new action's shortcut may win over an older one's extra.
        shortcuts.apply(self.shortcut_specs if self._shortcuts_settled else {action: specs})

    def _build_actions(self) -> None:
        from PySide6.QtCore import Qt

        from . import shortcuts

        S = QKeySequence.StandardKey
        self.shortcut_specs: dict[QAction, tuple] = {}  # each action's shortcuts as asked (tests check them on every platform)
        self._shortcuts_settled = False  # until the end of _build_actions: each action alone, then all at once
        self.act_new = self._action("&New", self.new_document, S.New)
        self.act_open = self._action("&Open…", self.open_dialog, S.Open)
        self.act_save = self._action("&Save", self.save, S.Save)
        self.act_save_as = self._action("Save &As…", self.save_as, S.SaveAs)
        self.act_revert = self._action("&Revert", self.revert)
        self.act_new_window = self._action("New &Window", lambda: self.new_window_requested.emit(), "Ctrl+Shift+N",
                                           "Open the armored train in a window of its own")
        self.act_close = self._action("&Close Window", self.close, S.Close)
        # Quit closes every window; a window whose changes the user keeps (Cancel) stops it.
        self.act_quit = self._action("&Quit", lambda: QApplication.closeAllWindows(), S.Quit)
        self.act_export = self._action("&Export PDF…", self.export_pdf, "Ctrl+E")
        self.act_undo = self._action("&Undo", self.undo_stack.undo, S.Undo)
        self.act_redo = self._action("&Redo", self.undo_stack.redo)
        self._shortcuts(self.act_redo, "Ctrl+Shift+Z", "Ctrl+Y")
        # Named for the step they undo or redo, enabled when there is one (as QUndoStack's own actions).
        for a, word, can, text in ((self.act_undo, "&Undo", self.undo_stack.canUndo, self.undo_stack.undoText),
                                   (self.act_redo, "&Redo", self.undo_stack.canRedo, self.undo_stack.redoText)):
            a.setEnabled(can())
            a.setText(f"{word} {text()}".strip())
        self.act_undo.setProperty("command", "Undo")  # its name in Help > Keyboard Shortcuts (help.COMMAND)
        self.act_redo.setProperty("command", "Redo")
        self.undo_stack.canUndoChanged.connect(self.act_undo.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.act_redo.setEnabled)
        self.undo_stack.undoTextChanged.connect(lambda t: self.act_undo.setText(f"&Undo {t}".strip()))
        self.undo_stack.redoTextChanged.connect(lambda t: self.act_redo.setText(f"&Redo {t}".strip()))
        self.act_cut = self._action("Cu&t", self.cut, S.Cut)
        self.act_copy = self._action("&Copy", self.copy, S.Copy)
        self.act_paste = self._action("&Paste", self.paste, S.Paste)
        self.act_duplicate = self._action("D&uplicate", self.duplicate, "Ctrl+D")  # wins over X11's Delete extra Ctrl+D
        self.act_delete = self._action("&Delete", self.delete, S.Delete)
        self.act_select_all = self._action("Select &All", self.select_all, S.SelectAll)
        self.act_left = self._action("Move &Left", lambda: self.shift(-1), "Alt+Left")
        self.act_right = self._action("Move &Right", lambda: self.shift(1), "Alt+Right")
        self.act_reverse = self._action("Re&verse Order", self.reverse)
        self.act_zoom_in = self._action("Zoom &In", self.layout_view.zoom_in, S.ZoomIn)
        self._shortcuts(self.act_zoom_in, S.ZoomIn, "Ctrl+=")
        self.act_zoom_out = self._action("Zoom &Out", self.layout_view.zoom_out, S.ZoomOut)
        self.act_fit = self._action("&Fit Whole Train", self.layout_view.fit, "Ctrl+0")
        self.act_guide = self._action("traintool &Guide", self.show_guide, S.HelpContents, "A short guide to the window")
        self.act_shortcuts = self._action("&Keyboard Shortcuts", self.show_shortcuts)
        self.act_about = self._action("&About traintool", self.show_about)
        self._shortcuts_settled = True
        shortcuts.apply(self.shortcut_specs)  # clashes settled (X11's Delete gives Ctrl+D up to Duplicate)
        for a in (self.act_cut, self.act_copy, self.act_paste, self.act_duplicate, self.act_delete, self.act_select_all,
                  self.act_left, self.act_right, self.act_reverse):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.train_area.addAction(a)
        for a in (self.act_zoom_in, self.act_zoom_out, self.act_fit):  # harmless anywhere in the window
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(a)
        # The layout view's right-click menu.
        self.layout_view.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_duplicate, self.act_delete])
        sep = QAction(self)
        sep.setSeparator(True)
        self.layout_view.addActions([sep, self.act_left, self.act_right, self.act_reverse])

    def _build_menus(self) -> None:
        file = self.file_menu
        file.addActions([self.act_new, self.act_new_window, self.act_open])
        samples = file.addMenu("Open &Sample")
        for stem, path in io.sample_paths().items():
            samples.addAction(self._action(stem.replace("-", " ").capitalize(), lambda _=False, p=path: self.open_path(str(p))))
        self.recent_menu = file.addMenu("Open &Recent")
        self._fill_recent()
        file.addSeparator()
        file.addActions([self.act_save, self.act_save_as, self.act_revert])
        file.addSeparator()
        file.addAction(self.act_export)
        from ..files.data_menu import add_data_actions  # File > Export CSV, Import Cars from CSV
        add_data_actions(self, file)
        pages = file.addMenu("Report Page Si&ze")
        page_group = QActionGroup(self)
        for size, text in (("a4", "A4"), ("letter", "Letter")):
            a = QAction(text, self, checkable=True)
            a.setChecked(self.preferences.page_size == size)
            a.triggered.connect(lambda _=False, size=size: setattr(self.preferences, "page_size", size))
            page_group.addAction(a)
            pages.addAction(a)
        file.addSeparator()
        file.addActions([self.act_close, self.act_quit])
        edit = self.edit_menu
        edit.addActions([self.act_undo, self.act_redo])
        edit.addSeparator()
        edit.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_duplicate, self.act_delete])
        edit.addSeparator()
        edit.addActions([self.act_select_all, self.act_left, self.act_right, self.act_reverse])
        view = self.view_menu
        view.addActions([self.act_zoom_in, self.act_zoom_out, self.act_fit])
        view.addSeparator()
        units = view.addMenu("&Units")
        group = QActionGroup(self)
        self.unit_actions: dict[UnitSystem, QAction] = {}
        for u, text in ((UnitSystem.METRIC, "&Metric (km/h, km)"), (UnitSystem.IMPERIAL, "&Imperial (mph, miles)")):
            a = QAction(text, self, checkable=True)
            a.setChecked(self.preferences.units is u)
            a.triggered.connect(lambda _=False, u=u: setattr(self.preferences, "units", u))
            group.addAction(a)
            units.addAction(a)
            self.unit_actions[u] = a
        self.preferences.units_changed.connect(
            lambda: self.unit_actions[self.preferences.units].setChecked(True))
        view.addSeparator()
        for dock in (self.catalogue_dock, self.inspector_dock, self.trip_dock, self.plots_dock, self.figures_dock,
                     self.history_dock):
            view.addAction(dock.toggleViewAction())

        self.help_menu.addActions([self.act_guide, self.act_shortcuts])
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.act_about)

    # --- help -----------------------------------------------------------------------------------
    def _help(self, title: str, html: str) -> None:
        """One help window at a time, not modal: the user can read it and work."""
        from .help import HelpDialog

        if self.help_dialog is not None:
            self.help_dialog.close()
        self.help_dialog = HelpDialog(title, html, self)
        self.help_dialog.show()

    def show_guide(self) -> None:
        from .help import guide_html

        self._help("traintool guide", guide_html())

    def show_shortcuts(self) -> None:
        from .help import shortcuts_html

        self._help("Keyboard shortcuts", shortcuts_html(self.menuBar()))

    def show_about(self) -> None:
        from .help import about_html

        self._help("About traintool", about_html(io.catalogue(), list(io.shipped_routes().values())))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for f in self.preferences.recent_files:
            self.recent_menu.addAction(self._action(f, lambda _=False, f=f: self.open_path(f)))
        self.recent_menu.setEnabled(bool(self.preferences.recent_files))

    def _update_actions(self) -> None:
        has = bool(self.holder.selection)
        for a in (self.act_cut, self.act_copy, self.act_duplicate, self.act_delete, self.act_left, self.act_right):
            a.setEnabled(has)
        self.act_reverse.setEnabled(len(self.holder.selection) > 1)

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def untitled_name(self) -> str:
        """The document's name, marked as a copy while it is an unsaved copy of a shipped file."""
        copy = self.copy_of_shipped and self.holder.path is None
        return self.holder.document.name + (" (copy)" if copy else "")

    def _update_title(self) -> None:
        where = f" — {self.holder.path}" if self.holder.path else ""
        self.setWindowTitle(f"{self.untitled_name()}[*]{where} — traintool")
        self.setWindowModified(self.holder.is_modified)
        self.act_revert.setEnabled(self.holder.path is not None and self.holder.is_modified)

    def _units_changed(self) -> None:
        units = self.preferences.units
        self.catalogue.set_units(units)
        self.layout_view.units = units

    def _update_status(self) -> None:
        st = self.holder.stats()
        u = self.preferences.units
        kinds = ", ".join(counted(n, k.label.lower()) for k, n in st.count_by_kind.items())
        from ...model.consist_figures import length_text

        self.stats_label.set_full_text(f"{counted(st.cars, 'car')} · {length_text(st.length_m, u)} · "
                                       f"{u.mass(st.mass_kg):,.0f} {u.mass_unit} · "
                                       f"max {u.speed(st.max_speed_m_s):.0f} {u.speed_unit} · {kinds or 'no cars'}")
        self._update_title()

    # --- editing ------------------------------------------------------------------------------
    def _edit(self, op, *args) -> None:
        """Run a consist edit on the selection; scroll to where its cars are now."""
        if self.holder.edit(op, *args) is None and self.holder.selection:
            self.layout_view.scroll_to_car(self.holder.selection[0])

    def _refused(self, error) -> None:
        from ...errors import user_message

        self.show_error("Not changed", user_message(error, self.preferences.units))

    def delete(self) -> None:
        if self.holder.selection:
            self._edit(edits().delete_cars, self.holder.selection)

    def copy(self) -> None:
        from ..train.clipboard import cars_to_mime

        if self.holder.selection:
            QApplication.clipboard().setMimeData(cars_to_mime(self.holder.document, self.holder.selection))

    def cut(self) -> None:
        if self.holder.selection:
            self.copy()
            self._edit(edits().delete_cars, self.holder.selection, "Cut")

    def paste(self) -> None:
        from ..train.clipboard import cars_from_mime

        try:
            got = cars_from_mime(QApplication.clipboard().mimeData())
        except TraintoolError as e:
            self._refused(e)
            return
        if got is None:
            from ..files.data_menu import paste_table  # rows from a spreadsheet

            if not paste_table(self, QApplication.clipboard().text()):
                self.statusBar().showMessage("Nothing to paste: the clipboard holds no traintool cars", 4000)
            return
        cars, types = got
        sel = self.holder.selection
        at = (max(sel) + 1) if sel else len(self.holder.document.consist.cars)
        self._edit(edits().paste_cars, at, cars, types)

    def duplicate(self) -> None:
        if self.holder.selection:
            self._edit(edits().duplicate_cars, self.holder.selection)

    def shift(self, step: int) -> None:
        if self.holder.selection:
            from ...model.edits import shift_cars

            if self.holder.edit(shift_cars, self.holder.selection, step, report=False) is None:
                self.layout_view.scroll_to_car(self.holder.selection[0])

    def reverse(self) -> None:
        if len(self.holder.selection) > 1:
            self._edit(edits().reverse_cars, self.holder.selection)

    def select_all(self) -> None:
        self.holder.set_selection(range(len(self.holder.document.consist.cars)))

    # --- files --------------------------------------------------------------------------------
    def show_error(self, title: str, message: str) -> None:
        """Tell the user what went wrong (tests replace this): every line printable and of a
        readable length, however long the key or name the message quotes."""
        from ...printable import printable_lines

        plain.tell(self, title, printable_lines(message))

    def ask_conflict(self, path: Path) -> str:
        """The file changed on disk since it was opened or saved: "overwrite", "save as" or
        "cancel" (tests replace this)."""
        from ...printable import printable

        box = QMessageBox(QMessageBox.Icon.Warning, "The file changed on disk",
                          f"“{printable(path.name, 120)}” was changed by another program (or another window) "
                          "since you opened or saved it. Overwrite those changes with yours?", parent=self)
        box.setTextFormat(plain.plain_format())
        overwrite = box.addButton("&Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        save_as = box.addButton("Save &As…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        return "overwrite" if clicked is overwrite else "save as" if clicked is save_as else "cancel"

    def _autosave_failed(self, why: str) -> None:
        from ...printable import printable

        self.statusBar().showMessage(printable(why))  # stays until the next message: the user must see it
        if not self._autosave_told:
            self._autosave_told = True
            self.show_error("Autosave failed", f"{why}\n\nYour unsaved work has no recovery copy until this is "
                                               "fixed: save it yourself. Later failures show in the status bar.")

    def confirm(self, title: str, question: str) -> bool:
        """A yes/no question (tests replace this)."""
        return plain.ask(self, title, question) == QMessageBox.StandardButton.Yes

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel for unsaved changes (tests replace this)."""
        return plain.ask(
            self, "Unsaved changes", f"Save the changes to “{self.holder.document.name}” first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document."""
        if not self.holder.is_modified:
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_document(self) -> None:
        if self.maybe_save():
            self.copy_of_shipped = False
            self.holder.load(edits().new_document(self.holder.document), None)
            self.disk_state = None
            self.layout_view.fit()

    def open_dialog(self) -> None:
        start = str(self.holder.path.parent) if self.holder.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open a consist", start, FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        """Open a document (read off the GUI thread); on failure say why and keep the current one
        untouched. A document another window has open already is brought forward instead."""
        from ..files.loading import load_document

        other = self.find_window(Path(path)) if self.find_window else None
        if other is not None:
            other.show()
            other.raise_()
            other.activateWindow()
            return True
        try:
            doc, state = load_document(path, self)
        except TraintoolError as e:
            self.show_error("Could not open the file", str(e))
            if not Path(path).exists():
                self.preferences.remove_recent(str(Path(path)))
            return False
        if not self.maybe_save():
            return False
        self.holder.load(doc, self._as_opened(Path(path)))
        self.disk_state = state if self.holder.path is not None else None
        self.preferences.add_recent(str(Path(path).resolve()))
        self.layout_view.fit()
        return True

    def _as_opened(self, path: Path | None) -> Path | None:
        """The path a document opened from `path` is saved to: none for a shipped file, which opens as
        an untitled copy ("… (copy)"), so that Save asks where and the shipped file stays as it is."""
        self.copy_of_shipped = path is not None and is_shipped(path)
        if self.copy_of_shipped:
            self.disk_state = None
            return None
        return path

    def restore_recovery(self, document: Document, original: Path | None) -> None:
        """Open recovered work as an unsaved change to its original file."""
        self.holder.load(document, self._as_opened(original))
        self.disk_state = io.file_state(self.holder.path) if self.holder.path else None
        self.undo_stack.resetClean()  # not saved anywhere yet: the title shows it modified
        self._update_title()
        self.layout_view.fit()

    def save(self) -> bool:
        if self.holder.path is None:
            return self.save_as()
        return self.save_to(self.holder.path)

    def save_as(self) -> bool:
        start = str(self.holder.path or documents_dir() / io.safe_file_name(self.untitled_name(), io.DOCUMENT_SUFFIX))
        path, _ = QFileDialog.getSaveFileName(self, "Save the consist", start, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(io.DOCUMENT_SUFFIX):
            path += io.DOCUMENT_SUFFIX
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        """Save; a file changed on disk since it was read or written here is not overwritten unasked."""
        if self.holder.path is not None and path == self.holder.path and self.disk_state is not None:
            if io.file_state(path) != self.disk_state:
                answer = self.ask_conflict(path)
                if answer == "save as":
                    return self.save_as()
                if answer != "overwrite":
                    return False
        try:
            io.save_document(self.holder.document, path)
        except TraintoolError as e:
            self.show_error("Could not save", str(e))
            return False
        self.disk_state = io.file_state(path)
        self.holder.mark_saved(path)
        self.preferences.add_recent(str(path.resolve()))
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def revert(self) -> None:
        if self.holder.path is None or not self.holder.is_modified:
            return
        if not self.confirm("Revert", f"Discard your changes and reload {self.holder.path.name} from disk?"):
            return
        from ..files.loading import load_document

        try:
            doc, state = load_document(self.holder.path, self)
        except TraintoolError as e:
            self.show_error("Could not revert", str(e))
            return
        self.holder.load(doc, self.holder.path)
        self.disk_state = state

    def export_pdf(self, _checked: bool = False, *, ask=None):
        """File > Export PDF: the report of the answer on screen, written in the background (the job
        is returned; `ask` stands for the file dialog in the tests)."""
        from ..files.export_report import export_pdf_interactive, report_file_name

        answer = self.trip_panel.range_computer.answer()
        if answer is None:
            c = self.trip_computer
            self.show_error("Nothing to report", c.error or self.holder.route_error or "The trip has not been computed.")
            return None
        suggested = report_file_name(self.holder.path, documents_dir() / io.safe_file_name(self.untitled_name(), ".pdf"))
        return export_pdf_interactive(self, answer, self.preferences.units, suggested, self.preferences.page_size,
                                      self.holder.path, self.holder.is_modified, ask=ask)

    # --- window -------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if any(u.toLocalFile().endswith(".json") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        for u in event.mimeData().urls():
            if u.toLocalFile().endswith(".json"):
                QTimer.singleShot(0, lambda p=u.toLocalFile(): self.open_path(p))
                event.acceptProposedAction()
                return

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.is_ready:  # closed while it opened (or failed to): nothing to lose, no layout to keep
            event.accept()
            self.closed.emit()
        elif self.maybe_save():
            self.autosave.remove()  # a clean close: nothing to recover
            if self._persist_layout:
                s = self.preferences.settings
                s.setValue("window/geometry", self.saveGeometry())
                s.setValue("window/state", self.saveState())
            event.accept()
            self.closed.emit()
        else:
            event.ignore()

    def _restore_docks(self) -> None:
        """The docks as the user left them; on a first run (or for --screenshot), sized to give the train room."""
        state = self.preferences.settings.value("window/state") if self._persist_layout else None
        self._layout_restored = isinstance(state, QByteArray) and self.restoreState(state)
        if self.isVisible():
            self._size_docks_first_run()

    def ensure_plots(self):
        """Build the plots dock's content if it is not yet there (it is left out of start-up)."""
        if self.plots is None:
            from ..trip.trip_panel import build_plots

            self.plots = build_plots(self.holder, self.preferences, self.trip_computer, self.trip_panel)
            self.plots_dock.setWidget(self.plots)
        return self.plots

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.is_ready:  # else set_up does this, once the docks are there
            if self.plots is None:
                QTimer.singleShot(0, self.ensure_plots)
            self._size_docks_first_run()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        old, new = event.oldSize(), event.size()
        if self.is_ready and old.isValid() and (abs(new.width() - old.width()) >= DOCK_SCALE_STEP
                                                or abs(new.height() - old.height()) >= DOCK_SCALE_STEP):
            self._scale_docks(new.width() / max(old.width(), 1), new.height() / max(old.height(), 1))

    def _scale_docks(self, wide: float, high: float) -> None:
        """A jump in size (maximized, restored, snapped to half the screen): the docks keep their share
        of the window, where Qt would give every pixel to the train and leave the trip panel as narrow."""
        from PySide6.QtCore import Qt

        def shown(*docks: QDockWidget) -> list[QDockWidget]:
            return [d for d in docks if d.isVisible() and not d.isFloating()]

        side = shown(self.catalogue_dock, self.trip_dock)
        if side and wide != 1:
            self.resizeDocks(side, [round(d.width() * wide) for d in side], Qt.Orientation.Horizontal)
        bottom = shown(self.plots_dock)
        if bottom and high != 1:
            self.resizeDocks(bottom, [round(d.height() * high) for d in bottom], Qt.Orientation.Vertical)

    def _size_docks_first_run(self) -> None:
        from PySide6.QtCore import Qt

        if not self._layout_restored:  # first run: give the train most of the room
            self._layout_restored = True
            self.resizeDocks([self.plots_dock], [max(self.height() // 4, 200)], Qt.Orientation.Vertical)
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # the heights after the plots took theirs
            # The inspector whole, the catalogue the rest (the catalogue scrolls well, the inspector does not).
            inspector = self.inspector_dock.sizeHint().height()
            both = self.catalogue_dock.height() + self.inspector_dock.height()
            self.resizeDocks([self.catalogue_dock, self.inspector_dock], [max(both - inspector, 150), inspector],
                             Qt.Orientation.Vertical)
            self.resizeDocks([self.trip_dock, self.catalogue_dock, self.figures_dock],
                             [400, 290, self.figures_dock.sizeHint().width()], Qt.Orientation.Horizontal)
