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
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication, QDockWidget, QFrame, QLabel, QMainWindow, QMessageBox, QScrollArea, QUndoView,
    QVBoxLayout, QWidget,
)

from ... import io  # a lazy package: nothing is loaded until a name of it is used
from ...app_paths import resources_dir
from ...text import counted
from ..common import plain
from ..common.preferences import Preferences
from . import dock_sizes
from .document_file import DocumentFile, is_shipped
from .car_editing import CarEditing
from .help import HelpWindows
from .window_actions import WindowActions

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

    from ...model import Document
    from ..common.document_holder import DocumentHolder



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
                 disk_state: io.FileState | None = None, find_window: Callable[[Path], MainWindow | None] | None = None):
        """With a document, the whole window; without, only its frame saying "Opening `opening`…",
        to be filled by `set_up`. `persist_layout=False` (the --screenshot run) neither restores nor
        saves the window's layout. `disk_state`: the file as it was read; `find_window(path)`: the
        window that has a file open already (File > Open of it brings that window forward)."""
        super().__init__()
        self.setObjectName("MainWindow")
        from ..common import input_guard

        input_guard.install(cast(QApplication, QApplication.instance()))  # no value changed by a passing wheel
        self.preferences = preferences or Preferences()
        self._persist_layout = persist_layout
        self.holder: DocumentHolder = None  # type: ignore[assignment]  # set_up gives it; every method but set_up runs after
        self._find_window = find_window  # for the document's file, made by set_up
        self._autosave_told = False  # an autosave failure is shown in a dialog once, then in the status bar
        self.is_ready = False  # set_up has run to its end (a failed one leaves a window that only closes)
        self.help = HelpWindows(self)
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
            self.set_up(document, path, disk_state)

    def set_up(self, document: Document, path: Path | None = None, disk_state: io.FileState | None = None) -> None:
        """Give the frame its document: build the views, the trip computation, the actions and menus.
        `disk_state`: the file at `path` as it was read (read again here if not given)."""
        from PySide6.QtCore import Qt

        from ..train.catalogue import CatalogueWidget
        from ..train.consist_figures import ConsistFigures
        from ..common.document_holder import DocumentHolder
        from ..train.inspector import Inspector
        from ..train.layout_view import LayoutView
        from ..train.overview import Overview
        from ..trip.compose import install_trip

        assert cast("DocumentHolder | None", self.holder) is None, "set up once; holder.load() changes the document"
        shipped = path is not None and is_shipped(path)  # opened as an untitled copy
        self.holder = DocumentHolder(document, None if shipped else path, self)
        self.undo_stack = self.holder.undo_stack
        self.layout_view = LayoutView(self.holder)
        if path is not None and not shipped and disk_state is None:
            disk_state = io.file_state(path)
        self.car_editing = CarEditing(self, self.layout_view.scroll_to_car)
        self.file = DocumentFile(self, self.holder, self.preferences, document_shown=self._document_shown,
                                 find_window=self._find_window, disk_state=None if shipped else disk_state,
                                 copy_of_shipped=shipped)
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
        self.trip_computer, self.range_computer, self.trip_panel, plots_placeholder = install_trip(
            self.holder, self.preferences, self)
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
        from ..files.data_menu import add_data_actions  # File > Export CSV, Import Cars from CSV, Print

        self.commands = WindowActions(self, file=self.file, cars=self.car_editing, help=self.help,
                                      undo_stack=self.undo_stack, layout_view=self.layout_view,
                                      train_area=self.train_area, new_window=lambda: self.new_window_requested.emit(),
                                      export_pdf=self.export_pdf)
        self.commands.build_menus((self.file_menu, self.edit_menu, self.view_menu, self.help_menu), self.preferences,
                                  self.file.open_path, lambda menu: add_data_actions(self, menu),
                                  [self.catalogue_dock, self.inspector_dock, self.trip_dock, self.plots_dock,
                                   self.figures_dock, self.history_dock])
        self.setAcceptDrops(True)

        self.catalogue.append_requested.connect(lambda t: self.layout_view.insert_types(
            [t], len(self.holder.document.consist.cars)))
        self.layout_view.open_file_requested.connect(self.file.open_path)
        self.layout_view.visible_cars_changed.connect(self.overview.set_visible_cars)
        self.overview.car_clicked.connect(self.layout_view.centre_on_car)
        self.holder.edited.connect(lambda changes: self._update_status() if changes.consist or changes.name else None)
        self.holder.edit_refused.connect(self.car_editing.refused)
        self.holder.selection_changed.connect(lambda: self.commands.show_selection(self.holder.selection))
        self.holder.path_changed.connect(self._update_title)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.preferences.units_changed.connect(self._update_status)
        self.preferences.units_changed.connect(self._units_changed)
        self._units_changed()
        self._update_status()
        self._update_title()
        self.commands.show_selection(self.holder.selection)
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

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _document_shown(self) -> None:
        """Another document in the window (or recovered work): the whole train, and the title."""
        self._update_title()
        self.layout_view.fit()

    def _update_title(self) -> None:
        where = f" — {self.holder.path}" if self.holder.path else ""
        self.setWindowTitle(f"{self.file.untitled_name()}[*]{where} — traintool")
        self.setWindowModified(self.holder.is_modified)
        self.commands.revert.setEnabled(self.holder.path is not None and self.holder.is_modified)

    def _units_changed(self) -> None:
        units = self.preferences.units
        self.catalogue.set_units(units)
        self.layout_view.set_units(units)

    def _update_status(self) -> None:
        st = self.holder.stats()
        u = self.preferences.units
        kinds = ", ".join(counted(n, k.label.lower()) for k, n in st.count_by_kind.items())
        from ...model.consist_figures import length_text

        self.stats_label.set_full_text(f"{counted(st.cars, 'car')} · {length_text(st.length_m, u)} · "
                                       f"{u.mass(st.mass_kg):,.0f} {u.mass_unit} · "
                                       f"max {u.speed(st.max_speed_m_s):.0f} {u.speed_unit} · {kinds or 'no cars'}")
        self._update_title()

    # --- editing and files ----------------------------------------------------------------------
    def edit_cars(self, op, *args) -> None:
        self.car_editing.edit(op, *args)

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

    def export_pdf(self, _checked: bool = False, *, ask=None):
        """File > Export PDF: the report of the answer on screen, written in the background (the job
        is returned; `ask` stands for the file dialog in the tests)."""
        from ..files.export_report import export_pdf_interactive, report_file_name
        from .document_file import documents_dir

        answer = self.range_computer.answer()
        if answer is None:
            c = self.trip_computer
            self.show_error("Nothing to report", c.error or self.holder.route_error or "The trip has not been computed.")
            return None
        suggested = report_file_name(self.holder.path, documents_dir() / io.safe_file_name(self.file.untitled_name(), ".pdf"))
        return export_pdf_interactive(self, answer, self.preferences.units, suggested, self.preferences.page_size,
                                      self.holder.path, self.holder.is_modified, ask=ask)

    # --- window -------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if any(u.toLocalFile().endswith(".json") for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        for u in event.mimeData().urls():
            if u.toLocalFile().endswith(".json"):
                QTimer.singleShot(0, lambda p=u.toLocalFile(): self.file.open_path(p))
                event.acceptProposedAction()
                return

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.is_ready:  # closed while it opened (or failed to): nothing to lose, no layout to keep
            event.accept()
            self.closed.emit()
        elif self.file.maybe_save():
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
            from ..trip.compose import build_plots

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
        if self.is_ready and old.isValid() and dock_sizes.is_jump(old.width(), old.height(), new.width(), new.height()):
            self._scale_docks(new.width() / max(old.width(), 1), new.height() / max(old.height(), 1))

    def _scale_docks(self, wide: float, high: float) -> None:
        dock_sizes.scale(self, [self.catalogue_dock, self.trip_dock], [self.plots_dock], wide, high)

    def _size_docks_first_run(self) -> None:
        if not self._layout_restored:
            self._layout_restored = True
            dock_sizes.first_run(self, plots=self.plots_dock, catalogue=self.catalogue_dock,
                                 inspector=self.inspector_dock, trip=self.trip_dock, figures=self.figures_dock)
