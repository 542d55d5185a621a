"""The bundled programs' entry point. Both executables run this script (one analysis, one copy of
everything): traintool-gui starts the window, like the `traintool-gui` command; traintool is the
command line, like the `traintool` command."""
import multiprocessing
import sys
from pathlib import Path

if __name__ == "__main__":
    # The window computes long trips and ranges in a spawned process (ui/compute_process.py): in
    # the bundle that process starts this program again, and freeze_support makes it the worker.
    multiprocessing.freeze_support()
    if Path(sys.executable).stem == "traintool-gui":
        from traintool.gui import main
    else:
        from traintool.cli import main
    sys.exit(main())
