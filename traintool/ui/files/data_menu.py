"""File > Export CSV and File > Import Cars from CSV: the trip's numbers out to a spreadsheet, cars in
(and File > Print and Print Preview, from print_report).

The CSV itself is made and read by traintool.io (csv_export, csv_import), without Qt; this module
only asks where, and reports.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from ... import io
from ...errors import TraintoolError
from ...io.csv_export import CsvKind, write_csv
from .document_window import DocumentWindow

_KIND_TEXT = {CsvKind.LEGS: "&Legs…", CsvKind.REFITS: "&Refit Steps…", CsvKind.CARS: "&Cars…",
              CsvKind.PROFILE: "Speed &Profile (every 100 m)…", CsvKind.TIMETABLE: "&Timetable…"}


@dataclass(frozen=True)
class DataActions:
    csv_menu: QMenu  # File > Export CSV
    import_csv: QAction
    csv_bom: QAction  # checked: the CSVs written begin with a byte-order mark
    print_preview: QAction
    print_report: QAction  # the window gives it its shortcut (it settles every shortcut's clashes)


def add_data_actions(window: DocumentWindow, file_menu: QMenu) -> DataActions:
    """The Export CSV submenu, the import action, Print Preview and Print, added to the File menu."""
    menu = QMenu("Export &CSV", file_menu)
    for kind, text in _KIND_TEXT.items():
        a = QAction(text, menu)
        a.triggered.connect(lambda _=False, kind=kind: export_csv(window, kind))
        menu.addAction(a)
    menu.addSeparator()
    bom = QAction("With a &Byte-Order Mark (for Spreadsheets That Need One)", menu)
    bom.setCheckable(True)
    bom.setChecked(window.preferences.csv_bom)
    bom.toggled.connect(lambda on: setattr(window.preferences, "csv_bom", on))
    menu.addAction(bom)
    file_menu.addMenu(menu)
    imp = QAction("&Import Cars from CSV…", file_menu)
    imp.triggered.connect(lambda _=False: import_cars(window))
    file_menu.addAction(imp)
    # Printing (and the report it paints) loads when asked for, not at start-up.
    preview = QAction("Print Pre&view…", file_menu)
    preview.triggered.connect(lambda _=False: _printing().print_preview(window))
    printing = QAction("&Print…", file_menu)
    printing.triggered.connect(lambda _=False: _printing().print_report(window))
    file_menu.addActions([preview, printing])
    return DataActions(menu, imp, bom, preview, printing)


def _printing():
    from . import print_report

    return print_report


def export_csv(window: DocumentWindow, kind: CsvKind, path: str | None = None) -> Path | None:
    """Ask where (unless `path` is given), then write the CSV of `kind` for the trip on screen."""
    c, route, doc = window.trip_computer, window.holder.route, window.holder.document
    if route is None or (kind is not CsvKind.CARS and c.result is None):
        window.show_error("Nothing to export", c.error or window.holder.route_error or "The trip has not been computed.")
        return None
    if path is None:
        stem = window.holder.path.name.split(".")[0] if window.holder.path else io.safe_file_name(doc.name, "")
        folder = window.holder.path.parent if window.holder.path else Path.home()
        path, _ = QFileDialog.getSaveFileName(window.window(), f"Export the {kind.value} as CSV",
                                              str(folder / f"{stem}-{kind.value}.csv"), "CSV (*.csv)")
        if not path:
            return None
        if not path.lower().endswith(".csv"):
            path += ".csv"
    answer = window.range_computer.answer()  # the trip on screen, with the document it is of
    trip = answer.trip if answer is not None else None
    if answer is not None and kind is not CsvKind.CARS:
        doc, route = answer.document, answer.route
    try:
        ranged = answer.range if answer is not None else None  # the timetable's ranges, once the range has come
        written = write_csv(path, kind, doc, route, trip, window.preferences.units,
                            not_onto=[window.holder.path] if window.holder.path else [], bom=window.preferences.csv_bom,
                            bands=ranged.bands if ranged is not None else None)
    except TraintoolError as e:
        window.show_error("Could not export the CSV", str(e))
        return None
    window.statusBar().showMessage(f"Wrote {written or path}", 5000)
    return written


def _types(window: DocumentWindow) -> list:
    """The types a table may name: the document's, then the catalogue's it does not have."""
    doc = window.holder.document
    return list(doc.car_types) + [t for t in io.catalogue() if t.id not in doc.type_by_id()]


def _insert(window: DocumentWindow, read: Callable[[], tuple[list, list]]) -> bool:
    """Read every row (`read`), then insert all the cars after the selection as one undo step; False if refused."""
    from ...model import edits

    try:
        cars, types = read()
    except TraintoolError as e:
        window.show_error("No cars imported", str(e))
        return False
    doc = window.holder.document
    sel = window.holder.selection
    at = (max(sel) + 1) if sel else len(doc.consist.cars)
    window.edit_cars(edits.insert_cars, at, cars, types, "Import")
    return True


def import_cars(window: DocumentWindow, path: str | None = None) -> bool:
    """File > Import Cars from CSV: read and checked off the window's thread (bounded: csv_import's
    MAX_CSV_BYTES and MAX_ROWS), every row first; all inserted as one undo step, or none."""
    from ...io.csv_import import read_cars_csv
    from ...printable import printable
    from .loading import off_the_window_thread

    if path is None:
        folder = window.holder.path.parent if window.holder.path else Path.home()
        path, _ = QFileDialog.getOpenFileName(window.window(), "Import cars from CSV", str(folder),
                                              "CSV or tab-separated text (*.csv *.tsv *.txt);;All files (*)")
        if not path:
            return False
    types, units, chosen = _types(window), window.preferences.units, path
    return _insert(window, lambda: off_the_window_thread(lambda _tell: read_cars_csv(chosen, types, units),
                                                         printable(Path(chosen).name, 120), window.window(),
                                                         "import-cars"))


def paste_table(window: DocumentWindow, text: str) -> bool:
    """Rows pasted from a spreadsheet (tab-separated): False when `text` is no table (not handled)."""
    from ...io.csv_import import parse_cars

    if "\t" not in text:
        return False
    types, units = _types(window), window.preferences.units
    return _insert(window, lambda: parse_cars(text, types, "the pasted table", units)) or True
