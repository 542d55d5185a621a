"""The report's default page size, from the locale (kept apart from the report: the window asks
for it at start-up, and the report's code loads numpy and the physics)."""
from __future__ import annotations

from PySide6.QtCore import QLocale


def default_page_size() -> str:
    """Letter where the locale measures in inches (the US), A4 elsewhere."""
    return "letter" if QLocale().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem else "a4"
