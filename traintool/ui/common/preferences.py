"""The user's preferences, kept with QSettings between runs."""
from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal

from ...units import UnitSystem

MAX_RECENT = 10


class Preferences(QObject):
    units_changed = Signal()
    recent_changed = Signal()

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings or QSettings()

    @property
    def units(self) -> UnitSystem:
        value = self.settings.value("units", UnitSystem.METRIC.value)
        try:
            return UnitSystem(value)
        except ValueError:
            return UnitSystem.METRIC

    @units.setter
    def units(self, units: UnitSystem) -> None:
        if units != self.units:
            self.settings.setValue("units", UnitSystem(units).value)
            self.units_changed.emit()

    @property
    def csv_bom(self) -> bool:
        """Begin an exported CSV with a UTF-8 byte-order mark (for spreadsheets that need one)."""
        return str(self.settings.value("csv/bom", "false")).lower() == "true"

    @csv_bom.setter
    def csv_bom(self, on: bool) -> None:
        self.settings.setValue("csv/bom", "true" if on else "false")

    @property
    def page_size(self) -> str:
        """The report's page size: 'a4' or 'letter'; until chosen, the locale's."""
        value = self.settings.value("report/page_size")
        if value in ("a4", "letter"):
            return str(value)
        from ...report import default_page_size

        return default_page_size()

    @page_size.setter
    def page_size(self, value: str) -> None:
        if value not in ("a4", "letter"):
            raise ValueError(f"page size {value!r}: a4 or letter")
        self.settings.setValue("report/page_size", value)

    @property
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):  # QSettings gives one entry as a plain string
            value = [value]
        if not isinstance(value, list):  # anything else in a settings file edited by hand: no recent files
            return []
        return [str(v) for v in value][:MAX_RECENT]

    def add_recent(self, path: str) -> None:
        files = [path] + [f for f in self.recent_files if f != path]
        self.settings.setValue("recent_files", files[:MAX_RECENT])
        self.recent_changed.emit()

    def remove_recent(self, path: str) -> None:
        self.settings.setValue("recent_files", [f for f in self.recent_files if f != path])
        self.recent_changed.emit()
