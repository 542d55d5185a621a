"""The folders traintool keeps its own files in (recovery files, crash logs, desktop files),
found in this one place."""
from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share as the XDG spec says: where the desktop entry goes."""
    env = os.environ.get("XDG_DATA_HOME")
    return Path(env) if env and os.path.isabs(env) else Path.home() / ".local" / "share"


def app_data_dir() -> Path:
    """traintool's own data folder: Qt's AppDataLocation for this platform (it names the
    organisation and the application set on the QApplication), or one under data_home() if Qt has none."""
    from PySide6.QtCore import QStandardPaths  # here, not at import: `traintool install-desktop` needs no Qt

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) if base else data_home() / "traintool"


def recovery_dir() -> Path:
    """Autosaved copies of unsaved documents."""
    return app_data_dir() / "recovery"


def crash_log_dir() -> Path:
    return app_data_dir() / "crash-logs"
