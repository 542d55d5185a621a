"""The PDF report, built with Qt's own paint system; the GUI and the command line both call it."""
from typing import TYPE_CHECKING

from .page_size import default_page_size

if TYPE_CHECKING:
    from .pdf import write_report


def __getattr__(name: str) -> object:
    # write_report loads the physics and numpy: only when a report is written.
    if name == "write_report":
        from .pdf import write_report

        return write_report
    raise AttributeError(f"module 'traintool.report' has no attribute {name!r}")


__all__ = ["default_page_size", "write_report"]
