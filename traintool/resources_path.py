"""Where the shipped resources are: inside the installed wheel, or beside the package in a checkout."""
from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The folder holding catalogue.json, routes/ and samples/."""
    checkout = Path(__file__).resolve().parent.parent / "resources"
    try:
        from importlib.resources import files

        installed = Path(str(files("traintool.resources")))
        if (installed / "catalogue.json").is_file():
            return installed
    except (ModuleNotFoundError, TypeError):
        pass  # not installed as a wheel: a source checkout
    return checkout
