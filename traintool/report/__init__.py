"""The PDF report, built with Qt's own paint system; the GUI and the command line both call it."""
from .pdf import default_page_size, write_report

__all__ = ["default_page_size", "write_report"]
