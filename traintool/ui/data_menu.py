"""File > Export CSV and File > Import Cars from CSV: the trip's numbers out to a spreadsheet, cars in.

The CSV itself is made and read by traintool.io (csv_export, csv_import), without Qt; this module
only asks where, and reports.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from .. import io
from ..errors import TraintoolError
from ..io.csv_export import CsvKind, write_csv

if TYPE_CHECKING:
    from .main_window import MainWindow

_KIND_TEXT = {CsvKind.LEGS: "&Legs…", CsvKind.REFITS: "&Refit Steps…", CsvKind.CARS: "&Cars…",
              CsvKind.PROFILE: "Speed &Profile (every 100 m)…"}


def add_data_actions(window: MainWindow, file_menu: QMenu) -> None:
    """The Export CSV submenu and the import action, added to the File menu."""
    menu = QMenu("Export &CSV", file_menu)
    for kind, text in _KIND_TEXT.items():
        a = QAction(text, menu)
        a.triggered.connect(lambda _=False, kind=kind: export_csv(window, kind))
        menu.addAction(a)
    file_menu.addMenu(menu)
    window.csv_menu = menu  # type: ignore[attr-defined]  # for the tests


def export_csv(window: MainWindow, kind: CsvKind, path: str | None = None) -> Path | None:
    """Ask where (unless `path` is given), then write the CSV of `kind` for the trip on screen."""
    c, route, doc = window.trip_computer, window.holder.route, window.holder.document
    if route is None or (kind is not CsvKind.CARS and c.result is None):
        window.show_error("Nothing to export", c.error or window.holder.route_error or "The trip has not been computed.")
        return None
    if path is None:
        stem = window.holder.path.name.split(".")[0] if window.holder.path else io.safe_file_name(doc.name, "")
        folder = window.holder.path.parent if window.holder.path else Path.home()
        path, _ = QFileDialog.getSaveFileName(window, f"Export the {kind.value} as CSV",
                                              str(folder / f"{stem}-{kind.value}.csv"), "CSV (*.csv)")
        if not path:
            return None
        if not path.lower().endswith(".csv"):
            path += ".csv"
    try:
        written = write_csv(path, kind, doc, route, c.result, window.preferences.units,
                            not_onto=[window.holder.path] if window.holder.path else [])
    except TraintoolError as e:
        window.show_error("Could not export the CSV", str(e))
        return None
    window.statusBar().showMessage(f"Wrote {written}", 5000)
    return written
