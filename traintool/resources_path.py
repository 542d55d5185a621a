"""Where the shipped resources are: inside the installed wheel, or beside the package in a checkout."""
from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The folder holding catalogue.json, routes/ and samples/."""
    checkout = Path(__file__).resolve().parent.parent / "resources"  # also where the bundled build puts them
    try:
        # The wheel's copy (an editable install maps it to the checkout). A plain import, not
        # importlib.resources, which costs the window's start 8 ms.
        from . import resources
    except ImportError:
        return checkout  # not installed: a source checkout
    installed = Path(resources.__file__).parent
    return installed if (installed / "catalogue.json").is_file() else checkout
