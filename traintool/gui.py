"""The `traintool-gui` program: the window only, never a command; what the desktop entry, the
file association and the bundle's windowed executable start.

It is a gui-script: on Windows it runs with no console window (and so with no stdout or stderr at
all). Its arguments are the window's: files to open, --new-instance, --exit-after-show, --screenshot.
A file that cannot be opened is said so in the window, where this program's user looks.
"""
from __future__ import annotations

import sys
from typing import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from .numpy_threads import use_one_blas_thread
    from .ui.app.app import run_gui

    use_one_blas_thread()
    return run_gui(list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    sys.exit(main())
