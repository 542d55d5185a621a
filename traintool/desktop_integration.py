"""Install traintool's desktop entry, icon and MIME types for the current user (XDG, no root).

After `traintool install-desktop`, a double-click on a `.consist.json` opens it in traintool: the
entry starts `traintool-gui`, the windowed program. (Linux and the BSDs: macOS and Windows have
neither XDG entries nor MIME files; there the bundled app, or a shortcut to traintool-gui, is the way.)
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .app_paths import resources_dir, xdg_data_home
from .errors import SaveError, TraintoolError
from .io.safe_write import write_file
from .printable import printable

DESKTOP_ID = "traintool.desktop"


@dataclass(frozen=True)
class DesktopFiles:
    desktop: Path
    icon: Path
    mime: Path

    def all(self) -> list[Path]:
        return [self.desktop, self.icon, self.mime]


def desktop_files(home: Path | None = None) -> DesktopFiles:
    h = home or xdg_data_home()
    return DesktopFiles(desktop=h / "applications" / DESKTOP_ID,
                        icon=h / "icons" / "hicolor" / "scalable" / "apps" / "traintool.svg",
                        mime=h / "mime" / "packages" / "traintool.xml")


GUI_PROGRAM = "traintool-gui"


def launch_command() -> list[str]:
    """How the desktop entry starts this traintool's window: the traintool-gui beside this Python
    (a virtual environment's, or the bundle's own executable), else the one on PATH, else `python -m`."""
    script = Path(sys.executable).with_name(GUI_PROGRAM)
    if script.is_file():
        return [str(script)]
    found = shutil.which(GUI_PROGRAM)
    if found:
        return [found]
    return [sys.executable, "-m", "traintool.gui"]


# The Desktop Entry spec's reserved characters: an argument holding one must be quoted.
_RESERVED = frozenset(' \t\n"\'\\><~|&;$*?#()`')


def exec_argument(arg: str) -> str:
    """One argument of an Exec line, per the Desktop Entry spec: a literal % doubled (field codes),
    quoted when it holds a reserved character, with " ` $ \\ escaped inside the quotes."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in _RESERVED for c in arg):
        return arg
    return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'


def string_value(text: str) -> str:
    """A string value of a desktop file: backslash, newline, tab and return escaped (applied
    after the Exec quoting: a backslash in a quoted argument becomes four)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def desktop_entry_text() -> str:
    text = (resources_dir() / DESKTOP_ID).read_text(encoding="utf-8")
    command = " ".join(exec_argument(a) for a in launch_command())
    return text.replace(f"Exec={GUI_PROGRAM} %F", f"Exec={string_value(command)} %F")


def _refresh_caches(home: Path) -> None:
    # Desktop environments read these caches; the tools are optional, so a missing one is fine.
    for cmd in (["update-mime-database", str(home / "mime")], ["update-desktop-database", str(home / "applications")]):
        if shutil.which(cmd[0]):
            try:
                subprocess.run(cmd, check=False, capture_output=True, timeout=60)
            except (OSError, subprocess.SubprocessError):
                pass  # a cache refreshed later by the desktop itself: the files are in place


def install(home: Path | None = None) -> list[Path]:
    """Write the entry, the icon and the MIME types; running it again rewrites the same files."""
    if sys.platform in ("win32", "darwin"):
        raise TraintoolError("install-desktop writes a Linux (XDG) desktop entry; on macOS, put the bundled "
                             "traintool.app in Applications, and on Windows, make a shortcut to traintool-gui")
    h = home or xdg_data_home()
    files = desktop_files(h)
    res = resources_dir()
    for path, content in ((files.desktop, desktop_entry_text().encode()),
                          (files.icon, (res / "traintool.svg").read_bytes()),
                          (files.mime, (res / "traintool-mime.xml").read_bytes())):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:  # not ours to write, or a file where a folder should be
            raise SaveError(f"{printable(path)}: could not be written: the folder {printable(path.parent)} "
                            f"cannot be made: {e.strerror or e}") from None
        write_file(path, content)
    _refresh_caches(h)
    return files.all()


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what install() wrote; returns what was there to remove."""
    h = home or xdg_data_home()
    removed = []
    for path in desktop_files(h).all():
        if path.exists():
            try:
                path.unlink()
            except OSError as e:
                raise SaveError(f"{printable(path)}: could not be removed: {e.strerror or e}") from None
            removed.append(path)
    _refresh_caches(h)
    return removed
