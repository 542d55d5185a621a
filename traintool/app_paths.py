"""The application's folders, in one place, where each platform's conventions put them.

- resources_dir(), what ships with traintool (catalogue.json, routes/, samples/, the icon): inside
  the installed wheel, beside the package in a checkout, or in the bundled app's folder;
- data_dir(), holding recovery/ (autosave) and crash-logs/: ~/.local/share/traintool on Linux
  ($XDG_DATA_HOME/traintool if set), ~/Library/Application Support/traintool on macOS,
  %LOCALAPPDATA%\\traintool on Windows (local, not roaming: a recovery file can be 20 MB);
- cache_dir(), figures kept to save computing them again (the published-timings check):
  ~/.cache/traintool on Linux ($XDG_CACHE_HOME/traintool if set), ~/Library/Caches/traintool on
  macOS, %LOCALAPPDATA%\\traintool\\cache on Windows; anything there may be deleted at any time;
- the settings (QSettings): ~/.config/traintool/traintool.conf on Linux, the
  com.traintool.traintool preferences on macOS, HKEY_CURRENT_USER\\Software\\traintool\\traintool on Windows;
- the single-instance socket's folder (ui/instance.py: socket_folder) must be private, so it checks
  $XDG_RUNTIME_DIR itself rather than take what Qt offers;
- xdg_data_home(), where `traintool install-desktop` puts the menu entry, icon and MIME types (Linux).

Qt's QStandardPaths gives these once the application's names are set (set_names()). The
organisation name is left empty on purpose: Qt puts it into every data path, before the
application name, which made .../traintool/traintool/... QSettings takes the organisation
domain when the name is empty, so the settings stay where they always were.

Qt is imported inside the functions: the command line imports this module without loading Qt,
and the model and io layers never need a folder of their own (they are handed paths).
"""
from __future__ import annotations

import importlib
import os
from functools import cache
from pathlib import Path

APP_NAME = "traintool"


@cache
def resources_dir() -> Path:
    """The folder holding catalogue.json, routes/ and samples/."""
    checkout = Path(__file__).resolve().parent.parent / "resources"  # also where the bundled build puts them
    if (checkout / "catalogue.json").is_file():
        return checkout  # this tree's own: an editable install's finder may point at another checkout
    try:
        # The wheel's copy (an editable install maps it to the checkout). An import, not
        # importlib.resources, which costs the window's start 8 ms; by name, because
        # traintool.resources holds data only, and a `from . import` would read to import-linter
        # as an import of the whole package (the root's API, above this base layer).
        resources = importlib.import_module("traintool.resources")
    except ImportError:
        return checkout  # not installed: a source checkout
    if resources.__file__ is None:  # a namespace package: no folder of its own
        return checkout
    installed = Path(resources.__file__).parent
    return installed if (installed / "catalogue.json").is_file() else checkout


def set_names() -> None:
    """The names QStandardPaths and QSettings build their paths from; the same every time."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName("")
    QCoreApplication.setOrganizationDomain(APP_NAME)


def data_dir() -> Path:
    """The application's own data folder (local to this machine: Windows does not roam it)."""
    from PySide6.QtCore import QStandardPaths

    set_names()
    where = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(where) if where else Path.home() / ".local" / "share" / APP_NAME


def cache_dir() -> Path:
    """Where figures that can be computed again are kept (the published-timings check's)."""
    from PySide6.QtCore import QStandardPaths

    set_names()
    where = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(where) if where else Path.home() / ".cache" / APP_NAME


def recovery_dir() -> Path:
    """Where autosave writes unsaved work until the document is saved or closed."""
    return data_dir() / "recovery"


def crash_log_dir() -> Path:
    """Where an unexpected error's report is written."""
    return data_dir() / "crash-logs"


def xdg_data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share as the XDG spec says: where a Linux desktop looks for
    applications, icons and MIME types installed for one user."""
    env = os.environ.get("XDG_DATA_HOME")
    return Path(env) if env and os.path.isabs(env) else Path.home() / ".local" / "share"
